"""QTI 2.1: an IMS content package (zip with ``imsmanifest.xml``) of items and one test.

Every question is one ``assessmentItem``, scored all or nothing (``SCORE`` 1 or 0; its
``MAXSCORE`` is 1):

- multiple choice: ``choiceInteraction``, single cardinality for a single-answer question,
  multiple (``maxChoices`` = how many to choose) for a "choose N" one; every option carries
  its explanation as ``feedbackInline`` shown when it is picked;
- true/false: ``choiceInteraction`` with two fixed choices, True and False;
- ordering: ``orderInteraction`` (shuffled), ``ordered`` cardinality, the items' right order as
  the correct response;
- matching: ``matchInteraction``, the prompts in the first ``simpleMatchSet`` (each matched
  once), the answers in the second (an answer two prompts share may be matched that often;
  distractors are extra answers); ``directedPair`` values ``prompt answer``;
- numeric: ``textEntryInteraction`` (``float``), the unit as text after it; each accepted
  entry is an ``equal`` with an absolute tolerance (``exact`` without one) or a
  ``gte``/``lte`` range, any of them right;
- short answer: ``textEntryInteraction`` (``string``) with a ``mapping`` of every accepted
  answer, case-insensitive, also in its NFKC-normalised, case-folded form.

The general explanation, and the explanations of items, pairs and accepted answers (which QTI
can only show per response for choices), are a ``modalFeedback`` shown after answering.

``test.xml`` is an ``assessmentTest`` with one section per domain; a case study is a
sub-section of it (``keepTogether``) whose ``rubricBlock`` holds the scenario and its table,
followed by its questions. QTI 2.1 has no shared stimulus (2.2's ``assessmentStimulus``), so
a system that imports items alone, without the test, shows a case study's questions without
their scenario. For Canvas (New Quizzes item banks), Moodle, Blackboard and other learning
systems that import QTI 2.1.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from xml.etree import ElementTree as ET

from generator.content.model import (
    Answerable,
    Bank,
    CaseStudy,
    MatchingQuestion,
    NumberAccept,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from generator.formats import Format
from generator.formats.gift import number_text
from generator.site.text import plain, standalone

QTI = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
ITEM_SCHEMA = f"{QTI} http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_SCHEMA = f"{CP} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
ITEM_TYPE = "imsqti_item_xmlv2p1"
TEST_TYPE = "imsqti_test_xmlv2p1"
TEST_PATH = "test.xml"


def item_identifier(question: Answerable) -> str:
    """The item's QTI identifier (an identifier must not start with a digit)."""
    return f"q-{question.id}"


def choice_identifier(index: int) -> str:
    """The identifier of the option at ``index`` (authored order)."""
    return f"choice-{index + 1}"


def item_path(question: Answerable) -> str:
    """Where the item sits in the package."""
    return f"items/{question.id}.xml"


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters XML 1.0 allows nowhere, not even as references: ElementTree writes them as
they are, and the file is then not well-formed (a ``\\x01`` in a stem, issue 34)."""


def _serialize(root: ET.Element) -> bytes:
    """``root`` as a UTF-8 document, well-formed whatever the text holds.

    Each character XML cannot carry becomes U+FFFD, as a reader shows an undecodable byte.
    """
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", element.text)
        if element.tail:
            element.tail = _NOT_XML.sub("\ufffd", element.tail)
        for name, value in element.attrib.items():
            element.attrib[name] = _NOT_XML.sub("\ufffd", value)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def _fill(element: ET.Element, text: str) -> ET.Element:
    """Put ``text`` into ``element`` as the site renders it: inline Markdown, sanitized."""
    fragment = standalone(text).replace("&nbsp;", "&#160;").replace("<br>", "<br/>")
    fragment = _NOT_XML.sub("\ufffd", fragment)
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


def _outcomes(item: ET.Element, feedback: bool, explanation: bool) -> None:
    score = _sub(
        item,
        "outcomeDeclaration",
        identifier="SCORE",
        cardinality="single",
        baseType="float",
        normalMaximum="1",
    )
    _sub(_sub(score, "defaultValue"), "value", "0")
    # The most an item scores, under the name test systems read it by (a system that finds
    # no MAXSCORE takes SCORE's default, 0, as the item's worth).
    maximum = _sub(
        item, "outcomeDeclaration", identifier="MAXSCORE", cardinality="single", baseType="float"
    )
    _sub(_sub(maximum, "defaultValue"), "value", "1")
    if feedback:
        _sub(
            item,
            "outcomeDeclaration",
            identifier="FEEDBACK",
            cardinality="multiple",
            baseType="identifier",
        )
    if explanation:
        _sub(
            item,
            "outcomeDeclaration",
            identifier="EXPLANATION",
            cardinality="single",
            baseType="identifier",
        )


def _stem(body: ET.Element, question: Answerable) -> None:
    _fill(_sub(_sub(body, "div", **{"class": "stem"}), "p"), question.stem)


def _score_if(processing: ET.Element, test: ET.Element) -> None:
    """SCORE 1 when ``test`` holds, else 0."""
    condition = _sub(processing, "responseCondition")
    branch = _sub(condition, "responseIf")
    branch.append(test)
    _sub(_sub(branch, "setOutcomeValue", identifier="SCORE"), "baseValue", "1", baseType="float")
    otherwise = _sub(condition, "responseElse")
    _sub(_sub(otherwise, "setOutcomeValue", identifier="SCORE"), "baseValue", "0", baseType="float")


def _matches_correct() -> ET.Element:
    match = ET.Element("match")
    _sub(match, "variable", identifier="RESPONSE")
    _sub(match, "correct", identifier="RESPONSE")
    return match


def _response(item: ET.Element, cardinality: str, base: str, values: list[str]) -> ET.Element:
    response = _sub(
        item, "responseDeclaration", identifier="RESPONSE", cardinality=cardinality, baseType=base
    )
    correct = _sub(response, "correctResponse")
    for value in values:
        _sub(correct, "value", value)
    return response


def _explanations(question: Answerable) -> list[tuple[str | None, str]]:
    """What the modal feedback says: (label or None, Markdown text), general first."""
    out: list[tuple[str | None, str]] = []
    if question.explanation:
        out.append((None, question.explanation))
    if isinstance(question, OrderingQuestion):
        out += [(i.text, i.why) for i in question.items if i.why]
    elif isinstance(question, MatchingQuestion):
        out += [(f"{p.prompt} \u2192 {p.answer}", p.why) for p in question.pairs if p.why]
    elif isinstance(question, NumericQuestion | ShortAnswerQuestion):
        out += [(_accepted_label(a), a.why) for a in question.accepted if a.why]
    return out


def _accepted_label(accepted: object) -> str:
    if isinstance(accepted, NumberAccept):
        if accepted.range is not None:
            low, high = accepted.bounds
            return f"{number_text(low)} to {number_text(high)}"
        value = number_text(accepted.answer if accepted.answer is not None else 0)
        if accepted.tolerance:
            return f"{value} \u00b1 {number_text(accepted.tolerance)}"
        return value
    return str(getattr(accepted, "text", ""))


def _modal(item: ET.Element, processing: ET.Element, question: Answerable) -> None:
    texts = _explanations(question)
    if not texts:
        return
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
    for label, text in texts:
        paragraph = _sub(modal, "p")
        if label is None:
            _fill(paragraph, text)
            continue
        strong = _fill(_sub(paragraph, "strong"), label)
        rest = _fill(ET.Element("span"), text)
        strong.tail = ": " + (rest.text or "")
        paragraph.extend(list(rest))


def _choice_body(
    body: ET.Element, question: Question, processing: ET.Element
) -> tuple[str, list[str]]:
    multiple = question.choose > 1
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
    return "multiple" if multiple else "single", [
        choice_identifier(i) for i in question.correct_indexes
    ]


TRUE_FALSE = (("true", "True"), ("false", "False"))
"""The identifiers and texts of a true/false question's two choices."""


def item_identifier_of(kind: str, index: int) -> str:
    """The identifier of an ordering item, matching prompt or answer at ``index``.

    ``kind`` is ``item``, ``prompt`` or ``answer``; ``index`` counts in authored order.
    """
    return f"{kind}-{index + 1}"


def _number_test(accepted: NumberAccept) -> ET.Element:
    low, high = accepted.bounds
    if accepted.range is not None:
        test = ET.Element("and")
        for tag, value in (("gte", low), ("lte", high)):
            compare = _sub(test, tag)
            _sub(compare, "variable", identifier="RESPONSE")
            _sub(compare, "baseValue", number_text(value), baseType="float")
        return test
    value = accepted.answer if accepted.answer is not None else 0
    if accepted.tolerance:
        tolerance = number_text(accepted.tolerance)
        test = ET.Element(
            "equal",
            toleranceMode="absolute",
            tolerance=f"{tolerance} {tolerance}",
            includeLowerBound="true",
            includeUpperBound="true",
        )
    else:
        test = ET.Element("equal", toleranceMode="exact")
    _sub(test, "variable", identifier="RESPONSE")
    _sub(test, "baseValue", number_text(value), baseType="float")
    return test


def accepted_variants(question: ShortAnswerQuestion) -> list[str]:
    """The keys of a short answer's mapping: each accepted answer as written and as compared.

    As compared: NFKC, case folded, spaces collapsed; each key once, ignoring case.
    """
    out: list[str] = []
    seen: set[str] = set()
    for accepted in question.accepted:
        written = " ".join(accepted.text.split())
        folded = unicodedata.normalize("NFKC", written).casefold()
        for variant in (written, " ".join(folded.split())):
            if variant.casefold() not in seen:
                seen.add(variant.casefold())
                out.append(variant)
    return out


def item_xml(question: Answerable) -> bytes:
    """One ``assessmentItem`` document."""
    ET.register_namespace("xsi", XSI)
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
    body = ET.Element("itemBody")
    processing = ET.Element("responseProcessing")
    _stem(body, question)
    feedback = False
    if isinstance(question, Question):
        cardinality, values = _choice_body(body, question, processing)
        _response(item, cardinality, "identifier", values)
        feedback = any(o.why for o in question.options)
        _score_if(processing, _matches_correct())
    elif isinstance(question, TrueFalseQuestion):
        _response(item, "single", "identifier", ["true" if question.answer else "false"])
        interaction = _sub(
            body,
            "choiceInteraction",
            responseIdentifier="RESPONSE",
            shuffle="false",
            maxChoices="1",
            minChoices="1",
        )
        for identifier, text in TRUE_FALSE:
            _sub(interaction, "simpleChoice", text, identifier=identifier, fixed="true")
        _score_if(processing, _matches_correct())
    elif isinstance(question, OrderingQuestion):
        ids = [item_identifier_of("item", i) for i in range(len(question.items))]
        _response(item, "ordered", "identifier", ids)
        interaction = _sub(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
        for identifier, entry in zip(ids, question.items, strict=True):
            _fill(_sub(interaction, "simpleChoice", identifier=identifier), entry.text)
        _score_if(processing, _matches_correct())
    elif isinstance(question, MatchingQuestion):
        answers = question.answers
        prompt_ids = [item_identifier_of("prompt", i) for i in range(len(question.pairs))]
        answer_ids = [item_identifier_of("answer", i) for i in range(len(answers))]
        pairs = [f"{prompt_ids[i]} {answer_ids[k]}" for i, k in enumerate(question.key)]
        _response(item, "multiple", "directedPair", pairs)
        interaction = _sub(
            body,
            "matchInteraction",
            responseIdentifier="RESPONSE",
            shuffle="true",
            maxAssociations=str(len(question.pairs)),
            minAssociations="0",
        )
        prompts = _sub(interaction, "simpleMatchSet")
        for identifier, pair in zip(prompt_ids, question.pairs, strict=True):
            _fill(
                _sub(prompts, "simpleAssociableChoice", identifier=identifier, matchMax="1"),
                pair.prompt,
            )
        targets = _sub(interaction, "simpleMatchSet")
        uses = [question.key.count(k) for k in range(len(answers))]
        for identifier, text, used in zip(answer_ids, answers, uses, strict=True):
            _fill(
                _sub(
                    targets,
                    "simpleAssociableChoice",
                    identifier=identifier,
                    matchMax=str(max(used, 1)),
                ),
                text,
            )
        _score_if(processing, _matches_correct())
    elif isinstance(question, NumericQuestion):
        accepted = question.accepted
        first = accepted[0]
        low, high = first.bounds
        middle = (
            first.answer if first.range is None and first.answer is not None else ((low + high) / 2)
        )
        _response(item, "single", "float", [number_text(middle)])
        line = _sub(body, "p")
        box = _sub(line, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="8")
        if question.unit:
            box.tail = f" {question.unit}"
        tests = [_number_test(a) for a in accepted]
        if len(tests) == 1:
            _score_if(processing, tests[0])
        else:
            either = ET.Element("or")
            either.extend(tests)
            _score_if(processing, either)
    elif isinstance(question, ShortAnswerQuestion):
        variants = accepted_variants(question)
        response = _response(item, "single", "string", [question.accepted[0].text])
        mapping = _sub(response, "mapping", defaultValue="0")
        for variant in variants:
            _sub(mapping, "mapEntry", mapKey=variant, mappedValue="1", caseSensitive="false")
        line = _sub(body, "p")
        _sub(line, "textEntryInteraction", responseIdentifier="RESPONSE", expectedLength="20")
        test = ET.Element("gt")
        _sub(test, "mapResponse", identifier="RESPONSE")
        _sub(test, "baseValue", "0", baseType="float")
        _score_if(processing, test)
    else:  # pragma: no cover - every answerable type is above
        raise TypeError(question.type)
    if feedback:
        # Show the feedback of every picked option.
        picked = _sub(_sub(processing, "setOutcomeValue", identifier="FEEDBACK"), "multiple")
        _sub(picked, "variable", identifier="RESPONSE")
    _outcomes(item, feedback, bool(_explanations(question)))
    item.append(body)
    item.append(processing)
    _modal(item, processing, question)
    ET.indent(item)
    return _serialize(item)


def _paragraphs(parent: ET.Element, text: str) -> None:
    for block in [b for b in text.split("\n\n") if b.strip()]:
        _fill(_sub(parent, "p"), block)


def _rubric(section: ET.Element, case: CaseStudy) -> None:
    rubric = _sub(section, "rubricBlock", view="candidate")
    _paragraphs(rubric, case.scenario)
    if case.table is not None:
        table = _sub(rubric, "table")
        head = _sub(_sub(table, "thead"), "tr")
        for column in case.table.columns:
            _fill(_sub(head, "th"), column)
        rows = _sub(table, "tbody")
        for row in case.table.rows:
            line = _sub(rows, "tr")
            for cell in row:
                _fill(_sub(line, "td"), str(cell))


def _item_ref(section: ET.Element, question: Answerable) -> None:
    _sub(
        section,
        "assessmentItemRef",
        identifier=item_identifier(question),
        href=item_path(question),
    )


def test_xml(bank: Bank) -> bytes:
    """The ``assessmentTest``: a section per domain, a sub-section per case study."""
    ET.register_namespace("xsi", XSI)
    test = ET.Element(
        "assessmentTest",
        {
            "xmlns": QTI,
            f"{{{XSI}}}schemaLocation": ITEM_SCHEMA,
            "identifier": f"t-{bank.exam.id}",
            "title": f"{bank.exam.title} ({bank.exam.code})",
        },
    )
    score = _sub(
        test, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float"
    )
    _sub(_sub(score, "defaultValue"), "value", "0")
    part = _sub(
        test,
        "testPart",
        identifier="practice",
        navigationMode="nonlinear",
        submissionMode="individual",
    )
    for content in bank.domains:
        domain = _sub(
            part,
            "assessmentSection",
            identifier=content.slug,
            title=f"Domain {content.domain.number}: {content.domain.title}",
            visible="true",
        )
        for entry in content.items:
            if isinstance(entry, CaseStudy):
                case = _sub(
                    domain,
                    "assessmentSection",
                    identifier=f"case-{entry.id}",
                    title=entry.title or entry.id,
                    visible="true",
                    keepTogether="true",
                )
                _rubric(case, entry)
                for question in entry.questions:
                    _item_ref(case, question)
            else:
                _item_ref(domain, entry)
    total = _sub(_sub(test, "outcomeProcessing"), "setOutcomeValue", identifier="SCORE")
    _sub(total, "sum").append(ET.Element("testVariables", variableIdentifier="SCORE"))
    ET.indent(test)
    return _serialize(test)


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
    questions = _questions(bank)
    test = _sub(
        resources, "resource", identifier=f"r-test-{bank.exam.id}", type=TEST_TYPE, href=TEST_PATH
    )
    _sub(test, "file", href=TEST_PATH)
    for question in questions:
        _sub(test, "dependency", identifierref=f"r-{question.id}")
    for question in questions:
        resource = _sub(
            resources,
            "resource",
            identifier=f"r-{question.id}",
            type=ITEM_TYPE,
            href=item_path(question),
        )
        _sub(resource, "file", href=item_path(question))
    ET.indent(manifest)
    return _serialize(manifest)


def _questions(bank: Bank) -> list[Answerable]:
    """Every question of the bank, case studies' parts in their place."""
    return [q for d in bank.domains for q in d.questions]


def write(bank: Bank) -> bytes:
    """The zip: ``imsmanifest.xml``, ``test.xml`` and ``items/<id>.xml`` for every question."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        package.writestr("imsmanifest.xml", manifest_xml(bank))
        package.writestr(TEST_PATH, test_xml(bank))
        for question in _questions(bank):
            package.writestr(item_path(question), item_xml(question))
    return buffer.getvalue()


FORMAT = Format(
    name="qti",
    title="QTI 2.1 content package",
    suffix=".zip",
    write=write,
    exports=frozenset({"choice", "true-false", "ordering", "matching", "numeric", "short-answer"}),
    cases="whole",
)
