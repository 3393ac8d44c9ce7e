"""Decision trees in Chromium: every path of every tree, the trail, Back and Restart, the
fragment, the keyboard, instant navigation, several trees on a page, no JavaScript, print.

The paths are enumerated from the data (``data/``), not listed by hand.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from generator.assets.catalog import load_catalog
from generator.content.model import Bank, Tree
from generator.site.diagram import layout, plain
from generator.site.layout import Site
from generator.site.widgets.tree import outcome_section
from tests.support.browsing import wait_until
from tests.support.project import screenshot_path
from tests.support.trees import Path_, instant_navigation, outline_paths, paths, tree_pages, url_of

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def trees(bundled_bank: Bank, bundled_site: Site) -> dict[str, tuple[Tree, str]]:
    """Each tree of the bundled site and the URL of the topic page that shows it."""
    return tree_pages(bundled_bank, bundled_site)


@pytest.fixture(scope="module")
def longest(trees: dict[str, tuple[Tree, str]]) -> tuple[Tree, str, Path_]:
    """The tree, page and its last (rightmost) path with the most steps."""
    tree, url = max(trees.values(), key=lambda tu: max(len(p.steps) for p in paths(tu[0])))
    return tree, url, max(reversed(paths(tree)), key=lambda p: len(p.steps))


def text(locator: Any) -> str:
    return " ".join((locator.text_content() or "").split())


def question_of(tree: Tree, node: str) -> str:
    return plain(next(n for n in tree.nodes if n.id == node).question)


def label_of(tree: Tree, node: str, index: int) -> str:
    return plain(next(n for n in tree.nodes if n.id == node).choices[index].label)


def hash_of(page: Any) -> str:
    return str(page.evaluate("decodeURIComponent(location.hash)"))


def open_tree(page: Any, url: str, tree: Tree) -> Any:
    page.goto(url)
    widget = page.locator(f"#tree-{tree.id}")
    expect(widget.locator(".ss-tree__app")).to_be_visible()
    return widget


def walk(widget: Any, tree: Tree, path: Path_) -> None:
    """Answer each question of ``path``, checking the question and the button first."""
    for number, (node, index) in enumerate(path.steps, start=1):
        assert text(widget.locator(".ss-tree__legend")) == (
            f"Question {number}: {question_of(tree, node)}"
        )
        options = widget.locator(".ss-tree__option")
        assert options.count() == len(next(n for n in tree.nodes if n.id == node).choices)
        assert text(options.nth(index)) == label_of(tree, node, index)
        options.nth(index).click()


def test_trees_come_from_the_data(trees) -> None:
    assert trees, "the data has no decision tree on any topic page"
    assert sum(len(paths(t)) for t, _ in trees.values()) >= len(trees) * 2


def test_every_path_reaches_its_outcome(
    page: Any, site_url: str, bundled_tree_id: str, trees: dict[str, tuple[Tree, str]], bundled_site
) -> None:
    tree, url = trees[bundled_tree_id]
    widget = open_tree(page, site_url + url, tree)
    for path in paths(tree):
        walk(widget, tree, path)
        card = widget.locator(".ss-tree__card")
        expect(card).to_be_visible()
        assert text(card.locator(".ss-tree__result")) == f"Answer: {plain(path.outcome.answer)}"
        assert plain(path.outcome.why) in text(card)
        links = card.locator("a").evaluate_all(
            "els => els.map(a => [a.textContent.trim(), new URL(a.href).pathname, "
            "new URL(a.href).hash])"
        )
        topic_url = "/" + url_of(bundled_site.topic_pages[path.outcome.topic])
        section = outcome_section(bundled_site, path.outcome.topic, path.outcome.answer)
        if section:
            # The section that explains the answer, not the top of a page.
            assert links.pop(0) == [f"Read: {section[0]}", topic_url, f"#{section[1]}"]
        elif topic_url != "/" + url:
            assert links.pop(0) == [
                f"Read: {bundled_site.topic_titles[path.outcome.topic]}",
                topic_url,
                "",
            ]
        if path.outcome.row:
            row = path.outcome.row
            assert links[0][0].startswith("Compare:")
            assert links[0][1:] == [
                "/" + url_of(bundled_site.table_pages[row.table]),
                f"#{row.table}--{row.item}",
            ]
        else:
            assert links == []
        # The trail names every answer given, in order.
        crumbs = widget.locator(".ss-tree__crumb")
        assert crumbs.count() == len(path.steps)
        for i, (node, index) in enumerate(path.steps):
            assert text(crumbs.nth(i)).endswith(label_of(tree, node, index))
        assert hash_of(page) == f"#tree-{tree.id}={path.fragment}"
        # The diagram shows the same path.
        here = widget.locator(".ss-diagram .ss-here rect")
        assert here.count() == 1
        widget.locator(".ss-tree__restart").click()
        assert hash_of(page) == ""


def test_back_restart_and_the_trail(page: Any, site_url: str, longest) -> None:
    tree, url, path = longest
    assert len(path.steps) >= 2
    widget = open_tree(page, site_url + url, tree)
    back = widget.locator(".ss-tree__back")
    restart = widget.locator(".ss-tree__restart")
    trail = widget.locator(".ss-tree__trail")
    assert back.is_disabled() and restart.is_disabled() and trail.is_hidden()
    walk(widget, tree, path)
    assert widget.locator(".ss-tree__card").is_visible()

    back.click()
    last_node, _ = path.steps[-1]
    legend = widget.locator(".ss-tree__legend")
    assert text(legend) == f"Question {len(path.steps)}: {question_of(tree, last_node)}"
    assert page.evaluate("document.activeElement.classList.contains('ss-tree__legend')")
    assert widget.locator(".ss-tree__crumb").count() == len(path.steps) - 1
    assert hash_of(page) == f"#tree-{tree.id}=" + ",".join(f"{n}:{i}" for n, i in path.steps[:-1])

    # A step of the trail returns to the question it answered.
    widget.locator(".ss-tree__crumb").nth(0).click()
    assert text(legend) == f"Question 1: {question_of(tree, tree.start)}"
    assert trail.is_hidden() and back.is_disabled() and restart.is_disabled()
    assert hash_of(page) == ""

    walk(widget, tree, path)
    widget.locator(".ss-tree__crumb").nth(1).click()
    assert text(legend) == f"Question 2: {question_of(tree, path.steps[1][0])}"
    assert widget.locator(".ss-tree__crumb").count() == 1

    restart.click()
    assert text(legend) == f"Question 1: {question_of(tree, tree.start)}"
    assert page.evaluate("document.activeElement.classList.contains('ss-tree__legend')")
    assert hash_of(page) == ""


def test_an_outcome_link_to_this_page_keeps_the_path(
    page: Any, site_url: str, trees, bundled_site
) -> None:
    # An outcome whose section and table row are on the tree's own page.
    found = [
        (tree, url, path)
        for tree, url in trees.values()
        for path in paths(tree)
        if outcome_section(bundled_site, path.outcome.topic, path.outcome.answer)
        and "/" + url_of(bundled_site.topic_pages[path.outcome.topic]) == "/" + url
        and path.outcome.row
    ]
    assert found, "no outcome links to a section of its own page"
    tree, url, path = found[0]
    widget = open_tree(page, site_url + url, tree)
    walk(widget, tree, path)
    fragment = f"#tree-{tree.id}={path.fragment}"
    section = outcome_section(bundled_site, path.outcome.topic, path.outcome.answer)
    assert section
    widget.locator(".ss-tree__card a", has_text="Read:").click()
    assert hash_of(page) == fragment
    heading = page.locator(f"#{section[1]}")
    expect(heading).to_be_in_viewport()
    assert page.evaluate("document.activeElement.id") == section[1]
    widget.locator(".ss-tree__card a", has_text="Compare:").click()
    assert hash_of(page) == fragment
    row = page.locator(".ss-row--target")
    expect(row).to_have_count(1)
    expect(row).to_be_in_viewport()
    # The walk is still where it was.
    expect(widget.locator(".ss-tree__card")).to_be_visible()


def test_the_diagram_box_is_a_labelled_focusable_region(browser: Any, site_url: str, trees) -> None:
    tree, url = next(iter(trees.values()))
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        widget = open_tree(page, site_url + url, tree)
        box = widget.locator(".ss-tree__diagram")
        assert box.get_attribute("role") == "region"
        assert (
            box.get_attribute("aria-label") == f"Diagram of the decision tree: {plain(tree.title)}"
        )
        box.focus()
        assert page.evaluate("document.activeElement.classList.contains('ss-tree__diagram')")
        # On a phone the diagram is wider than its box: the keyboard scrolls it.
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        before = box.evaluate("b => b.scrollLeft")
        page.keyboard.press("ArrowRight")
        wait_until(page, f"b => b.scrollLeft != {before}", box.element_handle())
    finally:
        context.close()


def test_reload_and_a_shared_link_restore_the_path(
    page: Any, browser: Any, site_url: str, longest
) -> None:
    tree, url, path = longest
    widget = open_tree(page, site_url + url, tree)
    walk(widget, tree, path)
    shared = page.url
    assert shared.endswith(f"#tree-{tree.id}={path.fragment}")
    answer = f"Answer: {plain(path.outcome.answer)}"

    page.reload()
    expect(widget.locator(".ss-tree__result")).to_have_text(re.compile(re.escape(answer)))
    assert widget.locator(".ss-tree__crumb").count() == len(path.steps)
    assert widget.locator(".ss-tree__back").is_enabled()
    widget.locator(".ss-tree__back").click()
    assert widget.locator(".ss-tree__legend").is_visible()

    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        fresh = other.new_page()
        fresh.goto(shared)
        card = fresh.locator(f"#tree-{tree.id} .ss-tree__result")
        expect(card).to_have_text(re.compile(re.escape(answer)))
        assert card.is_visible()
        # A path that no longer fits the tree falls back to its longest valid start.
        fresh.goto(site_url + url + f"#tree-{tree.id}={path.steps[0][0]}:{path.steps[0][1]},nope:7")
        fresh.reload()
        expect(fresh.locator(f"#tree-{tree.id} .ss-tree__crumb")).to_have_count(1)
    finally:
        other.close()


def test_several_trees_on_one_page_work_independently(
    page: Any, site_url: str, built_site: Path, bundled_site
) -> None:
    pages = [
        f
        for f in built_site.rglob("index.html")
        if len(BeautifulSoup(f.read_text(encoding="utf-8"), "html.parser").select("[data-ss-tree]"))
        > 1
    ]
    assert pages, "no page shows two decision trees (the study sheet should)"
    url = site_url + str(pages[0].parent.relative_to(built_site)) + "/"
    page.goto(url)
    widgets = page.locator(".ss-tree--live")
    expect(widgets.first).to_be_visible()
    first_id = widgets.nth(0).get_attribute("data-ss-tree")
    second_id = widgets.nth(1).get_attribute("data-ss-tree")
    first, second = bundled_site.trees[first_id], bundled_site.trees[second_id]
    a, b = paths(first)[0], paths(second)[-1]
    walk(widgets.nth(0), first, a)
    walk(widgets.nth(1), second, Path_(b.steps[:1], b.outcome))
    assert (
        hash_of(page)
        == f"#tree-{first.id}={a.fragment}&tree-{second.id}={b.fragment.split(',')[0]}"
    )

    page.reload()
    expect(widgets.nth(0).locator(".ss-tree__card")).to_be_visible()
    assert text(widgets.nth(0).locator(".ss-tree__result")) == f"Answer: {plain(a.outcome.answer)}"
    assert widgets.nth(1).locator(".ss-tree__crumb").count() == 1
    assert text(widgets.nth(1).locator(".ss-tree__legend")).startswith("Question 2:")

    widgets.nth(0).locator(".ss-tree__restart").click()
    assert widgets.nth(1).locator(".ss-tree__crumb").count() == 1
    assert hash_of(page) == f"#tree-{second.id}={b.fragment.split(',')[0]}"


def test_keyboard_only_walk(page: Any, site_url: str, longest) -> None:
    tree, url, path = longest
    page.goto(site_url + url)
    widget = page.locator(f"#tree-{tree.id}")
    expect(widget.locator(".ss-tree__app")).to_be_visible()
    live = widget.locator("[aria-live]")
    active = "document.activeElement"
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate(f"{active}.matches('#tree-{tree.id} .ss-tree__option')"):
            break
    else:
        pytest.fail("Tab never reached the tree's first choice")
    assert text(page.locator(":focus")) == label_of(tree, tree.start, 0)

    for number, (node, index) in enumerate(path.steps, start=1):
        if number > 1:
            # Focus sits on the new question; the next Tab reaches its first choice.
            assert page.evaluate(f"{active}.classList.contains('ss-tree__legend')")
            assert text(page.locator(":focus")) == f"Question {number}: {question_of(tree, node)}"
            assert text(live) == f"Question {number}: {question_of(tree, node)}"
            page.keyboard.press("Tab")
        for _ in range(index):
            page.keyboard.press("Tab")
        assert text(page.locator(":focus")) == label_of(tree, node, index)
        page.keyboard.press("Enter" if number % 2 else "Space")

    answer = f"Answer: {plain(path.outcome.answer)}"
    assert page.evaluate(f"{active}.classList.contains('ss-tree__result')")
    assert text(page.locator(":focus")) == answer
    assert text(live).startswith(answer)
    assert plain(path.outcome.why) in text(live)

    # Tab on to Back, then go back with the keyboard.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate(f"{active}.classList.contains('ss-tree__back')"):
            break
    page.keyboard.press("Enter")
    last_node, _ = path.steps[-1]
    assert text(page.locator(":focus")) == (
        f"Question {len(path.steps)}: {question_of(tree, last_node)}"
    )


def test_tree_works_after_instant_navigation(
    page: Any, site_url: str, built_site: Path, longest
) -> None:
    tree, url, path = longest
    instant_navigation(page, site_url, built_site)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # Open the domain overview, then follow its link to the topic as a learner does.
    page.goto(site_url + url.split("/")[0] + "/")
    page.wait_for_load_state("networkidle")  # Material intercepts links once it has the sitemap
    page.evaluate("window.ssNoReload = true")
    page.locator(f'.md-content a[href$="{url}"]:visible').first.click()
    widget = page.locator(f"#tree-{tree.id}")
    expect(widget.locator(".ss-tree__app")).to_be_visible()
    assert page.evaluate("window.ssNoReload") is True, "the link reloaded the page"
    walk(widget, tree, path)
    expect(widget.locator(".ss-tree__result")).to_contain_text(plain(path.outcome.answer))
    assert hash_of(page) == f"#tree-{tree.id}={path.fragment}"
    assert widget.locator(".ss-tree__app").count() == 1
    assert errors == []


def test_without_javascript_the_outline_and_diagram_show(
    browser: Any, site_url: str, trees
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    try:
        page = context.new_page()
        for tree, url in trees.values():
            page.goto(site_url + url)
            widget = page.locator(f"#tree-{tree.id}")
            assert widget.locator(".ss-tree__app").count() == 0
            outline = widget.locator(".ss-tree__outline")
            assert outline.is_visible()
            outcomes = outline.locator("li.ss-tree__outcome")
            assert outcomes.count() == len(outline_paths(tree))
            for i, path in enumerate(outline_paths(tree)):
                assert text(outcomes.nth(i)).startswith(plain(path.outcome.answer))
                assert outcomes.nth(i).locator("a").first.is_visible()
            diagram = widget.locator("svg.ss-diagram")
            assert diagram.is_visible()
            box = diagram.bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            assert diagram.locator("rect").count() == len(layout(tree, load_catalog()).boxes)
    finally:
        context.close()


def test_print_shows_outline_and_diagram_not_the_buttons(page: Any, site_url: str, longest) -> None:
    tree, url, path = longest
    widget = open_tree(page, site_url + url, tree)
    walk(widget, tree, path)
    assert widget.locator(".ss-tree__outline").is_hidden()
    page.emulate_media(media="print")
    assert widget.locator(".ss-tree__outline").is_visible()
    assert widget.locator(".ss-tree__app").is_hidden()
    assert widget.locator("svg.ss-diagram").is_visible()
    page.emulate_media(media="screen")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("device", "width"), [("desktop", 1280), ("phone", 375)])
def test_screenshots_mid_walk_and_at_outcome(
    browser: Any, site_url: str, scheme: str, device: str, width: int, longest
) -> None:
    tree, url, path = longest
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, device_scale_factor=1
    )
    try:
        page = context.new_page()
        widget = open_tree(page, site_url + url, tree)
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("document.body.dataset.mdColorScheme") == expected
        walk(widget, tree, Path_(path.steps[:1], path.outcome))
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        widget.screenshot(path=screenshot_path(f"tree-mid-{scheme}-{device}.png"))
        walk_rest = Path_(path.steps[1:], path.outcome)
        for node, index in walk_rest.steps:
            assert text(widget.locator(".ss-tree__legend")).endswith(question_of(tree, node))
            widget.locator(".ss-tree__option").nth(index).click()
        expect(widget.locator(".ss-tree__card")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        # The diagram, scrolled sideways on a phone, shows the answer reached.
        here = widget.locator(".ss-diagram__node.ss-here").bounding_box()
        box = widget.locator(".ss-tree__diagram").bounding_box()
        assert here and box
        assert box["x"] <= here["x"] + here["width"] / 2 <= box["x"] + box["width"]
        widget.screenshot(path=screenshot_path(f"tree-outcome-{scheme}-{device}.png"))
    finally:
        context.close()
