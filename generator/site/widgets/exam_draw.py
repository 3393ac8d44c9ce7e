"""The mock exam's draw: whole case studies, topped up with single questions.

A case study counts as its number of questions toward its domain's share, and an exam
never splits one: it draws whole case studies, then single questions to make up the share.
The practice exam's script (generator/assets/js/exam) draws in the browser on each attempt;
this module is the reference it follows, tested here, and the plan's guard: a share is only
ever a number of questions the domain can make up exactly (:func:`reachable`).

The draw, for one domain with ``share`` questions to draw from ``singles`` single questions
and case studies of given sizes:

1. Case studies in random order; each is taken while the case studies taken stay within
   their fair part of the share (``ceil(share * parts / all questions)``, parts being the
   questions held in case studies) and the rest of the share can still be made up exactly
   from what is left.
2. Single questions, as many as fit, fewest left over for step 3.
3. If singles ran short, more case studies (random order) until the share is met exactly.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Pool:
    """What one domain can draw from: single questions and case studies (id, questions)."""

    singles: list[str] = field(default_factory=list)
    cases: list[tuple[str, int]] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Every answerable question: singles and the case studies' questions."""
        return len(self.singles) + sum(n for _, n in self.cases)


def _sums(sizes: Sequence[int], limit: int) -> set[int]:
    """Every total up to ``limit`` that a subset of ``sizes`` adds up to."""
    totals = {0}
    for size in sizes:
        totals |= {t + size for t in totals if t + size <= limit}
    return totals


def reachable(share: int, singles: int, sizes: Sequence[int]) -> bool:
    """Whether ``share`` questions can be drawn exactly: some case studies plus singles."""
    return share >= 0 and any(share - singles <= t <= share for t in _sums(sizes, share))


def largest_reachable(share: int, pool: Pool) -> int:
    """The largest number of questions up to ``share`` that ``pool`` can make up exactly."""
    sizes = [n for _, n in pool.cases]
    for n in range(min(share, pool.size), -1, -1):
        if reachable(n, len(pool.singles), sizes):
            return n
    return 0  # pragma: no cover - 0 is always reachable


def draw(share: int, pool: Pool, rng: random.Random) -> list[str]:
    """Ids drawn for one domain: case study ids (whole) and single question ids.

    Raises:
        ValueError: ``share`` cannot be made up exactly from ``pool``.
    """
    sizes = dict(pool.cases)
    if not reachable(share, len(pool.singles), list(sizes.values())):
        raise ValueError(f"{share} questions cannot be drawn exactly from this pool")
    cases = [case for case, _ in pool.cases]
    rng.shuffle(cases)
    singles = list(pool.singles)
    rng.shuffle(singles)
    fair = math.ceil(share * sum(sizes.values()) / pool.size) if pool.size else 0
    taken: list[str] = []
    left = share
    in_cases = 0

    def fits(case: str, budget: int) -> bool:
        rest = [sizes[c] for c in cases if c != case and c not in taken]
        size = sizes[case]
        return size <= min(left, budget) and reachable(left - size, len(singles), rest)

    for case in cases:
        if fits(case, fair - in_cases):
            taken.append(case)
            left -= sizes[case]
            in_cases += sizes[case]
    rest = [sizes[c] for c in cases if c not in taken]
    sums = _sums(rest, left)
    # Singles: as many as fit, with the remainder still a sum of untaken case studies.
    count = max(t for t in range(min(left, len(singles)) + 1) if left - t in sums)
    chosen_singles = singles[:count]
    left -= count
    for case in cases:
        if case in taken or left == 0:
            continue
        others = [sizes[c] for c in cases if c != case and c not in taken]
        if sizes[case] <= left and (left - sizes[case]) in _sums(others, left):
            taken.append(case)
            left -= sizes[case]
    return taken + chosen_singles
