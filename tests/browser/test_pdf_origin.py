"""Nothing lost, on paper: the PDF printer loads nothing but the site it prints (issue 12)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest

from generator.publishing.local_server import QuietHandler, serve_folder
from tests.support.project import ROOT
from tests.support.sites import fake_site


class CountingHandler(QuietHandler):
    """Counts the requests another local program's server gets."""

    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        CountingHandler.seen.append(self.path)
        super().do_GET()


def run(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **(env or {})},
    )


@pytest.mark.browser
def test_pdf_printer_loads_only_its_own_servers_origin(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "pixel.png").write_bytes(b"not really a png")
    with serve_folder(other, CountingHandler) as elsewhere:
        lure = elsewhere + "pixel.png"  # the same 127.0.0.1, another port
        site = fake_site(
            tmp_path / "site", f'<h1>Domain 7 study sheet</h1><img src="{lure}" alt="">'
        )
        out = tmp_path / "pdf"
        result = run(ROOT, "-m", "generator", "pdf", "--site", str(site), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"blocked a request outside the site: {lure}" in result.stderr
    assert CountingHandler.seen == []
    # The PDF, and the record of what the command wrote (so a rerun replaces only its own).
    assert sorted(p.name for p in out.iterdir()) == [".studysite-pdf", "domain-7-study-sheet.pdf"]
