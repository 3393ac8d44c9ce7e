"""The synthetic banks the benchmark builds, and what its steps pick from them.

``tests/support/synthetic.py`` writes a deterministic bank of any size: 50 questions a topic,
20 topics a domain (so 10,000 questions are 200 topics in 10 domains), with comparison
tables, decision trees and a glossary.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.bench.common import Figures
from tests.support.synthetic import DEFAULT_PER_TOPIC, generate


def write_bank(data: Path, questions: int, per_topic: int = DEFAULT_PER_TOPIC) -> Figures:
    """Write a bank of ``questions`` questions into ``data``; its shape."""
    summary = generate(data, questions, per_topic=per_topic)
    shape = summary.shape
    return {
        "questions": questions,
        "domains": shape.domains,
        "topics": shape.topics,
        "tables": summary.tables,
        "trees": summary.trees,
        "yaml_mib": summary.bytes / 2**20,
    }


def first_question(data: Path) -> tuple[Path, str, str]:
    """The first question of the first domain: its file, id and topic page path."""
    from generator.content.load import load_bank

    content = load_bank(data).domains[0]
    question = content.questions[0]
    for path in sorted((data / content.slug).glob("*.yml")):
        if f"- id: {question.id}\n" in path.read_text(encoding="utf-8"):
            return path, question.id, f"{content.slug}/{question.topics[0]}/"
    raise RuntimeError(f"no file holds question {question.id}")


def search_term(data: Path) -> str:
    """A word of the first topic's title: found on many pages of a synthetic bank."""
    from generator.content.load import load_bank

    title = str(load_bank(data).domains[0].topics[0].title)
    words: list[str] = re.findall(r"[A-Za-z]+", title)
    return max(words, key=len).lower()


def mark_stem(questions: Path, question_id: str, marker: str) -> None:
    """Put ``marker`` (and no earlier marker) at the start of a question's stem."""
    text = re.sub(r"Mark\d+x ", "", questions.read_text(encoding="utf-8"))
    start = text.index(f"- id: {question_id}\n")
    stem = text.index("stem:", start)
    end = text.index("\n", stem)
    if text[stem:end].rstrip().endswith((">-", ">", "|", "|-")):  # folded: the next line
        at = end + 1 + (len(text[end + 1 :]) - len(text[end + 1 :].lstrip(" ")))
    else:
        at = stem + len("stem: ")
    questions.write_text(text[:at] + f"{marker} " + text[at:], encoding="utf-8")


def count_questions(page: Path) -> int:
    """The questions of a built page."""
    return page.read_text(encoding="utf-8").count('class="ss-question"')
