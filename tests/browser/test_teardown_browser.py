"""The teardown contract (mount.js): no listener, timer or observer of ours outlives its page.

Material's instant navigation swaps the page without a new document, so whatever a widget
adds to window, document or a media query stays unless its cleanup takes it away. An init
script wraps addEventListener, removeEventListener, setInterval, clearInterval and the
observers, and notes those called from the study site's own scripts (their stack names
``assets/studysite``). Twenty instant navigations go round a topic page (quiz, table, tree),
the practice page, the practice exam (an attempt running: its clock and its keys) and the
Progress page; each visit of a page finds as many listeners, timers and observers of ours,
and as many handler calls for the same events, as the first visit of that page did.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import wait_until
from tests.support.trees import instant_navigation

pytestmark = pytest.mark.browser

PAGES = ("domain-4/deployment-options/", "domain-4/questions/", "exam/", "progress/")
# The widgets of the page kinds' and the widgets' modules, before they mount.
MODULE_WIDGETS = ", ".join(
    f"{selector}:not([data-ss-ready])"
    for selector in (
        "[data-ss-exam-page]",
        "[data-ss-progress]",
        "[data-ss-exam-history]",
        "div.ss-tree[data-ss-tree]",
        "div.ss-table[data-ss-table]",
    )
)
NAVIGATIONS = 20

PROBE = r"""(() => {
  const ours = () => /assets\/studysite/.test(new Error().stack || "");
  const probe = { listeners: new Map(), intervals: new Set(), observed: new Map(), calls: 0, mounts: 0 };
  window.__ssProbe = probe;
  document.addEventListener("ss:mounted", () => probe.mounts++);
  let next = 0;
  const ids = new WeakMap();
  const id = (o) => ids.get(o) || (ids.set(o, ++next), next);
  const capture = (o) => (typeof o == "boolean" ? o : !!(o && o.capture));
  const where = (t) =>
    t === window ? "window" : t === document ? "document" : t instanceof MediaQueryList ? "media" :
    t instanceof Node && t.isConnected && !t.closest("[data-md-component=container]") ? "outside" : "own";
  const wrappers = new WeakMap();
  const add = EventTarget.prototype.addEventListener, remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    if (!listener || !ours()) return add.call(this, type, listener, options);
    const key = [id(this), type, id(listener), capture(options)].join(" ");
    const kind = where(this);
    let wrapper = wrappers.get(listener);
    if (!wrapper) {
      wrapper = function (event) {
        probe.calls++;
        if (options && options.once) probe.listeners.delete(key);
        return typeof listener == "function" ? listener.call(this, event) : listener.handleEvent(event);
      };
      wrappers.set(listener, wrapper);
    }
    if (kind != "own") probe.listeners.set(key, kind + " " + type);
    return add.call(this, type, wrapper, options);
  };
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    if (listener && wrappers.has(listener)) {
      probe.listeners.delete([id(this), type, id(listener), capture(options)].join(" "));
      return remove.call(this, type, wrappers.get(listener), options);
    }
    return remove.call(this, type, listener, options);
  };
  const setI = window.setInterval, clearI = window.clearInterval;
  window.setInterval = function (...args) {
    const handle = setI.apply(this, args);
    if (ours()) probe.intervals.add(handle);
    return handle;
  };
  window.clearInterval = function (handle) {
    probe.intervals.delete(handle);
    return clearI.call(this, handle);
  };
  for (const name of ["IntersectionObserver", "ResizeObserver", "MutationObserver"]) {
    const P = window[name] && window[name].prototype;
    if (!P) continue;
    const observe = P.observe, disconnect = P.disconnect;
    P.observe = function (...args) {
      if (ours()) probe.observed.set(id(this), name);
      return observe.apply(this, args);
    };
    P.disconnect = function () {
      probe.observed.delete(id(this));
      return disconnect.call(this);
    };
  }
  // What a visit leaves: our listeners outside the page's own elements, by target and type;
  // our running intervals and observers; and how many of our handlers the same events call.
  probe.snapshot = () => {
    const listeners = {};
    for (const what of probe.listeners.values()) listeners[what] = (listeners[what] || 0) + 1;
    probe.calls = 0;
    window.dispatchEvent(new Event("resize"));
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    window.dispatchEvent(new StorageEvent("storage", { key: "another-app" }));
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "Shift" }));
    document.dispatchEvent(new CustomEvent("ss:store-change", { bubbles: true, detail: { what: "probe" } }));
    return { listeners, intervals: probe.intervals.size, observers: probe.observed.size, calls: probe.calls };
  };
})();"""


def mounts(page: Any) -> int:
    return int(page.evaluate("window.__ssProbe.mounts"))


def navigate(page: Any, site_url: str, path: str) -> None:
    """Follow a link to ``path`` as a learner does: Material swaps the page in."""
    before = mounts(page)
    page.evaluate(
        """url => { const a = document.createElement("a"); a.href = url;
           document.body.append(a); a.click(); a.remove(); }""",
        site_url + path,
    )
    # Material runs the new page's scripts but does not wait for them all: a module's widgets
    # mount when its script has run, after the core's (mount.js).
    wait_until(
        page,
        "([n, path, pending]) => window.__ssProbe.mounts > n && location.pathname.endsWith(path)"
        " && !document.querySelector(pending)",
        [before, "/" + path, MODULE_WIDGETS],
    )


def run_exam(page: Any) -> None:
    """Start the mock exam, or resume the attempt started on an earlier visit."""
    page.wait_for_selector(".ss-exam__app")
    resume = page.get_by_role("button", name="Resume")
    if resume.count():
        resume.click()
    else:
        page.get_by_role("button", name="Start the mock exam").click()
    page.wait_for_selector("[data-ss-question] input")


def test_twenty_instant_navigations_leave_no_listener_timer_or_observer_behind(
    page: Any, site_url: str, built_site: Path
) -> None:
    instant_navigation(page, site_url, built_site)
    page.add_init_script(PROBE)
    page.goto(site_url + PAGES[0])
    wait_until(page, "window.__ssProbe.mounts > 0")
    page.evaluate("window.__ssFirstDocument = true")
    seen: dict[str, list[dict[str, Any]]] = {url: [] for url in PAGES}
    for n in range(NAVIGATIONS + 1):
        url = PAGES[n % len(PAGES)]
        if n:
            navigate(page, site_url, url)
        if url == "exam/":
            run_exam(page)
        seen[url].append(page.evaluate("window.__ssProbe.snapshot()"))
    assert page.evaluate("window.__ssFirstDocument") is True, "instant navigation expected"

    for url, visits in seen.items():
        assert visits[1:] == visits[:1] * (len(visits) - 1), (url, visits)
    topic, practice, exam, progress = (seen[url][0] for url in PAGES)
    # The exam's clock and keys while an attempt runs, gone on the next page.
    assert exam["intervals"] == 1 and exam["listeners"].get("window keydown") == 1, exam
    for other in (topic, practice, progress):
        assert other["intervals"] == 0 and "window keydown" not in other["listeners"], other
    # The table's and the tree's listeners on window go with their page.
    assert topic["listeners"].get("window hashchange", 0) >= 2, topic
    assert "window hashchange" not in practice["listeners"], practice
    assert topic["observers"] <= 1 and practice["observers"] == 0, (topic, practice)
    # Once each: the attempts' list, readiness, the summary (core) and the schedule's due days.
    assert progress["listeners"].get("document ss:store-change") == 4, progress

    # After twenty navigations, the widgets of the page still work, each once.
    answers = page.evaluate(
        "() => { window.__ssAnswers = 0;"
        " document.addEventListener('ss:answer', () => window.__ssAnswers++); }"
    )
    assert answers is None
    question = page.locator('.ss-question[data-ss-choose="1"]').first
    question.locator(".ss-choice__btn").first.click()
    assert question.locator(".ss-result").is_visible()
    assert page.evaluate("window.__ssAnswers") == 1
    tree = page.locator(".ss-tree--live").first
    tree.locator(".ss-tree__option").first.click()
    assert tree.locator(".ss-tree__crumb").count() == 1
    table = page.locator(".ss-table[data-ss-ready]").first
    table.locator("th .ss-sort").first.click()
    assert table.locator("th[aria-sort=ascending]").count() == 1
