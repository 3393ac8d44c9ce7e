"""Topic page: its blocks and its self-check questions."""

from __future__ import annotations

from typing import Any

from generator.errors import BuildError
from generator.site.pages._domain_content import content_of
from generator.site.layout import Page, Site
from generator.site.widgets.quiz import question_views

TEMPLATE = "topic.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The topic and every question that lists it."""
    if page.topic is None:
        raise BuildError(f"topic page {page.path} has no topic")
    return {
        "content": content_of(page),
        "topic": page.topic,
        "views": question_views(site, site.questions_for(page.topic.id), page.path),
    }
