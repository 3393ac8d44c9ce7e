"""``build``: validate, then write the Markdown pages into ``docs/`` (builders without hooks)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Commands, Say, folder
from generator.pipeline import build


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "build", parents=common, help="validate, then write the Markdown pages"
    )
    parser.add_argument(
        "--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Build the data folder's pages into the docs folder; say what was written."""
    data = folder(args)
    docs: Path = args.docs
    report = build(data, docs).report
    if report is not None:
        say(
            f"built {docs} from {data.path}: {len(report.written)} written, "
            f"{len(report.unchanged)} unchanged, {len(report.removed)} removed"
        )
    return 0
