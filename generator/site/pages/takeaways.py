"""A domain's key takeaways and exam tips."""

from __future__ import annotations

from typing import Any

from generator.site.pages._domain_content import content_of
from generator.site.layout import Page, Site

TEMPLATE = "takeaways.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The domain's content."""
    return {"content": content_of(page)}
