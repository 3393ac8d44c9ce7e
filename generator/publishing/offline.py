"""Offline build: a copy of the site that works opened from disk, optionally zipped.

The hosted site keeps directory URLs and loads its search index with ``fetch``, neither of
which works from ``file://``. This build turns on Material's offline plugin (``mkdocs.yml``
reads ``$STUDYSITE_OFFLINE``), which switches to ``page.html`` URLs and inlines the search
index into a script. The plugin would load the iframe-worker shim (search's web worker from
``file://``) from a CDN; here it comes from its npm package instead, installed at set-up time
with ``npm ci --prefix generator`` and copied into the site.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from generator.config import data_folder, environment_variable
from generator.errors import BuildError

log = logging.getLogger(__name__)

#: Environment variable that mkdocs.yml reads to enable the offline plugin.
OFFLINE_ENV = "STUDYSITE_OFFLINE"
#: The npm package that provides the Web Worker shim for ``file://``.
# A script loaded from another host: the offline copy must load everything from disk.
_REMOTE_SCRIPT = re.compile(r"<script[^>]+src=\"(?:https?:)?//", re.IGNORECASE)
SHIM_PACKAGE = "iframe-worker"
#: Where the shim is copied in the offline site (relative to the site root).
SHIM_TARGET = "assets/vendor/iframe-worker/shim.js"
#: The set-up command that installs the shim, run in the project folder.
INSTALL_COMMAND = "npm ci --prefix generator"
#: Written into every offline site: a folder holding it is one this command made and may
#: empty again; any other non-empty folder is refused.
MARKER = ".studysite-offline"
#: Folders of the project that an output folder may never be in (the sources).
SOURCE_FOLDERS = ("data", "docs", "generator", "tests", ".git")
#: The zip's timestamps when $SOURCE_DATE_EPOCH is not set: the earliest a zip can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def shim_source(root: Path) -> Path:
    """Where ``npm ci --prefix generator`` puts the shim in the project at ``root``."""
    return root / "generator" / "node_modules" / SHIM_PACKAGE / "shim" / "index.js"


def find_shim(root: Path) -> Path:
    """Return the installed iframe-worker shim, or raise a BuildError that says what to run."""
    shim = shim_source(root)
    if shim.is_file():
        return shim
    if shutil.which("npm") is None:
        raise BuildError(
            f"the offline build needs the {SHIM_PACKAGE} shim from npm, and npm is not "
            f"installed: install Node.js and npm (on Debian: apt-get install npm), then run "
            f"`{INSTALL_COMMAND}` in {root}"
        )
    raise BuildError(
        f"the offline build needs the {SHIM_PACKAGE} shim, which is not installed "
        f"(no {shim}): run `{INSTALL_COMMAND}` in {root}"
    )


def build_offline(root: Path, out: Path, zip_path: Path | None = None) -> Path:
    """Build the site of the project at ``root`` for ``file://`` use into ``out``.

    Runs the generator (through the MkDocs hook) and a strict MkDocs build with the offline
    plugin on, copies the iframe-worker shim in, and, if ``zip_path`` is given, writes the
    site there as one zip file.

    Args:
        root: The project folder (where mkdocs.yml is).
        out: The output folder: new, empty, or made by this command before (it holds
            :data:`MARKER`); replaced only when the build succeeds.
        zip_path: Where to write the zip, or None for no zip.

    Returns:
        The output folder, resolved.

    Raises:
        BuildError: The shim is not installed, the output folder or zip is a place this
            command must not write, the build failed, or the output is incomplete.
    """
    out = out.resolve()
    check_out_folder(root, out)
    if zip_path is not None:
        check_zip_path(root, out, zip_path)
    shim = find_shim(root)
    _run_mkdocs(root / "mkdocs.yml", out)
    (out / MARKER).write_text(
        "Made by `python -m generator offline`; it may empty this folder again.\n",
        encoding="utf-8",
    )
    target = out / SHIM_TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shim, target)
    licence = shim.parent.parent / "LICENSE"
    if licence.is_file():
        shutil.copyfile(licence, target.parent / "LICENSE")
    _check_output(out)
    if zip_path is not None:
        write_zip(out, zip_path)
        log.info("wrote %s", zip_path)
    return out


def _protected(root: Path) -> list[Path]:
    # The data folder the build reads, wherever the setting puts it.
    return [root / name for name in SOURCE_FOLDERS] + [data_folder(root).path.resolve()]


def check_out_folder(root: Path, out: Path) -> None:
    """Refuse an output folder whose files the offline build would delete or mix with.

    Raises:
        BuildError: ``out`` is the project folder or holds it, lies in its sources (data,
            docs...), is a file, or is a non-empty folder this command did not make.
    """
    root = root.resolve()
    out = out.resolve()
    if root.is_relative_to(out):
        raise BuildError(
            f"refusing to build the offline site into {out}: it is the project folder or "
            f"holds it; choose a folder of its own, such as {root / 'site-offline'}"
        )
    for folder in _protected(root):
        if out.is_relative_to(folder.resolve()):
            raise BuildError(
                f"refusing to build the offline site into {out}: it is inside {folder}, "
                f"which holds the project's sources; choose a folder of its own, such as "
                f"{root / 'site-offline'}"
            )
    if out.exists() and not out.is_dir():
        raise BuildError(f"refusing to build the offline site into {out}: it is a file")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise BuildError(
            f"refusing to build the offline site into {out}: the folder holds files that "
            f"this command did not make (it has no {MARKER} file), and building would "
            "delete them; choose a new or empty folder"
        )


def check_zip_path(root: Path, out: Path, zip_path: Path) -> None:
    """Refuse a zip path inside the site or the sources, or one that is another file."""
    target = zip_path.resolve()
    if target.is_relative_to(out):
        raise BuildError(f"the zip {zip_path} must not be inside the output folder {out}")
    for folder in _protected(root.resolve()):
        if target.is_relative_to(folder.resolve()):
            raise BuildError(
                f"refusing to write the zip {zip_path} inside {folder}, which holds the "
                "project's sources; choose another place, such as dist/"
            )
    if target.is_dir() or (target.exists() and not zipfile.is_zipfile(target)):
        raise BuildError(
            f"refusing to write the zip over {zip_path}: it is not a zip file; "
            "choose another name or move it"
        )


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    """Every entry's time: ``$SOURCE_DATE_EPOCH`` when set, else 1980-01-01 00:00.

    Fixed times make two builds of the same site give byte-identical zips.
    """
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return ZIP_EPOCH
    try:
        when = datetime.fromtimestamp(int(value), tz=UTC)
    except (ValueError, OverflowError, OSError) as error:
        raise BuildError(
            f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, not {value!r}"
        ) from error
    # A zip holds local times from 1980 to 2107, in steps of two seconds.
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    return max(ZIP_EPOCH, min(stamp, (2107, 12, 31, 23, 59, 58)))


def write_zip(folder: Path, zip_path: Path) -> Path:
    """Zip ``folder`` into ``zip_path``, under one top folder named like the zip.

    Unzipping ``study-site-offline.zip`` gives ``study-site-offline/index.html``, whatever
    the unzip tool does with loose files. The zip is written to a temporary file first, so a
    failed run leaves no half-written zip. Entries are in name order with fixed times and
    modes (:func:`zip_timestamp`), so the same site always gives the same bytes.
    """
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    top = zip_path.name.removesuffix(".zip") or "site"
    stamp = zip_timestamp()
    handle, temp_name = tempfile.mkstemp(suffix=".zip", dir=zip_path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.name != MARKER:
                    entry = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", stamp)
                    entry.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(entry, path.read_bytes(), compresslevel=9)
        temp.replace(zip_path)
        zip_path.chmod(0o644)  # mkstemp made it private; a download is for everyone
    finally:
        temp.unlink(missing_ok=True)
    return zip_path


def _run_mkdocs(config_file: Path, out: Path) -> None:
    """Build with MkDocs in this process, offline plugin on and the local shim as polyfill."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    try:
        with environment_variable(OFFLINE_ENV, "true"):
            config = load_config(str(config_file), site_dir=str(out), strict=True)
    except MkDocsException as error:
        raise BuildError(f"cannot read {config_file}: {error.format_message()}") from error
    plugin = config.plugins.get("material/offline")
    if plugin is None or not plugin.config.get("enabled"):
        raise BuildError(
            f"{config_file} must list Material's offline plugin as "
            f"`- offline: {{enabled: !ENV [{OFFLINE_ENV}, false]}}`"
        )
    # The plugin adds the CDN copy of the shim unless a polyfill already names iframe-worker.
    polyfills = [p for p in config.extra.get("polyfills", []) if SHIM_PACKAGE not in str(p)]
    config.extra["polyfills"] = [*polyfills, SHIM_TARGET]
    # Instant navigation is off on file:// anyway, and with the feature on, Material completes
    # its document$ observable there without ever emitting it, so nothing subscribed to it
    # (our widget mounting, Material's own tooltips) would run.
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except MkDocsException as error:
        raise BuildError(f"the offline build failed: {error.format_message()}") from error
    finally:
        config.plugins.on_shutdown()


def _check_output(out: Path) -> None:
    """Fail if the build lacks what opening it from disk needs, or loads the shim remotely."""
    index = out / "index.html"
    if not index.is_file():
        raise BuildError(f"the offline build wrote no {index}")
    if not (out / "search" / "search_index.js").is_file():
        raise BuildError("the offline build wrote no search/search_index.js (offline plugin off?)")
    html = index.read_text(encoding="utf-8")
    if SHIM_TARGET not in html or _REMOTE_SCRIPT.search(html):
        raise BuildError(f"{index} does not load the local {SHIM_PACKAGE} shim ({SHIM_TARGET})")
