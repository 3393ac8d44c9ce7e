"""Fragment marks: the lines that templates put around a block that needs no Markdown.

A quiz, an answer key and the study sheet's questions are HTML that the site layer has
already rendered and cleaned. Templates wrap each such block in :data:`OPEN` and
:data:`CLOSE` lines; the MkDocs plugin cuts the blocks out of Markdown's way
(:mod:`generator.plugin.fragments`), and pages written into ``docs/`` for other builders lose
only the marks (:func:`strip`). They live here, with the site that writes them, so that the
site layer needs nothing from the plugin layer.
"""

from __future__ import annotations

import re

OPEN = "<!-- ss:fragment -->"
"""The line before a block that needs no Markdown."""

CLOSE = "<!-- /ss:fragment -->"
"""The line after it."""

_MARK = re.compile(rf"^(?:{re.escape(OPEN)}|{re.escape(CLOSE)})\n", re.MULTILINE)


def strip(markdown: str) -> str:
    """``markdown`` without the mark lines: the blocks stay in place as raw HTML."""
    return _MARK.sub("", markdown)
