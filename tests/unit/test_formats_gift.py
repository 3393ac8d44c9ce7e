"""GIFT: Moodle's example bank, every feature the reader maps, exact errors, the writer."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.commands import main
from generator.errors import DataError
from generator.formats import Draft, Skipped, gift
from generator.formats.importer import import_file
from tests.support.bank import questions_in
from tests.support.formats_helpers import data_copy, questions_of, round_trip_view, shared_banks
from tests.support.project import ROOT

MOODLE_EXAMPLES = "moodle-gift-examples.txt"


def read(text: str) -> list[Draft | Skipped]:
    return list(gift.read(text, "bank.gift"))


def one(text: str) -> Draft:
    items = read(text)
    assert len(items) == 1 and isinstance(items[0], Draft), items
    return items[0]


def options(draft: Draft) -> list[tuple[str, bool, str | None]]:
    return [(o.text, o.correct, o.why) for o in draft.options]


def errors(text: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        read(text)
    return [str(p) for p in caught.value.problems]


# ---- Moodle's own example file ---------------------------------------------------------


def test_moodle_examples_import_and_pass_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bank = shared_banks() / MOODLE_EXAMPLES
    data = data_copy(tmp_path)
    before = len(questions_of(data))
    code = main(
        [
            "--data",
            str(data),
            "import",
            "gift",
            str(bank),
            "--domain",
            "4",
            "--topic",
            "deployment-options",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0
    written = data / "domain-4" / "imported-deployment-options-moodle-gift-examples.yml"
    assert written.is_file()
    imported = [q for q in questions_of(data) if q.source and q.source.startswith("gift:")]
    assert len(questions_of(data)) == before + len(imported)
    # Every multiple choice, multiple answer and true/false question of the file.
    items = list(gift.read(bank.read_text(encoding="utf-8"), MOODLE_EXAMPLES))
    drafts = [i for i in items if isinstance(i, Draft)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert len(imported) == len(drafts) == 16
    assert sorted({q.choose for q in imported}) == [1, 2]
    true_false = [q for q in imported if [o.text for o in q.options] == ["True", "False"]]
    assert len(true_false) == 5
    # Everything else is reported with its line and type.
    kinds = {(s.line, s.kind) for s in skipped}
    assert {
        (14, "short answer"),
        (16, "numerical"),
        (10, "missing word"),
        (55, "matching"),
        (90, "short answer"),
        (202, "numerical"),
    } <= kinds
    assert len(skipped) == 27
    assert f"{bank.name}:16: numerical: When was Ulysses S. Grant born?" in out.replace(
        str(bank.parent) + "/", ""
    )
    assert "not imported (27)" in out
    assert main(["--data", str(data), "check"]) == 0
    # Escaped control characters and feedback survived.
    control = next(q for q in imported if q.id == "gift-control-characters")
    assert [o.text for o in control.options] == ["~", "=", "#", "{", "}", "\\\\"]
    assert control.options[5].correct
    assert control.options[0].why == "~ is a control character."


def test_moodle_examples_multiple_answer_with_negative_weights() -> None:
    text = (shared_banks() / MOODLE_EXAMPLES).read_text(encoding="utf-8")
    drafts = [i for i in gift.read(text, MOODLE_EXAMPLES) if isinstance(i, Draft)]
    negative = next(d for d in drafts if d.line == 136)
    assert negative.choose == 2
    assert options(negative) == [
        ("No one", False, None),
        ("Grant", True, None),
        ("Grant's wife", True, None),
        ("Grant's father", False, None),
    ]


# ---- features ------------------------------------------------------------------------


def test_multiple_choice_with_feedback_and_general_feedback() -> None:
    draft = one(
        "::Capital::What is the capital of France?{\n"
        "  =Paris#Right, it is.\n"
        "  ~Lyon#Second city.\n"
        "  ~Nice\n"
        "  ####Paris has been the capital since 987.\n"
        "}\n"
    )
    assert draft.name == "Capital"
    assert draft.stem == "What is the capital of France?"
    assert draft.choose == 1
    assert options(draft) == [
        ("Paris", True, "Right, it is."),
        ("Lyon", False, "Second city."),
        ("Nice", False, None),
    ]
    assert draft.explanation == "Paris has been the capital since 987."


def test_weights_make_a_multiple_answer_question() -> None:
    draft = one("Pick the primes.{~%50%2 ~%50%3 ~%-100%4 ~%-100%6}")
    assert draft.choose == 2
    assert [o.correct for o in draft.options] == [True, True, False, False]


def test_thirds_add_up_to_one_hundred() -> None:
    draft = one("Pick three.{~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}")
    assert draft.choose == 3


def test_partial_credit_in_a_single_answer_question_is_reported() -> None:
    draft = one("Hard.{~wrong ~%50%half =full}")
    assert [o.correct for o in draft.options] == [False, False, True]
    assert draft.notes == ["partial credit dropped: 'half' (50%) counts as wrong"]


@pytest.mark.parametrize(
    ("answer", "right"),
    [("T", True), ("TRUE", True), ("F", False), ("FALSE", False)],
)
def test_true_false(answer: str, right: bool) -> None:
    draft = one(f"The sun rises in the east.{{{answer}}}")
    assert options(draft) == [("True", right, None), ("False", not right, None)]
    assert draft.shuffle is False


def test_true_false_feedback_goes_to_the_option_it_answers() -> None:
    # {TRUE#shown to who picks wrong#shown to who picks right}
    draft = one("The sun rises in the east.{TRUE#No, look again.#Yes: it rises in the east.}")
    assert options(draft) == [
        ("True", True, "Yes: it rises in the east."),
        ("False", False, "No, look again."),
    ]
    draft = one("Grant is buried in Grant's tomb.{FALSE#No one is buried there.}")
    assert options(draft) == [("True", False, "No one is buried there."), ("False", True, None)]


def test_categories_comments_multiline_crlf_and_bom() -> None:
    text = (
        "\ufeff// a comment\r\n"
        "$CATEGORY: $course$/top/Deployment\r\n"
        "\r\n"
        "::First::A question\r\n"
        "// a comment inside\r\n"
        "on two lines?{\r\n"
        "=yes\r\n"
        "~no}\r\n"
        "\r\n"
        "$CATEGORY: monitoring\r\n"
        "\r\n"
        "Second?{=a ~b}\r\n"
    )
    first, second = read(text)
    assert isinstance(first, Draft) and isinstance(second, Draft)
    assert first.line == 4
    assert first.stem == "A question\non two lines?"
    assert first.category == "$course$/top/Deployment"
    assert second.category == "monitoring"
    assert second.line == 12


def test_escapes() -> None:
    draft = one(r"Which is 5\: \{x\} \= 2 \+ 3\n\#1?{=\= 2 + 3#right \~ok ~a \\ b}")
    # "\+" is no GIFT escape: the backslash stays, escaped for Markdown.
    assert draft.stem == "Which is 5: {x} = 2 \\\\+ 3\n#1?"
    assert options(draft) == [("= 2 + 3", True, "right ~ok"), ("a \\\\ b", False, None)]


def test_text_formats() -> None:
    html = one("[html]<p>Is <b>this</b> <script>alert(1)</script>bold &amp; safe?</p>{=yes ~no}")
    assert html.stem == "Is **this** bold & safe?"
    plain = one("[plain]Is *this* [x] literal?{=yes ~no}")
    assert plain.stem == r"Is \*this\* \[x\] literal?"
    markdown = one("[markdown]Is **this** bold?{=yes#**Yes**. ~no}")
    assert markdown.stem == "Is **this** bold?"
    assert markdown.options[0].why == "**Yes**."
    moodle = one("[moodle]Is snake_case <i>ok</i>?{=yes ~no}")
    assert moodle.stem == r"Is snake\_case *ok*?"


def test_other_question_types_are_skipped_with_line_and_type() -> None:
    text = "\n\n".join(
        [
            "Who?{=no one =nobody}",
            "When?{#1822:5}",
            "Match.{=a -> 1 =b -> 2}",
            "Write an essay.{}",
            "Grant is {~buried =entombed} in Grant's tomb.",
            "Just a description.",
            "Kept?{=yes ~no}",
        ]
    )
    items = read(text)
    assert [(i.line, i.kind) for i in items if isinstance(i, Skipped)] == [
        (1, "short answer"),
        (3, "numerical"),
        (5, "matching"),
        (7, "essay"),
        (9, "missing word"),
        (11, "description"),
    ]
    assert [i.stem for i in items if isinstance(i, Draft)] == ["Kept?"]


# ---- bad input: exact messages ------------------------------------------------------------


def test_unclosed_brace() -> None:
    assert errors("Fine?{=a ~b}\n\nBroken?{=a\n~b\n\nAfter?{=c ~d}") == [
        "bank.gift:3: unclosed '{': the answers that start here have no closing '}' "
        "(a blank line ends a question; write \\{ for a literal brace)"
    ]


def test_closing_brace_without_opening() -> None:
    assert errors("Broken? =a ~b}") == [
        "bank.gift:1: '}' without an opening '{' (write \\} for a literal brace)"
    ]


def test_no_right_answer() -> None:
    assert errors("Which?{~a ~b ~c}") == [
        "bank.gift:1: no right answer: mark the right answer with '=', or give the right "
        "answers of a multiple-answer question positive %weights%"
    ]


def test_weights_that_do_not_add_up() -> None:
    assert errors("Pick two.{~%50%a ~%40%b ~c}") == [
        "bank.gift:1: the positive answer weights add up to 90%, expected 100%"
    ]


def test_weight_out_of_range_and_unclosed_name_are_all_reported() -> None:
    assert errors("Pick.{~%150%a ~b}\n\n::Name without end\nQ?{=a ~b}") == [
        "bank.gift:1: answer weight 150% is outside -100% to 100%",
        "bank.gift:3: unclosed question name: '::' opens a name that no '::' closes "
        "(write \\: for a literal colon)",
    ]


def test_two_full_answers_in_a_single_answer_question() -> None:
    assert errors("Which?{=a =b ~c}") == [
        "bank.gift:1: 2 answers are marked right with '=' in a single-answer question; keep "
        "one '=', or give the right answers %weights% for a multiple-answer question"
    ]


def test_one_answer_only() -> None:
    assert errors("Which?{~%100%a}") == ["bank.gift:1: expected at least 2 answers, found 1"]


# ---- export -----------------------------------------------------------------------------


def test_escape_writes_every_control_character() -> None:
    assert gift.escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


def _export(tmp_path: Path, data: Path) -> Path:
    out = tmp_path / "bank.gift"
    assert main(["--data", str(data), "-q", "export", "gift", "--out", str(out)]) == 0
    return out


def test_gift_round_trip_is_equal(tmp_path: Path) -> None:
    source = data_copy(tmp_path / "source")
    # A question with a general explanation and options without why, to carry too.
    extra = source / "domain-4" / "extra.yml"
    extra.write_text(
        "questions:\n"
        "  - id: x-explained\n"
        "    topics: [model-monitor]\n"
        "    choose: 2\n"
        '    stem: "Pick two: {a} = #1 ~ b\\\\c\\n\\nSecond paragraph with **bold**."\n'
        "    options:\n"
        "      - {text: '[one]', correct: true, why: 'It is: one'}\n"
        "      - {text: two, correct: true}\n"
        "      - {text: three}\n"
        "    explanation: General words.\n",
        encoding="utf-8",
    )
    exported = _export(tmp_path, source)
    target = data_copy(tmp_path / "target", questions=False)
    import_file("gift", exported, target, 4, "deployment-options")
    originals = questions_of(source)
    back = questions_of(target)
    assert [round_trip_view(q) for q in back] == [round_trip_view(q) for q in originals]
    assert next(q for q in back if q.id == "x-explained").explanation == "General words."


def _gift_pegjs() -> Path:
    parser = ROOT / "tests" / "node_modules" / "gift-pegjs"
    if shutil.which("node") is None or not parser.is_dir():
        pytest.fail("gift-pegjs is not installed: run npm install --prefix tests")
    return parser


def test_gift_pegjs_parses_every_exported_question(tmp_path: Path, bundled_bank) -> None:
    parser = _gift_pegjs()
    exported = _export(tmp_path, ROOT / "data")
    script = (
        "const {parse} = require(process.argv[1]);"
        "const fs = require('fs');"
        "console.log(JSON.stringify(parse(fs.readFileSync(process.argv[2], 'utf8'))));"
    )
    result = subprocess.run(
        ["node", "-e", script, str(parser), str(exported)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    parsed = json.loads(result.stdout)
    questions = [p for p in parsed if p["type"] != "Category"]
    categories = [p["title"] for p in parsed if p["type"] == "Category"]
    originals = questions_in(bundled_bank)
    assert len(questions) == len(originals)
    assert categories[0].startswith("mls-c01/domain-4/")
    for question, original in zip(questions, originals, strict=True):
        assert question["title"] == original.id
        assert question["type"] == "MC"
        assert question["stem"]["format"] == "markdown"
        assert question["stem"]["text"] == original.stem
        choices = question["choices"]
        assert [c["text"]["text"] for c in choices] == [o.text for o in original.options]
        if original.choose == 1:
            assert [c["isCorrect"] for c in choices] == [o.correct for o in original.options]
        else:
            assert [c["weight"] > 0 for c in choices] == [o.correct for o in original.options]
            assert sum(c["weight"] for c in choices if c["weight"] > 0) == pytest.approx(100, 0.01)
        assert [c["feedback"]["text"] for c in choices] == [o.why for o in original.options]
