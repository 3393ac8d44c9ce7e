"""Pages holding every question type, in Chromium: the core quiz and the types' widgets.

The core quiz answers multiple choice and true/false (a case study's included); ordering,
matching, numeric and short answer are their modules' (generator/assets/js/<type>/),
answered by keyboard, right and wrong, with feedback per part, announced, kept and restored
on reload; the practice exam answers every type and keeps a case study together; axe-core
finds nothing serious on a page with every type. Print shows the static forms, and the
answers only in the key at the end. Screenshots of each type (375 px, light and dark, and
print) go to the tests' screenshot folder.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.browsing import serious_violations
from tests.support.project import FIXTURES, copy_project, mkdocs_build, screenshot_path, serve

# The mini fixture's questions of each type (data/domain-2).
QUESTIONS = {
    "ordering": "q-order-backup",
    "matching": "q-match-cables",
    "numeric": "q-num-speed",
    "short-answer": "q-short-plug",
}


@pytest.fixture(scope="module")
def mini_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("project"), FIXTURES / "mini")
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    yield from serve(out)


def open_page(page: Any, url: str) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector(".ss-quiz--live")
    # The types' modules are deferred scripts: every widget of the page is live.
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-ss-type]:not([data-ss-type=true-false])')]"
        ".every((q) => q.classList.contains('ss-question--live'))"
    )
    return errors


def question(page: Any, qid: str) -> Any:
    return page.locator(f'[data-ss-question="{qid}"]')


def press(page: Any, locator: Any, key: str = "Enter") -> None:
    """Keyboard only: focus, then a key."""
    locator.focus()
    page.keyboard.press(key)


def said(page: Any) -> str:
    """What the quiz's live region says."""
    return str(page.locator(".ss-quiz .ss-sr").inner_text()).strip()


def verdict(section: Any) -> str:
    return str(section.locator(".ss-result__verdict").inner_text())


def test_choice_and_true_false_mount_and_the_other_types_go_live(page: Any, mini_url: str) -> None:
    errors = open_page(page, mini_url + "domain-2/questions/")
    assert errors == []
    # True/false and the case study's multiple-choice question are the core quiz's.
    for qid in ("q-tf-ssd", "case-desk-cable"):
        assert page.locator(f'[data-ss-question="{qid}"] button.ss-choice__btn').count() == 2
    tf = page.locator('[data-ss-question="q-tf-ssd"]')
    tf.get_by_role("button", name="False").click()
    assert "Correct" in tf.locator(".ss-result").inner_text()
    # The others are their widgets': the static form and the answer hide on screen.
    for qid in QUESTIONS.values():
        section = page.locator(f'[data-ss-question="{qid}"]')
        page.wait_for_selector(f'[data-ss-question="{qid}"].ss-question--live')
        assert "ss-question--live" in (section.get_attribute("class") or ""), qid
        assert not section.locator("details.ss-answer").is_visible(), qid
        assert not section.locator(".ss-items, .ss-match, .ss-typed").first.is_visible(), qid
    # The case study's scenario is shown once, before its first question.
    assert page.locator(".ss-case__scenario").count() == 1
    scenario = page.locator(".ss-case__scenario").bounding_box()
    first = page.locator('[data-ss-question="case-desk-cable"]').bounding_box()
    assert scenario is not None and first is not None and scenario["y"] < first["y"]


def test_print_shows_static_forms_and_keys_only_in_the_answer_key(page: Any, mini_url: str) -> None:
    open_page(page, mini_url + "domain-2/cables/")
    page.emulate_media(media="print")
    text = page.locator("article").inner_text()
    key_at = text.index("Answer key")
    before, key = text[:key_at], text[key_at:]
    assert "Case study: A new desk" in before
    assert "Pick the HDMI input on the monitor" in before  # an item of the ordering
    assert "Mains power" in before  # an answer offered by the matching question
    assert "That is the plug's formal name." not in before
    assert "Question 1: 1 B, 2 B and 3 A" in key
    assert "Question 3: RJ45 or 8P8C" in key


def put_in_order(page: Any, section: Any, letters: list[str]) -> None:
    """Move the items by keyboard until they read ``letters`` from the top."""
    for place, letter in enumerate(letters):
        while True:
            shown = section.locator(".ss-order__letter").all_inner_texts()
            if shown.index(letter) == place:
                break
            press(page, section.get_by_role("button", name=f"Move {letter} up"))


def test_each_type_answered_by_keyboard_kept_and_restored(page: Any, mini_url: str) -> None:
    errors = open_page(page, mini_url + "domain-2/questions/")
    # Ordering, right: the right order is the authored one (data-ss-item 0, 1, 2).
    order = question(page, QUESTIONS["ordering"])
    letters = order.locator(".ss-item").evaluate_all(
        "items => items.map((li, k) => [Number(li.dataset.ssItem), String.fromCharCode(65 + k)])"
        ".sort((a, b) => a[0] - b[0]).map((p) => p[1])"
    )
    moves = order.locator(".ss-order__move:enabled").first
    press(page, moves)
    assert re.fullmatch(r"[A-C] moved to place \d of 3\.\s?", said(page))
    put_in_order(page, order, letters)
    # Focus stays on a move button of the item moved (keyboard users keep their place).
    assert page.evaluate("document.activeElement.className").startswith("md-button ss-order__move")
    press(page, order.get_by_role("button", name="Check"))
    assert verdict(order) == "\u2713 Correct."
    assert said(page).startswith("Correct")
    assert order.locator(".ss-part--right").count() == 3
    assert "Nothing can be copied before it is found." in order.locator(".ss-result").inner_text()
    assert order.locator(".ss-order__move:enabled").count() == 0

    # Matching, wrong: checking with prompts left says so first; then one pair wrong.
    match = question(page, QUESTIONS["matching"])
    press(page, match.get_by_role("button", name="Check"))
    assert said(page).startswith("Match every prompt first: 0 of 3 matched.")
    selects = match.locator("select")
    for i, answer in enumerate(["0", "1", "1"]):  # right: 0, 0, 1
        selects.nth(i).focus()
        selects.nth(i).select_option(answer)
    press(page, match.get_by_role("button", name="Check"))
    assert verdict(match) == "\u2717 Incorrect: 2 of 3 right."
    wrong = match.locator(".ss-part--wrong")
    assert wrong.count() == 1
    assert "DisplayPort \u2192 A. Network traffic (the answer is B. Video)" in wrong.inner_text()
    assert "Answer: 1 B, 2 B and 3 A" in match.locator(".ss-result").inner_text()

    # Numeric: Arabic-Indic digits are wrong here (24), then a decimal comma is right.
    number = question(page, QUESTIONS["numeric"])
    box = number.get_by_role("textbox", name="Your answer, in thousand rpm")
    box.focus()
    page.keyboard.type("x")
    page.keyboard.press("Enter")
    assert number.locator(".ss-check__hint").inner_text() == "x is not a number."
    box.fill("\u0662\u0664")
    page.keyboard.press("Enter")
    assert verdict(number) == "\u2717 Incorrect."

    # Short answer, right: full-width letters, spaces and case do not matter.
    short = question(page, QUESTIONS["short-answer"])
    short.get_by_role("textbox", name="Your answer").focus()
    page.keyboard.type("  \uff18p\uff18C ")
    page.keyboard.press("Enter")
    assert verdict(short) == "\u2713 Correct."
    assert "That is the plug's formal name." in short.locator(".ss-result").inner_text()
    assert (
        page.locator(".ss-case__tally").inner_text() == "This case study: 0 of 3 answered, 0 right"
    )

    # Show the answer opens the key, before any check (a fresh question: the case's).
    socket = question(page, "case-desk-socket")
    show = socket.get_by_role("button", name="Show the answer")
    press(page, show)
    assert show.get_attribute("aria-expanded") == "true"
    assert socket.locator("details.ss-answer").is_visible()
    assert page.locator(".ss-quiz__score").inner_text().startswith("2 of 9 right")
    assert errors == []

    # Reload: every answer restored, with its feedback; the score counts them.
    page.reload()
    open_page(page, mini_url + "domain-2/questions/")
    assert page.locator(".ss-quiz__score").inner_text() == "2 of 9 right (5 not answered yet)"
    assert (
        question(page, QUESTIONS["ordering"]).locator(".ss-order__letter").all_inner_texts()
        == letters
    )
    assert [
        s.input_value() for s in question(page, QUESTIONS["matching"]).locator("select").all()
    ] == ["0", "1", "1"]
    assert question(page, QUESTIONS["numeric"]).locator("input").input_value() == "24"
    assert (
        question(page, QUESTIONS["short-answer"]).locator("input").input_value()
        == "  \uff18p\uff18C "
    )
    assert verdict(question(page, QUESTIONS["matching"])) == "\u2717 Incorrect: 2 of 3 right."

    # Retry: the wrong ones open again, empty; the right ones stay.
    page.get_by_role("button", name="Retry the ones I got wrong").click()
    match = question(page, QUESTIONS["matching"])
    assert [s.input_value() for s in match.locator("select").all()] == ["", "", ""]
    assert match.locator(".ss-result").is_hidden()
    assert question(page, QUESTIONS["numeric"]).locator("input").input_value() == ""
    assert verdict(question(page, QUESTIONS["ordering"])) == "\u2713 Correct."

    # The Progress page counts the typed answers.
    page.goto(mini_url + "progress/")
    page.wait_for_selector("[data-ss-progress][data-ss-ready]")
    progress = page.locator("[data-ss-progress]").inner_text()
    assert "You have answered 4 of 12 questions: 2 right, 2 to review." in progress, progress


def test_a_phone_both_palettes_and_print_screenshots(browser: Any, mini_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, reduced_motion="reduce")
    try:
        page = context.new_page()
        open_page(page, mini_url + "domain-2/questions/")
        number = question(page, QUESTIONS["numeric"])
        number.locator("input").fill("7,2")
        number.get_by_role("button", name="Check").click()
        for scheme in ("default", "slate"):
            page.evaluate(
                "p => __md_set('__palette', p)",
                {"index": 1 if scheme == "default" else 2, "color": {"scheme": scheme}},
            )
            page.reload()
            open_page(page, mini_url + "domain-2/questions/")
            for name, qid in [*QUESTIONS.items(), ("case-study", "case-desk-order")]:
                section = question(page, qid)
                box = section.bounding_box()
                assert box is not None and box["width"] <= 375, name
                # Nothing wider than the phone: no sideways scrolling.
                assert page.evaluate("document.documentElement.scrollWidth") <= 375
                target = page.locator(".ss-case") if name == "case-study" else section
                target.screenshot(path=screenshot_path(f"type-{name}-375-{scheme}.png"))
        page.emulate_media(media="print")
        page.screenshot(path=screenshot_path("types-print.png"), full_page=True)
        assert page.locator(".ss-order").first.is_hidden()
        assert page.locator(".ss-items").first.is_visible()
    finally:
        context.close()


def test_no_serious_axe_violations_with_every_type(page: Any, mini_url: str) -> None:
    open_page(page, mini_url + "domain-2/questions/")
    order = question(page, QUESTIONS["ordering"])
    order.get_by_role("button", name="Check").click()
    question(page, QUESTIONS["matching"]).get_by_role("button", name="Show the answer").click()
    assert serious_violations(page, scope=None) == []


def attempt(page: Any) -> Any:
    return page.evaluate(
        "JSON.parse(localStorage.getItem(Object.keys(localStorage).find((k) => k.endsWith(':draft:exam'))))"
    )


def test_practice_exam_answers_every_type_and_keeps_a_case_study_together(
    page: Any, mini_url: str
) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(mini_url + "exam/")
    page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")
    page.locator('input[name=domain][value="1"]').uncheck()
    page.locator("input[name=count]").fill("9")
    page.get_by_role("button", name="Start the custom practice").click()
    page.wait_for_selector("[data-ss-question]")
    slots = [s["q"] for s in attempt(page)["slots"]]
    parts = ["case-desk-cable", "case-desk-order", "case-desk-socket"]
    at = slots.index(parts[0])
    assert slots[at : at + 3] == parts, slots
    cells = page.locator(".ss-exam__cell")
    for i, qid in enumerate(slots):
        cells.nth(i).click()
        body = page.locator(".ss-exam__question")
        if qid in parts:
            # The scenario comes with each part.
            assert (
                f"Case study: A new desk, question {parts.index(qid) + 1} of 3" in body.inner_text()
            )
            assert body.locator("table").count() == 1
        if qid in ("q-order-backup", "case-desk-order"):
            letters = body.locator(".ss-order__letter").all_inner_texts()
            press(page, body.locator(".ss-order__move:enabled").first)
            assert body.locator(".ss-order__letter").all_inner_texts() != letters
        elif qid == "q-match-cables":
            body.locator("select").first.select_option("0")
            label = cells.nth(i).get_attribute("aria-label")
            assert label == f"Question {i + 1}: partly answered (1 of 3 matched)"
        elif qid == "q-num-pins":
            body.locator("input").fill("\uff12\uff14")  # full-width 24: right
        elif qid == "q-short-plug":
            body.locator("input").fill("rj45")
        elif qid == "case-desk-socket":
            body.locator("input").fill("usb")
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("button", name="Submit now").click()
    page.wait_for_selector(".ss-exam__score")
    result = page.locator(".ss-exam__view")
    items = {slots[i]: result.locator(".ss-exam__answer").nth(i) for i in range(len(slots))}
    assert "\u2713 Right" in items["q-num-pins"].inner_text()
    assert "\u2713 Right" in items["q-short-plug"].inner_text()
    socket = items["case-desk-socket"].inner_text()
    assert "\u2717 Wrong" in socket and "Case study: A new desk, question 3 of 3" in socket
    assert "The answer:\n\nRJ45" in socket
    # All or nothing: one pair of three is not a right answer; the parts say which.
    matching = items["q-match-cables"]
    assert "\u2717 Wrong" in matching.inner_text()
    assert matching.locator(".ss-part--right").count() == 1
    assert "Domain 2: Advanced things" in result.locator("table").first.inner_text()
    # The answers reach the learner's progress with their typed values.
    kept = page.evaluate("Object.values(StudySite.store.load().answers).map((r) => r.type).sort()")
    assert {"number", "text", "pairs", "order"} <= set(kept)
    page.screenshot(path=screenshot_path("types-exam-result.png"), full_page=True)
    assert errors == []
