"""``init``: write a minimal, valid new exam into a new or empty folder, and a mkdocs.yml."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.common import Commands, Say
from generator.config import CONFIG_FILE, PLUGIN, relative
from generator.errors import GeneratorError

MKDOCS_YML = """\
# The study site: Material for MkDocs and the studysite plugin, which names the site after
# the exam and builds its pages from the data folder below (relative to this file).
site_name: Study site
theme:
  name: material
plugins:
  - search
  - {plugin}:
      data: {data}
"""
"""The mkdocs.yml ``init`` writes beside a new data folder that has none."""


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "init",
        parents=common,
        help="write a minimal, valid new exam into a new or empty DIR (and a mkdocs.yml)",
        description="Write a new exam into DIR, and a minimal mkdocs.yml beside DIR when there "
        "is none (never over one).",
    )
    parser.add_argument("dir", type=Path, metavar="DIR", help="the new exam's data folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Write the new exam and its mkdocs.yml; say what was written and what to run next."""
    from generator.authoring.scaffold import init_exam

    target: Path = args.dir
    for path in init_exam(target):
        say(f"wrote {path}")
    config = write_mkdocs_yml(target)
    if config is not None:
        say(f"wrote {config}")
    say(f"next: {next_steps(target, wrote_config=config is not None)}")
    return 0


def write_mkdocs_yml(target: Path) -> Path | None:
    """Write a minimal mkdocs.yml beside the data folder ``target`` unless one is there.

    MkDocs also wants the docs folder to exist (the site's own pages come from the data, an
    author's hand-written ones go there): an empty ``docs/`` is made with it, holding a
    ``.gitkeep`` so that git keeps it.

    Returns:
        The file written, or None when there was one already (it is never replaced).
    """
    config = target.resolve().parent / CONFIG_FILE
    text = MKDOCS_YML.format(plugin=PLUGIN, data=target.resolve().name)
    try:
        with config.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        return None
    except OSError as error:
        raise GeneratorError(f"cannot write {config}: {error.strerror}") from error
    docs = config.parent / "docs"
    if not docs.exists():
        docs.mkdir()
        (docs / ".gitkeep").touch()
    return relative(config)


def next_steps(target: Path, *, wrote_config: bool) -> str:
    """What to run after ``init``: check the new exam, then serve its site."""
    root = target.resolve().parent
    where = relative(root)
    folder = target.resolve().name
    if wrote_config:
        return (
            f"edit the files in {relative(target.resolve())}, run `studysite check` and see the "
            f"site with `mkdocs serve` in {where}"
        )
    return (
        f"edit the files in {relative(target.resolve())}; {relative(root / CONFIG_FILE)} was "
        f"there already, so name the new exam in it: `- {PLUGIN}: {{data: {folder}}}` under "
        f"`plugins:` (or run `studysite --data {folder} check` and `STUDYSITE_DATA={folder} "
        f"mkdocs serve` in {where})"
    )
