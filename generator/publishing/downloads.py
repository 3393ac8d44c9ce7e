"""Downloads on the site: each domain's Anki deck and CSV, linked from its overview.

``python -m generator downloads`` writes them into ``docs/downloads/`` (the Pages workflow
runs it before ``mkdocs build``, so MkDocs publishes them as static files). A domain overview
links only the files that exist when its page is generated, so a build without them (a local
``--strict`` build, the offline copy) has no link that could break.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.content.model import Bank
from generator.formats import formats, select, write_atomically

FOLDER = "downloads"


@dataclass(frozen=True)
class Download:
    """A file offered on the site: the export format and what a learner is told about it."""

    format: str
    title: str
    what: str


DOWNLOADS = (
    Download(
        "anki",
        "Anki deck",
        "every question as a flash card; importing a newer deck updates the cards and keeps "
        "your review history",
    ),
    Download("csv", "Spreadsheet (CSV)", "every question, its options and explanations"),
)


def download_path(bank: Bank, number: int, download: Download) -> str:
    """Where a domain's file sits under docs/ (and so on the site)."""
    suffix = formats()[download.format].suffix
    return f"{FOLDER}/{bank.exam.id}-domain-{number}{suffix}"


def find_downloads(docs_dir: Path, bank: Bank) -> dict[int, list[tuple[str, str, str]]]:
    """Per domain number, (title, what, path) of the downloads that exist under ``docs_dir``."""
    found: dict[int, list[tuple[str, str, str]]] = {}
    for content in bank.domains:
        number = content.domain.number
        for download in DOWNLOADS:
            path = download_path(bank, number, download)
            if (docs_dir / path).is_file():
                found.setdefault(number, []).append((download.title, download.what, path))
    return found


def write_downloads(bank: Bank, docs_dir: Path) -> list[Path]:
    """Write every domain's downloads under ``docs_dir``; return the files written."""
    written = []
    for content in bank.domains:
        number = content.domain.number
        selected = select(bank, number)
        for download in DOWNLOADS:
            writer = formats()[download.format].write
            assert writer is not None
            target = docs_dir / download_path(bank, number, download)
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(target, writer(selected), replace=True)
            written.append(target)
    return written
