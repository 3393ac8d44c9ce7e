"""The pipeline: load -> check -> site -> render -> files, and its two callers.

:func:`generate` is the one pipeline: it loads and checks a data folder, lays out the site and
renders every page and data script, and returns them unwritten. Its callers only say where
the files go: :func:`build` writes them, with the widget bundles, into ``docs/`` for builders
that run no plugin (``python -m generator build``), :func:`generate_for_mkdocs` hands them to
the MkDocs plugin, which gives them to MkDocs in memory. :func:`check` is the pipeline's first
two stages, for the commands that stop there.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from generator.assets.bundle import Bundles
from generator.assets.catalog import FALLBACK, Catalog
from generator.checks import check_bank
from generator.config import DataFolder, check_same_source, record_source
from generator.content.load import load_bank
from generator.content.model import Bank
from generator.errors import Problem
from generator.publishing.downloads import find_downloads
from generator.site import fragment_marks
from generator.site.layout import Site, build_site
from generator.site.render import link_modules, render_pages
from generator.site.widgets.exam import exam_data_files
from generator.site.widgets.review import review_data_files
from generator.write import (
    WriteReport,
    read_manifest,
    refuse_to_replace_hand_written,
    write_files,
)

log = logging.getLogger(__name__)


@dataclass
class Result:
    """What a run produced: the site layout, content warnings and what was written."""

    site: Site
    warnings: list[Problem]
    report: WriteReport | None = None
    timings: dict[str, float] = field(default_factory=dict)
    """Seconds spent in each stage: load, check, exam data, render (views, templates), write."""


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the duration of a run.

    Loading and rendering make millions of small objects that are not cyclic garbage; with
    the collector on, each full collection walks the whole growing bank again, which made a
    10,000-question build twice as slow and its cost grow faster than the bank. Reference
    counting still frees everything; the collector resumes (and catches up) afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check(data_dir: Path, timings: dict[str, float] | None = None) -> tuple[Bank, list[Problem]]:
    """Load and check the data; raise :class:`~generator.errors.DataError` on any error.

    Returns the bank and its warnings (the loader's, then the checks'). ``timings``, when
    given, gets the seconds each stage took (``load``, ``check``).
    """
    clock = time.perf_counter
    with gc_paused():
        start = clock()
        bank = load_bank(data_dir)
        lap = clock()
        warnings = [*bank.warnings, *check_bank(bank)]
        if timings is not None:
            timings["load"] = lap - start
            timings["check"] = clock() - lap
        return bank, warnings


def generate(
    data_dir: Path,
    docs_dir: Path,
    *,
    directory_urls: bool = True,
    pdf_downloads: bool = False,
    env: jinja2.Environment | None = None,
    language: str = FALLBACK,
    catalog: Catalog | None = None,
) -> tuple[Result, dict[str, str]]:
    """Load, check and render ``data_dir``: the result and every generated file, unwritten.

    ``docs_dir`` is read for the downloads the domain overviews link; ``directory_urls`` is
    MkDocs' setting of that name and ``pdf_downloads`` the plugin's option; ``language`` is
    the site's (``theme.language``: its string catalog words the pages); ``env`` is the
    Jinja environment of the page templates, kept from one build to the next under ``mkdocs
    serve`` (a new one otherwise), and ``catalog`` likewise the string catalog of
    ``language``, already read. Pages keep their fragment marks
    (:mod:`generator.site.fragment_marks`): the MkDocs plugin hands the files to MkDocs in
    memory with the fragments cut out; :func:`build` writes them, marks removed, for other
    readers of ``docs/``.
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter
    with gc_paused():
        bank, warnings = check(data_dir, timings)
        now = clock()
        for warning in warnings:
            log.warning("%s", warning)
        site = build_site(bank, directory_urls=directory_urls, language=language, catalog=catalog)
        site.pdf_downloads = pdf_downloads
        site.downloads = find_downloads(docs_dir, bank)
        # The practice exam's question scripts, made once (the exam page reads their
        # versions) and timed apart: they must stay a small share of the whole run.
        data_files = exam_data_files(site)
        timings["exam data"] = (lap := clock()) - now
        files = render_pages(site, env)
        link_modules(site, files)
        files.update(data_files)
        files.update(review_data_files(site))
        timings["render"] = clock() - lap
    return Result(site, warnings, None, timings), files


def build(
    folder: DataFolder, docs_dir: Path, *, pdf_downloads: bool = False, language: str = FALLBACK
) -> Result:
    """Generate ``folder``'s pages, and the minified widget bundles, into ``docs_dir``.

    Nothing is written unless every check passes, nor over the pages of another data folder
    that this run did not name (:func:`generator.config.check_same_source`). The pages are
    written without their fragment marks; ``docs_dir`` then records ``folder``.
    """
    check_same_source(folder, docs_dir)
    result, files = generate(folder.path, docs_dir, pdf_downloads=pdf_downloads, language=language)
    files = {path: fragment_marks.strip(text) for path, text in files.items()}
    files.update(Bundles().files(result.site.catalog))
    with gc_paused():
        lap = time.perf_counter()
        result.report = write_files(files, docs_dir)
        result.timings["write"] = time.perf_counter() - lap
    timings = result.timings
    log.debug("generator stages: %s", ", ".join(f"{k} {v:.3f} s" for k, v in timings.items()))
    record_source(folder, docs_dir)
    return result


def generate_for_mkdocs(
    folder: DataFolder,
    docs_dir: Path,
    *,
    directory_urls: bool = True,
    pdf_downloads: bool = False,
    env: jinja2.Environment | None = None,
    language: str = FALLBACK,
    catalog: Catalog | None = None,
) -> tuple[Result, dict[str, str]]:
    """Generate ``folder``'s pages for the MkDocs plugin, which hands them to MkDocs in memory.

    Nothing is written into ``docs_dir``; as with :func:`build`, the pages that another data
    folder wrote there are not silently shadowed, and no file the generator did not write
    there is replaced by a generated page.
    """
    check_same_source(folder, docs_dir)
    result, files = generate(
        folder.path,
        docs_dir,
        directory_urls=directory_urls,
        pdf_downloads=pdf_downloads,
        env=env,
        language=language,
        catalog=catalog,
    )
    refuse_to_replace_hand_written(files, docs_dir, read_manifest(docs_dir))
    return result, files
