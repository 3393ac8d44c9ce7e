"""Fragments in the built site: whole blocks, no marker, question headings out of the table of
contents, and every link leading to a page.
"""

from __future__ import annotations

import re
from pathlib import Path


def test_built_pages_hold_whole_blocks_and_no_marker(built_site: Path) -> None:
    page = (built_site / "domain-4" / "deployment-options" / "index.html").read_text("utf-8")
    assert "ss:fragment" not in page and "data-ss-fragment" not in page
    # Every multiple-choice question has its options (the other types have their own markup).
    choice = len(re.findall(r'class="ss-question"(?:(?!data-ss-type=)[^>])*data-ss-choose=', page))
    assert page.count('class="ss-options"') == choice > 0
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


def test_every_link_in_the_pages_leads_to_a_page(built_site: Path) -> None:
    """The quizzes' review links are resolved by the generator, not by MkDocs: check them all."""
    assert broken_links(built_site) == []
    page = (built_site / "domain-4" / "questions" / "index.html").read_text("utf-8")
    assert 'Review: <a href="../deployment-options/">' in page


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
