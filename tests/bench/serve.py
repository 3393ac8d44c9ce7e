"""``mkdocs serve``: a question's stem saved, until the open page (livereload) shows it.

On a copy of the project, for the bundled bank and a 1,000-question bank, median of
:data:`SERVE_RUNS`; and how many builds each edit caused (``Building documentation`` in the
serve log: one per edit since the pages reach MkDocs in memory).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from tests.bench.banks import mark_stem
from tests.bench.common import Figures, median
from tests.support.browsing import wait_until

SERVE_RUNS = 3


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
                    settle_log(log)
                    builds = log.read_text().count("Building documentation")
                    marker = f"Mark{run}x"
                    start = time.perf_counter()
                    mark_stem(questions, question_id, marker)
                    wait_until(
                        page,
                        f"() => document.body && document.body.textContent.includes({marker!r})",
                        timeout=600_000,
                        polling=20,
                    )
                    times.append(1000 * (time.perf_counter() - start))
                    settle_log(log)
                    builds = log.read_text().count("Building documentation") - builds
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=60)
    return {"median": median(times), "all": times, "builds_per_edit": builds}


def settle_log(log: Path, quiet: float = 2.0) -> None:
    """Wait until ``mkdocs serve`` has written nothing to its log for ``quiet`` seconds."""
    size, since = -1, time.monotonic()
    while time.monotonic() - since < quiet:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        time.sleep(0.1)
