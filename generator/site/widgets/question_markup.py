"""Question types on the page: the static form, the answer key and what the widgets read.

The markup contract for the widget scripts (also in the issue's notes as
item-types-markup.md). Every question is a ``section.ss-question`` with
``data-ss-question`` (id), ``data-ss-hash`` (content hash), ``data-ss-topics``, an optional
``data-ss-difficulty``, and ``data-ss-type`` for every type but multiple choice (absent =
``choice``, so multiple-choice pages are unchanged). A case study's question also has
``data-ss-case`` (the case study's id), ``data-ss-part`` (1-based) and ``data-ss-parts``.
Indexes are always authored indexes (the position in the YAML), whatever order a page shows;
explanations are found by index, ``[data-ss-explains="i"] .ss-answer__text`` inside the
question's ``<details class="ss-answer">``, never by letter or position. Answer data sits in
attributes only (search indexes no attribute, print shows none); the visible key is inside
the ``<details>``. The static forms are ``data-search-exclude``.

- ``true-false``: a two-option multiple choice that never shuffles (``data-ss-choose="1"
  data-ss-shuffle="false"``, ``li.ss-option[data-ss-option="0"]`` True and ``"1"`` False,
  ``data-ss-correct`` on the right one): today's quiz script answers it as it is. Stored as
  ``picks`` (``[0]`` True, ``[1]`` False); shape ``{"type": "picks", "options": 2, "choose": 1}``.
- ``ordering`` (``data-ss-items="n"``): ``ol.ss-items > li.ss-item[data-ss-item="<authored
  index>"]`` in a fixed shuffle seeded by the question id (:func:`seeded_order`: never the right
  order), lettered; the right order is the authored one (``data-ss-item="0"`` first). Key:
  ``ol.ss-answer__order > li[data-ss-explains]`` in the right order. Stored as ``order``
  (authored indexes in the learner's order); shape ``{"type": "order", "items": n}``.
- ``matching`` (``data-ss-prompts="n" data-ss-answers="m"``): ``ol.ss-prompts >
  li.ss-prompt[data-ss-prompt="i"][data-ss-correct="<answer index>"]`` in authored order, and
  ``ol.ss-offered > li.ss-offered__answer[data-ss-answer="j"]``, lettered, in a fixed shuffle.
  Answer indexes point into :attr:`MatchingQuestion.answers` (each distinct answer once, then
  the distractors); two prompts may share one. Key: ``ul.ss-answer__pairs >
  li[data-ss-explains="<prompt index>"]``. Stored as ``pairs`` (per prompt the answer index or
  null); shape ``{"type": "pairs", "prompts": n, "answers": m}``.
- ``numeric``: ``data-ss-number`` is JSON ``{"accept": [{"min", "max", "answer"?,
  "tolerance"?}], "unit": text or null}`` (intervals inclusive; compare answer and tolerance
  with a small epsilon); ``p.ss-typed`` shows a blank and the unit. Key entries with feedback
  are ``li[data-ss-explains="<entry index>"]``. Stored as ``number``; shape ``{"type": "number"}``.
- ``short-answer``: ``data-ss-accept`` is JSON, the accepted answers NORMALISED
  (:func:`~generator.content.model.normalise_answer`: NFKC, full case folding, NFKC, white
  space collapsed and trimmed), each once; ``data-ss-accept-why`` (when any has feedback) maps
  a normalised answer to the authored index of its ``li[data-ss-explains]``. Stored as
  ``text``; shape ``{"type": "text"}``.
- ``case-study``: ``div.ss-case[data-ss-case-study="<id>"][data-ss-parts="n"]`` holding
  ``div.ss-case__scenario`` (title, scenario, optional ``table.ss-case__table``) and then its
  questions' sections, numbered with the page's other questions; the scenario is searchable
  on its main topic's page only, as stems are.

The core quiz mounts multiple choice and true/false only; a question of another type keeps
its static form and its answer visible until its widget adds ``ss-question--live`` to the
section. The same data reaches the practice exam in its data scripts
(:mod:`generator.site.widgets.exam`) and the store through the Progress page's index
(:func:`answer_shape`).

A type's widget is a bundle module of its own (generator/assets/bundle.py ``MODULES``): a
page loads it when it holds the module's mark, the attribute only that type's questions have
(``data-ss-items``, ``data-ss-prompts``, ``data-ss-number``, ``data-ss-accept``,
``data-ss-case-study``). True/false is the core quiz's.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from typing import Any

from generator.assets.catalog import Catalog
from generator.content.model import (
    Answerable,
    MatchingQuestion,
    NumberAccept,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
    normalise_answer,
)


def letter(index: int) -> str:
    """Letter of the ``index``-th entry: 0 -> A, 25 -> Z, 26 -> AA."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


def seeded_order(seed: str, count: int) -> list[int]:
    """A fixed shuffle of ``range(count)`` seeded by ``seed``; never in order (count >= 2).

    The same on every build and machine (the seed is hashed with SHA-256, not Python's
    randomised ``hash``). A shuffle that comes back in order is rotated by one.
    """
    order = list(range(count))
    digest = hashlib.sha256(seed.encode("utf-8")).digest()
    random.Random(int.from_bytes(digest[:8], "big")).shuffle(order)
    if count >= 2 and order == sorted(order):
        order = order[1:] + order[:1]
    return order


def type_of(question: Answerable) -> str | None:
    """The value of ``data-ss-type``: None for multiple choice (the attribute is absent)."""
    return None if isinstance(question, Question) else question.type


@dataclass(frozen=True)
class Entry:
    """An item, prompt, answer or accepted value as shown: its authored index and texts."""

    index: int
    """Authored index (``data-ss-*`` and ``data-ss-explains``)."""
    label: str
    """Its letter or number where the page shows one, else empty."""
    text: str
    """Markdown (inline) of the entry."""
    why: str | None = None
    """Its feedback (Markdown), if any."""


@dataclass(frozen=True)
class TypeView:
    """What a question's type adds to its section, its static form and its key."""

    kind: str
    """The question's type."""
    attributes: dict[str, str]
    """``data-ss-*`` attributes of the section (values not yet escaped)."""
    instruction: str
    """What the learner is asked to do, after the stem."""
    answer: str
    """The key's words after 'Answer:' (plain text: letters, numbers, True...)."""
    shown: list[Entry]
    """The static form's list, in the order shown (ordering: items; matching: prompts;
    true/false: True and False)."""
    offered: list[Entry]
    """Matching: the answers offered, in the order shown (lettered)."""
    explained: list[Entry]
    """The key's list: entries with their feedback, in the order the key gives them."""
    unit: str | None = None
    """Numeric: the unit shown beside the blank."""
    typed: bool = False
    """Whether the static form is a blank to fill (numeric, short answer)."""


def either(texts: list[str], words: Catalog) -> str:
    """Accepted answers joined with 'or': "6 MB or 10 to 12 MB"."""
    text = texts[0]
    for other in texts[1:]:
        text = words.t("types.or", first=text, second=other)
    return text


def _json(value: Any) -> str:
    """Compact JSON for a widget's attribute, its line breaks escaped.

    As ``progress.html_json`` does: the page's later passes must never split one of its
    strings (issue 34).
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char in "\x85\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def true_false_view(question: TrueFalseQuestion, words: Catalog) -> TypeView:
    """True/false: a two-option choice, True first, never shuffled."""
    labels = [words.t("types.true"), words.t("types.false")]
    right = 0 if question.answer else 1
    return TypeView(
        kind=question.type,
        attributes={"data-ss-choose": "1", "data-ss-shuffle": "false"},
        instruction=words.t("types.true_false"),
        answer=labels[right],
        shown=[Entry(i, letter(i), text) for i, text in enumerate(labels)],
        offered=[],
        explained=[],
    )


def ordering_view(question: OrderingQuestion, words: Catalog) -> TypeView:
    """Ordering: the items in a fixed shuffle, lettered; the key lists the right order."""
    order = seeded_order(question.id, len(question.items))
    shown = [
        Entry(i, letter(place), question.items[i].text, question.items[i].why)
        for place, i in enumerate(order)
    ]
    letter_of = {e.index: e.label for e in shown}
    explained = [Entry(i, str(i + 1), item.text, item.why) for i, item in enumerate(question.items)]
    return TypeView(
        kind=question.type,
        attributes={"data-ss-items": str(len(question.items))},
        instruction=words.t("types.ordering", count=len(question.items)),
        answer=", ".join(letter_of[i] for i in range(len(question.items))),
        shown=shown,
        offered=[],
        explained=explained,
    )


def matching_view(question: MatchingQuestion, words: Catalog) -> TypeView:
    """Matching: prompts numbered in authored order, the answers offered in a fixed shuffle."""
    answers = question.answers
    key = question.key
    order = seeded_order(question.id + "#answers", len(answers))
    offered = [Entry(j, letter(place), answers[j]) for place, j in enumerate(order)]
    letter_of = {e.index: e.label for e in offered}
    shown = [Entry(i, str(i + 1), pair.prompt, pair.why) for i, pair in enumerate(question.pairs)]
    explained = [
        Entry(i, f"{i + 1} {letter_of[key[i]]}", f"{pair.prompt} \u2192 {pair.answer}", pair.why)
        for i, pair in enumerate(question.pairs)
    ]
    return TypeView(
        kind=question.type,
        attributes={
            "data-ss-prompts": str(len(question.pairs)),
            "data-ss-answers": str(len(answers)),
        },
        instruction=words.t("types.matching", count=len(question.pairs)),
        answer=words.list([f"{i + 1} {letter_of[k]}" for i, k in enumerate(key)]),
        shown=shown,
        offered=offered,
        explained=explained,
    )


def number_data(question: NumericQuestion) -> dict[str, Any]:
    """What ``data-ss-number`` holds (and the exam data): accepted intervals and the unit."""
    entries = []
    for accepted in question.accepted:
        low, high = accepted.bounds
        entry: dict[str, Any] = {"min": low, "max": high}
        if accepted.range is None and accepted.answer is not None:
            entry |= {"answer": accepted.answer, "tolerance": accepted.tolerance or 0}
        entries.append(entry)
    return {"accept": entries, "unit": question.unit}


def _number_words(accepted: NumberAccept, words: Catalog) -> str:
    low, high = accepted.bounds
    answer = accepted.answer if accepted.range is None else None
    if answer is not None and accepted.tolerance:
        return words.t(
            "types.number_tolerance",
            answer=words.number(answer),
            tolerance=words.number(accepted.tolerance),
        )
    if low == high:
        return words.number(low)
    return words.t("types.number_range", min=words.number(low), max=words.number(high))


def numeric_view(question: NumericQuestion, words: Catalog) -> TypeView:
    """Numeric: a blank with the unit; the key gives every accepted value or range."""
    texts: list[str] = []
    explained: list[Entry] = []
    for i, accepted in enumerate(question.accepted):
        text = _number_words(accepted, words)
        if question.unit:
            text = words.t("types.number_unit", number=text, unit=question.unit)
        texts.append(text)
        if accepted.why:
            explained.append(Entry(i, "", text, accepted.why))
    return TypeView(
        kind=question.type,
        attributes={"data-ss-number": _json(number_data(question))},
        instruction=words.t("types.numeric"),
        answer=either(texts, words),
        shown=[],
        offered=[],
        explained=explained,
        unit=question.unit,
        typed=True,
    )


def short_answer_view(question: ShortAnswerQuestion, words: Catalog) -> TypeView:
    """Short answer: a blank; the key gives the accepted answers as written."""
    accepted = question.accepted
    attributes = {"data-ss-accept": _json(question.normalised)}
    why = {normalise_answer(a.text): i for i, a in reversed(list(enumerate(accepted))) if a.why}
    if why:
        attributes["data-ss-accept-why"] = _json(why)
    texts = [a.text for a in accepted]
    return TypeView(
        kind=question.type,
        attributes=attributes,
        instruction=words.t("types.short_answer"),
        answer=either(texts, words),
        shown=[],
        offered=[],
        explained=[Entry(i, "", a.text, a.why) for i, a in enumerate(accepted) if a.why],
        typed=True,
    )


def type_view(question: Answerable, words: Catalog) -> TypeView | None:
    """The view of ``question``'s type; None for multiple choice (the quiz's own markup)."""
    if isinstance(question, TrueFalseQuestion):
        return true_false_view(question, words)
    if isinstance(question, OrderingQuestion):
        return ordering_view(question, words)
    if isinstance(question, MatchingQuestion):
        return matching_view(question, words)
    if isinstance(question, NumericQuestion):
        return numeric_view(question, words)
    if isinstance(question, ShortAnswerQuestion):
        return short_answer_view(question, words)
    return None


def answer_shape(question: Answerable) -> dict[str, object]:
    """What the store needs to check a stored answer to ``question`` (store.js ``known()``)."""
    if isinstance(question, Question):
        return {"type": "picks", "options": len(question.options), "choose": question.choose}
    if isinstance(question, TrueFalseQuestion):
        return {"type": "picks", "options": 2, "choose": 1}
    if isinstance(question, OrderingQuestion):
        return {"type": "order", "items": len(question.items)}
    if isinstance(question, MatchingQuestion):
        return {"type": "pairs", "prompts": len(question.pairs), "answers": len(question.answers)}
    if isinstance(question, NumericQuestion):
        return {"type": "number"}
    return {"type": "text"}
