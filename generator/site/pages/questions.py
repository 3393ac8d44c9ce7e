"""A domain's practice-question page: every question of the domain, numbered."""

from __future__ import annotations

from typing import Any

from generator.site.layout import Page, Site
from generator.site.pages._domain_content import content_of
from generator.site.widgets.quiz import question_views, quiz_filters

TEMPLATE = "questions.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The domain and its questions as shown on this page."""
    content = content_of(page)
    shown = question_views(site, content.questions, page.path)
    return {"content": content, "views": shown, "filters": quiz_filters(site, shown)}
