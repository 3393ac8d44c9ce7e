"""``offline``: build a copy of the site that works opened from disk (``file://``)."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Commands, Say, project


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
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the zip file if it exists (never a file that is not a zip)",
    )
    parser.add_argument(
        "--shim",
        type=Path,
        default=None,
        help="the iframe-worker package's shim/index.js (default: node_modules/ beside "
        "mkdocs.yml, where `npm install iframe-worker` puts it)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Build the offline copy of the data folder's site, and its zip if asked."""
    from generator.publishing.offline import build_offline

    found = project(args, need_plugin=True, strict=True)
    where = build_offline(found, args.out, args.zip, args.shim, force=args.force)
    say(f"offline site: {where}" + (f"; zip: {args.zip}" if args.zip else ""))
    return 0
