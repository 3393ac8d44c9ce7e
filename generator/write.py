"""Write: put rendered files under docs/, touching only what changed.

A manifest remembers what the generator wrote, so files whose source is gone are removed
and hand-written files are never touched. It is written before the pages too, listing every
page the run may write: a run killed half-way leaves no page the next run would take for a
hand-written one.
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


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp makes the file private; a page is read by whoever serves or hosts it.
        Path(tmp).chmod(0o666 & ~_UMASK)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_files(files: dict[str, str], docs_dir: Path) -> WriteReport:
    """Write ``files`` (path under docs -> text) when changed; remove stale generated files."""
    report = WriteReport()
    previous = read_manifest(docs_dir)
    refuse_to_replace_hand_written(files, docs_dir, previous)
    try:
        # The manifest first lists every page this run may write, so that a run killed before
        # its end (between its last page and the final manifest, say) leaves pages that the
        # next run knows as its own, and replaces after an edit of the data (issue 34).
        pending = sorted(set(previous) | set(files))
        if pending != sorted(previous):
            _write_atomic(docs_dir / MANIFEST, json.dumps({"files": pending}, indent=1) + "\n")
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


def refuse_to_replace_hand_written(
    files: dict[str, str], docs_dir: Path, previous: list[str]
) -> None:
    """Raise :class:`BuildError` if ``files`` would replace files the generator did not write.

    Also what the MkDocs plugin checks before it hands its in-memory pages to MkDocs in place of
    the files in ``docs/``.
    """
    hand_written = _not_ours(files, docs_dir, previous)
    if hand_written:
        raise BuildError(
            f"refusing to overwrite {', '.join(str(docs_dir / p) for p in hand_written)}: "
            f"the generator did not write {'it' if len(hand_written) == 1 else 'them'} "
            f"(not listed in {docs_dir / MANIFEST}) and would replace "
            f"{'it' if len(hand_written) == 1 else 'them'} with a generated page; "
            "move or rename the file, or delete it if it is an old generated page"
        )


def _not_ours(files: dict[str, str], docs_dir: Path, previous: list[str]) -> list[str]:
    """Files the generator would replace although it did not write them.

    With no manifest yet (a fresh checkout) nothing is known to be the generator's, so any
    existing file that differs from the page it would get is refused: the first build must
    not overwrite a hand-written ``docs/glossary.md``. A file that already holds exactly the
    generated text loses nothing.
    """
    known = set(previous)
    refused = []
    for rel, text in sorted(files.items()):
        target = docs_dir / rel
        if rel == MANIFEST or rel in known or not target.exists():
            continue
        try:
            same = target.is_file() and target.read_text(encoding="utf-8") == text
        except (OSError, UnicodeDecodeError):
            same = False
        if not same:
            refused.append(rel)
    return refused


def _prune_empty(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
