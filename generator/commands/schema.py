"""``schema``: write the data files' JSON Schemas and the author's reference."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Commands, Say


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "schema",
        parents=common,
        help="write the data files' JSON Schemas and the author's reference",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="output folder (default: generator/authoring/schemas, the shipped copies)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Write the schemas and the reference; say how many files changed."""
    from generator.authoring.schema import SCHEMA_DIR, write_schemas

    out = args.out or SCHEMA_DIR
    changed = write_schemas(out)
    say(f"schemas and reference in {out}: {len(changed)} written")
    return 0
