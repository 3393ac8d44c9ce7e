"""The same bank built by others: mkdocs-quiz side by side, and Zensical.

``tests/support/mkdocs_quiz_bank.py`` writes the bank as mkdocs-quiz pages (each topic's text
and the same questions per page, options with their explanations as feedback, shuffled; no
tables, trees or glossary, which it has no form for), under this project's theme as its
``mkdocs.yml`` sets it (features, palette, font, language), so that Material's own work is the
same on both sites. mkdocs-quiz is installed into a virtual environment of its own under
``~/.cache/studysite-benchmark`` with this project's MkDocs, Material and pymdown-extensions
versions; the test command never installs it. Zensical builds the pages ``studysite build``
writes, at the largest size.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.bench.common import Figures, site_figures, timed_run

MKDOCS_QUIZ = "mkdocs-quiz==1.7.1"
"""The published version compared against."""
ZENSICAL = "zensical==0.0.73"  # as tests/browser/test_zensical.py
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "studysite-benchmark"


def _pip_env(name: str, requirements: list[str]) -> Path:
    """A virtual environment of its own under the benchmark cache, with ``requirements``."""
    venv = CACHE / name
    marker = venv / "installed.txt"
    wanted = "\n".join(requirements)
    if not marker.is_file() or marker.read_text() != wanted:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                *requirements,
            ],
            check=True,
        )
        marker.write_text(wanted)
    return venv


def mkdocs_quiz_env() -> Path:
    """mkdocs-quiz 1.7.1 with this project's MkDocs, Material and pymdown-extensions."""
    from importlib.metadata import version

    same = [
        f"{name}=={version(name)}" for name in ("mkdocs", "mkdocs-material", "pymdown-extensions")
    ]
    return _pip_env("mkdocs-quiz-1.7.1", [MKDOCS_QUIZ, *same])


def build_mkdocs_quiz(data: Path, work: Path) -> Figures:
    """The bank as mkdocs-quiz pages (tests/support/mkdocs_quiz_bank.py), built by its own MkDocs."""
    from tests.support.mkdocs_quiz_bank import write_project

    venv = mkdocs_quiz_env()
    project = work / "mkdocs-quiz"
    written = write_project(data, project)
    site = work / "mkdocs-quiz-site"
    run = timed_run([str(venv / "bin" / "mkdocs"), "build", "-q", "-d", str(site)], project)
    if run["code"] != 0:
        raise RuntimeError(f"mkdocs-quiz build failed:\n{run['tail']}")
    return {**written, "build": run, **site_figures(site), "site": str(site)}


def build_zensical(data: Path, work: Path) -> Figures:
    """``python -m generator build``, then Zensical on the project (see generator/plugin/README.md)."""
    from tests.support.project import copy_project

    venv = _pip_env("zensical-0.0.73", [ZENSICAL])
    project = work / "zensical"
    project.mkdir()
    copy_project(project, data)
    generated = timed_run([sys.executable, "-m", "generator", "build"], project)
    if generated["code"] != 0:
        raise RuntimeError(f"generator build failed:\n{generated['tail']}")
    config = ".studysite-zensical.yml"  # written by `generator build` for such builders
    run = timed_run([str(venv / "bin" / "zensical"), "build", "-f", config], project)
    figures: Figures = {"build": run, "ok": run["code"] == 0}
    if not figures["ok"]:
        lines = [line for line in run["tail"].splitlines() if line.strip()]
        figures["error"] = next(
            (line for line in lines if "limit" in line), lines[-1] if lines else ""
        )
    else:
        figures.update(site_figures(project / "site"))
    shutil.rmtree(project / "site", ignore_errors=True)
    return figures
