"""Pages holding every question type, in Chromium, before the types' widgets exist.

The core quiz answers multiple choice and true/false (a case study's included) and leaves
the other types alone: their static form and answer stay readable, and nothing on the page
throws. Print shows the static forms, and the answers only in the key at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.project import FIXTURES, copy_project, mkdocs_build, serve


@pytest.fixture(scope="module")
def mini_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("project"), FIXTURES / "mini")
    out = project / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    yield from serve(out)


def open_page(page: Any, url: str) -> list[str]:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector(".ss-quiz--live")
    return errors


def test_choice_and_true_false_mount_the_other_types_show_their_answer(
    page: Any, mini_url: str
) -> None:
    errors = open_page(page, mini_url + "domain-2/questions/")
    assert errors == []
    # True/false and the case study's multiple-choice question are the core quiz's.
    for qid in ("q-tf-ssd", "case-desk-cable"):
        assert page.locator(f'[data-ss-question="{qid}"] button.ss-choice__btn').count() == 2
    tf = page.locator('[data-ss-question="q-tf-ssd"]')
    tf.get_by_role("button", name="False").click()
    assert "Correct" in tf.locator(".ss-result").inner_text()
    # The others keep their static form and the answer under "Show the answer".
    for qid in ("q-order-backup", "q-match-cables", "q-num-pins", "q-short-plug"):
        section = page.locator(f'[data-ss-question="{qid}"]')
        assert section.locator("button.ss-choice__btn").count() == 0
        details = section.locator("details.ss-answer")
        assert details.is_visible(), qid
        details.locator("summary").click()
        assert "Answer:" in details.inner_text()
    # The case study's scenario is shown once, before its first question.
    assert page.locator(".ss-case__scenario").count() == 1
    scenario = page.locator(".ss-case__scenario").bounding_box()
    first = page.locator('[data-ss-question="case-desk-cable"]').bounding_box()
    assert scenario is not None and first is not None and scenario["y"] < first["y"]


def test_print_shows_static_forms_and_keys_only_in_the_answer_key(page: Any, mini_url: str) -> None:
    open_page(page, mini_url + "domain-2/cables/")
    page.emulate_media(media="print")
    text = page.locator("article").inner_text()
    key_at = text.index("Answer key")
    before, key = text[:key_at], text[key_at:]
    assert "Case study: A new desk" in before
    assert "Pick the HDMI input on the monitor" in before  # an item of the ordering
    assert "Mains power" in before  # an answer offered by the matching question
    assert "That is the plug's formal name." not in before
    assert "Question 1: 1 B, 2 B and 3 A" in key
    assert "Question 3: RJ45 or 8P8C" in key
