"""Export: the validated bank (or one domain of it) as one file of another format."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from generator.content.load import display_path
from generator.errors import BuildError, Problem
from generator.formats import exportable, formats, select, write_atomically
from generator.pipeline import check

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote."""

    path: Path
    questions: int
    size: int
    warnings: list[Problem]
    not_exported: list[tuple[str, str]] = field(default_factory=list)
    """Questions and case studies the format does not carry: (id, reason), listed by the command."""
    notes: list[tuple[str, str]] = field(default_factory=list)
    """What the writer changed on the way out: (id, note), listed by the command."""


def export_file(format_name: str, out: Path, data_dir: Path, domain: int | None) -> ExportReport:
    """Check ``data_dir`` and write its questions to ``out`` in format ``format_name``."""
    fmt = formats()[format_name]
    assert fmt.write is not None
    bank, warnings = check(data_dir)
    selected, left = exportable(select(bank, domain), fmt)
    data = fmt.write(selected)
    if out.is_dir():
        raise BuildError(f"{display_path(out)} is a folder: name the file to write")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(out, data, replace=True)
    except OSError as error:
        raise BuildError(f"cannot write {display_path(out)}: {error.strerror}") from None
    count = sum(len(d.questions) for d in selected.domains)
    log.debug("exported %d questions to %s", count, display_path(out))
    notes = fmt.notes(selected) if fmt.notes is not None else []
    return ExportReport(out, count, len(data), warnings, left, notes)
