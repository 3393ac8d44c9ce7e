"""``new-domain``: add domain N (folder and blueprint entry) to the data folder."""

from __future__ import annotations

import argparse
import sys

from generator.commands.common import Commands, Say, folder
from generator.content.model import DOMAIN_MAX
from generator.errors import BuildError

DOMAIN_NUMBERS = range(1, DOMAIN_MAX + 1)
"""The numbers a domain may have: 1 to 99 (an exam guide numbers a handful), as in the model."""


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "new-domain",
        parents=common,
        help="add domain N (folder and blueprint entry) to the data folder",
    )
    parser.add_argument(
        "number", type=int, metavar="N", help=f"the domain's number, 1 to {DOMAIN_MAX}"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Add the domain; say what was written, and note what the author must still do."""
    from generator.authoring.scaffold import new_domain

    if args.number not in DOMAIN_NUMBERS:
        shown = str(args.number) if len(str(args.number)) <= 12 else f"{str(args.number)[:12]}..."
        raise BuildError(
            f"domain numbers are {DOMAIN_NUMBERS.start} to {DOMAIN_NUMBERS.stop - 1}, not "
            f"{shown}: run `new-domain N` with the number the exam guide gives the domain; "
            "nothing was written"
        )
    written, note = new_domain(folder(args).path, args.number)
    for path in written:
        say(f"wrote {path}")
    if note:
        print(f"note: {note}", file=sys.stderr)
    return 0
