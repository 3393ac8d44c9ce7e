"""What every command shares: the common options, the project's settings, and printing.

Apart from :mod:`generator.commands` (which assembles the parser from every verb's module) so
that each verb's module can use them without importing the package that imports it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeAlias

from generator.config import DATA_ENV, DataFolder, Project, load_project

Say = Callable[[str], object]
"""How a command prints what it did: ``print``, or nothing under ``-q``."""

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
"""The parser's subcommands, which each verb's ``add`` registers itself on."""


def common_options(default: bool) -> argparse.ArgumentParser:
    """``--data``, ``-f`` and ``-q``, accepted before and after the command (one default, once)."""
    parser = argparse.ArgumentParser(add_help=False)
    suppress = None if default else argparse.SUPPRESS
    parser.add_argument(
        "--data",
        type=Path,
        default=suppress,
        help="the exam's data folder (default: $STUDYSITE_DATA, else the studysite plugin's "
        "data option in mkdocs.yml, else data)",
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=suppress,
        help="the project's mkdocs.yml (default: mkdocs.yml in the working folder)",
    )
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=False if default else argparse.SUPPRESS,
        help="print errors only",
    )
    return parser


def project(args: argparse.Namespace, *, need_plugin: bool = False, **overrides: object) -> Project:
    """The project of this run, read through MkDocs; ``--data`` and the environment applied.

    ``$STUDYSITE_DATA`` is read here, at the edge (a user's override for one run), and handed
    on as an argument. ``overrides`` replace settings of mkdocs.yml for this run.
    """
    return load_project(
        args.config_file,
        args.data,
        os.environ.get(DATA_ENV),
        need_plugin=need_plugin,
        **overrides,
    )


def folder(args: argparse.Namespace) -> DataFolder:
    """The data folder of this run: ``--data``, else the environment, else the settings."""
    return project(args).data


def quiet(text: str) -> None:
    """Print nothing (``-q``)."""


def print_warnings(warnings: Sequence[object], quiet: bool) -> None:
    """Print content warnings to standard error, unless ``quiet``."""
    if quiet:
        return
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
