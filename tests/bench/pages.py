"""Page loads in Chromium: the widgets' mount, an answer's feedback, navigation to quiz ready.

On a topic page with 100 questions (plus a comparison table and a decision tree): the
``ss-mount`` performance measure of ``mount.js``, each widget's mount function, and the time
from an answer click to its feedback (the ``ss-answer-click`` and ``ss-feedback-shown`` marks
of ``quiz.js``; a MutationObserver and ``requestAnimationFrame`` also measure it from the page,
which is what is reported when the marks are missing); the mount time of a 1,000-question
practice page of the largest bank. And, for the waits people feel, navigation start to "every
quiz set up and no long task for a second" in a cold browser context, the same way for this
project's pages and mkdocs-quiz's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.bench.banks import write_bank
from tests.bench.common import BROWSER_RUNS, FRAME_MS, Figures, child, median, ms
from tests.support.browsing import wait_until

BROWSER_QUESTIONS = 100

_CLICK_SETUP = """
() => {
  window.__ss = {click: null, change: null, frame: null};
  document.addEventListener("click", (event) => {
    if (window.__ss.click !== null) return;
    window.__ss.click = event.timeStamp;
    const section = event.target.closest("[data-ss-question]");
    if (!section) return;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      window.__ss.change = performance.now();
      requestAnimationFrame(() => { window.__ss.frame = performance.now(); });
    });
    observer.observe(section, {subtree: true, childList: true, attributes: true,
                               characterData: true});
  }, {capture: true});
}
"""

# Before any script runs: time each widget's mount function (mount.js's register wrapped).
_WIDGET_TIMER = """
(() => {
  const times = (window.__ssWidgets = {});
  let site;
  Object.defineProperty(window, "StudySite", {
    configurable: true,
    get() { return site; },
    set(value) {
      site = value;
      const register = value.register;
      value.register = (name, selector, mount) => register(name, selector, (element) => {
        const start = performance.now();
        try { return mount(element); }
        finally { times[name] = (times[name] || 0) + performance.now() - start; }
      });
    },
  });
})();
"""

_FEEDBACK = """
() => {
  const c = performance.getEntriesByName("ss-answer-click");
  const f = performance.getEntriesByName("ss-feedback-shown");
  const marks = c.length && f.length ? f[f.length - 1].startTime - c[c.length - 1].startTime
                                     : null;
  return {marks, ...window.__ss};
}
"""

_OPTION_SELECTORS = (  # quiz.js's option buttons first, then guesses at other markup
    "button.ss-choice__btn",
    "[data-ss-option] button",
    "button[data-ss-option]",
    ".ss-option input",
)


def click_first_option(page: Any) -> str | None:
    """Click the first visible answer option of the first question; the selector used."""
    first = page.locator("section.ss-question").first
    for selector in _OPTION_SELECTORS:
        target = first.locator(selector).first
        if target.count() and target.is_visible():
            target.click(timeout=5_000)
            return selector
    return None


def measure_page(browser: Any, url: str, click: bool) -> Figures:
    """Median mount time of ``url`` over several loads; click-to-feedback when asked."""
    mounts: list[float] = []
    marks: list[float] = []
    changes: list[float] = []
    frames: list[float] = []
    widgets: dict[str, list[float]] = {}
    info: Figures = {}
    for _ in range(BROWSER_RUNS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(_WIDGET_TIMER)
        page = context.new_page()
        page.goto(url, wait_until="load")
        wait_until(
            page, "() => performance.getEntriesByName('ss-mount').length > 0", timeout=30_000
        )
        mounts.append(
            float(page.evaluate("() => performance.getEntriesByName('ss-mount')[0].duration"))
        )
        for name, spent in page.evaluate("() => window.__ssWidgets || {}").items():
            widgets.setdefault(name, []).append(float(spent))
        info["questions"] = page.locator("section.ss-question").count()
        info["mounted"] = page.locator("[data-ss-ready]").count()
        if click:
            page.evaluate(_CLICK_SETUP)
            info["clicked"] = click_first_option(page)
            page.wait_for_timeout(300)
            found = page.evaluate(_FEEDBACK)
            if found["marks"] is not None:
                marks.append(float(found["marks"]))
            if found["click"] is not None and found["change"] is not None:
                changes.append(float(found["change"]) - float(found["click"]))
            if found["click"] is not None and found["frame"] is not None:
                frames.append(float(found["frame"]) - float(found["click"]))
        context.close()
    info["mount_ms"] = median(mounts)
    info["mount_ms_all"] = mounts
    info["widgets_ms"] = {name: median(times) for name, times in sorted(widgets.items())}
    if click:
        info["feedback_marks_ms"] = median(marks)
        info["feedback_dom_ms"] = median(changes)
        info["feedback_frame_ms"] = median(frames)
    return info


def measure_browser(work: Path, practice_site: Path | None) -> Figures:
    """Chromium: a 100-question topic page, and a practice page of the largest bank."""
    from playwright.sync_api import sync_playwright

    from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.support.project import copy_project, serve

    data = work / "data"
    write_bank(data, BROWSER_QUESTIONS, per_topic=BROWSER_QUESTIONS)
    project = work / "project"
    project.mkdir(parents=True)
    copy_project(project, data)
    site = work / "site"
    child(["mkdocs", str(project), str(site)], project)
    results: Figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results["chromium"] = browser.version
        for url in serve(site):
            results["topic"] = measure_page(browser, f"{url}domain-1/d1-t001/", click=True)
        if practice_site is not None:
            for url in serve(practice_site):
                results["practice"] = measure_page(
                    browser, f"{url}domain-1/questions/", click=False
                )
        browser.close()
    return results


def _by_widget(info: Figures) -> str:
    return ", ".join(f"{name} {ms(spent)}" for name, spent in info["widgets_ms"].items())


def print_browser(results: Figures) -> None:
    topic = results["topic"]
    print(f"\n== Chromium {results['chromium']}, headless; medians of {BROWSER_RUNS} page loads")
    print(
        f"topic page with {topic['questions']} questions, a table and a tree: widgets mount in "
        f"{ms(topic['mount_ms'])} ({topic['mounted']} elements; every load: "
        f"{', '.join(f'{m:.1f}' for m in topic['mount_ms_all'])} ms)"
    )
    print(f"  by widget: {_by_widget(topic)}")
    if topic.get("clicked") is None:
        print("no answer button to click on the page (is quiz.js mounting?)")
    else:
        if topic["feedback_marks_ms"] is not None:
            print(
                "answer click to feedback shown (quiz.js marks ss-answer-click -> "
                f"ss-feedback-shown): {ms(topic['feedback_marks_ms'])}"
            )
        else:
            print("quiz.js records no ss-answer-click / ss-feedback-shown marks")
        print(
            f"measured from the page: click on {topic['clicked']} to the first DOM change in "
            f"the question (MutationObserver) {ms(topic['feedback_dom_ms'])}, to the next "
            f"animation frame {ms(topic['feedback_frame_ms'])} (a frame is {FRAME_MS:.1f} ms)"
        )
    if "practice" in results:
        practice = results["practice"]
        print(
            f"practice page with {practice['questions']} questions (largest bank): widgets "
            f"mount in {ms(practice['mount_ms'])}"
        )
        print(f"  by widget: {_by_widget(practice)}")


# When a page's quizzes are ready to answer, per tool: every quiz of this project has been
# made live; mkdocs-quiz has added its reset button to its last quiz (it sets them up in order).
READY = {
    "studysite": "[...document.querySelectorAll('[data-ss-quiz]')].every("
    "(q) => q.classList.contains('ss-quiz--live')) && !!document.querySelector('[data-ss-quiz]')",
    "mkdocs-quiz": "(() => { const q = document.querySelectorAll('.quiz'); "
    "return q.length > 0 && !!q[q.length - 1].querySelector('.quiz-reset-button'); })()",
}

# Installed before a page's scripts: records long tasks and when the quizzes became ready.
_READY_PROBE = """
(() => {
  const probe = (window.__ready = {tasks: [], at: null});
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.tasks.push(e.startTime + e.duration);
    }).observe({type: "longtask", buffered: true});
  } catch (error) {}
  const check = () => {
    if (probe.at === null && (READY)) probe.at = performance.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true,
                                                 attributes: true, attributeFilter: ["class"]});
})();
"""


def ready_once(browser: Any, url: str, ready: str) -> float:
    """Navigation start to quizzes ready and the main thread free, in one cold load (ms).

    Ready is when the quizzes have been set up and no long task (50 ms or more) follows for a
    second: the moment a click is answered at once. Both tools are measured the same way.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(_READY_PROBE.replace("READY", ready))
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=180_000)
        wait_until(page, "() => window.__ready.at !== null", timeout=180_000)
        while True:
            page.wait_for_timeout(250)
            probe = page.evaluate(
                "() => ({now: performance.now(), at: window.__ready.at,"
                " last: Math.max(0, ...window.__ready.tasks)})"
            )
            if probe["now"] - max(probe["at"], probe["last"]) >= 1000:
                return float(max(probe["at"], probe["last"]))
    finally:
        context.close()


def measure_ready(browser: Any, pages: dict[str, tuple[str, str]], runs: int) -> Figures:
    """Median navigation-to-ready of each page over ``runs`` cold loads, interleaved.

    One load of each page comes first and is not counted: a fresh browser's first load of a
    site also pays for starting its processes and compiling the site's scripts, which the
    other loads (new contexts, so cold caches) do not.
    """
    times: dict[str, list[float]] = {name: [] for name in pages}
    for url, ready in pages.values():
        ready_once(browser, url, ready)
    for _ in range(runs):
        for name, (url, ready) in pages.items():
            times[name].append(ready_once(browser, url, ready))
    return {name: {"median": median(t), "all": t} for name, t in times.items()}
