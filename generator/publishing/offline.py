"""Offline build: a copy of the site that works opened from disk, optionally zipped.

The hosted site keeps directory URLs and loads its search index with ``fetch``, neither of
which works from ``file://``. This command builds the site in this process with the plugin's
``offline`` option on (:mod:`generator.plugin.offline_site`: ``page.html`` URLs, the search
index inlined into a script, the iframe-worker shim from its npm package instead of a CDN),
into a folder of its own, and zips it if asked.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from generator.config import Project
from generator.errors import BuildError
from generator.plugin.offline_site import SHIM_PACKAGE, SHIM_TARGET, find_shim
from generator.plugin.staging import SITE_RECORD
from generator.publishing.site_build import build_site

log = logging.getLogger(__name__)

# A script loaded from another host: the offline copy must load everything from disk.
_REMOTE_SCRIPT = re.compile(r"<script[^>]+src=\"(?:https?:)?//", re.IGNORECASE)
#: Written into every offline site: a folder holding it is one this command made and may
#: empty again; any other non-empty folder is refused. It lists the files the build made
#: and the zip it wrote (with the zip's SHA-256), so a file put into the folder since, or a
#: zip changed since, is refused too (issue 34); an older marker without them is accepted.
MARKER = ".studysite-offline"
MARKER_TEXT = "Made by `studysite offline`; it may empty this folder again."
#: Folders of the project that an output folder may never be in (the sources).
SOURCE_FOLDERS = ("data", "docs", "generator", "tests", ".git")
#: The zip's timestamps when $SOURCE_DATE_EPOCH is not set: the earliest a zip can hold.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def build_offline(
    project: Project,
    out: Path,
    zip_path: Path | None = None,
    shim: Path | None = None,
    *,
    force: bool = False,
) -> Path:
    """Build the site of ``project`` for ``file://`` use into ``out``.

    Runs a strict MkDocs build in this process with the plugin's ``offline`` option on and
    the shim found (or ``shim``), and, if ``zip_path`` is given, writes the site there as one
    zip file.

    Args:
        project: The project, loaded (with ``strict`` for a strict build).
        out: The output folder: new, empty, or made by this command before (it holds
            :data:`MARKER`); replaced only when the build succeeds.
        zip_path: Where to write the zip, or None for no zip.
        shim: The iframe-worker shim's file, or None to look for it beside mkdocs.yml.
        force: Replace an existing zip file that this command did not write.

    Returns:
        The output folder, resolved.

    Raises:
        BuildError: The shim is not installed, the output folder or zip is a place this
            command must not write, the build failed, or the output is incomplete.
    """
    root = project.root
    out = out.resolve()
    protected = protected_folders(project)
    check_out_folder(root, out, protected)
    if zip_path is not None:
        check_zip_path(root, out, zip_path, protected, force=force)
    plugin = project.plugin_for_build()
    plugin.config.offline = True
    plugin.config.shim = str(find_shim(root, shim).resolve())
    plugin.config.pdf_downloads = False  # no PDF is printed beside the offline copy
    assert project.config is not None  # plugin_for_build raised otherwise
    # Set here, after the checks above (stricter than MkDocs' own of site_dir).
    project.config.site_dir = str(out)
    build_site(project, what="the offline site")
    made = sorted(
        p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != MARKER
    )
    _write_marker(out, {"made_by": MARKER_TEXT, "files": made})
    _check_output(out)
    if zip_path is not None:
        write_zip(out, zip_path)
        zip_record = {"path": str(zip_path.resolve()), "sha256": _digest(zip_path)}
        _write_marker(out, {"made_by": MARKER_TEXT, "files": made, "zip": zip_record})
        log.info("wrote %s", zip_path)
    return out


def _write_marker(out: Path, record: dict[str, object]) -> None:
    (out / MARKER).write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def read_marker(out: Path) -> dict[str, object] | None:
    """The record of an offline site folder; None if it has none; empty if from an older run."""
    try:
        text = (out / MARKER).read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return {}  # the plain text of an older version: made by this command
    return record if isinstance(record, dict) else {}


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def protected_folders(project: Project) -> list[Path]:
    """The project's sources, which an output folder may never be in (the data folder too)."""
    return [project.root / name for name in SOURCE_FOLDERS] + [project.data.path.resolve()]


def check_out_folder(root: Path, out: Path, protected: list[Path] | None = None) -> None:
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
    for folder in protected or [root / name for name in SOURCE_FOLDERS]:
        if out.is_relative_to(folder.resolve()):
            raise BuildError(
                f"refusing to build the offline site into {out}: it is inside {folder}, "
                f"which holds the project's sources; choose a folder of its own, such as "
                f"{root / 'site-offline'}"
            )
    if out.exists() and not out.is_dir():
        raise BuildError(f"refusing to build the offline site into {out}: it is a file")
    if not out.is_dir() or not any(out.iterdir()):
        return
    record = read_marker(out)
    if record is None:
        raise BuildError(
            f"refusing to build the offline site into {out}: the folder holds files that "
            f"this command did not make (it has no {MARKER} file), and building would "
            "delete them; choose a new or empty folder"
        )
    made = record.get("files")
    if isinstance(made, list):
        known = {str(name) for name in made}
        for path in sorted(out.rglob("*")):
            name = path.relative_to(out).as_posix()
            hidden = any(part.startswith(".") for part in path.relative_to(out).parts)
            if path.is_file() and not hidden and name not in known:
                raise BuildError(
                    f"refusing to build the offline site into {out}: {name} was put there "
                    "after this command built the folder, and building again would delete "
                    "it; move it out of the folder, or choose a new or empty folder"
                )


def check_zip_path(
    root: Path,
    out: Path,
    zip_path: Path,
    protected: list[Path] | None = None,
    *,
    force: bool = False,
) -> None:
    """Refuse a zip path inside the site or the sources, or one that is another file.

    An existing zip is replaced only when the last build into ``out`` wrote it and it is
    unchanged since, or with ``force``; a file that is no zip at all never.

    Raises:
        BuildError: naming the zip, why, and what to do.
    """
    target = zip_path.resolve()
    if target.is_relative_to(out):
        raise BuildError(f"the zip {zip_path} must not be inside the output folder {out}")
    for folder in protected or [root / name for name in SOURCE_FOLDERS]:
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
    if target.exists() and not force:
        record = (read_marker(out) or {}).get("zip")
        ours = (
            isinstance(record, dict)
            and record.get("path") == str(target)
            and record.get("sha256") == _digest(target)
        )
        if not ours:
            raise BuildError(
                f"refusing to replace {zip_path}: it exists and this command did not write "
                "it (or it was changed since); choose another name, or add --force to "
                "replace it"
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
                if path.is_file() and path.name not in (MARKER, SITE_RECORD):
                    entry = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", stamp)
                    entry.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                    entry.compress_type = zipfile.ZIP_DEFLATED
                    archive.writestr(entry, path.read_bytes(), compresslevel=9)
        temp.replace(zip_path)
        zip_path.chmod(0o644)  # mkstemp made it private; a download is for everyone
    finally:
        temp.unlink(missing_ok=True)
    return zip_path


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
