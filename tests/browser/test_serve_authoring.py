"""Under `mkdocs serve`: the folder the setting names is watched, and data errors show in the page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.assets.catalog import load_catalog
from generator.plugin.plugin import error_panel
from tests.support.project import FIXTURES, copy_project, mkdocs_serve, screenshot_path


def test_error_panel_escapes_what_it_shows() -> None:
    panel = error_panel(["data/exam.yml:3: title: <script>alert(1)</script>"], load_catalog())
    assert "<script>" not in panel
    assert "data/exam.yml:3: title: &lt;script&gt;alert(1)&lt;/script&gt;" in panel
    assert "The study data has 1 problem.</strong>" in panel


@pytest.fixture
def named_folder_project(tmp_path: Path) -> Path:
    """A project whose setting names ``exams/mine`` (the mini fixture), not ``data``."""
    project = copy_project(tmp_path)
    shutil.copytree(FIXTURES / "mini", project / "exams" / "mine")
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "      data: data\n" in text
    config.write_text(text.replace("      data: data\n", "      data: exams/mine\n"))
    return project


@pytest.mark.browser
def test_serve_reloads_on_an_edit_in_the_named_folder_and_shows_data_errors(
    named_folder_project: Path, page: object
) -> None:
    content = named_folder_project / "exams" / "mine" / "domain-1" / "content.yml"
    with mkdocs_serve(named_folder_project) as url:
        page.goto(url + "domain-1/processors/")  # type: ignore[attr-defined]
        heading = page.locator("article h1").first  # type: ignore[attr-defined]
        assert heading.inner_text().removesuffix("¶") == "Processors"

        # An edit in the named folder reloads the open page by itself.
        good = content.read_text()
        content.write_text(good.replace("title: Processors", "title: Processing units", 1))
        heading.filter(has_text="Processing units").wait_for(timeout=60_000)

        # A data error: the page reloads with the errors on top of the last good pages.
        edited = content.read_text()
        content.write_text(edited.replace("    choose: 2", "    choose: two", 1))
        panel = page.locator("#ss-data-errors")  # type: ignore[attr-defined]
        panel.wait_for(timeout=60_000)
        assert panel.get_attribute("role") == "alert"
        assert panel.locator("li").all_inner_texts() == [
            "exams/mine/domain-1/content.yml:82: questions[1].choose: expected a valid integer, "
            "found 'two'"
        ]
        assert heading.inner_text().removesuffix("¶") == "Processing units"
        page.screenshot(path=str(screenshot_path("serve-data-error.png")))  # type: ignore[attr-defined]

        # Fixed: the page reloads once more and the errors are gone.
        content.write_text(edited)
        panel.wait_for(state="detached", timeout=60_000)
        assert heading.inner_text().removesuffix("¶") == "Processing units"


@pytest.mark.browser
def test_serve_starts_with_broken_data_and_shows_the_errors(
    named_folder_project: Path, page: object
) -> None:
    exam = named_folder_project / "exams" / "mine" / "exam.yml"
    exam.write_text(exam.read_text().replace("minutes: 30", "minutes: soon"))
    with mkdocs_serve(named_folder_project) as url:
        page.goto(url)  # type: ignore[attr-defined]
        panel = page.locator("#ss-data-errors")  # type: ignore[attr-defined]
        assert panel.locator("li").all_inner_texts() == [
            "exams/mine/exam.yml:9: minutes: expected a valid integer, found 'soon'"
        ]
        exam.write_text(exam.read_text().replace("minutes: soon", "minutes: 30"))
        panel.wait_for(state="detached", timeout=60_000)
        assert "Demo Certification" in page.locator("article").inner_text()  # type: ignore[attr-defined]
