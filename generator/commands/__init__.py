"""Command line: ``studysite [--data DIR] COMMAND``, one module per command.

``python -m generator`` is the same command line.

``--data``, ``-f`` and ``-q`` may come before or after the command name. Every command reads
the project's mkdocs.yml through MkDocs (:func:`generator.config.load_project`). Without
``--data`` the data folder is ``$STUDYSITE_DATA``, else the studysite plugin's ``data``
option, else ``data``. Each command's module registers its arguments
(``add``) and runs it (``run``); the common options are in :mod:`generator.commands.common`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from generator.commands import (
    build,
    check,
    downloads,
    export,
    import_,
    init,
    new_domain,
    offline,
    pdf,
    schema,
)
from generator.commands.common import Say, common_options, quiet
from generator.errors import GeneratorError

#: Every command's module, in the order ``--help`` lists them.
VERBS = (check, build, offline, pdf, import_, export, downloads, init, new_domain, schema)


def _parser(prog: str | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Turn YAML study data into a MkDocs site.",
        parents=[common_options(default=True)],
    )
    common = [common_options(default=False)]
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for verb in VERBS:
        verb.add(commands, common)
    return parser


def main(argv: Sequence[str] | None = None, prog: str | None = None) -> int:
    """Run the CLI; return the exit code (``studysite``, the console script, calls this)."""
    args = _parser(prog).parse_args(argv)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.WARNING, format="%(message)s"
    )
    say: Say = quiet if args.quiet else print
    try:
        code: int = args.run(args, say)
    except GeneratorError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    return code
