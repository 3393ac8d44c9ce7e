"""The project's own scripts and stylesheets: readable sources, served minified.

``docs/assets`` holds commented, readable JavaScript and CSS; the built site serves them
minified (mkdocs-minify-plugin: jsmin and csscompressor) as ``*.min.js`` and ``*.min.css``,
and every page links those.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from tests.conftest import ROOT

ASSETS = ROOT / "docs" / "assets"
PAGES = ("index.html", "domain-4/deployment-options/index.html")


def linked_assets(site: Path, page: str) -> list[str]:
    """Site paths of the project's own scripts and stylesheets that ``page`` loads."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    refs = [str(s["src"]) for s in soup.find_all("script", src=True)]
    refs += [str(link["href"]) for link in soup.find_all("link", rel="stylesheet")]
    own = [re.sub(r"^(\.\./)+", "", ref) for ref in refs if re.search(r"assets/(js|css)/", ref)]
    return sorted(own)


def sources() -> dict[str, Path]:
    """Site path of the served copy -> source file, for every script and stylesheet."""
    found = {}
    for folder, suffix in (("js", ".js"), ("css", ".css")):
        for path in sorted((ASSETS / folder).glob(f"*{suffix}")):
            found[f"assets/{folder}/{path.stem}.min{suffix}"] = path
    return found


def split_selectors(head: str) -> list[str]:
    """A selector list split at its top-level commas (not those inside :is(...))."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(head):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(head[start:i])
            start = i + 1
    return [*parts, head[start:]]


def selectors(css: str) -> set[str]:
    """Every selector of a stylesheet, with the whitespace that carries no meaning removed."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    found = set()
    for head in re.findall(r"([^{};]+)\{", css):
        head = " ".join(head.split())
        if head.startswith("@") or head in ("from", "to"):
            continue
        for selector in split_selectors(head):
            found.add(re.sub(r"\s*([>+~,()])\s*", r"\1", selector.strip()))
    return found


def test_pages_load_every_script_and_stylesheet_minified(built_site: Path) -> None:
    expected = sorted(sources())
    for page in PAGES:
        assert linked_assets(built_site, page) == expected, page
    for folder in ("js", "css"):
        served = {p.name for p in (built_site / "assets" / folder).iterdir()}
        assert served == {Path(p).name for p in expected if f"/{folder}/" in p}, (
            "no unminified copy is left beside the minified ones"
        )


def test_served_assets_are_smaller_than_their_sources_and_hold_no_comments(
    built_site: Path,
) -> None:
    for site_path, source in sources().items():
        text = source.read_text(encoding="utf-8")
        served = (built_site / site_path).read_text(encoding="utf-8")
        assert "/*" in text, f"{source.name}: the source explains itself in comments"
        assert len(served) < 0.8 * len(text), site_path
        assert "/*" not in served, f"{site_path} still holds a comment block"
        assert not re.search(r"^\s*//", served, flags=re.MULTILINE), site_path
        assert "\n\n" not in served, f"{site_path} still holds blank lines"


def test_minified_stylesheets_keep_every_selector(built_site: Path) -> None:
    # csscompressor drops the space in `@media x { .a :is(.b) }` (turning a descendant into
    # a compound selector) when that rule comes first in its block: none may change.
    for site_path, source in sources().items():
        if site_path.endswith(".css"):
            served = (built_site / site_path).read_text(encoding="utf-8")
            lost = selectors(source.read_text(encoding="utf-8")) - selectors(served)
            assert not lost, f"{site_path}: selectors changed by minification: {sorted(lost)}"


def test_the_split_keeps_selector_lists_inside_pseudo_classes_whole() -> None:
    assert selectors("/* a */ @media print { .a :is(h1, h2) > b, .c { x: 1 } }") == {
        ".a :is(h1,h2)>b",
        ".c",
    }
    assert selectors(".a:is(h1,h2){x:1}") != selectors(".a :is(h1, h2) { x: 1 }")
