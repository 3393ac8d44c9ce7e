"""Site config: what the plugin adds to an author's MkDocs configuration, and what it refuses.

The study site needs Material, a few Markdown extensions, its widget bundles and its theme
overrides, and must make no request to another host. :func:`apply` brings an author's loaded
configuration there (their own settings win where they made them), and
:func:`external_settings` names every setting that would load something from elsewhere.
``python -m generator build`` writes the same additions into a config file for builders
that run no plugin (:mod:`generator.plugin.other_builders`).

MkDocs and Material details relied on (MkDocs 1.6, Material 9.8), none of them public API:

- ``config.theme.dirs`` is the template search path, the author's ``custom_dir`` first; it is
  read when the build makes its Jinja environment, after ``on_config``. If an upgrade read it
  earlier (or froze it), the overrides would be ignored: pages would lose the 404 page's list
  of pages and the header's accessibility fixes (the safety fixes in
  :mod:`~generator.plugin.page_safety` do not depend on it).
- ``config.markdown_extensions`` (names) and ``config.mdx_configs`` (their settings) are what
  each page's Markdown is made with, read per page after ``on_config``.
- Material's ``mkdocs_theme.yml`` sets ``font`` to Roboto and Roboto Mono, so a theme without
  ``font`` cannot be told from one that names exactly those: both are treated as unset.
- Material loads Google Fonts for ``theme.font``, asks GitHub's (or GitLab's) API for a
  repository's facts when ``repo_url`` points there, loads Mermaid from a CDN for
  ``mermaid`` fences, and loads an analytics script for ``extra.analytics``. A new Material
  feature that loads from elsewhere is not caught here; the tests' request log would show it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.assets.bundle import OVERRIDES, SCRIPT_BUNDLE, STYLE_BUNDLE
from generator.assets.catalog import FALLBACK, Catalog, load_catalog

log = logging.getLogger("mkdocs.plugins.studysite")

THEME = "material"
#: Material's own default font (its mkdocs_theme.yml): Google Fonts, loaded from Google.
MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}
#: The hosts whose repository facts Material's header fetches for ``repo_url``.
FACT_HOSTS = ("github.com", "gitlab.com")


def _emoji() -> dict[str, Callable[..., Any]]:
    # Imported here: Material's emoji module loads its icon index when used, not before.
    from material.extensions.emoji import to_svg, twemoji

    return {"emoji_index": twemoji, "emoji_generator": to_svg}


def site_language(config: MkDocsConfig) -> str:
    """The site's language: Material's ``theme.language`` (English when it has none)."""
    return str(config.theme.get("language") or FALLBACK)


def site_catalog(config: MkDocsConfig) -> Catalog:
    """The words of the site's language (:mod:`generator.assets.catalog`)."""
    return load_catalog(site_language(config))


def extensions(catalog: Catalog) -> dict[str, dict[str, Any]]:
    """The Markdown extensions the generated pages need, with the settings they need."""
    return {
        "abbr": {},
        "admonition": {},
        "attr_list": {},
        "md_in_html": {},
        "tables": {},
        # The permalink's title in the site's language (the overrides' main.html makes it
        # the link's accessible name).
        "toc": {"permalink": True, "permalink_title": catalog.t("page.permalink")},
        "pymdownx.details": {},
        "pymdownx.superfences": {},
        "pymdownx.emoji": _emoji(),
    }


def _short(name: str) -> str:
    return name.removeprefix("markdown.extensions.")


def merge_extensions(config: MkDocsConfig, catalog: Catalog | None = None) -> None:
    """Add the extensions the pages need; the author's settings of one win, key by key.

    ``catalog`` is the site's (:func:`site_catalog`), when the caller has read it already.
    """
    names = {_short(name): name for name in config.markdown_extensions}
    for short, ours in extensions(catalog or site_catalog(config)).items():
        name = names.get(short)
        if name is None:
            config.markdown_extensions.append(short)
            name = short
        config.mdx_configs[name] = {**ours, **config.mdx_configs.get(name, {})}


def check_theme(config: MkDocsConfig) -> None:
    """Raise :class:`PluginError` unless the theme is Material and search is on."""
    name = config.theme.name
    if name != THEME:
        raise PluginError(
            f"the studysite plugin builds on Material for MkDocs, and the theme is {name!r}: "
            "set `theme: {name: material}` in mkdocs.yml (pip install mkdocs-material)"
        )
    if not any(key == "search" or key.endswith("/search") for key in config.plugins):
        raise PluginError(
            "mkdocs.yml lists no search plugin, and the study site's search needs it: add "
            "`- search` under `plugins:`, before `- studysite` (MkDocs adds it by itself only "
            "when `plugins:` is left out)"
        )


def unset_font_to_false(config: MkDocsConfig) -> None:
    """A theme without ``font`` gets ``font: false``: no Google Fonts, the system's fonts."""
    font = config.theme.get("font")
    if font is None or font == MATERIAL_DEFAULT_FONT:
        config.theme["font"] = False
        log.info(
            "theme.font is not set: the studysite plugin sets it to false, so the site uses the "
            "reader's system fonts instead of loading Google Fonts; set `font: false` in "
            "mkdocs.yml to say so yourself"
        )


def add_overrides(config: MkDocsConfig) -> None:
    """Put the theme overrides right after the author's ``custom_dir`` in the search path.

    An author's own template still wins over ours, and ours win over Material's.
    """
    dirs = config.theme.dirs
    ours = str(OVERRIDES)
    if ours in dirs:
        return
    custom = config.theme.custom_dir
    dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, ours)


def add_bundles(config: MkDocsConfig) -> None:
    """List the widget bundles first in ``extra_css`` and ``extra_javascript``.

    First, so an author's own styles and scripts come after ours and may build on them; the
    script bundle then moves before Material's own (:mod:`generator.plugin.page_safety`).
    """
    if STYLE_BUNDLE not in [str(css) for css in config.extra_css]:
        config.extra_css.insert(0, STYLE_BUNDLE)
    if SCRIPT_BUNDLE not in [str(script) for script in config.extra_javascript]:
        config.extra_javascript.insert(0, SCRIPT_BUNDLE)


def _remote(url: str) -> bool:
    return url.startswith("//") or urlsplit(url).scheme in ("http", "https")


def _mermaid(config: MkDocsConfig) -> bool:
    for name in config.markdown_extensions:
        if _short(name) == "pymdownx.superfences":
            fences = config.mdx_configs.get(name, {}).get("custom_fences") or []
            return any(
                isinstance(f, dict) and "mermaid" in (f.get("name"), f.get("class")) for f in fences
            )
    return False


def external_settings(config: MkDocsConfig) -> list[str]:
    """Every setting that makes the site load something from another host, in words."""
    found = []
    font = config.theme.get("font")
    if font:
        found.append(
            f"theme.font ({font}): Material loads it from Google Fonts; set `font: false` "
            "(the reader's system fonts)"
        )
    host = urlsplit(str(config.repo_url or "")).hostname or ""
    if any(host == h or host.endswith("." + h) for h in FACT_HOSTS):
        found.append(
            f"repo_url ({config.repo_url}): Material asks {host}'s API for the repository's "
            "stars and forks from every reader's browser; remove it (a link to the repository "
            "can go in the footer's copyright or a page)"
        )
    if config.extra.get("analytics"):
        found.append("extra.analytics: Material loads the analytics script from its provider")
    if _mermaid(config):
        found.append(
            "markdown_extensions: pymdownx.superfences has a `mermaid` fence, and Material "
            "loads Mermaid from a CDN for it (the study site draws its diagrams at build time)"
        )
    for key, items in (
        ("extra_css", config.extra_css),
        ("extra_javascript", config.extra_javascript),
        ("extra.polyfills", config.extra.get("polyfills") or []),
    ):
        for item in items:
            if _remote(str(item)):
                found.append(f"{key}: {item} is on another host")
    return found


def refuse_external(config: MkDocsConfig) -> None:
    """Raise :class:`PluginError` naming every setting that would load from another host."""
    found = external_settings(config)
    if found:
        raise PluginError(
            "the site would load from other hosts, which the studysite plugin refuses (a "
            "study site works without a network and tells no one what its reader reads): "
            + "; ".join(found)
            + ". Change these settings, or set `allow_external: true` under `- studysite:` "
            "to allow them"
        )


OLD_BUNDLES = ("studysite.js", "studysite.css")
"""The bundles' names before the plugin, which mkdocs.yml listed and minified by hand."""


def check_no_old_bundles(config: MkDocsConfig) -> None:
    """Raise :class:`PluginError` if mkdocs.yml still lists the bundles as it had to before.

    The plugin lists and serves its bundles, minified, by itself; the old entries would link
    files that no longer exist (``assets/studysite.js``), and mkdocs-minify-plugin would look
    for them after the build.
    """
    found = []
    for key, items in (
        ("extra_css", config.extra_css),
        ("extra_javascript", config.extra_javascript),
    ):
        found += [f"{key}: {item}" for item in items if Path(str(item)).name in OLD_BUNDLES]
    for key, plugin in config.plugins.items():
        if key.endswith("minify"):
            listed = [*plugin.config.get("js_files", []), *plugin.config.get("css_files", [])]
            found += [
                f"the minify plugin's {f}" for f in listed if Path(str(f)).name in OLD_BUNDLES
            ]
    if found:
        raise PluginError(
            f"mkdocs.yml still names the widget bundles as it did before the plugin "
            f"({'; '.join(found)}): the studysite plugin lists and serves them minified by "
            "itself, so remove these entries (and the minify plugin, if they were all it did)"
        )


def apply(config: MkDocsConfig, *, allow_external: bool, catalog: Catalog | None = None) -> None:
    """Bring ``config`` to what the study site needs (see the module docstring).

    ``catalog`` is the site's string catalog, when the caller has read it already.

    Raises:
        PluginError: the theme is not Material, search is off, mkdocs.yml names the old
            bundles, or (unless ``allow_external``) a setting loads from another host.
    """
    check_theme(config)
    check_no_old_bundles(config)
    unset_font_to_false(config)
    merge_extensions(config, catalog)
    add_overrides(config)
    add_bundles(config)
    if not allow_external:
        refuse_external(config)
