"""Exam data: the practice exam's plan and its question data, one classic script a domain.

The exam page stays small however large the bank is: it carries only the plan (how many
questions of each domain a mock exam draws, its minutes, the pass mark) and each domain's
topics. The questions themselves are in ``exam-data/<domain slug>.js``, written beside the
pages and loaded by the page's script only when an attempt needs them. A classic script
(``StudySite.examData(<domain number>, {...})``) loads from ``file://`` too, where
``fetch()`` does not.

A question in a data script is a list, to keep the files compact. ``q`` holds the questions
the exam answers as a choice of options, multiple choice and true/false::

    [id, content hash, [topic positions], difficulty, choose, shuffle, stem,
     [[option text, why], ...], [correct option positions]]

and a true/false question, whose options are True and False (in the site's language, never
shuffled), has a tenth entry ``{"type": "true-false", "explanation": text or null}``.

``x`` holds the single questions of the other types (the markup contract of
:mod:`generator.site.widgets.question_markup`, as data)::

    [id, content hash, [topic positions], difficulty, type, stem, data, explanation]

where ``data`` is, by type: ``ordering`` ``{"items": [[text, why], ...]}`` (authored order,
the right one); ``matching`` ``{"prompts": [[text, why], ...], "answers": [text, ...],
"key": [answer index per prompt]}`` (answers: each distinct answer once, then the
distractors); ``numeric`` ``{"accept": [{"min", "max", "answer"?, "tolerance"?, "why"}],
"unit"}``; ``short-answer`` ``{"accept": [normalised text, ...], "texts": [[text as
written, why], ...]}``.

``c`` holds the case studies, each drawn whole by the mock exam (it counts as its number of
questions toward the domain's share; :mod:`generator.site.widgets.exam_draw`)::

    [id, title or null, scenario, table or null, [topic positions], [question, ...]]

with ``table`` ``{"columns": [...], "rows": [[...], ...]}`` and each question in the form of
``q`` or of ``x`` (told apart by their fifth entry: a number, ``choose``, or a type name).

Topic positions point into the script's ``topics`` list; difficulty is 0 (not rated),
1 (easy), 2 (medium) or 3 (hard); shuffle is 1 when the options may be shown in any order.
Text is the author's text as written: the exam script shows it as text (``code`` spans and
``**strong**`` / ``*emphasis*`` only), so nothing in a bank can become markup or script.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass

from generator.assets.catalog import Catalog, load_catalog
from generator.content.model import (
    Answerable,
    CaseStudy,
    DomainContent,
    Exam,
    MatchingQuestion,
    NumericQuestion,
    OrderingQuestion,
    Question,
    ShortAnswerQuestion,
    TrueFalseQuestion,
)
from generator.site.layout import Site
from generator.site.widgets.exam_draw import Pool, largest_reachable
from generator.site.widgets.question_markup import number_data

DATA_FOLDER = "exam-data"
DATA_VERSION = 1
DIFFICULTIES = {None: 0, "easy": 1, "medium": 2, "hard": 3}


def script_path(content: DomainContent) -> str:
    """Where the data script of a domain goes, under docs/."""
    return f"{DATA_FOLDER}/{content.slug}.js"


def _type_data(q: Answerable) -> dict[str, object]:
    if isinstance(q, OrderingQuestion):
        return {"items": [[i.text, i.why] for i in q.items]}
    if isinstance(q, MatchingQuestion):
        return {"prompts": [[p.prompt, p.why] for p in q.pairs], "answers": q.answers, "key": q.key}
    if isinstance(q, NumericQuestion):
        data = number_data(q)
        for entry, accepted in zip(data["accept"], q.accepted, strict=True):
            entry["why"] = accepted.why
        return data
    assert isinstance(q, ShortAnswerQuestion)
    return {"accept": q.normalised, "texts": [[a.text, a.why] for a in q.accepted]}


def question_entry(q: Answerable, position: Mapping[str, int], catalog: Catalog) -> list[object]:
    """One question in the compact form of the module docstring (``q`` or ``x``)."""
    head: list[object] = [
        q.id,
        q.content_hash,
        [position[t] for t in q.topics if t in position],
        DIFFICULTIES[q.difficulty],
    ]
    if isinstance(q, Question):
        return [
            *head,
            q.choose,
            1 if q.shuffle else 0,
            q.stem,
            [[o.text, o.why] for o in q.options],
            q.correct_indexes,
        ]
    if isinstance(q, TrueFalseQuestion):
        options = [[catalog.t("types.true"), None], [catalog.t("types.false"), None]]
        extra = {"type": q.type, "explanation": q.explanation}
        return [*head, 1, 0, q.stem, options, [0 if q.answer else 1], extra]
    return [*head, q.type, q.stem, _type_data(q), q.explanation]


def domain_data(content: DomainContent, catalog: Catalog | None = None) -> dict[str, object]:
    """The questions of one domain in the compact form described in the module docstring."""
    words = catalog or load_catalog()
    topics = [t.id for t in content.topics]
    position = {topic: i for i, topic in enumerate(topics)}
    choices: list[object] = []
    others: list[object] = []
    cases: list[object] = []
    for item in content.items:
        if isinstance(item, CaseStudy):
            table = None
            if item.table is not None:
                table = {"columns": item.table.columns, "rows": item.table.rows}
            cases.append(
                [
                    item.id,
                    item.title,
                    item.scenario,
                    table,
                    [position[t] for t in item.topics if t in position],
                    [question_entry(p, position, words) for p in item.questions],
                ]
            )
        elif isinstance(item, Question | TrueFalseQuestion):
            choices.append(question_entry(item, position, words))
        else:
            others.append(question_entry(item, position, words))
    data: dict[str, object] = {
        "v": DATA_VERSION,
        "domain": content.domain.number,
        "topics": topics,
        "q": choices,
    }
    if others:
        data["x"] = others
    if cases:
        data["c"] = cases
    return data


def pool(content: DomainContent) -> Pool:
    """What a mock exam draws from in this domain: single questions and whole case studies."""
    return Pool(
        singles=[i.id for i in content.items if not isinstance(i, CaseStudy)],
        cases=[(c.id, len(c.questions)) for c in content.case_studies],
    )


def domain_script(content: DomainContent, catalog: Catalog | None = None) -> str:
    """The classic script that hands a domain's questions to the exam widget."""
    data = json.dumps(domain_data(content, catalog), ensure_ascii=False, separators=(",", ":"))
    # As a string for JSON.parse: browsers parse JSON several times faster than the same
    # data written as a JavaScript literal. JSON text has no raw line breaks, and U+2028/2029
    # are valid in JavaScript strings since ES2019, so only \\ and ' need escaping.
    quoted = data.replace("\\", "\\\\").replace("'", "\\'")
    return f"StudySite.examData({content.domain.number},JSON.parse('{quoted}'));\n"


def exam_data_files(site: Site) -> dict[str, str]:
    """Every domain's data script (path under docs/ -> text); domains without questions none.

    The exam page's view asks for them (for their versions) and the build writes them: they
    are made once per site (kept on the site), not twice.
    """
    if site.exam_scripts is None:
        site.exam_scripts = {
            script_path(content): domain_script(content, site.catalog)
            for content in site.bank.domains
            if content.questions
        }
    return site.exam_scripts


def version(text: str) -> str:
    """A short hash of a data script, appended to its URL so a browser never keeps a stale one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


# ---- the mock exam's size -------------------------------------------------------------


@dataclass(frozen=True)
class MockPlan:
    """How large a full mock exam is for this bank, and why, in words.

    ``per_domain`` maps a domain number to the questions drawn from it; ``note`` is empty
    when the bank covers the whole blueprint, else a sentence saying how the exam is scaled.
    """

    questions: int
    minutes: int
    per_domain: dict[int, int]
    note: str


def _shares(total: int, weights: dict[int, int]) -> dict[int, int]:
    """``total`` split in proportion to ``weights`` (largest remainder, ties by number)."""
    whole = sum(weights.values())
    exact = {n: total * w / whole for n, w in weights.items()}
    counts = {n: math.floor(x) for n, x in exact.items()}
    left = total - sum(counts.values())
    for n in sorted(exact, key=lambda n: (counts[n] - exact[n], n))[:left]:
        counts[n] += 1
    return counts


def mock_plan(exam: Exam, pools: Mapping[int, int | Pool], catalog: Catalog) -> MockPlan:
    """The full mock exam: the blueprint's size, scaled down to what the bank can draw.

    ``pools`` maps a domain number to what the bank has for it: a number of single
    questions, or a :class:`~generator.site.widgets.exam_draw.Pool` of single questions and
    case studies (each counts as its questions). The exam keeps the blueprint's weighting
    and pace (minutes a question); it shrinks when the bank covers fewer domains (to those
    domains' share of the blueprint) or holds fewer questions than a domain's share, and
    never repeats a question to fill up. A domain's share is one its case studies (drawn
    whole) and single questions make up exactly (:func:`exam_draw.largest_reachable`).
    """
    pool = {
        n: p if isinstance(p, Pool) else Pool(singles=[str(i) for i in range(p)])
        for n, p in pools.items()
    }
    available = {n: p.size for n, p in pool.items()}
    weights = {d.number: d.weight for d in exam.domains if available.get(d.number, 0) > 0}
    if not weights:
        return MockPlan(0, 0, {}, catalog.t("exam.no_mock"))
    share = sum(weights.values()) / sum(d.weight for d in exam.domains)
    total = round(exam.questions * share)
    counts = _shares(total, weights)
    short = [n for n in counts if counts[n] > available[n]]
    if short:
        # Keep the weighting: shrink the whole exam until every domain has enough questions.
        factor = min(available[n] / counts[n] for n in counts)
        total = max(1, math.floor(total * factor))
        counts = _shares(total, weights)
        while any(counts[n] > available[n] for n in counts):
            total -= 1
            counts = _shares(total, weights)
    counts = {n: largest_reachable(c, pool[n]) for n, c in counts.items()}
    counts = {n: c for n, c in counts.items() if c > 0}
    total = sum(counts.values())
    minutes = max(1, round(exam.minutes * total / exam.questions))
    note = ""
    if total < exam.questions:
        t = catalog.t
        covered = sorted(weights)
        if len(covered) < len(exam.domains):
            numbers = catalog.list([str(n) for n in covered])
            where = t("exam.covers_some", count=len(covered), domains=numbers)
        else:
            where = t("exam.covers_all")
        if short:
            numbers = catalog.list([str(n) for n in sorted(short)])
            where = t("exam.covers_short", covers=where, count=len(short), domains=numbers)
        scale = {
            "covers": where,
            "count": total,
            "minutes": minutes,
            "questions": exam.questions,
            "all_minutes": exam.minutes,
        }
        if len(counts) > 1:
            note = t("exam.scaled_weighted", **scale)
        else:
            note = t("exam.scaled", **scale)
    return MockPlan(total, minutes, counts, note)


# ---- the pass mark --------------------------------------------------------------------


@dataclass(frozen=True)
class PassMark:
    """The percent right that passes a practice exam, and what it rests on, in words."""

    percent: float | None
    label: str


def pass_mark(exam: Exam, catalog: Catalog) -> PassMark:
    """The pass mark: the percent the data gives, else a linear estimate from a scaled score."""
    t = catalog.t
    if exam.passing_percent is not None:
        percent = exam.passing_percent
        return PassMark(percent, t("exam.pass_given", percent=percent))
    low, high, passing = exam.score_min, exam.score_max, exam.passing_score
    if low is not None and high is not None and passing is not None and high > low:
        percent = round(100 * (passing - low) / (high - low), 1)
        label = t("exam.pass_estimate", percent=percent, low=low, high=high, passing=passing)
        return PassMark(percent, label)
    if passing is not None:
        return PassMark(None, t("exam.pass_score", passing=passing))
    return PassMark(None, t("exam.pass_none"))
