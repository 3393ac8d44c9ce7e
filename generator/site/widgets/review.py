"""Review data: the Review page's question index, and each domain's questions as quiz markup.

The Review page (issue 30) shows the questions due now one at a time, each exactly as a topic
page's quiz shows it: its markup is made here by the topic pages' own template macro
(``_quiz.html.j2``), and the page's script puts it in a quiz and mounts it with the same
mount the topic pages use (quiz.js, and the module of the question's type). So every question
type the quiz knows works in review with nothing more here or in the page's script.

The page carries only the index (:func:`review_index`: id, hash, domain and topics of each
question, a few dozen bytes a question). The markup is in one classic script a domain,
``review-data/<domain slug>.js`` (``StudySite.reviewData(<number>, {...})``: it loads from
``file://`` too, where ``fetch()`` does not), which the page's script adds when the first
question of that domain is due::

    {"v": 1, "q": {"<question id>": "<section class=\\"ss-question\\" ...>...</section>"}}

Why not the practice exam's data scripts: they hold the author's text for exam.js, which lays
out each type itself; the review must lay out no type, and the exam keeps its smaller files.
The markup is the macro's, cleaned as every page's (:mod:`generator.site.text`); its topic
links are relative to the Review page, the only page that loads it.
"""

from __future__ import annotations

import hashlib
import json
import re

import jinja2

from generator.assets.bundle import modules_of
from generator.content.model import DomainContent
from generator.site.layout import Site, page_url
from generator.site.widgets.progress import html_json
from generator.site.widgets.quiz import question_views

DATA_FOLDER = "review-data"
DATA_VERSION = 1
PAGE = "review.md"
"""Where the Review page goes, under docs/."""

# One question of a rendered quiz: sections do not nest.
_SECTION = re.compile(r'<section class="ss-question"[^>]*>.*?</section>', re.DOTALL)
_QUESTION_ID = re.compile(r'\sdata-ss-question="([^"]*)"')


def script_path(content: DomainContent) -> str:
    """Where the review data script of a domain goes, under docs/."""
    return f"{DATA_FOLDER}/{content.slug}.js"


def domain_markup(site: Site, env: jinja2.Environment, content: DomainContent) -> dict[str, str]:
    """Each question of ``content`` as the topic pages' quiz shows it: id -> its section."""
    views = question_views(site, content.questions, PAGE)
    macro = env.get_template("_quiz.html.j2").module.quiz  # type: ignore[attr-defined]
    rendered = str(macro(views, "review", heading="h3"))
    found: dict[str, str] = {}
    for section in _SECTION.findall(rendered):
        match = _QUESTION_ID.search(section)
        if match:
            found[match.group(1)] = section
    return found


def domain_script(content: DomainContent, markup: dict[str, str]) -> str:
    """The classic script that hands a domain's question markup to the Review page."""
    data = json.dumps({"v": DATA_VERSION, "q": markup}, ensure_ascii=False, separators=(",", ":"))
    # As the exam's data scripts: a string for JSON.parse, only \\ and ' escaped.
    quoted = data.replace("\\", "\\\\").replace("'", "\\'")
    return f"StudySite.reviewData({content.domain.number},JSON.parse('{quoted}'));\n"


def make_review_data(site: Site, env: jinja2.Environment) -> dict[str, str]:
    """Every domain's review data script (path under docs/ -> text), made once per site.

    :func:`generator.site.render.render_pages` makes them with its environment before the
    pages (the Review page names their versions); the pipeline writes them. Also finds the
    question types' modules the markup needs (:attr:`Site.review_marks`): the Review page
    holds their marks, so that it loads them.
    """
    if site.review_scripts is None:
        scripts: dict[str, str] = {}
        needed: dict[str, None] = {}
        for content in site.bank.domains:
            if not content.questions:
                continue
            markup = domain_markup(site, env, content)
            scripts[script_path(content)] = domain_script(content, markup)
            for module in modules_of("\n".join(markup.values())):
                if module.kind == "question":
                    needed.update(dict.fromkeys(module.marks))
        site.review_scripts = scripts
        site.review_marks = tuple(needed)
    return site.review_scripts


def review_data_files(site: Site) -> dict[str, str]:
    """The review data scripts: those made while the pages were rendered, or made now."""
    if site.review_scripts is None:
        from generator.site.render import environment  # noqa: PLC0415 (render imports this)

        env = environment()
        env.globals["catalog"] = site.catalog
        return make_review_data(site, env)
    return site.review_scripts


def version(text: str) -> str:
    """A short hash of a data script, appended to its URL so a browser never keeps a stale one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def review_index(site: Site) -> dict[str, object]:
    """What the Review page's script reads: the questions, the topics and the data scripts.

    ``q``: every question as ``[id, hash, domain number, [topic positions]]`` in bank order
    (the order new questions are offered in); ``topics``: ``[id, title, link]`` (the link
    relative to the Review page); ``domains``: ``{number: {"title", "script"}}`` (the data
    script's path under the site's root, with its version; the script finds the root as the
    practice exam does, from the core bundle's own URL).
    """
    files = review_data_files(site)
    topics: list[list[str]] = []
    position: dict[str, int] = {}
    for content in site.bank.domains:
        for topic in content.topics:
            position[topic.id] = len(topics)
            link = page_url(PAGE, site.topic_pages[topic.id], site.directory_urls)
            topics.append([topic.id, topic.title, link])
    domains: dict[str, dict[str, str]] = {}
    questions: list[list[object]] = []
    for content in site.bank.domains:
        path = script_path(content)
        if path not in files:
            continue
        domains[str(content.domain.number)] = {
            "title": content.domain.title,
            "script": f"{path}?v={version(files[path])}",
        }
        for q in content.questions:
            spots = [position[t] for t in q.topics if t in position]
            questions.append([q.id, q.content_hash, content.domain.number, spots])
    return {"v": DATA_VERSION, "topics": topics, "domains": domains, "q": questions}


def review_index_attribute(site: Site) -> str:
    """:func:`review_index` as compact JSON for an HTML attribute quoted with ``'``."""
    return html_json(review_index(site))
