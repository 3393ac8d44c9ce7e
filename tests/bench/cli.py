"""The command line: ``python -m tests.bench [OPTIONS]``, ``readme`` or ``lighthouse``."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from tests.bench import readme
from tests.bench.builds import measure_size
from tests.bench.common import RESULTS, ROOT, Figures, load_average, machine, machine_line
from tests.bench.compare import MKDOCS_QUIZ, ZENSICAL
from tests.bench.report import full_report
from tests.bench.sizes import page_kind_sizes, print_assets, served_sizes, source_sizes


@contextmanager
def _workdir(keep: Path | None) -> Iterator[Path]:
    if keep is None:
        with tempfile.TemporaryDirectory(prefix="studysite-bench-") as name:
            yield Path(name)
        return
    if keep.exists():
        shutil.rmtree(keep)
    keep.mkdir(parents=True)
    yield keep


def _now() -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.gmtime())


def _commit() -> str:
    """This checkout's commit, ``+changes`` when its files differ from it."""

    def git(*args: str) -> str:
        run = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
        return run.stdout.strip() if run.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench",
        description="Print what synthetic question banks of several sizes cost to build and "
        "use, beside mkdocs-quiz, and write every figure as JSON. "
        "`python -m tests.bench readme` rewrites the README's table from that JSON; "
        "`python -m tests.bench lighthouse` prints Lighthouse's scores only.",
    )
    parser.add_argument(
        "--sizes", default="1000,10000", help="numbers of questions, comma-separated"
    )
    parser.add_argument(
        "--repeat", type=int, default=2, help="runs with the pages up to date; the best counts"
    )
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium figures")
    parser.add_argument(
        "--no-waits",
        action="store_true",
        help="skip the waits people feel (serve edit-to-reload, quiz ready, first search)",
    )
    parser.add_argument(
        "--no-compare", action="store_true", help=f"skip the side-by-side {MKDOCS_QUIZ} build"
    )
    parser.add_argument("--no-zensical", action="store_true", help=f"skip the {ZENSICAL} build")
    parser.add_argument(
        "--no-mixed", action="store_true", help="skip the mixed bank (every question type)"
    )
    parser.add_argument(
        "--mixed-only",
        action="store_true",
        help="only the mixed bank (every question type), none of the multiple-choice figures",
    )
    parser.add_argument(
        "--lighthouse", action="store_true", help="also score every page type with Lighthouse"
    )
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (replaced)")
    parser.add_argument(
        "--out",
        "--json",
        dest="out",
        type=Path,
        default=RESULTS / "latest.json",
        help="write every figure to this JSON file, and the tables beside it as .md "
        "(default: tests/bench/results/latest.json)",
    )
    return parser


def lighthouse_only(argv: Sequence[str]) -> int:
    """``python -m tests.bench lighthouse``: Lighthouse's table for a site, or this project's."""
    from tests.bench.lighthouse import RUNS, lighthouse_markdown, measure_lighthouse

    parser = argparse.ArgumentParser(prog="python -m tests.bench lighthouse")
    parser.add_argument("--site", type=Path, help="a built site (default: build this project)")
    parser.add_argument("--runs", type=int, default=RUNS, help="runs per page; the median shown")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="studysite-lighthouse-") as work:
        print(lighthouse_markdown(measure_lighthouse(Path(work), args.site, args.runs)))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark, print its figures and write them as JSON."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["readme"]:
        return readme.main(argv[1:])
    if argv[:1] == ["lighthouse"]:
        return lighthouse_only(argv[1:])
    args = _parser().parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    repeat = max(1, args.repeat)
    meta: Figures = {
        "command": " ".join(["python -m tests.bench", *argv]),
        "started": _now(),
        "commit": _commit(),
        "machine": machine(),
        "load_before": load_average(),
    }
    print(f"Machine: {machine_line(meta['machine'], meta['load_before'])}")

    figures: list[Figures] = []
    browser: Figures = {}
    waits: Figures = {}
    lighthouse: Figures = {}
    mixed: Figures = {}
    with _workdir(args.keep) as work:
        for questions in [] if args.mixed_only else sizes:
            folder = work / f"q{questions}"
            folder.mkdir()
            figures.append(measure_size(questions, folder, repeat))
        site = Path(figures[0]["site"]) if figures else None
        sources, served = source_sizes(), served_sizes(site)
        kinds = page_kind_sizes(site, served) if site else {}
        print_assets(sources, served, kinds)
        if not args.no_browser and figures:
            from tests.bench.exam import measure_exams, print_exams
            from tests.bench.pages import measure_browser, print_browser

            browser = measure_browser(work / "browser", Path(figures[-1]["site"]))
            print_browser(browser)
            browser["exam"] = measure_exams([(f["questions"], Path(f["site"])) for f in figures])
            print_exams(browser["exam"])
        if not args.no_browser and not args.no_waits and figures:
            from tests.bench.waits import measure_waits

            print("\n== The waits people feel", flush=True)
            waits = measure_waits(
                work / "waits", figures, not args.no_compare, not args.no_zensical
            )
        if not args.no_mixed:
            from tests.bench.mixed import measure_mixed

            mixed = measure_mixed(work / "mixed", sizes, repeat, not args.no_browser)
        if args.lighthouse:
            from tests.bench.lighthouse import measure_lighthouse

            print("\n== Lighthouse", flush=True)
            lighthouse = measure_lighthouse(work / "lighthouse")
    meta["finished"] = _now()
    meta["load_after"] = load_average()
    results: Figures = {
        "meta": meta,
        "sizes": figures,
        "sources": sources,
        "served": served,
        "page_kinds": kinds,
        "browser": browser,
        "waits": waits,
        "lighthouse": lighthouse,
        "mixed": mixed,
    }
    report = full_report(results)
    print("\n== Markdown\n")
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    args.out.with_suffix(".md").write_text(report, encoding="utf-8")
    print(f"figures written to {args.out} and {args.out.with_suffix('.md')}")
    return 0
