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


LINK_TAIL_MAX = 500
"""Longest ``(address "title")`` with quotes (or ``(`` that never closes, before quotes) that
is read as a link's address and title; longer is text."""


class _Pairs:
    """Where each opening bracket of a text closes, found once per text.

    Where an opening bracket closes depends only on the text after it, and a link that
    Python-Markdown has found before it is replaced in the text by a placeholder while the
    rest stays as it was: so the pairs of a text are reused for the texts made from it, while
    the part after the position asked about is unchanged (one comparison in C).
    """

    def __init__(self, opening: str, closing: str) -> None:
        self.pattern = re.compile(f"[{re.escape(opening)}{re.escape(closing)}]")
        self.opening = opening
        self.text: str | None = None
        self.ends: dict[int, int] = {}

    def end(self, data: str, index: int) -> int | None:
        """The index just past the bracket closing the one that ends at ``index``."""
        shift = 0
        if self.text is not data:
            # From the opening bracket on: its match depends on nothing before it.
            if self.text is not None and index > 0 and self.text.endswith(data[index - 1 :]):
                shift = len(self.text) - len(data)
            else:
                self.text, self.ends = data, self._pairs(data)
        end = self.ends.get(index + shift)
        return None if end is None else end - shift

    def _pairs(self, text: str) -> dict[int, int]:
        ends: dict[int, int] = {}
        opened: list[int] = []
        for m in self.pattern.finditer(text):
            if m.group() == self.opening:
                opened.append(m.end())
            elif opened:
                ends[opened.pop()] = m.end()
        return ends


class _LinearLinks:
    """Python-Markdown's link parts found in time linear in the text (issue 34).

    ``LinkInlineProcessor.getText`` finds the ``]`` closing a link's ``[``: Markdown 3.11
    computes the closing bracket of every index of the text in a Python loop, again for every
    link, because each link found replaces the text with a new string
    (``treeprocessors.InlineProcessor.__applyPattern``): ``"[]()" * 1000`` took 2.3 s, a 30 KB
    stem of links 5 s per parse. ``getLink`` read an unclosed ``(`` to the end of the text for
    every link (``"[a](" * n``). Here both use :class:`_Pairs`; ``getLink`` itself only runs on
    the link's own part (a part with quotes, whose title rules are its own: at most
    :data:`LINK_TAIL_MAX` characters).
    """

    def __init__(self, processor: markdown.inlinepatterns.LinkInlineProcessor) -> None:
        self.brackets = _Pairs("[", "]")
        self.parens = _Pairs("(", ")")
        self.original_get_link = processor.getLink

    def get_text(self, data: str, index: int) -> tuple[str, int, bool]:
        end = self.brackets.end(data, index)
        if end is None:
            return data[index:], len(data), False
        return data[index : end - 1], end, True

    def get_link(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        if not data.startswith("(", index):
            return "", None, index, False
        close = self.parens.end(data, index + 1)
        if close is not None and not any(q in data[index:close] for q in "\"'<"):
            return self.original_get_link(data[:close], index)
        if close is None and not any(q in data[index:] for q in "\"'"):
            return "", None, index, False  # as getLink finds it: no ")" and no title
        return self.original_get_link(data[: index + LINK_TAIL_MAX], index)


def _linear_links(md: markdown.Markdown) -> None:
    for pattern in md.inlinePatterns:
        if isinstance(pattern, markdown.inlinepatterns.LinkInlineProcessor):
            links = _LinearLinks(pattern)
            pattern.getText = links.get_text  # type: ignore[method-assign]
            pattern.getLink = links.get_link  # type: ignore[method-assign]


@functools.cache
def _markdown(prose: bool) -> markdown.Markdown:
    # Only what Python-Markdown does by itself: no attr_list (it writes attributes from
    # text), no snippets (it reads files), no md_in_html.
    allowed = PROSE_HTML if prose else frozenset()
    md = markdown.Markdown(
        extensions=["sane_lists", _Restrict(allowed, blocks=prose)], output_format="html"
    )
    _linear_links(md)
    return md


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
