"""Which modules a page links: the attribute that marks each module's widget or page kind."""

from __future__ import annotations

import pytest

from generator.assets.bundle import MODULES, modules_of


@pytest.mark.parametrize(
    ("page", "names"),
    [
        ('<div class="ss-tree" data-ss-tree="t1">', ["tree"]),
        ("<div data-ss-table>", ["table"]),
        ("<div\n\tdata-ss-progress\n>", ["progress"]),
        # The exam page's mark is also one of the review schedule's (it comes first).
        ('<div data-ss-exam-page data-ss-tree="x"></div>', ["schedule", "exam", "tree"]),
        ("<div data-ss-review>", ["schedule", "review"]),
        # Not the attribute: another attribute that starts with it, text, the page's end.
        ('<div data-ss-tree-id="x" data-ss-tables>', []),
        ("Write data-ss-tree, in the text.", []),
        ("data-ss-tree> at the start", []),
        ("at the end data-ss-tree", []),
        ("", []),
    ],
)
def test_a_page_links_the_modules_whose_mark_it_holds(page: str, names: list[str]) -> None:
    assert [m.name for m in modules_of(page)] == names


def test_each_module_is_found_on_a_long_page_past_many_near_misses() -> None:
    near = " data-ss-treex data-ss-tabl data-ss-exam-pages" * 5000
    for module in MODULES:
        # The module, and any other whose marks hold the same attribute, in MODULES's order.
        sharing = [m for m in MODULES if module.mark in m.marks]
        assert module in sharing
        assert modules_of(f"{near} {module.mark}>") == sharing
