"""Search finds question stems but never gives an answer or an explanation away."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.content.model import Question


def words(text: str) -> str:
    """Text as the search index holds it: no tags, no Markdown emphasis, single spaces."""
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())


def test_search_finds_stems_but_not_answers(built_site: Path, bundled_bank) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = words(" ".join(doc["text"] for doc in index["docs"]))
    questions = [q for d in bundled_bank.domains for q in d.questions]
    assert questions
    for question in questions:
        # A stretch from the middle of the stem, clear of glossary abbreviations.
        stem = words(question.stem)
        assert any(part in text for part in stem.split(". ") if len(part) > 20), question.id
        whys = [o.why for o in question.options] if isinstance(question, Question) else []
        for why in [*whys, question.explanation]:
            explained = why and words(why) in text
            assert not explained, f"{question.id}: an explanation is searchable"
    # What only the hidden answer says: the key, and each option marked right or wrong.
    for marker in ("Answer: ", "Show the answer", "(right):", "(wrong):"):
        assert marker not in text
