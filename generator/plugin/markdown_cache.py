"""Markdown cache: under ``mkdocs serve``, a page whose Markdown did not change is not parsed again.

MkDocs makes a new Python-Markdown instance for every page of every build and parses each
page in full, though an edit changes one or two of them: saving a question changes only its
quiz, which is a fragment (:mod:`generator.plugin.fragments`), so no page's Markdown changes at all.
Parsing the unchanged pages was the largest share of a rebuild of the bundled site.

:meth:`MarkdownCache.render` stands in for ``Page.render``. What a render makes depends on the
page's Markdown, its address, the addresses of every file its links can reach, and the
Markdown extensions with their settings; the cache is keyed on all of them. A hit gives the
page what the earlier render gave it (content, table of contents, title, anchors, links to
anchors) and logs again what that render logged, so a broken link warns on every build, as
without the cache. Each page keeps one entry, so the cache stays the size of the site.

MkDocs details relied on (1.6, ``mkdocs.structure.pages``): what ``Page.render`` leaves on the
page (``content``, ``toc``, the private ``_title_from_render``, ``present_anchor_ids`` and
``links_to_anchors``, which the anchor check after rendering reads), and that its link
warnings go to the ``mkdocs.structure.pages`` logger. None of this is public API. If an
upgrade made ``Page.render`` leave anything else on the page, a page restored from the cache
would lack it; if it renamed one of these attributes, serving fails with an
``AttributeError`` here, or, for the logger, a cached page's broken links stop warning.
"""

from __future__ import annotations

import copy
import hashlib
import logging
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# The logger of Page.render's link checks (mkdocs.structure.pages).
_RENDER_LOG = logging.getLogger("mkdocs.structure.pages")


@dataclass
class _Rendered:
    key: str
    content: str
    toc: Any
    title: str | None
    anchors: set[str]
    # Links to anchors by the target's source path: the files are new objects each build.
    links_to_anchors: dict[str, dict[str, str]] | None
    records: list[logging.LogRecord]


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class MarkdownCache:
    """The last render of each page, for the next build in the same process."""

    def __init__(self) -> None:
        self._pages: dict[str, _Rendered] = {}
        # This build's files and their digest. The object is held, not its id: a later build's
        # files could be given the id of a freed earlier one.
        self._files: tuple[Files, str] | None = None

    def files_key(self, files: Files) -> str:
        """A digest of every file's source and address: where a page's links can lead."""
        if self._files is not None and self._files[0] is files:
            return self._files[1]
        digest = hashlib.blake2b(digest_size=16)
        for file in files:
            digest.update(f"{file.src_uri}\0{file.url}\n".encode())
        self._files = (files, digest.hexdigest())
        return self._files[1]

    def key(self, page: Page, config: MkDocsConfig, files: Files) -> str:
        """What the render of ``page`` depends on, as one digest."""
        digest = hashlib.blake2b(digest_size=16)
        for part in (
            page.markdown or "",
            page.file.src_uri,
            page.file.url,
            self.files_key(files),
            repr(config.markdown_extensions),
            repr(config.mdx_configs),
            str(_RENDER_LOG.getEffectiveLevel()),
        ):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        return digest.hexdigest()

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Render ``page`` as ``Page.render`` does, from the cache if it can."""
        key = self.key(page, config, files)
        entry = self._pages.get(page.file.src_uri)
        if entry is not None and entry.key == key:
            _restore(page, entry, files)
            for record in entry.records:
                logging.getLogger(record.name).handle(record)
            return
        recorder = _Recorder()
        _RENDER_LOG.addHandler(recorder)
        try:
            Page.render(page, config, files)
        finally:
            _RENDER_LOG.removeHandler(recorder)
        self._pages[page.file.src_uri] = _Rendered(
            key=key,
            content=page.content or "",
            toc=copy.deepcopy(page.toc),
            title=page._title_from_render,
            anchors=set(page.present_anchor_ids or ()),
            links_to_anchors=_by_path(page.links_to_anchors),
            records=recorder.records,
        )


def _by_path(links: dict[File, dict[str, str]] | None) -> dict[str, dict[str, str]] | None:
    if links is None:
        return None
    return {file.src_uri: dict(anchors) for file, anchors in links.items()}


def _restore(page: Page, entry: _Rendered, files: Files) -> None:
    page.content = entry.content
    page.toc = copy.deepcopy(entry.toc)
    page._title_from_render = entry.title
    page.present_anchor_ids = set(entry.anchors)
    if entry.links_to_anchors is not None:
        links = {}
        for path, anchors in entry.links_to_anchors.items():
            target = files.get_file_from_path(path)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links
