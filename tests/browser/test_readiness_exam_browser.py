"""Readiness by domain on the practice exam page (issue 30): the same partial and the same
script as on the Progress page (js/schedule/readiness.js), so the same figures at every
moment; the formula checked; on paper; axe; file://. Times are moved by Playwright's clock."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.support.browsing import serious_violations
from tests.support.quiz_helpers import quiz_pages
from tests.support.review_helpers import answer_on, single_questions

pytestmark = pytest.mark.browser

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BOX = "[data-ss-readiness]:not([hidden])"


def errors_of(page: Any) -> list[str]:
    seen: list[str] = []
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


def figures(page: Any, url: str) -> dict[str, list[str]]:
    """Per domain number (and "all"): (predicted right, rests on), as the page shows them."""
    page.goto(url)
    page.wait_for_selector(BOX, timeout=10_000)
    return page.evaluate(  # type: ignore[no-any-return]
        """() => Object.fromEntries([...document.querySelectorAll('[data-ss-ready-domain]')].map(
             (e) => { const n = e.dataset.ssReadyDomain;
               const basis = document.querySelector(`[data-ss-ready-basis="${n}"]`);
               return [n, [e.textContent, basis.textContent]]; }))"""
    )


def test_the_exam_page_shows_the_progress_pages_figures_by_the_same_formula(
    page: Any, site_url: str, built_site: Path
) -> None:
    errors = errors_of(page)
    page.clock.install(time=T0)
    exam = figures(page, site_url + "exam/")
    box = page.locator("[data-ss-readiness]")
    assert "R + (1 \u2212 R) \u00d7 g" in box.inner_text()
    assert "not a promise of a pass" in box.inner_text()
    assert box.get_by_role("heading", name="Readiness by domain").is_visible()
    index = page.evaluate(
        "JSON.parse(document.querySelector('[data-ss-readiness]').dataset.ssReadinessIndex).q"
    )
    # The script is the schedule module's, which the exam page loads anyway; no copy of it.
    assert page.locator("script[src*='studysite-progress']").count() == 0
    assert exam == figures(page, site_url + "progress/")

    def guess(q: list[Any]) -> float:
        # 1 in the number of ways to pick the answer; a type without picks (typed, ordered,
        # matched: options 0) has no guess rate.
        return float(1 / math.comb(q[3], q[4])) if q[3] > 0 else 0.0

    domain = index[0][2]
    mine = [q for q in index if q[2] == domain]
    expected = round(100 * sum(guess(q) for q in mine) / len(mine))
    assert exam[str(domain)] == [f"{expected}%", f"0 of {len(mine)} questions answered"]
    # Three right answers: recall 1 now; both pages move alike.
    questions = single_questions(page, site_url + quiz_pages(built_site)[0])
    right = {answer_on(page, q, right=True) for q in questions[:3]}
    exam = figures(page, site_url + "exam/")
    expected = round(100 * sum(1 if q[0] in right else guess(q) for q in mine) / len(mine))
    assert exam[str(domain)] == [f"{expected}%", f"3 of {len(mine)} questions answered"]
    assert exam["all"][0] == f"{expected}%"
    assert exam == figures(page, site_url + "progress/")
    # A month on: lower, never below the guess rate, and the same on both pages.
    page.clock.set_system_time(T0 + timedelta(days=30))
    exam = figures(page, site_url + "exam/")
    later = int(exam[str(domain)][0].rstrip("%"))
    floor = round(100 * sum(guess(q) for q in mine) / len(mine))
    assert floor <= later < expected
    assert exam == figures(page, site_url + "progress/")
    assert errors == []


def test_it_prints_as_a_table_and_has_no_serious_violations(browser: Any, site_url: str) -> None:
    for scheme in ("default", "slate"):
        for width in (1280, 375):
            context = browser.new_context(viewport={"width": width, "height": 900})
            try:
                page = context.new_page()
                page.goto(site_url)
                palette = {"index": 1 if scheme == "default" else 2, "color": {"scheme": scheme}}
                page.evaluate("p => __md_set('__palette', p)", palette)
                page.goto(site_url + "exam/")
                page.wait_for_selector(BOX, timeout=10_000)
                assert serious_violations(page) == [], (scheme, width)
            finally:
                context.close()
    page = browser.new_page()
    try:
        page.goto(site_url + "exam/")
        page.wait_for_selector(BOX, timeout=10_000)
        page.emulate_media(media="print")
        assert page.locator("[data-ss-readiness] table").is_visible()
        assert page.locator('[data-ss-ready-domain="all"]').inner_text().endswith("%")
    finally:
        page.close()


def test_works_from_disk(page: Any, built_site: Path) -> None:
    errors = errors_of(page)
    page.goto((built_site / "exam" / "index.html").as_uri())
    page.wait_for_selector(BOX, timeout=10_000)
    assert page.locator('[data-ss-ready-domain="all"]').inner_text().endswith("%")
    assert errors == []
