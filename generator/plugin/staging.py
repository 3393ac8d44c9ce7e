"""Staging: a failed ``mkdocs build`` keeps the previous site.

MkDocs empties ``site/`` before it writes a page, and a ``--strict`` build aborts only after
it has written them all, so a failed build used to leave an empty or half-built site. The
MkDocs hook (``mkdocs_hook.py``) lists these functions: ``mkdocs build`` and
``mkdocs gh-deploy`` write into a hidden folder beside the site (``.site.staging``), and
only a build that succeeds replaces the site with it. The hidden entries MkDocs never
deletes from a site folder (a ``.git`` folder, say) move into the new site.

``mkdocs serve`` builds into a temporary folder of its own and ``--dirty`` updates the site
in place by definition: both build as MkDocs always does.

MkDocs details relied on (1.6, ``mkdocs.commands.build``): ``config.site_dir`` is read after
``on_config`` (so the build writes into the staging folder), ``gh-deploy`` pushes
``config.site_dir`` after the build, and in ``--strict`` mode MkDocs counts warnings with a
``mkdocs.utils.CountHandler`` on the ``mkdocs`` logger and raises ``Abort`` only after
``on_post_build`` (then runs ``on_build_error``). None of these is public API. If an upgrade
counted strict warnings elsewhere, a strict build that is about to abort would replace the
site first; if it read ``site_dir`` before ``on_config``, builds would go straight into the
site folder, unstaged, as without this module.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.utils import CountHandler

from generator.errors import BuildError

log = logging.getLogger("mkdocs.hooks.generator.plugin.staging")


@dataclass
class _Run:
    """The MkDocs command running now, and where its site is staged."""

    command: str | None = None
    dirty: bool = False
    target: Path | None = None
    staging: Path | None = None


_run = _Run()


def staging_dir(target: Path) -> Path:
    """The hidden folder beside ``target`` that a build writes before it replaces ``target``."""
    return target.parent / f".{target.name}.staging"


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember the command: only clean ``build`` and ``gh-deploy`` runs are staged."""
    _run.command, _run.dirty = command, dirty
    _run.target = _run.staging = None


def stage_site_dir(config: MkDocsConfig) -> None:
    """Point ``config.site_dir`` at the staging folder (called at the end of ``on_config``)."""
    if _run.command not in ("build", "gh-deploy") or _run.dirty or _run.staging is not None:
        return
    target = Path(config.site_dir).absolute()
    staging = staging_dir(target)
    _remove(staging)  # left by a build that was killed
    _run.target, _run.staging = target, staging
    config.site_dir = str(staging)


# Last of every plugin's post-build step: the minify and offline plugins still write files.
@event_priority(-100)
def on_post_build(config: MkDocsConfig) -> None:
    """Replace the site with the staged build, unless a strict build is about to abort."""
    target, staging = _run.target, _run.staging
    if target is None or staging is None:
        return
    if _strict_warnings():
        return  # MkDocs raises Abort next; on_build_error removes the staging folder
    swap(staging, target)
    config.site_dir = str(target)  # gh-deploy pushes config.site_dir after the build
    _run.target = _run.staging = None


def on_build_error(error: Exception) -> None:
    """Drop the staged build: the previous site stays as it was."""
    if _run.staging is not None:
        _remove(_run.staging)
        log.warning("the build failed: %s is left as it was", _run.target)
    _run.target = _run.staging = None


def on_shutdown() -> None:
    """Remove a staging folder a run left behind; forget the run."""
    if _run.staging is not None:
        _remove(_run.staging)
    _run.command, _run.target, _run.staging = None, None, None


def _strict_warnings() -> bool:
    # MkDocs counts warnings with a CountHandler on its logger in --strict mode only.
    handlers = logging.getLogger("mkdocs").handlers
    return any(isinstance(h, CountHandler) and h.get_counts() for h in handlers)


def swap(staging: Path, target: Path) -> None:
    """Put the finished build ``staging`` in the place of ``target``.

    Raises:
        BuildError: the site folder cannot be replaced (the message names it).
    """
    try:
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            staging.rename(target)
            return
        for entry in target.iterdir():
            if entry.name.startswith(".") and not (staging / entry.name).exists():
                entry.rename(staging / entry.name)
        previous = target.parent / f".{target.name}.previous"
        _remove(previous)
        try:
            target.rename(previous)
        except OSError:
            # A mount point or a folder in use cannot move: refill it instead.
            _refill(staging, target)
            return
        staging.rename(target)
        _remove(previous)
    except OSError as error:
        raise BuildError(f"cannot put the new site in place of {target}: {error}") from error


def _refill(staging: Path, target: Path) -> None:
    for entry in target.iterdir():
        if not entry.name.startswith("."):
            _remove(entry)
    for entry in staging.iterdir():
        shutil.move(str(entry), target / entry.name)
    _remove(staging)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    elif path.exists() or path.is_symlink():
        path.unlink()
