"""Text of other formats (HTML, Moodle's auto-format, Markdown, plain) as this site's Markdown.

Every reader brings text in through :func:`to_markdown` (stems, options, feedback: fields the
site renders as Markdown) or :func:`to_plain` (accepted short answers and units: compared with
what a learner types, so no markup at all). Nothing passes through as raw HTML: tags become the
little Markdown they mean (emphasis, code, line breaks, paragraphs, list items), scripts,
styles and embedded objects are dropped with their content, images keep their ``alt`` text
only (their file names are collected for the reader's note), links keep their text. Text that
is not markup (plain text, the text between tags) is escaped so that a later Markdown pass
shows it as written: ``<b>`` typed in plain text stays the four characters ``<b>``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import ClassVar, Literal

TextFormat = Literal["html", "moodle", "markdown", "plain"]
FORMATS: tuple[TextFormat, ...] = ("html", "moodle", "markdown", "plain")

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LINE_START = re.compile(r"^([ \t]*)([#>])", re.MULTILINE)
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_BLANK_LINES = re.compile(r"\n{3,}")
_INNER_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")  # where a dropped element stood
_LIST_ITEM = re.compile(r"(^|\n)- *\n+")  # a list item's paragraph starts on its own line


def _neutral(text: str) -> str:
    """``<`` and entity-like ``&`` as references: Markdown shows them, never reads a tag."""
    return _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;")


def escape(text: str) -> str:
    """Plain text as Markdown that shows exactly that text."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", _neutral(text))
    return _LINE_START.sub(r"\1\\\2", text)


class _Reducer(HTMLParser):
    """Untrusted HTML to Markdown (or to plain words); see the module doc."""

    _MARKS: ClassVar[dict[str, str]] = {
        "b": "**",
        "strong": "**",
        "i": "*",
        "em": "*",
        "code": "`",
        "kbd": "`",
        "tt": "`",
    }
    _PARAGRAPHS: ClassVar[set[str]] = {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "table",
        "blockquote",
        "pre",
        "section",
        "article",
        "figure",
    }
    _LINES: ClassVar[set[str]] = {"br", "tr", "hr"}
    _DROPPED: ClassVar[set[str]] = {
        "script",
        "style",
        "template",
        "iframe",
        "object",
        "embed",
        "noscript",
        "svg",
        "math",
        "head",
        "title",
    }

    def __init__(self, *, plain: bool, data_is_markdown: bool, images: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.plain = plain
        self.data_is_markdown = data_is_markdown
        self.images = images
        self.parts: list[str] = []
        self._dropping = 0

    def _mark(self, tag: str, *, opening: bool) -> None:
        if not self.plain:
            self.parts.append((_OPEN if opening else _CLOSE) + self._MARKS[tag])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._DROPPED:
            self._dropping += 1
        elif self._dropping:
            return
        elif tag in self._MARKS:
            self._mark(tag, opening=True)
        elif tag in self._PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in self._LINES:
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n" if self.plain else "\n- ")
        elif tag in ("td", "th"):
            self.parts.append(" ")
        elif tag == "img":
            found = dict(attrs)
            self.images.append(found.get("src") or "(no source)")
            alt = " ".join((found.get("alt") or "").split())
            # Where the image was stays visible: a learner sees that something is missing.
            if not alt:
                self.parts.append("[image]")
            else:
                self.parts.append(f"[image: {alt if self.plain else escape(alt)}]")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self._DROPPED:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._DROPPED:
            self._dropping = max(0, self._dropping - 1)
        elif self._dropping:
            return
        elif tag in self._MARKS:
            self._mark(tag, opening=False)
        elif tag in self._PARAGRAPHS:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self._dropping:
            return
        if self.data_is_markdown:
            self.parts.append(_neutral(data))
        elif self.plain:
            self.parts.append(re.sub(r"\s+", " ", data))
        else:
            self.parts.append(escape(re.sub(r"\s+", " ", data)))

    def result(self) -> str:
        text = _emphasis("".join(self.parts))
        if self.data_is_markdown:  # a part of a text: the caller trims the whole
            return _BLANK_LINES.sub("\n\n", _INNER_SPACES.sub(" ", text))
        lines = [re.sub(r" {2,}", " ", line).strip() for line in text.split("\n")]
        joined = _LIST_ITEM.sub(r"\1- ", "\n".join(lines))
        return _BLANK_LINES.sub("\n\n", joined).strip()


_OPEN, _CLOSE = "\ue001", "\ue002"  # around a mark while spaces move out of it
_EMPTY_MARK = re.compile(f"{_OPEN}([*`]+)(\\s*){_CLOSE}\\1")
_SPACE_AFTER_OPEN = re.compile(f"{_OPEN}([*`]+)(\\s+)")
_SPACE_BEFORE_CLOSE = re.compile(f"(\\s+){_CLOSE}([*`]+)")


def _emphasis(text: str) -> str:
    """Marks hugging their words: ``<b> bold </b>`` is `` **bold** ``, ``<b></b>`` nothing.

    Markdown reads ``** bold**`` as two asterisks and a word, not as bold text.
    """
    before = None
    while before != text:  # nested marks pass the spaces on outwards
        before = text
        text = _EMPTY_MARK.sub(r"\2", text)
        text = _SPACE_AFTER_OPEN.sub(lambda m: m.group(2) + _OPEN + m.group(1), text)
        text = _SPACE_BEFORE_CLOSE.sub(lambda m: _CLOSE + m.group(2) + m.group(1), text)
    return text.replace(_OPEN, "").replace(_CLOSE, "")


def _reduce(text: str, *, plain: bool, data_is_markdown: bool, images: list[str]) -> str:
    if "<" not in text and "&" not in text:  # no markup: what the parser would make of it
        if data_is_markdown:
            return _BLANK_LINES.sub("\n\n", _INNER_SPACES.sub(" ", text))
        words = " ".join(text.split())
        return words if plain else escape(words)
    reducer = _Reducer(plain=plain, data_is_markdown=data_is_markdown, images=images)
    reducer.feed(text)
    reducer.close()
    return reducer.result()


def _markdown(text: str, images: list[str]) -> str:
    """Markdown with any HTML in it reduced, code spans kept as written."""
    out: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(
            _reduce(text[last : match.start()], plain=False, data_is_markdown=True, images=images)
        )
        out.append(match.group(0))
        last = match.end()
    out.append(_reduce(text[last:], plain=False, data_is_markdown=True, images=images))
    pieces = [p for p in out]
    return "".join(pieces).strip()


def to_markdown(text: str, fmt: TextFormat, images: list[str] | None = None) -> str:
    """``text`` written in ``fmt`` as safe Markdown; image sources go to ``images``."""
    found: list[str] = [] if images is None else images
    text = text.strip()
    if fmt == "plain":
        return escape(text)
    if fmt == "markdown":
        return _markdown(text, found)
    if fmt == "moodle":  # Moodle's auto-format: HTML allowed, and line breaks are kept
        text = text.replace("\r\n", "\n").replace("\n", "<br>")
    return _reduce(text, plain=False, data_is_markdown=False, images=found)


def to_plain(text: str, fmt: TextFormat, images: list[str] | None = None) -> str:
    """``text`` written in ``fmt`` as the plain words it shows (for answers a learner types)."""
    found: list[str] = [] if images is None else images
    text = text.strip()
    if fmt in ("plain", "markdown"):
        return " ".join(text.split())
    return " ".join(_reduce(text, plain=True, data_is_markdown=False, images=found).split())


def images_note(images: list[str]) -> str:
    """The note for images a question loses on import (a bank's files are not imported)."""
    names = list(dict.fromkeys(src.rsplit("/", 1)[-1] or src for src in images))
    return (
        f"image{'s' if len(names) > 1 else ''} dropped (an import brings text only): "
        + ", ".join(names)
    )
