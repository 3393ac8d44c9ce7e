"""The review schedule in Chromium (issue 30): every answer a review of an FSRS card, kept in the
store's review log; Playwright's clock moving days ahead; the optional Hard/Easy tap; the
practice exam at Submit; content changes; the store's version 4 (migration, export and import,
two tabs, damaged and full storage, clocks set wrong)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.quiz_helpers import STORE, questions_page, quiz_pages, stored
from tests.support.review_helpers import (
    DAY,
    FILL,
    MINUTE,
    answer_on,
    due_now,
    review_log,
    single_questions,
)

pytestmark = pytest.mark.browser

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GOOD_FIRST = 2.3065  # py-fsrs's w2, a new card's stability after Good


def ms(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def errors_of(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


def a_quiz_with_three(built_site: Path) -> str:
    """A topic page whose quiz has at least three single-answer questions."""
    for url in quiz_pages(built_site):
        text = (built_site / url / "index.html").read_text(encoding="utf-8")
        if text.count('data-ss-choose="1"') >= 3:
            return url
    raise AssertionError("no topic quiz with three single-answer questions")


def test_answers_become_reviews_due_as_the_clock_moves_days_ahead(
    page: Any, site_url: str, built_site: Path
) -> None:
    errors = errors_of(page)
    page.clock.install(time=T0)
    url = site_url + a_quiz_with_three(built_site)
    q = single_questions(page, url)
    wrong = answer_on(page, q[0], right=False)
    right = [answer_on(page, q[1], right=True), answer_on(page, q[2], right=True)]
    log = review_log(page)
    assert sorted(log["cards"]) == sorted([wrong, *right])
    ratings = {key.split("@")[0]: r["g"] for key, r in log["reviews"].items()}
    assert ratings == {wrong: 1, right[0]: 3, right[1]: 3}
    hashes = {s.get_attribute("data-ss-question"): s.get_attribute("data-ss-hash") for s in q}
    for id_, card in log["cards"].items():
        assert card["h"] == hashes[id_]
        assert f"{id_}@{card['at']}" in log["reviews"]
    again, good = log["cards"][wrong], log["cards"][right[0]]
    # Again: learning, due in 10 minutes; Good on a new card: review, due in 2 days.
    assert again["c"][:2] == [1, 0] and again["c"][4] - again["at"] == 10 * MINUTE
    assert good["c"][:3] == [2, None, GOOD_FIRST] and good["c"][4] - good["at"] == 2 * DAY
    assert due_now(page) == []
    # A wrong answer is due again within the day; right answers later; all after a month.
    page.clock.set_system_time(T0 + timedelta(hours=1))
    assert due_now(page) == [wrong]
    page.clock.set_system_time(T0 + timedelta(hours=23))
    assert due_now(page) == [wrong]
    page.clock.set_system_time(T0 + timedelta(days=31))
    assert due_now(page) == sorted([wrong, *right])
    # Answered again a month on (the page's answers reset first): the card's second review,
    # due later than after the first; the log keeps both.
    q = single_questions(page, url)
    page.get_by_role("button", name="Reset my answers on this page").click()
    answer_on(page, next(s for s in q if s.get_attribute("data-ss-question") == right[0]), True)
    card = review_log(page)["cards"][right[0]]
    assert card["at"] >= ms(T0 + timedelta(days=31)) and card["c"][2] > GOOD_FIRST
    assert card["c"][4] - card["at"] > 2 * DAY
    assert len([k for k in review_log(page)["reviews"] if k.startswith(right[0] + "@")]) == 2
    assert due_now(page) == sorted([wrong, right[1]])
    assert errors == []


def test_after_a_right_answer_one_optional_tap_says_hard_or_easy(
    page: Any, site_url: str, built_site: Path
) -> None:
    page.clock.install(time=T0)
    q = single_questions(page, site_url + a_quiz_with_three(built_site))
    wrong = answer_on(page, q[0], right=False)
    assert q[0].locator(".ss-rate").count() == 0  # a wrong answer is Again, nothing to say
    right = answer_on(page, q[1], right=True)
    rate = q[1].locator(".ss-rate")
    assert rate.inner_text().startswith("Right, so counted as Good. Change to:")
    easy = rate.get_by_role("button", name="Easy")
    hard = rate.get_by_role("button", name="Hard")
    easy.click()
    card = review_log(page)["cards"][right]
    assert card["c"][4] - card["at"] == 8 * DAY  # Easy on a new card: 8 days
    assert [r["g"] for k, r in review_log(page)["reviews"].items() if k.startswith(right)] == [4]
    assert rate.locator(".ss-rate__said").inner_text() == "Rated Easy: next review in 8 days."
    assert easy.get_attribute("aria-pressed") == "true"
    hard.focus()
    page.keyboard.press("Enter")
    card = review_log(page)["cards"][right]
    assert card["c"][:2] == [1, 0] and card["c"][4] - card["at"] == 15 * MINUTE
    assert rate.locator(".ss-rate__said").inner_text() == "Rated Hard: next review in 15 minutes."
    assert (hard.get_attribute("aria-pressed"), easy.get_attribute("aria-pressed")) == (
        "true",
        "false",
    )
    hard.click()  # tapped again: back to Good
    card = review_log(page)["cards"][right]
    assert card["c"][4] - card["at"] == 2 * DAY
    assert [r["g"] for k, r in review_log(page)["reviews"].items() if k.startswith(right)] == [3]
    assert len(review_log(page)["reviews"]) == 2 and wrong in review_log(page)["cards"]


def test_practice_page_answers_and_the_exam_at_submit_are_reviews(
    page: Any, site_url: str, built_site: Path
) -> None:
    page.clock.install(time=T0)
    q = single_questions(page, site_url + questions_page(built_site))
    practised = answer_on(page, q[0], right=True)
    assert practised in review_log(page)["cards"]
    page.goto(site_url + "exam/?seed=3")
    page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")
    page.get_by_role("button", name="Start the mock exam").click()
    page.wait_for_selector("[data-ss-question] input")
    given = []
    for _ in range(2):
        question = page.locator("[data-ss-question]")
        given.append(str(question.get_attribute("data-ss-question")))
        inputs = question.locator("input")
        inputs.nth(0).check()
        page.get_by_role("button", name="Next").click()
    before = set(review_log(page)["reviews"])
    page.clock.set_system_time(T0 + timedelta(minutes=20))
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    confirm = page.get_by_role("button", name="Submit now")
    if confirm.count():
        confirm.click()
    page.wait_for_selector(".ss-exam__score")
    log = review_log(page)
    added = {k: r for k, r in log["reviews"].items() if k not in before}
    # The two answered questions, at the submit time; none for the questions left unanswered.
    assert sorted(k.split("@")[0] for k in added) == sorted(set(given))
    assert len({r["at"] for r in added.values()}) == 1
    assert all(r["at"] >= ms(T0 + timedelta(minutes=20)) for r in added.values())
    attempt = stored(page)["attempts"][-1]
    right_ids = {item[0] for item in attempt["items"] if item[5]}
    for key, r in added.items():
        assert r["g"] == (3 if key.split("@")[0] in right_ids else 1)


def test_a_question_whose_content_changed_starts_over(
    page: Any, site_url: str, built_site: Path
) -> None:
    q = single_questions(page, site_url + a_quiz_with_three(built_site))
    id_ = str(q[0].get_attribute("data-ss-question"))
    old = {"h": "0123456789ab", "at": ms(T0), "c": [2, None, 50.0, 3.0, ms(T0) + 40 * DAY]}
    assert page.evaluate(
        "([id, r]) => StudySite.store.update('test', [['cards', id, () => r]])", [id_, old]
    )
    answer_on(page, q[0], right=True)
    card = review_log(page)["cards"][id_]
    assert card["h"] == q[0].get_attribute("data-ss-hash")
    assert card["c"][:3] == [2, None, GOOD_FIRST]  # a new card's first Good, not the old card's


def test_version_3_progress_is_migrated_to_version_4_its_answers_as_reviews(
    page: Any, site_url: str, built_site: Path
) -> None:
    page.clock.install(time=T0)
    q = single_questions(page, site_url + a_quiz_with_three(built_site))
    ids = [str(s.get_attribute("data-ss-question")) for s in q[:2]]
    hashes = [str(s.get_attribute("data-ss-hash")) for s in q[:2]]
    at = [ms(T0 - timedelta(days=3)), ms(T0 - timedelta(days=1))]
    answers = {
        f"{ids[0]}:{hashes[0]}": {"type": "picks", "value": [0], "correct": True, "at": at[0]},
        f"{ids[1]}:{hashes[1]}": {"type": "picks", "value": [0], "correct": False, "at": at[1]},
    }
    page.evaluate(
        """([prefix, answers]) => {
          for (const k of Object.keys(localStorage)) if (k.startsWith(prefix)) localStorage.removeItem(k);
          localStorage.setItem(prefix + "meta", JSON.stringify({version: 3}));
          localStorage.setItem(prefix + "answers:0", JSON.stringify(answers));
        }""",
        [STORE, answers],
    )
    q = single_questions(page, site_url + a_quiz_with_three(built_site))
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}meta')).version") == 4
    data = stored(page)
    assert {k: v["correct"] for k, v in data["answers"].items()} == {
        k: v["correct"] for k, v in answers.items()
    }
    # Nothing is copied: each answer counts as a review of its question until it has a card.
    assert review_log(page) == {"cards": {}, "reviews": {}}
    card = page.evaluate("([id, h]) => StudySite.schedule.card(id, h)", [ids[0], hashes[0]])
    assert card["lastReview"] == at[0] and card["due"] == at[0] + 2 * DAY  # right: Good
    card = page.evaluate("([id, h]) => StudySite.schedule.card(id, h)", [ids[1], hashes[1]])
    assert card["lastReview"] == at[1] and card["due"] == at[1] + 10 * MINUTE  # wrong: Again
    assert due_now(page) == sorted(ids)
    # Its second review (from the review page, say), on top of the answer of before.
    page.evaluate(
        "([id, h]) => StudySite.schedule.review(id, h, 3, Date.now())", [ids[0], hashes[0]]
    )
    expected = page.evaluate(
        """([t0, t1]) => {
          const F = StudySite.fsrs, a = F.review(F.createCard(t0), 3, t0).card;
          return F.review(a, 3, t1).card;
        }""",
        [at[0], review_log(page)["cards"][ids[0]]["at"]],
    )
    assert review_log(page)["cards"][ids[0]]["c"][2] == pytest.approx(expected["stability"])
    assert len(review_log(page)["reviews"]) == 1
    assert due_now(page) == [ids[1]]
    # An export file of version 3 imports the same way.
    other = {"type": "picks", "value": [0], "correct": False, "at": at[1]}
    v3 = {"version": 3, "exam": "mls-c01", "answers": {f"x-question:{hashes[0]}": other}}
    report = page.evaluate("t => StudySite.store.importText(t)", json.dumps(v3))
    assert (report["taken"], report["reviews"]) == (1, 0)
    assert page.evaluate("StudySite.store.load().version") == 4
    card = page.evaluate("h => StudySite.schedule.card('x-question', h)", hashes[0])
    assert card["due"] == at[1] + 10 * MINUTE


def test_export_and_import_merge_two_logs_without_duplicates(
    browser: Any, site_url: str, built_site: Path
) -> None:
    url = site_url + a_quiz_with_three(built_site)
    exports = []
    for start, picks in ((T0, (False, True, None)), (T0 + timedelta(hours=2), (None, False, True))):
        context = browser.new_context()
        page = context.new_page()
        page.clock.install(time=start)
        q = single_questions(page, url)
        for question, right in zip(q, picks, strict=False):
            if right is not None:
                answer_on(page, question, right)
        exports.append(json.loads(page.evaluate("StudySite.store.exportText()")))
        if start == T0:
            context.close()
    mine, theirs = exports[1], exports[0]
    assert mine["version"] == 4 and len(mine["reviews"]) == 2 and len(theirs["reviews"]) == 2
    report = page.evaluate("t => StudySite.store.importText(t)", json.dumps(theirs))
    assert report["reviews"] == 2
    log = review_log(page)
    # (Storage marks what came from a file; an export leaves the mark out.)
    assert set(log["reviews"]) == set(mine["reviews"]) | set(theirs["reviews"])
    # The question both answered: the card reviewed last (this browser's, two hours later).
    both = next(iter(set(mine["cards"]) & set(theirs["cards"])))
    assert log["cards"][both] == mine["cards"][both]
    assert all(log["reviews"][k].get("imported") for k in theirs["reviews"])
    # Importing the same file again adds nothing; the export has each review once.
    again = page.evaluate("t => StudySite.store.importText(t)", json.dumps(theirs))
    assert again["reviews"] == 0
    merged = json.loads(page.evaluate("StudySite.store.exportText()"))
    assert merged["reviews"] == {**mine["reviews"], **theirs["reviews"]}
    assert len(merged["reviews"]) == 4
    page.context.close()


def test_two_tabs_reviewing_at_once_lose_no_review(
    context: Any, site_url: str, built_site: Path
) -> None:
    url = site_url + a_quiz_with_three(built_site)
    one, two = context.new_page(), context.new_page()
    q1, q2 = single_questions(one, url), single_questions(two, url)
    # The worst case: tab one hears nothing of tab two's writes (storage events held back), so
    # all it knows of them is what storage holds when it writes.
    one.evaluate("window.addEventListener('storage', (e) => e.stopImmediatePropagation(), true)")
    ids = [str(s.get_attribute("data-ss-question")) for s in q1]
    hash0 = str(q1[0].get_attribute("data-ss-hash"))
    answer_on(one, q1[0], right=False)
    answer_on(two, q2[1], right=True)
    answer_on(one, q1[2], right=True)
    answer_on(two, q2[0], right=True)  # the question tab one answered wrongly
    # Tab one reviews that question once more (from the review page, say).
    one.evaluate("([id, h]) => StudySite.schedule.review(id, h, 3, Date.now())", [ids[0], hash0])
    log = review_log(one)
    assert sorted(k.split("@")[0] for k in log["reviews"]) == sorted([*[ids[0]] * 3, *ids[1:3]])
    assert set(stored(one)["answers"]) == {
        f"{s.get_attribute('data-ss-question')}:{s.get_attribute('data-ss-hash')}" for s in q1[:3]
    }
    # Each review of that question was made on top of the one before, whichever tab made it.
    times = sorted(r["at"] for k, r in log["reviews"].items() if k.startswith(ids[0] + "@"))
    expected = one.evaluate(
        """(times) => {
          const F = StudySite.fsrs;
          let card = F.createCard(times[0]);
          [1, 3, 3].forEach((g, i) => { card = F.review(card, g, times[i]).card; });
          return card;
        }""",
        times,
    )
    card = log["cards"][ids[0]]
    assert card["at"] == times[2] and card["c"][:2] == [expected["state"], expected["step"]]
    assert card["c"][2] == pytest.approx(expected["stability"], rel=1e-9)
    assert card["c"][3] == pytest.approx(expected["difficulty"], rel=1e-9)


def test_damaged_review_records_are_set_aside_and_full_storage_stops_nothing(
    page: Any, site_url: str, built_site: Path
) -> None:
    errors = errors_of(page)
    url = site_url + a_quiz_with_three(built_site)
    q = single_questions(page, url)
    id_ = answer_on(page, q[0], right=True)
    key = page.evaluate(f"Object.keys(localStorage).find((k) => k.startsWith('{STORE}cards:'))")
    page.evaluate(f"localStorage.setItem('{key}', '{{not json')")
    q = single_questions(page, url)
    backups = page.evaluate("StudySite.store.backups()")
    assert [b["key"] for b in backups] == [key] and backups[0]["text"] == "{not json"
    assert id_ not in review_log(page)["cards"]
    # The log still has the review: the card is made again from it.
    card = page.evaluate(
        "([id, h]) => StudySite.schedule.card(id, h)", [id_, q[0].get_attribute("data-ss-hash")]
    )
    assert card["state"] == 2 and card["stability"] == GOOD_FIRST
    # Storage full: the answer and its review last for the visit; the quiz goes on.
    page.evaluate(f"({FILL})('another-app:cache')")
    answer_on(page, q[1], right=True)
    assert q[1].locator(".ss-result__verdict").is_visible()
    assert "storage for the site is full" in page.locator(".ss-quiz__notice").first.inner_text()
    assert q[1].locator(".ss-rate").count() == 0
    assert errors == []


def test_a_clock_set_back_or_years_ahead_corrupts_nothing(
    page: Any, site_url: str, built_site: Path
) -> None:
    errors = errors_of(page)
    page.clock.install(time=T0)
    url = site_url + a_quiz_with_three(built_site)
    q = single_questions(page, url)
    id_ = answer_on(page, q[0], right=True)
    first = review_log(page)["cards"][id_]
    # Two years back: the review counts at the last one's time; nothing goes backwards.
    page.clock.set_system_time(T0 - timedelta(days=730))
    q = single_questions(page, url)
    page.get_by_role("button", name="Reset my answers on this page").click()
    answer_on(page, q[0], right=False)
    card = review_log(page)["cards"][id_]
    assert card["at"] == first["at"] and card["c"][:2] == [3, 0]
    assert card["c"][4] == card["at"] + 10 * MINUTE
    # Ten years ahead, then put right: what was kept then is read again, nothing set aside.
    page.clock.set_system_time(T0 + timedelta(days=3650))
    q = single_questions(page, url)
    later = answer_on(page, q[1], right=True)
    ahead = review_log(page)
    assert ahead["cards"][later]["at"] >= ms(T0 + timedelta(days=3650))
    page.clock.set_system_time(T0 + timedelta(hours=1))
    q = single_questions(page, url)
    assert review_log(page) == ahead
    assert page.evaluate("StudySite.store.backups()") == []
    assert {k.split(":")[0] for k in stored(page)["answers"]} == {id_, later}
    answer_on(page, q[2], right=True)
    assert len(review_log(page)["cards"]) == 3
    assert errors == []
