"""Benchmark: what a large question bank costs the generator, MkDocs and the browser.

Run from the repository root::

    .venv/bin/python tests/benchmark.py                      # 1,000 and 10,000 questions
    .venv/bin/python tests/benchmark.py --sizes 1000,5000,10000 --repeat 3 --no-browser

For each size it writes a synthetic bank (``tests/synthetic.py``: 50 questions a topic, 20
topics a domain, so 10,000 questions are 200 topics in 10 domains) and prints:

- the generator's stages in a fresh process: load, check, exam data, render (views and
  templates) and write, for the first run into an empty ``docs/`` and the best of ``--repeat`` runs with
  the pages up to date; files written; peak memory (peak RSS from ``getrusage``, and the peak
  of Python's own allocations from ``tracemalloc`` in a separate run);
- ``mkdocs build --strict`` of a copy of the project (``tests/conftest.py``'s
  ``copy_project``) with ``STUDYSITE_DATA`` pointing at the bank: once with an empty
  ``docs/`` (the hook writes every page), then ``--repeat`` times with the pages already up to
  date. The hook's generator run is timed inside the MkDocs process, so the figures split the
  build into the generator's share and MkDocs's own work on the generated docs; peak RSS,
  HTML pages and the size of ``search/search_index.json``;
- ``mkdocs serve``-style rebuilds: the generator run again after changing one question's
  stem (what the learner sees, so its content hash changes too) and after changing only one
  explanation, and which generated files each rewrites.

Once, it prints the project's own JavaScript and CSS: the sources (``docs/assets/js``,
``docs/assets/css``, one file per widget) and what the built site serves (the generator's two
bundles, minified by mkdocs-minify-plugin: ``assets/studysite.min.js`` and
``assets/studysite.min.css``), raw and gzipped (``gzip -9``, each file on its own as a server
sends it), and, in Chromium, on a topic page with 100 questions (plus a comparison
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

from tests.synthetic import edit_question, generate  # noqa: E402

# tests.conftest imports the generator, so it is imported only where needed: the MkDocs child
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
    """The generator's stages, as ``generator.build.build`` runs them, with both clocks."""
    from generator.build import gc_paused
    from generator.bundle import bundle_assets
    from generator.checks import check_bank
    from generator.exam_data import exam_data_files
    from generator.load import load_bank
    from generator.render import render_pages
    from generator.views import build_site
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
        files = render_pages(site)
        files.update(bundle_assets(docs))
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

    from generator.build import build

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
        report = build(copy, docs).report
        assert report is not None
        edits[label] = {"question": question, "written": report.written}

    tracemalloc.start()
    build(data, work / "docs-traced")
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
    """Child: ``mkdocs build --strict`` in ``project``, timing the hook's generator run."""
    sys.path.insert(0, project)  # the project's copy of the generator, as the hook loads it
    os.chdir(project)
    import generator.build

    if not Path(generator.build.__file__).resolve().is_relative_to(Path(project).resolve()):
        raise RuntimeError(f"imported the wrong generator: {generator.build.__file__}")
    runs: list[Figures] = []
    original = generator.build.build

    def timed(data_dir: Path, docs_dir: Path) -> generator.build.Result:
        wall, cpu = time.perf_counter(), time.process_time()
        result = original(data_dir, docs_dir)
        runs.append(
            {
                "wall": time.perf_counter() - wall,
                "cpu": time.process_time() - cpu,
                "stages": result.timings,
                "written": len(result.report.written) if result.report else 0,
            }
        )
        return result

    generator.build.build = timed  # the hook imports it by name when MkDocs loads it
    from mkdocs.__main__ import cli

    wall, cpu = time.perf_counter(), time.process_time()
    try:
        cli.main(["build", "--strict", "-q", "-d", site], standalone_mode=False)
    except SystemExit as stop:
        if stop.code:
            raise
    if not runs:
        raise RuntimeError("the MkDocs hook did not run the generator")
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
# What a page loads of ours: the generator's two bundles, minified by the site build.
SERVED = ("assets/studysite.min.js", "assets/studysite.min.css")


def _sized(name: str, data: bytes) -> Asset:
    return (name, len(data), _gzip_size(data))


def source_sizes() -> list[Asset]:
    """The project's own scripts and stylesheets as written: one commented file per widget."""
    return [
        _sized(f"{folder}/{path.name}", path.read_bytes())
        for folder, suffix in (("js", ".js"), ("css", ".css"))
        for path in sorted((ROOT / "docs" / "assets" / folder).glob(f"*{suffix}"))
    ]


def served_sizes(site: Path | None) -> list[Asset]:
    """What ``site`` serves of them: the script bundle and the style bundle, minified."""
    if site is None:
        return []
    return [_sized(name, (site / name).read_bytes()) for name in SERVED if (site / name).is_file()]


def _totals(assets: list[Asset]) -> tuple[int, int]:
    """Sums of bytes and gzipped bytes."""
    return sum(a[1] for a in assets), sum(a[2] for a in assets)


def _print_assets(sources: list[Asset], served: list[Asset]) -> None:
    print("\n== The project's own JavaScript and CSS (gzip -9, each file as a server sends it)")
    print(f"{'':<30} {'bytes':>8} {'gzipped':>8}")
    for title, rows in (
        ("sources in docs/assets", sources),
        ("served (bundled, minified)", served),
    ):
        print(title)
        for name, raw, packed in rows:
            print(f"  {name:<28} {raw:>8,} {packed:>8,}")
        raw, packed = _totals(rows)
        print(f"  {'total':<28} {raw:>8,} {packed:>8,}")


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

    from tests.conftest import copy_project

    project = work / "project"
    project.mkdir()
    copy_project(project, data)
    site = work / "site"
    # Imported here, not at the top: the _mkdocs child must import the project copy's package.
    from generator.settings import DATA_ENV

    env = {DATA_ENV: str(data)}
    figures["mkdocs_first"] = _child(["_mkdocs", str(project), str(site)], project, env)
    warm = [_child(["_mkdocs", str(project), str(site)], project, env) for _ in range(repeat)]
    figures["mkdocs"] = min(warm, key=lambda run: run["build_cpu"])
    figures["html_pages"] = sum(1 for _ in site.rglob("*.html"))
    index = site / "search" / "search_index.json"
    figures["search_index"] = index.stat().st_size if index.exists() else 0
    figures["search_index_gz"] = _gzip_size(index.read_bytes()) if index.exists() else 0
    figures["site_mib"] = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20
    _print_mkdocs(figures, repeat)
    figures["site"] = str(site)
    return figures


def stages(run: Figures, clock: str) -> float:
    """Load + check + render (what the targets call the generator stages)."""
    return float(sum(run[clock][s] for s in BASE_STAGES))


def exam_share(run: Figures, clock: str) -> float:
    """The practice exam's data scripts as a share of load + check + render."""
    return float(run[clock]["exam data"]) / stages(run, clock)


def mkdocs_own(run: Figures, clock: str) -> float:
    """Time MkDocs spends on the generated docs: the build minus the hook's generator run."""
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
            f"generator hook {hook['wall']:.2f} s ({hook['cpu']:.2f} s CPU) = "
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
  await frame();
  return {dom, frame: performance.now() - start};
}
"""


def measure_exam(browser: Any, url: str) -> Figures:
    """The exam page: what it loads before Start, Start to first question, answer and move."""
    loads: list[dict[str, Any]] = []
    firsts: list[float] = []
    first_frames: list[float] = []
    steps: dict[str, list[float]] = {"answer": [], "answer_frame": [], "move": [], "move_frame": []}
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
            steps[f"{action}_frame"].append(float(got["frame"]))
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
    }


def measure_exams(sites: list[tuple[int, Path]]) -> Figures:
    """The exam page of each size's site, in Chromium."""
    from playwright.sync_api import sync_playwright

    from generator.chromium import CHROMIUM, CHROMIUM_ARGS
    from tests.conftest import serve

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
            f"painted (next frame) {_ms(info['first_question_frame_ms'])}; answering "
            f"{_ms(info['answer_ms'])} ({_ms(info['answer_frame_ms'])} to the next frame); "
            f"next question {_ms(info['move_ms'])} ({_ms(info['move_frame_ms'])} to the next "
            f"frame; a frame is {FRAME_MS:.1f} ms)"
        )


def measure_browser(work: Path, practice_site: Path | None) -> Figures:
    """Chromium: a 100-question topic page, and a practice page of the largest bank."""
    from playwright.sync_api import sync_playwright

    from generator.chromium import CHROMIUM, CHROMIUM_ARGS
    from generator.settings import DATA_ENV
    from tests.conftest import copy_project, serve

    data = work / "data"
    generate(data, BROWSER_QUESTIONS, per_topic=BROWSER_QUESTIONS)
    project = work / "project"
    project.mkdir(parents=True)
    copy_project(project, data)
    site = work / "site"
    _child(["_mkdocs", str(project), str(site)], project, {DATA_ENV: str(data)})
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
            "Generator hook / whole `mkdocs build` (CPU)",
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
    out, out_gz = _totals(served)
    lines += [
        "",
        f"The project's own JavaScript and CSS as served (one script bundle and one style "
        f"bundle, minified): {out:,} B, {out_gz:,} B gzipped; the commented sources "
        f"({len(sources)} files): {raw:,} B, {packed:,} B gzipped.",
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
            f"{_ms(exam['answer_frame_ms'])} and moving {_ms(exam['move_frame_ms'])} to the "
            "next frame."
        )
    lines += ["", f"Machine: {machine()}."]
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
        _print_assets(sources, served)
        if not args.no_browser:
            browser = measure_browser(work / "browser", Path(figures[-1]["site"]))
            _print_browser(browser)
            browser["exam"] = measure_exams([(f["questions"], Path(f["site"])) for f in figures])
            _print_exams(browser["exam"])
        table = markdown(figures, sources, served, browser)
    print("\n== Markdown for the README\n")
    print(table)
    if args.json:
        args.json.write_text(
            json.dumps(
                {"sizes": figures, "sources": sources, "served": served, "browser": browser},
                indent=1,
            )
            + "\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
