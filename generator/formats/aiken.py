"""Aiken, Moodle's simplest question format: single-answer multiple choice, one line each.

Reading follows Moodle's parser (``question/format/aiken/format.php``), line by line:

- every line is trimmed; lines shorter than 2 characters (blank lines) mean nothing;
- a line starting with a capital letter and ``)`` or ``.`` (``A)``, ``B.``, the space after
  it optional) is an option;
- a line starting with ``ANSWER:`` names the right option by its letter and ends the question;
- any other line starts a new question: the question text is that one line.

A question has at least 2 options and one ``ANSWER:`` whose letter names one of them. Moodle
drops a question that breaks a rule with an error and goes on; so does this reader, without
losing one: each is listed with its line and the reason. Option or ``ANSWER:`` lines with no
question line before them (after a finished question) are listed as one question without
text, from their first line. So every question of the file is yielded once, and
imported + not imported = the questions of the file, counted as question lines plus such
runs of stray lines.

The texts are plain (Moodle escapes their HTML), so ``<b>`` stays the characters ``<b>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.formats import Draft, DraftOption, Format, Skipped, bounded
from generator.formats.markup import to_markdown

_OPTION = re.compile(r"^([A-Z])[).][ \t]?")
_ANSWER = "ANSWER:"
KIND = "multiple choice"


def _label(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 60 else flat[:57] + "..."


@dataclass
class _Open:
    """A question being read: its line, text and options (letter, text, line)."""

    line: int
    text: str
    options: list[tuple[str, str, int]] = field(default_factory=list)


def _finish(question: _Open, line: int, value: str) -> Draft | Skipped:
    """The question an ``ANSWER:`` line at ``line`` ends."""
    name = _label(question.text) or f"(no question text, line {question.line})"
    if not question.text:
        return Skipped(
            question.line,
            KIND,
            name,
            f"option or ANSWER lines (lines {question.line} to {line}) with no question line "
            "before them",
        )
    if len(question.options) < 2:
        return Skipped(
            question.line,
            KIND,
            name,
            f"a question needs at least 2 options, found {len(question.options)} "
            f"(ANSWER at line {line})",
        )
    letter = value[:1].upper()
    letters = [option[0] for option in question.options]
    # Moodle reads the letter as a position (A = the first option), whatever the labels say.
    index = ord(letter) - ord("A") if letter.isascii() and letter.isalpha() else -1
    if not 0 <= index < len(question.options):
        shown = value or "nothing"
        return Skipped(
            question.line,
            KIND,
            name,
            f"ANSWER at line {line} names {shown}, but the question has "
            f"{len(question.options)} options ({', '.join(letters)})",
        )
    notes = []
    if letters != [chr(ord("A") + i) for i in range(len(letters))]:
        notes.append(
            f"options are labelled {', '.join(letters)}: ANSWER: {letter} read as option "
            f"{index + 1}, as Moodle reads it"
        )
    stem = to_markdown(question.text, "plain")
    return Draft(
        line=question.line,
        name=question.text,
        stem=stem,
        options=[
            DraftOption(to_markdown(text, "plain"), i == index)
            for i, (_, text, _) in enumerate(question.options)
        ],
        notes=notes,
    )


def read(text: str, file: str) -> Iterator[Draft | Skipped]:
    """Every question of an Aiken file, once each, as a draft or a skipped question."""
    question: _Open | None = None
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", bounded(text, file).lstrip("\ufeff")), 1):
        line = raw.strip()
        if len(line) < 2:
            continue
        option = _OPTION.match(line)
        if option or line.startswith(_ANSWER):
            if question is None:
                question = _Open(number, "")
            if option:
                question.options.append((option.group(1), line[2:].strip(), number))
            else:
                yield _finish(question, number, line[len(_ANSWER) :].strip())
                question = None
            continue
        if question is not None:
            yield Skipped(
                question.line,
                KIND,
                _label(question.text) or f"(no question text, line {question.line})",
                f"no ANSWER line before the next question starts at line {number}",
            )
        question = _Open(number, line)
    if question is not None:
        yield Skipped(
            question.line,
            KIND,
            _label(question.text) or f"(no question text, line {question.line})",
            "no ANSWER line before the end of the file",
        )


FORMAT = Format(name="aiken", title="Aiken", suffix=".txt", read=read)
