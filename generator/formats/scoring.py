"""Moodle's answer weights as this site's all-or-nothing questions (GIFT and Moodle XML alike).

Moodle gives each answer a fraction of the mark (``%50%`` in GIFT, ``fraction="50"`` in XML).
This site scores a question all or nothing, so:

- a **single-answer** question keeps its fully right answers (100%) as right; an answer with
  partial credit (between 0% and 100%) counts as wrong and is listed as partial credit;
- a **multiple-answer** question's right answers are those with a positive weight, all to be
  picked (``choose N``); weights that differ or do not add up to 100% are noted;
- a question where every answer is right (Moodle: any pick gets full marks) or none is, is
  not imported, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.formats import MIN_OPTIONS, DraftOption

FULL = 99.999
"""Full marks: 100%, and Moodle's 3 x 33.33333% in a multiple-answer question."""


def percent(value: float) -> str:
    """A weight as the report shows it: ``50%``, ``33.3333%``."""
    return f"{value:g}%"


@dataclass
class Choice:
    """A choice question made of weighted answers."""

    options: list[DraftOption]
    choose: int
    notes: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)


def choice(weighted: list[tuple[float, DraftOption]], *, single: bool) -> Choice | str:
    """The question of ``weighted`` answers (weights in percent), or why there is none."""
    if len(weighted) < MIN_OPTIONS:
        return f"expected at least {MIN_OPTIONS} answers, found {len(weighted)}"
    notes: list[str] = []
    partial: list[str] = []
    if single:
        right = [w >= FULL for w, _ in weighted]
        partial = [f"'{o.text}' ({percent(w)})" for w, o in weighted if 0 < w < FULL]
    else:
        right = [w > 0 for w, _ in weighted]
        positive = [w for w, _ in weighted if w > 0]
        total = sum(positive)
        if positive and abs(total - 100) > 0.01:
            notes.append(
                f"the positive weights add up to {total:g}%, not 100%: scored all or nothing "
                f"here, all {len(positive)} right answers must be picked"
            )
        elif len(set(positive)) > 1:
            shares = ", ".join(percent(w) for w in positive)
            notes.append(
                f"weights {shares} scored all or nothing: all {len(positive)} right answers "
                "must be picked"
            )
    count = sum(right)
    if not count:
        return (
            "no right answer: mark the right answer with '=' (GIFT) or 100% (XML), or give "
            "the right answers of a multiple-answer question positive weights"
        )
    if count == len(weighted):
        return (
            f"every answer is right ({count} of {count}; Moodle gives full marks for any "
            "pick): a question here needs at least one wrong option"
        )
    if single and count > 1:
        notes.append(
            f"{count} answers are marked fully right in a single-answer question (Moodle "
            f"accepts any one of them): imported as 'choose {count}'"
        )
    options = [
        DraftOption(option.text, ok, option.why)
        for (_, option), ok in zip(weighted, right, strict=True)
    ]
    return Choice(options, count, notes, partial)
