"""Fragments: the HTML blocks of a page that MkDocs' Markdown pass has nothing to do in.

A quiz, an answer key and the study sheet's questions are HTML the generator has already
rendered and cleaned (:mod:`generator.site.text`), with abbreviations marked
(:mod:`generator.site.abbreviations`) and links resolved
(:func:`generator.site.layout.page_url`). Run through Python-Markdown they cost most of a
large site's build: MkDocs' anchor scan and ``md_in_html`` each parse all of it with
``HTMLParser``, to give back the same HTML.

Material's search then parses each page's HTML again, to index it. Most of a block is marked
``data-search-exclude`` (options, answers, answer keys), which search skips but still parses.

Templates wrap such a block in the marks of :mod:`generator.site.fragment_marks`. For the plugin,
:func:`split` cuts each block out of the page's Markdown, leaving a one-line placeholder that
Markdown passes through; :func:`for_search` puts back what search indexes of each block
(:func:`searchable`), and :func:`join` the whole blocks once search is done. For files
written into ``docs/`` (other builders), :func:`strip` only removes the mark lines, so the
blocks stay in the Markdown as raw HTML.

MkDocs and Material details relied on (MkDocs 1.6, Material 9.7): Python-Markdown passes a
placeholder line (a ``<div>``) through as it is; Material's search plugin indexes
``page.content`` in ``on_page_context``, after ``on_page_content`` and before
``on_post_page``, and skips ``data-search-exclude`` elements; MkDocs checks links to anchors
against ``page.present_anchor_ids``. If search indexed pages later (from the output of
``on_post_page``), the whole blocks would be indexed, answers included; if it indexed them
earlier, the questions would not be found; if the anchors moved, ``--strict`` builds would
warn about every link to a question.
"""

from __future__ import annotations

import re

from generator.site.fragment_marks import CLOSE, OPEN, strip

__all__ = ["CLOSE", "OPEN", "anchor_ids", "for_search", "join", "split", "strip"]

_BLOCK = re.compile(rf"^{re.escape(OPEN)}\n(.*?)\n{re.escape(CLOSE)}$", re.MULTILINE | re.DOTALL)
_PLACEHOLDER = re.compile(r'<div data-ss-fragment="(\d+)"></div>')
_ID = re.compile(r'\sid="([^"]+)"')


def placeholder(index: int) -> str:
    """The line that stands for the ``index``-th block of a page while Markdown runs."""
    return f'<div data-ss-fragment="{index}"></div>'


def split(markdown: str) -> tuple[str, list[str]]:
    """``markdown`` with each marked block replaced by a placeholder, and the blocks."""
    blocks: list[str] = []

    def cut(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return placeholder(len(blocks) - 1)

    return _BLOCK.sub(cut, markdown), blocks


# The parts of a block that search never indexes (each is data-search-exclude, and none holds
# another element of its own tag: text inside is escaped by generator.site.text).
_UNSEARCHED = re.compile(
    r'<(ol) class="ss-options.*?</ol>|<(details) class="ss-answer".*?</details>'
    r'|<(section) class="ss-answer-key.*?</section>|<(ol) class="ss-items".*?</ol>'
    r'|<(div) class="ss-match".*?</div>|<(p) class="ss-typed".*?</p>',
    re.DOTALL,
)
_STAND_IN = re.compile(r"<!--ss:fragment (\d+)-->.*?<!--/ss:fragment \1-->", re.DOTALL)


def searchable(block: str) -> str:
    """``block`` without the parts search skips: what search makes of it is the same."""
    return _UNSEARCHED.sub("", block)


def for_search(html: str, blocks: list[str]) -> str:
    """The page's ``html`` with each placeholder replaced by what search indexes of its block.

    Each stand-in is wrapped in comments for :func:`join` to find after indexing.
    """
    if not blocks:
        return html

    def stand_in(match: re.Match[str]) -> str:
        index = match.group(1)
        return (
            f"<!--ss:fragment {index}-->{searchable(blocks[int(index)])}<!--/ss:fragment {index}-->"
        )

    return _PLACEHOLDER.sub(stand_in, html)


def join(html: str, blocks: list[str]) -> str:
    """``html`` with each placeholder, or stand-in of :func:`for_search`, replaced by its block."""
    if not blocks:
        return html
    html = _STAND_IN.sub(lambda m: blocks[int(m.group(1))], html)
    return _PLACEHOLDER.sub(lambda m: blocks[int(m.group(1))], html)


def anchor_ids(blocks: list[str]) -> set[str]:
    """Every ``id`` the blocks hold, for MkDocs' check of links to anchors."""
    return {match for block in blocks for match in _ID.findall(block)}
