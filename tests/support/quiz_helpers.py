"""Helpers shared by the quiz and progress browser tests."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

# Progress is kept per exam (store.js); the bundled exam's id is mls-c01.
STORAGE_KEY = "studysite:progress:v2:mls-c01"


def quiz_pages(site: Path) -> list[str]:
    """Site-relative URLs of the topic pages that end with a quiz, in a stable order."""
    pages = []
    for html in sorted(site.glob("domain-*/*/index.html")):
        if 'data-ss-quiz="topic-' in html.read_text(encoding="utf-8"):
            pages.append(html.parent.relative_to(site).as_posix() + "/")
    return pages


def questions_page(site: Path) -> str:
    """Site-relative URL of the first domain's practice-question page."""
    return (
        sorted(site.glob("domain-*/questions/index.html"))[0].parent.relative_to(site).as_posix()
        + "/"
    )


def open_quiz(page: Any, url: str) -> None:
    """Open ``url`` and wait until its quiz is interactive."""
    page.goto(url)
    page.wait_for_selector(".ss-quiz--live")


# The authored index (data-ss-option) of each element found, in document order.
_OPTION_INDEXES = "els => els.map(e => e.getAttribute('data-ss-option'))"


def correct_indexes(question: Any) -> list[str]:
    """Authored indexes of the right options, read from the static markup."""
    return question.locator(".ss-option[data-ss-correct]").evaluate_all(_OPTION_INDEXES)  # type: ignore[no-any-return]


def wrong_indexes(question: Any) -> list[str]:
    """Authored indexes of the wrong options."""
    return question.locator(".ss-option:not([data-ss-correct])").evaluate_all(_OPTION_INDEXES)  # type: ignore[no-any-return]


def shown_order(question: Any) -> list[str]:
    """Authored indexes of a question's options in the order the quiz shows them."""
    return question.locator(".ss-choice").evaluate_all(_OPTION_INDEXES)  # type: ignore[no-any-return]


def shown_orders(page: Any) -> list[str]:
    """Every question's shown order on ``page``, as its authored indexes joined ("2013")."""
    return page.locator(".ss-choices").evaluate_all(  # type: ignore[no-any-return]
        "lists => lists.map(l => [...l.children].map(c => c.getAttribute('data-ss-option')).join(''))"
    )


def choice(question: Any, index: str) -> Any:
    """The interactive option with authored index ``index``."""
    return question.locator(f'.ss-choice[data-ss-option="{index}"]')


def shown_letter(question: Any, index: str) -> str:
    """Letter the option with authored index ``index`` has on screen now."""
    return str(choice(question, index).locator(".ss-choice__letter").text_content())


def live_text(page: Any) -> str:
    """What the quiz's live region says (without the repeat marker)."""
    return str(page.locator(".ss-quiz [role=status]").text_content()).replace("\u00a0", "").strip()


def stored(page: Any) -> dict[str, Any]:
    """The progress kept in localStorage, parsed."""
    raw = page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    return json.loads(raw) if raw else {}


def score(page: Any) -> str:
    """The score line of the page's quiz."""
    return str(page.locator(".ss-quiz__score").text_content())


def score_right(text: str) -> tuple[int, int]:
    """(right, total) from a score line such as '3 of 5 right (1 not answered yet)'."""
    match = re.match(r"(\d+) of (\d+) right", text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


def same_site_sitemap(page: Any, site_url: str) -> None:
    """Serve sitemap.xml with this server's URLs: Material only navigates instantly to pages
    it finds in the sitemap, which names the hosted site_url."""

    def rewrite(route: Any) -> None:
        body = route.fetch().text()
        home = re.search(r"<loc>([^<]*)</loc>", body)
        assert home
        route.fulfill(body=body.replace(home.group(1), site_url), content_type="application/xml")

    page.route("**/sitemap.xml", rewrite)
