"""Fragments: HTML blocks that skip MkDocs' Markdown pass reach the page whole, and search
indexes the same of them as when it parses them whole."""

from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from generator.plugin import fragments
from generator.site.layout import Site
from generator.site.render import render_pages


@pytest.fixture(scope="module")
def pages(bundled_site: Site) -> dict[str, str]:
    return render_pages(bundled_site)


def test_split_and_join_give_back_every_block(pages) -> None:
    topic = pages["domain-4/deployment-options.md"]
    markdown, blocks = fragments.split(topic)
    assert len(blocks) == 2  # the quiz and the answer key
    assert fragments.OPEN not in markdown and "ss-question" not in markdown
    assert markdown.count('<div data-ss-fragment="') == 2
    joined = fragments.join(markdown, blocks)
    assert joined == fragments.strip(topic)
    assert fragments.OPEN not in joined and fragments.CLOSE not in joined
    ids = fragments.anchor_ids(blocks)
    assert {"q-d4-batch-nightly-scoring", "q-d4-batch-nightly-scoring-stem"} <= ids


def _sections(html: str) -> list[tuple[str | None, str, str, bool]]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [
        (s.id, "".join(s.title).strip(), "".join(s.text).strip(), s.is_excluded())
        for s in parser.data
    ]


def test_search_makes_the_same_of_a_stand_in_as_of_the_whole_block(pages) -> None:
    """Material's own search parser: same sections, titles and texts, far less to parse."""
    checked = 0
    for path, text in pages.items():
        _, blocks = fragments.split(text)
        for block in blocks:
            whole = f"<h2 id='before'>Before</h2><p>x</p>{block}<p>after</p>"
            stand_in = (
                f"<h2 id='before'>Before</h2><p>x</p>{fragments.searchable(block)}<p>after</p>"
            )
            assert _sections(stand_in) == _sections(whole), path
            checked += 1
            if "ss-quiz" in block:
                assert len(fragments.searchable(block)) < len(block) / 2
    assert checked > 20


def test_stand_ins_are_replaced_after_indexing() -> None:
    blocks = ['<div class="ss-quiz"><ol class="ss-options" x><li>A</li></ol></div>']
    html = fragments.for_search(f"<p>a</p>{fragments.placeholder(0)}<p>b</p>", blocks)
    assert "ss-options" not in html and "<!--ss:fragment 0-->" in html
    assert fragments.join(html, blocks) == f"<p>a</p>{blocks[0]}<p>b</p>"
