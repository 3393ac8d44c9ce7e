"""The exam status notice: what a learner must know about a retiring or retired exam."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.content.model import Exam, Link, Successor

@dataclass(frozen=True)
class StatusNotice:
    """What a learner must know about the exam's status, shown on every overview page."""

    kind: str
    title: str
    text: str
    successors: list[Successor]
    source: Link | None


def long_date(day: datetime.date) -> str:
    """A date as people write it: '31 March 2026'."""
    return f"{day.day} {day:%B %Y}"


def status_notice(exam: Exam) -> StatusNotice | None:
    """The retirement notice of ``exam``, or None while it is current."""
    if exam.status == "current" or exam.retired_on is None:
        return None
    day = long_date(exam.retired_on)
    if exam.status == "retired":
        title = f"{exam.code} was retired on {day}"
        text = (
            f"{day} was the last day to sit the {exam.title} exam; it can no longer be "
            "booked. What this site teaches is still what that exam tested, with notes "
            "where the services have changed since."
        )
    else:
        title = f"{exam.code} retires on {day}"
        text = (
            f"{day} is the last day to sit the {exam.title} exam. Book it before then, "
            "or plan for a current exam."
        )
    if exam.successors:
        many = len(exam.successors) > 1
        these = "These current exams test" if many else "This current exam tests"
        text += f" {these} much of the same material:"
    kind = "danger" if exam.status == "retired" else "warning"
    return StatusNotice(kind, title, text, list(exam.successors), exam.status_source)
