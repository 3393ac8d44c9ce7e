"""Lighthouse on every page type of the built site: a benchmark that prints a table.

Builds the site (``mkdocs build --strict``), serves it on 127.0.0.1 as a real host serves it
(gzip, under ``/studysite/``: tests/host_server.py), and runs Lighthouse (npm, pinned in
tests/package.json) with Debian's Chromium, mobile profile, on one page of each type. Prints
the scores as a Markdown table for the README. Scores are figures, not assertions; the test
(tests/test_lighthouse.py) asserts accessibility, best practices and SEO only.

    .venv/bin/python tests/lighthouse_report.py [--site site-dir]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.chromium import CHROMIUM
from tests.host_server import serve_like_a_host

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tests" / "node_modules" / ".bin" / "lighthouse"
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


def run_lighthouse(url: str, out: Path) -> dict[str, int]:
    """Lighthouse's four category scores (0-100) for ``url``, mobile profile."""
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `npm install --prefix tests`")
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", CHROMIUM))
    flags = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={flags}",
            "--form-factor=mobile",
            "--max-wait-for-load=60000",
        ],
        env=env,
        check=True,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


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


def score_site(site: Path, work: Path) -> dict[str, tuple[str, dict[str, int], Path]]:
    """Scores of each page type of ``site``: name -> (path, scores, report file)."""
    results = {}
    with serve_like_a_host(site) as base:
        for name, path in page_paths(site).items():
            out = work / (name.split()[0].lower() + ".json")
            results[name] = (path, run_lighthouse(base + path, out), out)
    return results


def table(results: dict[str, tuple[str, dict[str, int], Path]]) -> str:
    """The scores as a Markdown table."""
    lines = [
        "| Page type | Performance | Accessibility | Best practices | SEO |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for name, (_path, scores, _report) in results.items():
        lines.append(f"| {name} | " + " | ".join(str(scores[c]) for c in CATEGORIES) + " |")
    return "\n".join(lines)


def main() -> None:
    """Build (unless --site is given), score every page type, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                cwd=ROOT,
                check=True,
            )
        results = score_site(site, Path(tmp))
        print(table(results))
        for name, (_path, scores, report) in results.items():
            for category in CATEGORIES:
                if scores[category] < 100:
                    for audit in failed_audits(report, category):
                        print(f"{name}, {category}: {audit}")


if __name__ == "__main__":
    main()
