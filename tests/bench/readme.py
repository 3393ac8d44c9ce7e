"""``python -m tests.bench readme``: the README's performance table, from a run's JSON.

The table sits in README.md between :data:`START` and :data:`END`; this command replaces what
is between them with the table made from ``results/latest.json`` (or ``--json PATH``) and
leaves the rest of the README alone. ``--check`` only says whether the README is up to date.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from tests.bench.common import ROOT, Figures, machine_line
from tests.bench.report import ratio, seconds
from tests.bench.sizes import CORE_BUDGET_GZ, SERVED

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
README = ROOT / "README.md"
LATEST = Path(__file__).resolve().parent / "results" / "latest.json"


def _mib(size: float | None) -> str:
    return "-" if size is None else f"{size / 2**20:.2f} MiB"


def _get(figures: Figures, *keys: str) -> float | None:
    """``figures[k1][k2]...``, or None when a key is missing."""
    value: object = figures
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return float(value) if isinstance(value, int | float) else None


def table(results: Figures) -> str:
    """The README's table: the waits people feel and the sizes, ours beside mkdocs-quiz's."""
    sizes = results["sizes"]
    large = sizes[-1]
    waits = results.get("waits") or {}
    counts = waits.get("ready_questions", {})
    rows: list[tuple[str, float | None, float | None, str]] = []
    for name, what in (("topic", "topic page"), ("practice", "practice page")):
        rows.append(
            (
                f"{what} ({counts.get(name, 0):,} questions): navigation to quiz ready",
                _get(waits, "ready", name, "median"),
                _get(waits, "ready", f"mkdocs-quiz {name}", "median"),
                "ms",
            )
        )
    rows.append(
        (
            f"first search at {large['questions']:,} questions: first key to first result",
            _get(waits, "search", "median"),
            _get(waits, "search_mkdocs_quiz", "median"),
            "ms",
        )
    )
    rows.append(
        (
            f"`search_index.json` at {large['questions']:,} questions",
            _get(large, "search_index"),
            _get(large, "mkdocs_quiz", "search_index"),
            "bytes",
        )
    )
    rows.append(
        (
            f"`mkdocs build` at {large['questions']:,} questions (CPU)",
            _get(large, "mkdocs", "process_cpu"),
            _get(large, "mkdocs_quiz", "build", "cpu"),
            "s",
        )
    )
    rows.append(
        (
            "save a YAML edit to the page showing it (bundled bank)",
            _get(waits, "serve", "bundled", "median"),
            None,
            "ms",
        )
    )
    core = sum(int(gz) for name, _, gz in results.get("served", []) if name in SERVED)
    rows.append(
        (
            f"what every page loads of ours, gzipped (budget {CORE_BUDGET_GZ // 1024} KB)",
            float(core) if core else None,
            None,
            "KB",
        )
    )

    def shown(value: float | None, unit: str) -> str:
        if value is None:
            return "-"
        if unit == "ms":
            return seconds(value)
        if unit == "bytes":
            return _mib(value)
        if unit == "KB":
            return f"{value / 1024:.1f} KB"
        return f"{value:.1f} s"

    lines = [
        "| what people wait for | studysite | mkdocs-quiz 1.7.1 | ratio |",
        "| --- | ---: | ---: | ---: |",
    ]
    for label, ours, theirs, unit in rows:
        if ours is None:
            continue
        lines.append(
            f"| {label} | {shown(ours, unit)} | {shown(theirs, unit)} | {ratio(ours, theirs)} |"
        )
    meta = results.get("meta", {})
    load = [
        ", ".join(f"{x:.2f}" for x in meta.get(k, [])) or "?" for k in ("load_before", "load_after")
    ]
    lines += [
        "",
        f"Medians (7 cold page loads, 5 searches, 3 edits), measured {meta.get('started', '?')} "
        f"UTC by `{meta.get('command', 'python -m tests.bench')}` on "
        f"{machine_line(meta.get('machine', {}))}; load average {load[0]} before and "
        f"{load[1]} after. Compare the ratios, not the times, across machines.",
    ]
    return "\n".join(lines)


def rewrite(text: str, results: Figures) -> str:
    """``text`` (a README) with the table between the markers made from ``results``."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no {START} ... {END} markers")
    return text[: start + len(START)] + "\n" + table(results) + "\n" + text[end:]


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite (or ``--check``) the README's performance table."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench readme", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--json", type=Path, default=LATEST, help="a run's figures")
    parser.add_argument("--readme", type=Path, default=README, help="the README to rewrite")
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is stale")
    args = parser.parse_args(argv)
    results = json.loads(args.json.read_text(encoding="utf-8"))
    text = args.readme.read_text(encoding="utf-8")
    try:
        new = rewrite(text, results)
    except ValueError as error:
        print(f"error: {args.readme}: {error}", file=sys.stderr)
        return 2
    if args.check:
        if new != text:
            print(f"{args.readme}: the performance table is not {args.json}'s", file=sys.stderr)
            return 1
        return 0
    if new != text:
        args.readme.write_text(new, encoding="utf-8")
        print(f"rewrote the performance table of {args.readme} from {args.json}")
    else:
        print(f"{args.readme}: the performance table is up to date")
    return 0
