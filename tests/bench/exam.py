"""The practice exam page (``exam/``) in Chromium, per size.

What the page loads before Start (every response, gzipped, leaving out Material's own
scripts, stylesheets and the search index; target 150 KB), the time from Start to the first
question in the page and painted (``ss-exam-start`` mark to the next frame; target 300 ms),
answering an option and moving to the next question, each to the next animation frame, and
real key presses to the next paint by the Event Timing API (what INP is built on). The
generator's "exam data" stage, as a share of load + check + render, is a build figure.

Reading them: the exam page holds no questions; each domain's are in ``exam-data/domain-N.js``
(about 1.2 MB raw for a 1,000-question domain, one ``JSON.parse`` string), loaded when an
attempt needs them. The first question waits only for its own domain's script, so the time
barely grows with the bank; the other domains load after it is shown, one after another, in
tasks under 50 ms each. "To the next frame" starts at a frame's start (a
``requestAnimationFrame`` callback), so 16.7 ms is one frame; some frames at 10,000 questions
slip by one vsync because the headless software compositor's paint and commit of the new
question take about 8 ms. Event Timing reports in steps of 8 ms from 16 ms up, so 16 is one
frame at 60 Hz; the worst presses fall in the half second after Start while the other
domains' data load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.bench.common import BROWSER_RUNS, FRAME_MS, Figures, gzip_size, median, ms
from tests.support.browsing import wait_until

# Material's own files and the search index: the exam page's budget leaves them out.
_MATERIAL = ("/assets/javascripts/", "/assets/stylesheets/", "/search/")

_EXAM_STEP = """
async (action) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  await frame();
  const start = performance.now();
  if (action == "answer") {
    document.querySelector("[data-ss-question] input:not(:checked)").click();
  } else {
    const target = document.activeElement || document.body;  // where a real key press goes
    target.dispatchEvent(new KeyboardEvent("keydown", {key: "n", bubbles: true}));
  }
  const dom = performance.now() - start;
  // Style and layout of the change, forced here: with the script's work, what the next frame
  // must do before it paints (a frame is 16.7 ms at 60 Hz).
  document.body.getBoundingClientRect();
  const work = performance.now() - start;
  await frame();
  return {dom, work, frame: performance.now() - start};
}
"""


# Installed once a question shows: the Event Timing API's entries for key presses, whose
# duration runs from the key press to the next paint (what INP measures, in steps of 8 ms;
# a press painted within 16 ms, the API's lowest threshold, makes no entry).
_KEY_TIMING = """() => {
  window.__ssKeys = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name == "keydown") window.__ssKeys.push(e.duration);
  }).observe({type: "event", durationThreshold: 16});
}"""
KEY_PRESSES = 5  # of each key per load: "1" answers the question shown, "n" moves on


def _key_to_paint(page: Any, key: str) -> float:
    """A real key press on ``page``: milliseconds to the next paint, by Event Timing."""
    page.evaluate("() => { window.__ssKeys.length = 0; }")
    page.keyboard.press(key)
    page.wait_for_timeout(200)  # entries are delivered after the paint
    durations: list[float] = page.evaluate("() => window.__ssKeys")
    return max(durations, default=16.0)  # no entry: painted within 16 ms


def measure_exam(browser: Any, url: str) -> Figures:
    """The exam page: what it loads before Start, Start to first question, answer and move."""
    loads: list[dict[str, Any]] = []
    firsts: list[float] = []
    first_frames: list[float] = []
    steps: dict[str, list[float]] = {
        f"{action}{part}": []
        for action in ("answer", "move")
        for part in ("", "_work", "_frame", "_paint")
    }
    for run in range(BROWSER_RUNS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        finished: list[Any] = []
        page.on("requestfinished", lambda request: finished.append(request))  # noqa: B023
        page.goto(f"{url}exam/", wait_until="networkidle")
        page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")
        if run == 0:
            for request in finished:
                response = request.response()
                address, body = request.url, response.body() if response else b""
                path = address.split("?")[0].removeprefix(url.rstrip("/"))
                material = any(part in path for part in _MATERIAL)
                loads.append(
                    {"path": path, "raw": len(body), "gz": gzip_size(body), "material": material}
                )
        page.evaluate(
            """() => new Promise((done) => {
                 window.__ssFirst = null;
                 document.addEventListener("ss:exam-start", () => {
                   const check = () => {
                     if (document.querySelector("[data-ss-question]")) {
                       const shown = performance.now();
                       requestAnimationFrame(() => {
                         window.__ssFirst = [shown, performance.now()];
                       });
                     } else requestAnimationFrame(check);
                   };
                   check();
                 }, {once: true});
                 done();
               })"""
        )
        page.get_by_role("button", name="Start the mock exam").click()
        wait_until(page, "() => window.__ssFirst !== null", timeout=30_000)
        start = page.evaluate("() => performance.getEntriesByName('ss-exam-start')[0].startTime")
        shown, painted = page.evaluate("() => window.__ssFirst")
        firsts.append(float(shown) - float(start))
        first_frames.append(float(painted) - float(start))
        for action in ("answer", "move"):
            got = page.evaluate(_EXAM_STEP, action)
            steps[action].append(float(got["dom"]))
            steps[f"{action}_work"].append(float(got["work"]))
            steps[f"{action}_frame"].append(float(got["frame"]))
        page.evaluate(_KEY_TIMING)
        for _ in range(KEY_PRESSES):
            steps["answer_paint"].append(_key_to_paint(page, "1"))
            steps["move_paint"].append(_key_to_paint(page, "n"))
        context.close()
    own = [item for item in loads if not item["material"]]
    return {
        "loads": loads,
        "before_start_gz": sum(item["gz"] for item in own),
        "before_start_raw": sum(item["raw"] for item in own),
        "material_gz": sum(item["gz"] for item in loads if item["material"]),
        "first_question_ms": median(firsts),
        "first_question_frame_ms": median(first_frames),
        **{f"{name}_ms": median(values) for name, values in steps.items()},
        "answer_paint_worst_ms": max(steps["answer_paint"]),
        "move_paint_worst_ms": max(steps["move_paint"]),
    }


def measure_exams(sites: list[tuple[int, Path]]) -> Figures:
    """The exam page of each size's site, in Chromium."""
    from playwright.sync_api import sync_playwright

    from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.support.project import serve

    results: Figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for questions, site in sites:
            for url in serve(site):
                results[str(questions)] = measure_exam(browser, url)
        browser.close()
    return results


def print_exams(exams: Figures) -> None:
    print(f"\n== The practice exam page (exam/), Chromium; medians of {BROWSER_RUNS} loads")
    for questions, info in exams.items():
        print(
            f"{int(questions):,} questions: loads before Start {info['before_start_gz']:,} B "
            f"gzipped ({info['before_start_raw']:,} B raw), leaving out Material's own files "
            f"and the search index ({info['material_gz']:,} B gzipped)"
        )
        for item in info["loads"]:
            if not item["material"]:
                print(f"  {item['path']:<40} {item['raw']:>10,} {item['gz']:>9,}")
        print(
            f"  Start to the first question in the page {ms(info['first_question_ms'])}, "
            f"painted (next frame) {ms(info['first_question_frame_ms'])}; answering: script "
            f"{ms(info['answer_ms'])}, with style and layout {ms(info['answer_work_ms'])}, "
            f"{ms(info['answer_frame_ms'])} to the next frame; next question: script "
            f"{ms(info['move_ms'])}, with style and layout {ms(info['move_work_ms'])}, "
            f"{ms(info['move_frame_ms'])} to the next frame (a frame is {FRAME_MS:.1f} ms; "
            "the wait starts at a frame's start)"
        )
        print(
            f"  Key press to the next paint (Event Timing, as INP counts it; {KEY_PRESSES} "
            f"presses a load): answering with 1 {ms(info['answer_paint_ms'])} (worst "
            f"{ms(info['answer_paint_worst_ms'])}), next question with N "
            f"{ms(info['move_paint_ms'])} (worst {ms(info['move_paint_worst_ms'])})"
        )
