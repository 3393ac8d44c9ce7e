"""Render: lay out every page of the site as Markdown through Jinja templates."""

from __future__ import annotations

from typing import Any

import jinja2

from generator import diagram, text, views
from generator.progress import progress_view
from generator.views import Page, Site

ABBREVIATIONS = ".generated/abbreviations.md"

_TEMPLATES: dict[str, str] = {
    "home": "home.md.j2",
    "glossary": "glossary.md.j2",
    "progress": "progress.md.j2",
    "domain": "domain.md.j2",
    "topic": "topic.md.j2",
    "questions": "questions.md.j2",
    "takeaways": "takeaways.md.j2",
    "study-sheet": "study-sheet.md.j2",
}


def environment() -> jinja2.Environment:
    """Jinja environment: strict about undefined names, escaping in HTML partials."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.filters.update(
        admonition=views.admonition,
        md_cell=views.md_cell,
        table_view=views.table_view,
        tree_outline=views.tree_outline,
        tree_data=views.tree_data,
        tree_diagram=diagram.tree_svg,
        letter=views.letter,
        # Every text field of the data reaches a page through one of these (generator/text.py).
        inline=text.inline,
        prose=text.block,
        plain=text.plain_html,
        meta=views.meta_value,
    )
    return env


def _context(site: Site, page: Page) -> dict[str, Any]:
    context: dict[str, Any] = {"site": site, "page": page}
    content = page.domain
    if page.kind == "home":
        context.update(blueprint=views.blueprint_rows(site), missing=views.missing_domains(site))
    elif page.kind == "glossary":
        context.update(terms=sorted(site.bank.glossary.terms, key=lambda t: t.term.casefold()))
    elif page.kind == "progress":
        context["progress"] = progress_view(site, page.path)
    elif content is not None:
        context["content"] = content
        if page.kind == "domain":
            tables, trees = views.widget_links(site, content, page.path)
            context.update(
                weight=views.blueprint_weight(site, content.domain.number),
                topics=views.topic_rows(site, content, page.path),
                table_links=tables,
                tree_links=trees,
            )
        elif page.kind == "topic" and page.topic is not None:
            context["topic"] = page.topic
            context["views"] = views.question_views(
                site, site.questions_for(page.topic.id), page.path
            )
        elif page.kind in ("questions", "study-sheet"):
            context["views"] = views.question_views(site, content.questions, page.path)
    return context


def render_pages(site: Site, env: jinja2.Environment | None = None) -> dict[str, str]:
    """Every generated file under docs/, path -> Markdown text."""
    env = env or environment()
    files: dict[str, str] = {}
    for page in site.pages:
        template = env.get_template(_TEMPLATES[page.kind])
        files[page.path] = _tidy(template.render(_context(site, page)))
    terms = site.bank.glossary.terms
    files[ABBREVIATIONS] = env.get_template("abbreviations.md.j2").render(terms=terms)
    return files


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template logic; end with one newline."""
    lines: list[str] = []
    for line in text.splitlines():
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"
