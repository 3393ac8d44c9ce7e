"""The project's own scripts and stylesheets: readable sources, served as minified bundles.

``generator/assets/js/<module>`` and ``generator/assets/css/<module>`` (package data) hold
commented, readable sources, one per widget. The plugin joins and minifies each module's
(jsmin and csscompressor): the core into ``assets/studysite.min.js`` and ``.min.css``, which
every page links, within its budget; a page kind's or a widget's module into
``assets/studysite-<module>.min.js`` and ``.min.css``, which only the pages that need it link.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.assets.bundle import (
    ASSETS,
    CORE,
    MODULES,
    Bundles,
    Module,
    joined_sources,
    module_bundles,
    script_keys,
)
from generator.assets.catalog import load_catalog, script
from generator.config import ORIGIN_OPTION, DataFolder
from generator.errors import BuildError
from generator.pipeline import build
from tests.support.project import ROOT

PAGES = ("index.html", "domain-4/deployment-options/index.html", "404.html")
# The deployment options topic: its tree and table, and its self-check questions' types
# (d4-order-deploy-objects, d4-match-deployment-limits, d4-num-realtime-payload; the case
# studies d4-case-clinic and d4-case-retailer, drawn whole, bring a short answer part).
QUESTION_TYPES = ["ordering", "matching", "numeric", "short-answer", "case-study"]
DEPLOYMENT_OPTIONS = [
    "schedule",
    "tree",
    "table",
    "ordering",
    "matching",
    "numeric",
    "short-answer",
    "case-study",
]
SERVED = {".js": "assets/studysite.min.js", ".css": "assets/studysite.min.css"}
# What each page links of ours, the core first: the page kinds' and widgets' modules.
LINKED = {
    "index.html": [],
    "404.html": [],
    "domain-4/deployment-options/index.html": DEPLOYMENT_OPTIONS,
    # Every question type is in the bank's practice questions.
    "domain-4/questions/index.html": [
        "schedule",
        "ordering",
        "matching",
        "numeric",
        "short-answer",
        "case-study",
    ],
    "domain-4/study-sheet/index.html": ["tree", "table"],
    "exam/index.html": ["exam", "schedule"],
    "progress/index.html": ["progress", "schedule"],
    # The Review and wrong-answers pages show questions of any type (a case study
    # one part at a time, so without the case-study module).
    "review/index.html": ["schedule", "review", *QUESTION_TYPES[:4]],
    "mistakes/index.html": ["schedule", "review", *QUESTION_TYPES[:4]],
}
#: What every page loads of ours, gzipped (gzip -9): the core script and style bundles.
CORE_BUDGET = 30_000
#: What one question type may add, script and style gzipped, on the pages that hold it.
QUESTION_TYPE_BUDGET = 2_048


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


def sources(suffix: str, module: str = "*") -> list[Path]:
    """Every source script (``.js``) or stylesheet (``.css``) of the project, or of a module."""
    folder = "js" if suffix == ".js" else "css"
    return sorted((ASSETS / folder).glob(f"{module}/*{suffix}"))


def gzipped(path: Path) -> int:
    """Bytes of ``path`` gzipped at level 9, as a server sends it."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


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


def module(name: str) -> Module:
    return next(m for m in (CORE, *MODULES) if m.name == name)


def test_pages_load_the_core_and_the_modules_they_show_and_no_source(built_site: Path) -> None:
    bundles = module_bundles()
    # The tree's and the table's styles are the core's (generator/assets/bundle.py).
    assert bundles["tree"] == (module("tree").script, None)
    assert bundles["exam"] == (module("exam").script, module("exam").style)
    for page, names in LINKED.items():
        wanted = [SERVED[".js"], SERVED[".css"]]
        wanted += [path for name in names for path in bundles[name] if path]
        assert linked_assets(built_site, page) == sorted(wanted), page
    ours = {
        p.relative_to(built_site).as_posix()
        for p in (built_site / "assets").iterdir()
        if p.is_file() or p.name in ("js", "css")
    }
    every = {SERVED[".js"], SERVED[".css"]}
    every |= {path for pair in bundles.values() for path in pair if path}
    assert ours == every, "the sources and the unminified bundles stay out"


@pytest.mark.parametrize(
    ("page", "names"),
    [
        ("exam/index.html", ["schedule", "exam"]),
        ("domain-4/deployment-options/index.html", DEPLOYMENT_OPTIONS),
    ],
)
def test_a_modules_styles_follow_the_heading_and_its_scripts_end_the_page(
    built_site: Path, page: str, names: list[str]
) -> None:
    soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article is not None
    first = article.select_one("h1")
    assert first is not None
    styles = [path for name in names if (path := module_bundles()[name][1])]
    block = first.find_next_sibling()
    assert block is not None
    if styles:
        assert block.has_attr("data-ss-modules") and block.has_attr("hidden")
        assert [site_path(str(link["href"])) for link in block.select("link")] == styles
    else:
        assert not article.select("[data-ss-modules]")
    # Inside the content, which Material's instant navigation swaps in and runs the scripts
    # of; deferred, so that a page load runs them after the core at the end of the page.
    scripts = article.find_all("script", src=True)
    assert [site_path(str(s["src"])) for s in scripts] == [module(n).script for n in names]
    assert all(s.has_attr("defer") for s in scripts)


@pytest.mark.parametrize("name", [m.name for m in (CORE, *MODULES)])
@pytest.mark.parametrize("suffix", [".js", ".css"])
def test_served_bundle_is_smaller_than_its_sources_and_holds_no_comments(
    built_site: Path, suffix: str, name: str
) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sources(suffix, name)]
    if not texts:
        pytest.skip(f"{name} has no {suffix} sources of its own")
    target = module(name).script if suffix == ".js" else module(name).style
    served = (built_site / target).read_text(encoding="utf-8")
    for path, text in zip(sources(suffix, name), texts, strict=True):
        assert "/*" in text, f"{path.name}: the source explains itself in comments"
    if suffix == ".js":
        # The catalog's strings that the module's scripts ask for come with it, whole
        # (generator/assets/bundle.py); the rest is what minifying made smaller.
        keys = script_keys(ASSETS, module(name))
        if name != CORE.name:
            keys = [key for key in keys if key not in script_keys(ASSETS, CORE)]
        strings = script(load_catalog(), keys).rstrip("\n") if keys else ""
        assert strings in served, "the module's strings are in its bundle"
        served = served.replace(strings, "", 1)
    assert len(served) < 0.85 * sum(len(text) for text in texts)
    assert "/*" not in served, "a comment block is left in the bundle"
    assert not re.search(r"^\s*//", served, flags=re.MULTILINE)
    assert "\n\n" not in served, "blank lines are left in the bundle"


def test_each_widget_registers_in_the_bundle_of_its_module(built_site: Path) -> None:
    core = (built_site / SERVED[".js"]).read_text(encoding="utf-8")
    for m in (CORE, *MODULES):
        if m.kind == "question" and not sources(".js", m.name):
            continue  # a question type whose widget is not written yet: no bundle
        served = (built_site / m.script).read_text(encoding="utf-8")
        names = [
            name
            for path in sources(".js", m.name)
            for name in re.findall(r'register\("([\w-]+)"', path.read_text(encoding="utf-8"))
        ]
        assert names, m.name
        for name in names:
            assert f'register("{name}"' in served, (m.name, name)
            assert m is CORE or f'register("{name}"' not in core, (m.name, name)
        if m is not CORE:  # runs once however often instant navigation shows its pages
            assert served.startswith(f'if(window.StudySite&&StudySite.module("{m.name}")){{')
    assert core.index("window.StudySite={") < core.index('register("quiz"')


def test_the_core_that_every_page_loads_stays_within_its_budget(built_site: Path) -> None:
    # A size, not a time: gzip -9 of the core's script and style bundles as served.
    size = gzipped(built_site / CORE.script) + gzipped(built_site / CORE.style)
    assert size <= CORE_BUDGET, f"the core is {size:,} bytes gzipped, over {CORE_BUDGET:,}"


def question_types_over_budget(
    site: Path,
    modules: tuple[Module, ...] = MODULES,
    bundles: dict[str, tuple[str | None, str | None]] | None = None,
) -> dict[str, int]:
    """The question types' modules whose script and style, gzipped, exceed their budget."""
    bundles = module_bundles() if bundles is None else bundles
    sizes = {
        m.name: sum(gzipped(site / path) for path in bundles[m.name] if path)
        for m in modules
        if m.kind == "question"
    }
    return {name: size for name, size in sizes.items() if size > QUESTION_TYPE_BUDGET}


def test_each_question_type_stays_within_its_budget(built_site: Path) -> None:
    # None yet: the question types this round's issues add are modules of kind "question".
    assert question_types_over_budget(built_site) == {}


def test_a_question_type_over_its_budget_is_found(tmp_path: Path) -> None:
    small = Module("small", "question", "data-ss-small")
    bulky = Module("bulky", "question", "data-ss-bulky")
    page = Module("page", "page", "data-ss-page")
    for m, words in ((small, 200), (bulky, 2_000), (page, 2_000)):
        (tmp_path / m.script).parent.mkdir(parents=True, exist_ok=True)
        # Words that gzip leaves long: each a different number, written out.
        (tmp_path / m.script).write_text(" ".join(f"w{n * 7919 % 100_003}" for n in range(words)))
    bundles: dict[str, tuple[str | None, str | None]] = {
        m.name: (m.script, None) for m in (small, bulky, page)
    }
    found = question_types_over_budget(tmp_path, (small, bulky, page), bundles)
    assert list(found) == ["bulky"] and found["bulky"] > QUESTION_TYPE_BUDGET


def test_minified_bundles_keep_every_selector(built_site: Path) -> None:
    # csscompressor drops the space in `@media x { .a :is(.b) }` (turning a descendant into
    # a compound selector) when that rule comes first in its block: none may change.
    for m in (CORE, *MODULES):
        if not sources(".css", m.name):
            continue
        served = selectors((built_site / m.style).read_text(encoding="utf-8"))
        for path in sources(".css", m.name):
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


def test_bundle_puts_mount_text_and_store_first_then_the_widgets_by_name(tmp_path: Path) -> None:
    root = _sources(
        tmp_path,
        {
            "js/core/alpha.js": "a();",
            "js/core/store.js": "s();",
            "js/core/mount.js": "m();",
            "js/core/text.js": "t();",
            "js/core/zeta.js": "z()",
            "css/core/b.css": ".b{}",
            "css/core/a.css": ".a{}",
            "js/core/notes.txt": "not a script",
        },
    )
    bundles = joined_sources(root)
    assert bundles[SERVED[".js"]] == (
        "/* js/core/mount.js */\nm();\n\n/* js/core/text.js */\nt();\n\n"
        "/* js/core/store.js */\ns();\n\n/* js/core/alpha.js */\na();\n\n"
        "/* js/core/zeta.js */\nz();\n"
    )
    assert bundles[SERVED[".css"]] == ("/* css/core/a.css */\n.a{}\n\n/* css/core/b.css */\n.b{}\n")


def test_a_modules_scripts_run_once_per_document(tmp_path: Path) -> None:
    root = _sources(tmp_path, {"js/exam/exam.js": "e();", "css/exam/exam.css": ".e{}"})
    bundles = joined_sources(root)
    assert bundles["assets/studysite-exam.min.js"] == (
        'if (window.StudySite && StudySite.module("exam")) {\n/* js/exam/exam.js */\ne();\n}\n'
    )
    assert bundles["assets/studysite-exam.min.css"] == "/* css/exam/exam.css */\n.e{}\n"
    assert Bundles(root).files()["assets/studysite-exam.min.js"] == (
        'if(window.StudySite&&StudySite.module("exam")){e();}'
    )


def test_bundle_of_a_folder_without_sources_is_empty(tmp_path: Path) -> None:
    assert joined_sources(tmp_path) == {}
    only_css = _sources(tmp_path, {"css/core/a.css": ".a{}"})
    assert list(joined_sources(only_css)) == [SERVED[".css"]]


def test_an_unreadable_source_is_named_in_the_error(tmp_path: Path) -> None:
    root = _sources(tmp_path, {"js/core/mount.js": "m();"})
    (root / "js/core/quiz.js").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(BuildError, match=r"js/core/quiz\.js"):
        joined_sources(root)


def test_the_bundles_are_minified_again_only_when_a_source_changed(tmp_path: Path) -> None:
    # The plugin keeps one Bundles for the whole of `mkdocs serve`: a widget edit reaches the
    # served bundle on the next build, and an unchanged source is not minified again.
    root = _sources(tmp_path, {"js/core/mount.js": "/* a */ m();", "css/core/a.css": ".a { x: 1 }"})
    bundles = Bundles(root)
    first = bundles.files()
    assert first[SERVED[".js"]] == "m();"
    assert bundles.files()[SERVED[".js"]] is first[SERVED[".js"]]
    (root / "js" / "core" / "quiz.js").write_text("q();", encoding="utf-8")
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
