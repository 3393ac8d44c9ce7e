"""The site's name, description and footer line, from the exam's data (not mkdocs.yml)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.assets.catalog import Catalog
from generator.content.model import Exam
from generator.site import text


@dataclass(frozen=True)
class SiteTexts:
    """The site's name, description and footer line, from the exam's data."""

    name: str
    description: str
    copyright: str


def site_texts(exam: Exam, catalog: Catalog) -> SiteTexts:
    """Name the site after the exam (so a new exam's site holds no word of another).

    MkDocs' theme prints these as they are (in text and in attributes), so they are HTML:
    escaped plain text, and the footer as inline text (generator/site/text.py).
    """
    provider = text.plain(exam.provider)
    return SiteTexts(
        name=text.escaped(catalog.t("site.name", code=exam.code)),
        description=text.escaped(
            catalog.t("site.description", exam=exam.title, code=exam.code, provider=provider)
        ),
        copyright=str(text.inline(exam.disclaimer))
        if exam.disclaimer
        else text.escaped(catalog.t("site.copyright", provider=provider)),
    )
