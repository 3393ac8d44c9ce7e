"""What the benchmark runs in fresh processes: ``python -m tests.bench.child STEP ARGS``.

A cold run is what ``studysite build`` and ``mkdocs build`` pay, so the generator's stages
and every ``mkdocs build`` are timed in a process of their own (:func:`tests.bench.common.child`
starts them). Each step prints its figures as one line of JSON.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.bench.common import ROOT, Figures
from tests.support.synthetic import edit_question

STAGES = ("load", "check", "exam data", "render", "write")
"""The generator's stages, as ``generator.pipeline`` runs them."""


def _rss_mib() -> float:
    """Resident set size of this process now (Linux), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_stages(data: Path, docs: Path) -> tuple[Figures, list[str]]:
    """The generator's stages, as ``generator.pipeline.build`` runs them, with both clocks."""
    from generator.assets.bundle import Bundles
    from generator.checks import check_bank
    from generator.content.load import load_bank
    from generator.pipeline import gc_paused
    from generator.site import fragment_marks
    from generator.site.layout import build_site
    from generator.site.render import link_modules, render_pages
    from generator.site.widgets.exam import exam_data_files
    from generator.site.widgets.review import review_data_files
    from generator.write import write_files

    marks = [(time.perf_counter(), time.process_time())]

    def lap() -> None:
        marks.append((time.perf_counter(), time.process_time()))

    with gc_paused():
        bank = load_bank(data)
        lap()
        check_bank(bank)
        lap()
        site = build_site(bank)
        data_files = exam_data_files(site)
        lap()
        # As generator.pipeline.build writes them: the modules linked, fragment marks removed.
        rendered = render_pages(site)
        link_modules(site, rendered)
        files = {path: fragment_marks.strip(text) for path, text in rendered.items()}
        files.update(Bundles().files(site.catalog))
        files.update(data_files)
        files.update(review_data_files(site))
        lap()
        report = write_files(files, docs)
        lap()
    wall = {s: marks[i + 1][0] - marks[i][0] for i, s in enumerate(STAGES)}
    cpu = {s: marks[i + 1][1] - marks[i][1] for i, s in enumerate(STAGES)}
    return {"wall": wall, "cpu": cpu}, report.written


def best(runs: list[Figures]) -> Figures:
    """Per stage, the fastest of several runs."""
    return {
        clock: {s: min(run[clock][s] for run in runs) for s in STAGES} for clock in ("wall", "cpu")
    }


def generator_step(data: Path, work: Path, repeat: int) -> Figures:
    """The generator's stages; rebuilds after edits; memory."""
    import tracemalloc

    from generator.config import ORIGIN_OPTION, DataFolder
    from generator.pipeline import build

    base_rss = _rss_mib()
    docs = work / "docs"
    first, written = run_stages(data, docs)
    peak_rss = _peak_rss_mib()
    warm_runs = [run_stages(data, docs) for _ in range(repeat)]

    # mkdocs serve-style rebuilds: edit a copy of the bank, run the generator again.
    edits: Figures = {}
    copy = work / "data-edited"
    shutil.copytree(data, copy)
    for label, field in (("stem", "stem"), ("explanation", "why")):
        question = edit_question(copy, field=field)
        report = build(DataFolder(copy, ORIGIN_OPTION), docs).report
        assert report is not None
        edits[label] = {"question": question, "written": report.written}

    tracemalloc.start()
    build(DataFolder(data, ORIGIN_OPTION), work / "docs-traced")
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "first": first,
        "best": best([run for run, _ in warm_runs]),
        "written": len(written),
        "warm_written": max(len(w) for _, w in warm_runs),
        "edits": edits,
        "base_rss_mib": base_rss,
        "peak_rss_mib": peak_rss,
        "traced_peak_mib": traced_peak / 2**20,
    }


def stages_step(data: Path, work: Path) -> Figures:
    """The generator's stages once, in this fresh process, into an empty ``docs/``."""
    run, _ = run_stages(data, work / "docs")
    return {"first": run}


def mkdocs_step(project: Path, site: str) -> Figures:
    """``mkdocs build --strict`` in ``project``, timing the plugin's generator run."""
    os.chdir(project)
    import generator.pipeline

    # This checkout's package, which the plugin's entry point loads.
    where = Path(generator.pipeline.__file__).resolve()
    if not where.is_relative_to(ROOT.resolve()):
        raise RuntimeError(f"imported the wrong generator: {generator.pipeline.__file__}")
    runs: list[Figures] = []
    original = generator.pipeline.generate

    def timed(
        data_dir: Path, docs_dir: Path, **options: Any
    ) -> tuple[generator.pipeline.Result, dict[str, str]]:
        wall, cpu = time.perf_counter(), time.process_time()
        result, files = original(data_dir, docs_dir, **options)
        runs.append(
            {
                "wall": time.perf_counter() - wall,
                "cpu": time.process_time() - cpu,
                "stages": result.timings,
                "written": 0,  # the plugin hands the pages to MkDocs in memory
            }
        )
        return result, files

    generator.pipeline.generate = timed  # generate_for_mkdocs, which the plugin calls, looks it up
    from mkdocs.__main__ import cli

    wall, cpu = time.perf_counter(), time.process_time()
    try:
        cli.main(["build", "--strict", "-q", "-d", site], standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
    if not runs:
        raise RuntimeError("the studysite plugin did not run the generator")
    return {
        "build_wall": time.perf_counter() - wall,
        "build_cpu": time.process_time() - cpu,
        "hook": runs[-1],
    }


def main(argv: Sequence[str]) -> int:
    """Run one step and print its figures as a line of JSON."""
    step, *args = argv
    if step == "generator":
        figures = generator_step(Path(args[0]), Path(args[1]), int(args[2]))
    elif step == "stages":
        figures = stages_step(Path(args[0]), Path(args[1]))
    elif step == "mkdocs":
        figures = mkdocs_step(Path(args[0]), args[1])
    else:
        raise SystemExit(f"unknown step {step!r}: generator, stages or mkdocs")
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
