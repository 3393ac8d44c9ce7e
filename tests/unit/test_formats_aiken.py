"""Aiken: single-answer questions line by line, every error by line, nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands import main
from generator.formats import Draft, Skipped, aiken
from tests.support.formats_helpers import data_copy
from tests.support.real_banks import BANKS, locate, read_bank


def read(text: str) -> list[Draft | Skipped]:
    return list(aiken.read(text, "bank.txt"))


def test_a_question_with_options_and_answer() -> None:
    (draft,) = read("The Moodle project was started by:\nA) Petr\nB. Martin\nC)Eloy\nANSWER: B\n")
    assert isinstance(draft, Draft)
    assert (draft.type, draft.line, draft.stem, draft.choose) == (
        "choice",
        1,
        "The Moodle project was started by:",
        1,
    )
    assert [(o.text, o.correct) for o in draft.options] == [
        ("Petr", False),
        ("Martin", True),
        ("Eloy", False),
    ]


def test_text_is_plain_and_shown_as_written() -> None:
    (draft,) = read('Is <html class="cool"> & *fine*?\nA) <b>Yes</b>\nB) No\nANSWER: A')
    assert isinstance(draft, Draft)
    assert draft.stem == 'Is &lt;html class="cool"> & \\*fine\\*?'
    assert draft.options[0].text == "&lt;b>Yes&lt;/b>"


def test_moodles_error_fixture_every_question_listed() -> None:
    bank = next(b for b in BANKS if b.file == "moodle-aiken-errors.txt")
    items = read_bank(bank, locate(bank))
    assert [(i.line, i.reason) for i in items if isinstance(i, Skipped)] == [
        (1, "a question needs at least 2 options, found 1 (ANSWER at line 3)"),
        (5, "option or ANSWER lines (lines 5 to 7) with no question line before them"),
        (14, "no ANSWER line before the next question starts at line 18"),
    ]
    drafts = [i for i in items if isinstance(i, Draft)]
    assert [(d.line, d.stem, [o.correct for o in d.options]) for d in drafts] == [
        (9, "A good question", [True, False]),
        (18, "A second good question", [False, True]),
    ]
    assert drafts[1].options[0].text == "Incorrect (No space)"


def test_more_errors() -> None:
    items = read(
        "Too far?\nA) a\nB) b\nANSWER: E\n\nLower case?\nA) a\nB) b\nAnswer: A\n\nLast?\nA) a\nB) b\n"
    )
    assert [(i.line, i.reason) for i in items if isinstance(i, Skipped)] == [
        (1, "ANSWER at line 4 names E, but the question has 2 options (A, B)"),
        # "Answer: A" is no ANSWER line (Moodle: case-sensitive), so it starts a question.
        (6, "no ANSWER line before the next question starts at line 9"),
        (9, "no ANSWER line before the next question starts at line 11"),
        (11, "no ANSWER line before the end of the file"),
    ]


def test_letters_are_positions_as_in_moodle() -> None:
    (draft,) = read("Q?\nB) first\nC) second\nANSWER: B")
    assert isinstance(draft, Draft)
    assert [o.correct for o in draft.options] == [False, True]
    assert draft.notes == [
        "options are labelled B, C: ANSWER: B read as option 2, as Moodle reads it"
    ]


def test_import_ends_with_the_counts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = next(b for b in BANKS if b.file == "moodle-aiken-errors.txt")
    data = data_copy(tmp_path)
    path = locate(bank)
    args = ["--data", str(data), "import", "aiken", str(path), "--domain", "4", "--topic", "iam"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "not imported (3):" in out
    assert ":14: multiple choice: A question started but not finished: no ANSWER line" in out
    assert out.rstrip().endswith("2 imported, 3 not imported")
