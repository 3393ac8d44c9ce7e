"""A deterministic synthetic question bank, for benchmarks and scale tests.

``generate(folder, questions=10_000)`` writes a data folder in the project's layout
(``exam.yml``, ``glossary.yml`` and one ``domain-N/`` folder per domain holding
``domain.yml``, ``topics.yml``, ``tables.yml``, ``trees.yml`` and ``questions.yml``) that
passes ``python -m generator --data <folder> check``. The same arguments always give the
same bytes.

The bank grows by adding domains of the same shape, so every page stays the same size and
cost should grow linearly: by default a topic has 50 questions and a domain 20 topics, so
1,000 questions are 1 domain of 20 topics and 10,000 questions are 10 domains of 200
topics. Each group of five topics shares a comparison table, each group of ten a decision
tree; one question in seven also tests a second topic and one in ten is "choose two".

Command line::

    .venv/bin/python tests/support/synthetic.py OUT --questions 10000
"""

from __future__ import annotations

import argparse
import math
import random
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

# libyaml's emitter when PyYAML has it: same output, much faster.
_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

DEFAULT_PER_TOPIC = 50
DEFAULT_TOPICS_PER_DOMAIN = 20
TABLE_EVERY = 5  # topics sharing one comparison table
TREE_EVERY = 10  # topics sharing one decision tree
TABLE_ITEMS = 4


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


WORDS = _split(
    "model endpoint batch stream feature store cluster latency throughput budget region "
    "replica shard queue worker schedule metric alarm dashboard audit policy role secret "
    "bucket object snapshot backup archive tier cache index partition schema record label "
    "dataset sample baseline drift bias threshold window retry timeout payload request "
    "response container image registry runtime instance fleet capacity quota limit version "
    "release canary rollback traffic weight variant experiment notebook pipeline step job "
    "trigger event rule filter transform join aggregate report export import network subnet "
    "gateway firewall key certificate token session tenant account owner reviewer operator"
)
ADJECTIVES = _split(
    "managed serverless regional durable encrypted private shared elastic scheduled "
    "streaming cached versioned isolated automatic manual incremental nightly realtime "
    "asynchronous distributed single central local spot reserved provisioned"
)
VERBS = _split(
    "deploys scales monitors encrypts stores routes retries samples compares validates "
    "archives replicates logs audits filters aggregates schedules caches rotates exports"
)
KINDS = ("exam-tip", "exam-concept", "exam-pattern", "decision-shortcut", "warning")
GLOSSARY_SIZE = 40
_TERM = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Shape:
    """How many domains, topics and questions a synthetic bank has."""

    questions: int
    topics: int
    domains: int
    topics_per_domain: int

    def topics_of(self, domain: int) -> int:
        """Number of topics of domain ``domain`` (1-based); the last may hold fewer."""
        start = (domain - 1) * self.topics_per_domain
        return max(0, min(self.topics_per_domain, self.topics - start))

    def questions_of(self, topic: int) -> int:
        """Questions whose main topic is topic ``topic`` (0-based, over the whole bank)."""
        base, extra = divmod(self.questions, self.topics)
        return base + (1 if topic < extra else 0)


@dataclass(frozen=True)
class Summary:
    """What :func:`generate` wrote."""

    folder: Path
    shape: Shape
    tables: int
    trees: int
    files: list[Path]

    @property
    def bytes(self) -> int:
        """Total size of the YAML files."""
        return sum(f.stat().st_size for f in self.files)


def shape_for(
    questions: int,
    per_topic: int = DEFAULT_PER_TOPIC,
    topics_per_domain: int = DEFAULT_TOPICS_PER_DOMAIN,
) -> Shape:
    """The shape of a bank of ``questions`` questions: topics of ``per_topic`` questions."""
    if questions < 3:
        raise ValueError("a synthetic bank needs at least 3 questions")
    topics = max(1, min(math.ceil(questions / per_topic), questions // 3))
    domains = math.ceil(topics / topics_per_domain)
    if domains > 100:
        raise ValueError("at most 100 domains: exam weights are whole percents")
    return Shape(questions, topics, domains, topics_per_domain)


# ---- text -------------------------------------------------------------------------------


class _Text:
    """Deterministic filler text that uses the glossary's abbreviations now and then."""

    def __init__(self, rng: random.Random, terms: Sequence[str]) -> None:
        self.rng = rng
        self.terms = terms

    def words(self, count: int) -> list[str]:
        rng = self.rng
        out = []
        for _ in range(count):
            roll = rng.random()
            if roll < 0.06:
                out.append(rng.choice(self.terms))
            elif roll < 0.25:
                out.append(rng.choice(ADJECTIVES))
            elif roll < 0.35:
                out.append(rng.choice(VERBS))
            else:
                out.append(rng.choice(WORDS))
        return out

    def sentence(self, low: int, high: int) -> str:
        words = self.words(self.rng.randint(low, high))
        if self.rng.random() < 0.3:
            i = self.rng.randrange(len(words))
            words[i] = f"**{words[i]}**"
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences: int, low: int = 8, high: int = 16) -> str:
        return " ".join(self.sentence(low, high) for _ in range(sentences))

    def title(self, low: int = 2, high: int = 4) -> str:
        first = self.rng.choice(ADJECTIVES)
        words = [first, *self.rng.sample(WORDS, self.rng.randint(low, high) - 1)]
        text = " ".join(words)
        return text[0].upper() + text[1:]


def _glossary() -> list[dict[str, Any]]:
    rng = random.Random("synthetic-glossary")
    terms: dict[str, dict[str, Any]] = {}
    while len(terms) < GLOSSARY_SIZE:
        words = rng.sample(WORDS, 3)
        term = "".join(w[0] for w in words).upper()
        if term in terms or not _TERM.match(term):
            continue
        entry: dict[str, Any] = {"term": term, "expansion": " ".join(words).capitalize()}
        if len(terms) % 4 == 0:
            entry["note"] = f"Used across the synthetic {rng.choice(WORDS)} topics."
        terms[term] = entry
    return sorted(terms.values(), key=lambda t: str(t["term"]))


# ---- one domain -------------------------------------------------------------------------


def _topic_id(domain: int, topic: int) -> str:
    return f"d{domain}-t{topic:03d}"


def _table_id(domain: int, group: int) -> str:
    return f"d{domain}-table-{group:02d}"


def _tree_id(domain: int, group: int) -> str:
    return f"d{domain}-tree-{group:02d}"


def _question_id(domain: int, topic: int, number: int) -> str:
    return f"d{domain}-t{topic:03d}-q{number:03d}"


def _table(text: _Text, domain: int, group: int, topics: list[str]) -> dict[str, Any]:
    rng = text.rng
    attributes = [
        {"id": "purpose", "name": "Best for"},
        {"id": "managed", "name": "Fully managed", "kind": "yesno"},
        {"id": "latency", "name": "Typical latency", "kind": "number", "unit": "ms"},
        {"id": "cost", "name": "Cost model", "sortable": True},
    ]
    items = []
    for i in range(TABLE_ITEMS):
        items.append(
            {
                "id": f"s{i + 1}",
                "name": text.title(2, 3),
                "topic": topics[i % len(topics)],
                "cells": {
                    "purpose": text.sentence(4, 9).rstrip("."),
                    "managed": rng.random() < 0.5,
                    "latency": rng.choice((1, 5, 20, 50, 100, 250, 1000)),
                    "cost": text.sentence(3, 6).rstrip("."),
                },
            }
        )
    return {
        "id": _table_id(domain, group),
        "title": f"Comparing {text.title(2, 3).lower()} options",
        "intro": text.sentence(10, 16),
        "item_label": "Service",
        "attributes": attributes,
        "items": items,
        "notes": [text.sentence(8, 14)],
    }


def _tree(
    text: _Text, domain: int, group: int, topics: list[str], table: dict[str, Any]
) -> dict[str, Any]:
    def question() -> str:
        return text.sentence(6, 10).rstrip(".") + "?"

    outcomes = []
    for i in range(4):
        outcome: dict[str, Any] = {
            "id": f"use-{i + 1}",
            "answer": table["items"][i]["name"],
            "why": text.sentence(10, 18),
            "topic": topics[i % len(topics)],
            "row": {"table": table["id"], "item": table["items"][i]["id"]},
        }
        outcomes.append(outcome)
    return {
        "id": _tree_id(domain, group),
        "title": f"Choosing a {text.title(2, 3).lower()}",
        "intro": text.sentence(8, 14),
        "start": "first",
        "nodes": [
            {
                "id": "first",
                "question": question(),
                "help": text.sentence(6, 12),
                "choices": [
                    {"label": "Yes", "next": "left"},
                    {"label": "No", "next": "right"},
                ],
            },
            {
                "id": "left",
                "question": question(),
                "choices": [
                    {"label": text.title(1, 3), "next": "use-1"},
                    {"label": text.title(1, 3) + " instead", "next": "use-2"},
                ],
            },
            {
                "id": "right",
                "question": question(),
                "choices": [
                    {"label": text.title(1, 3), "next": "use-3"},
                    {"label": text.title(1, 3) + " instead", "next": "use-4"},
                ],
            },
        ],
        "outcomes": outcomes,
    }


def _topic(
    text: _Text, topic_id: str, table: str | None, tree: str | None, number: int
) -> dict[str, Any]:
    rng = text.rng
    blocks: list[dict[str, Any]] = [
        {"prose": text.paragraph(3)},
        {"heading": text.title()},
        {"points": [text.sentence(8, 18) for _ in range(5)]},
        {"callout": {"kind": KINDS[number % len(KINDS)], "text": text.paragraph(2)}},
    ]
    if table:
        blocks.append({"table": table})
    blocks += [{"heading": text.title()}, {"prose": text.paragraph(4)}]
    if tree:
        blocks.append({"tree": tree})
    blocks.append({"points": [text.sentence(6, 14) for _ in range(4)]})
    return {
        "id": topic_id,
        "title": f"{text.title()} ({number})",
        "summary": text.sentence(10, 20),
        "blocks": blocks,
        "links": [
            {
                "title": f"{text.title()} guide",
                "url": f"https://docs.example.com/{topic_id}/{rng.choice(WORDS)}",
            }
        ],
    }


def _question(text: _Text, question_id: str, topics: list[str], number: int) -> dict[str, Any]:
    rng = text.rng
    choose = 2 if number % 10 == 9 else 1
    count = 5 if choose == 2 else 4
    correct = set(rng.sample(range(count), choose))
    seen: set[str] = set()
    options = []
    for i in range(count):
        option = text.title(3, 6)
        while option.casefold() in seen:
            option = text.title(3, 6)
        seen.add(option.casefold())
        entry: dict[str, Any] = {"text": option}
        if i in correct:
            entry["correct"] = True
        entry["why"] = text.paragraph(2, 7, 12)
        options.append(entry)
    question: dict[str, Any] = {
        "id": question_id,
        "topics": topics,
        "difficulty": ("easy", "medium", "hard")[number % 3],
        "stem": f"{text.paragraph(3, 10, 16)} Which approach fits best? ({question_id})"
        if choose == 1
        else f"{text.paragraph(3, 10, 16)} Which two approaches fit? ({question_id})",
    }
    if choose > 1:
        question["choose"] = choose
    question["options"] = options
    return question


def _domain(shape: Shape, number: int, terms: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The YAML documents of one domain folder, file name -> data."""
    text = _Text(random.Random(f"synthetic-domain-{number}"), terms)
    count = shape.topics_of(number)
    first = (number - 1) * shape.topics_per_domain  # index of its first topic in the bank
    topic_ids = [_topic_id(number, k + 1) for k in range(count)]

    tables = []
    trees = []
    for group, start in enumerate(range(0, count, TABLE_EVERY), start=1):
        tables.append(_table(text, number, group, topic_ids[start : start + TABLE_EVERY]))
    for group, start in enumerate(range(0, count, TREE_EVERY), start=1):
        shared = tables[start // TABLE_EVERY]
        trees.append(_tree(text, number, group, topic_ids[start : start + TREE_EVERY], shared))

    topics = []
    for k, topic_id in enumerate(topic_ids):
        table = _table_id(number, k // TABLE_EVERY + 1) if k % TABLE_EVERY == 0 else None
        tree_at = min(1, count - 1 - (k - k % TREE_EVERY))  # second topic of its group
        tree = _tree_id(number, k // TREE_EVERY + 1) if k % TREE_EVERY == tree_at else None
        topics.append(_topic(text, topic_id, table, tree, first + k + 1))

    questions = []
    serial = 0
    for k in range(count):
        for j in range(shape.questions_of(first + k)):
            serial += 1
            tested = [topic_ids[k]]
            if serial % 7 == 0 and count > 1:
                tested.append(topic_ids[(k + 1) % count])
            questions.append(_question(text, _question_id(number, k + 1, j + 1), tested, serial))

    domain = {
        "number": number,
        "title": f"{text.title(2, 3)} domain {number}",
        "level": ("Foundational", "Associate", "Advanced")[number % 3],
        "summary": text.paragraph(2),
        "weight_note": f"About {len(questions)} synthetic questions.",
        "takeaways": [text.sentence(8, 14) for _ in range(5)],
        "tips": [
            {"kind": "exam-tip", "text": text.sentence(8, 14)},
            {"kind": "warning", "title": "Common trap", "text": text.sentence(8, 14)},
        ],
    }
    return {
        "domain.yml": domain,
        "topics.yml": {"topics": topics},
        "tables.yml": {"tables": tables},
        "trees.yml": {"trees": trees},
        "questions.yml": {"questions": questions},
    }


def _exam(shape: Shape) -> dict[str, Any]:
    base, extra = divmod(100, shape.domains)
    return {
        "id": "synthetic",
        "title": "Synthetic Certification",
        "code": f"SYN-{shape.questions}",
        "provider": "Benchmark Org",
        "questions": 65,
        "scored_questions": 50,
        "unscored_questions": 15,
        "minutes": 180,
        "score_min": 100,
        "score_max": 1000,
        "passing_score": 750,
        "response_types": [
            {"name": "Multiple choice", "description": "one right answer out of four"},
            {"name": "Multiple response", "description": "two right answers out of five"},
        ],
        "summary": (
            f"A generated bank of {shape.questions} questions in {shape.topics} topics, "
            "used to measure how the site scales."
        ),
        "domains": [
            {
                "number": n,
                "title": f"Synthetic domain {n}",
                "weight": base + (1 if n <= extra else 0),
            }
            for n in range(1, shape.domains + 1)
        ],
    }


def dump(data: Any) -> str:
    """YAML text of ``data``, keys in insertion order, one scalar per line."""
    return str(
        yaml.dump(
            data,
            Dumper=_Dumper,
            sort_keys=False,
            allow_unicode=True,
            width=10_000,
            default_flow_style=False,
        )
    )


def generate(
    folder: Path,
    questions: int = 1_000,
    *,
    per_topic: int = DEFAULT_PER_TOPIC,
    topics_per_domain: int = DEFAULT_TOPICS_PER_DOMAIN,
) -> Summary:
    """Write a synthetic bank of ``questions`` questions into ``folder`` (replaced if present)."""
    shape = shape_for(questions, per_topic, topics_per_domain)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    glossary = _glossary()
    terms = [str(t["term"]) for t in glossary]
    files = [folder / "exam.yml", folder / "glossary.yml"]
    files[0].write_text(dump(_exam(shape)), encoding="utf-8")
    files[1].write_text(dump({"terms": glossary}), encoding="utf-8")
    tables = trees = 0
    for number in range(1, shape.domains + 1):
        sub = folder / f"domain-{number}"
        sub.mkdir()
        for name, data in _domain(shape, number, terms).items():
            path = sub / name
            path.write_text(dump(data), encoding="utf-8")
            files.append(path)
            tables += len(data.get("tables", ()))
            trees += len(data.get("trees", ()))
    return Summary(folder, shape, tables, trees, files)


def edit_question(folder: Path, question_id: str | None = None, field: str = "stem") -> str:
    """Change one question in place, as an author would; return its id.

    ``field`` is ``stem`` (what the learner sees changes, and so does the question's content
    hash) or ``why`` (the explanation of its first option only). The default question is
    the first of domain 1.
    """
    if field not in ("stem", "why"):
        raise ValueError(f"cannot edit field '{field}': use stem or why")
    path = folder / "domain-1" / "questions.yml"
    text = path.read_text(encoding="utf-8")
    question_id = question_id or _question_id(1, 1, 1)
    pattern = re.compile(rf"(- id: {re.escape(question_id)}\n(?:  .*\n)*?\s+{field}: )(.*)\n")
    changed, count = pattern.subn(lambda m: f"{m.group(1)}{m.group(2)} Edited.\n", text, count=1)
    if count != 1:
        raise ValueError(f"no question '{question_id}' in {path}")
    path.write_text(changed, encoding="utf-8")
    return question_id


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write a synthetic bank into a folder."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="data folder to write (replaced)")
    parser.add_argument("--questions", type=int, default=1_000)
    parser.add_argument("--per-topic", type=int, default=DEFAULT_PER_TOPIC)
    parser.add_argument("--topics-per-domain", type=int, default=DEFAULT_TOPICS_PER_DOMAIN)
    args = parser.parse_args(argv)
    summary = generate(
        args.folder,
        args.questions,
        per_topic=args.per_topic,
        topics_per_domain=args.topics_per_domain,
    )
    shape = summary.shape
    print(
        f"{summary.folder}: {shape.domains} domains, {shape.topics} topics, "
        f"{shape.questions} questions, {summary.tables} tables, {summary.trees} trees, "
        f"{len(summary.files)} files, {summary.bytes / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
