"""Downloads on the site: each domain's Anki deck and CSV, linked from its overview.

``python -m generator downloads`` writes them into ``docs/downloads/`` (the Pages workflow
runs it before ``mkdocs build``, so MkDocs publishes them as static files). A domain overview
links only the files that exist when its page is generated, so a build without them (a local
``--strict`` build, the offline copy) has no link that could break.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.assets.catalog import Catalog
from generator.content.model import Bank
from generator.formats import formats, select, write_atomically

FOLDER = "downloads"


@dataclass(frozen=True)
class Download:
    """A file offered on the site, by its export format."""

    format: str


DOWNLOADS = (Download("anki"), Download("csv"))


def download_texts(fmt: str, catalog: Catalog) -> tuple[str, str]:
    """A download's title and what a learner is told it holds."""
    texts = {
        "anki": (catalog.t("downloads.anki"), catalog.t("downloads.anki_about")),
        "csv": (catalog.t("downloads.csv"), catalog.t("downloads.csv_about")),
    }
    return texts[fmt]


def download_path(bank: Bank, number: int, download: Download) -> str:
    """Where a domain's file sits under docs/ (and so on the site)."""
    suffix = formats()[download.format].suffix
    return f"{FOLDER}/{bank.exam.id}-domain-{number}{suffix}"


def find_downloads(docs_dir: Path, bank: Bank) -> dict[int, list[tuple[str, str]]]:
    """Per domain number, (format, path) of the downloads that exist under ``docs_dir``."""
    found: dict[int, list[tuple[str, str]]] = {}
    for content in bank.domains:
        number = content.domain.number
        for download in DOWNLOADS:
            path = download_path(bank, number, download)
            if (docs_dir / path).is_file():
                found.setdefault(number, []).append((download.format, path))
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
