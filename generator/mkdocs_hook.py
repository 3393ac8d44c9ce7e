"""MkDocs hook: run the generator before every build and give MkDocs its navigation.

Listed under ``hooks:`` in mkdocs.yml, so plain ``mkdocs build`` and ``mkdocs serve`` see
fresh pages; ``watch:`` covers the data and templates, so an edit reloads the page.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

# MkDocs loads this file by path; without an installed package, import it from beside the file.
if importlib.util.find_spec("generator") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import build
from generator.errors import GeneratorError
from generator.staging import on_build_error, on_post_build, on_shutdown, on_startup, stage_site_dir
from generator.views import nav

log = logging.getLogger("mkdocs.hooks.generator")

# Another data folder, for example a synthetic bank in benchmarks.
DATA_ENV = "STUDYSITE_DATA"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generate the pages from ``data/`` (beside mkdocs.yml, or $STUDYSITE_DATA); set ``nav``."""
    root = Path(config.config_file_path).resolve().parent
    data_dir = Path(os.environ.get(DATA_ENV) or root / "data")
    try:
        result = build(data_dir, Path(config.docs_dir))
    except GeneratorError as error:
        # Raised before MkDocs cleans site/, so the last good site stays as it was.
        raise PluginError(str(error)) from error
    if not config.nav:
        config.nav = nav(result.site)
    stage_site_dir(config)  # a failed build keeps the previous site (generator/staging.py)
    return config


# MkDocs finds a hook's events by name: these build into a staging folder and swap it in.
__all__ = ["on_build_error", "on_config", "on_post_build", "on_shutdown", "on_startup"]
