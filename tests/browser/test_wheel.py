"""The product as an author gets it: the wheel, installed in a fresh virtual environment, used
in an empty folder with only what ``studysite init`` writes (a data folder and mkdocs.yml).

``tests/run.sh`` builds the wheel (``pip wheel --no-deps --no-build-isolation``) and the
wheels of its dependencies into :data:`WHEELHOUSE` at set-up; the test installs from there
with ``--no-index`` (nothing from the network while tests run). One environment and one
build serve every test here.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.support.browsing import RequestLog, answer_first_question, search, walk_tree
from tests.support.project import TESTS, screenshot_path, serve

WHEELHOUSE = TESTS / ".wheelhouse"
"""The wheel and its dependencies' wheels, made by tests/run.sh."""


def _wheel() -> Path:
    wheels = sorted(WHEELHOUSE.glob("studysite-*.whl"))
    if len(wheels) != 1:
        pytest.fail(
            f"{WHEELHOUSE} holds {len(wheels)} studysite wheels, not one: run `bash tests/run.sh`, "
            "which builds the wheel and its dependencies' wheels at set-up"
        )
    return wheels[0]


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_the_wheel_holds_everything_the_code_reads_and_nothing_else() -> None:
    with zipfile.ZipFile(_wheel()) as wheel:
        names = set(wheel.namelist())
    package = {n for n in names if n.startswith("generator/")}
    for folder, pattern in (
        ("generator/assets/js/", "*/*.js"),  # a folder per module
        ("generator/assets/css/", "*/*.css"),
        ("generator/site/templates/", "*.j2"),
        ("generator/authoring/schemas/", "*.json"),
    ):
        source = Path(__file__).resolve().parents[2] / folder
        shipped = {n.removeprefix(folder) for n in package if n.startswith(folder)}
        assert shipped == {p.relative_to(source).as_posix() for p in source.glob(pattern)} | (
            {"reference.md"} if "schemas" in folder else set()
        ), folder
    assert {
        "generator/assets/overrides/main.html",
        "generator/assets/overrides/404.html",
        "generator/assets/overrides/partials/studysite-head.html",
        "generator/assets/catalogs/en.yml",
        "generator/plugin/plugin.py",
    } <= package
    assert not [n for n in names if "node_modules" in n or n.startswith("tests/")]
    metadata = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(_wheel()) as wheel:
        entry_points = wheel.read(metadata).decode()
    assert "[mkdocs.plugins]\nstudysite = generator.plugin.plugin:StudySitePlugin" in entry_points
    assert "[console_scripts]\nstudysite = generator.commands:main" in entry_points


@pytest.fixture(scope="module")
def author(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A fresh venv with the wheel, and an empty folder after the author's three commands."""
    base = tmp_path_factory.mktemp("wheel")
    venv, folder = base / "venv", base / "author"
    folder.mkdir()
    wheel = _wheel()
    start = time.monotonic()
    made = _run([sys.executable, "-m", "venv", str(venv)], base)
    assert made.returncode == 0, made.stderr
    pip = [
        str(venv / "bin" / "python"),
        "-m",
        "pip",
        "install",
        "-q",
        "--disable-pip-version-check",
    ]
    installed = _run([*pip, "--no-index", "--find-links", str(WHEELHOUSE), str(wheel)], base)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    init = _run([str(venv / "bin" / "studysite"), "init", "exam"], folder)
    assert init.returncode == 0, init.stderr
    built = _run([str(venv / "bin" / "mkdocs"), "build", "--strict"], folder)
    assert built.returncode == 0, built.stderr
    where = _run(
        [str(venv / "bin" / "python"), "-c", "import generator; print(generator.__file__)"], folder
    )
    return {
        "folder": folder,
        "site": folder / "site",
        "venv": venv,
        "seconds": time.monotonic() - start,
        "package": Path(where.stdout.strip()),
        "build_log": built.stderr,
    }


def test_an_empty_folder_gets_a_site_from_the_installed_wheel(author: dict[str, Any]) -> None:
    folder: Path = author["folder"]
    assert author["package"].is_relative_to(author["venv"]), "the wheel's package, not a checkout"
    config = (folder / "mkdocs.yml").read_text(encoding="utf-8")
    assert len(config.splitlines()) <= 10
    assert sorted(p.name for p in folder.iterdir()) == ["docs", "exam", "mkdocs.yml", "site"]
    site: Path = author["site"]
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title is not None and "EXAM-101 study site" in home.title.get_text()
    assert (site / "assets" / "studysite.min.js").is_file()
    assert "theme.font is not set" in author["build_log"]  # said at INFO, not a warning


@pytest.fixture(scope="module")
def author_url(author: dict[str, Any]) -> Iterator[str]:
    yield from serve(author["site"])


@pytest.mark.browser
def test_every_widget_works_and_nothing_is_requested_elsewhere(
    context: Any, author_url: str
) -> None:
    log = RequestLog(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    topic = author_url + "domain-1/d1-first-topic/"
    page.goto(topic)
    # Quiz: an answer gets its feedback.
    feedback = answer_first_question(page)
    assert re.search(r"right|wrong|correct", feedback, re.IGNORECASE), feedback
    # Decision tree: walked to its outcome.
    outcome = walk_tree(page)
    assert "Answer" in outcome or "ANSWER" in outcome, outcome
    # Comparison table: sorted by a column.
    header = page.locator("[data-ss-table] th:has(button.ss-sort)").first
    header.locator("button.ss-sort").click()
    assert header.get_attribute("aria-sort") == "ascending"
    # Search finds a question's stem.
    stem = page.locator(".ss-question .ss-question__stem").first.inner_text()
    words = " ".join(stem.split()[:4])
    assert any(r.endswith("/domain-1/d1-first-topic/") for r in search(page, words)), words
    # Practice exam: it starts and shows its first question.
    page.goto(author_url + "exam/")
    page.get_by_role("button", name="Start the mock exam").click()
    page.wait_for_selector("[data-ss-question] input")
    assert page.locator(".ss-exam__bar h2").inner_text().startswith("Question 1 of")
    # Progress: the answer given on the topic page counts.
    page.goto(author_url + "progress/")
    page.wait_for_selector("[data-ss-progress][data-ss-ready]")
    summary = page.locator("[data-ss-progress-summary]").inner_text()
    assert summary.startswith("You have answered 1 of 10 questions"), summary
    page.screenshot(path=str(screenshot_path("wheel-progress.png")))
    assert errors == []
    assert log.foreign({"127.0.0.1"}) == []
