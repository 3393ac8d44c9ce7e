"""The one text function: what a field's text becomes in a page, and what a later Markdown
pass (MkDocs) can still do with it."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.content import markup
from generator.site import text

PAYLOADS = [
    "**x**{: onmouseover=alert(1) }",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "</script><svg onload=alert(1)>",
]

# The extensions mkdocs.yml gives the page's own Markdown pass, minus the file-reading ones.
PAGE_EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables"]


def page_pass(fragment: str) -> BeautifulSoup:
    """``fragment`` as MkDocs would render it inside a markdown="span" element."""
    source = f'<p class="host" markdown="span">{fragment}</p>\n\n*[KMS]: Key Management Service\n'
    html = markdown.Markdown(extensions=PAGE_EXTENSIONS).convert(source)
    return BeautifulSoup(html, "html.parser")


def assert_harmless(soup: BeautifulSoup) -> None:
    for element in soup.find_all(True):
        assert element.name not in {"img", "svg", "script", "iframe", "style"}, element
        for name, value in element.attrs.items():
            assert not name.startswith("on"), element
            assert name != "style", element
            assert "javascript:" not in str(value).replace(" ", "").lower(), element


@pytest.mark.parametrize("payload", PAYLOADS)
@pytest.mark.parametrize("render", [text.inline, text.block, text.plain_html])
def test_payloads_stay_text_after_the_page_pass(render, payload) -> None:
    soup = page_pass(str(render(payload)))
    assert_harmless(soup)


def test_raw_html_reads_as_text_in_non_prose_fields() -> None:
    soup = page_pass(str(text.inline("Use <T> with `<T>` & <b>KMS</b>")))
    host = soup.select_one("p.host")
    assert host is not None
    assert host.get_text() == "Use <T> with <T> & <b>KMS</b>"
    assert host.find("b") is None
    # The page pass still marks abbreviations in the text.
    assert [a["title"] for a in host.find_all("abbr")] == ["Key Management Service"]


def test_prose_keeps_its_allowlist_and_shows_other_tags_as_text() -> None:
    html = str(text.block("H<sub>2</sub>O, <kbd>Ctrl</kbd>, <T> and <b onclick=x>bold</b>"))
    soup = BeautifulSoup(html, "html.parser")
    assert [(e.name, e.get_text(), e.attrs) for e in soup.select("sub, kbd, b")] == [
        ("sub", "2", {}),
        ("kbd", "Ctrl", {}),
        ("b", "bold", {}),
    ]
    assert "<T>" in soup.get_text()


def test_a_line_of_snippet_syntax_reads_as_written() -> None:
    soup = page_pass(str(text.block('--8<-- "notes.md"')))
    assert soup.get_text().strip() == '--8<-- "notes.md"'


def test_markdown_renders_but_attribute_lists_and_snippets_do_not() -> None:
    soup = page_pass(str(text.inline("**bold**{: .x } --8<-- notes.md")))
    strong = soup.find("strong")
    assert strong is not None and strong.attrs == {}
    assert "{: .x } --8<-- notes.md" in soup.get_text()


def test_links_keep_web_addresses_and_lose_script_ones() -> None:
    soup = BeautifulSoup(
        str(text.inline("[a](https://x.org/a_b) [b](javascript:x)")), "html.parser"
    )
    links = soup.find_all("a")
    assert links[0]["href"] == "https://x.org/a_b"
    assert "href" not in links[1].attrs


def test_inline_fields_are_one_line_and_never_lists() -> None:
    soup = page_pass(str(text.inline("2. Use KMS\n- then more")))
    assert soup.find(["ol", "ul", "li"]) is None
    assert soup.get_text().strip() == "2. Use KMS - then more"


def test_no_title_attribute_reaches_a_tooltip() -> None:
    # Material's tooltips render titles as HTML.
    html = str(
        text.block('[a](https://x.org "<img src=x onerror=alert(1)>") <abbr title="t">T</abbr>')
    )
    soup = BeautifulSoup(html, "html.parser")
    assert [e.attrs.get("title") for e in soup.find_all(["a", "abbr"])] == [None, None]


def test_pipes_do_not_split_a_table_row() -> None:
    row = f"| {text.table_cell('a | b')} | c |\n| --- | --- |\n| 1 | 2 |"
    html = markdown.Markdown(extensions=["tables"]).convert(row)
    header = BeautifulSoup(html, "html.parser").find_all("th")
    assert [h.get_text() for h in header] == ["a | b", "c"]


def test_plain_text_drops_marks_and_escapes_for_html() -> None:
    assert text.plain("**Use** [KMS](https://x.org) <T>") == "Use KMS <T>"
    assert text.escaped('A "b" <T>') == "A &quot;b&quot; &lt;T&gt;"


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://docs.aws.amazon.com/x", ""),
        ("http://example.org", ""),
        ("javascript:alert(1)", "expected an http:// or https:// address"),
        ("https://", "expected a web address with a host name"),
        ("https://x.org/a) <b>", "expected a web address without spaces, quotes or angle brackets"),
        (
            'https://x.org/a"><svg onload=1>',
            "expected a web address without spaces, quotes or angle brackets",
        ),
    ],
)
def test_url_problem(url, problem) -> None:
    assert markup.url_problem(url) == problem


@pytest.mark.parametrize("render", [text.inline, text.block, text.plain_html])
def test_quotes_and_apostrophes_read_as_written(render) -> None:
    # A callout title such as "The service's name changed" once showed "&#x27;" on the page.
    soup = page_pass(str(render('The service\'s "new" name')))
    assert soup.get_text().strip() == 'The service\'s "new" name'


def _strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for key, value in node.items() for s in (*_strings(key), *_strings(value))]
    if isinstance(node, list):
        return [s for item in node for s in _strings(item)]
    return []


def test_the_parser_is_skipped_only_where_it_would_change_nothing(tmp_path, monkeypatch) -> None:
    """The shortcut for text without Markdown syntax gives what Python-Markdown gives.

    Where ``convert`` calls the parser, its answer is the parser's; so the parser is stood in
    for while ``convert`` runs, and the real one is asked only about the text that ``convert``
    answered without it (a fifth of the samples: the rest cost nothing).
    """
    import random
    from pathlib import Path

    import yaml

    from tests.support.synthetic import generate

    generate(tmp_path / "bank", questions=60)
    files = [*Path("data").rglob("*.yml"), *(tmp_path / "bank").rglob("*.yml")]
    samples = {s for f in files for s in _strings(yaml.safe_load(f.read_text("utf-8")))}
    samples.update(PAYLOADS)
    # Short random strings of the characters that start Markdown syntax or sit near it.
    alphabet = [
        *"ab1 .-+=:!()\"'/,;?%$@{}|~^*_`#<>&[]\\\t\n",
        "\u00a0",
        "\u00e9",
        "\u2014",
        "\u2019",
        "1.",
    ]
    rng = random.Random(7)
    samples.update("".join(rng.choices(alphabet, k=rng.randint(1, 7))) for _ in range(30_000))
    parse = markup._parse
    parsed: list[str] = []

    def record(text: str, prose: bool) -> str:
        parsed.append(text)
        return ""

    monkeypatch.setattr(markup, "_parse", record)
    skipped = 0
    for sample in sorted(samples):
        for prose in (False, True):
            parsed.clear()
            shown = markup.convert(sample, prose)
            if not parsed:  # the shortcut: what the parser would have made of it
                assert shown == parse(sample, prose), (sample, prose)
                skipped += prose
    monkeypatch.undo()
    # The shortcut is taken for most of a real bank's text, not only in theory.
    bundled = {
        s
        for f in Path("data").rglob("*.yml")
        for s in _strings(yaml.safe_load(f.read_text("utf-8")))
    }
    plain = [s for s in bundled if s.isprintable() and not markup._SYNTAX.search(s)]
    assert len(plain) > len(bundled) / 3
    assert skipped > 1000
