"""Command line: ``python -m generator check|build``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from generator.build import build, check
from generator.errors import DataError, GeneratorError


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
