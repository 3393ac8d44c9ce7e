"""The content file an import writes: every question type as item-types-spec.md's YAML."""

from __future__ import annotations

import yaml

from generator.formats import (
    Draft,
    DraftAccept,
    DraftItem,
    DraftNumber,
    DraftOption,
    DraftPair,
)
from generator.formats.content_file import dump_questions, number, question_fields


def dumped(*drafts: Draft) -> str:
    mappings = []
    for draft in drafts:
        fields = question_fields(draft)
        mappings.append({"id": draft.name, "type": fields.pop("type"), "topics": ["t"], **fields})
    text = dump_questions(mappings, ["A comment"])
    assert text.startswith("# A comment\nquestions:\n")
    return text.split("questions:\n", 1)[1]


def test_choice_keeps_todays_shape_without_a_type() -> None:
    draft = Draft(
        1,
        "c",
        "Which?",
        [DraftOption("a", True, "Yes."), DraftOption("b", True), DraftOption("c", False)],
        choose=2,
        shuffle=False,
    )
    assert dumped(draft) == (
        "  - id: c\n    topics: [t]\n    choose: 2\n    shuffle: false\n    stem: Which?\n"
        "    options:\n      - text: a\n        correct: true\n        why: Yes.\n"
        "      - text: b\n        correct: true\n      - text: c\n"
    )


def test_true_false() -> None:
    draft = Draft(
        1,
        "tf",
        "An asynchronous endpoint accepts request payloads of up to 1 GB.",
        type="true-false",
        answer=True,
        explanation="The payload is read from Amazon S3, up to 1 GB.",
    )
    assert dumped(draft) == (
        "  - id: tf\n    type: true-false\n    topics: [t]\n"
        "    stem: An asynchronous endpoint accepts request payloads of up to 1 GB.\n"
        "    answer: true\n    explanation: The payload is read from Amazon S3, up to 1 GB.\n"
    )


def test_ordering_items_in_the_right_order() -> None:
    draft = Draft(
        1,
        "o",
        "Put the steps in order.",
        type="ordering",
        items=[
            DraftItem("Enable data capture", "It needs requests."),
            DraftItem("Baseline"),
            DraftItem("Schedule"),
        ],
    )
    assert dumped(draft) == (
        "  - id: o\n    type: ordering\n    topics: [t]\n    stem: Put the steps in order.\n"
        "    items:\n      - text: Enable data capture\n        why: It needs requests.\n"
        "      - text: Baseline\n      - text: Schedule\n"
    )


def test_matching_with_a_shared_answer_and_distractors() -> None:
    draft = Draft(
        1,
        "m",
        "Classify.",
        type="matching",
        pairs=[
            DraftPair("frog", "amphibian"),
            DraftPair("newt", "amphibian", "Also one."),
            DraftPair("cat", "mammal"),
        ],
        distractors=["insect"],
    )
    assert dumped(draft) == (
        "  - id: m\n    type: matching\n    topics: [t]\n    stem: Classify.\n    pairs:\n"
        "      - prompt: frog\n        answer: amphibian\n"
        "      - prompt: newt\n        answer: amphibian\n        why: Also one.\n"
        "      - prompt: cat\n        answer: mammal\n    distractors: [insect]\n"
    )


def test_flow_list_entries_with_commas_brackets_or_line_breaks_are_quoted() -> None:
    """The bundled bank's d4-match-deployment-limits has a distractor with commas: written
    bare in ``[...]`` it read back as three distractors, and the import stopped."""
    distractors = ["10 GB, no limit", "[one]", "a: b", "x\ny", "plain"]
    draft = Draft(
        1, "m", "Match.", type="matching", pairs=[DraftPair("a", "b")], distractors=distractors
    )
    text = dumped(draft)
    assert "    distractors: ['10 GB, no limit', '[one]', 'a: b', \"x\\ny\", plain]\n" in text
    assert yaml.safe_load(text)[0]["distractors"] == distractors


def test_numeric_forms() -> None:
    one = Draft(1, "n", "Payload?", type="numeric", numbers=[DraftNumber(6, 0.5)], unit="MB")
    ranged = Draft(
        1, "r", "Range?", type="numeric", numbers=[DraftNumber(range=(5, 7), why="Why.")]
    )
    several = Draft(
        1,
        "s",
        "Several?",
        type="numeric",
        numbers=[
            DraftNumber(6, why="Exactly."),
            DraftNumber(range=(3.141, 3.142)),
            DraftNumber(1e-05, 1.5e-06),
        ],
        explanation="General.",
    )
    assert dumped(one, ranged, several) == (
        "  - id: n\n    type: numeric\n    topics: [t]\n    stem: Payload?\n    answer: 6\n"
        "    tolerance: 0.5\n    unit: MB\n\n"
        # One accepted value's feedback becomes the explanation when there is none.
        "  - id: r\n    type: numeric\n    topics: [t]\n    stem: Range?\n    range: [5, 7]\n"
        "    explanation: Why.\n\n"
        "  - id: s\n    type: numeric\n    topics: [t]\n    stem: Several?\n    accept:\n"
        "      - answer: 6\n        why: Exactly.\n      - range: [3.141, 3.142]\n"
        "      - answer: 1.0e-05\n        tolerance: 1.5e-06\n    explanation: General.\n"
    )


def test_short_answer_accept_lists() -> None:
    plain = Draft(
        1,
        "s",
        "API?",
        type="short-answer",
        accept=[DraftAccept("InvokeEndpoint"), DraftAccept("yes")],
    )
    why = Draft(
        1,
        "w",
        "Name one.",
        type="short-answer",
        accept=[DraftAccept("frog", "Good."), DraftAccept("toad")],
    )
    assert dumped(plain, why) == (
        "  - id: s\n    type: short-answer\n    topics: [t]\n    stem: API?\n"
        "    accept: [InvokeEndpoint, 'yes']\n\n"
        "  - id: w\n    type: short-answer\n    topics: [t]\n    stem: Name one.\n    accept:\n"
        "      - text: frog\n        why: Good.\n      - toad\n"
    )


def test_numbers_read_back_as_numbers() -> None:
    for value in (0, 6, -3, 0.5, 1e-05, 3.1415, 1e20, 12345678901234567890):
        assert yaml.safe_load(number(value)) == value


def test_comment_lines_cannot_break_out_of_the_comment() -> None:
    question = {"id": "q", "topics": ["t"], "stem": "Q?", "answer": True}
    text = dump_questions([question], ["name\nquestions: [evil]", "ok"])
    assert yaml.safe_load(text) == {"questions": [question]}
    assert text.startswith("# name\n# questions: [evil]\n# ok\n")
