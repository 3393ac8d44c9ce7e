"""`pdf` on a new exam made by `init`: the named data folder's study sheet, printed by Chromium."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.config import DATA_ENV
from tests.support.project import copy_project


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


@pytest.mark.browser
def test_pdf_prints_the_named_data_folder(new_exam: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    out = tmp_path / "pdf"
    result = cli("--data", "my-exam", "pdf", "--out", str(out), cwd=new_exam)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {out / 'domain-1-study-sheet.pdf'}\n"
    text = "".join(
        page.extract_text() for page in PdfReader(out / "domain-1-study-sheet.pdf").pages
    )
    assert "Domain 1 study sheet" in text and "Enterprise" in text
