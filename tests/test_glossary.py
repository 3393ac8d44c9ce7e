"""Glossary: abbreviations and concepts, each on the glossary page and as a tooltip."""

from __future__ import annotations

from pathlib import Path

from generator.load import load_bank
from generator.render import ABBREVIATIONS, render_pages
from generator.views import build_site

ROOT = Path(__file__).resolve().parent.parent


def test_concepts_and_abbreviations_each_get_their_own_table_and_a_tooltip() -> None:
    site = build_site(load_bank(ROOT / "data"))
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
    tooltips = pages[ABBREVIATIONS]
    assert "*[KMS]: AWS Key Management Service" in tooltips
    assert "*[Script Mode]: Running your own training or inference script" in tooltips
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
