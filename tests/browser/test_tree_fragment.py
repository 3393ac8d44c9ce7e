"""Issue 34: a tree's path in the address is bounded by the tree.

An address of 200,000 steps (2.4 MB) used to be decoded, split and matched in full before
the page's trees mounted. tree.js now reads no fragment over 16 KB, and no more steps than
its tree has questions (a path never asks one twice).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.browser

PAGE = "domain-4/deployment-options/"
TREE = "choose-deployment"
READY = f"[data-ss-tree='{TREE}'][data-ss-ready]"

# Every split of a text at "," that the page makes, with its limit and what came out.
_WATCH_SPLITS = """(() => {
  const split = String.prototype.split;
  window.__splits = [];
  String.prototype.split = function (separator, limit) {
    const parts = split.call(this, separator, limit);
    if (separator === ",") window.__splits.push(parts.length);
    return parts;
  };
})();"""


def _tree(built_site: Path) -> dict[str, Any]:
    html = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    element = BeautifulSoup(html, "html.parser").select_one(f"[data-ss-tree='{TREE}']")
    assert element is not None
    return dict(json.loads(str(element["data-ss-tree-data"])))


def _first_path(tree: dict[str, Any]) -> list[str]:
    """Steps that always take the first choice, from the start to an outcome."""
    steps, node = [], tree["start"]
    while node in tree["nodes"]:
        steps.append(f"{node}:0")
        node = tree["nodes"][node]["choices"][0][1]
    return steps


def test_a_fragment_over_16_kb_is_not_read(page: Any, site_url: str, built_site: Path) -> None:
    path = _first_path(_tree(built_site))
    # A fair fragment first: its steps are taken (so the test means something).
    page.goto(f"{site_url}{PAGE}#tree-{TREE}={','.join(path)}")
    page.wait_for_selector(READY)
    assert page.locator(".ss-tree__crumb").count() == len(path)
    # The same path followed by 160,000 more steps: not read at all, the tree starts over.
    huge = ",".join(path + [path[0]] * 160_000)
    page.goto(f"{site_url}{PAGE}#tree-{TREE}={huge}")
    page.wait_for_selector(READY)
    assert page.locator(".ss-tree__crumb").count() == 0
    assert page.locator(".ss-tree__option").count() > 0  # the first question, ready


def test_no_more_steps_are_read_than_the_tree_has_questions(
    context: Any, site_url: str, built_site: Path
) -> None:
    tree = _tree(built_site)
    questions = len(tree["nodes"])
    path = _first_path(tree)
    context.add_init_script(_WATCH_SPLITS)
    page = context.new_page()
    # Under 16 KB: the path, then a thousand more steps that repeat its first.
    fragment = ",".join(path + [path[0]] * 1_000)
    assert len(fragment) < 16_000
    page.goto(f"{site_url}{PAGE}#tree-{TREE}={fragment}")
    page.wait_for_selector(READY)
    assert page.locator(".ss-tree__crumb").count() == len(path)
    splits = page.evaluate("window.__splits")
    assert splits, "tree.js split the path"
    assert max(splits) <= questions, f"read {max(splits)} steps of a tree of {questions}"
