"""Nothing lost: commands never delete or overwrite what they did not make (issue 12).

Offline ``--out`` (item 4), a failed ``mkdocs build`` (item 10), and the smaller ones of
item 13: ``pdf --out`` naming a file, the PDF printer's origin, a byte-identical offline
zip, and a hand-written page in ``docs/`` on the first build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.config import load_project
from generator.errors import BuildError
from generator.publishing.offline import (
    MARKER,
    check_out_folder,
    protected_folders,
    write_zip,
    zip_timestamp,
)
from generator.write import write_files
from tests.support.project import ROOT, mkdocs_build


def run(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


# ---- item 4: offline --out -------------------------------------------------------------


@pytest.mark.parametrize(
    ("out", "words"),
    [
        ("data", "holds the project's sources"),
        ("data/domain-4", "holds the project's sources"),
        ("docs/offline", "holds the project's sources"),
        (".", "is the project folder or holds it"),
        ("..", "is the project folder or holds it"),
        ("notes", "holds files that this command did not make"),
    ],
)
def test_offline_out_refuses_a_folder_it_did_not_make(project: Path, out: str, words: str) -> None:
    notes = project / "notes"
    notes.mkdir()
    (notes / "todo.md").write_text("- revise domain 4\n", encoding="utf-8")
    before = snapshot(project)
    result = run(project, "-m", "generator", "offline", "--out", out)
    assert result.returncode != 0
    assert "refusing to build the offline site into" in result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before  # every YAML file and notes/todo.md are still there


def test_offline_out_may_be_new_empty_or_made_before(tmp_path: Path) -> None:
    check_out_folder(ROOT, tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_out_folder(ROOT, tmp_path / "empty")
    made = tmp_path / "made"
    made.mkdir()
    (made / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(BuildError, match="did not make"):
        check_out_folder(ROOT, made)
    (made / MARKER).write_text("", encoding="utf-8")
    check_out_folder(ROOT, made)
    with pytest.raises(BuildError, match="it is a file"):
        check_out_folder(ROOT, made / "index.html")


def test_offline_zip_is_not_written_over_another_file(project: Path) -> None:
    keep = project / "notes.txt"
    keep.write_text("my notes\n", encoding="utf-8")
    result = run(project, "-m", "generator", "offline", "--out", "out", "--zip", "notes.txt")
    assert result.returncode != 0
    assert "refusing to write the zip over notes.txt: it is not a zip file" in result.stderr
    assert keep.read_text(encoding="utf-8") == "my notes\n"
    result = run(project, "-m", "generator", "offline", "--out", "out", "--zip", "data/site.zip")
    assert "refusing to write the zip data/site.zip inside" in result.stderr
    assert not (project / "data" / "site.zip").exists()


# ---- item 13: the offline zip is byte-identical between identical builds ---------------


def test_zip_times_are_fixed_and_honour_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text("home", encoding="utf-8")
    (site / "a" / "page.html").write_text("page", encoding="utf-8")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = write_zip(site, tmp_path / "one" / "s.zip").read_bytes()
    os.utime(site / "index.html", (0, 1_900_000_000))  # a later edit time changes nothing
    (site / "index.html").chmod(0o600)
    second = write_zip(site, tmp_path / "two" / "s.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "one" / "s.zip") as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert archive.namelist() == ["s/a/page.html", "s/index.html"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1718000000")  # 2024-06-10 06:13:20 UTC
    assert zip_timestamp() == (2024, 6, 10, 6, 13, 20)
    with zipfile.ZipFile(write_zip(site, tmp_path / "three" / "s.zip")) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2024, 6, 10, 6, 13, 20)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(BuildError, match="SOURCE_DATE_EPOCH must be a whole number"):
        zip_timestamp()


def test_two_offline_builds_give_the_same_zip(tmp_path: Path) -> None:
    out = tmp_path / "site-offline"
    env = {"SOURCE_DATE_EPOCH": "1718000000"}
    zips = []
    for name in ("first/site.zip", "second/site.zip"):
        # The second run builds into the folder the first one made (it holds the marker).
        result = run(
            ROOT,
            "-m",
            "generator",
            "offline",
            "--out",
            str(out),
            "--zip",
            str(tmp_path / name),
            env=env,
        )
        assert result.returncode == 0, result.stderr
        assert (out / MARKER).is_file()
        zips.append((tmp_path / name).read_bytes())
    assert zips[0] == zips[1]
    with zipfile.ZipFile(tmp_path / "first" / "site.zip") as archive:
        assert f"site/{MARKER}" not in archive.namelist()
        assert "site/index.html" in archive.namelist()


# ---- item 10: a failed mkdocs build keeps the previous site/ ---------------------------


def test_failed_mkdocs_build_keeps_the_previous_site(project: Path) -> None:
    site = project / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    (site / ".git").mkdir()  # hidden entries, which MkDocs never deletes, survive a build
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n", encoding="utf-8")
    before = snapshot(site)
    # A hand-written page with a broken link: --strict fails after writing every page.
    (project / "docs" / "notes.md").write_text("# Notes\n\n[gone](missing.md)\n", encoding="utf-8")
    failed = run(project, "-m", "mkdocs", "build", "--strict", "-d", str(site))
    assert failed.returncode != 0
    assert "warnings in strict mode" in failed.stdout + failed.stderr
    assert f"the build failed: {site} is left as it was" in failed.stderr
    assert snapshot(site) == before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []
    # Fixed, the build replaces the site (as MkDocs' clean build would) but for hidden entries.
    (project / "docs" / "notes.md").unlink()
    (site / "stale.html").write_text("from an older build", encoding="utf-8")
    result = run(project, "-m", "mkdocs", "build", "--strict", "-d", str(site))
    assert result.returncode == 0, result.stderr
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()
    assert (site / ".git" / "HEAD").read_text(encoding="utf-8") == "ref: refs/heads/gh-pages\n"
    assert not (project / ".site.staging").exists() and not (project / ".site.previous").exists()


def test_dirty_build_updates_the_site_in_place(project: Path) -> None:
    site = project / "site"
    assert mkdocs_build(project, site).returncode == 0
    extra = site / "kept-by-dirty.txt"
    extra.write_text("a dirty build does not clean the folder\n", encoding="utf-8")
    result = run(project, "-m", "mkdocs", "build", "--dirty", "-d", str(site))
    assert result.returncode == 0, result.stderr
    assert extra.is_file()
    assert (site / "index.html").is_file()


def test_gh_deploy_pushes_the_built_site(project: Path, tmp_path: Path) -> None:
    remote = tmp_path / "remote.git"

    def git(*args: str, cwd: Path = project) -> str:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        return done.stdout

    git("init", "-q", "--bare", str(remote), cwd=tmp_path)
    git("init", "-q")
    git(
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.invalid",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "start",
    )
    git("remote", "add", "origin", str(remote))
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"}
    result = run(project, "-m", "mkdocs", "gh-deploy", "--force", "--ignore-version", env=env)
    assert result.returncode == 0, result.stderr
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert "index.html" in files
    assert "domain-4/index.html" in files
    assert (project / "site" / "index.html").is_file()


# ---- item 13: the first build never overwrites a hand-written page ---------------------


def test_first_build_refuses_to_overwrite_a_hand_written_glossary(project: Path) -> None:
    glossary = project / "docs" / "glossary.md"
    glossary.write_text("# My glossary\n\nWritten by hand.\n", encoding="utf-8")
    result = run(project, "-m", "generator", "build")
    assert result.returncode != 0
    assert f"refusing to overwrite {Path('docs') / 'glossary.md'}" in result.stderr
    assert "the generator did not write it" in result.stderr
    assert glossary.read_text(encoding="utf-8") == "# My glossary\n\nWritten by hand.\n"
    assert not (project / "docs" / "index.md").exists()  # nothing written at all
    built = mkdocs_build(project, project / "site")
    assert built.returncode != 0
    assert "refusing to overwrite" in built.stderr and "glossary.md" in built.stderr
    assert glossary.read_text(encoding="utf-8") == "# My glossary\n\nWritten by hand.\n"


def test_a_file_that_already_holds_the_generated_text_is_taken_over(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("same\n", encoding="utf-8")
    report = write_files({"page.md": "same\n"}, tmp_path)
    assert report.unchanged == ["page.md"]
    report = write_files({"page.md": "new\n"}, tmp_path)  # now it is in the manifest
    assert report.written == ["page.md"]


# ---- item 13: pdf --out naming a file ---------------------------------------------------


def test_pdf_out_naming_a_file_is_a_clear_error(built_site: Path, tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    target.write_bytes(b"%PDF-1.4 mine")
    result = run(ROOT, "-m", "generator", "pdf", "--site", str(built_site), "--out", str(target))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert f"error: {target} is a file: --out names a folder" in result.stderr
    assert target.read_bytes() == b"%PDF-1.4 mine"
    # Without --site the command builds the site first: it says so before that, too.
    result = run(ROOT, "-m", "generator", "pdf", "--out", str(target))
    assert result.returncode != 0
    assert result.stderr == (
        f"error: {target} is a file: --out names a folder, which gets one PDF per domain "
        "(for example --out dist/pdf)\n"
    )


def test_offline_out_refuses_the_data_folder_the_setting_names(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = project / "exams" / "other"
    shutil.copytree(project / "data", other)
    monkeypatch.chdir(project)
    loaded = load_project(None, None, str(other))  # as with STUDYSITE_DATA set
    with pytest.raises(BuildError, match="holds the project's sources"):
        check_out_folder(project, other / "site", protected_folders(loaded))
    check_out_folder(project, project / "exams" / "site-offline", protected_folders(loaded))
