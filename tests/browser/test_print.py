"""Printing: pages and study sheets printed to PDF by Chromium, then read back with pypdf.

Expectations come from the data (``load_bank``), so every topic, table, tree and question
of every domain is checked, whatever the bank holds.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from generator.content.model import Bank, DomainContent, Question
from generator.site.widgets.quiz import letter
from tests.support.bank import choices
from tests.support.project import screenshot_path

pytestmark = pytest.mark.browser


# ---- reading PDFs -----------------------------------------------------------------------


def normal(text: str) -> str:
    """Text as compared: Unicode compatibility form (ligatures undone), single spaces."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def plain(markdown: str) -> str:
    """The words a reader sees of a Markdown snippet (links, emphasis and code unwrapped)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|`)", "", text)
    text = re.sub(r"(?<!\w)[*_](\S(?:.*?\S)?)[*_](?!\w)", r"\1", text)
    return normal(text)


@dataclass
class Printed:
    """A printed page: the PDF, its pages' text, and the whole text in reading order."""

    path: Path
    pages: list[str]
    html: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.pages)


def page_text(text: str) -> str:
    """A PDF page's text, normalised; a line broken after a hyphen is joined again."""
    return normal(re.sub(r"(?<=\w-)\n", "", text))


def read_pdf(path: Path) -> Printed:
    reader = PdfReader(str(path))
    return Printed(path, [page_text(page.extract_text() or "") for page in reader.pages])


def print_page(context: Any, url: str, target: Path) -> Printed:
    """Open ``url`` as a learner would, print it to ``target`` and read the PDF."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.pdf(path=str(target), format="A4", print_background=True)
    html = page.content()
    page.close()
    printed = read_pdf(target)
    printed.html = html
    return printed


def render_pngs(pdf: Path, name: str, last: int = 4) -> None:
    """First pages as PNG in tests/artifacts/, for people to look at."""
    if shutil.which("pdftoppm"):
        prefix = screenshot_path(name)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", str(last), str(pdf), str(prefix)],
            check=True,
        )


def without_expansions(text: str, bank: Bank) -> str:
    """Printed text with the glossary expansions print adds after abbreviations removed."""
    for term in bank.glossary.terms:
        text = text.replace(f" ({normal(term.expansion)})", "")
    return text


# ---- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bank(bundled_bank: Bank) -> Bank:
    return bundled_bank


@pytest.fixture(scope="module")
def print_context(browser: Any) -> Any:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture(scope="module")
def sheets(
    bank: Bank, print_context: Any, site_url: str, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Printed]:
    """Every domain's study sheet, printed once for the whole module."""
    out = tmp_path_factory.mktemp("print")
    printed = {}
    for content in bank.domains:
        pdf = out / f"{content.slug}-study-sheet.pdf"
        printed[content.slug] = print_page(
            print_context, f"{site_url}{content.slug}/study-sheet/", pdf
        )
        render_pngs(pdf, f"print-{content.slug}-study-sheet")
        print(f"{content.slug} study sheet: {len(printed[content.slug].pages)} pages printed")
    return printed


def domains(bank: Bank) -> list[DomainContent]:
    assert bank.domains, "the bank has no domain to print"
    return bank.domains


def numbered_choices(content: DomainContent) -> list[tuple[int, Question]]:
    """The multiple-choice questions with the number they print under: every question of
    the domain is numbered, whatever its type (the bundled domain mixes types)."""
    return [
        (number, q)
        for number, q in enumerate(content.questions, start=1)
        if isinstance(q, Question)
    ]


def keyed(question: Question) -> str:
    return ", ".join(letter(i) for i in question.correct_indexes)


def answer_key_split(printed: Printed) -> tuple[str, str]:
    """The printed text before and after the answer key's title."""
    text = printed.text
    assert text.count("Answer key") == 1, "the answer key title should print once"
    before, after = text.split("Answer key")
    return before, after


# ---- the study sheet --------------------------------------------------------------------


def test_study_sheet_holds_every_topic_table_tree_and_question(
    bank: Bank, sheets: dict[str, Printed]
) -> None:
    for content in domains(bank):
        text = sheets[content.slug].text
        missing = [t.title for t in content.topics if normal(t.title) not in text]
        missing += [t.title for t in content.tables if plain(t.title) not in text]
        missing += [t.title for t in content.trees if plain(t.title) not in text]
        missing += [q.stem for q in choices(content) if plain(q.stem) not in text]
        missing += [
            o.text for q in choices(content) for o in q.options if plain(o.text) not in text
        ]
        missing += [p for p in content.domain.takeaways if plain(p) not in text]
        assert not missing, f"{content.slug} study sheet does not print: {missing}"


def test_study_sheet_prints_every_table_row_and_tree_path(
    bank: Bank, sheets: dict[str, Printed]
) -> None:
    for content in domains(bank):
        text = sheets[content.slug].text
        missing = [i.name for t in content.tables for i in t.items if plain(i.name) not in text]
        missing += [
            a.name for t in content.tables for a in t.attributes if plain(a.name) not in text
        ]
        missing += [
            n.question for t in content.trees for n in t.nodes if plain(n.question) not in text
        ]
        missing += [
            o.answer for t in content.trees for o in t.outcomes if plain(o.answer) not in text
        ]
        assert not missing, f"{content.slug} study sheet does not print: {missing}"


def test_answer_key_holds_the_keyed_answers(bank: Bank, sheets: dict[str, Printed]) -> None:
    for content in domains(bank):
        _, key = answer_key_split(sheets[content.slug])
        positions = []
        for number, question in numbered_choices(content):
            entry = f"Question {number}: {keyed(question)} —"
            assert entry in key, f"answer key lacks {entry!r}"
            positions.append(key.index(entry))
            for option in question.options:
                if option.correct:
                    assert plain(option.why or "") in key, f"answer key lacks why of {question.id}"
        assert positions == sorted(positions), "answer key entries are out of order"


def test_no_answer_text_before_the_answer_key(bank: Bank, sheets: dict[str, Printed]) -> None:
    for content in domains(bank):
        before, _ = answer_key_split(sheets[content.slug])
        assert "Answer:" not in before
        assert "Show the answer" not in before
        leaked = [
            o.why
            for q in choices(content)
            for o in q.options
            if o.correct and o.why and plain(o.why) in before
        ]
        assert not leaked, f"answers printed before the answer key: {leaked}"


def chrome_texts(html: str) -> list[str]:
    """Texts of the site chrome (header, navigation, search, palette, footer) of a page
    that are not also words of its content."""
    soup = BeautifulSoup(html, "html.parser")
    content = soup.select_one("article")
    assert content is not None
    article = normal(content.get_text(" "))
    texts = set()
    for node in soup.select(
        ".md-header__topic, .md-nav__link, .md-nav__title, .md-footer__link, "
        ".md-copyright, .md-skip, .md-top, .md-search__output .md-search-result__meta"
    ):
        texts.add(normal(node.get_text(" ")))
    for node in soup.select("[data-md-component=palette] label[title]"):
        texts.add(normal(str(node["title"])))
    for node in soup.select(".md-search__input[placeholder]"):
        texts.add(normal(str(node["placeholder"])))
    return sorted(t for t in texts if len(t) > 2 and t not in article)


def test_no_navigation_text_on_paper(sheets: dict[str, Printed]) -> None:
    for slug, printed in sheets.items():
        chrome = chrome_texts(printed.html)
        assert "Search" in chrome
        assert any("dark mode" in t for t in chrome), chrome
        assert "Your progress" in chrome
        found = [t for t in chrome if re.search(rf"(?<!\w){re.escape(t)}(?!\w)", printed.text)]
        assert not found, f"{slug} study sheet prints site chrome: {found}"


def page_tails(pdf: Path) -> list[list[str]]:
    """Per page, the texts a heading at its foot would be: its last line, and its last two
    lines joined, each only when it starts at the left margin, where headings start
    (pypdf's layout mode keeps each line's indentation)."""
    tails = []
    for page in PdfReader(str(pdf)).pages:
        lines = [line for line in page.extract_text(extraction_mode="layout").splitlines()]
        lines = [line for line in lines if line.strip()]
        indent = [len(line) - len(line.lstrip()) for line in lines]
        margin = min(indent, default=0)
        tail = []
        if lines and indent[-1] <= margin:
            tail.append(normal(lines[-1]))
        if len(lines) > 1 and indent[-2] <= margin:
            tail.append(normal(lines[-2] + " " + lines[-1]))
        tails.append(tail)
    return tails


def test_headings_are_never_last_on_a_page(sheets: dict[str, Printed]) -> None:
    for slug, printed in sheets.items():
        soup = BeautifulSoup(printed.html, "html.parser")
        article = soup.select_one("article")
        assert article is not None
        for link in article.select(".headerlink"):
            link.decompose()
        headings = {
            normal(h.get_text(" "))
            for h in article.select("h1, h2, h3, h4, .ss-table__title, .ss-tree__title")
        }
        assert len(headings) > 5
        for number, tails in enumerate(page_tails(printed.path)[:-1], start=1):
            last = [h for h in headings if h in tails]
            assert not last, f"{slug} study sheet page {number} ends with heading {last}"


def test_a_table_split_across_pages_repeats_its_header_text(
    bank: Bank, sheets: dict[str, Printed]
) -> None:
    split = 0
    for content in domains(bank):
        pages = sheets[content.slug].pages
        for table in content.tables:
            title = normal(plain(table.title))
            last_row = normal(plain(table.items[-1].name))
            starts = next(i for i, text in enumerate(pages) if title in text)
            ends = next(
                i for i, text in enumerate(pages[starts:], start=starts) if last_row in text
            )
            if ends == starts:
                continue
            split += 1
            # The sort buttons hold the header text on screen: on paper it prints on every page.
            names = [table.item_label] + [a.name for a in table.attributes]
            words = set(re.findall(r"\w+", " ".join(names)))
            missing = words - set(re.findall(r"\w+", pages[ends]))
            assert not missing, f"{table.id} continues on page {ends + 1} without header {missing}"
    assert split, "no table is split across pages: this test checks nothing"


def test_no_blank_page(sheets: dict[str, Printed]) -> None:
    for slug, printed in sheets.items():
        blank = [number for number, text in enumerate(printed.pages, start=1) if not text]
        assert not blank, f"{slug} study sheet prints blank pages: {blank}"


def test_questions_are_not_split_from_their_options(bank: Bank, sheets: dict[str, Printed]) -> None:
    for content in domains(bank):
        pages = sheets[content.slug].pages
        for number, question in numbered_choices(content):
            label = f"Question {number}. "
            where = [i for i, text in enumerate(pages) if label in text]
            assert len(where) == 1, f"{label!r} should print once, on one page"
            page = pages[where[0]]
            split = [o.text for o in question.options if plain(o.text) not in page]
            assert not split, f"{content.slug} {label}options on another page: {split}"


# ---- every page -------------------------------------------------------------------------


def first_questions_page(bank: Bank) -> tuple[DomainContent, str]:
    content = domains(bank)[0]
    return content, f"{content.slug}/questions/"


def test_questions_page_prints_static_questions_and_answer_key(
    bank: Bank, print_context: Any, site_url: str, tmp_path: Path
) -> None:
    content, path = first_questions_page(bank)
    pdf = tmp_path / "questions.pdf"
    printed = print_page(print_context, site_url + path, pdf)
    render_pngs(pdf, "print-questions", last=2)
    print(f"{path}: {len(printed.pages)} pages printed")
    before, key = answer_key_split(printed)
    before = without_expansions(before, bank)
    for number, question in numbered_choices(content):
        if question.case is None:  # a case study's part prints its part label first
            assert f"Question {number}. {plain(question.stem)}" in before
        else:
            assert f"Question {number}." in before and plain(question.stem) in before
        options = " ".join(f"{letter(i)}. {plain(o.text)}" for i, o in enumerate(question.options))
        assert options in before, f"question {number} does not print its lettered options"
        assert f"Question {number}: {keyed(question)} —" in key
    assert "Answer:" not in before
    assert "Show the answer" not in printed.text
    # No quiz controls, score or progress on paper.
    for control in ("Check", "Retry the ones I got wrong", "Reset", "Show all questions"):
        assert not re.search(rf"(?<!\w){control}(?!\w)", printed.text), control
    assert not re.search(r"\d+ of \d+ (right|picked)", printed.text)
    leaked = [
        o.why for q in choices(content) for o in q.options if o.why and plain(o.why) in before
    ]
    assert not leaked, f"explanations printed before the answer key: {leaked}"


def test_answer_key_is_for_paper_only_on_quiz_pages(bank: Bank, page: Any, site_url: str) -> None:
    content, path = first_questions_page(bank)
    topic = next(t for t in content.topics if any(t.id in q.topics for q in choices(content)))
    for url in (path, f"{content.slug}/{topic.id}/"):
        page.goto(site_url + url)
        key = page.locator(".ss-answer-key")
        assert key.count() == 1
        assert key.is_hidden(), f"{url}: the answer key shows on screen"
        page.emulate_media(media="print")
        assert key.is_visible(), f"{url}: the answer key does not print"
        page.emulate_media(media="screen")
    page.goto(f"{site_url}{content.slug}/study-sheet/")
    assert page.locator(".ss-answer-key").is_visible(), "the study sheet shows its key"


def luminance(rgb: str) -> float:
    red, green, blue = (int(v) for v in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def light_share(png_ppm: bytes) -> float:
    """Share of light pixels in a binary PPM (P6) image."""
    header, _, rest = png_ppm.partition(b"\n255\n")
    width, height = (int(v) for v in header.split()[1:3])
    pixels = rest[: width * height * 3]
    light = sum(
        1
        for i in range(0, len(pixels), 3 * 7)  # every 7th pixel is plenty
        if pixels[i] + pixels[i + 1] + pixels[i + 2] > 600
    )
    return light / (len(pixels) / (3 * 7))


def test_dark_palette_prints_light(bank: Bank, browser: Any, site_url: str, tmp_path: Path) -> None:
    content = domains(bank)[0]
    topic = content.topics[0]
    ctx = browser.new_context(color_scheme="dark")
    try:
        page = ctx.new_page()
        page.goto(f"{site_url}{content.slug}/{topic.id}/")
        assert page.get_attribute("body", "data-md-color-scheme") == "slate"
        body_bg = "getComputedStyle(document.body).backgroundColor"
        text_color = "getComputedStyle(document.querySelector('.md-typeset p')).color"
        assert luminance(page.evaluate(body_bg)) < 100, "the screen is dark"
        page.emulate_media(media="print")
        assert luminance(page.evaluate(body_bg)) > 250, "paper is white"
        assert luminance(page.evaluate(text_color)) < 80, "ink is dark"
        pdf = tmp_path / "dark.pdf"
        page.pdf(path=str(pdf), format="A4", print_background=True)
    finally:
        ctx.close()
    render_pngs(pdf, "print-dark-topic", last=1)
    if shutil.which("pdftoppm"):
        ppm = subprocess.run(
            ["pdftoppm", "-r", "30", "-f", "1", "-l", "1", str(pdf)],
            check=True,
            capture_output=True,
        ).stdout
        # White paper and dark ink: a dark palette would leave almost no light pixels; a
        # text-dense first page (the bundled domain opens with a long list) stays above 0.85.
        assert light_share(ppm) > 0.85, "the printed page is not mostly white"


def test_glossary_terms_are_spelled_out_once_on_paper(
    bank: Bank, print_context: Any, site_url: str, tmp_path: Path
) -> None:
    expansions = {t.term: t.expansion for t in bank.glossary.terms}
    checked = 0
    for content in domains(bank):
        for topic in content.topics:
            page = print_context.new_page()
            page.goto(f"{site_url}{content.slug}/{topic.id}/")
            # Terms in the topic's own paragraphs and lists (not headings, tables, quiz).
            terms = page.eval_on_selector_all(
                ".md-content__inner > p abbr[title], .md-content__inner > ul > li abbr[title]",
                "els => [...new Set(els.map(e => e.textContent))]",
            )
            page.close()
            if not terms:
                continue
            printed = print_page(
                print_context, f"{site_url}{content.slug}/{topic.id}/", tmp_path / f"{topic.id}.pdf"
            )
            for term in terms:
                spelled = f"{term} ({normal(expansions[term])})"
                assert printed.text.count(spelled) == 1, f"{topic.id}: {spelled!r}"
            checked += 1
            if checked == 2:
                return
    assert checked, "no topic page uses a glossary term"


def test_widgets_print_in_their_static_form(bank: Bank, page: Any, site_url: str) -> None:
    content = domains(bank)[0]
    page.goto(f"{site_url}{content.slug}/study-sheet/")
    page.wait_for_selector(".ss-tree--live")
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        assert page.locator(chrome).first.is_hidden(), chrome
    trees = page.locator(".ss-tree")
    assert trees.count() == len(content.trees)
    for i in range(trees.count()):
        tree = trees.nth(i)
        assert tree.locator(".ss-tree__outline").is_visible()
        assert tree.locator(".ss-tree__diagram svg").is_visible()
        assert tree.locator("button:visible").count() == 0
    tables = page.locator(".ss-table table")
    assert tables.count() == len(content.tables)
    styles = tables.evaluate_all(
        """ts => ts.map(t => [getComputedStyle(t.tHead).display,
                             getComputedStyle(t.tBodies[0].rows[0]).breakInside,
                             t.tHead.innerText.trim().length])"""
    )
    for display, row_break, header_text in styles:
        assert display == "table-header-group", "the header row repeats on each page"
        assert row_break == "avoid", "a row is never split across pages"
        assert header_text > 0, "column names print"
    # No control prints; a table's sort buttons print as its plain column names.
    controls = page.locator("button:visible, [aria-live]:visible").evaluate_all(
        """els => els.filter(e => !(e.matches('th button') &&
                                    getComputedStyle(e).borderStyle === 'none' &&
                                    getComputedStyle(e).backgroundColor === 'rgba(0, 0, 0, 0)'))
                     .map(e => e.outerHTML.slice(0, 80))"""
    )
    assert not controls, f"controls print: {controls}"
