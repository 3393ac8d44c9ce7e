"""``export``: write the questions in another format (Anki, GIFT, QTI, CSV)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Commands, Say, project
from generator.commands.outputs import check_output_file
from generator.formats import writers
from generator.formats.exporter import export_file


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "export",
        parents=common,
        help="write the questions in another format (Anki, GIFT, QTI, CSV)",
        description="Check the data, then write its questions as one file.",
    )
    parser.add_argument("format", choices=writers(), metavar="FORMAT", help=", ".join(writers()))
    parser.add_argument(
        "--out",
        type=Path,
        required=True,
        help="file to write (never in the data or docs folder, never mkdocs.yml, "
        "pyproject.toml or README.md)",
    )
    parser.add_argument("--domain", type=int, default=None, help="only this domain")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Check the output file and the data, then export it; errors go up to the CLI."""
    found = project(args)
    check_output_file(args.out, found, force=args.force)
    result = export_file(args.format, args.out, found.data.path, args.domain)
    say(f"exported {result.questions} questions to {result.path} ({result.size:,} bytes)")
    if result.not_exported:
        say(f"not exported ({len(result.not_exported)}):")
        for qid, reason in result.not_exported:
            say(f"  {qid}: {reason}")
    if result.notes:
        say(f"notes ({len(result.notes)}):")
        for qid, note in result.notes:
            say(f"  {qid}: {note}")
    if result.warnings:  # content lint is for authors: `check` lists it
        count = len(result.warnings)
        say(f"note: {count} content warning{'s' if count != 1 else ''}; `check` lists them")
    return 0
