"""Glossary: abbreviations and concepts on the glossary page; abbreviations as tooltips."""

from __future__ import annotations

from generator.site.render import render_pages


def test_concepts_and_abbreviations_each_get_their_own_table_abbreviations_a_tooltip(
    bundled_site,
) -> None:
    site = bundled_site
    pages = render_pages(site)
    glossary = pages["glossary.md"]
    concepts, abbreviations = glossary.split("## Abbreviations")
    assert "## Concepts" in concepts
    assert (
        "| **production variant** | One model version behind an endpoint, receiving the share "
        "of traffic its weight sets. |" in concepts
    )
    assert "| **KMS** | AWS Key Management Service |" in abbreviations
    assert "**production variant**" not in abbreviations
    # Abbreviations are tooltips at first use on the pages; concepts are explained here only
    # (marking them too would put a tooltip on every "baseline": generator/site/abbreviations.py).
    marked = "".join(pages.values())
    assert '<abbr title="AWS Key Management Service">KMS</abbr>' in marked
    assert '<abbr title="Running your own training' not in marked
    kinds = {t.kind for t in site.bank.glossary.terms}
    assert kinds == {"abbreviation", "concept"}
    wanted = {
        "production variant",
        "shadow variant",
        "data drift",
        "concept drift",
        "baseline",
        "data capture",
        "target tracking",
        "cool-down period",
        "Neo",
        "Greengrass",
        "BYOC",
        "Script Mode",
    }
    assert wanted <= {t.term for t in site.bank.glossary.terms}
