"""The report the checks fill: every problem, with the file and line of its node."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from generator.content.model import Node
from generator.errors import Problem, Severity

NodeT = TypeVar("NodeT", bound=Node)


class Report:
    """Collects problems; each names its node's file and the line of the field."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(
        self,
        node: Node,
        path: str,
        message: str,
        severity: Severity = "error",
        *,
        field: str = "",
        index: int | None = None,
    ) -> None:
        """Report ``message`` about ``node`` at field path ``path`` (line of ``field``)."""
        line = node.at.line_of(field, index) if field else node.at.line
        self.problems.append(Problem(node.at.file, line, path, message, severity))


def indexed(nodes: Sequence[NodeT], kind: str) -> Iterator[tuple[str, NodeT]]:
    """Each node with its field path inside its own file, for example ``questions[3]``."""
    counters: Counter[str] = Counter()
    for node in nodes:
        yield f"{kind}[{counters[node.at.file]}]", node
        counters[node.at.file] += 1


def duplicates(
    report: Report, entries: Iterable[tuple[str, Node, str]], what: str, key_field: str = "id"
) -> None:
    """Report each entry whose key an earlier entry has, naming where the first is."""
    first: dict[str, tuple[str, Node]] = {}
    noun = f"{what} id" if key_field == "id" else what
    for path, node, key in entries:
        if key in first:
            _, other = first[key]
            report.add(
                node,
                f"{path}.{key_field}",
                f"duplicate {noun} '{key}' (first defined at {other.at.file}:{other.at.line})",
                field=key_field,
            )
        else:
            first[key] = (path, node)
