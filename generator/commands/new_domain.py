"""``new-domain``: add domain N (folder and blueprint entry) to the data folder."""

from __future__ import annotations

import argparse
import sys

from generator.commands.common import Commands, Say, folder


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "new-domain",
        parents=common,
        help="add domain N (folder and blueprint entry) to the data folder",
    )
    parser.add_argument("number", type=int, metavar="N", help="the domain's number")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Add the domain; say what was written, and note what the author must still do."""
    from generator.authoring.scaffold import new_domain

    written, note = new_domain(folder(args).path, args.number)
    for path in written:
        say(f"wrote {path}")
    if note:
        print(f"note: {note}", file=sys.stderr)
    return 0
