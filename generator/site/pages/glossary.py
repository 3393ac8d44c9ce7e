"""Glossary page: every term, in alphabetical order."""

from __future__ import annotations

from typing import Any

from generator.site.layout import Page, Site

TEMPLATE = "glossary.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The glossary's terms sorted without regard to case."""
    return {"terms": sorted(site.bank.glossary.terms, key=lambda t: t.term.casefold())}
