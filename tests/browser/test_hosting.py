"""Hosting: site_url from one place ($SITE_URL overrides it), sitemap, a useful 404, Pages workflow."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.publishing.local_server import serve_folder
from tests.support.browsing import RequestLog, search
from tests.support.project import ROOT, screenshot_path

CUSTOM_URL = "https://learn.example.org/aws-ml/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def pages_of(site: Path) -> set[str]:
    """Site paths of the built pages ('' for home, 'glossary/' ...), without the 404 page."""
    return {
        "" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
    }


def sitemap_locations(site: Path) -> list[str]:
    root = ET.parse(site / "sitemap.xml").getroot()
    return [str(loc.text) for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


def canonical(site: Path, path: str = "index.html") -> str:
    soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
    link = soup.find("link", rel="canonical")
    assert link is not None
    return str(link["href"])


@pytest.fixture(scope="module")
def custom_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built with SITE_URL set, as the Pages workflow does."""
    site = tmp_path_factory.mktemp("custom-url-site")
    env = {**os.environ, "SITE_URL": CUSTOM_URL}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return site


def test_sitemap_lists_every_page_under_the_site_url(built_site: Path) -> None:
    base = canonical(built_site)
    assert base.endswith("/")
    expected = {base + path for path in pages_of(built_site)}
    assert len(expected) > 10
    assert set(sitemap_locations(built_site)) == expected
    assert (built_site / "sitemap.xml.gz").is_file()


def test_site_url_comes_from_the_environment(custom_site: Path) -> None:
    assert canonical(custom_site) == CUSTOM_URL
    assert canonical(custom_site, "domain-4/iam/index.html") == CUSTOM_URL + "domain-4/iam/"
    locations = sitemap_locations(custom_site)
    assert locations and all(loc.startswith(CUSTOM_URL) for loc in locations)
    # The 404 page is served at any depth, so its links and assets start at the site's path.
    soup = BeautifulSoup((custom_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    styles = [str(link["href"]) for link in soup.find_all("link", rel="stylesheet")]
    assert styles and all(href.startswith("/aws-ml/assets/") for href in styles)


def test_404_page_lists_every_page(built_site: Path) -> None:
    soup = BeautifulSoup((built_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.h1 is not None and soup.h1.get_text(strip=True) == "Page not found"
    assert soup.find("input", class_="md-search__input") is not None
    base_path = re.sub(r"^https?://[^/]+", "", canonical(built_site))
    hrefs = [str(a["href"]) for a in soup.select("nav.ss-not-found a[href]")]
    listed = {href.removeprefix(base_path).removesuffix(".") for href in hrefs}
    assert listed == pages_of(built_site)
    titles = [a.get_text(strip=True) for a in soup.select("nav.ss-not-found a")]
    assert "Glossary" in titles and "Your progress" in titles


class _PagesHandler(SimpleHTTPRequestHandler):
    """Serves a site under a path prefix and answers unknown paths with 404.html, like Pages."""

    prefix = "/aws-ml"

    def translate_path(self, path: str) -> str:
        inside = path.startswith(self.prefix + "/")
        return super().translate_path(path[len(self.prefix) :] if inside else "/.no-such-file")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def pages_url(custom_site: Path) -> Iterator[str]:
    """The SITE_URL build served like GitHub Pages serves a project site."""
    with serve_folder(custom_site, _PagesHandler, "/aws-ml/") as url:
        yield url


@pytest.mark.browser
def test_a_missing_page_offers_search_and_every_page(context: Any, pages_url: str) -> None:
    log = RequestLog(context)
    page = context.new_page()
    response = page.goto(pages_url + "domain-4/no/such/page/")
    assert response is not None and response.status == 404
    assert page.locator("article h1").inner_text() == "Page not found"
    # Styles load although the address is three folders deep.
    colour = page.locator("header.md-header").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")
    page.screenshot(path=screenshot_path("hosting-404.png"))
    results = search(page, "Greengrass")
    assert results and results[0] == "/aws-ml/domain-4/edge-deployment/"
    page.keyboard.press("Escape")
    page.locator("nav.ss-not-found a", has_text="Glossary").click()
    page.wait_for_url(pages_url + "glossary/")
    assert page.locator("article h1").first.inner_text().startswith("Glossary")
    assert log.foreign({"127.0.0.1"}) == []


def test_pages_workflow_checks_builds_strictly_and_deploys() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"]
    # Nothing by default; the build reads, only the deploy job may publish (issue 34).
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    build = workflow["jobs"]["build"]["steps"]
    runs = "\n".join(str(step.get("run", "")) for step in build)
    uses = [str(step.get("uses", "")) for step in build]
    # The package, as an author installs it, its dependencies held to the tested versions.
    assert "pip install -c .github/constraints.txt . " in runs
    assert "npm ci --prefix generator" in runs
    publish = "python -m generator pdf --publish site"
    assert runs.index("python -m generator check") < runs.index(publish)
    assert "python -m generator offline" in runs
    site_build = next(s for s in build if publish in str(s.get("run", "")))
    assert "steps.pages.outputs.base_url" in site_build["env"]["SITE_URL"]
    # Settings reach the commands as arguments or through mkdocs.yml, never the environment:
    # what a step sets is a user-facing variable (SITE_URL, STUDYSITE_CHROMIUM) or none.
    for step in build:
        assert set(step.get("env", {})) <= {"SITE_URL", "STUDYSITE_CHROMIUM"}, step
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
