"""Abbreviations: mark each glossary abbreviation at its first use in each section of a page.

Material's ``content.tooltips`` mounts one tooltip per ``<abbr>``, so marking every repeat (as
the Markdown ``abbr`` extension does) put 13,178 of them on a 1,000-question page, most inside
the hidden static copies of options and explanations that the quiz widget clones. Here a
rendered page's Markdown gets ``<abbr title="...">`` at the first use of a term after each
heading and once in each quiz (read one question after another, it is one section), and none
in the parts a learner does not read there:
options, the hidden answers, the answer key, headings, scripts and diagrams. The glossary page
lists every term, so every abbreviation keeps its expansion one click away. A page read from
start to end (the study sheet, which also lists its abbreviations) marks each one once.

Only abbreviations are marked (``kind: abbreviation``, the default, and a term Markdown can
hold): glossary concepts ("concept drift", "baseline") are explained on the glossary page and
add no tooltips, so a richer glossary does not make pages slower.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from generator.content.markup import abbreviation_ok
from generator.site import fragment_marks
from generator.site import text
from generator.content.model import Term

# Regions a learner does not read as text in place: the quiz's options (the widget copies
# them into its buttons), the hidden answer and explanations, the answer key, scripts, styles
# and diagrams, the study sheet's list of abbreviations (it spells each out) and a quiz's
# filters (a list's options hold text only). Each is skipped from the line that opens it to
# its matching close.
_SKIPPED = re.compile(
    r"<(?P<tag>details|section|ol|ul|div)\b[^>]*\bclass=\"(?:ss-answer|ss-answer-key|ss-options|"
    r"ss-sheet-question__options|ss-sheet-glossary|ss-quiz__status)\b"
    r"|<(?P<raw>script|style|svg)\b"
)
# Where a new section starts: a Markdown or HTML heading, or a quiz question (its number is
# a heading, inside the question's <section>).
_SECTION = re.compile(r"^#{1,6}\s|<h[1-6][\s>]|<section\b[^>]*\bclass=\"ss-question\b")
# Parts of a line that are not prose: code, tags, link targets, attribute lists, entities.
_NOT_TEXT = re.compile(
    r"<code\b[^>]*>.*?</code>|<[^>]*>|`[^`]*`|\]\([^)]*\)|\{[:.#][^}]*\}|\{\s+[^}]*\}|&#?\w+;"
)


def is_abbreviation(term: Term) -> bool:
    """Whether a glossary term is an abbreviation to mark on the pages (not a concept)."""
    return term.kind == "abbreviation" and abbreviation_ok(term.term)


@dataclass(frozen=True)
class Abbreviations:
    """The glossary's abbreviations, ready to mark pages with."""

    pattern: re.Pattern[str] | None
    titles: dict[str, str]

    @classmethod
    def of(cls, terms: Iterable[Term]) -> Abbreviations:
        """Abbreviations of ``terms`` (concepts and other non-abbreviations are left out)."""
        titles = {
            # Escaped twice (Material's tooltip shows the title as HTML: text.tooltip), and no
            # pipe, which would split a table row.
            t.term: text.tooltip(t.expansion).replace("|", "&#124;")
            for t in terms
            if is_abbreviation(t)
        }
        if not titles:
            return cls(None, {})
        # Longest first, so "SSE-KMS" wins over "SSE" where both are terms.
        names = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
        return cls(re.compile(rf"(?<![\w/&])(?:{names})(?![\w/])"), titles)

    def mark(self, text: str, once_per: Literal["section", "page"] = "section") -> str:
        """``text`` (a page's Markdown) with each abbreviation marked at first use.

        Args:
            text: A page's Markdown.
            once_per: Mark each abbreviation again in every section (pages read in parts) or
                only at its first use on the page (pages read through, like the study sheet).
        """
        if self.pattern is None:
            return text
        out: list[str] = []
        seen: set[str] = set()
        skip: tuple[str, int] | None = None  # the tag being skipped and its nesting depth
        front_matter = text.startswith("---\n")
        fenced = False
        in_block = False  # inside a fragment (a quiz, the sheet's questions): one section
        for number, line in enumerate(text.split("\n")):
            if front_matter:
                front_matter = number == 0 or line != "---"
                out.append(line)
                continue
            if line.startswith("```"):
                fenced = not fenced
            if skip is not None:
                skip = _still_skipping(line, skip)
                out.append(line)
                continue
            if fenced:
                out.append(line)
                continue
            if line == fragment_marks.OPEN:
                # A quiz is one section: its questions are read one after another, and a
                # 1,000-question page marked per question held 2,256 tooltips.
                in_block = True
                if once_per == "section":
                    seen = set()
            elif line == fragment_marks.CLOSE:
                in_block = False
            elif once_per == "section" and not in_block and _SECTION.search(line):
                seen = set()
            opened = _SKIPPED.search(line)
            if opened:
                tag = opened.group("tag") or opened.group("raw")
                out.append(self._mark_line(line[: opened.start()], seen))
                rest = line[opened.start() :]
                out[-1] += rest
                skip = _still_skipping(rest, (tag, 0))
                continue
            if line.startswith("#") or re.match(r"\s*<h[1-6][\s>]", line):
                out.append(line)  # headings stay plain: navigation and search titles
                continue
            out.append(self._mark_line(line, seen))
        return "\n".join(out)

    def _mark_line(self, line: str, seen: set[str]) -> str:
        assert self.pattern is not None
        parts: list[str] = []
        start = 0
        for match in _NOT_TEXT.finditer(line):
            parts.append(self._mark_text(line[start : match.start()], seen))
            parts.append(match.group())
            start = match.end()
        parts.append(self._mark_text(line[start:], seen))
        return "".join(parts)

    def _mark_text(self, text: str, seen: set[str]) -> str:
        assert self.pattern is not None

        def first_use(match: re.Match[str]) -> str:
            term = match.group()
            if term in seen:
                return term
            seen.add(term)
            return f'<abbr title="{self.titles[term]}">{term}</abbr>'

        return self.pattern.sub(first_use, text) if text else text


def _still_skipping(line: str, skip: tuple[str, int]) -> tuple[str, int] | None:
    """The skip state after ``line``: ``None`` once the skipped element has closed."""
    tag, depth = skip
    for match in re.finditer(rf"<(/?){tag}\b[^>]*?(/?)>", line):
        if match.group(1):
            depth -= 1
            if depth <= 0:
                return None
        elif not match.group(2):
            depth += 1
    return (tag, depth)
