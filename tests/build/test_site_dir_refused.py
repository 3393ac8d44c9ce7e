"""Issue 34: ``mkdocs build -d FOLDER`` never empties a folder the build did not make.

The build replaces its whole site folder; ``-d data`` used to delete the data it had just
read. The staging (``generator/plugin/staging.py``) refuses the project's folders and any
folder holding files that no build made, naming it, and keeps accepting an older site.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import BuildError
from generator.plugin.staging import SITE_RECORD, check_site_dir
from tests.support.project import FIXTURES, copy_project, mkdocs_build


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A project with the small data folder (data/domain-1), quick to build."""
    (tmp_path / "project").mkdir()
    return copy_project(tmp_path / "project", FIXTURES / "mini")


def _listing(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(
    ("folder", "why"),
    [
        ("data", "which the project needs"),
        ("data/domain-1", "which the project needs"),
        ("generator", "which the project needs"),
        ("my-notes", "it holds files that no build made (such as mine.txt"),
    ],
)
def test_a_folder_of_the_project_or_of_the_user_is_refused(
    mini: Path, folder: str, why: str
) -> None:
    target = (mini / folder).resolve()
    target.mkdir(exist_ok=True)
    (target / "mine.txt").write_text("mine\n", encoding="utf-8")
    before = _listing(mini)
    result = mkdocs_build(mini, target)
    assert result.returncode != 0
    assert f"refusing to build the site into {target}: " in result.stderr
    assert why in result.stderr
    assert "choose a new or empty folder" in result.stderr
    assert _listing(mini) == before  # nothing written, nothing deleted
    assert not (target.parent / f".{target.name}.staging").exists()


@pytest.mark.parametrize("folder", ["docs", "."])
def test_mkdocs_itself_refuses_the_docs_folder_and_what_holds_it(mini: Path, folder: str) -> None:
    before = _listing(mini)
    result = mkdocs_build(mini, mini / folder)
    assert result.returncode != 0
    assert "should not be within" in result.stderr or "refusing to build" in result.stderr
    assert _listing(mini) == before


def test_dirty_builds_still_refuse_the_project_folders(mini: Path) -> None:
    before = _listing(mini / "data")
    result = mkdocs_build(mini, mini / "data", "--dirty")
    assert result.returncode != 0
    assert "refusing to build the site into" in result.stderr
    assert _listing(mini / "data") == before


def test_a_site_from_before_the_record_is_replaced_and_then_recognised(
    mini: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")  # an older build
    (site / ".git").mkdir()  # a gh-pages checkout: hidden entries stay
    result = mkdocs_build(mini, site)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (site / SITE_RECORD).is_file() and (site / "index.html").is_file()
    assert (site / ".git").is_dir()
    for sign in ("sitemap.xml", "404.html"):
        (site / sign).unlink()
    assert mkdocs_build(mini, site).returncode == 0  # the record alone is enough


def test_an_empty_folder_is_accepted(mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "empty"
    site.mkdir()
    result = mkdocs_build(mini, site)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (site / "index.html").is_file()


def test_a_home_folder_and_a_file_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "home" / "me" / "project"
    root.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home" / "me"))
    for target in (tmp_path / "home" / "me", tmp_path / "home", tmp_path / "home" / "you"):
        target.mkdir(exist_ok=True)
        with pytest.raises(BuildError, match=r"it is a home folder or holds one|project folder"):
            check_site_dir(target, root, [])
    report = tmp_path / "report.docx"
    report.write_bytes(b"PK")
    with pytest.raises(BuildError, match="it is a file"):
        check_site_dir(report, root, [])
    # A new folder, and a folder beside the project, are fine.
    check_site_dir(tmp_path / "new-site", root, [])
    check_site_dir(root / "site", root, [])
