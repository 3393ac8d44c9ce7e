"""The bundled exam (``data/``), loaded once per test process, on first use.

Tests get it through the session fixtures ``bundled_bank`` and ``bundled_site``
(tests/conftest.py). Test parameters drawn from it (one test per decision tree, say) are made
at collection by ``pytest_generate_tests`` from the same load; nothing loads it at import.
"""

from __future__ import annotations

import functools

from generator.content.load import load_bank
from generator.content.model import Answerable, Bank, DomainContent, Question
from generator.formats import exportable, formats
from generator.site.layout import Site, build_site
from tests.support.project import ROOT


@functools.cache
def bundled_bank() -> Bank:
    """The bank of ``data/``."""
    return load_bank(ROOT / "data")


@functools.cache
def bundled_site() -> Site:
    """The site laid out from :func:`bundled_bank`."""
    return build_site(bundled_bank())


def choices(content: DomainContent) -> list[Question]:
    """A domain's multiple-choice questions, case studies' parts too, in bank order."""
    return [q for q in content.questions if isinstance(q, Question)]


def questions_in(bank: Bank) -> list[Question]:
    """Every multiple-choice question of ``bank`` (case studies' too), in bank order."""
    return [q for d in bank.domains for q in d.questions if isinstance(q, Question)]


def exported_in(bank: Bank, fmt: str) -> list[Answerable]:
    """What an export of ``bank`` in format ``fmt`` carries, in bank order: every question of a
    type the format takes, a case study's parts one by one where the format keeps the case
    study (``generator.formats.exportable``, the code the export itself runs)."""
    kept, _ = exportable(bank, formats()[fmt])
    return [q for d in kept.domains for q in d.questions]
