"""Search: topics rank first for their terms, stems and glossary are found, answers are not."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest

from generator.load import load_bank
from generator.model import Bank
from tests.browsing import search
from tests.conftest import ROOT, screenshot_path

# Search term -> the topic page that must come first (or second at worst).
RANKING = {
    "PrivateLink": "/domain-4/network-isolation/",
    "Batch Transform": "/domain-4/deployment-options/",
    "InvocationsPerInstance": "/domain-4/auto-scaling/",
    "concept drift": "/domain-4/model-monitor/",
    "Greengrass": "/domain-4/edge-deployment/",
}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(ROOT / "data")


@pytest.fixture(scope="module")
def index(built_site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (built_site / "search" / "search_index.json").read_text(encoding="utf-8")
    )
    return data


def words(text: str) -> list[str]:
    """Lower-case words of Markdown or HTML text, without markup, link targets or entities."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # Markdown link -> its text
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return re.findall(r"[a-z0-9]+", text.lower())


def contains(haystack: list[str], needle: list[str]) -> bool:
    """Whether ``needle`` occurs in ``haystack`` as a contiguous run of words."""
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def entry_words(index: dict[str, Any]) -> list[tuple[str, list[str]]]:
    return [(d["location"], words(d["title"] + " " + d["text"])) for d in index["docs"]]


def test_separator_splits_words_on_punctuation_but_keeps_camel_case_names(
    index: dict[str, Any],
) -> None:
    separator = re.compile(index["config"]["separator"])
    tokens = [
        t for t in separator.split("VPC endpoints (PrivateLink), InvocationsPerInstance.") if t
    ]
    assert tokens == ["VPC", "endpoints", "PrivateLink", "InvocationsPerInstance"]


def test_every_question_stem_is_in_the_index(bank: Bank, index: dict[str, Any]) -> None:
    entries = entry_words(index)
    missing = []
    for domain in bank.domains:
        for question in domain.questions:
            stem = words(question.stem)[:10]
            if not any(contains(text, stem) for _, text in entries):
                missing.append(question.id)
    assert not missing, f"question stems not searchable: {missing}"


def test_answers_and_explanations_are_never_in_the_index(bank: Bank, index: dict[str, Any]) -> None:
    entries = entry_words(index)
    leaks = []
    checked = 0
    for domain in bank.domains:
        for question in domain.questions:
            for option in question.options:
                why = words(option.why or "")
                if len(why) < 6:
                    continue
                checked += 1
                leaks += [
                    f"{question.id}: {location}"
                    for location, text in entries
                    if contains(text, why)
                ]
    assert checked > 20
    assert not leaks, f"explanations found in the search index: {leaks[:5]}"
    everything = json.dumps(index)
    assert "Show the answer" not in everything
    assert "Answer:" not in everything


def test_glossary_page_holds_every_abbreviation(bank: Bank, index: dict[str, Any]) -> None:
    glossary = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("glossary/"))
    found = set(words(glossary))
    terms = [t.term for t in bank.glossary.terms]
    assert len(terms) > 10
    missing = [t for t in terms if not set(words(t)) <= found]
    assert not missing, f"glossary terms not in the search index: {missing}"


def test_pages_meant_for_print_or_personal_state_stay_out_of_search(
    index: dict[str, Any],
) -> None:
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "glossary/" in locations
    assert not {"progress/", "domain-4/study-sheet/"} & locations


@pytest.mark.browser
def test_each_term_puts_its_topic_first(page: Any, site_url: str) -> None:
    page.goto(site_url)
    ranks = {}
    for term, topic in RANKING.items():
        results = search(page, term)
        assert topic in results, f"{term!r}: {topic} not found in {results}"
        ranks[term] = results.index(topic) + 1
        if term == "PrivateLink":
            page.screenshot(path=screenshot_path("search-privatelink.png"))
    print("ranks:", ranks)
    assert all(rank <= 2 for rank in ranks.values()), ranks
    assert sum(rank == 1 for rank in ranks.values()) >= 4, ranks


@pytest.mark.browser
def test_a_stem_and_a_glossary_abbreviation_are_found(page: Any, site_url: str, bank: Bank) -> None:
    page.goto(site_url)
    question = bank.domains[0].questions[0]
    phrase = " ".join([w for w in words(question.stem) if len(w) >= 6][:3])
    results = search(page, phrase)
    assert "/domain-4/questions/" in results, (phrase, results)
    for term in ("KMS", "SHAP"):
        results = search(page, term)
        assert "/glossary/" in results[:5], (term, results)


@pytest.mark.browser
def test_opening_a_result_shows_the_topic(page: Any, site_url: str) -> None:
    page.goto(site_url)
    search(page, "Greengrass")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url(re.compile(r"/domain-4/edge-deployment/"))
    assert "Edge deployment" in page.locator("article h1").first.inner_text()
