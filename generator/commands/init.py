"""``init``: write a minimal, valid new exam into a new or empty folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Commands, Say


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "init", parents=common, help="write a minimal, valid new exam into a new or empty DIR"
    )
    parser.add_argument("dir", type=Path, metavar="DIR", help="the new exam's data folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Write the new exam; say what was written and what to run next."""
    from generator.authoring.scaffold import init_exam

    target: Path = args.dir
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
