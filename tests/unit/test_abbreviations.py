"""Abbreviations: marked at first use per section (a quiz is one), never in hidden copies;
concepts add none."""

from __future__ import annotations

import dataclasses

from generator.content.model import Glossary, Term
from generator.plugin import fragments
from generator.site.abbreviations import Abbreviations, is_abbreviation
from generator.site.layout import build_site
from generator.site.render import render_pages

GLOSSARY = Abbreviations.of(
    [
        Term(term="KMS", expansion="Key Management Service"),
        Term(term="SSE", expansion="Server-Side Encryption"),
        Term(term="SSE-KMS", expansion="SSE with KMS keys"),
        Term(term="IoT", expansion="Internet of Things"),
        Term(term="Concept drift", expansion="A change in what labels mean", kind="concept"),
    ]
)


def abbr(term: str, title: str) -> str:
    return f'<abbr title="{title}">{term}</abbr>'


KMS = abbr("KMS", "Key Management Service")


def test_only_abbreviations_are_marked_not_concepts() -> None:
    abbreviation = Term(term="KMS", expansion="Key Management Service")
    concept = Term(term="baseline", expansion="Statistics to compare with", kind="concept")
    assert is_abbreviation(abbreviation) and not is_abbreviation(concept)
    assert GLOSSARY.mark("Concept drift shows late.") == "Concept drift shows late."


def test_first_use_in_each_section_only() -> None:
    text = (
        "# Title\n\nUse KMS. KMS again.\n\n- KMS in a list\n\n## Next\n\nKMS here, SSE-KMS too.\n"
    )
    assert GLOSSARY.mark(text) == (
        f"# Title\n\nUse {KMS}. KMS again.\n\n- KMS in a list\n\n## Next\n\n{KMS} here, "
        f"{abbr('SSE-KMS', 'SSE with KMS keys')} too.\n"
    )


def test_once_per_page_marks_only_the_first_use_on_the_page() -> None:
    text = "# Title\n\nUse KMS.\n\n## Next\n\nKMS again, IoT first.\n"
    assert GLOSSARY.mark(text, once_per="page") == (
        f"# Title\n\nUse {KMS}.\n\n## Next\n\nKMS again, {abbr('IoT', 'Internet of Things')} first.\n"
    )


def test_headings_code_links_attributes_and_front_matter_stay_plain() -> None:
    text = (
        "---\ntitle: KMS\n---\n# KMS keys\n\n`KMS` and [KMS docs](https://x.y/KMS) and "
        '<span data-x="KMS">IoT</span>\n'
    )
    assert GLOSSARY.mark(text) == (
        "---\ntitle: KMS\n---\n# KMS keys\n\n`KMS` and [" + KMS + " docs](https://x.y/KMS) and "
        '<span data-x="KMS">' + abbr("IoT", "Internet of Things") + "</span>\n"
    )


def test_options_answers_and_the_answer_key_get_no_abbreviations() -> None:
    text = "\n".join(
        [
            '<section class="ss-question" id="q-a" markdown="block">',
            "<legend>Which KMS key? IoT too.</legend>",
            '<ol class="ss-options" type="A" markdown="block">',
            "<li>A KMS key</li>",
            "</ol>",
            '<details class="ss-answer" markdown="block">',
            "<li>KMS is right</li>",
            "</details>",
            "</section>",
            '<section class="ss-question" id="q-b" markdown="block">',
            "<legend>KMS again, in the next question</legend>",
            "</section>",
            '<section class="ss-answer-key ss-print-only" markdown="block">',
            "<li>KMS key</li>",
            "</section>",
        ]
    )
    marked = GLOSSARY.mark(text).split("\n")
    assert (
        marked[1] == f"<legend>Which {KMS} key? {abbr('IoT', 'Internet of Things')} too.</legend>"
    )
    assert [line for line in marked[2:9] if "<abbr" in line] == []
    assert marked[10] == f"<legend>{KMS} again, in the next question</legend>"
    assert [line for line in marked[12:] if "<abbr" in line] == []


def test_a_quiz_is_one_section() -> None:
    """Its questions are read one after another: a term is marked once in the quiz."""
    text = "\n".join(
        [
            "KMS before the quiz.",
            fragments.OPEN,
            '<div class="ss-quiz">',
            '<section class="ss-question" id="q-a">',
            '<legend><h3 id="q-a-stem">Question 1.</h3> Which KMS key?</legend>',
            "</section>",
            '<section class="ss-question" id="q-b">',
            '<legend><h3 id="q-b-stem">Question 2.</h3> KMS again, and IoT.</legend>',
            "</section>",
            "</div>",
            fragments.CLOSE,
            "## After",
            "KMS after the quiz.",
        ]
    )
    marked = GLOSSARY.mark(text).split("\n")
    assert marked[0] == f"{KMS} before the quiz."
    assert marked[4].endswith(f"Which {KMS} key?</legend>")
    assert marked[7].endswith(f"KMS again, and {abbr('IoT', 'Internet of Things')}.</legend>")
    assert marked[12] == f"{KMS} after the quiz."


def test_concepts_in_the_glossary_add_no_tooltips(bundled_bank) -> None:
    bank = bundled_bank
    before = render_pages(build_site(bank))
    concepts = [
        Term(term=name, expansion="A concept explained on the glossary page.", kind="concept")
        for name in ("Concept drift", "Cold start", "Shadow testing", "Batch inference")
    ]
    terms = [*bank.glossary.terms, *concepts]
    with_concepts = dataclasses.replace(bank, glossary=Glossary(terms=terms))
    after = render_pages(build_site(with_concepts))
    count = sum(text.count("<abbr") for text in before.values())
    assert count > 20
    assert sum(text.count("<abbr") for path, text in after.items()) == count
