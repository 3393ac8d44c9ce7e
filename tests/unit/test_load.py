"""Loading keeps every object's source file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.load import load_bank, read_yaml
from generator.content.model import Question, TableBlock
from generator.errors import DataError
from tests.support.project import FIXTURES


def test_models_remember_file_and_line() -> None:
    bank = load_bank(FIXTURES / "mini")
    domain = bank.domains[0]
    question = domain.questions[1]
    assert isinstance(question, Question) and question.id == "q-two"
    assert question.at.file.endswith("tests/fixtures/mini/domain-1/content.yml")
    assert question.at.line == 79
    assert question.at.line_of("stem") == 81
    assert question.options[2].at.line == 90
    assert question.at.line_of("topics", 1) == 80
    block = domain.topics[0].blocks[3]
    assert isinstance(block, TableBlock) and block.at.line == 14


def test_text_is_stripped_and_exam_read() -> None:
    bank = load_bank(FIXTURES / "mini")
    assert bank.exam.code == "DEMO-01"
    assert [d.weight for d in bank.exam.domains] == [60, 40]
    assert bank.glossary.terms[0].term == "CPU"


def test_duplicate_keys_are_found(tmp_path: Path) -> None:
    file = tmp_path / "x.yml"
    file.write_text("a: 1\nb: 2\na: 3\n")
    data, problems = read_yaml(file)
    assert data["a"] == 3
    assert [(p.line, p.message) for p in problems] == [(3, "duplicate key 'a' (first on line 1)")]


def test_unreadable_text(tmp_path: Path) -> None:
    file = tmp_path / "x.yml"
    file.write_bytes(b"a: \xff\xfe\n")
    _, problems = read_yaml(file)
    assert problems[0].message.startswith("the file is not UTF-8 text")


def test_yaml_aliases_are_refused_where_they_are_used(tmp_path: Path) -> None:
    file = tmp_path / "x.yml"
    file.write_text(
        'points:\n  - &big "A long text that every alias repeats in full."\n'
        "  - *big\n  - *big\n  - *big\nname: &n x\nagain: *n\n",
        encoding="utf-8",
    )
    data, problems = read_yaml(file)
    assert data is None
    # The first use of each alias, not the anchor, and how often it is used.
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (3, "YAML alias '*big' (used 3 times)"),
        (7, "YAML alias '*n'"),
    ]
    assert problems[0].message.endswith("write the text out")


def test_a_file_without_aliases_reads_as_before(tmp_path: Path) -> None:
    file = tmp_path / "x.yml"
    file.write_text("a: '*not an alias*'\nb: 2 * 3\n", encoding="utf-8")
    data, problems = read_yaml(file)
    assert (data["a"], data["b"], problems) == ("*not an alias*", "2 * 3", [])


def test_aliases_in_a_bank_stop_the_load_with_file_and_line(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", data)
    glossary = data / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\nx: &a 1\ny: *a\n", "utf-8")
    with pytest.raises(DataError) as caught:
        load_bank(data)
    [problem] = caught.value.problems
    assert problem.file.endswith("glossary.yml") and "alias '*a'" in problem.message
