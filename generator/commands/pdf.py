"""``pdf``: print each domain's study sheet to PDF with Chromium."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from generator.commands.common import Commands, Say, folder
from generator.config import DataFolder, exported
from generator.errors import BuildError


def add(commands: Commands, common: list[argparse.ArgumentParser]) -> None:
    """Register the command."""
    parser = commands.add_parser(
        "pdf", parents=common, help="print each domain's study sheet to PDF with Chromium"
    )
    parser.add_argument(
        "--site",
        type=Path,
        default=None,
        help="a built site to print (default: build the data folder's site first)",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("dist/pdf"), help="output folder (default: dist/pdf)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, say: Say) -> int:
    """Print the study sheets; say which files were written."""
    for pdf in pdfs(folder(args), args.site, args.out):
        say(f"wrote {pdf}")
    return 0


def pdfs(data: DataFolder, site: Path | None, out: Path) -> list[Path]:
    """Print the study sheets of ``site``, or of the data folder's site built for the run."""
    from generator.publishing.pdf import check_out_dir, write_pdfs

    check_out_dir(out)  # before a build of the whole site, not after
    if site is not None:
        return write_pdfs(site, out)
    with tempfile.TemporaryDirectory(prefix="studysite-pdf-") as temp:
        built = Path(temp) / "site"
        with exported(data):
            result = subprocess.run(
                [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(built)],
                capture_output=True,
                text=True,
                check=False,
            )
        if result.returncode != 0:
            raise BuildError(f"building the site of {data.path} failed:\n{result.stderr}")
        return write_pdfs(built, out)
