"""Edit-to-reload time under ``mkdocs serve``: prints figures, asserts nothing.

For the bundled exam in ``data/`` and for the same exam in a folder named by the setting
(the studysite plugin's ``data`` option), and for a new exam made by ``init``: serve a project copy, open a
topic page in Chromium, change the topic's title in its YAML file and time until the open
page shows the new title (the plugin regenerates, MkDocs rebuilds, livereload reloads).

    .venv/bin/python tests/support/serve_reload.py --repeat 3
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script: make ``tests.*`` importable
    sys.path.insert(1, str(ROOT))

from generator.authoring.scaffold import init_exam  # noqa: E402
from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.support.project import copy_project, mkdocs_serve  # noqa: E402

CASES = {
    "bundled exam, data/ (the default setting)": ("data", "data", "deployment-options"),
    "bundled exam, exams/aws named by the setting": ("exams/aws", "data", "deployment-options"),
    "init exam, my-exam named by the setting": ("my-exam", "init", "d1-first-topic"),
}


def _project(work: Path, folder: str, source: str) -> Path:
    project = copy_project(work)
    if source == "init":
        init_exam(project / folder)
    elif folder != "data":
        shutil.copytree(project / "data", project / folder)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      data: data\n", f"      data: {folder}\n"))
    return project


def _measure(project: Path, folder: str, topic: str, repeat: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    domain = "domain-1" if topic.startswith("d1-") else "domain-4"
    topics = project / folder / domain / "topics.yml"
    times = []
    with mkdocs_serve(project) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{url}{domain}/{topic}/")
        heading = page.locator("article h1").first
        for i in range(repeat):
            text = topics.read_text()
            title = heading.inner_text().removesuffix("¶")
            new = f"Edited title {i}"
            start = time.perf_counter()
            topics.write_text(text.replace(f"title: {title}", f"title: {new}", 1))
            heading.filter(has_text=new).wait_for(timeout=120_000)
            times.append(time.perf_counter() - start)
            time.sleep(1)
        browser.close()
    return times


def main() -> None:
    """Print the edit-to-reload time of each case."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    for label, (folder, source, topic) in CASES.items():
        with tempfile.TemporaryDirectory() as temp:
            project = _project(Path(temp), folder, source)
            times = _measure(project, folder, topic, args.repeat)
        runs = ", ".join(f"{t:.2f}" for t in times)
        print(f"{label}: median {statistics.median(times):.2f} s (runs: {runs} s)")


if __name__ == "__main__":
    main()
