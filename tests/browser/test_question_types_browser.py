"""Pages holding every question type, in Chromium: the core quiz and the types' widgets.

The core quiz answers multiple choice and true/false (a case study's included); ordering,
matching, numeric and short answer are their modules' (generator/assets/js/<type>/),
answered by keyboard, right and wrong, with feedback per part, announced, kept and restored
on reload; the practice exam answers every type and keeps a case study together (its full
mock exam draws the case study whole, as 3 questions of domain 2's share, and scores each part
all or nothing); axe-core finds nothing serious on a page with every type. A typed number
follows the page's language (a German page reads a decimal comma and groups with points; any
page reads Arabic-Indic and full-width digits). The Progress page exports every type's answers
and imports them into another browser, refusing a damaged value of each type with its reason.
On a touch phone every type is answered by taps, its controls big enough for a finger, with
the names, announcements and focus a screen reader needs. Print shows the static forms, and
the answers only in the key at the end. Screenshots of each type (375 px, light and dark, and
print) go to the tests' screenshot folder.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import serious_violations, wait_until
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
    """The mini site, its domains weighted 30 / 70 (the fixture's are 60 / 40).

    So its full mock exam is the whole blueprint (10 questions: domain 1's 3 and 7 of domain
    2's 9) and domain 2's share is large enough to draw its case study whole: with the
    fixture's weights the mock exam draws 2 questions of domain 2, never its case study. One
    build serves every test of this file.
    """
    project = copy_project(tmp_path_factory.mktemp("project"), FIXTURES / "mini")
    exam = project / "data" / "exam.yml"
    text = exam.read_text(encoding="utf-8")
    assert "    weight: 60\n" in text and "    weight: 40\n" in text
    text = text.replace("    weight: 60\n", "    weight: 30\n")
    exam.write_text(text.replace("    weight: 40\n", "    weight: 70\n"), encoding="utf-8")
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    yield from serve(out)


@pytest.fixture(scope="module")
def comma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini site in German (theme.language: de), a language that writes a decimal comma.

    No German catalog yet: the labels fall back to English, the page's language stays German,
    and a typed number follows the page's language.
    """
    project = copy_project(tmp_path_factory.mktemp("project-de"), FIXTURES / "mini")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  language: en\n" in text
    config.write_text(text.replace("  language: en\n", "  language: de\n"), encoding="utf-8")
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
    wait_until(
        page,
        "() => [...document.querySelectorAll('[data-ss-type]:not([data-ss-type=true-false])')]"
        ".every((q) => q.classList.contains('ss-question--live'))",
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


def test_the_mock_exam_draws_a_case_study_whole_and_scores_each_part(
    page: Any, mini_url: str
) -> None:
    """The full mock exam (not a custom practice) draws the case study whole, in a row."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(mini_url + "exam/?seed=5")
    page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")
    config = json.loads(
        page.locator("[data-ss-exam-page]").get_attribute("data-ss-exam-config") or "{}"
    )
    # The whole blueprint: no scaling note; domain 2's share holds the case study's 3.
    assert config["mock"]["domains"] == {"1": 3, "2": 7}
    assert config["mock"]["note"] == ""
    assert "10 questions in 30 minutes" in page.locator(".ss-exam__view").inner_text()
    page.get_by_role("button", name="Start the mock exam").click()
    page.wait_for_selector("[data-ss-question]")
    # Every domain drawn (the rest load in the background after the first question).
    wait_until(
        page,
        "() => { const k = Object.keys(localStorage).find((k) => k.endsWith(':draft:exam'));"
        " return k && JSON.parse(localStorage.getItem(k)).slots.every((s) => s.q); }",
    )
    slots = attempt(page)["slots"]
    ids = [s["q"] for s in slots]
    assert len(set(ids)) == 10, ids
    # The navigator counts the share: 10 places, 7 of domain 2, the case study's parts 3.
    cells = page.locator(".ss-exam__cell")
    assert cells.count() == 10
    assert page.locator(".ss-exam__bar h2").inner_text().endswith(" of 10")
    assert [s["d"] for s in slots].count(2) == 7
    parts = ["case-desk-cable", "case-desk-order", "case-desk-socket"]
    at = ids.index(parts[0])
    assert ids[at : at + 3] == parts, ids
    assert {s["d"] for s in slots[at : at + 3]} == {2}
    # Topped up with 4 single questions of domain 2.
    assert sum(s["d"] == 2 and s["q"] not in parts for s in slots) == 4
    for k, qid in enumerate(parts):
        cells.nth(at + k).click()
        body = page.locator(".ss-exam__question")
        body.locator(f'[data-ss-question="{qid}"]').wait_for()
        assert page.locator(".ss-exam__bar h2").inner_text() == f"Question {at + k + 1} of 10"
        shown = body.inner_text()
        # The shared scenario and its table come with each part.
        assert f"Case study: A new desk, question {k + 1} of 3" in shown
        assert "A team sets up a desk with a laptop, a monitor and a network socket." in shown
        assert body.locator("table").count() == 1
        assert "USB-C" in body.locator("table").inner_text()
        if qid == "case-desk-cable":
            body.locator("label", has_text="USB-C to HDMI").locator("input").check()
        elif qid == "case-desk-order":
            # Two items swapped, the last in its place: one part of three right, so wrong.
            texts = [
                "Plug the cable into the laptop",
                "Plug the cable into the monitor",
                "Pick the HDMI input on the monitor",
            ]
            # A move first: the order shown is only an answer once the learner moved an item.
            press(page, body.locator(".ss-order__move:enabled").first)
            for place, text in enumerate(texts):
                while True:
                    now = body.locator(".ss-order__text").all_inner_texts()
                    if now.index(text) == place:
                        break
                    item = body.locator(".ss-order__item", has_text=text)
                    press(page, item.locator(".ss-order__move").first)
            assert body.locator(".ss-order__text").all_inner_texts() == texts
        else:
            body.locator("input").fill("rj45")
        assert cells.nth(at + k).get_attribute("aria-label") == f"Question {at + k + 1}: answered"
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("button", name="Submit now").click()
    page.wait_for_selector(".ss-exam__score")
    result = page.locator(".ss-exam__view")
    # All or nothing per part: two parts right of the exam's 10 questions.
    assert result.locator(".ss-exam__score").inner_text().startswith("2 of 10 right (20%)")
    rows = result.locator(".ss-exam__table table").first.locator("tbody tr")
    by_domain = {
        row[0].split(":")[0]: (row[1], row[2])
        for row in (rows.nth(i).locator("th, td").all_inner_texts() for i in range(rows.count()))
    }
    assert by_domain == {"Domain 1": ("0", "3"), "Domain 2": ("2", "7")}
    # The result names each part, right or wrong; the ordering says which items were placed.
    answers = result.locator(".ss-exam__answer")
    for k, right in enumerate([True, False, True]):
        item = answers.nth(at + k)
        head = item.locator(".ss-exam__answer-head").inner_text()
        assert f"Case study: A new desk, question {k + 1} of 3" in head
        assert ("\u2713 Right" if right else "\u2717 Wrong") in head, head
    order = answers.nth(at + 1)
    assert order.locator(".ss-part--right").count() == 1
    assert order.locator(".ss-part--wrong").count() == 2
    assert errors == []


# A number typed as a language writes it, and what the numeric widget reads (NaN: no number).
# Arabic-Indic (U+0660..) and extended Arabic-Indic (U+06F0..) digits, the Arabic decimal and
# thousands signs (U+066B, U+066C), full-width digits and comma, the minus sign U+2212 and
# (narrow) no-break spaces as group separators are read in every language.
TYPED_NUMBERS = {
    "en": {
        "7.2": 7.2,
        "7,2": 7.2,  # a decimal comma is accepted when it cannot be a group separator
        "7,200": 7200,
        "1,234.5": 1234.5,
        "1.234,5": 1234.5,  # both signs: the last one is the decimal sign
        "\u0662\u0664": 24,
        "\u0667\u066b\u0662": 7.2,
        "\u06f7\u066b\u06f2": 7.2,
        "\u0661\u066c\u0662\u0663\u0664": 1234,
        "\uff17\uff0e\uff12": 7.2,
        "\u22127.2": -7.2,
        "7\u00a0200": 7200,
        "seven": None,
        "7..2": None,
    },
    "de": {
        "7,2": 7.2,
        "7,200": 7.2,  # German writes a decimal comma: not a group
        "7.200": 7200,  # and groups with points
        "1.234,5": 1234.5,
        "7.2": 7.2,  # a lone point that cannot be a group: a decimal point
        "\u0667\u066b\u0662": 7.2,
        "\uff17\uff0c\uff12": 7.2,  # full-width 7,2
        "\u22127,2": -7.2,
        "1\u202f234,5": 1234.5,  # a narrow no-break space groups
        "seven": None,
    },
}


@pytest.mark.parametrize("language", ["en", "de"])
def test_typed_numbers_follow_the_pages_language(
    page: Any, language: str, mini_url: str, comma_url: str
) -> None:
    url = comma_url if language == "de" else mini_url
    errors = open_page(page, url + "domain-2/questions/")
    assert page.evaluate("document.documentElement.lang") == language
    read = page.evaluate(
        "typed => typed.map((s) => { const x = StudySite.types.numeric.parse(s); "
        "return Number.isNaN(x) ? null : x; })",
        list(TYPED_NUMBERS[language]),
    )
    assert dict(zip(TYPED_NUMBERS[language], read, strict=True)) == TYPED_NUMBERS[language]
    assert errors == []


def test_a_decimal_comma_and_arabic_digits_answer_on_a_german_page(
    page: Any, comma_url: str
) -> None:
    errors = open_page(page, comma_url + "domain-2/questions/")
    number = question(page, QUESTIONS["numeric"])
    box = number.get_by_role("textbox", name="Your answer, in thousand rpm")
    box.focus()
    page.keyboard.type("7.200")  # seven thousand two hundred, as German groups it
    page.keyboard.press("Enter")
    assert verdict(number) == "\u2717 Incorrect."
    assert "Your answer: 7200 thousand rpm" in number.locator(".ss-result").inner_text()
    assert said(page).startswith("Incorrect")

    page.get_by_role("button", name="Retry the ones I got wrong").click()
    box = number.get_by_role("textbox", name="Your answer, in thousand rpm")
    box.focus()
    page.keyboard.type("\u0667\u066b\u0662")  # 7,2 in Arabic-Indic digits
    page.keyboard.press("Enter")
    assert verdict(number) == "\u2713 Correct."
    result = number.locator(".ss-result").inner_text()
    # The number is said back as the page's language writes it, with the entry's feedback.
    assert "Your answer: 7,2 thousand rpm" in result
    assert "Most desktop disks spin at 7,200 rpm." in result
    assert page.evaluate(
        "Object.values(StudySite.store.load().answers).find((r) => r.type == 'number').value"
    ) == pytest.approx(7.2)

    # Kept as a number: the reload writes it back in German, and it still reads as 7.2.
    page.reload()
    open_page(page, comma_url + "domain-2/questions/")
    number = question(page, QUESTIONS["numeric"])
    assert number.locator("input").input_value() == "7,2"
    assert verdict(number) == "\u2713 Correct."
    assert errors == []


def answers(page: Any) -> dict[str, Any]:
    """The answers the store holds, by id:hash."""
    return page.evaluate("StudySite.store.load().answers")  # type: ignore[no-any-return]


def open_progress(page: Any, url: str) -> None:
    page.goto(url + "progress/")
    page.wait_for_selector("[data-ss-progress][data-ss-ready]")


def import_file(page: Any, files: Any, start: str) -> str:
    """Import ``files`` on the Progress page; what it says once it starts with ``start``."""
    message = page.locator("[data-ss-progress-message]")
    message.evaluate("el => { el.textContent = '' }")
    page.locator("input[type=file][data-ss-action=import]").set_input_files(files)
    wait_until(
        page, "([el, start]) => el.textContent.includes(start)", [message.element_handle(), start]
    )
    return str(message.inner_text())


def test_the_progress_page_exports_and_imports_every_types_answers(
    browser: Any, page: Any, mini_url: str, tmp_path: Path
) -> None:
    errors = open_page(page, mini_url + "domain-2/questions/")
    order = question(page, QUESTIONS["ordering"])
    shown = order.locator(".ss-order__letter").all_inner_texts()
    order.get_by_role("button", name="Check").click()  # the fixed shuffle: never the right order
    match = question(page, QUESTIONS["matching"])
    for i, answer in enumerate(["1", "1", "0"]):  # right: 0, 0, 1
        match.locator("select").nth(i).select_option(answer)
    match.get_by_role("button", name="Check").click()
    question(page, QUESTIONS["numeric"]).locator("input").fill("7,2")
    question(page, QUESTIONS["numeric"]).get_by_role("button", name="Check").click()
    question(page, QUESTIONS["short-answer"]).locator("input").fill(" rj45 ")
    question(page, QUESTIONS["short-answer"]).get_by_role("button", name="Check").click()
    before = answers(page)
    by_type = {record["type"]: key for key, record in before.items()}
    assert sorted(by_type) == ["number", "order", "pairs", "text"]
    assert before[by_type["number"]]["value"] == pytest.approx(7.2)
    assert before[by_type["text"]]["value"] == " rj45 "
    assert before[by_type["pairs"]]["value"] == [1, 1, 0]

    open_progress(page, mini_url)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress to a file").click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["version"] == 4  # the review log's (issue 30)
    assert exported["answers"] == before
    assert errors == []

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        other_errors: list[str] = []
        other.on("pageerror", lambda error: other_errors.append(str(error)))
        open_progress(other, mini_url)
        said_ = import_file(other, saved, "Imported")
        assert said_ == f"Imported 4 answers from {saved.name}."
        assert answers(other) == {k: {**r, "imported": True} for k, r in before.items()}
        progress = other.locator("[data-ss-progress]").inner_text()
        assert "You have answered 4 of 12 questions: 2 right, 2 to review." in progress, progress

        # Each answer comes back on the page as it was given, with its verdict.
        open_page(other, mini_url + "domain-2/questions/")
        order = question(other, QUESTIONS["ordering"])
        assert order.locator(".ss-order__letter").all_inner_texts() == shown
        assert verdict(order).startswith("\u2717 Incorrect: ")
        match = question(other, QUESTIONS["matching"])
        assert [s.input_value() for s in match.locator("select").all()] == ["1", "1", "0"]
        assert verdict(match) == "\u2717 Incorrect: 0 of 3 right."
        number = question(other, QUESTIONS["numeric"])
        assert number.locator("input").input_value() == "7.2"
        assert verdict(number) == "\u2713 Correct."
        short = question(other, QUESTIONS["short-answer"])
        assert short.locator("input").input_value() == " rj45 "
        assert verdict(short) == "\u2713 Correct."

        # A damaged value of each type is refused with its reason; nothing changes.
        damaged = {
            "order": ([0, 0, 1], "its order is not the question's items"),
            "pairs": ([0, 0, 7], "its pairs are not the question's prompts and answers"),
            "number": ("7.2", "its number is not a finite number"),
            "text": ("x" * 1001, "its text is longer than 1,000 characters"),
        }
        open_progress(other, mini_url)
        kept = answers(other)
        for kind, (value, why) in damaged.items():
            key = by_type[kind]
            record = {key: {**before[key], "value": value}}
            # A file of that record only (the export also holds the review log's, issue 30).
            only = {k: exported[k] for k in ("version", "exam")}
            payload = json.dumps({**only, "answers": record}).encode()
            text = import_file(
                other,
                [{"name": f"{kind}.json", "mimeType": "application/json", "buffer": payload}],
                "Nothing was imported",
            )
            assert text == (
                f'This file holds only damaged records: "{key}" ({why}). '
                "Nothing was imported; your progress is unchanged."
            )
            assert answers(other) == kept
        assert other_errors == []
    finally:
        fresh.close()


def control_sizes(section: Any) -> list[tuple[str, float, float]]:
    """Each visible control of a question: its name, width and height in CSS pixels."""
    return section.evaluate(  # type: ignore[no-any-return]
        "sec => [...sec.querySelectorAll('button, select, input')].filter((e) => e.offsetParent)"
        ".map((e) => { const r = e.getBoundingClientRect(); return [e.getAttribute('aria-label') "
        "|| e.textContent.trim(), r.width, r.height]; })"
    )


def test_every_type_answered_by_touch_names_and_announcements(browser: Any, mini_url: str) -> None:
    """A phone with touch only, and what a screen reader gets: names, announcements, focus."""
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, has_touch=True, is_mobile=True
    )
    try:
        page = context.new_page()
        errors = open_page(page, mini_url + "domain-2/questions/")
        # Targets a finger finds: every control at least 24 px (WCAG 2.5.8), the controls that
        # give the answer (move buttons, selects, fields) 44 px.
        for qid in QUESTIONS.values():
            for name, width, height in control_sizes(question(page, qid)):
                assert width >= 24 and height >= 24, (qid, name, width, height)
        for selector in (".ss-order__move", "select.ss-field", "input.ss-field"):
            for box in page.locator(f".ss-question {selector}:visible").all():
                size = box.bounding_box()
                assert size is not None and size["height"] >= 44, (selector, size)
                if selector == ".ss-order__move":
                    assert size["width"] >= 44, size

        # Ordering by taps: each move is announced and the moved item keeps the focus.
        order = question(page, QUESTIONS["ordering"])
        right = order.locator(".ss-item").evaluate_all(
            "items => items.map((li, k) => [Number(li.dataset.ssItem), String.fromCharCode(65 + k)])"
            ".sort((a, b) => a[0] - b[0]).map((p) => p[1])"
        )
        for place, letter in enumerate(right):
            while order.locator(".ss-order__letter").all_inner_texts().index(letter) != place:
                order.get_by_role("button", name=f"Move {letter} up").tap()
                at = order.locator(".ss-order__letter").all_inner_texts().index(letter)
                assert said(page) == f"{letter} moved to place {at + 1} of 3."
                assert page.evaluate("document.activeElement.getAttribute('aria-label')") in (
                    f"Move {letter} up",
                    f"Move {letter} down",
                )
        order.get_by_role("button", name="Check").tap()
        assert said(page).startswith("Correct")
        # The verdict takes the focus; its mark is for the eye, the words for the reader.
        assert page.evaluate("document.activeElement.className") == "ss-result__verdict"
        heard = order.locator(".ss-result").aria_snapshot()
        assert "- paragraph: Correct." in heard and "\u2713" not in heard, heard

        # Matching: a select per prompt, named by its prompt; checking too early says so.
        match = question(page, QUESTIONS["matching"])
        match.get_by_role("button", name="Check").tap()
        assert said(page) == "Match every prompt first: 0 of 3 matched."
        for prompt, answer in (("1. HDMI", "B. Video"), ("2. DisplayPort", "B. Video")):
            match.get_by_role("combobox", name=prompt).select_option(label=answer)
        match.get_by_role("combobox", name="3. RJ45").select_option(label="C. Mains power")
        match.get_by_role("button", name="Check").tap()
        assert said(page).startswith("Incorrect: 2 of 3 right")
        assert page.evaluate("document.activeElement.className") == "ss-result__verdict"

        # Typed answers: the phone offers a decimal keypad for a number, and leaves the
        # letters of a short answer as typed (no capitals or corrections of its own).
        number = question(page, QUESTIONS["numeric"])
        field = number.get_by_role("textbox", name="Your answer, in thousand rpm")
        assert field.get_attribute("inputmode") == "decimal"
        field.tap()
        page.keyboard.type("5,5")
        number.get_by_role("button", name="Check").tap()
        assert said(page).startswith("Correct")
        assert "Quieter disks spin at 5,400 or 5,900 rpm." in number.inner_text()
        short = question(page, QUESTIONS["short-answer"])
        field = short.get_by_role("textbox", name="Your answer")
        assert field.get_attribute("autocapitalize") == "off"
        assert field.get_attribute("spellcheck") == "false"
        assert field.get_attribute("autocomplete") == "off"
        field.tap()
        page.keyboard.type("Ethernet")
        short.get_by_role("button", name="Check").tap()
        assert said(page).startswith("Incorrect")
        assert "Your answer: Ethernet" in short.inner_text()
        assert errors == []
    finally:
        context.close()
