"""Unit tests of the Progress page's data: rows, links and the question index."""

from __future__ import annotations

import json

import pytest

from generator.content.load import load_bank
from generator.site.layout import Site, build_site
from generator.site.render import render_pages
from generator.site.widgets.progress import html_json, progress_view, question_index, stem_start
from tests.support.project import FIXTURES


@pytest.fixture(scope="module")
def site() -> Site:
    return build_site(load_bank(FIXTURES / "mini"))


def test_question_index_lists_every_question(site: Site) -> None:
    index = question_index(site)
    assert index["version"] == 2
    assert index["topics"] == ["processors", "memory", "disks", "cables"]
    questions = site.bank.domains[0].questions
    listed = index["questions"]
    assert isinstance(listed, list)
    assert listed[:3] == [
        [
            "q-gpu",
            questions[0].content_hash,
            1,
            [0],
            1,
            2,
            1,
            "Which processor suits matrix maths?",
        ],
        ["q-two", questions[1].content_hash, 1, [0, 1], 2, 3, 2, "Which two are processors?"],
        [
            "q-mem",
            questions[2].content_hash,
            1,
            [1],
            3,
            2,
            1,
            "Where does data live while the CPU\u2026",
        ],
    ]
    # Other types: the shape store.js known() checks an answer against, after the stem;
    # true/false is a choice of two. A case study's questions are listed like any other.
    others = {q[0]: q for q in listed[3:]}
    assert others["q-tf-ssd"][5:] == [
        2,
        1,
        "An SSD has moving parts.",
        {"type": "picks", "options": 2, "choose": 1},
    ]
    assert others["q-order-backup"][8] == {"type": "order", "items": 3}
    assert others["q-match-cables"][8] == {"type": "pairs", "prompts": 3, "answers": 3}
    assert others["q-num-pins"][5:7] == [0, 0] and others["q-num-pins"][8] == {"type": "number"}
    assert others["q-short-plug"][8] == {"type": "text"}
    assert [others[i][4] for i in ("case-desk-cable", "case-desk-order", "case-desk-socket")] == [
        7,
        8,
        9,
    ]
    assert len(others["case-desk-cable"]) == 8  # multiple choice: no shape entry


def test_stem_start_is_plain_text_cut_at_a_word() -> None:
    assert stem_start("A **bold** `code` stem with [a link](https://example.com) and more", 5) == (
        "A bold code stem with\u2026"
    )
    assert stem_start("Short stem?", 5) == "Short stem?"


def test_progress_view_rows_and_links(site: Site) -> None:
    view = progress_view(site, "progress.md")
    assert view.questions == 12
    domain, types = view.domains
    assert (types.number, types.questions) == (2, 9)
    # A topic counts the questions that test it (not a case study's others shown with them).
    assert [(t.id, t.questions) for t in types.topics] == [("disks", 4), ("cables", 6)]
    assert (domain.number, domain.title, domain.questions) == (1, "Basics", 3)
    assert domain.link == "domain-1/index.md"
    assert domain.questions_link == "domain-1/questions.md"
    assert [(t.id, t.title, t.link, t.questions) for t in domain.topics] == [
        ("processors", "Processors", "domain-1/processors.md", 2),
        ("memory", "Memory", "domain-1/memory.md", 2),
    ]
    assert json.loads(view.index) == question_index(site)


def test_html_json_is_safe_in_a_quoted_attribute() -> None:
    data = {"stem": "</script><!-- 'a' & \"b\" >"}
    text = html_json(data)
    assert not set("<>&'") & set(text)
    assert json.loads(text) == data


def test_progress_page_markup(site: Site) -> None:
    page = render_pages(site)["progress.md"]
    assert "search:\n  exclude: true" in page
    assert '[Practice questions](domain-1/questions.md){ data-ss-questions="1" }' in page
    assert '<span data-ss-stat="review" data-ss-topic="memory">' in page
    assert '<span data-ss-stat="answered" data-ss-domain="1">' in page
    index = page.split("data-ss-progress-index='")[1].split("'")[0]
    assert json.loads(index) == question_index(site)
