"""The benchmark's mkdocs-quiz project compares like with like: the same theme, the same questions."""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config import load_config

from tests.support.mkdocs_quiz_bank import write_project
from tests.support.project import ROOT


def test_the_comparison_project_has_this_projects_theme_and_every_question(
    tmp_path: Path,
    bundled_bank,
) -> None:
    written = write_project(ROOT / "data", tmp_path)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))

    # The theme as MkDocs reads this project's mkdocs.yml. The palette with its light/dark
    # toggle is part of it: the comparison once left it out, and Material restyled only this
    # project's pages for it as they loaded.
    ours = load_config(str(ROOT / "mkdocs.yml")).theme
    theirs = config["theme"]
    assert theirs["name"] == ours.name == "material"
    for setting in ("features", "palette", "font", "language"):
        assert theirs[setting] == ours[setting], setting
    assert [p.get("scheme") for p in theirs["palette"]] == [None, "default", "slate"]
    assert "custom_dir" not in theirs
    assert any("mkdocs_quiz" in plugin for plugin in config["plugins"] if isinstance(plugin, dict))

    bank = bundled_bank
    questions = sum(len(content.questions) for content in bank.domains)
    assert written["questions"] == questions
    # Each question on its topic page and on its domain's practice page.
    pages = sorted(tmp_path.glob("docs/*/*.md"))
    assert sum(page.read_text(encoding="utf-8").count("<quiz>") for page in pages) >= 2 * questions
