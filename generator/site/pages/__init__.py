"""Page kinds: one small view module per kind, each giving its template and its context.

``render`` only runs templates; what a page shows is shaped here. A new page kind is one
module in this package, one template, and one line in ``KINDS``.
"""

from __future__ import annotations

from typing import Any, Literal, Protocol

from generator.site.pages import (
    domain,
    exam,
    glossary,
    home,
    mistakes,
    progress,
    questions,
    review,
    study_sheet,
    takeaways,
    topic,
)
from generator.site.layout import Page, Site


class KindView(Protocol):
    """What a page-kind module provides (each module of this package is one)."""

    TEMPLATE: str

    def context(self, site: Site, page: Page) -> dict[str, Any]:
        """What the template shows beyond ``site`` and ``page``."""
        ...


KINDS: dict[str, KindView] = {
    "home": home,
    "glossary": glossary,
    "progress": progress,
    "exam": exam,
    "review": review,
    "mistakes": mistakes,
    "domain": domain,
    "topic": topic,
    "questions": questions,
    "takeaways": takeaways,
    "study-sheet": study_sheet,
}


def abbreviations_once_per(page: Page) -> Literal["section", "page"]:
    """Where ``page`` marks an abbreviation again: each section, or once on the page.

    A kind module that sets ``ABBREVIATIONS_ONCE_PER = "page"`` is read from start to end
    (its tooltips cost the most there: the study sheet marked 25 abbreviations 97 times).
    """
    once: Literal["section", "page"] = getattr(
        KINDS[page.kind], "ABBREVIATIONS_ONCE_PER", "section"
    )
    return once


def template(page: Page) -> str:
    """Name of the template that lays out ``page``."""
    return KINDS[page.kind].TEMPLATE


def context(site: Site, page: Page) -> dict[str, Any]:
    """Template context of ``page``: ``site`` and ``page`` plus what its kind shows."""
    return {"site": site, "page": page, **KINDS[page.kind].context(site, page)}
