"""Other builders: the configuration ``python -m generator build`` writes for them.

Zensical reads mkdocs.yml but runs no MkDocs plugin (MkDocs 2.0 drops plugins too), so what
the plugin adds to the configuration at build time has to be written down for them. Beside
mkdocs.yml, ``build`` writes :data:`CONFIG`, which inherits mkdocs.yml and adds the site's
names from the exam, the Markdown extensions merged as the plugin merges them, the widget
bundles (written into ``docs/assets``) and the theme overrides; and :data:`THEME_DIR`, the
overrides with the author's own ``custom_dir`` copied over them (such builders take one
``custom_dir``). Both are git-ignored and made again by every ``build``.

``INHERIT`` merges mappings and replaces lists (MkDocs and Zensical alike), so the lists here
are whole: the author's entries and the plugin's.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from generator.assets.bundle import OVERRIDES
from generator.assets.catalog import Catalog
from generator.content.model import Exam
from generator.plugin import site_config
from generator.site.texts import site_texts

CONFIG = ".studysite-zensical.yml"
"""The configuration for builders without plugins, beside mkdocs.yml."""
THEME_DIR = ".studysite-theme"
"""The theme overrides for them, beside mkdocs.yml."""

HEADER = (
    "# Written by `python -m generator build` for builders that run no MkDocs plugin\n"
    "# (zensical build -f {name}): mkdocs.yml and what the studysite plugin adds to it.\n"
    "# Made again by every build; edit mkdocs.yml instead.\n"
)


def _script(item: object) -> object:
    if isinstance(item, str):
        return item
    value = {"path": str(item)}
    for key in ("type", "defer", "async"):
        setting = getattr(item, "async_" if key == "async" else key, None)
        if setting:
            value[key] = setting
    return value


def builder_config(config: MkDocsConfig, exam: Exam) -> dict[str, Any]:
    """What :data:`CONFIG` holds for the project ``config`` (which this changes: a copy)."""
    site_config.merge_extensions(config)
    site_config.add_bundles(config)
    theme: dict[str, Any] = {"custom_dir": THEME_DIR}
    font = config.theme.get("font")
    if font is None or font == site_config.MATERIAL_DEFAULT_FONT:
        theme["font"] = False
    texts = site_texts(exam, site_config.site_catalog(config))
    extensions = [
        {name: config.mdx_configs[name]} if config.mdx_configs.get(name) else name
        for name in config.markdown_extensions
    ]
    return {
        "INHERIT": Path(config.config_file_path or "mkdocs.yml").name,
        "site_name": texts.name,
        "site_description": texts.description,
        "copyright": texts.copyright,
        "theme": theme,
        "markdown_extensions": extensions,
        "extra_css": [str(css) for css in config.extra_css],
        "extra_javascript": [_script(script) for script in config.extra_javascript],
    }


_CATALOG_CALL = re.compile(r"""\{\{\s*studysite_t\(\s*["']([\w.]+)["']\s*\)\s*\|\s*e\s*\}\}""")


def resolve_catalog_calls(theme: Path, catalog: Catalog) -> None:
    """Write the overrides' ``{{ studysite_t("key") | e }}`` out as the catalog's words.

    The plugin gives the theme's templates ``studysite_t`` (its on_env); a builder without
    plugins gets the words themselves, escaped as the template would have printed them.
    """
    for template in theme.rglob("*.html"):
        text = template.read_text(encoding="utf-8")

        def word(match: re.Match[str]) -> str:
            return html.escape(catalog.t(match.group(1)))

        resolved = _CATALOG_CALL.sub(word, text)
        if resolved != text:
            template.write_text(resolved, encoding="utf-8")


def write_builder_config(config: MkDocsConfig, exam: Exam) -> Path:
    """Write :data:`CONFIG` and :data:`THEME_DIR` beside mkdocs.yml; return the config file."""
    root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
    theme = root / THEME_DIR
    custom = config.theme.custom_dir
    if theme.exists():
        shutil.rmtree(theme)
    shutil.copytree(OVERRIDES, theme)
    resolve_catalog_calls(theme, site_config.site_catalog(config))
    if custom and Path(custom).resolve() != theme.resolve():
        shutil.copytree(custom, theme, dirs_exist_ok=True)  # the author's templates win
    target = root / CONFIG
    # The full dumper: Markdown extensions take Python functions (!!python/name:...).
    body = yaml.dump(builder_config(config, exam), Dumper=yaml.Dumper, sort_keys=False)
    text = HEADER.format(name=CONFIG) + body
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return target
