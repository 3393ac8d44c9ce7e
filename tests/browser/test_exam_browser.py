"""The practice exam in Chromium: mock and custom attempts, navigator, flags, reload, review,
submit, the timer (Playwright's clock), result, history, keyboard, file://, storage that
throws, print, axe-core, and screenshots of each state."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.browsing import serious_violations, wait_until
from tests.support.exam_scripts import decode_script
from tests.support.project import copy_project, mkdocs_build, screenshot_path, serve
from tests.support.synthetic import generate

pytestmark = pytest.mark.browser

START = "2026-01-05T09:00:00Z"
# The attempt in progress is the store's draft "exam" (store.js), per exam.
DRAFT = "studysite:store:{exam}:draft:exam"
# Every answer the store keeps, read from its shards as storage holds them.
STORED_ANSWERS = """() => Object.assign({}, ...Object.keys(localStorage)
    .filter(k => /^studysite:store:[^:]+:answers:/.test(k))
    .map(k => JSON.parse(localStorage.getItem(k))))"""
HOSTILE = (
    'Which <img src="https://example.invalid/x.png" onerror="window.__pwned=1"> setting, with `max_payload` and '
    "**strong** words, <script>window.__pwned=1</script> fits?"
)


# ---- helpers ----------------------------------------------------------------------------


def bank_of(site: Path) -> dict[str, dict[str, Any]]:
    """Every question of a built site's exam data: id -> domain, type, its key, topics.

    Choice and true/false questions (``q``) give ``correct`` and ``options``; the other types
    (``x``, and the parts of case studies ``c``) give ``type`` and their data (``x``).
    """
    questions: dict[str, dict[str, Any]] = {}
    for script in sorted((site / "exam-data").glob("*.js")):
        number, data = decode_script(script.read_text(encoding="utf-8"))
        entries = [*data["q"], *data.get("x", [])]
        entries += [part for case in data.get("c", []) for part in case[5]]
        for q in entries:
            entry: dict[str, Any] = {
                "domain": number,
                "topics": [data["topics"][t] for t in q[2]],
            }
            if isinstance(q[4], str):
                entry |= {"type": q[4], "x": q[6]}
            else:
                entry |= {"type": "choice", "correct": q[8], "options": len(q[7])}
            questions[q[0]] = entry
        for case in data.get("c", []):
            for part in case[5]:
                questions[part[0]]["case"] = case[0]
    return questions


def open_exam(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")


def shown(page: Any) -> None:
    """Wait for a question (an ordering question has no input)."""
    page.wait_for_selector("[data-ss-question] :is(input, select, button)")


def start_mock(page: Any) -> None:
    page.get_by_role("button", name="Start the mock exam").click()
    shown(page)


def current(page: Any) -> str:
    return str(page.locator("[data-ss-question]").get_attribute("data-ss-question"))


def position(page: Any) -> tuple[int, int]:
    text = page.locator(".ss-exam__bar h2").inner_text()
    match = re.fullmatch(r"Question (\d+) of (\d+)", text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


def letter(k: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[k]


def typed_answers(q: dict[str, Any], right: bool) -> Any:
    """What answers a typed question right or wrong: a text, a number, picks per prompt."""
    x = q["x"]
    if q["type"] == "numeric":
        first = x["accept"][0]
        value = first.get("answer", first["min"])
        outside = max(e["max"] for e in x["accept"]) + 1000
        return f"{value if right else outside}"
    if q["type"] == "short-answer":
        return x["texts"][0][0] if right else "zzz not an answer"
    if q["type"] == "matching":
        key = list(x["key"])
        if not right:
            key[0] = (key[0] + 1) % len(x["answers"])
        return key
    raise AssertionError(q["type"])


def put_in_order(page: Any, q: dict[str, Any], right: bool, keyboard: bool = False) -> None:
    """Move an ordering question's items into the right order (or all but the first two)."""
    body = page.locator("[data-ss-question]")
    n = len(q["x"]["items"])
    number = position(page)[0]
    start = attempt(page)["slots"][number - 1].get("o") or list(range(n))
    # The exam letters the items in the order first shown; item i (authored) is start.index(i).
    want = [letter(start.index(i)) for i in range(n)]

    def move(name: str) -> None:
        button = body.get_by_role("button", name=name)
        if keyboard:
            button.focus()
            page.keyboard.press("Enter")
        else:
            button.click()

    # A move first: the order shown is only an answer once the learner moved an item.
    now = body.locator(".ss-order__letter").all_inner_texts()
    move(f"Move {now[0]} down")
    for place, target in enumerate(want):
        while body.locator(".ss-order__letter").all_inner_texts().index(target) != place:
            move(f"Move {target} up")
    if not right:
        move(f"Move {want[0]} down")


def answer(page: Any, bank: dict[str, dict[str, Any]], right: bool) -> None:
    """Answer the question shown, right (every correct option) or wrong (as many picks)."""
    q = bank[current(page)]
    body = page.locator("[data-ss-question]")
    if q["type"] == "choice":
        wrong = next(k for k in range(q["options"]) if k not in q["correct"])
        picks = q["correct"] if right else [wrong, *q["correct"][1:]]
        for k in picks:
            body.locator(f'input[value="{k}"]').check()
    elif q["type"] == "ordering":
        put_in_order(page, q, right)
    elif q["type"] == "matching":
        for i, a in enumerate(typed_answers(q, right)):
            body.locator("select").nth(i).select_option(str(a))
    else:
        body.locator("input").fill(typed_answers(q, right))


def answer_by_keyboard(page: Any, bank: dict[str, dict[str, Any]]) -> None:
    """Answer the question shown right with keys only (focus moved as Tab would)."""
    q = bank[current(page)]
    body = page.locator("[data-ss-question]")
    if q["type"] == "choice":
        values = body.locator("input").evaluate_all("els => els.map(e => Number(e.value))")
        for k in q["correct"]:
            page.keyboard.press(str(values.index(k) + 1))
        return
    if q["type"] == "ordering":
        put_in_order(page, q, right=True, keyboard=True)
    elif q["type"] == "matching":
        selects = body.locator("select")
        for i, a in enumerate(typed_answers(q, right=True)):
            offered = selects.nth(i).locator("option").evaluate_all("os => os.map(o => o.value)")
            selects.nth(i).focus()
            for _ in range(offered.index(str(a))):
                page.keyboard.press("ArrowDown")
    else:
        body.locator("input").focus()
        page.keyboard.type(typed_answers(q, right=True))
    # Out of the field, so the exam's keys (n, p, f) work again.
    page.locator(".ss-exam__cell").nth(position(page)[0] - 1).focus()


def cell_label(page: Any, number: int) -> str:
    return str(page.locator(".ss-exam__cell").nth(number - 1).get_attribute("aria-label"))


def attempt(page: Any) -> dict[str, Any]:
    found = page.evaluate(
        """() => { for (let i = 0; i < localStorage.length; i++) {
              const k = localStorage.key(i);
              if (/^studysite:store:.*:draft:exam$/.test(k)) return JSON.parse(localStorage.getItem(k)); }
            return null; }"""
    )
    assert found, "no attempt kept"
    return dict(found)


def submit(page: Any) -> None:
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    confirm = page.get_by_role("button", name="Submit now")
    if confirm.count():
        confirm.click()
    page.wait_for_selector(".ss-exam__score")


def domain_rows(page: Any) -> dict[str, tuple[int, int]]:
    rows = page.locator(".ss-exam__table table").first.locator("tbody tr")
    out = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("th, td").all_inner_texts()
        out[cells[0]] = (int(cells[1]), int(cells[2]))
    return out


# ---- a bank of two domains, for the weighting ---------------------------------------------


@pytest.fixture(scope="module")
def two_domain_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A synthetic bank of two domains weighted 30 / 70, built and served."""
    base = tmp_path_factory.mktemp("exam-two")
    data = base / "data"
    generate(data, 300, per_topic=30, topics_per_domain=5)
    exam = yaml.safe_load((data / "exam.yml").read_text(encoding="utf-8"))
    exam["domains"][0]["weight"], exam["domains"][1]["weight"] = 30, 70
    (data / "exam.yml").write_text(yaml.safe_dump(exam, sort_keys=False), encoding="utf-8")
    # A stem as an imported bank might hold it: markup that must stay text, and Markdown.
    path = data / "domain-1" / "questions.yml"
    questions = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions["questions"][0]["stem"] = HOSTILE
    path.write_text(yaml.safe_dump(questions, sort_keys=False), encoding="utf-8")
    project = base / "project"
    project.mkdir()
    copy_project(project, data)
    site = base / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for url in serve(site):
        yield url, site


def test_full_mock_exam_draws_the_blueprint_by_domain_weight(
    page: Any, two_domain_site: tuple[str, Path]
) -> None:
    url, site = two_domain_site
    bank = bank_of(site)
    open_exam(page, url + "exam/?seed=11")
    start_mock(page)
    assert position(page) == (1, 65)
    kept = attempt(page)
    wait_until(
        page,
        f"() => !JSON.parse(localStorage.getItem('{DRAFT.format(exam='synthetic')}'))"
        ".slots.some(s => !s.q)",
    )
    ids = [s["q"] for s in attempt(page)["slots"]]
    assert len(set(ids)) == 65, "a question drawn twice"
    # 65 x 30 % = 19.5 and 65 x 70 % = 45.5: the tie goes to domain 1.
    by_domain = {n: sum(bank[i]["domain"] == n for i in ids) for n in (1, 2)}
    assert by_domain == {1: 20, 2: 45}
    assert kept["seed"] == 11
    submit(page)
    rows = {name.split(":")[0]: counts for name, counts in domain_rows(page).items()}
    assert rows == {"Domain 1": (0, 20), "Domain 2": (0, 45)}
    # The same seed draws the same exam.
    page.get_by_role("button", name="New practice exam").click()
    start_mock(page)
    wait_until(
        page,
        f"() => !JSON.parse(localStorage.getItem('{DRAFT.format(exam='synthetic')}'))"
        ".slots.some(s => !s.q)",
    )
    assert [s["q"] for s in attempt(page)["slots"]] == ids


def test_question_text_stays_text(page: Any, two_domain_site: tuple[str, Path]) -> None:
    url, _ = two_domain_site
    open_exam(page, url + "exam/")
    page.locator('input[name=domain][value="2"]').uncheck()
    page.locator("summary", has_text="Choose topics of domain 1").click()
    boxes = page.locator(".ss-exam__domain").first.locator("input[name=topic]")
    for i in range(boxes.count()):
        if boxes.nth(i).get_attribute("value") != "d1-t001":
            boxes.nth(i).uncheck()
    page.get_by_label("Untimed (the time taken is shown)").check()
    page.locator("input[name=count]").fill("50")
    page.get_by_role("button", name="Start the custom practice").click()
    shown(page)
    slots = [s["q"] for s in attempt(page)["slots"]]
    page.locator(".ss-exam__cell").nth(slots.index("d1-t001-q001")).click()
    stem = page.locator("[data-ss-question] legend")
    assert stem.locator("img, script").count() == 0
    assert stem.locator("code").inner_text() == "max_payload"
    assert stem.locator("strong").first.inner_text() == "strong"
    assert 'onerror="window.__pwned=1"' in stem.inner_text()
    submit(page)
    assert page.locator(".ss-exam__answers img, .ss-exam__answers script").count() == 0
    assert page.evaluate("window.__pwned") is None


# ---- the real bank ------------------------------------------------------------------------


def test_answer_flag_reload_resume_review_submit_and_result(
    page: Any, site_url: str, built_site: Path
) -> None:
    bank = bank_of(built_site)
    page.clock.install(time=START)
    open_exam(page, site_url + "exam/?seed=3")
    page.screenshot(path=screenshot_path("exam-start.png"), full_page=True)
    start_mock(page)
    assert position(page) == (1, 13)
    wait_until(page, "() => document.querySelector('.ss-exam__time').textContent != ''")
    # The installed clock also runs on its own: a slow machine may show a second gone.
    assert re.fullmatch(r"Time left (36:00|35:5\d)", page.locator(".ss-exam__time").inner_text())
    first = current(page)
    answer(page, bank, right=True)
    page.get_by_role("button", name="Flag for review").click()
    assert cell_label(page, 1) == "Question 1: answered, flagged"
    page.get_by_role("button", name="Next").click()
    second = current(page)
    answer(page, bank, right=False)
    page.get_by_role("button", name="Next").click()
    page.get_by_role("button", name="Flag for review").click()  # question 3: flagged, no answer
    assert cell_label(page, 3) == "Question 3: not answered, flagged"
    page.screenshot(path=screenshot_path("exam-question.png"), full_page=True)
    page.clock.run_for("05:00")
    page.reload()
    page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")
    resume = page.locator(".ss-exam__resume").inner_text()
    left = re.search(r"2 of 13 questions answered, (\d+):(\d\d) left", resume)
    assert left, resume
    # 36 minutes less the 5 that ran, less the real seconds the reload took.
    # (Generous: on a loaded machine a reload can take many seconds.)
    assert 29 * 60 <= int(left.group(1)) * 60 + int(left.group(2)) <= 31 * 60
    page.get_by_role("button", name="Resume").click()
    shown(page)
    assert position(page) == (3, 13)
    wait_until(page, "() => document.querySelector('.ss-exam__time').textContent != ''")
    assert re.fullmatch(
        r"Time left (31:00|30:\d\d|29:\d\d)", page.locator(".ss-exam__time").inner_text()
    )
    assert cell_label(page, 1) == "Question 1: answered, flagged"
    assert cell_label(page, 2) == "Question 2: answered"
    assert cell_label(page, 3) == "Question 3: not answered, flagged"
    page.locator(".ss-exam__cell").nth(0).click()
    assert current(page) == first
    checked = page.locator("[data-ss-question] input:checked").evaluate_all(
        "els => els.map(e => Number(e.value))"
    )
    assert sorted(checked) == sorted(bank[first]["correct"])
    # Answer 4 to 13 alternately right and wrong, leave 5 unanswered.
    expected_right = 1
    for number in range(4, 14):
        page.locator(".ss-exam__cell").nth(number - 1).click()
        if number == 5:
            continue
        answer(page, bank, right=number % 2 == 0)
        expected_right += number % 2 == 0
    page.get_by_role("button", name="Review and submit").click()
    review = page.locator(".ss-exam__view")
    unanswered = review.locator(".ss-exam__review-list").nth(0)
    flagged = review.locator(".ss-exam__review-list").nth(1)
    assert unanswered.locator("h3").inner_text() == "Not answered (2)"
    assert unanswered.locator("button").all_inner_texts() == ["Question 3", "Question 5"]
    assert flagged.locator("button").all_inner_texts() == ["Question 1", "Question 3"]
    page.screenshot(path=screenshot_path("exam-review.png"), full_page=True)
    flagged.get_by_role("button", name="Question 3").click()
    assert position(page) == (3, 13)
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    assert "2 questions have no complete answer" in page.locator(".ss-exam__confirm").inner_text()
    page.get_by_role("button", name="Submit now").click()
    page.wait_for_selector(".ss-exam__score")
    score = page.locator(".ss-exam__score").inner_text()
    percent = round(100 * expected_right / 13)
    assert score.startswith(f"{expected_right} of 13 right ({percent}%)")
    assert page.locator(".ss-exam__view h2").first.inner_text() == "Result: not passed"
    assert domain_rows(page) == {"Domain 4: ML Implementation & Operations": (expected_right, 13)}
    taken = re.search(
        r"Time taken: (\d+) min(?: (\d+) s)? of 36 min\.",
        page.locator(".ss-exam__view").inner_text(),
    )
    assert taken and 300 <= int(taken.group(1)) * 60 + int(taken.group(2) or 0) <= 420
    items = page.locator(".ss-exam__answer")
    assert items.count() == 13
    assert "Right" in items.nth(0).locator(".ss-exam__answer-head").inner_text()
    assert "Wrong" in items.nth(1).locator(".ss-exam__answer-head").inner_text()
    # Every option of every question is explained, with the pick and the right answer.
    assert items.nth(1).locator(".ss-exam__why > li").count() == 4
    assert "your pick" in items.nth(1).inner_text()
    assert "right answer" in items.nth(1).inner_text()
    page.get_by_label("Wrong or unanswered").check()
    visible = page.locator(".ss-exam__answer:visible")
    assert visible.count() == 13 - expected_right
    page.get_by_label("Flagged").check()
    assert page.locator(".ss-exam__answer:visible").count() == 2
    page.get_by_label("All questions").check()
    page.screenshot(path=screenshot_path("exam-result.png"), full_page=True)
    # Topic rows link to the topic pages.
    link = page.locator(".ss-exam__table table").nth(1).locator("a").first
    assert re.search(r"/domain-4/[a-z-]+/$", str(link.get_attribute("href")))
    # The exam's answers reached the site-wide progress, at submit.
    answers = {k.split(":")[0]: v for k, v in page.evaluate(STORED_ANSWERS).items()}
    assert answers[first]["correct"] is True
    assert answers[second]["correct"] is False
    assert len(answers) == 11
    # A reload shows the result again.
    page.reload()
    page.wait_for_selector(".ss-exam__score")
    # On its topic page, the question answered in the exam shows as answered.
    page.goto(site_url + f"domain-4/{bank[first]['topics'][0]}/")
    page.wait_for_selector(".ss-quiz[data-ss-ready]")
    result = page.locator(f'.ss-question[data-ss-question="{first}"] .ss-result')
    assert "ss-result--right" in str(result.get_attribute("class"))


def test_a_choose_two_question_with_one_pick_is_partly_answered(
    page: Any, site_url: str, built_site: Path
) -> None:
    """As a real exam's "incomplete": the navigator and the review say so before Submit."""
    bank = bank_of(built_site)
    open_exam(page, site_url + "exam/?seed=6")
    start_mock(page)
    total = position(page)[1]
    for _ in range(total):
        if len(bank[current(page)]["correct"]) == 2:
            break
        page.get_by_role("button", name="Next").click()
    else:
        pytest.fail("this seed's mock exam has no choose-two question: pick another seed")
    number = position(page)[0]
    q = bank[current(page)]
    page.locator(f'[data-ss-question] input[value="{q["correct"][0]}"]').check()
    assert cell_label(page, number) == f"Question {number}: partly answered (1 of 2 picked)"
    assert "\u25d0" in page.locator(".ss-exam__cell").nth(number - 1).inner_text()
    page.locator(".ss-exam__nav").screenshot(path=screenshot_path("exam-partly-answered.png"))
    page.get_by_role("button", name="Review and submit").click()
    listed = page.locator(".ss-exam__review-list").first
    assert listed.locator("h3").inner_text().startswith("Not answered")
    assert f"Question {number} (1 of 2 picked)" in listed.inner_text()
    page.get_by_role("button", name="Submit the exam").click()
    assert "no complete answer" in page.locator(".ss-exam__confirm").inner_text()
    # The second pick completes it.
    page.get_by_role("button", name="Keep answering").click()
    page.locator(".ss-exam__cell").nth(number - 1).click()
    page.locator(f'[data-ss-question] input[value="{q["correct"][1]}"]').check()
    assert cell_label(page, number) == f"Question {number}: answered"


def test_answers_do_not_reach_progress_before_submit(
    page: Any, site_url: str, built_site: Path
) -> None:
    bank = bank_of(built_site)
    open_exam(page, site_url + "exam/")
    start_mock(page)
    answer(page, bank, right=True)
    assert page.evaluate(STORED_ANSWERS) == {}


def test_timer_warns_then_submits_when_time_runs_out(page: Any, site_url: str) -> None:
    page.clock.install(time=START)
    open_exam(page, site_url + "exam/?seed=5")
    start_mock(page)
    live = page.locator(".ss-exam__app > [aria-live]")
    page.clock.run_for("31:00")
    assert live.inner_text().strip() == "5 minutes left."
    page.clock.run_for("04:00")
    assert live.inner_text().startswith("1 minute left.")
    # The timer itself is not announced: it sits outside any live region.
    assert page.locator(".ss-exam__time").get_attribute("role") == "timer"
    page.clock.run_for("01:01")
    page.wait_for_selector(".ss-exam__score")
    view = page.locator(".ss-exam__view").inner_text()
    assert "Time ran out, so the attempt was submitted" in view
    assert page.locator(".ss-exam__score").inner_text().startswith("0 of 13 right (0%)")


def test_time_running_out_while_closed_submits_on_return(page: Any, site_url: str) -> None:
    page.clock.install(time=START)
    open_exam(page, site_url + "exam/")
    start_mock(page)
    page.goto(site_url)
    page.clock.run_for("40:00")
    open_exam(page, site_url + "exam/")
    page.wait_for_selector(".ss-exam__score")
    assert "while this page was closed" in page.locator(".ss-exam__view").inner_text()


def test_custom_practice_wrong_only_after_a_first_attempt(
    page: Any, site_url: str, built_site: Path
) -> None:
    bank = bank_of(built_site)
    open_exam(page, site_url + "exam/?seed=9")
    start_mock(page)
    wrong = []
    for number in range(1, 14):
        page.locator(".ss-exam__cell").nth(number - 1).click()
        answer(page, bank, right=number > 4)
        if number <= 4:
            wrong.append(current(page))
    submit(page)
    page.get_by_role("button", name="New practice exam").click()
    page.get_by_label("Only questions I got wrong last time").check()
    page.get_by_label("Untimed (the time taken is shown)").check()
    page.get_by_role("button", name="Start the custom practice").click()
    shown(page)
    assert position(page) == (1, 4)
    assert "Only 4 questions match your choices" in page.locator(".ss-exam__intro").inner_text()
    assert page.locator(".ss-exam__time").inner_text().startswith("Time taken")
    seen = {s["q"] for s in attempt(page)["slots"]}
    assert seen == set(wrong)
    # Not answered yet: none of the 13 answered ones; topics and difficulty narrow it.
    page.get_by_role("button", name="Review and submit").click()
    page.get_by_role("button", name="Submit the exam").click()
    page.get_by_role("button", name="Submit now").click()
    page.get_by_role("button", name="New practice exam").click()
    page.get_by_label("Only questions I have not answered").check()
    page.get_by_label(re.compile(r"Hard \(\d+\)")).uncheck()
    page.locator("input[name=count]").fill("50")
    page.get_by_role("button", name="Start the custom practice").click()
    shown(page)
    drawn = {s["q"] for s in attempt(page)["slots"]}
    assert not drawn & set(wrong)
    assert position(page)[1] == len(drawn)


def test_custom_practice_of_one_topic(page: Any, site_url: str, built_site: Path) -> None:
    bank = bank_of(built_site)
    open_exam(page, site_url + "exam/")
    page.locator("summary", has_text="Choose topics of domain 4").click()
    boxes = page.locator("input[name=topic]")
    for i in range(boxes.count()):
        boxes.nth(i).uncheck()
    page.get_by_label("IAM for machine learning").check()
    page.get_by_role("button", name="Start the custom practice").click()
    shown(page)
    drawn = [s["q"] for s in attempt(page)["slots"]]
    assert drawn and all("iam" in bank[q]["topics"] for q in drawn)
    assert len(drawn) == sum("iam" in q["topics"] for q in bank.values())


def test_keyboard_only_attempt(page: Any, site_url: str, built_site: Path) -> None:
    bank = bank_of(built_site)
    open_exam(page, site_url + "exam/?seed=4")
    page.get_by_role("button", name="Start the mock exam").focus()
    page.keyboard.press("Enter")
    shown(page)
    for number in range(1, 14):
        answer_by_keyboard(page, bank)
        if number == 2:
            page.keyboard.press("f")
        if number < 13:
            page.keyboard.press("n")
    assert position(page) == (13, 13)
    page.keyboard.press("p")
    assert position(page) == (12, 13)
    assert cell_label(page, 2) == "Question 2: answered, flagged"
    # F is the exam's own key here, not Material's search.
    assert not page.locator(".md-search__input").evaluate("e => e === document.activeElement")
    page.keyboard.press("?")
    assert page.locator(".ss-exam__keys").get_attribute("open") is not None
    review = page.get_by_role("button", name="Review and submit")
    review.focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Submit the exam").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".ss-exam__score")
    assert page.locator(".ss-exam__score").inner_text().startswith("13 of 13 right (100%)")
    assert page.locator(".ss-exam__view h2").first.inner_text() == "Result: passed"


def test_storage_that_throws_still_runs_an_attempt(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', {get() { throw new Error('denied'); }})"
    )
    try:
        page = context.new_page()
        errors: list[str] = []
        # Material's own palette code throws too (on every page): count only the site's.
        page.on(
            "pageerror",
            lambda e: errors.append(e.stack or "") if "studysite" in (e.stack or "") else None,
        )
        open_exam(page, site_url + "exam/")
        start_mock(page)
        page.locator("[data-ss-question] input").first.check()
        notice = page.locator(".ss-exam__notice")
        assert "will not be kept" in notice.inner_text()
        submit(page)
        assert page.locator(".ss-exam__score").inner_text().startswith(("0 of 13", "1 of 13"))
        assert errors == []
    finally:
        context.close()


def test_printing_the_exam_page_prints_a_notice_only(page: Any, site_url: str) -> None:
    open_exam(page, site_url + "exam/")
    start_mock(page)
    page.emulate_media(media="print")
    assert page.locator(".ss-exam").is_hidden()
    assert page.locator(".ss-exam__print").is_visible()
    assert "Practice exams work on screen" in page.locator(".ss-exam__print").inner_text()
    page.emulate_media(media="screen")
    assert page.locator(".ss-exam__print").is_hidden()


def test_home_and_domain_overview_link_the_exam(built_site: Path) -> None:
    from bs4 import BeautifulSoup

    for path, href in (("index.html", "exam/"), ("domain-4/index.html", "../exam/")):
        soup = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(f'.md-content a[href="{href}"]'), path
        nav = soup.select_one('.md-nav a[href$="exam/"]')
        assert nav is not None and nav.get_text(strip=True) == "Practice exam"


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_no_serious_accessibility_violations_in_any_state(
    browser: Any, site_url: str, built_site: Path, scheme: str
) -> None:
    bank = bank_of(built_site)
    for name, viewport in (
        ("wide", {"width": 1280, "height": 900}),
        ("phone", {"width": 375, "height": 800}),
    ):
        context = browser.new_context(viewport=viewport)
        try:
            page = context.new_page()
            palette = {"index": 1 if scheme == "default" else 2, "color": {"scheme": scheme}}
            page.goto(site_url)
            page.evaluate(f"localStorage.setItem('/.__palette', '{json.dumps(palette)}')")
            open_exam(page, site_url + "exam/?seed=2")
            assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
            shot = f"exam-{scheme}-{name}"
            assert serious_violations(page) == [], "start"
            page.screenshot(path=screenshot_path(f"{shot}-1-start.png"), full_page=True)
            start_mock(page)
            answer(page, bank, right=False)
            page.get_by_role("button", name="Flag for review").click()
            page.get_by_role("button", name="Next").click()
            answer(page, bank, right=True)
            assert serious_violations(page) == [], "question"
            page.screenshot(path=screenshot_path(f"{shot}-2-question.png"), full_page=True)
            page.get_by_role("button", name="Review and submit").click()
            page.get_by_role("button", name="Submit the exam").click()
            assert serious_violations(page) == [], "review"
            page.screenshot(path=screenshot_path(f"{shot}-3-review.png"), full_page=True)
            page.get_by_role("button", name="Submit now").click()
            page.wait_for_selector(".ss-exam__score")
            assert serious_violations(page) == [], "result"
            page.screenshot(path=screenshot_path(f"{shot}-4-result.png"), full_page=True)
        finally:
            context.close()


# ---- history, export and import ------------------------------------------------------------


def test_history_on_the_progress_page_and_export_import_carry_it(
    browser: Any, site_url: str, built_site: Path, tmp_path: Path
) -> None:
    bank = bank_of(built_site)
    context = browser.new_context()
    try:
        page = context.new_page()
        open_exam(page, site_url + "exam/?seed=1")
        start_mock(page)
        for number in range(1, 14):
            page.locator(".ss-exam__cell").nth(number - 1).click()
            answer(page, bank, right=number <= 10)
        submit(page)
        page.goto(site_url + "progress/")
        history = page.locator("[data-ss-exam-history] table")
        history.wait_for()
        row = history.locator("tbody tr").first.locator("th, td").all_inner_texts()
        assert row[1:4] == ["Full mock exam", "10 of 13 (77%)", "Passed"]
        assert serious_violations(page) == []
        page.screenshot(path=screenshot_path("exam-history.png"), full_page=True)
        with page.expect_download() as download:
            page.get_by_role("button", name="Export progress to a file").click()
        exported = tmp_path / "progress.json"
        download.value.save_as(exported)
        data = json.loads(exported.read_text(encoding="utf-8"))
        assert [a["right"] for a in data["attempts"]] == [10]
    finally:
        context.close()
    other = browser.new_context()
    try:
        page = other.new_page()
        page.goto(site_url + "progress/")
        page.wait_for_selector("[data-ss-exam-history] p")
        assert "No practice exam taken yet" in page.locator("[data-ss-exam-history]").inner_text()
        page.locator("input[type=file]").set_input_files(str(exported))
        history = page.locator("[data-ss-exam-history] table")
        history.wait_for()
        assert "10 of 13 (77%)" in history.inner_text()
    finally:
        other.close()


# ---- other ways of opening the site ----------------------------------------------------------


@pytest.fixture(scope="module")
def offline_site(offline_build: tuple[Path, Path]) -> Path:
    """The offline site, made once for the session by the documented command."""
    return offline_build[0]


def test_exam_works_opened_from_disk(page: Any, offline_site: Path) -> None:
    bank = bank_of(offline_site)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_exam(page, (offline_site / "exam.html").as_uri())
    start_mock(page)
    answer(page, bank, right=True)
    submit(page)
    assert page.locator(".ss-exam__score").inner_text().startswith("1 of 13 right")
    link = page.locator(".ss-exam__table table").nth(1).locator("a").first
    assert str(link.get_attribute("href")).endswith(".html")
    assert errors == []


def test_attempt_survives_instant_navigation_and_keys_still_work(
    page: Any, site_url: str, built_site: Path
) -> None:
    bank = bank_of(built_site)
    open_exam(page, site_url + "exam/?seed=8")
    start_mock(page)
    answer(page, bank, right=True)
    page.keyboard.press("n")
    # Material's instant navigation: the page is swapped, not reloaded.
    page.locator(".md-nav a", has_text="Your progress").first.click()
    page.wait_for_url("**/progress/")
    page.locator(".md-nav a", has_text="Practice exam").first.click()
    page.wait_for_selector(".ss-exam__resume")
    assert "1 of 13 questions answered" in page.locator(".ss-exam__resume").inner_text()
    page.get_by_role("button", name="Resume").click()
    shown(page)
    assert position(page) == (2, 13)
    page.keyboard.press("p")
    assert position(page) == (1, 13)
    page.keyboard.press("f")
    assert cell_label(page, 1) == "Question 1: answered, flagged"
    # Abandon asks first, then offers a fresh start.
    page.reload()
    page.wait_for_selector(".ss-exam__resume")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Abandon").click()
    page.get_by_role("button", name="Start the mock exam").wait_for()


def test_retirement_notice_reaches_the_exam_page(built_site: Path) -> None:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((built_site / "exam" / "index.html").read_text("utf-8"), "html.parser")
    notice = soup.select_one(".md-content .admonition")
    assert notice is not None and "retired" in notice.get_text()


def test_exam_works_under_mkdocs_serve(page: Any, project: Path) -> None:
    from tests.support.project import mkdocs_serve

    with mkdocs_serve(project) as url:
        open_exam(page, url + "exam/")
        start_mock(page)
        assert position(page) == (1, 13)
        assert page.locator("[data-ss-question] input").count() >= 4
