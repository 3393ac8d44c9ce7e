"""Exports of every question type: GIFT, QTI 2.1, Anki and CSV, each read back by a reader.

The bank is ``tests/fixtures/mini`` (one question of each type and a case study with a
table). Readers nobody here wrote: gift-pegjs (GIFT), citolab-qti-convert with
citolab-qti-json-schema-converters and onyx2moodle (QTI), the ``anki`` package (Anki); and
our own readers for the round trips (GIFT, CSV).
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import yaml

from generator.commands import main
from generator.content.load import load_bank
from generator.content.model import (
    Answerable,
    MatchingQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from generator.formats import Draft, exportable, formats, gift, qti, stem_with_case
from generator.formats import anki as anki_format
from generator.formats.importer import import_file
from generator.formats.moodle_xml import read as read_moodle_xml
from tests.support.formats_helpers import all_questions_of
from tests.support.project import FIXTURES, ROOT

MINI = FIXTURES / "mini"
QTI2 = f"{{{qti.QTI}}}"
QTI3 = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
ORDERING_IDS = ["q-order-backup", "case-desk-order"]
CASE_PARTS = {"case-desk-cable", "case-desk-order", "case-desk-socket"}


@pytest.fixture(scope="module")
def mini() -> list[Answerable]:
    return all_questions_of(MINI)


def export(tmp_path: Path, fmt: str, data: Path = MINI) -> tuple[Path, str]:
    """Export ``data`` in ``fmt``; the file and the command's output."""
    out = tmp_path / f"bank{formats()[fmt].suffix}"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        assert main(["--data", str(data), "export", fmt, "--out", str(out)]) == 0
    return out, printed.getvalue()


def view(question: Answerable) -> tuple[Any, ...]:
    """What an export that carries the type keeps, for a round trip."""
    base = (question.id, question.type, question.stem, question.explanation, question.topics[0])
    if isinstance(question, Question):
        return (*base, [(o.text, o.correct, o.why) for o in question.options], question.choose)
    if isinstance(question, TrueFalseQuestion):
        return (*base, question.answer)
    if isinstance(question, OrderingQuestion):
        return (*base, [(i.text, i.why) for i in question.items])
    if isinstance(question, MatchingQuestion):
        pairs = [(p.prompt, p.answer, p.why) for p in question.pairs]
        return (*base, pairs, question.distractors)
    if isinstance(question, NumericQuestion):
        return (*base, [(a.bounds, a.why) for a in question.accepted], question.unit)
    assert isinstance(question, ShortAnswerQuestion)
    return (*base, [(a.text, a.why) for a in question.accepted])


def empty_copy(target: Path) -> Path:
    """A copy of the mini bank without its questions."""
    data = target / "data"
    shutil.copytree(MINI, data)
    for path in data.glob("*/content.yml"):
        content = yaml.safe_load(path.read_text(encoding="utf-8"))
        content.pop("questions", None)
        path.write_text(yaml.safe_dump(content, sort_keys=False), encoding="utf-8")
    return data


# ---- what each format lists instead -------------------------------------------------------


def test_gift_lists_orderings_by_id_with_the_reason(tmp_path: Path) -> None:
    _, output = export(tmp_path, "gift")
    assert "not exported (2):" in output
    for qid in ORDERING_IDS:
        assert f"  {qid}: type ordering: GIFT has no ordering question" in output
    assert "(a question of case study case-desk)" in output
    assert "case-desk-cable: a question of case study case-desk: written as a single" in output
    assert "q-match-cables: the pairs' explanations are in the general feedback" in output


@pytest.mark.parametrize("fmt", ["qti", "anki", "csv"])
def test_qti_anki_and_csv_carry_every_type(fmt: str, mini: list[Answerable]) -> None:
    selected, left = exportable(load_bank(MINI), formats()[fmt])
    assert left == []
    assert [q.id for d in selected.domains for q in d.questions] == [q.id for q in mini]


# ---- GIFT ---------------------------------------------------------------------------------


def gift_pegjs(exported: Path) -> subprocess.CompletedProcess[str]:
    """gift-pegjs's ``parse`` of a GIFT file: its questions as JSON on stdout, or an error."""
    parser = ROOT / "tests" / "node_modules" / "gift-pegjs"
    if shutil.which("node") is None or not parser.is_dir():
        pytest.fail("gift-pegjs is not installed: run npm install --prefix tests")
    script = (
        "const {parse} = require(process.argv[1]);"
        "const fs = require('fs');"
        "console.log(JSON.stringify(parse(fs.readFileSync(process.argv[2], 'utf8'))));"
    )
    return subprocess.run(
        ["node", "-e", script, str(parser), str(exported)],
        capture_output=True,
        text=True,
        check=False,
    )


def gift_pegjs_questions(exported: Path) -> dict[str, dict[str, Any]]:
    """The questions gift-pegjs reads in a GIFT file, by title (the question id)."""
    result = gift_pegjs(exported)
    assert result.returncode == 0, result.stderr
    return {q["title"]: q for q in json.loads(result.stdout) if q["type"] != "Category"}


def test_gift_pegjs_reads_every_exported_type(tmp_path: Path, mini: list[Answerable]) -> None:
    exported, _ = export(tmp_path, "gift")
    parsed = gift_pegjs_questions(exported)
    expected = {q.id: q for q in mini if q.id not in ORDERING_IDS}
    assert set(parsed) == set(expected)
    kinds = {
        "choice": "MC",
        "true-false": "TF",
        "matching": "Matching",
        "numeric": "Numerical",
        "short-answer": "Short",
    }
    for qid, question in expected.items():
        theirs = parsed[qid]
        assert theirs["type"] == kinds[question.type], qid
        assert theirs["stem"]["text"].startswith(stem_with_case(question).split("\n")[0])
    assert parsed["q-tf-ssd"]["isTrue"] is False
    assert parsed["q-tf-ssd"]["globalFeedback"]["text"].startswith("An SSD stores data")
    pairs = [
        (p["subquestion"]["text"], p["subanswer"]) for p in parsed["q-match-cables"]["matchPairs"]
    ]
    assert pairs == [
        ("HDMI", "Video"),
        ("DisplayPort", "Video"),
        ("RJ45", "Network traffic"),
        ("", "Mains power"),
    ]
    speed = [c["text"] for c in parsed["q-num-speed"]["choices"]]
    assert speed == [
        {"type": "range", "number": 7.2, "range": 0.2},
        {"type": "high-low", "numberLow": 5.4, "numberHigh": 5.9},
    ]
    assert parsed["q-num-pins"]["choices"][0]["text"] == {"type": "simple", "number": 24}
    short = [c["text"]["text"] for c in parsed["q-short-plug"]["choices"]]
    assert short == ["RJ45", "8P8C"]
    assert all(c["isCorrect"] for c in parsed["q-short-plug"]["choices"])


def test_gift_round_trip_is_equal_for_every_type_it_carries(
    tmp_path: Path, mini: list[Answerable]
) -> None:
    exported, _ = export(tmp_path, "gift")
    target = empty_copy(tmp_path / "target")
    report = import_file("gift", exported, target, 2, "cables")
    assert report.summary == f"{len(mini) - 2} imported, 0 not imported"
    back = {q.id: q for q in all_questions_of(target)}
    for question in mini:
        if question.id in ORDERING_IDS:
            assert question.id not in back
        elif question.id in CASE_PARTS:
            # A single question now, the scenario before its stem.
            assert back[question.id].stem == stem_with_case(question)
            assert view(back[question.id])[3:] == view(question)[3:]
        elif question.id == "q-match-cables":
            assert isinstance(question, MatchingQuestion)
            again = back[question.id]
            assert isinstance(again, MatchingQuestion)
            assert [(p.prompt, p.answer) for p in again.pairs] == [
                (p.prompt, p.answer) for p in question.pairs
            ]
            assert again.distractors == question.distractors
            assert again.explanation == "*HDMI \u2192 Video:* HDMI was made for screens."
        else:
            assert view(back[question.id]) == view(question)


def test_gift_numbers_never_use_an_exponent() -> None:
    assert gift.number_text(1e-05) == "0.00001"
    assert gift.number_text(2.5e20) == "250000000000000000000"
    assert gift.number_text(24) == "24"
    assert gift.number_text(7.2) == "7.2"


def test_gift_reader_takes_a_unit_after_numerical_answers() -> None:
    items = list(gift.read("Size? {#6:0.5} MB\n\nPi? {#3.141..3.142}.\n", "x.gift"))
    first, second = items
    assert isinstance(first, Draft) and (first.unit, first.stem) == ("MB", "Size?")
    assert isinstance(second, Draft) and second.unit is None
    assert second.stem == "Pi? _____."


# ---- QTI 2.1 --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def qti_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    package, _ = export(tmp_path_factory.mktemp("qti"), "qti")
    return package


def _item(package: Path, qid: str) -> ET.Element:
    with zipfile.ZipFile(package) as archive:
        return ET.fromstring(archive.read(f"items/{qid}.xml"))


def _values(item: ET.Element) -> list[str | None]:
    return [v.text for v in item.iter(f"{QTI2}value") if v is not None][:-1]


def test_qti_items_of_every_type(qti_package: Path) -> None:
    order = _item(qti_package, "q-order-backup")
    response = order.find(f"{QTI2}responseDeclaration")
    assert response is not None and response.get("cardinality") == "ordered"
    assert [v.text for v in response.iter(f"{QTI2}value")] == ["item-1", "item-2", "item-3"]
    interaction = order.find(f"{QTI2}itemBody/{QTI2}orderInteraction")
    assert interaction is not None and interaction.get("shuffle") == "true"

    match = _item(qti_package, "q-match-cables")
    response = match.find(f"{QTI2}responseDeclaration")
    assert response is not None and response.get("baseType") == "directedPair"
    assert [v.text for v in response.iter(f"{QTI2}value")] == [
        "prompt-1 answer-1",
        "prompt-2 answer-1",
        "prompt-3 answer-2",
    ]
    sets = match.findall(f"{QTI2}itemBody/{QTI2}matchInteraction/{QTI2}simpleMatchSet")
    answers = [(c.text, c.get("matchMax")) for c in sets[1]]
    assert answers == [("Video", "2"), ("Network traffic", "1"), ("Mains power", "1")]

    speed = _item(qti_package, "q-num-speed")
    either = speed.find(
        f"{QTI2}responseProcessing/{QTI2}responseCondition/{QTI2}responseIf/{QTI2}or"
    )
    assert either is not None
    equal, within = list(either)
    assert (equal.tag, equal.get("toleranceMode"), equal.get("tolerance")) == (
        f"{QTI2}equal",
        "absolute",
        "0.2 0.2",
    )
    assert [c.tag for c in within] == [f"{QTI2}gte", f"{QTI2}lte"]
    line = speed.find(f"{QTI2}itemBody/{QTI2}p")
    assert line is not None and "".join(line.itertext()).strip() == "thousand rpm"
    pins = _item(qti_package, "q-num-pins")
    exact = pins.find(f".//{QTI2}equal")
    assert exact is not None and exact.get("toleranceMode") == "exact"

    short = _item(qti_package, "q-short-plug")
    keys = [(e.get("mapKey"), e.get("caseSensitive")) for e in short.iter(f"{QTI2}mapEntry")]
    assert keys == [("RJ45", "false"), ("8P8C", "false")]
    modal = short.find(f"{QTI2}modalFeedback")
    assert modal is not None and "That is the plug's formal name." in "".join(modal.itertext())

    with zipfile.ZipFile(qti_package) as archive:
        items = [ET.fromstring(archive.read(n)) for n in archive.namelist() if "items/" in n]
    for item in items:
        # Worth 1 (MAXSCORE, which test systems read), scored 0 or 1 (SCORE).
        declared = {
            o.get("identifier"): (o.get("normalMaximum"), o.findtext(f".//{QTI2}value"))
            for o in item.findall(f"{QTI2}outcomeDeclaration")
        }
        assert declared["SCORE"] == ("1", "0") and declared["MAXSCORE"] == (None, "1")

    true_false = _item(qti_package, "q-tf-ssd")
    choices = true_false.findall(f"{QTI2}itemBody/{QTI2}choiceInteraction/{QTI2}simpleChoice")
    assert [(c.get("identifier"), c.text, c.get("fixed")) for c in choices] == [
        ("true", "True", "true"),
        ("false", "False", "true"),
    ]
    response = true_false.find(f"{QTI2}responseDeclaration")
    assert response is not None and [v.text for v in response.iter(f"{QTI2}value")] == ["false"]


def test_qti_case_study_is_a_section_with_a_rubric_block(qti_package: Path) -> None:
    with zipfile.ZipFile(qti_package) as archive:
        test = ET.fromstring(archive.read(qti.TEST_PATH))
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    case = next(
        s for s in test.iter(f"{QTI2}assessmentSection") if s.get("identifier") == "case-case-desk"
    )
    assert case.get("keepTogether") == "true"
    rubric = case[0]
    assert rubric.tag == f"{QTI2}rubricBlock" and rubric.get("view") == "candidate"
    assert "network socket" in "".join(rubric.itertext())
    cells = [c.text for c in rubric.iter(f"{QTI2}td")]
    assert cells == ["Laptop", "USB-C", "Monitor", "HDMI"]
    refs = [r.get("href") for r in case.findall(f"{QTI2}assessmentItemRef")]
    assert refs == [
        f"items/{q}.xml" for q in ("case-desk-cable", "case-desk-order", "case-desk-socket")
    ]
    types = [r.get("type") for r in manifest.iter() if r.tag.endswith("}resource")]
    assert types.count(qti.TEST_TYPE) == 1 and types.count(qti.ITEM_TYPE) == 12


def test_qti_citolab_converts_every_interaction_and_its_reader_reads_the_answers(
    qti_package: Path, tmp_path: Path
) -> None:
    from citolab_qti_json_schema_converters import convert_qti_zip_to_exam_document
    from qti_convert import upgrade_package

    upgraded = tmp_path / "qti3.zip"
    upgrade_package(str(qti_package), str(upgraded))
    with zipfile.ZipFile(upgraded) as archive:
        test = ET.fromstring(archive.read(qti.TEST_PATH))
        names = {e.tag for n in archive.namelist() for e in ET.fromstring(archive.read(n)).iter()}
    for name in (
        "qti-order-interaction",
        "qti-match-interaction",
        "qti-text-entry-interaction",
        "qti-choice-interaction",
        "qti-equal",
        "qti-map-entry",
        "qti-modal-feedback",
    ):
        assert f"{QTI3}{name}" in names, name
    rubric = test.find(
        f".//{QTI3}qti-assessment-section/{QTI3}qti-assessment-section/{QTI3}qti-rubric-block"
    )
    assert rubric is not None and "network socket" in "".join(rubric.itertext())
    document = convert_qti_zip_to_exam_document(str(upgraded))
    read = {
        i.item_identifier: (str(i.interaction_type).rsplit(".", 1)[-1], i.answer)
        for i in document.items
    }
    assert {i.max_score for i in document.items} == {1.0}
    assert read == {
        "q-q-gpu": ("CHOICE", "choice-2"),
        "q-q-two": ("CHOICE", "choice-1#choice-2"),
        "q-q-mem": ("CHOICE", "choice-1"),
        "q-q-tf-ssd": ("CHOICE", "false"),
        "q-q-order-backup": ("ORDER", "item-1#item-2#item-3"),
        "q-q-match-cables": ("MATCH", "prompt-1 answer-1#prompt-2 answer-1#prompt-3 answer-2"),
        "q-q-num-pins": ("TEXT_ENTRY", "24"),
        "q-q-num-speed": ("TEXT_ENTRY", "7.2"),
        "q-q-short-plug": ("TEXT_ENTRY", "RJ45"),
        "q-case-desk-cable": ("CHOICE", "choice-1"),
        "q-case-desk-order": ("ORDER", "item-1#item-2#item-3"),
        "q-case-desk-socket": ("TEXT_ENTRY", "RJ45"),
    }


def test_qti_onyx2moodle_reads_every_item_but_orderings(
    qti_package: Path, tmp_path: Path, mini: list[Answerable]
) -> None:
    """onyx2moodle reads QTI 2.1 items into Moodle XML, which our Moodle XML reader reads.

    It has no ordering (``orderInteraction``: "no interactions detected") and no numeric
    tolerance (a numeric item becomes a short answer of its first value).
    """
    from onyx2moodle.classifier import classify
    from onyx2moodle.parser import parse_item
    from onyx2moodle.translate import matching, multichoice, shortanswer

    with zipfile.ZipFile(qti_package) as archive:
        archive.extractall(tmp_path)
    translators = {"multichoice": multichoice, "matching": matching, "shortanswer": shortanswer}
    for question in mini:
        item = parse_item(tmp_path / qti.item_path(question))
        target = classify(item).target
        if isinstance(question, OrderingQuestion):
            assert target == "unknown", question.id
            continue
        xml = "<?xml version='1.0' encoding='UTF-8'?>\n<quiz>\n"
        xml += translators[target].translate(item) + "\n</quiz>\n"
        (draft,) = read_moodle_xml(xml, "onyx.xml")
        assert isinstance(draft, Draft), (question.id, draft)
        assert draft.stem.startswith(question.stem.split("\n")[0]), question.id
        if isinstance(question, Question):
            # It reads an option's feedbackInline (inside its simpleChoice) as part of its text.
            options = [
                (o.text.split(" Right: ")[0].split(" Wrong: ")[0], o.correct) for o in draft.options
            ]
            assert options == [(o.text, o.correct) for o in question.options], question.id
        elif isinstance(question, TrueFalseQuestion):
            assert [(o.text, o.correct) for o in draft.options] == [
                ("True", question.answer),
                ("False", not question.answer),
            ]
        elif isinstance(question, MatchingQuestion):
            assert [(p.prompt, p.answer) for p in draft.pairs] == [
                (p.prompt, p.answer) for p in question.pairs
            ]
            assert draft.distractors == question.distractors
        elif isinstance(question, ShortAnswerQuestion):
            assert [a.text for a in draft.accept] == [a.text for a in question.accepted]
        else:
            assert isinstance(question, NumericQuestion)
            first = question.accepted[0].answer
            assert first is not None and [a.text for a in draft.accept] == [gift.number_text(first)]


# ---- Anki ---------------------------------------------------------------------------------


def test_anki_note_type_per_kind_read_back_by_anki_with_stable_guids(
    tmp_path: Path, mini: list[Answerable]
) -> None:
    from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
    from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as Condition

    first, _ = export(tmp_path / "one", "anki")
    again, _ = export(tmp_path / "two", "anki")
    collection = Collection(str(tmp_path / "collection.anki2"))
    options = ImportAnkiPackageOptions(
        merge_notetypes=True,
        update_notes=Condition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
        update_notetypes=Condition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS,
        with_scheduling=False,
        with_deck_configs=False,
    )
    try:
        log = collection.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(first), options=options)
        ).log
        assert len(log.new) == len(mini)
        notes = {}
        for note_id in collection.find_notes(""):
            note = collection.get_note(note_id)
            notes[note["Id"]] = note
        assert set(notes) == {q.id for q in mini}
        for question in mini:
            note = notes[question.id]
            note_type = note.note_type()
            assert note_type is not None
            assert note_type["name"] == anki_format.KINDS[question.type].name
            assert note.guid == anki_format.guid("demo", question)
            case = ["case-case-desk"] if question.id in CASE_PARTS else []
            assert sorted(note.tags) == sorted(
                {
                    "demo",
                    f"domain-{1 if question.id in ('q-gpu', 'q-two', 'q-mem') else 2}",
                    *question.topics,
                    *case,
                }
            )
        assert notes["q-tf-ssd"]["Answer"] == "False"
        assert "Find the backup that holds the file" in notes["q-order-backup"]["Items"]
        assert notes["q-order-backup"]["Order"].startswith(
            "<li>Find the backup that holds the file \u2014 Nothing can be copied"
        )
        assert "<li>DisplayPort \u2192 Video</li>" in notes["q-match-cables"]["Pairs"]
        assert notes["q-num-speed"]["Answer"] == "7.2"
        assert "<li>5.4 to 5.9 thousand rpm" in notes["q-num-speed"]["Accepted"]
        assert notes["q-short-plug"]["Answer"] == "RJ45"
        assert "8P8C \u2014 That is the plug" in notes["q-short-plug"]["Accepted"]
        assert notes["case-desk-socket"]["Stem"].startswith("<p><b>A new desk</b></p>")
        assert "<td>USB-C</td>" in notes["case-desk-socket"]["Stem"]
        card = collection.get_card(notes["q-short-plug"].card_ids()[0])
        assert "Which plug carries network traffic?" in card.question()
        assert "8P8C" in card.answer()

        # A second export keeps every GUID: importing it updates, it adds nothing.
        log = collection.import_anki_package(
            ImportAnkiPackageRequest(package_path=str(again), options=options)
        ).log
        assert (len(log.new), len(log.duplicate) + len(log.updated)) == (0, len(mini))
        assert collection.note_count() == len(mini)
    finally:
        collection.close()


# ---- CSV ----------------------------------------------------------------------------------


def test_csv_round_trip_is_equal_for_every_type(tmp_path: Path, mini: list[Answerable]) -> None:
    exported, output = export(tmp_path, "csv")
    assert "not exported" not in output
    assert "case-desk-order: a question of case study case-desk: written as a single row" in output
    target = empty_copy(tmp_path / "target")
    report = import_file("csv", exported, target, 2, "cables")
    assert report.summary == f"{len(mini)} imported, 0 not imported"
    back = {q.id: q for q in all_questions_of(target)}
    for question in mini:
        again = back[question.id]
        if question.id in CASE_PARTS:
            assert again.stem == stem_with_case(question)
            assert view(again)[3:] == view(question)[3:]
        else:
            assert view(again) == view(question)
        assert again.topics == question.topics


def test_csv_rows_of_every_type_with_their_errors() -> None:
    from generator.formats import csv as csv_format

    text = (
        "type,stem,option_1,option_2,why_1,match_1,match_2,answer,unit\n"
        "true-false,Sky is blue.,,,,,,maybe,\n"
        "matching,Pair them.,a,,,x,y,,\n"
        "matching,Pair them.,a,,,,y,,\n"
        "numeric,How much?,6:0.5,5..7,Close.,,,,MB\n"
        "ordering,Order them.,one,two,,x,,,\n"
        "essay,Write.,,,,,,,\n"
    )
    items = list(csv_format.read(text, "t.csv"))
    reasons = [getattr(i, "reason", None) for i in items]
    assert reasons[0] == "column answer: expected true or false, found 'maybe'"
    assert isinstance(items[1], Draft) and items[1].distractors == ["y"]
    assert reasons[2] == "column match_1: empty: the prompt in option_1 needs its answer"
    numeric = items[3]
    assert isinstance(numeric, Draft) and numeric.unit == "MB"
    assert [(n.answer, n.tolerance, n.range, n.why) for n in numeric.numbers] == [
        (6, 0.5, None, "Close."),
        (None, 0, (5, 7), None),
    ]
    assert reasons[4] == "column match_1: a ordering question has no answers to match"
    assert reasons[5] == (
        "column type: unknown type 'essay' (one of choice, true-false, ordering, matching, "
        "numeric, short-answer)"
    )


def test_csv_of_multiple_choice_only_keeps_its_columns(bundled_bank: Any) -> None:
    from generator.formats import csv as csv_format

    # The bundled bank has every type: keep its multiple-choice questions outside case studies.
    domains = [
        replace(d, items=[i for i in d.items if type(i) is Question]) for d in bundled_bank.domains
    ]
    choice_only = replace(bundled_bank, domains=domains)
    assert sum(len(d.items) for d in domains) > 0
    header = csv_format.write(choice_only).decode("utf-8-sig").split("\r\n", 1)[0]
    assert header.startswith("id,topics,stem,choose,option_1")
    assert "type" not in header.split(",") and "match_1" not in header


def test_export_command_still_writes_choice_only_banks(tmp_path: Path) -> None:
    out = tmp_path / "bank.gift"
    assert main(["-q", "--data", str(ROOT / "data"), "export", "gift", "--out", str(out)]) == 0
