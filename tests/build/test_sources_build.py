"""What changed since the exam, and the sources of the facts, as a learner finds them.

Topic pages show a section's change notice under its heading, dated, with its source, and
the section's sources at its end; the study sheet shows the notices in place and every
source once per topic at the end. Labels come from the string catalog.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup, Tag

from generator.assets.catalog import load_catalog
from generator.content.model import Bank, Changed, HeadingBlock, Topic
from generator.site.widgets.sources import topic_sources
from generator.site.widgets.status import long_date

CATALOG = load_catalog()


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _text(heading: Tag) -> str:
    """A heading's text without its permalink sign."""
    return heading.get_text(strip=True).removesuffix("¶")


def _notices(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("article .admonition.ss-changed")


def _title(notice: Changed) -> str:
    return CATALOG.t("changed.title", day=long_date(notice.date, CATALOG))


def _changes(topic: Topic) -> list[Changed]:
    sections = [b.changed for b in topic.blocks if isinstance(b, HeadingBlock)]
    return [c for c in [topic.changed, *sections] if c is not None]


def test_a_section_change_is_a_dated_notice_under_its_heading(
    built_site: Path, bundled_bank: Bank
) -> None:
    (content,) = bundled_bank.domains
    dated = 0
    for topic in content.topics:
        soup = _page(built_site, f"{content.slug}/{topic.id}")
        notices = _notices(soup)
        assert len(notices) == len(_changes(topic)), topic.id
        for block in topic.blocks:
            if not isinstance(block, HeadingBlock) or block.changed is None:
                continue
            heading = next(h for h in soup.select("article h2") if block.heading in h.get_text())
            notice = heading.find_next_sibling()
            assert isinstance(notice, Tag) and "ss-changed" in notice.get_attribute_list("class"), (
                block.heading
            )
            title = notice.select_one(".admonition-title")
            assert title is not None and title.get_text(strip=True) == _title(block.changed)
            source = notice.select_one(".ss-changed__source a")
            assert source is not None and source["href"] == block.changed.source
            assert source.parent is not None
            assert source.parent.get_text().startswith(CATALOG.t("changed.source", link=""))
            dated += 1
    assert dated > 0, "the bundled domain has change notices"


def test_a_sections_sources_close_the_section(built_site: Path, bundled_bank: Bank) -> None:
    (content,) = bundled_bank.domains
    for topic in content.topics:
        soup = _page(built_site, f"{content.slug}/{topic.id}")
        for block in topic.blocks:
            if not isinstance(block, HeadingBlock) or not block.sources:
                continue
            heading = next(h for h in soup.select("article h2") if block.heading in h.get_text())
            # The section's sources: the first source line after its heading, before the next.
            line = heading.find_next(class_="ss-sources")
            following = heading.find_next("h2")
            assert line is not None and following is not None
            assert line in following.find_all_previous(class_="ss-sources"), block.heading
            assert [a["href"] for a in line.select("a")] == [s.url for s in block.sources]
            day = long_date(block.sources[0].checked, CATALOG)
            assert line.get_text().startswith(CATALOG.t("sources.checked", day=day, links="")[:-1])


def test_a_topics_own_sources_are_listed_at_its_end(built_site: Path, bundled_bank: Bank) -> None:
    (content,) = bundled_bank.domains
    for topic in content.topics:
        soup = _page(built_site, f"{content.slug}/{topic.id}")
        headings = [_text(h) for h in soup.select("article h2")]
        if not topic.sources:
            assert CATALOG.t("sources.title") not in headings
            continue
        title = CATALOG.t("sources.title")
        heading = next(h for h in soup.select("article h2") if _text(h) == title)
        listed = heading.find_next("ul", class_="ss-sources")
        assert listed is not None
        assert [a["href"] for a in listed.select("a")] == [s.url for s in topic.sources]


def test_the_study_sheet_has_every_notice_and_every_source(
    built_site: Path, bundled_bank: Bank
) -> None:
    (content,) = bundled_bank.domains
    soup = _page(built_site, f"{content.slug}/study-sheet")
    titles = [n.select_one(".admonition-title") for n in _notices(soup)]
    expected = [_title(c) for t in content.topics for c in _changes(t)]
    assert [t.get_text(strip=True) for t in titles if t is not None] == expected
    title = CATALOG.t("sources.title")
    heading = next(h for h in soup.select("article h2") if _text(h) == title)
    lists = [ul for ul in heading.find_all_next("ul", class_="ss-sources")]
    expected_urls = [[s.url for s in topic_sources(t)] for t in content.topics if topic_sources(t)]
    assert [[a["href"] for a in ul.select("a")] for ul in lists] == expected_urls
    # Listed once per topic: no address twice in one list.
    assert all(len(urls) == len(set(urls)) for urls in expected_urls)


def test_on_paper_a_source_shows_its_address(built_site: Path) -> None:
    css = (built_site / "assets" / "studysite.min.css").read_text(encoding="utf-8")
    assert '.ss-sources a[href^="http"]::after' in css.replace("'", '"')
    assert "attr(href)" in css
