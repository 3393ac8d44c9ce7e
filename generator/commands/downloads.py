"""``downloads``: write each domain's Anki deck and CSV into ``docs/downloads`` for the site."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Commands, Say, project
from generator.commands.outputs import check_output_folder
from generator.config import relative
from generator.pipeline import check
from generator.publishing.downloads import write_downloads


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "downloads",
        parents=common,
        help="write each domain's Anki deck and CSV into docs/downloads for the site",
        description="Check the data, then write each domain's Anki deck and CSV under "
        "DOCS/downloads; the next build links them from the domain overviews.",
    )
    parser.add_argument(
        "--docs", type=Path, default=None, help="docs folder (default: docs_dir of mkdocs.yml)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Check the data, then write the downloads; say which files were written."""
    found = project(args)
    docs = args.docs or relative(found.docs_dir)
    check_output_folder(docs, found, what="the downloads")
    bank, _ = check(found.data.path)
    for path in write_downloads(bank, docs):
        say(f"wrote {path}")
    return 0
