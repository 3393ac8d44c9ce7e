"""Command line: ``python -m generator check|build``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.build import build, check
from generator.errors import DataError, GeneratorError
from generator.formats.commands import add_commands as add_format_commands
from generator.formats.commands import run as run_format_command


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Turn YAML study data into a MkDocs site."
    )
    parser.add_argument(
        "--data", type=Path, default=Path("data"), help="data folder (default: data)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", help="validate the data; exit 1 on any error")
    build_cmd = commands.add_parser("build", help="validate, then write the Markdown pages")
    build_cmd.add_argument(
        "--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)"
    )
    offline_cmd = commands.add_parser(
        "offline", help="build a copy of the site that works opened from disk (file://)"
    )
    offline_cmd.add_argument(
        "--out",
        type=Path,
        default=Path("site-offline"),
        help="output folder (default: site-offline)",
    )
    offline_cmd.add_argument(
        "--zip", type=Path, default=None, help="also write the site as this zip file"
    )
    pdf_cmd = commands.add_parser(
        "pdf", help="print each domain's study sheet to PDF with Chromium"
    )
    pdf_cmd.add_argument(
        "--site", type=Path, default=Path("site"), help="built site (default: site)"
    )
    pdf_cmd.add_argument(
        "--out", type=Path, default=Path("dist/pdf"), help="output folder (default: dist/pdf)"
    )
    add_format_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.WARNING, format="%(message)s"
    )
    try:
        if args.command == "check":
            bank, warnings = check(args.data)
            _print_warnings(warnings, args.quiet)
            questions = sum(len(d.questions) for d in bank.domains)
            topics = sum(len(d.topics) for d in bank.domains)
            if not args.quiet:
                print(f"ok: {len(bank.domains)} domains, {topics} topics, {questions} questions")
        elif args.command == "offline":
            from generator.offline import build_offline

            where = build_offline(Path.cwd(), args.out, args.zip)
            if not args.quiet:
                print(f"offline site: {where}" + (f"; zip: {args.zip}" if args.zip else ""))
        elif args.command in ("import", "export"):
            return run_format_command(args)
        elif args.command == "pdf":
            from generator.pdf import write_pdfs

            for pdf in write_pdfs(args.site, args.out):
                if not args.quiet:
                    print(f"wrote {pdf}")
        else:
            result = build(args.data, args.docs)
            report = result.report
            if not args.quiet and report is not None:
                print(
                    f"built {args.docs}: {len(report.written)} written, "
                    f"{len(report.unchanged)} unchanged, {len(report.removed)} removed"
                )
    except DataError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except GeneratorError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return 0


def _print_warnings(warnings: Sequence[object], quiet: bool) -> None:
    if quiet:
        return
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
