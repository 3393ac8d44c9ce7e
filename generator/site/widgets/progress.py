"""Shape the Progress page: per domain and topic rows, and the question index its script reads.

The learner's answers live in the browser (``localStorage``); the page only carries what the
browser cannot know: which questions exist now (id and content hash), where they belong and
where they are shown. The index stays compact (a few dozen bytes a question) so a bank of
10,000 questions still gives a page of a few hundred kilobytes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from generator.content.model import Question
from generator.site import text
from generator.site.layout import Site, TopicRow, link, topic_rows
from generator.site.widgets.question_markup import answer_shape

INDEX_VERSION = 2
#: How many words of a stem the Progress page shows to name a question.
STEM_WORDS = 7


@dataclass(frozen=True)
class DomainProgress:
    """A domain section of the Progress page."""

    number: int
    title: str
    link: str
    questions_link: str
    questions: int
    topics: list[TopicRow]
    weight: int = 0
    """The domain's weight in the blueprint, in percent."""


@dataclass(frozen=True)
class ProgressView:
    """Everything the Progress page shows, plus the question index for its script.

    The index goes in a data attribute, not a ``<script type="application/json">``: Material's
    instant navigation re-creates every script of the new page as JavaScript, dropping its
    type and attributes.
    """

    domains: list[DomainProgress]
    questions: int
    index: str


def question_index(site: Site) -> dict[str, object]:
    """Every question as ``[id, hash, domain, [topic positions], number, options, choose, stem]``,
    and for a type other than multiple choice a ninth entry, its answer shape.

    Topic positions point into the ``topics`` list; the number is the question's number on
    its domain's practice-question page (where the anchor ``#q-<id>`` finds it); options and
    choose (how many options it has, how many picks it takes) let the store check imports;
    stem is its first words (:func:`stem_start`), which name it on the Progress page.

    Every answerable question is listed, a case study's too. The answer shape
    (:func:`~generator.site.widgets.question_markup.answer_shape`: ``{"type": "order",
    "items": 4}``, ``{"type": "pairs", "prompts": 3, "answers": 4}``, ``{"type": "number"}``,
    ``{"type": "text"}``, ``{"type": "picks", "options": 2, "choose": 1}`` for true/false) is
    what store.js ``known()`` checks a stored answer against; for those questions options and
    choose are the shape's picks, else 0. Multiple choice has none (its shape is options and
    choose), which keeps the index of a multiple-choice bank as it was.
    """
    topics: list[str] = []
    position: dict[str, int] = {}
    for content in site.bank.domains:
        for topic in content.topics:
            position[topic.id] = len(topics)
            topics.append(topic.id)
    questions: list[list[object]] = []
    for content in site.bank.domains:
        for number, question in enumerate(content.questions, start=1):
            shape = answer_shape(question)
            entry: list[object] = [
                question.id,
                question.content_hash,
                content.domain.number,
                [position[t] for t in question.topics if t in position],
                number,
                shape.get("options", 0),
                shape.get("choose", 0),
                stem_start(question.stem),
            ]
            if not isinstance(question, Question):
                entry.append(shape)
            questions.append(entry)
    return {"version": INDEX_VERSION, "topics": topics, "questions": questions}


def readiness_index(site: Site) -> dict[str, object]:
    """What readiness.js reads where the page has no Progress index.

    That is ``{"q": [[id, hash, domain, options, choose], ...]}``: options and choose give each
    question's guess rate. Every answerable question is listed, a case study's too, with the
    options and choose of the Progress index (:func:`question_index`): a true/false question's
    two picks, 0 for a type without picks (readiness.js gives those no guess rate).
    """
    rows: list[list[object]] = []
    for content in site.bank.domains:
        for q in content.questions:
            shape = answer_shape(q)
            rows.append(
                [
                    q.id,
                    q.content_hash,
                    content.domain.number,
                    shape.get("options", 0),
                    shape.get("choose", 0),
                ]
            )
    return {"q": rows}


def stem_start(stem: str, words: int = STEM_WORDS) -> str:
    """The first words of a stem as plain text, ending in "…" when cut.

    The Progress page names a question by them: its number differs between its topic page
    and the practice page.
    """
    found = text.plain(_prefix(stem, words)).split()
    if len(stem) > _PREFIX_CHARS * words and len(found) > words + 1:
        found = found[:-1]  # the prefix may end inside a word or a link: drop its last word
    else:
        found = text.plain(stem).split()  # the whole stem is short, or its start is markup
    return " ".join(found[:words]) + ("\u2026" if len(found) > words else "")


_PREFIX_CHARS = 80
"""Characters of a stem's source read per word wanted: markup and long words included."""


def _prefix(stem: str, words: int) -> str:
    """The start of ``stem`` that holds its first ``words`` words, cut at a space.

    Rendering a whole stem to keep seven words made a 30 KB stem cost seconds (issue 34).
    """
    limit = _PREFIX_CHARS * words
    if len(stem) <= limit:
        return stem
    space = stem.rfind(" ", 0, limit)
    return stem[: space if space > 0 else limit]


LINE_BREAKS = "\x85\u2028\u2029"
"""Characters JSON leaves raw that Python's ``splitlines()`` (and some editors and tools) read
as line ends: escaped in JSON that sits in a page, so no later pass can split a string."""


def html_json(data: object) -> str:
    r"""Compact JSON that can sit as is in an HTML attribute quoted with ``'``.

    The characters HTML gives a meaning (``<``, ``>``, ``&``, ``'``) only occur inside JSON
    strings, where their unicode escapes (``\u003c``...) mean the same; so do the line
    breaks of :data:`LINE_BREAKS`.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&'" + LINE_BREAKS:
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


def progress_view(site: Site, page_path: str) -> ProgressView:
    """Rows of the Progress page with links from ``page_path``, and the question index."""
    domains = []
    weights = {d.number: d.weight for d in site.bank.exam.domains}
    for content in site.bank.domains:
        slug = content.slug
        domains.append(
            DomainProgress(
                number=content.domain.number,
                title=content.domain.title,
                link=link(page_path, f"{slug}/index.md"),
                questions_link=link(page_path, f"{slug}/questions.md"),
                questions=len(content.questions),
                topics=topic_rows(site, content, page_path),
                weight=weights.get(content.domain.number, 0),
            )
        )
    return ProgressView(
        domains=domains,
        questions=sum(d.questions for d in domains),
        index=html_json(question_index(site)),
    )
