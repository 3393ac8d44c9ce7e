"""Helpers for the import and export tests: data folders, the real banks, round-trip views."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.content.load import load_bank
from generator.content.model import Question
from tests.support.project import ROOT


def shared_banks() -> Path:
    """``../shared/banks`` beside the repository (or beside its main checkout, for a git
    worktree); skips the test when that folder is absent."""
    candidates = [ROOT.parent / "shared" / "banks"]
    common = subprocess.run(
        ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if common.returncode == 0:
        candidates.append(Path(common.stdout.strip()).parent.parent / "shared" / "banks")
    for folder in candidates:
        if folder.is_dir():
            return folder
    pytest.skip(f"no shared banks folder at {candidates[0]}")


def data_copy(target: Path, *, questions: bool = True) -> Path:
    """A copy of the real data folder; without its questions when ``questions`` is false."""
    data = target / "data"
    shutil.copytree(ROOT / "data", data)
    if not questions:
        for path in data.glob("*/questions.yml"):
            path.unlink()
    return data


def questions_of(data: Path) -> list[Question]:
    """Every question of a data folder, in bank order."""
    return [q for d in load_bank(data).domains for q in d.questions]


def round_trip_view(question: Question) -> tuple[Any, ...]:
    """What a round trip keeps: id, stem, options (text, correct, why), choose, main topic."""
    return (
        question.id,
        question.stem,
        [(o.text, o.correct, o.why) for o in question.options],
        question.choose,
        question.topics[0],
    )
