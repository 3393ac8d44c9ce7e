"""Scaffold: ``init`` writes a minimal valid exam, ``new-domain`` adds a domain to one.

The skeleton is small but complete: a blueprint, a glossary, and a domain with a topic that
shows a comparison table and a decision tree, and three questions (one "choose two"). It
passes every check and content lint, so an author starts from a working site and edits.
Nothing here overwrites a file that exists.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

import yaml

from generator.authoring.schema import SCHEMA_DIR, schema_line
from generator.content.load import DOMAIN_FILE, EXAM_FILE, GLOSSARY_FILE
from generator.errors import GeneratorError

log = logging.getLogger(__name__)

REFERENCE = SCHEMA_DIR / "reference.md"

EXAM = """\
# The exam blueprint. Edit the id, title, code and provider first, then the format and the
# domains: their weights add up to 100. Every field: {reference}
id: my-exam
title: My Certification Exam
code: EXAM-101
provider: The Exam Provider
disclaimer: Study notes written for learners. Not affiliated with or endorsed by The Exam Provider.
questions: 50
minutes: 90
summary: >-
  What the exam tests, who it is for and how it is scored. Replace this text with the exam
  guide's own summary, in your own words.
domains:
  - number: 1
    title: First domain
    weight: 100
"""

GLOSSARY = """\
# Abbreviations: each one gets a tooltip wherever it appears on a page. Add your exam's own.
terms:
  - term: YAML
    expansion: YAML Ain't Markup Language
    note: The format these data files are written in.
"""

DOMAIN = """\
# Domain {n}: its number must be in the blueprint in exam.yml. Edit the title and summary;
# the topics, tables, trees and questions are in the other files of this folder.
number: {n}
title: {title}
level: Foundational
summary: >-
  What this domain covers and why it matters on the exam. Replace this text.
takeaways:
  - One thing a learner should remember from this domain.
  - Another key takeaway, kept to one line.
tips:
  - kind: exam-tip
    text: A tip about how the exam asks about this domain.
"""

TOPICS = """\
# Topics, in reading order: each is one page. Blocks hold the content; each block has one
# key (heading, prose, points, callout, table or tree).
topics:
  - id: d{n}-first-topic
    title: First topic
    summary: One sentence on what this topic covers, shown on the domain's overview.
    blocks:
      - heading: What to know
      - prose: >-
          A paragraph of Markdown in your own words. **Bold** and `code` work, and every
          abbreviation in glossary.yml, such as YAML, gets a tooltip.
      - points:
          - One point a learner should remember.
          - Another point, kept to one line.
      - callout:
          kind: exam-tip
          text: >-
            A highlighted tip. Other kinds are exam-concept, exam-pattern, exam-weight,
            decision-shortcut and warning.
      - table: d{n}-plans-compared
      - tree: d{n}-choose-plan
    links:
      - title: The exam guide
        url: https://example.com/exam-guide
"""

TABLES = """\
# Comparison tables: columns (attributes) and rows (items, at least two); every item has a
# cell for every column. A topic shows a table with a `table:` block.
tables:
  - id: d{n}-plans-compared
    title: Two plans compared
    intro: Each row is one plan; sort the number and yes/no columns with their buttons.
    item_label: Plan
    attributes:
      - {{id: best-for, name: Best for}}
      - {{id: managed, name: Fully managed, kind: yesno}}
      - {{id: cost, name: Monthly cost, kind: number, unit: USD}}
    items:
      - id: starter
        name: Starter
        topic: d{n}-first-topic
        cells: {{best-for: Small workloads, managed: true, cost: 10}}
      - id: enterprise
        name: Enterprise
        topic: d{n}-first-topic
        cells: {{best-for: Large workloads, managed: false, cost: 250}}
"""

TREES = """\
# Decision trees: question nodes and outcomes share one id space; every choice leads to a
# node or an outcome. A topic shows a tree with a `tree:` block. Quote "Yes" and "No".
trees:
  - id: d{n}-choose-plan
    title: Which plan fits?
    intro: Answer one question at a time to reach the plan to choose.
    start: workload-size
    nodes:
      - id: workload-size
        question: Is the workload small?
        choices:
          - {{label: "Yes", next: starter}}
          - {{label: "No", next: enterprise}}
    outcomes:
      - id: starter
        answer: Starter
        why: It costs least for a small workload.
        topic: d{n}-first-topic
        row: {{table: d{n}-plans-compared, item: starter}}
      - id: enterprise
        answer: Enterprise
        why: It is built for large workloads.
        topic: d{n}-first-topic
        row: {{table: d{n}-plans-compared, item: enterprise}}
"""

QUESTIONS = """\
# Practice questions: each option says why it is right or wrong. Options are shuffled, so
# never refer to one by letter. `choose: 2` takes exactly two correct options. One question
# of each other type follows; the reference beside the schemas describes every field.
questions:
  - id: d{n}-small-workload
    topics: [d{n}-first-topic]
    difficulty: easy
    stem: >-
      A team runs a small workload and wants the lowest monthly cost. Which plan should
      it choose?
    options:
      - text: Starter
        correct: true
        why: It is the cheaper plan and suits small workloads.
      - text: Enterprise
        why: It is built for large workloads and costs more each month.
      - text: Both plans side by side
        why: Paying for two plans costs more than either one alone.
  - id: d{n}-starter-facts
    topics: [d{n}-first-topic]
    difficulty: medium
    stem: Which two statements about the Starter plan are true?
    choose: 2
    options:
      - text: It is fully managed.
        correct: true
        why: The comparison table marks it as fully managed.
      - text: It suits small workloads.
        correct: true
        why: Small workloads are what it is best for.
      - text: It costs more each month than Enterprise.
        why: It costs 10 USD a month against 250 USD.
      - text: It is built for large workloads.
        why: That is the Enterprise plan.
  - id: d{n}-large-workload
    topics: [d{n}-first-topic]
    difficulty: easy
    stem: A team's workload is large. Which plan does the decision tree lead to?
    options:
      - text: Enterprise
        correct: true
        why: A large workload answers the tree's question with no, which leads to Enterprise.
      - text: Starter
        why: The tree leads to Starter only for a small workload.
      - text: Neither plan
        why: Every path through the tree ends at one of the two plans.
"""

TYPE_SAMPLES = """\
  # Other types: `type:` names them (no `type` is a multiple-choice question as above).
  - id: d{n}-starter-managed
    type: true-false
    topics: [d{n}-first-topic]
    stem: The Starter plan is fully managed.
    answer: true
    explanation: The comparison table marks Starter as fully managed.
  - id: d{n}-plan-steps
    type: ordering
    topics: [d{n}-first-topic]
    stem: Put the steps to pick a plan in order.
    # Items in their RIGHT order; pages shuffle them. Never say the position in the text.
    items:
      - text: Measure the workload's size
        why: The decision tree's only question is the workload's size.
      - text: Follow the decision tree to a plan
        why: The tree needs the size to lead anywhere.
      - text: Check the plan's monthly cost in the table
        why: The cost is read for the plan the tree led to.
  - id: d{n}-plan-fit
    type: matching
    topics: [d{n}-first-topic]
    stem: Match each plan to the workload it is best for.
    pairs:
      - prompt: Starter
        answer: Small workloads
        why: The table lists small workloads as what Starter is best for.
      - prompt: Enterprise
        answer: Large workloads
        why: The table lists large workloads as what Enterprise is best for.
    distractors: [Workloads that never run]
  - id: d{n}-starter-cost
    type: numeric
    topics: [d{n}-first-topic]
    stem: What does the Starter plan cost each month, in USD?
    answer: 10
    tolerance: 0        # or `range: [min, max]` instead of answer and tolerance
    unit: USD
    explanation: The comparison table gives Starter a monthly cost of 10 USD.
  - id: d{n}-plan-name
    type: short-answer
    topics: [d{n}-first-topic]
    stem: Which plan is built for large workloads?
    # Compared after Unicode NFKC, case folding and trimming spaces: list real variants only.
    accept: [Enterprise, Enterprise plan]
    explanation: Enterprise is the plan for large workloads.
  - id: d{n}-case-growing-shop
    type: case-study
    topics: [d{n}-first-topic]     # its questions inherit these unless they give their own
    title: A growing shop
    scenario: >-
      A shop runs a small workload today and expects it to grow tenfold next year. It has
      no operations staff.
    table:
      columns: [Period, Workload]
      rows:
        - [This year, Small]
        - [Next year, Large]
    questions:
      - id: d{n}-case-growing-shop-now
        stem: Which plan fits the shop this year?
        options:
          - text: Starter
            correct: true
            why: The workload is small this year, and Starter is fully managed.
          - text: Enterprise
            why: It is built for large workloads and costs more each month.
      - id: d{n}-case-growing-shop-later
        type: true-false
        stem: Next year the decision tree leads the shop to Enterprise.
        answer: true
        explanation: A large workload answers the tree's question with no, so Enterprise.
"""
"""One question of each other type, in the style of :data:`QUESTIONS` (list entries)."""

ALL_TYPES = QUESTIONS + "\n" + TYPE_SAMPLES
"""The sample questions with one of every type (the reference's examples)."""

DOMAIN_FILES = {
    DOMAIN_FILE: DOMAIN,
    "topics.yml": TOPICS,
    "tables.yml": TABLES,
    "trees.yml": TREES,
    "questions.yml": ALL_TYPES,
}


def _with_schema(path: Path, text: str) -> str:
    """Put the editor's schema line first and point the reference placeholder at the file."""
    reference = _relative_to(REFERENCE, path.parent)
    return f"{schema_line(path)}\n{text.replace('{reference}', reference)}"


def _relative_to(target: Path, folder: Path) -> str:
    try:
        return Path(os.path.relpath(target.resolve(), folder.resolve())).as_posix()
    except ValueError:  # pragma: no cover - another drive on Windows
        return target.resolve().as_posix()


def _write_new(files: dict[Path, str]) -> list[Path]:
    """Write every file, or none if any exists already."""
    existing = [path for path in files if path.exists()]
    if existing:
        raise GeneratorError(
            f"{existing[0]} exists already; nothing was written (no file is ever overwritten)"
        )
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return list(files)


def _domain_files(folder: Path, number: int, title: str) -> dict[Path, str]:
    return {
        folder / name: _with_schema(folder / name, text.format(n=number, title=title))
        for name, text in DOMAIN_FILES.items()
    }


def init_exam(target: Path) -> list[Path]:
    """Write a minimal valid exam into ``target`` (new or empty); return the files written.

    Raises:
        GeneratorError: ``target`` is a file or a folder that is not empty.
    """
    if target.exists() and not target.is_dir():
        raise GeneratorError(f"{target} is a file; name a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise GeneratorError(
            f"{target} is not empty; name a new or empty folder (init never overwrites files)"
        )
    files = {
        target / EXAM_FILE: _with_schema(target / EXAM_FILE, EXAM),
        target / GLOSSARY_FILE: _with_schema(target / GLOSSARY_FILE, GLOSSARY),
        **_domain_files(target / "domain-1", 1, "First domain"),
    }
    return _write_new(files)


def new_domain(data_dir: Path, number: int) -> tuple[list[Path], str]:
    """Add ``domain-N/`` with the skeleton, and its blueprint entry in exam.yml if missing.

    Returns:
        The files written, and a note for the author (empty when there is nothing to do).

    Raises:
        GeneratorError: No exam.yml, the folder exists, or the blueprint cannot be edited.
    """
    exam_file = data_dir / EXAM_FILE
    if not exam_file.is_file():
        raise GeneratorError(
            f"{exam_file} is missing: name an exam's data folder with --data "
            f"(or create one with `python -m generator init DIR`)"
        )
    folder = data_dir / f"domain-{number}"
    if folder.exists():
        raise GeneratorError(f"{folder} exists already; nothing was written")
    text = exam_file.read_text(encoding="utf-8")
    title = f"Domain {number}"
    edited, note = _add_to_blueprint(text, exam_file, number, title)
    written = _write_new(_domain_files(folder, number, title))
    if edited != text:
        exam_file.write_text(edited, encoding="utf-8", newline="\n")
        written.append(exam_file)
    return written, note


def _add_to_blueprint(text: str, exam_file: Path, number: int, title: str) -> tuple[str, str]:
    """Append domain ``number`` to the ``domains:`` list of exam.yml, keeping its comments."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise GeneratorError(f"{exam_file} is not valid YAML ({error}); fix it first") from error
    domains = None
    if isinstance(root, yaml.MappingNode):
        domains = next((v for k, v in root.value if k.value == "domains"), None)
    listed = data.get("domains") if isinstance(data, dict) else None
    if not isinstance(domains, yaml.SequenceNode) or not isinstance(listed, list):
        raise GeneratorError(f"{exam_file} has no `domains:` list to add domain {number} to")
    if any(isinstance(d, dict) and d.get("number") == number for d in listed):
        return text, ""
    if domains.flow_style or not domains.value:
        raise GeneratorError(
            f"add domain {number} to the `domains:` list of {exam_file} by hand "
            f"(it is written in flow style); nothing was written"
        )
    total = sum(d.get("weight", 0) for d in listed if isinstance(d, dict))
    weight = max(1, 100 - total)
    indent = " " * domains.start_mark.column
    entry = f"{indent}- number: {number}\n{indent}  title: {title}\n{indent}  weight: {weight}\n"
    lines = text.splitlines(keepends=True)
    # The list ends where its last item's value ends (comments after it stay after it).
    last = domains.value[-1].end_mark
    cut = last.line + (1 if last.column > 0 else 0)
    if cut > 0 and not lines[cut - 1].endswith("\n"):
        lines[cut - 1] += "\n"
    lines.insert(cut, entry)
    note = ""
    if total + weight != 100:
        note = (
            f"the domain weights in {exam_file} now add up to {total + weight}: "
            f"make them add up to 100"
        )
    return "".join(lines), note
