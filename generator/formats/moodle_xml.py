r"""Moodle XML, the format Moodle's question bank exports by default: read every type it can.

Reading follows Moodle's importer (``question/format/xml/format.php`` and the question types'
``import_from_xml``); the research notes are in the project's issue 29:

- ``<question type="category">`` sets the category of the questions after it; it is no
  question. Every other ``<question>`` is one question of the file, imported or reported.
- Texts carry a ``format``: ``html`` (the default), ``moodle_auto_format``, ``markdown``,
  ``plain_text`` (``wiki_like`` is read as plain text); answers and feedback default to the
  question text's. They become Markdown as the GIFT reader's ``[html]`` ... ``[plain]`` do
  (:mod:`generator.formats.markup`): no raw HTML passes. Embedded files (``<file>``, the old
  ``<image_base64>``) are dropped with a note: an import brings text only.
- ``multichoice``: ``<single>`` (default true), ``<shuffleanswers>`` (default false, as
  in Moodle) and answer ``fraction`` values in percent, scored
  as :mod:`generator.formats.scoring` says; ``truefalse``: the answer with fraction 100 is
  right, each answer's feedback goes into the explanation; ``shortanswer``: the 100% answers
  are accepted (``usecase`` 1 is noted: answers here ignore case); ``numerical``: values with
  an absolute tolerance, the unit whose multiplier is 1; ``matching``: subquestions, those
  without text being extra answers (distractors), two prompts may share an answer;
  ``ordering`` (qtype_ordering): the answers in file order are the right order.
- ``description``, ``essay``, ``cloze``/``multianswer``, ``gapselect``, ``ddwtos``, the
  ``calculated`` types and any other type are reported by line with the reason.

The file is parsed by the standard library's expat with a document type declaration refused
(so no entity can expand or reach outside the file), and read only up to
:data:`~generator.formats.MAX_BYTES`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.parsers import expat

from generator.errors import DataError
from generator.formats import (
    MATCHING_PROMPTS,
    ORDERING_ITEMS,
    Draft,
    DraftAccept,
    DraftItem,
    DraftNumber,
    DraftOption,
    DraftPair,
    Format,
    Skipped,
    bounded,
    scoring,
)
from generator.formats.gift import number, true_false_explanation
from generator.formats.markup import TextFormat, images_note, to_markdown, to_plain

_FORMATS: dict[str, TextFormat] = {
    "html": "html",
    "moodle_auto_format": "moodle",
    "markdown": "markdown",
    "plain_text": "plain",
    "wiki_like": "plain",
}
NOT_IMPORTED = {
    "description": "text without a question (a description): nothing to answer",
    "essay": "an essay needs a person to grade it; this site has no such type",
    "cloze": "embedded answers (cloze) are out of scope this round",
    "multianswer": "embedded answers (cloze) are out of scope this round",
    "gapselect": "select missing words (gapselect): a type this site does not have",
    "ddwtos": "drag and drop into text: a type this site does not have",
    "ddimageortext": "drag and drop onto an image: a type this site does not have",
    "ddmarker": "drag and drop markers: a type this site does not have",
    "calculated": "calculated (values drawn from a formula's wildcards): a type this site "
    "does not have",
    "calculatedsimple": "calculated simple (values drawn from a formula's wildcards): a type "
    "this site does not have",
    "calculatedmulti": "calculated multichoice (values drawn from a formula's wildcards): a "
    "type this site does not have",
    "randomsamatch": "random short-answer matching (drawn from other questions at quiz time): "
    "a type this site does not have",
}
UNREADABLE = "unreadable"


@dataclass
class Element:
    """An XML element with the line where it starts, its attributes, text and children."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The element's own character data (CDATA included)."""
        return "".join(self.parts)

    def all(self, tag: str) -> list[Element]:
        """The children named ``tag``."""
        return [child for child in self.children if child.tag == tag]

    def first(self, tag: str) -> Element | None:
        """The first child named ``tag``."""
        return next((child for child in self.children if child.tag == tag), None)

    def value(self, *path: str, default: str = "") -> str:
        """The trimmed text at ``path`` (child names), else ``default``."""
        node: Element | None = self
        for tag in path:
            node = node.first(tag) if node is not None else None
        return node.text.strip() if node is not None else default

    def walk(self) -> Iterator[Element]:
        """This element and every element inside it (no recursion: nesting may be deep)."""
        stack = [self]
        while stack:
            element = stack.pop()
            yield element
            stack.extend(reversed(element.children))


class _Refused(Exception):
    pass


def parse(text: str, file: str) -> Element:
    """The document element of ``text``.

    Raises :class:`DataError` for XML that is not well-formed or that declares a document type
    (with entities: nothing may expand or be fetched).
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root = Element("", {}, 0)
    stack = [root]

    def start(tag: str, attrs: dict[str, str]) -> None:
        element = Element(tag, attrs, parser.CurrentLineNumber)
        stack[-1].children.append(element)
        stack.append(element)

    def end(tag: str) -> None:
        stack.pop()

    def data(chunk: str) -> None:
        stack[-1].parts.append(chunk)

    def refuse(*_: object) -> int:
        raise _Refused

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(text.lstrip("\ufeff"), True)
    except _Refused:
        raise DataError(
            [
                FORMAT.problem(
                    file,
                    parser.CurrentLineNumber,
                    "",
                    "the file declares a document type (<!DOCTYPE>): Moodle never writes one, "
                    "and its entities could expand without end; remove it",
                )
            ]
        ) from None
    except expat.ExpatError as error:
        raise DataError(
            [
                FORMAT.problem(
                    file,
                    error.lineno,
                    "",
                    f"not well-formed XML ({expat.ErrorString(error.code)}, column "
                    f"{error.offset + 1}): Moodle reads no question of such a file",
                )
            ]
        ) from None
    document = root.children[0]
    if document.tag != "quiz":
        raise DataError(
            [
                FORMAT.problem(
                    file,
                    document.line,
                    "",
                    f"expected Moodle XML (a <quiz> element), found <{document.tag}>",
                )
            ]
        )
    return document


class _Question:
    """One ``<question>`` element, read by type."""

    def __init__(self, element: Element, category: str | None) -> None:
        self.element = element
        self.category = category
        self.kind = element.attrs.get("type", "")
        self.name = " ".join(element.value("name", "text").split())
        text = element.first("questiontext")
        self.fmt = self.format_of(text, "html")
        self.images: list[str] = []
        self.notes: list[str] = []
        self.partial: list[str] = []
        self.stem = self.markdown(text, self.fmt)
        general = element.first("generalfeedback")
        self.explanation = self.markdown(general, self.format_of(general, self.fmt)) or None
        files = [f.attrs.get("name", "") for f in element.walk() if f.tag in ("file", "image")]
        self.files = [f for f in files if f]

    @staticmethod
    def format_of(node: Element | None, default: TextFormat) -> TextFormat:
        if node is None or "format" not in node.attrs:
            return default
        return _FORMATS.get(node.attrs["format"], "html")

    def markdown(self, node: Element | None, default: TextFormat) -> str:
        if node is None:
            return ""
        return to_markdown(node.value("text"), self.format_of(node, default), self.images)

    def plain(self, node: Element | None) -> str:
        if node is None:
            return ""
        return to_plain(node.value("text"), self.format_of(node, self.fmt), self.images)

    @property
    def label(self) -> str:
        if self.name:
            return self.name
        flat = " ".join(self.stem.split())
        return flat if len(flat) <= 60 else flat[:57] + "..."

    def skip(self, reason: str, kind: str | None = None) -> Skipped:
        return Skipped(self.element.line, kind or self.kind or UNREADABLE, self.label, reason)

    def draft(self, **fields: object) -> Draft | Skipped:
        if not self.stem:
            return self.skip("the question has no text")
        dropped = list(dict.fromkeys([*self.images, *self.files]))
        notes = self.notes + ([images_note(dropped)] if dropped else [])
        return Draft(
            line=self.element.line,
            name=self.name or self.stem,
            stem=self.stem,
            category=self.category,
            notes=notes,
            partial_credit=self.partial,
            **fields,  # type: ignore[arg-type]
        )

    def read(self) -> Draft | Skipped:
        reader = {
            "multichoice": self.multichoice,
            "truefalse": self.truefalse,
            "shortanswer": self.shortanswer,
            "numerical": self.numerical,
            "matching": self.matching,
            "match": self.matching,
            "ordering": self.ordering,
        }.get(self.kind)
        if reader is not None:
            return reader()
        reason = NOT_IMPORTED.get(self.kind)
        if reason is None:
            what = f"Moodle question type '{self.kind}'" if self.kind else "a question with no type"
            reason = f"{what}: a type this site does not have"
        return self.skip(reason)

    def fraction(self, answer: Element) -> float | None:
        value = number(answer.attrs.get("fraction", "0"))
        return None if value is None else float(value)

    def answers(self) -> Iterator[tuple[float, Element]]:
        for answer in self.element.all("answer"):
            fraction = self.fraction(answer)
            if fraction is None:
                self.notes.append(
                    f"an answer's fraction '{answer.attrs.get('fraction')}' is no number: "
                    "read as 0%"
                )
                fraction = 0.0
            yield fraction, answer

    # ---- types -----------------------------------------------------------------------

    def multichoice(self) -> Draft | Skipped:
        single = self.element.value("single", default="true").lower() not in ("false", "0", "")
        weighted: list[tuple[float, DraftOption]] = []
        for fraction, answer in self.answers():
            text = self.markdown(answer, self.fmt)
            if not text:
                continue  # Moodle skips answers without text
            why = self.markdown(answer.first("feedback"), self.fmt) or None
            weighted.append((fraction, DraftOption(text, False, why)))
        found = scoring.choice(weighted, single=single)
        if isinstance(found, str):
            return self.skip(found)
        self.notes += found.notes
        self.partial += found.partial
        # Moodle: missing means false; "false", "0" and empty are false (trans_single).
        shuffle = self.element.value("shuffleanswers", default="false").lower()
        return self.draft(
            options=found.options,
            choose=found.choose,
            shuffle=shuffle not in ("false", "0", ""),
            explanation=self.explanation,
        )

    def truefalse(self) -> Draft | Skipped:
        feedback: dict[bool, str] = {}
        right: bool | None = None
        for position, (fraction, answer) in enumerate(self.answers()):
            word = answer.value("text").lower()
            value = {"true": True, "false": False}.get(word, position == 0)
            if word not in ("true", "false"):
                self.notes.append(f"answer '{word}' read as {value} (its place in the file)")
            feedback[value] = self.markdown(answer.first("feedback"), self.fmt)
            if fraction >= scoring.FULL:
                right = value
        if right is None:
            return self.skip("neither answer is marked right (fraction 100)")
        explanation = true_false_explanation(
            right, feedback.get(right, ""), feedback.get(not right, ""), self.explanation
        )
        return self.draft(type="true-false", answer=right, explanation=explanation)

    def shortanswer(self) -> Draft | Skipped:
        if self.element.value("usecase") == "1":
            self.notes.append("case-sensitive in Moodle; this site ignores case")
        accept: list[DraftAccept] = []
        for fraction, answer in self.answers():
            value = self.plain(answer)
            why = self.markdown(answer.first("feedback"), self.fmt) or None
            if not value:
                continue
            if fraction < scoring.FULL:
                if fraction > 0:
                    self.partial.append(f"'{value}' ({scoring.percent(fraction)})")
                elif why:
                    self.notes.append(f"feedback for the answer '{value}' dropped: {why}")
                continue
            if "*" in value:
                self.notes.append(
                    f"'{value}' not accepted: '*' is Moodle's wildcard, which this site does "
                    "not match"
                )
                continue
            accept.append(DraftAccept(value, why))
        if not accept:
            return self.skip(
                "no fully right answer this site can match (partial credit and '*' "
                "wildcards are not)"
            )
        return self.draft(type="short-answer", accept=accept, explanation=self.explanation)

    def numerical(self) -> Draft | Skipped:
        numbers: list[DraftNumber] = []
        for fraction, answer in self.answers():
            text = answer.value("text")
            why = self.markdown(answer.first("feedback"), self.fmt) or None
            if text == "*":
                if why:
                    self.notes.append(f"feedback for any other answer dropped: {why}")
                continue
            value = number(text)
            tolerance = number(answer.value("tolerance", default="0") or "0")
            if value is None or tolerance is None or tolerance < 0:
                return self.skip(
                    f"answer '{text}' with tolerance '{answer.value('tolerance')}' is not a "
                    "number with a tolerance of 0 or more"
                )
            if fraction < scoring.FULL:
                if fraction > 0:
                    self.partial.append(f"'{text}' ({scoring.percent(fraction)})")
                elif why:
                    self.notes.append(f"feedback for the answer '{text}' dropped: {why}")
                continue
            numbers.append(DraftNumber(value, tolerance, why=why))
        if not numbers:
            return self.skip("no fully right answer")
        unit: str | None = None
        units = self.element.first("units")
        for entry in units.all("unit") if units is not None else []:
            name = entry.value("unit_name")
            multiplier = number(entry.value("multiplier", default="1"))
            if multiplier == 1 and unit is None:
                unit = name or None
            elif name:
                self.notes.append(
                    f"unit '{name}' (x{entry.value('multiplier')}) dropped: only the base unit "
                    "is shown"
                )
        return self.draft(type="numeric", numbers=numbers, unit=unit, explanation=self.explanation)

    def matching(self) -> Draft | Skipped:
        pairs: list[DraftPair] = []
        distractors: list[str] = []
        for sub in self.element.all("subquestion"):
            prompt = self.markdown(sub, self.fmt)
            answer = to_markdown(sub.value("answer", "text"), "plain")
            if not answer:
                continue
            if prompt:
                pairs.append(DraftPair(prompt, answer))
            elif answer not in distractors:
                distractors.append(answer)
        low, high = MATCHING_PROMPTS
        if not low <= len(pairs) <= high:
            return self.skip(
                f"a matching question needs {low} to {high} prompts, found {len(pairs)}"
            )
        answers = {p.answer for p in pairs}
        return self.draft(
            type="matching",
            pairs=pairs,
            distractors=[d for d in distractors if d not in answers],
            explanation=self.explanation,
        )

    def ordering(self) -> Draft | Skipped:
        items = []
        for _, answer in self.answers():
            text = self.markdown(answer, self.fmt)
            if text:
                items.append(
                    DraftItem(text, self.markdown(answer.first("feedback"), self.fmt) or None)
                )
        low, high = ORDERING_ITEMS
        if not low <= len(items) <= high:
            return self.skip(f"an ordering needs {low} to {high} items, found {len(items)}")
        select = self.element.value("selecttype") or self.element.value("logical") or "RANDOM"
        count = number(self.element.value("selectcount") or self.element.value("studentsee") or "6")
        if (
            select.upper() not in ("ALL", "EXACT", "0")
            and isinstance(count, int)
            and count < len(items)
        ):
            self.notes.append(
                f"Moodle shows {count} of the {len(items)} items; this site shows them all"
            )
        grading = self.element.value("gradingtype") or "RELATIVE_NEXT_EXCLUDE_LAST"
        if grading.upper() != "ALL_OR_NOTHING":
            self.notes.append(f"graded {grading} in Moodle; this site scores all or nothing")
        return self.draft(type="ordering", items=items, explanation=self.explanation)


def read(text: str, file: str) -> Iterator[Draft | Skipped]:
    """Every question of a Moodle XML file, once each, as a draft or a skipped question."""
    document = parse(bounded(text, file), file)
    category: str | None = None
    for element in document.children:
        if element.tag != "question":
            continue
        if element.attrs.get("type") == "category":
            category = element.value("category", "text") or None
            continue
        yield _Question(element, category).read()


FORMAT = Format(name="moodle-xml", title="Moodle XML", suffix=".xml", read=read)
