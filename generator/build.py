"""Run the pipeline: load -> check -> render -> write."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from generator.checks import check_bank
from generator.errors import Problem
from generator.load import load_bank
from generator.model import Bank
from generator.render import render_pages
from generator.views import Site, build_site
from generator.write import WriteReport, write_files

log = logging.getLogger(__name__)


@dataclass
class Result:
    """What a run produced: the site layout, content warnings and what was written."""

    site: Site
    warnings: list[Problem]
    report: WriteReport | None = None


def check(data_dir: Path) -> tuple[Bank, list[Problem]]:
    """Load and check the data; raise :class:`~generator.errors.DataError` on any error."""
    bank = load_bank(data_dir)
    return bank, check_bank(bank)


def build(data_dir: Path, docs_dir: Path) -> Result:
    """Generate the Markdown pages of ``data_dir`` into ``docs_dir``.

    Nothing is written unless every check passes.
    """
    bank, warnings = check(data_dir)
    for warning in warnings:
        log.warning("%s", warning)
    site = build_site(bank)
    files = render_pages(site)
    return Result(site, warnings, write_files(files, docs_dir))
