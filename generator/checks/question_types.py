"""Question types: the rules of each type that the schema alone cannot express.

Counts (ordering 3 to 10 items, matching 2 to 10 prompts, a case study 2 or more questions),
repeats (items, prompts, distractors, accepted answers after normalisation), a distractor
that is also an answer, numbers given in no way or in two, a negative tolerance, a range whose
min is above its max, and case studies whose questions test another domain's topics.
Multiple-choice questions keep their checks in :mod:`~generator.checks.structure`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from generator.checks.report import Report
from generator.content.model import (
    MATCHING_PROMPTS,
    MIN_CASE_PARTS,
    ORDERING_ITEMS,
    Answerable,
    CaseStudy,
    MatchingQuestion,
    Node,
    NumberAccept,
    NumericQuestion,
    OrderingQuestion,
    ShortAnswerQuestion,
    normalise_answer,
)


def _count(
    report: Report,
    node: Node,
    path: str,
    field: str,
    found: int,
    limits: tuple[int, int],
    noun: str,
) -> None:
    low, high = limits
    if not low <= found <= high:
        report.add(
            node,
            f"{path}.{field}",
            f"expected {low} to {high} {noun}, found {found}",
            field=field,
        )


def _repeats(
    report: Report,
    entries: Sequence[tuple[Node, str, str, int | None, str]],
    what: str,
) -> None:
    """Report each entry (node, path, field, index, text) equal to an earlier one, folded."""
    first: dict[str, str] = {}
    for node, path, field, index, text in entries:
        key = normalise_answer(text)
        if key in first:
            report.add(node, path, f"same {what} as {first[key]}", field=field, index=index)
        else:
            first[key] = path.rsplit(".", 2)[-2] if field else path.rsplit(".", 1)[-1]


def check_ordering(report: Report, path: str, question: OrderingQuestion) -> None:
    """Ordering: 3 to 10 items, no two the same."""
    _count(report, question, path, "items", len(question.items), ORDERING_ITEMS, "items")
    _repeats(
        report,
        [
            (item, f"{path}.items[{i}].text", "text", None, item.text)
            for i, item in enumerate(question.items)
        ],
        "text",
    )


def check_matching(report: Report, path: str, question: MatchingQuestion) -> None:
    """Matching: 2 to 10 distinct prompts; distractors differ from the answers and each other."""
    _count(report, question, path, "pairs", len(question.pairs), MATCHING_PROMPTS, "prompts")
    _repeats(
        report,
        [
            (p, f"{path}.pairs[{i}].prompt", "prompt", None, p.prompt)
            for i, p in enumerate(question.pairs)
        ],
        "prompt",
    )
    answers = {normalise_answer(p.answer): p for p in question.pairs}
    seen: dict[str, int] = {}
    for i, distractor in enumerate(question.distractors):
        key = normalise_answer(distractor)
        where = f"{path}.distractors[{i}]"
        if key in answers:
            report.add(
                question,
                where,
                f"the distractor '{distractor}' is the answer of the prompt "
                f"'{answers[key].prompt}': a distractor must fit no prompt; remove it or "
                "change its text",
                field="distractors",
                index=i,
            )
        elif key in seen:
            report.add(
                question,
                where,
                f"same text as distractors[{seen[key]}]",
                field="distractors",
                index=i,
            )
        seen.setdefault(key, i)


def _number_entry(
    report: Report, node: Node, path: str, entry: Mapping[str, object], whole_question: bool
) -> None:
    """One way of giving a number: ``answer`` (+ ``tolerance``) or ``range``."""
    answer, tolerance, bounds = entry.get("answer"), entry.get("tolerance"), entry.get("range")
    if answer is None and bounds is None:
        hint = ", or 'accept' entries" if whole_question else ""
        report.add(
            node,
            path,
            "missing the right number: give 'answer' (with an optional 'tolerance') or "
            f"'range: [min, max]'{hint}",
        )
        return
    if answer is not None and bounds is not None:
        report.add(
            node,
            f"{path}.range",
            "give 'answer' (with an optional 'tolerance') or 'range', not both",
            field="range",
        )
    if tolerance is not None and bounds is not None and answer is None:
        report.add(
            node,
            f"{path}.tolerance",
            "a 'tolerance' goes with 'answer', not with 'range' (widen the range instead)",
            field="tolerance",
        )
    if isinstance(tolerance, int | float) and tolerance < 0:
        report.add(
            node,
            f"{path}.tolerance",
            f"expected a tolerance of 0 or more, found {tolerance}",
            field="tolerance",
        )
    if isinstance(bounds, list):
        if len(bounds) != 2:
            report.add(
                node,
                f"{path}.range",
                f"expected [min, max] (2 numbers), found {len(bounds)} number"
                f"{'s' if len(bounds) != 1 else ''}",
                field="range",
            )
        elif bounds[0] > bounds[1]:
            report.add(
                node,
                f"{path}.range",
                f"expected min <= max, found [{bounds[0]}, {bounds[1]}]",
                field="range",
            )


def _fields(entry: NumericQuestion | NumberAccept) -> dict[str, object]:
    return {"answer": entry.answer, "tolerance": entry.tolerance, "range": entry.range}


def check_numeric(report: Report, path: str, question: NumericQuestion) -> None:
    """Numeric: one right number given one way; a tolerance never negative; min <= max."""
    if question.accept is None:
        _number_entry(report, question, path, _fields(question), whole_question=True)
        return
    given = [name for name, value in _fields(question).items() if value is not None]
    if given:
        report.add(
            question,
            f"{path}.{given[0]}",
            f"give either 'accept' entries or '{given[0]}', not both (put every accepted "
            "number in 'accept')",
            field=given[0],
        )
    if not question.accept:
        report.add(
            question,
            f"{path}.accept",
            "expected at least 1 accepted entry, found none",
            field="accept",
        )
    seen: dict[tuple[float, float], int] = {}
    for i, entry in enumerate(question.accept):
        where = f"{path}.accept[{i}]"
        _number_entry(report, entry, where, _fields(entry), whole_question=False)
        bounds = (float(entry.bounds[0]), float(entry.bounds[1]))
        if bounds in seen:
            report.add(entry, where, f"accepts the same numbers as accept[{seen[bounds]}]")
        seen.setdefault(bounds, i)


def check_short_answer(report: Report, path: str, question: ShortAnswerQuestion) -> None:
    """Short answer: at least one accepted answer; none equal to another once normalised."""
    if not question.accept:
        report.add(
            question,
            f"{path}.accept",
            "expected at least 1 accepted answer, found none",
            field="accept",
        )
        return
    first: dict[str, int] = {}
    for i, accepted in enumerate(question.accepted):
        key = normalise_answer(accepted.text)
        where = f"{path}.accept[{i}]"
        if not key:
            report.add(
                question, where, "an accepted answer of spaces only", field="accept", index=i
            )
        elif key in first:
            report.add(
                question,
                where,
                f"same as accept[{first[key]}] once normalised ('{key}': answers are "
                "compared after NFKC, case folding and collapsing spaces); remove one",
                field="accept",
                index=i,
            )
        first.setdefault(key, i)


def check_type(report: Report, path: str, question: Answerable) -> None:
    """The rules of ``question``'s type (multiple choice: in structure)."""
    if isinstance(question, OrderingQuestion):
        check_ordering(report, path, question)
    elif isinstance(question, MatchingQuestion):
        check_matching(report, path, question)
    elif isinstance(question, NumericQuestion):
        check_numeric(report, path, question)
    elif isinstance(question, ShortAnswerQuestion):
        check_short_answer(report, path, question)


def check_case_study(
    report: Report, path: str, case: CaseStudy, topic_domains: Mapping[str, int]
) -> None:
    """A case study: 2 or more questions, every one testing topics of the case study's domain."""
    if len(case.questions) < MIN_CASE_PARTS:
        report.add(
            case,
            f"{path}.questions",
            f"expected at least {MIN_CASE_PARTS} questions in a case study, found "
            f"{len(case.questions)} (a single question needs no case study: give it the "
            "scenario in its stem)",
            field="questions",
        )
    home = topic_domains.get(case.topics[0])
    if home is None:
        return
    for i, part in enumerate(case.questions):
        for j, topic in enumerate(part.topics):
            other = topic_domains.get(topic)
            if other is not None and other != home:
                report.add(
                    part,
                    f"{path}.questions[{i}].topics[{j}]",
                    f"topic '{topic}' is in domain {other}, the case study's topic "
                    f"'{case.topics[0]}' in domain {home}: a case study's questions are all in "
                    "one domain",
                    field="topics",
                    index=j,
                )
