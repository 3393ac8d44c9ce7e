"""Bundles: the widgets' scripts and styles, one minified pair per module.

The sources stay one small, commented file per widget, in a folder per module:
``generator/assets/js/<module>/`` and ``generator/assets/css/<module>/`` (package data: they
ship in the wheel). Every page loads the core (:data:`CORE`: mounting, the store, the quiz,
the search patch, the text helpers and the shared styles), as ``assets/studysite.min.js``
and ``assets/studysite.min.css``. The code of one page kind or one widget that most pages do
not show is a module of its own (:data:`MODULES`), ``assets/studysite-<module>.min.js`` and
``.min.css``, loaded only by the pages that show it (:func:`modules_of` finds them by their
marks; :mod:`generator.site.render` links them). Minified with jsmin and csscompressor (the
minifiers mkdocs-minify-plugin uses). The plugin serves them as generated files;
``python -m generator build`` writes them into ``docs/`` for builders that run no plugin.

Each script bundle starts with the strings of the site's language that its scripts ask for
(``t("group.key")``, :mod:`generator.assets.catalog`), those of the core right after
``text.js``, which reads them; a module's leave out what the core already holds.

Each question type but multiple choice and true/false is a module (:data:`MODULES`) marked
by an attribute only its questions carry; its widget is a folder under ``js/`` and ``css/``
named for the type (``js/ordering/``...). A module without sources has no bundle, and its
pages link nothing for it (the static form and key show). Budgets: tests/build/test_assets.py.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import csscompressor
import jsmin

from generator.assets.catalog import FALLBACK, Catalog, keys_in_script, load_catalog, script
from generator.errors import BuildError

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent
"""The package's assets: ``js/``, ``css/`` and the theme ``overrides/``."""
OVERRIDES = ASSETS / "overrides"
"""The theme overrides (``main.html``, ``404.html``, ``partials/``)."""

ModuleKind = Literal["core", "page", "widget", "question"]


@dataclass(frozen=True)
class Module:
    """A bundle pair: the sources of ``js/<name>/`` and ``css/<name>/``, and who loads it."""

    name: str
    kind: ModuleKind
    """core (every page), page (one page kind), widget or question (one question type)."""
    mark: str = ""
    """The attribute that a page holds when it needs the module (none for the core)."""
    also: tuple[str, ...] = ()
    """Other attributes that mark a page needing it (a module that several page kinds use)."""

    @property
    def marks(self) -> tuple[str, ...]:
        """Every attribute that marks a page needing the module."""
        return (self.mark, *self.also) if self.mark else ()

    @property
    def script(self) -> str:
        """The script bundle's path in the site."""
        return (
            "assets/studysite.min.js"
            if self.kind == "core"
            else f"assets/studysite-{self.name}.min.js"
        )

    @property
    def style(self) -> str:
        """The style bundle's path in the site."""
        return (
            "assets/studysite.min.css"
            if self.kind == "core"
            else f"assets/studysite-{self.name}.min.css"
        )


CORE = Module("core", "core")
MODULES = (
    # The review schedule (issue 30): the FSRS scheduler and the hook that makes every answer
    # a review, on every page where questions are answered, and the cards the Review page and
    # readiness by domain (js/schedule/readiness.js, on the Progress and practice exam pages)
    # read. First: the page kinds' scripts use it as they mount.
    Module(
        "schedule",
        "widget",
        "data-ss-quiz",
        ("data-ss-exam-page", "data-ss-review", "data-ss-mistakes", "data-ss-readiness"),
    ),
    Module("exam", "page", "data-ss-exam-page"),
    Module("progress", "page", "data-ss-progress"),
    Module("tree", "widget", "data-ss-tree"),
    Module("table", "widget", "data-ss-table"),
    # The question types (generator/site/widgets/question_markup.py): each mark is an
    # attribute only that type's questions carry. True/false is the core quiz's.
    Module("ordering", "question", "data-ss-items"),
    Module("matching", "question", "data-ss-prompts"),
    Module("numeric", "question", "data-ss-number"),
    Module("short-answer", "question", "data-ss-accept"),
    Module("case-study", "question", "data-ss-case-study"),
    # The Review page (due questions one at a time, the forecast, the settings) and the
    # wrong-answers page: both show questions from the review data scripts.
    Module("review", "page", "data-ss-review", ("data-ss-mistakes",)),
)
"""Every module but the core, in the order a page loads them."""

SCRIPT_BUNDLE = CORE.script
STYLE_BUNDLE = CORE.style
# mount.js defines window.StudySite, text.js its text helpers and store.js its store, which
# the other scripts use as they load.
FIRST_SCRIPTS = ("mount.js", "text.js", "store.js")
# The script that reads the bundle's strings (StudySite.strings); they follow it.
STRINGS_AFTER = "text.js"


def modules_of(page: str) -> list[Module]:
    """The modules that a page (its Markdown or HTML) needs: those whose mark it holds."""
    return [m for m in MODULES if any(_holds_mark(page, mark) for mark in m.marks)]


def _holds_mark(page: str, mark: str) -> bool:
    """Whether ``page`` holds ``mark`` as an attribute name.

    Before the mark, white space; after it, white space, ``=`` or ``>``.

    Found with ``str.find``: a regular expression that starts with a white space class tries
    every position of the page, a fifth of a second per build at 1,000 questions.
    """
    at = page.find(mark)
    while at != -1:
        end = at + len(mark)
        if at and page[at - 1].isspace() and end < len(page):
            after = page[end]
            if after.isspace() or after in "=>":
                return True
        at = page.find(mark, at + 1)
    return False


def module_bundles(root: Path = ASSETS) -> dict[str, tuple[str | None, str | None]]:
    """Per module, its script bundle and its style bundle, or None where it has no sources.

    The tree's and the table's styles are the core's: they are on most content pages, and a
    stylesheet that arrives with the page's content after an instant navigation would show
    the widget unstyled for a moment.
    """
    return {
        m.name: (
            m.script if bundle_order(root / "js" / m.name, ".js") else None,
            m.style if bundle_order(root / "css" / m.name, ".css") else None,
        )
        for m in MODULES
    }


def bundle_order(folder: Path, suffix: str) -> list[Path]:
    """The sources of one bundle: :data:`FIRST_SCRIPTS` in order, then the rest by name."""
    paths = sorted(folder.glob(f"*{suffix}"))
    first = {name: i for i, name in enumerate(FIRST_SCRIPTS)}
    return sorted(paths, key=lambda path: first.get(path.name, len(first)))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise BuildError(f"cannot read {path}: {error}") from error


def _join(root: Path, paths: list[Path], strings: str = "") -> str:
    """The sources joined; ``strings`` (a script's catalog) after text.js, or first."""
    parts = []
    if strings and not any(path.name == STRINGS_AFTER for path in paths):
        parts.append(strings)
    for path in paths:
        text = _read(path)
        rel = path.relative_to(root).as_posix()
        # Each script is a statement of its own, even if its last semicolon is missing.
        end = ";" if path.suffix == ".js" and not text.rstrip().endswith(";") else ""
        parts.append(f"/* {rel} */\n{text.rstrip()}{end}\n")
        if strings and path.name == STRINGS_AFTER:
            parts.append(strings)
    return "\n".join(parts)


def _guarded(module: Module, text: str) -> str:
    """A module's scripts, run once per document.

    Material's instant navigation runs a page's scripts again each time it shows a page of
    that kind; the module's state (the exam's loaded questions, say) must stay the one its
    widgets were mounted with. ``StudySite.module(name)`` is true the first time only.
    """
    return f'if (window.StudySite && StudySite.module("{module.name}")) {{\n{text}}}\n'


def script_keys(root: Path, module: Module) -> list[str]:
    """The catalog keys the scripts of ``module`` ask for, in order of first use."""
    keys: dict[str, None] = {}
    for path in bundle_order(root / "js" / module.name, ".js"):
        keys.update(dict.fromkeys(keys_in_script(_read(path))))
    return list(keys)


def joined_sources(root: Path = ASSETS, catalog: Catalog | None = None) -> dict[str, str]:
    """The bundles (path in the site -> text) joined from ``root/js`` and ``root/css``, unminified.

    ``catalog`` gives each script bundle its strings (English when none is given). A folder
    without sources (a bare folder in a test, say) gets no bundle.
    """
    catalog = catalog or load_catalog(FALLBACK)
    core_keys = set(script_keys(root, CORE))
    bundles = {}
    for module in (CORE, *MODULES):
        for folder, suffix, target in (("js", ".js", module.script), ("css", ".css", module.style)):
            paths = bundle_order(root / folder / module.name, suffix)
            if not paths:
                log.debug("no %s files in %s: no %s", suffix, root / folder / module.name, target)
                continue
            if suffix == ".css":
                bundles[target] = _join(root, paths)
                continue
            keys = script_keys(root, module)
            if module is not CORE:
                keys = [key for key in keys if key not in core_keys]
            text = _join(root, paths, script(catalog, keys) if keys else "")
            bundles[target] = text if module is CORE else _guarded(module, text)
    return bundles


def minify(target: str, text: str) -> str:
    """``text`` of the bundle ``target`` minified: no comments, no blank lines."""
    if target.endswith(".js"):
        # Template literals are strings too: jsmin must not touch what is inside them.
        return str(jsmin.jsmin(text, quote_chars="'\"`"))
    return str(csscompressor.compress(text))


class Bundles:
    """The minified bundles, made again only when a source changed (kept across rebuilds)."""

    def __init__(self, root: Path = ASSETS) -> None:
        self.root = root
        self._made: dict[str, tuple[str, str]] = {}

    def files(self, catalog: Catalog | None = None) -> dict[str, str]:
        """Every bundle (path in the site -> minified text) of the sources as they are now.

        ``catalog``: the strings of the site's language (English when none is given).
        """
        files = {}
        for target, text in joined_sources(self.root, catalog).items():
            made = self._made.get(target)
            if made is None or made[0] != text:
                made = (text, minify(target, text))
                self._made[target] = made
            files[target] = made[1]
        return files
