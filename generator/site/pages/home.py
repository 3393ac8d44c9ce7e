"""Home page: the exam blueprint and the domains the bank does not cover yet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.site.layout import Page, Site

TEMPLATE = "home.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """Blueprint rows and the missing domains in words."""
    return {"blueprint": blueprint_rows(site), "missing": missing_domains(site)}


@dataclass(frozen=True)
class BlueprintRow:
    """A domain of the blueprint and, when it has content, a link and counts."""

    number: int
    title: str
    weight: int
    link: str | None
    topics: int
    questions: int


def blueprint_rows(site: Site) -> list[BlueprintRow]:
    """Every blueprint domain, linked when the bank has its content."""
    content = {c.domain.number: c for c in site.bank.domains}
    rows = []
    for d in site.bank.exam.domains:
        c = content.get(d.number)
        rows.append(
            BlueprintRow(
                d.number,
                d.title,
                d.weight,
                f"{c.slug}/index.md" if c else None,
                len(c.topics) if c else 0,
                len(c.questions) if c else 0,
            )
        )
    return rows


def missing_domains(site: Site) -> str:
    """Blueprint domains without content, as words: 'domains 1, 2 and 3'."""
    numbers = [str(r.number) for r in blueprint_rows(site) if r.link is None]
    if not numbers:
        return ""
    return site.catalog.t("home.domains", count=len(numbers), numbers=site.catalog.list(numbers))
