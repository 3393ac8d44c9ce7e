"""Comparison tables in Chromium and in the built HTML: sorting and restoring the order,
yes/no cells, the sticky header, linked rows, phone width, and tables only from data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from generator.content.load import load_bank
from generator.content.model import Attribute, Bank, Table, Tree
from generator.site.diagram import plain
from generator.site.layout import Site, build_site
from generator.site.render import render_pages
from tests.support.project import (
    FIXTURES,
    ROOT,
    copy_project,
    mkdocs_build,
    screenshot_path,
    serve,
)
from tests.support.trees import instant_navigation, paths, tree_pages, url_of


@pytest.fixture(scope="module")
def tables(bundled_bank: Bank) -> dict[str, Table]:
    """Every comparison table of the bundled bank, by id."""
    return {t.id: t for d in bundled_bank.domains for t in d.tables}


@pytest.fixture(scope="module")
def trees(bundled_bank: Bank, bundled_site: Site) -> dict[str, tuple[Tree, str]]:
    """Each tree of the bundled site and the URL of the topic page that shows it."""
    return tree_pages(bundled_bank, bundled_site)


PIPE_TABLE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$", re.MULTILINE)


def table_url(site: Site, table_id: str) -> str:
    return url_of(site.table_pages[table_id])


def names(page: Any, table_id: str) -> list[str]:
    """The item names of a table's rows, top to bottom, as shown."""
    rows = page.locator(f'[data-ss-table="{table_id}"] tbody tr td:first-child')
    return [" ".join(t.split()) for t in rows.all_text_contents()]


def yesno_table(tables: dict[str, Table]) -> tuple[Table, Attribute]:
    """A table with a yes/no column whose sorted order differs from the authored order."""
    for table in tables.values():
        for attribute in table.attributes:
            if attribute.kind == "yesno" and attribute.is_sortable:
                values = [bool(i.cells.get(attribute.id)) for i in table.items]
                if sorted(values, reverse=True) != values:
                    return table, attribute
    pytest.fail("no table in the data has a yes/no column that sorting would reorder")


def header(page: Any, table: Table, column: int) -> Any:
    return page.locator(f'[data-ss-table="{table.id}"] thead th').nth(column)


@pytest.mark.browser
def test_sort_by_a_yes_no_column_then_restore(
    page: Any, site_url: str, bundled_site, tables
) -> None:
    table, attribute = yesno_table(tables)
    page.goto(site_url + table_url(bundled_site, table.id))
    original = [plain(i.name) for i in table.items]
    assert names(page, table.id) == original
    column = 1 + table.attributes.index(attribute)
    th = header(page, table, column)
    button = th.locator("button.ss-sort")
    expect(button).to_be_visible()
    assert th.get_attribute("aria-sort") is None

    def order(descending: bool) -> list[str]:
        # Yes before no when ascending; ties keep the authored order.
        items = sorted(
            table.items,
            key=lambda i: 0 if i.cells.get(attribute.id) else 1,
            reverse=descending,
        )
        return [plain(i.name) for i in items]

    button.click()
    assert th.get_attribute("aria-sort") == "ascending"
    assert names(page, table.id) == order(descending=False)
    first = page.locator(f'[data-ss-table="{table.id}"] tbody tr').first
    assert "Yes" in " ".join(first.locator("td").nth(column).text_content().split())
    button.click()
    assert th.get_attribute("aria-sort") == "descending"
    assert names(page, table.id) == order(descending=True)

    reset = page.locator(f'[data-ss-table="{table.id}"] .ss-table__reset')
    assert reset.is_visible()
    reset.click()
    assert names(page, table.id) == original
    assert th.get_attribute("aria-sort") is None
    assert reset.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('ss-sort')")

    # The header cycles ascending, descending, original.
    for _ in range(3):
        button.click()
    assert names(page, table.id) == original
    assert th.get_attribute("aria-sort") is None


@pytest.mark.browser
def test_item_column_sorts_alphabetically(page: Any, site_url: str, bundled_site, tables) -> None:
    table = max(tables.values(), key=lambda t: len(t.items))
    page.goto(site_url + table_url(bundled_site, table.id))
    button = header(page, table, 0).locator("button.ss-sort")
    button.click()
    expected = sorted((plain(i.name) for i in table.items), key=str.casefold)
    assert names(page, table.id) == expected
    button.click()
    assert names(page, table.id) == expected[::-1]
    # Every column sorts unless the data says `sortable: false`.
    for column, attribute in enumerate(table.attributes, start=1):
        count = header(page, table, column).locator("button").count()
        assert count == (1 if attribute.is_sortable else 0), attribute.id


def text_column(tables: dict[str, Table]) -> tuple[Table, Attribute]:
    """A text column (no `sortable` key) whose alphabetical order differs from the authored
    one, decided by first letters alone (so no collation detail can change the order)."""
    for table in tables.values():
        for attribute in table.attributes:
            if attribute.kind != "text" or attribute.sortable is not None:
                continue
            cells = [plain(str(i.cells.get(attribute.id, ""))) for i in table.items]
            firsts = [c.strip()[:1].casefold() for c in cells]
            distinct = len(set(firsts)) == len(firsts) and all(f.isalpha() for f in firsts)
            if distinct and sorted(firsts) != firsts:
                return table, attribute
    pytest.fail("no text column in the data that sorting would reorder")


@pytest.mark.browser
def test_a_text_column_sorts_alphabetically_by_default(
    page: Any, site_url: str, bundled_site, tables
) -> None:
    table, attribute = text_column(tables)
    page.goto(site_url + table_url(bundled_site, table.id))
    column = 1 + table.attributes.index(attribute)
    th = header(page, table, column)
    button = th.get_by_role("button", name=plain(attribute.name))
    cells = page.locator(f'[data-ss-table="{table.id}"] tbody tr td:nth-child({column + 1})')

    def shown() -> list[str]:
        return [" ".join(t.split()) for t in cells.all_text_contents()]

    authored = shown()
    alphabetical = sorted(authored, key=str.casefold)
    assert alphabetical != authored
    button.click()
    assert th.get_attribute("aria-sort") == "ascending"
    assert shown() == alphabetical
    # Whole rows move with the cell: each row still holds its item's name.
    by_name = {plain(str(i.cells[attribute.id])): plain(i.name) for i in table.items}
    assert names(page, table.id) == [by_name[" ".join(t.split())] for t in alphabetical]
    button.click()
    assert th.get_attribute("aria-sort") == "descending"
    assert shown() == alphabetical[::-1]
    expect(page.locator(f'[data-ss-table="{table.id}"] .ss-sr[aria-live]')).to_have_text(
        f"Sorted by {plain(attribute.name)}, descending."
    )


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini fixture built and served: its table has a number column."""
    project = copy_project(tmp_path_factory.mktemp("mini-project"), FIXTURES / "mini")
    site = tmp_path_factory.mktemp("mini-site")
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    yield from serve(site)


@pytest.mark.browser
def test_number_column_sorts_by_value(page: Any, mini_site: str) -> None:
    bank = load_bank(FIXTURES / "mini")
    table = next(t for d in bank.domains for t in d.tables if t.id == "processors")
    attribute = next(a for a in table.attributes if a.kind == "number")
    page.goto(mini_site + url_of(build_site(bank).table_pages[table.id]))
    button = header(page, table, 1 + table.attributes.index(attribute)).locator("button")
    by_value = sorted(table.items, key=lambda i: float(i.cells[attribute.id]))
    by_text = sorted(table.items, key=lambda i: str(i.cells[attribute.id]))
    assert by_value != by_text, "the fixture should tell numeric from text order"
    button.click()
    assert names(page, table.id) == [i.name for i in by_value]
    button.click()
    assert names(page, table.id) == [i.name for i in reversed(by_value)]
    # The author's opt-out: the fixture's "Use when" column says `sortable: false`.
    opted_out = next(a for a in table.attributes if a.sortable is False)
    th = header(page, table, 1 + table.attributes.index(opted_out))
    expect(th).to_have_text(plain(opted_out.name))
    assert th.locator("button").count() == 0


def _row_is_highlighted(page: Any, anchor: str) -> None:
    row = page.locator(f"tr:has(#{anchor})")
    expect(row).to_have_class(re.compile(r"\bss-row--target\b"))
    other = page.locator(f"[data-ss-table] tbody tr:not(:has(#{anchor}))").first
    cell = "el => getComputedStyle(el.querySelector('td')).backgroundColor"
    assert row.evaluate(cell) != other.evaluate(cell)
    box = row.bounding_box()
    assert box is not None
    height = page.evaluate("innerHeight")
    assert box["y"] >= 0 and box["y"] + min(box["height"], 40) <= height, box


@pytest.mark.browser
def test_outcome_link_reaches_and_highlights_the_row(
    page: Any, site_url: str, built_site: Path, bundled_site, trees
) -> None:
    instant_navigation(page, site_url, built_site)
    # A tree whose outcome row sits on the tree's own page, and one on another page.
    same = [
        (tree, url, p)
        for tree, url in trees.values()
        for p in paths(tree)
        if p.outcome.row and table_url(bundled_site, p.outcome.row.table) == url
    ]
    assert same, "no tree outcome links to a table row on its own page"
    tree, url, path = same[-1]
    row = path.outcome.row
    assert row is not None
    page.goto(site_url + url + f"#tree-{tree.id}={path.fragment}")
    compare = page.locator(f"#tree-{tree.id} .ss-tree__card a", has_text="Compare")
    compare.click()
    # On the tree's own page the fragment keeps the walked path; the row is shown all the same.
    expect(page).to_have_url(re.compile(re.escape(f"#tree-{tree.id}={path.fragment}") + "$"))
    _row_is_highlighted(page, f"{row.table}--{row.item}")

    # From the study sheet's copy of a tree to the topic page, by instant navigation.
    sheet = url_of(next(p.path for p in bundled_site.pages if p.kind == "study-sheet"))
    page.goto(site_url + sheet + f"#tree-{tree.id}={path.fragment}")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.ssNoReload = true")
    page.locator(f"#tree-{tree.id} .ss-tree__card a", has_text="Compare").click()
    expect(page).to_have_url(re.compile(re.escape(url) + f"#{row.table}--{row.item}$"))
    _row_is_highlighted(page, f"{row.table}--{row.item}")
    assert page.evaluate("window.ssNoReload") is True


@pytest.mark.browser
def test_a_row_link_opened_directly_is_highlighted(
    page: Any, site_url: str, bundled_site, tables
) -> None:
    table = max(tables.values(), key=lambda t: len(t.items))
    item = table.items[-1]
    page.goto(site_url + table_url(bundled_site, table.id) + f"#{table.id}--{item.id}")
    _row_is_highlighted(page, f"{table.id}--{item.id}")


@pytest.mark.browser
def test_header_sticks_while_the_table_scrolls(
    browser: Any, site_url: str, bundled_site, tables
) -> None:
    table = max(tables.values(), key=lambda t: len(t.items) * len(t.attributes))
    context = browser.new_context(viewport={"width": 375, "height": 560})
    try:
        page = context.new_page()
        page.goto(site_url + table_url(bundled_site, table.id))
        # A phone shows cards first; the table is a button away.
        page.locator(f'[data-ss-table="{table.id}"]').get_by_role(
            "button", name="Show as a table"
        ).click()
        box = page.locator(f'[data-ss-table="{table.id}"] .md-typeset__scrollwrap')
        expect(box).to_be_visible()
        box.scroll_into_view_if_needed()
        assert box.evaluate("el => el.scrollHeight > el.clientHeight"), "table too short"
        assert box.evaluate("el => el.scrollWidth > el.clientWidth"), "table fits a phone"
        box.evaluate("el => el.scrollTo(0, el.scrollHeight)")
        th = page.locator(f'[data-ss-table="{table.id}"] thead th').first
        top = box.evaluate("el => el.getBoundingClientRect().top")
        th_top = th.evaluate("el => el.getBoundingClientRect().top")
        assert abs(th_top - top) <= 2
        # The first row has scrolled up under the header; the last row shows below it.
        th_bottom = th.evaluate("el => el.getBoundingClientRect().bottom")
        rows = page.locator(f'[data-ss-table="{table.id}"] tbody tr')
        assert rows.first.evaluate("el => el.getBoundingClientRect().bottom") <= th_bottom + 1
        assert rows.last.evaluate("el => el.getBoundingClientRect().top") >= th_bottom - 1
        assert th.is_visible()
        # The sideways scroll stays inside the box.
        box.evaluate("el => el.scrollTo(el.scrollWidth, 0)")
        assert page.evaluate("scrollX") == 0
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    finally:
        context.close()


def _pages_with_widgets(built_site: Path) -> list[str]:
    found = []
    for html in sorted(built_site.rglob("index.html")):
        text = html.read_text(encoding="utf-8")
        if "data-ss-table=" in text or "data-ss-tree=" in text:
            found.append(str(html.parent.relative_to(built_site)).replace(".", "") + "/")
    return [p.lstrip("/") for p in found]


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False])
def test_no_horizontal_scroll_at_phone_width(
    browser: Any, site_url: str, built_site: Path, javascript: bool, tables, trees
) -> None:
    pages = _pages_with_widgets(built_site)
    assert len(pages) >= len(trees)
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, java_script_enabled=javascript
    )
    try:
        page = context.new_page()
        for url in pages:
            page.goto(site_url + url)
            if javascript:
                wide = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                assert wide <= 0, f"{url} is {wide}px wider than the phone"
            # Without JavaScript Material's header title may overflow (its script fits it);
            # the tables and trees themselves must still fit.
            right = page.evaluate(
                "Math.max(...[...document.querySelectorAll('.ss-table, .ss-tree')]"
                ".map(e => e.getBoundingClientRect().right))"
            )
            assert right <= 375, f"{url}: a table or tree reaches {right}px"
    finally:
        context.close()


def test_yes_no_cells_show_an_icon_and_a_word(built_site: Path, bundled_site, tables) -> None:
    checked = 0
    for table in tables.values():
        html = (built_site / table_url(bundled_site, table.id) / "index.html").read_text(
            encoding="utf-8"
        )
        div = BeautifulSoup(html, "html.parser").select_one(f'[data-ss-table="{table.id}"]')
        assert div is not None
        rows = div.select("tbody tr")
        assert len(rows) == len(table.items)
        for column, attribute in enumerate(table.attributes, start=1):
            if attribute.kind != "yesno":
                continue
            for row, item in zip(rows, table.items, strict=True):
                cell = row.find_all("td")[column]
                word = "Yes" if item.cells.get(attribute.id) else "No"
                assert cell.get_text(" ", strip=True) == word
                mark = cell.select_one(f".ss-{word.lower()}")
                assert mark is not None and mark.select_one("svg") is not None
                checked += 1
    assert checked


def test_every_comparison_table_comes_from_data(built_site: Path, bundled_site, tables) -> None:
    # Hand-written Markdown under docs/ (anything the generator does not write) holds no
    # pipe table: comparison tables are data.
    generated = set(render_pages(bundled_site))
    docs = ROOT / "docs"
    for md in docs.rglob("*.md"):
        relative = md.relative_to(docs).as_posix()
        if relative in generated or relative.startswith(".generated/"):
            continue
        assert not PIPE_TABLE.search(md.read_text(encoding="utf-8")), f"{relative} has a table"
    # On topic pages every table is a data table, wrapped and anchored.
    topic_pages = [url_of(p) for p in bundled_site.topic_pages.values()]
    for url in topic_pages:
        soup = BeautifulSoup(
            (built_site / url / "index.html").read_text(encoding="utf-8"), "html.parser"
        )
        # A case study's table of facts belongs to its scenario (ss-case__table).
        for table in soup.select("article table:not(.ss-case__table)"):
            wrapper = table.find_parent("div", class_="ss-table")
            assert wrapper is not None, f"{url}: a table outside div.ss-table"
            data = tables[str(wrapper["data-ss-table"])]
            ids = [a["id"] for a in table.select("tbody .ss-row-anchor")]
            assert ids == [f"{data.id}--{i.id}" for i in data.items]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("device", "width"), [("desktop", 1280), ("phone", 375)])
def test_table_screenshots(
    browser: Any, site_url: str, scheme: str, device: str, width: int, bundled_site, tables
) -> None:
    table, attribute = yesno_table(tables)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        item = table.items[1]
        page.goto(site_url + table_url(bundled_site, table.id) + f"#{table.id}--{item.id}")
        widget = page.locator(f'[data-ss-table="{table.id}"]')
        if width < 600:
            widget.screenshot(path=screenshot_path(f"table-{scheme}-{device}-cards.png"))
            widget.get_by_role("button", name="Show as a table").click()
        header(page, table, 1 + table.attributes.index(attribute)).locator("button").click()
        assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
        widget.scroll_into_view_if_needed()
        page.screenshot(path=screenshot_path(f"table-{scheme}-{device}.png"))
    finally:
        context.close()


@pytest.mark.browser
def test_phone_shows_one_card_per_item_and_the_table_on_request(
    browser: Any, site_url: str, bundled_site, tables
) -> None:
    table = max(tables.values(), key=lambda t: len(t.attributes))
    context = browser.new_context(viewport={"width": 375, "height": 800})
    try:
        page = context.new_page()
        page.goto(site_url + table_url(bundled_site, table.id))
        root = page.locator(f'[data-ss-table="{table.id}"]')
        expect(root).to_have_class(re.compile(r"\bss-table--cards\b"))
        rows = root.locator("tbody tr")
        # Every column shows, each cell under its column's name, and nothing is cut off.
        card = rows.first
        box = card.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375
        cells = card.locator("td")
        assert cells.count() == len(table.attributes) + 1
        labels = cells.evaluate_all(
            "tds => tds.slice(1).map(td => getComputedStyle(td, '::before').content)"
        )
        assert labels == [
            f'"{plain(a.name)}' + (f" ({a.unit})" if a.unit and a.kind != "number" else "") + '"'
            for a in table.attributes
        ]
        assert all(c.is_visible() for c in cells.all())
        toggle = root.get_by_role("button", name="Show as a table")
        toggle.click()
        expect(root).not_to_have_class(re.compile(r"\bss-table--cards\b"))
        assert (
            root.get_by_role("button", name="Show as cards").get_attribute("aria-pressed")
            == "false"
        )
    finally:
        context.close()


@pytest.mark.browser
def test_a_wide_table_says_it_scrolls_and_keeps_its_first_column(
    browser: Any, site_url: str, bundled_site, tables
) -> None:
    table = max(tables.values(), key=lambda t: len(t.attributes))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_url + table_url(bundled_site, table.id))
        root = page.locator(f'[data-ss-table="{table.id}"]')
        box = root.locator(".md-typeset__scrollwrap")
        if not box.evaluate("el => el.scrollWidth > el.clientWidth"):
            pytest.skip(f"{table.id} fits at 1280 px")
        cue = root.locator(".ss-table__cue")
        expect(cue).to_have_text(
            f"Scroll sideways for all {len(table.attributes) + 1} columns \u2192"
        )
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
        first = root.locator("tbody tr td").first
        left = box.bounding_box()["x"]
        box.evaluate("el => el.scrollTo(el.scrollWidth, 0)")
        # Scrolled to the far end, the first column still shows at the box's left edge.
        assert abs(first.bounding_box()["x"] - left) <= 1, "the first column scrolled away"
    finally:
        context.close()
