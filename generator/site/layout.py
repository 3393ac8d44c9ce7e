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

from generator.content.model import (
    Bank,
    Callout,
    CalloutKind,
    DomainContent,
    Question,
    Table,
    Topic,
    Tree,
)
from generator.content.pages import domain_folder_pages
from generator.site import text

ADMONITIONS: dict[CalloutKind, tuple[str, str]] = {
    "exam-tip": ("tip", "Exam tip"),
    "exam-concept": ("info", "Exam concept"),
    "exam-pattern": ("example", "Exam pattern"),
    "exam-weight": ("note", "Exam weight"),
    "decision-shortcut": ("question", "Decision shortcut"),
    "warning": ("warning", "Watch out"),
}

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

def admonition(callout: Callout) -> tuple[str, str]:
    """Material admonition type and title for a callout."""
    kind, default_title = ADMONITIONS[callout.kind]
    return kind, callout.title or default_title

# ---- pages --------------------------------------------------------------------------

PageKind = Literal[
    "home",
    "glossary",
    "progress",
    "exam",
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
    downloads: dict[int, list[tuple[str, str, str]]] = field(default_factory=dict)
    """Per domain number: (title, what it is, path under docs/) of its files on the site."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``, for the links MkDocs does not rewrite (:func:`page_url`)."""
    pdf_downloads: bool = False
    """Whether each study sheet's PDF is published beside the site (the plugin's option)."""
    _by_topic: dict[str, list[Question]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    exam_scripts: dict[str, str] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    """The practice exam's data scripts, made once per site (:mod:`generator.site.widgets.exam`)."""

    def questions_for(self, topic_id: str) -> list[Question]:
        """Self-check questions of a topic: every question that lists it, in bank order."""
        if self._by_topic is None:
            # One pass over the bank, not one per topic: large banks stay linear.
            by_topic: dict[str, list[Question]] = {}
            for content in self.bank.domains:
                for question in content.questions:
                    for topic in dict.fromkeys(question.topics):
                        by_topic.setdefault(topic, []).append(question)
            self._by_topic = by_topic
        return list(self._by_topic.get(topic_id, ()))


def domain_pages(content: DomainContent) -> list[Page]:
    """The pages of one domain in reading order (:mod:`generator.content.pages` names them)."""
    slug = content.slug
    overview, after = domain_folder_pages(content)
    pages = [Page(f"{slug}/{overview.name}.md", overview.title, overview.kind, content)]
    pages += [Page(f"{slug}/{t.id}.md", t.title, "topic", content, t) for t in content.topics]
    pages += [Page(f"{slug}/{p.name}.md", p.title, p.kind, content) for p in after]
    return pages


def build_site(bank: Bank, *, directory_urls: bool = True) -> Site:
    """Lay out the pages of the site and the indexes templates use to link between them."""
    site = Site(bank=bank, directory_urls=directory_urls)
    site.pages.append(Page("index.md", bank.exam.title, "home"))
    for content in bank.domains:
        site.pages += domain_pages(content)
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
    site.pages.append(Page("exam.md", "Practice exam", "exam"))
    site.pages.append(Page("progress.md", "Your progress", "progress"))
    site.pages.append(Page("glossary.md", "Glossary", "glossary"))
    return site


def nav(site: Site) -> list[dict[str, object]]:
    """MkDocs ``nav`` for the generated pages, in reading order."""
    items: list[dict[str, object]] = [{"Home": "index.md"}]
    for content in site.bank.domains:
        children: list[dict[str, str]] = []
        for page in domain_pages(content):
            title = {
                "domain": "Overview",
                "questions": "Practice questions",
                "takeaways": "Key takeaways",
                "study-sheet": "Study sheet",
            }.get(page.kind, page.title)
            children.append({text.escaped(title): page.path})
        # MkDocs' theme prints navigation titles as they are: they must be HTML already.
        section = f"Domain {content.domain.number}: {content.domain.title}"
        items.append({text.escaped(section): children})
    items.append({"Practice exam": "exam.md"})
    items.append({"Your progress": "progress.md"})
    items.append({"Glossary": "glossary.md"})
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
            len(site.questions_for(t.id)),
        )
        for t in content.topics
    ]
