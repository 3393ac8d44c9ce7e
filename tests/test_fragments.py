"""Fragments: HTML blocks that skip MkDocs' Markdown pass reach the page whole, and search
indexes the same of them as when it parses them whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from generator.content.load import load_bank
from generator.plugin import fragments
from generator.site.layout import build_site
from generator.site.render import render_pages
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_pages(build_site(load_bank(ROOT / "data")))


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


def test_built_pages_hold_whole_blocks_and_no_marker(built_site: Path) -> None:
    page = (built_site / "domain-4" / "deployment-options" / "index.html").read_text("utf-8")
    assert "ss:fragment" not in page and "data-ss-fragment" not in page
    assert page.count('class="ss-options"') == page.count('class="ss-question"') > 0
    assert 'class="ss-answer-key' in page


def test_question_headings_stay_out_of_the_table_of_contents(built_site: Path) -> None:
    """Each stem has a heading for search; the page's table of contents lists sections only."""
    from bs4 import BeautifulSoup

    page = built_site / "domain-4" / "deployment-options" / "index.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    headings = soup.select("article .ss-question__number")
    assert len(headings) > 3 and all(h.get("id") for h in headings)
    toc = soup.select_one('nav.md-nav--secondary[aria-label="Table of contents"]')
    assert toc is not None
    listed = [a.get_text(strip=True) for a in toc.select("a")]
    assert "Self-check" in listed and not [t for t in listed if t.startswith("Question")], listed
    # No permalink either: hidden, its title would still cost a Material tooltip each.
    assert not soup.select("article .ss-question__number .headerlink")


def broken_links(site: Path) -> list[str]:
    """Relative links of every page's content that lead to no file of ``site``."""
    from bs4 import BeautifulSoup

    broken = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for a in soup.select("article a[href]"):
            href = str(a["href"]).split("#")[0].split("?")[0]
            # Absolute paths: the 404 page links the site root, wherever it is served from.
            if not href or "://" in href or href.startswith(("/", "mailto:", "javascript:")):
                continue
            target = (page.parent / href).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{page.relative_to(site)}: {a['href']}")
    return broken


def test_every_link_in_the_pages_leads_to_a_page(built_site: Path) -> None:
    """The quizzes' review links are resolved by the generator, not by MkDocs: check them all."""
    assert broken_links(built_site) == []
    page = (built_site / "domain-4" / "questions" / "index.html").read_text("utf-8")
    assert 'Review: <a href="../deployment-options/">' in page
