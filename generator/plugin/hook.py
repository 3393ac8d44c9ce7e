"""MkDocs hook: run the generator before every build and give MkDocs its navigation.

Listed under ``hooks:`` in mkdocs.yml, so plain ``mkdocs build`` and ``mkdocs serve`` see
fresh pages. The data folder is the one setting of :mod:`generator.config`; under ``mkdocs
serve`` it is watched (and ``watch:`` covers the templates), so an edit reloads the page, and
a data error shows in the page until it is fixed.

The generated pages reach MkDocs in memory (``File.generated``), never written into the
watched ``docs/`` folder: a write there would make ``mkdocs serve`` build a second time for
every edit. ``python -m generator build`` still writes them, for builders without hooks.
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
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

# MkDocs loads this file by path; without an installed package, import it from beside the file.
if importlib.util.find_spec("generator") is None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from generator.bundle import bundle_assets
from generator.config import SETTING, DataFolder, check_same_source, data_folder, site_texts
from generator.content.model import Exam
from generator.errors import DataError, GeneratorError
from generator.pipeline import Result, generate
from generator.plugin import fragments, staging
from generator.plugin.markdown_cache import MarkdownCache
from generator.plugin.staging import on_build_error, on_post_build, on_shutdown
from generator.site.layout import nav
from generator.write import MANIFEST, read_manifest, refuse_to_replace_hand_written

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
        result = generate_pages(folder, Path(config.docs_dir), config.use_directory_urls)
    except GeneratorError as error:
        if not _serving:
            # Raised before MkDocs cleans site/, so the last good site stays as it was.
            raise PluginError(str(error)) from error
        _show_errors(error, config)
        return config
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


def generate_pages(folder: DataFolder, docs_dir: Path, directory_urls: bool = True) -> Result:
    """Generate ``folder``'s pages in memory, for :func:`on_files` to hand to MkDocs.

    Nothing is written into ``docs/``; as with ``generator build``, pages that another data
    folder wrote there are not silently shadowed (settings.check_same_source). Each page's
    fragments (:mod:`generator.plugin.fragments`) wait apart for :func:`on_page_content`.
    """
    check_same_source(folder, docs_dir)
    result, files = generate(folder.path, docs_dir, directory_urls=directory_urls)
    refuse_to_replace_hand_written(files, docs_dir, read_manifest(docs_dir))
    _generated.clear()
    _fragments.clear()
    for path, text in files.items():
        _generated[path], blocks = fragments.split(text) if path.endswith(".md") else (text, [])
        if blocks:
            _fragments[path] = blocks
    return result


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


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates, compiled once per process.

    MkDocs makes a new Jinja environment for every build, so under ``mkdocs serve`` each edit
    compiled Material's templates again (about a fifth of a small site's rebuild). Jinja checks
    each template's source against the stored code, so an edited override is compiled anew.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Fill ``bucket`` from the store, if its template was compiled before."""
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep ``bucket``'s compiled code for the next build."""
        self._code[bucket.key] = bucket.bytecode_to_string()


# MkDocs loads a hook module once per process, so this lives as long as `mkdocs serve`.
_compiled_templates = _CompiledTemplates()


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Reuse the theme's compiled templates between builds (see :class:`_CompiledTemplates`)."""
    env.bytecode_cache = _compiled_templates
    return env


# How often `mkdocs serve` looks for changed files, in seconds. MkDocs looks every 0.5 s, which
# was a third of the wait from saving a YAML file to seeing the page; a look at the watched
# folders (the data, docs/, the generator's templates) takes about a millisecond.
WATCH_INTERVAL = 0.1


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Watch the data folder the setting names, wherever it is, and look every 0.1 s.

    MkDocs' server takes its polling interval only when it is made, and ``on_serve`` may
    return a server in its place: this is the same server (not yet started), made with
    :data:`WATCH_INTERVAL` and watching what ``server`` watched.
    """
    host, port = server.server_address[:2]
    quick = LiveReloadServer(
        builder=builder,
        host=str(host),
        port=int(port),
        root=server.root,
        mount_path=server.mount_path,
        polling_interval=WATCH_INTERVAL,
    )
    quick.error_handler = server.error_handler
    for emitter in server.observer.emitters:
        # watchdog watches a file (mkdocs.yml) through its folder; raw_path is what was asked.
        watched = emitter.watch
        quick.watch(getattr(watched, "raw_path", watched.path), recursive=watched.is_recursive)
    quick.watch(str(_data_folder(config).path.resolve()))
    return quick


# MkDocs finds a hook's events by name: these build into a staging folder and swap it in.
__all__ = ["on_build_error", "on_post_build", "on_shutdown"]
