"""The figures as text: the Markdown tables a run prints and writes beside its JSON.

:func:`markdown` is the table of build figures by size (with the growth from the smallest to
the largest bank) and the lines on the bundles, the pages in Chromium and the practice exam;
:func:`waits_markdown` is the table of the waits people feel beside mkdocs-quiz, with issue
17's targets; :func:`full_report` puts them together with the machine and the load.
"""

from __future__ import annotations

from collections.abc import Callable

from tests.bench.builds import exam_share, mkdocs_own, stages
from tests.bench.child import STAGES
from tests.bench.common import BROWSER_RUNS, Figures, machine_line, ms
from tests.bench.search import SEARCH_RUNS
from tests.bench.serve import SERVE_RUNS
from tests.bench.sizes import MODULE_BUNDLE, SERVED, Asset, totals

Row = tuple[str, Callable[[Figures], str], Callable[[Figures], float] | None]


def _stage_row(stage: str) -> Row:
    def value(f: Figures) -> float:
        return float(f["generator"]["cold"]["cpu"][stage])

    return (f"{stage.capitalize()} (CPU)", lambda f: f"{value(f):.2f} s", value)


def rows() -> list[Row]:
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
    """The build figures by size as a Markdown table, with the sizes and browser lines."""
    header = ["Questions", *(f"{f['questions']:,}" for f in sizes)]
    growth = len(sizes) > 1
    if growth:
        factor = sizes[-1]["questions"] / sizes[0]["questions"]
        header.append(f"Growth ({factor:.0f}x questions)")
    lines = ["| " + " | ".join(header) + " |", "| --- |" + " ---: |" * (len(header) - 1)]
    for label, cell, value in rows():
        cells = [label, *(cell(f) for f in sizes)]
        if growth:
            small, big = (value(sizes[0]), value(sizes[-1])) if value else (0.0, 0.0)
            cells.append(f"{big / small:.1f}x" if value and small else "")
        lines.append("| " + " | ".join(cells) + " |")
    raw, packed = totals(sources)
    out, out_gz = totals([a for a in served if a[0] in SERVED])
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
            f"questions, a table and a tree: widgets mount in {ms(topic['mount_ms'])}; answer "
            f"click to feedback {ms(feedback)} ({source}); median of {BROWSER_RUNS} loads."
        )
        if "practice" in browser:
            practice = browser["practice"]
            lines.append(
                f"Practice page with {practice['questions']} questions: widgets mount in "
                f"{ms(practice['mount_ms'])}."
            )
    for questions, exam in browser.get("exam", {}).items():
        lines.append(
            f"Practice exam page, {int(questions):,} questions: {exam['before_start_gz']:,} B "
            f"gzipped before Start (Material's files and the search index left out); Start to "
            f"the first question {ms(exam['first_question_frame_ms'])} (painted); answering "
            f"{ms(exam['answer_work_ms'])} and moving {ms(exam['move_work_ms'])} (script, "
            f"style and layout), {ms(exam['answer_frame_ms'])} and "
            f"{ms(exam['move_frame_ms'])} to the next frame; a key press to the next paint "
            f"(Event Timing) {ms(exam['answer_paint_ms'])} and {ms(exam['move_paint_ms'])}."
        )
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


def ratio(ours: float | None, theirs: float | None) -> str:
    """``ours / theirs`` as ``0.98x``, or ``-`` when either is missing."""
    return f"{ours / theirs:.2f}x" if ours and theirs else "-"


def seconds(value: float | None) -> str:
    """Milliseconds as ``330 ms`` or, from a second on, ``1.24 s``."""
    if value is None:
        return "n/a"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:,.0f} ms"


def waits_markdown(sizes: list[Figures], waits: Figures) -> str:
    """The issue's table: what people wait for, now, mkdocs-quiz, the ratio and the target."""
    large = sizes[-1]
    small = next((f for f in sizes if f["questions"] == 1000), sizes[0])
    ready = waits.get("ready", {})
    counts = waits.get("ready_questions", {})

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
                seconds(serve["median"]),
                "-",
                "-",
                f"<= {seconds(target)}",
            )
        )
    for name, what in (("topic", "topic page"), ("practice", "practice page")):
        if name in ready:
            ours, other = ready[name]["median"], theirs(name)
            rows.append(
                (
                    f"learner: {what} ({counts.get(name, '?'):,} questions) navigation -> quiz "
                    f"ready (median of {BROWSER_RUNS} cold loads)",
                    seconds(ours),
                    seconds(other) if other else "-",
                    ratio(ours, other),
                    f"<= {seconds(TARGETS[name])}",
                )
            )
    if "search" in waits:
        other = waits.get("search_mkdocs_quiz", {}).get("median")
        rows.append(
            (
                f"learner: first search at {large['questions']:,} questions, first key -> first "
                f"result (median of {SEARCH_RUNS})",
                seconds(waits["search"]["median"]),
                seconds(other) if other else "-",
                ratio(waits["search"]["median"], other),
                f"<= {seconds(TARGETS['search'])}",
            )
        )
    for figures in (small, large) if small is not large else (large,):
        quiz = figures.get("mkdocs_quiz")
        rows.append(
            (
                f"`search_index.json` at {figures['questions']:,} questions",
                f"{figures['search_index'] / 2**20:.2f} MiB",
                f"{quiz['search_index'] / 2**20:.2f} MiB" if quiz else "-",
                ratio(figures["search_index"], quiz["search_index"] if quiz else None),
                "<= 6 MiB" if figures is large else "",
            )
        )
    for figures in (small, large) if small is not large else (large,):
        quiz = figures.get("mkdocs_quiz")
        if quiz:
            ours = figures["mkdocs"]["process_cpu"]
            rows.append(
                (
                    f"`mkdocs build` at {figures['questions']:,} questions (CPU)",
                    f"{ours:.1f} s",
                    f"{quiz['build']['cpu']:.1f} s",
                    ratio(ours, quiz["build"]["cpu"]),
                    "",
                )
            )
            rows.append(
                (
                    f"site at {figures['questions']:,} questions",
                    f"{figures['site_mib']:.1f} MiB",
                    f"{quiz['site_mib']:.1f} MiB",
                    ratio(figures["site_mib"], quiz["site_mib"]),
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


def assets(rows: list[list[object]]) -> list[Asset]:
    """Assets as the JSON holds them (lists) back as tuples."""
    return [(str(name), int(str(raw)), int(str(packed))) for name, raw, packed in rows]


def full_report(results: Figures) -> str:
    """Every table of a run, as a Markdown document (``results/latest.md``)."""
    meta = results.get("meta", {})
    load = meta.get("load_before", []), meta.get("load_after", [])
    lines = [
        "# Benchmark figures",
        "",
        f"`{meta.get('command', 'python -m tests.bench')}`, {meta.get('started', '?')} to "
        f"{meta.get('finished', '?')} (UTC), commit {meta.get('commit', '?')}.",
        "",
        f"Machine: {machine_line(meta.get('machine', {}))}; load average (1, 5, 15 min) "
        f"{', '.join(f'{x:.2f}' for x in load[0])} before and "
        f"{', '.join(f'{x:.2f}' for x in load[1])} after.",
        "",
        "## Builds, bundles and pages, by size",
        "",
        markdown(
            results["sizes"],
            assets(results.get("sources", [])),
            assets(results.get("served", [])),
            results.get("browser", {}),
        ),
    ]
    if results.get("mixed"):
        from tests.bench.mixed import mixed_markdown

        lines += [
            "",
            "## The mixed bank (every question type)",
            "",
            mixed_markdown(results["mixed"]),
        ]
    kinds = results.get("page_kinds", {})
    if kinds:
        lines += [
            "",
            "What each page kind loads of ours (its heaviest page: the core and its modules):",
            "",
            "| page kind | modules | bytes | gzipped |",
            "| --- | --- | ---: | ---: |",
        ]
        for kind, info in sorted(kinds.items()):
            modules = ", ".join(["core", *info["modules"]])
            lines.append(f"| {kind} | {modules} | {info['bytes']:,} | {info['gz']:,} |")
    if results.get("waits"):
        lines += [
            "",
            "## The waits people feel, beside mkdocs-quiz",
            "",
            waits_markdown(results["sizes"], results["waits"]),
        ]
    if results.get("lighthouse"):
        from tests.bench.lighthouse import lighthouse_markdown

        lines += ["", "## Lighthouse", "", lighthouse_markdown(results["lighthouse"])]
    return "\n".join(lines) + "\n"
