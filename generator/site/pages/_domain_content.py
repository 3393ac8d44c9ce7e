"""What every per-domain page needs: the domain's content."""

from __future__ import annotations

from generator.errors import BuildError
from generator.content.model import DomainContent
from generator.site.layout import Page


def content_of(page: Page) -> DomainContent:
    """The domain content of a per-domain page; a page without one is a layout bug."""
    if page.domain is None:
        raise BuildError(f"page {page.path} ({page.kind}) has no domain content")
    return page.domain
