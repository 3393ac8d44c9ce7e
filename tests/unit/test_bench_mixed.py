"""The benchmark's mixed bank (tests/bench/mixed.py): every type, in the shares it states."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from generator.checks import check_bank
from generator.commands import main
from generator.content.load import load_bank
from generator.content.model import QUESTION_TYPES, CaseStudy
from tests.bench.mixed import CASE_PARTS, MIX, PATTERN, count_kinds, retype_domain, write_mixed_bank

# Three domains of 100 questions (two topics of 50 each): the pattern three times, whole.
DOMAINS = 3


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mixed") / "data"
    figures = write_mixed_bank(folder, 100 * DOMAINS, per_topic=50, topics_per_domain=2)
    assert figures["domains"] == DOMAINS
    return folder


def test_the_stated_shares_add_up_to_every_hundred_questions() -> None:
    assert sum(share for _, share in MIX) == 100
    assert len(PATTERN) == 100
    assert {kind: PATTERN.count(kind) for kind, _ in MIX} == dict(MIX)
    # The case studies' questions come in whole runs.
    assert "".join("C" if kind == "case-study" else "." for kind in PATTERN).count(
        "C" * len(CASE_PARTS)
    ) == dict(MIX)["case-study"] // len(CASE_PARTS)


def test_the_bank_holds_every_type_in_the_stated_shares(mixed_dir: Path) -> None:
    assert count_kinds(mixed_dir) == {kind: share * DOMAINS for kind, share in MIX}
    bank = load_bank(mixed_dir)
    types: set[str] = set()
    for content in bank.domains:
        assert len(content.questions) == 100
        for item in content.items:
            types.add(item.type)
            if isinstance(item, CaseStudy):
                kinds = [
                    "choose-two" if q.type == "choice" and q.choose == 2 else q.type
                    for q in item.questions
                ]
                assert kinds == list(CASE_PARTS)
                assert item.table is not None and item.scenario
                types.update(q.type for q in item.questions)
    assert types == set(QUESTION_TYPES)


def test_the_bank_passes_the_generators_checks(
    mixed_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check_bank(load_bank(mixed_dir))  # raises DataError on any error
    assert main(["--data", str(mixed_dir), "check"]) == 0
    out, err = capsys.readouterr()
    assert out == f"ok: {DOMAINS} domains, {2 * DOMAINS} topics, {100 * DOMAINS} questions\n"
    assert "error" not in err


def _synthetic(count: int) -> list[dict[str, Any]]:
    return [
        {
            "id": f"q{i}",
            "topics": ["t"],
            "stem": f"Some text {i}. Which approach fits best? (q{i})",
            "options": [
                {
                    "text": f"Option {i} {k}",
                    "why": f"Why {k}.",
                    **({"correct": True} if k == 0 else {}),
                }
                for k in range(4)
            ],
        }
        for i in range(count)
    ]


def test_a_case_study_that_would_not_fit_whole_stays_choice_questions() -> None:
    # 72 questions: the second case study (at 70) would need 74.
    out = retype_domain(_synthetic(72))
    cases = [item for item in out if item.get("type") == "case-study"]
    assert [case["id"] for case in cases] == ["q20-case"]
    assert [item["id"] for item in out[-2:]] == ["q70", "q71"]
    assert all("type" not in item for item in out[-2:])
    assert sum(len(item.get("questions", [item])) for item in out) == 72
