"""Staging: a failed ``mkdocs build`` keeps the previous site.

MkDocs empties ``site/`` before it writes a page, and a ``--strict`` build aborts only after
it has written them all, so a failed build used to leave an empty or half-built site. The
plugin keeps a :class:`Staging` and calls it from its events: ``mkdocs build`` and
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
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import CountHandler

from generator.errors import BuildError

log = logging.getLogger("mkdocs.plugins.studysite.staging")


def staging_dir(target: Path) -> Path:
    """The hidden folder beside ``target`` that a build writes before it replaces ``target``."""
    return target.parent / f".{target.name}.staging"


class Staging:
    """The MkDocs command running now, and where its site is staged (one per plugin)."""

    def __init__(self) -> None:
        self.command: str | None = None
        self.dirty = False
        self.target: Path | None = None
        self.staging: Path | None = None

    def start(self, *, command: str, dirty: bool) -> None:
        """Remember the command (``on_startup``): only clean builds and deploys are staged."""
        self.command, self.dirty = command, dirty
        self.target = self.staging = None

    def stage_site_dir(self, config: MkDocsConfig) -> None:
        """Point ``config.site_dir`` at the staging folder (at the end of ``on_config``)."""
        if self.command not in ("build", "gh-deploy") or self.dirty or self.staging is not None:
            return
        target = Path(config.site_dir).absolute()
        staging = staging_dir(target)
        _remove(staging)  # left by a build that was killed
        self.target, self.staging = target, staging
        config.site_dir = str(staging)

    def post_build(self, config: MkDocsConfig) -> None:
        """Replace the site with the staged build, unless a strict build is about to abort.

        Called last of every plugin's post-build step (priority -100): others still write
        files into the site then.
        """
        target, staging = self.target, self.staging
        if target is None or staging is None:
            return
        if _strict_warnings():
            return  # MkDocs raises Abort next; build_error removes the staging folder
        swap(staging, target)
        config.site_dir = str(target)  # gh-deploy pushes config.site_dir after the build
        self.target = self.staging = None

    def build_error(self) -> None:
        """Drop the staged build: the previous site stays as it was."""
        if self.staging is not None:
            _remove(self.staging)
            log.warning("the build failed: %s is left as it was", self.target)
        self.target = self.staging = None

    def shutdown(self) -> None:
        """Remove a staging folder a run left behind; forget the run."""
        if self.staging is not None:
            _remove(self.staging)
        self.command, self.target, self.staging = None, None, None


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
