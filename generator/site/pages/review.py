"""Review page: the questions due now, one at a time, the forecast and the settings.

What the page holds is the index its script reads (:mod:`generator.site.widgets.review`);
the questions arrive from each domain's review data script, as the topic pages' quiz shows
them.
"""

from __future__ import annotations

from typing import Any

from generator.site.layout import Page, Site
from generator.site.widgets.review import review_index_attribute

TEMPLATE = "review.md.j2"


def context(site: Site, page: Page) -> dict[str, Any]:
    """The index, how many questions there are, and the marks of the types' modules."""
    return {
        "index": review_index_attribute(site),
        "questions": sum(len(c.questions) for c in site.bank.domains),
        "marks": site.review_marks,
    }
