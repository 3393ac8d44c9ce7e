"""Question lints: each warning names file:line and says what gives the answer away."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.checks import check_bank
from generator.commands import main
from generator.content.load import load_bank
from tests.support.project import FIXTURES, ROOT

EXAM = (FIXTURES / "mini" / "exam.yml").read_text(encoding="utf-8")
DOMAIN = (FIXTURES / "mini" / "domain-1" / "domain.yml").read_text(encoding="utf-8")

TOPIC = """\
topics:
  - id: ports
    title: Ports
    summary: Where cables go.
    blocks:
      - prose: Cables go into ports.
questions:
"""


def _warnings(tmp_path: Path, questions: str) -> list[str]:
    """Check a one-topic bank with these questions; return every warning as printed."""
    data = Path("data")
    (data / "domain-1").mkdir(parents=True)
    (data / "exam.yml").write_text(EXAM, encoding="utf-8")
    (data / "glossary.yml").write_text("terms: []\n", encoding="utf-8")
    (data / "domain-1" / "domain.yml").write_text(DOMAIN, encoding="utf-8")
    body = TOPIC + textwrap.indent(textwrap.dedent(questions), "  ")
    (data / "domain-1" / "content.yml").write_text(body, encoding="utf-8")
    warnings = check_bank(load_bank(data))
    return [str(w) for w in warnings if "self-check question" not in w.message]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _question(qid: str, stem: str, options: list[tuple[str, bool]], extra: str = "") -> str:
    lines = [f"- id: {qid}", "  topics: [ports]", f"  stem: {stem}", *extra.splitlines()]
    lines.append("  options:")
    for text, correct in options:
        lines.append(f"    - text: {text}")
        if correct:
            lines.append("      correct: true")
        lines.append("      why: Because.")
    return "\n".join(lines) + "\n"


def test_a_correct_option_much_longer_than_every_distractor(tmp_path: Path) -> None:
    long = "A USB-C port on the left side, next to the power button and the fan grille"
    question = _question("q", "Where is it?", [(long, True), ("Rear", False), ("Top", False)])
    assert _warnings(tmp_path, question) == [
        "data/domain-1/content.yml:12: questions[0].options[0].text: the correct option is 74 "
        "characters, 18.5 times the longest distractor (4): a learner can pick it by its "
        "length alone; give the distractors the same detail or shorten it"
    ]


def test_longer_but_within_the_margin_is_fine(tmp_path: Path) -> None:
    # 1.5 times as long but only 12 characters longer: not a giveaway.
    question = _question(
        "q", "Pick one.", [("Port on the left", True), ("Rear", False), ("Top side", False)]
    )
    assert _warnings(tmp_path, question) == []


def test_a_stem_word_found_only_in_the_correct_option(tmp_path: Path) -> None:
    question = _question(
        "q",
        "Which cable charges a laptop?",
        [("A charging cable", False), ("A laptop cable", True), ("An HDMI cord", False)],
    )
    assert _warnings(tmp_path, question) == [
        "data/domain-1/content.yml:14: questions[0].options[1].text: shares 'laptop' with the "
        "stem and no distractor does: the word points at the answer; use it in a distractor "
        "too, or reword"
    ]


def test_options_that_say_the_same_thing(tmp_path: Path) -> None:
    question = _question(
        "q",
        "Where does it plug in?",
        [("The rear ports", True), ("Ports at the rear", False), ("The front panel", False)],
    )
    assert _warnings(tmp_path, question) == [
        "data/domain-1/content.yml:15: questions[0].options[1].text: says the same as option 0 "
        "in other words ('The rear ports'): each option should be a different choice"
    ]


def test_a_misspelt_repeat_is_the_same_option(tmp_path: Path) -> None:
    question = _question(
        "q",
        "Where does it plug in?",
        [("Serial adapter", True), ("Serail adapter", False), ("Front panel", False)],
    )
    assert _warnings(tmp_path, question) == [
        "data/domain-1/content.yml:15: questions[0].options[1].text: says the same as option 0 "
        "in other words ('Serial adapter'): each option should be a different choice"
    ]


def test_options_one_word_apart_are_different_choices(tmp_path: Path) -> None:
    question = _question(
        "q",
        "Which monitor?",
        [("Model Monitor data quality", True), ("Model Monitor model quality", False)],
    )
    assert _warnings(tmp_path, question) == []


def test_none_of_the_above_when_options_are_shuffled(tmp_path: Path) -> None:
    options = [("Rear", False), ("Top", False), ("None of the above", True)]
    shuffled = _question("q", "Where?", options)
    fixed = _question("r", "Where?", options, extra="  shuffle: false")
    assert _warnings(tmp_path, shuffled + fixed) == [
        "data/domain-1/content.yml:16: questions[0].options[2].text: 'None of the above' depends "
        "on the order of the options, but this question shuffles them: name the options it "
        "means, or set 'shuffle: false'"
    ]


def test_a_stem_that_already_says_choose_two(tmp_path: Path) -> None:
    question = _question(
        "q",
        "Which two are ports? (Choose two.)",
        [("USB", True), ("HDMI", True), ("Fan", False)],
        extra="  choose: 2",
    )
    assert _warnings(tmp_path, question) == [
        "data/domain-1/content.yml:10: questions[0].stem: the stem ends with '(Choose two.)', "
        "which the site already adds from 'choose: 2': remove it from the stem"
    ]


@pytest.mark.parametrize("phrase", ["Both A and B", "A, B and C", "Either B or D"])
def test_letter_references_to_several_options(tmp_path: Path, phrase: str) -> None:
    question = _question("q", "Where?", [("Rear", False), ("Top", False), (phrase, True)])
    assert _warnings(tmp_path, question) == [
        f"data/domain-1/content.yml:16: questions[0].options[2].text: refers to options by letter "
        f"('{phrase}'); options are shuffled and lettered on the page, name the options instead"
    ]


def test_plan_letters_inside_words_are_not_letter_references(tmp_path: Path) -> None:
    question = _question(
        "q", "Which key?", [("SSE-C and DSSE-KMS", True), ("Model A and Model B", False)]
    )
    assert _warnings(tmp_path, question) == []


def _bank_of(count: int, longest_correct: int) -> str:
    questions = []
    for n in range(count):
        if n < longest_correct:
            options = [("Port on the left side", True), ("Rear ports", False), ("Top", False)]
        else:
            options = [("Rear ports", True), ("Port on the left side", False), ("Top", False)]
        questions.append(_question(f"q{n}", f"Where is port {n}?", options))
    return "".join(questions)


def test_the_longest_option_is_correct_too_often_is_reported_once(tmp_path: Path) -> None:
    assert _warnings(tmp_path, _bank_of(12, 9)) == [
        "data/domain-1/content.yml: questions: the correct option is the longest in 9 of 12 "
        "questions (75%); chance gives about 4 (33%): learners can learn to pick the longest "
        "option, so vary which option is longest"
    ]


def test_the_longest_option_correct_about_as_often_as_chance_is_fine(tmp_path: Path) -> None:
    assert _warnings(tmp_path, _bank_of(12, 5)) == []


def test_the_bundled_bank_passes_its_own_lints(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(ROOT / "data"), "check"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("ok: ")
