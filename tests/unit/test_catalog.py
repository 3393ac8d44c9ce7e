"""The string catalog: one place for every word the site shows, English only for now.

Every key a script, template or view asks for is in the catalog and every catalog key is
asked for; no widget script or template holds English outside it (a literal that reads as
words, by tests/support/literals.py); the catalog's form (strings, plural forms with
`other`, {name} placeholders); and the Python side's plurals, numbers and lists.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator.assets.bundle import ASSETS, CORE, MODULES, joined_sources
from generator.assets.catalog import (
    CATALOGS,
    FALLBACK,
    PLURAL_CATEGORIES,
    keys_in_script,
    load_catalog,
)
from generator.errors import BuildError
from tests.support.literals import is_text, python_literals, script_literals, template_literals
from tests.support.project import ROOT

GENERATOR = ROOT / "generator"
SCRIPTS = sorted((ASSETS / "js").glob("*/*.js"))
TEMPLATES = sorted((GENERATOR / "site" / "templates").glob("*.j2")) + sorted(
    (ASSETS / "overrides").rglob("*.html")
)
# A literal key in a call to the catalog: t("group.key"), studysite_t(...) in the overrides.
_CALL = re.compile(r"""\b(?:t|studysite_t)\(\s*["']([a-z0-9_]+(?:\.[a-z0-9_]+)+)["']""")
# A call to the catalog whose key is not written out: the keys above would miss it.
_DYNAMIC = re.compile(r"""(?<![\w.])(?<!function )(?:SS\.)?t\((?!\s*["'])""")
_COMMENTS = re.compile(r"/\*.*?\*/|//[^\n]*|\{#.*?#\}", re.DOTALL)


def python_keys(path: Path) -> set[str]:
    """The keys a Python module asks for: the first argument of t(...), .t(...), .html(...)."""
    keys = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        first = node.args[0]
        if (
            name in ("t", "html")
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            keys.add(first.value)
    return keys


def used_keys() -> dict[str, set[str]]:
    """Every key asked for, by the file that asks."""
    used = {
        str(path.relative_to(ROOT)): set(
            _CALL.findall(_COMMENTS.sub("", path.read_text(encoding="utf-8")))
        )
        for path in (*SCRIPTS, *TEMPLATES)
    }
    for path in sorted(GENERATOR.rglob("*.py")):
        used[str(path.relative_to(ROOT))] = python_keys(path)
    return used


def test_every_key_asked_for_is_in_the_catalog_and_every_key_is_asked_for() -> None:
    catalog = load_catalog()
    asked = used_keys()
    missing = {
        f"{path}: {key}" for path, keys in asked.items() for key in keys - set(catalog.entries)
    }
    assert not missing, sorted(missing)
    unused = set(catalog.entries) - set().union(*asked.values())
    assert not unused, f"catalog keys nothing asks for: {sorted(unused)}"


@pytest.mark.parametrize("path", [*SCRIPTS, *TEMPLATES], ids=lambda p: p.name)
def test_the_catalogs_keys_are_written_out_where_they_are_asked_for(path: Path) -> None:
    # The bundles carry the strings their scripts ask for by name (keys_in_script): a key
    # computed at run time would be missing from the page.
    text = _COMMENTS.sub("", path.read_text(encoding="utf-8"))
    assert not _DYNAMIC.findall(text), f"{path.name}: a catalog key that is not a literal"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.relative_to(ASSETS / "js").as_posix())
def test_no_widget_script_holds_english_outside_the_catalog(path: Path) -> None:
    found = [
        f"line {line}: {text!r}"
        for line, text in script_literals(path.read_text(encoding="utf-8"))
        if is_text(text)
    ]
    assert not found, found


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_no_template_holds_english_outside_the_catalog(path: Path) -> None:
    found = [
        f"line {line}: {text!r}"
        for line, text in template_literals(path.read_text(encoding="utf-8"))
        if is_text(text)
    ]
    assert not found, found


@pytest.mark.parametrize(
    "path",
    sorted((GENERATOR / "site").rglob("*.py")),
    ids=lambda p: p.relative_to(GENERATOR / "site").as_posix(),
)
def test_no_view_module_holds_english_outside_the_catalog(path: Path) -> None:
    # The views shape what pages show ("Choose two.", the exam's pass mark, a status notice).
    found = [
        f"line {line}: {text!r}"
        for line, text in python_literals(path.read_text(encoding="utf-8"))
        if is_text(text)
    ]
    assert not found, found


def test_the_scan_finds_english_and_lets_code_through() -> None:
    # The checks above must be able to fail.
    script = (
        'const a = "Check", b = `Try ${n} more`, c = "ss-result ss-result--right", d = /"x y"/g;'
    )
    found = [text for _, text in script_literals(script) if is_text(text)]
    assert found == ["Check", "Try "]
    assert not is_text("ss:store-change") and not is_text("quiz.check") and not is_text("keydown")
    assert not is_text("md-button ss-button--danger") and not is_text("input[name=count]")
    assert is_text("Undo") and is_text("not answered")
    page = '---\ntitle: {{ t("a.b") }}\n---\n# {{ t("a.b") }}\n\nSee [the key](#key) <b aria-label="Go">x</b>\n{{ "Shown" if x }}\n'
    found = [text for _, text in template_literals(page) if is_text(text)]
    assert found == ["Shown", "Go", "See [the key] x"]
    module = 'def f():\n    """A docstring."""\n    raise BuildError("Not shown")\n    return "Shown here"\n'
    assert [text for _, text in python_literals(module) if is_text(text)] == ["Shown here"]


def test_the_catalog_is_strings_and_plural_forms() -> None:
    for path in sorted(CATALOGS.glob("*.yml")):
        catalog = load_catalog(path.stem)
        for key, entry in catalog.entries.items():
            forms = entry if isinstance(entry, dict) else {"other": entry}
            assert set(forms) <= PLURAL_CATEGORIES and "other" in forms, key
            names = [set(re.findall(r"\{(\w+)\}", form)) for form in forms.values()]
            # Each form fills in what the others do (a singular may say "one" in words).
            assert all(n <= names[-1] | {"count"} for n in names), key


def test_plurals_numbers_and_lists_in_english() -> None:
    catalog = load_catalog()
    assert catalog.t("quiz.try_again", count=1) == "Try again: 1 question"
    assert catalog.t("quiz.try_again", count=1000) == "Try again: 1,000 questions"
    assert catalog.list(["1"]) == "1"
    assert catalog.list(["1", "2"]) == "1 and 2"
    assert catalog.list(["1", "2", "3", "4"]) == "1, 2, 3 and 4"
    assert str(catalog.html("answer_key.question", number=3, answer="<b>")) == (
        "Question 3: &lt;b&gt;"
    )
    with pytest.raises(BuildError, match="has plural forms: give it a count"):
        catalog.t("quiz.try_again")
    with pytest.raises(BuildError, match="needs `left`"):
        catalog.t("quiz.score_left", right=1, total=2)
    with pytest.raises(BuildError, match=r"has no `quiz\.nothing`"):
        catalog.t("quiz.nothing")


def test_what_the_catalog_keeps_gives_what_it_worked_out_the_first_time() -> None:
    """Strings, numbers and plurals are kept per catalog (a page asks for the same label
    thousands of times); the text and the HTML of one string, and a parameter given as text
    or as HTML, stay apart."""
    from babel import Locale
    from markupsafe import Markup

    from generator.assets.catalog import Catalog

    catalog = Catalog(
        "en",
        {
            "plain": "Fish & chips",
            "named": "<{name}> & {n}",
            "counted": {"one": "{count} fish", "other": "{count} fishes"},
        },
        Locale.parse("en"),
    )
    for _ in range(2):
        assert catalog.t("plain") == "Fish & chips"
        assert str(catalog.html("plain")) == "Fish &amp; chips"
        assert str(catalog.html("named", name="<b>", n=1000)) == "&lt;&lt;b&gt;&gt; &amp; 1,000"
        assert str(catalog.html("named", name=Markup("<b>"), n=1.5)) == "&lt;<b>&gt; &amp; 1.5"
        assert str(catalog.html("named", name="<b>", n=1.5)) == "&lt;&lt;b&gt;&gt; &amp; 1.5"
        assert catalog.t("named", name="<b>", n=2) == "<<b>> & 2"
        assert catalog.t("counted", count=1) == "1 fish"
        assert catalog.t("counted", count=1.5) == "1.5 fishes"
        assert catalog.t("counted", count=1200) == "1,200 fishes"
    other = Catalog("en", {"plain": "Other words"}, Locale.parse("en"))
    assert other.t("plain") == "Other words"
    with pytest.raises(BuildError, match="needs `n`"):
        catalog.t("named", name="x")


def test_a_language_without_a_catalog_gets_english() -> None:
    assert load_catalog("xx").language == FALLBACK
    assert load_catalog("en-GB").t("quiz.check") == "Check"


def test_each_bundle_carries_the_strings_its_scripts_ask_for_once() -> None:
    bundles = joined_sources()
    core = bundles[CORE.script]
    for module in (CORE, *MODULES):
        if module.script not in bundles:
            assert module.kind == "question", module.name  # a type's widget still to come
            continue
        text = bundles[module.script]
        asked = set()
        for path in sorted((ASSETS / "js" / module.name).glob("*.js")):
            asked |= set(keys_in_script(path.read_text(encoding="utf-8")))
        strings = re.search(r'StudySite\.strings\("en",(\{.*?\})\);\n', text)
        assert strings is not None, module.name
        for key in asked:
            held = f'"{key}":' in strings.group(1)
            assert held == (module is CORE or f'"{key}":' not in core), (module.name, key)
    # The core's come right after text.js, which reads them, before the scripts that use them.
    assert core.index("/* js/core/text.js */") < core.index("StudySite.strings(")
    assert core.index("StudySite.strings(") < core.index("/* js/core/store.js */")
