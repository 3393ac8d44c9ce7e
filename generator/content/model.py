"""Typed content model: exam, domains, topics, tables, trees, questions, glossary.

Every model that comes from YAML carries an ``at`` :class:`Source` naming the file and
line it was read from, so checks can point authors at the exact place to fix.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, cast, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    StrictBool,
    StrictFloat,
    StrictInt,
    Tag,
    TypeAdapter,
    field_validator,
    model_validator,
)

from generator.errors import Problem


@dataclass(frozen=True)
class Source:
    """Where a mapping was read from: file, line, and the line of each of its keys."""

    file: str = "<memory>"
    line: int = 0
    fields: Mapping[str, int] = field(default_factory=dict)
    items: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    def line_of(self, name: str, index: int | None = None) -> int:
        """Line of field ``name`` (or of its ``index``-th list item), else the mapping's."""
        if index is not None:
            lines = self.items.get(name, ())
            if 0 <= index < len(lines):
                return lines[index]
        return self.fields.get(name, self.line)


UNKNOWN = Source()
SOURCE_KEY = "@at"

Id = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1)]

# Longest text a field may hold (issue 34): far above what real content needs (the bundled
# exam's longest values are 71, 263, 476 and 186 characters), so that one pasted or generated
# text cannot make a build take minutes; checked when the data loads, with file, line and field.
NAME_MAX = 300
LINE_MAX = 1_000
PASSAGE_MAX = 5_000
PROSE_MAX = 20_000
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX)]
"""A title, name, label, code, unit or source."""
Line = Annotated[str, Field(min_length=1, max_length=LINE_MAX)]
"""An option, an item, a prompt, an accepted answer, a definition, a tree's question or help."""
Passage = Annotated[str, Field(min_length=1, max_length=PASSAGE_MAX)]
"""A stem, a scenario, an explanation, a summary, a callout, a point: a paragraph or a few."""
Prose = Annotated[str, Field(min_length=1, max_length=PROSE_MAX)]
"""A prose block: paragraphs and lists."""

OPTIONS_MAX = 26
"""Options (and ordering items, matching pairs and distractors, accepted answers) of one
question: one letter each, A to Z, where the widgets letter them."""
CHOICES_MAX = 10
"""Choices of one decision-tree question."""
NODES_MAX = 50
"""Questions, and outcomes, of one decision tree: at most 500 choices, drawn and outlined."""
PARTS_MAX = 20
"""Questions of one case study."""
ROWS_MAX = 100
"""Rows of a comparison table or of a case study's table of facts."""
DOMAIN_MAX = 99
"""Highest domain number: domain folders are domain-1 to domain-99."""


class Node(BaseModel):
    """Base of every model read from YAML: strict about unknown fields, remembers its source."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
        populate_by_name=True,
        # Field docstrings become descriptions in the JSON Schemas and the author's reference.
        use_attribute_docstrings=True,
    )

    at: Source = Field(default=UNKNOWN, alias=SOURCE_KEY, exclude=True, repr=False)

    @field_validator("*", mode="before")
    @classmethod
    def _strip_text(cls, value: Any) -> Any:
        # YAML block scalars end in a newline; authors should not have to care.
        return value.strip() if isinstance(value, str) else value


# ---- exam blueprint -------------------------------------------------------------------


class ResponseType(Node):
    """A kind of exam response, for example multiple choice."""

    name: Name
    """Name of the response type, for example Multiple choice."""
    description: Line
    """How a candidate answers this kind of question."""


class BlueprintDomain(Node):
    """A domain as the exam guide lists it: number, title, weight in percent."""

    number: int = Field(ge=1, le=DOMAIN_MAX)
    """The domain's number in the exam guide; its folder holds a domain.yml with the same number."""
    title: Name
    """The domain's title as the exam guide gives it."""
    weight: int = Field(ge=1, le=100)
    """Share of the scored content, in percent; the weights of all domains add up to 100."""


ExamStatus = Literal["current", "retiring", "retired"]


class Successor(Node):
    """A current exam that tests the same material as a retired or retiring one."""

    code: Name = Field(description="Exam code, for example MLA-C01.")
    title: Name = Field(description="Full name of the exam.")
    covers: Line | None = Field(
        default=None, description="Which part of this exam's material it tests (Markdown)."
    )
    url: Annotated[str, Field(pattern=r"^https?://")] | None = Field(
        default=None, description="The exam's official page."
    )


class Exam(Node):
    """The exam blueprint: format, scoring and the weighted list of domains."""

    id: Id
    """Stable id of the exam (lowercase letters, digits, hyphens); progress is kept under it."""
    title: Name
    """Full name of the exam; it names the site and the home page."""
    code: Name
    """The exam's code, for example MLS-C01; the site is called '<code> study site'."""
    provider: Name
    """Who offers the exam; named in the site's description and default footer."""
    disclaimer: Line | None = None
    """Footer line of every page; default: '... Not affiliated with or endorsed by <provider>.'"""
    questions: int = Field(ge=1)
    """Number of questions in the exam."""
    scored_questions: int | None = Field(default=None, ge=0)
    """How many of the questions are scored, if the guide says."""
    unscored_questions: int | None = Field(default=None, ge=0)
    """How many unscored (trial) questions the exam holds, if the guide says."""
    minutes: int = Field(ge=1)
    """Time allowed, in minutes."""
    score_min: int | None = None
    """Lowest possible scaled score, if known."""
    score_max: int | None = None
    """Highest possible scaled score, if known."""
    passing_score: int | None = None
    """Scaled score needed to pass, if known."""
    passing_percent: float | None = Field(default=None, gt=0, le=100)
    """Percent right that passes, where the exam publishes one (the practice exam uses it)."""
    response_types: list[ResponseType] = Field(default_factory=list)
    """Kinds of questions in the exam, shown on the home page."""
    summary: Passage
    """A paragraph about the exam for the home page (Markdown)."""
    domains: list[BlueprintDomain] = Field(min_length=1)
    """The blueprint: every domain of the exam with its weight."""
    status: ExamStatus = Field(
        default="current",
        description="'current', 'retiring' (a last date is announced) or 'retired'.",
    )
    retired_on: datetime.date | None = Field(
        default=None, description="Last day the exam can be taken (YYYY-MM-DD)."
    )
    status_source: Link | None = Field(
        default=None, description="Where the provider announces the status."
    )
    successors: list[Successor] = Field(
        default_factory=list, description="Current exams that test the same material."
    )


# ---- sources and changes ----------------------------------------------------------------

Url = Annotated[str, Field(pattern=r"^https?://", max_length=2_000)]


class SourceRef(Node):
    """A page the facts of a topic or section were checked against, and when."""

    url: Url
    """Address of the page (http or https)."""
    title: Name
    """Title of the page, as the learner sees the link."""
    checked: datetime.date
    """Day the facts were last checked against the page (YYYY-MM-DD)."""


class Changed(Node):
    """What changed since the exam was written: one notice per topic or section."""

    date: datetime.date
    """When the change took effect (YYYY-MM-DD); where the source gives no date, the note says
    which day this is instead (for example the day it was checked)."""
    note: Passage
    """What changed, in one or two sentences (Markdown)."""
    source: Url
    """The page that says so."""


# ---- topic content blocks ---------------------------------------------------------------

CalloutKind = Literal[
    "exam-tip", "exam-concept", "exam-pattern", "exam-weight", "decision-shortcut", "warning"
]


class Callout(Node):
    """A highlighted box: exam tip, concept, pattern, weight, decision shortcut or warning."""

    kind: CalloutKind
    """What the box is: exam-tip, exam-concept, exam-pattern, exam-weight, decision-shortcut..."""
    title: Name | None = None
    """The box's title; default: the name of its kind."""
    text: Passage
    """The box's content (Markdown)."""


class HeadingBlock(Node):
    """A sub-heading inside a topic page."""

    heading: Name
    """Text of a sub-heading inside the topic page."""
    sources: list[SourceRef] = Field(default_factory=list)
    """Pages the facts of this section were checked against; listed under the section."""
    changed: Changed | None = None
    """What changed in this section since the exam was written; a dated notice under the
    heading."""


class ProseBlock(Node):
    """A paragraph of Markdown."""

    prose: Prose
    """A paragraph of Markdown."""


class PointsBlock(Node):
    """A bulleted list; each point is inline Markdown."""

    points: list[Passage] = Field(min_length=1)
    """Bulleted points, each one line of inline Markdown."""


class CalloutBlock(Node):
    """A callout placed in the flow of a topic."""

    callout: Callout
    """A highlighted box placed here in the topic."""


class TableBlock(Node):
    """A reference to a comparison table, rendered in place."""

    table: Id
    """Id of a comparison table to show here."""


class TreeBlock(Node):
    """A reference to a decision tree, rendered in place."""

    tree: Id
    """Id of a decision tree to show here."""


BLOCK_KEYS = ("heading", "prose", "points", "callout", "table", "tree")


def _block_tag(value: Any) -> str | None:
    if isinstance(value, Mapping):
        for key in BLOCK_KEYS:
            if key in value:
                return key
        return None
    return next((key for key in BLOCK_KEYS if hasattr(value, key)), None)


Block = Annotated[
    Annotated[HeadingBlock, Tag("heading")]
    | Annotated[ProseBlock, Tag("prose")]
    | Annotated[PointsBlock, Tag("points")]
    | Annotated[CalloutBlock, Tag("callout")]
    | Annotated[TableBlock, Tag("table")]
    | Annotated[TreeBlock, Tag("tree")],
    Discriminator(
        _block_tag,
        custom_error_type="block_kind",
        custom_error_message="expected a block with one of the keys " + ", ".join(BLOCK_KEYS),
    ),
]


class Link(Node):
    """A link to official documentation."""

    title: Name
    """The link's text."""
    url: Annotated[str, Field(pattern=r"^https?://")]
    """Address of the page (http or https)."""


class Topic(Node):
    """One study topic: a page of content blocks followed by its self-check questions."""

    id: Id
    """Stable id of the topic (lowercase letters, digits, hyphens); it is the page's URL."""
    title: Name
    """Title of the topic page."""
    summary: Passage
    """One sentence on what the topic covers; shown on the domain overview."""
    blocks: list[Block] = Field(min_length=1)
    """The page's content in order; each block has one key: heading, prose, points, callout..."""
    links: list[Link] = Field(default_factory=list)
    """Links to official documentation, listed at the end of the page."""
    sources: list[SourceRef] = Field(default_factory=list)
    """Pages the topic's facts were checked against; listed at the end of the page."""
    changed: Changed | None = None
    """What changed for the whole topic since the exam was written; a dated notice at the top."""


# ---- comparison tables -------------------------------------------------------------------

AttributeKind = Literal["text", "yesno", "number"]
Cell = bool | int | float | Line


class Attribute(Node):
    """A column of a comparison table."""

    id: Id
    """Stable id of the column; every item's cells use it as key."""
    name: Name
    """Column heading."""
    kind: AttributeKind = "text"
    """What the cells hold: text, yesno (true/false) or number."""
    unit: Name | None = None
    """Unit shown after number cells, for example ms."""
    sortable: bool | None = None
    """Whether the column gets a sort button; default: yes (text sorts alphabetically, numbers
    by value, yes before no). `false` for a column whose order means nothing."""

    @property
    def is_sortable(self) -> bool:
        """Whether the column gets a sort button: every column unless the author says false."""
        return self.sortable is not False


class Item(Node):
    """A row of a comparison table: the thing compared, optionally linked to its topic."""

    id: Id
    """Stable id of the row; links to the row use it."""
    name: Name
    """What the row compares, shown in the first column."""
    topic: Id | None = None
    """Id of the topic page the row links to."""
    cells: dict[str, Cell]
    """One value per column id: text, a number, or true/false for yesno columns."""
    cells_at: Source = Field(default=UNKNOWN, exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _split_cell_source(cls, data: Any) -> Any:
        # The loader tags every mapping with its source; for cells that tag is not a cell.
        if isinstance(data, Mapping) and isinstance(data.get("cells"), Mapping):
            cells = dict(data["cells"])
            source = cells.pop(SOURCE_KEY, None)
            data = {**data, "cells": cells}
            if isinstance(source, Source):
                data["cells_at"] = source
        return data


class Table(Node):
    """A comparison table: items (rows) against attributes (columns)."""

    id: Id
    """Stable id of the table; a topic shows it with a 'table:' block."""
    title: Name
    """Title of the table."""
    intro: Passage | None = None
    """A sentence or two shown above the table (Markdown)."""
    item_label: Name = "Item"
    """Heading of the first column, naming what the rows are."""
    attributes: list[Attribute] = Field(min_length=1)
    """The columns, in order."""
    items: list[Item] = Field(min_length=2, max_length=ROWS_MAX)
    """The rows, in order; at least two."""
    notes: list[Passage] = Field(default_factory=list)
    """Footnotes shown under the table (Markdown)."""


# ---- decision trees ----------------------------------------------------------------------


class Choice(Node):
    """An answer to a tree question, leading to another question or to an outcome."""

    label: Name
    """The answer as the learner clicks it; quote Yes and No."""
    next: Id
    """Id of the question node or outcome this answer leads to."""


class TreeQuestion(Node):
    """A question node of a decision tree."""

    id: Id
    """Stable id of the node, unique among the tree's nodes and outcomes."""
    question: Line
    """The question asked at this node."""
    help: Line | None = None
    """A hint shown under the question."""
    choices: list[Choice] = Field(min_length=2, max_length=CHOICES_MAX)
    """The possible answers; at least two."""


class RowRef(Node):
    """A row of a comparison table: the table id and the item id."""

    table: Id
    """Id of the comparison table."""
    item: Id
    """Id of the row (item) in that table."""


class Outcome(Node):
    """Where a path through a tree ends: the answer, why, and where to read more."""

    id: Id
    """Stable id of the outcome, unique among the tree's nodes and outcomes."""
    answer: Name
    """The answer this path leads to."""
    why: Passage
    """Why this is the answer."""
    topic: Id
    """Id of the topic to read more."""
    row: RowRef | None = None
    """A comparison table row about the answer, linked from the outcome."""


class Tree(Node):
    """A decision tree: question nodes and outcomes sharing one id space."""

    id: Id
    """Stable id of the tree; a topic shows it with a 'tree:' block."""
    title: Name
    """Title of the tree."""
    intro: Passage | None = None
    """A sentence shown above the tree (Markdown)."""
    start: Id
    """Id of the first question node."""
    nodes: list[TreeQuestion] = Field(min_length=1, max_length=NODES_MAX)
    """The question nodes."""
    outcomes: list[Outcome] = Field(min_length=2, max_length=NODES_MAX)
    """Where the paths end; at least two."""


# ---- questions ------------------------------------------------------------------------

Difficulty = Literal["easy", "medium", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = get_args(Difficulty)
"""The difficulties, easiest first."""


NO_EXPLANATION = "No explanation given"
"""What learners see for an option without a ``why`` (imported banks often have none)."""


class Option(Node):
    """An answer option with the reason it is right or wrong."""

    text: Line
    """The option as the learner reads it; never refer to other options by letter."""
    correct: bool = False
    """Whether this option is a right answer."""
    why: Passage | None = None
    """Why the option is right or wrong, shown after answering (else: No explanation given)."""


QuestionType = Literal[
    "choice", "true-false", "ordering", "matching", "numeric", "short-answer", "case-study"
]
QUESTION_TYPES: tuple[QuestionType, ...] = get_args(QuestionType)
"""Every value of a question's ``type``; ``choice`` when it is absent."""
ANSWERABLE_TYPES: tuple[QuestionType, ...] = QUESTION_TYPES[:-1]
"""The types of questions a learner answers (a case study holds them; it is not one)."""

ORDERING_ITEMS = (3, 10)
"""Fewest and most items of an ordering question."""
MATCHING_PROMPTS = (2, 10)
"""Fewest and most prompts of a matching question."""
MIN_CASE_PARTS = 2
"""Fewest questions of a case study."""

Number = StrictInt | StrictFloat
"""A number as the author wrote it: ``6`` stays an int, ``0.5`` a float; text is refused."""


def normalise_answer(text: str) -> str:
    """A typed short answer as it is compared: NFKC, case folded, spaces trimmed and collapsed.

    NFKC turns full-width and compatibility characters into their plain forms (full-width
    letters and digits, ligatures), case folding is Unicode's full folding (``Straße`` and
    ``STRASSE`` are equal), NFKC again after folding (folding can leave composable pairs),
    and every run of white space is one space, none at either end. Pages carry accepted
    answers in this form; the quiz script folds what the learner types the same way.
    """
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return " ".join(folded.split())


def _digest(payload: Mapping[str, Any]) -> str:
    digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8"))
    return digest.hexdigest()[:12]


class BaseQuestion(Node):
    """What every question has: id, topics, stem, difficulty, explanation, source."""

    id: Id
    """Stable id of the question; learners' progress is kept under it."""
    topics: list[Id] = Field(min_length=1)
    """Ids of the topics the question tests; the first is its main topic."""
    stem: Passage
    """The scenario and the question (Markdown)."""
    difficulty: Difficulty | None = None
    """How hard the question is: easy, medium or hard."""
    explanation: Passage | None = None
    """General feedback on the whole question, shown with the answer (optional)."""
    source: Name | None = None
    """Where the question comes from, for the author's records."""

    _case: CaseStudy | None = PrivateAttr(default=None)

    @property
    def case(self) -> CaseStudy | None:
        """The case study this question is a part of, if any."""
        return self._case

    def _answer_payload(self) -> dict[str, Any]:  # pragma: no cover - every type overrides
        raise NotImplementedError

    @property
    def content_hash(self) -> str:
        """A short hash of what the learner sees; an edited question counts as a new one.

        A case study's part also hashes the scenario and table it is read with.
        """
        payload = {"stem": self.stem, **self._answer_payload()}
        if self._case is not None:
            payload["case"] = self._case.scenario_payload()
        return _digest(payload)


class Question(BaseQuestion):
    """A multiple-choice question: a scenario, its options and how many of them to choose."""

    type: Literal["choice"] = "choice"
    """The question's kind; `choice` (options to pick) when absent."""
    choose: int = Field(default=1, ge=1)
    """How many options to pick; exactly that many are correct."""
    options: list[Option] = Field(max_length=OPTIONS_MAX)
    """The answer options; they are shuffled unless shuffle is false."""
    shuffle: bool = True
    """Whether the options are shuffled on each attempt; false for 'All of the above' options."""

    def _answer_payload(self) -> dict[str, Any]:
        # The payload of every question before types existed: stored progress stays valid.
        return {"choose": self.choose, "options": [[o.text, o.correct] for o in self.options]}

    @property
    def correct_indexes(self) -> list[int]:
        """Positions of the correct options, in authored order."""
        return [i for i, option in enumerate(self.options) if option.correct]


ChoiceQuestion = Question
"""The multiple-choice question (`type: choice`), under the name of its type."""


class TrueFalseQuestion(BaseQuestion):
    """A statement the learner judges true or false."""

    type: Literal["true-false"]
    """`true-false`: the stem is a statement, `answer` says whether it is true."""
    answer: StrictBool
    """Whether the statement is true; say why in `explanation`."""

    def _answer_payload(self) -> dict[str, Any]:
        return {"type": self.type, "answer": self.answer}


class OrderItem(Node):
    """One step or element of an ordering question."""

    text: Line
    """The item as the learner reads it; never say its position ('first', 'then', '1.')."""
    why: Passage | None = None
    """Why it goes where it goes, shown after answering; never name positions by number."""


class OrderingQuestion(BaseQuestion):
    """Items the learner puts in order; written here in the right order, shown shuffled."""

    type: Literal["ordering"]
    """`ordering`: put the items in the right order."""
    items: list[OrderItem] = Field(max_length=OPTIONS_MAX)
    """The items in their RIGHT order, 3 to 10; pages show them shuffled."""

    def _answer_payload(self) -> dict[str, Any]:
        return {"type": self.type, "items": [i.text for i in self.items]}


class Pair(Node):
    """A matching prompt and its one right answer."""

    prompt: Line
    """What the learner matches, for example a service."""
    answer: Line
    """Its right answer; two prompts may share one answer."""
    why: Passage | None = None
    """Why this answer belongs to this prompt, shown after answering."""


class MatchingQuestion(BaseQuestion):
    """Prompts the learner pairs with answers; extra answers may serve as distractors."""

    type: Literal["matching"]
    """`matching`: pair each prompt with one of the answers."""
    pairs: list[Pair] = Field(max_length=OPTIONS_MAX)
    """Each prompt with its right answer, 2 to 10 prompts."""
    distractors: list[Line] = Field(default_factory=list, max_length=OPTIONS_MAX)
    """Answers offered that fit no prompt; each differs from every answer."""

    def _answer_payload(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "pairs": [[p.prompt, p.answer] for p in self.pairs],
            "distractors": list(self.distractors),
        }

    @property
    def answers(self) -> list[str]:
        """The answers offered: each distinct answer once (authored order), then distractors."""
        return list(dict.fromkeys(p.answer for p in self.pairs)) + list(self.distractors)

    @property
    def key(self) -> list[int]:
        """For each prompt, the index of its answer in :attr:`answers`."""
        answers = self.answers
        return [answers.index(p.answer) for p in self.pairs]


class NumberAccept(Node):
    """One accepted numeric answer: a value with a tolerance, or a range."""

    answer: Number | None = None
    """The value (with `tolerance`), when the entry is not a `range`."""
    tolerance: Number | None = None
    """Plus or minus this around `answer`; default 0, never negative."""
    range: list[Number] | None = None
    """`[min, max]`, both accepted (min <= max), instead of `answer`."""
    why: Passage | None = None
    """Feedback for a learner whose number falls here."""

    @property
    def bounds(self) -> tuple[Number, Number]:
        """The accepted interval, both ends included."""
        if self.range is not None and len(self.range) == 2:
            return self.range[0], self.range[1]
        value = self.answer if self.answer is not None else 0
        tolerance = self.tolerance or 0
        return (value - tolerance, value + tolerance) if tolerance else (value, value)


class NumericQuestion(BaseQuestion):
    """A number to type: a value with a tolerance, a range, or several accepted entries."""

    type: Literal["numeric"]
    """`numeric`: the learner types a number."""
    answer: Number | None = None
    """The right value (with `tolerance`); or give `range` or `accept` instead."""
    tolerance: Number | None = None
    """Plus or minus this around `answer` is right too; default 0, never negative."""
    range: list[Number] | None = None
    """`[min, max]`: every number from min to max is right (min <= max)."""
    accept: list[NumberAccept] | None = None
    """Several accepted entries, each `{answer, tolerance?, why?}` or `{range, why?}`."""
    unit: Name | None = None
    """Unit shown beside the input, for example MB."""

    @property
    def accepted(self) -> list[NumberAccept]:
        """Every accepted entry, whichever way the author wrote it."""
        if self.accept is not None:
            return list(self.accept)
        return [
            NumberAccept.model_construct(
                answer=self.answer, tolerance=self.tolerance, range=self.range, why=None, at=self.at
            )
        ]

    def _answer_payload(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "accept": [list(a.bounds) for a in self.accepted],
            "unit": self.unit,
        }


class AcceptedText(Node):
    """An accepted short answer with feedback for a learner who typed it."""

    text: Line
    """The accepted answer."""
    why: Passage | None = None
    """Feedback shown when the learner typed this answer."""


class ShortAnswerQuestion(BaseQuestion):
    """A word or phrase to type, compared after normalisation with the accepted answers."""

    type: Literal["short-answer"]
    """`short-answer`: the learner types a short text."""
    accept: list[Line | AcceptedText] = Field(max_length=OPTIONS_MAX)
    """Accepted answers, at least one: texts, or `{text, why}`; compared after Unicode NFKC,
    case folding and trimming and collapsing spaces."""

    @property
    def accepted(self) -> list[AcceptedText]:
        """Every accepted answer as a text with its optional feedback."""
        return [
            a if isinstance(a, AcceptedText) else AcceptedText(text=a, at=self.at)
            for a in self.accept
        ]

    @property
    def normalised(self) -> list[str]:
        """The accepted answers as compared (:func:`normalise_answer`), each once."""
        return list(dict.fromkeys(normalise_answer(a.text) for a in self.accepted))

    def _answer_payload(self) -> dict[str, Any]:
        return {"type": self.type, "accept": self.normalised}


def _question_tag(value: Any) -> str:
    """The member of a question union `value` is: its `type`, `choice` when absent."""
    if isinstance(value, Mapping):
        kind = value.get("type", "choice")
        return kind if isinstance(kind, str) else repr(kind)
    return str(getattr(value, "type", "choice"))


def _union_error(what: str) -> str:
    return f"{what} with 'type' one of " + ", ".join(f"'{t}'" for t in ANSWERABLE_TYPES)


AnyQuestion = Annotated[
    Annotated[Question, Tag("choice")]
    | Annotated[TrueFalseQuestion, Tag("true-false")]
    | Annotated[OrderingQuestion, Tag("ordering")]
    | Annotated[MatchingQuestion, Tag("matching")]
    | Annotated[NumericQuestion, Tag("numeric")]
    | Annotated[ShortAnswerQuestion, Tag("short-answer")],
    Discriminator(
        _question_tag,
        custom_error_type="question_type",
        custom_error_message=_union_error("a question"),
    ),
]
"""An answerable question of any type (a case study holds them; it is not one)."""

Answerable = (
    Question
    | TrueFalseQuestion
    | OrderingQuestion
    | MatchingQuestion
    | NumericQuestion
    | ShortAnswerQuestion
)
"""The answerable question classes, for annotations and `isinstance`."""


class ChoicePart(Question):
    """A multiple-choice part of a case study."""

    topics: list[Id] = Field(default_factory=list)
    """Topics the part tests; default: the case study's."""


class TrueFalsePart(TrueFalseQuestion):
    """A true/false part of a case study."""

    topics: list[Id] = Field(default_factory=list)
    """Topics the part tests; default: the case study's."""


class OrderingPart(OrderingQuestion):
    """An ordering part of a case study."""

    topics: list[Id] = Field(default_factory=list)
    """Topics the part tests; default: the case study's."""


class MatchingPart(MatchingQuestion):
    """A matching part of a case study."""

    topics: list[Id] = Field(default_factory=list)
    """Topics the part tests; default: the case study's."""


class NumericPart(NumericQuestion):
    """A numeric part of a case study."""

    topics: list[Id] = Field(default_factory=list)
    """Topics the part tests; default: the case study's."""


class ShortAnswerPart(ShortAnswerQuestion):
    """A short-answer part of a case study."""

    topics: list[Id] = Field(default_factory=list)
    """Topics the part tests; default: the case study's."""


AnyPart = Annotated[
    Annotated[ChoicePart, Tag("choice")]
    | Annotated[TrueFalsePart, Tag("true-false")]
    | Annotated[OrderingPart, Tag("ordering")]
    | Annotated[MatchingPart, Tag("matching")]
    | Annotated[NumericPart, Tag("numeric")]
    | Annotated[ShortAnswerPart, Tag("short-answer")],
    Discriminator(
        _question_tag,
        custom_error_type="part_type",
        custom_error_message=_union_error("a question of any type but case-study"),
    ),
]
"""A question of a case study: any type but case-study."""


class ScenarioTable(Node):
    """A small table of facts shown with a case study's scenario."""

    columns: list[Name] = Field(min_length=1)
    """Column headings."""
    rows: list[list[Line | int | float]] = Field(min_length=1, max_length=ROWS_MAX)
    """Rows of cells, one cell per column (text or numbers)."""


class CaseStudy(Node):
    """A shared scenario followed by two or more questions, kept together everywhere."""

    id: Id
    """Stable id of the case study (its questions have ids of their own)."""
    type: Literal["case-study"]
    """`case-study`: a scenario with its questions."""
    topics: list[Id] = Field(min_length=1)
    """Topics of the case study; each question inherits them unless it gives its own."""
    title: Name | None = None
    """A short title, for example 'A retailer's demand forecasts'."""
    scenario: Passage
    """The shared scenario (Markdown), read before every question of the case study."""
    table: ScenarioTable | None = None
    """An optional table of facts shown under the scenario."""
    difficulty: Difficulty | None = None
    """Default difficulty of its questions."""
    source: Name | None = None
    """Where the case study comes from, for the author's records."""
    questions: list[AnyPart] = Field(max_length=PARTS_MAX)
    """Its questions in order, 2 or more, of any type but case-study; ids unique in the bank."""

    @model_validator(mode="before")
    @classmethod
    def _inherit(cls, data: Any) -> Any:
        # Parts without topics or difficulty take the case study's (before validation, so a
        # part is a complete question from then on).
        if not isinstance(data, Mapping) or not isinstance(data.get("questions"), list):
            return data
        inherited = {k: data[k] for k in ("topics", "difficulty") if data.get(k) is not None}
        parts = [
            {**{k: v for k, v in inherited.items() if k not in part}, **part}
            if isinstance(part, Mapping)
            else part
            for part in data["questions"]
        ]
        return {**data, "questions": parts}

    @model_validator(mode="after")
    def _adopt(self) -> CaseStudy:
        for part in self.questions:
            part._case = self
        return self

    def scenario_payload(self) -> dict[str, Any]:
        """What the learner reads with every part (part of each part's content hash)."""
        table = None
        if self.table is not None:
            table = [self.table.columns, self.table.rows]
        return {"title": self.title, "scenario": self.scenario, "table": table}

    @property
    def content_hash(self) -> str:
        """A short hash of the scenario and every part as the learner sees them."""
        return _digest(
            {"case": self.scenario_payload(), "parts": [q.content_hash for q in self.questions]}
        )


QuestionEntry = Annotated[
    Annotated[Question, Tag("choice")]
    | Annotated[TrueFalseQuestion, Tag("true-false")]
    | Annotated[OrderingQuestion, Tag("ordering")]
    | Annotated[MatchingQuestion, Tag("matching")]
    | Annotated[NumericQuestion, Tag("numeric")]
    | Annotated[ShortAnswerQuestion, Tag("short-answer")]
    | Annotated[CaseStudy, Tag("case-study")],
    Discriminator(
        _question_tag,
        custom_error_type="question_type",
        custom_error_message="a question with 'type' one of "
        + ", ".join(f"'{t}'" for t in QUESTION_TYPES),
    ),
]
"""An entry of a `questions:` list: a question of any type, or a case study."""

Entry = Answerable | CaseStudy
"""The classes of :data:`Item`, for annotations and `isinstance`."""


_QUESTION_ADAPTER: TypeAdapter[Answerable] = TypeAdapter(cast(Any, AnyQuestion))


def parse_question(data: Any) -> Answerable:
    """Validate one question of any answerable type (``type`` absent: choice).

    Raises:
        pydantic.ValidationError: ``data`` is no valid question.
    """
    return _QUESTION_ADAPTER.validate_python(data)


def answerable(items: Iterable[Entry]) -> list[Answerable]:
    """Every question a learner answers, in order: a case study's parts in its place."""
    out: list[Answerable] = []
    for item in items:
        if isinstance(item, CaseStudy):
            out.extend(item.questions)
        else:
            out.append(item)
    return out


# ---- domain, glossary, bank -----------------------------------------------------------


class Domain(Node):
    """A domain with content: overview fields from ``domain.yml`` plus its study material."""

    number: int = Field(ge=1, le=DOMAIN_MAX)
    """The domain's number; it must be listed in the blueprint in exam.yml."""
    title: Name
    """The domain's title."""
    level: Name | None = None
    """How deep the domain goes, for example Advanced."""
    summary: Passage
    """A paragraph on what the domain covers (Markdown)."""
    weight_note: Line | None = None
    """A note on the domain's weight, shown on its overview."""
    takeaways: list[Passage] = Field(default_factory=list)
    """Key takeaways, one point each (inline Markdown)."""
    tips: list[Callout] = Field(default_factory=list)
    """Exam tips for the domain, as callouts."""


class DomainFile(Node):
    """Any other YAML file in a domain folder: lists of topics, tables, trees, questions."""

    topics: list[Topic] = Field(default_factory=list)
    """Topics of the domain, in reading order."""
    tables: list[Table] = Field(default_factory=list)
    """Comparison tables."""
    trees: list[Tree] = Field(default_factory=list)
    """Decision trees."""
    questions: list[QuestionEntry] = Field(default_factory=list)
    """Practice questions of any type, and case studies (a scenario with its questions)."""


TermKind = Literal["abbreviation", "concept"]


class Term(Node):
    """A glossary entry: an abbreviation and what it stands for, or a concept and its meaning."""

    term: Name
    """The abbreviation as it appears in the text, for example KMS."""
    expansion: Line
    """What the abbreviation stands for; shown as its tooltip."""
    note: Line | None = None
    """A short note shown on the glossary page."""
    kind: TermKind = "abbreviation"
    """'abbreviation' (expansion is what it stands for) or 'concept' (expansion is a
    one-line definition); both are tooltips, each kind has its own glossary table."""


class Glossary(Node):
    """All glossary terms of the exam."""

    terms: list[Term] = Field(default_factory=list)
    """The glossary entries."""


@dataclass
class DomainContent:
    """A domain and everything read from its folder."""

    domain: Domain
    topics: list[Topic]
    tables: list[Table]
    trees: list[Tree]
    items: list[Entry]
    """The domain's ``questions:`` entries as written: questions and whole case studies."""

    @property
    def questions(self) -> list[Answerable]:
        """Every answerable question of the domain, case studies' parts in their place."""
        return answerable(self.items)

    @property
    def case_studies(self) -> list[CaseStudy]:
        """The domain's case studies."""
        return [item for item in self.items if isinstance(item, CaseStudy)]

    @property
    def slug(self) -> str:
        """URL folder of the domain's pages."""
        return f"domain-{self.domain.number}"


@dataclass
class Bank:
    """Everything loaded from a data folder: the validated input of rendering."""

    exam: Exam
    glossary: Glossary
    domains: list[DomainContent]
    files: list[str] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    """Found while loading (files the generator does not read); checks add their own."""
