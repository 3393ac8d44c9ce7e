"""Issue 34, point 1: a title the page escapes correctly must not run as HTML in a tooltip.

Material's ``content.tooltips`` gives every truncated ``.md-ellipsis`` element (header title,
footer Previous / Next, navigation, table of contents) a tooltip built with ``innerHTML`` from
the element's text. The overrides print ``ss-ellipsis`` instead (``main.html``), and the plugin
replaces the class in pages an author's own ``main.html`` renders (``page_safety.py``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.project import FIXTURES, copy_project, mkdocs_build, serve

PAYLOAD = "<img src=x onerror=alert(1)>"
# Under 200 characters (a title limit may come), still truncated at 1280 and 375 px.
LONG_TITLE = "Memory " + PAYLOAD + " and more words" * 10
# One word with no break: truncated in the navigation and the table of contents.
UNBROKEN = "Kinds<img/src/onerror=alert(2)>" + "W" * 90
# An author's own main.html that extends Material's base.html directly, past the overrides.
AUTHOR_MAIN = '{% extends "base.html" %}\n'


def _site(base: Path, *, author_main: bool) -> Path:
    data = base / "data"
    shutil.copytree(FIXTURES / "mini", data)
    content = data / "domain-1" / "content.yml"
    raw = yaml.safe_load(content.read_text(encoding="utf-8"))
    raw["topics"][1]["title"] = LONG_TITLE
    raw["topics"][0]["blocks"][0]["heading"] = UNBROKEN
    content.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    (base / "project").mkdir()
    project = copy_project(base / "project", data)
    if author_main:
        overrides = project / "overrides"
        overrides.mkdir()
        (overrides / "main.html").write_text(AUTHOR_MAIN, encoding="utf-8")
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "custom_dir" not in text
        config.write_text(
            text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1),
            encoding="utf-8",
        )
        assert "custom_dir: overrides" in config.read_text(encoding="utf-8")
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return base / "site"


@pytest.fixture(scope="module")
def long_title_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _site(tmp_path_factory.mktemp("long-title"), author_main=False)


@pytest.fixture(scope="module")
def served(long_title_site: Path) -> Iterator[str]:
    yield from serve(long_title_site)


def _pages_with_materials_class(site: Path) -> list[str]:
    return [
        str(p.relative_to(site))
        for p in sorted(site.rglob("*.html"))
        if "md-ellipsis" in p.read_text(encoding="utf-8")
    ]


def test_no_page_has_an_element_materials_ellipsis_patch_reads(long_title_site: Path) -> None:
    pages = list(long_title_site.rglob("*.html"))
    assert len(pages) > 5
    assert _pages_with_materials_class(long_title_site) == []
    topic = (long_title_site / "domain-1" / "processors" / "index.html").read_text("utf-8")
    assert 'class="ss-ellipsis"' in topic  # the look is kept, under our class


def test_an_authors_own_main_html_gets_the_same(tmp_path: Path) -> None:
    site = _site(tmp_path, author_main=True)
    topic = (site / "domain-1" / "processors" / "index.html").read_text("utf-8")
    assert 'class="ss-ellipsis"' in topic
    assert _pages_with_materials_class(site) == []


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 375])
def test_pointing_at_truncated_titles_runs_nothing(
    long_title_site: Path, served: str, browser: Any, width: int
) -> None:
    dialogs: list[str] = []
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()

        def dialog(opened: Any) -> None:
            dialogs.append(opened.message)
            opened.dismiss()

        page.on("dialog", dialog)
        page.goto(served + "domain-1/processors/")
        page.wait_for_load_state("load")
        link = page.locator("a.md-footer__link--next")
        link.scroll_into_view_if_needed()
        page.wait_for_timeout(300)  # Material's patch waits until the element is seen
        truncated = page.evaluate(
            "() => [...document.querySelectorAll('.md-footer__link--next :is(.ss-ellipsis,"
            " .md-ellipsis)')].some(e => e.offsetWidth < e.scrollWidth)"
        )
        assert truncated, "the title must be truncated for the test to mean anything"
        link.hover()
        page.wait_for_timeout(400)
        link.focus()
        page.wait_for_timeout(400)
        # Every link and the header's title: Material's hover watch listens for mouseenter,
        # and on a phone the navigation sits off screen.
        page.evaluate(
            """() => { for (const e of document.querySelectorAll('a, .md-header__topic'))
                { e.dispatchEvent(new MouseEvent('mouseenter')); e.focus(); } }"""
        )
        page.wait_for_timeout(800)
        injected = page.evaluate(
            """() => [...document.querySelectorAll('img, svg [onload], script')]
                .filter(e => e.outerHTML.includes('alert')).map(e => e.outerHTML)"""
        )
        assert injected == []
        assert page.locator(".md-tooltip2 img, .md-tooltip img").count() == 0
        # No title attribute set from a truncated text (the patch's first step).
        titled = page.evaluate(
            "() => [...document.querySelectorAll('[title]')].map(e => e.title)"
            ".filter(t => t.includes('onerror'))"
        )
        assert titled == []
    finally:
        context.close()
    assert dialogs == []
