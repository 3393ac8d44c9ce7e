"""Bundle: the widgets' scripts into one file and their stylesheets into another.

The sources stay one small, commented file per widget in ``docs/assets/js`` and
``docs/assets/css`` (left out of the site by ``exclude_docs``). Pages load the two bundles
instead, which mkdocs-minify-plugin serves minified: two requests instead of ten, and one
gzip stream each, which is what keeps the project's own code within its size budget.
"""

from __future__ import annotations

import logging
from pathlib import Path

from generator.errors import BuildError

log = logging.getLogger(__name__)

SCRIPTS = "assets/js"
STYLES = "assets/css"
SCRIPT_BUNDLE = "assets/studysite.js"
STYLE_BUNDLE = "assets/studysite.css"
# Defines window.StudySite, which every other script uses as it loads.
FIRST_SCRIPT = "mount.js"


def bundle_order(folder: Path, suffix: str) -> list[Path]:
    """The sources of one bundle: ``mount.js`` first, then the rest by name."""
    paths = sorted(folder.glob(f"*{suffix}"))
    return sorted(paths, key=lambda path: path.name != FIRST_SCRIPT)


def _join(docs_dir: Path, paths: list[Path]) -> str:
    parts = []
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise BuildError(f"cannot read {path}: {error}") from error
        rel = path.relative_to(docs_dir).as_posix()
        # Each script is a statement of its own, even if its last semicolon is missing.
        end = ";" if path.suffix == ".js" and not text.rstrip().endswith(";") else ""
        parts.append(f"/* {rel} */\n{text.rstrip()}{end}\n")
    return "\n".join(parts)


def bundle_assets(docs_dir: Path) -> dict[str, str]:
    """The bundles (path under docs -> text) made from the sources under ``docs_dir``.

    A docs folder without sources (a bare folder in a test, say) gets no bundle.
    """
    bundles = {}
    for folder, suffix, target in ((SCRIPTS, ".js", SCRIPT_BUNDLE), (STYLES, ".css", STYLE_BUNDLE)):
        paths = bundle_order(docs_dir / folder, suffix)
        if paths:
            bundles[target] = _join(docs_dir, paths)
        else:
            log.debug("no %s files in %s: no %s", suffix, docs_dir / folder, target)
    return bundles
