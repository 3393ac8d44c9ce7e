"""Unit tests of data shaping: letters, links, outlines, question views, navigation."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from typing import Any

import pytest

from generator.assets.catalog import load_catalog
from generator.content.load import load_bank
from generator.content.model import Tree
from generator.site.layout import build_site, link, nav, page_url
from generator.site.pages.home import blueprint_rows, missing_domains
from generator.site.text import md_cell
from generator.site.widgets.quiz import choose_label, letter, question_views, quiz_filters
from generator.site.widgets.table import table_view
from generator.site.widgets.tree import (
    MAX_NESTED_QUESTIONS,
    outcome_section,
    tree_data,
    tree_outline,
)
from tests.support.project import FIXTURES


@pytest.fixture(scope="module")
def site():
    return build_site(load_bank(FIXTURES / "mini"))


@pytest.mark.parametrize(
    ("index", "expected"), [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB")]
)
def test_letter(index: int, expected: str) -> None:
    assert letter(index) == expected


def test_link_between_pages() -> None:
    assert link("domain-1/a.md", "domain-1/b.md") == "b.md"
    assert link("index.md", "domain-1/index.md") == "domain-1/index.md"
    assert link("domain-1/a.md", "progress.md") == "../progress.md"
    assert link("domain-1/a.md", "domain-2/b.md", "row") == "../domain-2/b.md#row"


def test_md_cell_escapes_pipes_and_folds_lines() -> None:
    assert md_cell("a | b\n  c") == "a &#124; b c"


def test_choose_label() -> None:
    assert choose_label(1, load_catalog()) == "Choose one."
    assert choose_label(2, load_catalog()) == "Choose two."
    assert choose_label(9, load_catalog()) == "Choose 9."


def test_site_pages_in_reading_order(site) -> None:
    assert [p.path for p in site.pages] == [
        "index.md",
        "domain-1/index.md",
        "domain-1/processors.md",
        "domain-1/memory.md",
        "domain-1/questions.md",
        "domain-1/takeaways.md",
        "domain-1/study-sheet.md",
        "domain-2/index.md",
        "domain-2/disks.md",
        "domain-2/cables.md",
        "domain-2/questions.md",
        "domain-2/takeaways.md",
        "domain-2/study-sheet.md",
        "exam.md",
        "review.md",
        "mistakes.md",
        "progress.md",
        "glossary.md",
    ]


def test_nav_groups_domain_pages(site) -> None:
    items = nav(site)
    assert items[0] == {"Home": "index.md"}
    assert items[1] == {
        "Domain 1: Basics": [
            {"Overview": "domain-1/index.md"},
            {"Processors": "domain-1/processors.md"},
            {"Memory": "domain-1/memory.md"},
            {"Practice questions": "domain-1/questions.md"},
            {"Key takeaways": "domain-1/takeaways.md"},
            {"Study sheet": "domain-1/study-sheet.md"},
        ]
    }


def test_questions_for_topic_include_shared_questions(site) -> None:
    assert [q.id for q in site.questions_for("memory")] == ["q-two", "q-mem"]


def test_question_views_letters_answer_and_links(site) -> None:
    views = question_views(site, site.questions_for("memory"), "domain-1/memory.md")
    first = views[0]
    assert first.number == 1
    assert [o.letter for o in first.options] == ["A", "B", "C"]
    assert first.answer == "A, B"
    assert first.choose_label == "Choose two."
    # Links as MkDocs writes them (the quiz is HTML that MkDocs does not rewrite).
    assert first.topics == [("Processors", "../processors/"), ("Memory", "./")]
    assert views[1].anchor == "q-q-mem"


def test_quiz_filters_offer_a_choice_only_where_there_are_two(site) -> None:
    questions = site.bank.domains[0].questions
    filters = quiz_filters(site, question_views(site, questions, "domain-1/questions.md"))
    assert filters.count == len(questions) == 3
    # Topics in order of first use, with their titles; only q-mem has a difficulty.
    assert filters.topics == [("processors", "Processors"), ("memory", "Memory")]
    assert filters.levels == []
    hard = [questions[0].model_copy(update={"difficulty": "hard"}), *questions[1:]]
    levels = quiz_filters(site, question_views(site, hard, "x.md")).levels
    assert levels == [("easy", "Easy"), ("hard", "Hard")]
    one_topic = quiz_filters(site, question_views(site, questions[:1], "x.md"))
    assert one_topic.topics == [] and one_topic.count == 1


def test_question_links_follow_the_url_setting(site) -> None:
    """The offline build (use_directory_urls off) links the .html files."""
    from dataclasses import replace

    offline = replace(site, directory_urls=False)
    views = question_views(offline, offline.questions_for("memory"), "domain-1/questions.md")
    assert views[0].topics == [("Processors", "processors.html"), ("Memory", "memory.html")]
    assert page_url("index.md", "domain-1/memory.md", False, "q-x") == "domain-1/memory.html#q-x"
    assert page_url("domain-1/memory.md", "index.md", True) == "../../"


def test_blueprint_rows_and_missing_domains(site, tmp_path) -> None:
    rows = blueprint_rows(site)
    assert [(r.number, r.weight, r.link, r.topics, r.questions) for r in rows] == [
        (1, 60, "domain-1/index.md", 2, 3),
        (2, 40, "domain-2/index.md", 2, 9),
    ]
    assert missing_domains(site) == ""
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    shutil.rmtree(tmp_path / "mini" / "domain-2")
    without = build_site(load_bank(tmp_path / "mini"))
    rows = blueprint_rows(without)
    assert [(r.number, r.weight, r.link, r.topics, r.questions) for r in rows] == [
        (1, 60, "domain-1/index.md", 2, 3),
        (2, 40, None, 0, 0),
    ]
    assert missing_domains(without) == "domain 2"


def test_table_view_cells(site) -> None:
    view = table_view(site, site.tables["processors"], "domain-1/memory.md")
    assert view.header[0] == "Processor"
    anchor, cells = view.rows[0]
    assert anchor == "processors--cpu"
    assert (
        cells[0] == '<span class="ss-row-anchor" id="processors--cpu"></span>[CPU](processors.md)'
    )
    assert "No" in cells[1] and "Yes" in view.rows[1][1][1]
    assert cells[2] == "8"
    assert cells[3] == "General code &#124; branching"
    assert [c["kind"] for c in json.loads(view.columns)] == ["text", "yesno", "number", "text"]


def test_tree_outline_walks_every_path(site) -> None:
    (outline,) = tree_outline(site, site.trees["pick-processor"], "domain-1/processors.md")
    assert (outline.kind, outline.text) == ("question", "Is the work massively parallel?")
    assert [c.text for c in outline.children] == ["Yes", "No"]
    gpu = outline.children[0].children[0]
    assert (gpu.kind, gpu.text, gpu.ref) == ("outcome", "GPU", "gpu")
    # On the topic's own page a "Read" link to its top would only lose the reader's place.
    assert gpu.links == (("Compare: CPU and GPU", "processors.md#processors--gpu"),)
    (elsewhere,) = tree_outline(site, site.trees["pick-processor"], "domain-1/study-sheet.md")
    assert elsewhere.children[0].children[0].links == (
        ("Read: Processors", "processors.md"),
        ("Compare: CPU and GPU", "processors.md#processors--gpu"),
    )


def _chain(questions: int) -> Tree:
    ids = [f"q{i}" for i in range(questions)]
    return Tree.model_validate(
        {
            "id": "chain",
            "title": "Chain",
            "start": "q0",
            "nodes": [
                {
                    "id": q,
                    "question": f"Q{i}?",
                    "choices": [{"label": "Yes", "next": n}, {"label": "No", "next": n}],
                }
                for i, (q, n) in enumerate(zip(ids, [*ids[1:], "end"], strict=True))
            ],
            "outcomes": [
                {"id": o, "answer": o, "why": "Because.", "topic": "processors"}
                for o in ("end", "other")
            ],
        }
    )


def _entries(entries) -> list[Any]:
    found = []
    for entry in entries:
        found.append(entry)
        found += _entries(entry.children)
    return found


@pytest.mark.parametrize("questions", [14, 50])
def test_tree_outline_writes_each_shared_question_once(site, questions) -> None:
    # Both choices of every question lead to the next: 2**questions paths.
    tree = _chain(questions)
    top = tree_outline(site, tree, "domain-1/processors.md")
    entries = _entries(top)
    kinds = Counter(e.kind for e in entries)
    assert kinds == {
        "question": questions,
        "choice": 2 * questions,
        "goto": 2 * (questions - 1),
        "outcome": 2,
    }
    # Every question has its own entry, the start first; no nesting beyond one question.
    assert [e.ref for e in top] == [f"q{i}" for i in range(questions)]
    goto = next(e for e in entries if e.kind == "goto")
    assert (goto.ref, goto.anchor) == ("q1", "tree-chain--q1")
    assert top[1].anchor == "tree-chain--q1"


def test_tree_outline_nests_a_long_chain_only_so_deep(site) -> None:
    tree = _chain(20).model_copy(
        update={
            "nodes": [
                n.model_copy(
                    update={
                        "choices": [n.choices[0], n.choices[1].model_copy(update={"next": "other"})]
                    }
                )
                for n in _chain(20).nodes
            ]
        }
    )
    top = tree_outline(site, tree, "domain-1/processors.md")
    assert len(top) == 4  # q0..q5 nested, then q6.., q12.., q18..

    def depth(entry) -> int:
        return 1 + max((depth(c) for c in entry.children), default=0)

    assert max(depth(e) for e in top) <= 2 * MAX_NESTED_QUESTIONS + 1


def test_outcome_section_is_the_heading_that_names_the_answer(site) -> None:
    # "Kinds" is the processors topic's one heading; plurals and case do not matter.
    assert outcome_section(site, "processors", "kind") == ("Kinds", "kinds")
    assert outcome_section(site, "processors", "The kinds of processor") == ("Kinds", "kinds")
    assert outcome_section(site, "processors", "GPU") is None
    assert outcome_section(site, "no-such-topic", "Kinds") is None


def test_tree_data_is_script_safe(site) -> None:
    data = json.loads(tree_data(site.trees["pick-processor"]))
    assert data["start"] == "parallel"
    assert data["nodes"]["parallel"]["choices"] == [["Yes", "gpu"], ["No", "cpu"]]
    assert "</" not in tree_data(site.trees["pick-processor"])


def test_content_hash_changes_with_what_the_learner_sees(site) -> None:
    question = site.questions_for("processors")[0]
    edited = question.model_copy(update={"stem": question.stem + " Really?"})
    same = question.model_copy(update={"difficulty": "hard"})
    assert len(question.content_hash) == 12
    assert edited.content_hash != question.content_hash
    assert same.content_hash == question.content_hash
