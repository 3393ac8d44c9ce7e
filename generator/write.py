"""Write: put rendered files under docs/, touching only what changed.

A manifest remembers what the generator wrote, so files whose source is gone are removed
and hand-written files are never touched.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import BuildError

log = logging.getLogger(__name__)

MANIFEST = ".generated/manifest.json"


@dataclass
class WriteReport:
    """What a write did: files written, left as they were, and removed."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def read_manifest(docs_dir: Path) -> list[str]:
    """The files the generator last wrote into ``docs_dir`` (none when unreadable)."""
    try:
        data = json.loads((docs_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return (
        [p for p in data.get("files", []) if isinstance(p, str)] if isinstance(data, dict) else []
    )


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_files(files: dict[str, str], docs_dir: Path) -> WriteReport:
    """Write ``files`` (path under docs -> text) when changed; remove stale generated files."""
    report = WriteReport()
    previous = read_manifest(docs_dir)
    hand_written = [
        p for p in files if (docs_dir / p).exists() and p not in previous and p != MANIFEST
    ]
    if hand_written and previous:
        raise BuildError(
            f"refusing to overwrite hand-written files in {docs_dir}: "
            f"{', '.join(sorted(hand_written))}; move them or rename the generated pages"
        )
    try:
        for rel, text in sorted(files.items()):
            target = docs_dir / rel
            try:
                current = target.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                current = None
            if current == text:
                report.unchanged.append(rel)
                continue
            _write_atomic(target, text)
            report.written.append(rel)
        for rel in sorted(set(previous) - set(files)):
            stale = docs_dir / rel
            if stale.is_file():
                stale.unlink()
                report.removed.append(rel)
                _prune_empty(stale.parent, docs_dir)
        manifest = json.dumps({"files": sorted(files)}, indent=1) + "\n"
        if read_manifest(docs_dir) != sorted(files):
            _write_atomic(docs_dir / MANIFEST, manifest)
    except OSError as error:
        raise BuildError(f"cannot write the generated pages to {docs_dir}: {error}") from error
    log.info(
        "generated pages: %d written, %d unchanged, %d removed",
        len(report.written),
        len(report.unchanged),
        len(report.removed),
    )
    return report


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
