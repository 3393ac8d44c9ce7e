"""One data-folder setting: mkdocs.yml, overridden by $STUDYSITE_DATA, overridden by --data."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.commands import main
from generator.config import (
    DATA_ENV,
    ORIGIN_DEFAULT,
    ORIGIN_ENV,
    ORIGIN_OPTION,
    ORIGIN_SETTING,
    DataFolder,
    configured_folder,
    data_folder,
)
from generator.content.model import Exam
from generator.site.texts import site_texts
from tests.support.project import FIXTURES, ROOT


def test_no_tracked_file_is_a_symlink_out_of_the_repository() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    links = [line.split("\t", 1)[1] for line in listed.splitlines() if line.startswith("120000")]
    outside = [link for link in links if not (ROOT / link).resolve().is_relative_to(ROOT.resolve())]
    assert outside == []
    ignore = (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".venv" in ignore  # without a slash: a folder or a symlink


def test_the_setting_is_one_key_under_extra_in_mkdocs_yml() -> None:
    assert configured_folder(ROOT / "mkdocs.yml") == "data"


def test_precedence_option_then_environment_then_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nextra:\n  studysite_data: exams/mine\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        'site_url: !ENV [SITE_URL, "https://example.org/"]\n'
    )
    assert data_folder(tmp_path, environ={}) == DataFolder(Path("exams/mine"), ORIGIN_SETTING)
    env = {DATA_ENV: "other"}
    assert data_folder(tmp_path, environ=env) == DataFolder(Path("other"), ORIGIN_ENV)
    assert data_folder(tmp_path, Path("cli"), environ=env) == DataFolder(Path("cli"), ORIGIN_OPTION)
    assert data_folder(tmp_path, environ={DATA_ENV: ""}).origin == ORIGIN_SETTING
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    assert data_folder(tmp_path, environ={}) == DataFolder(Path("data"), ORIGIN_DEFAULT)


def test_the_setting_is_relative_to_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra: {studysite_data: mine}\n")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert data_folder(tmp_path, environ={}).path == Path("../mine")


@pytest.fixture
def two_exams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """./data (the mini fixture) and ./other (the same, renamed exam) in the working folder."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    shutil.copytree(FIXTURES / "mini", tmp_path / "other")
    exam = tmp_path / "other" / "exam.yml"
    exam.write_text(exam.read_text().replace("title: Demo Certification", "title: Other Exam"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(DATA_ENV, raising=False)
    return tmp_path


@pytest.mark.parametrize(
    "argv",
    [
        ["--data", "other", "build"],
        ["build", "--data", "other"],
        ["-q", "build", "--data", "other"],
        ["build", "-q", "--data", "other", "--docs", "docs"],
    ],
)
def test_data_option_before_or_after_the_command(
    two_exams: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 0
    assert "title: Other Exam" in (two_exams / "docs" / "index.md").read_text()
    out = capsys.readouterr().out
    if "-q" in argv:
        assert out == ""
    else:
        assert out.startswith("built docs from other: ") and out.endswith(" 0 removed\n")


def test_environment_names_the_folder_for_check(
    two_exams: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (two_exams / "other" / "domain-1" / "notes.txt").write_text("x")
    monkeypatch.setenv(DATA_ENV, "other")
    assert main(["check"]) == 0
    assert "warning: other/domain-1/notes.txt: not read" in capsys.readouterr().err


def test_site_texts_come_from_the_exam() -> None:
    exam = Exam.model_validate(
        {
            "id": "x",
            "title": "Widget Engineer",
            "code": "WE-1",
            "provider": "Widget Co",
            "questions": 1,
            "minutes": 1,
            "summary": "s",
            "domains": [{"number": 1, "title": "t", "weight": 100}],
        }
    )
    texts = site_texts(exam)
    assert texts.name == "WE-1 study site"
    assert texts.description == (
        "Study pages, decision trees, comparison tables and self-check quizzes for "
        "Widget Engineer (WE-1) from Widget Co."
    )
    assert texts.copyright == (
        "Study notes written for learners. Not affiliated with or endorsed by Widget Co."
    )
    assert site_texts(exam.model_copy(update={"disclaimer": "Mine."})).copyright == "Mine."


def test_pages_workflow_honours_the_setting() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    build = workflow["jobs"]["build"]
    assert build["env"][DATA_ENV] == "${{ vars.STUDYSITE_DATA }}"
    runs = "\n".join(str(step.get("run", "")) for step in build["steps"])
    assert "--data" not in runs and "data/" not in runs  # every step reads the one setting


def test_benchmark_names_its_bank_through_the_setting() -> None:
    text = (ROOT / "tests" / "benchmark.py").read_text()
    assert text.count("from generator.config import DATA_ENV") == 2
    assert '"STUDYSITE_DATA"' not in text
