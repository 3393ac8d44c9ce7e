"""Question types on the page: fixed shuffles that never give the order away, keys, data."""

from __future__ import annotations

import json

import pytest

from generator.assets.catalog import load_catalog
from generator.content.model import DomainFile, answerable
from generator.site.widgets.question_markup import (
    answer_shape,
    seeded_order,
    type_view,
)

WORDS = load_catalog("en")


@pytest.mark.parametrize("count", range(2, 11))
def test_a_seeded_shuffle_is_stable_and_never_the_right_order(count: int) -> None:
    for n in range(300):
        order = seeded_order(f"q-{n}", count)
        assert sorted(order) == list(range(count))
        assert order != list(range(count))
        assert order == seeded_order(f"q-{n}", count)


def test_three_items_whose_shuffle_is_the_identity_are_rotated() -> None:
    """Some seeds shuffle 3 items back into order (1 in 6): those are rotated by one."""
    import hashlib
    import random

    def raw(seed: str) -> list[int]:
        order = [0, 1, 2]
        digest = hashlib.sha256(seed.encode("utf-8")).digest()
        random.Random(int.from_bytes(digest[:8], "big")).shuffle(order)
        return order

    identity = next(f"q-{n}" for n in range(100) if raw(f"q-{n}") == [0, 1, 2])
    assert seeded_order(identity, 3) == [1, 2, 0]


BANK = DomainFile.model_validate(
    {
        "questions": [
            {
                "id": "q-order",
                "type": "ordering",
                "topics": ["t"],
                "stem": "Order.",
                "items": [{"text": "a", "why": "A first."}, {"text": "b"}, {"text": "c"}],
            },
            {
                "id": "q-match",
                "type": "matching",
                "topics": ["t"],
                "stem": "Match.",
                "pairs": [
                    {"prompt": "frog", "answer": "amphibian"},
                    {"prompt": "newt", "answer": "amphibian"},
                    {"prompt": "cat", "answer": "mammal", "why": "Fur."},
                ],
                "distractors": ["bird"],
            },
            {
                "id": "q-num",
                "type": "numeric",
                "topics": ["t"],
                "stem": "How many?",
                "accept": [{"answer": 6, "tolerance": 0.5}, {"range": [10, 12], "why": "Also."}],
                "unit": "MB",
            },
            {
                "id": "q-short",
                "type": "short-answer",
                "topics": ["t"],
                "stem": "Which?",
                "accept": ["InvokeEndpoint", {"text": "Invoke  endpoint", "why": "Spaced."}],
            },
            {
                "id": "q-tf",
                "type": "true-false",
                "topics": ["t"],
                "stem": "It is.",
                "answer": False,
            },
        ]
    }
).questions
QUESTIONS = {q.id: q for q in answerable(BANK)}


def test_ordering_view_lists_a_shuffle_and_keys_the_right_order() -> None:
    view = type_view(QUESTIONS["q-order"], WORDS)
    assert view is not None
    assert [e.index for e in view.shown] == seeded_order("q-order", 3)
    assert [e.label for e in view.shown] == ["A", "B", "C"]
    letters = {e.index: e.label for e in view.shown}
    assert view.answer == ", ".join(letters[i] for i in range(3))
    assert [(e.index, e.why) for e in view.explained] == [(0, "A first."), (1, None), (2, None)]
    assert view.instruction == "Put the 3 items in order."


def test_matching_view_offers_each_answer_once_and_keys_by_letter() -> None:
    view = type_view(QUESTIONS["q-match"], WORDS)
    assert view is not None
    assert sorted(e.text for e in view.offered) == ["amphibian", "bird", "mammal"]
    assert view.attributes == {"data-ss-prompts": "3", "data-ss-answers": "3"}
    letter = {e.text: e.label for e in view.offered}
    assert view.answer == (
        f"1 {letter['amphibian']}, 2 {letter['amphibian']} and 3 {letter['mammal']}"
    )


def test_numeric_data_and_key() -> None:
    view = type_view(QUESTIONS["q-num"], WORDS)
    assert view is not None
    assert json.loads(view.attributes["data-ss-number"]) == {
        "accept": [{"min": 5.5, "max": 6.5, "answer": 6, "tolerance": 0.5}, {"min": 10, "max": 12}],
        "unit": "MB",
    }
    assert view.answer == "6 (plus or minus 0.5) MB or 10 to 12 MB"
    assert [(e.index, e.why) for e in view.explained] == [(1, "Also.")]


def test_short_answer_carries_normalised_answers_only_in_attributes() -> None:
    view = type_view(QUESTIONS["q-short"], WORDS)
    assert view is not None
    assert json.loads(view.attributes["data-ss-accept"]) == ["invokeendpoint", "invoke endpoint"]
    assert json.loads(view.attributes["data-ss-accept-why"]) == {"invoke endpoint": 1}
    assert view.answer == "InvokeEndpoint or Invoke  endpoint"


def test_true_false_is_a_two_option_choice() -> None:
    view = type_view(QUESTIONS["q-tf"], WORDS)
    assert view is not None
    assert view.attributes == {"data-ss-choose": "1", "data-ss-shuffle": "false"}
    assert (view.answer, [e.text for e in view.shown]) == ("False", ["True", "False"])


def test_answer_shapes_for_the_store() -> None:
    assert [answer_shape(q) for q in QUESTIONS.values()] == [
        {"type": "order", "items": 3},
        {"type": "pairs", "prompts": 3, "answers": 3},
        {"type": "number"},
        {"type": "text"},
        {"type": "picks", "options": 2, "choose": 1},
    ]
