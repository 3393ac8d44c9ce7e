"""Messages an author can act on: YAML traps, near-miss field names, files left unread."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.commands import main
from tests.support.project import FIXTURES


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the mini fixture as ./data, the working folder being its parent."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "data"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _errors(capsys: pytest.CaptureFixture[str]) -> list[str]:
    assert main(["check"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith("error: ")
    return [line.strip() for line in lines[1:]]


def test_text_cut_at_a_comma_in_flow_style_says_to_quote_it(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = data / "domain-1" / "content.yml"
    _edit(
        content,
        "      - text: RAM\n        why: RAM is memory.",
        "      - {text: RAM, why: It would run, and cost, all day.}",
    )
    assert _errors(capsys) == [
        "data/domain-1/content.yml:90: why: the text is cut at a comma (inside { } a comma "
        'ends a value): put the whole text in quotes, as in why: "It would run, and cost, all day."'
    ]


def test_colon_in_flow_text_says_to_quote_it(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = data / "domain-1" / "content.yml"
    _edit(
        content,
        "      - text: RAM\n        why: RAM is memory.",
        "      - {text: RAM, why: Use it: always}",
    )
    assert _errors(capsys) == [
        "data/domain-1/content.yml:90: YAML syntax error: while parsing a flow mapping: did not "
        "find expected ',' or '}'; if a text holds ': ', put the whole text in quotes, as in "
        'why: "Use it: always"'
    ]


def test_colon_in_block_text_says_to_quote_it(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(
        data / "domain-1" / "content.yml", "        why: RAM is memory.", "        why: Note: RAM"
    )
    assert _errors(capsys) == [
        "data/domain-1/content.yml:91: YAML syntax error: mapping values are not allowed in this "
        "context; if a text holds ': ', put the whole text in quotes, as in why: \"Use it: always\""
    ]


def test_bare_yes_and_no_in_a_text_field_say_to_quote_them(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = data / "domain-1" / "content.yml"
    _edit(content, '          - label: "Yes"', "          - label: Yes")
    _edit(content, "        why: RAM is memory.", "        why: No")
    assert _errors(capsys) == [
        "data/domain-1/content.yml:54: trees[0].nodes[0].choices[0].label: expected a valid "
        "string, found true (YAML reads a bare Yes, On or True as true: write the text in "
        'quotes, as in "Yes")',
        "data/domain-1/content.yml:91: questions[1].options[2].why: expected a valid string, "
        "found false (YAML reads a bare No, Off or False as false: write the text in quotes, "
        'as in "No")',
    ]


def test_unknown_field_suggests_the_closest_known_one(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = data / "domain-1" / "content.yml"
    _edit(content, "        why: RAM is memory.", "        explanation: RAM is memory.")
    _edit(data / "exam.yml", "minutes: 30", "minuts: 30")
    assert _errors(capsys) == [
        "data/domain-1/content.yml:91: questions[1].options[2].explanation: unknown field "
        "'explanation'; did you mean 'why'?",
        "data/exam.yml:2: minutes: missing required field 'minutes'",
        "data/exam.yml:9: minuts: unknown field 'minuts'; did you mean 'minutes'?",
    ]


def test_unknown_field_in_a_block_suggests_within_that_block(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = data / "domain-1" / "content.yml"
    text = content.read_text(encoding="utf-8")
    assert "kind: decision-shortcut" in text
    _edit(content, "          text: ", "          txt: ")
    errors = _errors(capsys)
    assert any("unknown field 'txt'; did you mean 'text'?" in line for line in errors), errors


def test_unknown_field_far_from_every_known_one_gets_no_guess(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit(data / "glossary.yml", "terms:", "zzz: 1\nterms:")
    assert _errors(capsys) == ["data/glossary.yml:2: zzz: unknown field 'zzz'"]


def test_files_the_generator_does_not_read_are_named_in_warnings(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "notes.md").write_text("my notes")
    (data / "glossary.yml").rename(data / "glossary.yaml")
    shutil.copy(data / "domain-1" / "content.yml", data / "domain-1" / "more.yaml")
    (data / "domain-1" / "bank.gift").write_text("::q1:: 1+1 {=2 ~3}")
    (data / "domain-1" / "old").mkdir()
    (data / ".git").mkdir()  # hidden: not the author's content
    assert main(["check"]) == 0
    err = capsys.readouterr().err.splitlines()
    assert [line for line in err if "not read" in line] == [
        "warning: data/domain-1/bank.gift: not read: a domain folder holds only .yml files "
        "(domain.yml and content files)",
        "warning: data/domain-1/more.yaml: not read: data files end in .yml; rename it to more.yml",
        "warning: data/domain-1/old: not read: a domain folder holds no folders; move its "
        "files up or out",
        "warning: data/glossary.yaml: not read: data files end in .yml; rename it to glossary.yml",
        "warning: data/notes.md: not read: the top of a data folder holds only exam.yml, "
        "glossary.yml and domain folders",
    ]


def test_domain_folder_without_domain_yml_is_an_error(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "domain-3").mkdir()
    shutil.copy(data / "domain-1" / "content.yml", data / "domain-3" / "content.yml")
    assert _errors(capsys) == [
        "data/domain-3/domain.yml: missing: every folder of a data folder is a domain and needs "
        "a domain.yml; add one, or move the folder out of the data folder"
    ]


def test_domain_yaml_instead_of_domain_yml_says_to_rename(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "domain-1" / "domain.yml").rename(data / "domain-1" / "domain.yaml")
    assert _errors(capsys) == [
        "data/domain-1/domain.yml: missing: found domain.yaml; rename it to domain.yml"
    ]


def test_exam_yaml_instead_of_exam_yml_says_to_rename(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data / "exam.yml").rename(data / "exam.yaml")
    assert _errors(capsys) == [
        "data/exam.yml: missing: every data folder needs an exam blueprint (found exam.yaml: "
        "rename it to exam.yml)"
    ]
