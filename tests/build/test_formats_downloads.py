"""Site downloads: each domain's Anki deck and CSV, linked from its overview only when present."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup

from generator.commands import main
from tests.support.project import copy_project, mkdocs_build

DECK = "downloads/mls-c01-domain-4.apkg"
SHEET = "downloads/mls-c01-domain-4.csv"


def overview_links(site: Path) -> list[str]:
    soup = BeautifulSoup(
        (site / "domain-4" / "index.html").read_text(encoding="utf-8"), "html.parser"
    )
    return [
        str(a["href"]) for a in soup.select("article a[href]") if "downloads/" in str(a["href"])
    ]


def test_built_site_without_downloads_links_none(built_site: Path) -> None:
    assert overview_links(built_site) == []
    assert not (built_site / "downloads").exists()


def test_downloads_are_published_and_linked_from_the_overview(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    docs = project / "docs"
    assert main(["-q", "--data", str(project / "data"), "downloads", "--docs", str(docs)]) == 0
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert overview_links(site) == [f"../{DECK}", f"../{SHEET}"]
    with zipfile.ZipFile(site / DECK) as deck:
        assert "collection.anki2" in deck.namelist()
    # The bundled domain has every type: the sheet has a type column.
    assert (site / SHEET).read_bytes().startswith(b"\xef\xbb\xbfid,type,topics,stem,")
