"""The exam's status: modelled in the data, shaped once, shown on every overview page."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from generator.assets.catalog import load_catalog
from generator.checks import check_bank
from generator.content.load import load_bank
from generator.content.model import Exam, Successor
from generator.errors import DataError
from generator.site.layout import build_site
from generator.site.pages.domain import weight_line
from generator.site.render import render_pages
from generator.site.text import plain_html
from generator.site.widgets.status import status_notice
from tests.support.project import FIXTURES

BASE = {
    "id": "x",
    "title": "Example Exam",
    "code": "EX-1",
    "provider": "Example",
    "questions": 65,
    "scored_questions": 50,
    "unscored_questions": 15,
    "minutes": 90,
    "summary": "An exam.",
    "domains": [{"number": 1, "title": "All", "weight": 100}],
}


def test_a_current_exam_has_no_notice() -> None:
    assert status_notice(Exam.model_validate(BASE), load_catalog()) is None


def test_a_retired_exam_says_when_and_what_to_take_instead() -> None:
    exam = Exam.model_validate(
        {
            **BASE,
            "status": "retired",
            "retired_on": "2026-03-31",
            "successors": [{"code": "EX-2", "title": "Example Exam Two", "covers": "all of it"}],
        }
    )
    notice = status_notice(exam, load_catalog())
    assert notice is not None
    assert notice.kind == "danger"
    assert notice.title == "EX-1 was retired on 31 March 2026"
    assert notice.text == (
        "31 March 2026 was the last day to sit the Example Exam exam; it can no longer be "
        "booked. What this site teaches is still what that exam tested, with notes where the "
        "services have changed since. This current exam tests much of the same material:"
    )
    assert notice.successors == [
        Successor(code="EX-2", title="Example Exam Two", covers="all of it")
    ]


def test_a_retiring_exam_gives_its_last_day() -> None:
    exam = Exam.model_validate(
        {**BASE, "status": "retiring", "retired_on": datetime.date(2027, 1, 5)}
    )
    notice = status_notice(exam, load_catalog())
    assert notice is not None
    assert (notice.kind, notice.title) == ("warning", "EX-1 retires on 5 January 2027")
    assert notice.text == (
        "5 January 2027 is the last day to sit the Example Exam exam. Book it before then, "
        "or plan for a current exam."
    )


def test_a_retired_exam_needs_its_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    exam = tmp_path / "data" / "exam.yml"
    exam.write_text(exam.read_text() + "status: retired\n")
    line = exam.read_text().splitlines().index("status: retired") + 1
    with pytest.raises(DataError) as raised:
        check_bank(load_bank(Path("data")))
    assert [str(p) for p in raised.value.problems] == [
        f"data/exam.yml:{line}: retired_on: an exam with status 'retired' needs 'retired_on', "
        "the last day it can be taken (YYYY-MM-DD)"
    ]


def test_weight_is_given_once_in_scored_and_all_questions() -> None:
    site = build_site(load_bank(FIXTURES / "mini"))
    assert weight_line(site, 1) == (
        "60% of the score, about 5 of the 8 scored questions (6 questions of all 10, "
        "counting the unscored ones)"
    )


def test_the_bundled_notice_is_on_home_practice_exam_overviews_and_study_sheets(
    bundled_site,
) -> None:
    site = bundled_site
    pages = render_pages(site)
    # The title is plain text, escaped so the page's Markdown pass leaves it alone.
    notice = f'!!! danger "{plain_html("MLS-C01 was retired on 31 March 2026")}"'
    shown = sorted(path for path, text in pages.items() if notice in text)
    expected = ["index.md", "exam.md"]  # home and the practice exam
    for content in site.bank.domains:
        expected += [f"{content.slug}/index.md", f"{content.slug}/study-sheet.md"]
    assert shown == sorted(expected)
    overview = pages["domain-4/index.md"]
    assert overview.count("20%") == 1
    assert "about 10 of the 50 scored questions (13 questions of all 65" in overview
