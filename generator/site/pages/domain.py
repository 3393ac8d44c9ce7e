"""Domain overview page: weight, topics, and where its tables and trees are shown."""

from __future__ import annotations

from typing import Any

from generator.site import layout as views
from generator.site.pages._domain_content import content_of
from generator.site.layout import Page, Site

TEMPLATE = "domain.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The domain's weight, topic rows and widget links from this page."""
    content = content_of(page)
    tables, trees = views.widget_links(site, content, page.path)
    return {
        "content": content,
        "weight": views.blueprint_weight(site, content.domain.number),
        "weight_line": views.weight_line(site, content.domain.number),
        "topics": views.topic_rows(site, content, page.path),
        "table_links": tables,
        "tree_links": trees,
        "downloads": [
            (title, what, views.link(page.path, path))
            for title, what, path in site.downloads.get(content.domain.number, [])
        ],
    }
