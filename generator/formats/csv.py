"""CSV, one question a row, as spreadsheets (Excel, LibreOffice, Google Sheets) read and write it.

The header names the columns, in any order: ``id, type, topics, stem, choose, shuffle,
option_1 .. option_N, correct, why_1 .. why_N, match_1 .. match_N, answer, unit, explanation,
difficulty``. Only ``stem`` is required, and for a file without a ``type`` column
``option_1``, ``option_2`` and ``correct`` (every row a multiple-choice question).
``topics`` holds topic ids separated by commas, semicolons or spaces. A row by ``type``:

- ``choice`` (or empty): ``option_N`` the options, ``correct`` the right ones by letter
  (``B``, ``A,C``) or number (``2``, ``1;3``), ``choose`` how many to pick (default: as many
  as are right), ``why_N`` each option's explanation, ``shuffle`` ``false`` to keep the
  options in their order (default ``true``);
- ``true-false``: ``answer`` is ``true`` or ``false`` (also yes/no, T/F, 1/0);
- ``ordering``: ``option_N`` the items in their right order, ``why_N`` their explanations;
- ``matching``: ``option_N`` a prompt and ``match_N`` its answer (two prompts may share one),
  ``why_N`` the pair's explanation; a ``match_N`` without ``option_N`` is a distractor;
- ``numeric``: ``option_N`` each accepted entry, ``6`` (exact), ``6:0.5`` (plus or minus) or
  ``5..7`` (a range), with ``why_N``; ``unit`` the unit shown;
- ``short-answer``: ``option_N`` each accepted answer, with ``why_N``.

The export writes only the columns its questions use (a bank of multiple-choice questions
gets the columns it always had). A case study's questions are written one row each, the
scenario before the stem (a row has no place for a shared scenario).

Files are UTF-8, with or without the byte-order mark Excel writes, with
Excel's quoting (cells with commas, quotes or line breaks in double quotes, ``""`` for a
quote). Exported cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-`` or ``@``) get Excel's text marker, a leading apostrophe, which the reader removes again.

**Other tools' layouts** are read with a column mapping (``columns``, the command's
``--columns``) or a named preset (``preset``, ``--preset``); see :class:`Layout`. The
mapping says which header holds what: ``question`` (the stem), ``option`` (one column per
option, in order; repeat the key), ``options`` (all options in one cell, separated by ``;``),
``answer`` (the right options as numbers from 1, letters, or the option's text; several
separated by ``,`` or ``;``; the key may repeat), ``why`` (feedback, one column per
``option`` column), ``explanation``, ``id``, ``topic``, ``difficulty``, ``name``, ``type``
(``choice``, ``true-false``, ``short-answer``, ``numeric``) and ``header`` (the header's row
number when it is not found by its names). A ``true-false`` row gives ``answer`` as
true/false (yes/no, T/F); a ``short-answer`` row lists its accepted answers as options, or in
``answer`` separated by ``;``; a ``numeric`` row gives ``answer`` as ``6``, ``6:0.5``,
``6±0.5`` or ``5..7``. A header name ending in ``*`` matches any header
that starts so (Kahoot's ``Question - max 120 characters``). Presets: ``kahoot`` (Kahoot's
spreadsheet template saved as CSV: instructions above the header on row 8, ``Question``,
``Answer 1`` to ``Answer 4``, ``Correct answer(s)`` as numbers), ``moodle-csv`` (Moodle's CSV
question format plugin, qformat_csv: ``questionname, questiontext, A..D, Answer 1, Answer 2``
and its extended columns) and ``one-cell`` (``question, options, answer`` with the options in
one cell separated by ``;``, plus optional ``explanation, id, topic, difficulty, type``).

A row that cannot be read is not imported and is listed with its row, column and reason;
the other rows are. A header that cannot be read stops the import.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.content.model import (
    DIFFICULTIES,
    Answerable,
    Bank,
    MatchingQuestion,
    NumberAccept,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from generator.errors import DataError, Problem
from generator.formats import (
    MIN_OPTIONS,
    Draft,
    DraftAccept,
    DraftItem,
    DraftNumber,
    DraftOption,
    DraftPair,
    Format,
    Skipped,
    bounded,
    stem_with_case,
)
from generator.formats.gift import number_text, numeric_answer
from generator.formats.markup import to_markdown, to_plain

FIXED = (
    "id",
    "type",
    "topics",
    "stem",
    "choose",
    "shuffle",
    "correct",
    "answer",
    "unit",
    "explanation",
    "difficulty",
)
REQUIRED = ("stem", "option_1", "option_2", "correct")
"""The columns of a file without a ``type`` column (only ``stem`` with one)."""
_NUMBERED = re.compile(r"^(option|why|match)_([1-9][0-9]*)$")
ROW_TYPES = ("choice", "true-false", "ordering", "matching", "numeric", "short-answer")
_SEPARATORS = re.compile(r"[,;\s]+")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")


def _letter(index: int) -> str:
    return chr(ord("A") + index)


class _Row:
    """One record of the file with its row number as a spreadsheet shows it."""

    def __init__(
        self, file: str, number: int, line: int, cells: dict[str, str], problems: list[Problem]
    ) -> None:
        self.file = file
        self.number = number
        self.line = line
        self.cells = cells
        self.problems = problems

    def get(self, column: str) -> str:
        value = self.cells.get(column, "").strip()
        # Excel's text marker on a cell that would read as a formula (see the module doc).
        return value[1:] if _FORMULA.match(value) and value.startswith("'") else value

    def error(self, column: str, message: str) -> None:
        self.problems.append(FORMAT.problem(self.file, self.line, column, message, self.number))


def _header(names: list[str], file: str, problems: list[Problem]) -> list[str]:
    columns = [name.strip().lower() for name in names]
    seen: set[str] = set()
    for column in columns:
        if not column:
            continue
        if column in seen:
            problems.append(FORMAT.problem(file, 1, column, f"column '{column}' appears twice", 1))
        seen.add(column)
        if column not in FIXED and not _NUMBERED.match(column):
            problems.append(
                FORMAT.problem(
                    file,
                    1,
                    column,
                    f"unknown column '{column}'; expected id, type, topics, stem, choose, "
                    "shuffle, option_1..option_N, correct, why_1..why_N, match_1..match_N, "
                    "answer, unit, explanation, difficulty",
                    1,
                )
            )
    for column in REQUIRED if "type" not in seen else ("stem",):
        if column not in seen:
            problems.append(FORMAT.problem(file, 1, "", f"missing column '{column}'", 1))
    for column in seen:
        match = _NUMBERED.match(column)
        if match and match.group(1) != "option" and f"option_{match.group(2)}" not in seen:
            problems.append(
                FORMAT.problem(
                    file,
                    1,
                    column,
                    f"column '{column}' has no column 'option_{match.group(2)}'",
                    1,
                )
            )
    return columns


def _dialect(text: str) -> str:
    # Excel saves "CSV" with semicolons where the comma is the decimal separator.
    first = text.split("\n", 1)[0]
    for delimiter in (",", ";", "\t"):
        if delimiter in first:
            return delimiter
    return ","


def _question(row: _Row) -> Draft | None:
    """The question of one row; problems are recorded on the row."""
    kind = row.get("type").lower() or "choice"
    if kind not in ROW_TYPES:
        row.error("type", f"unknown type '{row.get('type')}' (one of {', '.join(ROW_TYPES)})")
        return None
    if kind != "choice":
        return _typed(row, kind)
    before = len(row.problems)
    stem = row.get("stem")
    if not stem:
        row.error("stem", "empty: every question needs a stem")
    numbers = sorted(
        int(m.group(2)) for c in row.cells if (m := _NUMBERED.match(c)) and m.group(1) == "option"
    )
    texts: list[str] = []
    whys: list[str | None] = []
    gap: int | None = None
    for number in numbers:
        text, why = row.get(f"option_{number}"), row.get(f"why_{number}")
        if not text:
            if why:
                row.error(f"why_{number}", f"an explanation for the empty option_{number}")
            gap = gap or number
            continue
        if gap is not None:
            row.error(
                f"option_{gap}", f"empty, but option_{number} is filled: leave no gaps in options"
            )
            gap = None
        texts.append(text)
        whys.append(why or None)
    if len(texts) < 2:
        row.error("option_2", f"expected at least 2 options, found {len(texts)}")
    correct = _correct(row, len(texts))
    choose = len(correct)
    if row.get("choose"):
        try:
            choose = int(row.get("choose"))
        except ValueError:
            choose = 0
        if choose < 1:
            row.error(
                "choose", f"expected a whole number of at least 1, found '{row.get('choose')}'"
            )
        elif correct and choose != len(correct):
            row.error(
                "choose",
                f"'choose {choose}' needs {choose} right answer{'s' if choose != 1 else ''} "
                f"in column correct, found {len(correct)}",
            )
    shuffle = _TRUTH_CELLS.get(row.get("shuffle").lower() or "true")
    if shuffle is None:
        row.error("shuffle", f"expected true or false, found '{row.get('shuffle')}'")
    topics = [t for t in _SEPARATORS.split(row.get("topics")) if t]
    for topic in topics:
        if not _ID.match(topic):
            row.error("topics", f"'{topic}' is not a topic id (lowercase letters, digits, hyphens)")
    qid = row.get("id") or None
    if qid is not None and not _ID.match(qid):
        row.error("id", f"'{qid}' is not an id (lowercase letters, digits, hyphens)")
    difficulty = row.get("difficulty").lower() or None
    if difficulty is not None and difficulty not in DIFFICULTIES:
        row.error("difficulty", f"expected easy, medium or hard, found '{row.get('difficulty')}'")
    if len(row.problems) > before:
        return None
    return Draft(
        line=row.line,
        row=row.number,
        name=qid or stem,
        stem=stem,
        options=[
            DraftOption(text, i in correct, why)
            for i, (text, why) in enumerate(zip(texts, whys, strict=True))
        ],
        choose=choose,
        explanation=row.get("explanation") or None,
        id=qid,
        topics=topics,
        difficulty=difficulty,
        shuffle=shuffle is not False,
    )


def _common(row: _Row) -> dict[str, Any]:
    """What every row has (stem, id, topics, difficulty, explanation); problems recorded."""
    stem = row.get("stem")
    if not stem:
        row.error("stem", "empty: every question needs a stem")
    topics = [t for t in _SEPARATORS.split(row.get("topics")) if t]
    for topic in topics:
        if not _ID.match(topic):
            row.error("topics", f"'{topic}' is not a topic id (lowercase letters, digits, hyphens)")
    qid = row.get("id") or None
    if qid is not None and not _ID.match(qid):
        row.error("id", f"'{qid}' is not an id (lowercase letters, digits, hyphens)")
    difficulty = row.get("difficulty").lower() or None
    if difficulty is not None and difficulty not in DIFFICULTIES:
        row.error("difficulty", f"expected easy, medium or hard, found '{row.get('difficulty')}'")
    return {
        "line": row.line,
        "row": row.number,
        "name": qid or stem,
        "stem": stem,
        "explanation": row.get("explanation") or None,
        "id": qid,
        "topics": topics,
        "difficulty": difficulty,
    }


def _slots(row: _Row) -> list[tuple[int, str, str | None, str]]:
    """The filled ``option_N``/``why_N``/``match_N`` groups: (N, option, why, match)."""
    numbers = sorted({int(m.group(2)) for c in row.cells if (m := _NUMBERED.match(c))})
    slots = []
    for n in numbers:
        option, why, match = row.get(f"option_{n}"), row.get(f"why_{n}"), row.get(f"match_{n}")
        if option or why or match:
            slots.append((n, option, why or None, match))
    return slots


_TRUTH_CELLS = {"true": True, "t": True, "yes": True, "1": True}
_TRUTH_CELLS |= {"false": False, "f": False, "no": False, "0": False}


def _typed(row: _Row, kind: str) -> Draft | None:
    """A row of a type other than ``choice`` (see the module doc); problems recorded."""
    before = len(row.problems)
    common = _common(row)
    slots = _slots(row)
    for n, option, _, match in slots:
        if not option and not (kind == "matching" and match):
            row.error(f"option_{n}", "empty, but its row holds text for it")
        if match and kind != "matching":
            row.error(f"match_{n}", f"a {kind} question has no answers to match")
    if row.get("shuffle"):
        row.error("shuffle", f"a {kind} question has no options to keep in order")
    fields: dict[str, Any] = {"type": kind}
    if kind == "true-false":
        truth = _TRUTH_CELLS.get(row.get("answer").lower())
        if truth is None:
            row.error("answer", f"expected true or false, found '{row.get('answer')}'")
        fields["answer"] = truth
    elif kind == "ordering":
        fields["items"] = [DraftItem(option, why) for _, option, why, _ in slots]
    elif kind == "matching":
        fields["pairs"] = [DraftPair(o, m, why) for _, o, why, m in slots if o and m]
        fields["distractors"] = [m for _, o, _, m in slots if m and not o]
        for n, option, _, match in slots:
            if option and not match:
                row.error(f"match_{n}", f"empty: the prompt in option_{n} needs its answer")
    elif kind == "numeric":
        numbers: list[DraftNumber] = []
        for n, option, why, _ in slots:
            found = numeric_answer(option)
            if isinstance(found, str):
                row.error(f"option_{n}", found)
            else:
                numbers.append(DraftNumber(found.answer, found.tolerance, found.range, why))
        fields["numbers"] = numbers
        fields["unit"] = row.get("unit") or None
    else:
        fields["accept"] = [DraftAccept(option, why) for _, option, why, _ in slots]
    if kind != "true-false" and not slots:
        row.error("option_1", f"empty: a {kind} question needs its entries in option_1..")
    if len(row.problems) > before:
        return None
    return Draft(**common, **fields)


def _correct(row: _Row, count: int) -> set[int]:
    """Indexes of the right options named in column ``correct``."""
    value = row.get("correct")
    if not value:
        row.error("correct", "empty: name the right option by letter (B) or number (2)")
        return set()
    tokens = [t for t in _SEPARATORS.split(value) if t]
    if len(tokens) == 1 and tokens[0].isalpha():
        tokens = list(tokens[0])  # "AC"
    found: set[int] = set()
    for token in tokens:
        if len(token) == 1 and token.isalpha() and token.isascii():
            index = ord(token.upper()) - ord("A")
        elif token.isdigit():
            index = int(token) - 1
        else:
            row.error(
                "correct",
                f"expected letters (A, B, ...) or numbers (1, 2, ...) of options, found '{token}'",
            )
            continue
        if not 0 <= index < count:
            row.error(
                "correct",
                f"'{token}' names option {index + 1}, but the row has {count} options",
            )
            continue
        found.add(index)
    return found


def _records(text: str, file: str) -> list[tuple[int, list[str]]]:
    """The file's records, each with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_dialect(text), strict=True)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as error:
        message = f"not readable as CSV: {error}"
        raise DataError([FORMAT.problem(file, start, "", message, len(records) + 1)]) from None
    if not records:
        raise DataError(
            [FORMAT.problem(file, 1, "", "the file is empty: expected a header row", 1)]
        )
    return records


def _skipped(row: _Row, name: str, before: int) -> Skipped:
    """The row's question as not imported, with the problems recorded since ``before``."""
    reasons = []
    for problem in row.problems[before:]:
        where = problem.path.split(", ", 1)
        reasons.append(f"{where[1]}: {problem.message}" if len(where) > 1 else problem.message)
    del row.problems[before:]
    label = " ".join(name.split())
    label = label if len(label) <= 60 else label[:57] + "..."
    return Skipped(
        row.line, "unreadable", label or f"row {row.number}", "; ".join(reasons), row.number
    )


def read(
    text: str, file: str, *, columns: str | None = None, preset: str | None = None
) -> Iterator[Draft | Skipped]:
    """Every question of a CSV file, once each, as a draft or a skipped row.

    Without ``columns`` or ``preset`` the file has this format's own layout (see the module
    doc); with one of them, the layout it names. A header that cannot be read raises
    :class:`DataError`.
    """
    text = bounded(text, file).lstrip("\ufeff")
    if columns is not None or preset is not None:
        yield from _read_mapped(text, file, layout(columns, preset))
        return
    problems: list[Problem] = []
    records = _records(text, file)
    columns_ = _header(records[0][1], file, problems)
    if problems:
        raise DataError(problems)
    for number, (line, record) in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # spreadsheets keep empty rows
        extra = [cell for cell in record[len(columns_) :] if cell.strip()]
        row = _Row(file, number, line, dict(zip(columns_, record, strict=False)), problems)
        name = row.get("id") or row.get("stem")
        if extra:
            row.error("", f"{len(record)} cells, but the header has {len(columns_)} columns")
            yield _skipped(row, name, 0)
            continue
        question = _question(row)
        yield question if question is not None else _skipped(row, name, 0)


# ---- other tools' layouts -------------------------------------------------------------

KEYS = (
    "question",
    "option",
    "options",
    "answer",
    "why",
    "explanation",
    "id",
    "topic",
    "difficulty",
    "name",
    "type",
    "header",
)
_ALIASES = {"stem": "question", "correct": "answer", "topics": "topic", "feedback": "why"}
_REPEATED = ("option", "answer", "why")
_OPTIONAL = "?"


@dataclass(frozen=True)
class Layout:
    """Which header holds what (see the module doc), and where the layout comes from."""

    source: str
    """``--columns`` or ``--preset NAME``, for messages."""
    fields: tuple[tuple[str, str], ...]
    """(key, header name) pairs in the order given; a name ending in ``?`` may be absent."""
    header_row: int = 0
    """The header's row, or 0 to find it by its names in the first rows."""
    html: bool = False
    """Whether the texts are HTML (Moodle's plugin decodes entities and keeps tags)."""


PRESETS: dict[str, Layout] = {
    "kahoot": Layout(
        "--preset kahoot",
        (
            ("question", "Question*"),
            ("option", "Answer 1*"),
            ("option", "Answer 2*"),
            ("option", "Answer 3*"),
            ("option", "Answer 4*"),
            ("answer", "Correct answer*"),
        ),
    ),
    "moodle-csv": Layout(
        "--preset moodle-csv",
        (
            ("name", "questionname"),
            ("question", "questiontext"),
            ("option", "A"),
            ("option", "B"),
            ("option", "C"),
            ("option", "D"),
            ("answer", "Answer 1"),
            ("answer", "Answer 2?"),
            ("explanation", "generalfeedback?"),
        ),
        html=True,
    ),
    "one-cell": Layout(
        "--preset one-cell",
        (
            ("question", "question"),
            ("options", "options"),
            ("answer", "answer"),
            ("explanation", "explanation?"),
            ("id", "id?"),
            ("topic", "topic?"),
            ("difficulty", "difficulty?"),
            ("type", "type?"),
        ),
    ),
}
"""Named layouts of other tools (the command's ``--preset``)."""


def _usage(message: str) -> DataError:
    return DataError([Problem("", 0, "", message)])


def layout(columns: str | None, preset: str | None) -> Layout:
    """The layout a ``--columns`` mapping or a ``--preset`` name describes."""
    if columns is not None and preset is not None:
        raise _usage("give --columns or --preset, not both")
    if preset is not None:
        if preset not in PRESETS:
            raise _usage(f"--preset: no preset '{preset}' (presets: {', '.join(PRESETS)})")
        return PRESETS[preset]
    assert columns is not None
    fields: list[tuple[str, str]] = []
    header = 0
    for item in next(csv.reader([columns], skipinitialspace=True), []):
        key, equals, name = item.partition("=")
        key = _ALIASES.get(key.strip().lower(), key.strip().lower())
        name = name.strip()
        if not equals or not name:
            raise _usage(f"--columns: '{item}' is not key=header name")
        if key not in KEYS:
            raise _usage(f"--columns: unknown key '{key}' (keys: {', '.join(KEYS)})")
        if key == "header":
            if not name.isdigit() or int(name) < 1:
                raise _usage(f"--columns: header={name}: expected a row number from 1")
            header = int(name)
            continue
        if key not in _REPEATED and any(k == key for k, _ in fields):
            raise _usage(f"--columns: key '{key}' given twice")
        fields.append((key, name))
    keys = {k for k, _ in fields}
    if "question" not in keys:
        raise _usage("--columns: map the stem: question=<header>")
    if not keys & {"option", "options", "answer"}:
        raise _usage("--columns: map the options (option=..., options=...) or the answer")
    return Layout("--columns", tuple(fields), header)


def _matches(pattern: str, cell: str) -> bool:
    pattern, cell = pattern.rstrip(_OPTIONAL).strip().casefold(), cell.strip().casefold()
    if pattern.endswith("*"):
        return cell.startswith(pattern[:-1].rstrip())
    return cell == pattern


def _locate(
    layout: Layout, records: list[tuple[int, list[str]]], file: str
) -> tuple[int, list[tuple[str, int]]]:
    """The header's record index and each field's (key, column index)."""

    def place(record: list[str]) -> list[tuple[str, int]] | None:
        found: list[tuple[str, int]] = []
        taken: set[int] = set()
        for key, pattern in layout.fields:
            column = next(
                (i for i, cell in enumerate(record) if i not in taken and _matches(pattern, cell)),
                None,
            )
            if column is None:
                if pattern.endswith(_OPTIONAL):
                    continue
                return None
            taken.add(column)
            found.append((key, column))
        return found

    candidates = [layout.header_row - 1] if layout.header_row else range(min(len(records), 30))
    for index in candidates:
        if 0 <= index < len(records):
            found = place(records[index][1])
            if found is not None:
                return index, found
    wanted = ", ".join(
        f"'{p.rstrip(_OPTIONAL)}'" for _, p in layout.fields if not p.endswith(_OPTIONAL)
    )
    where = f"row {layout.header_row}" if layout.header_row else "the first 30 rows"
    raise DataError(
        [
            FORMAT.problem(
                file,
                records[0][0],
                "",
                f"{layout.source}: no header row with the columns {wanted} in {where}",
                1,
            )
        ]
    )


_TYPES = {
    "": "choice",
    "choice": "choice",
    "mc": "choice",
    "multiple choice": "choice",
    "multiple-choice": "choice",
    "quiz": "choice",
    "true-false": "true-false",
    "true/false": "true-false",
    "truefalse": "true-false",
    "tf": "true-false",
    "true or false": "true-false",
    "short-answer": "short-answer",
    "short answer": "short-answer",
    "shortanswer": "short-answer",
    "short": "short-answer",
    "numeric": "numeric",
    "numerical": "numeric",
    "number": "numeric",
}
_TRUTH = {
    "true": True,
    "t": True,
    "yes": True,
    "1": True,
    "false": False,
    "f": False,
    "no": False,
    "0": False,
}
_TOKENS = re.compile(r"\s*[,;]\s*")
_WHOLE = re.compile(r"^\d+(?:\.0+)?$")  # "2", and "2.0" as a spreadsheet saves a number


def answer_indexes(value: str, texts: list[str]) -> tuple[list[int], list[str]] | str:
    """The options ``value`` names (numbers from 1, letters, or texts), with notes; or why not.

    A cell equal to an option's text names that option, even when it also reads as a letter
    or number (the note says so); otherwise each part, separated by ``,`` or ``;``, is a number,
    a letter, or an option's text (exact, else ignoring case).
    """
    value = value.strip()
    folded = [t.casefold() for t in texts]
    notes: list[str] = []

    def one(token: str) -> int | None:
        if _WHOLE.match(token):
            return int(float(token)) - 1
        if len(token) == 1 and token.isascii() and token.isalpha():
            return ord(token.upper()) - ord("A")
        if token in texts:
            return texts.index(token)
        if folded.count(token.casefold()) == 1:
            return folded.index(token.casefold())
        return None

    if value in texts:
        named = texts.index(value)
        other = one(value) if (_WHOLE.match(value) or len(value) == 1) else None
        if other is not None and other != named and 0 <= other < len(texts):
            notes.append(
                f"answer '{value}' read as the option with that text, not as option {other + 1}"
            )
        return [named], notes
    found: list[int] = []
    tokens = [t for t in _TOKENS.split(value) if t]
    if (
        len(tokens) == 1
        and tokens[0].isascii()
        and tokens[0].isalpha()
        and tokens[0].isupper()
        and 1 < len(tokens[0]) <= len(texts)
        and tokens[0] not in texts
    ):
        tokens = list(tokens[0])  # "AC"
    for token in tokens:
        index = one(token)
        if index is None and " " in token:
            parts = [one(part) for part in token.split()]
            if all(p is not None for p in parts):
                found += [p for p in parts if p is not None]
                continue
        if index is None:
            return (
                f"'{token}' names no option: expected numbers (1, 2, ...), letters (A, B, ...) "
                "or an option's text"
            )
        if not 0 <= index < len(texts):
            return f"'{token}' names option {index + 1}, but the row has {len(texts)} options"
        found.append(index)
    return sorted(set(found)), notes


class _MappedRow:
    """One record of a file in another tool's layout."""

    def __init__(
        self, file: str, number: int, line: int, cells: list[tuple[str, str, str]], html: bool
    ) -> None:
        self.file = file
        self.number = number
        self.line = line
        self.cells = cells  # (key, header, value)
        self.html = html
        self.problems: list[str] = []
        self.notes: list[str] = []

    def values(self, key: str) -> list[tuple[str, str]]:
        return [(header, value.strip()) for k, header, value in self.cells if k == key]

    def get(self, key: str) -> str:
        found = self.values(key)
        return found[0][1] if found else ""

    def header(self, key: str) -> str:
        found = self.values(key)
        return found[0][0] if found else key

    def error(self, key: str, message: str) -> None:
        self.problems.append(f"column {self.header(key)}: {message}")

    def text(self, value: str) -> str:
        return to_markdown(value, "html" if self.html else "plain")


def _read_mapped(text: str, file: str, layout: Layout) -> Iterator[Draft | Skipped]:
    records = _records(text, file)
    header, fields = _locate(layout, records, file)
    for number, (line, record) in enumerate(records[header + 1 :], start=header + 2):
        cells = [
            (
                key,
                records[header][1][column].strip(),
                record[column] if column < len(record) else "",
            )
            for key, column in fields
        ]
        if not any(value.strip() for key, _, value in cells if key not in ("header",)):
            continue  # an empty row, or a numbered row of a template
        row = _MappedRow(file, number, line, cells, layout.html)
        found = _mapped_question(row)
        if isinstance(found, Draft):
            yield found
        else:
            label = " ".join(row.get("question").split()) or f"row {number}"
            label = label if len(label) <= 60 else label[:57] + "..."
            yield Skipped(line, "unreadable", label, "; ".join(row.problems), number)


def _mapped_question(row: _MappedRow) -> Draft | None:
    stem_source = row.get("question")
    stem = row.text(stem_source)
    if not stem:
        row.error("question", "empty: every question needs a stem")
    kind = _TYPES.get(row.get("type").lower())
    if kind is None:
        row.error(
            "type", f"unknown type '{row.get('type')}' (choice, true-false, short-answer, numeric)"
        )
    texts: list[str] = []
    raw: list[str] = []
    whys: list[str | None] = []
    why_cells = [v for _, v in row.values("why")]
    for i, (_, value) in enumerate(row.values("option")):
        if value:
            raw.append(value)
            texts.append(row.text(value))
            why = why_cells[i] if i < len(why_cells) else ""
            whys.append(row.text(why) or None)
    for _, value in row.values("options"):
        for part in value.split(";"):
            if part.strip():
                raw.append(part.strip())
                texts.append(row.text(part.strip()))
                whys.append(None)
    answer = ", ".join(v for _, v in row.values("answer") if v)
    topics = [t for t in _SEPARATORS.split(row.get("topic")) if t]
    for topic in topics:
        if not _ID.match(topic):
            row.error("topic", f"'{topic}' is not a topic id (lowercase letters, digits, hyphens)")
    qid = row.get("id") or None
    if qid is not None and not _ID.match(qid):
        row.error("id", f"'{qid}' is not an id (lowercase letters, digits, hyphens)")
    difficulty = row.get("difficulty").lower() or None
    if difficulty is not None and difficulty not in DIFFICULTIES:
        row.error("difficulty", f"expected easy, medium or hard, found '{row.get('difficulty')}'")
    common: dict[str, Any] = {
        "line": row.line,
        "row": row.number,
        "name": row.get("name") or qid or stem_source,
        "stem": stem,
        "explanation": row.text(row.get("explanation")) or None,
        "id": qid,
        "topics": topics,
        "difficulty": difficulty,
        "notes": row.notes,
    }
    if kind == "true-false":
        truth = _TRUTH.get(answer.strip().lower())
        if truth is None and answer:
            picked = answer_indexes(answer, texts)
            if not isinstance(picked, str) and len(picked[0]) == 1 and len(texts) == 2:
                truth = texts[picked[0][0]].strip().lower() in ("true", "vrai", "wahr", "yes")
        if truth is None:
            row.error("answer", f"expected true or false, found '{answer}'")
        return None if row.problems else Draft(type="true-false", answer=truth, **common)
    if kind == "short-answer":
        accepted = [to_plain(t, "html" if row.html else "plain") for t in raw] or [
            p.strip() for p in re.split(r"[;|]", answer) if p.strip()
        ]
        if not accepted:
            row.error("answer", "empty: name at least one accepted answer")
        return (
            None
            if row.problems
            else Draft(type="short-answer", accept=[DraftAccept(a) for a in accepted], **common)
        )
    if kind == "numeric":
        found = numeric_answer(answer.replace("±", ":").replace("+/-", ":"))
        if isinstance(found, str):
            row.error("answer", found)
            return None
        return None if row.problems else Draft(type="numeric", numbers=[found], **common)
    if len(texts) < MIN_OPTIONS:
        row.error(
            "option" if row.values("option") else "options",
            f"expected at least {MIN_OPTIONS} options, found {len(texts)}",
        )
    if not answer:
        row.error("answer", "empty: name the right option by number (2), letter (B) or text")
    elif len(texts) >= MIN_OPTIONS:
        picked = answer_indexes(answer, texts)
        if isinstance(picked, str):
            row.error("answer", picked)
        else:
            right, notes = picked
            row.notes += notes
            if len(right) == len(texts):
                row.error(
                    "answer",
                    f"every option is right ({len(right)} of {len(texts)}): a question here "
                    "needs at least one wrong option",
                )
            if not row.problems:
                return Draft(
                    options=[
                        DraftOption(t, i in right, w)
                        for i, (t, w) in enumerate(zip(texts, whys, strict=True))
                    ],
                    choose=len(right),
                    **common,
                )
    return None


# ---- writing ------------------------------------------------------------------------


def _cell(value: str) -> str:
    return "'" + value if _FORMULA.match(value) else value


def _accepted_cell(accepted: NumberAccept) -> str:
    if accepted.range is not None and len(accepted.range) == 2:
        return f"{number_text(accepted.range[0])}..{number_text(accepted.range[1])}"
    value = number_text(accepted.answer if accepted.answer is not None else 0)
    return f"{value}:{number_text(accepted.tolerance)}" if accepted.tolerance else value


def _slots_of(question: Answerable) -> list[tuple[str, str, str]]:
    """The question's ``option_N``, ``why_N`` and ``match_N`` cells, in order."""
    if isinstance(question, Question):
        return [(o.text, o.why or "", "") for o in question.options]
    if isinstance(question, OrderingQuestion):
        return [(i.text, i.why or "", "") for i in question.items]
    if isinstance(question, MatchingQuestion):
        pairs = [(p.prompt, p.why or "", p.answer) for p in question.pairs]
        return pairs + [("", "", d) for d in question.distractors]
    if isinstance(question, NumericQuestion):
        return [(_accepted_cell(a), a.why or "", "") for a in question.accepted]
    if isinstance(question, ShortAnswerQuestion):
        return [(a.text, a.why or "", "") for a in question.accepted]
    return []


def write(bank: Bank) -> bytes:
    """Every question as one row, in the layout :func:`read` reads (UTF-8 with BOM, CRLF)."""
    questions = [q for d in bank.domains for q in d.questions]
    slots = {q.id: _slots_of(q) for q in questions}
    width = max([2, *(len(s) for s in slots.values())])
    typed = any(not isinstance(q, Question) for q in questions)
    matching = any(isinstance(q, MatchingQuestion) for q in questions)
    true_false = any(isinstance(q, TrueFalseQuestion) for q in questions)
    numeric = any(isinstance(q, NumericQuestion) for q in questions)
    ordered = any(isinstance(q, Question) and not q.shuffle for q in questions)
    numbers = range(1, width + 1)
    header = ["id", *(["type"] if typed else []), "topics", "stem", "choose"]
    header += ["shuffle"] if ordered else []
    header += [f"option_{i}" for i in numbers]
    header += ["correct"] + [f"why_{i}" for i in numbers]
    header += [f"match_{i}" for i in numbers] if matching else []
    header += (["answer"] if true_false else []) + (["unit"] if numeric else [])
    header += ["explanation", "difficulty"]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for q in questions:
        cells = slots[q.id] + [("", "", "")] * (width - len(slots[q.id]))
        choice = isinstance(q, Question)
        row = [q.id, *([("" if choice else q.type)] if typed else [])]
        row += [", ".join(q.topics), stem_with_case(q)]
        row += [str(q.choose) if isinstance(q, Question) else ""]
        if ordered:
            row += ["false" if isinstance(q, Question) and not q.shuffle else ""]
        row += [c[0] for c in cells]
        row += [",".join(_letter(i) for i in q.correct_indexes) if isinstance(q, Question) else ""]
        row += [c[1] for c in cells]
        row += [c[2] for c in cells] if matching else []
        if true_false:
            row += [("true" if q.answer else "false") if isinstance(q, TrueFalseQuestion) else ""]
        if numeric:
            row += [(q.unit or "") if isinstance(q, NumericQuestion) else ""]
        row += [q.explanation or "", q.difficulty or ""]
        writer.writerow([_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


FORMAT = Format(
    name="csv",
    title="CSV spreadsheet",
    suffix=".csv",
    read=read,
    write=write,
    unit="row",
    options=("columns", "preset"),
    exports=frozenset(ROW_TYPES),
    cases="parts",
    notes=lambda bank: [
        (
            q.id,
            f"a question of case study {q.case.id}: written as a single row, the scenario "
            "before its stem (a row has no place for a shared scenario)",
        )
        for d in bank.domains
        for q in d.questions
        if q.case is not None
    ],
)
