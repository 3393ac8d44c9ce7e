"""Markup: what Python-Markdown makes of a text field of the data.

The one parser configuration behind every text field: non-prose fields get inline Markdown
only, prose gets paragraphs and lists and the small :data:`PROSE_HTML` allowlist of raw
HTML, and any other raw HTML is text. :mod:`generator.site.text` renders and cleans what
:func:`convert` makes; the checks ask here what a field's links are, and whether an address
or an abbreviation term can be used, without importing the site.
"""

from __future__ import annotations

import functools
import html
import re
from urllib.parse import urlsplit

import markdown

PROSE_HTML = frozenset(
    {"abbr", "b", "br", "code", "del", "em", "i", "kbd", "s", "strong", "sub", "sup"}
)
"""Raw HTML elements prose may use; any other tag in prose is shown as text."""


class _Restrict(markdown.extensions.Extension):
    """Raw HTML as text, except the ``allowed`` inline elements; inline fields get no blocks."""

    def __init__(self, allowed: frozenset[str], blocks: bool) -> None:
        super().__init__()
        self.allowed = allowed
        self.blocks = blocks

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Replace the raw-HTML handlers: no HTML blocks, only allowlisted inline tags."""
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        if not self.blocks:
            # "2. Use KMS" as an option is text, not a numbered list; "# 1" is not a heading.
            for name in (
                "indent",
                "code",
                "hashheader",
                "setextheader",
                "hr",
                "olist",
                "ulist",
                "quote",
                "reference",
            ):
                if name in md.parser.blockprocessors:
                    md.parser.blockprocessors.deregister(name)
        if self.allowed:
            names = "|".join(sorted(self.allowed))
            pattern = rf"(</?(?:{names})(?:\s[^<>]*)?/?>)"
            md.inlinePatterns.register(
                markdown.inlinepatterns.HtmlInlineProcessor(pattern, md), "html", 90
            )


@functools.cache
def _markdown(prose: bool) -> markdown.Markdown:
    # Only what Python-Markdown does by itself: no attr_list (it writes attributes from
    # text), no snippets (it reads files), no md_in_html.
    allowed = PROSE_HTML if prose else frozenset()
    return markdown.Markdown(
        extensions=["sane_lists", _Restrict(allowed, blocks=prose)], output_format="html"
    )


# Text in which Markdown finds no syntax converts to one paragraph of itself. Most fields of
# a bank are such text; the parser costs about a millisecond each (seconds at 1,000
# questions), so they skip it. tests/unit/test_text.py checks that both ways agree.
_SYNTAX = re.compile(r"[\\`*_\[\]<>&#]|^(?:\d+\.|[-+=])|^\s|\s$")


def convert(text: str, prose: bool) -> str:
    """``text`` as the HTML Python-Markdown makes of it; :mod:`generator.site.text` cleans it."""
    if text and text.isprintable() and not _SYNTAX.search(text):
        return f"<p>{text}</p>"
    return _parse(text, prose)


def _parse(text: str, prose: bool) -> str:
    md = _markdown(prose)
    try:
        return md.convert(text)
    finally:
        md.reset()


_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')


def link_targets(text: str) -> list[str]:
    """Every link target Markdown makes of ``text``, before cleaning (for the checks)."""
    if "[" not in text and "<" not in text:
        return []  # every Markdown link starts with one of these (links, autolinks, HTML)
    return [html.unescape(target) for target in _HREF.findall(convert(text, prose=True))]


_ABBREVIATION = re.compile(r"^[^\[\]\\\n]+$")


def abbreviation_ok(term: str) -> bool:
    """Whether ``term`` can be written as a Markdown abbreviation (``*[term]: ...``)."""
    return bool(_ABBREVIATION.match(term))


def url_problem(url: str) -> str:
    """Why ``url`` is not a usable web address (http or https with a host), or ''."""
    if any(ch.isspace() or ch in '<>"' for ch in url):
        return "expected a web address without spaces, quotes or angle brackets"
    try:
        parts = urlsplit(url)
    except ValueError as error:
        return f"expected a web address, found one that does not parse ({error})"
    if parts.scheme.lower() not in {"http", "https"}:
        return "expected an http:// or https:// address"
    if not parts.hostname:
        return "expected a web address with a host name"
    return ""
