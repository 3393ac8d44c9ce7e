"""The benchmark command (python -m tests.bench) runs on a fresh checkout and reports what it
says it reports.

Its figures are not asserted (they are timings); what is checked is that the documented
command completes and that its sizes describe the files the built site really serves.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from tests.support.project import ROOT


def test_benchmark_command_reports_every_size_and_the_served_bundles(tmp_path: Path) -> None:
    work, figures = tmp_path / "work", tmp_path / "figures.json"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.bench",
            "--sizes",
            "50,100",
            "--repeat",
            "2",
            "--no-browser",
            "--no-mixed",  # tests/unit/test_bench_mixed.py checks the mixed bank
            "--keep",
            str(work),
            "--json",
            str(figures),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(figures.read_text(encoding="utf-8"))

    assert [size["questions"] for size in data["sizes"]] == [50, 100]
    for size in data["sizes"]:
        generator = size["generator"]
        assert len(generator["cold_runs"]) == 2, "one figure per fresh process asked for"
        assert set(generator["cold"]["cpu"]) == {"load", "check", "exam data", "render", "write"}
        assert size["html_pages"] > 0 and size["search_index"] > 0
        stem = generator["edits"]["stem"]
        assert "progress.md" in stem["written"]
        assert any(path.endswith("questions.md") for path in stem["written"])

    site = Path(data["sizes"][0]["site"])
    served = {name: (raw, packed) for name, raw, packed in data["served"]}
    every = {p.relative_to(site).as_posix() for p in (site / "assets").glob("studysite*.min.*")}
    assert set(served) == every and "assets/studysite-exam.min.js" in every
    for name, (raw, packed) in served.items():
        body = (site / name).read_bytes()
        assert raw == len(body)
        assert packed == len(gzip.compress(body, compresslevel=9, mtime=0))
    sources = {name for name, _, _ in data["sources"]}
    assert {
        "js/core/mount.js",
        "js/core/quiz.js",
        "css/core/quiz.css",
        "js/exam/exam.js",
    } <= sources
    # Each page kind's total: the core and its modules, from the pages as built.
    kinds = data["page_kinds"]
    core = sum(served[name][1] for name in ("assets/studysite.min.js", "assets/studysite.min.css"))

    def module(name: str) -> int:
        return sum(
            served[f"assets/studysite-{name}.min.{ext}"][1]
            for ext in ("js", "css")
            if f"assets/studysite-{name}.min.{ext}" in served
        )

    # A page with questions schedules their reviews (FSRS): the schedule module.
    practice = kinds["practice questions"]
    assert practice["modules"] == ["schedule"] and practice["gz"] == core + module("schedule")
    assert kinds["exam"]["modules"] == ["exam", "schedule"]
    assert kinds["exam"]["gz"] == core + module("exam") + module("schedule")
    assert "assets/studysite-exam.min.css" in served
    assert kinds["progress"]["modules"] == ["progress", "schedule"]

    assert "| Questions | 50 | 100 | Growth (2x questions) |" in result.stdout
    assert (
        "that every page loads (the core: one script bundle and one style bundle" in result.stdout
    )
    assert "served: each page kind's total" in result.stdout

    # The run's record: when, where and under what load, and its tables beside the JSON.
    meta = data["meta"]
    assert meta["command"].startswith("python -m tests.bench --sizes 50,100")
    assert len(meta["load_before"]) == 3 and len(meta["load_after"]) == 3
    assert meta["machine"]["cpus"] >= 1
    tables = figures.with_suffix(".md").read_text(encoding="utf-8")
    assert "| Questions | 50 | 100 | Growth (2x questions) |" in tables
    assert "What each page kind loads of ours" in tables
