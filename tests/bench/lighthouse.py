"""Lighthouse's scores of every page type of the bundled site (``--lighthouse``).

The site is built with ``mkdocs build --strict`` and served as a real host serves it (gzip,
under ``/studysite/``: ``tests/support/host_server.py``); Lighthouse (npm, pinned in
``tests/package.json``) scores one page of each type with Debian's Chromium, mobile profile,
one Node process and one browser for all of them (``tests/support/lighthouse_report.py``, which
the test ``tests/browser/test_lighthouse.py`` shares: it asserts accessibility, best practices
and SEO at 100; performance is only a figure).

Performance moves with the machine's load (Lighthouse simulates a slow phone by scaling the
main-thread work it observes), so each page is scored :data:`RUNS` times, in rounds over all
the pages, and the median kept; the load average before and after is recorded with it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.bench.common import ROOT, Figures, load_average

RUNS = 3


def measure_lighthouse(work: Path, site: Path | None = None, runs: int = RUNS) -> Figures:
    """Every page type's scores (medians of ``runs``) and each run's performance."""
    from tests.support.lighthouse_report import CATEGORIES, score_site

    work.mkdir(parents=True, exist_ok=True)
    if site is None:
        site = work / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
            cwd=ROOT,
            check=True,
        )
    before = load_average()
    results = score_site(site, work, runs=max(1, runs))
    after = load_average()
    return {
        "runs": max(1, runs),
        "load_before": before,
        "load_after": after,
        "pages": {
            name: {
                "path": scored.path,
                "scores": scored.scores,
                "performance_runs": [run["performance"] for run in scored.runs],
            }
            for name, scored in results.items()
        },
        "categories": list(CATEGORIES),
    }


def lighthouse_markdown(figures: Figures) -> str:
    """The median scores as a Markdown table, with each run's performance."""
    lines = [
        "| Page type | Performance | Accessibility | Best practices | SEO |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, page in figures["pages"].items():
        scores = " | ".join(str(page["scores"][c]) for c in figures["categories"])
        lines.append(f"| {name} | {scores} |")
    before = ", ".join(f"{x:.2f}" for x in figures["load_before"])
    after = ", ".join(f"{x:.2f}" for x in figures["load_after"])
    runs = "; ".join(
        f"{name} {page['performance_runs']}" for name, page in figures["pages"].items()
    )
    lines += [
        "",
        f"Median of {figures['runs']} runs; load average {before} before, {after} after. "
        f"Performance of each run: {runs}.",
    ]
    return "\n".join(lines)
