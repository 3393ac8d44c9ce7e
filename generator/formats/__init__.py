"""Other question formats: readers bring questions in, writers take the validated bank out.

Each format is one module of this package that defines ``FORMAT``, a :class:`Format` with a
reader, a writer or both. A reader turns a file's text into :class:`Draft` questions (each
with its source line) and :class:`Skipped` entries for questions this site cannot show; a
writer turns a validated :class:`~generator.content.model.Bank` into the bytes of one file. A new
format is one new module; :func:`formats` finds it.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from generator.content.model import Answerable, Bank, CaseStudy, DomainContent, Entry
from generator.errors import DataError, Problem

QuestionType = Literal["choice", "true-false", "ordering", "matching", "numeric", "short-answer"]
"""The question types a reader can produce (item-types-spec.md; no format carries case studies)."""

Number = int | float
"""A number as the source wrote it: whole numbers stay ``int`` (``6``, not ``6.0``)."""

MAX_BYTES = 20 * 1024 * 1024
"""The largest source file an import reads (20 MB); a larger or endless one stops the import."""

MIN_OPTIONS = 2
ORDERING_ITEMS = (3, 10)
MATCHING_PROMPTS = (2, 10)
"""The counts item-types-spec.md gives; a question outside them is reported, not imported."""


@dataclass(frozen=True)
class DraftOption:
    """An answer option as read: its text, whether it is right, and its feedback if any."""

    text: str
    correct: bool
    why: str | None = None


@dataclass(frozen=True)
class DraftItem:
    """An ordering item (items are listed in their right order)."""

    text: str
    why: str | None = None


@dataclass(frozen=True)
class DraftPair:
    """A matching prompt with its right answer; two prompts may share one answer text."""

    prompt: str
    answer: str
    why: str | None = None


@dataclass(frozen=True)
class DraftAccept:
    """A short answer accepted as right (plain text, compared as typed), with its feedback."""

    text: str
    why: str | None = None


@dataclass(frozen=True)
class DraftNumber:
    """A numeric answer accepted as right: ``answer`` plus or minus ``tolerance``, or ``range``."""

    answer: Number | None = None
    tolerance: Number = 0
    range: tuple[Number, Number] | None = None
    why: str | None = None


@dataclass(frozen=True)
class Draft:
    """A question read from another format, before it gets an id and a place in a file.

    ``type`` says which of the type-specific fields carry the answer:

    - ``choice``: ``options`` (with ``correct`` and ``why``), ``choose``, ``shuffle``;
    - ``true-false``: ``answer`` (a bool); feedback goes into ``explanation``;
    - ``ordering``: ``items`` in their right order;
    - ``matching``: ``pairs`` (two prompts may name the same answer) and ``distractors``;
    - ``numeric``: ``numbers`` (one or more accepted values or ranges) and ``unit``;
    - ``short-answer``: ``accept`` (texts with an optional ``why``).
    """

    line: int
    """The line of the source where it starts."""
    name: str
    """What the source calls it (a GIFT name, a CSV id, else its stem): the re-import key."""
    stem: str
    options: list[DraftOption] = field(default_factory=list)
    choose: int = 1
    explanation: str | None = None
    id: str | None = None
    topics: list[str] = field(default_factory=list)
    """Topic ids given by the source; empty means the topic named on the command line."""
    category: str | None = None
    """The GIFT ``$CATEGORY`` (or Moodle XML category) the question was in, if any."""
    difficulty: str | None = None
    shuffle: bool = True
    notes: list[str] = field(default_factory=list)
    """What the import changed on the way in (for example an image dropped)."""
    row: int = 0
    """Its row, for formats that count rows (CSV: the header is row 1)."""
    type: QuestionType = "choice"
    answer: bool | None = None
    """The statement's truth, for ``true-false``."""
    items: list[DraftItem] = field(default_factory=list)
    pairs: list[DraftPair] = field(default_factory=list)
    distractors: list[str] = field(default_factory=list)
    numbers: list[DraftNumber] = field(default_factory=list)
    unit: str | None = None
    accept: list[DraftAccept] = field(default_factory=list)
    partial_credit: list[str] = field(default_factory=list)
    """Answers the source gives partial credit: this site scores all or nothing, so they
    count as wrong (choice) or are not accepted (short answer, numeric); listed in the report."""


@dataclass(frozen=True)
class Skipped:
    """A question of the source that is not imported, with the reason (reported by line)."""

    line: int
    kind: str
    """The question's type in the source (``essay``, ``cloze``...), or ``unreadable``."""
    name: str
    reason: str = ""
    row: int = 0


Reader = Callable[..., Iterator[Draft | Skipped]]
"""``read(text, file, **options)``: every question of a file, each once, as a :class:`Draft`
or a :class:`Skipped`, so that imported + not imported = the questions in the file; raises
DataError for a file that cannot be read at all (not the format, too large)."""

Writer = Callable[[Bank], bytes]
"""``write(bank)``: the bytes of one exported file holding every question of ``bank``."""

CaseExport = Literal["whole", "parts", "none"]
"""How a format carries case studies: ``whole`` (the scenario once, the parts together: QTI
sections, Anki notes tagged with the case), ``parts`` (each part it carries as a single
question, the scenario written before its stem: GIFT, CSV), ``none`` (listed by id)."""


@dataclass(frozen=True)
class Format:
    """A question format: its name on the command line, file suffix, reader and writer."""

    name: str
    title: str
    suffix: str
    read: Reader | None = None
    write: Writer | None = None
    unit: str = "line"
    """How the format's users count places: ``line`` or ``row`` (a record of a table)."""
    options: tuple[str, ...] = ()
    """Names of the reader's options (``columns``, ``preset``), given on the command line."""
    exports: frozenset[str] = frozenset({"choice"})
    """The question types the writer carries; the export lists the others by id."""
    cases: CaseExport = "none"
    """How the writer carries case studies (see :data:`CaseExport`)."""
    why_not: Mapping[str, str] = field(default_factory=dict)
    """For each type the writer does not carry, the reason the export lists with its ids."""
    refuse: Callable[[Answerable], str | None] | None = None
    """For a question of a type the writer carries: the reason this one cannot be written
    faithfully (text the format has no escape for), or None. The export lists it by id."""
    notes: Callable[[Bank], list[tuple[str, str]]] | None = None
    """What the writer changes on the way out, as (id, note): printed by the command."""

    def problem(self, file: str, line: int, field: str, message: str, row: int = 0) -> Problem:
        """A problem at a line (and row, for tables) of a source file, naming its field."""
        if row:
            where = f"row {row}" + (f", column {field}" if field else "")
            return Problem(file, line, where, message)
        return Problem(file, line, field, message)


def formats() -> dict[str, Format]:
    """Every format of this package, by name."""
    found: dict[str, Format] = {}
    for module in pkgutil.iter_modules(__path__):
        loaded = importlib.import_module(f"{__name__}.{module.name}")
        declared = getattr(loaded, "FORMAT", None)
        if isinstance(declared, Format):
            found[declared.name] = declared
    return dict(sorted(found.items()))


def readers() -> list[str]:
    """Names of the formats that can be imported."""
    return [name for name, f in formats().items() if f.read is not None]


def writers() -> list[str]:
    """Names of the formats that can be exported."""
    return [name for name, f in formats().items() if f.write is not None]


def write_atomically(target: Path, data: bytes, *, replace: bool) -> None:
    """Write ``data`` to ``target`` at once (a reader never sees half a file).

    With ``replace`` false an existing file is never replaced, even one made meanwhile:
    :class:`FileExistsError` is raised and nothing is written.
    """
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        Path(temporary).chmod(0o644)  # mkstemp makes it private; these are shared files
        if replace:
            Path(temporary).replace(target)
        else:
            os.link(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)


def select(bank: Bank, domain: int | None) -> Bank:
    """The bank with only domain ``domain`` (all domains when None)."""
    if domain is None:
        return bank
    chosen = [d for d in bank.domains if d.domain.number == domain]
    if not chosen:
        known = ", ".join(str(d.domain.number) for d in bank.domains) or "none"
        raise DataError(
            [Problem("", 0, "--domain", f"no domain {domain} in the data (domains: {known})")]
        )
    return Bank(exam=bank.exam, glossary=bank.glossary, domains=chosen, files=bank.files)


def exportable(bank: Bank, fmt: Format) -> tuple[Bank, list[tuple[str, str]]]:
    """``bank`` with only what ``fmt`` carries, and every other question as (id, reason).

    A question is left out when ``fmt`` does not carry its type, or when ``fmt.refuse``
    gives a reason for it (text the format cannot write faithfully). A case study is kept
    (with the parts ``fmt`` carries) when the format carries case studies whole or by parts;
    its other parts are listed by id, and a case study left without parts is listed whole.
    """
    domains: list[DomainContent] = []
    left: list[tuple[str, str]] = []

    def reason(question: Answerable) -> str | None:
        if question.type not in fmt.exports:
            why = fmt.why_not.get(question.type, f"{fmt.title} does not carry it")
            return f"type {question.type}: {why}"
        return fmt.refuse(question) if fmt.refuse is not None else None

    for content in bank.domains:
        kept: list[Entry] = []
        for item in content.items:
            if not isinstance(item, CaseStudy):
                why = reason(item)
                if why is None:
                    kept.append(item)
                else:
                    left.append((item.id, why))
                continue
            n = len(item.questions)
            if fmt.cases == "none":
                why = fmt.why_not.get("case-study", f"{fmt.title} does not carry it")
                plural = "s" if n != 1 else ""
                left.append((item.id, f"type case-study ({n} question{plural}): {why}"))
                continue
            parts = []
            for question in item.questions:
                why = reason(question)
                if why is None:
                    parts.append(question)
                else:
                    left.append((question.id, f"{why} (a question of case study {item.id})"))
            if parts:
                kept.append(item.model_copy(update={"questions": parts}))
        domains.append(replace(content, items=kept))
    return replace(bank, domains=domains), left


def markdown_table(columns: list[str], rows: list[list[str | int | float]]) -> str:
    """A Markdown table (pipes in cells escaped)."""

    def cell(value: object) -> str:
        return " ".join(str(value).split()).replace("|", "\\|")

    lines = ["| " + " | ".join(cell(c) for c in columns) + " |"]
    lines.append("| " + " | ".join("---" for _ in columns) + " |")
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def scenario_text(case: CaseStudy) -> str:
    """A case study's title, scenario and table as one Markdown text."""
    parts = [f"**{case.title}**"] if case.title else []
    parts.append(case.scenario.strip())
    if case.table is not None:
        parts.append(markdown_table(case.table.columns, case.table.rows))
    return "\n\n".join(parts)


CASE_STEM_RULE = "\n\n---\n\n"
"""What separates a case study's scenario from a part's own stem when the two are one text."""


def stem_with_case(question: Answerable) -> str:
    """The question's stem, after its case study's scenario when it is a part of one."""
    if question.case is None:
        return question.stem
    return scenario_text(question.case) + CASE_STEM_RULE + question.stem


def too_large(file: str) -> DataError:
    """The error for a source over :data:`MAX_BYTES`."""
    return DataError(
        [
            Problem(
                file,
                0,
                "",
                f"the file is larger than {MAX_BYTES // (1024 * 1024)} MB: an import reads at "
                "most that much; split the bank into smaller files",
            )
        ]
    )


def bounded(text: str, file: str) -> str:
    """``text``, or :func:`too_large` raised when it is longer than an import reads."""
    if len(text) > MAX_BYTES:
        raise too_large(file)
    return text
