"""What every step of the benchmark shares: paths, child processes, small formatting helpers."""

from __future__ import annotations

import gzip
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
TESTS = BENCH.parent
ROOT = TESTS.parent
RESULTS = BENCH / "results"
"""Where a run writes its figures by default (``latest.json``, ``latest.md``)."""

Figures = dict[str, Any]

BROWSER_RUNS = 7
"""Loads per page in Chromium; the median is reported."""
FRAME_MS = 1000 / 60


def median(values: Sequence[float]) -> float | None:
    """The median, or None for no values."""
    return statistics.median(values) if values else None


def ms(value: float | None) -> str:
    """Milliseconds with one decimal."""
    return "n/a" if value is None else f"{value:.1f} ms"


def gzip_size(data: bytes) -> int:
    """Bytes gzipped as a server sends them (``gzip -9``)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def child(args: Sequence[str], cwd: Path, env: dict[str, str] | None = None) -> Figures:
    """Run a step of :mod:`tests.bench.child` in a fresh process.

    Its JSON result, plus the process's wall time, CPU time and peak RSS. The child imports
    this checkout's ``tests`` and ``generator`` (``PYTHONPATH``), whatever its working folder.
    """
    path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.bench.child", *args],
            cwd=cwd,
            env={**os.environ, **(env or {}), "PYTHONPATH": path},
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


def timed_run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Figures:
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


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 for the block; its base URL."""
    from tests.support.project import serve

    yield from serve(folder)


def site_figures(site: Path) -> Figures:
    """A built site's size and its search index's size and entries."""
    index = site / "search" / "search_index.json"
    data = index.read_bytes() if index.is_file() else b""
    return {
        "site_mib": sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20,
        "search_index": len(data),
        "search_index_gz": gzip_size(data) if data else 0,
        "search_entries": len(json.loads(data)["docs"]) if data else 0,
    }


def load_average() -> list[float]:
    """The load averages over 1, 5 and 15 minutes, as ``uptime`` prints them."""
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else []


def machine() -> Figures:
    """The machine the figures come from: CPUs, CPU model, memory, Python, system."""
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
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
    }


def machine_line(info: Figures, load: Sequence[float] = ()) -> str:
    """The machine as one line: ``2 CPUs (nproc), <model>, 24 GiB RAM, Python ..., load ...``."""
    parts = [
        f"{info.get('cpus')} CPUs (nproc)",
        info.get("cpu", ""),
        info.get("memory", ""),
        f"Python {info.get('python', '?')}",
        info.get("system", ""),
        f"load average {', '.join(f'{x:.2f}' for x in load)}" if load else "",
    ]
    return ", ".join(p for p in parts if p)
