"""QTI 2.1: an IMS content package (zip with ``imsmanifest.xml``) of assessment items.

Each question is one ``assessmentItem`` with a ``choiceInteraction``: single cardinality for
a single-answer question, multiple (``maxChoices`` = how many to choose) for a "choose N"
one. Every option carries its explanation as ``feedbackInline`` shown when it is picked; the
question's general explanation is a ``modalFeedback``. For Canvas (New Quizzes item banks),
Moodle, Blackboard and other learning systems that import QTI 2.1.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree as ET

from generator.content.model import Bank, Question
from generator.formats import Format
from generator.site.text import plain, standalone

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ITEM_SCHEMA = f"{QTI} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_SCHEMA = f"{CP} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
ITEM_TYPE = "imsqti_item_xmlv2p1"


def item_identifier(question: Question) -> str:
    """The item's QTI identifier (an identifier must not start with a digit)."""
    return f"q-{question.id}"


def choice_identifier(index: int) -> str:
    """The identifier of the option at ``index`` (authored order)."""
    return f"choice-{index + 1}"


def item_path(question: Question) -> str:
    """Where the item sits in the package."""
    return f"items/{question.id}.xml"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _fill(element: ET.Element, text: str) -> ET.Element:
    """Put ``text`` into ``element`` as the site renders it: inline Markdown, sanitized."""
    fragment = standalone(text).replace("&nbsp;", "&#160;").replace("<br>", "<br/>")
    try:
        wrapper = ET.fromstring(f"<span>{fragment}</span>")
    except ET.ParseError:  # pragma: no cover - the sanitizer writes well-formed markup
        wrapper = ET.Element("span")
        wrapper.text = plain(text)
    for child in wrapper.iter():
        # QTI's XHTML subset: links keep their address, nothing else keeps an attribute.
        kept = {"href": child.attrib["href"]} if child.tag == "a" and "href" in child.attrib else {}
        child.attrib.clear()
        child.attrib.update(kept)
    element.text = (element.text or "") + (wrapper.text or "")
    element.extend(list(wrapper))
    return element


def item_xml(question: Question) -> bytes:
    """One ``assessmentItem`` document."""
    ET.register_namespace("xsi", XSI)
    multiple = question.choose > 1
    cardinality = "multiple" if multiple else "single"
    item = ET.Element(
        "assessmentItem",
        {
            "xmlns": QTI,
            f"{{{XSI}}}schemaLocation": ITEM_SCHEMA,
            "identifier": item_identifier(question),
            "title": " ".join(question.stem.split())[:80],
            "adaptive": "false",
            "timeDependent": "false",
        },
    )
    response = _sub(
        item,
        "responseDeclaration",
        identifier="RESPONSE",
        cardinality=cardinality,
        baseType="identifier",
    )
    correct = _sub(response, "correctResponse")
    for index in question.correct_indexes:
        _sub(correct, "value", choice_identifier(index))
    score = _sub(
        item, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float"
    )
    _sub(_sub(score, "defaultValue"), "value", "0")
    _sub(
        item,
        "outcomeDeclaration",
        identifier="FEEDBACK",
        cardinality="multiple",
        baseType="identifier",
    )
    if question.explanation:
        _sub(
            item,
            "outcomeDeclaration",
            identifier="EXPLANATION",
            cardinality="single",
            baseType="identifier",
        )
    body = _sub(item, "itemBody")
    _fill(_sub(_sub(body, "div", **{"class": "stem"}), "p"), question.stem)
    interaction = _sub(
        body,
        "choiceInteraction",
        responseIdentifier="RESPONSE",
        shuffle="true" if question.shuffle else "false",
        maxChoices=str(question.choose),
        minChoices="1" if not multiple else "0",
    )
    for index, option in enumerate(question.options):
        choice = _fill(
            _sub(interaction, "simpleChoice", identifier=choice_identifier(index)), option.text
        )
        if option.why:
            verdict = "Right" if option.correct else "Wrong"
            feedback = _sub(
                choice,
                "feedbackInline",
                f" {verdict}: ",
                outcomeIdentifier="FEEDBACK",
                identifier=choice_identifier(index),
                showHide="show",
            )
            _fill(feedback, option.why)
    processing = _sub(item, "responseProcessing")
    condition = _sub(processing, "responseCondition")
    branch = _sub(condition, "responseIf")
    match = _sub(branch, "match")
    _sub(match, "variable", identifier="RESPONSE")
    _sub(match, "correct", identifier="RESPONSE")
    _sub(_sub(branch, "setOutcomeValue", identifier="SCORE"), "baseValue", "1", baseType="float")
    otherwise = _sub(condition, "responseElse")
    _sub(_sub(otherwise, "setOutcomeValue", identifier="SCORE"), "baseValue", "0", baseType="float")
    # Show the feedback of every picked option.
    picked = _sub(_sub(processing, "setOutcomeValue", identifier="FEEDBACK"), "multiple")
    _sub(picked, "variable", identifier="RESPONSE")
    if question.explanation:
        _sub(
            _sub(processing, "setOutcomeValue", identifier="EXPLANATION"),
            "baseValue",
            "explanation",
            baseType="identifier",
        )
        modal = _sub(
            item,
            "modalFeedback",
            outcomeIdentifier="EXPLANATION",
            identifier="explanation",
            showHide="show",
            title="Explanation",
        )
        _fill(_sub(modal, "p"), question.explanation)
    ET.indent(item)
    return bytes(ET.tostring(item, encoding="utf-8", xml_declaration=True))


def manifest_xml(bank: Bank) -> bytes:
    """The package's ``imsmanifest.xml``: one resource per item."""
    ET.register_namespace("xsi", XSI)
    manifest = ET.Element(
        "manifest",
        {"xmlns": CP, f"{{{XSI}}}schemaLocation": CP_SCHEMA, "identifier": f"m-{bank.exam.id}"},
    )
    metadata = _sub(manifest, "metadata")
    _sub(metadata, "schema", "QTIv2.1 Package")
    _sub(metadata, "schemaversion", "1.0.0")
    _sub(manifest, "organizations")
    resources = _sub(manifest, "resources")
    for question in _choices(bank):
        resource = _sub(
            resources,
            "resource",
            identifier=f"r-{question.id}",
            type=ITEM_TYPE,
            href=item_path(question),
        )
        _sub(resource, "file", href=item_path(question))
    ET.indent(manifest)
    return bytes(ET.tostring(manifest, encoding="utf-8", xml_declaration=True))


def _choices(bank: Bank) -> list[Question]:
    """The multiple-choice questions (the export leaves only those: other types come later)."""
    return [q for d in bank.domains for q in d.questions if isinstance(q, Question)]


def write(bank: Bank) -> bytes:
    """The zip: ``imsmanifest.xml`` and ``items/<id>.xml`` for every question."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("imsmanifest.xml", manifest_xml(bank))
        for question in _choices(bank):
            package.writestr(item_path(question), item_xml(question))
    return buffer.getvalue()


FORMAT = Format(name="qti", title="QTI 2.1 content package", suffix=".zip", write=write)
