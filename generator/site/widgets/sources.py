"""Sources and change notices: how a topic or section shows the pages its facts rest on.

A topic and each of its sections (heading blocks) may list ``sources`` (pages the facts were
checked against, with the day) and one ``changed`` notice (what changed since the exam was
written, dated, with its source). Topic pages show a section's notice under its heading and
its sources at the end of the section; the study sheet shows the notices in place and
collects the sources at the end, one list per topic.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence

from generator.content.model import HeadingBlock, SourceRef, Topic


def by_checked(sources: Iterable[SourceRef]) -> list[tuple[datetime.date, list[SourceRef]]]:
    """``sources`` grouped by the day they were checked, in order of first appearance.

    Most sections were checked on one day, so the page says the day once for all of them.
    """
    groups: dict[datetime.date, list[SourceRef]] = {}
    for source in sources:
        groups.setdefault(source.checked, []).append(source)
    return list(groups.items())


def topic_sources(topic: Topic) -> list[SourceRef]:
    """Every source of ``topic``, its own then its sections' in page order, each URL once.

    Where a page was checked twice, the list keeps the first entry (the section order is the
    reading order, and the data checks all pages of a review on one day).
    """
    seen: set[str] = set()
    out: list[SourceRef] = []
    sections = (b.sources for b in topic.blocks if isinstance(b, HeadingBlock))
    for source in [*topic.sources, *(s for group in sections for s in group)]:
        if source.url not in seen:
            seen.add(source.url)
            out.append(source)
    return out


def sheet_sources(topics: Sequence[Topic]) -> list[tuple[Topic, list[SourceRef]]]:
    """The study sheet's list of sources: each topic that has any, with all of them."""
    return [(topic, found) for topic in topics if (found := topic_sources(topic))]
