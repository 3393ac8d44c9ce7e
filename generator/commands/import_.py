"""``import``: add questions from another format as a new content file of a domain."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.common import Commands, Say, folder
from generator.formats import readers
from generator.formats.importer import ImportReport, NothingImported, import_file


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "import",
        parents=common,
        help="add questions from another format as a new content file of a domain",
        description="Read a GIFT, Moodle XML, Aiken or CSV file and write its questions into a "
        "new content file of the domain folder (or update the file an earlier import of it "
        "wrote). Every question of the file is imported or listed with its line and the reason.",
    )
    parser.add_argument("format", choices=readers(), metavar="FORMAT", help=", ".join(readers()))
    parser.add_argument("file", type=Path, metavar="FILE", help="the file to import")
    parser.add_argument("--domain", type=int, required=True, help="domain number")
    parser.add_argument("--topic", required=True, help="topic id of the imported questions")
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be written; write nothing"
    )
    parser.add_argument(
        "--columns",
        metavar="MAPPING",
        help="csv: which header holds what, e.g. 'question=Question,option=Answer 1,"
        "option=Answer 2,answer=Correct' (keys: question, option, options, answer, why, "
        "explanation, id, topic, difficulty, type, name)",
    )
    parser.add_argument(
        "--preset",
        metavar="NAME",
        help="csv: a named layout of another tool (kahoot, moodle-csv, one-cell)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Import the file into the data folder; errors go up to the CLI."""
    try:
        report = import_file(
            args.format,
            args.file,
            folder(args).path,
            args.domain,
            args.topic,
            dry_run=args.dry_run,
            options={"columns": args.columns, "preset": args.preset},
        )
    except NothingImported as nothing:
        # The report still lists every question with its reason and ends with the count.
        print_import(nothing.report, quiet=args.quiet)
        raise
    print_import(report, quiet=args.quiet)
    return 0


def print_import(report: ImportReport, *, quiet: bool = False) -> None:
    """Print the import report: what was written, skipped and changed on the way."""
    if report.written is False and report.imported:
        print(report.text, end="")
        print(f"# dry run: nothing written; this would be {report.target}\n")
    if quiet:
        return
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    count = len(report.imported)
    verb = "would " if not report.written else ""
    if not count:
        print(f"nothing to write: no question of {report.source} can be imported")
    what = "update" if report.action == "update" else "write new file"
    if report.written:
        what = "updated" if report.action == "update" else "wrote new file"
    if count:
        print(
            f"{verb}{what} {report.target}: {count} question{'s' if count != 1 else ''} "
            f"from {report.source}"
        )
    if report.removed:
        print(f"  no longer in the source, removed: {', '.join(report.removed)}")
    if report.skipped:
        print(f"not imported ({len(report.skipped)}):")
        for skipped in report.skipped:
            print(f"  {report.where(skipped)}: {skipped.kind}: {skipped.name}: {skipped.reason}")
    partial = report.partial_credit
    if partial:
        print(
            f"partial credit ({len(partial)}): scored all or nothing here, so these answers "
            "count as wrong or are not accepted:"
        )
        for draft, qid in partial:
            print(f"  {report.where(draft)}: {qid}: {'; '.join(draft.partial_credit)}")
    if report.notes:
        print("notes:")
        for note in report.notes:
            print(f"  {note}")
    print(report.summary)
