"""The progress store (store.js) in Chromium: hostile imports, full storage, damaged records,
progress kept per exam (issue 12, items 5 to 8), and schema version 3: the migration from
version 2, caps per kind, the registries, and what one answer writes."""

from __future__ import annotations

import json
import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import wait_until
from tests.support.project import screenshot_path, serve
from tests.support.quiz_helpers import (
    BACKUPS_KEY,
    STORE,
    V2_KEY,
    answer_shard,
    choice,
    correct_indexes,
    open_quiz,
    picks,
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
    wait_until(page, "el => el.textContent != ''", box.element_handle())
    return message(page)


def put_stored(page: Any, key: str, text: str) -> None:
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [key, text])


def record(picked: list[int], correct: bool = True, at: int = NOW - 60_000) -> dict[str, Any]:
    """An answer as version 1 and 2 kept it, and as their export files hold it."""
    return {"picked": picked, "correct": correct, "at": at}


def kept(picked: list[int], correct: bool = True, at: int = NOW - 60_000) -> dict[str, Any]:
    """The same answer as the store keeps it (version 3)."""
    return picks(picked, correct, at)


def attempt(n: int, at: int, **fields: Any) -> dict[str, Any]:
    """A practice exam attempt as exam.js writes it (submit)."""
    return {
        "id": f"a{n}",
        "at": at,
        "ended": at + 60_000,
        "mode": "mock",
        "title": "Mock exam",
        "timed": True,
        "limit": 3600,
        "seconds": 60,
        "right": 1,
        "total": 2,
        "percent": 50,
        "pass": None,
        "passed": None,
        "reason": "submitted",
        "seed": 34,
        "items": [
            ["q-one", "abcdef123456", 1, [0], 0, 1, [1, 0, 2, 3]],
            ["q-two", "abcdef123456", 1, [], 1, 0, None, "typed"],
        ],
        **fields,
    }


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
    # never the file's good records (marked as imported: caps drop them before your own)
    assert data["answers"][good] == {**kept([0], False), "imported": True}
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
    assert exported["version"] == 4  # the review log's (issue 30)
    assert exported["answers"][mine] == kept_before
    assert exported["answers"][good] == kept([0], False)  # where it came from stays here
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


@pytest.mark.parametrize("kept_by", [3, 2])
def test_full_storage_offers_to_drop_answers_for_questions_gone_before_reset(
    context: Any, site_url: str, built_site: Path, kept_by: int
) -> None:
    # Other data on the origin takes every byte left, on every page load (Chromium frees a
    # little room when a page loads), once this exam has progress of its own.
    context.add_init_script(
        f"if (localStorage.getItem('{STORE}meta') || localStorage.getItem('{V2_KEY}'))"
        f" ({FILL})('another-app:cache');"
    )
    page = context.new_page()
    dialogs: list[str] = []
    watch_dialogs(page, dialogs)
    url = site_url + quiz_pages(built_site)[0]
    open_quiz(page, url)
    if kept_by == 3:
        retired = [[f"retired-{n}", "abcdef123456", kept([1])] for n in range(300)]
        assert page.evaluate("list => StudySite.store.putMany(list)", retired) is True
    else:
        # Version 2's one key, which the store cannot write as version 3 once storage is
        # full: its room is taken back when a change needs it.
        answers = {f"retired-{n}:abcdef123456": record([1]) for n in range(300)}
        progress = {"version": 2, "exam": "mls-c01", "answers": answers, "attempts": []}
        put_stored(page, V2_KEY, json.dumps(progress, separators=(",", ":")))
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
    assert page.evaluate(f"localStorage.getItem('{V2_KEY}')") is None
    # Answers are kept again: the space freed takes the next one.
    fresh = kept([0])
    assert page.evaluate(
        f"StudySite.store.put('{key.split(':')[0]}', '{key.split(':')[1]}', {json.dumps(fresh)})"
    )
    assert stored(page)["answers"] == {key: fresh}
    assert dialogs == []


# ---- item 7: damaged stored records ----------------------------------------------------


@pytest.mark.parametrize("kept_by", [3, 2])
def test_damaged_stored_records_are_backed_up_each_time_bounded_and_said(
    page: Any, site_url: str, built_site: Path, kept_by: int
) -> None:
    url = site_url + quiz_pages(built_site)[0]
    key = answer_first(page, url)
    good = stored(page)["answers"][key]
    notices = []
    for n in range(1, 5):
        if kept_by == 3:
            # The shard that holds the answer, with a damaged record beside it.
            broken = {**good, "at": f"NaN{n}"}
            shard = {key: good, f"broken-{n}:abc": broken}
            put_stored(page, answer_shard(key), json.dumps(shard))
        else:
            broken = {"picked": [0], "correct": True, "at": f"NaN{n}"}
            old = record(good["value"], good["correct"], good["at"]) | {"order": good["shown"]}
            damaged = {
                "version": 2,
                "exam": "mls-c01",
                "answers": {key: old, f"broken-{n}:abc": broken},
            }
            put_stored(page, V2_KEY, json.dumps(damaged))
        open_quiz(page, url)
        notices.append(page.locator(".ss-quiz__notice").inner_text())
        # Set aside, then written again without it: the backup keeps it.
        assert f"broken-{n}:abc" not in stored(page)["answers"]
        assert stored(page)["answers"][key] == good
        assert page.evaluate("StudySite.store.put('x', 'y', " + json.dumps(good) + ")") is True
        assert page.evaluate(f"localStorage.getItem('{V2_KEY}')") is None
    assert notices[0] == (
        "Saved progress had 1 damaged record: a copy was kept in this browser as a backup "
        "(1 kept, at most 3)."
    )
    assert notices[1].endswith("(2 kept, at most 3).")
    assert notices[3].endswith("(3 kept, at most 3, so the oldest was dropped).")
    backups = json.loads(page.evaluate(f"localStorage.getItem('{BACKUPS_KEY}')"))
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
    put_stored(page, V2_KEY, '{"version": 2, "answers": {"a:b": ' + '"x' * 10)
    page.evaluate(FILL, "another-app:cache")
    open_quiz(page, url)
    assert (
        "no room for a backup: it is left as it was"
        in page.locator(".ss-quiz__notice").inner_text()
    )
    answer_first(page, url)
    assert page.evaluate(f"localStorage.getItem('{V2_KEY}')").endswith('"x' * 10)


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
    assert stored(page)["answers"] == {key: kept([0], False)}
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
        good = {"version": 3, "exam": "mls-c01", "answers": {store_key(q): kept([0])}}
        said = import_file(page, "good.json", json.dumps(good).encode())
        assert said == (
            "Progress will not be kept: this browser does not let the site store it. "
            "Nothing was imported; your progress is unchanged."
        )
        assert [e for e in errors if "/assets/studysite" in e] == []
    finally:
        context.close()


# ---- schema version 3 ------------------------------------------------------------------


def keys_of(page: Any, prefix: str) -> list[str]:
    return sorted(page.evaluate(f"Object.keys(localStorage).filter(k => k.startsWith('{prefix}'))"))


def test_version_2_progress_is_migrated_to_version_3_and_the_old_key_goes(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_progress(page, site_url)
    q1, q2 = [q for q in index(page) if q[6] == 1][:2]
    old_answers = {
        store_key(q1): {**record([1], False), "order": list(range(q1[5]))[::-1]},
        store_key(q2): record([0]),
    }
    one = attempt(1, NOW - 3_600_000)
    v2 = {"version": 2, "exam": "mls-c01", "answers": old_answers, "attempts": [one]}
    running = {"v": 1, "id": "x1", "at": NOW, "slots": [], "cur": 0}
    put_stored(page, V2_KEY, json.dumps(v2))
    put_stored(page, "studysite:exam:v1:mls-c01", json.dumps(running))
    open_progress(page, site_url)
    assert summary(page).startswith("You have answered 2 of ")
    data = stored(page)
    assert data["version"] == 4  # through version 3, then the review log's (issue 30)
    assert data["answers"] == {
        store_key(q1): {**kept([1], False), "shown": list(range(q1[5]))[::-1]},
        store_key(q2): kept([0]),
    }
    assert data["attempts"] == [one]
    # Each under its own key; version 2's one key and the exam's old key are gone.
    assert keys_of(page, "studysite:progress") == []
    assert keys_of(page, "studysite:exam:") == []
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE}draft:exam')")) == running
    assert STORE + "attempts" in keys_of(page, STORE)
    assert {answer_shard(store_key(q1)), answer_shard(store_key(q2))} <= set(keys_of(page, STORE))
    exported = json.loads(page.evaluate("StudySite.store.exportText()"))
    assert exported["version"] == 4
    assert exported["answers"] == data["answers"] and exported["attempts"] == [one]
    page.reload()
    page.wait_for_selector("[data-ss-progress][data-ss-ready]")
    assert stored(page) == data


def test_one_answer_writes_one_shard_of_ten_thousand_answers(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_progress(page, site_url)
    answers = [[f"q{n}", "abcdef123456", kept([n % 4], n % 3 > 0, NOW - n)] for n in range(10_000)]
    assert page.evaluate("list => StudySite.store.putMany(list)", answers) is True
    written = page.evaluate(
        """(answer) => {
          const set = Storage.prototype.setItem, writes = [];
          Storage.prototype.setItem = function (k, v) { writes.push([k, v.length]); return set.call(this, k, v); };
          try { StudySite.store.put("q-new", "abcdef123456", answer); }
          finally { Storage.prototype.setItem = set; }
          let total = 0;
          for (const k of Object.keys(localStorage)) if (k.startsWith("studysite:store:")) total += localStorage.getItem(k).length;
          return {writes, total};
        }""",
        kept([1]),
    )
    (key, length), *more = written["writes"]
    assert more == [] and key == answer_shard("q-new:abcdef123456"), written["writes"]
    share = length / written["total"]
    print(
        f"one answer at 10,000: {length:,} of {written['total']:,} characters written ({share:.1%})"
    )
    assert share < 0.04, share
    assert len(stored(page)["answers"]) == 10_001


def test_imported_records_never_evict_the_learners_own(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_progress(page, site_url)
    page.evaluate("StudySite.store.kinds.answers.cap = 5")
    own = [[f"own{n}", "abcdef123456", kept([0], True, NOW - 50_000 + n)] for n in range(4)]
    assert page.evaluate("list => StudySite.store.putMany(list)", own) is True
    theirs = {f"theirs{n}:abcdef123456": record([0], True, NOW - 90_000 + n) for n in range(3)}
    report = page.evaluate(
        "text => StudySite.store.importText(text)",
        json.dumps({"version": 2, "exam": "mls-c01", "answers": theirs}),
    )
    assert (report["taken"], report["dropped"]) == (1, 2)
    said = page.evaluate("r => StudySite.store.describe(r, 'f.json')", report)
    assert said.startswith("Imported 1 answer from f.json.")
    assert "2 records from the file found no room and were left out" in said
    names = sorted(k.split(":")[0] for k in stored(page)["answers"])
    assert names == ["own0", "own1", "own2", "own3", "theirs2"]  # the newest of theirs
    # The learner's own answers: over the cap, imported ones go first, then the oldest own.
    more = [[f"own{n}", "abcdef123456", kept([0], True, NOW - 10_000 + n)] for n in (4, 5)]
    assert page.evaluate("list => StudySite.store.putMany(list)", more) is True
    names = sorted(k.split(":")[0] for k in stored(page)["answers"])
    assert names == ["own1", "own2", "own3", "own4", "own5"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", {"toString": 1}),
        ("title", ["Mock exam"]),
        ("right", "1"),
        ("percent", 50.5),
        ("total", -1),
        ("mode", "<img src=x onerror=alert(1)>"),
        ("reason", None),
        ("items", [["q-one", "abcdef123456", 1, [0], 0, 1, {"toString": 1}]]),
        ("items", [["q-one", "abcdef123456", 1, [0], 0, 1, None, {"toString": 1}]]),
    ],
)
def test_an_attempt_with_a_field_of_the_wrong_type_is_refused_with_a_reason(
    page: Any, site_url: str, built_site: Path, field: str, value: Any
) -> None:
    """Issue 34: a title {"toString": 1} broke the Progress page's attempt list on every
    visit until a full reset. Each field is checked for its type; the others are dropped."""
    open_progress(page, site_url)
    seen: list[str] = []
    watch_dialogs(page, seen)
    good = attempt(1, NOW - 7_200_000, extra="<script>x</script>")
    bad = attempt(2, NOW - 3_600_000, **{field: value})
    file = {"version": 3, "exam": "mls-c01", "answers": {}, "attempts": [good, bad]}
    said = import_file(page, "p.json", json.dumps(file).encode())
    assert said.startswith("Imported 0 answers and 1 practice exam attempt from p.json."), said
    assert f'"attempts[1]" (its {field} is not what a practice exam writes)' in said, said
    [kept_attempt] = stored(page)["attempts"]
    assert kept_attempt["id"] == "a1" and "extra" not in kept_attempt
    # The Progress page lists the attempt and keeps working on the next visit.
    open_progress(page, site_url)
    assert page.locator("[data-ss-exam-history-list] tbody tr").count() == 1
    assert seen == []
    # The exam widget's own call refuses it too, with the reason.
    refused = page.evaluate(
        "a => { try { StudySite.store.addAttempt(a); return ''; } catch (e) { return e.message; } }",
        attempt(3, NOW - 600_000, **{field: value}),
    )
    assert refused == f"This record cannot be kept: its {field} is not what a practice exam writes."


def test_a_file_of_500_attempts_never_deletes_the_learners_own(
    page: Any, site_url: str, built_site: Path
) -> None:
    open_progress(page, site_url)
    for n in range(3):
        assert page.evaluate("a => StudySite.store.addAttempt(a)", attempt(n, NOW - 60_000 + n))
    theirs = [attempt(1000 + n, NOW - 9_000_000 + n * 1000) for n in range(500)]
    file = json.dumps({"version": 3, "exam": "mls-c01", "answers": {}, "attempts": theirs})
    assert len(file) > 130_000
    said = import_file(page, "many.json", file.encode())
    assert "Imported 0 answers and 497 practice exam attempts from many.json." in said, said
    assert "3 records from the file found no room and were left out" in said, said
    ids = [a["id"] for a in stored(page)["attempts"]]
    assert len(ids) == 500 and {"a0", "a1", "a2"} <= set(ids)
    # The newest of the file's are the ones kept.
    assert "a1000" not in ids and "a1499" in ids


REGISTER_LATER_FEATURE = """() => {
  // What a later issue adds, each in one place: a record kind under a key of its own, and a
  // migration step (the schema's version is the last step's).
  const S = StudySite.store;
  S.kind("notes", {
    cap: 10,
    check: (key, r) => (r && typeof r.text == "string" && Number.isSafeInteger(r.at) ? "" : "it is not a note"),
    clean: (r) => ({ text: r.text, at: r.at }),
    newer: (mine, theirs) => theirs.at > mine.at,
  });
  S.migrations[5] = (d) => Object.assign({}, d, { version: 5, notes: d.notes || { hello: { text: "new in 5", at: 1.7e12 } } });
}"""


def test_a_later_kind_and_migration_plug_into_the_registries(
    page: Any, site_url: str, built_site: Path
) -> None:
    mine = answer_first(page, site_url + quiz_pages(built_site)[0])
    before = stored(page)
    page.goto(site_url + "glossary/")
    page.wait_for_selector("[data-ss-exam][data-ss-ready]", state="attached")
    page.evaluate(REGISTER_LATER_FEATURE)
    assert page.evaluate("StudySite.store.VERSION") == 5
    # Stored version 4 is read as it is, migrated once and written back as version 5.
    assert page.evaluate("StudySite.store.load().version") == 5
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}meta')).version") == 5
    assert stored(page)["answers"] == before["answers"]
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE}notes')")) == {
        "hello": {"text": "new in 5", "at": 1.7e12}
    }
    writes = page.evaluate(
        """() => {
          const set = Storage.prototype.setItem, keys = [];
          Storage.prototype.setItem = function (k, v) { keys.push(k); return set.call(this, k, v); };
          try { StudySite.store.keep("notes", "n1", { text: "mine", at: Date.now() }); }
          finally { Storage.prototype.setItem = set; }
          return keys;
        }"""
    )
    assert writes == [STORE + "notes"]
    exported = json.loads(page.evaluate("StudySite.store.exportText()"))
    assert exported["version"] == 5 and set(exported["notes"]) == {"hello", "n1"}
    assert exported["answers"][mine] == before["answers"][mine]
    # Files of every earlier version still import, through the same migrations.
    for version in (1, 2, 3, 4):
        answer = record([0], True) if version < 3 else kept([0], True)
        text = json.dumps(
            {"version": version, "exam": "mls-c01", "answers": {f"v{version}:abc": answer}}
        )
        report = page.evaluate("t => StudySite.store.importText(t)", text)
        assert report["taken"] == 1, (version, report)
    assert {f"v{n}:abc" for n in (1, 2, 3, 4)} <= set(stored(page)["answers"])
    # A copy of the site that knows only version 4 reads version 5's data, never overwrites it.
    page.reload()
    page.wait_for_selector("[data-ss-exam][data-ss-ready]", state="attached")
    assert page.evaluate(f"StudySite.store.put('x', 'y', {json.dumps(kept([0]))})") is False
    assert "a newer version of this site saved it" in page.evaluate("StudySite.store.problem()")
    assert page.evaluate(f"JSON.parse(localStorage.getItem('{STORE}meta')).version") == 5
