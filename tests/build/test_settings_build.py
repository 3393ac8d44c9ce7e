"""One data-folder setting, built: a build never replaces another folder's pages unasked, and the
built site is named from its exam.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands import main
from generator.config import (
    DATA_ENV,
)
from tests.support.project import FIXTURES, ROOT, copy_project


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


def test_build_refuses_to_replace_another_folders_pages_unasked(
    two_exams: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["-q", "--data", "other", "build"]) == 0
    before = (two_exams / "docs" / "index.md").read_text()
    assert main(["build"]) == 2
    assert capsys.readouterr().err == (
        "error: docs holds the pages of the data folder other, and this build would replace "
        "them with those of data (the default). Name the folder you mean: set "
        "`data: other` under `- studysite:` in mkdocs.yml, or run with STUDYSITE_DATA=other, "
        "or pass --data data to build from data\n"
    )
    assert (two_exams / "docs" / "index.md").read_text() == before
    assert main(["-q", "--data", "data", "build"]) == 0  # named: switches back
    assert "title: Demo Certification" in (two_exams / "docs" / "index.md").read_text()


def test_generator_build_then_plain_mkdocs_build_agree_or_stop(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    shutil.copytree(FIXTURES / "mini", project / "mine")
    env = {k: v for k, v in os.environ.items() if k != DATA_ENV}

    def run(*args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args],
            cwd=project,
            capture_output=True,
            text=True,
            check=False,
            env={**env, **extra},
        )

    assert run("-m", "generator", "-q", "--data", "mine", "build").returncode == 0
    stopped = run("-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site"))
    assert stopped.returncode == 1
    assert (
        "docs holds the pages of the data folder mine, and this build would replace them "
        "with those of data (the studysite plugin's data option in mkdocs.yml). Name the folder "
        "you mean: set `data: mine` under `- studysite:` in mkdocs.yml, or run with "
        "STUDYSITE_DATA=mine, or pass --data data to build from data"
    ) in stopped.stderr
    assert "title: Demo Certification" in (project / "docs" / "index.md").read_text()

    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      data: data\n", "      data: mine\n"))
    agreed = run("-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site"))
    assert agreed.returncode == 0, agreed.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert "<title>Demo Certification - DEMO-01 study site</title>" in html
    assert "Not affiliated with or endorsed by Example Org." in html


def test_bundled_site_is_named_from_its_exam(built_site: Path) -> None:
    html = (built_site / "index.html").read_text()
    assert "<title>AWS Certified Machine Learning - Specialty - MLS-C01 study site</title>" in html
    assert "Not affiliated with or endorsed by Amazon Web Services." in html
    config = (ROOT / "mkdocs.yml").read_text()
    for word in ("AWS", "Amazon", "Machine Learning"):
        assert word not in config
