"""Page safety: what every page must have after the theme, whatever the author's templates.

The theme overrides (``generator/assets/overrides``) do this for a page rendered through
them, but an author's own ``main.html`` comes first in the template path and may extend
Material's ``base.html`` directly. So the plugin checks each page in ``on_post_page``:

- :func:`safe_title`: the ``<title>`` holds the page's title escaped. Material prints
  ``page.meta.title`` as it is and the navigation title through ``striptags``, which decodes
  ``&lt;`` back to ``<``: a title from imported data such as ``</title><script>`` would end the
  element and run.
- :func:`ensure_head`: the ``ss-js`` mark and its fallback, which the widgets' styles rely on.
- :func:`bundle_first`: the widget bundle runs before Material's, so search.js patches the
  search worker before Material posts it the index (``generator/assets/js/core/search.js``).
- :func:`ensure_exam_marker`: ``data-ss-exam`` names the exam for the progress store on every
  page, the author's own pages and the 404 page too.
- :func:`no_ellipsis_tooltips`: no element of class ``md-ellipsis``, whose text Material's
  ``content.tooltips`` turns into a tooltip with ``innerHTML`` when it is truncated, so a
  title such as ``<img src=x onerror=...>`` (escaped in the page) ran on hover or focus.

Material details relied on (9.8): the ``htmltitle`` block's three forms (reproduced in
:func:`material_titles`), one ``<title>`` in the head, and its script bundle's address
``assets/javascripts/bundle.<hash>.min.js``. If an upgrade printed titles differently, a title
with markup in it fails the build (it is not guessed at) and the other titles are left as
the theme printed them; if the bundle were renamed, the widget bundle would stay after it.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from generator.assets.bundle import OVERRIDES, SCRIPT_BUNDLE

HEAD_PARTIAL = OVERRIDES / "partials" / "studysite-head.html"
"""The head's ``ss-js`` mark and its ``<noscript>`` style (also included by ``main.html``)."""

SS_JS = '<script>document.documentElement.classList.add("ss-js");'
"""The start of the mark's script: a page that holds it has the partial."""

_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
_BODY = re.compile(r"<body[^>]*>")
_OUR_SCRIPT = re.compile(rf'<script src="[^"]*{re.escape(SCRIPT_BUNDLE)}"[^>]*></script>\n?')
_MATERIAL_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[^"]*"[^>]*></script>')
_EXAM_MARKER = re.compile(r'\sdata-ss-exam="')


def _text(value: object) -> str:
    """``value`` as Jinja's ``striptags`` gives it: tags removed, entities decoded."""
    return str(Markup(str(value)).striptags())


def page_title(page: Page | None, config: MkDocsConfig) -> str:
    """The page's ``<title>`` element as the overrides' ``main.html`` prints it, escaped.

    A page inside a navigation section (a domain) names it: "Overview" alone does not say
    which domain a tab or bookmark holds.
    """
    site = html.escape(_text(config.site_name))
    if page is None:  # a page of the theme's own (404.html)
        return f"<title>{site}</title>"
    section = [a.title for a in page.ancestors if a.title is not None]
    within = ""
    if section and not page.is_homepage:
        within = " - " + html.escape(_text(" - ".join(section)))
    title = page.meta.get("title") if page.meta else None
    if not title and page.title and not page.is_homepage:
        title = page.title
    if title:
        return f"<title>{html.escape(_text(title))}{within} - {site}</title>"
    return f"<title>{site}</title>"


def material_titles(page: Page | None, config: MkDocsConfig) -> list[str]:
    """The ``<title>`` Material's own ``htmltitle`` block prints for the page, unescaped."""
    site = str(config.site_name)
    if page is None:
        return [f"<title>{site}</title>"]
    if page.meta and page.meta.get("title"):
        return [f"<title>{page.meta['title']} - {site}</title>"]
    if page.title and not page.is_homepage:
        return [f"<title>{_text(page.title)} - {site}</title>"]
    return [f"<title>{site}</title>"]


def safe_title(output: str, page: Page | None, config: MkDocsConfig) -> str:
    """``output`` with its ``<title>`` escaped (see the module docstring).

    Raises:
        PluginError: the theme printed a title with markup in it that is neither ours nor
            Material's, so where it ends is unknown.
    """
    start = output.find("<title>")
    if start < 0:
        return output
    ours = page_title(page, config)
    if output.startswith(ours, start):
        return output
    for theirs in sorted(material_titles(page, config), key=len, reverse=True):
        if output.startswith(theirs, start):
            return output[:start] + ours + output[start + len(theirs) :]
    match = _TITLE.match(output, start)
    if match is not None and "<" not in match.group(1):
        return output  # the author's own title block, and nothing in it is markup
    where = page.file.src_uri if page is not None else "the theme's 404.html"
    raise PluginError(
        f"the page {where} has a <title> with markup in it that the theme printed "
        "unescaped; if your theme overrides the `htmltitle` block, print titles through "
        "`| striptags | e` there (as generator/assets/overrides/main.html does)"
    )


def ensure_head(output: str, partial: str) -> str:
    """``output`` with the head partial before ``</head>``, unless the theme put it in."""
    if SS_JS in output:
        return output
    end = output.find("</head>")
    return output if end < 0 else output[:end] + partial + output[end:]


def bundle_first(output: str) -> str:
    """``output`` with the widget bundle's script before Material's bundle."""
    ours = _OUR_SCRIPT.search(output)
    theirs = _MATERIAL_SCRIPT.search(output)
    if ours is None or theirs is None or ours.start() < theirs.start():
        return output
    tag = ours.group(0)
    output = output[: ours.start()] + output[ours.end() :]
    return output[: theirs.start()] + tag + output[theirs.start() :]


def ensure_exam_marker(output: str, exam_id: str) -> str:
    """``output`` with a ``data-ss-exam`` element after ``<body>``, unless it has one."""
    if _EXAM_MARKER.search(output):
        return output
    body = _BODY.search(output)
    if body is None:
        return output
    marker = f'<div hidden data-ss-exam="{html.escape(exam_id)}"></div>'
    return output[: body.end()] + marker + output[body.end() :]


MATERIAL_ELLIPSIS = 'class="md-ellipsis"'
"""A truncated title as Material's partials print it; its ellipsis patch reads these."""
OUR_ELLIPSIS = 'class="ss-ellipsis"'
"""The same look (css/core/theme.css), which no script of Material's reads."""


def no_ellipsis_tooltips(output: str) -> str:
    """``output`` with Material's ellipsis class replaced by ours (see the module docstring).

    The overrides' ``main.html`` prints ours already; this covers an author's own
    ``main.html`` that extends Material's ``base.html`` directly.
    """
    return output.replace(MATERIAL_ELLIPSIS, OUR_ELLIPSIS)
