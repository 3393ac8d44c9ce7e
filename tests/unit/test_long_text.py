"""Issue 34, point 3: cost linear in the data, whatever one text holds.

- every text field has a length limit, and questions and trees a size limit, checked as the
  data loads (file, line, field) before anything is rendered;
- Python-Markdown's link parts are found in linear time (generator/content/markup.py);
- the Progress page takes a stem's first words from a prefix.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml

from generator.content import markup
from generator.content.load import load_bank
from generator.content.model import (
    CHOICES_MAX,
    LINE_MAX,
    NAME_MAX,
    NODES_MAX,
    OPTIONS_MAX,
    PASSAGE_MAX,
)
from generator.errors import DataError
from generator.site import text
from generator.site.widgets import progress
from tests.support.project import FIXTURES


def _mini(tmp_path: Path) -> tuple[Path, dict[str, Any]]:
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", data)
    content = data / "domain-1" / "content.yml"
    return data, yaml.safe_load(content.read_text(encoding="utf-8"))


class _NoAliases(yaml.SafeDumper):
    """Writes a value shared by two places twice: data files refuse aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(raw: dict[str, Any]) -> str:
    return yaml.dump(raw, Dumper=_NoAliases, sort_keys=False, width=1 << 20)


def _save(data: Path, raw: dict[str, Any]) -> None:
    (data / "domain-1" / "content.yml").write_text(_dump(raw), encoding="utf-8")


def test_limits_are_errors_with_file_line_and_field(tmp_path: Path) -> None:
    data, raw = _mini(tmp_path)
    raw["questions"][0]["stem"] = "x" * (PASSAGE_MAX + 1)
    raw["questions"][1]["options"] = [
        {"text": f"option {i}", "why": "w", "correct": i < 2} for i in range(OPTIONS_MAX + 1)
    ]
    raw["trees"][0]["nodes"][0]["choices"] = [
        {"label": f"l{i}", "next": "gpu"} for i in range(CHOICES_MAX + 1)
    ]
    _save(data, raw)
    with pytest.raises(DataError) as caught:
        load_bank(data)
    found = {(p.path, p.message.split(", found")[0]) for p in caught.value.problems}
    assert found == {
        (
            "questions[0].stem",
            f"expected at most {PASSAGE_MAX:,} characters (the limit of this field)",
        ),
        ("questions[1].options", f"expected at most {OPTIONS_MAX} items"),
        ("trees[0].nodes[0].choices", f"expected at most {CHOICES_MAX} items"),
    }
    assert all(p.file.endswith("content.yml") and p.line > 0 for p in caught.value.problems)
    assert NODES_MAX * CHOICES_MAX <= 500


def _upstream(prose: bool) -> markdown.Markdown:
    md = markdown.Markdown(
        extensions=[
            "sane_lists",
            markup._Restrict(markup.PROSE_HTML if prose else frozenset(), blocks=prose),
        ],
        output_format="html",
    )
    return md


def test_links_are_read_as_python_markdown_reads_them() -> None:
    tokens = [
        "[",
        "]",
        "(",
        ")",
        "a",
        " ",
        '"',
        "'",
        "<",
        ">",
        "!",
        "https://x.y/p",
        "\\",
        "`",
        "*",
        "\n",
        "[x]",
        "(u)",
        "](",
        "<https://a.b>",
        '"t"',
        "![i]",
    ]
    rng = random.Random(34)
    upstream = {prose: _upstream(prose) for prose in (False, True)}
    for _ in range(3000):
        source = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 30)))
        for prose in (False, True):
            expected = upstream[prose].convert(source)
            upstream[prose].reset()
            assert markup._parse(source, prose) == expected, source


def test_link_brackets_are_matched_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    original = markup._Pairs._pairs

    def counted(self: markup._Pairs, data: str) -> dict[int, int]:
        calls.append(len(data))
        return original(self, data)

    monkeypatch.setattr(markup._Pairs, "_pairs", counted)
    for source in ("[]() " * 1000, "[link](https://example.org/) " * 200, "[a](" * 1000):
        calls.clear()
        markup._parse(source, prose=True)
        # Markdown 3.11 matched them again for every link (1,000 times for "[]() " * 1000).
        assert len(calls) <= 4, (source[:10], len(calls))


def test_stem_start_reads_a_prefix_and_names_the_question_as_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tail = " More words with **bold** and `code` and a [link](https://example.org/)." * 400
    stems = [
        "Which **one** fits?",
        "A company needs `x`. " + tail,
        "[**Start**](https://e.org/) here" + tail,
    ]
    whole = {s: " ".join(text.plain(s).split()[:7]) for s in stems}
    seen: list[int] = []
    original = text.plain

    def spy(value: str) -> str:
        seen.append(len(value))
        return original(value)

    monkeypatch.setattr(text, "plain", spy)
    for stem in stems:
        assert progress.stem_start(stem).removesuffix("\u2026") == whole[stem]
    assert max(seen) <= progress._PREFIX_CHARS * progress.STEM_WORDS


def test_the_text_fields_of_every_question_type_have_limits(tmp_path: Path) -> None:
    """Ordering items, matching prompts, answers and distractors, accepted answers, numeric
    units and feedback, a case study's title, scenario, table and parts: each over its limit
    is an error at its own field, before anything is rendered."""
    from generator.authoring.scaffold import ALL_TYPES, init_exam

    init_exam(tmp_path / "exam")
    file = tmp_path / "exam" / "domain-1" / "questions.yml"
    raw = yaml.safe_load(ALL_TYPES.format(n=1))
    by_type = {q.get("type", "choice"): i for i, q in enumerate(raw["questions"])}
    over = {"line": "l" * (LINE_MAX + 1), "name": "n" * (NAME_MAX + 1)}
    passage = "p " * (PASSAGE_MAX // 2 + 1)
    expected: set[str] = set()

    def put(path: str, value: Any) -> None:
        *parents, last = path.replace("]", "").replace("[", ".").split(".")
        node: Any = raw
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value
        expected.add(path)

    o, m = by_type["ordering"], by_type["matching"]
    n, s, c = by_type["numeric"], by_type["short-answer"], by_type["case-study"]
    put(f"questions[{o}].items[0].text", over["line"])
    put(f"questions[{o}].items[1].why", passage)
    put(f"questions[{m}].pairs[0].prompt", over["line"])
    put(f"questions[{m}].pairs[1].answer", over["line"])
    put(f"questions[{m}].distractors[0]", over["line"])
    put(f"questions[{n}].unit", over["name"])
    put(f"questions[{n}].explanation", passage)
    put(f"questions[{s}].accept[1]", over["line"])
    put(f"questions[{c}].title", over["name"])
    put(f"questions[{c}].scenario", passage)
    put(f"questions[{c}].table.columns[0]", over["name"])
    put(f"questions[{c}].questions[0].stem", passage)
    many = {**raw["questions"][m], "id": "d1-plan-fit-many", "distractors": []}
    many["pairs"] = [{**many["pairs"][-1], "prompt": f"p{i}"} for i in range(OPTIONS_MAX + 1)]
    raw["questions"].append(many)
    expected.add(f"questions[{len(raw['questions']) - 1}].pairs")
    file.write_text(_dump(raw), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_bank(tmp_path / "exam")
    problems = caught.value.problems
    assert {p.path for p in problems} == expected
    assert all(p.file.endswith("questions.yml") and p.line > 0 for p in problems)
    assert all("at most" in p.message for p in problems)


def test_domain_numbers_are_1_to_99_in_the_model(tmp_path: Path) -> None:
    data, _ = _mini(tmp_path)
    domain = data / "domain-1" / "domain.yml"
    domain.write_text(
        domain.read_text(encoding="utf-8").replace("number: 1", "number: 100", 1), "utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_bank(data)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("number", 2)
    assert problem.message == "expected at most 99, found 100"
