"""GIFT: Moodle's example banks, every type and rule the reader follows, exact reports, the writer."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator.commands import main
from generator.content.model import NumericQuestion, Question, TrueFalseQuestion
from generator.formats import Draft, DraftNumber, Skipped, gift, stem_with_case
from generator.formats.importer import import_file
from tests.support.bank import exported_in
from tests.support.formats_helpers import (
    all_questions_of,
    data_copy,
    exported_of,
    round_trip_view,
    shared_banks,
)
from tests.support.project import ROOT
from tests.support.real_banks import BANKS, locate

MOODLE_EXAMPLES = "moodle-gift-examples.txt"


def read(text: str) -> list[Draft | Skipped]:
    return list(gift.read(text, "bank.gift"))


def one(text: str) -> Draft:
    items = read(text)
    assert len(items) == 1 and isinstance(items[0], Draft), items
    return items[0]


def skipped(text: str) -> list[tuple[int, str, str]]:
    return [(i.line, i.kind, i.reason) for i in read(text) if isinstance(i, Skipped)]


def options(draft: Draft) -> list[tuple[str, bool, str | None]]:
    return [(o.text, o.correct, o.why) for o in draft.options]


def errors(text: str) -> list[str]:
    """The reasons of the questions the reader could not read, as the report shows them."""
    return [f"bank.gift:{i.line}: {i.reason}" for i in read(text) if isinstance(i, Skipped)]


# ---- Moodle's own example file ---------------------------------------------------------


def test_moodle_examples_every_question_is_read_as_moodle_reads_it() -> None:
    text = (shared_banks() / MOODLE_EXAMPLES).read_text(encoding="utf-8")
    items = list(gift.read(text, MOODLE_EXAMPLES))
    assert all(isinstance(i, Draft) for i in items)
    drafts = [i for i in items if isinstance(i, Draft)]
    # Moodle's parser: multichoice 18 (9 single, 7 missing word, 2 multi), shortanswer 9,
    # numerical 8, truefalse 5, match 3.
    kinds = {t: sum(d.type == t for d in drafts) for t in {d.type for d in drafts}}
    assert kinds == {"choice": 18, "short-answer": 9, "numeric": 8, "true-false": 5, "matching": 3}
    assert sum("_____" in d.stem and d.type == "choice" for d in drafts) == 7
    assert sorted(d.choose for d in drafts if d.type == "choice" and d.choose > 1) == [2, 2]
    control = next(d for d in drafts if d.name == "GIFT Control Characters")
    # "#" at the start of a text would make a Markdown heading: it is escaped.
    assert [o.text for o in control.options] == ["~", "=", "\\#", "{", "}", "\\\\"]
    assert control.options[5].correct
    assert control.options[0].why == "~ is a control character."
    pi = {d.line: d for d in drafts if d.line in (72, 74)}
    assert pi[72].numbers == [DraftNumber(3.1415, 0.0005)]
    assert pi[74].numbers == [DraftNumber(range=(3.141, 3.142))]
    assert pi[74].stem == "What is the value of pi (to 3 decimal places)? _____."


def test_moodle_examples_import_and_pass_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every question of Moodle's examples is imported with its type, and the check passes."""
    bank = shared_banks() / MOODLE_EXAMPLES
    data = data_copy(tmp_path)
    before = len(all_questions_of(data))
    code = main(
        ["--data", str(data), "import", "gift", str(bank), "--domain", "4", "--topic", "iam"]
    )
    out = capsys.readouterr().out
    assert code == 0
    imported = [q for q in all_questions_of(data) if q.source and q.source.startswith("gift:")]
    assert len(all_questions_of(data)) == before + len(imported) == before + 43
    assert sum(isinstance(q, TrueFalseQuestion) for q in imported) == 5
    assert out.rstrip().endswith("43 imported, 0 not imported")
    assert main(["--data", str(data), "check"]) == 0


def test_moodle_examples_import_every_question(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    report = import_file("gift", shared_banks() / MOODLE_EXAMPLES, data, 4, "iam")
    assert (len(report.imported), len(report.skipped)) == (43, 0)


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


def test_moodle_fixture_true_false_feedback_and_wrong_answer_feedback() -> None:
    text = (shared_banks() / "moodle-gift-fixture.txt").read_text(encoding="utf-8")
    items = list(gift.read(text, "fixture"))
    assert [(i.line, i.kind) for i in items if isinstance(i, Skipped)] == [(2, "essay")]
    drafts = {i.line: i for i in items if isinstance(i, Draft)}
    tf = drafts[41]
    assert (tf.type, tf.answer) == ("true-false", False)
    # Trailing '";' after the brace: a missing-word question, as Moodle reads it.
    assert tf.stem == '42 is the Absolute Answer to everything._____";'
    assert tf.explanation == (
        "This is, of course, a Hitchiker's Guide to the Galaxy reference.\n\n"
        "*Answered true:* 42 is the Ultimate Answer.\n\n"
        "*Answered false:* You gave the right answer."
    )
    numeric = drafts[31]
    assert numeric.numbers == [DraftNumber(3, 2)]
    assert numeric.notes == ["feedback for wrong answers dropped: Completely wrong"]
    short = drafts[34]
    assert [(a.text, a.why) for a in short.accept] == [("Frog", "Good!")]
    assert short.partial_credit == ["'Cat' (50%)"]
    matching = drafts[5]
    assert [(p.prompt, p.answer) for p in matching.pairs] == [
        ("An activity supporting asynchronous discussions.", "Forum"),
        ("A teacher asks a question and specifies a choice of multiple responses.", "Choice"),
        ("A bank of record entries which participants can add to.", "Database"),
        ("A collection of web pages that anyone can add to or edit.", "Wiki"),
    ]
    assert matching.distractors == ["Chat"]
    assert [drafts[46].name, drafts[49].name] == ["2-08 TSL", "2-08 TSL"]


# ---- a second reader: gift-pegjs, which nobody here wrote ---------------------------------------


def _pegjs(path: Path) -> list[dict[str, Any]]:
    parser = _gift_pegjs()
    script = (
        "const {parse} = require(process.argv[1]);"
        "const fs = require('fs');"
        "console.log(JSON.stringify(parse(fs.readFileSync(process.argv[2], 'utf8'))));"
    )
    result = subprocess.run(
        ["node", "-e", script, str(parser), str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return [q for q in json.loads(result.stdout) if q["type"] != "Category"]


def _full(choice: dict[str, Any]) -> bool:
    return choice["weight"] is None or choice["weight"] >= 100


def _as_pegjs_sees_it(draft: Draft) -> tuple[object, ...]:
    if draft.type == "choice":
        return ("MC", [o.correct for o in draft.options])
    if draft.type == "true-false":
        return ("TF", draft.answer)
    if draft.type == "short-answer":
        return ("Short", [a.text for a in draft.accept])
    if draft.type == "matching":
        return ("Matching", len(draft.pairs) + len(draft.distractors))
    return ("Numerical", [(n.answer, n.tolerance, n.range) for n in draft.numbers])


def _pegjs_view(question: dict[str, Any]) -> tuple[object, ...]:
    kind = question["type"]
    if kind == "MC":
        choices = question["choices"]
        single = any(c["isCorrect"] for c in choices)
        return (kind, [c["isCorrect"] if single else (c["weight"] or 0) > 0 for c in choices])
    if kind == "TF":
        return (kind, question["isTrue"])
    if kind == "Short":
        return (kind, [c["text"]["text"] for c in question["choices"] if _full(c)])
    if kind == "Matching":
        return (kind, len(question["matchPairs"]))
    choices = question["choices"]
    numbers: list[tuple[object, object, object]] = []
    for choice in choices if isinstance(choices, list) else [{"weight": None, "text": choices}]:
        if not _full(choice):
            continue
        value = choice["text"]
        if value["type"] == "simple":
            numbers.append((value["number"], 0, None))
        elif value["type"] == "range":
            numbers.append((value["number"], value["range"], None))
        else:
            numbers.append((None, 0, (value["numberLow"], value["numberHigh"])))
    return (kind, numbers)


@pytest.mark.parametrize("name", [MOODLE_EXAMPLES, "moodle-gift-questions-in-category.txt"])
def test_gift_pegjs_reads_the_same_questions(name: str) -> None:
    bank = next(b for b in BANKS if b.file == name)
    path = locate(bank)
    ours = [i for i in gift.read(path.read_text(encoding="utf-8"), name) if isinstance(i, Draft)]
    theirs = _pegjs(path)
    assert len(ours) == len(theirs) == bank.questions
    assert [_as_pegjs_sees_it(d) for d in ours] == [_pegjs_view(q) for q in theirs]
    assert [d.name for d in ours if d.name in {q["title"] for q in theirs}] == [
        q["title"] for q in theirs if q["title"]
    ]


# ---- multiple choice ----------------------------------------------------------------------


def test_multiple_choice_with_feedback_and_general_feedback() -> None:
    draft = one(
        "::Capital::What is the capital of France?{\n"
        "  =Paris#Right, it is.\n"
        "  ~Lyon#Second city.\n"
        "  ~Nice\n"
        "  ####Paris has been the capital since 987.\n"
        "}\n"
    )
    assert (draft.type, draft.name, draft.choose) == ("choice", "Capital", 1)
    assert draft.stem == "What is the capital of France?"
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
    assert draft.notes == [] and draft.partial_credit == []


def test_thirds_add_up_to_one_hundred() -> None:
    draft = one("Pick three.{~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}")
    assert draft.choose == 3


def test_weights_that_do_not_add_up_are_read_as_moodle_reads_them() -> None:
    draft = one("Pick two.{~%50%a ~%40%b ~c}")
    assert [o.correct for o in draft.options] == [True, True, False]
    assert draft.notes == [
        "the positive weights add up to 90%, not 100%: scored all or nothing here, all 2 "
        "right answers must be picked"
    ]


def test_partial_credit_in_a_single_answer_question_is_listed() -> None:
    draft = one("Hard.{~wrong ~%50%half =full}")
    assert [o.correct for o in draft.options] == [False, False, True]
    assert draft.partial_credit == ["'half' (50%)"]


def test_tilde_equals_is_read_as_moodle_reads_it() -> None:
    draft = one("Which?{~=right ~wrong ~also wrong}")
    assert options(draft) == [
        ("right", True, None),
        ("wrong", False, None),
        ("also wrong", False, None),
    ]
    # "=%50%" is not a weight in Moodle: the text keeps it, the answer is fully right.
    draft = one("Which?{~=%50%half ~=full ~wrong}")
    assert options(draft) == [
        ("%50%half", True, None),
        ("full", True, None),
        ("wrong", False, None),
    ]
    assert draft.choose == 2
    assert draft.notes == [
        "2 answers are marked fully right in a single-answer question (Moodle accepts any "
        "one of them): imported as 'choose 2'"
    ]
    assert errors("Which?{~=a}") == ["bank.gift:1: expected at least 2 answers, found 1"]


def test_all_correct_questions_as_moodle_reads_them() -> None:
    every = (
        "every answer is right ({n} of {n}; Moodle gives full marks for any pick): a question "
        "here needs at least one wrong option"
    )
    # {~=a ~=b ~=c}: single choice, every option 100% in Moodle.
    assert errors("Which?{~=a ~=b ~=c}") == ["bank.gift:1: " + every.format(n=3)]
    # {~%100%a ~%100%b}: multiple answer at 200%, imported by Moodle with a notice.
    assert errors("Which?{~%100%a ~%100%b}") == ["bank.gift:1: " + every.format(n=2)]
    assert errors("Which?{~%50%a ~%50%b}") == ["bank.gift:1: " + every.format(n=2)]
    # {=a =b =c} has no "~": a short answer accepting each, in Moodle and here.
    draft = one("Which?{=a =b =c}")
    assert (draft.type, [a.text for a in draft.accept]) == ("short-answer", ["a", "b", "c"])


def test_tilde_in_feedback_starts_an_answer_as_in_moodle() -> None:
    draft = one("Colour?{=yellow # right ~blue # wrong, it's yellow,~taupe}")
    assert [o.text for o in draft.options] == ["yellow", "blue", "taupe"]


def test_missing_word_multiple_choice() -> None:
    draft = one("Grant is {~buried =entombed ~living} in Grant's tomb.")
    assert draft.type == "choice"
    assert draft.stem == "Grant is _____ in Grant's tomb."


# ---- true/false -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "right"), [("T", True), ("TRUE", True), ("F", False), ("FALSE", False)]
)
def test_true_false(answer: str, right: bool) -> None:
    draft = one(f"The sun rises in the east.{{{answer}}}")
    assert (draft.type, draft.answer, draft.explanation) == ("true-false", right, None)


def test_true_false_feedback_goes_into_the_explanation_saying_which_answer() -> None:
    # {TRUE#shown to who picks wrong#shown to who picks right}
    draft = one("The sun rises in the east.{TRUE#No, look again.#Yes: it rises in the east.}")
    assert draft.explanation == (
        "*Answered true:* Yes: it rises in the east.\n\n*Answered false:* No, look again."
    )
    # One feedback text only: kept as it is.
    draft = one("Grant is buried in Grant's tomb.{FALSE#No one is buried there.}")
    assert draft.explanation == "No one is buried there."
    draft = one("Sky?{TRUE####It is blue.}")
    assert draft.explanation == "It is blue."
    # {true} is a short answer in Moodle (T/F are case-sensitive).
    assert one("Is it?{true}").type == "short-answer"


# ---- short answer, numerical, matching, ordering -----------------------------------------


def test_short_answer_several_accepted_with_feedback_and_partial_credit() -> None:
    draft = one(
        "Best animal?{\n=Frog#Good!\n=%50%Cat#Cats.\n=Toad\n=%0%*#Completely wrong\n####General.}"
    )
    assert draft.type == "short-answer"
    assert [(a.text, a.why) for a in draft.accept] == [("Frog", "Good!"), ("Toad", None)]
    assert draft.partial_credit == ["'Cat' (50%)"]
    assert draft.notes == ["feedback for the answer '*' dropped: Completely wrong"]
    assert draft.explanation == "General."
    missing = one("Two plus {=two =2} equals four.")
    assert missing.stem == "Two plus _____ equals four."
    assert [a.text for a in missing.accept] == ["two", "2"]
    assert skipped("Any?{=*}") == [
        (
            1,
            "short answer",
            "no fully right answer this site can match (partial credit and '*' wildcards are not)",
        )
    ]


@pytest.mark.parametrize(
    ("answers", "numbers"),
    [
        ("#1822", [DraftNumber(1822)]),
        ("#1822:5", [DraftNumber(1822, 5)]),
        ("#3.141..3.142", [DraftNumber(range=(3.141, 3.142))]),
        ("#1e3", [DraftNumber(1000.0)]),
        ("#.5:0.05", [DraftNumber(0.5, 0.05)]),
        ("#+5", [DraftNumber(5)]),
        ("#=6 =5..7#close enough", [DraftNumber(6), DraftNumber(range=(5, 7), why="close enough")]),
        ("#\n=1822:0 # Right.\n=%50%1822:2 # Close.", [DraftNumber(1822, 0, why="Right.")]),
    ],
)
def test_every_numerical_form(answers: str, numbers: list[DraftNumber]) -> None:
    draft = one(f"When?{{{answers}}}")
    assert draft.type == "numeric"
    assert draft.numbers == numbers


def test_numerical_partial_credit_and_errors() -> None:
    draft = one("When?{#=1822:0 =%50%1822:2}")
    assert draft.partial_credit == ["'1822:2' (50%)"]
    assert skipped("A?{#3,14}\n\nB?{#7..5}\n\nC?{#6:-1}\n\nD?{#pi}\n\nE?{#=%50%1}") == [
        (
            1,
            "numerical",
            "'3,14' is not a number (numbers use a decimal point; Moodle would accept any "
            "number here)",
        ),
        (3, "numerical", "the range '7..5' runs backwards: write the smaller number first"),
        (5, "numerical", "the tolerance in '6:-1' is negative"),
        (
            7,
            "numerical",
            "'pi' is not a number (numbers use a decimal point; Moodle would accept any number "
            "here)",
        ),
        (9, "numerical", "no fully right answer (only partial credit)"),
    ]


def test_matching_with_a_shared_answer_and_a_distractor() -> None:
    draft = one(
        "Classify.{\n=frog -> amphibian\n=cat -> mammal\n=newt -> amphibian\n= -> insect\n}"
    )
    assert draft.type == "matching"
    assert [(p.prompt, p.answer) for p in draft.pairs] == [
        ("frog", "amphibian"),
        ("cat", "mammal"),
        ("newt", "amphibian"),
    ]
    assert draft.distractors == ["insect"]
    assert skipped("Match.{=a -> 1 =b}\n\nMatch.{=a -> 1 = -> 2}") == [
        (
            1,
            "matching",
            "'b' has no '->': every answer of a matching question is 'prompt -> answer' "
            "(write '= -> answer' for an extra answer)",
        ),
        (3, "matching", "a matching question needs 2 to 10 prompts, found 1"),
    ]


def test_ordering_as_moodle_4_4_reads_it() -> None:
    draft = one(
        "::Order::[moodle]Put in order{>3 ALL VERTICAL ALL_OR_NOTHING SHOW 123\nOne\nTwo\nThree\n}"
    )
    assert draft.type == "ordering"
    assert [i.text for i in draft.items] == ["One", "Two", "Three"]
    assert draft.notes == []
    draft = one("Order{>2 RANDOM HORIZONTAL ABSOLUTE_POSITION\nA\nB\nC\nD}")
    assert draft.notes == [
        "Moodle shows 2 of the 4 items; this site shows them all",
        "graded ABSOLUTE_POSITION in Moodle; this site scores all or nothing",
    ]


# ---- what is not imported, and why ------------------------------------------------------


def test_other_question_types_are_listed_with_line_and_reason() -> None:
    text = "\n\n".join(
        [
            "Write an essay.{}",
            "Just a description.",
            "Cloze {1:MULTICHOICE:=a~b} here {=x ~y}",
            "Essay with general feedback.{####Think.}",
            "Kept?{=yes ~no}",
        ]
    )
    assert skipped(text) == [
        (1, "essay", "an essay needs a person to grade it; this site has no such type"),
        (3, "description", "text without answers (a description in Moodle): nothing to answer"),
        (5, "cloze", "embedded answers (cloze) are out of scope this round"),
        (7, "essay", "an essay needs a person to grade it; this site has no such type"),
    ]


# ---- where questions start and end ------------------------------------------------------


def test_glued_named_questions_are_separate_questions() -> None:
    items = read("::E1:: First {T}\n::E2:: Second {=x ~y}\n::E3:: Third {F}\n")
    assert [(i.line, i.name, i.stem) for i in items if isinstance(i, Draft)] == [
        (1, "E1", "First"),
        (2, "E2", "Second"),
        (3, "E3", "Third"),
    ]
    glued = [i for i in items if isinstance(i, Draft)][1]
    assert glued.notes == [
        "no blank line between this question and the one at line 1: read as two questions "
        "(add a blank line)"
    ]


def test_glued_unnamed_questions_and_trailing_text() -> None:
    items = read("First {T}\nSecond\n{F}\n")
    assert [(i.line, i.stem, i.answer) for i in items if isinstance(i, Draft)] == [
        (1, "First", True),
        (2, "Second", False),
    ]
    # Text after the brace on the brace's line stays with the first (missing word).
    items = read("::A:: First {T} after\n::B:: Second {F}")
    assert [i.stem for i in items if isinstance(i, Draft)] == ["First _____ after", "Second"]
    assert errors("One {T} Two {F}") == [
        "bank.gift:1: a second '{' at line 1 after the answers closed at line 1: if these "
        "are two questions, put a blank line between them"
    ]


def test_a_category_line_glued_to_a_question() -> None:
    items = read("$CATEGORY: $course$/top/Glued\n::F1:: Kept? {T}\n")
    assert len(items) == 1 and isinstance(items[0], Draft)
    assert (items[0].name, items[0].stem, items[0].category) == (
        "F1",
        "Kept?",
        "$course$/top/Glued",
    )


def test_text_before_a_named_question_is_a_description_and_unclosed_answers_end() -> None:
    items = read("/*\n::Q4:: Which? {=a -> 1 =b -> 2}\n*/\n::Q5:: Number? {#3:2}\n")
    assert [(i.line, i.kind if isinstance(i, Skipped) else i.type) for i in items] == [
        (1, "description"),
        (2, "matching"),
        (4, "numeric"),
    ]
    assert errors("::A:: Open {=a ~b\n::B:: Closed {T}") == [
        "bank.gift:1: unclosed '{' at line 1: the answers that start there have no closing "
        "'}' (a blank line ends a question; write \\{ for a literal brace)"
    ]
    assert [
        i.name for i in read("::A:: Open {=a ~b\n::B:: Closed {T}") if isinstance(i, Draft)
    ] == ["B"]


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
        "\r\n"
        "Zero\r\n"
        "0\r\n"
        "kept? {T}\r\n"
    )
    first, second, third = read(text)
    assert isinstance(first, Draft) and isinstance(second, Draft) and isinstance(third, Draft)
    assert first.line == 4
    assert first.stem == "A question\non two lines?"
    assert first.category == "$course$/top/Deployment"
    assert second.category == "monitoring"
    assert second.line == 12
    # A line "0" ends a question in Moodle (PHP's empty("0")); here it is text.
    assert third.stem == "Zero\n0\nkept?"


def test_old_mac_line_ends() -> None:
    assert [i.line for i in read("A?{T}\r\rB?{F}\r")] == [1, 3]


def test_escapes() -> None:
    draft = one(r"Which is 5\: \{x\} \= 2 \+ 3\n\#1?{=\= 2 + 3#right \~ok ~a \\ b}")
    # "\+" is no GIFT escape: the backslash stays, escaped for Markdown.
    # "\+" is no GIFT escape: the backslash stays, escaped for Markdown; a "#" that starts a
    # line would be a Markdown heading.
    assert draft.stem == "Which is 5: {x} = 2 \\\\+ 3\n\\#1?"
    assert options(draft) == [("= 2 + 3", True, "right ~ok"), ("a \\\\ b", False, None)]


def test_text_formats() -> None:
    html = one("[html]<p>Is <b>this</b> <script>alert(1)</script>bold &amp; safe?</p>{=yes ~no}")
    assert html.stem == "Is **this** bold & safe?"
    plain = one("[plain]Is *this* [x] <b>literal</b>?{=yes ~no}")
    assert plain.stem == r"Is \*this\* \[x\] &lt;b>literal&lt;/b>?"
    markdown = one("[markdown]Is **this** <i>bold</i> `<b>`?{=yes#**Yes**. ~no}")
    assert markdown.stem == "Is **this** *bold* `<b>`?"
    assert markdown.options[0].why == "**Yes**."
    moodle = one("[moodle]Is snake_case <i>ok</i>?{=yes ~no}")
    assert moodle.stem == r"Is snake\_case *ok*?"
    image = one('[html]See <img src="@@PLUGINFILE@@/a.png" alt="a chart">?{=yes ~no}')
    assert image.stem == "See [image: a chart]?"
    assert image.notes == ["image dropped (an import brings text only): a.png"]


# ---- unreadable questions: exact reasons; the others are read --------------------------------


def test_unclosed_brace() -> None:
    items = read("Fine?{=a ~b}\n\nBroken?{=a\n~b\n\nAfter?{=c ~d}")
    assert [i.line for i in items if isinstance(i, Draft)] == [1, 6]
    assert errors("Fine?{=a ~b}\n\nBroken?{=a\n~b\n\nAfter?{=c ~d}") == [
        "bank.gift:3: unclosed '{' at line 3: the answers that start there have no closing "
        "'}' (a blank line ends a question; write \\{ for a literal brace)"
    ]


def test_closing_brace_without_opening() -> None:
    assert errors("Broken? =a ~b}") == [
        "bank.gift:1: '}' at line 1 without an opening '{' (write \\} for a literal brace)"
    ]


def test_no_right_answer() -> None:
    assert errors("Which?{~a ~b ~c}") == [
        "bank.gift:1: no right answer: mark the right answer with '=' (GIFT) or 100% (XML), "
        "or give the right answers of a multiple-answer question positive weights"
    ]


def test_weight_out_of_range_and_unclosed_name_are_all_reported() -> None:
    assert errors("Pick.{~%150%a ~b}\n\n::Name without end\nQ?{=a ~b}") == [
        "bank.gift:1: answer weight 150% is outside -100% to 100%",
        "bank.gift:3: unclosed question name: '::' opens a name that no '::' closes "
        "(write \\: for a literal colon)",
    ]


def test_one_answer_only() -> None:
    assert errors("Which?{~%100%a}") == ["bank.gift:1: expected at least 2 answers, found 1"]


def test_no_text_before_the_answers() -> None:
    assert errors("::Name::{=a ~b}") == ["bank.gift:1: the question has no text before its answers"]


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
    originals = exported_of(source, "gift")
    back = all_questions_of(target)
    assert {q.type for q in originals} > {"choice"}
    assert [round_trip_view(q, pair_whys=False) for q in back] == [
        round_trip_view(q, pair_whys=False) for q in originals
    ]
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
    originals = exported_in(bundled_bank, "gift")
    assert len(questions) == len(originals)
    assert categories[0].startswith("mls-c01/domain-4/")
    kinds = {
        "choice": "MC",
        "true-false": "TF",
        "matching": "Matching",
        "numeric": "Numerical",
        "short-answer": "Short",
    }
    assert {q.type for q in originals} == set(kinds)
    for question, original in zip(questions, originals, strict=True):
        assert question["title"] == original.id
        assert question["type"] == kinds[original.type]
        assert question["stem"]["format"] == "markdown"
        stem = stem_with_case(original)
        if isinstance(original, NumericQuestion) and original.unit:
            stem += f" _____ {original.unit}"  # the text after the answers: the unit
        assert question["stem"]["text"] == stem
        if not isinstance(original, Question):
            continue  # each type read in detail: test_formats_export_types.py
        choices = question["choices"]
        assert [c["text"]["text"] for c in choices] == [o.text for o in original.options]
        if original.choose == 1:
            assert [c["isCorrect"] for c in choices] == [o.correct for o in original.options]
        else:
            assert [c["weight"] > 0 for c in choices] == [o.correct for o in original.options]
            assert sum(c["weight"] for c in choices if c["weight"] > 0) == pytest.approx(100, 0.01)
        assert [c["feedback"]["text"] for c in choices] == [o.why for o in original.options]


def test_export_writes_no_raw_html_into_markdown_fields() -> None:
    """Issue 34: GIFT export wrote raw HTML into [markdown] fields and left the cleaning to
    Moodle. A "<" is written "&lt;" (Markdown shows it as "<", as the site does), but not in
    code spans (they show it already) nor in a short answer (compared as typed)."""
    from generator.content.model import parse_question

    choice = parse_question(
        {
            "id": "html",
            "topics": ["t"],
            "stem": "Is <script>alert(1)</script> or `<b>` **bold**?",
            "options": [
                {"text": "<img src=x onerror=alert(1)>", "correct": True, "why": "<b>w</b>"},
                {"text": "[<i>x</i>](https://e.org)"},
            ],
            "explanation": "<svg onload=alert(1)>",
        }
    )
    written = gift.question_gift(choice)
    outside_code = written.replace("`<b>`", "")
    assert "<" not in outside_code, written
    assert "[markdown]Is &lt;script>alert(1)&lt;/script> or `<b>` **bold**?" in written
    assert "\t=&lt;img src\\=x onerror\\=alert(1)>#&lt;b>w&lt;/b>" in written
    assert "\t~[markdown][&lt;i>x&lt;/i>](https\\://e.org)" in written
    assert "\t####&lt;svg onload\\=alert(1)>" in written
    short = parse_question(
        {"id": "s", "type": "short-answer", "topics": ["t"], "stem": "Tag?", "accept": ["<br>"]}
    )
    assert "\t=<br>" in gift.question_gift(short)
