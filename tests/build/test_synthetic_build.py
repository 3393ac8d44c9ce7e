"""The synthetic bank built: one changed question rewrites only the files that show it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import ORIGIN_OPTION, DataFolder
from generator.pipeline import build
from tests.support.synthetic import edit_question, generate

# As the unit tests' bank (tests/unit/test_synthetic.py): quick, and several domains.
QUESTIONS = 130
PER_TOPIC = 10
TOPICS_PER_DOMAIN = 6


@pytest.mark.parametrize("field", ["stem", "why"])
def test_one_changed_question_rewrites_only_the_files_that_show_it(
    tmp_path: Path, field: str
) -> None:
    data = tmp_path / "data"
    generate(data, QUESTIONS, per_topic=PER_TOPIC, topics_per_domain=TOPICS_PER_DOMAIN)
    docs = tmp_path / "docs"
    build(DataFolder(data, ORIGIN_OPTION), docs)
    question = edit_question(data, field=field)
    written = build(DataFolder(data, ORIGIN_OPTION), docs).report
    assert written is not None

    # Pages, and the per-domain question scripts of the practice exam and of the Review and
    # wrong-answers pages.
    generated = [*docs.rglob("*.md"), *docs.glob("exam-data/*.js"), *docs.glob("review-data/*.js")]
    showing_id = {str(p.relative_to(docs)) for p in generated if question in p.read_text()}
    showing_edit = {str(p.relative_to(docs)) for p in generated if "Edited." in p.read_text()}
    assert showing_edit  # the edit is on the pages
    assert showing_edit <= set(written.written)
    # The exam page names each domain script with its version, so it follows a script's edit.
    assert set(written.written) <= showing_id | {"exam.md"}
    assert "domain-2/questions.md" not in written.written
