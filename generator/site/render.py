"""Render: lay out every page of the site as Markdown through Jinja templates."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2

from generator.assets.bundle import module_bundles, modules_of
from generator.assets.catalog import Catalog
from generator.content.markup import abbreviation_ok
from generator.site import diagram, pages, text
from generator.site.abbreviations import Abbreviations
from generator.site.layout import Site, admonition, page_url
from generator.site.widgets import quiz, sources, status, table, tree
from generator.site.widgets.review import make_review_data


TEMPLATES = Path(__file__).resolve().parent / "templates"
"""The page templates (package data)."""


@jinja2.pass_eval_context
def _t(context: jinja2.nodes.EvalContext, key: str, /, **params: object) -> str:
    """The templates' ``t``: the catalog's string of ``key`` (escaped in HTML templates)."""
    catalog = context.environment.globals["catalog"]
    assert isinstance(catalog, Catalog), "render_pages sets the site's catalog"
    if context.autoescape:
        return catalog.html(key, **params)
    return catalog.t(key, **params)


def environment() -> jinja2.Environment:
    """Jinja environment: strict about undefined names, escaping in HTML partials.

    ``t(key, **params)`` and ``catalog`` are globals: the words of the site's language
    (:mod:`generator.assets.catalog`), set by :func:`render_pages` for the site it renders.
    """
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator.site", "templates"),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals["t"] = _t
    env.filters.update(
        admonition=admonition,
        md_cell=text.md_cell,
        table_view=table.table_view,
        tree_outline=tree.tree_outline,
        tree_data=tree.tree_data,
        tree_diagram=diagram.tree_svg,
        letter=quiz.letter,
        status_notice=status.status_notice,
        long_date=status.long_date,
        by_checked=sources.by_checked,
        sheet_sources=sources.sheet_sources,
        # Every text field of the data reaches a page through one of these (generator/site/text.py).
        inline=text.inline,
        prose=text.block,
        prose_html=text.block_html,
        plain=text.plain_html,
        meta=text.meta_value,
        abbreviation_ok=abbreviation_ok,
        tooltip=text.tooltip,
    )
    return env


def render_pages(site: Site, env: jinja2.Environment | None = None) -> dict[str, str]:
    """Every generated file under docs/, path -> Markdown text.

    ``env`` is kept by the MkDocs plugin from one ``mkdocs serve`` build to the next: a new
    one would compile every template again (half of a small bank's render). Jinja reloads a
    template whose file has changed.
    """
    env = env or environment()
    # The words of this site's language; the environment lasts from one build to the next.
    env.globals["catalog"] = site.catalog
    files: dict[str, str] = {}
    abbreviations = Abbreviations.of(site.bank.glossary.terms)
    page_end = env.get_template("page_end.md.j2").render(exam_id=site.bank.exam.id)
    # The Review page's question markup, by the quiz's own macro; the page names its versions.
    make_review_data(site, env)
    for page in site.pages:
        template = env.get_template(pages.template(page))
        files[page.path] = abbreviations.mark(
            _tidy(template.render(pages.context(site, page))), pages.abbreviations_once_per(page)
        )
        files[page.path] += page_end
    return files


def link_modules(site: Site, files: dict[str, str]) -> None:
    """Link each page to the modules it needs (generator/assets/bundle.py), in place.

    The core bundles are the theme's for every page (``extra_css``, ``extra_javascript``);
    a module's are in the page itself, so that Material's instant navigation, which swaps
    the page's content and runs its scripts, brings them along, and so that every builder
    gets them. The styles come right after the page's heading, hidden (a stylesheet in the
    page holds back only what follows it; MkDocs takes the title from a first ``<h1>``), the
    scripts at the end, deferred: on a page load they run after the core, which the theme
    puts at the end of the page. Relative URLs, as MkDocs makes them (file:// and the offline
    copy).
    """
    bundles = module_bundles()
    for page in site.pages:
        text = files[page.path]
        # A module without sources yet (a question type's widget to come) links nothing.
        modules = [bundles[m.name] for m in modules_of(text) if any(bundles[m.name])]
        if not modules:
            continue

        def url(path: str, page_path: str = page.path) -> str:
            return page_url(page_path, path, site.directory_urls)

        styles = "".join(f'<link rel="stylesheet" href="{url(css)}">' for _, css in modules if css)
        scripts = "".join(f'<script src="{url(js)}" defer></script>\n' for js, _ in modules if js)
        if styles:
            heading = re.search(r"^# .*\n", text, flags=re.MULTILINE)
            at = heading.end() if heading else len(text)
            text = text[:at] + f"\n<div hidden data-ss-modules>{styles}</div>\n" + text[at:]
        files[page.path] = text + "\n" + scripts


def _tidy(text: str) -> str:
    """Collapse runs of blank lines left by template logic; end with one newline.

    Lines end at "\n" only: ``str.splitlines()`` also ends them at U+2028, U+2029, U+0085
    and other characters a text field may hold (pasted from PDF or Word), which put a raw
    line break into the JSON of a widget's data attribute ("Bad control character in string
    literal": no tree or practice exam mounted).
    """
    lines: list[str] = []
    for line in text.split("\n"):
        line = line.rstrip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip("\n") + "\n"
