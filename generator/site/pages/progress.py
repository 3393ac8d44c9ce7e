"""Progress page: rows per domain and topic, and the question index its script reads."""

from __future__ import annotations

from typing import Any

from generator.site.widgets.progress import progress_view
from generator.site.layout import Page, Site

TEMPLATE = "progress.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The Progress view with links from this page."""
    return {"progress": progress_view(site, page.path)}
