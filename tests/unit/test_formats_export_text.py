"""Exports of text that each format must escape, or cannot write faithfully.

The bank is ``tests/fixtures/mini`` plus questions (written by :func:`hostile_bank`) whose
stems, options, prompts, answers and feedback hold every character GIFT reserves
(``= ~ # { } : \\``), GIFT matching's ``->``, ``%`` weights, spreadsheet formula starts
(``= + - @``), commas, quotes and line breaks, Markdown, negative and tiny numbers, a unit
sign and options kept in order. Each format's readers must read them back as written, or the
export must list the question by id with the reason (``not exported``) or say what it
changed (``notes``).
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.content.model import (
    Answerable,
    MatchingQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from generator.formats import gift, qti
from generator.formats.importer import import_file
from generator.site.text import plain
from tests.support.formats_helpers import all_questions_of
from tests.unit.test_formats_export_types import (
    MINI,
    empty_copy,
    export,
    gift_pegjs,
    gift_pegjs_questions,
    view,
)

SPECIAL = [
    "a -> b",
    "x = y",
    "~tilde",
    "#hash",
    "{brace}",
    "key: value",
    "back\\slash",
    "-1",
    "=SUM(A1)",
    "'quoted', \"really\"",
]
"""Option texts: GIFT's reserved characters, GIFT matching's arrow, formula starts, quotes."""

HOSTILE: list[dict[str, Any]] = [
    {
        "id": "h-choice",
        "topics": ["cables"],
        "stem": 'Pick {one} = ~x #y: z -> w, "quoted"\n\nA second paragraph.',
        "shuffle": False,
        "difficulty": "hard",
        "explanation": "General #### feedback = {all} of it: ~done",
        "options": [
            {"text": text, "correct": i == 1, "why": f"Because {text}"}
            for i, text in enumerate(SPECIAL)
        ],
    },
    {
        "id": "h-two",
        "topics": ["cables"],
        "stem": "Which two?",
        "choose": 2,
        "options": [
            {"text": "%50% off", "correct": True, "why": "Half %50% price"},
            {"text": "[A] first", "correct": True},
            {"text": "+plus", "why": "@handle"},
        ],
    },
    {
        "id": "h-match",
        "type": "matching",
        "topics": ["cables"],
        "stem": "Match {these}: = ~ #.",
        "pairs": [
            {"prompt": "x = y", "answer": "c -> d", "why": "An arrow -> in an answer is fine."},
            {"prompt": "~tilde #hash", "answer": "{brace} key: value"},
            {"prompt": "back\\slash", "answer": "50%"},
            {"prompt": "{brace}: colon", "answer": "c -> d", "why": "Shared #### answer."},
        ],
        "distractors": ["=SUM(A1)", "-1"],
    },
    {
        "id": "h-match-md",
        "type": "matching",
        "topics": ["cables"],
        "stem": "Markdown in answers.",
        "pairs": [
            {"prompt": "`p`", "answer": "`code`"},
            {"prompt": "*q*", "answer": "a\\_b"},
            {"prompt": "r", "answer": "**bold**"},
        ],
    },
    {
        "id": "h-match-arrow",
        "type": "matching",
        "topics": ["cables"],
        "stem": "An arrow in a prompt.",
        "pairs": [{"prompt": "a -> b", "answer": "one"}, {"prompt": "c", "answer": "two"}],
    },
    {
        "id": "h-match-same",
        "type": "matching",
        "topics": ["cables"],
        "stem": "Two answers that show the same text.",
        "pairs": [{"prompt": "p", "answer": "`same`"}, {"prompt": "q", "answer": "same"}],
    },
    {
        "id": "h-num",
        "type": "numeric",
        "topics": ["cables"],
        "stem": "How cold is it {outside}?",
        "unit": "°C",
        "accept": [
            {"answer": -5, "tolerance": 0.25, "why": "Close = right: {yes}"},
            {"range": [-10, -7.5]},
            {"answer": 0.00001},
        ],
    },
    {
        "id": "h-num-unit",
        "type": "numeric",
        "topics": ["cables"],
        "stem": "How fast?",
        "answer": 3,
        "unit": "per hour, roughly",
    },
    {
        "id": "h-short",
        "type": "short-answer",
        "topics": ["cables"],
        "stem": "Which language?",
        "accept": [
            {"text": "C#", "why": "Sharp # = yes"},
            "a=b",
            "x:y",
            "{}",
            "-1",
            "%50%",
            "~approx",
        ],
    },
    {
        "id": "h-short-arrow",
        "type": "short-answer",
        "topics": ["cables"],
        "stem": "Which operator?",
        "accept": ["->"],
    },
    {
        "id": "h-tf",
        "type": "true-false",
        "topics": ["cables"],
        "stem": "Is {x} = y: ~z?",
        "answer": True,
        "explanation": "Because #### it is -> yes = {true}",
    },
    {
        "id": "h-order",
        "type": "ordering",
        "topics": ["cables"],
        "stem": 'Order these, "please".',
        "items": [{"text": "=start", "why": "+one"}, {"text": 'a, "b"; c'}, {"text": "-end"}],
    },
]

GIFT_REFUSED = {
    "h-match-arrow": "the prompt 'a -> b' holds '->', which ends a prompt in GIFT matching",
    "h-match-same": "the answers '`same`' and 'same' both show as 'same'",
    "h-short-arrow": "the accepted answer '->' or its feedback holds '->'",
}


def hostile_bank(target: Path, extra: list[dict[str, Any]] = HOSTILE) -> Path:
    """A copy of the mini bank with ``extra`` questions in domain 2."""
    data = target / "data"
    shutil.copytree(MINI, data)
    path = data / "domain-2" / "content.yml"
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    content["questions"] += extra
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), "utf-8")
    return data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_bank(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def hostile_questions(hostile: Path) -> dict[str, Answerable]:
    return {q.id: q for q in all_questions_of(hostile) if q.id.startswith("h-")}


def reimport(tmp_path: Path, fmt: str, exported: Path) -> dict[str, Answerable]:
    target = empty_copy(tmp_path / "target")
    report = import_file(fmt, exported, target, 2, "cables")
    assert report.skipped == []
    return {q.id: q for q in all_questions_of(target)}


# ---- GIFT ---------------------------------------------------------------------------------


def test_gift_lists_what_it_cannot_write_faithfully_and_notes_what_it_changes(
    hostile: Path, tmp_path: Path
) -> None:
    _, output = export(tmp_path, "gift", hostile)
    listed = output.split("not exported (", 1)[1].split("notes (", 1)[0]
    for qid, reason in GIFT_REFUSED.items():
        assert f"  {qid}: {reason}" in listed
    assert "  h-order: type ordering:" in listed
    assert "not exported (6):" in output  # those, h-order and the mini bank's two orderings
    notes = output.split("notes (", 1)[1]
    assert "  h-choice: its options are to stay in order (shuffle: false)" in notes
    assert "  h-match-md: the answer '`code`' is written as the plain text 'code'" in notes
    assert "  h-match-md: the answer '**bold**' is written as the plain text 'bold'" in notes
    assert "a\\_b" not in notes  # an escape is no formatting: nothing is lost
    assert "  h-num-unit: the unit 'per hour, roughly' is written as text after" in notes
    assert "h-num:" not in notes  # "°C" reads back as the unit


def test_gift_round_trip_through_our_reader_is_equal(
    hostile: Path, hostile_questions: dict[str, Answerable], tmp_path: Path
) -> None:
    exported, _ = export(tmp_path, "gift", hostile)
    back = reimport(tmp_path, "gift", exported)
    for qid, question in hostile_questions.items():
        if qid in GIFT_REFUSED or qid == "h-order":
            assert qid not in back
            continue
        again = back[qid]
        if qid == "h-match-md":
            # GIFT matching answers are plain text: the same text shown, Markdown-escaped.
            assert isinstance(question, MatchingQuestion) and isinstance(again, MatchingQuestion)
            assert [p.prompt for p in again.pairs] == [p.prompt for p in question.pairs]
            assert [plain(p.answer) for p in again.pairs] == ["code", "a_b", "bold"]
            assert [p.answer for p in again.pairs] == ["code", "a\\_b", "bold"]
        elif qid == "h-num-unit":
            # A unit that reads as a sentence comes back after the blank (noted on export).
            assert again.stem == "How fast?_____ per hour, roughly"
            assert isinstance(again, NumericQuestion) and again.unit is None
        elif isinstance(question, MatchingQuestion):
            # The pairs' explanations come back in the general feedback (noted on export).
            assert view(again)[:3] == view(question)[:3]
            assert isinstance(again, MatchingQuestion)
            assert [(p.prompt, p.answer) for p in again.pairs] == [
                (p.prompt, p.answer) for p in question.pairs
            ]
            assert again.distractors == question.distractors
            assert again.explanation == (
                "*x = y \u2192 c -> d:* An arrow -> in an answer is fine.\n\n"
                "*{brace}: colon \u2192 c -> d:* Shared #### answer."
            )
        else:
            assert view(again) == view(question), qid
    choice = back["h-choice"]
    assert isinstance(choice, Question) and choice.shuffle  # noted: GIFT cannot say it


def _decoded(text: str) -> str:
    """gift-pegjs's placeholders for escaped characters, which it leaves in a matching
    answer (its ``PlainText`` never decodes them), as the characters they stand for."""
    table = {"092": "\\", "058": ":", "035": "#", "061": "=", "123": "{", "125": "}", "126": "~"}
    return re.sub(r"&&(\d{3});", lambda m: table[m.group(1)], text).replace("&&010", "\n")


def test_gift_pegjs_reads_every_text_as_written(
    hostile: Path, hostile_questions: dict[str, Answerable], tmp_path: Path
) -> None:
    exported, _ = export(tmp_path, "gift", hostile)
    parsed = gift_pegjs_questions(exported)
    carried = {q for q in hostile_questions if q not in GIFT_REFUSED and q != "h-order"}
    assert carried <= set(parsed) and not set(GIFT_REFUSED) & set(parsed)
    for qid in carried:
        question = hostile_questions[qid]
        theirs = parsed[qid]
        assert theirs["stem"]["text"].startswith(question.stem), qid
        if isinstance(question, Question):
            assert theirs["type"] == "MC"
            choices = [
                (c["text"]["text"], (c["feedback"] or {}).get("text"), c["isCorrect"])
                for c in theirs["choices"]
            ]
            if question.choose > 1:  # "~%50%": right by its weight
                choices = [
                    (t, w, c["weight"] > 0)
                    for (t, w, _), c in zip(choices, theirs["choices"], strict=True)
                ]
            assert choices == [(o.text, o.why, o.correct) for o in question.options], qid
        elif isinstance(question, MatchingQuestion):
            assert theirs["type"] == "Matching"
            pairs = [
                (p["subquestion"]["text"], _decoded(p["subanswer"])) for p in theirs["matchPairs"]
            ]
            assert pairs == [(p.prompt, plain(p.answer)) for p in question.pairs] + [
                ("", plain(d)) for d in question.distractors
            ], qid
        elif isinstance(question, ShortAnswerQuestion):
            assert theirs["type"] == "Short"
            assert [c["text"]["text"] for c in theirs["choices"]] == [
                a.text for a in question.accepted
            ]
            assert theirs["choices"][0]["feedback"]["text"] == "Sharp # = yes"
        elif isinstance(question, TrueFalseQuestion):
            assert theirs["isTrue"] is True
            assert theirs["globalFeedback"]["text"] == question.explanation
        else:
            assert isinstance(question, NumericQuestion) and theirs["type"] == "Numerical"
    numbers = [c["text"] for c in parsed["h-num"]["choices"]]
    assert numbers == [
        {"type": "range", "number": -5, "range": 0.25},
        {"type": "high-low", "numberLow": -10, "numberHigh": -7.5},
        {"type": "simple", "number": 0.00001},
    ]
    assert parsed["h-num"]["choices"][0]["feedback"]["text"] == "Close = right: {yes}"


def test_gift_notes_a_right_first_option_with_an_arrow_that_gift_pegjs_misreads(
    tmp_path: Path,
) -> None:
    """Moodle reads ``{=a -> b ~c}`` as multiple choice (any ``~`` makes one); gift-pegjs
    tries matching first, takes ``=a -> b`` for a pair and fails on the whole file."""
    question = {
        "id": "h-first",
        "topics": ["cables"],
        "stem": "Which arrow?",
        "options": [{"text": "a -> b", "correct": True}, {"text": "c"}],
    }
    data = hostile_bank(tmp_path / "bank", [question])
    exported, output = export(tmp_path, "gift", data)
    assert "  h-first: its first answer is the right one and holds '->'" in output
    assert gift_pegjs(exported).returncode != 0
    back = reimport(tmp_path, "gift", exported)
    again = back["h-first"]
    assert isinstance(again, Question)
    assert [(o.text, o.correct) for o in again.options] == [("a -> b", True), ("c", False)]


def test_gift_refuse_names_the_text_it_cannot_write(
    hostile_questions: dict[str, Answerable],
) -> None:
    for qid, question in hostile_questions.items():
        reason = gift.refuse(question)
        if qid in GIFT_REFUSED:
            assert reason is not None and reason.startswith(GIFT_REFUSED[qid])
        else:
            assert reason is None, qid


def test_gift_reader_takes_unit_signs_and_leaves_sentences() -> None:
    text = "T? {#-5} °C\n\nP? {#50} %\n\nM? {#3} m/s²\n\nS? {#3} per hour, roughly\n"
    read = list(gift.read(text, "x.gift"))
    assert [getattr(d, "unit", None) for d in read] == ["°C", "%", "m/s²", None]
    assert getattr(read[3], "stem", None) == "S? _____ per hour, roughly"


# ---- CSV ----------------------------------------------------------------------------------


def test_csv_round_trip_is_equal_for_every_text(
    hostile: Path, hostile_questions: dict[str, Answerable], tmp_path: Path
) -> None:
    exported, output = export(tmp_path, "csv", hostile)
    assert "not exported" not in output
    back = reimport(tmp_path, "csv", exported)
    for qid, question in hostile_questions.items():
        again = back[qid]
        assert view(again) == view(question), qid
        assert (again.topics, again.difficulty) == (question.topics, question.difficulty)
        if isinstance(question, Question):
            assert isinstance(again, Question) and again.shuffle == question.shuffle, qid
    header = exported.read_bytes().decode("utf-8-sig").split("\r\n", 1)[0].split(",")
    assert header[:6] == ["id", "type", "topics", "stem", "choose", "shuffle"]


def test_csv_shuffle_column_is_read_for_choice_rows_only() -> None:
    from generator.formats import Draft
    from generator.formats import csv as csv_format

    text = (
        "type,stem,shuffle,option_1,option_2,correct\n"
        ",Keep order.,false,A,B,A\n"
        ",Shuffle.,,A,B,A\n"
        ",Bad.,maybe,A,B,A\n"
        "ordering,Order.,false,one,two,\n"
    )
    first, second, bad, ordering = csv_format.read(text, "t.csv")
    assert isinstance(first, Draft) and first.shuffle is False
    assert isinstance(second, Draft) and second.shuffle is True
    assert getattr(bad, "reason", None) == "column shuffle: expected true or false, found 'maybe'"
    assert getattr(ordering, "reason", None) == (
        "column shuffle: a ordering question has no options to keep in order"
    )


# ---- QTI 2.1: the second reader -------------------------------------------------------------


def _texts(question: Answerable) -> tuple[str, Any]:
    """What citolab-qti-json-schema-converters reads of an item: interaction and content."""
    if isinstance(question, Question):
        options = [
            (
                qti.choice_identifier(i),
                plain(o.text)
                + (f" {'Right' if o.correct else 'Wrong'}: {plain(o.why)}" if o.why else ""),
            )
            for i, o in enumerate(question.options)
        ]
        right = "#".join(qti.choice_identifier(i) for i in question.correct_indexes)
        return "CHOICE", (options, right)
    if isinstance(question, TrueFalseQuestion):
        options = [("true", "True"), ("false", "False")]
        return "CHOICE", (options, "true" if question.answer else "false")
    if isinstance(question, OrderingQuestion):
        n = len(question.items)
        options = [(f"item-{i + 1}", plain(item.text)) for i, item in enumerate(question.items)]
        return "ORDER", (options, "#".join(f"item-{i + 1}" for i in range(n)))
    if isinstance(question, MatchingQuestion):
        return "MATCH", (
            [plain(p.prompt) for p in question.pairs],
            [plain(a) for a in question.answers],
            [(plain(p.prompt), plain(p.answer)) for p in question.pairs],
        )
    unit = f" {question.unit}" if isinstance(question, NumericQuestion) and question.unit else ""
    if isinstance(question, NumericQuestion):
        first = question.accepted[0]
        value = first.answer if first.range is None else first.range[0]
        assert value is not None
        return "TEXT_ENTRY", (f"[[RESPONSE]]{unit}", gift.number_text(value))
    assert isinstance(question, ShortAnswerQuestion)
    return "TEXT_ENTRY", ("[[RESPONSE]]", question.accepted[0].text)


def _read(item: Any) -> tuple[str, Any]:
    kind = str(item.interaction_type).rsplit(".", 1)[-1]
    if kind in ("CHOICE", "ORDER"):
        return kind, ([(o.id, o.value) for o in item.question_options], item.answer)
    if kind == "MATCH":
        sets = item.match_sets
        text = {c["identifier"]: c["content"] for c in sets["set_a"] + sets["set_b"]}
        pairs = [(text[p["source"]], text[p["target"]]) for p in sets["correct_pairs"]]
        return kind, (
            [c["content"] for c in sets["set_a"]],
            [c["content"] for c in sets["set_b"]],
            pairs,
        )
    return kind, (item.inline_text, item.answer)


@pytest.mark.parametrize("bank", ["mini", "hostile"])
def test_qti_second_reader_reads_every_item_as_written(
    bank: str, hostile: Path, tmp_path: Path
) -> None:
    """citolab-qti-json-schema-converters, after citolab-qti-convert's upgrade to QTI 3, reads
    every item's stem, options with their feedback, items, pairs, unit, answer and worth.

    (No PyPI or npm package ships the QTI 2.1 XSD; these readers are the schema check.)
    """
    from citolab_qti_json_schema_converters import convert_qti_zip_to_exam_document
    from qti_convert import upgrade_package

    data = MINI if bank == "mini" else hostile
    package, _ = export(tmp_path, "qti", data)
    upgraded = tmp_path / "qti3.zip"
    upgrade_package(str(package), str(upgraded))
    with zipfile.ZipFile(upgraded) as archive:
        assert sorted(archive.namelist()) == sorted(zipfile.ZipFile(package).namelist())
    document = convert_qti_zip_to_exam_document(str(upgraded))
    questions = all_questions_of(data)
    assert [i.item_identifier for i in document.items] == [
        qti.item_identifier(q) for q in questions
    ]
    for question, item in zip(questions, document.items, strict=True):
        assert item.question == plain(question.stem), question.id
        assert item.max_score == 1.0
        assert _read(item) == _texts(question), question.id
