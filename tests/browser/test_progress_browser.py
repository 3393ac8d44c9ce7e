"""The Progress page in Chromium: counts, practice my mistakes, export, import, reset."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import wait_until
from tests.support.project import screenshot_path
from tests.support.quiz_helpers import (
    V2_KEY,
    choice,
    correct_indexes,
    live_text,
    open_quiz,
    picks,
    questions_page,
    quiz_pages,
    same_site_sitemap,
    score,
    stored,
    wrong_indexes,
)

pytestmark = pytest.mark.browser


def open_progress(page: Any, site_url: str) -> None:
    page.goto(site_url + "progress/")
    page.wait_for_selector("[data-ss-progress][data-ss-ready]")


def cell(page: Any, stat: str, topic: str = "", domain: str = "") -> str:
    which = f'[data-ss-topic="{topic}"]' if topic else f'[data-ss-domain="{domain}"]'
    return str(page.locator(f'[data-ss-stat="{stat}"]{which}').inner_text())


def answer_two(page: Any, site_url: str, built_site: Path) -> dict[str, str]:
    """On the first topic page: answer question 1 right and question 2 wrong."""
    open_quiz(page, site_url + quiz_pages(built_site)[0])
    questions = page.locator('.ss-question[data-ss-choose="1"]')
    first, second = questions.nth(0), questions.nth(1)
    choice(first, correct_indexes(first)[0]).locator("button").click()
    choice(second, wrong_indexes(second)[0]).locator("button").click()
    return {
        "topic": quiz_pages(built_site)[0].split("/")[-2],
        "right": str(first.get_attribute("data-ss-question")),
        "wrong": str(second.get_attribute("data-ss-question")),
    }


def test_progress_page_and_practice_my_mistakes(page: Any, site_url: str, built_site: Path) -> None:
    open_progress(page, site_url)
    assert (
        "not answered any questions yet" in page.locator("[data-ss-progress-summary]").inner_text()
    )
    assert "No mistakes to practise" in page.locator("[data-ss-progress-mistakes]").inner_text()
    done = answer_two(page, site_url, built_site)
    # An answer to a question that has since been edited (another hash) does not count.
    edited = picks([0], False, 1718000000000)
    page.evaluate(
        "([id, rec]) => StudySite.store.put(id, '000000000000', rec)", [done["right"], edited]
    )
    open_progress(page, site_url)
    total = page.evaluate(
        "JSON.parse(document.querySelector('[data-ss-progress-index]').dataset.ssProgressIndex)"
        ".questions.length"
    )
    summary = page.locator("[data-ss-progress-summary]").inner_text()
    assert summary == (
        f"You have answered 2 of {total} questions: 1 right, 1 to review. 1 answer is for "
        "questions this site does not have (kept: it may belong to another version of the site)."
    )
    topic = done["topic"]
    assert cell(page, "answered", topic) == "2"
    assert cell(page, "right", topic) == "1"
    review = page.locator(f'[data-ss-stat="review"][data-ss-topic="{topic}"] a')
    assert review.count() == 1
    assert review.get_attribute("href").endswith(f"#q-{done['wrong']}")
    # Named by its stem's first words, not by a number that differs from page to page.
    index = page.evaluate(
        "JSON.parse(document.querySelector('[data-ss-progress-index]').dataset.ssProgressIndex)"
    )
    entry = next(q for q in index["questions"] if q[0] == done["wrong"])
    assert review.inner_text() == f"\u201c{entry[7]}\u201d"
    assert len(entry[7].split()) <= 8
    # The right answer also has an old one (another hash), so nothing counts as revised.
    assert page.locator("[data-ss-progress-revised]").is_hidden()
    domain = page.locator('[data-ss-stat="answered"][data-ss-domain]').first.get_attribute(
        "data-ss-domain"
    )
    assert cell(page, "answered", domain=domain) == "2"
    assert cell(page, "review", domain=domain) == "1"
    page.screenshot(path=screenshot_path("progress-page.png"), full_page=True)

    # Practice my mistakes: a quiz of the one question answered wrongly.
    practice = page.locator("[data-ss-progress-mistakes] a")
    assert practice.count() == 1
    assert practice.inner_text() == f"Practice my 1 mistake in domain {domain}"
    practice.click()
    page.wait_for_selector(".ss-quiz__practice")
    assert page.url.endswith(questions_page(built_site) + "#practice-mistakes")
    shown = page.locator(".ss-question:visible")
    assert shown.count() == 1
    assert shown.get_attribute("data-ss-question") == done["wrong"]
    assert shown.locator(".ss-result").is_hidden(), "the mistake is asked afresh"
    assert score(page) == "0 of 1 right (1 not answered yet)"
    page.screenshot(path=screenshot_path("progress-practice.png"))
    choice(shown, correct_indexes(shown)[0]).locator("button").click()
    assert live_text(page) == "Correct"
    assert score(page) == "1 of 1 right"
    # Back to all questions: the other answer is there too.
    page.get_by_role("button", name="Show all questions").click()
    assert page.locator(f'.ss-question[data-ss-question="{done["right"]}"] .ss-result').is_visible()

    open_progress(page, site_url)
    assert cell(page, "right", topic) == "2"
    assert cell(page, "review", topic) == "None"
    assert "No mistakes to practise" in page.locator("[data-ss-progress-mistakes]").inner_text()


def test_practice_with_no_mistakes_says_so(page: Any, site_url: str, built_site: Path) -> None:
    open_quiz(page, site_url + questions_page(built_site) + "#practice-mistakes")
    assert "No mistakes to practise here" in page.locator(".ss-quiz__practice").inner_text()
    assert page.locator(".ss-question:visible").count() == page.locator(".ss-question").count()


def test_export_then_import_in_a_fresh_browser(
    browser: Any, page: Any, site_url: str, built_site: Path, tmp_path: Path
) -> None:
    done = answer_two(page, site_url, built_site)
    before = stored(page)
    open_progress(page, site_url)
    with page.expect_download() as info:
        page.get_by_role("button", name="Export progress to a file").click()
    download = info.value
    assert download.suggested_filename.startswith("studysite-progress-")
    assert download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    exported = json.loads(saved.read_text(encoding="utf-8"))
    assert exported["version"] == 4
    assert exported["exam"] == "mls-c01"
    assert exported["attempts"] == []
    assert exported["answers"] == before["answers"]
    assert "saved to studysite-progress-" in page.locator("[data-ss-progress-message]").inner_text()

    fresh = browser.new_context()
    try:
        other = fresh.new_page()
        open_progress(other, site_url)
        assert cell(other, "answered", done["topic"]) == "0"
        other.locator("input[type=file][data-ss-action=import]").set_input_files(saved)
        message = other.locator("[data-ss-progress-message]")
        wait_until(other, "el => el.textContent.startsWith('Imported')", message.element_handle())
        assert message.inner_text() == f"Imported 2 answers from {saved.name}."
        assert cell(other, "answered", done["topic"]) == "2"
        # Kept as imported: over the cap, they go before the learner's own answers there.
        imported = {key: {**answer, "imported": True} for key, answer in before["answers"].items()}
        assert stored(other)["answers"] == imported
        open_quiz(other, site_url + quiz_pages(built_site)[0])
        wrong = other.locator(f'.ss-question[data-ss-question="{done["wrong"]}"]')
        assert wrong.locator(".ss-result__verdict").inner_text().startswith("\u2717 Incorrect")
    finally:
        fresh.close()


BAD_FILES = {
    "not JSON": (b"\x89PNG not json at all", "it is not JSON"),
    "another JSON file": (b'{"name": "studysite", "scripts": {}}', "not a progress export"),
    "a damaged answer": (
        json.dumps(
            {"version": 1, "answers": {"q:abc": {"picked": "A", "correct": True, "at": 1}}}
        ).encode(),
        'only damaged records: "q:abc" (its picks are not option numbers)',
    ),
}


def test_a_bad_import_file_leaves_progress_intact(
    page: Any, site_url: str, built_site: Path
) -> None:
    done = answer_two(page, site_url, built_site)
    before = stored(page)
    open_progress(page, site_url)
    message = page.locator("[data-ss-progress-message]")
    for name, (content, words) in BAD_FILES.items():
        page.locator("input[type=file][data-ss-action=import]").set_input_files(
            files=[{"name": f"{name}.json", "mimeType": "application/json", "buffer": content}]
        )
        wait_until(
            page, "el => el.textContent.includes('Nothing was imported')", message.element_handle()
        )
        text = message.inner_text()
        assert words in text, name
        assert text.endswith("Nothing was imported; your progress is unchanged.")
        assert stored(page) == before
        assert cell(page, "answered", done["topic"]) == "2"
        message.evaluate("el => { el.textContent = '' }")


def test_reset_all_asks_first(page: Any, site_url: str, built_site: Path) -> None:
    done = answer_two(page, site_url, built_site)
    open_progress(page, site_url)
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset all progress").click()
    assert cell(page, "answered", done["topic"]) == "2"
    assert len(stored(page)["answers"]) == 2
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset all progress").click()
    assert cell(page, "answered", done["topic"]) == "0"
    assert stored(page)["answers"] == {}
    assert page.locator("[data-ss-progress-message]").inner_text() == "All progress was deleted."


def test_progress_page_without_storage_says_so(
    browser: Any, site_url: str, built_site: Path
) -> None:
    context = browser.new_context()
    try:
        context.add_init_script(
            "Object.defineProperty(window, 'localStorage', { get() { throw new Error('no'); } });"
        )
        page = context.new_page()
        open_progress(page, site_url)
        assert (
            "Progress will not be kept" in page.locator("[data-ss-progress-summary]").inner_text()
        )
    finally:
        context.close()


def test_progress_page_after_instant_navigation(page: Any, site_url: str, built_site: Path) -> None:
    same_site_sitemap(page, site_url)
    done = answer_two(page, site_url, built_site)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator('.md-nav a[href$="progress/"]').first.click()
    page.wait_for_selector("[data-ss-progress][data-ss-ready]")
    assert page.evaluate("window.__sameDocument") is True, "instant navigation expected"
    assert cell(page, "answered", done["topic"]) == "2"
    page.locator("[data-ss-progress-mistakes] a").click()
    page.wait_for_selector(".ss-quiz__practice")
    assert page.evaluate("window.__sameDocument") is True
    assert page.locator(".ss-question:visible").count() == 1


def test_revised_questions_are_counted_and_can_be_retried(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_progress(page, site_url)
    index = page.evaluate(
        "JSON.parse(document.querySelector('[data-ss-progress-index]').dataset.ssProgressIndex)"
    )
    revised = index["questions"][3]
    # Kept by version 2 of the store: merged in on the next page.
    answer = {"picked": [0], "correct": True, "at": 1718000000000}
    data = {"version": 2, "exam": "mls-c01", "attempts": []}
    data["answers"] = {f"{revised[0]}:0123456789ab": answer}
    page.evaluate(f"localStorage.setItem('{V2_KEY}', {json.dumps(json.dumps(data))})")
    open_progress(page, site_url)
    box = page.locator("[data-ss-progress-revised]")
    assert box.inner_text().startswith(
        "1 question you answered has been revised since, so that answer no longer counts."
    )
    retry = box.get_by_role("link", name=f"Retry the 1 revised question in domain {revised[2]}")
    assert retry.get_attribute("href").endswith("questions/#practice-revised")
    retry.click()
    page.wait_for_selector(".ss-quiz__practice")
    shown = page.locator(".ss-question:visible")
    assert shown.count() == 1
    assert shown.get_attribute("data-ss-question") == revised[0]
    choice(shown, correct_indexes(shown)[0]).locator("button").click()
    open_progress(page, site_url)
    assert page.locator("[data-ss-progress-revised]").is_hidden()


def test_progress_table_stacks_on_a_phone(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        open_progress(page, site_url)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        review = page.locator('[data-ss-stat="review"][data-ss-topic]').first.locator("xpath=..")
        assert review.is_visible()
        box = review.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
        label = review.evaluate("td => getComputedStyle(td, '::before').content")
        assert label == '"Need review"'
        page.screenshot(path=screenshot_path("progress-phone.png"), full_page=True)
    finally:
        context.close()


def test_progress_buttons_line_up_and_reset_looks_destructive(page: Any, site_url: str) -> None:
    open_progress(page, site_url)
    export = page.get_by_role("button", name="Export progress to a file")
    imp = page.locator("label[for=ss-import]")
    reset = page.get_by_role("button", name="Reset all progress")
    boxes = [b.bounding_box() for b in (export, imp, reset)]
    assert len({round(b["y"]) for b in boxes}) == 1, boxes
    assert len({round(b["height"]) for b in boxes}) == 1, boxes
    colour = "e => getComputedStyle(e).color"
    assert reset.evaluate(colour) != export.evaluate(colour)
