"""Domain overview page: weight, topics, and where its tables and trees are shown."""

from __future__ import annotations

from typing import Any

from generator.content.model import DomainContent

from generator.publishing.downloads import download_texts
from generator.site.layout import Page, Site, link, topic_rows
from generator.site.pages._domain_content import content_of

TEMPLATE = "domain.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The domain's weight, topic rows and widget links from this page."""
    content = content_of(page)
    tables, trees = widget_links(site, content, page.path)
    return {
        "content": content,
        "weight": blueprint_weight(site, content.domain.number),
        "weight_line": weight_line(site, content.domain.number),
        "topics": topic_rows(site, content, page.path),
        "table_links": tables,
        "tree_links": trees,
        "downloads": [
            (*download_texts(fmt, site.catalog), link(page.path, path))
            for fmt, path in site.downloads.get(content.domain.number, [])
        ],
    }


def widget_links(
    site: Site, content: DomainContent, page_path: str
) -> tuple[dict[str, str], dict[str, str]]:
    """Links from ``page_path`` to where each table and tree of a domain is shown."""
    tables: dict[str, str] = {}
    trees: dict[str, str] = {}
    for topic in content.topics:
        target = site.topic_pages[topic.id]
        for block in topic.blocks:
            table_id = getattr(block, "table", None)
            tree_id = getattr(block, "tree", None)
            if table_id:
                tables.setdefault(table_id, link(page_path, target, f"table-{table_id}"))
            if tree_id:
                trees.setdefault(tree_id, link(page_path, target, f"tree-{tree_id}"))
    return tables, trees

def blueprint_weight(site: Site, number: int) -> int:
    """Weight in percent of domain ``number`` in the blueprint."""
    return next((d.weight for d in site.bank.exam.domains if d.number == number), 0)

def weight_line(site: Site, number: int) -> str:
    """The weight of domain ``number`` once, with the questions it stands for."""
    exam = site.bank.exam
    weight = blueprint_weight(site, number)
    total = exam.questions
    if exam.scored_questions is None:
        about = round(total * weight / 100)
        return site.catalog.t("domain.weight_line", weight=weight, about=about, total=total)
    scored = exam.scored_questions
    return site.catalog.t(
        "domain.weight_line_scored",
        weight=weight,
        about=round(scored * weight / 100),
        scored=scored,
        about_all=round(total * weight / 100),
        total=total,
    )
