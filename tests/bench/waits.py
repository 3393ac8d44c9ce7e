"""The waits people feel, ours beside mkdocs-quiz's on the same bank (issue 17's table).

- **serve** (:mod:`~tests.bench.serve`): a stem saved, until the open page shows it, for the
  bundled bank and 1,000 questions;
- **quiz ready** (:mod:`~tests.bench.pages`): navigation start to every quiz set up and no
  long task for a second, on a topic page and a 1,000-question practice page, in cold browser
  contexts, this project's pages interleaved with mkdocs-quiz's (one uncounted load of each
  first: a fresh browser's first load also pays for starting its processes);
- **first search** (:mod:`~tests.bench.search`) at the largest size, on both sites;
- the builds of mkdocs-quiz and Zensical (:mod:`~tests.bench.compare`).

The ratios against mkdocs-quiz are the figures to compare across runs and machines: both
sites load in the same browser, at the same time, under the same load.
"""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from pathlib import Path

from tests.bench.banks import count_questions, first_question, search_term
from tests.bench.common import BROWSER_RUNS, ROOT, Figures, served
from tests.bench.compare import build_mkdocs_quiz, build_zensical
from tests.bench.pages import READY, measure_ready
from tests.bench.search import SEARCH_RUNS, measure_first_search
from tests.bench.serve import SERVE_RUNS, measure_serve


def measure_waits(work: Path, sizes: list[Figures], compare: bool, zensical: bool) -> Figures:
    """Serve edit-to-reload, quiz ready, first search; mkdocs-quiz and Zensical beside them."""
    from playwright.sync_api import sync_playwright

    from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.support.project import copy_project

    waits: Figures = {"serve": {}}
    banks = [("bundled", ROOT / "data")]
    banks += [
        (f"{f['questions']:,} questions", Path(f["data"])) for f in sizes if f["questions"] <= 1000
    ]
    for label, data in banks:
        project = work / f"serve-{len(waits['serve'])}"
        project.mkdir(parents=True)
        copy_project(project, data)
        questions, question_id, path = first_question(project / "data")
        waits["serve"][label] = measure_serve(project, questions, question_id, path, SERVE_RUNS)
        print(f"serve, {label}: stem saved -> page shows it {waits['serve'][label]}", flush=True)
        shutil.rmtree(project)

    small = next((f for f in sizes if f["questions"] == 1000), sizes[0])
    large = sizes[-1]
    if compare:
        for figures in {id(f): f for f in (small, large)}.values():
            folder = work / f"mkdocs-quiz-{figures['questions']}"
            folder.mkdir()
            figures["mkdocs_quiz"] = build_mkdocs_quiz(Path(figures["data"]), folder)
            quiz = figures["mkdocs_quiz"]
            print(
                f"mkdocs-quiz, {figures['questions']:,} questions: build "
                f"{quiz['build']['wall']:.1f} s ({quiz['build']['cpu']:.1f} s CPU), site "
                f"{quiz['site_mib']:.1f} MiB, search index {quiz['search_index'] / 2**20:.1f} MiB",
                flush=True,
            )
    if zensical:
        folder = work / "zensical-large"
        folder.mkdir()
        waits["zensical"] = build_zensical(Path(large["data"]), folder)
        print(f"Zensical, {large['questions']:,} questions: {waits['zensical']}", flush=True)

    with sync_playwright() as playwright, ExitStack() as stack:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ours = stack.enter_context(served(Path(small["site"])))
        slug_topic = first_question(Path(small["data"]))[2]
        pages = {
            "topic": (ours + slug_topic, READY["studysite"]),
            "practice": (ours + "domain-1/questions/", READY["studysite"]),
        }
        if compare:
            theirs = stack.enter_context(served(Path(small["mkdocs_quiz"]["site"])))
            pages["mkdocs-quiz topic"] = (theirs + slug_topic, READY["mkdocs-quiz"])
            pages["mkdocs-quiz practice"] = (theirs + "domain-1/questions/", READY["mkdocs-quiz"])
        waits["ready"] = measure_ready(browser, pages, BROWSER_RUNS)
        waits["ready_questions"] = {
            "topic": count_questions(Path(small["site"]) / slug_topic / "index.html"),
            "practice": count_questions(Path(small["site"]) / "domain-1/questions/index.html"),
        }
        print(f"navigation -> quiz ready: {waits['ready']}", flush=True)
        term = search_term(Path(large["data"]))
        big = stack.enter_context(served(Path(large["site"])))
        waits["search_term"] = term
        waits["search"] = measure_first_search(browser, big, term, SEARCH_RUNS)
        if compare:
            big_theirs = stack.enter_context(served(Path(large["mkdocs_quiz"]["site"])))
            waits["search_mkdocs_quiz"] = measure_first_search(
                browser, big_theirs, term, SEARCH_RUNS
            )
        print(f"first search at {large['questions']:,} questions ({term!r}): {waits['search']}")
        browser.close()
    return waits
