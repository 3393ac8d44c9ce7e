"""Issue 34: a first ``generator build`` killed between its last page and its manifest used to
leave pages that the next build refused to replace as hand-written ("the generator did not
write it"), after any edit of the data. The manifest now lists the pages before they are
written, so the next build recovers by itself; hand-written files are still refused.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import pipeline, write
from generator.commands import main
from tests.support.project import FIXTURES


def _killed_after_the_last_page(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the next write_files die as a killed process would, right after its last page."""
    original = write._write_atomic
    written: list[str] = []
    pages: list[int] = []

    def counting(files: dict[str, str], docs_dir: Path) -> write.WriteReport:
        pages.append(len(files))
        return original_write_files(files, docs_dir)

    def write_atomic(path: Path, text: str) -> None:
        original(path, text)
        if not path.as_posix().endswith(write.MANIFEST):
            written.append(path.name)
            if len(written) == pages[-1]:
                raise KeyboardInterrupt  # the process dies before anything else

    original_write_files = write.write_files
    monkeypatch.setattr(write, "_write_atomic", write_atomic)
    monkeypatch.setattr(pipeline, "write_files", counting)
    return written


def test_a_first_build_killed_after_its_pages_is_recovered_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", data)
    docs = tmp_path / "docs"
    with monkeypatch.context() as patched:
        written = _killed_after_the_last_page(patched)
        with pytest.raises(KeyboardInterrupt):
            main(["-q", "--data", str(data), "build", "--docs", str(docs)])
        assert len(written) > 5  # every page is there, the run ended before it did
    # The author edits the data; the next build replaces its own pages without a word.
    content = data / "domain-1" / "content.yml"
    content.write_text(
        content.read_text(encoding="utf-8").replace("title: Memory", "title: Main memory"),
        encoding="utf-8",
    )
    assert main(["-q", "--data", str(data), "build", "--docs", str(docs)]) == 0
    pages = "".join(p.read_text(encoding="utf-8") for p in docs.rglob("*.md"))
    assert "Main memory" in pages


def test_hand_written_files_are_still_refused(tmp_path: Path) -> None:
    (tmp_path / "glossary.md").write_text("# My own glossary\n", encoding="utf-8")
    with pytest.raises(Exception, match="refusing to overwrite"):
        write.write_files({"glossary.md": "# Glossary\n"}, tmp_path)
    assert (tmp_path / "glossary.md").read_text(encoding="utf-8") == "# My own glossary\n"
    assert not (tmp_path / write.MANIFEST).exists()


def test_a_run_killed_half_way_lists_every_page_it_may_have_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = {f"page-{i}.md": f"# Page {i}\n" for i in range(5)}
    original = write._write_atomic
    count = 0

    def dies_on_the_third_page(path: Path, text: str) -> None:
        nonlocal count
        if path.suffix == ".md":
            count += 1
            if count == 3:
                raise KeyboardInterrupt
        original(path, text)

    monkeypatch.setattr(write, "_write_atomic", dies_on_the_third_page)
    with pytest.raises(KeyboardInterrupt):
        write.write_files(pages, tmp_path)
    assert write.read_manifest(tmp_path) == sorted(pages)
    monkeypatch.setattr(write, "_write_atomic", original)
    edited = {name: text + "Edited.\n" for name, text in pages.items()}
    report = write.write_files(edited, tmp_path)
    assert sorted(report.written) == sorted(pages)
