"""The exam status notice: what a learner must know about a retiring or retired exam."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from babel.dates import format_date

from generator.assets.catalog import Catalog
from generator.content.model import Exam, Link, Successor

@dataclass(frozen=True)
class StatusNotice:
    """What a learner must know about the exam's status, shown on every overview page."""

    kind: str
    title: str
    text: str
    successors: list[Successor]
    source: Link | None


def long_date(day: datetime.date, catalog: Catalog) -> str:
    """A date as people write it, in the site's language: '31 March 2026' in English."""
    return str(format_date(day, catalog.t("date.long"), locale=catalog.locale))


def status_notice(exam: Exam, catalog: Catalog) -> StatusNotice | None:
    """The retirement notice of ``exam``, or None while it is current."""
    if exam.status == "current" or exam.retired_on is None:
        return None
    day = long_date(exam.retired_on, catalog)
    names = {"code": exam.code, "day": day, "exam": exam.title}
    if exam.status == "retired":
        title = catalog.t("status.retired_title", **names)
        text = catalog.t("status.retired", **names)
    else:
        title = catalog.t("status.retiring_title", **names)
        text = catalog.t("status.retiring", **names)
    if exam.successors:
        text += " " + catalog.t("status.successors", count=len(exam.successors))
    kind = "danger" if exam.status == "retired" else "warning"
    return StatusNotice(kind, title, text, list(exam.successors), exam.status_source)
