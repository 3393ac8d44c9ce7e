"""axe-core on every kind of page of the built site, theme included: light and dark, 1280
and 375 px.

Pages of one kind share a template, so each combination checks one page of every kind and,
among the pages of a kind, as many more as it takes for every element and class those pages
hold to be checked somewhere (a topic with a table, one with a tip, one with a tree ...).
Each page is checked as a learner leaves it: every quiz answered (one right, one wrong, a
"choose two" checked), every decision tree walked to an outcome, every table sorted, the
Progress page showing those answers, and the search dialog open with results. Only serious
and critical violations fail; each is reported with the elements it names.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.site.layout import Site
from tests.support.browsing import serious_violations
from tests.support.host_server import serve_like_a_host

pytestmark = pytest.mark.browser


def site_pages(site: Path) -> list[str]:
    """Every page of the built site as a URL relative to its root, and a missing one (404)."""
    pages = sorted(
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
    )
    return [*pages, "no-such-page/"]


def page_kinds(site: Site) -> dict[str, str]:
    """The kind of every generated page (home, topic, questions ...), by its URL."""
    return {
        page.path.removesuffix("index.md").removesuffix(".md").removesuffix("/")
        + ("/" if page.path != "index.md" else ""): page.kind
        for page in site.pages
    }


def markup(site: Path, path: str) -> set[str]:
    """Every element name and element.class in a built page's article."""
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article") or soup
    return {
        name
        for element in article.find_all(True)
        for name in (element.name, *(f"{element.name}.{c}" for c in element.get("class") or []))
    }


def pages_to_check(site: Path, kinds: dict[str, str]) -> list[str]:
    """One page of every kind, and more of a kind until its pages' markup is all covered.

    A page the generator does not list (the 404 page, say) is a kind of its own.
    """
    by_kind: dict[str, list[str]] = {}
    for path in site_pages(site):
        by_kind.setdefault(kinds.get(path, path), []).append(path)
    chosen = []
    for paths in by_kind.values():
        found = {path: markup(site, path) if (site / path).is_dir() else set() for path in paths}
        left = set().union(*found.values())
        chosen.append(paths[0])
        left -= found[paths[0]]
        while left:
            best = max(paths, key=lambda p: len(found[p] & left))
            chosen.append(best)
            left -= found[best]
    return sorted(chosen)


def test_the_pages_checked_hold_every_kind_and_all_the_markup(
    built_site: Path, bundled_site
) -> None:
    pages, chosen = site_pages(built_site), pages_to_check(built_site, page_kinds(bundled_site))
    kinds = page_kinds(bundled_site)
    assert set(kinds) <= set(pages), "the generator lists a page the site does not have"
    assert {kinds.get(p, p) for p in chosen} == {kinds.get(p, p) for p in pages}
    assert {"home", "domain", "topic", "questions", "study-sheet", "no-such-page/"} <= {
        kinds.get(p, p) for p in chosen
    }
    held = set().union(*(markup(built_site, p) for p in pages if (built_site / p).is_dir()))
    checked = set().union(*(markup(built_site, p) for p in chosen if (built_site / p).is_dir()))
    assert checked == held
    assert "div.ss-table" in checked and "div.ss-tree" in checked and "div.ss-quiz" in checked


@pytest.fixture(scope="module")
def host_url(built_site: Path) -> Iterator[str]:
    """The built site served as a real host serves it (its 404 page for missing pages)."""
    with serve_like_a_host(built_site) as url:
        yield url


def use_widgets(page: Any) -> None:
    """Do with the page what a learner does: answer, check, walk, sort."""
    open_ = ":visible:has(.ss-choice__btn:not([aria-disabled]))"
    questions = page.locator(f'.ss-quiz--live .ss-question[data-ss-choose="1"]{open_}')
    for i in range(min(2, questions.count())):
        # Answered questions leave the selection, so the next one is always the first.
        question = questions.first
        # The first answered right, the second wrong (authored indexes, shuffled buttons).
        want = "[data-ss-correct]" if i == 0 else ":not([data-ss-correct])"
        index = question.locator(f".ss-option{want}").first.get_attribute("data-ss-option")
        question.locator(f'.ss-choice[data-ss-option="{index}"] button').click()
    two = page.locator(f'.ss-quiz--live .ss-question[data-ss-choose="2"]{open_}')
    if two.count():
        for button in two.first.locator(".ss-choice__btn").all()[:2]:
            button.click()
        two.first.get_by_role("button", name="Check").click()
    for tree in page.locator(".ss-tree--live").all():
        for _ in range(12):
            options = tree.locator(".ss-tree__option:visible")
            if not options.count():
                break
            options.first.click()
    for table in page.locator(".ss-table[data-ss-ready]").all()[:1]:
        # A phone shows cards, without the header: switch to the table, then sort.
        if "ss-table--cards" in (table.get_attribute("class") or ""):
            table.get_by_role("button", name="Show as a table").click()
        table.locator(".ss-sort").first.click()


def open_search(page: Any) -> None:
    """Open the search dialog and type a query that has results."""
    # The search box on a wide screen, the search button of the header on a phone.
    page.locator(
        "input.md-search__input:visible, label.md-header__button[for='__search']:visible"
    ).first.click()
    box = page.locator("input.md-search__input")
    box.fill("endpoint")
    box.dispatch_event("keyup")
    page.locator(".md-search-result__meta").filter(has_text="matching").wait_for()


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_every_page_has_no_serious_violations(
    browser: Any, host_url: str, built_site: Path, scheme: str, width: int, bundled_site
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    found: list[str] = []
    try:
        page = context.new_page()
        page.goto(host_url)
        palette = {"index": 1 if scheme == "default" else 2, "color": {"scheme": scheme}}
        # Material's own setter: the key depends on where the site is mounted.
        page.evaluate("p => __md_set('__palette', p)", palette)
        pages = pages_to_check(built_site, page_kinds(bundled_site))
        # Answer first, so the Progress page (listed before the quiz pages) has answers.
        ordered = sorted(pages, key=lambda p: p.startswith("progress"))
        for path in ordered:
            page.goto(host_url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
            use_widgets(page)
            if path.endswith("questions/"):
                open_search(page)
            found += [f"{path or 'home'}: {v}" for v in serious_violations(page, scope=None)]
        assert len(site_pages(built_site)) > 15
    finally:
        context.close()
    assert not found, "\n".join(found)
