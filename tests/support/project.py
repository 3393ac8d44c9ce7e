"""The project under test: its folders, throwaway copies, and MkDocs run on them."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.publishing.local_server import serve_folder

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
ARTIFACTS = TESTS / "artifacts"
NODE_MODULES = TESTS / "node_modules"
"""Where ``npm install --prefix tests`` puts the tests' Node packages (tests/package.json)."""


def mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in ``project`` into ``site_dir``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A throwaway copy of the project as an author has it: mkdocs.yml, docs, data, the shim.

    The generator itself is the installed package (the plugin's entry point), not copied.
    The iframe-worker shim is where ``npm install iframe-worker`` beside mkdocs.yml puts it.
    """
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(
        ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns(*GENERATED_IN_DOCS)
    )
    shutil.copytree(data or ROOT / "data", target / "data")
    shim = ROOT / "generator" / "node_modules" / "iframe-worker"
    if shim.is_dir():
        shutil.copytree(shim, target / "node_modules" / "iframe-worker")
    return target


#: What ``python -m generator build`` may have left in this checkout's docs/ (git-ignored).
GENERATED_IN_DOCS = (
    ".generated",
    "*.md",
    "exam-data",
    "domain-*",
    "downloads",
    "studysite.min.*",
    "studysite-*.min.*",
)


def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port); yield its base URL."""
    with serve_folder(folder) as url:
        yield url


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def mkdocs_serve(project: Path) -> Iterator[str]:
    """Run ``mkdocs serve`` in ``project`` on a free port; yield the site's base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    # site_url's path is where `mkdocs serve` mounts the site.
    url = f"http://127.0.0.1:{port}/studysite/"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                stderr = process.stderr.read() if process.stderr else ""
                pytest.fail(f"mkdocs serve stopped: {stderr}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("mkdocs serve did not answer within 90 seconds")
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def screenshot_path(name: str) -> Path:
    """Where a test keeps a screenshot for people to look at (tests/artifacts/, git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
