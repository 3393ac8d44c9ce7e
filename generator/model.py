"""Typed content model: exam, domains, topics, tables, trees, questions, glossary.

Every model that comes from YAML carries an ``at`` :class:`Source` naming the file and
line it was read from, so checks can point authors at the exact place to fix.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)


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


class Node(BaseModel):
    """Base of every model read from YAML: strict about unknown fields, remembers its source."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, arbitrary_types_allowed=True, populate_by_name=True
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

    name: Text
    description: Text


class BlueprintDomain(Node):
    """A domain as the exam guide lists it: number, title, weight in percent."""

    number: int = Field(ge=1)
    title: Text
    weight: int = Field(ge=1, le=100)


ExamStatus = Literal["current", "retiring", "retired"]


class Successor(Node):
    """A current exam that tests the same material as a retired or retiring one."""

    code: Text = Field(description="Exam code, for example MLA-C01.")
    title: Text = Field(description="Full name of the exam.")
    covers: str | None = Field(
        default=None, description="Which part of this exam's material it tests (Markdown)."
    )
    url: Annotated[str, Field(pattern=r"^https?://")] | None = Field(
        default=None, description="The exam's official page."
    )


class Exam(Node):
    """The exam blueprint: format, scoring and the weighted list of domains."""

    id: Id
    title: Text
    code: Text
    provider: Text
    questions: int = Field(ge=1)
    scored_questions: int | None = Field(default=None, ge=0)
    unscored_questions: int | None = Field(default=None, ge=0)
    minutes: int = Field(ge=1)
    score_min: int | None = None
    score_max: int | None = None
    passing_score: int | None = None
    passing_percent: float | None = Field(default=None, gt=0, le=100)
    """Percent right that passes, where the exam publishes one (the practice exam uses it)."""
    response_types: list[ResponseType] = Field(default_factory=list)
    summary: Text
    domains: list[BlueprintDomain] = Field(min_length=1)
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

    @model_validator(mode="after")
    def _retirement_has_a_date(self) -> Exam:
        if self.status != "current" and self.retired_on is None:
            raise ValueError(f"an exam with status '{self.status}' needs 'retired_on' (a date)")
        return self


# ---- topic content blocks ---------------------------------------------------------------

CalloutKind = Literal[
    "exam-tip", "exam-concept", "exam-pattern", "exam-weight", "decision-shortcut", "warning"
]


class Callout(Node):
    """A highlighted box: exam tip, concept, pattern, weight, decision shortcut or warning."""

    kind: CalloutKind
    title: str | None = None
    text: Text


class HeadingBlock(Node):
    """A sub-heading inside a topic page."""

    heading: Text


class ProseBlock(Node):
    """A paragraph of Markdown."""

    prose: Text


class PointsBlock(Node):
    """A bulleted list; each point is inline Markdown."""

    points: list[Text] = Field(min_length=1)


class CalloutBlock(Node):
    """A callout placed in the flow of a topic."""

    callout: Callout


class TableBlock(Node):
    """A reference to a comparison table, rendered in place."""

    table: Id


class TreeBlock(Node):
    """A reference to a decision tree, rendered in place."""

    tree: Id


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

    title: Text
    url: Annotated[str, Field(pattern=r"^https?://")]


class Topic(Node):
    """One study topic: a page of content blocks followed by its self-check questions."""

    id: Id
    title: Text
    summary: Text
    blocks: list[Block] = Field(min_length=1)
    links: list[Link] = Field(default_factory=list)


# ---- comparison tables -------------------------------------------------------------------

AttributeKind = Literal["text", "yesno", "number"]
Cell = bool | int | float | str


class Attribute(Node):
    """A column of a comparison table."""

    id: Id
    name: Text
    kind: AttributeKind = "text"
    unit: str | None = None
    sortable: bool | None = None

    @property
    def is_sortable(self) -> bool:
        """Whether the column gets a sort button (numbers and yes/no by default)."""
        return self.sortable if self.sortable is not None else self.kind != "text"


class Item(Node):
    """A row of a comparison table: the thing compared, optionally linked to its topic."""

    id: Id
    name: Text
    topic: Id | None = None
    cells: dict[str, Cell]
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
    title: Text
    intro: str | None = None
    item_label: Text = "Item"
    attributes: list[Attribute] = Field(min_length=1)
    items: list[Item] = Field(min_length=2)
    notes: list[Text] = Field(default_factory=list)


# ---- decision trees ----------------------------------------------------------------------


class Choice(Node):
    """An answer to a tree question, leading to another question or to an outcome."""

    label: Text
    next: Id


class TreeQuestion(Node):
    """A question node of a decision tree."""

    id: Id
    question: Text
    help: str | None = None
    choices: list[Choice] = Field(min_length=2)


class RowRef(Node):
    """A row of a comparison table: the table id and the item id."""

    table: Id
    item: Id


class Outcome(Node):
    """Where a path through a tree ends: the answer, why, and where to read more."""

    id: Id
    answer: Text
    why: Text
    topic: Id
    row: RowRef | None = None


class Tree(Node):
    """A decision tree: question nodes and outcomes sharing one id space."""

    id: Id
    title: Text
    intro: str | None = None
    start: Id
    nodes: list[TreeQuestion] = Field(min_length=1)
    outcomes: list[Outcome] = Field(min_length=2)


# ---- questions ------------------------------------------------------------------------

Difficulty = Literal["easy", "medium", "hard"]


class Option(Node):
    """An answer option with the reason it is right or wrong."""

    text: Text
    correct: bool = False
    why: Text


class Question(Node):
    """A practice question: a scenario, its options and how many of them to choose."""

    id: Id
    topics: list[Id] = Field(min_length=1)
    stem: Text
    choose: int = Field(default=1, ge=1)
    options: list[Option]
    shuffle: bool = True
    difficulty: Difficulty | None = None
    source: str | None = None

    @property
    def content_hash(self) -> str:
        """A short hash of what the learner sees; an edited question counts as a new one."""
        payload = {
            "stem": self.stem,
            "choose": self.choose,
            "options": [[o.text, o.correct] for o in self.options],
        }
        digest = hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8"))
        return digest.hexdigest()[:12]

    @property
    def correct_indexes(self) -> list[int]:
        """Positions of the correct options, in authored order."""
        return [i for i, option in enumerate(self.options) if option.correct]


# ---- domain, glossary, bank -----------------------------------------------------------


class Domain(Node):
    """A domain with content: overview fields from ``domain.yml`` plus its study material."""

    number: int = Field(ge=1)
    title: Text
    level: str | None = None
    summary: Text
    weight_note: str | None = None
    takeaways: list[Text] = Field(default_factory=list)
    tips: list[Callout] = Field(default_factory=list)


class DomainFile(Node):
    """Any other YAML file in a domain folder: lists of topics, tables, trees, questions."""

    topics: list[Topic] = Field(default_factory=list)
    tables: list[Table] = Field(default_factory=list)
    trees: list[Tree] = Field(default_factory=list)
    questions: list[Question] = Field(default_factory=list)


class Term(Node):
    """A glossary entry: abbreviation and what it stands for."""

    term: Text
    expansion: Text
    note: str | None = None


class Glossary(Node):
    """All glossary terms of the exam."""

    terms: list[Term] = Field(default_factory=list)


@dataclass
class DomainContent:
    """A domain and everything read from its folder."""

    domain: Domain
    topics: list[Topic]
    tables: list[Table]
    trees: list[Tree]
    questions: list[Question]

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
