"""No request leaves the machine: hosted build, `mkdocs serve`, and the offline build from disk."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from generator.config import load_project
from generator.errors import BuildError
from generator.plugin.offline_site import INSTALL_COMMAND, SHIM_IN_PACKAGE, SHIM_TARGET
from generator.plugin.staging import SITE_RECORD
from generator.publishing.offline import MARKER, build_offline
from tests.support.browsing import (
    RequestLog,
    answer_first_question,
    remote_loads,
    search,
    wait_until,
    walk_tree,
)
from tests.support.project import ROOT, copy_project, mkdocs_serve, screenshot_path

# One page of every kind, by site path (directory URLs); the topic has a quiz and a tree.
KINDS = {
    "home": "",
    "domain overview": "domain-4/",
    "topic": "domain-4/deployment-options/",
    "practice questions": "domain-4/questions/",
    "progress": "progress/",
    "study sheet": "domain-4/study-sheet/",
    "glossary": "glossary/",
}


@pytest.fixture(scope="module")
def offline(offline_build: tuple[Path, Path]) -> tuple[Path, Path]:
    """The offline site and its zip, made by the documented command (shared, see conftest)."""
    return offline_build


def test_hosted_site_loads_nothing_from_another_host(built_site: Path) -> None:
    assert len(list(built_site.rglob("*.html"))) > 10
    assert remote_loads(built_site) == []
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


def test_offline_site_loads_nothing_from_another_host(offline: tuple[Path, Path]) -> None:
    site, _ = offline
    assert remote_loads(site) == []
    assert not [p for p in site.rglob("*.html") if "unpkg.com" in p.read_text(encoding="utf-8")]


def test_offline_site_has_page_urls_inlined_search_and_the_packaged_shim(
    offline: tuple[Path, Path],
) -> None:
    site, _ = offline
    assert (site / "domain-4" / "deployment-options.html").is_file()
    assert not (site / "domain-4" / "deployment-options").exists()
    # The search index is a script, so it loads without fetch() from file://.
    index_js = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert index_js.startswith("var __index = {")
    # The shim is the npm package's file, loaded with a relative URL before Material's bundle.
    shim = site / SHIM_TARGET
    assert shim.read_bytes() == (ROOT / "generator" / SHIM_IN_PACKAGE).read_bytes()
    assert (site / "assets" / "vendor" / "iframe-worker" / "LICENSE").is_file()
    soup = BeautifulSoup(
        (site / "domain-4" / "iam.html").read_text(encoding="utf-8"), "html.parser"
    )
    sources = [str(s.get("src")) for s in soup.find_all("script") if s.get("src")]
    assert sources[0] == "../" + SHIM_TARGET
    links = [str(a.get("href")) for a in soup.select("nav.md-nav--primary a[href]")]
    assert "../glossary.html" in links
    assert not [href for href in links if href.endswith("/")]


def test_zip_holds_the_offline_site_under_one_folder(offline: tuple[Path, Path]) -> None:
    site, archive = offline
    with zipfile.ZipFile(archive) as zipped:
        names = set(zipped.namelist())
    expected = {
        "study-site-offline/" + p.relative_to(site).as_posix()
        for p in site.rglob("*")
        # The folder's marker and the build's record are not part of the site.
        if p.is_file() and p.name not in (MARKER, SITE_RECORD)
    }
    assert names == expected
    assert "study-site-offline/index.html" in names
    assert f"study-site-offline/{SHIM_TARGET}" in names
    assert "study-site-offline/search/search_index.js" in names


def test_offline_build_without_the_shim_says_what_to_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(tmp_path)
    shutil.rmtree(project / "node_modules")
    monkeypatch.chdir(project)
    loaded = load_project(None, None, None, site_dir=str(project / "site-offline"))
    with pytest.raises(BuildError, match=re.escape(f"run `{INSTALL_COMMAND}` in {project}")):
        build_offline(loaded, project / "site-offline")
    with pytest.raises(BuildError, match=r"does not exist: name the shim/index\.js"):
        build_offline(loaded, project / "site-offline", shim=project / "nowhere.js")
    assert not (project / "site-offline").exists()
    # Given with --shim, from anywhere: the offline build runs.
    loaded = load_project(None, None, None, site_dir=str(project / "site-offline"), strict=True)
    shim = ROOT / "generator" / SHIM_IN_PACKAGE
    assert build_offline(loaded, project / "site-offline", shim=shim).is_dir()
    assert (project / "site-offline" / SHIM_TARGET).read_bytes() == shim.read_bytes()


@pytest.mark.browser
def test_browsing_every_kind_of_page_sends_no_request_elsewhere(
    context: Any, site_url: str
) -> None:
    log = RequestLog(context)
    page = context.new_page()
    for kind, path in KINDS.items():
        page.goto(site_url + path)
        assert page.locator("article h1").first.inner_text(), kind
    page.goto(site_url + KINDS["topic"])
    feedback = answer_first_question(page)
    assert re.search(r"right|wrong", feedback, re.IGNORECASE), feedback
    answer = walk_tree(page)
    assert "Answer" in answer or "ANSWER" in answer
    results = search(page, "Greengrass")
    assert results[0].endswith("/domain-4/edge-deployment/")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url(re.compile("edge-deployment"))
    paths = log.paths()
    assert any(p.endswith("/search/search_index.json") for p in paths)
    assert any(p.endswith("/assets/studysite.min.js") for p in paths)
    assert log.foreign({"127.0.0.1"}) == []


@pytest.mark.browser
def test_offline_site_works_opened_from_disk(context: Any, offline: tuple[Path, Path]) -> None:
    site, _ = offline
    log = RequestLog(context)
    page = context.new_page()
    page.goto((site / "progress.html").as_uri())
    progress_before = page.locator("article").inner_text()

    # Search for a term and open the result.
    page.goto((site / "index.html").as_uri())
    results = search(page, "Greengrass")
    assert results[0].endswith("/domain-4/edge-deployment.html"), results
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url(re.compile(r"edge-deployment\.html"))
    assert "Edge deployment" in page.locator("article h1").first.inner_text()

    # Navigate with the sidebar, answer a quiz, walk a tree.
    page.locator("nav.md-nav--primary a", has_text="SageMaker deployment options").first.click()
    page.wait_for_url(re.compile(r"deployment-options\.html"))
    feedback = answer_first_question(page)
    assert re.search(r"right|wrong", feedback, re.IGNORECASE), feedback
    answer = walk_tree(page)
    assert "Answer" in answer or "ANSWER" in answer
    page.screenshot(path=screenshot_path("offline-file-tree.png"))

    # The answer counts on the progress page, another file:// page.
    page.locator("nav.md-nav--primary a", has_text="Your progress").first.click()
    page.wait_for_url(re.compile(r"progress\.html"))
    wait_until(
        page, "before => document.querySelector('article').innerText !== before", progress_before
    )
    assert log.foreign(set()) == []
    assert all(url.startswith("file://") for url in log.urls)


@pytest.mark.browser
def test_unzipped_offline_site_opens_and_works(
    context: Any, offline: tuple[Path, Path], tmp_path: Path
) -> None:
    _, archive = offline
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
    home = tmp_path / "study-site-offline" / "index.html"
    page = context.new_page()
    page.goto(home.as_uri())
    assert page.locator("article h1").first.inner_text()
    page.goto((home.parent / "domain-4" / "iam.html").as_uri())
    assert re.search(r"right|wrong", answer_first_question(page), re.IGNORECASE)


@pytest.fixture
def served_by_mkdocs(tmp_path: Path) -> Iterator[str]:
    """`mkdocs serve` on a copy of the project; yields the site's base URL."""
    with mkdocs_serve(copy_project(tmp_path)) as url:
        yield url


@pytest.mark.browser
def test_mkdocs_serve_works_without_internet(context: Any, served_by_mkdocs: str) -> None:
    log = RequestLog(context)
    page = context.new_page()
    page.goto(served_by_mkdocs)
    page.goto(served_by_mkdocs + KINDS["topic"])
    assert re.search(r"right|wrong", answer_first_question(page), re.IGNORECASE)
    assert search(page, "Greengrass")[0].endswith("/domain-4/edge-deployment/")
    assert log.foreign({"127.0.0.1"}) == []
