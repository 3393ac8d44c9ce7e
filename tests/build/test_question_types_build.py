"""Every question type in a real build: search, the study sheet, topic pages, exam data.

The mini fixture's domain 2 holds one question of each type and a case study; the site is
built with ``mkdocs build --strict`` as an author builds it.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from generator.content.load import load_bank
from generator.content.model import (
    CaseStudy,
    DomainContent,
    MatchingQuestion,
    NumericQuestion,
    OrderingQuestion,
    ShortAnswerQuestion,
)
from generator.site.widgets.question_markup import seeded_order
from tests.support.project import FIXTURES, copy_project, mkdocs_build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("project"), FIXTURES / "mini")
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def types() -> DomainContent:
    return load_bank(FIXTURES / "mini").domains[1]


def words(text: str) -> str:
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def index(site: Path) -> list[dict[str, Any]]:
    data = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return list(data["docs"])


def test_search_indexes_stems_and_the_scenario_once(
    index: list[dict[str, Any]], types: DomainContent
) -> None:
    texts = [words(d["title"] + " " + d["text"]) for d in index]
    for question in types.questions:
        found = [t for t in texts if words(question.stem) in t]
        assert len(found) == 1, f"{question.id}: its stem is indexed {len(found)} times"
    (case,) = types.case_studies
    scenario = [d for d in index if words(case.scenario) in words(d["text"])]
    assert len(scenario) == 1, "the scenario is indexed once"
    assert scenario[0]["location"] == "domain-2/cables/#case-case-desk-scenario"


def test_search_never_indexes_answers_items_or_explanations(
    index: list[dict[str, Any]], types: DomainContent
) -> None:
    text = " | ".join(words(d["title"] + " " + d["text"]) for d in index)
    secrets: list[str] = []
    for question in types.questions:
        if question.explanation:
            secrets.append(question.explanation)
        if isinstance(question, OrderingQuestion):
            secrets += [i.text for i in question.items] + [i.why for i in question.items if i.why]
        elif isinstance(question, MatchingQuestion):
            secrets += [*question.distractors, *(p.why for p in question.pairs if p.why)]
        elif isinstance(question, ShortAnswerQuestion):
            secrets += [a.text for a in question.accepted if a.text != "RJ45"]  # RJ45: topic text
            secrets += [a.why for a in question.accepted if a.why]
        elif isinstance(question, NumericQuestion):
            secrets += [a.why for a in question.accepted if a.why]
    assert len(secrets) > 10
    leaks = [s for s in secrets if words(s) in text]
    assert not leaks, f"answers in the search index: {leaks}"
    for marker in ("show the answer", "true or false", "put the 3 items in order", "type a number"):
        assert marker not in text, marker


def test_a_topic_page_keeps_a_case_study_whole_and_in_order(
    site: Path, types: DomainContent
) -> None:
    (case,) = types.case_studies
    for page in ("domain-2/cables", "domain-2/disks"):
        block = soup(site, page).select_one(f'[data-ss-case-study="{case.id}"]')
        assert isinstance(block, Tag), page
        parts = block.select("section[data-ss-question]")
        assert [p["data-ss-question"] for p in parts] == [q.id for q in case.questions]
        assert [p["data-ss-part"] for p in parts] == ["1", "2", "3"]
        scenario = block.select_one(".ss-case__scenario")
        assert scenario is not None and words(case.scenario) in words(str(scenario))
        assert block.select_one("table.ss-case__table") is not None
        heading = scenario.select_one(".ss-case__title")
        assert heading is not None
        # Searchable on the case study's main topic's page only.
        assert heading.has_attr("data-search-exclude") == (page != "domain-2/cables")


def test_every_type_carries_the_data_its_widget_reads(site: Path, types: DomainContent) -> None:
    page = soup(site, "domain-2/questions")
    sections = {s["data-ss-question"]: s for s in page.select("section[data-ss-question]")}
    assert set(sections) == {q.id for q in types.questions}
    order = sections["q-order-backup"]
    shown = [int(str(li["data-ss-item"])) for li in order.select("li.ss-item")]
    assert shown == seeded_order("q-order-backup", 3) != [0, 1, 2]
    match = sections["q-match-cables"]
    assert [li["data-ss-correct"] for li in match.select("li.ss-prompt")] == ["0", "0", "1"]
    assert len(match.select("li.ss-offered__answer")) == int(str(match["data-ss-answers"])) == 3
    number = json.loads(str(sections["q-num-speed"]["data-ss-number"]))
    assert number["unit"] == "thousand rpm" and number["accept"][1] == {"min": 5.4, "max": 5.9}
    assert json.loads(str(sections["q-short-plug"]["data-ss-accept"])) == ["rj45", "8p8c"]
    tf = sections["q-tf-ssd"]
    assert tf["data-ss-type"] == "true-false" and tf["data-ss-choose"] == "1"
    assert [li.get_text() for li in tf.select("li.ss-option[data-ss-correct]")] == ["False"]
    assert "data-ss-type" not in sections["case-desk-cable"].attrs  # multiple choice as ever
    # Their widgets' modules (generator/assets/js/<type>/) are linked by the pages holding them.
    for module in ("ordering", "matching", "numeric", "short-answer", "case-study"):
        assert page.select(f'script[src*="studysite-{module}.min.js"]'), module


def test_study_sheet_prints_every_type_and_its_key_at_the_end(
    site: Path, types: DomainContent
) -> None:
    page = soup(site, "domain-2/study-sheet")
    sheet = page.select_one(".ss-sheet-questions")
    key = page.select_one(".ss-answer-key")
    assert sheet is not None and key is not None
    before, after = words(str(sheet)), words(str(key))
    for question in types.questions:
        assert words(question.stem) in before, question.id
    (case,) = types.case_studies
    assert before.count(words(case.scenario)) == 1
    assert "case study a new desk question 2 of 3" in before
    order = next(q for q in types.questions if q.id == "q-order-backup")
    assert isinstance(order, OrderingQuestion)
    items = [li.get_text() for li in sheet.select(f"#sheet-q-{order.id} li")]
    assert sorted(items) == sorted(i.text for i in order.items)
    assert items != [i.text for i in order.items], "the sheet shows the right order"
    # The keys, in question order, after the questions, with feedback by entry.
    entries = key.select("li.ss-answer-key__item")
    assert [e["data-ss-answer-key"] for e in entries] == [q.id for q in types.questions]
    assert "question 2 c a b" in after
    assert "question 1 false" in after and "question 6 rj45 or 8p8c" in after
    assert "hdmi video hdmi was made for screens" in after
    assert "5 4 to 5 9 thousand rpm" in after
    # Nothing of a key before the key: accepted answers, feedback, explanations.
    for secret in ("8P8C", "Nothing can be copied before it is found", "Twelve on each side"):
        assert words(secret) not in before, secret


def test_exam_data_holds_every_type_and_whole_case_studies(site: Path) -> None:
    script = next((site / "exam-data").glob("domain-2.js")).read_text(encoding="utf-8")
    data = json.loads(
        re.sub(r"\\(.)", r"\1", script.split("JSON.parse('", 1)[1].rsplit("')", 1)[0])
    )
    assert [q[0] for q in data["q"]] == ["q-tf-ssd"]
    assert [(x[0], x[4]) for x in data["x"]] == [
        ("q-order-backup", "ordering"),
        ("q-match-cables", "matching"),
        ("q-num-pins", "numeric"),
        ("q-num-speed", "numeric"),
        ("q-short-plug", "short-answer"),
    ]
    (case,) = data["c"]
    assert case[0] == "case-desk" and [p[0] for p in case[5]] == [
        "case-desk-cable",
        "case-desk-order",
        "case-desk-socket",
    ]
    config = soup(site, "exam").select_one("[data-ss-exam-config]")
    assert config is not None
    mock = json.loads(str(config["data-ss-exam-config"]))["mock"]
    assert mock["domains"] == {"1": 3, "2": 2}
    assert isinstance(load_bank(FIXTURES / "mini").domains[1].items[-1], CaseStudy)
