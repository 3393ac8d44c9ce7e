"""`mkdocs serve`: one build per edit, and a dirty rebuild leaves what a clean build leaves."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.project import free_port, mkdocs_build
from tests.support.sites import site_files

BUILDING = "Building documentation"


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return str(response.read().decode("utf-8"))


@contextmanager
def serving(project: Path, *extra: str) -> Iterator[tuple[str, Path]]:
    """``mkdocs serve`` in ``project``; yields its base URL and the file its log goes to."""
    port = free_port()
    log = project / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", *extra],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
        url = f"http://127.0.0.1:{port}/studysite/"
        try:
            deadline = time.monotonic() + 300  # the first build, on a busy machine
            while True:
                assert process.poll() is None, log.read_text()
                try:
                    _get(url)
                    break
                except OSError:
                    assert time.monotonic() < deadline, "mkdocs serve did not answer"
                    time.sleep(0.25)
            yield url, log
        finally:
            process.terminate()
            process.wait(timeout=30)


def _wait_for(text: str, url: str) -> None:
    deadline = time.monotonic() + 90
    while text not in _get(url):
        assert time.monotonic() < deadline, f"{url} never showed {text!r}"
        time.sleep(0.2)


def _edit_a_stem(project: Path) -> str:
    """Change the first question's stem; the words the pages then show."""
    questions = project / "data" / "domain-4" / "questions.yml"
    text = questions.read_text()
    match = re.search(r"stem: >-\n(\s+)(\w+ \w+ \w+)", text)
    assert match is not None, "no folded stem in questions.yml"
    start, end = match.span(2)
    questions.write_text(text[:start] + "Edited " + text[start:end] + text[end:])
    return f"Edited {match.group(2)}"


def _builds(log: Path) -> int:
    return log.read_text().count(BUILDING)


def _settle(log: Path, quiet: float = 4.0) -> int:
    """Wait until the serve log has been quiet for ``quiet`` seconds; the number of builds."""
    deadline = time.monotonic() + 120
    size, since = -1, time.monotonic()
    while time.monotonic() - since < quiet:
        assert time.monotonic() < deadline, "mkdocs serve never settled"
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        time.sleep(0.2)
    return _builds(log)


def test_one_edit_causes_one_build_and_writes_nothing_into_docs(project: Path) -> None:
    docs_before = sorted(str(p.relative_to(project)) for p in (project / "docs").rglob("*"))
    with serving(project) as (url, log):
        assert _settle(log) == 1
        topics = project / "data" / "domain-4" / "topics.yml"
        topics.write_text(
            topics.read_text().replace(
                "title: SageMaker deployment options", "title: Ways to serve a model"
            )
        )
        _wait_for("Ways to serve a model", url + "domain-4/deployment-options/")
        assert _settle(log) == 2, log.read_text()
        probe = _edit_a_stem(project)
        _wait_for(probe, url + "domain-4/questions/")
        assert _settle(log) == 3, log.read_text()
    # The generated pages went to MkDocs in memory: docs/ holds what it held.
    docs_after = sorted(str(p.relative_to(project)) for p in (project / "docs").rglob("*"))
    assert docs_after == docs_before


def test_a_dirty_rebuild_leaves_the_same_site_and_index_as_a_clean_build(
    project: Path, tmp_path: Path
) -> None:
    dirty, clean = tmp_path / "dirty", tmp_path / "clean"
    assert mkdocs_build(project, dirty).returncode == 0
    probe = _edit_a_stem(project)
    topics = project / "data" / "domain-4" / "topics.yml"
    topics.write_text(
        topics.read_text().replace("title: Network isolation", "title: Network isolation in VPCs")
    )
    result = mkdocs_build(project, dirty, "--dirty")
    assert result.returncode == 0, result.stderr
    assert mkdocs_build(project, clean).returncode == 0
    index = json.loads((dirty / "search" / "search_index.json").read_text())
    assert any(probe in d["text"] for d in index["docs"])
    dirty_files, clean_files = site_files(dirty), site_files(clean)
    assert sorted(dirty_files) == sorted(clean_files)
    differ = [name for name in clean_files if dirty_files[name] != clean_files[name]]
    assert not differ, f"a dirty rebuild differs from a clean one in {differ[:10]}"


@pytest.mark.parametrize("edit", ["stem", "title"])
def test_a_dirty_serve_rebuild_leaves_the_same_index_as_a_clean_build(
    project: Path, tmp_path: Path, edit: str
) -> None:
    topics = project / "data" / "domain-4" / "topics.yml"
    with serving(project, "--dirty") as (url, log):
        assert _settle(log) == 1
        if edit == "stem":
            probe = _edit_a_stem(project)
        else:
            topics.write_text(
                topics.read_text().replace("title: Network isolation", "title: Walled networks")
            )
            probe = "Walled networks"
        deadline = time.monotonic() + 90
        while probe not in _get(url + "search/search_index.json"):
            assert time.monotonic() < deadline, "the search index never changed"
            time.sleep(0.2)
        _settle(log)
        served = json.loads(_get(url + "search/search_index.json"))
    clean = tmp_path / "clean"
    assert mkdocs_build(project, clean).returncode == 0
    built = json.loads((clean / "search" / "search_index.json").read_text())
    assert sorted(json.dumps(d, sort_keys=True) for d in served["docs"]) == sorted(
        json.dumps(d, sort_keys=True) for d in built["docs"]
    )
