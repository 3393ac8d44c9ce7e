"""Helpers for the import and export tests: data folders, the real banks, round-trip views."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.content.load import load_bank
from generator.content.model import (
    Answerable,
    MatchingQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from generator.formats import stem_with_case
from tests.support.bank import exported_in
from tests.support.project import ROOT
from tests.support.real_banks import shared_folder


def shared_banks() -> Path:
    """``../shared/banks`` beside the repository (or beside its main checkout, for a git
    worktree); skips the test when that folder is absent."""
    folder = shared_folder()
    if folder is None:
        pytest.skip(f"no shared banks folder at {ROOT.parent / 'shared' / 'banks'}")
    return folder


def data_copy(target: Path, *, questions: bool = True) -> Path:
    """A copy of the real data folder; without its questions when ``questions`` is false
    (every ``questions*.yml`` of a domain: the bundled domain splits them over several)."""
    data = target / "data"
    shutil.copytree(ROOT / "data", data)
    if not questions:
        for path in data.glob("*/questions*.yml"):
            path.unlink()
    return data


def exported_of(data: Path, fmt: str) -> list[Answerable]:
    """What an export of a data folder in ``fmt`` carries (:func:`tests.support.bank.exported_in`)."""
    return exported_in(load_bank(data), fmt)


def questions_of(data: Path) -> list[Question]:
    """Every multiple-choice question of a data folder, in bank order."""
    return [q for q in all_questions_of(data) if isinstance(q, Question)]


def all_questions_of(data: Path) -> list[Answerable]:
    """Every answerable question of a data folder (any type), in bank order."""
    return [q for d in load_bank(data).domains for q in d.questions]


def round_trip_view(question: Answerable, *, pair_whys: bool = True) -> tuple[Any, ...]:
    """What a round trip keeps: id, type, stem (a case study's part: after its scenario, as the
    formats without case studies write it), the answers with their why, the main topic.

    Without ``pair_whys`` a matching question's pairs are kept without their why (GIFT writes
    them into the general feedback)."""
    base = (question.id, question.type, stem_with_case(question), question.topics[0])
    if isinstance(question, Question):
        return (*base, [(o.text, o.correct, o.why) for o in question.options], question.choose)
    if isinstance(question, TrueFalseQuestion):
        return (*base, question.answer)
    if isinstance(question, OrderingQuestion):
        return (*base, [(i.text, i.why) for i in question.items])
    if isinstance(question, MatchingQuestion):
        pairs = [(p.prompt, p.answer, p.why if pair_whys else None) for p in question.pairs]
        return (*base, pairs, question.distractors)
    if isinstance(question, NumericQuestion):
        return (*base, [(a.bounds, a.why) for a in question.accepted], question.unit)
    assert isinstance(question, ShortAnswerQuestion)
    return (*base, [(a.text, a.why) for a in question.accepted])
