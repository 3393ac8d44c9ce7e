"""The Review page in Chromium (issue 30): the questions due now, one at a time, with the quiz's
feedback and then the next; the forecast of today and the next 7 days; the new-per-day limit
and the desired retention; printing, axe, file://. Times are moved by Playwright's clock."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import serious_violations
from tests.support.quiz_helpers import quiz_pages
from tests.support.review_helpers import DAY, MINUTE, answer_on, review_log, single_questions

pytestmark = pytest.mark.browser

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
QUESTION = ".ss-review__quiz .ss-question"


def ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def errors_of(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


def open_review(page: Any, url: str) -> None:
    """Open the Review page and wait until it has mounted (a question, or nothing due)."""
    page.goto(url + "review/")
    page.wait_for_selector(".ss-review__quiz.ss-quiz--live, .ss-review__done", timeout=10_000)


def shown(page: Any) -> str:
    """The id of the question on screen."""
    return str(page.locator(QUESTION).get_attribute("data-ss-question"))


def answer(page: Any, right: bool) -> str:
    """Answer the question on screen right or wrong (its first right or wrong option)."""
    question = page.locator(QUESTION)
    want = "[data-ss-correct]" if right else ":not([data-ss-correct])"
    index = question.locator(f".ss-option{want}").first.get_attribute("data-ss-option")
    question.locator(f'.ss-choice[data-ss-option="{index}"] button').click()
    return shown(page)


def go_next(page: Any) -> None:
    page.get_by_role("button", name="Next question").click()
    page.wait_for_selector(".ss-review__quiz.ss-quiz--live, .ss-review__done", timeout=10_000)


def summary(page: Any) -> str:
    return str(page.locator("[data-ss-review-summary]").inner_text())


def forecast(page: Any) -> list[tuple[str, int]]:
    """The forecast's rows: (day, questions due)."""
    rows = page.locator(".ss-review__forecast tbody tr")
    return [
        (
            str(rows.nth(i).locator("th").inner_text()),
            int(rows.nth(i).locator(".ss-review__n").inner_text().replace(",", "")),
        )
        for i in range(rows.count())
    ]


def bank_order(page: Any) -> list[str]:
    """Every question id in the order of the page's index (new ones are offered in it)."""
    return page.evaluate(  # type: ignore[no-any-return]
        "JSON.parse(document.querySelector('[data-ss-review]').dataset.ssReviewIndex).q.map(q => q[0])"
    )


def set_settings(page: Any, retention: str, per_day: str) -> str:
    page.get_by_label("Aim to remember").fill(retention)
    page.get_by_label("New questions a day").fill(per_day)
    page.get_by_role("button", name="Save the settings").click()
    return str(page.locator("[data-ss-review-saved]").inner_text())


def test_the_review_page_is_in_the_navigation_and_linked_from_home(
    page: Any, site_url: str
) -> None:
    page.goto(site_url)
    page.locator("article").get_by_role("link", name="Review", exact=True).click()
    page.wait_for_url("**/review/")
    nav = page.locator(".md-nav--primary").get_by_role("link", name="Review", exact=True)
    assert nav.count() >= 1
    assert page.locator("h1").inner_text().startswith("Review")


def test_new_questions_one_at_a_time_with_feedback_and_explanations_then_the_next(
    page: Any, site_url: str
) -> None:
    errors = errors_of(page)
    page.clock.install(time=T0)
    open_review(page, site_url)
    order = bank_order(page)
    assert len(order) > 20
    assert summary(page) == "20 questions to review now (20 of them new)."
    assert page.locator(QUESTION).count() == 1
    # The first question of the bank, shown as a topic quiz shows it, but unanswered.
    first = shown(page)
    assert first == order[0]
    assert page.locator(QUESTION).locator(".ss-choice__btn").count() >= 2
    assert page.get_by_role("button", name="Next question").is_hidden()
    answer(page, right=False)
    result = page.locator(".ss-review__quiz .ss-result")
    assert result.locator(".ss-result__verdict").inner_text().startswith("✗")
    # Every option's explanation and the link to the topic, as on a topic page.
    whys = page.locator(".ss-review__quiz .ss-choice__why:visible")
    assert whys.count() == page.locator(".ss-review__quiz .ss-choice").count()
    assert result.locator(".ss-answer__review a").count() >= 1
    assert page.locator(".ss-review__quiz .ss-rate").count() == 0  # wrong: nothing to tap
    # The answer is a review (Again: due in 10 minutes) and counts one new question today.
    card = review_log(page)["cards"][first]
    assert card["c"][4] - card["at"] == 10 * MINUTE
    assert summary(page) == "19 questions to review now (19 of them new). 20 due today in all."
    go_next(page)
    second = shown(page)
    assert second == order[1]
    # The new question's heading takes focus, numbered in this session.
    focused = page.evaluate("document.activeElement.className")
    assert "ss-question__number" in focused
    assert page.locator(QUESTION).locator(".ss-question__number").inner_text() == "Question 2."
    answer(page, right=True)
    card = review_log(page)["cards"][second]
    assert card["c"][4] - card["at"] == 2 * DAY
    # The optional tap after a right answer: Easy instead of Good, said politely.
    rate = page.locator(".ss-review__quiz .ss-rate")
    rate.get_by_role("button", name="Easy").click()
    assert rate.locator(".ss-rate__said").inner_text() == "Rated Easy: next review in 8 days."
    assert rate.locator(".ss-rate__said").get_attribute("aria-live") == "polite"
    card = review_log(page)["cards"][second]
    assert card["c"][4] - card["at"] == 8 * DAY
    assert errors == []


def test_a_wrong_answer_is_due_again_within_the_day_before_new_ones(
    page: Any, site_url: str
) -> None:
    page.clock.install(time=T0)
    open_review(page, site_url)
    missed = answer(page, right=False)
    go_next(page)
    answer(page, right=True)
    # Eleven minutes on: the missed question is due, and comes before the new ones.
    page.clock.set_system_time(T0 + timedelta(minutes=11))
    open_review(page, site_url)
    assert shown(page) == missed
    assert summary(page).startswith("19 questions to review now (18 of them new).")
    # An answered question shows unanswered here (the review asks again).
    assert page.locator(".ss-review__quiz .ss-result:visible").count() == 0
    answer(page, right=True)
    go_next(page)
    assert shown(page) != missed


def test_the_forecast_counts_today_and_the_next_7_days_in_a_table(page: Any, site_url: str) -> None:
    page.clock.install(time=T0)
    open_review(page, site_url)
    for right in (True, False, True):
        answer(page, right)
        go_next(page)
    rows = forecast(page)
    assert len(rows) == 8
    assert rows[0][0].startswith("Today") and rows[1][0].startswith("Tomorrow")
    # Today: the one answered wrongly (due in 10 minutes) and the 17 new ones left.
    assert rows[0][1] == 1 + 17
    # Two right answers, due in two days.
    assert [n for _, n in rows[1:]] == [0, 2, 0, 0, 0, 0, 0]
    assert "17 new questions" in page.locator(".ss-review__note").inner_text()
    # The bars are drawn, not read; each row says its number in words.
    assert page.locator(".ss-review__track[aria-hidden=true]").count() == 8
    assert page.locator(".ss-review__forecast caption").inner_text() == (
        "Questions due today and in the next 7 days"
    )


def test_the_new_per_day_limit_holds_until_the_next_day(page: Any, site_url: str) -> None:
    page.clock.install(time=T0)
    open_review(page, site_url)
    assert set_settings(page, "90", "2").startswith("Saved:")
    assert summary(page).startswith("2 questions to review now (2 of them new).")
    answer(page, right=True)
    go_next(page)
    answer(page, right=True)
    go_next(page)
    # Both new ones of the day done, nothing due: done for now, with the next review's time.
    assert page.locator(".ss-review__done").is_visible()
    assert summary(page) == "Nothing to review now. The next review is due in 2 days."
    assert page.locator(QUESTION).count() == 0
    # After local midnight, two more new questions.
    page.clock.set_system_time(T0 + timedelta(days=1))
    open_review(page, site_url)
    assert summary(page).startswith("2 questions to review now (2 of them new).")
    # The settings were kept.
    assert page.get_by_label("New questions a day").input_value() == "2"


def test_desired_retention_goes_from_70_to_97_and_schedules_the_answers(
    page: Any, site_url: str
) -> None:
    page.clock.install(time=T0)
    open_review(page, site_url)
    assert page.get_by_label("Aim to remember").input_value() == "90"
    assert page.get_by_label("New questions a day").input_value() == "20"
    for bad in ("69", "98", "85.5"):
        said = set_settings(page, bad, "20")
        assert said.startswith("Aim to remember takes a whole number from 70 to 97"), bad
        assert page.evaluate("StudySite.schedule.settings().retention") == 0.9
    assert set_settings(page, "70", "20") == (
        "Saved: reviews aim at 70% remembered, with up to 20 new questions a day."
    )
    assert page.evaluate("StudySite.schedule.settings().retention") == 0.7
    # A first Good at 70%: the same stability, a longer interval than at 90% (2 days).
    id_ = answer(page, right=True)
    card = review_log(page)["cards"][id_]
    expected = page.evaluate(
        "t => StudySite.fsrs.review(StudySite.fsrs.createCard(t), 3, t, {retention: 0.7}).card",
        card["at"],
    )
    assert card["c"][4] == expected["due"] and card["c"][4] - card["at"] > 2 * DAY
    assert set_settings(page, "97", "20").startswith("Saved:")
    assert page.evaluate("StudySite.schedule.settings().retention") == 0.97


def test_nothing_due_after_the_day_then_everything_after_a_month(page: Any, site_url: str) -> None:
    page.clock.install(time=T0)
    open_review(page, site_url)
    set_settings(page, "90", "3")
    answered = []
    for right in (True, True, False):
        answered.append(answer(page, right))
        go_next(page)
    assert page.locator(".ss-review__done").is_visible()
    page.clock.set_system_time(T0 + timedelta(days=31))
    open_review(page, site_url)
    # A month without practice: every answered question due, before the day's new ones.
    assert summary(page).startswith("6 questions to review now (3 of them new).")
    due = []
    for _ in range(3):
        due.append(answer(page, right=True))
        go_next(page)
    assert sorted(due) == sorted(answered)


def test_the_page_prints_the_forecast_as_a_table_without_the_question_or_settings(
    page: Any, site_url: str
) -> None:
    page.clock.install(time=T0)
    open_review(page, site_url)
    answer(page, right=True)
    page.emulate_media(media="print")
    assert page.locator(".ss-review__forecast").is_visible()
    assert page.locator(".ss-review__forecast tbody tr").count() == 8
    assert page.locator(".ss-review__quiz").is_hidden()
    assert page.locator("[data-ss-review-settings]").is_hidden()
    assert page.locator(".ss-review__track").first.is_hidden()
    assert page.locator(".ss-review__n").first.is_visible()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_review_page_has_no_serious_violations(
    browser: Any, site_url: str, scheme: str
) -> None:
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            page.clock.install(time=T0)
            page.goto(site_url)
            palette = {"index": 1 if scheme == "default" else 2, "color": {"scheme": scheme}}
            page.evaluate("p => __md_set('__palette', p)", palette)
            open_review(page, site_url)
            assert serious_violations(page) == [], "a question"
            answer(page, right=True)
            assert serious_violations(page) == [], "answered, with the tap"
            set_settings(page, "85", "1")
            go_next(page)
            assert page.locator(".ss-review__done").is_visible()
            assert serious_violations(page) == [], "done for now"
        finally:
            context.close()


def test_works_from_disk(page: Any, built_site: Path) -> None:
    errors = errors_of(page)
    page.goto((built_site / "review" / "index.html").as_uri())
    page.wait_for_selector(".ss-review__quiz.ss-quiz--live", timeout=10_000)
    id_ = answer(page, right=True)
    assert page.locator(".ss-review__quiz .ss-result__verdict").inner_text().startswith("✓")
    assert id_ in review_log(page)["cards"]
    go_next(page)
    assert shown(page) != id_
    assert errors == []


def test_weak_areas_rank_topics_by_predicted_recall_and_drill_one(
    page: Any, site_url: str, built_site: Path
) -> None:
    errors = errors_of(page)
    page.clock.install(time=T0)
    open_review(page, site_url)
    assert page.locator("[data-ss-review-weak-list]").inner_text() == (
        "Topics show here once you have answered some of their questions."
    )
    index = page.evaluate(
        "JSON.parse(document.querySelector('[data-ss-review]').dataset.ssReviewIndex)"
    )
    titles = {q[0]: [index["topics"][i][1] for i in q[3]] for q in index["q"]}
    # One question answered wrongly, four more rightly.
    missed = answer(page, right=False)
    for _ in range(4):
        go_next(page)
        answer(page, right=True)
    # And one on the last topic page, rightly.
    question = single_questions(page, site_url + quiz_pages(built_site)[-1])[0]
    answer_on(page, question, right=True)
    page.clock.set_system_time(T0 + timedelta(days=1))
    open_review(page, site_url)
    areas = page.locator(".ss-review__area")
    assert areas.count() >= 2
    # The weakest: a topic of the missed question (its recall after a day is the lowest).
    first = areas.first
    weakest = first.get_by_role("link").inner_text()
    assert weakest in titles[missed]
    assert "1 wrong last time" in first.inner_text()
    recall = [int(a.inner_text().split("%")[0].split()[-1]) for a in areas.all()]
    assert recall == sorted(recall) and recall[0] < recall[-1]
    # Drill it: its questions only, the missed one first, with a line saying where it is.
    first.get_by_role("button", name=f"Drill this topic: {weakest}").click()
    page.wait_for_selector(".ss-review__quiz.ss-quiz--live")
    assert shown(page) == missed
    drill = page.locator("[data-ss-review-drill]")
    count = min(10, sum(1 for id_ in titles if weakest in titles[id_]))
    assert drill.inner_text().startswith(f"Drill of {weakest}: question 1 of {count}.")
    answer(page, right=True)
    go_next(page)
    assert weakest in titles[shown(page)]
    assert drill.inner_text().startswith(f"Drill of {weakest}: question 2 of {count}.")
    drill.get_by_role("button", name="Stop the drill").click()
    page.wait_for_selector(".ss-review__quiz.ss-quiz--live, .ss-review__done")
    assert drill.is_hidden()
    assert errors == []


def test_readiness_by_domain_on_the_progress_page_follows_its_stated_formula(
    page: Any, site_url: str, built_site: Path
) -> None:
    errors = errors_of(page)
    page.clock.install(time=T0)
    page.goto(site_url + "progress/")
    box = page.locator("[data-ss-readiness]")
    box.wait_for(timeout=10_000)
    index = page.evaluate(
        "JSON.parse(document.querySelector('[data-ss-progress]').dataset.ssProgressIndex)"
    )
    assert "R + (1 \u2212 R) \u00d7 g" in box.inner_text()
    assert "not a promise of a pass" in box.inner_text()

    def guess(q: list[Any]) -> float:
        # 1 in the number of ways to pick the answer; a type without picks (typed, ordered,
        # matched: options 0) has no guess rate.
        return float(1 / math.comb(q[5], q[6])) if q[5] > 0 else 0.0

    domain = index["questions"][0][2]
    mine = [q for q in index["questions"] if q[2] == domain]
    figure = box.locator(f'[data-ss-ready-domain="{domain}"]')
    basis = box.locator(f'[data-ss-ready-basis="{domain}"]')
    # Nothing answered: every question at its guess rate.
    expected = round(100 * sum(guess(q) for q in mine) / len(mine))
    assert figure.inner_text() == f"{expected}%"
    assert basis.inner_text() == f"0 of {len(mine)} questions answered"
    # Three answered right just now: recall 1, so they count 1 each.
    question = single_questions(page, site_url + quiz_pages(built_site)[0])
    right = {answer_on(page, q, right=True) for q in question[:3]}
    page.goto(site_url + "progress/")
    box.wait_for(timeout=10_000)
    expected = round(100 * sum(1 if q[0] in right else guess(q) for q in mine) / len(mine))
    assert figure.inner_text() == f"{expected}%"
    assert basis.inner_text() == f"3 of {len(mine)} questions answered"
    # The bank covers one domain: the blueprint's weighted figure is that domain's.
    assert box.locator('[data-ss-ready-domain="all"]').inner_text() == f"{expected}%"
    # A month later, recall has fallen: so has the prediction, never below the guess rate.
    page.clock.set_system_time(T0 + timedelta(days=30))
    page.goto(site_url + "progress/")
    box.wait_for(timeout=10_000)
    later = int(figure.inner_text().rstrip("%"))
    floor = round(100 * sum(guess(q) for q in mine) / len(mine))
    assert floor <= later < expected
    assert errors == []
