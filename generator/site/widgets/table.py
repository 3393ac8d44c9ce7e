"""The comparison table's view: Markdown-ready header and rows, and each column's kind."""

from __future__ import annotations

import json
from dataclasses import dataclass

from generator.assets.catalog import Catalog
from generator.content.model import Table
from generator.site.layout import Site, link
from generator.site.text import md_cell

def row_anchor(table_id: str, item_id: str) -> str:
    """Id of a comparison table row, the target of links from tree outcomes."""
    return f"{table_id}--{item_id}"

@dataclass(frozen=True)
class TableView:
    """A comparison table as Markdown-ready header and rows."""

    table: Table
    header: list[str]
    rows: list[tuple[str, list[str]]]
    columns: str

    @property
    def anchor(self) -> str:
        """Id of the table's heading."""
        return f"table-{self.table.id}"


def _cell(kind: str, value: object, unit: str | None, catalog: Catalog) -> str:
    if kind == "yesno":
        if value:
            return f'<span class="ss-yes">:material-check: {md_cell(catalog.t("table.yes"))}</span>'
        return f'<span class="ss-no">:material-close: {md_cell(catalog.t("table.no"))}</span>'
    if kind == "number":
        number = f"{value:g}" if isinstance(value, float) else str(value)
        return f"{number} {md_cell(unit)}" if unit else number
    return md_cell(str(value))


def table_view(site: Site, table: Table, page_path: str) -> TableView:
    """Header, rows (with row anchor and topic link in the first cell) and column kinds."""
    header = [md_cell(table.item_label)]
    header += [
        md_cell(f"{a.name} ({a.unit})" if a.unit and a.kind != "number" else a.name)
        for a in table.attributes
    ]
    rows = []
    for item in table.items:
        anchor = row_anchor(table.id, item.id)
        name = md_cell(item.name)
        if (
            item.topic
            and item.topic in site.topic_pages
            and site.topic_pages[item.topic] != page_path
        ):
            name = f"[{name}]({link(page_path, site.topic_pages[item.topic])})"
        first = f'<span class="ss-row-anchor" id="{anchor}"></span>{name}'
        cells = [
            _cell(a.kind, item.cells.get(a.id, ""), a.unit, site.catalog) for a in table.attributes
        ]
        rows.append((anchor, [first, *cells]))
    columns = json.dumps(
        [{"kind": "text", "sortable": True}]
        + [{"kind": a.kind, "sortable": a.is_sortable} for a in table.attributes],
        separators=(",", ":"),
    )
    return TableView(table, header, rows, columns)
