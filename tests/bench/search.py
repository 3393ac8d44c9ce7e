"""The first search: the search box typed into as soon as the page has loaded.

First key to first result shown, at the largest size (median of :data:`SEARCH_RUNS`), on this
project's site and on mkdocs-quiz's built from the same bank. The term is a word of the first
topic's title (:func:`tests.bench.banks.search_term`), found on many pages.
"""

from __future__ import annotations

from typing import Any

from tests.bench.common import Figures, median
from tests.support.browsing import wait_until

SEARCH_RUNS = 5

# Installed before the page's scripts: the first key pressed in the search box, and the first
# result Material shows.
_SEARCH_PROBE = """
(() => {
  const probe = (window.__search = {key: null, result: null});
  document.addEventListener("keydown", (event) => {
    if (probe.key === null && event.target.matches("input.md-search__input"))
      probe.key = performance.now();
  }, {capture: true});
  new MutationObserver(() => {
    if (probe.key !== null && probe.result === null &&
        document.querySelector(".md-search-result__item")) probe.result = performance.now();
  }).observe(document, {subtree: true, childList: true});
})();
"""


def measure_first_search(browser: Any, url: str, term: str, runs: int) -> Figures:
    """First key to first result: the search box used as soon as the page has loaded (ms)."""
    times: list[float] = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            context.add_init_script(_SEARCH_PROBE)
            page = context.new_page()
            page.goto(url, wait_until="load", timeout=180_000)
            page.locator("input.md-search__input").click()
            page.keyboard.type(term, delay=60)
            wait_until(page, "() => window.__search.result !== null", timeout=180_000)
            probe = page.evaluate("() => window.__search")
            times.append(float(probe["result"] - probe["key"]))
        finally:
            context.close()
    return {"median": median(times), "all": times}
