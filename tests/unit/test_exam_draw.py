"""The mock exam's draw: whole case studies counted by their questions, topped up with singles."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from generator.site.widgets.exam_draw import Pool, draw, largest_reachable, reachable

POOL = Pool(
    singles=[f"q{i}" for i in range(6)],
    cases=[("case-a", 3), ("case-b", 2), ("case-c", 4)],
)


def _count(ids: list[str], pool: Pool) -> int:
    sizes = dict(pool.cases)
    return sum(sizes.get(i, 1) for i in ids)


def test_a_case_study_counts_as_its_questions_and_is_drawn_whole() -> None:
    for seed in range(200):
        ids = draw(10, POOL, random.Random(seed))
        assert _count(ids, POOL) == 10
        assert len(ids) == len(set(ids))


def test_case_studies_come_in_about_their_share() -> None:
    """9 of the 15 questions are in case studies: a 10-question draw holds about 6 of them."""
    drawn: Counter[int] = Counter()
    for seed in range(400):
        ids = draw(10, POOL, random.Random(seed))
        drawn[sum(dict(POOL.cases).get(i, 0) for i in ids)] += 1
    in_cases = sum(k * v for k, v in drawn.items()) / 400
    assert 4 <= in_cases <= 7, drawn
    assert drawn[0] == 0  # some case study always fits


def test_singles_short_more_case_studies_fill_the_share() -> None:
    pool = Pool(singles=["q1"], cases=[("a", 3), ("b", 2), ("c", 4)])
    for seed in range(50):
        ids = draw(8, pool, random.Random(seed))
        assert _count(ids, pool) == 8


def test_only_case_studies() -> None:
    pool = Pool(cases=[("a", 3), ("b", 3)])
    assert draw(6, pool, random.Random(1)) in (["a", "b"], ["b", "a"])
    assert not reachable(4, 0, [3, 3])
    with pytest.raises(ValueError, match="cannot be drawn exactly"):
        draw(4, pool, random.Random(1))


def test_the_plan_lowers_a_share_to_what_can_be_drawn() -> None:
    assert largest_reachable(5, Pool(cases=[("a", 3), ("b", 3)])) == 3
    assert largest_reachable(5, Pool(singles=["x"], cases=[("a", 3)])) == 4
    assert largest_reachable(20, POOL) == 15
    assert largest_reachable(0, POOL) == 0


def test_no_case_studies_is_a_plain_draw() -> None:
    pool = Pool(singles=[f"q{i}" for i in range(10)])
    ids = draw(4, pool, random.Random(3))
    assert len(ids) == 4 and set(ids) <= set(pool.singles)
