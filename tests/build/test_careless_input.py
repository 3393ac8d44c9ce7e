"""Careless input (issue items 9, 11 and part of 13): the data checks say what MkDocs would
have said, with the YAML file and line, and what MkDocs would have broken builds right."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.commands import main
from tests.support.project import FIXTURES, copy_project, mkdocs_build

CONTENT = "domain-1/content.yml"


def _edit(data: Path, file: str, old: str, new: str) -> int:
    """Replace ``old`` by ``new`` in ``file``; return the line ``new`` starts on."""
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is no longer in the fixture's {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _errors(capsys: pytest.CaptureFixture[str]) -> list[str]:
    capsys.readouterr()
    assert main(["check"]) == 1
    return [line.strip() for line in capsys.readouterr().err.splitlines()[1:]]


# ---- 9: what MkDocs would have failed on, said by the checks ------------------------------


def test_a_mistyped_relative_link_in_prose_is_an_error_with_its_yaml_line(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _edit(
        workspace / "data",
        CONTENT,
        "      - prose: Memory holds data while the **CPU** works on it.",
        "      - prose: Memory holds data, see [processors](procesors.md).",
    )
    assert _errors(capsys) == [
        f"data/{CONTENT}:{line}: topics[1].blocks[0].prose: link to 'procesors.md': a relative "
        "link cannot be checked for every page that shows this text (topic page, study sheet, "
        "quiz); link the full https:// address"
    ]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("javascript:alert(1)", "expected an http:// or https:// address"),
        ("https://", "expected a web address with a host name"),
        ('https://x.org/a"><svg onload=alert(1)>', "expected a web address without spaces"),
    ],
)
def test_a_link_url_must_be_a_web_address(
    workspace: Path, capsys: pytest.CaptureFixture[str], url: str, problem: str
) -> None:
    line = _edit(
        workspace / "data",
        CONTENT,
        "        url: https://en.wikipedia.org/wiki/Processor",
        f"        url: '{url}'",
    )
    errors = _errors(capsys)
    if url.startswith("javascript"):  # the model's own pattern says it first
        assert errors == [
            f"data/{CONTENT}:{line}: topics[0].links[0].url: expected text matching ^https?://, "
            "found 'javascript:alert(1)'"
        ]
    else:
        assert len(errors) == 1
        assert errors[0].startswith(f"data/{CONTENT}:{line}: topics[0].links[0].url: {problem}")


@pytest.fixture(scope="module")
def careless_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One build of data with every careless-but-valid text the probe tried."""
    base = tmp_path_factory.mktemp("careless")
    data = base / "data"
    shutil.copytree(FIXTURES / "mini", data)
    _edit(data, "exam.yml", "title: Demo Certification", 'title: "Demo: the <T> exam # 1"')
    _edit(
        data,
        CONTENT,
        "      - prose: Memory holds data while the **CPU** works on it.",
        '      - prose: |\n          Memory holds data.\n\n          --8<-- "notes.md"\n\n'
        "          A <T> parameter, and `List<T>` in code.",
    )
    _edit(data, CONTENT, "    title: Memory", "    title: Memory | storage")
    _edit(
        data,
        "glossary.yml",
        "    expansion: Central processing unit",
        '    expansion: "Central\\n\\nprocessing unit"',
    )
    (base / "project").mkdir()
    project = copy_project(base / "project", data)
    result = mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    return base / "site"


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_snippet_syntax_in_prose_is_text(careless_site: Path) -> None:
    article = _soup(careless_site, "domain-1/memory/index.html").select_one("article")
    assert article is not None
    assert '--8<-- "notes.md"' in article.get_text()


def test_raw_html_and_generics_in_prose_read_as_written(careless_site: Path) -> None:
    article = _soup(careless_site, "domain-1/memory/index.html").select_one("article")
    assert article is not None
    text = article.get_text(" ", strip=True)
    assert "A <T> parameter" in text
    assert "List<T>" in text


def test_a_title_with_colon_and_hash_goes_into_front_matter_intact(careless_site: Path) -> None:
    home = _soup(careless_site, "index.html")
    assert home.title is not None
    assert home.title.get_text().startswith("Demo: the <T> exam # 1")
    h1 = home.select_one("article h1")
    assert h1 is not None and h1.get_text(strip=True).startswith("Demo: the <T> exam # 1")
    # Front matter that failed to parse would show as page text.
    assert "hide:" not in home.select_one("article").get_text()  # type: ignore[union-attr]


def test_a_pipe_in_a_title_does_not_break_the_table_row(careless_site: Path) -> None:
    overview = _soup(careless_site, "domain-1/index.html")
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in overview.select("article table tr")
        if tr.find("td")
    ]
    memory = next(r for r in rows if r[0].startswith("Memory"))
    assert memory[0] == "Memory | storage"
    assert len(memory) == 3


def test_a_newline_in_a_glossary_expansion_stays_in_its_tooltip(careless_site: Path) -> None:
    page = _soup(careless_site, "domain-1/processors/index.html")
    titles = {a.get_text(): a["title"] for a in page.select("article abbr")}
    assert titles["CPU"] == "Central processing unit"
    # No stray paragraph from the expansion on the page.
    assert not [p for p in page.select("article p") if p.get_text(strip=True) == "processing unit"]


# ---- 11: reserved ids ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("topic_id", "page"),
    [
        ("index", "Domain 1: Basics"),
        ("questions", "Domain 1 practice questions"),
        ("study-sheet", "Domain 1 study sheet"),
    ],
)
def test_a_topic_may_not_take_a_generated_page_name(
    workspace: Path, capsys: pytest.CaptureFixture[str], topic_id: str, page: str
) -> None:
    data = workspace / "data"
    line = _edit(data, CONTENT, "  - id: memory", f"  - id: {topic_id}")
    _edit(data, CONTENT, "topics: [memory]", f"topics: [{topic_id}]")
    errors = _errors(capsys)
    assert (
        f"data/{CONTENT}:{line}: topics[1].id: topic id '{topic_id}' is reserved: "
        f"domain-1/{topic_id}.md is the page '{page}'; choose another id"
    ) in errors


# ---- 13: the glossary message, bytes that are not text -------------------------------------


def test_a_duplicate_glossary_term_names_the_term_field(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    line = _edit(workspace / "data", "glossary.yml", "  - term: GPU", "  - term: CPU")
    assert _errors(capsys) == [
        f"data/glossary.yml:{line}: terms[1].term: duplicate glossary term 'CPU' "
        "(first defined at data/glossary.yml:3)"
    ]


def test_bytes_that_are_not_utf8_give_their_line(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = workspace / "data" / "glossary.yml"
    raw = path.read_bytes().replace(b"Graphics", b"Graph\xe9cs")
    path.write_bytes(raw)
    line = raw[: raw.index(b"\xe9")].count(b"\n") + 1
    column = raw.index(b"\xe9") - raw.rfind(b"\n", 0, raw.index(b"\xe9"))
    assert _errors(capsys) == [
        f"data/glossary.yml:{line}: the file is not UTF-8 text: byte 0xe9 at column {column} "
        "(invalid continuation byte); save it as UTF-8"
    ]


def test_a_nul_byte_gives_its_line(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = workspace / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8").replace("Graphics", "Graph\x00ics")
    path.write_text(text, encoding="utf-8")
    line = text[: text.index("\x00")].count("\n") + 1
    column = text.index("\x00") - text.rfind("\n", 0, text.index("\x00"))
    assert _errors(capsys) == [
        f"data/glossary.yml:{line}: the file holds a control character (#x0000) at column "
        f"{column}; YAML does not allow it, remove it"
    ]
