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
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
        out: The output folder; emptied first by MkDocs.
        zip_path: Where to write the zip, or None for no zip.

    Returns:
        The output folder, resolved.

    Raises:
        BuildError: The shim is not installed, the build failed, or the output is incomplete.
    """
    shim = find_shim(root)
    out = out.resolve()
    if zip_path is not None and zip_path.resolve().is_relative_to(out):
        raise BuildError(f"the zip {zip_path} must not be inside the output folder {out}")
    _run_mkdocs(root / "mkdocs.yml", out)
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


def write_zip(folder: Path, zip_path: Path) -> Path:
    """Zip ``folder`` into ``zip_path``, under one top folder named like the zip.

    Unzipping ``study-site-offline.zip`` gives ``study-site-offline/index.html``, whatever
    the unzip tool does with loose files. The zip is written to a temporary file first, so a
    failed run leaves no half-written zip.
    """
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    top = zip_path.name.removesuffix(".zip") or "site"
    handle, temp_name = tempfile.mkstemp(suffix=".zip", dir=zip_path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, f"{top}/{path.relative_to(folder).as_posix()}")
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
        with _environment(OFFLINE_ENV, "true"):
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


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """Set an environment variable for the duration of the block, then restore it."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before
