"""Draw a decision tree as inline SVG at build time: a top-down flowchart, no network, no JS.

Questions sit in boxes, the choices label the arrows, answers sit in rounded boxes. Every
question is drawn once, where the first path reaches it; another choice that leads to it
ends in a dashed "go to" box naming it, so the drawing grows with the nodes and choices,
never with the number of paths. Question boxes carry ``data-ss-node`` (the node id); arrows,
their labels, answer and "go to" boxes carry ``data-ss-edge`` (the choice that leads there,
``node:index``), so the tree widget can highlight the learner's path.
Colours come from CSS (``currentColor`` and classes), so the diagram follows the palette and
prints like text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from xml.sax.saxutils import escape

from generator.assets.catalog import Catalog
from generator.content.model import Tree
from generator.content.trees import Step, unroll
from generator.site.text import plain as plain_text

FONT = 13.0
"""Font size of box text, in SVG user units (px at 100%)."""
LABEL_FONT = 12.0
"""Font size of choice labels on the arrows."""
CHAR = 0.6
"""Average character width as a share of the font size; generous, so text fits any font."""
BOLD_CHAR = 0.64
"""The same for bold text (answers)."""
LINE = 1.3
"""Line height as a multiple of the font size."""
COLUMN = 150.0
"""Width given to each leaf (answer) of the tree."""
GAP = 14.0
"""Horizontal space between neighbouring boxes."""
PAD = 8.0
"""Space between a box's border and its text."""
MAX_QUESTION = 340.0
"""Widest a question box gets, however many answers sit below it."""
BUS = 14.0
"""Distance from a question box down to the line its arrows branch from."""
ARROW = 14.0
"""Length of the arrow between a choice label and the box it leads to."""
MARGIN = 4.0
"""Space around the drawing."""

Kind = Literal["question", "outcome", "goto"]


@dataclass(frozen=True)
class Box:
    """A question, an answer or a "go to" box, placed: top-left corner, size, wrapped text.

    ``key`` is the path of choices that reaches it in the drawing (``""`` for the start).
    """

    key: str
    kind: Kind
    ref: str
    lines: tuple[str, ...]
    x: float
    y: float
    width: float
    height: float
    depth: int

    @property
    def center(self) -> float:
        """Horizontal centre."""
        return self.x + self.width / 2

    @property
    def bottom(self) -> float:
        """Lower edge."""
        return self.y + self.height

    @property
    def mark(self) -> str:
        """What the widget highlights it by: attribute and value."""
        if self.kind == "question":
            return f'data-ss-node="{escape(self.ref)}"'
        return f'data-ss-edge="{escape(edge_id(self.key))}"'


@dataclass(frozen=True)
class Edge:
    """An arrow from a question down to the box a choice leads to, with the choice's label.

    It runs from the question's bottom centre (``x1``, ``y1``) down to ``bus``, across to
    ``x2``, down to the label (``label_top``..``label_bottom``) and on to the box (``y2``).
    """

    key: str
    label: tuple[str, ...]
    x1: float
    y1: float
    bus: float
    x2: float
    label_top: float
    label_bottom: float
    y2: float


@dataclass(frozen=True)
class Diagram:
    """A laid-out tree: its size, boxes and arrows."""

    width: float
    height: float
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]


@dataclass
class _Vertex:
    key: str
    kind: Kind
    ref: str
    text: str
    label: str = ""
    children: list[_Vertex] | None = None
    leaves: int = 1
    depth: int = 0
    center: float = 0.0


def plain(text: str) -> str:
    """Text as a reader sees it, without Markdown marks, on one line (generator/site/text.py)."""
    return plain_text(text)


def edge_id(key: str) -> str:
    """The choice a path ends with: ``"a:0,b:1"`` -> ``"b:1"``."""
    return key.rpartition(",")[2]


def chars_per_line(width: float, font: float = FONT, char: float = CHAR) -> int:
    """How many characters fit on a line of a box ``width`` wide."""
    return max(4, int((width - 2 * PAD) / (font * char)))


_PIECE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[^A-Z/-]*[/-]?")


def _pieces(word: str, chars: int) -> list[str]:
    """A word too long for a line, cut where it can break (camelCase, hyphen, slash)."""
    if len(word) <= chars:
        return [word]
    pieces = []
    for piece in filter(None, _PIECE.findall(word)):
        pieces += [piece[i : i + chars] for i in range(0, len(piece), chars)]
    return pieces


def wrap(text: str, chars: int) -> tuple[str, ...]:
    """``text`` as plain lines of at most ``chars`` characters.

    Lines break between words; a word longer than a line breaks inside, at a camelCase
    boundary, hyphen or slash where it has one.
    """
    lines: list[str] = []
    line = ""
    for word in plain(text).split():
        for i, piece in enumerate(_pieces(word, chars)):
            joined = f"{line} {piece}" if line and i == 0 else line + piece
            if line and len(joined) > chars:
                lines.append(line)
                line = piece
            else:
                line = joined
    lines.append(line)
    return tuple(lines)


def _unroll(tree: Tree, catalog: Catalog) -> _Vertex:
    """The tree from its start node: each question once, where the first path reaches it.

    Another choice leading to a question drawn already (shared, or a loop) gets a "go to"
    leaf, so the size is linear in nodes and choices (:func:`generator.content.trees.unroll`).
    Answers are leaves, drawn per choice.
    """
    nodes = {n.id: n for n in tree.nodes}
    outcomes = {o.id: o for o in tree.outcomes}

    def vertex(step: Step) -> _Vertex:
        ref, key, label, depth = step.ref, step.key, step.label, step.depth
        if step.kind in ("outcome", "unknown"):
            text = outcomes[ref].answer if ref in outcomes else ref
            return _Vertex(key, "outcome", ref, text, label, depth=depth)
        if step.kind == "goto":
            # What a "go to" box says: the question it leads to.
            text = catalog.t("tree.go_to", question=nodes[ref].question)
            return _Vertex(key, "goto", ref, text, label, depth=depth)
        children = [vertex(child) for child in step.children]
        node = nodes[ref]
        drawn = _Vertex(key, "question", ref, node.question, label, children, depth=depth)
        drawn.leaves = sum(c.leaves for c in children) or 1
        return drawn

    return vertex(unroll(tree)[0])


def _flatten(root: _Vertex) -> list[_Vertex]:
    out = [root]
    for child in root.children or []:
        out += _flatten(child)
    return out


def _place_columns(vertex: _Vertex, left: float) -> None:
    """Give each leaf a column from ``left``; centre each question over its children."""
    if not vertex.children:
        vertex.center = left + COLUMN / 2
        return
    for child in vertex.children:
        _place_columns(child, left)
        left += child.leaves * COLUMN
    vertex.center = (vertex.children[0].center + vertex.children[-1].center) / 2


def _box_width(vertex: _Vertex) -> float:
    if vertex.kind != "question":
        return COLUMN - GAP
    return max(COLUMN - GAP, min(vertex.leaves * COLUMN - GAP, MAX_QUESTION))


def _box_lines(vertex: _Vertex, width: float) -> tuple[str, ...]:
    char = BOLD_CHAR if vertex.kind == "outcome" else CHAR
    return wrap(vertex.text, chars_per_line(width, FONT, char))


def _label_lines(vertex: _Vertex, width: float) -> tuple[str, ...]:
    return wrap(vertex.label, chars_per_line(width, LABEL_FONT)) if vertex.label else ()


def _text_height(lines: int, font: float) -> float:
    return lines * font * LINE


def layout(tree: Tree, catalog: Catalog) -> Diagram:
    """Place every box and arrow of ``tree``: leaves side by side, one band per depth."""
    root = _unroll(tree, catalog)
    _place_columns(root, MARGIN)
    vertices = _flatten(root)
    depth_count = max(v.depth for v in vertices) + 1

    widths = {v.key: _box_width(v) for v in vertices}
    lines = {v.key: _box_lines(v, widths[v.key]) for v in vertices}
    labels = {v.key: _label_lines(v, widths[v.key]) for v in vertices}
    heights = {v.key: _text_height(len(lines[v.key]), FONT) + 2 * PAD for v in vertices}

    # Top of each depth's boxes: below the tallest box of the depth above, its branching
    # line, the tallest choice label leading into this depth, and an arrow. One pass over
    # the vertices per measure, so the layout stays linear in the size of the drawing.
    tallest = [0.0] * depth_count
    label_of = [0.0] * depth_count
    for v in vertices:
        tallest[v.depth] = max(tallest[v.depth], heights[v.key])
        label_of[v.depth] = max(label_of[v.depth], _text_height(len(labels[v.key]), LABEL_FONT))
    tops = [MARGIN]
    for depth in range(1, depth_count):
        tops.append(tops[-1] + tallest[depth - 1] + BUS + ARROW + label_of[depth] + ARROW)

    boxes = {
        v.key: Box(
            key=v.key,
            kind=v.kind,
            ref=v.ref,
            lines=lines[v.key],
            x=v.center - widths[v.key] / 2,
            y=tops[v.depth],
            width=widths[v.key],
            height=heights[v.key],
            depth=v.depth,
        )
        for v in vertices
    }
    edges = []
    for parent in vertices:
        for child in parent.children or []:
            top = boxes[child.key].y
            label_height = _text_height(len(labels[child.key]), LABEL_FONT)
            label_bottom = top - ARROW
            bus = tops[parent.depth] + tallest[parent.depth]
            edges.append(
                Edge(
                    key=child.key,
                    label=labels[child.key],
                    x1=boxes[parent.key].center,
                    y1=boxes[parent.key].bottom,
                    bus=bus + BUS,
                    x2=child.center,
                    label_top=label_bottom - label_height,
                    label_bottom=label_bottom,
                    y2=top,
                )
            )
    width = root.leaves * COLUMN + 2 * MARGIN
    height = max(b.bottom for b in boxes.values()) + MARGIN
    return Diagram(width, height, tuple(boxes.values()), tuple(edges))


def _n(value: float) -> str:
    """A coordinate, short: 12.0 -> '12', 12.25 -> '12.2'."""
    return f"{value:.1f}".removesuffix(".0")


def _text(lines: tuple[str, ...], center: float, top: float, font: float, attrs: str) -> str:
    """A <text> of centred lines whose first line's box starts at ``top``."""
    spans = "".join(
        f'<tspan x="{_n(center)}" y="{_n(top + font * (LINE * i + 1))}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text {attrs} text-anchor="middle" fill="currentColor">{spans}</text>'


def _edge_path(edge: Edge) -> str:
    x1, x2 = _n(edge.x1), _n(edge.x2)
    path = f"M{x1} {_n(edge.y1)}V{_n(edge.bus)}H{x2}"
    if edge.label:
        path += f"V{_n(edge.label_top - 3)}M{x2} {_n(edge.label_bottom + 3)}"
    tip = edge.y2 - 1
    path += (
        f"V{_n(tip)}M{_n(edge.x2 - 4)} {_n(tip - 6)}L{x2} {_n(tip)}L{_n(edge.x2 + 4)} {_n(tip - 6)}"
    )
    return path


def tree_svg(tree: Tree, catalog: Catalog) -> str:
    """The tree as one line of inline SVG, labelled for screen readers, styled by CSS."""
    diagram = layout(tree, catalog)
    title_id = f"tree-{tree.id}-diagram"
    w, h = _n(diagram.width), _n(diagram.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="ss-diagram" viewBox="0 0 {w} {h}"'
        f' width="{w}" height="{h}" style="--ss-w:{w}px" role="img"'
        f' aria-labelledby="{title_id}" font-size="{_n(FONT)}">',
        f'<title id="{title_id}">'
        + escape(catalog.t("tree.diagram_title", title=plain(tree.title)))
        + "</title>",
        '<g class="ss-diagram__edges" fill="none" stroke="currentColor">',
    ]
    parts += [
        f'<path data-ss-edge="{escape(edge_id(e.key))}" d="{_edge_path(e)}"/>'
        for e in diagram.edges
    ]
    parts.append("</g>")
    for edge in diagram.edges:
        if edge.label:
            attrs = (
                f'class="ss-diagram__label" data-ss-edge="{escape(edge_id(edge.key))}"'
                f' font-size="{_n(LABEL_FONT)}"'
            )
            parts.append(_text(edge.label, edge.x2, edge.label_top, LABEL_FONT, attrs))
    for box in diagram.boxes:
        radius = 14 if box.kind == "outcome" else 3
        dash = ' stroke-dasharray="4 3"' if box.kind == "goto" else ""
        parts.append(
            f'<g class="ss-diagram__node ss-diagram__{box.kind}" {box.mark}>'
            f'<rect x="{_n(box.x)}" y="{_n(box.y)}" width="{_n(box.width)}"'
            f' height="{_n(box.height)}" rx="{radius}" fill="none" stroke="currentColor"{dash}/>'
            + _text(box.lines, box.center, box.y + PAD, FONT, 'class="ss-diagram__text"')
            + "</g>"
        )
    parts.append("</svg>")
    return "".join(parts)
