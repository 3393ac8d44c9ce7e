"""``offline``: build a copy of the site that works opened from disk (``file://``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Commands, Say, folder
from generator.config import exported


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "offline",
        parents=common,
        help="build a copy of the site that works opened from disk (file://)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("site-offline"),
        help="output folder (default: site-offline)",
    )
    parser.add_argument(
        "--zip", type=Path, default=None, help="also write the site as this zip file"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Build the offline copy of the data folder's site, and its zip if asked."""
    from generator.publishing.offline import build_offline

    with exported(folder(args)):
        where = build_offline(Path.cwd(), args.out, args.zip)
    say(f"offline site: {where}" + (f"; zip: {args.zip}" if args.zip else ""))
    return 0
