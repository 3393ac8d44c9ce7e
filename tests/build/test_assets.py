"""The project's own scripts and stylesheets: readable sources, served as two minified bundles.

``generator/assets/js`` and ``generator/assets/css`` (package data) hold commented, readable
sources, one per widget. The plugin joins and minifies them (jsmin and csscompressor) into
``assets/studysite.min.js`` and ``assets/studysite.min.css``, which every page links, and
nothing else of ours.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.assets.bundle import ASSETS, Bundles, joined_sources
from generator.config import ORIGIN_OPTION, DataFolder
from generator.errors import BuildError
from generator.pipeline import build
from tests.support.project import ROOT

PAGES = ("index.html", "domain-4/deployment-options/index.html", "404.html")
SERVED = {".js": "assets/studysite.min.js", ".css": "assets/studysite.min.css"}


def site_path(ref: str) -> str:
    """A page's link to a file of the site as the file's path under the site root."""
    return re.sub(r"^(\.\./)+|^/[^/]+/", "", ref)


def scripts_in_order(site: Path, page: str) -> list[str]:
    """Site paths of the scripts that ``page`` loads, in the page's order."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return [site_path(str(s["src"])) for s in soup.find_all("script", src=True)]


def linked_assets(site: Path, page: str) -> list[str]:
    """Site paths of the project's own scripts and stylesheets that ``page`` loads."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    refs = [str(s["src"]) for s in soup.find_all("script", src=True)]
    refs += [str(link["href"]) for link in soup.find_all("link", rel="stylesheet")]
    theirs = ("assets/javascripts/", "assets/stylesheets/")
    own = [ref for ref in refs if "assets/" in ref and not any(t in ref for t in theirs)]
    return sorted(site_path(ref) for ref in own)


def sources(suffix: str) -> list[Path]:
    """Every source script (``.js``) or stylesheet (``.css``) of the project."""
    folder = "js" if suffix == ".js" else "css"
    return sorted((ASSETS / folder).glob(f"*{suffix}"))


def test_one_storage_layer_in_the_browser() -> None:
    # store.js alone reads and writes what the site keeps; the old name of the store is gone.
    for path in sources(".js"):
        text = path.read_text(encoding="utf-8")
        if path.name != "store.js":
            assert not re.search(r"\b(local|session)Storage\b", text), path.name
        assert not re.search(r"\b(SS|StudySite)\.progress\b", text), path.name


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


def test_pages_load_the_two_minified_bundles_and_no_source(built_site: Path) -> None:
    for page in PAGES:
        assert linked_assets(built_site, page) == sorted(SERVED.values()), page
    ours = {
        p.relative_to(built_site).as_posix()
        for p in (built_site / "assets").iterdir()
        if p.is_file() or p.name in ("js", "css")
    }
    assert ours == set(SERVED.values()), "the sources and the unminified bundles stay out"


@pytest.mark.parametrize("suffix", [".js", ".css"])
def test_served_bundle_is_smaller_than_its_sources_and_holds_no_comments(
    built_site: Path, suffix: str
) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sources(suffix)]
    served = (built_site / SERVED[suffix]).read_text(encoding="utf-8")
    for path, text in zip(sources(suffix), texts, strict=True):
        assert "/*" in text, f"{path.name}: the source explains itself in comments"
    assert len(served) < 0.8 * sum(len(text) for text in texts)
    assert "/*" not in served, "a comment block is left in the bundle"
    assert not re.search(r"^\s*//", served, flags=re.MULTILINE)
    assert "\n\n" not in served, "blank lines are left in the bundle"


def test_served_script_bundle_registers_every_widget(built_site: Path) -> None:
    served = (built_site / SERVED[".js"]).read_text(encoding="utf-8")
    registered = [
        name
        for path in sources(".js")
        for name in re.findall(r'register\("(\w+)"', path.read_text(encoding="utf-8"))
    ]
    assert {"quiz", "progress", "tree", "table"} <= set(registered)
    for name in registered:
        assert f'register("{name}"' in served, name
    assert served.index("window.StudySite={") < served.index('register("quiz"')


def test_minified_bundle_keeps_every_selector(built_site: Path) -> None:
    # csscompressor drops the space in `@media x { .a :is(.b) }` (turning a descendant into
    # a compound selector) when that rule comes first in its block: none may change.
    served = selectors((built_site / SERVED[".css"]).read_text(encoding="utf-8"))
    for path in sources(".css"):
        lost = selectors(path.read_text(encoding="utf-8")) - served
        assert not lost, f"{path.name}: selectors changed by minification: {sorted(lost)}"


def test_the_split_keeps_selector_lists_inside_pseudo_classes_whole() -> None:
    assert selectors("/* a */ @media print { .a :is(h1, h2) > b, .c { x: 1 } }") == {
        ".a :is(h1,h2)>b",
        ".c",
    }
    assert selectors(".a:is(h1,h2){x:1}") != selectors(".a :is(h1, h2) { x: 1 }")


def _sources(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    return tmp_path


def test_bundle_puts_mount_first_then_the_widgets_by_name(tmp_path: Path) -> None:
    root = _sources(
        tmp_path,
        {
            "js/alpha.js": "a();",
            "js/mount.js": "m();",
            "js/zeta.js": "z()",
            "css/b.css": ".b{}",
            "css/a.css": ".a{}",
            "js/notes.txt": "not a script",
        },
    )
    bundles = joined_sources(root)
    assert bundles[SERVED[".js"]] == (
        "/* js/mount.js */\nm();\n\n/* js/alpha.js */\na();\n\n/* js/zeta.js */\nz();\n"
    )
    assert bundles[SERVED[".css"]] == "/* css/a.css */\n.a{}\n\n/* css/b.css */\n.b{}\n"


def test_bundle_of_a_folder_without_sources_is_empty(tmp_path: Path) -> None:
    assert joined_sources(tmp_path) == {}
    only_css = _sources(tmp_path, {"css/a.css": ".a{}"})
    assert list(joined_sources(only_css)) == [SERVED[".css"]]


def test_an_unreadable_source_is_named_in_the_error(tmp_path: Path) -> None:
    root = _sources(tmp_path, {"js/mount.js": "m();"})
    (root / "js/quiz.js").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(BuildError, match=r"js/quiz\.js"):
        joined_sources(root)


def test_the_bundles_are_minified_again_only_when_a_source_changed(tmp_path: Path) -> None:
    # The plugin keeps one Bundles for the whole of `mkdocs serve`: a widget edit reaches the
    # served bundle on the next build, and an unchanged source is not minified again.
    root = _sources(tmp_path, {"js/mount.js": "/* a */ m();", "css/a.css": ".a { x: 1 }"})
    bundles = Bundles(root)
    first = bundles.files()
    assert first[SERVED[".js"]] == "m();"
    assert bundles.files()[SERVED[".js"]] is first[SERVED[".js"]]
    (root / "js" / "quiz.js").write_text("q();", encoding="utf-8")
    assert bundles.files()[SERVED[".js"]] == "m();q();"


def test_build_writes_the_bundles_and_rewrites_them_only_when_they_change(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    first = build(DataFolder(ROOT / "data", ORIGIN_OPTION), docs).report
    assert first is not None
    assert set(SERVED.values()) <= set(first.written)
    served = (docs / SERVED[".js"]).read_text(encoding="utf-8")
    assert 'register("quiz"' in served and "/*" not in served
    again = build(DataFolder(ROOT / "data", ORIGIN_OPTION), docs).report
    assert again is not None and again.written == []


def test_the_widget_bundle_runs_before_materials_and_authors_scripts_after_it(
    tmp_path: Path,
) -> None:
    # search.js must patch Material's worker before Material posts it the index; an author's
    # own script may use Material's document$, so it stays after Material's bundle.
    from tests.support.project import copy_project, mkdocs_build

    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    (project / "docs" / "author.js").write_text("document$.subscribe(() => {});\n")
    (project / "docs" / "author.css").write_text(".mine { color: red }\n")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "extra_javascript: [author.js]\nextra_css: [author.css]\n"
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for page in PAGES:
        scripts = scripts_in_order(tmp_path / "site", page)
        ours = scripts.index(SERVED[".js"])
        material = next(
            i for i, src in enumerate(scripts) if src.startswith("assets/javascripts/bundle.")
        )
        assert ours < material < scripts.index("author.js"), (page, scripts)
        assert scripts.count(SERVED[".js"]) == 1, (page, scripts)
        soup = BeautifulSoup((tmp_path / "site" / page).read_text(encoding="utf-8"), "html.parser")
        styles = [site_path(str(link["href"])) for link in soup.find_all("link", rel="stylesheet")]
        assert styles.index(SERVED[".css"]) < styles.index("author.css"), (page, styles)
