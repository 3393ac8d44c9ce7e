"""Checks: every problem of a bank, collected, then reported once.

:func:`check_bank` runs them all and raises once with every error; warnings (content lints)
are returned, never fatal. Nothing here imports the site: the checks judge the data alone.

- :mod:`~generator.checks.structure`: cross-references and rules the schema cannot express;
- :mod:`~generator.checks.lints`: questions a learner could answer by test-taking tricks;
- :mod:`~generator.checks.careless`: what MkDocs would otherwise trip over.
"""

from __future__ import annotations

from generator.checks.careless import check_careless_input
from generator.checks.lints import lint_questions
from generator.checks.report import Report
from generator.checks.structure import check_structure
from generator.content.model import Bank
from generator.errors import DataError, Problem


def check_bank(bank: Bank) -> list[Problem]:
    """Check the whole bank; return warnings, or raise :class:`DataError` on any error."""
    problems = find_problems(bank)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return [p for p in problems if p.severity == "warning"]


def find_problems(bank: Bank) -> list[Problem]:
    """Every error and warning in the bank, sorted by file and line."""
    report = Report()
    check_structure(report, bank)
    lint_questions(report, bank)
    check_careless_input(report, bank)
    return sorted(report.problems)
