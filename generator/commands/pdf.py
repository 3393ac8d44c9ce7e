"""``pdf``: print each domain's study sheet to PDF with Chromium."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from generator.commands.common import Commands, Say, project
from generator.commands.outputs import Record, check_output_folder
from generator.config import Project, relative
from generator.errors import BuildError

DOWNLOADS = "downloads"
"""Where ``--publish`` prints the PDFs, inside the site (the study sheets link them there)."""
RECORD = ".studysite-pdf"
"""The record of the PDFs a run wrote into ``--out`` (:class:`~generator.commands.outputs.Record`):
a later run replaces them, and a PDF of the same name that it did not write only with
``--force``."""


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "pdf",
        parents=common,
        help="print each domain's study sheet to PDF with Chromium",
        description="Print the study sheets of a built site (--site), of the site built for "
        "the run, or (--publish DIR) build the site into DIR with each study sheet linking its "
        "PDF and print the PDFs into DIR/downloads, as the Pages workflow does.",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--site",
        type=Path,
        default=None,
        help="a built site to print (default: build the data folder's site first)",
    )
    where.add_argument(
        "--publish",
        type=Path,
        default=None,
        metavar="DIR",
        help="build the site into DIR, its study sheets linking their PDFs, and print the "
        "PDFs into DIR/downloads",
    )
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: dist/pdf)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace PDFs of the same names in --out that an earlier run did not write",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Print the study sheets; say which files were written."""
    from generator.publishing.pdf import check_out_dir, write_pdfs
    from generator.publishing.site_build import build_site

    if args.publish is not None:
        if args.out is not None:
            raise BuildError("--publish prints into DIR/downloads: leave out --out")
        site: Path = args.publish
        found = project(args, need_plugin=True, site_dir=str(site.resolve()), strict=True)
        found.plugin_for_build().config.pdf_downloads = True
        build_site(found, what=f"the site of {found.data.path}")
        written = write_pdfs(site, site / DOWNLOADS)
    else:
        out: Path = args.out or Path("dist/pdf")
        check_out_dir(out)  # before a build of the whole site, not after
        record = Record.read(out, RECORD)
        if args.site is not None:
            check_pdf_folder(out, project(args))
            record.refuse_foreign(_pdfs(args.site, out), force=args.force)
            written = write_pdfs(args.site, out)
        else:
            with tempfile.TemporaryDirectory(prefix="studysite-pdf-") as temp:
                built = Path(temp) / "site"
                found = project(args, need_plugin=True, site_dir=str(built), strict=True)
                check_pdf_folder(out, found)
                found.plugin_for_build().config.pdf_downloads = False
                build_site(found, what=f"the site of {found.data.path}")
                record.refuse_foreign(_pdfs(built, out), force=args.force)
                written = write_pdfs(built, out)
        record.add(written)
    for pdf in written:
        say(f"wrote {pdf}")
    return 0


def check_pdf_folder(out: Path, found: Project) -> None:
    """Refuse an ``--out`` folder in the data or docs folder, or one holding the data folder.

    Raises:
        BuildError: naming the folder and what to choose.
    """
    check_output_folder(out, found, what="the PDFs")
    docs = found.docs_dir.resolve()
    if out.resolve().is_relative_to(docs):
        raise BuildError(
            f"refusing to write the PDFs into {relative(out)}: it is inside the docs folder "
            f"{relative(docs)}; use --publish DIR to put them into a built site, or --out "
            "dist/pdf"
        )


def _pdfs(site: Path, out: Path) -> list[Path]:
    """The PDFs that printing the study sheets of ``site`` writes into ``out``."""
    from generator.publishing.pdf import pdf_name, study_sheets

    if not site.is_dir():
        return []  # write_pdfs says what is wrong with the site
    return [out / pdf_name(site, sheet) for sheet in study_sheets(site)]
