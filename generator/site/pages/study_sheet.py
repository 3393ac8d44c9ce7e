"""A domain's printable study sheet: topics, then questions with an answer key."""

from __future__ import annotations

from typing import Any

from generator.site import layout as views
from generator.site.pages._domain_content import content_of
from generator.site.layout import Page, Site

TEMPLATE = "study-sheet.md.j2"
# Read from start to end, and its list of abbreviations spells each one out.
ABBREVIATIONS_ONCE_PER = "page"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The domain and its questions as shown on this page."""
    content = content_of(page)
    return {
        "content": content,
        "views": views.question_views(site, content.questions, page.path),
        "pdf": views.study_sheet_pdf(content.slug),
    }
