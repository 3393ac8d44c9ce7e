"""CSV: the documented layout, Excel's quoting and byte-order mark, exact errors, round trip."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.commands import main
from generator.content.model import Question
from generator.errors import DataError
from generator.formats import Draft, Skipped
from generator.formats import csv as csv_format
from generator.formats.importer import import_file
from tests.support.bank import exported_in
from tests.support.formats_helpers import (
    all_questions_of,
    data_copy,
    questions_of,
    round_trip_view,
)
from tests.support.project import ROOT
from tests.support.real_banks import BANKS, locate, read_bank

HEADER = "id,topics,stem,choose,option_1,option_2,option_3,correct,why_1,why_2,why_3,explanation,difficulty"


def read(text: str) -> list[Draft]:
    return [d for d in csv_format.read(text, "bank.csv") if isinstance(d, Draft)]


def errors(text: str, **options: str) -> list[str]:
    """A header's problems (the import stops), else each row not imported, as reported."""
    try:
        items = list(csv_format.read(text, "bank.csv", **options))
    except DataError as error:
        return [str(p) for p in error.problems]
    return [
        f"bank.csv:{i.line}: row {i.row}, {i.reason}"
        if i.reason.startswith("column")
        else f"bank.csv:{i.line}: row {i.row}: {i.reason}"
        for i in items
        if isinstance(i, Skipped)
    ]


def test_a_row_with_every_column() -> None:
    (draft,) = read(
        HEADER + "\n"
        'q-one,"iam; encryption",Which two?,2,Alpha,Beta,Gamma,"A,C",Right.,,Also right.,'
        "General.,Hard\n"
    )
    assert draft.id == "q-one"
    assert draft.topics == ["iam", "encryption"]
    assert draft.choose == 2
    assert [(o.text, o.correct, o.why) for o in draft.options] == [
        ("Alpha", True, "Right."),
        ("Beta", False, None),
        ("Gamma", True, "Also right."),
    ]
    assert draft.explanation == "General."
    assert draft.difficulty == "hard"
    assert draft.line == 2


@pytest.mark.parametrize("correct", ["2", "B", "b", " B "])
def test_correct_by_letter_or_number(correct: str) -> None:
    (draft,) = read(f"stem,option_1,option_2,correct\nWhich?,a,b,{correct}\n")
    assert [o.correct for o in draft.options] == [False, True]
    assert draft.choose == 1
    assert draft.id is None and draft.topics == []


def test_rows_after_a_multi_line_cell_keep_their_line_and_row() -> None:
    text = "stem,option_1,option_2,correct\n" + '"Two\nlines?",a,b,A\n' * 11 + "Bad?,a,b,C\n"
    assert errors(text) == [
        "bank.csv:24: row 13, column correct: 'C' names option 3, but the row has 2 options"
    ]


def test_excel_file_with_bom_crlf_quotes_and_line_breaks() -> None:
    text = (
        "\ufeffstem,option_1,option_2,correct,why_1\r\n"
        '"He said ""stop"", then\r\nleft. Why?",Fear,"Rain, wind",A,"Line one\r\nline two"\r\n'
        ",,,,\r\n"
    )
    (draft,) = read(text)
    assert draft.stem == 'He said "stop", then\r\nleft. Why?'
    assert draft.options[1].text == "Rain, wind"
    assert draft.options[0].why == "Line one\r\nline two"


def test_semicolon_separated_file() -> None:
    (draft,) = read("stem;option_1;option_2;correct\nWhich?;a, b;c;1\n")
    assert [o.text for o in draft.options] == ["a, b", "c"]


def test_bad_rows_name_row_and_column() -> None:
    assert errors(
        "stem,option_1,option_2,option_3,correct,choose,difficulty\n"
        "Fine?,a,b,,A,,\n"
        "Bad letter?,a,b,,E,,\n"
        "Gap?,a,,c,A,,\n"
        ",a,b,,A,,\n"
        "Count?,a,b,c,A,2,\n"
        "No answer?,a,b,,,,\n"
        "Level?,a,b,,A,,tough\n"
    ) == [
        "bank.csv:3: row 3, column correct: 'E' names option 5, but the row has 2 options",
        "bank.csv:4: row 4, column option_2: empty, but option_3 is filled: leave no gaps in options",
        "bank.csv:5: row 5, column stem: empty: every question needs a stem",
        "bank.csv:6: row 6, column choose: 'choose 2' needs 2 right answers in column correct, found 1",
        "bank.csv:7: row 7, column correct: empty: name the right option by letter (B) or number (2)",
        "bank.csv:8: row 8, column difficulty: expected easy, medium or hard, found 'tough'",
    ]


def test_bad_header() -> None:
    assert errors("stem,option_1,answers,why_3\n") == [
        "bank.csv:1: row 1: missing column 'correct'",
        "bank.csv:1: row 1: missing column 'option_2'",
        "bank.csv:1: row 1, column answers: unknown column 'answers'; expected id, type, topics, "
        "stem, choose, shuffle, option_1..option_N, correct, why_1..why_N, match_1..match_N, "
        "answer, unit, explanation, difficulty",
        "bank.csv:1: row 1, column why_3: column 'why_3' has no column 'option_3'",
    ]


def test_too_many_cells_and_bad_ids() -> None:
    assert errors(
        "id,topics,stem,option_1,option_2,correct\n"
        "Bad Id,iam,Q?,a,b,A\n"
        "ok,Not A Topic!,Q?,a,b,A\n"
        "ok2,iam,Q?,a,b,A,extra\n"
    ) == [
        "bank.csv:2: row 2, column id: 'Bad Id' is not an id (lowercase letters, digits, hyphens)",
        "bank.csv:3: row 3, column topics: 'Not' is not a topic id (lowercase letters, digits, hyphens); "
        "column topics: 'A' is not a topic id (lowercase letters, digits, hyphens); "
        "column topics: 'Topic!' is not a topic id (lowercase letters, digits, hyphens)",
        "bank.csv:4: row 4: 7 cells, but the header has 6 columns",
    ]


def test_unterminated_quote() -> None:
    assert errors('stem,option_1,option_2,correct\n"Open quote,a,b,A\n') == [
        "bank.csv:2: row 2: not readable as CSV: unexpected end of data"
    ]


def test_export_layout_opens_in_a_spreadsheet(tmp_path: Path, bundled_bank) -> None:
    out = tmp_path / "bank.csv"
    assert main(["-q", "export", "csv", "--out", str(out), "--data", str(ROOT / "data")]) == 0
    raw = out.read_bytes()
    # Questions of several types: a type column, then the choice columns.
    assert raw.startswith(b"\xef\xbb\xbfid,type,topics,stem,choose,option_1,")
    assert b"\r\n" in raw
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    originals = exported_in(bundled_bank, "csv")
    assert [r["id"] for r in rows] == [q.id for q in originals]
    first = rows[0]
    assert isinstance(originals[0], Question) and first["type"] == ""  # choice, the default
    assert first["correct"] == ",".join("ABCDEF"[i] for i in originals[0].correct_indexes)
    assert first["why_1"] == originals[0].options[0].why


def test_formula_cells_are_marked_as_text_and_read_back(tmp_path: Path) -> None:
    source = data_copy(tmp_path / "source", questions=False)
    (source / "domain-4" / "formulas.yml").write_text(
        "questions:\n"
        "  - id: formulas\n"
        "    topics: [iam]\n"
        "    stem: '=HYPERLINK(\"http://x\")'\n"
        "    options:\n"
        "      - {text: '+1', correct: true, why: \"-2 is less\"}\n"
        "      - {text: '@sum', why: \"'=quoted\"}\n",
        encoding="utf-8",
    )
    out = tmp_path / "bank.csv"
    assert main(["-q", "--data", str(source), "export", "csv", "--out", str(out)]) == 0
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert row["stem"] == '\'=HYPERLINK("http://x")'
    assert (row["option_1"], row["why_1"], row["option_2"], row["why_2"]) == (
        "'+1",
        "'-2 is less",
        "'@sum",
        "''=quoted",
    )
    target = data_copy(tmp_path / "target", questions=False)
    import_file("csv", out, target, 4, "iam")
    assert [round_trip_view(q) for q in questions_of(target)] == [
        round_trip_view(q) for q in questions_of(source)
    ]


def test_csv_round_trip_is_equal(tmp_path: Path, bundled_bank) -> None:
    out = tmp_path / "bank.csv"
    assert main(["-q", "--data", str(ROOT / "data"), "export", "csv", "--out", str(out)]) == 0
    target = data_copy(tmp_path, questions=False)
    report = import_file("csv", out, target, 4, "deployment-options")
    assert report.skipped == []
    originals = exported_in(bundled_bank, "csv")
    back = all_questions_of(target)
    assert {q.type for q in originals} > {"choice"}
    assert [round_trip_view(q) for q in back] == [round_trip_view(q) for q in originals]
    # CSV also carries every topic and the difficulty.
    assert [(q.topics, q.difficulty) for q in back] == [(q.topics, q.difficulty) for q in originals]


# ---- other tools' layouts: --columns and --preset -------------------------------------------


def mapped(text: str, **options: str) -> list[Draft]:
    items = list(csv_format.read(text, "bank.csv", **options))
    assert all(isinstance(i, Draft) for i in items), items
    return [i for i in items if isinstance(i, Draft)]


@pytest.mark.parametrize("answer", ["2", "B", "b", "Beta", "beta", "2.0"])
def test_columns_with_the_answer_as_number_letter_or_text(answer: str) -> None:
    (draft,) = mapped(
        f"Q,First,Second,Third,Right,Why\nWhich?,Alpha,Beta,Gamma,{answer},Because.\n",
        columns="question=Q,option=First,option=Second,option=Third,answer=Right,explanation=Why",
    )
    assert [o.correct for o in draft.options] == [False, True, False]
    assert draft.explanation == "Because."


def test_one_cell_options_with_several_answers_and_ambiguity() -> None:
    drafts = mapped(
        "question,options,answer,explanation,topic\n"
        'Pick two.,"a; b; c; d","A,C",,iam\n'
        'Pick two again.,"a; b; c; d","1;3",,\n'
        'Which?,"Kiwi; Apple; Pear",Apple,Fruit.,\n'
        'Letter?,"B; A; C",A,,\n',
        preset="one-cell",
    )
    assert [[o.correct for o in d.options] for d in drafts] == [
        [True, False, True, False],
        [True, False, True, False],
        [False, True, False],
        [False, True, False],
    ]
    assert drafts[0].topics == ["iam"] and drafts[0].choose == 2
    assert drafts[3].notes == ["answer 'A' read as the option with that text, not as option 1"]


def test_one_cell_types() -> None:
    drafts = mapped(
        "question,options,answer,type\n"
        "The sky is blue.,,true,true-false\n"
        "Name the API.,InvokeEndpoint; invoke_endpoint,,short-answer\n"
        "Payload in MB?,,6:0.5,numeric\n"
        "Range?,,5..7,numeric\n",
        preset="one-cell",
    )
    assert [(d.type, d.answer) for d in drafts[:1]] == [("true-false", True)]
    assert [a.text for a in drafts[1].accept] == ["InvokeEndpoint", "invoke_endpoint"]
    assert [(n.answer, n.tolerance, n.range) for n in drafts[2].numbers + drafts[3].numbers] == [
        (6, 0.5, None),
        (None, 0, (5, 7)),
    ]


def test_mapped_rows_that_cannot_be_read_are_listed() -> None:
    assert errors(
        "question,options,answer\n"
        "Fine?,a; b,1\n"
        "Too far?,a; b,3\n"
        "Unknown?,a; b,Z1\n"
        'All right?,a; b,"1,2"\n'
        "One option?,a,1\n"
        ",a; b,1\n",
        preset="one-cell",
    ) == [
        "bank.csv:3: row 3, column answer: '3' names option 3, but the row has 2 options",
        "bank.csv:4: row 4, column answer: 'Z1' names no option: expected numbers (1, 2, ...), "
        "letters (A, B, ...) or an option's text",
        "bank.csv:5: row 5, column answer: every option is right (2 of 2): a question here "
        "needs at least one wrong option",
        "bank.csv:6: row 6, column options: expected at least 2 options, found 1",
        "bank.csv:7: row 7, column question: empty: every question needs a stem",
    ]


def test_bad_mappings_and_presets() -> None:
    assert errors("a\n", columns="question=Q,colour=C") == [
        ": --columns: unknown key 'colour' (keys: question, option, options, answer, why, "
        "explanation, id, topic, difficulty, name, type, header)"
    ]
    assert errors("a\n", preset="nope") == [
        ": --preset: no preset 'nope' (presets: kahoot, moodle-csv, one-cell)"
    ]
    assert errors("a,b\n", columns="question=Q,answer=R") == [
        "bank.csv:1: row 1: --columns: no header row with the columns 'Q', 'R' in the first 30 rows"
    ]
    assert errors("a\n", columns="question") == [": --columns: 'question' is not key=header name"]


def test_header_names_with_commas_and_a_header_row() -> None:
    (draft,) = mapped(
        'title row,,\n"Question, long",Answers,"Correct, 1-based"\nWhich?,x; y,2\n',
        columns='"question=Question, long",options=Answers,"answer=Correct, 1-based",header=2',
    )
    assert (draft.row, [o.correct for o in draft.options]) == (3, [False, True])


CSV_BANKS = [b for b in BANKS if b.format == "csv"]


@pytest.mark.parametrize("bank", CSV_BANKS, ids=[b.file for b in CSV_BANKS])
def test_real_csv_banks(bank) -> None:
    items = read_bank(bank, locate(bank))
    assert len(items) == bank.questions == bank.read
    drafts = [i for i in items if isinstance(i, Draft)]
    assert all(d.type == "choice" and sum(o.correct for o in d.options) == d.choose for d in drafts)


def test_kahoot_template_finds_its_header_on_row_8() -> None:
    bank = next(b for b in BANKS if b.file == "kahoot-generator-output.derived.csv")
    drafts = [i for i in read_bank(bank, locate(bank)) if isinstance(i, Draft)]
    first = drafts[0]
    assert (first.row, first.line) == (9, 9)
    assert first.stem == "Did you know… Even during the changing voice, boys should:"
    assert [o.correct for o in first.options] == [True, False, False, False]
    second = drafts[1]
    assert [o.correct for o in second.options] == [False, False, False, True]


def test_moodle_csv_plugin_layout() -> None:
    bank = next(b for b in BANKS if b.file == "qformat-csv-sample.csv")
    drafts = [i for i in read_bank(bank, locate(bank)) if isinstance(i, Draft)]
    second = drafts[1]
    # Answer 1 = A, Answer 2 = B: two right answers (qformat_csv gives each 50%).
    assert (second.name, second.choose) == ("Question2", 2)
    assert [o.text for o in second.options][3] == "None ,of the mentioned"
    assert [o.correct for o in drafts[0].options] == [False, False, True, False]


def test_kahoot_generator_input_answers_by_text() -> None:
    bank = next(b for b in BANKS if b.file == "kahoot-generator-input.csv")
    drafts = [i for i in read_bank(bank, locate(bank)) if isinstance(i, Draft)]
    first = drafts[0]
    assert [o.text for o in first.options if o.correct] == ["Up to an inch and a half"]
    assert first.explanation and first.explanation.startswith("That extra length")


def test_kahoot_every_answer_right_is_listed() -> None:
    text = (
        ",Question - max 120 characters,Answer 1 - max 75 characters,Answer 2 - max 75 characters,"
        "Answer 3 - max 75 characters,Answer 4 - max 75 characters,"
        '"Time limit (sec) \u2013 5, 10, 20, 30, 60, 90, 120, or 240 secs",'
        "Correct answer(s) - choose at least one\n"
        '1,Example?,a,b,c,d,60,"1,2,3,4"\n'
        "2,,,,,,,\n"
    )
    assert errors(text, preset="kahoot") == [
        "bank.csv:2: row 2, column Correct answer(s) - choose at least one: every option is "
        "right (4 of 4): a question here needs at least one wrong option"
    ]
