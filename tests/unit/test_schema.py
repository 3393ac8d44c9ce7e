"""Editors' schemas and the author's reference: generated, shipped fresh, checked by a real validator."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.authoring.reference import REFERENCE_FILE, reference_markdown
from generator.authoring.schema import (
    KINDS,
    SCHEMA_DIR,
    kind_of,
    schema_for,
    schema_line,
    schema_texts,
)
from generator.content.load import load_file
from generator.content.model import Domain, DomainFile, Exam, Glossary, Node
from generator.errors import Problem
from tests.support.project import FIXTURES, ROOT

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"
# The exam data fixtures (not tests/fixtures/upgrade, an old mkdocs.yml).
DATA_FILES = sorted([*(ROOT / "data").rglob("*.yml"), *(FIXTURES / "mini").rglob("*.yml")])


def test_shipped_schemas_and_reference_are_fresh() -> None:
    stale = [
        name
        for name, text in {**schema_texts(), REFERENCE_FILE: reference_markdown()}.items()
        if (SCHEMA_DIR / name).read_text(encoding="utf-8") != text
    ]
    assert stale == [], f"run `python -m generator schema`: stale {stale}"


def test_schema_command_writes_every_schema_and_the_reference(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "generator", "schema", "--out", str(tmp_path / "s")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"schemas and reference in {tmp_path / 's'}: 5 written\n"
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [
        "content.schema.json",
        "domain.schema.json",
        "exam.schema.json",
        "glossary.schema.json",
        "reference.md",
    ]


def _walk(node: Any, path: str = "") -> list[tuple[str, Any]]:
    found = [(path, node)]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _walk(value, f"{path}/{i}")
    return found


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_is_draft_2020_12_without_internal_keys_and_describes_every_field(
    kind: str,
) -> None:
    schema = schema_for(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    text = json.dumps(schema)
    for internal in ('"@at"', '"at"', '"cells_at"', '"Source"'):
        assert internal not in text
    undescribed = [
        f"{path}/{name}"
        for path, node in _walk(schema)
        if isinstance(node, dict) and path.endswith("/properties")
        for name, field in node.items()
        if not field.get("description")
    ]
    assert undescribed == []


def test_every_data_file_starts_with_its_schema_line() -> None:
    for path in DATA_FILES:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == schema_line(path), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == SCHEMA_DIR / f"{kind_of(path)}.schema.json"


def _validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMA_DIR / schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("kind", list(KINDS))
def test_check_jsonschema_accepts_every_bundled_data_file(kind: str) -> None:
    files = [p for p in DATA_FILES if kind_of(p) == kind]
    assert files
    result = _validate(f"{kind}.schema.json", *files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "ok -- validation done"


def test_check_jsonschema_rejects_an_unknown_field(tmp_path: Path) -> None:
    bad = tmp_path / "questions.yml"
    text = (FIXTURES / "mini" / "domain-1" / "content.yml").read_text(encoding="utf-8")
    bad.write_text(
        text.replace("        why: RAM is memory.", "        explanation: RAM is memory.")
    )
    result = _validate("content.schema.json", bad)
    assert result.returncode == 1
    assert "Additional properties are not allowed ('explanation' was unexpected)" in result.stdout
    assert "questions[1].options[2]" in result.stdout


def test_reference_lists_every_field_with_type_required_and_example() -> None:
    text = (SCHEMA_DIR / REFERENCE_FILE).read_text(encoding="utf-8")
    models: list[type[Node]] = [Exam, Glossary, Domain, DomainFile]
    for model in models:
        for name in model.model_fields:
            if name != "at":
                assert f"| `{name}` |" in text
    assert (
        "| `choose` | whole number, at least 1 | optional (default `1`) | How many options to "
        "pick; exactly that many are correct. | `choose: 2` |" in text
    )
    assert (
        "| `items` | list of [Item](#item), at least 2, at most 100 | required | The rows, in "
        "order; at least two. | see [Item](#item) |" in text
    )


# ---- the README's examples ----------------------------------------------------------------

_KIND_MODELS: dict[str, type[Node]] = {
    "exam": Exam,
    "glossary": Glossary,
    "domain": Domain,
    "content": DomainFile,
}


def readme_yaml_blocks() -> list[str]:
    """Every ```yaml block of README.md."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^```yaml\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def test_readme_has_yaml_examples_of_every_file_kind() -> None:
    kinds = [re.search(r"/(\w+)\.schema\.json", b.splitlines()[0]) for b in readme_yaml_blocks()]
    assert all(kinds)
    assert {k.group(1) for k in kinds if k} == set(KINDS)


@pytest.mark.parametrize("block", readme_yaml_blocks())
def test_readme_yaml_example_loads_with_the_generator(block: str, tmp_path: Path) -> None:
    match = re.search(r"/(\w+)\.schema\.json", block.splitlines()[0])
    assert match, "each yaml block starts with its schema line"
    path = tmp_path / "example.yml"
    path.write_text(block, encoding="utf-8")
    problems: list[Problem] = []
    loaded = load_file(path, _KIND_MODELS[match.group(1)], problems)
    assert problems == []
    assert loaded is not None


def test_readme_content_examples_make_a_domain_that_passes_check(tmp_path: Path) -> None:
    """The topic, question, table and tree examples fit together, cross-references too."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", data)
    shutil.rmtree(data / "domain-1")
    shutil.rmtree(data / "domain-2")
    blocks = readme_yaml_blocks()
    domain = data / "domain-4"
    domain.mkdir()
    exam = (data / "exam.yml").read_text(encoding="utf-8")
    (data / "exam.yml").write_text(
        exam.replace("  - number: 2\n    title: Advanced things", "  - number: 4\n    title: Ops")
    )
    (domain / "domain.yml").write_text(next(b for b in blocks if "domain.schema" in b))
    for i, block in enumerate(b for b in blocks if "content.schema" in b):
        (domain / f"part-{i}.yml").write_text(block)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--data", str(data), "check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "ok: 1 domains, 1 topics, 1 questions\n"


def test_a_sample_of_every_question_type_is_valid_for_the_schema_and_the_check(
    tmp_path: Path,
) -> None:
    """The reference's examples (init's samples with every type) pass check-jsonschema and
    `check`; a wrong type, a nested case study and a number in quotes fail the schema."""
    from generator.authoring.scaffold import ALL_TYPES, init_exam
    from generator.checks import find_problems
    from generator.content.load import load_bank

    init_exam(tmp_path / "exam")
    questions = tmp_path / "exam" / "domain-1" / "questions.yml"
    questions.write_text(ALL_TYPES.format(n=1), encoding="utf-8")
    result = _validate("content.schema.json", questions)
    assert result.returncode == 0, result.stdout + result.stderr
    problems = find_problems(load_bank(tmp_path / "exam"))
    assert [str(p) for p in problems] == []
    for wrong, instead in (
        ("    type: true-false\n    topics", "    type: yes-no\n    topics"),
        ("    answer: 10\n", "    answer: '10'\n"),
        (
            "      - id: d1-case-growing-shop-now\n",
            "      - id: d1-case-growing-shop-now\n        type: case-study\n",
        ),
    ):
        bad = tmp_path / "bad.yml"
        bad.write_text(ALL_TYPES.format(n=1).replace(wrong, instead, 1), encoding="utf-8")
        assert _validate("content.schema.json", bad).returncode == 1, instead
