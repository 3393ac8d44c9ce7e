"""Helpers shared by the quiz and progress browser tests."""

from __future__ import annotations

import re
import struct
from pathlib import Path
from typing import Any

# Progress is kept per exam (store.js, schema version 3), each kind of record under keys of its
# own; the bundled exam's id is mls-c01.
STORE = "studysite:store:mls-c01:"
BACKUPS_KEY = STORE + "backups"
ANSWER_SHARDS = 64
# Where version 2 kept it, in one key: the store merges it in and removes it.
V2_KEY = "studysite:progress:v2:mls-c01"


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
    """The progress kept in localStorage, read key by key: {version, answers, attempts}.

    Read as storage holds it, not through the store: the meta's version (None before the
    first write), every shard of the answers, the attempts (oldest first).
    """
    return page.evaluate(  # type: ignore[no-any-return]
        """prefix => {
          const out = {version: null, answers: {}}, attempts = {};
          for (let i = 0; i < localStorage.length; i++) {
            const key = localStorage.key(i);
            if (!key.startsWith(prefix)) continue;
            const part = key.slice(prefix.length), value = JSON.parse(localStorage.getItem(key));
            if (part == "meta") out.version = value.version;
            else if (part.startsWith("answers:")) Object.assign(out.answers, value);
            else if (part == "attempts") Object.assign(attempts, value);
          }
          out.attempts = Object.values(attempts).sort((a, b) => a.at - b.at);
          return out;
        }""",
        STORE,
    )


def answer_shard(key: str) -> str:
    """The storage key of the shard that holds the answer ``key`` ("<id>:<hash>"): FNV-1a."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")  # JavaScript's charCodeAt: UTF-16 code units
    for unit in struct.unpack(f"<{len(data) // 2}H", data):
        h = ((h ^ unit) * 0x01000193) & 0xFFFFFFFF
    return f"{STORE}answers:{h % ANSWER_SHARDS}"


def picks(
    picked: list[int], correct: bool, at: int, shown: list[int] | None = None
) -> dict[str, Any]:
    """An answer of option picks as the store keeps it (schema version 3)."""
    record: dict[str, Any] = {"type": "picks", "value": picked, "correct": correct, "at": at}
    if shown is not None:
        record["shown"] = shown
    return record


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
