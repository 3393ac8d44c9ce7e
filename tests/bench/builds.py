"""Builds: the generator's stages and ``mkdocs build`` on one bank, each in fresh processes.

For each size: the generator's stages (load, check, exam data, render, write) for the first
run into an empty ``docs/`` and the best of ``--repeat`` fresh processes, the best of
``--repeat`` runs with the pages up to date, files written, peak memory (RSS from
``getrusage``; Python's own allocations from ``tracemalloc`` in a separate run), and the files
rewritten after one stem or one explanation changes (``mkdocs serve``-style rebuilds). Then
``mkdocs build --strict`` of a copy of the project with the bank as its data folder, once
cold and ``--repeat`` times more; the plugin's generator run is timed inside the MkDocs
process, so the figures split the build into the generator's share and MkDocs's own work.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.bench.banks import write_bank
from tests.bench.child import STAGES, best
from tests.bench.common import ROOT, Figures, child, gzip_size

BASE_STAGES = ("load", "check", "render")
"""The generator's stages before the practice exam's data: its cost is a share of these."""


def measure_size(questions: int, work: Path, repeat: int) -> Figures:
    """Every build figure for a bank of ``questions`` questions, built under ``work``."""
    data = work / "data"
    figures = write_bank(data, questions)
    print(
        f"\n== {questions:,} questions: {figures['domains']} domains, {figures['topics']} "
        f"topics, {figures['tables']} tables, {figures['trees']} trees, "
        f"{figures['yaml_mib']:.1f} MiB of YAML",
        flush=True,
    )

    gen_work = work / "generator"
    gen_work.mkdir()
    figures["generator"] = child(["generator", str(data), str(gen_work), str(repeat)], ROOT)
    shutil.rmtree(gen_work)
    # More fresh processes: a cold run is what `studysite build` and `mkdocs build` pay, and
    # one run of it swings by 10-20% on a shared machine.
    cold = [figures["generator"]["first"]]
    for number in range(1, repeat):
        fresh = work / f"generator-{number}"
        fresh.mkdir()
        cold.append(child(["stages", str(data), str(fresh)], ROOT)["first"])
        shutil.rmtree(fresh)
    figures["generator"]["cold"] = best(cold)
    figures["generator"]["cold_runs"] = cold
    print_generator(figures["generator"], repeat)

    from tests.support.project import copy_project

    project = work / "project"
    project.mkdir()
    copy_project(project, data)  # the bank as the copy's data folder (`data: data`)
    site = work / "site"
    figures["mkdocs_first"] = child(["mkdocs", str(project), str(site)], project)
    warm = [child(["mkdocs", str(project), str(site)], project) for _ in range(repeat)]
    figures["mkdocs"] = min(warm, key=lambda run: run["build_cpu"])
    figures["html_pages"] = sum(1 for _ in site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    figures["search_index"] = index.stat().st_size if index.exists() else 0
    figures["search_index_gz"] = gzip_size(index.read_bytes()) if index.exists() else 0
    figures["site_mib"] = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20
    print_mkdocs(figures, repeat)
    figures["site"] = str(site)
    figures["data"] = str(data)
    return figures


def stages(run: Figures, clock: str) -> float:
    """Load + check + render (what the targets call the generator stages)."""
    return float(sum(run[clock][s] for s in BASE_STAGES))


def exam_share(run: Figures, clock: str) -> float:
    """The practice exam's data scripts as a share of load + check + render."""
    return float(run[clock]["exam data"]) / stages(run, clock)


def mkdocs_own(run: Figures, clock: str) -> float:
    """Time MkDocs spends on the generated docs: the build minus the plugin's generator run."""
    return float(run[f"build_{clock}"] - run["hook"][clock])


def _stage_line(run: Figures) -> str:
    return ", ".join(f"{s} {run['wall'][s]:.2f} s ({run['cpu'][s]:.2f} s CPU)" for s in STAGES)


def print_generator(gen: Figures, repeat: int) -> None:
    """The generator's figures as text."""
    print(f"generator, first run in a fresh process: {_stage_line(gen['first'])}")
    print(f"  {gen['written']} files written")
    totals = ", ".join(f"{stages(run, 'cpu'):.2f}" for run in gen["cold_runs"])
    shares = ", ".join(f"{100 * exam_share(run, 'cpu'):.1f}%" for run in gen["cold_runs"])
    print(
        f"generator, best of {len(gen['cold_runs'])} fresh processes: "
        f"{_stage_line(gen['cold'])}\n  load + check + render per process (CPU): {totals} s"
        f"\n  practice exam data / (load + check + render) per process (CPU): {shares}"
    )
    print(
        f"generator, best of {repeat} with the pages up to date: {_stage_line(gen['best'])}; "
        f"{gen['warm_written']} files written"
    )
    print(
        f"memory: peak RSS {gen['peak_rss_mib']:.0f} MiB after the first run "
        f"({gen['base_rss_mib']:.0f} MiB after imports); peak of Python allocations "
        f"(tracemalloc, separate run) {gen['traced_peak_mib']:.0f} MiB"
    )
    for label, edit in gen["edits"].items():
        print(
            f"one question's {label} changed ({edit['question']}): "
            f"{len(edit['written'])} files rewritten: {', '.join(edit['written'])}"
        )


def print_mkdocs(figures: Figures, repeat: int) -> None:
    """The ``mkdocs build`` figures as text."""
    for label, run in (
        ("empty docs/", figures["mkdocs_first"]),
        (f"pages up to date, best of {repeat}", figures["mkdocs"]),
    ):
        hook = run["hook"]
        print(
            f"mkdocs build --strict ({label}): process {run['process_wall']:.1f} s "
            f"({run['process_cpu']:.1f} s CPU), peak RSS {run['process_peak_rss_mib']:.0f} MiB; "
            f"generator (plugin) {hook['wall']:.2f} s ({hook['cpu']:.2f} s CPU) = "
            f"{100 * hook['cpu'] / run['process_cpu']:.1f}% of the process CPU; MkDocs on the "
            f"generated docs {mkdocs_own(run, 'wall'):.1f} s ({mkdocs_own(run, 'cpu'):.1f} s CPU)"
        )
    gen = figures["generator"]["cold"]
    print(
        f"generator stages (load+check+render, fresh process) / MkDocs on the generated docs: "
        f"{100 * stages(gen, 'cpu') / mkdocs_own(figures['mkdocs'], 'cpu'):.1f}% (CPU time)"
    )
    print(
        f"site: {figures['html_pages']} HTML pages, {figures['site_mib']:.0f} MiB; search index "
        f"{figures['search_index'] / 2**20:.1f} MiB ({figures['search_index_gz'] / 2**20:.1f} "
        "MiB gzipped)"
    )
