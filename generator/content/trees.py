"""Tree walks: the one place that follows a decision tree's choices.

A tree is a graph: several choices may lead to one question, and bad data may hold a loop or a
choice that leads nowhere. The checks ask what the start reaches and whether it loops
(:func:`reachable`, :func:`find_cycle`); the outline and the diagram unroll the graph into a
tree in which each question is written out once (:func:`unroll`), so what they draw grows with
the nodes and choices, never with the number of paths.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from generator.content.model import Tree

StepKind = Literal["question", "outcome", "goto", "unknown"]


def reachable(start: str, edges: Mapping[str, Sequence[str]]) -> set[str]:
    """Every id that ``edges`` (id -> the ids its choices lead to) reach from ``start``."""
    seen = {start}
    stack = [start]
    while stack:
        for target in edges.get(stack.pop(), ()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def find_cycle(start: str, edges: Mapping[str, Sequence[str]]) -> list[str]:
    """A loop reachable from ``start`` as a list of ids (first id repeated last), or []."""
    on_path: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> list[str]:
        if node in on_path:
            return [*on_path[on_path.index(node) :], node]
        if node in done:
            return []
        on_path.append(node)
        for target in edges.get(node, ()):
            found = visit(target)
            if found:
                return found
        on_path.pop()
        done.add(node)
        return []

    return visit(start)


def parents(tree: Tree) -> Counter[str]:
    """How many choices lead to each question node of ``tree``."""
    nodes = {n.id for n in tree.nodes}
    return Counter(c.next for n in tree.nodes for c in n.choices if c.next in nodes)


@dataclass(frozen=True)
class Step:
    """Where a path of choices arrives in an unrolled tree.

    ``kind`` is ``question`` for a question written out here (its ``children`` are where its
    choices lead, in order), ``goto`` for a question written out elsewhere, ``outcome`` for an
    outcome, and ``unknown`` for an id that is neither (data the checks refuse).
    """

    kind: StepKind
    ref: str
    """The id of the node or outcome reached."""
    path: tuple[tuple[str, int], ...]
    """The choices from the root that lead here: (question node id, choice index)."""
    label: str = ""
    """The label of the choice that leads here; empty at a root."""
    children: tuple[Step, ...] = ()

    @property
    def depth(self) -> int:
        """How many choices lead here from the root."""
        return len(self.path)

    @property
    def key(self) -> str:
        """The path as text: ``"start:0,next:1"`` (``""`` at a root)."""
        return ",".join(f"{node}:{index}" for node, index in self.path)


def unroll(
    tree: Tree,
    *,
    expand: Callable[[str, int], bool] | None = None,
    separate: bool = False,
) -> tuple[Step, ...]:
    """``tree`` from its start node as nested steps, each question written out once.

    Questions are written out depth first, in the order of their choices, where the first
    path reaches them. Another choice that leads to a question written out already (shared,
    or a loop) gets a ``goto`` step, so the size is linear in nodes and choices.

    Args:
        tree: The tree.
        expand: Whether a question that a choice leads to, not yet written out, is written out
            there, given its id and the depth it would have; a question it refuses gets a
            ``goto`` step. By default every such question is.
        separate: Each question that a ``goto`` leads to is written out as a root of its
            own, after the start's (in the order of the first ``goto`` to it), unless it is
            written out somewhere already. Without it, there is one root: the start.

    Returns:
        The roots: the start first. With ``separate``, only question nodes are roots.
    """
    nodes = {n.id: n for n in tree.nodes}
    outcomes = {o.id: o for o in tree.outcomes}
    placed: set[str] = set()
    pending = deque([tree.start])  # questions that get a root of their own, in order
    queued = {tree.start}

    def step(ref: str, path: tuple[tuple[str, int], ...], label: str) -> Step:
        if ref in outcomes:
            return Step("outcome", ref, path, label)
        if ref not in nodes:
            return Step("unknown", ref, path, label)
        if path and (ref in placed or (expand is not None and not expand(ref, len(path)))):
            if separate and ref not in queued:
                pending.append(ref)
                queued.add(ref)
            return Step("goto", ref, path, label)
        placed.add(ref)
        children = tuple(
            step(choice.next, (*path, (ref, i)), choice.label)
            for i, choice in enumerate(nodes[ref].choices)
        )
        return Step("question", ref, path, label, children)

    if not separate:
        return (step(tree.start, (), ""),)
    roots: list[Step] = []
    while pending:
        ref = pending.popleft()
        if ref in nodes and ref not in placed:
            roots.append(step(ref, (), ""))
    return tuple(roots)
