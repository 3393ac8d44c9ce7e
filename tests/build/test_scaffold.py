"""`init` and `new-domain`: a new exam that passes every check and builds as its own site."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.authoring.schema import SCHEMA_DIR
from generator.config import DATA_ENV
from generator.content.load import load_bank
from generator.content.model import Question
from tests.support.project import FIXTURES, copy_project

# Words of the bundled exam that a new exam's site must not contain.
BUNDLED_WORDS = re.compile(r"\b(?:AWS|Amazon|SageMaker|MLS-C01|Machine Learning)\b", re.IGNORECASE)


def cli(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k != DATA_ENV}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**base, **env},
    )


@pytest.fixture(scope="module")
def new_exam(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with an exam made by ``init my-exam``."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = cli("init", "my-exam", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def test_init_writes_the_skeleton_and_says_what_next(new_exam: Path, bundled_bank) -> None:
    exam = new_exam / "my-exam"
    assert sorted(str(p.relative_to(exam)) for p in exam.rglob("*")) == [
        "domain-1",
        "domain-1/domain.yml",
        "domain-1/questions.yml",
        "domain-1/tables.yml",
        "domain-1/topics.yml",
        "domain-1/trees.yml",
        "exam.yml",
        "glossary.yml",
    ]
    lines = (exam / "exam.yml").read_text().splitlines()
    # The generator that ran (the installed package) points at its own shipped schemas.
    schemas = os.path.relpath(SCHEMA_DIR, exam)
    assert (exam / schemas / "exam.schema.json").read_text() == (
        SCHEMA_DIR / "exam.schema.json"
    ).read_text()
    assert lines[0] == f"# yaml-language-server: $schema={schemas}/exam.schema.json"
    assert lines[1].startswith("# The exam blueprint. Edit the id, title, code and provider")
    assert lines[2].endswith(f"Every field: {schemas}/reference.md")
    for path in exam.rglob("*.yml"):
        first, second = path.read_text().splitlines()[:2]
        assert first.startswith("# yaml-language-server: $schema=")
        assert second.startswith("# ")  # a comment on what to edit
    bank = load_bank(exam)
    assert bank.exam.id == "my-exam" != bundled_bank.exam.id
    questions = bank.domains[0].questions
    # One of each type: three multiple choice (one "choose 2"), five others, a case study's two.
    assert [q.type for q in questions] == [
        "choice",
        "choice",
        "choice",
        "true-false",
        "ordering",
        "matching",
        "numeric",
        "short-answer",
        "choice",
        "true-false",
    ]
    assert [q.choose for q in questions if isinstance(q, Question)].count(2) == 1
    assert type(bank.domains[0].items[-1]).__name__ == "CaseStudy"
    assert len(bank.domains[0].tables) == 1 and len(bank.domains[0].trees) == 1


def test_init_passes_check_with_no_warning(new_exam: Path) -> None:
    result = cli("--data", "my-exam", "check", cwd=new_exam)
    assert result.returncode == 0
    assert result.stdout == "ok: 1 domains, 1 topics, 10 questions\n"
    assert result.stderr == ""


def test_init_prints_the_next_steps(tmp_path: Path) -> None:
    result = cli("init", "fresh", cwd=tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0] == "wrote fresh/exam.yml"
    assert lines[-2:] == [
        "wrote mkdocs.yml",
        "next: edit the files in fresh, run `studysite check` and see the site with "
        "`mkdocs serve` in .",
    ]
    # Beside the data folder, at most ten lines: the theme and the plugin, naming the folder.
    config = (tmp_path / "mkdocs.yml").read_text()
    assert len(config.splitlines()) <= 10
    assert "  - studysite:\n      data: fresh\n" in config and "name: material" in config
    # Never over one: a second exam beside it is named in words, the file left as it was.
    again = cli("init", "second", cwd=tmp_path)
    assert (tmp_path / "mkdocs.yml").read_text() == config
    assert again.stdout.splitlines()[-1] == (
        "next: edit the files in second; mkdocs.yml was there already, so name the new exam "
        "in it: `- studysite: {data: second}` under `plugins:` (or run `studysite --data "
        "second check` and `STUDYSITE_DATA=second mkdocs serve` in .)"
    )


def test_init_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    result = cli("init", "taken", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "error: taken is not empty; name a new or empty folder (init never overwrites files)\n"
    )
    assert sorted(p.name for p in (tmp_path / "taken").iterdir()) == ["notes.txt"]
    (tmp_path / "file").write_text("x")
    result = cli("init", "file", cwd=tmp_path)
    assert result.stderr == "error: file is a file; name a new or empty folder\n"
    (tmp_path / "empty").mkdir()
    assert cli("init", "empty", cwd=tmp_path).returncode == 0


def test_strict_mkdocs_build_right_after_init_is_the_new_exams_site(
    new_exam: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    env = {k: v for k, v in os.environ.items() if k != DATA_ENV}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=new_exam,
        capture_output=True,
        text=True,
        check=False,
        env={**env, DATA_ENV: "my-exam"},
    )
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text()
    assert "<title>My Certification Exam - EXAM-101 study site</title>" in home
    assert (
        "Study notes written for learners. Not affiliated with or endorsed by The Exam Provider."
        in home
    )
    assert (site / "domain-1" / "d1-first-topic" / "index.html").is_file()
    pages = [*site.rglob("*.html"), site / "search" / "search_index.json", site / "sitemap.xml"]
    found = {
        str(p.relative_to(site)): BUNDLED_WORDS.findall(p.read_text(encoding="utf-8"))
        for p in pages
    }
    assert {page: words for page, words in found.items() if words} == {}


def test_new_domain_adds_the_folder_and_its_blueprint_entry(tmp_path: Path) -> None:
    assert cli("-q", "init", "exam", cwd=tmp_path).returncode == 0
    exam_file = tmp_path / "exam" / "exam.yml"
    result = cli("new-domain", "2", "--data", "exam", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "wrote exam/exam.yml"
    assert result.stderr == (
        "note: the domain weights in exam/exam.yml now add up to 101: make them add up to 100\n"
    )
    assert exam_file.read_text().endswith(
        "domains:\n  - number: 1\n    title: First domain\n    weight: 100\n"
        "  - number: 2\n    title: Domain 2\n    weight: 1\n"
    )
    exam_file.write_text(exam_file.read_text().replace("weight: 100", "weight: 99"))
    check = cli("--data", "exam", "check", cwd=tmp_path)
    assert check.stdout == "ok: 2 domains, 2 topics, 20 questions\n"
    assert check.stderr == ""
    again = cli("new-domain", "2", "--data", "exam", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == "error: exam/domain-2 exists already; nothing was written\n"


def test_new_domain_in_the_blueprint_already_leaves_exam_yml_alone(tmp_path: Path) -> None:
    data = tmp_path / "data"
    subprocess.run(["cp", "-r", str(FIXTURES / "mini"), str(data)], check=True)
    shutil.rmtree(data / "domain-2")  # in the blueprint, without a folder
    before = (data / "exam.yml").read_text()
    result = cli("new-domain", "2", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert (data / "exam.yml").read_text() == before
    assert (data / "domain-2" / "domain.yml").read_text().splitlines()[3] == "number: 2"


def test_new_domain_without_an_exam_says_how_to_start_one(tmp_path: Path) -> None:
    result = cli("new-domain", "3", "--data", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == (
        "error: nowhere/exam.yml is missing: name an exam's data folder with --data "
        "(or create one with `python -m generator init DIR`)\n"
    )


def test_offline_builds_the_named_data_folder(new_exam: Path, tmp_path: Path) -> None:
    if not (new_exam / "node_modules" / "iframe-worker").is_dir():
        pytest.fail("run `npm ci --prefix generator` (the offline build needs its shim)")
    out = tmp_path / "offline"
    result = cli("offline", "--data", "my-exam", "--out", str(out), cwd=new_exam)
    assert result.returncode == 0, result.stderr
    assert (
        "<title>My Certification Exam - EXAM-101 study site</title>"
        in (out / "index.html").read_text()
    )
    assert (out / "domain-1" / "d1-first-topic.html").is_file()
