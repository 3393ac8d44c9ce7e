"""``pdf``: print each domain's study sheet to PDF with Chromium."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from generator.commands.common import Commands, Say, project
from generator.errors import BuildError

DOWNLOADS = "downloads"
"""Where ``--publish`` prints the PDFs, inside the site (the study sheets link them there)."""


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
        if args.site is not None:
            written = write_pdfs(args.site, out)
        else:
            with tempfile.TemporaryDirectory(prefix="studysite-pdf-") as temp:
                built = Path(temp) / "site"
                found = project(args, need_plugin=True, site_dir=str(built), strict=True)
                found.plugin_for_build().config.pdf_downloads = False
                build_site(found, what=f"the site of {found.data.path}")
                written = write_pdfs(built, out)
    for pdf in written:
        say(f"wrote {pdf}")
    return 0
