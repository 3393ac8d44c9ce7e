"""Home page: the exam blueprint and the domains the bank does not cover yet."""

from __future__ import annotations

from typing import Any

from generator.site import layout as views
from generator.site.layout import Page, Site

TEMPLATE = "home.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """Blueprint rows and the missing domains in words."""
    return {"blueprint": views.blueprint_rows(site), "missing": views.missing_domains(site)}
