"""MkDocs hook: run the generator before every build and give MkDocs its navigation.

Listed under ``hooks:`` in mkdocs.yml, so plain ``mkdocs build`` and ``mkdocs serve`` see
fresh pages. The data folder is the one setting of :mod:`generator.config`; under ``mkdocs
serve`` it is watched (and ``watch:`` covers the templates), so an edit reloads the page, and
a data error shows in the page until it is fixed.

The generated pages reach MkDocs in memory (``File.generated``), never written into the
watched ``docs/`` folder: a write there would make ``mkdocs serve`` build a second time for
every edit. ``python -m generator build`` still writes them, for builders without hooks.
Both run the one pipeline (:mod:`generator.pipeline`); the machinery beside this file makes
serving quick (:mod:`~generator.plugin.markdown_cache`, :mod:`~generator.plugin.theme_cache`,
:mod:`~generator.plugin.serve`), keeps the last site on a failed build
(:mod:`~generator.plugin.staging`) and lets quizzes skip Markdown
(:mod:`~generator.plugin.fragments`).

MkDocs details relied on (1.6): hooks are loaded by path, as one module that lives as long as
the process (so the state below lasts from one ``serve`` build to the next); ``File.generated``
(new in 1.6); ``config.nav`` set in ``on_config`` is used; ``page.render`` may be replaced per
page in ``on_pre_page``; ``page.present_anchor_ids`` holds the ids MkDocs checks links to
anchors against. An upgrade that drops one of these breaks the build where it is used; MkDocs
2.0 drops hooks and plugins altogether (``python -m generator build`` is for such builders).
"""

from __future__ import annotations

import html
import importlib.util
import logging
import re
import sys
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# MkDocs loads this file by path; without an installed package, import it from beside the file.
if importlib.util.find_spec("generator") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.bundle import bundle_assets
from generator.config import SETTING, DataFolder, data_folder
from generator.content.model import Exam
from generator.errors import DataError, GeneratorError
from generator.pipeline import generate_for_mkdocs
from generator.plugin import fragments, staging
from generator.plugin.markdown_cache import MarkdownCache
from generator.plugin.serve import quick_server
from generator.plugin.staging import on_build_error, on_post_build, on_shutdown
from generator.plugin.theme_cache import CompiledTemplates
from generator.site.layout import nav
from generator.site.texts import site_texts
from generator.write import MANIFEST, read_manifest

log = logging.getLogger("mkdocs.hooks.generator")

# Under `mkdocs serve` a data error is shown in the page instead of stopping the server.
_serving = False
_errors: list[str] = []
_last_nav: list[dict[str, object]] | None = None
_last_exam: Exam | None = None
# The pages of the last good generator run, path under docs/ -> text, for on_files.
_generated: dict[str, str] = {}
# Their HTML blocks that skip Markdown, path under docs/ -> blocks, for on_page_content.
_fragments: dict[str, list[str]] = {}


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is ``mkdocs serve`` (the hook module lives for the whole run)."""
    global _serving
    _serving = command == "serve"
    staging.on_startup(command=command, dirty=dirty)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generate the pages from the data folder setting; set ``nav`` and the site's name."""
    global _last_nav, _last_exam
    folder = _data_folder(config)
    try:
        result, files = generate_for_mkdocs(
            folder, Path(config.docs_dir), directory_urls=config.use_directory_urls
        )
    except GeneratorError as error:
        if not _serving:
            # Raised before MkDocs cleans site/, so the last good site stays as it was.
            raise PluginError(str(error)) from error
        _show_errors(error, config)
        return config
    _keep(files)
    _errors.clear()
    _last_exam = result.site.bank.exam
    _name_site(config, _last_exam)
    if not config.nav:
        config.nav = _last_nav = nav(result.site)
    staging.stage_site_dir(config)  # a failed build keeps the previous site (staging.py)
    return config


def _data_folder(config: MkDocsConfig) -> DataFolder:
    root = Path(config.config_file_path).resolve().parent
    return data_folder(root, configured=str(config.extra.get(SETTING) or ""))


def _name_site(config: MkDocsConfig, exam: Exam) -> None:
    """Site name, description and footer from the exam's data, not from mkdocs.yml."""
    texts = site_texts(exam)
    config.site_name = texts.name
    config.site_description = texts.description
    config.copyright = texts.copyright


def _show_errors(error: GeneratorError, config: MkDocsConfig) -> None:
    """Keep serving the last good pages with the errors on top, until the data is fixed."""
    lines = [str(p) for p in error.problems] if isinstance(error, DataError) else [str(error)]
    _errors[:] = lines
    log.error("the study data has errors; the pages show them until they are fixed:\n%s", error)
    if not config.nav and _last_nav is not None:
        config.nav = _last_nav
    if _last_exam is not None:
        _name_site(config, _last_exam)
    # Before the first good build there are no generated snippets to append; do not fail on it.
    snippets = config.mdx_configs.get("pymdownx.snippets")
    if isinstance(snippets, dict):
        snippets["check_paths"] = False


def _keep(files: dict[str, str]) -> None:
    """Keep a good run's files for :func:`on_files`, each page's fragments apart.

    The fragments (:mod:`generator.plugin.fragments`) wait for :func:`on_page_content`.
    """
    _generated.clear()
    _fragments.clear()
    for path, text in files.items():
        _generated[path], blocks = fragments.split(text) if path.endswith(".md") else (text, [])
        if blocks:
            _fragments[path] = blocks


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Hand MkDocs the generated pages in memory; with data errors, the last good ones.

    With data errors and no pages yet, add a home page that can show them.
    """
    files = hand_over_generated(files, config, _generated)
    if not _errors:
        return files
    missing = {"index.md": "# The study data has errors\n", **bundle_assets(Path(config.docs_dir))}
    for path, text in missing.items():
        if files.get_file_from_path(path) is None:
            files.append(File.generated(config, path, content=text))
    return files


def hand_over_generated(files: Files, config: MkDocsConfig, generated: dict[str, str]) -> Files:
    """``files`` with ``generated`` (path -> text) as in-memory files.

    A copy on disk of a generated page, or a page that an earlier ``generator build`` wrote and
    whose source is gone (listed in the docs folder's manifest), is left out: the in-memory
    page, or none, is the current one.
    """
    stale = set(generated) | set(read_manifest(Path(config.docs_dir)))
    for file in [f for f in files if f.src_uri in stale]:
        files.remove(file)
    for path, text in generated.items():
        if path != MANIFEST:
            files.append(File.generated(config, path, content=text))
    return files


# Lives as long as the hook module: under `mkdocs serve`, from one build to the next.
_markdown_cache = MarkdownCache()


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    """Under ``mkdocs serve``, render an unchanged page from the Markdown cache.

    A single build has no earlier render to reuse, so it renders as MkDocs does.
    """
    if _serving:

        def render(config: MkDocsConfig, files: Files) -> None:
            _markdown_cache.render(page, config, files)

        page.render = render  # type: ignore[method-assign]
    return page


def on_page_content(content: str, page: Page, **_: object) -> str:
    """Put back what search indexes of the page's fragments.

    The fragments' anchors join the page's, for MkDocs' check of links to them; the whole
    fragments replace the stand-ins in :func:`on_post_page`, after search has indexed them.
    Question headings are in fragments, so neither Markdown's table of contents nor its
    permalinks see them (a 1,000-question page keeps a short table of contents).
    """
    blocks = _fragments.get(page.file.src_uri, [])
    if blocks and page.present_anchor_ids is not None:
        page.present_anchor_ids |= fragments.anchor_ids(blocks)
    return fragments.for_search(content, blocks)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Put the page's whole fragments in; the data errors on top while there are any."""
    output = fragments.join(output, _fragments.get(page.file.src_uri, []))
    if not _errors:
        return output
    return _BODY.sub(lambda m: m.group(0) + error_panel(_errors), output, count=1)


_BODY = re.compile(r"<body[^>]*>")


def error_panel(lines: list[str]) -> str:
    """The panel listing data errors (file, line, field, message), escaped."""
    count = len(lines)
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        '<div id="ss-data-errors" role="alert" style="position:sticky;top:0;z-index:10000;'
        "max-height:60vh;overflow:auto;background:#8e0000;color:#fff;padding:1rem 1.5rem;"
        'font:0.8rem/1.5 monospace">'
        f"<p><strong>The study data has {count} problem{'s' if count != 1 else ''}.</strong> "
        "The site shows the last good pages; fix the data and save, and this page reloads.</p>"
        f'<ul style="margin:0;padding-left:1.2rem">{items}</ul></div>'
    )


# MkDocs loads a hook module once per process, so this lives as long as `mkdocs serve`.
_compiled_templates = CompiledTemplates()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Reuse the theme's compiled templates from one build to the next (see theme_cache)."""
    env.bytecode_cache = _compiled_templates
    return env


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Watch the data folder the setting names, wherever it is, and look every 0.1 s.

    The server is made again with a shorter polling interval (:mod:`~generator.plugin.serve`).
    """
    return quick_server(server, builder, [str(_data_folder(config).path.resolve())])


# MkDocs finds a hook's events by name: these build into a staging folder and swap it in.
__all__ = ["on_build_error", "on_post_build", "on_shutdown"]
