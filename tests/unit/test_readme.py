"""The README is for users: short, and every file it points at is there.

What the README's YAML examples must hold is tested with the schemas (test_schema.py); its
performance table is tested with the benchmark's command (test_bench_readme.py).
"""

from __future__ import annotations

import re

from tests.support.project import ROOT

README = ROOT / "README.md"
MAX_BYTES = 16 * 1024


def test_the_readme_is_at_most_16_kb() -> None:
    size = len(README.read_bytes())
    assert size <= MAX_BYTES, f"README.md is {size:,} bytes, over {MAX_BYTES:,}"


def test_every_screenshot_is_a_small_png() -> None:
    shots = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", README.read_text(encoding="utf-8"))
    assert shots, "the README shows the site"
    for shot in shots:
        path = ROOT / shot
        assert path.suffix == ".png" and path.is_file(), shot
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", shot
        assert path.stat().st_size <= 60_000, f"{shot}: optimise it (pngquant, optipng)"


def _local_links(text: str) -> list[str]:
    targets = re.findall(r"\]\(([^)\s]+)\)", text)
    return [t.split("#")[0] for t in targets if not re.match(r"[a-z]+:|#", t)]


def test_every_file_the_readme_links_to_exists() -> None:
    links = _local_links(README.read_text(encoding="utf-8"))
    assert "CHANGELOG.md" in links
    missing = [link for link in links if not (ROOT / link).exists()]
    assert missing == []


def test_the_readme_keeps_no_journal() -> None:
    """Dated runs and what-changed lists belong in CHANGELOG.md and the benchmark's output."""
    text = README.read_text(encoding="utf-8")
    # The performance table says when it was measured: it is generated (test_bench_readme.py).
    text = re.sub(r"<!-- bench:start -->.*<!-- bench:end -->", "", text, flags=re.DOTALL)
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text), "a date: move it to CHANGELOG.md"
    assert "What changed" not in text


def test_the_changelog_has_an_upgrading_section_for_each_version_that_needs_one() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[(\d+\.\d+\.\d+)\]", text, flags=re.MULTILINE)
    assert versions == sorted(versions, key=lambda v: [int(p) for p in v.split(".")], reverse=True)
    assert "### Upgrading" in text


def test_design_notes_beside_the_code_exist() -> None:
    notes = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("README.md"))
    assert "generator/README.md" in notes
    for note in notes:
        for link in _local_links((ROOT / note).read_text(encoding="utf-8")):
            assert (ROOT / note).parent.joinpath(link).exists(), f"{note}: {link}"


def test_the_readme_lists_every_option_of_the_plugin() -> None:
    from generator.plugin.options import StudySiteConfig

    text = README.read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(\w+)` \|", text, flags=re.MULTILINE)  # the options table
    assert rows == [key for key, _ in StudySiteConfig._schema]


def test_the_readme_lists_every_command() -> None:
    from generator.commands import VERBS

    text = README.read_text(encoding="utf-8")
    for verb in VERBS:
        name = verb.__name__.rsplit(".", 1)[1].rstrip("_").replace("_", "-")
        assert f"`studysite {name}" in text, name
