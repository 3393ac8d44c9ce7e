"""The decision tree's view: the static outline, the links of its outcomes, and its data.

The outline is what a reader without JavaScript, and paper, get: every question written out
once (:func:`generator.content.trees.unroll`); the widget reads :func:`tree_data`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

from markdown.extensions.toc import slugify  # MkDocs heading ids

from generator.content import trees
from generator.content.model import Outcome, Tree
from generator.site.layout import Site, link
from generator.site.widgets.progress import LINE_BREAKS
from generator.site.widgets.table import row_anchor

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
    t = site.catalog.t
    if section:
        links.append((t("tree.read", title=section[0]), link(page_path, topic_page, section[1])))
    elif topic_page != page_path:
        # A link to the top of the page the tree is on would only lose the reader's place.
        links.append((t("tree.read", title=title), link(page_path, topic_page)))
    if outcome.row and outcome.row.table in site.table_pages:
        table = site.tables[outcome.row.table]
        anchor = row_anchor(outcome.row.table, outcome.row.item)
        where = link(page_path, site.table_pages[table.id], anchor)
        links.append((t("tree.compare", title=table.title), where))
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
    parents = trees.parents(tree)
    links = {o.id: _links_of(site, o, page_path) for o in tree.outcomes}

    def nested(node_id: str, depth: int) -> bool:
        return parents[node_id] <= 1 and depth < MAX_NESTED_QUESTIONS

    def entry(step: trees.Step) -> OutlineEntry:
        node = nodes[step.ref]
        choices = []
        for i, reached in enumerate(step.children):
            target = reached.ref
            if reached.kind == "outcome":
                outcome = outcomes[target]
                child = OutlineEntry(
                    "outcome", outcome.answer, outcome.id, outcome.why, links[target]
                )
            elif reached.kind == "unknown":
                continue
            elif reached.kind == "goto":
                child = OutlineEntry(
                    "goto", nodes[target].question, target, anchor=outline_anchor(tree, target)
                )
            else:
                child = entry(reached)
            choices.append(
                OutlineEntry("choice", reached.label, f"{step.ref}:{i}", children=(child,))
            )
        return OutlineEntry(
            "question",
            node.question,
            step.ref,
            node.help or "",
            children=tuple(choices),
            anchor=outline_anchor(tree, step.ref),
        )

    return tuple(entry(root) for root in trees.unroll(tree, expand=nested, separate=True))


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
    # "</" would end the script element early; line breaks other than "\n" stay escaped.
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")
    for char in LINE_BREAKS:
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
