"""Search: topics rank first for their terms, stems and glossary are found, answers are not.

Each question stem is indexed once, as a section of its own on its main topic's page (a hit
lands on the question); practice pages and study sheets are out of the index; options,
answers and explanations are never in it. Results that hold every term of a query come first
(docs/assets/js/search.js).
"""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest

from generator.content.model import Bank
from tests.support.bank import choices
from tests.support.browsing import search
from tests.support.project import screenshot_path

# Search term -> the topic page that must come first (or second at worst).
RANKING = {
    "PrivateLink": "/domain-4/network-isolation/",
    "Batch Transform": "/domain-4/deployment-options/",
    "InvocationsPerInstance": "/domain-4/auto-scaling/",
    "concept drift": "/domain-4/model-monitor/",
    "Greengrass": "/domain-4/edge-deployment/",
}


@pytest.fixture(scope="module")
def bank(bundled_bank: Bank) -> Bank:
    return bundled_bank


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


def test_each_stem_is_indexed_once_as_its_own_section_on_its_topic_page(
    bank: Bank, index: dict[str, Any]
) -> None:
    entries = entry_words(index)
    locations = [d["location"] for d in index["docs"]]
    problems = []
    checked = 0
    for domain in bank.domains:
        for question in choices(domain):
            location = f"{domain.slug}/{question.topics[0]}/#q-{question.id}-stem"
            stem = words(question.stem)
            if locations.count(location) != 1:
                problems.append(f"{question.id}: {locations.count(location)} entries at {location}")
                continue
            entry = next(d for d in index["docs"] if d["location"] == location)
            # The section holds the stem and nothing else: no option, no "Choose one.".
            if words(entry["text"]) != stem:
                problems.append(f"{question.id}: section text {entry['text'][:80]!r}")
            elsewhere = [loc for loc, text in entries if loc != location and contains(text, stem)]
            if elsewhere:
                problems.append(f"{question.id}: also indexed at {elsewhere}")
            checked += 1
    assert checked >= 40
    assert not problems, problems[:5]


def test_options_are_never_in_the_index(bank: Bank, index: dict[str, Any]) -> None:
    # A question's options would land in its own section or, outside it, in the "Self-check"
    # section of its page (topic prose and other stems may well use the same words).
    entries = dict(entry_words(index))
    leaks = []
    checked = 0
    for domain in bank.domains:
        for question in choices(domain):
            page = f"{domain.slug}/{question.topics[0]}/"
            own, quiz = entries[f"{page}#q-{question.id}-stem"], entries[f"{page}#self-check"]
            for option in question.options:
                text = words(option.text)
                if contains(words(question.stem), text):
                    continue
                checked += 1
                if contains(own, text) or contains(quiz, text):
                    leaks.append(f"{question.id}: {option.text}")
    assert checked > 100
    assert not leaks, f"options found in the search index: {leaks[:5]}"


def test_answers_and_explanations_are_never_in_the_index(bank: Bank, index: dict[str, Any]) -> None:
    entries = entry_words(index)
    leaks = []
    checked = 0
    for domain in bank.domains:
        for question in choices(domain):
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


def test_practice_pages_and_pages_meant_for_print_or_personal_state_stay_out_of_search(
    index: dict[str, Any],
) -> None:
    locations = {d["location"].split("#")[0] for d in index["docs"]}
    assert "glossary/" in locations
    assert not {"progress/", "domain-4/study-sheet/", "domain-4/questions/"} & locations


def topic_titles(bank: Bank) -> dict[str, str]:
    """Each topic's title -> its page."""
    return {t.title: f"/{d.slug}/{t.id}/" for d in bank.domains for t in d.topics}


def holds_every_term(entry: dict[str, Any], query: str) -> bool:
    """Whether an index entry holds every word of ``query`` (as the stemmer sees it, roughly)."""
    found = words(entry["title"] + " " + entry["text"])
    return all(any(w.startswith(t.rstrip("s")) for w in found) for t in words(query))


def first_result(page: Any, entries: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The index entries of the first result shown: its page and its best section.

    Material shows a page's entry first (when only its sections match, with no text of its
    own), then its best-scoring sections.
    """
    links = page.locator(".md-search-result__item").first.locator("a")
    hrefs = links.evaluate_all(
        "els => els.map(a => new URL(a.href).pathname + new URL(a.href).hash)"
    )
    return [entries[h.lstrip("/")] for h in hrefs[:2] if h.lstrip("/") in entries]


@pytest.mark.browser
def test_each_term_and_each_topic_title_puts_its_topic_first(
    page: Any, site_url: str, bank: Bank
) -> None:
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
    titles = topic_titles(bank)
    assert len(titles) >= 10
    wrong = {}
    for title, topic in titles.items():
        results = search(page, title)
        if results[:1] != [topic]:
            wrong[title] = results[:3]
    assert not wrong, f"topic titles whose topic is not the first result: {wrong}"


@pytest.mark.browser
def test_sections_holding_every_term_rank_before_partial_matches(
    page: Any, site_url: str, bank: Bank, index: dict[str, Any]
) -> None:
    entries = {d["location"]: d for d in index["docs"]}
    queries = ["cold start", *topic_titles(bank)]
    queries += [t.term for t in bank.glossary.terms if len(words(t.term)) > 1]  # SSE-KMS, CI/CD
    assert len(queries) > 12
    page.goto(site_url)
    wrong = {}
    for query in queries:
        search(page, query)
        best = first_result(page, entries)
        if not any(holds_every_term(e, query) for e in best):
            wrong[query] = [e["location"] for e in best]
    assert not wrong, f"first result holds not every term: {wrong}"
    search(page, "cold start")
    page.screenshot(path=screenshot_path("search-cold-start.png"))
    first = page.locator(".md-search-result__item").first
    assert "/domain-4/deployment-options/" in (first.locator("a").first.get_attribute("href") or "")
    assert "cold start" in first.inner_text().lower()


@pytest.mark.browser
def test_every_glossary_abbreviation_finds_the_glossary(
    page: Any, site_url: str, bank: Bank, index: dict[str, Any]
) -> None:
    entries = {d["location"]: d for d in index["docs"]}
    page.goto(site_url)
    ranks = {}
    wrong = {}
    for term in bank.glossary.terms:
        results = search(page, term.term)
        ranks[term.term] = results.index("/glossary/") + 1 if "/glossary/" in results else None
        best = first_result(page, entries)
        if not any(holds_every_term(e, term.term) for e in best):
            wrong[term.term] = [e["location"] for e in best]
    print("glossary ranks:", ranks)
    # Topic pages that use a term may rank above the glossary, which is on the first page of
    # results Material shows (ten); the first result holds the term.
    missing = {t: r for t, r in ranks.items() if r is None or r > 10}
    assert not missing, missing
    assert not wrong, wrong


@pytest.mark.browser
def test_a_stem_search_lands_on_the_question(page: Any, site_url: str, bank: Bank) -> None:
    page.goto(site_url)
    domain = bank.domains[0]
    question = choices(domain)[len(choices(domain)) // 2]
    phrase = " ".join([w for w in words(question.stem) if len(w) >= 6][:3])
    results = search(page, phrase)
    topic = f"/{domain.slug}/{question.topics[0]}/"
    assert topic in results, (phrase, results)
    assert "/domain-4/questions/" not in results, "the practice page is indexed"
    anchor = f"#q-{question.id}-stem"
    hit = page.locator(f'.md-search-result__item a[href$="{anchor}"]')
    assert hit.count() == 1, (phrase, anchor)
    hit.click()
    page.wait_for_url(re.compile(re.escape(anchor) + "$"))
    stem = page.locator(f"#q-{question.id} .ss-question__stem")
    stem.wait_for()
    page.wait_for_timeout(300)  # instant navigation scrolls after the swap
    box = stem.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, box
    page.screenshot(path=screenshot_path("search-hit-question.png"))


@pytest.mark.browser
def test_opening_a_result_shows_the_topic(page: Any, site_url: str) -> None:
    page.goto(site_url)
    search(page, "Greengrass")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_url(re.compile(r"/domain-4/edge-deployment/"))
    assert "Edge deployment" in page.locator("article h1").first.inner_text()


# ---- a large index: the pages' sections answer first, the whole index takes over ----------

# Counts the workers made, and for each, how many "ready" messages (type 1) came before it.
_COUNT_WORKERS = """
(() => {
  const Original = window.Worker;
  window.__ssWorkers = 0;
  window.__ssReadyBefore = [];
  let ready = 0;
  window.Worker = function (...args) {
    window.__ssWorkers++;
    window.__ssReadyBefore.push(ready);
    const worker = new Original(...args);
    worker.addEventListener("message", (e) => { if (e.data && e.data.type == 1) ready++; });
    return worker;
  };
  window.Worker.prototype = Original.prototype;
})();
"""


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A synthetic bank of 300 questions, built and served: an index mostly of stems."""
    from tests.support.project import copy_project, mkdocs_build, serve
    from tests.support.synthetic import generate

    base = tmp_path_factory.mktemp("search-large")
    generate(base / "data", 300, per_topic=30, topics_per_domain=5)
    project = base / "project"
    project.mkdir()
    copy_project(project, base / "data")
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    yield from serve(base / "site")


def _arrive_late(route: Any) -> None:
    # Held back in the test's own thread: the browser goes on loading everything else.
    time.sleep(1.0)
    route.continue_()


@pytest.mark.browser
@pytest.mark.parametrize("bundle", ["on time", "late"])
def test_a_large_index_answers_from_the_pages_first_then_from_every_section(
    browser: Any, large_site: str, bundle: str
) -> None:
    context = browser.new_context()
    try:
        # Staged from 100 sections here (1,000 by default) so that 300 questions are "large".
        context.add_init_script("window.ssSearchStagedFrom = 100;" + _COUNT_WORKERS)
        if bundle == "late":
            # A slow network: the widget bundle arrives after the search index. The staging
            # must be in place before Material's worker gets the index all the same.
            context.route("**/assets/studysite*.js", _arrive_late)
        page = context.new_page()
        page.goto(large_site + "domain-1/")
        box = page.locator("input.md-search__input")
        box.click()
        # A stem's own id (synthetic stems end with it): only the whole index holds it.
        box.fill("d1-t003-q007")
        box.dispatch_event("keyup")
        hit = page.locator('.md-search-result__item a[href*="#q-d1-t003-q007-stem"]')
        hit.first.wait_for(timeout=30_000)
        assert page.evaluate("window.__ssWorkers") == 2
        # The whole index's worker was made once the pages' worker was ready, not beside it.
        assert page.evaluate("window.__ssReadyBefore") == [0, 1]
        # A word of the pages: answered, with pages and stems both.
        box.fill("")
        box.dispatch_event("keyup")
        box.fill("streaming")
        box.dispatch_event("keyup")
        page.locator(".md-search-result__item").first.wait_for()
        hrefs = page.locator(".md-search-result__item a").evaluate_all(
            "els => els.map(a => a.getAttribute('href'))"
        )
        assert any("-stem" in h for h in hrefs) and any("-stem" not in h for h in hrefs)
    finally:
        context.close()


@pytest.mark.browser
def test_a_small_index_uses_one_worker(browser: Any, site_url: str) -> None:
    context = browser.new_context()
    try:
        context.add_init_script(_COUNT_WORKERS)
        page = context.new_page()
        page.goto(site_url)
        page.locator("input.md-search__input").click()
        page.locator(".md-search-result__meta").filter(has_text="Type to start").wait_for()
        assert page.evaluate("window.__ssWorkers") == 1
    finally:
        context.close()
