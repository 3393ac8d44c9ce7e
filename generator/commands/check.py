"""``check``: validate the data; exit 1 on any error."""

from __future__ import annotations

import argparse

from generator.commands.common import Commands, Say, folder, print_warnings
from generator.pipeline import check


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "check", parents=common, help="validate the data; exit 1 on any error"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Check the data folder; print its warnings and what it holds."""
    bank, warnings = check(folder(args).path)
    print_warnings(warnings, args.quiet)
    questions = sum(len(d.questions) for d in bank.domains)
    topics = sum(len(d.topics) for d in bank.domains)
    say(f"ok: {len(bank.domains)} domains, {topics} topics, {questions} questions")
    return 0
