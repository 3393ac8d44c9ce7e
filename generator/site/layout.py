"""Lay out the site: its pages, the indexes between them, navigation, and links.

Templates hold layout only; everything computed lives in this package (the widgets' views in
:mod:`generator.site.widgets`, each page kind's in :mod:`generator.site.pages`), as plain data
with tests.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass, field
from typing import Literal

from mkdocs.structure.files import File

from generator.assets.catalog import FALLBACK, Catalog, load_catalog
from generator.content.model import (
    Answerable,
    Bank,
    Callout,
    CalloutKind,
    CaseStudy,
    DomainContent,
    Table,
    Topic,
    Tree,
)
from generator.content.pages import domain_folder_pages
from generator.site import text

ADMONITIONS: dict[CalloutKind, str] = {
    "exam-tip": "tip",
    "exam-concept": "info",
    "exam-pattern": "example",
    "exam-weight": "note",
    "decision-shortcut": "question",
    "warning": "warning",
}
"""Material's admonition type of each kind of callout."""


def callout_title(kind: CalloutKind, catalog: Catalog) -> str:
    """The title a callout of ``kind`` gets when its data gives none."""
    titles = {
        "exam-tip": catalog.t("callout.exam_tip"),
        "exam-concept": catalog.t("callout.exam_concept"),
        "exam-pattern": catalog.t("callout.exam_pattern"),
        "exam-weight": catalog.t("callout.exam_weight"),
        "decision-shortcut": catalog.t("callout.decision_shortcut"),
        "warning": catalog.t("callout.warning"),
    }
    return titles[kind]

def link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative Markdown link target between two generated pages (paths under docs/)."""
    target = _relative(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=65_536)
def _relative(to_page: str, from_folder: str) -> str:
    # posixpath.relpath is slow (it makes both paths absolute); pages link to the same few
    # targets thousands of times in a large bank.
    return posixpath.relpath(to_page, from_folder)


def page_url(from_page: str, to_page: str, directory_urls: bool, anchor: str = "") -> str:
    """The URL of ``to_page`` relative to ``from_page`` (paths under docs/), as MkDocs makes it.

    For links in HTML that MkDocs does not rewrite (:mod:`generator.plugin.fragments`);
    ``directory_urls`` is MkDocs' ``use_directory_urls`` (off in the offline build).
    """
    url = _url(to_page, from_page, directory_urls)
    return f"{url}#{anchor}" if anchor else url


@functools.lru_cache(maxsize=65_536)
def _url(to_page: str, from_page: str, directory_urls: bool) -> str:
    target = File(to_page, None, "", directory_urls)
    return target.url_relative_to(File(from_page, None, "", directory_urls))

def admonition(callout: Callout, catalog: Catalog) -> tuple[str, str]:
    """Material admonition type and title for a callout."""
    return ADMONITIONS[callout.kind], callout.title or callout_title(callout.kind, catalog)

# ---- pages --------------------------------------------------------------------------

PageKind = Literal[
    "home",
    "glossary",
    "progress",
    "exam",
    "review",
    "mistakes",
    "domain",
    "topic",
    "questions",
    "takeaways",
    "study-sheet",
]


@dataclass(frozen=True)
class Page:
    """A generated page: where it goes, its title, and the template that lays it out."""

    path: str
    title: str
    kind: PageKind
    domain: DomainContent | None = None
    topic: Topic | None = None


@dataclass
class Site:
    """Everything rendering needs: the bank, its pages, and indexes between them."""

    bank: Bank
    pages: list[Page] = field(default_factory=list)
    topic_pages: dict[str, str] = field(default_factory=dict)
    topic_titles: dict[str, str] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    tables: dict[str, Table] = field(default_factory=dict)
    table_pages: dict[str, str] = field(default_factory=dict)
    trees: dict[str, Tree] = field(default_factory=dict)
    downloads: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    """Per domain number: (format, path under docs/) of its files on the site."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``, for the links MkDocs does not rewrite (:func:`page_url`)."""
    pdf_downloads: bool = False
    """Whether each study sheet's PDF is published beside the site (the plugin's option)."""
    _by_topic: dict[str, list[Answerable]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    exam_scripts: dict[str, str] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """The practice exam's data scripts, made once per site (:mod:`generator.site.widgets.exam`)."""
    review_scripts: dict[str, str] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """The Review page's data scripts, made once per site (:mod:`generator.site.widgets.review`)."""
    review_marks: tuple[str, ...] = field(default=(), init=False, repr=False, compare=False)
    """The marks of the question types' modules that the review data's markup needs."""
    catalog: Catalog = field(default_factory=load_catalog, repr=False, compare=False)
    """The words of the site's language (:mod:`generator.assets.catalog`)."""

    def questions_for(self, topic_id: str) -> list[Answerable]:
        """Self-check questions of a topic: every question that lists it, in bank order.

        A case study is kept whole: when any of its questions lists the topic, all of them
        are the topic's, in order.
        """
        if self._by_topic is None:
            # One pass over the bank, not one per topic: large banks stay linear.
            by_topic: dict[str, list[Answerable]] = {}
            for content in self.bank.domains:
                for item in content.items:
                    parts = item.questions if isinstance(item, CaseStudy) else [item]
                    topics = dict.fromkeys(t for part in parts for t in part.topics)
                    for topic in topics:
                        by_topic.setdefault(topic, []).extend(parts)
            self._by_topic = by_topic
        return list(self._by_topic.get(topic_id, ()))


    def questions_testing(self, topic_id: str) -> int:
        """How many questions list the topic (a case study's other questions, shown with
        them on the topic's page, do not count: the Progress page and the exam count so)."""
        return sum(topic_id in q.topics for q in self.questions_for(topic_id))


def domain_title(content: DomainContent, catalog: Catalog) -> str:
    """A domain as its overview and the navigation name it: "Domain 4: ..."."""
    return catalog.t("nav.domain", number=content.domain.number, title=content.domain.title)


def folder_page_title(content: DomainContent, kind: str, catalog: Catalog) -> str:
    """The title of a page of a domain's folder other than a topic's."""
    number = content.domain.number
    titles = {
        "domain": lambda: domain_title(content, catalog),
        "questions": lambda: catalog.t("page.practice_questions", number=number),
        "takeaways": lambda: catalog.t("page.key_takeaways", number=number),
        "study-sheet": lambda: catalog.t("page.study_sheet", number=number),
    }
    return titles[kind]()


def domain_pages(content: DomainContent, catalog: Catalog) -> list[Page]:
    """The pages of one domain in reading order (:mod:`generator.content.pages` names them)."""
    slug = content.slug
    overview, after = domain_folder_pages(content)
    title = folder_page_title
    pages = [Page(f"{slug}/{overview.name}.md", title(content, overview.kind, catalog), overview.kind, content)]
    pages += [Page(f"{slug}/{t.id}.md", t.title, "topic", content, t) for t in content.topics]
    pages += [Page(f"{slug}/{p.name}.md", title(content, p.kind, catalog), p.kind, content) for p in after]
    return pages


def build_site(
    bank: Bank,
    *,
    directory_urls: bool = True,
    language: str = FALLBACK,
    catalog: Catalog | None = None,
) -> Site:
    """Lay out the pages of the site and the indexes templates use to link between them.

    ``language`` is the site's (MkDocs' ``theme.language``): its catalog gives every word the
    pages show that the data does not; ``catalog``, when given, is that catalog already read
    (the MkDocs plugin keeps one from build to build).
    """
    if catalog is None:
        catalog = load_catalog(language)
    site = Site(bank=bank, directory_urls=directory_urls, catalog=catalog)
    site.pages.append(Page("index.md", bank.exam.title, "home"))
    for content in bank.domains:
        site.pages += domain_pages(content, catalog)
        for topic in content.topics:
            site.topic_pages[topic.id] = f"{content.slug}/{topic.id}.md"
            site.topic_titles[topic.id] = topic.title
            site.topics[topic.id] = topic
    for content in bank.domains:
        for topic in content.topics:
            for block in topic.blocks:
                table_id = getattr(block, "table", None)
                if table_id and table_id not in site.table_pages:
                    site.table_pages[table_id] = site.topic_pages[topic.id]
        site.tables.update((t.id, t) for t in content.tables)
        site.trees.update((t.id, t) for t in content.trees)
    site.pages.append(Page("exam.md", catalog.t("nav.practice_exam"), "exam"))
    site.pages.append(Page("review.md", catalog.t("nav.review"), "review"))
    site.pages.append(Page("mistakes.md", catalog.t("nav.mistakes"), "mistakes"))
    site.pages.append(Page("progress.md", catalog.t("nav.your_progress"), "progress"))
    site.pages.append(Page("glossary.md", catalog.t("nav.glossary"), "glossary"))
    return site


def nav(site: Site) -> list[dict[str, object]]:
    """MkDocs ``nav`` for the generated pages, in reading order."""
    catalog = site.catalog
    # Within its domain's section, a page of the domain's folder needs no domain number.
    within = {
        "domain": catalog.t("nav.overview"),
        "questions": catalog.t("nav.practice_questions"),
        "takeaways": catalog.t("nav.key_takeaways"),
        "study-sheet": catalog.t("nav.study_sheet"),
    }
    # MkDocs' theme prints navigation titles as they are: they must be HTML already.
    items: list[dict[str, object]] = [{text.escaped(catalog.t("nav.home")): "index.md"}]
    for content in site.bank.domains:
        children: list[dict[str, str]] = []
        for page in domain_pages(content, catalog):
            children.append({text.escaped(within.get(page.kind, page.title)): page.path})
        items.append({text.escaped(domain_title(content, catalog)): children})
    items.append({text.escaped(catalog.t("nav.practice_exam")): "exam.md"})
    items.append({text.escaped(catalog.t("nav.review")): "review.md"})
    items.append({text.escaped(catalog.t("nav.mistakes")): "mistakes.md"})
    items.append({text.escaped(catalog.t("nav.your_progress")): "progress.md"})
    items.append({text.escaped(catalog.t("nav.glossary")): "glossary.md"})
    return items

# ---- rows ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TopicRow:
    """A topic as listed on its domain's overview and on the Progress page."""

    id: str
    title: str
    summary: str
    link: str
    questions: int


def topic_rows(site: Site, content: DomainContent, page_path: str) -> list[TopicRow]:
    """The topics of a domain with links from ``page_path`` and question counts."""
    return [
        TopicRow(
            t.id,
            t.title,
            t.summary,
            link(page_path, site.topic_pages[t.id]),
            site.questions_testing(t.id),
        )
        for t in content.topics
    ]
