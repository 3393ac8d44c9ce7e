"""Check: cross-references and rules the schema alone cannot express.

Every problem is collected; :func:`check_bank` raises once with all errors. Warnings are
content lint: reported, never fatal.
"""

from __future__ import annotations

import difflib
import functools
import os
import posixpath
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar
from urllib.parse import urlsplit

from generator.content.model import (
    NO_EXPLANATION,
    Bank,
    Node,
    Question,
    Table,
    TableBlock,
    Tree,
    TreeBlock,
)
from generator.errors import DataError, Problem, Severity
from generator.site import text
from generator.site.layout import domain_pages

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


def _duplicates(
    report: _Report, entries: Iterable[tuple[str, Node, str]], what: str, key_field: str = "id"
) -> None:
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
        key_field="term",
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
            lint_question(report, path, question)
        _check_coverage(report, domain.topics, coverage)
        _check_explanations(report, domain.questions)
    lint_bank(report, [q for d in bank.domains for q in d.questions])
    check_exam_status(report, bank)
    check_careless_input(report, bank)
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


def _check_explanations(report: _Report, questions: Sequence[Question]) -> None:
    """Warn once per file about options without a ``why`` (imported banks often lack them)."""
    missing: dict[str, tuple[Question, int, int]] = {}
    for question in questions:
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


# ---- question lints ------------------------------------------------------------------
# Warnings about questions a learner could answer by test-taking tricks instead of
# knowledge: a correct option given away by its length or by a word of the stem, options
# that say the same thing twice, and wording that breaks when options are shuffled.

LONG_RATIO = 1.5
"""The correct option is flagged when it is this many times as long as every distractor..."""
LONG_MARGIN = 20
"""...and at least this many characters longer than the longest of them."""
LONGEST_MIN_QUESTIONS = 10
"""The bank-wide share of 'longest option is correct' is judged on at least this many."""
LONGEST_Z = 2.0
"""How many standard deviations above chance that share must be to be reported."""
TYPO_RATIO = 0.8
"""Two words this alike (difflib ratio) count as the same word misspelt."""

_WORD = re.compile(r"[a-z0-9][a-z0-9-]*[a-z0-9]|[a-z0-9]")
# Function words and question words: sharing them says nothing about the answer.
_COMMON_TEXT = """
    about above after again against also among another because been before being below
    between both cannot could does doing down during each either enough every from further
    have having here into itself just least less like many more most much must need needs
    neither none only other ought over same should since some such than that their them
    then there these they this those through under until upon very want wants what when
    where whether which while whom whose will with within without would your yours choose
    following true false statement statements correct best option options answer
"""
_COMMON_WORDS = frozenset(_COMMON_TEXT.split())
_ABOVE = re.compile(r"\b(?:all|none|both|neither) of (?:the )?above\b", re.IGNORECASE)
_CHOOSE_IN_STEM = re.compile(r"\(\s*(?:choose|select)\s+\w+\s*\.?\s*\)\s*$", re.IGNORECASE)
_LETTER_COMBINATION = re.compile(
    r"(?:\b(?:[Bb]oth|[Ee]ither|[Nn]either|[Oo]nly)\s+)?"
    r"\b[A-F](?:,\s*[A-F])*,?\s+(?:and|or|nor|&)\s+[A-F]\b"
)


def _words(text: str) -> set[str]:
    """Content words of ``text``, lower case, a plural 's' dropped, backticks ignored."""
    words: set[str] = set()
    for word in _WORD.findall(text.replace("`", "").casefold()):
        if len(word) < 4 or word in _COMMON_WORDS:
            continue
        words.add(word[:-1] if word.endswith("s") and len(word) > 4 else word)
    return words


def _tokens(text: str) -> set[str]:
    """Words of an option, ignoring case, punctuation, short words and a plural 's'."""
    words = re.sub(r"[^a-z0-9]+", " ", text.casefold()).split()
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if len(w) > 3}


@functools.lru_cache(maxsize=65_536)
def _alike(a: str, b: str) -> bool:
    """Whether two words are the same but for a typo (ratio at least :data:`TYPO_RATIO`)."""
    # The quick ratios are upper bounds of ratio(): most pairs of words stop there.
    matcher = difflib.SequenceMatcher(None, a, b)
    return (
        matcher.real_quick_ratio() >= TYPO_RATIO
        and matcher.quick_ratio() >= TYPO_RATIO
        and matcher.ratio() >= TYPO_RATIO
    )


def _same_choice(one: set[str], other: set[str]) -> bool:
    """Whether two options differ only in word order, short words or misspellings."""
    if not one or not other:
        return False  # options of short words only ("USB", "Fan") are told apart exactly
    left, right = one - other, other - one
    return all(
        any(_alike(a, b) for b in theirs)
        for mine, theirs in ((left, right), (right, left))
        for a in mine
    )


def lint_question(report: _Report, path: str, question: Question) -> None:
    """Warn about options that give the answer away or break when shuffled."""
    options = question.options
    correct = [i for i, o in enumerate(options) if o.correct]
    wrong = [i for i, o in enumerate(options) if not o.correct]
    if not correct or not wrong:
        return
    longest_wrong = max(len(options[i].text) for i in wrong)
    for i in correct:
        length = len(options[i].text)
        if length >= LONG_RATIO * longest_wrong and length - longest_wrong >= LONG_MARGIN:
            report.add(
                options[i],
                f"{path}.options[{i}].text",
                f"the correct option is {length} characters, {length / longest_wrong:.1f} times "
                f"the longest distractor ({longest_wrong}): a learner can pick it by its length "
                "alone; give the distractors the same detail or shorten it",
                "warning",
                field="text",
            )
    stem_words = _words(question.stem)
    wrong_words: set[str] = set()
    for i in wrong:
        wrong_words |= _words(options[i].text)
    for i in correct:
        giveaways = sorted((stem_words & _words(options[i].text)) - wrong_words)
        if giveaways:
            listed = ", ".join(f"'{w}'" for w in giveaways)
            report.add(
                options[i],
                f"{path}.options[{i}].text",
                f"shares {listed} with the stem and no distractor does: the word points "
                "at the answer; use it in a distractor too, or reword",
                "warning",
                field="text",
            )
    seen: list[tuple[int, set[str]]] = []
    for i, option in enumerate(options):
        tokens = _tokens(option.text)
        for j, other in seen:
            if option.text.casefold() == options[j].text.casefold():
                continue  # an exact repeat is already an error
            if _same_choice(tokens, other):
                report.add(
                    option,
                    f"{path}.options[{i}].text",
                    f"says the same as option {j} in other words ('{options[j].text}'): "
                    "each option should be a different choice",
                    "warning",
                    field="text",
                )
                break
        seen.append((i, tokens))
        above = _ABOVE.search(option.text)
        if above and question.shuffle:
            report.add(
                option,
                f"{path}.options[{i}].text",
                f"'{above.group(0)}' depends on the order of the options, but this question "
                "shuffles them: name the options it means, or set 'shuffle: false'",
                "warning",
                field="text",
            )
        for field in ("text", "why"):
            letters = _LETTER_COMBINATION.search(getattr(option, field) or "")
            if letters:
                report.add(
                    option,
                    f"{path}.options[{i}].{field}",
                    f"refers to options by letter ('{letters.group(0)}'); options are "
                    "shuffled and lettered on the page, name the options instead",
                    "warning",
                    field=field,
                )
    choose = _CHOOSE_IN_STEM.search(question.stem)
    if choose:
        report.add(
            question,
            f"{path}.stem",
            f"the stem ends with '{choose.group(0).strip()}', which the site already adds "
            f"from 'choose: {question.choose}': remove it from the stem",
            "warning",
            field="stem",
        )


def lint_bank(report: _Report, questions: Sequence[Question]) -> None:
    """Warn once when the correct option is the longest far more often than chance."""
    scored = [q for q in questions if any(o.correct for o in q.options) and len(q.options) > 1]
    if len(scored) < LONGEST_MIN_QUESTIONS:
        return
    hits = 0
    expected = 0.0
    variance = 0.0
    for question in scored:
        lengths = [len(o.text) for o in question.options]
        top = max(lengths)
        longest = [i for i, n in enumerate(lengths) if n == top]
        if len(longest) == 1 and question.options[longest[0]].correct:
            hits += 1
        chance = sum(o.correct for o in question.options) / len(question.options)
        expected += chance
        variance += chance * (1 - chance)
    if hits <= expected + LONGEST_Z * variance**0.5:
        return
    first = scored[0]
    files = sorted({q.at.file for q in scored})
    where = files[0] if len(files) == 1 else os.path.commonpath(files) or first.at.file
    report.problems.append(
        Problem(
            where,
            0,
            "questions",
            f"the correct option is the longest in {hits} of {len(scored)} questions "
            f"({hits / len(scored):.0%}); chance gives about {expected:.0f} "
            f"({expected / len(scored):.0%}): learners can learn to pick the longest "
            "option, so vary which option is longest",
            "warning",
        )
    )


def check_exam_status(report: _Report, bank: Bank) -> None:
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


# ---- careless input: what MkDocs would otherwise trip over -----------------------------
#
# Text reaches pages through generator/site/text.py, which already makes raw HTML, snippet
# syntax, pipes and front-matter characters harmless. What it cannot make right is said
# here, with the file and line, before MkDocs runs: an id that takes a generated page's
# name, a link target that would break, an address that is not a web address.


def check_careless_input(report: _Report, bank: Bank) -> None:
    """Reserved topic ids, web addresses, link targets in text, glossary terms."""
    _check_reserved_ids(report, bank)
    for root, path in _roots(bank):
        for node, where, name, index, value in _text_fields(root, path):
            _check_text_value(report, node, where, name, index, value)
    for i, term in enumerate(bank.glossary.terms):
        if not text.abbreviation_ok(term.term):
            report.add(
                term,
                f"terms[{i}].term",
                f"'{term.term}' cannot be marked as an abbreviation on the pages (no square "
                "brackets, backslashes or line breaks); it is listed in the glossary only",
                "warning",
                field="term",
            )


def _check_reserved_ids(report: _Report, bank: Bank) -> None:
    for content in bank.domains:
        # The other pages of the domain's folder; a new page kind is covered as it comes.
        reserved = {
            posixpath.splitext(posixpath.basename(page.path))[0]: page.title
            for page in domain_pages(content)
            if page.kind != "topic"
        }
        for path, topic in indexed(content.topics, "topics"):
            if topic.id in reserved:
                report.add(
                    topic,
                    f"{path}.id",
                    f"topic id '{topic.id}' is reserved: {content.slug}/{topic.id}.md is the "
                    f"page '{reserved[topic.id]}'; choose another id",
                    field="id",
                )


def _roots(bank: Bank) -> Iterator[tuple[Node, str]]:
    """Every model read from a file, with its field path inside that file."""
    yield bank.exam, ""
    for i, term in enumerate(bank.glossary.terms):
        yield term, f"terms[{i}]"
    for content in bank.domains:
        yield content.domain, ""
        for kind in ("topics", "tables", "trees", "questions"):
            for path, node in indexed(list(getattr(content, kind)), kind):
                yield node, path


def _text_fields(node: Node, path: str) -> Iterator[tuple[Node, str, str, int | None, str]]:
    """Every text value under ``node``: (owner, path, field, list index, value)."""
    for name in type(node).model_fields:
        if name == "at":
            continue
        value = getattr(node, name)
        where = f"{path}.{name}" if path else name
        items = value if isinstance(value, list) else [value]
        for i, item in enumerate(items):
            index = i if isinstance(value, list) else None
            here = f"{where}[{i}]" if index is not None else where
            if isinstance(item, Node):
                yield from _text_fields(item, here)
            elif isinstance(item, str):
                yield node, here, name, index, item
            elif isinstance(item, dict):  # table cells
                for key, cell in item.items():
                    if isinstance(cell, str):
                        yield node, f"{here}.{key}", name, None, cell


_WEB_ADDRESS_FIELDS = frozenset({"url"})


def _check_text_value(
    report: _Report, node: Node, where: str, name: str, index: int | None, value: str
) -> None:
    if name in _WEB_ADDRESS_FIELDS:
        problem = text.url_problem(value)
        if problem:
            report.add(node, where, f"{problem}, found '{value}'", field=name, index=index)
        return
    for target in text.link_targets(value):
        scheme = urlsplit(target).scheme.lower() if "://" in target or ":" in target else ""
        if not target or scheme == "mailto":
            continue
        if not scheme:
            report.add(
                node,
                where,
                f"link to '{target}': a relative link cannot be checked for every page that "
                "shows this text (topic page, study sheet, quiz); link the full https:// "
                "address",
                field=name,
                index=index,
            )
        elif text.url_problem(target):
            report.add(
                node,
                where,
                f"link to '{target}' is not a web address (http or https with a host); "
                "the page shows its text without the link",
                "warning",
                field=name,
                index=index,
            )
