"""Check: cross-references and rules the schema alone cannot express.

Every problem is collected; :func:`check_bank` raises once with all errors. Warnings are
content lint: reported, never fatal.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from generator.errors import DataError, Problem, Severity
from generator.model import (
    Bank,
    Node,
    Question,
    Table,
    TableBlock,
    Tree,
    TreeBlock,
)

NodeT = TypeVar("NodeT", bound=Node)

MIN_QUESTIONS_PER_TOPIC = 3
_LETTER_REFERENCE = re.compile(r"\(([A-F])\)|\b(?:option|answer|choice) ([A-F])\b")


class _Report:
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
        line = node.at.line_of(field, index) if field else node.at.line
        self.problems.append(Problem(node.at.file, line, path, message, severity))


def indexed(nodes: Sequence[NodeT], kind: str) -> Iterator[tuple[str, NodeT]]:
    """Each node with its field path inside its own file, for example ``questions[3]``."""
    counters: Counter[str] = Counter()
    for node in nodes:
        yield f"{kind}[{counters[node.at.file]}]", node
        counters[node.at.file] += 1


def _duplicates(report: _Report, entries: Iterable[tuple[str, Node, str]], what: str) -> None:
    first: dict[str, tuple[str, Node]] = {}
    for path, node, key in entries:
        if key in first:
            _, other = first[key]
            report.add(
                node,
                f"{path}.id",
                f"duplicate {what} id '{key}' (first defined at {other.at.file}:{other.at.line})",
                field="id",
            )
        else:
            first[key] = (path, node)


def check_bank(bank: Bank) -> list[Problem]:
    """Check the whole bank; return warnings, or raise :class:`DataError` on any error."""
    problems = find_problems(bank)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise DataError(errors)
    return [p for p in problems if p.severity == "warning"]


def find_problems(bank: Bank) -> list[Problem]:
    """Every error and warning in the bank, sorted by file and line."""
    report = _Report()
    _check_exam(report, bank)
    topics = {t.id for d in bank.domains for t in d.topics}
    tables = {t.id: t for d in bank.domains for t in d.tables}
    trees = {t.id: t for d in bank.domains for t in d.trees}

    _duplicates(
        report,
        ((p, t, t.id) for d in bank.domains for p, t in indexed(d.topics, "topics")),
        "topic",
    )
    _duplicates(
        report,
        ((p, t, t.id) for d in bank.domains for p, t in indexed(d.tables, "tables")),
        "table",
    )
    _duplicates(
        report, ((p, t, t.id) for d in bank.domains for p, t in indexed(d.trees, "trees")), "tree"
    )
    _duplicates(
        report,
        ((p, q, q.id) for d in bank.domains for p, q in indexed(d.questions, "questions")),
        "question",
    )
    _duplicates(
        report,
        ((f"terms[{i}]", t, t.term) for i, t in enumerate(bank.glossary.terms)),
        "glossary term",
    )

    used_tables: set[str] = set()
    used_trees: set[str] = set()
    # Questions per topic over the whole bank, counted once (not once per domain).
    coverage = Counter(t for d in bank.domains for q in d.questions for t in q.topics)
    for domain in bank.domains:
        for path, topic in indexed(domain.topics, "topics"):
            for i, block in enumerate(topic.blocks):
                if isinstance(block, TableBlock):
                    used_tables.add(block.table)
                    if block.table not in tables:
                        _unknown(
                            report, block, f"{path}.blocks[{i}].table", "table", block.table, tables
                        )
                elif isinstance(block, TreeBlock):
                    used_trees.add(block.tree)
                    if block.tree not in trees:
                        _unknown(
                            report, block, f"{path}.blocks[{i}].tree", "tree", block.tree, trees
                        )
        for path, table in indexed(domain.tables, "tables"):
            _check_table(report, path, table, topics)
            if table.id not in used_tables:
                report.add(
                    table,
                    path,
                    f"table '{table.id}' is not shown on any topic "
                    f"(add a 'table: {table.id}' block)",
                    "warning",
                )
        for path, tree in indexed(domain.trees, "trees"):
            _check_tree(report, path, tree, topics, tables)
            if tree.id not in used_trees:
                report.add(
                    tree,
                    path,
                    f"tree '{tree.id}' is not shown on any topic (add a 'tree: {tree.id}' block)",
                    "warning",
                )
        for path, question in indexed(domain.questions, "questions"):
            _check_question(report, path, question, topics)
        _check_coverage(report, domain.topics, coverage)
    return sorted(report.problems)


def _unknown(
    report: _Report,
    node: Node,
    path: str,
    what: str,
    value: str,
    known: Iterable[str],
    *,
    field: str = "",
    index: int | None = None,
) -> None:
    names = sorted(known)
    hint = f"; known: {', '.join(names)}" if 0 < len(names) <= 12 else ""
    report.add(
        node,
        path,
        f"unknown {what} '{value}'{hint}",
        field=field or path.rsplit(".", 1)[-1].split("[")[0],
        index=index,
    )


def _check_exam(report: _Report, bank: Bank) -> None:
    exam = bank.exam
    numbers = Counter(d.number for d in exam.domains)
    for i, blueprint in enumerate(exam.domains):
        if numbers[blueprint.number] > 1:
            report.add(
                blueprint,
                f"domains[{i}].number",
                f"domain number {blueprint.number} is listed more than once",
                field="number",
            )
    total = sum(d.weight for d in exam.domains)
    if total != 100:
        report.add(
            exam,
            "domains",
            f"expected domain weights that add up to 100, found {total}",
            field="domains",
        )
    scored, unscored = exam.scored_questions, exam.unscored_questions
    if scored is not None and unscored is not None and scored + unscored != exam.questions:
        report.add(
            exam,
            "questions",
            f"expected scored + unscored questions to equal {exam.questions}, "
            f"found {scored} + {unscored}",
            field="questions",
        )
    seen: dict[int, str] = {}
    for content in bank.domains:
        domain = content.domain
        if domain.number not in numbers:
            listed = ", ".join(str(n) for n in sorted(numbers))
            report.add(
                domain,
                "number",
                f"domain {domain.number} is not in the exam blueprint (domains {listed})",
                field="number",
            )
        if domain.number in seen:
            report.add(
                domain,
                "number",
                f"domain {domain.number} already has a folder ({seen[domain.number]})",
                field="number",
            )
        seen[domain.number] = domain.at.file


def _check_table(report: _Report, path: str, table: Table, topics: set[str]) -> None:
    attributes = {a.id: a for a in table.attributes}
    _duplicates(
        report,
        ((f"{path}.attributes[{i}]", a, a.id) for i, a in enumerate(table.attributes)),
        "attribute",
    )
    _duplicates(
        report, ((f"{path}.items[{i}]", it, it.id) for i, it in enumerate(table.items)), "item"
    )
    for i, item in enumerate(table.items):
        where = f"{path}.items[{i}]"
        if item.topic is not None and item.topic not in topics:
            _unknown(report, item, f"{where}.topic", "topic", item.topic, topics)
        for attribute in table.attributes:
            if attribute.id not in item.cells:
                report.add(
                    item,
                    f"{where}.cells",
                    f"missing cell '{attribute.id}' ({attribute.name})",
                    field="cells",
                )
        for key, value in item.cells.items():
            cell_path = f"{where}.cells.{key}"
            line_node = item
            if key not in attributes:
                _unknown(report, line_node, cell_path, "attribute", key, attributes, field="cells")
                continue
            kind = attributes[key].kind
            ok = (
                isinstance(value, bool)
                if kind == "yesno"
                else (isinstance(value, int | float) and not isinstance(value, bool))
                if kind == "number"
                else isinstance(value, str)
            )
            if not ok:
                expected = {"yesno": "true or false", "number": "a number", "text": "text"}[kind]
                found = repr(value).lower() if isinstance(value, bool) else repr(value)
                line = item.cells_at.line_of(key) or item.at.line
                report.problems.append(
                    Problem(
                        item.at.file,
                        line,
                        cell_path,
                        f"expected {expected} for a {kind.replace('yesno', 'yes/no')} column, "
                        f"found {found}",
                    )
                )


def _check_tree(
    report: _Report, path: str, tree: Tree, topics: set[str], tables: dict[str, Table]
) -> None:
    nodes = {n.id: n for n in tree.nodes}
    outcomes = {o.id: o for o in tree.outcomes}
    entries: list[tuple[str, Node, str]] = [
        (f"{path}.nodes[{i}]", n, n.id) for i, n in enumerate(tree.nodes)
    ]
    entries += [(f"{path}.outcomes[{i}]", o, o.id) for i, o in enumerate(tree.outcomes)]
    _duplicates(report, entries, f"node or outcome (tree '{tree.id}')")
    targets = set(nodes) | set(outcomes)
    if tree.start not in nodes:
        _unknown(report, tree, f"{path}.start", "question node", tree.start, nodes)
    edges: dict[str, list[str]] = defaultdict(list)
    for i, node in enumerate(tree.nodes):
        for j, choice in enumerate(node.choices):
            if choice.next not in targets:
                _unknown(
                    report,
                    choice,
                    f"{path}.nodes[{i}].choices[{j}].next",
                    "node or outcome",
                    choice.next,
                    targets,
                )
            else:
                edges[node.id].append(choice.next)
    reached = _reachable(tree.start, edges)
    for where, entry, key in entries:
        if key not in reached and tree.start in nodes:
            report.add(
                entry, where, f"'{key}' cannot be reached from the start node '{tree.start}'"
            )
    cycle = _find_cycle(tree.start, edges)
    if cycle:
        index = next(i for i, n in enumerate(tree.nodes) if n.id == cycle[-2])
        report.add(
            tree.nodes[index],
            f"{path}.nodes[{index}]",
            "the tree loops: " + " -> ".join(cycle) + " (every path must end at an outcome)",
        )
    for i, outcome in enumerate(tree.outcomes):
        where = f"{path}.outcomes[{i}]"
        if outcome.topic not in topics:
            _unknown(report, outcome, f"{where}.topic", "topic", outcome.topic, topics)
        if outcome.row is not None:
            table = tables.get(outcome.row.table)
            if table is None:
                _unknown(
                    report, outcome.row, f"{where}.row.table", "table", outcome.row.table, tables
                )
            elif outcome.row.item not in {it.id for it in table.items}:
                _unknown(
                    report,
                    outcome.row,
                    f"{where}.row.item",
                    f"item of table '{table.id}'",
                    outcome.row.item,
                    (it.id for it in table.items),
                )


def _reachable(start: str, edges: dict[str, list[str]]) -> set[str]:
    seen = {start}
    stack = [start]
    while stack:
        for target in edges.get(stack.pop(), ()):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _find_cycle(start: str, edges: dict[str, list[str]]) -> list[str]:
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


def _check_question(report: _Report, path: str, question: Question, topics: set[str]) -> None:
    for i, topic in enumerate(question.topics):
        if topic not in topics:
            _unknown(
                report,
                question,
                f"{path}.topics[{i}]",
                "topic",
                topic,
                topics,
                field="topics",
                index=i,
            )
    count = len(question.options)
    if count < 2:
        report.add(
            question,
            f"{path}.options",
            f"expected at least 2 options, found {count}",
            field="options",
        )
        return
    correct = len(question.correct_indexes)
    if question.choose == 1 and correct != 1:
        report.add(
            question,
            f"{path}.options",
            f"expected exactly one correct option for a single-answer question, found {correct}",
            field="options",
        )
    elif question.choose > 1 and correct != question.choose:
        report.add(
            question,
            f"{path}.options",
            f"expected exactly {question.choose} correct options "
            f"for a 'choose {question.choose}' question, found {correct}",
            field="options",
        )
    if question.choose >= count:
        report.add(
            question,
            f"{path}.choose",
            f"expected fewer than {count} to choose from {count} options, found {question.choose}",
            field="choose",
        )
    texts: dict[str, int] = {}
    for i, option in enumerate(question.options):
        key = option.text.casefold()
        if key in texts:
            report.add(
                option,
                f"{path}.options[{i}].text",
                f"same text as option {texts[key]}",
                field="text",
            )
        texts.setdefault(key, i)
        for field in ("text", "why"):
            match = _LETTER_REFERENCE.search(getattr(option, field))
            if match:
                report.add(
                    option,
                    f"{path}.options[{i}].{field}",
                    f"refers to an option by letter ('{match.group(0)}'); "
                    "options are shuffled, name the option instead",
                    "warning",
                    field=field,
                )


def _check_coverage(report: _Report, topics: Sequence[Node], counts: Counter[str]) -> None:
    """Warn about topics tested by too few questions (``counts``: questions per topic id)."""
    for path, topic in indexed(list(topics), "topics"):
        key = getattr(topic, "id", "")
        if counts[key] < MIN_QUESTIONS_PER_TOPIC:
            report.add(
                topic,
                path,
                f"topic '{key}' has {counts[key]} self-check "
                f"question{'s' if counts[key] != 1 else ''}; "
                f"aim for at least {MIN_QUESTIONS_PER_TOPIC}",
                "warning",
            )
