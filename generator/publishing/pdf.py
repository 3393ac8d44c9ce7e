"""PDF: print each domain's study sheet from the built site with headless Chromium.

The built site is served from a local HTTP server on 127.0.0.1 for the time of the run and
the browser may load nothing else, so printing needs no network. Chromium prints with the
site's print stylesheet, as a learner's "Print to PDF" would.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.assets.catalog import load_catalog
from generator.errors import BuildError
from generator.publishing.chromium import CHROMIUM_ARGS, find_chromium
from generator.publishing.local_server import serve_folder

if TYPE_CHECKING:
    from playwright.sync_api import Route

log = logging.getLogger(__name__)

PAPER = "A4"
FOOTER = (
    '<div style="font-size:8px;width:100%;margin:0 14mm;color:#555;'
    'display:flex;justify-content:space-between">'
    "<span>{title}</span><span>{page}</span></div>"
)
"""Chromium's page footer: the sheet's title and the page number, on every page."""
# Chromium fills these elements in with the page's number and the number of pages.
PAGE_NUMBER = '<span class="pageNumber"></span>'
TOTAL_PAGES = '<span class="totalPages"></span>'


def footer(title: str, language: str) -> str:
    """The footer of a sheet whose page is in ``language`` (its catalog's "Page 1 of 4")."""
    page = load_catalog(language).html(
        "pdf.page", number=Markup(PAGE_NUMBER), count=Markup(TOTAL_PAGES)
    )
    return FOOTER.format(title=html.escape(title), page=page)


def study_sheets(site_dir: Path) -> list[Path]:
    """The study sheet page of every domain in a built site, in domain order."""
    sheets = list(site_dir.glob("domain-*/study-sheet/index.html"))
    sheets += site_dir.glob("domain-*/study-sheet.html")  # use_directory_urls: false

    def domain_number(path: Path) -> tuple[int, str]:
        folder = path.relative_to(site_dir).parts[0]
        number = folder.removeprefix("domain-")
        return (int(number) if number.isdigit() else 0, folder)

    return sorted(sheets, key=domain_number)


def pdf_name(site_dir: Path, sheet: Path) -> str:
    """File name of a study sheet's PDF: ``domain-4-study-sheet.pdf``."""
    return f"{sheet.relative_to(site_dir).parts[0]}-study-sheet.pdf"


def write_pdfs(site_dir: Path, out_dir: Path) -> list[Path]:
    """Write one PDF per domain study sheet found in ``site_dir`` into ``out_dir``.

    Args:
        site_dir: a site built by ``mkdocs build``.
        out_dir: folder for the PDFs; created when missing.

    Returns:
        The PDFs written, one per domain, in domain order.

    Raises:
        BuildError: the site has no study sheet, or Playwright or Chromium is missing.
    """
    check_out_dir(out_dir)
    if not (site_dir / "index.html").is_file():
        raise BuildError(
            f"{site_dir} is not a built site (no index.html): build it first with "
            f"`mkdocs build -d {site_dir}`"
        )
    sheets = study_sheets(site_dir)
    if not sheets:
        raise BuildError(
            f"{site_dir} has no study sheet (domain-*/study-sheet/index.html): "
            "rebuild the site with `mkdocs build`"
        )
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise BuildError(
            "printing to PDF needs the Playwright package: install it with "
            "`pip install playwright` (or `pip install -e '.[test]'`); "
            "its own browser download is not needed"
        ) from error
    chromium = find_chromium()
    _make_out_dir(out_dir)
    written: list[Path] = []
    with serve_folder(site_dir) as base, sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        except PlaywrightError as error:
            raise BuildError(f"cannot start Chromium ({chromium}): {error}") from error
        try:
            context = browser.new_context()
            context.route("**/*", only_origin(base))
            page = context.new_page()
            for sheet in sheets:
                url = base + sheet.relative_to(site_dir).as_posix().removesuffix("index.html")
                target = out_dir / pdf_name(site_dir, sheet)
                page.goto(url, wait_until="load")
                page.evaluate("document.fonts.ready.then(() => true)")
                title = page.locator("h1").first.text_content() or ""
                title = " ".join(title.replace("\u00b6", "").split())  # without the ¶ link
                language = str(page.evaluate("document.documentElement.lang || 'en'"))
                page.pdf(
                    path=str(target),
                    format=PAPER,
                    print_background=True,
                    display_header_footer=True,
                    header_template="<div></div>",
                    footer_template=footer(title, language),
                )
                log.info("wrote %s", target)
                written.append(target)
        finally:
            browser.close()
    return written


def check_out_dir(out_dir: Path) -> None:
    """Raise a BuildError that says why ``out_dir`` cannot take the PDFs (an existing file)."""
    if out_dir.exists() and not out_dir.is_dir():
        raise BuildError(
            f"{out_dir} is a file: --out names a folder, which gets one PDF per domain "
            "(for example --out dist/pdf)"
        )


def _make_out_dir(out_dir: Path) -> None:
    """Create the PDF folder, or say in words why ``--out`` cannot be one."""
    check_out_dir(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BuildError(f"cannot make the PDF folder {out_dir}: {error.strerror}") from error


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    return (parts.scheme, parts.hostname, parts.port)


def only_origin(base: str) -> Callable[[Route], None]:
    """A route handler that lets the browser load ``base``'s origin only.

    Only the site's own server: another port on 127.0.0.1 is another program, and a page
    printed from the site has no business asking it anything.
    """
    allowed = _origin(base)

    def handle(route: Route) -> None:
        if _origin(route.request.url) == allowed:
            route.continue_()
        else:
            log.warning("blocked a request outside the site: %s", route.request.url)
            route.abort("blockedbyclient")

    return handle
