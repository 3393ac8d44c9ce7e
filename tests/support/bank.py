"""The bundled exam (``data/``), loaded once per test process, on first use.

Tests get it through the session fixtures ``bundled_bank`` and ``bundled_site``
(tests/conftest.py). Test parameters drawn from it (one test per decision tree, say) are made
at collection by ``pytest_generate_tests`` from the same load; nothing loads it at import.
"""

from __future__ import annotations

import functools

from generator.content.load import load_bank
from generator.content.model import Bank, DomainContent, Question
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


def exported_in(bank: Bank) -> list[Question]:
    """What an export carries of ``bank`` today: its multiple-choice questions outside case
    studies, in bank order (``generator.formats.exportable``: the formats take no other type
    yet, and a case study goes whole or not at all)."""
    return [item for d in bank.domains for item in d.items if isinstance(item, Question)]
