"""Shape the validated bank into what templates show: pages, letters, links, outlines.

Templates hold layout only; everything computed lives here, as plain data with tests.
"""

from __future__ import annotations

import datetime
import functools
import json
import os
import posixpath
import re
from collections import Counter, deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

import yaml
from markdown.extensions.toc import slugify  # MkDocs heading ids
from mkdocs.structure.files import File

from generator.site import text
from generator.content.model import (
    DIFFICULTIES,
    NO_EXPLANATION,
    Bank,
    Callout,
    CalloutKind,
    DomainContent,
    Exam,
    Link,
    Outcome,
    Question,
    Successor,
    Table,
    Topic,
    Tree,
)

ADMONITIONS: dict[CalloutKind, tuple[str, str]] = {
    "exam-tip": ("tip", "Exam tip"),
    "exam-concept": ("info", "Exam concept"),
    "exam-pattern": ("example", "Exam pattern"),
    "exam-weight": ("note", "Exam weight"),
    "decision-shortcut": ("question", "Decision shortcut"),
    "warning": ("warning", "Watch out"),
}

# Ends the id of the heading that starts each question's stem (see QuestionView.stem_anchor).
STEM_SUFFIX = "-stem"

NUMBER_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}


def letter(index: int) -> str:
    """Letter of the ``index``-th option: 0 -> A, 25 -> Z, 26 -> AA."""
    text = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        text = chr(ord("A") + rest) + text
    return text


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


def md_cell(value: str) -> str:
    """A text field as one cell of a Markdown pipe table: inline HTML, its pipes escaped."""
    return str(text.table_cell(value))


def meta_value(value: str) -> str:
    """A title as a front matter value: escaped plain text, written by a YAML dumper.

    Material puts ``page.meta.title`` into ``<title>`` and the header as it is, so the value
    is HTML already (``<T>`` is written ``&lt;T&gt;``); YAML quoting keeps ``: `` and ``#``.
    """
    dumped = yaml.safe_dump(text.escaped(value), width=1 << 30)
    return dumped.removesuffix("\n...\n").strip()


def admonition(callout: Callout) -> tuple[str, str]:
    """Material admonition type and title for a callout."""
    kind, default_title = ADMONITIONS[callout.kind]
    return kind, callout.title or default_title


def choose_label(choose: int) -> str:
    """What the learner is told to do: 'Choose one.' or 'Choose two.'."""
    return f"Choose {NUMBER_WORDS.get(choose, str(choose))}."


def row_anchor(table_id: str, item_id: str) -> str:
    """Id of a comparison table row, the target of links from tree outcomes."""
    return f"{table_id}--{item_id}"


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
    _by_topic: dict[str, list[Question]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

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
    """The pages of one domain in reading order."""
    slug = content.slug
    number = content.domain.number
    pages = [
        Page(f"{slug}/index.md", f"Domain {number}: {content.domain.title}", "domain", content)
    ]
    pages += [Page(f"{slug}/{t.id}.md", t.title, "topic", content, t) for t in content.topics]
    pages += [
        Page(f"{slug}/questions.md", f"Domain {number} practice questions", "questions", content),
        Page(f"{slug}/takeaways.md", f"Domain {number} key takeaways", "takeaways", content),
        Page(f"{slug}/study-sheet.md", f"Domain {number} study sheet", "study-sheet", content),
    ]
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


# ---- questions ----------------------------------------------------------------------


@dataclass(frozen=True)
class OptionView:
    """An option as shown: letter in authored order, text, and its explanation."""

    index: int
    letter: str
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class QuestionView:
    """A question as shown on a page, numbered within that page."""

    number: int
    question: Question
    options: list[OptionView]
    answer: str
    choose_label: str
    topics: list[tuple[str, str]]
    indexed: bool = False
    """Whether search indexes the stem here: only on the page of its main (first) topic."""

    @property
    def anchor(self) -> str:
        """Id of the question on its page."""
        return f"q-{self.question.id}"

    @property
    def stem_anchor(self) -> str:
        """Id of the heading that starts the question's stem: where a search hit lands."""
        return f"q-{self.question.id}{STEM_SUFFIX}"


def question_views(site: Site, questions: list[Question], page_path: str) -> list[QuestionView]:
    """Number a page's questions and resolve their letters and topic links."""
    views = []
    for number, question in enumerate(questions, start=1):
        options = [
            OptionView(i, letter(i), o.text, o.correct, o.why or NO_EXPLANATION)
            for i, o in enumerate(question.options)
        ]
        topics = [
            (site.topic_titles[t], page_url(page_path, site.topic_pages[t], site.directory_urls))
            for t in question.topics
            if t in site.topic_pages
        ]
        views.append(
            QuestionView(
                number=number,
                question=question,
                options=options,
                answer=", ".join(o.letter for o in options if o.correct),
                choose_label=choose_label(question.choose),
                topics=topics,
                indexed=site.topic_pages.get(question.topics[0]) == page_path,
            )
        )
    return views


@dataclass(frozen=True)
class QuizFilters:
    """What a long quiz's filters offer: its questions' topics and difficulties."""

    count: int
    """How many questions the quiz holds."""
    topics: list[tuple[str, str]]
    """(id, title) of each topic the questions review, in order of first use."""
    levels: list[str]
    """The difficulties the questions have, easiest first."""


def quiz_filters(site: Site, views: list[QuestionView]) -> QuizFilters:
    """The filters of a quiz of ``views``: a choice is offered only where there are two."""
    topics: dict[str, str] = {}
    for view in views:
        for topic in view.question.topics:
            if topic in site.topic_pages:
                topics.setdefault(topic, site.topic_titles[topic])
    used = {view.question.difficulty for view in views}
    levels: list[str] = [d for d in DIFFICULTIES if d in used]
    return QuizFilters(
        count=len(views),
        topics=list(topics.items()) if len(topics) > 1 else [],
        levels=levels if len(levels) > 1 else [],
    )


# ---- tables -------------------------------------------------------------------------


@dataclass(frozen=True)
class TableView:
    """A comparison table as Markdown-ready header and rows."""

    table: Table
    header: list[str]
    rows: list[tuple[str, list[str]]]
    columns: str

    @property
    def anchor(self) -> str:
        """Id of the table's heading."""
        return f"table-{self.table.id}"


def _cell(kind: str, value: object, unit: str | None) -> str:
    if kind == "yesno":
        if value:
            return '<span class="ss-yes">:material-check: Yes</span>'
        return '<span class="ss-no">:material-close: No</span>'
    if kind == "number":
        number = f"{value:g}" if isinstance(value, float) else str(value)
        return f"{number} {md_cell(unit)}" if unit else number
    return md_cell(str(value))


def table_view(site: Site, table: Table, page_path: str) -> TableView:
    """Header, rows (with row anchor and topic link in the first cell) and column kinds."""
    header = [md_cell(table.item_label)]
    header += [
        md_cell(f"{a.name} ({a.unit})" if a.unit and a.kind != "number" else a.name)
        for a in table.attributes
    ]
    rows = []
    for item in table.items:
        anchor = row_anchor(table.id, item.id)
        name = md_cell(item.name)
        if (
            item.topic
            and item.topic in site.topic_pages
            and site.topic_pages[item.topic] != page_path
        ):
            name = f"[{name}]({link(page_path, site.topic_pages[item.topic])})"
        first = f'<span class="ss-row-anchor" id="{anchor}"></span>{name}'
        cells = [_cell(a.kind, item.cells.get(a.id, ""), a.unit) for a in table.attributes]
        rows.append((anchor, [first, *cells]))
    columns = json.dumps(
        [{"kind": "text", "sortable": True}]
        + [{"kind": a.kind, "sortable": a.is_sortable} for a in table.attributes],
        separators=(",", ":"),
    )
    return TableView(table, header, rows, columns)


# ---- trees --------------------------------------------------------------------------


@dataclass(frozen=True)
class OutlineEntry:
    """One entry of a tree's static outline: a question, a choice, an outcome or a "go to".

    A "go to" entry stands for a question written out elsewhere in the outline; its ``ref``
    is that question's id and ``anchor`` the id of its entry.
    """

    kind: Literal["question", "choice", "outcome", "goto"]
    text: str
    ref: str
    why: str = ""
    links: tuple[tuple[str, str], ...] = ()
    children: tuple[OutlineEntry, ...] = ()
    anchor: str = ""


MAX_NESTED_QUESTIONS = 6
"""Deepest a question nests under the choices above it before it gets its own entry."""


def outline_anchor(tree: Tree, node_id: str) -> str:
    """Id of a question's entry in the outline, the target of "go to" links."""
    return f"tree-{tree.id}--{node_id}"


def outcome_links(
    site: Site, tree: Tree, outcome_id: str, page_path: str
) -> tuple[tuple[str, str], ...]:
    """Links of an outcome: its topic, and its row in a comparison table when it has one."""
    return _links_of(site, next(o for o in tree.outcomes if o.id == outcome_id), page_path)


def _links_of(site: Site, outcome: Outcome, page_path: str) -> tuple[tuple[str, str], ...]:
    title = site.topic_titles.get(outcome.topic, outcome.topic)
    topic_page = site.topic_pages.get(outcome.topic, page_path)
    section = outcome_section(site, outcome.topic, outcome.answer)
    links = []
    if section:
        links.append((f"Read: {section[0]}", link(page_path, topic_page, section[1])))
    elif topic_page != page_path:
        # A link to the top of the page the tree is on would only lose the reader's place.
        links.append((f"Read: {title}", link(page_path, topic_page)))
    if outcome.row and outcome.row.table in site.table_pages:
        table = site.tables[outcome.row.table]
        anchor = row_anchor(outcome.row.table, outcome.row.item)
        links.append(
            (f"Compare: {table.title}", link(page_path, site.table_pages[table.id], anchor))
        )
    return tuple(links)


def _words(title: str) -> set[str]:
    """Significant words of a title, lower case, plural "s" dropped: for matching titles."""
    words = re.findall(r"[a-z0-9][a-z0-9-]*", title.casefold())
    return {w.removesuffix("s") for w in words if len(w) > 2 and w not in _MINOR_WORDS}


_MINOR_WORDS = {"the", "and", "for", "with", "plus", "start"}


def outcome_section(site: Site, topic_id: str, answer: str) -> tuple[str, str] | None:
    """The heading of ``topic_id`` that explains an outcome, as (heading, anchor), or None.

    A heading explains the outcome when every significant word of one is in the other
    ("Real-time endpoints" for "Real-time endpoint"); anchors are MkDocs' own heading ids.
    """
    topic = site.topics.get(topic_id)
    wanted = _words(answer)
    if topic is None or not wanted:
        return None
    for block in topic.blocks:
        heading = getattr(block, "heading", None)
        if heading:
            have = _words(heading)
            if have and (have <= wanted or wanted <= have):
                return heading, slugify(heading, "-")
    return None


def tree_outline(site: Site, tree: Tree, page_path: str) -> tuple[OutlineEntry, ...]:
    """The whole tree as nested entries, each question written out once.

    A question that several choices lead to (or one nested too deep) gets an entry of its
    own at the top level; the choices lead to it with a "go to" entry. So the outline grows
    with the nodes and choices, never with the number of paths. The start comes first.
    """
    nodes = {n.id: n for n in tree.nodes}
    outcomes = {o.id: o for o in tree.outcomes}
    parents = Counter(c.next for n in tree.nodes for c in n.choices if c.next in nodes)
    links = {o.id: _links_of(site, o, page_path) for o in tree.outcomes}
    placed: set[str] = set()
    pending = deque([tree.start])  # questions that get a top-level entry, in order
    queued = {tree.start}

    def entry(node_id: str, depth: int) -> OutlineEntry:
        node = nodes[node_id]
        placed.add(node_id)
        choices = []
        for i, choice in enumerate(node.choices):
            target = choice.next
            if target in outcomes:
                outcome = outcomes[target]
                child = OutlineEntry(
                    "outcome", outcome.answer, outcome.id, outcome.why, links[target]
                )
            elif target not in nodes:
                continue
            elif target in placed or parents[target] > 1 or depth >= MAX_NESTED_QUESTIONS:
                if target not in queued:
                    pending.append(target)
                    queued.add(target)
                child = OutlineEntry(
                    "goto", nodes[target].question, target, anchor=outline_anchor(tree, target)
                )
            else:
                child = entry(target, depth + 1)
            choices.append(
                OutlineEntry("choice", choice.label, f"{node_id}:{i}", children=(child,))
            )
        return OutlineEntry(
            "question",
            node.question,
            node_id,
            node.help or "",
            children=tuple(choices),
            anchor=outline_anchor(tree, node_id),
        )

    top: list[OutlineEntry] = []
    while pending:
        node_id = pending.popleft()
        if node_id in nodes and node_id not in placed:
            top.append(entry(node_id, 1))
    return tuple(top)


def tree_data(tree: Tree) -> str:
    """The tree's structure as JSON for the widget (links come from the outline)."""
    data = {
        "id": tree.id,
        "start": tree.start,
        "nodes": {
            n.id: {
                "question": n.question,
                "help": n.help or "",
                "choices": [[c.label, c.next] for c in n.choices],
            }
            for n in tree.nodes
        },
        "outcomes": {o.id: {"answer": o.answer, "why": o.why} for o in tree.outcomes},
    }
    # "</" would end the script element early.
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")


# ---- overview rows ------------------------------------------------------------------


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
    if len(numbers) == 1:
        return f"domain {numbers[0]}"
    return f"domains {', '.join(numbers[:-1])} and {numbers[-1]}"


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


#: Set (to anything but "" or "0") by the Pages workflow, which prints the study sheets to PDF
#: into ``site/downloads/`` (``python -m generator pdf``) after building the site.
PDF_DOWNLOADS_ENV = "STUDYSITE_PDF_DOWNLOADS"
PDF_DOWNLOADS_FOLDER = "downloads"


def study_sheet_pdf(slug: str, environ: Mapping[str, str] | None = None) -> str | None:
    """Link from a study sheet to its PDF, or None where no PDF is published beside the site.

    A local build and the offline copy have no PDF, so they get no link (``--strict`` stays
    quiet and nothing points at a missing file). The sheet lives at ``<slug>/study-sheet/``.
    """
    value = (os.environ if environ is None else environ).get(PDF_DOWNLOADS_ENV, "")
    if value in ("", "0"):
        return None
    return f"../../{PDF_DOWNLOADS_FOLDER}/{slug}-study-sheet.pdf"


def blueprint_weight(site: Site, number: int) -> int:
    """Weight in percent of domain ``number`` in the blueprint."""
    return next((d.weight for d in site.bank.exam.domains if d.number == number), 0)


# ---- exam status --------------------------------------------------------------------


@dataclass(frozen=True)
class StatusNotice:
    """What a learner must know about the exam's status, shown on every overview page."""

    kind: str
    title: str
    text: str
    successors: list[Successor]
    source: Link | None


def long_date(day: datetime.date) -> str:
    """A date as people write it: '31 March 2026'."""
    return f"{day.day} {day:%B %Y}"


def status_notice(exam: Exam) -> StatusNotice | None:
    """The retirement notice of ``exam``, or None while it is current."""
    if exam.status == "current" or exam.retired_on is None:
        return None
    day = long_date(exam.retired_on)
    if exam.status == "retired":
        title = f"{exam.code} was retired on {day}"
        text = (
            f"{day} was the last day to sit the {exam.title} exam; it can no longer be "
            "booked. What this site teaches is still what that exam tested, with notes "
            "where the services have changed since."
        )
    else:
        title = f"{exam.code} retires on {day}"
        text = (
            f"{day} is the last day to sit the {exam.title} exam. Book it before then, "
            "or plan for a current exam."
        )
    if exam.successors:
        many = len(exam.successors) > 1
        these = "These current exams test" if many else "This current exam tests"
        text += f" {these} much of the same material:"
    kind = "danger" if exam.status == "retired" else "warning"
    return StatusNotice(kind, title, text, list(exam.successors), exam.status_source)


def weight_line(site: Site, number: int) -> str:
    """The weight of domain ``number`` once, with the questions it stands for."""
    exam = site.bank.exam
    weight = blueprint_weight(site, number)
    total = exam.questions
    if exam.scored_questions is None:
        return (
            f"{weight}% of the score, about {round(total * weight / 100)} of the {total} questions"
        )
    scored = exam.scored_questions
    return (
        f"{weight}% of the score, about {round(scored * weight / 100)} of the {scored} "
        f"scored questions ({round(total * weight / 100)} questions of all {total}, "
        "counting the unscored ones)"
    )
