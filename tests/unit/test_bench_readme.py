"""``python -m tests.bench readme`` makes the README's performance table from a run's JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench import readme
from tests.support.project import FIXTURES, ROOT

RESULTS = FIXTURES / "bench" / "results.json"

EXPECTED = """\
| what people wait for | studysite | mkdocs-quiz 1.7.1 | ratio |
| --- | ---: | ---: | ---: |
| topic page (57 questions): navigation to quiz ready | 330 ms | 337 ms | 0.98x |
| practice page (1,000 questions): navigation to quiz ready | 779 ms | 1.87 s | 0.42x |
| first search at 10,000 questions: first key to first result | 228 ms | 2.36 s | 0.10x |
| `search_index.json` at 10,000 questions | 4.78 MiB | 22.72 MiB | 0.21x |
| `mkdocs build` at 10,000 questions (CPU) | 23.0 s | 51.8 s | 0.44x |
| save a YAML edit to the page showing it (bundled bank) | 722 ms | - | - |
| what every page loads of ours, gzipped (budget 30 KB) | 25.0 KB | - | - |

Medians (7 cold page loads, 5 searches, 3 edits), measured 2026-12-08 01:00 UTC by \
`python -m tests.bench` on 2 CPUs (nproc), Test CPU, 24 GiB RAM, Python 3.11.7, Linux 6; \
load average 1.50, 2.00, 2.50 before and 3.25, 2.50, 2.00 after. Compare the ratios, not the \
times, across machines."""

PAGE = f"""# A project

Intro.

{readme.START}
| an old table |
{readme.END}

## Read more
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.bench", "readme", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_table_is_made_from_the_json() -> None:
    assert readme.table(json.loads(RESULTS.read_text(encoding="utf-8"))) == EXPECTED


def test_the_command_rewrites_only_the_marked_table(tmp_path: Path) -> None:
    page = tmp_path / "README.md"
    page.write_text(PAGE, encoding="utf-8")
    result = _run("--json", str(RESULTS), "--readme", str(page))
    assert result.returncode == 0, result.stderr
    assert page.read_text(encoding="utf-8") == PAGE.replace("| an old table |", EXPECTED)
    assert _run("--json", str(RESULTS), "--readme", str(page), "--check").returncode == 0
    again = _run("--json", str(RESULTS), "--readme", str(page))
    assert "up to date" in again.stdout


def test_check_fails_on_a_stale_table_and_a_readme_without_markers(tmp_path: Path) -> None:
    page = tmp_path / "README.md"
    page.write_text(PAGE, encoding="utf-8")
    assert _run("--json", str(RESULTS), "--readme", str(page), "--check").returncode == 1
    assert page.read_text(encoding="utf-8") == PAGE, "--check writes nothing"
    page.write_text("# No table\n", encoding="utf-8")
    result = _run("--json", str(RESULTS), "--readme", str(page))
    assert result.returncode == 2
    assert "markers" in result.stderr


def test_missing_figures_leave_their_rows_out() -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    results["waits"] = {}
    del results["sizes"][-1]["mkdocs_quiz"]
    text = readme.table(results)
    assert "navigation to quiz ready" not in text
    assert "| `search_index.json` at 10,000 questions | 4.78 MiB | - | - |" in text


@pytest.mark.skipif(not readme.LATEST.is_file(), reason="no benchmark run recorded yet")
def test_the_readme_shows_the_recorded_run() -> None:
    """The README's figures are the ones in tests/bench/results/latest.json."""
    result = _run("--check")
    assert result.returncode == 0, result.stderr
