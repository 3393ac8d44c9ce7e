"""Outliving the theme: the generated project builds with Zensical and its widgets work there.

Zensical reads mkdocs.yml but runs no MkDocs plugin, so the generator runs on its own first
(``python -m generator build``): it writes the pages and bundles into docs/ and, beside
mkdocs.yml, ``.studysite-zensical.yml`` (mkdocs.yml and what the plugin adds to it). Zensical is installed from its
package into a virtual environment of its own (kept in pytest's cache folder): it needs
pymdown-extensions 11 or later, which this project's MkDocs toolchain pins below 11.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.support.browsing import RequestLog, answer_first_question, remote_loads, walk_tree
from tests.support.project import ROOT, copy_project, screenshot_path, serve

# The newest Zensical whose dependencies install from PyPI here (0.0.74 and later also need
# zensical-ui, which the package index does not serve). Raise it when that changes.
ZENSICAL = "zensical==0.0.73"
TOPIC = "domain-4/deployment-options/"


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture(scope="session")
def zensical(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``zensical`` command, installed from its package into its own virtual environment."""
    cache = getattr(request.config, "cache", None)
    venv = cache.mkdir("zensical-venv") if cache else tmp_path_factory.mktemp("zensical-venv")
    command = venv / "bin" / "zensical"
    marker = venv / "installed.txt"
    if not command.exists() or not marker.exists() or marker.read_text() != ZENSICAL:
        made = _run([sys.executable, "-m", "venv", "--clear", str(venv)], ROOT)
        assert made.returncode == 0, made.stderr
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q"]
        installed = _run([*pip, "--disable-pip-version-check", ZENSICAL], ROOT)
        assert installed.returncode == 0, f"cannot install {ZENSICAL}:\n{installed.stderr[-3000:]}"
        marker.write_text(ZENSICAL)
    return command


@pytest.fixture(scope="module")
def zensical_site(zensical: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project: pages generated on their own, then built by Zensical."""
    project = copy_project(tmp_path_factory.mktemp("zensical-project"))
    generated = _run([sys.executable, "-m", "generator", "build"], project)
    assert generated.returncode == 0, generated.stderr
    assert (project / ".studysite-zensical.yml").is_file(), generated.stdout
    built = _run([str(zensical), "build", "--strict", "-f", ".studysite-zensical.yml"], project)
    assert built.returncode == 0, built.stdout + built.stderr
    return project / "site"


@pytest.fixture(scope="module")
def zensical_url(zensical_site: Path) -> Iterator[str]:
    yield from serve(zensical_site)


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("index.html")}


def test_zensical_builds_every_page_mkdocs_builds(zensical_site: Path, built_site: Path) -> None:
    assert _pages(zensical_site) == _pages(built_site)
    assert (zensical_site / "404.html").is_file()
    assert (zensical_site / "sitemap.xml").is_file()


def test_zensical_pages_carry_the_widgets_abbreviations_and_scripts(zensical_site: Path) -> None:
    soup = BeautifulSoup(
        (zensical_site / TOPIC / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    assert soup.select(".ss-quiz .ss-question fieldset legend.ss-question__stem")
    assert soup.select("div.ss-tree[data-ss-tree] .ss-tree__outline")
    assert soup.select("abbr[title]"), (
        "the glossary abbreviations (snippets auto_append) are missing"
    )
    scripts = [str(s.get("src")) for s in soup.find_all("script") if s.get("src")]
    # The bundles `generator build` wrote, minified, listed in the config it wrote.
    assert any(src.endswith("assets/studysite.min.js") for src in scripts), scripts
    # The modules of the widgets on the page, written beside the core and linked by the page.
    assert any(src.endswith("assets/studysite-tree.min.js") for src in scripts), scripts
    assert (zensical_site / "assets" / "studysite-tree.min.js").is_file()
    assert not (zensical_site / "assets" / "js").exists(), "widget sources served one by one"
    assert remote_loads(zensical_site) == []


def test_zensical_navigation_reaches_every_page(zensical_site: Path) -> None:
    # Without the plugin there is no generated nav: Zensical lists the files instead.
    soup = BeautifulSoup((zensical_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {str(a["href"]).removeprefix("./") for a in soup.select("nav.md-nav--primary a[href]")}
    pages = {p.removesuffix("index.html") for p in _pages(zensical_site)} - {""}
    assert pages <= hrefs, pages - hrefs


def test_zensical_search_index_keeps_answers_out(zensical_site: Path, bundled_bank) -> None:
    index = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))
    text = " ".join(item["title"] + " " + item["text"] for item in index["items"])
    plain = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text))
    bank = bundled_bank
    first = bank.domains[0].questions[0]
    assert first.stem.split(".")[0] in plain
    # Explanations of every type: each option's why, and a question's general one.
    whys = [
        why
        for d in bank.domains
        for q in d.questions
        for why in [*(o.why for o in getattr(q, "options", [])), q.explanation]
    ]
    leaked = [why for why in whys if why and why.strip() in plain]
    assert not leaked, leaked[:3]
    assert "Show the answer" not in plain


@pytest.mark.browser
def test_quiz_and_tree_work_in_the_zensical_build(context: Any, zensical_url: str) -> None:
    log = RequestLog(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(zensical_url + TOPIC)
    feedback = answer_first_question(page)
    assert re.search(r"right|wrong", feedback, re.IGNORECASE), feedback
    answer = walk_tree(page)
    assert "Answer" in answer or "ANSWER" in answer
    page.screenshot(path=screenshot_path("zensical-topic.png"))
    assert errors == []
    assert log.foreign({"127.0.0.1"}) == []


@pytest.mark.browser
def test_practice_exam_works_in_the_zensical_build(context: Any, zensical_url: str) -> None:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(zensical_url + "exam/")
    page.get_by_role("button", name="Start the mock exam").click()
    page.wait_for_selector("[data-ss-question] input")
    assert page.locator(".ss-exam__bar h2").inner_text() == "Question 1 of 13"
    page.locator("[data-ss-question] input").first.check()
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("button", name="Submit now").click()
    assert re.match(r"[01] of 13 right", page.locator(".ss-exam__score").inner_text())
    assert errors == []
