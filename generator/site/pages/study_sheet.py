"""A domain's printable study sheet: topics, then questions with an answer key."""

from __future__ import annotations

from typing import Any

from generator.site.layout import Page, Site
from generator.site.pages._domain_content import content_of
from generator.site.widgets.quiz import question_views

TEMPLATE = "study-sheet.md.j2"
# Read from start to end, and its list of abbreviations spells each one out.
ABBREVIATIONS_ONCE_PER = "page"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The domain and its questions as shown on this page."""
    content = content_of(page)
    return {
        "content": content,
        "views": question_views(site, content.questions, page.path),
        "pdf": study_sheet_pdf(content.slug, site.pdf_downloads),
    }


PDF_DOWNLOADS_FOLDER = "downloads"


def study_sheet_pdf(slug: str, published: bool) -> str | None:
    """Link from a study sheet to its PDF, or None where no PDF is published beside the site.

    ``published`` is the plugin's ``pdf_downloads`` option: the Pages workflow prints the
    study sheets into ``site/downloads/`` (``python -m generator pdf --publish site``). A local
    build and the offline copy have no PDF, so they get no link (``--strict`` stays quiet and
    nothing points at a missing file). The sheet lives at ``<slug>/study-sheet/``.
    """
    if not published:
        return None
    return f"../../{PDF_DOWNLOADS_FOLDER}/{slug}-study-sheet.pdf"
