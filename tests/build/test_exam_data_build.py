"""The practice exam's data scripts, written by a build beside the pages that name them."""

from __future__ import annotations

from pathlib import Path

from generator.config import ORIGIN_OPTION, DataFolder
from generator.content.load import load_bank
from generator.pipeline import build
from generator.site.widgets import exam as exam_data
from tests.support.project import FIXTURES


def test_build_writes_the_data_scripts_and_the_page_names_their_versions(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    result = build(DataFolder(FIXTURES / "mini", ORIGIN_OPTION), docs)
    script = docs / "exam-data" / "domain-1.js"
    assert script.is_file()
    page = (docs / "exam.md").read_text(encoding="utf-8")
    version = exam_data.version(script.read_text(encoding="utf-8"))
    assert f"exam-data/domain-1.js?v={version}" in page
    assert "exam data" in result.timings
    # The page holds no question text: that is in the script only.
    stem = load_bank(FIXTURES / "mini").domains[0].questions[0].stem
    assert stem not in page
    assert stem in script.read_text(encoding="utf-8")
