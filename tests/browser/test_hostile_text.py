"""Script from data (issue items 1 and 2): each payload in every text field of the models,
built with ``mkdocs build --strict``; no page may hold an ``on*`` attribute, a
``javascript:`` URL or an injected element, and in Chromium no widget opens a dialog."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.support.hostile import PAYLOADS, all_text_fields, hostile_data
from tests.support.project import FIXTURES, copy_project, mkdocs_build, serve

# What the payloads would inject if they worked.
INJECTED = re.compile(r"<(img|svg|script|iframe)\b[^>]*(onerror|onload|alert)", re.IGNORECASE)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


@pytest.fixture(scope="module")
def hostile_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One site per payload, the payload in every text field."""
    sites = {}
    for name, payload in PAYLOADS.items():
        base = tmp_path_factory.mktemp(f"hostile-{name}")
        data = hostile_data(FIXTURES / "mini", base / "hostile-data", payload)
        (base / "project").mkdir()
        project = copy_project(base / "project", data)
        result = mkdocs_build(project, base / "site")
        assert result.returncode == 0, f"{name}: {result.stderr[-3000:]}"
        sites[name] = base / "site"
    return sites


def test_every_model_text_field_is_covered() -> None:
    # The list comes from the models; a sanity floor so a broken walk cannot pass empty.
    fields = all_text_fields()
    assert {"Question.stem", "Option.why", "Term.expansion", "Topic.title", "Link.title"} <= fields
    assert len(fields) >= 44


def _pages(site: Path) -> Iterator[tuple[Path, BeautifulSoup]]:
    for path in sorted(site.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_no_page_holds_script_from_data(hostile_sites: dict[str, Path], name: str) -> None:
    site = hostile_sites[name]
    found = []
    for path, soup in _pages(site):
        where = path.relative_to(site)
        for element in soup.find_all(True):
            for attribute, value in element.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                if attribute.lower().startswith("on"):
                    found.append(f"{where}: <{element.name} {attribute}>")
                if attribute.lower() in URL_ATTRIBUTES and re.match(
                    r"\s*(javascript|data|vbscript):", text, re.IGNORECASE
                ):
                    found.append(f"{where}: <{element.name} {attribute}={text!r}>")
            if element.name in {"img", "iframe", "object", "embed"}:
                found.append(f"{where}: injected <{element.name}>")
            if element.name == "script" and "alert(1)" in element.get_text():
                found.append(f"{where}: payload inside a script element")
        # Raw text too: a <title> or <textarea> holds no elements but would still be broken.
        raw = path.read_text(encoding="utf-8")
        if INJECTED.search(raw):
            found.append(f"{where}: raw markup {INJECTED.search(raw).group(0)!r}")  # type: ignore[union-attr]
    # Material's search shows result titles and texts as HTML.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        for key in ("title", "text"):
            if INJECTED.search(doc[key]):
                found.append(f"search index {doc['location']} {key}: {doc[key][:120]!r}")
    assert not found, "\n".join(found[:40])


def test_raw_html_in_data_reads_as_text(hostile_sites: dict[str, Path]) -> None:
    soup = BeautifulSoup(
        (hostile_sites["img"] / "domain-1" / "processors" / "index.html").read_text("utf-8"),
        "html.parser",
    )
    stem = soup.select_one(".ss-question__stem")
    assert stem is not None
    assert "<img src=x onerror=alert(1)>" in stem.get_text()
    assert soup.title is not None
    assert soup.title.get_text().startswith("<img src=x onerror=alert(1)>")
    nav = [a.get_text(" ", strip=True) for a in soup.select(".md-nav__link")]
    assert any(t.startswith("<img src=x onerror=alert(1)>") for t in nav), nav


def test_attribute_list_and_script_links_are_dropped(hostile_sites: dict[str, Path]) -> None:
    page = hostile_sites["attr-list"] / "domain-1" / "processors" / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    stem = soup.select_one(".ss-question__stem")
    assert stem is not None
    strong = stem.find("strong")
    assert strong is not None and strong.get_text() == "x" and strong.attrs == {}
    assert "{: onmouseover=alert(1) }" in stem.get_text()
    page = hostile_sites["js-link"] / "domain-1" / "processors" / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    stem = soup.select_one(".ss-question__stem")
    assert stem is not None
    link = stem.find("a")
    assert link is not None and link.get("href") is None and link.get_text() == "x"


# ---- in Chromium -------------------------------------------------------------------------

# Every pointer and focus event an element can get, sent to every element of the page: an
# inline handler or a tooltip that renders a title as HTML runs on one of them.
_POINT_AT_EVERYTHING = """() => {
  const kinds = ["pointerover", "pointerenter", "mouseover", "mouseenter", "mousemove",
                 "focusin", "focus"];
  let n = 0;
  for (const el of document.querySelectorAll("body *")) {
    for (const kind of kinds) {
      const init = { bubbles: !kind.endsWith("enter") && kind != "focus" };
      el.dispatchEvent(kind.startsWith("focus") ? new FocusEvent(kind, init)
                                                : new MouseEvent(kind, init));
    }
    n++;
  }
  return n;
}"""


def _hover_and_click_everything(page: object) -> None:
    p = page  # Playwright's Page; typed loosely like the other browser tests
    assert p.evaluate(_POINT_AT_EVERYTHING) > 0  # type: ignore[attr-defined]
    # Real pointer over what shows tooltips and navigation (Material's own handlers).
    for element in p.locator("abbr, .md-nav__link, .ss-diagram g").all()[:40]:  # type: ignore[attr-defined]
        if element.is_visible():
            element.hover(timeout=2000, force=True)
    # Quiz: pick every option of every question, and Check where it takes N picks.
    for option in p.locator("button.ss-choice__btn").all():  # type: ignore[attr-defined]
        if option.is_visible() and option.is_enabled():
            option.click(timeout=2000)
    for check in p.locator("button.ss-check__btn").all():  # type: ignore[attr-defined]
        if check.is_visible() and check.is_enabled():
            check.click(timeout=2000)
    # Tree: the first choice at every step down to an outcome, then the last choices.
    for tree in p.locator(".ss-tree--live").all():  # type: ignore[attr-defined]
        for pick in ("first", "last"):
            for _ in range(30):
                options = tree.locator("button.ss-tree__option")
                if options.count() == 0:
                    break
                getattr(options, pick).click(timeout=2000)
            for link in tree.locator(".ss-tree__card a, .ss-tree__crumb").all():
                link.hover(timeout=2000, force=True)
            tree.locator("button.ss-tree__restart").click(timeout=2000)
    # Table: every button (sort, cards), from the keyboard: a wide table's sticky first
    # column can cover a header button that a pointer would first scroll clear of.
    for button in p.locator(".ss-table button").all():  # type: ignore[attr-defined]
        if button.is_visible():
            button.press("Enter", timeout=2000)
    # The widgets have drawn what they show: point at that too.
    p.evaluate(_POINT_AT_EVERYTHING)  # type: ignore[attr-defined]


@pytest.mark.browser
@pytest.mark.parametrize("name", list(PAYLOADS))
def test_no_dialog_opens_anywhere(
    hostile_sites: dict[str, Path], browser: object, name: str
) -> None:
    site = hostile_sites[name]
    pages = sorted(
        str(p.parent.relative_to(site)).replace(".", "") for p in site.rglob("index.html")
    )
    dialogs: list[str] = []
    for base in serve(site):
        context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
        try:
            page = context.new_page()

            def on_dialog(dialog: object) -> None:
                dialogs.append(dialog.message)  # type: ignore[attr-defined]
                dialog.dismiss()  # type: ignore[attr-defined]

            page.on("dialog", on_dialog)
            visited = []
            for rel in pages:
                if rel.startswith("assets") or rel.startswith("search"):
                    continue
                page.goto(base + (rel + "/" if rel else ""))
                page.wait_for_load_state("load")
                _hover_and_click_everything(page)
                visited.append(rel)
            # Instant navigation renders the next page's title and content by script.
            page.goto(base)
            for link in page.locator(".md-nav__link[href]").all()[:12]:
                if link.is_visible():
                    link.click(timeout=5000)
                    page.wait_for_load_state("load")
                    page.evaluate(_POINT_AT_EVERYTHING)
            # Search: type the payload; Material shows result titles and texts as HTML.
            page.goto(base)
            page.keyboard.press("s")
            search = page.locator("input.md-search__input")
            if search.count():
                search.fill(PAYLOADS[name].split(">")[0][:12] or "x")
                page.wait_for_timeout(800)
                for result in page.locator(".md-search-result__item").all()[:20]:
                    if result.is_visible():
                        result.hover(timeout=2000, force=True)
            page.wait_for_timeout(300)
        finally:
            context.close()
    assert len(visited) >= 8, visited
    assert dialogs == []
