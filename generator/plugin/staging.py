"""Staging: a failed ``mkdocs build`` keeps the previous site.

MkDocs empties ``site/`` before it writes a page, and a ``--strict`` build aborts only after
it has written them all, so a failed build used to leave an empty or half-built site. The
plugin keeps a :class:`Staging` and calls it from its events: ``mkdocs build`` and
``mkdocs gh-deploy`` write into a hidden folder beside the site (``.site.staging``), and
only a build that succeeds replaces the site with it. The hidden entries MkDocs never
deletes from a site folder (a ``.git`` folder, say) move into the new site.

``mkdocs serve`` builds into a temporary folder of its own and ``--dirty`` updates the site
in place by definition: both build as MkDocs always does.

Since the build replaces the whole site folder, :func:`check_site_dir` first refuses one
whose files are not the build's to replace (``mkdocs build -d data`` deleted the data it had
just read): the project folder or a folder holding it, a home folder or one holding it, the
data folder, the docs folder and the project's own folders (or a folder in or holding one),
a file, and a folder with files in it that is neither a site a build made
(:data:`SITE_RECORD`, written into every site it puts in place) nor looks like a MkDocs site
(:data:`MKDOCS_SIGNS`: a first build after an upgrade, or with the plugin newly added).

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

SITE_RECORD = ".studysite-site"
"""Written into every site a build puts in place: a folder holding it is one a build made."""
SITE_RECORD_TEXT = (
    "Made by `mkdocs build` with the studysite plugin; the next build may replace it.\n"
)
MKDOCS_SIGNS = ("sitemap.xml", "404.html", "search")
"""What a site folder from before the record holds (any one of them)."""
PROJECT_FOLDERS = (".git", ".github", ".ci", "generator", "tests", "node_modules")
"""Folders of a project that a site folder may not be, be in or hold (those that exist); the
data and docs folders and the theme's ``custom_dir`` too."""


def check_site_dir(target: Path, root: Path, protected: list[Path], *, dirty: bool = False) -> None:
    """Refuse a site folder whose files the build would delete or mix with its own.

    Args:
        target: The site folder (``site_dir``).
        root: The project folder (of ``mkdocs.yml``).
        protected: The data and docs folders and any other folder the project needs.
        dirty: ``--dirty``: the build writes into the site and deletes nothing, so a folder
            with other files in it is allowed (the project's folders are not).

    Raises:
        BuildError: Naming the folder, why, and what to choose instead.
    """
    target, root = target.resolve(), root.resolve()
    why = ""
    if root.is_relative_to(target):
        why = "it is the project folder or holds it"
    elif _is_home(target):
        why = "it is a home folder or holds one"
    else:
        needed = [*protected, *(root / name for name in PROJECT_FOLDERS)]
        for folder in (f.resolve() for f in needed if f.exists()):
            if target.is_relative_to(folder) or folder.is_relative_to(target):
                why = f"it is, is in, or holds {folder}, which the project needs"
                break
    if not why and target.exists() and not target.is_dir():
        why = "it is a file"
    if not why and not dirty and target.is_dir():
        visible = sorted(e.name for e in target.iterdir() if not e.name.startswith("."))
        made = (target / SITE_RECORD).is_file() or any(
            (target / sign).exists() for sign in MKDOCS_SIGNS
        )
        if visible and not made:
            why = (
                f"it holds files that no build made (such as {visible[0]}; it has no "
                f"{SITE_RECORD}, sitemap.xml, 404.html or search/), which the build would delete"
            )
    if why:
        raise BuildError(
            f"refusing to build the site into {target}: {why}; choose a new or empty "
            f"folder, or the site folder of an earlier build (such as {root / 'site'})"
        )


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

    def stage_site_dir(self, config: MkDocsConfig, protected: list[Path] | None = None) -> None:
        """Point ``config.site_dir`` at the staging folder (at the end of ``on_config``).

        A site folder that :func:`check_site_dir` refuses stops the build first.

        Raises:
            BuildError: the site folder is one the build must not replace.
        """
        if self.command not in ("build", "gh-deploy") or self.staging is not None:
            return
        target = Path(config.site_dir).absolute()
        root = Path(config.config_file_path or "mkdocs.yml").absolute().parent
        needed = [Path(config.docs_dir), *(protected or [])]
        if config.theme.custom_dir:
            needed.append(Path(config.theme.custom_dir))
        check_site_dir(target, root, needed, dirty=self.dirty)
        if self.dirty:
            return
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
        (staging / SITE_RECORD).write_text(SITE_RECORD_TEXT, encoding="utf-8")
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


def _is_home(folder: Path) -> bool:
    """Whether ``folder`` is or holds the user's home folder, or is another user's beside it."""
    try:
        home = Path.home().resolve()
    except (RuntimeError, KeyError):  # no $HOME and no user entry
        return False
    homes = home.parent  # /home, /Users; not the root (root's home is /root)
    return home.is_relative_to(folder) or (folder.parent == homes and homes != Path(homes.anchor))


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
