"""Text: the one way a text field of the data reaches a page.

Every text field is rendered here: :func:`inline` for short fields (stems, options, labels,
titles shown in a page), :func:`block` for prose (paragraphs, callout bodies), :func:`plain`
for places that hold plain text only (navigation, front matter, ``<title>``, attributes,
the SVG diagram, glossary expansions that Material's tooltips show).

Threat model: authors are trusted with prose, but imported banks, any content file and
progress files are not, so nothing in a text field may run script in a learner's browser.

- Raw HTML in a non-prose field is escaped and shows as text (``<T>`` reads ``<T>``); prose
  may use the small allowlist :data:`generator.content.markup.PROSE_HTML`.
- Python-Markdown renders the Markdown the field allows, without ``attr_list``, snippets or
  any extension that reads files; then ``nh3`` cleans the result with one allowlist: no
  ``on*`` attribute, no ``style``, no ``<iframe>``, no ``javascript:`` or ``data:`` URL.
- The result is *inert*: every character that Markdown, ``attr_list``, the emoji or the
  snippets extension would read in its text (``* _ { } [ ] ( ) | : ! # ` ~ + =``, a hyphen
  at the start of a line, and
  the backslash) is written as a character reference. The page's own Markdown pass
  (MkDocs) can still mark abbreviations in it, but it cannot turn any of it into markup,
  a link or an attribute.
"""

from __future__ import annotations

import functools
import html
import re

import nh3
import yaml
from markupsafe import Markup

from generator.content.markup import convert

TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "del",
        "em",
        "i",
        "kbd",
        "li",
        "ol",
        "p",
        "pre",
        "s",
        "strong",
        "sub",
        "sup",
        "ul",
    }
)
"""HTML elements a rendered text may hold (what Markdown makes, and what prose may use)."""

ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}, "ol": {"start"}}
"""Attributes kept, per element; every other attribute (``on*``, ``style``, ...) is dropped.

No ``title``: Material's tooltips show a link's or an abbreviation's title as HTML."""

URL_SCHEMES = frozenset({"http", "https", "mailto"})
"""Link schemes kept; a link with any other scheme (``javascript:``, ``data:``) loses it."""

INLINE_TAGS = frozenset({"a", "abbr", "b", "br", "code", "del", "em", "i", "kbd", "s", "strong"})
"""Elements kept in inline text; block elements are unwrapped to their text."""

# Characters a later Markdown pass could read as syntax (emphasis, links, attr_list's
# braces, emoji's colons, snippets' "--8<--", tables' pipes, headings, escapes).
# A hyphen is syntax only at the start of a line (lists, rules, setext headings, snippets'
# "--8<--"), so only there is it written as a reference: "SSE-KMS" stays one word, which the
# page's abbreviation marking must see whole.
_INERT = {ch: f"&#{ord(ch)};" for ch in "*_{}[]()|:!#`~\\+=^"}
_INERT_TABLE = str.maketrans(_INERT)
_LINE_START_HYPHENS = re.compile(r"^([ \t]*)(-+)", re.MULTILINE)


def _inert_text(text: str) -> str:
    # Translate first: the hyphens' references hold a "#" that must stay as it is.
    text = text.translate(_INERT_TABLE)
    return _LINE_START_HYPHENS.sub(lambda m: m.group(1) + "&#45;" * len(m.group(2)), text)


# A tag as nh3 serialises it: attribute values are always double-quoted.
_TAG = re.compile(r'(<(?:[^>"]|"[^"]*")*>)')
_ATTRIBUTE_VALUE = re.compile(r'"[^"]*"')


def clean(fragment: str, tags: frozenset[str] = TAGS) -> str:
    """``fragment`` with only allowlisted elements, attributes and URL schemes left."""
    return nh3.clean(
        fragment,
        tags=set(tags),
        # "*": none, or nh3 keeps its default lang and title on every element.
        attributes={"*": set(), **{k: v for k, v in ATTRIBUTES.items() if k in tags}},
        url_schemes=set(URL_SCHEMES),
        clean_content_tags={"script", "style", "iframe", "object", "embed", "template"},
        strip_comments=True,
        link_rel="noopener noreferrer",
    )


def _inert(fragment: str) -> str:
    """Write Markdown's syntax characters in text as character references (see module)."""
    parts = _TAG.split(fragment)
    for i, part in enumerate(parts):
        if i % 2:  # a tag: only its attribute values, and only what ends a tag early
            parts[i] = _ATTRIBUTE_VALUE.sub(
                lambda m: m.group(0).replace("<", "&lt;").replace(">", "&gt;"), part
            )
        else:
            parts[i] = _inert_text(part)
    return "".join(parts)


# Each text field is shown on several pages (topic, practice page, study sheet, answer key) and
# rendered again on every build of `mkdocs serve`: the caches hold a whole bank's fields (a
# 10,000-question bank has about 110,000), or a large bank renders every field every time.
_FIELDS = 1 << 20


@functools.lru_cache(maxsize=_FIELDS)
def inline(text: str) -> Markup:
    """A non-prose field as one line of safe HTML: inline Markdown, raw HTML shown as text."""
    rendered = convert(text, prose=False)
    cleaned = clean(rendered, INLINE_TAGS)
    return Markup(_inert(" ".join(cleaned.split())))


# Blocks the page's Markdown pass may look into (markdown="1", md_in_html): only to mark
# abbreviations, as the text is inert; <pre> stays raw.
_BLOCK_OPEN = re.compile(r"<(p|li|ul|ol|blockquote)((?:\s[^>]*)?)>")


@functools.lru_cache(maxsize=_FIELDS)
def block(text: str) -> Markup:
    """A prose field as safe HTML blocks: Markdown paragraphs and lists, allowlisted HTML."""
    cleaned = _inert(clean(convert(text, prose=True)))
    return Markup(_BLOCK_OPEN.sub(r'<\1\2 markdown="1">', cleaned))


@functools.lru_cache(maxsize=_FIELDS)
def block_html(text: str) -> Markup:
    """A prose field as safe HTML blocks for a page's fragments (no Markdown pass follows)."""
    return Markup(_inert(clean(convert(text, prose=True))))


@functools.lru_cache(maxsize=_FIELDS)
def plain(text: str) -> str:
    """``text`` as the words a reader sees, on one line: what :func:`inline` shows, untagged.

    Not escaped: the caller escapes for where it goes (:func:`plain_html`, Jinja's
    autoescape, a YAML dumper, SVG).
    """
    words = nh3.clean(convert(text, prose=False), tags=set(), strip_comments=True)
    return " ".join(html.unescape(words).split())


def plain_html(text: str) -> Markup:
    """``text`` as escaped, inert plain text, for a Markdown page: headings, titles, tooltips."""
    # Double quotes as "&quot;" (a title may sit in quotes); an apostrophe needs no escape,
    # and "&#x27;" would have its "#" written as a reference again.
    return Markup(_inert_text(html.escape(plain(text), quote=False).replace('"', "&quot;")))


def tooltip(text: str) -> str:
    """``text`` for an abbreviation's definition: one line, escaped twice.

    Material's tooltip shows an ``<abbr>``'s title as HTML, and the title attribute is
    decoded once on the way, so ``<T>`` must reach it as ``&amp;lt;T&amp;gt;``. Quotes are
    escaped once only: they cannot make markup, and print prints the title as it is decoded.
    """
    return html.escape(html.escape(plain(text), quote=False), quote=True)


def escaped(text: str) -> str:
    """``text`` as escaped plain text, for HTML no Markdown runs over: navigation, ``<title>``.

    MkDocs' theme prints navigation titles and ``page.meta.title`` as they are.
    """
    return html.escape(plain(text), quote=True)


def table_cell(text: str) -> Markup:
    """A non-prose field for a Markdown pipe table cell: inline HTML, its pipes escaped."""
    # inline() already writes "|" as "&#124;", which a table row does not split on.
    return inline(text)


def md_cell(value: str) -> str:
    """A text field as one cell of a Markdown pipe table: inline HTML, its pipes escaped."""
    return str(table_cell(value))


def meta_value(value: str) -> str:
    """A title as a front matter value: escaped plain text, written by a YAML dumper.

    Material puts ``page.meta.title`` into ``<title>`` and the header as it is, so the value
    is HTML already (``<T>`` is written ``&lt;T&gt;``); YAML quoting keeps ``: `` and ``#``.
    """
    dumped = yaml.safe_dump(escaped(value), width=1 << 30)
    return dumped.removesuffix("\n...\n").strip()


@functools.lru_cache(maxsize=8_192)
def standalone(text: str) -> str:
    """A non-prose field as safe inline HTML for readers with no Markdown pass (Anki, QTI).

    What :func:`inline` makes, without the inert character references.
    """
    return " ".join(clean(convert(text, prose=False), INLINE_TAGS).split())
