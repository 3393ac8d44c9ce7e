"""CSV, one question a row, as spreadsheets (Excel, LibreOffice, Google Sheets) read and write it.

The header names the columns, in any order: ``id, topics, stem, choose, option_1 ..
option_N, correct, why_1 .. why_N, explanation, difficulty``. Only ``stem``, ``option_1``,
``option_2`` and ``correct`` are required. ``correct`` holds the right options by letter
(``B``, ``A,C``) or number (``2``, ``1;3``); ``topics`` holds topic ids separated by commas,
semicolons or spaces. Files are UTF-8, with or without the byte-order mark Excel writes, with
Excel's quoting (cells with commas, quotes or line breaks in double quotes, ``""`` for a
quote). Exported cells that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-`` or ``@``) get Excel's text marker, a leading apostrophe, which the reader removes again.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from generator.content.model import DIFFICULTIES, Bank, Question
from generator.errors import DataError, Problem
from generator.formats import Draft, DraftOption, Format, Skipped

FIXED = ("id", "topics", "stem", "choose", "correct", "explanation", "difficulty")
REQUIRED = ("stem", "option_1", "option_2", "correct")
_NUMBERED = re.compile(r"^(option|why)_([1-9][0-9]*)$")
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
                    f"unknown column '{column}'; expected id, topics, stem, choose, "
                    "option_1..option_N, correct, why_1..why_N, explanation, difficulty",
                    1,
                )
            )
    for column in REQUIRED:
        if column not in seen:
            problems.append(FORMAT.problem(file, 1, "", f"missing column '{column}'", 1))
    for column in seen:
        match = _NUMBERED.match(column)
        if match and match.group(1) == "why" and f"option_{match.group(2)}" not in seen:
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
    )


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


def read(text: str, file: str) -> Iterator[Draft | Skipped]:
    """The questions of a CSV file; raise :class:`DataError` naming row and column."""
    problems: list[Problem] = []
    text = text.lstrip("\ufeff")
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
    columns = _header(records[0][1], file, problems)
    if problems:
        raise DataError(problems)
    for number, (line, record) in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # spreadsheets keep empty rows
        extra = [cell for cell in record[len(columns) :] if cell.strip()]
        row = _Row(file, number, line, dict(zip(columns, record, strict=False)), problems)
        if extra:
            row.error("", f"{len(record)} cells, but the header has {len(columns)} columns")
            continue
        question = _question(row)
        if question is not None:
            yield question
    if problems:
        raise DataError(problems)


# ---- writing ------------------------------------------------------------------------


def _cell(value: str) -> str:
    return "'" + value if _FORMULA.match(value) else value


def write(bank: Bank) -> bytes:
    """Every question as one row, in the layout :func:`read` reads (UTF-8 with BOM, CRLF)."""
    questions: list[Question] = [q for d in bank.domains for q in d.questions]
    width = max([2, *(len(q.options) for q in questions)])
    header = ["id", "topics", "stem", "choose"]
    header += [f"option_{i}" for i in range(1, width + 1)]
    header += ["correct"] + [f"why_{i}" for i in range(1, width + 1)]
    header += ["explanation", "difficulty"]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for q in questions:
        options = [o.text for o in q.options] + [""] * (width - len(q.options))
        whys = [o.why or "" for o in q.options] + [""] * (width - len(q.options))
        row = [q.id, ", ".join(q.topics), q.stem, str(q.choose), *options]
        row += [",".join(_letter(i) for i in q.correct_indexes), *whys]
        row += [q.explanation or "", q.difficulty or ""]
        writer.writerow([_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


FORMAT = Format(
    name="csv", title="CSV spreadsheet", suffix=".csv", read=read, write=write, unit="row"
)
