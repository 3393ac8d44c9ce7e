"""The MkDocs plugin ``studysite``: the study site from a data folder, in one ``mkdocs build``.

Listed under ``plugins:`` in mkdocs.yml (the ``mkdocs.plugins`` entry point ``studysite``),
with its options in :class:`~generator.plugin.options.StudySiteConfig`. Before each build it
runs the one pipeline (:mod:`generator.pipeline`) on the data folder, names the site after the
exam and gives MkDocs the navigation; it hands MkDocs the pages in memory, never written into
the watched ``docs/`` (a write there would make ``mkdocs serve`` build twice per edit); it adds
what the site needs by itself (:mod:`~generator.plugin.site_config`: Markdown extensions,
widget bundles, theme overrides, no request to another host) and checks every page after the
theme (:mod:`~generator.plugin.page_safety`). ``python -m generator build`` writes the same
pages for builders that run no plugin.

State lives on the plugin instance. MkDocs keeps one instance for the whole of ``mkdocs
serve`` because the plugin defines ``on_startup`` (``mkdocs.config.config_options.Plugins``
caches it by name), so what makes a rebuild quick lasts from one build to the next: the
Markdown cache (:mod:`~generator.plugin.markdown_cache`), the theme's compiled templates
(:mod:`~generator.plugin.theme_cache`), the page templates' Jinja environment, the minified
bundles and the last good pages, shown with the data errors until they are fixed. The same
instance serves every later ``load_config`` in the process, so each build starts from its own
``on_config`` and keeps nothing of a build of another project that it could show.

MkDocs details relied on (1.6): the instance cache above; ``File.generated`` (new in 1.6);
``config.nav`` set in ``on_config`` is used; ``page.render`` may be replaced per page in
``on_pre_page``; ``page.present_anchor_ids`` holds the ids MkDocs checks links to anchors
against. An upgrade that drops one of these breaks the build where it is used (without the
cache, ``mkdocs serve`` would show no data errors and rebuild every page). MkDocs 2.0 drops
plugins altogether (``python -m generator build`` is for such builders).
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.assets.bundle import ASSETS, Bundles
from generator.assets.catalog import Catalog, catalog_stamp, load_catalog
from generator.config import (
    DATA_ENV,
    DataFolder,
    check_no_old_hook,
    data_folder,
    legacy_setting,
)
from generator.content.model import Exam
from generator.errors import DataError, GeneratorError
from generator.pipeline import generate_for_mkdocs
from generator.plugin import csp, fragments, offline_site, page_safety, site_config
from generator.plugin.markdown_cache import MarkdownCache
from generator.plugin.options import StudySiteConfig
from generator.plugin.serve import quick_server
from generator.plugin.staging import Staging
from generator.plugin.theme_cache import CompiledTemplates
from generator.site.layout import nav
from generator.site.render import TEMPLATES, environment
from generator.site.texts import site_texts
from generator.write import MANIFEST, read_manifest

log = logging.getLogger("mkdocs.plugins.studysite")

_BODY = re.compile(r"<body[^>]*>")


class StudySitePlugin(BasePlugin[StudySiteConfig]):  # type: ignore[no-untyped-call]
    """Generates the study site's pages from the data folder and adds what they need."""

    def __init__(self) -> None:
        self.data_override: DataFolder | None = None
        """The data folder a command named for its in-process build (beats every setting)."""
        self.serving = False
        self.staging = Staging()
        self.markdown_cache = MarkdownCache()
        self.compiled_templates = CompiledTemplates()
        self.bundles = Bundles()
        self.templates: jinja2.Environment | None = None
        self.head = ""
        self.catalog = load_catalog()
        """The words of the site's language: each build's on_config reads them again when
        the language or its catalog files changed, and keeps them otherwise (with what the
        catalog has worked out: labels, numbers, plurals)."""
        self.catalog_stamp = catalog_stamp()
        self.folder: DataFolder | None = None
        self.shim: Path | None = None
        self.shim_source: str | None = None
        # The pages of the last good generator run, path under docs/ -> text, for on_files.
        self.generated: dict[str, str] = {}
        # Their HTML blocks that skip Markdown, path under docs/ -> blocks (fragments.py).
        self.fragments: dict[str, list[str]] = {}
        # Under `mkdocs serve`, the data errors, shown in every page until they are fixed.
        self.errors: list[str] = []
        self.last_nav: list[dict[str, object]] | None = None
        self.last_exam: Exam | None = None

    # ---- configuration ------------------------------------------------------------------

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Remember the command: ``serve`` keeps the last good pages through data errors."""
        self.serving = command == "serve"
        self.staging.start(command=command, dirty=dirty)

    def on_shutdown(self) -> None:
        """Remove a staging folder a run left behind; forget the run and its override."""
        self.staging.shutdown()
        self.serving = False
        self.data_override = None

    def data_folder(self, config: MkDocsConfig) -> DataFolder:
        """This build's data folder: a command's, else ``$STUDYSITE_DATA``, else the settings."""
        if self.data_override is not None:
            return self.data_override
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        return data_folder(
            root,
            environment=os.environ.get(DATA_ENV),  # the user's override for one run
            configured=self.config.data_,
            legacy=legacy_setting(config),
        )

    # After the other plugins' on_config (Material's offline plugin adds its CDN polyfill
    # there), so the check of external settings sees the configuration the build uses.
    @event_priority(-50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add what the site needs to ``config``, generate the pages, set ``nav`` and names."""
        try:
            check_no_old_hook(config)
        except GeneratorError as error:
            raise PluginError(str(error)) from error
        root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self.shim = self.shim_source = None
        if self.config.offline:
            given = Path(self.config.shim) if self.config.shim else None
            try:
                self.shim = offline_site.find_shim(
                    root, root / given if given is not None else None
                )
            except GeneratorError as error:
                raise PluginError(str(error)) from error
            offline_site.configure(config)
        stamp = catalog_stamp(site_config.site_language(config))
        if stamp != self.catalog_stamp:
            self.catalog = site_config.site_catalog(config)
            self.catalog_stamp = stamp
        site_config.apply(config, allow_external=self.config.allow_external, catalog=self.catalog)
        self.head = page_safety.HEAD_PARTIAL.read_text(encoding="utf-8")
        if self.templates is None:
            self.templates = environment()
        self.folder = folder = self.data_folder(config)
        try:
            result, files = generate_for_mkdocs(
                folder,
                Path(config.docs_dir),
                directory_urls=config.use_directory_urls,
                pdf_downloads=self.config.pdf_downloads,
                env=self.templates,
                language=self.catalog.language,
                catalog=self.catalog,
            )
        except GeneratorError as error:
            if not self.serving:
                # Raised before MkDocs cleans site/, so the last good site stays as it was.
                raise PluginError(str(error)) from error
            self._show_errors(error, config)
            return config
        self._keep(files)
        self.errors = []
        self.last_exam = result.site.bank.exam
        self._name_site(config, self.last_exam)
        if not config.nav:
            config.nav = self.last_nav = nav(result.site)
        # A failed build keeps the previous site; a folder it must not replace is refused.
        try:
            self.staging.stage_site_dir(config, [folder.path])
        except GeneratorError as error:
            raise PluginError(str(error)) from error
        return config

    def _name_site(self, config: MkDocsConfig, exam: Exam) -> None:
        """Site name, description and footer from the exam's data, not from mkdocs.yml."""
        texts = site_texts(exam, self.catalog)
        config.site_name = texts.name
        config.site_description = texts.description
        config.copyright = texts.copyright

    def _show_errors(self, error: GeneratorError, config: MkDocsConfig) -> None:
        """Keep serving the last good pages with the errors on top, until the data is fixed."""
        if isinstance(error, DataError):
            self.errors = [str(p) for p in error.problems]
        else:
            self.errors = [str(error)]
        log.error("the study data has errors; the pages show them until they are fixed:\n%s", error)
        if not config.nav and self.last_nav is not None:
            config.nav = self.last_nav
        if self.last_exam is not None:
            self._name_site(config, self.last_exam)

    def _keep(self, files: dict[str, str]) -> None:
        """Keep a good run's files for :meth:`on_files`, each page's fragments apart."""
        self.generated = {}
        self.fragments = {}
        for path, text in files.items():
            kept, blocks = fragments.split(text) if path.endswith(".md") else (text, [])
            self.generated[path] = kept
            if blocks:
                self.fragments[path] = blocks

    # ---- files and pages -----------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Hand MkDocs the generated pages, the widget bundles and (offline) the shim.

        With data errors, the last good pages; with data errors and no pages yet, a home page
        that can show them.
        """
        files = hand_over_generated(files, config, self.generated)
        for path, text in self.bundles.files(self.catalog).items():
            _replace(files, File.generated(config, path, content=text))
        if self.shim is not None:
            _replace(
                files,
                File.generated(config, offline_site.SHIM_TARGET, abs_src_path=str(self.shim)),
            )
            licence = self.shim.parent.parent / "LICENSE"
            if licence.is_file():
                _replace(
                    files,
                    File.generated(config, offline_site.LICENCE_TARGET, abs_src_path=str(licence)),
                )
        if self.errors and files.get_file_from_path("index.md") is None:
            home = f"# {self.catalog.t('errors.title')}\n"
            files.append(File.generated(config, "index.md", content=home))
        return files

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        """Under ``mkdocs serve``, render an unchanged page from the Markdown cache.

        A single build has no earlier render to reuse, so it renders as MkDocs does.
        """
        if self.serving:
            cache = self.markdown_cache

            def render(config: MkDocsConfig, files: Files) -> None:
                cache.render(page, config, files)

            page.render = render  # type: ignore[method-assign]
        return page

    def on_page_content(self, html: str, *, page: Page, **_: Any) -> str:
        """Put back what search indexes of the page's fragments.

        The fragments' anchors join the page's, for MkDocs' check of links to them; the whole
        fragments replace the stand-ins in :meth:`on_post_page`, after search has indexed them.
        Question headings are in fragments, so neither Markdown's table of contents nor its
        permalinks see them (a 1,000-question page keeps a short table of contents).
        """
        blocks = self.fragments.get(page.file.src_uri, [])
        if blocks and page.present_anchor_ids is not None:
            page.present_anchor_ids |= fragments.anchor_ids(blocks)
        return fragments.for_search(html, blocks)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The page's whole fragments, what every page must have, and any data errors on top."""
        output = fragments.join(output, self.fragments.get(page.file.src_uri, []))
        return self._checked(output, page, config)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """The theme's own pages (``404.html``) get what every page must have, too."""
        if not template_name.endswith(".html"):
            return output_content
        return self._checked(output_content, None, config)

    def _checked(self, output: str, page: Page | None, config: MkDocsConfig) -> str:
        output = page_safety.safe_title(output, page, config)
        output = page_safety.ensure_head(output, self.head)
        output = page_safety.bundle_first(output)
        output = page_safety.no_ellipsis_tooltips(output)
        if self.last_exam is not None:
            output = page_safety.ensure_exam_marker(output, self.last_exam.id)
        if self.errors:
            panel = error_panel(self.errors, self.catalog)
            output = _BODY.sub(lambda m: m.group(0) + panel, output, count=1)
        if self.config.csp and not self.serving:  # last: the hashes are of the finished page
            output = csp.add_policy(
                output, shim=self.shim_text(), external=self.config.allow_external
            )
        return output

    def shim_text(self) -> str | None:
        """The iframe-worker shim's source for an offline build (read once), else None."""
        if self.shim is None:
            return None
        if self.shim_source is None:
            self.shim_source = self.shim.read_text(encoding="utf-8")
        return self.shim_source

    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        """Reuse the theme's compiled templates from one build to the next (theme_cache.py).

        The overrides' words come from the catalog: ``studysite_t(key)`` in them
        (:func:`generator.plugin.other_builders.resolved_overrides` writes them out for
        builders without plugins).
        """
        env.bytecode_cache = self.compiled_templates
        env.globals["studysite_t"] = self.catalog.t
        return env

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Watch the data folder, wherever it is, and look every 0.1 s (serve.py).

        The package's page templates and widget sources are watched too: an edit to one is
        in the next build (for the generator's own developers; an installed copy is not edited).
        """
        watched = [self.data_folder(config).path.resolve(), TEMPLATES, ASSETS]
        return quick_server(server, builder, [str(path) for path in watched])

    # Last of every plugin's post-build step: search has written its index, and other
    # plugins may still write files into the staged site before it replaces the old one.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Offline: the search index as a script. Then put the staged site in place."""
        if self.config.offline:
            offline_site.write_search_script(Path(config.site_dir))
        self.staging.post_build(config)

    def on_build_error(self, *, error: Exception) -> None:
        """Drop the staged build: the previous site stays as it was."""
        self.staging.build_error()


def _replace(files: Files, file: File) -> None:
    """Add ``file`` to ``files`` in place of a file of the same path (a stale copy in docs/)."""
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


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


def error_panel(lines: list[str], catalog: Catalog) -> str:
    """The panel listing data errors (file, line, field, message), escaped."""
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        '<div id="ss-data-errors" role="alert" style="position:sticky;top:0;z-index:10000;'
        "max-height:60vh;overflow:auto;background:#8e0000;color:#fff;padding:1rem 1.5rem;"
        'font:0.8rem/1.5 monospace">'
        f"<p><strong>{catalog.html('errors.problems', count=len(lines))}</strong> "
        f"{catalog.html('errors.fix')}</p>"
        f'<ul style="margin:0;padding-left:1.2rem">{items}</ul></div>'
    )
