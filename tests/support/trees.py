"""Decision trees as the browser tests walk them: where each is shown, and every path."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.content.model import Bank, Outcome, Tree
from generator.site.layout import Site


@dataclass(frozen=True)
class Path_:
    """A walk through a tree: (node, choice index) steps and the outcome it ends at."""

    steps: tuple[tuple[str, int], ...]
    outcome: Outcome

    @property
    def fragment(self) -> str:
        return ",".join(f"{node}:{i}" for node, i in self.steps)


def url_of(page_path: str) -> str:
    """Site URL (relative) of a generated page: domain-4/x.md -> domain-4/x/."""
    return re.sub(r"(index)?\.md$", "", page_path).removesuffix("/") + "/"


def tree_pages(bank: Bank, site: Site) -> dict[str, tuple[Tree, str]]:
    """Each tree and the URL of the topic page that shows it."""
    found: dict[str, tuple[Tree, str]] = {}
    for content in bank.domains:
        for topic in content.topics:
            for block in topic.blocks:
                tree_id = getattr(block, "tree", None)
                if tree_id and tree_id not in found:
                    found[tree_id] = (site.trees[tree_id], url_of(site.topic_pages[topic.id]))
    return found


def paths(tree: Tree) -> list[Path_]:
    """Every path from the start node to an outcome."""
    nodes = {n.id: n for n in tree.nodes}
    outcomes = {o.id: o for o in tree.outcomes}
    found: list[Path_] = []

    def walk(ref: str, steps: tuple[tuple[str, int], ...]) -> None:
        if ref in outcomes:
            found.append(Path_(steps, outcomes[ref]))
            return
        for i, choice in enumerate(nodes[ref].choices):
            walk(choice.next, (*steps, (ref, i)))

    walk(tree.start, ())
    return found


def outline_paths(tree: Tree) -> list[Path_]:
    """The paths the printed outline writes out: each question once, where the first path
    (depth first) reaches it; a later path to it ends in a "go to" line, not an outcome
    (generator.content.trees.unroll)."""
    nodes = {n.id: n for n in tree.nodes}
    outcomes = {o.id: o for o in tree.outcomes}
    placed: set[str] = set()
    found: list[Path_] = []

    def walk(ref: str, steps: tuple[tuple[str, int], ...]) -> None:
        if ref in outcomes:
            found.append(Path_(steps, outcomes[ref]))
            return
        if ref in placed:
            return
        placed.add(ref)
        for i, choice in enumerate(nodes[ref].choices):
            walk(choice.next, (*steps, (ref, i)))

    walk(tree.start, ())
    return found


def instant_navigation(page: Any, site_url: str, built_site: Path) -> None:
    """Let Material's instant navigation work on the local server.

    Material follows a link instantly only when its URL is in sitemap.xml, which names the
    hosted ``site_url``; serve the page a sitemap that names the local server instead.
    """
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    match = re.search(r"<loc>([^<]*)</loc>", sitemap)
    assert match, "sitemap.xml lists no page"
    local = sitemap.replace(match.group(1), site_url)
    page.route(
        "**/sitemap.xml",
        lambda route: route.fulfill(body=local, content_type="application/xml"),
    )
