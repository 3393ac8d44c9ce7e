"""Benchmark: what a large question bank costs the generator, MkDocs and the browser.

Run from the repository root::

    .venv/bin/python tests/benchmark.py                      # 1,000 and 10,000 questions
    .venv/bin/python tests/benchmark.py --sizes 1000,5000,10000 --repeat 3 --no-browser

For each size it writes a synthetic bank (``tests/support/synthetic.py``: 50 questions a topic, 20
topics a domain, so 10,000 questions are 200 topics in 10 domains) and prints:

- the generator's stages in a fresh process: load, check, exam data, render (views and
  templates) and write, for the first run into an empty ``docs/`` and the best of ``--repeat`` runs with
  the pages up to date; files written; peak memory (peak RSS from ``getrusage``, and the peak
  of Python's own allocations from ``tracemalloc`` in a separate run);
- ``mkdocs build --strict`` of a copy of the project (``tests/support/project.py``'s
  ``copy_project``, the bank as its data folder): once with an empty ``docs/`` (the plugin
  hands MkDocs every page in memory), then ``--repeat`` times. The plugin's generator run is
  timed inside the MkDocs process, so the figures split the
  build into the generator's share and MkDocs's own work on the generated docs; peak RSS,
  HTML pages and the size of ``search/search_index.json``;
- ``mkdocs serve``-style rebuilds: the generator run again after changing one question's
  stem (what the learner sees, so its content hash changes too) and after changing only one
  explanation, and which generated files each rewrites.

Once, it prints the project's own JavaScript and CSS: the sources (``generator/assets/js``,
``generator/assets/css``, a folder per module, one file per widget) and what the built site
serves, raw and gzipped (``gzip -9``, each file on its own as a server sends it): the core
every page loads (``assets/studysite.min.js`` and ``.min.css``, minified with jsmin and
csscompressor), each module (``assets/studysite-<module>.min.*``: a page kind's or a
widget's, loaded only by the pages that show it), and each page kind's total (what its
heaviest page links of ours: the core and its modules); and, in Chromium, on a topic page with 100 questions (plus a comparison
table and a decision tree): the ``ss-mount`` performance measure of ``mount.js`` and the time
from an answer click to its feedback (the ``ss-answer-click`` and ``ss-feedback-shown``
performance marks of ``quiz.js``; a MutationObserver and ``requestAnimationFrame`` also
measure it from the page, which is what is reported when the marks are missing), and the
mount time of a 1,000-question practice page of the largest bank.

For the practice exam (``exam/``) it prints, per size: the generator's "exam data" stage
(the per-domain question scripts) as a share of load + check + render, and in Chromium what
the exam page loads before Start (every response, gzipped, leaving out Material's own
scripts, stylesheets and the search index), the time from Start to the first question in the
page and painted (``ss-exam-start`` mark to the next frame), and answering an option and
moving to the next question, each to the next animation frame.

Times are given as wall-clock and as CPU time (user + system). On a busy machine wall time
swings with the load from other processes; CPU time much less, so the ratios (generator
share, growth) are computed from CPU time. Figures are printed, never asserted: this is not a
test. The output ends with the figures as a Markdown table and the machine they came from.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
if str(ROOT) not in sys.path:  # run as a script: make ``tests.*`` importable
    sys.path.insert(1, str(ROOT))

from tests.support.synthetic import edit_question, generate  # noqa: E402

# tests.support.project imports the generator, so it is imported only where needed: the MkDocs child
# must import the generator from the project copy it builds, not from this checkout.

STAGES = ("load", "check", "exam data", "render", "write")
# The generator's stages before the practice exam's data: its cost is a share of these.
BASE_STAGES = ("load", "check", "render")
BROWSER_QUESTIONS = 100
BROWSER_RUNS = 7
FRAME_MS = 1000 / 60

Figures = dict[str, Any]


# ---- child processes -------------------------------------------------------------------


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
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(args: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Figures:
    """Run this script as a child; its JSON result plus wall time, CPU time and peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), *args],
            cwd=cwd,
            env={**os.environ, **(env or {})},
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of this child alone
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        process.returncode = code
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
    if code != 0:
        raise RuntimeError(f"benchmark child {args[0]} failed ({code}):\n{stderr[-4000:]}")
    result: Figures = json.loads(stdout.strip().splitlines()[-1])
    result["process_wall"] = wall
    result["process_cpu"] = usage.ru_utime + usage.ru_stime
    result["process_peak_rss_mib"] = usage.ru_maxrss / 1024
    return result


def _run_stages(data: Path, docs: Path) -> tuple[Figures, list[str]]:
    """The generator's stages, as ``generator.pipeline.build`` runs them, with both clocks."""
    from generator.assets.bundle import Bundles
    from generator.checks import check_bank
    from generator.content.load import load_bank
    from generator.pipeline import gc_paused
    from generator.site import fragment_marks
    from generator.site.layout import build_site
    from generator.site.render import link_modules, render_pages
    from generator.site.widgets.exam import exam_data_files
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
        lap()
        report = write_files(files, docs)
        lap()
    wall = {s: marks[i + 1][0] - marks[i][0] for i, s in enumerate(STAGES)}
    cpu = {s: marks[i + 1][1] - marks[i][1] for i, s in enumerate(STAGES)}
    return {"wall": wall, "cpu": cpu}, report.written


def _best(runs: list[Figures]) -> Figures:
    """Per stage, the fastest of several runs."""
    return {
        clock: {s: min(run[clock][s] for run in runs) for s in STAGES} for clock in ("wall", "cpu")
    }


def _generator_child(data_arg: str, work_arg: str, repeat: int) -> None:
    """Child: time the generator's stages; rebuild after edits; trace memory."""
    import tracemalloc

    from generator.config import ORIGIN_OPTION, DataFolder
    from generator.pipeline import build

    data, work = Path(data_arg), Path(work_arg)
    base_rss = _rss_mib()
    docs = work / "docs"
    first, written = _run_stages(data, docs)
    peak_rss = _peak_rss_mib()
    warm_runs = [_run_stages(data, docs) for _ in range(repeat)]

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
    result = {
        "first": first,
        "best": _best([run for run, _ in warm_runs]),
        "written": len(written),
        "warm_written": max(len(w) for _, w in warm_runs),
        "edits": edits,
        "base_rss_mib": base_rss,
        "peak_rss_mib": peak_rss,
        "traced_peak_mib": traced_peak / 2**20,
    }
    print(json.dumps(result))


def _stages_child(data_arg: str, work_arg: str) -> None:
    """Child: the generator's stages once, in this fresh process, into an empty ``docs/``."""
    run, _ = _run_stages(Path(data_arg), Path(work_arg) / "docs")
    print(json.dumps({"first": run}))


def _mkdocs_child(project: str, site: str) -> None:
    """Child: ``mkdocs build --strict`` in ``project``, timing the plugin's generator run."""
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
    print(
        json.dumps(
            {
                "build_wall": time.perf_counter() - wall,
                "build_cpu": time.process_time() - cpu,
                "hook": runs[-1],
            }
        )
    )


# ---- one size ---------------------------------------------------------------------------


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


# One file: its name, bytes and bytes gzipped.
Asset = tuple[str, int, int]
# What every page loads of ours: the core's two bundles, minified by the site build.
SERVED = ("assets/studysite.min.js", "assets/studysite.min.css")
# The modules' bundles: assets/studysite-<module>.min.js and .min.css.
MODULE_BUNDLE = re.compile(r"assets/studysite-([a-z-]+)\.min\.(?:js|css)$")
# A module's bundle as a page links it (href="../assets/studysite-exam.min.css").
LINKED_MODULE = re.compile(r"assets/studysite-([a-z-]+)\.min\.(?:js|css)(?=[\"'?#])")


def _sized(name: str, data: bytes) -> Asset:
    return (name, len(data), _gzip_size(data))


def source_sizes() -> list[Asset]:
    """The project's own scripts and stylesheets as written: one commented file per widget."""
    assets = ROOT / "generator" / "assets"
    return [
        _sized(path.relative_to(assets).as_posix(), path.read_bytes())
        for folder, suffix in (("js", ".js"), ("css", ".css"))
        for path in sorted((assets / folder).glob(f"*/*{suffix}"))
    ]


def served_sizes(site: Path | None) -> list[Asset]:
    """What ``site`` serves of them, minified: the core's two bundles, then each module's."""
    if site is None:
        return []
    modules = sorted(
        p.relative_to(site).as_posix()
        for p in (site / "assets").glob("studysite-*.min.*")
        if MODULE_BUNDLE.search(p.as_posix())
    )
    return [
        _sized(name, (site / name).read_bytes())
        for name in (*SERVED, *modules)
        if (site / name).is_file()
    ]


def page_kind(path: str) -> str:
    """The kind of a built page, from its path in the site (``domain-1/questions/index.html``)."""
    parts = path.removesuffix("index.html").strip("/").split("/")
    if parts == [""]:
        return "home"
    if parts[0] in ("exam", "progress", "glossary"):
        return parts[0]
    if len(parts) == 1:
        return "domain" if parts[0].startswith("domain-") else "other"
    return {"questions": "practice questions", "study-sheet": "study sheet"}.get(
        parts[1], "key takeaways" if parts[1] == "takeaways" else "topic"
    )


def page_kind_sizes(site: Path, served: list[Asset]) -> Figures:
    """Per page kind, what its heaviest page links of ours: the core and the modules it shows."""
    sizes = {name: (raw, packed) for name, raw, packed in served}
    kinds: Figures = {}
    for html in sorted(site.rglob("index.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("search/", "assets/")):
            continue
        text = html.read_text(encoding="utf-8")
        linked = sorted({m.group(0) for m in LINKED_MODULE.finditer(text)} | set(SERVED))
        raw = sum(sizes.get(name, (0, 0))[0] for name in linked)
        packed = sum(sizes.get(name, (0, 0))[1] for name in linked)
        kind = page_kind(rel)
        if kind not in kinds or packed > kinds[kind]["gz"]:
            modules = sorted({m.group(1) for n in linked if (m := MODULE_BUNDLE.search(n))})
            kinds[kind] = {"page": rel, "modules": modules, "bytes": raw, "gz": packed}
    return kinds


def _totals(assets: list[Asset]) -> tuple[int, int]:
    """Sums of bytes and gzipped bytes."""
    return sum(a[1] for a in assets), sum(a[2] for a in assets)


def _print_assets(sources: list[Asset], served: list[Asset], kinds: Figures) -> None:
    print("\n== The project's own JavaScript and CSS (gzip -9, each file as a server sends it)")
    print(f"{'':<38} {'bytes':>8} {'gzipped':>8}")
    core = [a for a in served if a[0] in SERVED]
    for title, rows in (
        ("sources in generator/assets", sources),
        ("served: the core, on every page (minified)", core),
        ("served: each module, on the pages that show it", [a for a in served if a not in core]),
    ):
        print(title)
        for name, raw, packed in rows:
            print(f"  {name:<36} {raw:>8,} {packed:>8,}")
        raw, packed = _totals(rows)
        print(f"  {'total':<36} {raw:>8,} {packed:>8,}")
    print("served: each page kind's total (its heaviest page: the core and its modules)")
    for kind, info in sorted(kinds.items()):
        modules = "core" + "".join(f" + {m}" for m in info["modules"])
        print(f"  {kind + ' (' + modules + ')':<36} {info['bytes']:>8,} {info['gz']:>8,}")


def measure_size(questions: int, work: Path, repeat: int) -> Figures:
    """Every figure for a bank of ``questions`` questions, built under ``work``."""
    figures: Figures = {"questions": questions}
    data = work / "data"
    summary = generate(data, questions)
    shape = summary.shape
    figures.update(
        domains=shape.domains,
        topics=shape.topics,
        tables=summary.tables,
        trees=summary.trees,
        yaml_mib=summary.bytes / 2**20,
    )
    print(
        f"\n== {questions:,} questions: {shape.domains} domains, {shape.topics} topics, "
        f"{summary.tables} tables, {summary.trees} trees, {summary.bytes / 2**20:.1f} MiB of YAML",
        flush=True,
    )

    gen_work = work / "generator"
    gen_work.mkdir()
    figures["generator"] = _child(["_generator", str(data), str(gen_work), str(repeat)], ROOT)
    shutil.rmtree(gen_work)
    # More fresh processes: a cold run is what `generator build` and `mkdocs build` pay, and
    # one run of it swings by 10-20% on a shared machine.
    cold = [figures["generator"]["first"]]
    for number in range(1, repeat):
        fresh = work / f"generator-{number}"
        fresh.mkdir()
        cold.append(_child(["_stages", str(data), str(fresh)], ROOT)["first"])
        shutil.rmtree(fresh)
    figures["generator"]["cold"] = _best(cold)
    figures["generator"]["cold_runs"] = cold
    _print_generator(figures["generator"], repeat)

    from tests.support.project import copy_project

    project = work / "project"
    project.mkdir()
    copy_project(project, data)  # the bank as the copy's data folder (`data: data`)
    site = work / "site"
    figures["mkdocs_first"] = _child(["_mkdocs", str(project), str(site)], project)
    warm = [_child(["_mkdocs", str(project), str(site)], project) for _ in range(repeat)]
    figures["mkdocs"] = min(warm, key=lambda run: run["build_cpu"])
    figures["html_pages"] = sum(1 for _ in site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    figures["search_index"] = index.stat().st_size if index.exists() else 0
    figures["search_index_gz"] = _gzip_size(index.read_bytes()) if index.exists() else 0
    figures["site_mib"] = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20
    _print_mkdocs(figures, repeat)
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


def _print_generator(gen: Figures, repeat: int) -> None:
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


def _print_mkdocs(figures: Figures, repeat: int) -> None:
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


# ---- the browser ------------------------------------------------------------------------

_CLICK_SETUP = """
() => {
  window.__ss = {click: null, change: null, frame: null};
  document.addEventListener("click", (event) => {
    if (window.__ss.click !== null) return;
    window.__ss.click = event.timeStamp;
    const section = event.target.closest("[data-ss-question]");
    if (!section) return;
    const observer = new MutationObserver(() => {
      observer.disconnect();
      window.__ss.change = performance.now();
      requestAnimationFrame(() => { window.__ss.frame = performance.now(); });
    });
    observer.observe(section, {subtree: true, childList: true, attributes: true,
                               characterData: true});
  }, {capture: true});
}
"""

# Before any script runs: time each widget's mount function (mount.js's register wrapped).
_WIDGET_TIMER = """
(() => {
  const times = (window.__ssWidgets = {});
  let site;
  Object.defineProperty(window, "StudySite", {
    configurable: true,
    get() { return site; },
    set(value) {
      site = value;
      const register = value.register;
      value.register = (name, selector, mount) => register(name, selector, (element) => {
        const start = performance.now();
        try { return mount(element); }
        finally { times[name] = (times[name] || 0) + performance.now() - start; }
      });
    },
  });
})();
"""

_FEEDBACK = """
() => {
  const c = performance.getEntriesByName("ss-answer-click");
  const f = performance.getEntriesByName("ss-feedback-shown");
  const marks = c.length && f.length ? f[f.length - 1].startTime - c[c.length - 1].startTime
                                     : null;
  return {marks, ...window.__ss};
}
"""

_OPTION_SELECTORS = (  # quiz.js's option buttons first, then guesses at other markup
    "button.ss-choice__btn",
    "[data-ss-option] button",
    "button[data-ss-option]",
    ".ss-option input",
)


def _click_first_option(page: Any) -> str | None:
    """Click the first visible answer option of the first question; the selector used."""
    first = page.locator("section.ss-question").first
    for selector in _OPTION_SELECTORS:
        target = first.locator(selector).first
        if target.count() and target.is_visible():
            target.click(timeout=5_000)
            return selector
    return None


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def measure_page(browser: Any, url: str, click: bool) -> Figures:
    """Median mount time of ``url`` over several loads; click-to-feedback when asked."""
    mounts: list[float] = []
    marks: list[float] = []
    changes: list[float] = []
    frames: list[float] = []
    widgets: dict[str, list[float]] = {}
    info: Figures = {}
    for _ in range(BROWSER_RUNS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(_WIDGET_TIMER)
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_function(
            "() => performance.getEntriesByName('ss-mount').length > 0", timeout=30_000
        )
        mounts.append(
            float(page.evaluate("() => performance.getEntriesByName('ss-mount')[0].duration"))
        )
        for name, spent in page.evaluate("() => window.__ssWidgets || {}").items():
            widgets.setdefault(name, []).append(float(spent))
        info["questions"] = page.locator("section.ss-question").count()
        info["mounted"] = page.locator("[data-ss-ready]").count()
        if click:
            page.evaluate(_CLICK_SETUP)
            info["clicked"] = _click_first_option(page)
            page.wait_for_timeout(300)
            found = page.evaluate(_FEEDBACK)
            if found["marks"] is not None:
                marks.append(float(found["marks"]))
            if found["click"] is not None and found["change"] is not None:
                changes.append(float(found["change"]) - float(found["click"]))
            if found["click"] is not None and found["frame"] is not None:
                frames.append(float(found["frame"]) - float(found["click"]))
        context.close()
    info["mount_ms"] = _median(mounts)
    info["mount_ms_all"] = mounts
    info["widgets_ms"] = {name: _median(times) for name, times in sorted(widgets.items())}
    if click:
        info["feedback_marks_ms"] = _median(marks)
        info["feedback_dom_ms"] = _median(changes)
        info["feedback_frame_ms"] = _median(frames)
    return info


# Material's own files and the search index: the exam page's budget leaves them out.
_MATERIAL = ("/assets/javascripts/", "/assets/stylesheets/", "/search/")

_EXAM_STEP = """
async (action) => {
  const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
  await frame();
  const start = performance.now();
  if (action == "answer") {
    document.querySelector("[data-ss-question] input:not(:checked)").click();
  } else {
    const target = document.activeElement || document.body;  // where a real key press goes
    target.dispatchEvent(new KeyboardEvent("keydown", {key: "n", bubbles: true}));
  }
  const dom = performance.now() - start;
  // Style and layout of the change, forced here: with the script's work, what the next frame
  // must do before it paints (a frame is 16.7 ms at 60 Hz).
  document.body.getBoundingClientRect();
  const work = performance.now() - start;
  await frame();
  return {dom, work, frame: performance.now() - start};
}
"""


# Installed once a question shows: the Event Timing API's entries for key presses, whose
# duration runs from the key press to the next paint (what INP measures, in steps of 8 ms;
# a press painted within 16 ms, the API's lowest threshold, makes no entry).
_KEY_TIMING = """() => {
  window.__ssKeys = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name == "keydown") window.__ssKeys.push(e.duration);
  }).observe({type: "event", durationThreshold: 16});
}"""
KEY_PRESSES = 5  # of each key per load: "1" answers the question shown, "n" moves on


def _key_to_paint(page: Any, key: str) -> float:
    """A real key press on ``page``: milliseconds to the next paint, by Event Timing."""
    page.evaluate("() => { window.__ssKeys.length = 0; }")
    page.keyboard.press(key)
    page.wait_for_timeout(200)  # entries are delivered after the paint
    durations: list[float] = page.evaluate("() => window.__ssKeys")
    return max(durations, default=16.0)  # no entry: painted within 16 ms


def measure_exam(browser: Any, url: str) -> Figures:
    """The exam page: what it loads before Start, Start to first question, answer and move."""
    loads: list[dict[str, Any]] = []
    firsts: list[float] = []
    first_frames: list[float] = []
    steps: dict[str, list[float]] = {
        f"{action}{part}": []
        for action in ("answer", "move")
        for part in ("", "_work", "_frame", "_paint")
    }
    for run in range(BROWSER_RUNS):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        finished: list[Any] = []
        page.on("requestfinished", lambda request: finished.append(request))  # noqa: B023
        page.goto(f"{url}exam/", wait_until="networkidle")
        page.wait_for_selector("[data-ss-exam-page][data-ss-ready]")
        if run == 0:
            for request in finished:
                response = request.response()
                address, body = request.url, response.body() if response else b""
                path = address.split("?")[0].removeprefix(url.rstrip("/"))
                material = any(part in path for part in _MATERIAL)
                loads.append(
                    {"path": path, "raw": len(body), "gz": _gzip_size(body), "material": material}
                )
        page.evaluate(
            """() => new Promise((done) => {
                 window.__ssFirst = null;
                 document.addEventListener("ss:exam-start", () => {
                   const check = () => {
                     if (document.querySelector("[data-ss-question]")) {
                       const shown = performance.now();
                       requestAnimationFrame(() => {
                         window.__ssFirst = [shown, performance.now()];
                       });
                     } else requestAnimationFrame(check);
                   };
                   check();
                 }, {once: true});
                 done();
               })"""
        )
        page.get_by_role("button", name="Start the mock exam").click()
        page.wait_for_function("() => window.__ssFirst !== null", timeout=30_000)
        start = page.evaluate("() => performance.getEntriesByName('ss-exam-start')[0].startTime")
        shown, painted = page.evaluate("() => window.__ssFirst")
        firsts.append(float(shown) - float(start))
        first_frames.append(float(painted) - float(start))
        for action in ("answer", "move"):
            got = page.evaluate(_EXAM_STEP, action)
            steps[action].append(float(got["dom"]))
            steps[f"{action}_work"].append(float(got["work"]))
            steps[f"{action}_frame"].append(float(got["frame"]))
        page.evaluate(_KEY_TIMING)
        for _ in range(KEY_PRESSES):
            steps["answer_paint"].append(_key_to_paint(page, "1"))
            steps["move_paint"].append(_key_to_paint(page, "n"))
        context.close()
    own = [item for item in loads if not item["material"]]
    return {
        "loads": loads,
        "before_start_gz": sum(item["gz"] for item in own),
        "before_start_raw": sum(item["raw"] for item in own),
        "material_gz": sum(item["gz"] for item in loads if item["material"]),
        "first_question_ms": _median(firsts),
        "first_question_frame_ms": _median(first_frames),
        **{f"{name}_ms": _median(values) for name, values in steps.items()},
        "answer_paint_worst_ms": max(steps["answer_paint"]),
        "move_paint_worst_ms": max(steps["move_paint"]),
    }


def measure_exams(sites: list[tuple[int, Path]]) -> Figures:
    """The exam page of each size's site, in Chromium."""
    from playwright.sync_api import sync_playwright

    from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.support.project import serve

    results: Figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for questions, site in sites:
            for url in serve(site):
                results[str(questions)] = measure_exam(browser, url)
        browser.close()
    return results


def _print_exams(exams: Figures) -> None:
    print(f"\n== The practice exam page (exam/), Chromium; medians of {BROWSER_RUNS} loads")
    for questions, info in exams.items():
        print(
            f"{int(questions):,} questions: loads before Start {info['before_start_gz']:,} B "
            f"gzipped ({info['before_start_raw']:,} B raw), leaving out Material's own files "
            f"and the search index ({info['material_gz']:,} B gzipped)"
        )
        for item in info["loads"]:
            if not item["material"]:
                print(f"  {item['path']:<40} {item['raw']:>10,} {item['gz']:>9,}")
        print(
            f"  Start to the first question in the page {_ms(info['first_question_ms'])}, "
            f"painted (next frame) {_ms(info['first_question_frame_ms'])}; answering: script "
            f"{_ms(info['answer_ms'])}, with style and layout {_ms(info['answer_work_ms'])}, "
            f"{_ms(info['answer_frame_ms'])} to the next frame; next question: script "
            f"{_ms(info['move_ms'])}, with style and layout {_ms(info['move_work_ms'])}, "
            f"{_ms(info['move_frame_ms'])} to the next frame (a frame is {FRAME_MS:.1f} ms; "
            "the wait starts at a frame's start)"
        )
        print(
            f"  Key press to the next paint (Event Timing, as INP counts it; {KEY_PRESSES} "
            f"presses a load): answering with 1 {_ms(info['answer_paint_ms'])} (worst "
            f"{_ms(info['answer_paint_worst_ms'])}), next question with N "
            f"{_ms(info['move_paint_ms'])} (worst {_ms(info['move_paint_worst_ms'])})"
        )


def measure_browser(work: Path, practice_site: Path | None) -> Figures:
    """Chromium: a 100-question topic page, and a practice page of the largest bank."""
    from playwright.sync_api import sync_playwright

    from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.support.project import copy_project, serve

    data = work / "data"
    generate(data, BROWSER_QUESTIONS, per_topic=BROWSER_QUESTIONS)
    project = work / "project"
    project.mkdir(parents=True)
    copy_project(project, data)
    site = work / "site"
    _child(["_mkdocs", str(project), str(site)], project)
    results: Figures = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        results["chromium"] = browser.version
        for url in serve(site):
            results["topic"] = measure_page(browser, f"{url}domain-1/d1-t001/", click=True)
        if practice_site is not None:
            for url in serve(practice_site):
                results["practice"] = measure_page(
                    browser, f"{url}domain-1/questions/", click=False
                )
        browser.close()
    return results


def _ms(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} ms"


def _by_widget(info: Figures) -> str:
    return ", ".join(f"{name} {_ms(spent)}" for name, spent in info["widgets_ms"].items())


def _print_browser(results: Figures) -> None:
    topic = results["topic"]
    print(f"\n== Chromium {results['chromium']}, headless; medians of {BROWSER_RUNS} page loads")
    print(
        f"topic page with {topic['questions']} questions, a table and a tree: widgets mount in "
        f"{_ms(topic['mount_ms'])} ({topic['mounted']} elements; every load: "
        f"{', '.join(f'{m:.1f}' for m in topic['mount_ms_all'])} ms)"
    )
    print(f"  by widget: {_by_widget(topic)}")
    if topic.get("clicked") is None:
        print("no answer button to click on the page (is quiz.js mounting?)")
    else:
        if topic["feedback_marks_ms"] is not None:
            print(
                "answer click to feedback shown (quiz.js marks ss-answer-click -> "
                f"ss-feedback-shown): {_ms(topic['feedback_marks_ms'])}"
            )
        else:
            print("quiz.js records no ss-answer-click / ss-feedback-shown marks")
        print(
            f"measured from the page: click on {topic['clicked']} to the first DOM change in "
            f"the question (MutationObserver) {_ms(topic['feedback_dom_ms'])}, to the next "
            f"animation frame {_ms(topic['feedback_frame_ms'])} (a frame is {FRAME_MS:.1f} ms)"
        )
    if "practice" in results:
        practice = results["practice"]
        print(
            f"practice page with {practice['questions']} questions (largest bank): widgets "
            f"mount in {_ms(practice['mount_ms'])}"
        )
        print(f"  by widget: {_by_widget(practice)}")


# ---- the waits people feel: serve, quiz ready, first search; mkdocs-quiz beside it ------

# The published version compared against, installed by this script into its own virtual
# environment with this project's MkDocs, Material and pymdown-extensions versions.
MKDOCS_QUIZ = "mkdocs-quiz==1.7.1"
ZENSICAL = "zensical==0.0.73"  # as tests/browser/test_zensical.py
SERVE_RUNS = 3
SEARCH_RUNS = 5
CACHE = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "studysite-benchmark"

# When a page's quizzes are ready to answer, per tool: every quiz of this project has been
# made live; mkdocs-quiz has added its reset button to its last quiz (it sets them up in order).
READY = {
    "studysite": "[...document.querySelectorAll('[data-ss-quiz]')].every("
    "(q) => q.classList.contains('ss-quiz--live')) && !!document.querySelector('[data-ss-quiz]')",
    "mkdocs-quiz": "(() => { const q = document.querySelectorAll('.quiz'); "
    "return q.length > 0 && !!q[q.length - 1].querySelector('.quiz-reset-button'); })()",
}

# Installed before a page's scripts: records long tasks and when the quizzes became ready.
_READY_PROBE = """
(() => {
  const probe = (window.__ready = {tasks: [], at: null});
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.tasks.push(e.startTime + e.duration);
    }).observe({type: "longtask", buffered: true});
  } catch (error) {}
  const check = () => {
    if (probe.at === null && (READY)) probe.at = performance.now();
  };
  new MutationObserver(check).observe(document, {subtree: true, childList: true,
                                                 attributes: true, attributeFilter: ["class"]});
})();
"""

# Installed before the page's scripts: the first key pressed in the search box, and the first
# result Material shows.
_SEARCH_PROBE = """
(() => {
  const probe = (window.__search = {key: null, result: null});
  document.addEventListener("keydown", (event) => {
    if (probe.key === null && event.target.matches("input.md-search__input"))
      probe.key = performance.now();
  }, {capture: true});
  new MutationObserver(() => {
    if (probe.key !== null && probe.result === null &&
        document.querySelector(".md-search-result__item")) probe.result = performance.now();
  }).observe(document, {subtree: true, childList: true});
})();
"""


def _pip_env(name: str, requirements: list[str]) -> Path:
    """A virtual environment of its own under the benchmark cache, with ``requirements``."""
    venv = CACHE / name
    marker = venv / "installed.txt"
    wanted = "\n".join(requirements)
    if not marker.is_file() or marker.read_text() != wanted:
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run(
            [
                str(venv / "bin" / "python"),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                *requirements,
            ],
            check=True,
        )
        marker.write_text(wanted)
    return venv


def mkdocs_quiz_env() -> Path:
    """mkdocs-quiz 1.7.1 with this project's MkDocs, Material and pymdown-extensions."""
    from importlib.metadata import version

    same = [
        f"{name}=={version(name)}" for name in ("mkdocs", "mkdocs-material", "pymdown-extensions")
    ]
    return _pip_env("mkdocs-quiz-1.7.1", [MKDOCS_QUIZ, *same])


def _timed_run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Figures:
    """Run ``command``; its wall and CPU time (this child's rusage), exit code and output tail."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=out, stderr=out
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        out.seek(0)
        tail = out.read().decode("utf-8", "replace")[-2000:]
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "code": os.waitstatus_to_exitcode(status),
        "tail": tail,
    }


def _site_figures(site: Path) -> Figures:
    index = site / "search" / "search_index.json"
    data = index.read_bytes() if index.is_file() else b""
    return {
        "site_mib": sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20,
        "search_index": len(data),
        "search_index_gz": _gzip_size(data) if data else 0,
        "search_entries": len(json.loads(data)["docs"]) if data else 0,
    }


def build_mkdocs_quiz(data: Path, work: Path) -> Figures:
    """The bank as mkdocs-quiz pages (tests/support/mkdocs_quiz_bank.py), built by its own MkDocs."""
    from tests.support.mkdocs_quiz_bank import write_project

    venv = mkdocs_quiz_env()
    project = work / "mkdocs-quiz"
    written = write_project(data, project)
    site = work / "mkdocs-quiz-site"
    run = _timed_run([str(venv / "bin" / "mkdocs"), "build", "-q", "-d", str(site)], project)
    if run["code"] != 0:
        raise RuntimeError(f"mkdocs-quiz build failed:\n{run['tail']}")
    return {**written, "build": run, **_site_figures(site), "site": str(site)}


def build_zensical(data: Path, work: Path) -> Figures:
    """``python -m generator build``, then Zensical on the project (see the README)."""
    from tests.support.project import copy_project

    venv = _pip_env("zensical-0.0.73", [ZENSICAL])
    project = work / "zensical"
    project.mkdir()
    copy_project(project, data)
    generated = _timed_run([sys.executable, "-m", "generator", "build"], project)
    if generated["code"] != 0:
        raise RuntimeError(f"generator build failed:\n{generated['tail']}")
    config = ".studysite-zensical.yml"  # written by `generator build` for such builders
    run = _timed_run([str(venv / "bin" / "zensical"), "build", "-f", config], project)
    figures: Figures = {"build": run, "ok": run["code"] == 0}
    if not figures["ok"]:
        lines = [line for line in run["tail"].splitlines() if line.strip()]
        figures["error"] = next(
            (line for line in lines if "limit" in line), lines[-1] if lines else ""
        )
    else:
        figures.update(_site_figures(project / "site"))
    shutil.rmtree(project / "site", ignore_errors=True)
    return figures


def _ready_once(browser: Any, url: str, ready: str) -> float:
    """Navigation start to quizzes ready and the main thread free, in one cold load (ms).

    Ready is when the quizzes have been set up and no long task (50 ms or more) follows for a
    second: the moment a click is answered at once. Both tools are measured the same way.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(_READY_PROBE.replace("READY", ready))
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=180_000)
        page.wait_for_function("() => window.__ready.at !== null", timeout=180_000)
        while True:
            page.wait_for_timeout(250)
            probe = page.evaluate(
                "() => ({now: performance.now(), at: window.__ready.at,"
                " last: Math.max(0, ...window.__ready.tasks)})"
            )
            if probe["now"] - max(probe["at"], probe["last"]) >= 1000:
                return float(max(probe["at"], probe["last"]))
    finally:
        context.close()


def measure_ready(browser: Any, pages: dict[str, tuple[str, str]], runs: int) -> Figures:
    """Median navigation-to-ready of each page over ``runs`` cold loads, interleaved.

    One load of each page comes first and is not counted: a fresh browser's first load of a
    site also pays for starting its processes and compiling the site's scripts, which the
    other loads (new contexts, so cold caches) do not.
    """
    times: dict[str, list[float]] = {name: [] for name in pages}
    for url, ready in pages.values():
        _ready_once(browser, url, ready)
    for _ in range(runs):
        for name, (url, ready) in pages.items():
            times[name].append(_ready_once(browser, url, ready))
    return {name: {"median": _median(t), "all": t} for name, t in times.items()}


def measure_first_search(browser: Any, url: str, term: str, runs: int) -> Figures:
    """First key to first result: the search box used as soon as the page has loaded (ms)."""
    times: list[float] = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            context.add_init_script(_SEARCH_PROBE)
            page = context.new_page()
            page.goto(url, wait_until="load", timeout=180_000)
            page.locator("input.md-search__input").click()
            page.keyboard.type(term, delay=60)
            page.wait_for_function("() => window.__search.result !== null", timeout=180_000)
            probe = page.evaluate("() => window.__search")
            times.append(float(probe["result"] - probe["key"]))
        finally:
            context.close()
    return {"median": _median(times), "all": times}


def _mark_stem(questions: Path, question_id: str, marker: str) -> None:
    """Put ``marker`` (and no earlier marker) at the start of a question's stem."""
    text = re.sub(r"Mark\d+x ", "", questions.read_text(encoding="utf-8"))
    start = text.index(f"- id: {question_id}\n")
    stem = text.index("stem:", start)
    end = text.index("\n", stem)
    if text[stem:end].rstrip().endswith((">-", ">", "|", "|-")):  # folded: the next line
        at = end + 1 + (len(text[end + 1 :]) - len(text[end + 1 :].lstrip(" ")))
    else:
        at = stem + len("stem: ")
    questions.write_text(text[:at] + f"{marker} " + text[at:], encoding="utf-8")


def measure_serve(
    project: Path, questions: Path, question_id: str, path: str, runs: int
) -> Figures:
    """``mkdocs serve``: a stem saved -> the open page shows it (livereload), ``runs`` times."""
    from playwright.sync_api import sync_playwright

    from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.support.project import free_port

    port = free_port()
    log = project / "serve.log"
    times: list[float] = []
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}/studysite/{path}"
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page()
                deadline = time.monotonic() + 600
                while True:
                    try:
                        page.goto(url, timeout=600_000)
                        break
                    except Exception:
                        if time.monotonic() > deadline or process.poll() is not None:
                            raise
                        time.sleep(1)
                for run in range(runs):
                    _settle_log(log)
                    builds = log.read_text().count("Building documentation")
                    marker = f"Mark{run}x"
                    start = time.perf_counter()
                    _mark_stem(questions, question_id, marker)
                    page.wait_for_function(
                        f"() => document.body && document.body.textContent.includes({marker!r})",
                        timeout=600_000,
                        polling=20,
                    )
                    times.append(1000 * (time.perf_counter() - start))
                    _settle_log(log)
                    builds = log.read_text().count("Building documentation") - builds
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=60)
    return {"median": _median(times), "all": times, "builds_per_edit": builds}


def _settle_log(log: Path, quiet: float = 2.0) -> None:
    """Wait until ``mkdocs serve`` has written nothing to its log for ``quiet`` seconds."""
    size, since = -1, time.monotonic()
    while time.monotonic() - since < quiet:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        time.sleep(0.1)


def _first_question(data: Path) -> tuple[Path, str, str]:
    """The first question of the first domain: its file, id and topic page path."""
    from generator.content.load import load_bank

    content = load_bank(data).domains[0]
    question = content.questions[0]
    for path in sorted((data / content.slug).glob("*.yml")):
        if f"- id: {question.id}\n" in path.read_text(encoding="utf-8"):
            return path, question.id, f"{content.slug}/{question.topics[0]}/"
    raise RuntimeError(f"no file holds question {question.id}")


def measure_waits(work: Path, sizes: list[Figures], compare: bool, zensical: bool) -> Figures:
    """The issue's table: serve edit-to-reload, quiz ready, first search, mkdocs-quiz, Zensical."""
    from playwright.sync_api import sync_playwright

    from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.support.project import copy_project

    waits: Figures = {"serve": {}}
    banks = [("bundled", ROOT / "data")]
    banks += [
        (f"{f['questions']:,} questions", Path(f["data"])) for f in sizes if f["questions"] <= 1000
    ]
    for label, data in banks:
        project = work / f"serve-{len(waits['serve'])}"
        project.mkdir(parents=True)
        copy_project(project, data)
        questions, question_id, path = _first_question(project / "data")
        waits["serve"][label] = measure_serve(project, questions, question_id, path, SERVE_RUNS)
        print(f"serve, {label}: stem saved -> page shows it {waits['serve'][label]}", flush=True)
        shutil.rmtree(project)

    small = next((f for f in sizes if f["questions"] == 1000), sizes[0])
    large = sizes[-1]
    if compare:
        for figures in {id(f): f for f in (small, large)}.values():
            folder = work / f"mkdocs-quiz-{figures['questions']}"
            folder.mkdir()
            figures["mkdocs_quiz"] = build_mkdocs_quiz(Path(figures["data"]), folder)
            quiz = figures["mkdocs_quiz"]
            print(
                f"mkdocs-quiz, {figures['questions']:,} questions: build "
                f"{quiz['build']['wall']:.1f} s ({quiz['build']['cpu']:.1f} s CPU), site "
                f"{quiz['site_mib']:.1f} MiB, search index {quiz['search_index'] / 2**20:.1f} MiB",
                flush=True,
            )
    if zensical:
        folder = work / "zensical-large"
        folder.mkdir()
        waits["zensical"] = build_zensical(Path(large["data"]), folder)
        print(f"Zensical, {large['questions']:,} questions: {waits['zensical']}", flush=True)

    from contextlib import ExitStack

    with sync_playwright() as playwright, ExitStack() as stack:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        ours = stack.enter_context(_served(Path(small["site"])))
        slug_topic = _first_question(Path(small["data"]))[2]
        pages = {
            "topic": (ours + slug_topic, READY["studysite"]),
            "practice": (ours + "domain-1/questions/", READY["studysite"]),
        }
        if compare:
            theirs = stack.enter_context(_served(Path(small["mkdocs_quiz"]["site"])))
            pages["mkdocs-quiz topic"] = (theirs + slug_topic, READY["mkdocs-quiz"])
            pages["mkdocs-quiz practice"] = (theirs + "domain-1/questions/", READY["mkdocs-quiz"])
        waits["ready"] = measure_ready(browser, pages, BROWSER_RUNS)
        waits["ready_questions"] = {
            "topic": _count_questions(Path(small["site"]) / slug_topic / "index.html"),
            "practice": _count_questions(Path(small["site"]) / "domain-1/questions/index.html"),
        }
        print(f"navigation -> quiz ready: {waits['ready']}", flush=True)
        term = _search_term(Path(large["data"]))
        big = stack.enter_context(_served(Path(large["site"])))
        waits["search_term"] = term
        waits["search"] = measure_first_search(browser, big, term, SEARCH_RUNS)
        if compare:
            big_theirs = stack.enter_context(_served(Path(large["mkdocs_quiz"]["site"])))
            waits["search_mkdocs_quiz"] = measure_first_search(
                browser, big_theirs, term, SEARCH_RUNS
            )
        print(f"first search at {large['questions']:,} questions ({term!r}): {waits['search']}")
        browser.close()
    return waits


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    from tests.support.project import serve

    yield from serve(folder)


def _count_questions(page: Path) -> int:
    return page.read_text(encoding="utf-8").count('class="ss-question"')


def _search_term(data: Path) -> str:
    """A word of the first topic's title: found on many pages of a synthetic bank."""
    from generator.content.load import load_bank

    title = str(load_bank(data).domains[0].topics[0].title)
    words: list[str] = re.findall(r"[A-Za-z]+", title)
    return max(words, key=len).lower()


# ---- summary ----------------------------------------------------------------------------


def machine() -> str:
    """The machine the figures come from: CPUs, CPU model, memory, Python, load."""
    memory = cpu = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.0f} GiB RAM"
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = f"load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    parts = [
        f"{os.cpu_count()} CPUs (nproc)",
        cpu,
        memory,
        f"Python {platform.python_version()}",
        f"{platform.system()} {platform.release()}",
        load,
    ]
    return ", ".join(p for p in parts if p)


Row = tuple[str, Callable[[Figures], str], Callable[[Figures], float] | None]


def _stage_row(stage: str) -> Row:
    def value(f: Figures) -> float:
        return float(f["generator"]["cold"]["cpu"][stage])

    return (f"{stage.capitalize()} (CPU)", lambda f: f"{value(f):.2f} s", value)


def _rows() -> list[Row]:
    def best_stages(f: Figures) -> float:
        return stages(f["generator"]["best"], "cpu")

    def own(f: Figures) -> float:
        return mkdocs_own(f["mkdocs"], "cpu")

    def edits(f: Figures, label: str) -> str:
        return str(len(f["generator"]["edits"][label]["written"]))

    rows: list[Row] = [
        (
            "Domains / topics / tables / trees",
            lambda f: "{domains} / {topics} / {tables} / {trees}".format(**f),
            None,
        ),
        ("YAML", lambda f: f"{f['yaml_mib']:.1f} MiB", lambda f: float(f["yaml_mib"])),
    ]
    for stage in STAGES:
        rows.append(_stage_row(stage))
    rows += [
        (
            "Load + check + render (CPU)",
            lambda f: f"{stages(f['generator']['cold'], 'cpu'):.2f} s",
            lambda f: stages(f["generator"]["cold"], "cpu"),
        ),
        (
            "Practice exam data / (load + check + render) (CPU)",
            lambda f: f"{100 * exam_share(f['generator']['cold'], 'cpu'):.1f}%",
            None,
        ),
        (
            "Load + check + render, rebuild in the same process (CPU)",
            lambda f: f"{best_stages(f):.2f} s",
            best_stages,
        ),
        ("Generated files written", lambda f: str(f["generator"]["written"]), None),
        (
            "Peak RSS, generator",
            lambda f: f"{f['generator']['peak_rss_mib']:.0f} MiB",
            lambda f: float(f["generator"]["peak_rss_mib"]),
        ),
        (
            "Peak Python allocations (tracemalloc)",
            lambda f: f"{f['generator']['traced_peak_mib']:.0f} MiB",
            lambda f: float(f["generator"]["traced_peak_mib"]),
        ),
        (
            "`mkdocs build`, empty docs/ (wall / CPU)",
            lambda f: (
                f"{f['mkdocs_first']['process_wall']:.1f} s / {f['mkdocs_first']['process_cpu']:.1f} s"
            ),
            None,
        ),
        (
            "`mkdocs build`, pages up to date (wall / CPU)",
            lambda f: f"{f['mkdocs']['process_wall']:.1f} s / {f['mkdocs']['process_cpu']:.1f} s",
            lambda f: float(f["mkdocs"]["process_cpu"]),
        ),
        ("MkDocs on the generated docs (CPU)", lambda f: f"{own(f):.1f} s", own),
        (
            "Generator stages / MkDocs on the generated docs",
            lambda f: f"{100 * stages(f['generator']['cold'], 'cpu') / own(f):.1f}%",
            None,
        ),
        (
            "Generator (plugin) / whole `mkdocs build` (CPU)",
            lambda f: f"{100 * f['mkdocs']['hook']['cpu'] / f['mkdocs']['process_cpu']:.1f}%",
            None,
        ),
        (
            "Peak RSS, `mkdocs build`",
            lambda f: f"{f['mkdocs']['process_peak_rss_mib']:.0f} MiB",
            lambda f: float(f["mkdocs"]["process_peak_rss_mib"]),
        ),
        ("HTML pages", lambda f: str(f["html_pages"]), None),
        (
            "search/search_index.json",
            lambda f: (
                f"{f['search_index'] / 2**20:.1f} MiB ({f['search_index_gz'] / 2**20:.1f} MiB gzipped)"
            ),
            lambda f: float(f["search_index"]),
        ),
        ("Files rewritten when one stem changes", lambda f: edits(f, "stem"), None),
        ("Files rewritten when one explanation changes", lambda f: edits(f, "explanation"), None),
    ]
    return rows


def markdown(
    sizes: list[Figures], sources: list[Asset], served: list[Asset], browser: Figures
) -> str:
    """The figures as a Markdown table, for the README."""
    header = ["Questions", *(f"{f['questions']:,}" for f in sizes)]
    growth = len(sizes) > 1
    if growth:
        factor = sizes[-1]["questions"] / sizes[0]["questions"]
        header.append(f"Growth ({factor:.0f}x questions)")
    lines = ["| " + " | ".join(header) + " |", "| --- |" + " ---: |" * (len(header) - 1)]
    for label, cell, value in _rows():
        cells = [label, *(cell(f) for f in sizes)]
        if growth:
            small, big = (value(sizes[0]), value(sizes[-1])) if value else (0.0, 0.0)
            cells.append(f"{big / small:.1f}x" if value and small else "")
        lines.append("| " + " | ".join(cells) + " |")
    raw, packed = _totals(sources)
    out, out_gz = _totals([a for a in served if a[0] in SERVED])
    modules = ", ".join(
        f"{m.group(1)} {name.rsplit('.', 1)[1]} {gz:,} B"
        for name, _, gz in served
        if (m := MODULE_BUNDLE.search(name))
    )
    lines += [
        "",
        f"The project's own JavaScript and CSS that every page loads (the core: one script "
        f"bundle and one style bundle, minified): {out:,} B, {out_gz:,} B gzipped; the "
        f"modules, gzipped, on the pages that show them: {modules or 'none'}; the commented "
        f"sources ({len(sources)} files): {raw:,} B, {packed:,} B gzipped.",
    ]
    if browser:
        topic = browser["topic"]
        feedback, source = topic.get("feedback_marks_ms"), "quiz.js performance marks"
        if feedback is None:
            feedback, source = topic.get("feedback_frame_ms"), "click to next frame, from the page"
        lines.append(
            f"Chromium {browser['chromium']} (headless), topic page with {topic['questions']} "
            f"questions, a table and a tree: widgets mount in {_ms(topic['mount_ms'])}; answer "
            f"click to feedback {_ms(feedback)} ({source}); median of {BROWSER_RUNS} loads."
        )
        if "practice" in browser:
            practice = browser["practice"]
            lines.append(
                f"Practice page with {practice['questions']} questions: widgets mount in "
                f"{_ms(practice['mount_ms'])}."
            )
    for questions, exam in browser.get("exam", {}).items():
        lines.append(
            f"Practice exam page, {int(questions):,} questions: {exam['before_start_gz']:,} B "
            f"gzipped before Start (Material's files and the search index left out); Start to "
            f"the first question {_ms(exam['first_question_frame_ms'])} (painted); answering "
            f"{_ms(exam['answer_work_ms'])} and moving {_ms(exam['move_work_ms'])} (script, "
            f"style and layout), {_ms(exam['answer_frame_ms'])} and "
            f"{_ms(exam['move_frame_ms'])} to the next frame; a key press to the next paint "
            f"(Event Timing) {_ms(exam['answer_paint_ms'])} and {_ms(exam['move_paint_ms'])}."
        )
    lines += ["", f"Machine: {machine()}."]
    return "\n".join(lines)


# The targets (issue 17).
TARGETS = {
    "serve bundled": 800,
    "serve 1,000": 3000,
    "topic": 450,
    "practice": 1500,
    "search": 300,
    "index": 6 * 2**20,
}


def _ratio(ours: float | None, theirs: float | None) -> str:
    return f"{ours / theirs:.2f}x" if ours and theirs else "-"


def _seconds(ms: float | None) -> str:
    return "n/a" if ms is None else (f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:,.0f} ms")


def waits_markdown(sizes: list[Figures], waits: Figures) -> str:
    """The issue's table: what people wait for, now, mkdocs-quiz, the ratio and the target."""
    large = sizes[-1]
    small = next((f for f in sizes if f["questions"] == 1000), sizes[0])
    ready = waits.get("ready", {})
    counts = waits.get("ready_questions", {})
    quiz_small, quiz_large = small.get("mkdocs_quiz"), large.get("mkdocs_quiz")

    def theirs(name: str) -> float | None:
        entry = ready.get(f"mkdocs-quiz {name}")
        return entry["median"] if entry else None

    rows: list[tuple[str, str, str, str, str]] = []
    for label, serve in waits.get("serve", {}).items():
        target = TARGETS["serve bundled" if label == "bundled" else "serve 1,000"]
        rows.append(
            (
                f"author: save a YAML edit -> page shows it, {label} (median of {SERVE_RUNS}; "
                f"{serve['builds_per_edit']} build per edit)",
                _seconds(serve["median"]),
                "-",
                "-",
                f"<= {_seconds(target)}",
            )
        )
    for name, what in (("topic", "topic page"), ("practice", "practice page")):
        if name in ready:
            ours, other = ready[name]["median"], theirs(name)
            rows.append(
                (
                    f"learner: {what} ({counts.get(name, '?'):,} questions) navigation -> quiz "
                    f"ready (median of {BROWSER_RUNS} cold loads)",
                    _seconds(ours),
                    _seconds(other) if other else "-",
                    _ratio(ours, other),
                    f"<= {_seconds(TARGETS[name])}",
                )
            )
    if "search" in waits:
        other = waits.get("search_mkdocs_quiz", {}).get("median")
        rows.append(
            (
                f"learner: first search at {large['questions']:,} questions, first key -> first "
                f"result (median of {SEARCH_RUNS})",
                _seconds(waits["search"]["median"]),
                _seconds(other) if other else "-",
                _ratio(waits["search"]["median"], other),
                f"<= {_seconds(TARGETS['search'])}",
            )
        )
    for figures in (small, large) if small is not large else (large,):
        quiz = figures.get("mkdocs_quiz")
        rows.append(
            (
                f"`search_index.json` at {figures['questions']:,} questions",
                f"{figures['search_index'] / 2**20:.2f} MiB",
                f"{quiz['search_index'] / 2**20:.2f} MiB" if quiz else "-",
                _ratio(figures["search_index"], quiz["search_index"] if quiz else None),
                "<= 6 MiB" if figures is large else "",
            )
        )
    for figures, quiz in ((small, quiz_small), (large, quiz_large)):
        if quiz:
            ours = figures["mkdocs"]["process_cpu"]
            rows.append(
                (
                    f"`mkdocs build` at {figures['questions']:,} questions (CPU)",
                    f"{ours:.1f} s",
                    f"{quiz['build']['cpu']:.1f} s",
                    _ratio(ours, quiz["build"]["cpu"]),
                    "",
                )
            )
            rows.append(
                (
                    f"site at {figures['questions']:,} questions",
                    f"{figures['site_mib']:.1f} MiB",
                    f"{quiz['site_mib']:.1f} MiB",
                    _ratio(figures["site_mib"], quiz["site_mib"]),
                    "",
                )
            )
    if "zensical" in waits:
        zensical = waits["zensical"]
        rows.append(
            (
                f"Zensical build at {large['questions']:,} questions",
                f"builds ({zensical['build']['wall']:.0f} s)"
                if zensical["ok"]
                else f"fails: {zensical.get('error', '')}",
                "-",
                "-",
                "builds",
            )
        )
    lines = [
        "| what people wait for | now | mkdocs-quiz 1.7.1 | now / mkdocs-quiz | target |",
        "|---|---:|---:|---:|---:|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_generator"]:
        _generator_child(argv[1], argv[2], int(argv[3]))
        return 0
    if argv[:1] == ["_stages"]:
        _stages_child(argv[1], argv[2])
        return 0
    if argv[:1] == ["_mkdocs"]:
        _mkdocs_child(argv[1], argv[2])
        return 0
    parser = argparse.ArgumentParser(
        prog="tests/benchmark.py",
        description="Print what synthetic question banks of several sizes cost to build and use.",
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
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (replaced)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    repeat = max(1, args.repeat)

    print(f"Machine: {machine()}")

    figures: list[Figures] = []
    browser: Figures = {}
    with _workdir(args.keep) as work:
        for questions in sizes:
            folder = work / f"q{questions}"
            folder.mkdir()
            figures.append(measure_size(questions, folder, repeat))
        site = Path(figures[0]["site"]) if figures else None
        sources, served = source_sizes(), served_sizes(site)
        kinds = page_kind_sizes(site, served) if site else {}
        _print_assets(sources, served, kinds)
        if not args.no_browser:
            browser = measure_browser(work / "browser", Path(figures[-1]["site"]))
            _print_browser(browser)
            browser["exam"] = measure_exams([(f["questions"], Path(f["site"])) for f in figures])
            _print_exams(browser["exam"])
        table = markdown(figures, sources, served, browser)
        waits: Figures = {}
        if not args.no_browser and not args.no_waits:
            print("\n== The waits people feel", flush=True)
            waits = measure_waits(
                work / "waits", figures, not args.no_compare, not args.no_zensical
            )
            table += "\n\n" + waits_markdown(figures, waits)
    print("\n== Markdown for the README\n")
    print(table)
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "sizes": figures,
                    "sources": sources,
                    "served": served,
                    "page_kinds": kinds,
                    "browser": browser,
                    "waits": waits,
                },
                indent=1,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
