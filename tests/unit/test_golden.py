"""Golden tests: the Markdown rendered from the mini fixture, byte for byte.

After an intended template change, review the diff and refresh with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/test_golden.py``.
"""

from __future__ import annotations

import os

import pytest

from generator.content.load import load_bank
from generator.site.layout import build_site
from generator.site.render import render_pages
from tests.support.project import FIXTURES, GOLDEN

GOLDEN_MINI = GOLDEN / "mini"


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    return render_pages(build_site(load_bank(FIXTURES / "mini")))


def test_golden_files_match(rendered: dict[str, str]) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN_MINI.rglob("*.md"):
            old.unlink()
        for path, text in rendered.items():
            target = GOLDEN_MINI / path.replace(".generated/", "_generated/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    expected = {
        str(p.relative_to(GOLDEN_MINI)).replace("_generated/", ".generated/"): p.read_text(
            encoding="utf-8"
        )
        for p in GOLDEN_MINI.rglob("*.md")
    }
    assert sorted(rendered) == sorted(expected)
    for path, text in rendered.items():
        assert text == expected[path], f"{path} differs from tests/golden/mini/{path}"


def test_rendering_is_deterministic(rendered: dict[str, str]) -> None:
    again = render_pages(build_site(load_bank(FIXTURES / "mini")))
    assert again == rendered
