"""The progress store (store.js) in Chromium: hostile imports, full storage, damaged records,
and progress kept per exam (issue 12, items 5 to 8)."""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.project import screenshot_path, serve
from tests.support.quiz_helpers import (
    STORAGE_KEY,
    choice,
    correct_indexes,
    open_quiz,
    quiz_pages,
    stored,
)

pytestmark = pytest.mark.browser

LEGACY_KEY = "studysite:progress:v1"
NOW = int(time.time() * 1000)


def open_progress(page: Any, url: str) -> None:
    page.goto(url + "progress/")
    page.wait_for_selector("[data-ss-progress][data-ss-ready]")


def index(page: Any) -> list[list[Any]]:
    """The Progress page's question index: [id, hash, domain, topics, number, options, choose]."""
    return page.evaluate(  # type: ignore[no-any-return]
        "JSON.parse(document.querySelector('[data-ss-progress-index]').dataset.ssProgressIndex)"
        ".questions"
    )


def summary(page: Any) -> str:
    return str(page.locator("[data-ss-progress-summary]").inner_text())


def message(page: Any) -> str:
    return str(page.locator("[data-ss-progress-message]").inner_text())


def import_file(page: Any, name: str, content: bytes) -> str:
    """Import ``content`` on the Progress page; the message it shows."""
    box = page.locator("[data-ss-progress-message]")
    box.evaluate("el => { el.textContent = '' }")
    page.locator("input[type=file][data-ss-action=import]").set_input_files(
        files=[{"name": name, "mimeType": "application/json", "buffer": content}]
    )
    page.wait_for_function("el => el.textContent != ''", arg=box.element_handle())
    return message(page)


def put_stored(page: Any, key: str, text: str) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, text])


def record(picked: list[int], correct: bool = True, at: int = NOW - 60_000) -> dict[str, Any]:
    return {"picked": picked, "correct": correct, "at": at}


def watch_dialogs(page: Any, seen: list[str]) -> None:
    """Note and dismiss every dialog the page opens."""

    def note(dialog: Any) -> None:
        seen.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", note)


def store_key(q: list[Any]) -> str:
    """The store's key of an index entry: "<id>:<hash>"."""
    return f"{q[0]}:{q[1]}"


def answer_first(page: Any, url: str) -> str:
    """Answer the first single-answer question of the topic page ``url`` right; its key."""
    open_quiz(page, url)
    question = page.locator('.ss-question[data-ss-choose="1"]').first
    choice(question, correct_indexes(question)[0]).locator("button").click()
    return f"{question.get_attribute('data-ss-question')}:{question.get_attribute('data-ss-hash')}"


# ---- item 5: a hostile import file -----------------------------------------------------


def test_hostile_import_skips_bad_records_keeps_good_ones_and_what_is_stored(
    page: Any, site_url: str, built_site: Path
) -> None:
    mine = answer_first(page, site_url + quiz_pages(built_site)[0])
    kept_before = stored(page)["answers"][mine]
    open_progress(page, site_url)
    questions = index(page)
    single = [q for q in questions if q[6] == 1 and f"{q[0]}:{q[1]}" != mine]
    double = next(q for q in questions if q[6] == 2)
    good = store_key(single[0])
    answers: dict[str, Any] = {
        mine: {**record([0], False), "at": "INFINITY"},
        good: record([0], False),
        store_key(single[1]): record([single[1][5]]),  # the option after the last one
        store_key(single[2]): {**record([0]), "at": "NaN"},
        store_key(single[3]): record([0, 1]),  # two picks for a single-answer question
        store_key(double): record([0]),  # one pick for a "choose two" question
        store_key(single[4]): {**record([0]), "at": NOW + 400 * 86_400_000},  # next year
        store_key(single[5]): {**record([0]), "picked": [0.5]},
    }
    answers |= {f"retired-{n}:abcdef123456": record([1]) for n in range(20)}
    # 1e309 parses as Infinity: it would beat the learner's own answer, then be saved as null.
    text = json.dumps({"version": 2, "exam": "mls-c01", "answers": answers})
    text = text.replace('"INFINITY"', "1e309")
    said = import_file(page, "hostile.json", text.encode())
    assert said.startswith("Imported 21 answers from hostile.json. ")
    assert "20 answers are for questions this site does not have: kept" in said
    assert "7 damaged records were skipped: " in said
    assert f'"{mine}" (its time is not a date between 2000 and today)' in said
    assert f"(its picks are not options of the question (it has {single[1][5]}))" in said
    assert said.endswith(" and 4 more.")
    data = stored(page)
    assert data["answers"][mine] == kept_before  # never what is already stored
    assert data["answers"][good] == record([0], False)  # never the file's good records
    assert sorted(k for k in data["answers"] if k.startswith("retired-")) == sorted(
        f"retired-{n}:abcdef123456" for n in range(20)
    )
    for bad in (single[1], single[2], single[3], double, single[4], single[5]):
        assert store_key(bad) not in data["answers"]
    assert "20 answers are for questions this site does not have" in summary(page)
    # After a reload the learner's answer is still there, and an export is whole.
    page.reload()
    page.wait_for_selector("[data-ss-progress][data-ss-ready]")
    exported = json.loads(page.evaluate("StudySite.store.exportText()"))
    assert exported["answers"][mine] == kept_before
    assert len(exported["answers"]) == 22
    page.screenshot(path=screenshot_path("store-hostile-import.png"), full_page=True)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        (
            "huge.json",
            b'{"version": 2, "answers": {}, "pad": "' + b"x" * (6 << 20) + b'"}',
            "too large",
        ),
        (
            "other-exam.json",
            json.dumps({"version": 2, "exam": "saa-c03", "answers": {}}).encode(),
            'progress for another exam ("saa-c03"), not this one ("mls-c01")',
        ),
        (
            "all-bad.json",
            json.dumps(
                {"version": 1, "answers": {"q:abc": {"picked": [0], "correct": 1, "at": 1}}}
            ).encode(),
            'only damaged records: "q:abc" (it does not say whether it was right)',
        ),
        (
            "script.json",
            b'{"version": 2, "answers": {"<img src=x onerror=alert(1)>": 1}}',
            "only damaged",
        ),
    ],
)
def test_an_unusable_import_file_changes_nothing(
    page: Any, site_url: str, built_site: Path, name: str, content: bytes, words: str
) -> None:
    dialogs: list[str] = []
    watch_dialogs(page, dialogs)
    answer_first(page, site_url + quiz_pages(built_site)[0])
    before = stored(page)
    open_progress(page, site_url)
    said = import_file(page, name, content)
    assert words in said
    assert said.endswith("Nothing was imported; your progress is unchanged.")
    assert stored(page) == before
    assert dialogs == []
    assert page.locator("[data-ss-progress-message] img").count() == 0  # text, not markup


# ---- item 6: full storage ----------------------------------------------------------------

FILL = """(key) => {
    // Fill this origin's storage to the last character, as other data on the origin might.
    let chunk = 'x'.repeat(1 << 20), text = '';
    while (chunk.length) {
        try { localStorage.setItem(key, text + chunk); text += chunk; }
        catch (e) { chunk = chunk.slice(0, chunk.length >> 1); }
    }
    return text.length;
}"""


def test_full_storage_offers_to_drop_answers_for_questions_gone_before_reset(
    context: Any, site_url: str, built_site: Path
) -> None:
    # Other data on the origin takes every byte left, on every page load (Chromium frees a
    # little room when a page loads), once this exam has progress of its own.
    context.add_init_script(
        f"if (localStorage.getItem('{STORAGE_KEY}')) ({FILL})('another-app:cache');"
    )
    page = context.new_page()
    dialogs: list[str] = []
    watch_dialogs(page, dialogs)
    url = site_url + quiz_pages(built_site)[0]
    open_quiz(page, url)
    retired = {f"retired-{n}:abcdef123456": record([1]) for n in range(300)}
    # Compact, as the store writes it: any answer added then needs more room.
    progress = {"version": 2, "exam": "mls-c01", "answers": retired, "attempts": []}
    put_stored(page, STORAGE_KEY, json.dumps(progress, separators=(",", ":")))
    key = answer_first(page, url)
    assert page.evaluate("localStorage.getItem('another-app:cache').length") > 1_000_000
    assert "storage for the site is full" in page.locator(".ss-quiz__notice").inner_text()
    assert key not in stored(page)["answers"]

    open_progress(page, site_url)
    free = page.get_by_role("button", name=re.compile("^Free space: delete the 300 answers"))
    assert free.is_visible()
    buttons = page.locator(".ss-progress__buttons button").all_inner_texts()
    assert buttons.index(free.inner_text()) < buttons.index("Reset all progress")
    assert "storage for the site is full" in summary(page)
    page.screenshot(path=screenshot_path("store-full-quota.png"), full_page=True)
    # Reset, the only remedy before, first points at the button that keeps real answers.
    page.get_by_role("button", name="Reset all progress").click()
    assert dialogs == []
    assert (
        "Deleting the 300 answers for questions this site no longer has may be enough"
        in message(page)
    )
    assert page.evaluate("document.activeElement.getAttribute('data-ss-action')") == "drop-unknown"
    free.click()
    assert message(page) == (
        "300 answers for questions this site no longer has were deleted. Your answers are kept again."
    )
    assert free.is_hidden()
    assert stored(page)["answers"] == {}
    assert page.evaluate("localStorage.getItem('another-app:cache').length") > 1_000_000
    # Answers are kept again: the space freed takes the next one.
    fresh = record([0])
    assert page.evaluate(
        f"StudySite.store.put('{key.split(':')[0]}', '{key.split(':')[1]}', {json.dumps(fresh)})"
    )
    assert stored(page)["answers"] == {key: fresh}
    assert dialogs == []


# ---- item 7: damaged stored records ----------------------------------------------------


def test_damaged_stored_records_are_backed_up_each_time_bounded_and_said(
    page: Any, site_url: str, built_site: Path
) -> None:
    url = site_url + quiz_pages(built_site)[0]
    key = answer_first(page, url)
    good = stored(page)["answers"][key]
    notices = []
    for n in range(1, 5):
        broken = {"picked": [0], "correct": True, "at": f"NaN{n}"}
        damaged = {
            "version": 2,
            "exam": "mls-c01",
            "answers": {key: good, f"broken-{n}:abc": broken},
        }
        put_stored(page, STORAGE_KEY, json.dumps(damaged))
        open_quiz(page, url)
        notices.append(page.locator(".ss-quiz__notice").inner_text())
        # The next save drops the damaged record from the progress; the backup keeps it.
        assert page.evaluate("StudySite.store.put('x', 'y', " + json.dumps(good) + ")") is True
        assert f"broken-{n}:abc" not in stored(page)["answers"]
        assert stored(page)["answers"][key] == good
    assert notices[0] == (
        "Saved progress had 1 damaged record: a copy was kept in this browser as a backup "
        "(1 kept, at most 3)."
    )
    assert notices[1].endswith("(2 kept, at most 3).")
    assert notices[3].endswith("(3 kept, at most 3, so the oldest was dropped).")
    backups = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}:backups')"))
    assert [b["why"] for b in backups] == ["1 damaged record"] * 3
    assert [f"broken-{n}:abc" in b["text"] for b, n in zip(backups, (2, 3, 4), strict=True)] == [
        True
    ] * 3
    open_progress(page, site_url)
    assert "3 backups of damaged saved progress are kept in this browser." in summary(page)


def test_unreadable_storage_is_kept_when_there_is_no_room_for_a_backup(
    page: Any, site_url: str, built_site: Path
) -> None:
    url = site_url + quiz_pages(built_site)[0]
    open_quiz(page, url)
    put_stored(page, STORAGE_KEY, '{"version": 2, "answers": {"a:b": ' + '"x' * 10)
    page.evaluate(FILL, "another-app:cache")
    open_quiz(page, url)
    assert (
        "no room for a backup: it is left as it was"
        in page.locator(".ss-quiz__notice").inner_text()
    )
    answer_first(page, url)
    assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')").endswith('"x' * 10)


# ---- item 8: progress keyed by the exam ------------------------------------------------


@pytest.fixture(scope="module")
def three_copies(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One origin with /a/ and /c/ (copies of this exam) and /b/ (another exam's site)."""
    root = tmp_path_factory.mktemp("origin")
    for name in "abc":
        shutil.copytree(built_site, root / name)
    for html in (root / "b").rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        html.write_text(
            text.replace('data-ss-exam="mls-c01"', 'data-ss-exam="other-exam"'), encoding="utf-8"
        )
    yield from serve(root)


def test_every_page_carries_the_exam_id(built_site: Path) -> None:
    pages = [p for p in built_site.rglob("index.html") if p.parent != built_site / "search"]
    assert len(pages) > 10
    missing = [
        str(p) for p in pages if 'data-ss-exam="mls-c01"' not in p.read_text(encoding="utf-8")
    ]
    assert missing == []


def test_progress_is_shared_by_copies_of_one_exam_and_never_by_another_exam(
    page: Any, three_copies: str, built_site: Path
) -> None:
    topic = quiz_pages(built_site)[0]
    key = answer_first(page, three_copies + "a/" + topic)
    open_progress(page, three_copies + "c/")
    assert summary(page).startswith("You have answered 1 of ")
    open_progress(page, three_copies + "b/")
    assert summary(page).startswith("You have not answered any questions yet.")
    answer_first(page, three_copies + "b/" + topic)
    open_progress(page, three_copies + "b/")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset all progress").click()
    assert summary(page).startswith("You have not answered any questions yet.")
    # Resetting the other exam's site left this exam's progress alone.
    open_progress(page, three_copies + "a/")
    assert summary(page).startswith("You have answered 1 of ")
    assert key in stored(page)["answers"]


def test_version_1_progress_is_migrated_once(
    page: Any, three_copies: str, built_site: Path
) -> None:
    topic = quiz_pages(built_site)[0]
    open_quiz(page, three_copies + "a/" + topic)
    question = page.locator('.ss-question[data-ss-choose="1"]').first
    key = f"{question.get_attribute('data-ss-question')}:{question.get_attribute('data-ss-hash')}"
    legacy = json.dumps({"version": 1, "answers": {key: record([0], False), "bad:x": {"at": 1e3}}})
    page.evaluate("k => localStorage.clear()", None)
    put_stored(page, LEGACY_KEY, legacy)
    open_progress(page, three_copies + "a/")
    assert summary(page).startswith("You have answered 1 of ")
    assert stored(page)["answers"] == {key: record([0], False)}
    assert page.evaluate(f"localStorage.getItem('{LEGACY_KEY}')") == legacy  # left for others
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Reset all progress").click()
    open_progress(page, three_copies + "c/")  # same exam: not migrated a second time
    assert summary(page).startswith("You have not answered any questions yet.")


# ---- storage that throws -----------------------------------------------------------------


def test_progress_page_with_storage_that_throws(
    browser: Any, site_url: str, built_site: Path
) -> None:
    context = browser.new_context()
    try:
        context.add_init_script(
            """(() => { const fail = () => { const e = new Error('SecurityError');
                e.name = 'SecurityError'; throw e; };
                Storage.prototype.getItem = fail; Storage.prototype.setItem = fail; })();"""
        )
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error.stack)))
        open_progress(page, site_url)
        assert summary(page).endswith(
            "Progress will not be kept: this browser does not let the site store it."
        )
        q = index(page)[0]
        good = {"version": 2, "exam": "mls-c01", "answers": {store_key(q): record([0])}}
        said = import_file(page, "good.json", json.dumps(good).encode())
        assert said == (
            "Progress will not be kept: this browser does not let the site store it. "
            "Nothing was imported; your progress is unchanged."
        )
        assert [e for e in errors if "/assets/studysite" in e] == []
    finally:
        context.close()
