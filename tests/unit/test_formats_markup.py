"""Text of other formats as safe Markdown: no raw HTML passes, what is shown stays shown."""

from __future__ import annotations

import pytest

from generator.formats.markup import images_note, to_markdown, to_plain


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        ("<p>One</p><p>Two <b>bold</b></p>", "One\n\nTwo **bold**"),
        ("Cochez l'affirmation<b> incorrecte.</b>", "Cochez l'affirmation **incorrecte.**"),
        ("a <b></b>b", "a b"),
        ("<b><i>both</i></b>", "***both***"),
        ("<ul><li><p>first</p></li><li>second</li></ul>", "- first\n\n- second"),
        ("x<br>y", "x\ny"),
        ("<script>alert(1)</script><style>p{}</style>kept", "kept"),
        ('<a href="javascript:alert(1)">text</a>', "text"),
        ('<img src="@@PLUGINFILE@@/a.png" alt="A *chart*">', "[image: A \\*chart\\*]"),
        ('<img src="x.png" onerror="alert(1)">', "[image]"),
        ("5 &lt; 6 &amp; &lt;b&gt;", "5 &lt; 6 & &lt;b>"),
        ("snake_case [x]", "snake\\_case \\[x\\]"),
        ("# not a heading", "\\# not a heading"),
    ],
)
def test_html(html: str, markdown: str) -> None:
    assert to_markdown(html, "html") == markdown


def test_markdown_keeps_its_syntax_and_code_spans_but_no_html() -> None:
    text = "**bold** <span onclick='x'>kept</span> `<b>` <script>gone</script>"
    assert to_markdown(text, "markdown") == "**bold** kept `<b>`"


def test_moodle_auto_format_keeps_line_breaks() -> None:
    assert to_markdown("one\ntwo <i>three</i>", "moodle") == "one\ntwo *three*"


def test_plain_text_is_shown_as_written() -> None:
    assert to_markdown("<b>x</b> *y*", "plain") == "&lt;b>x&lt;/b> \\*y\\*"


def test_plain_words_for_typed_answers() -> None:
    assert to_plain("<p>Invoke<b>Endpoint</b> &amp; co</p>", "html") == "InvokeEndpoint & co"
    assert to_plain(" snake_case ", "plain") == "snake_case"


def test_images_are_collected_for_the_note() -> None:
    images: list[str] = []
    to_markdown(
        '<img src="@@PLUGINFILE@@/a.png"><img src="b/c.jpg"><img src="a.png">', "html", images
    )
    assert images_note(images) == "images dropped (an import brings text only): a.png, c.jpg"
