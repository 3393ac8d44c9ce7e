"""Page titles name their domain, the home page shows the navigation, and a study sheet
offers its PDF only where the PDF is published beside the site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from generator.site.pages.study_sheet import study_sheet_pdf
from tests.support.project import ROOT, copy_project


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_titles_name_the_domain(built_site: Path) -> None:
    pages = sorted(built_site.glob("domain-*/**/index.html"))
    assert len(pages) > 5
    for html in pages:
        page = soup(html)
        title = page.title.get_text() if page.title else ""
        assert " - Domain " in title, f"{html.relative_to(built_site)}: {title}"
    overview = soup(sorted(built_site.glob("domain-*/index.html"))[0])
    assert overview.title and overview.title.get_text().startswith("Overview - Domain ")


def test_home_page_shows_the_navigation(built_site: Path) -> None:
    page = soup(built_site / "index.html")
    sidebar = page.select_one(".md-sidebar--primary")
    assert sidebar is not None and not sidebar.has_attr("hidden")
    assert page.select(".md-sidebar--primary a[href*='domain-']")


def test_study_sheet_pdf_link_only_when_published() -> None:
    assert study_sheet_pdf("domain-4", False) is None
    assert study_sheet_pdf("domain-4", True) == "../../downloads/domain-4-study-sheet.pdf"


def test_a_local_build_has_no_pdf_link_and_a_published_one_does(
    built_site: Path, tmp_path: Path
) -> None:
    sheet = sorted(built_site.glob("domain-*/study-sheet/index.html"))[0]
    assert soup(sheet).select("a.ss-sheet-pdf") == []
    intro = soup(sheet).select_one(".ss-sheet-intro")
    assert intro is not None and "Print" in intro.get_text()
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "      data: data\n" in text
    config.write_text(
        text.replace("      data: data\n", "      data: data\n      pdf_downloads: true\n")
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    published = tmp_path / "site" / sheet.relative_to(built_site)
    (link,) = soup(published).select("a.ss-sheet-pdf")
    slug = sheet.relative_to(built_site).parts[0]
    assert link["href"] == f"../../downloads/{slug}-study-sheet.pdf"
    # The link resolves to where the Pages workflow writes the PDF (generator pdf --publish).
    target = (published.parent / str(link["href"])).resolve()
    assert target == (tmp_path / "site" / "downloads" / f"{slug}-study-sheet.pdf").resolve()
    assert (
        ROOT.joinpath(".github/workflows/pages.yml")
        .read_text()
        .count("generator pdf --publish site")
        == 1
    )
