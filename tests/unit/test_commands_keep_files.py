"""Issue 34: commands never replace or delete what they did not make.

``export --out`` refuses the sources, the project's files and (without ``--force``) any
existing file; ``downloads --docs`` never writes into the data folder; ``new-domain`` takes
1 to 99 only; ``offline`` refuses a zip it did not write and a folder holding a file put
there since its last build. Each refusal exits non-zero, names the path, and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from generator.commands import main
from generator.errors import BuildError
from generator.publishing.offline import MARKER, check_out_folder, check_zip_path, read_marker
from tests.support.project import FIXTURES, ROOT


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project folder as an author has it: mkdocs.yml, README, pyproject, docs, data."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    for name in ("README.md", "pyproject.toml"):
        (tmp_path / name).write_text("mine\n", encoding="utf-8")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Mine\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("STUDYSITE_DATA", raising=False)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


@pytest.mark.parametrize(
    ("out", "force", "words"),
    [
        ("data/exam.yml", True, "it is inside data, the data folder"),
        ("data/domain-1/new.gift", True, "it is inside data, the data folder"),
        ("docs/bank.gift", True, "it is inside docs, the docs folder"),
        ("mkdocs.yml", True, "it is a file of the project"),
        ("README.md", True, "it is a file of the project"),
        ("pyproject.toml", True, "it is a file of the project"),
        ("notes.txt", False, "refusing to replace notes.txt: it exists; choose another name"),
    ],
)
def test_export_refuses_files_it_must_not_replace(
    root: Path, capsys: pytest.CaptureFixture[str], out: str, force: bool, words: str
) -> None:
    (root / "notes.txt").write_text("mine\n", encoding="utf-8")
    before = snapshot(root)
    args = ["export", "gift", "--out", out, *(["--force"] if force else [])]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert words in err, err
    assert err.startswith("error: refusing to ")
    assert snapshot(root) == before


def test_export_replaces_an_existing_file_with_force(root: Path) -> None:
    (root / "bank.gift").write_text("old\n", encoding="utf-8")
    assert main(["-q", "export", "gift", "--out", "bank.gift"]) == 2
    assert (root / "bank.gift").read_text(encoding="utf-8") == "old\n"
    assert main(["-q", "export", "gift", "--out", "bank.gift", "--force"]) == 0
    assert "::" in (root / "bank.gift").read_text(encoding="utf-8")
    assert main(["-q", "export", "gift", "--out", "dist/new.gift"]) == 0  # a new file: fine


@pytest.mark.parametrize("number", ["0", "-3", "100", "99999999999999999999999"])
def test_new_domain_accepts_1_to_99_only(
    root: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    before = snapshot(root)
    assert main(["new-domain", number]) == 2
    err = capsys.readouterr().err
    assert "domain numbers are 1 to 99, not " in err
    assert "nothing was written" in err
    assert len(err) < 300  # a huge number is cut short
    assert snapshot(root) == before


def test_new_domain_99_is_accepted(root: Path) -> None:
    assert main(["-q", "new-domain", "99"]) == 0
    assert (root / "data" / "domain-99").is_dir()


@pytest.mark.parametrize("docs", ["data", "data/domain-1", "."])
def test_downloads_never_write_into_the_data_folder(
    root: Path, capsys: pytest.CaptureFixture[str], docs: str
) -> None:
    before = snapshot(root)
    assert main(["downloads", "--docs", docs]) == 2
    err = capsys.readouterr().err
    assert "refusing to write the downloads into" in err
    assert "holds the data folder data" in err or "is in, or holds the data folder" in err
    assert snapshot(root) == before
    assert main(["check"]) == 0


def test_offline_zip_is_replaced_only_when_its_own(tmp_path: Path) -> None:
    out = tmp_path / "site-offline"
    out.mkdir()
    report = tmp_path / "report.docx"
    report.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip, as a .docx is a zip
    with pytest.raises(BuildError, match="add --force to replace it"):
        check_zip_path(ROOT, out.resolve(), report)
    check_zip_path(ROOT, out.resolve(), report, force=True)
    # The zip the last build wrote, unchanged: replaced without --force.
    digest = hashlib.sha256(report.read_bytes()).hexdigest()
    record = {"files": [], "zip": {"path": str(report.resolve()), "sha256": digest}}
    (out / MARKER).write_text(json.dumps(record), encoding="utf-8")
    check_zip_path(ROOT, out.resolve(), report)
    report.write_bytes(report.read_bytes() + b"changed")
    with pytest.raises(BuildError, match="did not write it"):
        check_zip_path(ROOT, out.resolve(), report)


def test_offline_out_keeps_a_file_put_there_since_the_build(
    offline_build: tuple[Path, Path], tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(offline_build[0], site)
    record = read_marker(site)
    assert record is not None and "index.html" in record["files"]  # type: ignore[operator]
    check_out_folder(ROOT, site)  # the build's own files: fine
    (site / "domain-4" / "my-notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"domain-4/my-notes.txt was put there after"):
        check_out_folder(ROOT, site)
    # A folder from an older version (a plain-text marker) is still accepted.
    (site / MARKER).write_text("Made by `studysite offline`.\n", encoding="utf-8")
    check_out_folder(ROOT, site)
