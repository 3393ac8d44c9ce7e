"""The ``import``, ``export`` and ``downloads`` commands: their arguments and what they print."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.formats import readers, writers
from generator.formats.exporter import export_file
from generator.formats.importer import ImportReport, import_file
from generator.pipeline import check
from generator.publishing.downloads import write_downloads

COMMANDS = ("import", "export", "downloads")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    """Register ``import`` and ``export`` on the CLI's subcommands (``parents``: --data, -q)."""
    importing = commands.add_parser(
        "import",
        parents=parents,
        help="add questions from another format as a new content file of a domain",
        description="Read a GIFT or CSV file and write its questions into a new content file "
        "of the domain folder (or update the file an earlier import of it wrote).",
    )
    importing.add_argument("format", choices=readers(), metavar="FORMAT", help=", ".join(readers()))
    importing.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    importing.add_argument("--domain", type=int, required=True, help="domain number")
    importing.add_argument("--topic", required=True, help="topic id of the imported questions")
    importing.add_argument(
        "--dry-run", action="store_true", help="print what would be written; write nothing"
    )
    exporting = commands.add_parser(
        "export",
        parents=parents,
        help="write the questions in another format (Anki, GIFT, QTI, CSV)",
        description="Check the data, then write its questions as one file.",
    )
    exporting.add_argument("format", choices=writers(), metavar="FORMAT", help=", ".join(writers()))
    exporting.add_argument("--out", type=Path, required=True, help="file to write")
    exporting.add_argument("--domain", type=int, default=None, help="only this domain")
    downloads = commands.add_parser(
        "downloads",
        parents=parents,
        help="write each domain's Anki deck and CSV into docs/downloads for the site",
        description="Check the data, then write each domain's Anki deck and CSV under "
        "DOCS/downloads; the next build links them from the domain overviews.",
    )
    downloads.add_argument(
        "--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)"
    )


def run(args: argparse.Namespace, data: Path) -> int:
    """Run ``import`` or ``export`` on the data folder ``data``; errors go up to the CLI."""
    if args.command == "downloads":
        bank, _ = check(data)
        for path in write_downloads(bank, args.docs):
            if not args.quiet:
                print(f"wrote {path}")
        return 0
    if args.command == "import":
        report = import_file(
            args.format, args.file, data, args.domain, args.topic, dry_run=args.dry_run
        )
        print_import(report, quiet=args.quiet)
        return 0
    result = export_file(args.format, args.out, data, args.domain)
    if not args.quiet:
        print(f"exported {result.questions} questions to {result.path} ({result.size:,} bytes)")
        if result.warnings:  # content lint is for authors: `check` lists it
            count = len(result.warnings)
            print(f"note: {count} content warning{'s' if count != 1 else ''}; `check` lists them")
    return 0


def print_import(report: ImportReport, *, quiet: bool = False) -> None:
    """Print the import report: what was written, skipped and changed on the way."""
    if report.written is False:
        print(report.text, end="")
        print(f"# dry run: nothing written; this would be {report.target}\n")
    if quiet:
        return
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    count = len(report.imported)
    verb = "would " if not report.written else ""
    what = "update" if report.action == "update" else "write new file"
    if report.written:
        what = "updated" if report.action == "update" else "wrote new file"
    print(
        f"{verb}{what} {report.target}: {count} question{'s' if count != 1 else ''} "
        f"from {report.source}"
    )
    if report.removed:
        print(f"  no longer in the source, removed: {', '.join(report.removed)}")
    if report.skipped:
        print(f"not imported ({len(report.skipped)}): question types this site does not have")
        for skipped in report.skipped:
            print(f"  {report.where(skipped)}: {skipped.kind}: {skipped.name}")
    if report.notes:
        print("notes:")
        for note in report.notes:
            print(f"  {note}")
