"""The self-check quiz in Chromium: answering, feedback, score, retry, storage, access."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import serious_violations, wait_until
from tests.support.project import screenshot_path
from tests.support.quiz_helpers import (
    BACKUPS_KEY,
    V2_KEY,
    choice,
    correct_indexes,
    live_text,
    open_quiz,
    questions_page,
    quiz_pages,
    same_site_sitemap,
    score,
    score_right,
    shown_letter,
    shown_order,
    shown_orders,
    stored,
    wrong_indexes,
)

pytestmark = pytest.mark.browser


def single(page: Any) -> Any:
    return page.locator('.ss-question[data-ss-choose="1"]').first


def test_right_answer(page: Any, site_url: str, built_site: Path) -> None:
    open_quiz(page, site_url + quiz_pages(built_site)[0])
    question = single(page)
    right = correct_indexes(question)[0]
    assert question.locator(".ss-result").is_hidden()
    choice(question, right).locator("button").click()
    assert live_text(page) == "Correct"
    assert question.locator(".ss-result__verdict").inner_text() == "\u2713 Correct."
    # Marks for the benchmark: click first, feedback after.
    click, shown = page.evaluate(
        "['ss-answer-click', 'ss-feedback-shown']"
        ".map(n => performance.getEntriesByName(n).map(e => e.startTime))"
    )
    assert len(click) == len(shown) == 1 and click[0] <= shown[0]
    picked = choice(question, right)
    assert picked.locator(".ss-choice__mark").inner_text() == "\u2713 Your answer: right."
    why = question.locator(f'[data-ss-explains="{right}"] .ss-answer__text').text_content()
    assert why and why.strip() in picked.locator(".ss-choice__why").inner_text()
    # The link to the topic to review is the one from the static answer.
    review = question.locator(".ss-result .ss-answer__review a").first
    assert review.is_visible()
    assert review.get_attribute("href") == question.locator(
        "details .ss-answer__review a"
    ).first.get_attribute("href")
    # The answered question can no longer be changed.
    other = wrong_indexes(question)[0]
    assert choice(question, other).locator("button").get_attribute("aria-disabled") == "true"
    choice(question, other).locator("button").click(force=True)
    assert choice(question, other).locator(".ss-choice__mark").inner_text() == "Wrong."
    assert live_text(page) == "Correct"


def test_wrong_answer_shows_every_explanation(page: Any, site_url: str, built_site: Path) -> None:
    open_quiz(page, site_url + quiz_pages(built_site)[0])
    question = single(page)
    right = correct_indexes(question)[0]
    wrong = wrong_indexes(question)[0]
    choice(question, wrong).locator("button").click()
    letter = shown_letter(question, right)
    assert live_text(page) == f"Incorrect: the answer is {letter}"
    assert question.locator(".ss-result__verdict").inner_text() == (
        f"\u2717 Incorrect: the answer is {letter}."
    )
    assert choice(question, wrong).locator(".ss-choice__mark").inner_text() == (
        "\u2717 Your answer: wrong."
    )
    assert choice(question, right).locator(".ss-choice__mark").inner_text() == (
        "\u2713 The right answer."
    )
    options = question.locator(".ss-choice")
    assert options.count() >= 3
    for i in range(options.count()):
        option = options.nth(i)
        index = option.get_attribute("data-ss-option")
        why = question.locator(f'[data-ss-explains="{index}"] .ss-answer__text').text_content()
        assert option.locator(".ss-choice__why").is_visible()
        assert why and why.strip() in option.locator(".ss-choice__why").inner_text()
    # The static <details> stays out of sight once the quiz is interactive.
    assert question.locator("details.ss-answer").is_hidden()


def test_choose_two_flow(page: Any, site_url: str, built_site: Path) -> None:
    open_quiz(page, site_url + questions_page(built_site))
    question = page.locator('.ss-question[data-ss-choose="2"]').first
    question.scroll_into_view_if_needed()
    check = question.get_by_role("button", name="Check")
    assert check.is_disabled()
    right = correct_indexes(question)
    wrong = wrong_indexes(question)
    assert len(right) == 2
    choice(question, right[0]).locator("button").click()
    assert question.locator(".ss-check__hint").inner_text() == "1 of 2 picked"
    assert check.is_disabled()
    assert question.locator(".ss-result").is_hidden(), "one pick must not answer yet"
    choice(question, wrong[0]).locator("button").click()
    assert choice(question, wrong[0]).locator("button").get_attribute("aria-pressed") == "true"
    assert check.is_enabled()
    # A third pick is too many; taking it back allows checking again.
    choice(question, wrong[1]).locator("button").click()
    assert check.is_disabled()
    assert "Too many" in question.locator(".ss-check__hint").inner_text()
    choice(question, wrong[1]).locator("button").click()
    check.click()
    letters = sorted(shown_letter(question, i) for i in right)
    assert live_text(page) == f"Incorrect: the answers are {letters[0]} and {letters[1]}"

    def mark(index: str) -> str:
        return str(choice(question, index).locator(".ss-choice__mark").inner_text())

    assert mark(right[0]) == "\u2713 Right: you picked it."
    assert mark(right[1]) == "\u2713 Right: you missed it."
    assert mark(wrong[0]) == "\u2717 Wrong: you picked it."
    assert mark(wrong[1]) == "Wrong."
    record = stored(page)["answers"]
    key = f"{question.get_attribute('data-ss-question')}:{question.get_attribute('data-ss-hash')}"
    assert record[key]["type"] == "picks"
    assert sorted(record[key]["value"]) == sorted([int(right[0]), int(wrong[0])])
    assert record[key]["correct"] is False


def test_choose_two_right(page: Any, site_url: str, built_site: Path) -> None:
    open_quiz(page, site_url + questions_page(built_site))
    question = page.locator('.ss-question[data-ss-choose="2"]').first
    for index in correct_indexes(question):
        choice(question, index).locator("button").click()
    question.get_by_role("button", name="Check").click()
    assert live_text(page) == "Correct"


def test_score_retry_and_reset(page: Any, site_url: str, built_site: Path) -> None:
    open_quiz(page, site_url + quiz_pages(built_site)[0])
    questions = page.locator(".ss-question")
    total = questions.count()
    assert total >= 3
    assert score(page) == f"0 of {total} right ({total} not answered yet)"
    retry = page.get_by_role("button", name="Retry the ones I got wrong")
    reset = page.get_by_role("button", name="Reset my answers on this page")
    assert retry.is_disabled() and reset.is_disabled()
    first, second = questions.nth(0), questions.nth(1)
    choice(first, correct_indexes(first)[0]).locator("button").click()
    choice(second, wrong_indexes(second)[0]).locator("button").click()
    assert score(page) == f"1 of {total} right ({total - 2} not answered yet)"
    retry.click()
    assert second.locator(".ss-result").is_hidden()
    assert second.locator(".ss-choice__why").first.is_hidden()
    # Focus moves to the first option of the first question to retry.
    focused = page.evaluate("document.activeElement.closest('.ss-question').id")
    assert focused == second.get_attribute("id")
    assert live_text(page) == "Try again: 1 question"
    assert first.locator(".ss-result").is_visible(), "a right answer is not retried"
    assert score(page) == f"1 of {total} right ({total - 1} not answered yet)"
    assert retry.is_disabled()
    choice(second, correct_indexes(second)[0]).locator("button").click()
    assert score(page) == f"2 of {total} right ({total - 2} not answered yet)"
    kept = stored(page)["answers"]
    assert len(kept) == 2
    reset.click()
    assert score(page) == f"0 of {total} right ({total} not answered yet)"
    assert page.locator(".ss-result:visible").count() == 0
    assert stored(page)["answers"] == {}
    # Reset offers Undo, which brings back every answer it deleted, as it was.
    undo = page.get_by_role("button", name="Undo")
    assert (
        page.locator(".ss-quiz__undo")
        .inner_text()
        .startswith("Your 2 answers on this page were deleted.")
    )
    assert page.evaluate("document.activeElement.textContent") == "Undo"
    undo.click()
    assert stored(page)["answers"] == kept
    assert score(page) == f"2 of {total} right ({total - 2} not answered yet)"
    assert first.locator(".ss-result").is_visible() and second.locator(".ss-result").is_visible()
    assert undo.is_hidden()
    assert live_text(page) == "Your 2 answers are back."


def test_reset_looks_destructive_and_stands_apart_from_retry(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_quiz(page, site_url + quiz_pages(built_site)[0])
    retry = page.get_by_role("button", name="Retry the ones I got wrong")
    reset = page.get_by_role("button", name="Reset my answers on this page")
    colour = "e => getComputedStyle(e).color"
    assert reset.evaluate(colour) != retry.evaluate(colour)
    gap = reset.bounding_box()["x"] - (retry.bounding_box()["x"] + retry.bounding_box()["width"])
    assert gap > 40, "Reset sits right beside Retry"


def test_after_check_focus_is_on_the_verdict_and_answered_options_leave_the_tab_order(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_quiz(page, site_url + questions_page(built_site))
    two = page.locator('.ss-question[data-ss-choose="2"]').first
    for index in correct_indexes(two):
        choice(two, index).locator("button").click()
    two.get_by_role("button", name="Check").click()
    assert page.evaluate("document.activeElement.classList.contains('ss-result__verdict')")
    assert page.evaluate("document.activeElement.closest('.ss-question').id") == two.get_attribute(
        "id"
    )
    # The Check button and "2 of 2 picked" are gone once the feedback shows.
    assert two.locator(".ss-check").is_hidden()
    tab_stops = two.locator(".ss-choice__btn").evaluate_all("els => els.map(e => e.tabIndex)")
    assert tab_stops and all(t == -1 for t in tab_stops)
    # Tab goes on past the answered options: the next stop is outside this question.
    page.keyboard.press("Tab")
    assert (
        page.evaluate("document.activeElement.closest('.ss-question')?.id")
        != two.get_attribute("id")
        or page.evaluate("document.activeElement.tagName") == "A"
    )
    # Retry puts the options back in the tab order and shows Check again.
    page.locator(".ss-quiz__bar").get_by_role(
        "button", name="Reset my answers on this page"
    ).click()
    assert two.locator(".ss-check").is_visible()
    tab_stops = two.locator(".ss-choice__btn").evaluate_all("els => els.map(e => e.tabIndex)")
    assert all(t == 0 for t in tab_stops)


def test_practice_page_difficulty_sticky_score_and_filters(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_quiz(page, site_url + questions_page(built_site))
    questions = page.locator(".ss-question")
    total = questions.count()
    levels = questions.evaluate_all("els => els.map(e => e.getAttribute('data-ss-difficulty'))")
    shown = questions.locator(".ss-difficulty").all_text_contents()
    # Seen as the word; heard as "Difficulty: Easy." (the rest is for screen readers).
    assert shown == [f"Difficulty: {d.capitalize()}." for d in levels if d]
    assert len(shown) == total
    status = page.locator(".ss-quiz__progress")
    assert status.inner_text() == f"Answered 0 of {total}, 0 right"
    first = questions.nth(0)
    choice(first, wrong_indexes(first)[0]).locator("button").click()
    assert status.inner_text() == f"Answered 1 of {total}, 0 right"
    # The score stays in view while the learner scrolls down the page.
    questions.nth(total - 1).scroll_into_view_if_needed()
    box = status.bounding_box()
    assert box and 0 <= box["y"] < 200
    # Difficulty filter.
    level = next(d for d in ("easy", "medium", "hard") if d in levels)
    page.select_option("select[name=difficulty]", level)
    visible = page.locator(".ss-question:visible")
    # A case study shows whole when any of its questions matches.
    cases = questions.evaluate_all("els => els.map(e => e.dataset.ssCase || '')")
    matching = {c for c, d in zip(cases, levels, strict=True) if c and d == level}
    expected = sum(d == level or c in matching for c, d in zip(cases, levels, strict=True))
    assert visible.count() == expected
    alone = page.locator(".ss-question:visible:not([data-ss-case])")
    assert set(alone.evaluate_all("els => els.map(e => e.dataset.ssDifficulty)")) == {level}
    assert f"showing {expected}" in status.inner_text()
    page.select_option("select[name=difficulty]", "")
    # State filters: wrong, then not answered yet.
    page.select_option("select[name=state]", "wrong")
    assert page.locator(".ss-question:visible").count() == 1
    assert page.locator(".ss-question:visible").get_attribute("id") == first.get_attribute("id")
    page.select_option("select[name=state]", "unanswered")
    assert page.locator(".ss-question:visible").count() == total - 1
    page.select_option("select[name=state]", "")
    # Topic filter: every question shown lists the topic (a case study's, where one does).
    topic = page.locator("select[name=topic] option").nth(1).get_attribute("value")
    page.select_option("select[name=topic]", topic)
    shown_topics = page.locator(".ss-question:visible").evaluate_all(
        "els => els.map(e => [e.dataset.ssCase || '', e.dataset.ssTopics.split(' ')])"
    )
    listing = {c for c, t in shown_topics if c and topic in t}
    assert shown_topics and all(topic in t or c in listing for c, t in shown_topics)
    assert len(shown_topics) < total


# Layout shifts of what is on screen while the page loads and its widgets mount (Chromium's
# Layout Instability API, what Lighthouse's CLS adds up); recorded from the first paint.
SHIFTS = """new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) (window.__shifts ||= []).push(e.value);
}).observe({type: "layout-shift", buffered: true});"""


@pytest.mark.parametrize("width", [1280, 375])
def test_practice_page_does_not_move_when_its_quiz_mounts(
    browser: Any, site_url: str, built_site: Path, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    try:
        page = context.new_page()
        page.add_init_script(SHIFTS)
        open_quiz(page, site_url + questions_page(built_site))
        page.locator(".ss-quiz__progress").filter(has_text="Answered 0 of").wait_for()
        page.wait_for_timeout(300)  # two frames and more, for late shifts to be reported
        shifts = page.evaluate("window.__shifts || []")
        # The score line and filters are in the page from the start: the questions stay put.
        assert sum(shifts) < 0.01, shifts
    finally:
        context.close()


def test_practice_revised_shows_the_questions_edited_since_they_were_answered(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_quiz(page, site_url + questions_page(built_site))
    question = page.locator(".ss-question").nth(2)
    qid = question.get_attribute("data-ss-question")
    old = {"picked": [0], "correct": True, "at": 1718000000000}
    page.evaluate(
        "([key, id, rec]) => { const d = {version: 2, exam: key.split(':').pop(), answers: {},"
        " attempts: []}; d.answers[id + ':0123456789ab'] = rec;"
        " localStorage.setItem(key, JSON.stringify(d)); }",
        [V2_KEY, qid, old],
    )
    open_quiz(page, site_url + questions_page(built_site) + "#practice-revised")
    banner = page.locator(".ss-quiz__practice")
    assert banner.inner_text().startswith(
        "Practising revised questions: the 1 question on this page revised since you answered them."
    )
    visible = page.locator(".ss-question:visible")
    assert visible.count() == 1 and visible.get_attribute("data-ss-question") == qid
    assert page.locator("select[name=state] option[value=revised]").count() == 1


def test_reload_keeps_progress(page: Any, site_url: str, built_site: Path) -> None:
    open_quiz(page, site_url + quiz_pages(built_site)[0])
    question = single(page)
    wrong = wrong_indexes(question)[0]
    choice(question, wrong).locator("button").click()
    order = shown_order(question)
    verdict = question.locator(".ss-result__verdict").inner_text()
    before = score(page)
    data = stored(page)
    assert data["version"] == 4
    (key, record), *_ = data["answers"].items()
    assert (
        key
        == f"{question.get_attribute('data-ss-question')}:{question.get_attribute('data-ss-hash')}"
    )
    assert record["value"] == [int(wrong)] and record["correct"] is False
    assert record["shown"] == [int(i) for i in order]
    page.reload()
    page.wait_for_selector(".ss-quiz--live")
    question = single(page)
    assert question.locator(".ss-result__verdict").inner_text() == verdict
    assert shown_order(question) == order
    assert choice(question, wrong).locator(".ss-choice__mark").inner_text().endswith("wrong.")
    assert score(page) == before


def test_answers_show_on_every_page_with_the_question(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_quiz(page, site_url + quiz_pages(built_site)[0])
    question = single(page)
    anchor = question.get_attribute("id")
    choice(question, correct_indexes(question)[0]).locator("button").click()
    open_quiz(page, site_url + questions_page(built_site))
    same = page.locator(f"#{anchor}")
    assert same.locator(".ss-result__verdict").inner_text() == "\u2713 Correct."


def test_corrupt_storage_recovers(page: Any, site_url: str, built_site: Path) -> None:
    url = site_url + quiz_pages(built_site)[0]
    open_quiz(page, url)
    # Version 2's one key, unreadable: set aside when the store merges it in.
    page.evaluate(f"localStorage.setItem('{V2_KEY}', '{{\"version\": 1, \"answers\": [oops')")
    page.reload()
    page.wait_for_selector(".ss-quiz--live")
    assert "could not be read" in page.locator(".ss-quiz__notice").inner_text()
    question = single(page)
    choice(question, correct_indexes(question)[0]).locator("button").click()
    assert live_text(page) == "Correct"
    data = stored(page)
    assert len(data["answers"]) == 1
    # The unreadable text is kept aside as a backup, not thrown away.
    kept = json.loads(page.evaluate(f"localStorage.getItem('{BACKUPS_KEY}')"))
    assert [b["text"][-5:] for b in kept] == ["[oops"]
    page.reload()
    page.wait_for_selector(".ss-quiz--live")
    assert single(page).locator(".ss-result__verdict").inner_text() == "\u2713 Correct."
    assert page.locator(".ss-quiz__notice").is_hidden()


def test_stored_answers_of_the_wrong_shape_are_ignored(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_quiz(page, site_url + quiz_pages(built_site)[0])
    question = single(page)
    key = f"{question.get_attribute('data-ss-question')}:{question.get_attribute('data-ss-hash')}"
    bad = {"version": 1, "answers": {key: {"picked": ["x"], "correct": "yes", "at": 1}}}
    page.evaluate(f"localStorage.setItem('{V2_KEY}', {json.dumps(json.dumps(bad))})")
    page.reload()
    page.wait_for_selector(".ss-quiz--live")
    assert single(page).locator(".ss-result").is_hidden()
    choice(single(page), correct_indexes(single(page))[0]).locator("button").click()
    assert live_text(page) == "Correct"


# Errors are built with new Error (not DOMException) so that they carry a stack.
FAIL = (
    "function (name) { return function () { var e = new Error(name); e.name = name; throw e; }; }"
)
THROWING = {
    "methods throw": f"""(() => {{ const fail = {FAIL};
        Storage.prototype.getItem = fail('SecurityError');
        Storage.prototype.setItem = fail('SecurityError'); }})();""",
    "no localStorage at all": f"""(() => {{ const fail = {FAIL};
        Object.defineProperty(window, 'localStorage', {{ get: fail('SecurityError') }}); }})();""",
    "quota exceeded": f"""(() => {{ const fail = {FAIL};
        Storage.prototype.setItem = fail('QuotaExceededError'); }})();""",
}


@pytest.mark.parametrize("how", list(THROWING))
def test_storage_that_throws_still_lets_you_answer(
    browser: Any, site_url: str, built_site: Path, how: str
) -> None:
    context = browser.new_context()
    try:
        context.add_init_script(THROWING[how])
        page = context.new_page()
        errors: list[str] = []
        # Material's own scripts fail without storage; ours must not.
        page.on("pageerror", lambda error: errors.append(str(error.stack)))
        open_quiz(page, site_url + quiz_pages(built_site)[0])
        question = single(page)
        choice(question, correct_indexes(question)[0]).locator("button").click()
        assert live_text(page) == "Correct"
        assert score_right(score(page))[0] == 1
        notice = page.locator(".ss-quiz__notice").inner_text()
        assert notice.startswith("Progress will not be kept")
        if how == "quota exceeded":
            assert "full" in notice
        assert [e for e in errors if "/assets/studysite" in e] == []
    finally:
        context.close()


def test_instant_navigation_then_answering(page: Any, site_url: str, built_site: Path) -> None:
    first, second = quiz_pages(built_site)[:2]
    same_site_sitemap(page, site_url)
    open_quiz(page, site_url + first)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    title = page.locator(".ss-question__stem").first.inner_text()
    # Follow the navigation link to the second topic: Material swaps the page in place.
    page.locator(f'.md-nav a[href$="{second.split("/")[-2]}/"]').first.click()
    page.wait_for_url("**/" + second)
    wait_until(
        page,
        "(t) => document.querySelector('.ss-quiz--live .ss-question__stem')"
        " && document.querySelector('.ss-question__stem').innerText !== t",
        title,
    )
    assert page.evaluate("window.__sameDocument") is True, "instant navigation expected"
    assert page.locator(".ss-quiz__bar").count() == 1
    question = single(page)
    choice(question, correct_indexes(question)[0]).locator("button").click()
    assert live_text(page) == "Correct"
    page.go_back()
    page.wait_for_url("**/" + first)
    page.wait_for_selector(".ss-quiz--live")
    # Every question of the page it came back to gets its choices (mounting runs in order).
    wait_until(
        page,
        "document.querySelectorAll('.ss-choices').length"
        " === document.querySelectorAll('.ss-question[data-ss-choose]').length",
    )
    question = single(page)
    choice(question, wrong_indexes(question)[0]).locator("button").click()
    # The live region is announced a tick after the click (its text is replaced, then set).
    said = wait_until(
        page,
        "() => { const s = document.querySelector('.ss-quiz [role=status]').textContent;"
        " return s.includes('Incorrect') && s; }",
    )
    assert str(said).replace("\u00a0", "").strip().startswith("Incorrect: the answer is")
    assert live_text(page).startswith("Incorrect: the answer is")
    assert len(stored(page)["answers"]) == 2


def focused(page: Any) -> dict[str, str]:
    return page.evaluate(  # type: ignore[no-any-return]
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {cls: e.className, text: e.innerText, outline: s.outlineStyle,
                question: (e.closest('.ss-question') || {}).id || ''}; }"""
    )


def tab_to(page: Any, predicate: str, limit: int = 300) -> dict[str, str]:
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = focused(page)
        if page.evaluate(f"(() => {{ const e = document.activeElement; return {predicate}; }})()"):
            return state
    raise AssertionError(f"never reached {predicate} with Tab")


def test_keyboard_only_answering(page: Any, site_url: str, built_site: Path) -> None:
    open_quiz(page, site_url + questions_page(built_site))
    state = tab_to(page, "e.classList.contains('ss-choice__btn')")
    assert state["outline"] != "none", "focus must be visible"
    question = page.locator(f"#{state['question']}")
    page.keyboard.press("Enter")
    assert question.locator(".ss-result").is_visible()
    assert re.fullmatch(r"Correct|Incorrect: the answer is [A-Z]", live_text(page))
    # A choose-two question: Space toggles, then Tab to Check and press Enter.
    state = tab_to(
        page,
        "e.closest('.ss-question[data-ss-choose=\"2\"]') && e.classList.contains('ss-choice__btn')",
    )
    two = page.locator(f"#{state['question']}")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert two.get_by_role("button", name="Check").is_enabled()
    tab_to(page, "e.classList.contains('ss-check__btn')")
    page.keyboard.press("Enter")
    assert two.locator(".ss-result").is_visible()
    # Retry from the keyboard puts focus back on the question to retry.
    if live_text(page) != "Correct":
        tab_to(page, "e.textContent === 'Retry the ones I got wrong'", limit=2000)
        page.keyboard.press("Enter")
        assert "ss-choice__btn" in focused(page)["cls"].split()


def test_javascript_disabled_shows_the_fallback(
    browser: Any, site_url: str, built_site: Path
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + quiz_pages(built_site)[0])
        question = page.locator(".ss-question").first
        assert page.locator(".ss-choices").count() == 0
        assert question.locator(".ss-options li").first.is_visible()
        assert question.locator(".ss-answer__key").is_hidden()
        question.locator("details.ss-answer summary").click()
        key = question.locator(".ss-answer__key").inner_text()
        assert re.fullmatch(r"Answer: [A-Z](, [A-Z])*", key)
        assert question.locator("[data-ss-explains]").first.is_visible()
        # A long quiz's score line and filters need scripts: they are not shown without.
        page.goto(site_url + questions_page(built_site))
        assert page.locator(".ss-quiz__status").count() == 1
        assert page.locator(".ss-quiz__status").is_hidden()
    finally:
        context.close()


def test_static_answers_show_when_the_quiz_cannot_run(
    browser: Any, site_url: str, built_site: Path
) -> None:
    """With scripts on, the stylesheet hides the static answers until the quiz mounts; they
    show again if the widget bundle does not run, or if a quiz fails to mount."""
    context = browser.new_context()
    try:
        page = context.new_page()
        url = site_url + quiz_pages(built_site)[0]
        page.route("**/studysite.min.js", lambda route: route.abort())
        page.goto(url, wait_until="load")
        question = page.locator(".ss-question").first
        assert page.locator(".ss-choices").count() == 0
        assert "ss-js" not in (page.locator("html").get_attribute("class") or "").split()
        question.locator("details.ss-answer summary").click()
        assert question.locator(".ss-answer__key").is_visible()
        page.unroute("**/studysite.min.js")

        # A quiz whose markup its script cannot read (no option list in its first question):
        # that quiz keeps its static answers; another quiz on the site still mounts.
        def broken(route: Any) -> None:
            body = route.fetch().text()
            body = re.sub(r'<ol class="ss-options".*?</ol>', "", body, count=1, flags=re.S)
            route.fulfill(body=body, content_type="text/html")

        page.route(url, broken)
        page.goto(url, wait_until="load")
        quiz = page.locator(".ss-quiz").first
        quiz.and_(page.locator("[data-ss-failed]")).wait_for()
        assert "ss-js" in (page.locator("html").get_attribute("class") or "").split()
        second = quiz.locator(".ss-question").nth(1)
        assert second.locator("details.ss-answer summary").is_visible()
        page.unroute(url)
        open_quiz(page, site_url + quiz_pages(built_site)[1])
        assert page.locator("[data-ss-failed]").count() == 0
        # Mounted, the quiz shows its buttons and no static answers.
        assert page.locator("details.ss-answer").first.is_hidden()
    finally:
        context.close()


def test_a_long_quiz_renders_its_first_ten_questions_then_the_rest(
    browser: Any, site_url: str, built_site: Path
) -> None:
    """The first ten questions are rendered as the page loads; the rest are laid out a few
    per frame once it has loaded (offscreen.js), and then none is skipped."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.add_init_script(
            "addEventListener('ss:laid-out', (e) => { window.__laidOut = e.detail.blocks }, true)"
        )
        page.goto(site_url + questions_page(built_site), wait_until="domcontentloaded")
        rendered = """els => els.map(e => e.querySelector('.ss-question__stem')
            .checkVisibility({contentVisibilityAuto: true}))"""
        questions = page.locator(".ss-question")
        early = questions.evaluate_all(rendered)
        assert len(early) > 12
        assert all(early[:10]), early
        wait_until(page, "window.__laidOut !== undefined", timeout=60_000)
        # A case study is laid out as one block with its questions.
        blocks = page.locator(".ss-question:not([data-ss-case]), .ss-case").count()
        assert page.evaluate("window.__laidOut") >= blocks - 10
        assert all(questions.evaluate_all(rendered))
    finally:
        context.close()


@pytest.fixture(scope="module")
def long_practice_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A synthetic bank of one domain and 450 questions, built and served: its practice page
    defers 440 questions, past the 400 blocks that offscreen.js lays out itself."""
    from tests.support.project import copy_project, mkdocs_build, serve
    from tests.support.synthetic import generate

    base = tmp_path_factory.mktemp("long-practice")
    generate(base / "data", 450, per_topic=50, topics_per_domain=9)
    project = base / "project"
    project.mkdir()
    copy_project(project, base / "data")
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    for url in serve(base / "site"):
        yield url + "domain-1/questions/"


# Resolves after n animation frames: offscreen.js lays out at least one block in each.
_FRAMES = """(n) => new Promise((done) => {
  const tick = () => (--n > 0 ? requestAnimationFrame(tick) : done());
  requestAnimationFrame(tick);
})"""


def test_a_longer_page_leaves_its_far_blocks_to_the_browser(
    browser: Any, long_practice_url: str
) -> None:
    """Past 400 deferred blocks, nothing lays them all out after the load: each frame of
    that pass walked every block laid out before it, so a 1,000-question page spent a minute
    of busy main thread on it. The browser lays out a block as it nears the screen, and a far
    question is answered as a near one is."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = context.new_page()
        page.goto(long_practice_url, wait_until="load")
        page.wait_for_selector(".ss-quiz--live")
        page.evaluate(_FRAMES, 30)
        assert page.locator(".ss-laid-out").count() == 0
        rendered = """els => els.map(e => e.querySelector('.ss-question__stem')
            .checkVisibility({contentVisibilityAuto: true}))"""
        questions = page.locator(".ss-question")
        shown = questions.evaluate_all(rendered)
        assert len(shown) == 450
        assert all(shown[:10]) and not any(shown[-20:]), shown
        far = page.locator('.ss-question[data-ss-choose="1"]').nth(400)
        far.scroll_into_view_if_needed()
        page.evaluate(_FRAMES, 2)  # the browser lays it out in the next frame
        assert far.evaluate(
            "e => e.querySelector('.ss-question__stem')"
            ".checkVisibility({contentVisibilityAuto: true})"
        )
        choice(far, correct_indexes(far)[0]).locator("button").click()
        assert far.locator(".ss-result__verdict").inner_text() == "\u2713 Correct."
    finally:
        context.close()


SEEDED = """(() => { let s = 7; Math.random = () => { s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646; }; })();"""


def test_options_are_shuffled_and_letters_follow(
    browser: Any, site_url: str, built_site: Path
) -> None:
    context = browser.new_context()
    try:
        context.add_init_script(SEEDED)
        page = context.new_page()
        open_quiz(page, site_url + questions_page(built_site))
        orders = shown_orders(page)
        assert any(o != "".join(sorted(o)) for o in orders), "no question was shuffled"
        question = page.locator(".ss-question").nth(
            next(i for i, o in enumerate(orders) if o != "".join(sorted(o)))
        )
        letters = question.locator(".ss-choice__letter").all_inner_texts()
        assert letters == [chr(65 + i) for i in range(len(letters))]
        wrong = wrong_indexes(question)[0]
        choice(question, wrong).locator("button").click()
        # The explanation sits with its option, whatever its new letter.
        for index in correct_indexes(question) + wrong_indexes(question):
            why = question.locator(f'[data-ss-explains="{index}"] .ss-answer__text').text_content()
            assert why and why.strip() in choice(question, index).inner_text()
        # Retrying draws a new order.
        page.get_by_role("button", name="Retry the ones I got wrong").click()
        assert question.locator(".ss-choice__letter").all_inner_texts() == letters
    finally:
        context.close()


def test_shuffle_opt_out_keeps_authored_order(
    browser: Any, site_url: str, built_site: Path
) -> None:
    context = browser.new_context()
    try:
        context.add_init_script(SEEDED)
        page = context.new_page()
        url = site_url + questions_page(built_site)

        def opt_out(route: Any) -> None:
            body = route.fetch().text().replace('data-ss-shuffle="true"', 'data-ss-shuffle="false"')
            route.fulfill(body=body, content_type="text/html")

        page.route(url, opt_out)
        open_quiz(page, url)
        orders = shown_orders(page)
        assert all(o == "".join(sorted(o)) for o in orders)
    finally:
        context.close()


def test_print_shows_the_static_questions(page: Any, site_url: str, built_site: Path) -> None:
    open_quiz(page, site_url + quiz_pages(built_site)[0])
    question = single(page)
    choice(question, wrong_indexes(question)[0]).locator("button").click()
    page.emulate_media(media="print")
    assert question.locator(".ss-choices").is_hidden()
    assert question.locator(".ss-result").is_hidden()
    assert question.locator(".ss-options li").first.is_visible()
    page.emulate_media(media="screen")
    assert question.locator(".ss-options").is_hidden()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violations(
    browser: Any, site_url: str, built_site: Path, scheme: str
) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        palette = {"index": 1 if scheme == "default" else 2, "color": {"scheme": scheme}}
        page.goto(site_url)
        page.evaluate(f"localStorage.setItem('/.__palette', '{json.dumps(palette)}')")
        open_quiz(page, site_url + questions_page(built_site))
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
        assert serious_violations(page) == []
        # After answering: one right, one wrong, one choose-two in progress.
        questions = page.locator('.ss-question[data-ss-choose="1"]')
        choice(questions.nth(0), correct_indexes(questions.nth(0))[0]).locator("button").click()
        choice(questions.nth(1), wrong_indexes(questions.nth(1))[0]).locator("button").click()
        two = page.locator('.ss-question[data-ss-choose="2"]').first
        choice(two, correct_indexes(two)[0]).locator("button").click()
        assert serious_violations(page) == []
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_screenshots_phone(browser: Any, site_url: str, built_site: Path, scheme: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 900}, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(site_url)
        palette = {"index": 1 if scheme == "default" else 2, "color": {"scheme": scheme}}
        page.evaluate(f"localStorage.setItem('/.__palette', '{json.dumps(palette)}')")
        open_quiz(page, site_url + questions_page(built_site))
        one = page.locator('.ss-question[data-ss-choose="1"]').first
        two = page.locator('.ss-question[data-ss-choose="2"]').first
        one.screenshot(path=screenshot_path(f"quiz-{scheme}-375-before.png"))
        choice(one, wrong_indexes(one)[0]).locator("button").click()
        one.screenshot(path=screenshot_path(f"quiz-{scheme}-375-after.png"))
        choice(two, correct_indexes(two)[0]).locator("button").click()
        choice(two, wrong_indexes(two)[0]).locator("button").click()
        two.screenshot(path=screenshot_path(f"quiz-{scheme}-375-two-picked.png"))
        two.get_by_role("button", name="Check").click()
        two.screenshot(path=screenshot_path(f"quiz-{scheme}-375-two-checked.png"))
        page.locator(".ss-quiz__bar").screenshot(path=screenshot_path(f"quiz-{scheme}-375-bar.png"))
        # Nothing sticks out sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
    finally:
        context.close()
