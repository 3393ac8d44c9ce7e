"""Shared fixtures: the bundled bank, the built site, a local static server, Debian's Chromium.

The tests are in folders that say what they need:

- ``unit/``: neither MkDocs nor Chromium (the generator's functions, its commands on data
  folders, the formats, the schemas);
- ``build/``: MkDocs, or the pipeline writing a project's ``docs/``, on a project copy; they
  assert on the files and HTML written (BeautifulSoup), never in a browser;
- ``browser/``: Chromium driven by Playwright (marked ``browser``).

A file is in the folder of the most that any of its tests needs. Helpers shared between test
files are in ``support/`` (no test module imports another).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.content.model import Bank
from generator.publishing.chromium import CHROMIUM, CHROMIUM_ARGS
from generator.site.layout import Site
from tests.support import bank as bundled
from tests.support.project import ROOT, copy_project, mkdocs_build, serve
from tests.support.trees import tree_pages


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parameters drawn from the bundled bank, made at collection (never at import).

    ``bundled_tree_id``: each decision tree shown on a topic page of the bundled site.
    """
    if "bundled_tree_id" in metafunc.fixturenames:
        shown = tree_pages(bundled.bundled_bank(), bundled.bundled_site())
        metafunc.parametrize("bundled_tree_id", sorted(shown))


@pytest.fixture(scope="session")
def bundled_bank() -> Bank:
    """The bank of ``data/``, loaded once per test process. Models are frozen: do not copy."""
    return bundled.bundled_bank()


@pytest.fixture(scope="session")
def bundled_site(bundled_bank: Bank) -> Site:
    """The bundled bank's site layout, made once per test process; read it, never change it."""
    return bundled.bundled_site()


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


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project to edit freely."""
    return copy_project(tmp_path)


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
