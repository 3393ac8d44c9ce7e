"""Offline site: what the plugin's ``offline`` option changes, so pages work opened from disk.

A site opened from ``file://`` can neither follow directory URLs nor ``fetch`` its search
index, and a web worker does not start from disk. With ``offline: true`` the plugin does what
Material's offline plugin does, without its CDN: pages get ``page.html`` addresses, search
gets its index as a script (``search/search_index.js``), and the iframe-worker shim that runs
search's worker from disk is copied in from its npm package, which cannot ship in the wheel.
Instant navigation is switched off: it is off on ``file://`` anyway, and with the feature on,
Material completes its ``document$`` there without ever emitting it, so nothing subscribed to
it (the widgets' mounting, Material's own tooltips) would run.

Material details relied on (9.8): on ``file://`` its bundle loads ``search/search_index.js``
(which sets ``__index``) instead of fetching the JSON index, and it loads the scripts listed in
``extra.polyfills`` first (Material's offline plugin adds the shim from a CDN there unless
a polyfill already names iframe-worker). If an upgrade changed either, search would fail from
disk (the offline browser test shows it) or the shim would come from a CDN (the build's check
of external settings and the offline command's check of its output stop that).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from generator.errors import BuildError

SHIM_PACKAGE = "iframe-worker"
"""The npm package of the Web Worker shim for ``file://``."""
SHIM_VERSION = "1.0.4"
"""The version this site is tested with (``generator/package.json`` pins the same)."""
INSTALL_COMMAND = f"npm install {SHIM_PACKAGE}@{SHIM_VERSION}"
"""What an author runs beside mkdocs.yml to provide the shim."""
SHIM_IN_PACKAGE = Path("node_modules") / SHIM_PACKAGE / "shim" / "index.js"
"""Where npm puts the shim, under the folder it was run in."""
SHIM_TARGET = "assets/vendor/iframe-worker/shim.js"
"""Where the shim is in the offline site (relative to the site root)."""
LICENCE_TARGET = "assets/vendor/iframe-worker/LICENSE"
SEARCH_SCRIPT = "search/search_index.js"


def shim_candidates(root: Path) -> list[Path]:
    """Where the shim is looked for in the project at ``root`` (mkdocs.yml's folder).

    Beside mkdocs.yml (``npm install`` there), then the generator's own repository's
    ``generator/node_modules`` (``npm ci --prefix generator``).
    """
    return [root / SHIM_IN_PACKAGE, root / "generator" / SHIM_IN_PACKAGE]


def find_shim(root: Path, given: Path | None = None) -> Path:
    """The iframe-worker shim: ``given``, else the first of :func:`shim_candidates`.

    Raises:
        BuildError: no shim there; the message names the ``npm install`` that provides it.
    """
    if given is not None:
        if given.is_file():
            return given
        raise BuildError(
            f"the offline build's iframe-worker shim {given} does not exist: name the "
            f"shim/index.js of the {SHIM_PACKAGE} package, which `{INSTALL_COMMAND}` installs "
            "under node_modules/"
        )
    for candidate in shim_candidates(root):
        if candidate.is_file():
            return candidate
    return _missing(root)


def _missing(root: Path) -> Path:
    raise BuildError(
        f"the offline build needs the {SHIM_PACKAGE} shim (search's worker from file://), "
        f"which cannot ship in the package: run `{INSTALL_COMMAND}` in {root} (Node.js's npm; "
        f"on Debian: apt-get install npm), or pass --shim PATH to its shim/index.js "
        f"(looked for: {', '.join(str(p) for p in shim_candidates(root))})"
    )


def configure(config: MkDocsConfig) -> None:
    """Page addresses, the local shim as a polyfill, and no instant navigation."""
    config.use_directory_urls = False
    polyfills = [p for p in config.extra.get("polyfills") or [] if SHIM_PACKAGE not in str(p)]
    config.extra["polyfills"] = [*polyfills, SHIM_TARGET]
    features = config.theme.get("features") or []
    config.theme["features"] = [f for f in features if not f.startswith("navigation.instant")]


def write_search_script(site_dir: Path) -> None:
    """Write the search index as a script beside the JSON index (after search wrote it)."""
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        data = index.read_text(encoding="utf-8")
        (site_dir / SEARCH_SCRIPT).write_text(f"var __index = {data}", encoding="utf-8")
