"""The wrong-answers page: every question last answered wrongly, with the learner's pick.

The page holds the Review page's index (:mod:`generator.site.widgets.review`); its script
finds the wrong answers in the store and loads their markup from the same per-domain review
data scripts, shown as the topic quiz shows an answered question.
"""

from __future__ import annotations

from typing import Any

from generator.site.layout import Page, Site
from generator.site.widgets.review import review_index_attribute

TEMPLATE = "mistakes.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The index (its links, relative to review.md, fit this page at the same depth), the
    question count and the marks of the types' modules."""
    return {
        "index": review_index_attribute(site),
        "questions": sum(len(c.questions) for c in site.bank.domains),
        "marks": site.review_marks,
    }
