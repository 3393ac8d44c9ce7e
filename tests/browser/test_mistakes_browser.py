"""My wrong answers in Chromium (issue 30): every question last answered wrongly, from a topic
quiz or the Review page, with the pick, the right answer and the explanations; the domain and
topic filters; the empty state; the navigation; print; axe; file://."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import serious_violations
from tests.support.quiz_helpers import quiz_pages
from tests.support.review_helpers import answer_on, single_questions

pytestmark = pytest.mark.browser

QUESTION = ".ss-mistakes__quiz .ss-question"


def errors_of(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


def open_mistakes(page: Any, url: str) -> None:
    page.goto(url + "mistakes/")
    page.wait_for_selector(
        ".ss-mistakes__quiz.ss-quiz--live, .ss-mistakes__summary:has-text('No wrong answers')",
        timeout=10_000,
    )


def listed(page: Any) -> list[str]:
    found = page.locator(QUESTION)
    return [str(found.nth(i).get_attribute("data-ss-question")) for i in range(found.count())]


def answer_some(page: Any, site_url: str, built_site: Path) -> tuple[list[str], str]:
    """On the first topic quiz: two questions wrong, one right; (the wrong ids, the right id)."""
    questions = single_questions(page, site_url + quiz_pages(built_site)[0])
    wrong = [answer_on(page, q, right=False) for q in questions[:2]]
    right = answer_on(page, questions[2], right=True)
    return wrong, right


def test_the_page_is_in_the_navigation_and_says_when_there_is_nothing(
    page: Any, site_url: str
) -> None:
    errors = errors_of(page)
    page.goto(site_url)
    nav = page.locator(".md-nav--primary").get_by_role("link", name="My wrong answers", exact=True)
    assert nav.count() >= 1
    open_mistakes(page, site_url)
    assert page.locator("h1").inner_text().startswith("My wrong answers")
    assert page.locator("[data-ss-mistakes-summary]").inner_text().startswith("No wrong answers")
    assert page.locator(".ss-mistakes__quiz").count() == 0
    assert page.locator("[data-ss-mistakes-filters]").is_hidden()
    assert errors == []


def test_lists_the_wrong_answers_with_the_pick_the_answer_and_the_explanations(
    page: Any, site_url: str, built_site: Path
) -> None:
    errors = errors_of(page)
    wrong, right = answer_some(page, site_url, built_site)
    open_mistakes(page, site_url)
    assert sorted(listed(page)) == sorted(wrong)
    assert right not in listed(page)
    summary = page.locator("[data-ss-mistakes-summary]").inner_text()
    assert summary == "2 questions last answered wrongly."
    for i in range(2):
        question = page.locator(QUESTION).nth(i)
        assert question.locator(".ss-result__verdict").inner_text().startswith("✗")
        # The learner's pick marked wrong, the right option shown, every explanation.
        assert question.locator(".ss-choice--wrong").count() == 1
        assert question.locator(".ss-choice--missed, .ss-choice--right").count() >= 1
        whys = question.locator(".ss-choice__why:visible")
        assert whys.count() == question.locator(".ss-choice").count()
    assert errors == []


def test_a_wrong_answer_on_the_review_page_is_listed_too(
    page: Any, site_url: str, built_site: Path
) -> None:
    wrong, _ = answer_some(page, site_url, built_site)
    page.goto(site_url + "review/")
    page.wait_for_selector(".ss-review__quiz.ss-quiz--live", timeout=10_000)
    question = page.locator(".ss-review__quiz .ss-question")
    reviewed = answer_on(page, question, right=False)
    open_mistakes(page, site_url)
    assert reviewed in listed(page)
    assert set(wrong) <= set(listed(page))


def test_filters_by_domain_and_topic(page: Any, site_url: str, built_site: Path) -> None:
    wrong, _ = answer_some(page, site_url, built_site)
    open_mistakes(page, site_url)
    domain = page.get_by_label("Domain", exact=True)
    topic = page.get_by_label("Topic", exact=True)
    options = domain.locator("option")
    assert options.count() == 2  # all, and the one domain answered
    domain.select_option(index=1)
    page.wait_for_selector(".ss-mistakes__quiz.ss-quiz--live")
    assert sorted(listed(page)) == sorted(wrong)
    names = [
        topic.locator("option").nth(i).inner_text() for i in range(topic.locator("option").count())
    ]
    assert names[0] == "All topics" and len(names) >= 2
    topic.select_option(index=1)
    page.wait_for_selector(".ss-mistakes__quiz.ss-quiz--live")
    chosen = topic.input_value()
    ids = page.evaluate(
        """at => JSON.parse(document.querySelector('[data-ss-mistakes]').dataset.ssMistakesIndex)
              .q.filter(q => q[3].includes(+at)).map(q => q[0])""",
        chosen,
    )
    assert listed(page) and set(listed(page)) <= set(ids) & set(wrong)
    summary = page.locator("[data-ss-mistakes-summary]").inner_text()
    if len(listed(page)) < len(wrong):
        assert summary.endswith(f"{len(listed(page))} of them shown.")
    topic.select_option(value="")
    page.wait_for_selector(".ss-mistakes__quiz.ss-quiz--live")
    assert sorted(listed(page)) == sorted(wrong)


def test_prints_each_question_with_the_pick_and_the_answer(
    page: Any, site_url: str, built_site: Path
) -> None:
    answer_some(page, site_url, built_site)
    open_mistakes(page, site_url)
    page.emulate_media(media="print")
    first = page.locator(QUESTION).first
    assert first.locator(".ss-options").is_visible()
    assert first.locator(".ss-mistakes__pick").inner_text().startswith("Your answer: ")
    assert first.locator("details.ss-answer .ss-answer__key").is_visible()
    assert first.locator("details.ss-answer .ss-answer__why").is_visible()
    assert page.locator("[data-ss-mistakes-filters]").is_hidden()
    assert first.locator(".ss-choices").is_hidden()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_violations(browser: Any, site_url: str, built_site: Path, scheme: str) -> None:
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            page.goto(site_url)
            palette = {"index": 1 if scheme == "default" else 2, "color": {"scheme": scheme}}
            page.evaluate("p => __md_set('__palette', p)", palette)
            open_mistakes(page, site_url)
            assert serious_violations(page) == [], "empty"
            answer_some(page, site_url, built_site)
            open_mistakes(page, site_url)
            assert serious_violations(page) == [], "listed"
        finally:
            context.close()


def test_works_from_disk(page: Any, built_site: Path) -> None:
    errors = errors_of(page)
    first = quiz_pages(built_site)[0]
    page.goto((built_site / first / "index.html").as_uri())
    page.wait_for_selector(".ss-quiz--live")
    question = page.locator('.ss-question[data-ss-choose="1"]').first
    id_ = answer_on(page, question, right=False)
    page.goto((built_site / "mistakes" / "index.html").as_uri())
    page.wait_for_selector(".ss-mistakes__quiz.ss-quiz--live", timeout=10_000)
    assert listed(page) == [id_]
    assert errors == []
