"""Abbreviations in the built pages: once per section, never in hidden copies; once on the sheet."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup


def test_built_pages_mark_each_abbreviation_once_per_section_and_never_in_hidden_copies(
    built_site: Path,
) -> None:
    for page in ("domain-4/deployment-options", "domain-4/questions", "domain-4/study-sheet"):
        soup = BeautifulSoup((built_site / page / "index.html").read_text(), "html.parser")
        article = soup.select_one("article")
        assert article is not None
        hidden = article.select(
            ".ss-options abbr, .ss-answer abbr, .ss-answer-key abbr, .ss-sheet-glossary abbr"
        )
        assert hidden == [], f"{page}: abbreviations in hidden copies"
        # Sections: what follows each heading (h1-h6), up to the next one.
        seen: set[str] = set()
        repeats = []
        for element in article.find_all(re.compile(r"^(h[1-6]|abbr)$")):
            if element.name != "abbr":
                seen = set()
            elif element.get_text() in seen:
                repeats.append(element.get_text())
            else:
                seen.add(element.get_text())
        assert not repeats, f"{page}: abbreviations marked twice in one section: {repeats[:5]}"
        assert article.select("abbr[title]"), f"{page}: no abbreviation marked at all"
        for quiz in article.select(".ss-quiz"):
            marked = [a.get_text() for a in quiz.select("abbr[title]")]
            assert len(marked) == len(set(marked)), f"{page}: a quiz marks a term twice"


def test_the_study_sheet_marks_each_abbreviation_once(built_site: Path) -> None:
    soup = BeautifulSoup(
        (built_site / "domain-4/study-sheet/index.html").read_text(), "html.parser"
    )
    marked = [a.get_text() for a in soup.select("article abbr[title]")]
    # Read from start to end, with its own list of abbreviations: one tooltip per term.
    assert len(marked) == len(set(marked)) > 10, sorted(marked)
