"""Checks: cross-references and rules the schema alone cannot express."""

from __future__ import annotations

from generator.checks.structure import check_bank, find_problems

__all__ = ["check_bank", "find_problems"]
