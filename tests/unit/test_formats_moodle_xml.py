"""Moodle XML: every question type, text formats, files, categories, bad and hostile input."""

from __future__ import annotations

import pytest

from generator.errors import DataError
from generator.formats import Draft, DraftItem, DraftNumber, DraftPair, Skipped, moodle_xml
from tests.support.real_banks import BANKS, locate, read_bank


def quiz(*questions: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def question(kind: str, body: str, text: str = "The question?", fmt: str = "html") -> str:
    return (
        f'<question type="{kind}"><name><text>N</text></name>'
        f'<questiontext format="{fmt}"><text><![CDATA[{text}]]></text></questiontext>'
        f"{body}</question>"
    )


def answer(fraction: float, text: str, feedback: str = "", extra: str = "") -> str:
    return (
        f'<answer fraction="{fraction}"><text>{text}</text>{extra}'
        f"<feedback><text>{feedback}</text></feedback></answer>"
    )


def read(text: str) -> list[Draft | Skipped]:
    return list(moodle_xml.read(text, "bank.xml"))


def one(*questions: str) -> Draft:
    items = read(quiz(*questions))
    assert len(items) == 1 and isinstance(items[0], Draft), items
    return items[0]


def problems(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        read(text)
    return [str(p) for p in caught.value.problems]


# ---- types -------------------------------------------------------------------------------


def test_multichoice_single_with_partial_credit_and_categories() -> None:
    items = read(
        quiz(
            '<question type="category"><category><text>$course$/top/Maths</text></category>'
            "</question>",
            question(
                "multichoice",
                "<single>true</single><shuffleanswers>0</shuffleanswers>"
                + answer(100, "Four", "Yes.")
                + answer(50, "Almost four")
                + answer(0, "Five", "No."),
                "2 + 2?",
            ),
        )
    )
    (draft,) = items
    assert isinstance(draft, Draft)
    assert (draft.type, draft.choose, draft.shuffle, draft.line) == ("choice", 1, False, 4)
    assert draft.category == "$course$/top/Maths"
    assert [(o.text, o.correct, o.why) for o in draft.options] == [
        ("Four", True, "Yes."),
        ("Almost four", False, None),
        ("Five", False, "No."),
    ]
    assert draft.partial_credit == ["'Almost four' (50%)"]


def test_multichoice_multiple_answers() -> None:
    draft = one(
        question(
            "multichoice",
            "<single>false</single>"
            + answer(50, "Paris")
            + answer(50, "Rome")
            + answer(-100, "Lima"),
        )
    )
    assert draft.choose == 2
    assert [o.correct for o in draft.options] == [True, True, False]


def test_multichoice_every_answer_right_is_reported() -> None:
    (skipped,) = read(
        quiz(question("multichoice", "<single>true</single>" + answer(100, "a") + answer(100, "b")))
    )
    assert isinstance(skipped, Skipped)
    assert skipped.reason == (
        "every answer is right (2 of 2; Moodle gives full marks for any pick): a question "
        "here needs at least one wrong option"
    )


def test_truefalse_feedback_per_answer() -> None:
    draft = one(
        question(
            "truefalse",
            answer(0, "true", "No: it is false.") + answer(100, "false", "Right."),
            "The moon is a planet.",
        )
    )
    assert (draft.type, draft.answer) == ("true-false", False)
    assert draft.explanation == "*Answered true:* No: it is false.\n\n*Answered false:* Right."


def test_shortanswer_usecase_partial_credit_and_wildcard() -> None:
    draft = one(
        question(
            "shortanswer",
            "<usecase>1</usecase>"
            + answer(100, "frog", "Very good.")
            + answer(80, "toad")
            + answer(0, "*", "That is a bad answer."),
            "Name an amphibian: __________",
        )
    )
    assert draft.type == "short-answer"
    assert [(a.text, a.why) for a in draft.accept] == [("frog", "Very good.")]
    assert draft.partial_credit == ["'toad' (80%)"]
    assert draft.notes == [
        "case-sensitive in Moodle; this site ignores case",
        "feedback for the answer '*' dropped: That is a bad answer.",
    ]


def test_numerical_tolerance_several_answers_and_units() -> None:
    draft = one(
        question(
            "numerical",
            answer(100, "6", "Exactly.", "<tolerance>0</tolerance>")
            + answer(100, "6.5", "", "<tolerance>0.5</tolerance>")
            + answer(50, "10", "", "<tolerance>1</tolerance>")
            + answer(0, "*", "Read the docs.")
            + "<units><unit><multiplier>1</multiplier><unit_name>MB</unit_name></unit>"
            "<unit><multiplier>1000</multiplier><unit_name>KB</unit_name></unit></units>",
            "Largest payload?",
        )
    )
    assert draft.type == "numeric"
    assert draft.numbers == [DraftNumber(6, 0, why="Exactly."), DraftNumber(6.5, 0.5)]
    assert draft.unit == "MB"
    assert draft.partial_credit == ["'10' (50%)"]
    assert draft.notes == [
        "feedback for any other answer dropped: Read the docs.",
        "unit 'KB' (x1000) dropped: only the base unit is shown",
    ]


def test_matching_shared_answers_and_distractors() -> None:
    subs = "".join(
        f'<subquestion format="html"><text>{p}</text><answer><text>{a}</text></answer></subquestion>'
        for p, a in [
            ("frog", "amphibian"),
            ("cat", "mammal"),
            ("newt", "amphibian"),
            ("", "insect"),
        ]
    )
    draft = one(question("matching", subs, "Classify the animals."))
    assert draft.pairs == [
        DraftPair("frog", "amphibian"),
        DraftPair("cat", "mammal"),
        DraftPair("newt", "amphibian"),
    ]
    assert draft.distractors == ["insect"]


def test_ordering_in_file_order() -> None:
    answers = "".join(
        f'<answer fraction="{i}" format="moodle_auto_format"><text>{t}</text></answer>'
        for i, t in enumerate(["Modular", "Object", "Oriented"], 1)
    )
    draft = one(
        question(
            "ordering",
            "<selecttype>ALL</selecttype><gradingtype>ALL_OR_NOTHING</gradingtype>" + answers,
        )
    )
    assert draft.items == [DraftItem("Modular"), DraftItem("Object"), DraftItem("Oriented")]
    assert draft.notes == []


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("description", "text without a question (a description): nothing to answer"),
        ("essay", "an essay needs a person to grade it; this site has no such type"),
        ("cloze", "embedded answers (cloze) are out of scope this round"),
        ("multianswer", "embedded answers (cloze) are out of scope this round"),
        ("gapselect", "select missing words (gapselect): a type this site does not have"),
        ("ddwtos", "drag and drop into text: a type this site does not have"),
        (
            "calculated",
            "calculated (values drawn from a formula's wildcards): a type this site does not have",
        ),
        ("stack", "Moodle question type 'stack': a type this site does not have"),
    ],
)
def test_types_the_site_lacks_are_reported_by_line(kind: str, reason: str) -> None:
    (skipped,) = read(quiz(question(kind, "")))
    assert skipped == Skipped(3, kind, "N", reason)


# ---- text ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "text", "stem"),
    [
        (
            "html",
            "<p>Is <b>this</b> <script>alert(1)</script>safe &amp; sound?</p>",
            "Is **this** safe & sound?",
        ),
        ("moodle_auto_format", "Line one\nline <i>two</i>", "Line one\nline *two*"),
        ("markdown", "Is **this** <img src=x onerror=alert(1)> ok?", "Is **this** [image] ok?"),
        ("plain_text", "a <b>tag</b> *star*", "a &lt;b>tag&lt;/b> \\*star\\*"),
        ("wiki_like", "plain *text*", "plain \\*text\\*"),
    ],
)
def test_text_formats_become_safe_markdown(fmt: str, text: str, stem: str) -> None:
    draft = one(question("multichoice", answer(100, "a") + answer(0, "b"), text, fmt))
    assert draft.stem == stem


def test_embedded_files_are_dropped_with_a_note() -> None:
    draft = one(
        question(
            "multichoice",
            answer(100, "a") + answer(0, "b"),
            '<p>See <img src="@@PLUGINFILE@@/chart.png" alt="the chart"></p>',
        ).replace(
            "</questiontext>",
            '<file name="chart.png" path="/" encoding="base64">iVBORw0KGgo=</file></questiontext>',
        )
    )
    assert draft.stem == "See [image: the chart]"
    assert draft.notes == ["image dropped (an import brings text only): chart.png"]


# ---- bad and hostile files ----------------------------------------------------------------------


def test_malformed_xml_stops_with_the_line() -> None:
    assert problems("<quiz>\n<question type='truefalse'>\n</quiz>") == [
        "bank.xml:3: not well-formed XML (mismatched tag, column 3): Moodle reads no "
        "question of such a file"
    ]


def test_not_moodle_xml() -> None:
    assert problems("<html><body/></html>") == [
        "bank.xml:1: expected Moodle XML (a <quiz> element), found <html>"
    ]


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE quiz SYSTEM "file:///etc/passwd">',
        '<!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ],
)
def test_document_types_and_entities_are_refused(doctype: str) -> None:
    text = f'<?xml version="1.0"?>\n{doctype}\n<quiz><question type="essay"><name><text>&b;</text></name></question></quiz>'
    assert problems(text) == [
        "bank.xml:2: the file declares a document type (<!DOCTYPE>): Moodle never writes one, "
        "and its entities could expand without end; remove it"
    ]


def test_a_huge_text_stops_with_a_message() -> None:
    huge = quiz(question("essay", "")).replace("N", "N" * (21 * 1024 * 1024))
    assert problems(huge) == [
        "bank.xml: the file is larger than 20 MB: an import reads at most that much; split "
        "the bank into smaller files"
    ]


# ---- real exports ---------------------------------------------------------------------------------

XML_BANKS = [b for b in BANKS if b.format == "moodle-xml"]


@pytest.mark.parametrize("bank", XML_BANKS, ids=[b.file.rsplit("/", 1)[-1] for b in XML_BANKS])
def test_real_exports_every_question_read_or_reported(bank) -> None:
    items = read_bank(bank, locate(bank))
    assert len(items) == bank.questions
    assert sum(isinstance(i, Draft) for i in items) == bank.read
    assert all(i.reason for i in items if isinstance(i, Skipped))
    for draft in (i for i in items if isinstance(i, Draft)):
        assert draft.stem and "<" not in draft.stem.replace("&lt;", "")


def test_moodle_fixtures_per_type() -> None:
    by_file = {}
    for bank in XML_BANKS:
        if bank.where == "fixtures":
            by_file[bank.file] = read_bank(bank, locate(bank))
    match = by_file["moodle-xml-qtype-match.xml"][0]
    assert isinstance(match, Draft)
    assert [p.answer for p in match.pairs] == ["amphibian", "mammal", "amphibian"]
    assert match.distractors == ["insect"]
    choice = by_file["moodle-xml-qtype-multichoice.xml"][0]
    assert isinstance(choice, Draft) and choice.choose == 2
    ordering = by_file["qtype-ordering-testquestion.xml"][0]
    assert isinstance(ordering, Draft)
    assert [i.text for i in ordering.items] == [
        "Modular",
        "Object",
        "Oriented",
        "Dynamic",
        "Learning",
        "Environment",
    ]
    old = by_file["moodle-xml-format-old-image-tag.xml"]
    assert [(i.line, type(i).__name__) for i in old] == [(16, "Skipped"), (36, "Draft")]
    nested = by_file["moodle-xml-format-nested-categories.xml"]
    assert [(i.line, getattr(i, "category", "essay")) for i in nested] == [
        (15, "$course$/Iota"),
        (55, "essay"),
        (83, "$course$/Iota/Kappa"),
        (123, "$course$/Iota/Kappa/Lambda"),
        (163, "$course$/Iota/Mu"),
    ]
