"""Practice exam page: the mock exam's plan, the pass mark, and what the exam script reads.

The questions are not in the page: each domain's are in a data script
(:mod:`generator.site.widgets.exam`) that the page's script loads when an attempt needs it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.site.widgets import exam as exam_data
from generator.site.widgets.progress import html_json, readiness_index
from generator.site.layout import Page, Site, link


@dataclass(frozen=True)
class ExamTopic:
    """A topic as the exam page lists it: a link, and how many questions test it."""

    id: str
    title: str
    link: str
    questions: int


@dataclass(frozen=True)
class ExamDomain:
    """A domain as the exam page lists it."""

    number: int
    title: str
    weight: int
    questions: int
    topics: list[ExamTopic]


TEMPLATE = "exam.md.j2"


def _config(site: Site, plan: exam_data.MockPlan, mark: exam_data.PassMark) -> dict[str, object]:
    """What exam.js reads from the page (generator/assets/js/exam/exam.js describes each field)."""
    exam = site.bank.exam
    files = exam_data.exam_data_files(site)
    weights = {d.number: d.weight for d in exam.domains}
    domains = []
    for content in site.bank.domains:
        path = exam_data.script_path(content)
        if path not in files:
            continue
        difficulty = [0, 0, 0, 0]
        for question in content.questions:
            difficulty[exam_data.DIFFICULTIES[question.difficulty]] += 1
        domains.append(
            {
                "n": content.domain.number,
                "title": content.domain.title,
                "weight": weights.get(content.domain.number, 0),
                "questions": len(content.questions),
                "difficulty": difficulty,
                "script": f"{path}?v={exam_data.version(files[path])}",
            }
        )
    return {
        "v": exam_data.DATA_VERSION,
        "exam": exam.id,
        "title": exam.title,
        "blueprint": {"questions": exam.questions, "minutes": exam.minutes},
        "mock": {
            "questions": plan.questions,
            "minutes": plan.minutes,
            "domains": {str(n): c for n, c in plan.per_domain.items()},
            "note": plan.note,
        },
        "pass": {"percent": mark.percent, "label": mark.label},
        "domains": domains,
    }


def context(site: Site, page: Page) -> dict[str, Any]:
    """The plan, the pass mark, the domains and topics with links, and the script's config."""
    exam = site.bank.exam
    pools = {c.domain.number: exam_data.pool(c) for c in site.bank.domains}
    plan = exam_data.mock_plan(exam, pools, site.catalog)
    mark = exam_data.pass_mark(exam, site.catalog)
    weights = {d.number: d.weight for d in exam.domains}
    domains = [
        ExamDomain(
            number=c.domain.number,
            title=c.domain.title,
            weight=weights.get(c.domain.number, 0),
            questions=len(c.questions),
            topics=[
                ExamTopic(
                    t.id,
                    t.title,
                    link(page.path, site.topic_pages[t.id]),
                    site.questions_testing(t.id),
                )
                for t in c.topics
            ],
        )
        for c in site.bank.domains
        if c.questions
    ]
    return {
        "exam": exam,
        "plan": plan,
        "mark": mark,
        "domains": domains,
        "config": html_json(_config(site, plan, mark)),
        "readiness_index": html_json(readiness_index(site)),
    }
