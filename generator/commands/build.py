"""``build``: validate, then write the pages into ``docs/`` for builders that run no plugin."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Commands, Say, project
from generator.config import relative
from generator.pipeline import build


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "build",
        parents=common,
        help="validate, then write the pages for builders that run no plugin (Zensical)",
        description="Check the data, then write the pages, the widget bundles and, beside "
        "mkdocs.yml, the configuration such builders read (.studysite-zensical.yml and its "
        "theme folder). `mkdocs build` needs none of it: the plugin does this in memory.",
    )
    parser.add_argument(
        "--docs", type=Path, default=None, help="docs folder (default: docs_dir of mkdocs.yml)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Build the data folder's pages into the docs folder; say what was written."""
    from generator.assets.catalog import FALLBACK
    from generator.plugin.other_builders import write_builder_config
    from generator.plugin.site_config import site_language

    found = project(args)
    docs: Path = args.docs or relative(found.docs_dir)
    language = site_language(found.config) if found.config is not None else FALLBACK
    result = build(found.data, docs, pdf_downloads=found.options.pdf_downloads, language=language)
    report = result.report
    if report is not None:
        say(
            f"built {docs} from {found.data.path}: {len(report.written)} written, "
            f"{len(report.unchanged)} unchanged, {len(report.removed)} removed"
        )
    if found.config is not None:
        written = write_builder_config(found.config, result.site.bank.exam)
        say(f"wrote {written.name} for builders without plugins")
    return 0
