"""Continue where I left off, on the home page (issue 30): the last page read, the last quiz or
practice exam, and the reviews due today, from the store's one summary record (the home page
reads nothing else of the store and loads no scheduler). Times are moved by Playwright's clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import serious_violations
from tests.support.quiz_helpers import quiz_pages
from tests.support.review_helpers import answer_on, single_questions

pytestmark = pytest.mark.browser

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# Every key of this site that the page reads from localStorage, in order.
SPY = """() => {
  window.__ssRead = [];
  const get = Storage.prototype.getItem;
  Storage.prototype.getItem = function (key) {
    if (String(key).startsWith("studysite:")) window.__ssRead.push(String(key));
    return get.call(this, key);
  };
}"""


def errors_of(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


def open_home(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-ss-continue]:not([hidden])", timeout=10_000)


def lines(page: Any) -> list[str]:
    found = page.locator("[data-ss-continue-list] li")
    return [str(found.nth(i).inner_text()) for i in range(found.count())]


def due(page: Any) -> str:
    return str(page.locator(".ss-continue__due").inner_text())


def test_a_first_visit_says_there_is_nothing_yet(page: Any, site_url: str) -> None:
    errors = errors_of(page)
    open_home(page, site_url)
    heading = page.get_by_role("heading", name="Continue where you left off")
    assert heading.is_visible()
    assert lines(page) == [
        "Nothing read or answered in this browser yet: start with a domain below."
    ]
    assert due(page) == "Reviews due today are counted once you answer a question."
    link = page.locator("[data-ss-continue]").get_by_role("link", name="Review now")
    assert str(link.get_attribute("href")).endswith("review/")
    assert errors == []


def test_the_last_page_read_the_last_quiz_and_the_reviews_due(
    page: Any, site_url: str, built_site: Path
) -> None:
    errors = errors_of(page)
    page.clock.install(time=T0)
    topic = quiz_pages(built_site)[0]
    questions = single_questions(page, site_url + topic)
    title = page.locator(".md-content h1").first.inner_text().strip().rstrip("¶").strip()
    answer_on(page, questions[0], right=False)
    answer_on(page, questions[1], right=True)
    # Another page read since: the study sheet, with no quiz.
    sheet = sorted(built_site.glob("domain-*/study-sheet/index.html"))[0]
    page.goto(site_url + sheet.parent.relative_to(built_site).as_posix() + "/")
    sheet_title = page.locator(".md-content h1").first.inner_text().strip().rstrip("¶").strip()
    page.add_init_script(f"({SPY})()")
    open_home(page, site_url)
    assert lines(page) == [f"Last page read: {sheet_title}", f"Last questions answered: {title}"]
    # The wrong answer is due again in 10 minutes: today; the right one in about 2 days.
    assert due(page) == "1 review due today."
    # The home page read the summary record and nothing else of the store, and has no scheduler.
    read = page.evaluate("window.__ssRead")
    assert read and all(key.endswith(":summary") for key in read), read
    assert page.evaluate("!!(window.StudySite.schedule || window.StudySite.fsrs)") is False
    scripts = page.locator("script[src*='studysite-']")
    assert scripts.count() == 0
    # Three days on, without practice: both are due; the record is the same, the day is not.
    page.clock.fast_forward(int(timedelta(days=3).total_seconds() * 1000))
    open_home(page, site_url)
    assert due(page) == "2 reviews due today."
    page.locator("[data-ss-continue-list]").get_by_role("link", name=title).click()
    page.wait_for_url("**/" + topic)
    assert errors == []


def test_the_last_practice_exam_once_submitted(page: Any, site_url: str) -> None:
    page.goto(site_url + "exam/")
    page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")
    page.get_by_role("button", name="Start the mock exam").click()
    page.wait_for_selector("[data-ss-question] input")
    page.locator("[data-ss-question] input").first.check()
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    confirm = page.get_by_role("button", name="Submit now")
    if confirm.count():
        confirm.click()
    page.wait_for_selector(".ss-exam__score")
    open_home(page, site_url)
    assert lines(page) == ["Last practice exam: Practice exam"]
    assert due(page) == "1 review due today."


def test_a_reset_forgets_the_last_quiz_and_the_reviews(
    page: Any, site_url: str, built_site: Path
) -> None:
    questions = single_questions(page, site_url + quiz_pages(built_site)[0])
    answer_on(page, questions[0], right=False)
    page.goto(site_url + "progress/")
    page.wait_for_selector("[data-ss-progress-controls]:not([hidden])")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset").first.click()
    open_home(page, site_url)
    assert not any(line.startswith("Last questions answered") for line in lines(page))
    assert due(page) == "0 reviews due today."


def test_not_on_paper_and_no_serious_violations(
    browser: Any, site_url: str, built_site: Path
) -> None:
    for scheme in ("default", "slate"):
        for width in (1280, 375):
            context = browser.new_context(viewport={"width": width, "height": 900})
            try:
                page = context.new_page()
                page.goto(site_url)
                palette = {"index": 1 if scheme == "default" else 2, "color": {"scheme": scheme}}
                page.evaluate("p => __md_set('__palette', p)", palette)
                questions = single_questions(page, site_url + quiz_pages(built_site)[0])
                answer_on(page, questions[0], right=False)
                open_home(page, site_url)
                assert serious_violations(page) == [], (scheme, width)
                page.emulate_media(media="print")
                assert page.locator("[data-ss-continue]").is_hidden()
            finally:
                context.close()


def test_works_from_disk(page: Any, built_site: Path) -> None:
    errors = errors_of(page)
    first = quiz_pages(built_site)[0]
    page.goto((built_site / first / "index.html").as_uri())
    page.wait_for_selector(".ss-quiz--live")
    question = page.locator('.ss-question[data-ss-choose="1"]').first
    answer_on(page, question, right=False)
    page.goto((built_site / "index.html").as_uri())
    page.wait_for_selector("[data-ss-continue]:not([hidden])")
    page.locator("[data-ss-continue-list] li a").first.click()
    page.wait_for_selector(".ss-quiz--live")
    assert page.url.endswith(first + "index.html")
    assert errors == []
