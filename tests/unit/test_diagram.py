"""Unit tests of the decision-tree diagram: layout geometry, text wrapping and the SVG."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from generator.assets.catalog import load_catalog
from generator.content.load import load_bank
from generator.content.model import Tree
from generator.site.diagram import (
    FONT,
    LABEL_FONT,
    LINE,
    MAX_QUESTION,
    Diagram,
    chars_per_line,
    layout,
    plain,
    tree_svg,
    wrap,
)
from tests.support.bank import bundled_bank
from tests.support.project import FIXTURES

CATALOG = load_catalog()

SVG = "{http://www.w3.org/2000/svg}"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that takes ``tree`` runs on every tree of the mini fixture and of ``data/``."""
    if "tree" in metafunc.fixturenames:
        banks = (load_bank(FIXTURES / "mini"), bundled_bank())
        trees = [t for bank in banks for d in bank.domains for t in d.trees]
        metafunc.parametrize("tree", trees, ids=lambda t: t.id)


def _tree(nodes: list[tuple[str, str, list[tuple[str, str]]]], outcomes: list[str]) -> Tree:
    """A tree from (id, question, [(label, next)]) nodes and outcome ids, unchecked."""
    return Tree.model_validate(
        {
            "id": "t",
            "title": "A <tree> & co",
            "start": nodes[0][0],
            "nodes": [
                {"id": i, "question": q, "choices": [{"label": c, "next": n} for c, n in cs]}
                for i, q, cs in nodes
            ],
            "outcomes": [
                {"id": o, "answer": f"Answer {o}", "why": "Because.", "topic": "x"}
                for o in outcomes
            ],
        }
    )


def _paths(tree: Tree) -> dict[str, str]:
    """Every path from the start, as the diagram keys it, to the node it reaches.

    A question is drawn once, where the first path (depth first) reaches it; a path that
    reaches it again ends there, in a "go to" box (the bundled AI-service tree shares one).
    """
    nodes = {n.id: n for n in tree.nodes}
    found: dict[str, str] = {}
    drawn: set[str] = set()

    def walk(ref: str, key: str) -> None:
        found[key] = ref
        if ref in nodes and ref not in drawn:
            drawn.add(ref)
            for i, choice in enumerate(nodes[ref].choices):
                walk(choice.next, f"{key},{ref}:{i}".lstrip(","))

    walk(tree.start, "")
    return found


def _choice_label(tree: Tree, key: str) -> str:
    node, index = key.split(",")[-1].split(":")
    return next(n for n in tree.nodes if n.id == node).choices[int(index)].label


# ---- wrapping --------------------------------------------------------------------------


def test_plain_drops_markdown() -> None:
    assert plain("Use **SSE-KMS** with `kms:Decrypt`, see [docs](https://x.y)\n now") == (
        "Use SSE-KMS with kms:Decrypt, see docs now"
    )
    assert plain("snake_case and 2 * 3 stay") == "snake_case and 2 * 3 stay"


def test_wrap_breaks_between_words_within_the_width() -> None:
    lines = wrap("Does the caller need the prediction back immediately?", 16)
    assert lines == ("Does the caller", "need the", "prediction back", "immediately?")
    assert all(len(line) <= 16 for line in lines)


def test_wrap_breaks_long_words_at_camel_case_hyphens_and_slashes() -> None:
    assert wrap("Keep InvocationsPerInstance steady", 16) == (
        "Keep Invocations",
        "PerInstance",
        "steady",
    )
    assert wrap("SSE-KMS/SSE-C-with-keys", 8) == ("SSE-KMS/", "SSE-C-", "with-", "keys")
    assert wrap("a" * 25, 10) == ("a" * 10, "a" * 10, "a" * 5)
    assert wrap("", 10) == ("",)


# ---- layout ----------------------------------------------------------------------------


def test_every_path_has_a_box_and_every_box_a_path(tree: Tree) -> None:
    diagram = layout(tree, CATALOG)
    paths = _paths(tree)
    assert {b.key: b.ref for b in diagram.boxes} == paths
    outcomes = {o.id for o in tree.outcomes}
    first = {ref: key for key, ref in reversed(paths.items())}
    for box in diagram.boxes:
        drawn_here = box.ref not in outcomes and first[box.ref] == box.key
        assert box.kind == (
            "outcome" if box.ref in outcomes else "question" if drawn_here else "goto"
        )
    assert {e.key for e in diagram.edges} == set(paths) - {""}


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def _label_rect(diagram: Diagram, key: str) -> tuple[float, float, float, float]:
    edge = next(e for e in diagram.edges if e.key == key)
    width = max(len(line) for line in edge.label) * LABEL_FONT * 0.6
    return edge.x2 - width / 2, edge.label_top, width, edge.label_bottom - edge.label_top


def test_boxes_and_labels_do_not_overlap_and_fit_the_drawing(tree: Tree) -> None:
    diagram = layout(tree, CATALOG)
    rects = [(b.x, b.y, b.width, b.height) for b in diagram.boxes]
    rects += [_label_rect(diagram, e.key) for e in diagram.edges if e.label]
    for a, b in itertools.combinations(rects, 2):
        assert not _overlap(a, b), (a, b)
    for x, y, w, h in rects:
        assert x >= 0 and x + w <= diagram.width
        assert y >= 0 and y + h <= diagram.height


def test_arrows_run_down_from_question_to_choice_to_box(tree: Tree) -> None:
    diagram = layout(tree, CATALOG)
    boxes = {b.key: b for b in diagram.boxes}
    for edge in diagram.edges:
        parent = boxes[edge.key.rpartition(",")[0]]
        child = boxes[edge.key]
        assert (edge.x1, edge.y1) == (parent.center, parent.bottom)
        assert (edge.x2, edge.y2) == (child.center, child.y)
        assert edge.y1 < edge.bus < edge.label_top <= edge.label_bottom < edge.y2
        assert child.depth == parent.depth + 1
    for parent in diagram.boxes:
        children = [boxes[e.key] for e in diagram.edges if e.key.rpartition(",")[0] == parent.key]
        if children:
            assert parent.center == pytest.approx((children[0].center + children[-1].center) / 2)


def test_text_fits_its_box_and_labels_are_the_choices(tree: Tree) -> None:
    diagram = layout(tree, CATALOG)
    for box in diagram.boxes:
        char = 0.64 if box.kind == "outcome" else 0.6
        assert all(len(line) <= chars_per_line(box.width, FONT, char) for line in box.lines)
        assert box.height >= len(box.lines) * FONT * LINE
        assert box.width <= MAX_QUESTION
    for edge in diagram.edges:
        label = "".join(edge.label).replace(" ", "")
        assert label == plain(_choice_label(tree, edge.key)).replace(" ", "")


def test_a_shared_question_is_drawn_once_and_other_choices_go_to_it() -> None:
    tree = _tree(
        [
            ("a", "First?", [("left", "b"), ("right", "b"), ("skip", "x")]),
            ("b", "Second?", [("again", "a"), ("end", "y")]),
        ],
        ["x", "y"],
    )
    diagram = layout(tree, CATALOG)
    assert {b.key: (b.kind, b.ref) for b in diagram.boxes} == {
        "": ("question", "a"),
        "a:0": ("question", "b"),
        "a:0,b:0": ("goto", "a"),
        "a:0,b:1": ("outcome", "y"),
        "a:1": ("goto", "b"),
        "a:2": ("outcome", "x"),
    }
    goto = next(b for b in diagram.boxes if b.key == "a:1")
    assert " ".join(goto.lines) == "Go to: Second?"


def chain(questions: int) -> Tree:
    """A valid tree whose two choices always lead to the same next question."""
    ids = [f"q{i}" for i in range(questions)]
    return _tree(
        [
            (q, f"Question {i} of the chain?", [("Yes", nxt), ("No", nxt)])
            for i, (q, nxt) in enumerate(zip(ids, [*ids[1:], "end"], strict=True))
        ],
        ["end", "unused"],
    )


@pytest.mark.parametrize("questions", [14, 50])
def test_a_chain_of_shared_questions_is_drawn_in_linear_size(questions: int) -> None:
    # 2**questions paths; each question must still be drawn once, each choice once.
    tree = chain(questions)
    diagram = layout(tree, CATALOG)
    kinds = [b.kind for b in diagram.boxes]
    assert kinds.count("question") == questions
    assert kinds.count("goto") == questions - 1
    assert kinds.count("outcome") == 2
    assert len(diagram.edges) == 2 * questions
    svg = ET.fromstring(tree_svg(tree, CATALOG))
    nodes = [str(g.get("data-ss-node")) for g in svg.iter() if g.get("data-ss-node")]
    assert sorted(nodes) == sorted(n.id for n in tree.nodes)


def test_chain_drawing_grows_linearly() -> None:
    small, large = len(tree_svg(chain(14), CATALOG)), len(tree_svg(chain(50), CATALOG))
    # Linear: 50/14 = 3.6 times the questions; 2**36 times the paths.
    assert large < 4.5 * small, (small, large)


def test_wide_question_boxes_stop_at_a_maximum_width() -> None:
    tree = _tree(
        [("a", "Which one? " * 20, [(f"option {i}", f"o{i}") for i in range(8)])],
        [f"o{i}" for i in range(8)],
    )
    root = next(b for b in layout(tree, CATALOG).boxes if b.key == "")
    assert root.width == MAX_QUESTION
    assert len(root.lines) > 1


# ---- SVG -------------------------------------------------------------------------------


def test_svg_is_labelled_and_takes_its_colours_from_css(tree: Tree) -> None:
    svg = ET.fromstring(tree_svg(tree, CATALOG))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    title = svg.find(f"{SVG}title")
    assert title is not None and title.get("id") == svg.get("aria-labelledby")
    assert title.text is not None and plain(tree.title) in title.text
    for element in svg.iter():
        for attribute in ("fill", "stroke"):
            assert element.get(attribute) in (None, "none", "currentColor")
        assert "#" not in (element.get("style") or "")
    diagram = layout(tree, CATALOG)
    assert len(svg.findall(f".//{SVG}rect")) == len(diagram.boxes)
    # The widget highlights questions by node id, everything else by the choice leading there.
    assert {e.get("data-ss-node") for e in svg.iter() if e.get("data-ss-node")} == {
        b.ref for b in diagram.boxes if b.kind == "question"
    }
    choices = {f"{n.id}:{i}" for n in tree.nodes for i in range(len(n.choices))}
    assert {e.get("data-ss-edge") for e in svg.iter() if e.get("data-ss-edge")} == choices


def test_svg_escapes_text() -> None:
    tree = _tree([("a", 'Is 1 < 2 & "so"?', [("<b>yes</b>", "x"), ("no", "y")])], ["x", "y"])
    svg = ET.fromstring(tree_svg(tree, CATALOG))
    text = " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))
    assert 'Is 1 < 2 & "so"?' in text
    assert "<b>yes</b>" in text
    assert "A <tree> & co" in "".join(svg.find(f"{SVG}title").itertext())  # type: ignore[union-attr]
