"""Question types: the model, its messages and the checks and lints of each type (file:line)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.checks import find_problems
from generator.content.load import load_bank
from generator.content.model import (
    CaseStudy,
    MatchingQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
    normalise_answer,
)
from generator.errors import DataError
from tests.support.project import FIXTURES

EXAM = (FIXTURES / "mini" / "exam.yml").read_text(encoding="utf-8")
DOMAIN = (FIXTURES / "mini" / "domain-1" / "domain.yml").read_text(encoding="utf-8")

TOPICS = """\
topics:
  - id: ports
    title: Ports
    summary: Where cables go.
    blocks:
      - prose: Cables go into ports.
questions:
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _data(questions: str) -> Path:
    data = Path("data")
    (data / "domain-1").mkdir(parents=True, exist_ok=True)
    (data / "exam.yml").write_text(EXAM, encoding="utf-8")
    (data / "glossary.yml").write_text("terms: []\n", encoding="utf-8")
    (data / "domain-1" / "domain.yml").write_text(DOMAIN, encoding="utf-8")
    body = TOPICS + textwrap.indent(textwrap.dedent(questions), "  ")
    (data / "domain-1" / "content.yml").write_text(body, encoding="utf-8")
    return data


def problems(questions: str, severity: str = "error") -> list[str]:
    """Every problem of that severity as printed (the coverage warning left out)."""
    found = find_problems(load_bank(_data(questions)))
    return [
        str(p) for p in found if p.severity == severity and "self-check question" not in p.message
    ]


def load_errors(questions: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_bank(_data(questions))
    return [str(p) for p in caught.value.problems]


F = "data/domain-1/content.yml"  # lines: the topics take 7, questions start on line 8

EVERY_TYPE = """\
- id: q-choice
  topics: [ports]
  stem: Which port carries video?
  options:
    - {text: HDMI, correct: true, why: It carries video and sound.}
    - {text: RJ45, why: It carries network traffic.}
- id: q-tf
  type: true-false
  topics: [ports]
  stem: A USB-C port can carry video.
  answer: true
  explanation: DisplayPort runs over USB-C in its alternate mode.
- id: q-order
  type: ordering
  topics: [ports]
  stem: Put the steps to connect a monitor in order.
  items:
    - {text: Plug the cable into the monitor, why: The monitor end is fixed.}
    - {text: Plug the cable into the laptop}
    - {text: Pick the input on the monitor}
- id: q-match
  type: matching
  topics: [ports]
  stem: Match each port to what it carries.
  pairs:
    - {prompt: HDMI, answer: Video}
    - {prompt: DisplayPort, answer: Video}
    - {prompt: RJ45, answer: Network traffic}
  distractors: [Mains power]
- id: q-num
  type: numeric
  topics: [ports]
  stem: How many pins has a USB-C plug?
  answer: 24
  unit: pins
- id: q-short
  type: short-answer
  topics: [ports]
  stem: Which connector carries network traffic?
  accept: [RJ45, {text: 8P8C, why: Its formal name.}]
- id: case-desk
  type: case-study
  topics: [ports]
  title: A desk
  scenario: A desk has a laptop and a monitor.
  table:
    columns: [Device, Port]
    rows: [[Laptop, USB-C], [Monitor, HDMI]]
  questions:
    - id: case-desk-cable
      stem: Which cable joins them?
      options:
        - {text: USB-C to HDMI, correct: true}
        - {text: RJ45}
    - id: case-desk-count
      type: numeric
      stem: How many ports are listed?
      range: [2, 2]
"""


def test_every_type_loads_with_its_class_and_parts_inherit_topics() -> None:
    content = load_bank(_data(EVERY_TYPE)).domains[0]
    kinds = [type(item) for item in content.items]
    assert kinds == [
        Question,
        TrueFalseQuestion,
        OrderingQuestion,
        MatchingQuestion,
        NumericQuestion,
        ShortAnswerQuestion,
        CaseStudy,
    ]
    assert [q.id for q in content.questions] == [
        "q-choice",
        "q-tf",
        "q-order",
        "q-match",
        "q-num",
        "q-short",
        "case-desk-cable",
        "case-desk-count",
    ]
    case = content.case_studies[0]
    assert [p.topics for p in case.questions] == [["ports"], ["ports"]]
    assert all(p.case is case for p in case.questions)
    assert isinstance(case.questions[0], Question)  # a choice part is a Question
    assert case.questions[1].at.line == 62
    assert problems(EVERY_TYPE) == []


def test_matching_offers_each_answer_once_then_the_distractors() -> None:
    match = load_bank(_data(EVERY_TYPE)).domains[0].items[3]
    assert isinstance(match, MatchingQuestion)
    assert match.answers == ["Video", "Network traffic", "Mains power"]
    assert match.key == [0, 0, 1]


def test_numbers_keep_their_kind_and_give_bounds() -> None:
    content = load_bank(_data(EVERY_TYPE)).domains[0]
    numeric = content.items[4]
    assert isinstance(numeric, NumericQuestion)
    assert numeric.answer == 24 and isinstance(numeric.answer, int)
    assert [a.bounds for a in numeric.accepted] == [(24, 24)]


def test_content_hash_changes_with_what_the_learner_sees() -> None:
    first = {q.id: q.content_hash for q in load_bank(_data(EVERY_TYPE)).domains[0].questions}
    edited = EVERY_TYPE.replace("A desk has a laptop", "A desk has a tablet").replace(
        "Pick the input", "Choose the input"
    )
    second = {q.id: q.content_hash for q in load_bank(_data(edited)).domains[0].questions}
    changed = sorted(k for k in first if first[k] != second[k])
    # A case study's scenario is part of what each of its questions shows.
    assert changed == ["case-desk-cable", "case-desk-count", "q-order"]


def test_choice_hash_is_the_hash_from_before_types() -> None:
    """Stored progress keys on the hash: a multiple-choice question keeps its old one."""
    content = load_bank(FIXTURES / "mini").domains[0]
    assert content.questions[0].content_hash == "91aea2c7c095"


def test_normalisation_nfkc_casefold_spaces() -> None:
    assert (
        normalise_answer("  Invoke\u3000\uff25\uff2e\uff24\uff30\uff2f\uff29\uff2e\uff34  ")
        == "invoke endpoint"
    )
    assert normalise_answer("STRASSE") == normalise_answer("Straße") == "strasse"
    assert normalise_answer("\ufb01le") == "file"
    assert normalise_answer("a\t\n b") == "a b"


def test_an_unknown_type_names_the_types() -> None:
    bad = "- id: q\n  type: essay\n  topics: [ports]\n  stem: Write.\n"
    assert load_errors(bad) == [
        f"{F}:9: questions[0].type: expected one of 'choice', 'true-false', 'ordering', "
        "'matching', 'numeric', 'short-answer', 'case-study', found 'essay'"
    ]


def test_a_case_study_inside_a_case_study() -> None:
    nested = """\
    - id: outer
      type: case-study
      topics: [ports]
      scenario: Outer.
      questions:
        - id: inner
          type: case-study
          scenario: Inner.
          questions: []
        - id: part
          type: true-false
          stem: A statement.
          answer: true
    """
    assert load_errors(nested) == [
        f"{F}:14: questions[0].questions[0].type: a case study's questions cannot be case "
        "studies (case studies do not nest); expected one of 'choice', 'true-false', "
        "'ordering', 'matching', 'numeric', 'short-answer'"
    ]


def test_a_missing_field_of_a_type_is_named() -> None:
    bad = "- id: q\n  type: true-false\n  topics: [ports]\n  stem: It is.\n"
    assert load_errors(bad) == [f"{F}:8: questions[0].answer: missing required field 'answer'"]


def test_a_number_in_quotes_is_refused() -> None:
    bad = "- id: q\n  type: numeric\n  topics: [ports]\n  stem: How many?\n  answer: '6'\n"
    errors = load_errors(bad)
    assert errors == [
        f"{F}:12: questions[0].answer: expected a valid integer or a valid number, found '6'"
    ]


ORDERING = """\
- id: q-order
  type: ordering
  topics: [ports]
  stem: Order them.
  items:
    - {text: Plug in the cable}
    - {text: plug in  the cable}
"""


def test_ordering_counts_and_repeats() -> None:
    assert problems(ORDERING) == [
        f"{F}:12: questions[0].items: expected 3 to 10 items, found 2",
        f"{F}:14: questions[0].items[1].text: same text as items[0]",
    ]


def test_matching_rules() -> None:
    matching = """\
    - id: q-match
      type: matching
      topics: [ports]
      stem: Match them.
      pairs:
        - {prompt: HDMI, answer: Video}
        - {prompt: hdmi, answer: Sound}
      distractors: [video, Power, power]
    """
    assert problems(matching) == [
        f"{F}:14: questions[0].pairs[1].prompt: same prompt as pairs[0]",
        f"{F}:15: questions[0].distractors[0]: the distractor 'video' is the answer of the "
        "prompt 'HDMI': a distractor must fit no prompt; remove it or change its text",
        f"{F}:15: questions[0].distractors[2]: same text as distractors[1]",
    ]
    one = "- id: q\n  type: matching\n  topics: [ports]\n  stem: M.\n  pairs: [{prompt: a, answer: b}]\n"
    assert problems(one) == [f"{F}:12: questions[0].pairs: expected 2 to 10 prompts, found 1"]


def test_numeric_rules() -> None:
    numeric = """\
    - id: q-neg
      type: numeric
      topics: [ports]
      stem: How many?
      answer: 6
      tolerance: -1
    - id: q-range
      type: numeric
      topics: [ports]
      stem: How many?
      range: [7, 5]
    - id: q-none
      type: numeric
      topics: [ports]
      stem: How many?
      unit: MB
    - id: q-both
      type: numeric
      topics: [ports]
      stem: How many?
      answer: 6
      accept: []
    - id: q-entries
      type: numeric
      topics: [ports]
      stem: How many?
      accept:
        - {answer: 6, tolerance: 0.5}
        - {range: [5.5, 6.5], tolerance: 1}
        - {range: [1, 2, 3]}
    """
    assert problems(numeric) == [
        f"{F}:13: questions[0].tolerance: expected a tolerance of 0 or more, found -1",
        f"{F}:18: questions[1].range: expected min <= max, found [7, 5]",
        f"{F}:19: questions[2]: missing the right number: give 'answer' (with an optional "
        "'tolerance') or 'range: [min, max]', or 'accept' entries",
        f"{F}:28: questions[3].answer: give either 'accept' entries or 'answer', not both "
        "(put every accepted number in 'accept')",
        f"{F}:29: questions[3].accept: expected at least 1 accepted entry, found none",
        f"{F}:36: questions[4].accept[1]: accepts the same numbers as accept[0]",
        f"{F}:36: questions[4].accept[1].tolerance: a 'tolerance' goes with 'answer', not "
        "with 'range' (widen the range instead)",
        f"{F}:37: questions[4].accept[2].range: expected [min, max] (2 numbers), found 3 numbers",
    ]


def test_short_answer_rules() -> None:
    short = """\
    - id: q-empty
      type: short-answer
      topics: [ports]
      stem: Which?
      accept: []
    - id: q-same
      type: short-answer
      topics: [ports]
      stem: Which?
      accept: [RJ45, " rj45 ", {text: "\\uff32\\uff2a\\uff14\\uff15"}]
    """
    assert problems(short) == [
        f"{F}:12: questions[0].accept: expected at least 1 accepted answer, found none",
        f"{F}:17: questions[1].accept[1]: same as accept[0] once normalised ('rj45': answers "
        "are compared after NFKC, case folding and collapsing spaces); remove one",
        f"{F}:17: questions[1].accept[2]: same as accept[0] once normalised ('rj45': answers "
        "are compared after NFKC, case folding and collapsing spaces); remove one",
    ]


def test_case_study_rules_and_ids_shared_with_questions() -> None:
    case = """\
    - id: q-one
      type: true-false
      topics: [ports]
      stem: It is.
      answer: true
    - id: case
      type: case-study
      topics: [ports]
      scenario: A desk.
      questions:
        - id: q-one
          type: true-false
          stem: It is not.
          answer: false
    """
    assert problems(case) == [
        f"{F}:17: questions[1].questions: expected at least 2 questions in a case study, found 1 "
        "(a single question needs no case study: give it the scenario in its stem)",
        f"{F}:18: questions[1].questions[0].id: duplicate question id 'q-one' (first defined at "
        f"{F}:8)",
    ]


def test_a_case_study_in_two_domains(tmp_path: Path) -> None:
    data = _data(
        EVERY_TYPE.replace(
            "      stem: Which cable joins them?",
            "      topics: [other]\n      stem: Which cable joins them?",
        )
    )
    (data / "domain-2").mkdir()
    (data / "domain-2" / "domain.yml").write_text(
        DOMAIN.replace("number: 1", "number: 2"), encoding="utf-8"
    )
    (data / "domain-2" / "content.yml").write_text(
        TOPICS.replace("ports", "other").replace("Ports", "Other") + "  []\n", encoding="utf-8"
    )
    exam = EXAM
    (data / "exam.yml").write_text(exam, encoding="utf-8")
    found = [str(p) for p in find_problems(load_bank(data)) if "domain 2" in p.message]
    assert found[-1:] == [
        f"{F}:58: questions[6].questions[0].topics[0]: topic 'other' is in domain 2, the case "
        "study's topic 'ports' in domain 1: a case study's questions are all in one domain"
    ]


def test_ordering_items_that_give_their_place_away() -> None:
    cues = """\
    - id: q-order
      type: ordering
      topics: [ports]
      stem: Order them.
      items:
        - {text: First unplug the laptop}
        - {text: "Step 2: wind the cable"}
        - {text: "3. Store the cable"}
        - {text: Then label the box, why: It comes after the second step.}
        - {text: "Put the box away, finally"}
        - {text: Check the firmware version}
    """
    assert problems(cues, "warning") == [
        f"{F}:13: questions[0].items[0].text: 'First' gives the item's place away (pages "
        "shuffle the items, and the learner is asked for the order): reword it without the cue",
        f"{F}:14: questions[0].items[1].text: 'Step 2' gives the item's place away (pages "
        "shuffle the items, and the learner is asked for the order): reword it without the cue",
        f"{F}:15: questions[0].items[2].text: '3.' gives the item's place away (pages "
        "shuffle the items, and the learner is asked for the order): reword it without the cue",
        f"{F}:16: questions[0].items[3].text: 'Then' gives the item's place away (pages "
        "shuffle the items, and the learner is asked for the order): reword it without the cue",
        f"{F}:16: questions[0].items[3].why: refers to a place ('the second step'); pages shuffle "
        "the items and answers, name the thing itself instead",
        f"{F}:17: questions[0].items[4].text: 'finally' gives the item's place away (pages "
        "shuffle the items, and the learner is asked for the order): reword it without the cue",
    ]


def test_choice_lints_apply_to_a_case_studys_choice_question() -> None:
    case = EVERY_TYPE.replace("{text: RJ45}", "{text: RJ45, why: See option B.}")
    warnings = problems(case, "warning")
    assert any("questions[6].questions[0].options[1].why" in w for w in warnings), warnings


def test_a_true_false_stem_written_as_a_question() -> None:
    tf = "- id: q\n  type: true-false\n  topics: [ports]\n  stem: Is it true?\n  answer: true\n"
    assert problems(tf, "warning") == [
        f"{F}:11: questions[0].stem: a true/false stem is a statement the learner judges "
        "true or false, not a question: rewrite it as a statement"
    ]
