"""What a learner does in the browser, and what it would load; shared by several tests.

Searching, answering a question, walking a decision tree, running axe-core, recording every
request a page makes, and listing what the pages of a built site would load from another host. The widgets
are found by their static markup contract (``.ss-question``, ``.ss-tree``) and the buttons
the scripts add, so these helpers work on any build of the site.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.support.project import NODE_MODULES

AXE = NODE_MODULES / "axe-core" / "axe.min.js"

# Serious and critical violations, one line each: rule, count, the first elements and why.
_RUN_AXE = """async (scope) => (await axe.run(scope ? document.querySelector(scope) : document))
  .violations.filter(v => ['serious', 'critical'].includes(v.impact))
  .map(v => v.id + ' (' + v.nodes.length + '): ' + v.nodes.slice(0, 3)
    .map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').split('\\n')[1]).join('; '))"""


# No animation running, and no block of the page left unrendered (content-visibility: auto).
_AT_REST = """() => document.getAnimations().length === 0 &&
  ![...document.querySelectorAll('.md-content__inner *')]
    .some((e) => getComputedStyle(e).contentVisibility === 'auto')"""


def wait_until(
    page: Any,
    expression: str,
    arg: Any = None,
    *,
    timeout: float = 30_000,
    polling: float = 100,
) -> Any:
    """Poll ``expression`` in ``page`` until it is truthy; return that value.

    ``expression`` is what ``page.evaluate`` takes: a JavaScript expression, or a function
    called with ``arg`` (which may hold element handles). Playwright's own
    ``wait_for_function`` compiles its predicate with eval inside the page, which the pages'
    Content-Security-Policy forbids (no 'unsafe-eval'); ``page.evaluate`` goes through the
    DevTools protocol, which that policy does not govern. A navigation under way while
    polling is waited out; after ``timeout`` milliseconds a TimeoutError names the
    page, the expression and the last value it gave.
    """
    deadline = time.monotonic() + timeout / 1000
    last: Any = None
    while True:
        try:
            last = page.evaluate(expression, arg)
        except Exception as error:
            # The document was replaced between two polls: poll again in the new one.
            if not re.search(r"context was destroyed|navigat", str(error), re.IGNORECASE):
                raise
            last = f"(navigating: {str(error).splitlines()[0]})"
        else:
            if last:
                return last
        if time.monotonic() >= deadline:
            raise TimeoutError(
                f"still not true after {timeout / 1000:g} s on {page.url}"
                f" (last value {last!r}):\n{expression}"
            )
        page.wait_for_timeout(polling)


def serious_violations(page: Any, scope: str | None = ".md-content") -> list[str]:
    """axe-core's serious and critical violations in ``scope`` (the whole page when None).

    The page is checked as a learner sees it at rest: with the pointer away from the last
    button (a link under it would be checked in Material's hover colour), once every
    animation has ended (axe run mid-fade, of the search dialog on a phone, the back-to-top
    button after a scroll or a colour transition, blends text with what is behind it and
    reports a contrast the learner never sees), and once offscreen.js has laid out the
    blocks a long page defers (axe misjudges the colours and sizes of unrendered ones).
    """
    if not AXE.exists():
        pytest.fail("axe-core is missing: run `npm install --prefix tests` (tests/run.sh does)")
    page.mouse.move(0, 0)
    wait_until(page, _AT_REST)
    if not page.evaluate("typeof axe != 'undefined'"):
        # Evaluated through the DevTools protocol, which the pages' Content-Security-Policy
        # does not govern: an added <script> element without its hash would be blocked.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    return list(page.evaluate(_RUN_AXE, scope))


# Elements and attributes that make the browser load something (not merely link to it).
LOADERS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "audio": "src",
    "video": "src",
    "embed": "src",
    "object": "data",
}
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "prefetch", "icon", "manifest"}
REMOTE = re.compile(r"^(https?:)?//", re.IGNORECASE)
CSS_REMOTE = re.compile(r"""(url\(\s*['"]?|@import\s+['"])(https?:)?//""", re.IGNORECASE)
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about", "file", "chrome-error"}


class RequestLog:
    """Every request the pages of a browser context make, for asserting where they went."""

    def __init__(self, context: Any) -> None:
        self.urls: list[str] = []
        context.on("request", lambda request: self.urls.append(request.url))

    def foreign(self, allowed_hosts: set[str]) -> list[str]:
        """The requests that went to a host not in ``allowed_hosts`` (or over another scheme)."""
        bad = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in LOCAL_SCHEMES:
                continue
            if parts.scheme not in {"http", "https", "ws"} or parts.hostname not in allowed_hosts:
                bad.append(url)
        return bad

    def paths(self) -> list[str]:
        """The paths requested, for checking that something was actually loaded."""
        return [urlsplit(url).path for url in self.urls]


# Counts the queries Material posts to its search worker and the answers that reach it (the
# capturing listener of search.js holds back the first of each pair, so one answer a query).
_COUNT_QUERIES = """() => {
  if (window.__ssQueries) return;
  const counts = window.__ssQueries = {asked: 0, answered: 0, frames: 0};
  const post = Worker.prototype.postMessage, watched = new WeakSet();
  Worker.prototype.postMessage = function (message, ...rest) {
    // Posted first, so that search.js's listener (added on its first query) comes before ours.
    const posted = post.call(this, message, ...rest);
    if (message && message.type == 2) {
      counts.asked++;
      if (!watched.has(this)) {
        watched.add(this);
        this.addEventListener("message", (event) => {
          if (event.data && event.data.type == 3) {
            counts.answered++;
            // Material shows results on an animation frame: count two frames after.
            requestAnimationFrame(() => requestAnimationFrame(() => { counts.frames = counts.answered; }));
          }
        });
      }
    }
    return posted;
  };
}"""
_ANSWERED = "() => { const c = window.__ssQueries; return c.asked == c.answered && c.frames == c.answered; }"


def search(page: Any, term: str) -> list[str]:
    """Search for ``term`` with Material's search box; return the result pages, best first.

    Each entry is the path of a result page (no ``?h=`` query, no fragment); a page that
    matches in several sections appears once, at its best rank.
    """
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    page.evaluate(_COUNT_QUERIES)
    box.click()
    # Material searches when a key is released: one keyup per value gives exactly one query.
    box.fill("")
    box.dispatch_event("keyup")
    meta.filter(has_text="Type to start searching").wait_for()
    box.fill(term)
    box.dispatch_event("keyup")
    meta.filter(has_text=re.compile("matching")).wait_for()
    # The worker answers in order, and a late answer to the cleared box would read "No
    # matching": wait until every query Material asked has its answer shown.
    wait_until(page, _ANSWERED)
    # Material writes the count before the list of results: wait for the list too.
    if "No matching" not in meta.inner_text():
        page.locator(".md-search-result__item > a").first.wait_for()
    hrefs: list[str] = page.locator(".md-search-result__item > a").evaluate_all(
        "els => els.map(a => new URL(a.href).pathname)"
    )
    pages: list[str] = []
    for href in hrefs:
        if href not in pages:
            pages.append(href)
    return pages


def answer_first_question(page: Any) -> str:
    """Answer the first one-answer question on the page; return the feedback that appeared."""
    question = page.locator('.ss-question[data-ss-choose="1"]').first
    question.wait_for()
    before = set(question.inner_text().splitlines())
    question.locator("button:visible").first.click()
    wait_until(
        page,
        """el => /\\b(right|wrong|correct|incorrect)\\b/i.test(el.innerText)""",
        question.element_handle(),
    )
    return "\n".join(line for line in question.inner_text().splitlines() if line not in before)


def walk_tree(page: Any, limit: int = 12) -> str:
    """Click the first choice of the first decision tree until it gives an answer; return it."""
    tree = page.locator(".ss-tree").first
    tree.scroll_into_view_if_needed()
    choices = tree.locator(".ss-tree__option:visible")
    choices.first.wait_for()
    for _ in range(limit):
        if choices.count() == 0:
            break
        choices.first.click()
    assert choices.count() == 0, f"the tree still asks a question after {limit} choices"
    return str(tree.inner_text())


def remote_loads(site: Path) -> list[str]:
    """Every URL on another host that a page or stylesheet of ``site`` would load."""
    found = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in LOADERS.items():
            for element in soup.find_all(tag):
                if REMOTE.match(str(element.get(attr) or "")):
                    found.append(f"{page.relative_to(site)}: <{tag} {attr}={element.get(attr)}>")
        for link in soup.find_all("link"):
            if set(link.get("rel") or []) & LOADING_RELS and REMOTE.match(str(link.get("href"))):
                found.append(f"{page.relative_to(site)}: <link href={link.get('href')}>")
        for style in soup.find_all("style"):
            if CSS_REMOTE.search(style.get_text()):
                found.append(f"{page.relative_to(site)}: <style> loads a remote URL")
        if soup.select(".mermaid"):
            found.append(
                f"{page.relative_to(site)}: a Mermaid diagram (Material loads Mermaid from a CDN)"
            )
    for css in sorted(site.rglob("*.css")):
        for match in CSS_REMOTE.finditer(css.read_text(encoding="utf-8")):
            found.append(f"{css.relative_to(site)}: {match.group(0)}")
    return found
