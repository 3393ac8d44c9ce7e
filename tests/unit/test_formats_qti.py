"""QTI 2.1: the content package, every item parsed, and read back by an independent converter."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from qti_convert import upgrade_package

from generator.commands import main
from generator.content.model import Question
from generator.formats import qti
from tests.support.bank import exported_in
from tests.support.formats_helpers import data_copy
from tests.support.project import ROOT

QTI2 = f"{{{qti.QTI}}}"
CP = f"{{{qti.CP}}}"
QTI3 = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"


def export(data: Path, out: Path) -> Path:
    assert main(["-q", "--data", str(data), "export", "qti", "--out", str(out)]) == 0
    return out


def text_of(element: ET.Element) -> str:
    return "".join(element.itertext())


def test_package_holds_a_manifest_and_every_item(tmp_path: Path, bundled_bank) -> None:
    package = export(ROOT / "data", tmp_path / "bank.zip")
    questions = {q.id: q for q in exported_in(bundled_bank, "qti")}
    with zipfile.ZipFile(package) as archive:
        names = set(archive.namelist())
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        found = manifest.findall(f"{CP}resources/{CP}resource")
        resources = [r for r in found if r.get("type") == qti.ITEM_TYPE]
        assert [r.get("type") for r in found if r not in resources] == [qti.TEST_TYPE]
        assert manifest.findtext(f"{CP}metadata/{CP}schema") == "QTIv2.1 Package"
        assert len(resources) == len(questions)
        others: set[str] = set()
        for resource in resources:
            assert resource.get("type") == "imsqti_item_xmlv2p1"
            href = resource.get("href")
            assert href in names
            item = ET.fromstring(archive.read(str(href)))
            question = questions[str(item.get("identifier")).removeprefix("q-")]
            assert item.tag == f"{QTI2}assessmentItem"
            if isinstance(question, Question):  # each type in detail: test_formats_export_types
                _check_item(item, question)
            else:
                others.add(question.type)
        assert others == {"true-false", "ordering", "matching", "numeric", "short-answer"}


def _check_item(item: ET.Element, question: Question) -> None:
    assert item.tag == f"{QTI2}assessmentItem"
    response = item.find(f"{QTI2}responseDeclaration")
    assert response is not None
    assert response.get("cardinality") == ("multiple" if question.choose > 1 else "single")
    correct = [v.text for v in response.iter(f"{QTI2}value")]
    assert correct == [qti.choice_identifier(i) for i in question.correct_indexes]
    interaction = item.find(f"{QTI2}itemBody/{QTI2}choiceInteraction")
    assert interaction is not None
    assert interaction.get("maxChoices") == str(question.choose)
    assert interaction.get("shuffle") == ("true" if question.shuffle else "false")
    choices = interaction.findall(f"{QTI2}simpleChoice")
    assert len(choices) == len(question.options)
    for choice, option in zip(choices, question.options, strict=True):
        feedback = choice.find(f"{QTI2}feedbackInline")
        if option.why:
            assert feedback is not None
            assert feedback.get("identifier") == choice.get("identifier")
            verdict = "Right" if option.correct else "Wrong"
            assert " ".join(text_of(feedback).split()).startswith(f"{verdict}:")
        else:
            assert feedback is None


def test_an_independent_reader_upgrades_every_item(tmp_path: Path, bundled_bank) -> None:
    package = export(ROOT / "data", tmp_path / "bank.zip")
    questions = {q.id: q for q in exported_in(bundled_bank, "qti")}
    upgraded = upgrade_package(str(package)).files
    items = {k: v for k, v in upgraded.items() if k.startswith("items/")}
    assert len(items) == len(questions)
    for path, content in items.items():
        item = ET.fromstring(content.encode("utf-8") if isinstance(content, str) else content)
        assert item.tag == f"{QTI3}qti-assessment-item"
        question = questions[Path(path).stem]
        if not isinstance(question, Question):
            continue  # each type in detail: test_formats_export_types.py
        response = item.find(f"{QTI3}qti-response-declaration")
        assert response is not None
        assert response.get("cardinality") == ("multiple" if question.choose > 1 else "single")
        values = [v.text for v in response.iter(f"{QTI3}qti-value")]
        assert values == [qti.choice_identifier(i) for i in question.correct_indexes]
        interaction = item.find(f"{QTI3}qti-item-body/{QTI3}qti-choice-interaction")
        assert interaction is not None
        assert interaction.get("max-choices") == str(question.choose)
        choices = interaction.findall(f"{QTI3}qti-simple-choice")
        assert [c.get("identifier") for c in choices] == [
            qti.choice_identifier(i) for i in range(len(question.options))
        ]
        feedback = [c.find(f"{QTI3}qti-feedback-inline") for c in choices]
        assert sum(f is not None for f in feedback) == sum(bool(o.why) for o in question.options)
    manifest = ET.fromstring(str(upgraded["imsmanifest.xml"]).encode("utf-8"))
    types = {r.get("type") for r in manifest.iter() if r.tag.endswith("resource")}
    assert types == {"imsqti_item_xmlv3p0", "imsqti_test_xmlv3p0"}


def test_markdown_is_rendered_and_hostile_text_stays_text(tmp_path: Path) -> None:
    data = data_copy(tmp_path, questions=False)
    (data / "domain-4" / "hostile.yml").write_text(
        "questions:\n"
        "  - id: hostile\n"
        "    topics: [iam]\n"
        "    stem: '**Bold** <script>alert(1)</script> [x](javascript:alert(1))'\n"
        "    choose: 2\n"
        "    options:\n"
        "      - {text: '<b onclick=alert(1)>press</b>', correct: true, why: '*why*'}\n"
        "      - {text: b, correct: true}\n"
        "      - {text: c}\n"
        "    explanation: All <b>done</b>.\n",
        encoding="utf-8",
    )
    package = export(data, tmp_path / "bank.zip")
    with zipfile.ZipFile(package) as archive:
        raw = archive.read("items/hostile.xml")
    item = ET.fromstring(raw)
    stem = item.find(f"{QTI2}itemBody/{QTI2}div/{QTI2}p")
    assert stem is not None
    assert [child.tag for child in stem] == [f"{QTI2}strong", f"{QTI2}a"]
    assert stem[1].attrib == {}
    assert "<script>alert(1)</script>" in text_of(stem)
    assert not [e for e in item.iter() if e.tag in (f"{QTI2}script", f"{QTI2}b")]
    assert not any(k.startswith("on") for e in item.iter() for k in e.attrib)
    first = item.find(f"{QTI2}itemBody/{QTI2}choiceInteraction/{QTI2}simpleChoice")
    assert first is not None and text_of(first).startswith("<b onclick=alert(1)>press</b>")
    modal = item.find(f"{QTI2}modalFeedback")
    assert modal is not None and text_of(modal).strip() == "All <b>done</b>."
    assert b"javascript" not in raw.replace(b"[x](javascript", b"")
    assert io.BytesIO(raw).read(5) == b"<?xml"


def test_every_file_is_well_formed_whatever_the_text_holds(tmp_path: Path) -> None:
    """Issue 34: a control character such as \\x01 in a text made an item that is not
    well-formed XML. Every file of the package parses, the character shown as U+FFFD."""
    data = data_copy(tmp_path, questions=False)
    odd = "".join(chr(c) for c in (*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE))
    (data / "domain-4" / "odd.yml").write_text(
        "questions:\n"
        "  - id: odd\n"
        "    topics: [iam]\n"
        f'    stem: "**Bold** a\\x01b {odd.encode("unicode_escape").decode()} end"\n'
        "    options:\n"
        '      - {text: "x\\x02y", correct: true, why: "w\\x1fz"}\n'
        "      - {text: b}\n"
        '    explanation: "e\\x7f\\x85f"\n',
        encoding="utf-8",
    )
    package = export(data, tmp_path / "bank.zip")
    with zipfile.ZipFile(package) as archive:
        names = [n for n in archive.namelist() if n.endswith(".xml")]
        parsed = {name: ET.fromstring(archive.read(name)) for name in names}
    assert "items/odd.xml" in parsed and len(parsed) >= 3
    item = parsed["items/odd.xml"]
    stem = item.find(f"{QTI2}itemBody/{QTI2}div/{QTI2}p")
    assert stem is not None
    assert [child.tag for child in stem] == [f"{QTI2}strong"]  # the markup is kept
    assert "a\ufffdb" in text_of(stem) and text_of(stem).endswith(" end")
    choice = item.find(f".//{QTI2}simpleChoice")
    assert choice is not None and choice.text in ("xy", "x\ufffdy")
