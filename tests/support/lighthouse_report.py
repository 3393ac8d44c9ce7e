"""Lighthouse on every page type of a built site, for the test and the benchmark.

Serves the site on 127.0.0.1 as a real host serves it (gzip, under ``/studysite/``:
tests/support/host_server.py) and runs Lighthouse (npm, pinned in tests/package.json) with
Debian's Chromium, mobile profile, on one page of each type: one Node process and one browser
for all of them (tests/support/lighthouse_pages.mjs). The test (tests/browser/test_lighthouse.py)
asserts accessibility, best practices and SEO; the benchmark (``python -m tests.bench
lighthouse``, or ``--lighthouse`` in a full run: tests/bench/lighthouse.py) records every
score, performance included, which moves with the machine's load.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from pathlib import Path
from typing import NamedTuple

from generator.publishing.chromium import CHROMIUM
from tests.support.host_server import serve_like_a_host

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "tests" / "node_modules" / ".bin" / "lighthouse"
PAGES_SCRIPT = ROOT / "tests" / "support" / "lighthouse_pages.mjs"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# One page of each type (the first domain's), as paths under the site.
PAGE_TYPES = {
    "Home": "",
    "Domain overview": "{domain}/",
    "Topic (table, tree, quiz)": "{domain}/deployment-options/",
    "Practice questions": "{domain}/questions/",
    "Key takeaways": "{domain}/takeaways/",
    "Study sheet": "{domain}/study-sheet/",
    "Progress": "progress/",
    "Glossary": "glossary/",
}


def page_paths(site: Path) -> dict[str, str]:
    """The page of each type in ``site``; a topic page with a tree when the first has none."""
    domain = sorted(p.parent.name for p in site.glob("domain-*/index.html"))[0]
    paths = {name: path.format(domain=domain) for name, path in PAGE_TYPES.items()}
    topic = paths["Topic (table, tree, quiz)"]
    if not (site / topic / "index.html").exists():
        tree_pages = [
            p.parent.relative_to(site).as_posix() + "/"
            for p in sorted(site.glob(f"{domain}/*/index.html"))
            if 'class="ss-tree"' in p.read_text(encoding="utf-8")
        ]
        paths["Topic (table, tree, quiz)"] = tree_pages[0]
    return paths


def run_lighthouse(
    pages: list[tuple[str, Path]], categories: tuple[str, ...] = CATEGORIES
) -> list[dict[str, int]]:
    """Lighthouse's category scores (0-100) for each ``(url, report path)``, mobile profile.

    One Node process and one Chromium score every page (tests/support/lighthouse_pages.mjs).
    """
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm install --prefix tests`")
    job = {
        "pages": [[url, str(out)] for url, out in pages],
        "categories": list(categories),
        "chromePath": os.environ.get("CHROME_PATH", CHROMIUM),
        "chromeFlags": [
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-sync",
        ],
    }
    subprocess.run(
        ["node", str(PAGES_SCRIPT), json.dumps(job)],
        cwd=ROOT / "tests",
        check=True,
        timeout=120 + 120 * len(pages),
    )
    scores = []
    for _, out in pages:
        report = json.loads(out.read_text(encoding="utf-8"))
        scores.append({c: round(100 * (report["categories"][c]["score"] or 0)) for c in categories})
    return scores


def failed_audits(report_path: Path, category: str) -> list[str]:
    """The audits of ``category`` that did not score full marks, for a readable failure."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    refs = report["categories"][category]["auditRefs"]
    bad = []
    for ref in refs:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            bad.append(f"{ref['id']}: {audit['title']}")
    return bad


class Scored(NamedTuple):
    """One page type's scores: its path, each category's median, a report, every run."""

    path: str
    scores: dict[str, int]
    report: Path
    runs: list[dict[str, int]]


def score_site(
    site: Path, work: Path, categories: tuple[str, ...] = CATEGORIES, runs: int = 1
) -> dict[str, Scored]:
    """The scores of each page type of ``site``, by name.

    With ``runs`` > 1 every page is scored that many times, in rounds over all the pages (so a
    burst of load on the machine touches every page alike), and each category's median kept.
    """
    paths = page_paths(site)
    scored: dict[str, list[dict[str, int]]] = {name: [] for name in paths}
    reports: dict[str, Path] = {}
    with serve_like_a_host(site) as base:
        for run in range(runs):
            outs = {name: work / f"{name.split()[0].lower()}-{run}.json" for name in paths}
            pages = [(base + paths[name], outs[name]) for name in paths]
            for name, scores in zip(paths, run_lighthouse(pages, categories), strict=True):
                scored[name].append(scores)
                reports[name] = outs[name]
    return {
        name: Scored(
            paths[name],
            {c: round(statistics.median(s[c] for s in scored[name])) for c in categories},
            reports[name],
            scored[name],
        )
        for name in paths
    }
