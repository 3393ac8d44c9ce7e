"""Lighthouse (mobile profile, the site served with gzip as a host serves it) on every page
type: accessibility, best practices and SEO score 100. Performance is a benchmark figure
(`python -m tests.bench lighthouse` prints it), never asserted: it depends on the machine's load."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.lighthouse_report import LIGHTHOUSE, PAGE_TYPES, failed_audits, score_site

pytestmark = pytest.mark.browser

ASSERTED = ("accessibility", "best-practices", "seo")


def test_every_page_type_scores_100(built_site: Path, tmp_path: Path) -> None:
    if not LIGHTHOUSE.exists():
        pytest.fail("Lighthouse is missing: run `npm install --prefix tests` (tests/run.sh does)")
    results = score_site(built_site, tmp_path, ASSERTED)
    assert set(results) == set(PAGE_TYPES)
    low = [
        f"{name} {category} {r.scores[category]}: {failed_audits(r.report, category)}"
        for name, r in results.items()
        for category in ASSERTED
        if r.scores[category] != 100
    ]
    assert not low, "\n".join(low)
