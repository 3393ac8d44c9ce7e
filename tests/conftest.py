"""Shared fixtures: the built site, a local static server, and Debian's Chromium."""

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

from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
from generator.publishing.local_server import serve_folder

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


def mkdocs_build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` in ``project`` into ``site_dir``."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir), *extra],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with ``--strict``."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def offline_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The offline site and its zip, made once per session by the documented command.

    Tests open it from disk and unzip copies; none writes into it.
    """
    base = tmp_path_factory.mktemp("offline")
    site, archive = base / "site-offline", base / "dist" / "study-site-offline.zip"
    command = [sys.executable, "-m", "generator", "offline", "--out", str(site)]
    result = subprocess.run(
        [*command, "--zip", str(archive)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return site, archive


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A throwaway copy of the project (config, generator, hand-written docs, data)."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(
        ROOT / "generator", target / "generator", ignore=shutil.ignore_patterns("__pycache__")
    )
    # Sources only: the widget bundles are the generator's to write.
    shutil.copytree(
        ROOT / "docs" / "assets",
        target / "docs" / "assets",
        ignore=shutil.ignore_patterns("studysite.*"),
    )
    shutil.copytree(data or ROOT / "data", target / "data")
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project to edit freely."""
    return copy_project(tmp_path)


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


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the built site, served locally."""
    yield from serve(built_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium, headless, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `bash tests/run.sh`, which installs Debian's chromium"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: object) -> Iterator[object]:
    """A fresh browser context (empty storage) per test."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: object) -> object:
    """A new page in a fresh context."""
    return context.new_page()  # type: ignore[attr-defined]


def screenshot_path(name: str) -> Path:
    """Where a test keeps a screenshot for people to look at (tests/artifacts/, git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
