"""Bundle: the widgets' scripts into one minified file and their stylesheets into another.

The sources stay one small, commented file per widget in ``generator/assets/js`` and
``generator/assets/css`` (package data: they ship in the wheel). Pages load the two bundles
instead, minified (jsmin and csscompressor, the minifiers mkdocs-minify-plugin uses): two
requests instead of ten, and one gzip stream each, which keeps the project's own code within
its size budget. The plugin serves them as generated files; ``python -m generator build``
writes them into ``docs/`` for builders that run no plugin.
"""

from __future__ import annotations

import logging
from pathlib import Path

import csscompressor
import jsmin

from generator.errors import BuildError

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parent
"""The package's assets: ``js/``, ``css/`` and the theme ``overrides/``."""
OVERRIDES = ASSETS / "overrides"
"""The theme overrides (``main.html``, ``404.html``, ``partials/``)."""
SCRIPT_BUNDLE = "assets/studysite.min.js"
STYLE_BUNDLE = "assets/studysite.min.css"
# mount.js defines window.StudySite, text.js its text helpers and store.js its store, which
# the other scripts use as they load.
FIRST_SCRIPTS = ("mount.js", "text.js", "store.js")


def bundle_order(folder: Path, suffix: str) -> list[Path]:
    """The sources of one bundle: :data:`FIRST_SCRIPTS` in order, then the rest by name."""
    paths = sorted(folder.glob(f"*{suffix}"))
    first = {name: i for i, name in enumerate(FIRST_SCRIPTS)}
    return sorted(paths, key=lambda path: first.get(path.name, len(first)))


def _join(root: Path, paths: list[Path]) -> str:
    parts = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise BuildError(f"cannot read {path}: {error}") from error
        rel = path.relative_to(root).as_posix()
        # Each script is a statement of its own, even if its last semicolon is missing.
        end = ";" if path.suffix == ".js" and not text.rstrip().endswith(";") else ""
        parts.append(f"/* {rel} */\n{text.rstrip()}{end}\n")
    return "\n".join(parts)


def joined_sources(root: Path = ASSETS) -> dict[str, str]:
    """The bundles (path in the site -> text) joined from ``root/js`` and ``root/css``, unminified.

    A folder without sources (a bare folder in a test, say) gets no bundle.
    """
    bundles = {}
    for folder, suffix, target in (("js", ".js", SCRIPT_BUNDLE), ("css", ".css", STYLE_BUNDLE)):
        paths = bundle_order(root / folder, suffix)
        if paths:
            bundles[target] = _join(root, paths)
        else:
            log.debug("no %s files in %s: no %s", suffix, root / folder, target)
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

    def files(self) -> dict[str, str]:
        """Every bundle (path in the site -> minified text) of the sources as they are now."""
        files = {}
        for target, text in joined_sources(self.root).items():
            made = self._made.get(target)
            if made is None or made[0] != text:
                made = (text, minify(target, text))
                self._made[target] = made
            files[target] = made[1]
        return files
