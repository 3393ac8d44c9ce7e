"""``python -m generator pdf``: one PDF per domain study sheet, printed with no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.errors import BuildError
from generator.publishing.pdf import write_pdfs
from tests.support.project import ROOT
from tests.support.sites import fake_site


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.browser
def test_pdf_command_writes_a_pdf_per_domain(
    built_site: Path, tmp_path: Path, bundled_bank
) -> None:
    out = tmp_path / "pdf"
    result = run_cli("pdf", "--site", str(built_site), "--out", str(out))
    assert result.returncode == 0, result.stderr
    bank = bundled_bank
    expected = {f"{d.slug}-study-sheet.pdf" for d in bank.domains}
    assert {p.name for p in out.iterdir() if not p.name.startswith(".")} == expected
    for content in bank.domains:
        pdf = out / f"{content.slug}-study-sheet.pdf"
        assert f"wrote {pdf}" in result.stdout
        reader = PdfReader(str(pdf))
        pages = len(reader.pages)
        print(f"{pdf.name}: {pages} pages")
        first = " ".join((reader.pages[0].extract_text() or "").split())
        assert f"Domain {content.domain.number} study sheet" in first
        assert f"Page 1 of {pages}" in first, "pages are numbered"
        last = " ".join((reader.pages[-1].extract_text() or "").split())
        assert "Question" in last, "the answer key ends the sheet"


def test_pdf_command_explains_how_to_install_chromium(tmp_path: Path) -> None:
    site = fake_site(tmp_path / "site")
    missing = str(tmp_path / "no-such-chromium")
    result = run_cli(
        "pdf",
        "--site",
        str(site),
        "--out",
        str(tmp_path / "pdf"),
        env={"STUDYSITE_CHROMIUM": missing},
    )
    assert result.returncode == 2
    assert "apt-get install chromium" in result.stderr
    assert missing in result.stderr
    assert not (tmp_path / "pdf").exists()


def test_pdf_command_asks_for_a_built_site(tmp_path: Path) -> None:
    result = run_cli("pdf", "--site", str(tmp_path / "nowhere"), "--out", str(tmp_path / "pdf"))
    assert result.returncode == 2
    assert "is not a built site" in result.stderr
    assert "mkdocs build" in result.stderr
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "index.html").write_text("<!doctype html>", encoding="utf-8")
    result = run_cli("pdf", "--site", str(tmp_path / "empty"), "--out", str(tmp_path / "pdf"))
    assert result.returncode == 2
    assert "has no study sheet" in result.stderr


def test_missing_playwright_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)
    with pytest.raises(BuildError, match=r"pip install playwright"):
        write_pdfs(fake_site(tmp_path / "site"), tmp_path / "pdf")


@pytest.mark.browser
def test_printing_loads_nothing_from_the_network(tmp_path: Path) -> None:
    # Run as a command: Playwright's sync API cannot start twice in the test process.
    outside = "http://outside.invalid/pixel.png"  # .invalid never resolves
    site = fake_site(
        tmp_path / "site",
        f'<h1>Domain 7 study sheet</h1><img src="{outside}" alt="">'
        '<link rel="stylesheet" href="https://cdn.example.invalid/x.css">',
    )
    out = tmp_path / "pdf"
    result = run_cli("pdf", "--site", str(site), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [".studysite-pdf", "domain-7-study-sheet.pdf"]
    text = PdfReader(str(out / "domain-7-study-sheet.pdf")).pages[0].extract_text() or ""
    assert "Domain 7 study sheet" in text
    assert f"blocked a request outside the site: {outside}" in result.stderr
    assert "blocked a request outside the site: https://cdn.example.invalid/x.css" in result.stderr


def test_publish_builds_the_site_linking_its_pdfs_and_prints_them_beside_it(
    tmp_path: Path,
) -> None:
    # What the Pages workflow runs: one command, the links on for this build only.
    from bs4 import BeautifulSoup

    from tests.support.project import FIXTURES, copy_project

    project = copy_project(tmp_path, FIXTURES / "mini")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "pdf", "--publish", "site"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "wrote site/downloads/domain-1-study-sheet.pdf\n"
        "wrote site/downloads/domain-2-study-sheet.pdf\n"
    )
    sheet = project / "site" / "domain-1" / "study-sheet" / "index.html"
    link = BeautifulSoup(sheet.read_text(encoding="utf-8"), "html.parser").select_one(
        "a.ss-sheet-pdf"
    )
    assert link is not None
    assert (sheet.parent / str(link["href"])).resolve().is_file()
    assert "pdf_downloads" not in (project / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.browser
def test_pdf_replaces_its_own_pdfs_and_no_other_without_force(tmp_path: Path) -> None:
    """Issue 34: ``pdf --out`` replaced a PDF of the same name that was already there."""
    site = fake_site(tmp_path / "site")
    out = tmp_path / "pdf"
    pdf = out / "domain-7-study-sheet.pdf"
    assert run_cli("pdf", "--site", str(site), "--out", str(out)).returncode == 0
    first = pdf.read_bytes()
    # Its own PDF, unchanged since: a second run replaces it without a word.
    result = run_cli("pdf", "--site", str(site), "--out", str(out))
    assert result.returncode == 0, result.stderr
    # The same name, other bytes (the learner's annotated copy): refused, kept.
    pdf.write_bytes(first + b"% my notes\n")
    result = run_cli("pdf", "--site", str(site), "--out", str(out))
    assert result.returncode == 2
    assert "refusing to replace " in result.stderr and pdf.name in result.stderr
    assert "add --force to replace it" in result.stderr
    assert pdf.read_bytes() == first + b"% my notes\n"
    result = run_cli("pdf", "--site", str(site), "--out", str(out), "--force")
    assert result.returncode == 0, result.stderr
    assert not pdf.read_bytes().endswith(b"% my notes\n")


@pytest.mark.parametrize("out", ["data/pdf", "docs/pdf"])
def test_pdf_never_writes_into_the_data_or_docs_folder(tmp_path: Path, out: str) -> None:
    site = fake_site(tmp_path / "site")
    result = run_cli("pdf", "--site", str(site), "--out", out)
    assert result.returncode == 2
    assert f"refusing to write the PDFs into {out}" in result.stderr
    assert not (ROOT / out).exists()
