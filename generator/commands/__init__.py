"""Command line: ``python -m generator [--data DIR] COMMAND``.

``--data`` (and ``-q``) may come before or after the command name. Without ``--data`` the
data folder is ``$STUDYSITE_DATA``, else ``extra.studysite_data`` in mkdocs.yml, else
``data`` (see :mod:`generator.config`).
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from generator.commands.import_ import COMMANDS as FORMAT_COMMANDS
from generator.commands.import_ import add_commands as add_format_commands
from generator.commands.import_ import run as run_format_command
from generator.config import DataFolder, data_folder, exported
from generator.errors import BuildError, GeneratorError
from generator.pipeline import check


def _common(default: bool) -> argparse.ArgumentParser:
    """``--data`` and ``-q``, accepted before and after the command (one default, once)."""
    parser = argparse.ArgumentParser(add_help=False)
    suppress = None if default else argparse.SUPPRESS
    parser.add_argument(
        "--data",
        type=Path,
        default=suppress,
        help="the exam's data folder (default: $STUDYSITE_DATA, else extra.studysite_data "
        "in mkdocs.yml, else data)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=False if default else argparse.SUPPRESS,
        help="print errors only",
    )
    return parser


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Turn YAML study data into a MkDocs site.",
        parents=[_common(default=True)],
    )
    common = [_common(default=False)]
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("check", parents=common, help="validate the data; exit 1 on any error")
    build_cmd = commands.add_parser(
        "build", parents=common, help="validate, then write the Markdown pages"
    )
    build_cmd.add_argument(
        "--docs", type=Path, default=Path("docs"), help="docs folder (default: docs)"
    )
    offline_cmd = commands.add_parser(
        "offline",
        parents=common,
        help="build a copy of the site that works opened from disk (file://)",
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
        "pdf", parents=common, help="print each domain's study sheet to PDF with Chromium"
    )
    pdf_cmd.add_argument(
        "--site",
        type=Path,
        default=None,
        help="a built site to print (default: build the data folder's site first)",
    )
    pdf_cmd.add_argument(
        "--out", type=Path, default=Path("dist/pdf"), help="output folder (default: dist/pdf)"
    )
    add_format_commands(commands, common)
    init_cmd = commands.add_parser(
        "init", parents=common, help="write a minimal, valid new exam into a new or empty DIR"
    )
    init_cmd.add_argument("dir", type=Path, metavar="DIR", help="the new exam's data folder")
    domain_cmd = commands.add_parser(
        "new-domain",
        parents=common,
        help="add domain N (folder and blueprint entry) to the data folder",
    )
    domain_cmd.add_argument("number", type=int, metavar="N", help="the domain's number")
    schema_cmd = commands.add_parser(
        "schema",
        parents=common,
        help="write the data files' JSON Schemas and the author's reference",
    )
    schema_cmd.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: generator/authoring/schemas, the shipped copies)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return the exit code."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.WARNING, format="%(message)s"
    )
    try:
        return _run(args)
    except GeneratorError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code


Say = Callable[[str], object]


def _quiet(text: str) -> None:
    """Print nothing (``-q``)."""


def _run(args: argparse.Namespace) -> int:
    say: Say = _quiet if args.quiet else print
    if args.command == "init":
        return _init(args.dir, say)
    if args.command == "schema":
        from generator.authoring.schema import SCHEMA_DIR, write_schemas

        out = args.out or SCHEMA_DIR
        changed = write_schemas(out)
        say(f"schemas and reference in {out}: {len(changed)} written")
        return 0
    folder = data_folder(Path.cwd(), args.data)
    if args.command in FORMAT_COMMANDS:
        return run_format_command(args, folder.path)
    if args.command == "check":
        bank, warnings = check(folder.path)
        _print_warnings(warnings, args.quiet)
        questions = sum(len(d.questions) for d in bank.domains)
        topics = sum(len(d.topics) for d in bank.domains)
        say(f"ok: {len(bank.domains)} domains, {topics} topics, {questions} questions")
    elif args.command == "new-domain":
        from generator.authoring.scaffold import new_domain

        written, note = new_domain(folder.path, args.number)
        for path in written:
            say(f"wrote {path}")
        if note:
            print(f"note: {note}", file=sys.stderr)
    elif args.command == "offline":
        from generator.publishing.offline import build_offline

        with exported(folder):
            where = build_offline(Path.cwd(), args.out, args.zip)
        say(f"offline site: {where}" + (f"; zip: {args.zip}" if args.zip else ""))
    elif args.command == "pdf":
        for pdf in _pdfs(folder, args.site, args.out):
            say(f"wrote {pdf}")
    else:
        _build(folder, args.docs, say)
    return 0


def _pdfs(folder: DataFolder, site: Path | None, out: Path) -> list[Path]:
    """Print the study sheets of ``site``, or of the data folder's site built for the run."""
    from generator.publishing.pdf import check_out_dir, write_pdfs

    check_out_dir(out)  # before a build of the whole site, not after
    if site is not None:
        return write_pdfs(site, out)
    with tempfile.TemporaryDirectory(prefix="studysite-pdf-") as temp:
        built = Path(temp) / "site"
        with exported(folder):
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(built)],
                capture_output=True,
                text=True,
                check=False,
            )
        if result.returncode != 0:
            raise BuildError(f"building the site of {folder.path} failed:\n{result.stderr}")
        return write_pdfs(built, out)


def _build(folder: DataFolder, docs: Path, say: Say) -> None:
    from generator.config import build_pages

    result = build_pages(folder, docs)
    report = result.report
    if report is not None:
        say(
            f"built {docs} from {folder.path}: {len(report.written)} written, "
            f"{len(report.unchanged)} unchanged, {len(report.removed)} removed"
        )


def _init(target: Path, say: Say) -> int:
    from generator.authoring.scaffold import init_exam

    for path in init_exam(target):
        say(f"wrote {path}")
    say(f"next: {next_steps(target)}")
    return 0


def next_steps(target: Path) -> str:
    """What to run after ``init``: check the new exam, then serve its site."""
    where = target.resolve()
    return (
        f"edit the files, run `python -m generator --data {where} check`, and see the site "
        f"with `STUDYSITE_DATA={where} mkdocs serve` in the generator's folder (or set "
        f"`studysite_data: {where}` under `extra:` in its mkdocs.yml)"
    )


def _print_warnings(warnings: Sequence[object], quiet: bool) -> None:
    if quiet:
        return
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
