"""Structure: cross-references and rules the schema alone cannot express.

Ids that are unique and that point at something, tables whose cells fit their columns, trees
whose every path ends at an outcome, questions with the right number of correct options,
enough questions per topic, a date for a retiring exam, and topic ids that leave the names of
a domain's other pages free.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence

from generator.checks.question_types import check_case_study, check_type
from generator.checks.report import Report, duplicates, indexed
from generator.content.model import (
    NO_EXPLANATION,
    Answerable,
    Bank,
    CaseStudy,
    Entry,
    Node,
    Question,
    Table,
    TableBlock,
    Tree,
    TreeBlock,
)
from generator.content.pages import domain_folder_pages
from generator.content.trees import find_cycle, reachable
from generator.errors import Problem

MIN_QUESTIONS_PER_TOPIC = 3
_LETTER_REFERENCE = re.compile(r"\(([A-F])\)|\b(?:option|answer|choice) ([A-F])\b")


def check_structure(report: Report, bank: Bank) -> None:
    """Cross-references, duplicates, trees, questions, coverage, exam status, reserved ids."""
    _check_exam(report, bank)
    topics = {t.id for d in bank.domains for t in d.topics}
    tables = {t.id: t for d in bank.domains for t in d.tables}
    trees = {t.id: t for d in bank.domains for t in d.trees}

    duplicates(
        report,
        ((p, t, t.id) for d in bank.domains for p, t in indexed(d.topics, "topics")),
        "topic",
    )
    duplicates(
        report,
        ((p, t, t.id) for d in bank.domains for p, t in indexed(d.tables, "tables")),
        "table",
    )
    duplicates(
        report, ((p, t, t.id) for d in bank.domains for p, t in indexed(d.trees, "trees")), "tree"
    )
    duplicates(report, (e for d in bank.domains for e in _question_ids(d.items)), "question")
    duplicates(
        report,
        ((f"terms[{i}]", t, t.term) for i, t in enumerate(bank.glossary.terms)),
        "glossary term",
        key_field="term",
    )

    used_tables: set[str] = set()
    used_trees: set[str] = set()
    # Questions per topic over the whole bank, counted once (not once per domain).
    coverage = Counter(t for d in bank.domains for q in d.questions for t in q.topics)
    topic_domains = {t.id: d.domain.number for d in bank.domains for t in d.topics}
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
        for path, item in indexed(domain.items, "questions"):
            if isinstance(item, CaseStudy):
                _check_topics(report, path, item, topics)
                check_case_study(report, path, item, topic_domains)
                for j, part in enumerate(item.questions):
                    _check_question(report, f"{path}.questions[{j}]", part, topics)
            else:
                _check_question(report, path, item, topics)
        _check_coverage(report, domain.topics, coverage)
        _check_explanations(report, domain.questions)
    check_exam_status(report, bank)
    _check_reserved_ids(report, bank)


def _unknown(
    report: Report,
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


def _check_exam(report: Report, bank: Bank) -> None:
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


def _check_table(report: Report, path: str, table: Table, topics: set[str]) -> None:
    attributes = {a.id: a for a in table.attributes}
    duplicates(
        report,
        ((f"{path}.attributes[{i}]", a, a.id) for i, a in enumerate(table.attributes)),
        "attribute",
    )
    duplicates(
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
    report: Report, path: str, tree: Tree, topics: set[str], tables: dict[str, Table]
) -> None:
    nodes = {n.id: n for n in tree.nodes}
    outcomes = {o.id: o for o in tree.outcomes}
    entries: list[tuple[str, Node, str]] = [
        (f"{path}.nodes[{i}]", n, n.id) for i, n in enumerate(tree.nodes)
    ]
    entries += [(f"{path}.outcomes[{i}]", o, o.id) for i, o in enumerate(tree.outcomes)]
    duplicates(report, entries, f"node or outcome (tree '{tree.id}')")
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
    reached = reachable(tree.start, edges)
    for where, entry, key in entries:
        if key not in reached and tree.start in nodes:
            report.add(
                entry, where, f"'{key}' cannot be reached from the start node '{tree.start}'"
            )
    cycle = find_cycle(tree.start, edges)
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


def _question_ids(items: Sequence[Entry]) -> Iterator[tuple[str, Node, str]]:
    """Every question id with its path: case studies' and their questions' too (one space)."""
    for path, item in indexed(items, "questions"):
        yield path, item, item.id
        if isinstance(item, CaseStudy):
            for j, part in enumerate(item.questions):
                yield f"{path}.questions[{j}]", part, part.id


def _check_topics(
    report: Report, path: str, node: Answerable | CaseStudy, topics: set[str]
) -> None:
    for i, topic in enumerate(node.topics):
        if topic not in topics:
            _unknown(
                report,
                node,
                f"{path}.topics[{i}]",
                "topic",
                topic,
                topics,
                field="topics",
                index=i,
            )


def _check_question(report: Report, path: str, question: Answerable, topics: set[str]) -> None:
    if question.case is None or "topics" in question.at.fields:
        _check_topics(report, path, question, topics)
    if isinstance(question, Question):
        _check_choice(report, path, question)
    else:
        check_type(report, path, question)


def _check_choice(report: Report, path: str, question: Question) -> None:
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
            match = _LETTER_REFERENCE.search(getattr(option, field) or "")
            if match:
                report.add(
                    option,
                    f"{path}.options[{i}].{field}",
                    f"refers to an option by letter ('{match.group(0)}'); "
                    "options are shuffled, name the option instead",
                    "warning",
                    field=field,
                )


def _check_explanations(report: Report, questions: Sequence[Answerable]) -> None:
    """Warn once per file about options without a ``why`` (imported banks often lack them)."""
    missing: dict[str, tuple[Question, int, int]] = {}
    for question in questions:
        if not isinstance(question, Question):
            continue
        count = sum(1 for option in question.options if option.why is None)
        if count:
            first, options, counted = missing.get(question.at.file, (question, 0, 0))
            missing[question.at.file] = (first, options + count, counted + 1)
    for first, options, counted in missing.values():
        report.add(
            first,
            "questions",
            f"{options} option{'s' if options != 1 else ''} in {counted} "
            f"question{'s' if counted != 1 else ''} {'have' if options != 1 else 'has'} "
            f"no explanation ('why'); learners see \"{NO_EXPLANATION}\"",
            "warning",
        )


def _check_coverage(report: Report, topics: Sequence[Node], counts: Counter[str]) -> None:
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


def check_exam_status(report: Report, bank: Bank) -> None:
    """A retiring or retired exam needs the date learners must know (an error)."""
    exam = bank.exam
    if exam.status != "current" and exam.retired_on is None:
        report.add(
            exam,
            "retired_on",
            f"an exam with status '{exam.status}' needs 'retired_on', the last day it can "
            "be taken (YYYY-MM-DD)",
            field="status",
        )


def _check_reserved_ids(report: Report, bank: Bank) -> None:
    for content in bank.domains:
        # The other pages of the domain's folder; a new page kind is covered as it comes.
        overview, after = domain_folder_pages(content)
        reserved = {page.name: page.title for page in (overview, *after)}
        for path, topic in indexed(content.topics, "topics"):
            if topic.id in reserved:
                report.add(
                    topic,
                    f"{path}.id",
                    f"topic id '{topic.id}' is reserved: {content.slug}/{topic.id}.md is the "
                    f"page '{reserved[topic.id]}'; choose another id",
                    field="id",
                )
