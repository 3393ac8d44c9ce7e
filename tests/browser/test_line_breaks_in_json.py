"""Issue 34, point 2: U+2028, U+2029, U+0085 and the other line-ending and control characters
in any text field leave every widget's JSON valid. One U+2028 in a tree's choice label or an
exam title stopped every decision tree or the practice exam from mounting ("Bad control
character in string literal"): the page tidying split lines at it, so the JSON in a data
attribute got a raw line break.

The characters go into every text field of the models (the hostile fixture), so the tree's
choice labels, questions, help and outcomes, the exam's and the domains' titles among them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from tests.support.exam_scripts import decode_script
from tests.support.hostile import hostile_data
from tests.support.project import FIXTURES, copy_project, mkdocs_build, serve

# Every character str.splitlines() ends a line at (\n and \r aside, which YAML folds), the
# other C0 controls YAML lets a double-quoted string hold, DEL, and a byte order mark.
LINE_ENDS = "\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e"
CONTROLS = LINE_ENDS + "\x01\x08\x1f\x7f\t\ufeff"
PAYLOAD = "A" + "B".join(CONTROLS) + "Z"


@pytest.fixture(scope="module")
def control_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("controls")
    data = hostile_data(FIXTURES / "mini", base / "data", PAYLOAD)
    (base / "project").mkdir()
    project = copy_project(base / "project", data)
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return base / "site"


@pytest.fixture(scope="module")
def served(control_site: Path) -> Iterator[str]:
    yield from serve(control_site)


def _json_attributes(site: Path) -> list[tuple[str, str, str]]:
    found = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                if (
                    name.startswith("data-ss-")
                    and isinstance(value, str)
                    and value.startswith(("{", "["))
                ):
                    found.append((str(path.relative_to(site)), name, value))
    return found


def _strings(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)


def test_every_widget_json_parses_and_keeps_the_characters(control_site: Path) -> None:
    attributes = _json_attributes(control_site)
    kinds = {name for _, name, _ in attributes}
    assert {"data-ss-tree-data", "data-ss-exam-config", "data-ss-progress-index"} <= kinds
    broken = []
    for page, name, value in attributes:
        try:
            data = json.loads(value)
        except json.JSONDecodeError as error:
            broken.append(f"{page} {name}: {error}")
            continue
        if name == "data-ss-tree-data":
            node = data["nodes"][data["start"]]
            outcome = next(iter(data["outcomes"].values()))
            for text in (node["choices"][0][0], node["question"], node["help"], outcome["why"]):
                assert all(c in text for c in LINE_ENDS), repr(text)
        if name == "data-ss-exam-config":
            for text in (data["title"], data["domains"][0]["title"]):
                assert all(c in text for c in LINE_ENDS), repr(text)
        # No raw line end of any kind is left in a JSON text that sits in the page.
        for char in "\n\r\x85\u2028\u2029":
            assert char not in value, f"{page} {name}: raw {char!r}"
    assert broken == []


def test_the_exam_data_scripts_parse_and_keep_the_characters(control_site: Path) -> None:
    scripts = sorted((control_site / "exam-data").glob("*.js"))
    assert scripts
    for script in scripts:
        _, data = decode_script(script.read_text(encoding="utf-8"))
        assert any(all(c in s for c in LINE_ENDS) for s in _strings(data["q"]))


@pytest.mark.browser
def test_the_widgets_mount_with_the_characters(served: str, browser: Any) -> None:
    context = browser.new_context()
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(served + "domain-1/processors/")
        tree = page.locator("[data-ss-tree][data-ss-ready]")
        tree.wait_for(timeout=10_000)
        buttons = tree.locator(".ss-tree__app button")
        assert buttons.count() > 0
        label = buttons.first.inner_text()
        assert "A" in label and "Z" in label  # the data's text, read from the JSON
        buttons.first.click()
        page.goto(served + "exam/")
        page.wait_for_selector("[data-ss-exam-page][data-ss-ready]", timeout=10_000)
        page.get_by_role("button", name="Start the mock exam").click()
        page.wait_for_selector("[data-ss-question] input", timeout=10_000)
        page.goto(served + "progress/")
        page.wait_for_selector("[data-ss-progress][data-ss-ready]", timeout=10_000)
        failed = page.evaluate("() => document.querySelectorAll('[data-ss-failed]').length")
        assert failed == 0
    finally:
        context.close()
    assert errors == []
