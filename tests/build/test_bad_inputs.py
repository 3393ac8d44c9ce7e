"""Every bad input stops the build with an exact message and leaves the output alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.commands import main
from tests.support.project import FIXTURES

# (name, file under the data folder, text to find, replacement, expected messages)
CASES: list[tuple[str, str, str, str, list[str]]] = [
    (
        "yaml-syntax",
        "domain-1/content.yml",
        "    stem: Which processor suits matrix maths?",
        "    stem: [unclosed",
        [
            "data/domain-1/content.yml:73: YAML syntax error: while parsing a flow sequence: did not find expected ',' or ']'"
        ],
    ),
    (
        "missing-field",
        "domain-1/content.yml",
        "    stem: Where does data live while the CPU works on it?\n",
        "",
        ["data/domain-1/content.yml:92: questions[2].stem: missing required field 'stem'"],
    ),
    (
        "wrong-type",
        "domain-1/content.yml",
        "    choose: 2",
        "    choose: two",
        [
            "data/domain-1/content.yml:82: questions[1].choose: expected a valid integer, found 'two'"
        ],
    ),
    (
        "unknown-topic",
        "domain-1/content.yml",
        "    topics: [memory]",
        "    topics: [memroy]",
        [
            "data/domain-1/content.yml:93: questions[2].topics[0]: unknown topic 'memroy'; known: cables, disks, memory, processors"
        ],
    ),
    (
        "duplicate-id",
        "domain-1/content.yml",
        "  - id: q-mem",
        "  - id: q-gpu",
        [
            "data/domain-1/content.yml:92: questions[2].id: duplicate question id 'q-gpu' (first defined at data/domain-1/content.yml:70)"
        ],
    ),
    (
        "choose-two-one-correct",
        "domain-1/content.yml",
        "      - text: GPU\n        correct: true\n        why: Graphics",
        "      - text: GPU\n        why: Graphics",
        [
            "data/domain-1/content.yml:83: questions[1].options: expected exactly 2 correct options for a 'choose 2' question, found 1"
        ],
    ),
    (
        "single-two-correct",
        "domain-1/content.yml",
        "      - text: CPU\n        why: It has few cores.",
        "      - text: CPU\n        correct: true\n        why: It has few cores.",
        [
            "data/domain-1/content.yml:73: questions[0].options: expected exactly one correct option for a single-answer question, found 2"
        ],
    ),
    (
        "tree-loop",
        "domain-1/content.yml",
        '          - label: "No"\n            next: cpu',
        '          - label: "No"\n            next: again\n      - id: again\n        question: Sure?\n        choices:\n          - label: "Yes"\n            next: parallel\n          - label: "No"\n            next: cpu',
        [
            "data/domain-1/content.yml:58: trees[0].nodes[1]: the tree loops: parallel -> again -> parallel (every path must end at an outcome)"
        ],
    ),
    (
        "unreachable-node",
        "domain-1/content.yml",
        "    outcomes:\n      - id: gpu",
        '      - id: orphan\n        question: Lost?\n        choices:\n          - label: "Yes"\n            next: gpu\n          - label: "No"\n            next: cpu\n    outcomes:\n      - id: gpu',
        [
            "data/domain-1/content.yml:58: trees[0].nodes[1]: 'orphan' cannot be reached from the start node 'parallel'"
        ],
    ),
    (
        "outcome-missing-topic",
        "domain-1/content.yml",
        "        why: It runs thousands of threads.\n        topic: processors",
        "        why: It runs thousands of threads.\n        topic: graphics",
        [
            "data/domain-1/content.yml:62: trees[0].outcomes[0].topic: unknown topic 'graphics'; known: cables, disks, memory, processors"
        ],
    ),
    (
        "empty-options",
        "domain-1/content.yml",
        "    difficulty: easy\n    options:\n      - text: In memory\n        correct: true\n        why: Memory holds working data.\n      - text: In the GPU fan\n        why: A fan cools.",
        "    difficulty: easy\n    options: []",
        [
            "data/domain-1/content.yml:96: questions[2].options: expected at least 2 options, found 0"
        ],
    ),
    (
        "option-with-empty-why",
        "domain-1/content.yml",
        "      - text: In the GPU fan\n        why: A fan cools.",
        "      - text: In the GPU fan\n        why: ''",
        [
            "data/domain-1/content.yml:101: questions[2].options[1].why: expected non-empty text, found ''"
        ],
    ),
    (
        "unknown-table",
        "domain-1/content.yml",
        "      - table: processors",
        "      - table: procesors",
        [
            "data/domain-1/content.yml:14: topics[0].blocks[3].table: unknown table 'procesors'; known: processors"
        ],
    ),
    (
        "unknown-field",
        "domain-1/content.yml",
        "    difficulty: easy",
        "    dificulty: easy",
        [
            "data/domain-1/content.yml:95: questions[2].dificulty: unknown field 'dificulty'; did you mean 'difficulty'?"
        ],
    ),
    (
        "yesno-cell-type",
        "domain-1/content.yml",
        "cells: {parallel: false,",
        "cells: {parallel: maybe,",
        [
            "data/domain-1/content.yml:41: tables[0].items[0].cells.parallel: expected true or false for a yes/no column, found 'maybe'"
        ],
    ),
    (
        "missing-cell",
        "domain-1/content.yml",
        "cells: {parallel: true, cores: 5000, use: Matrix maths}",
        "cells: {parallel: true, use: Matrix maths}",
        [
            "data/domain-1/content.yml:45: tables[0].items[1].cells: missing cell 'cores' (Typical cores)"
        ],
    ),
    (
        "duplicate-key",
        "domain-1/content.yml",
        "    difficulty: easy",
        "    difficulty: easy\n    difficulty: hard",
        ["data/domain-1/content.yml:96: difficulty: duplicate key 'difficulty' (first on line 95)"],
    ),
    (
        "domain-not-in-blueprint",
        "domain-1/domain.yml",
        "number: 1",
        "number: 3",
        [
            "data/domain-1/domain.yml:2: number: domain 3 is not in the exam blueprint (domains 1, 2)"
        ],
    ),
    (
        "weights-not-100",
        "exam.yml",
        "    weight: 40",
        "    weight: 30",
        ["data/exam.yml:17: domains: expected domain weights that add up to 100, found 90"],
    ),
    (
        "bad-id",
        "domain-1/content.yml",
        "  - id: q-gpu",
        "  - id: Q GPU",
        [
            "data/domain-1/content.yml:70: questions[0].id: expected an id of lowercase letters, digits and hyphens, found 'Q GPU'"
        ],
    ),
    (
        "choice-to-nowhere",
        "domain-1/content.yml",
        "            next: gpu",
        "            next: tpu",
        [
            "data/domain-1/content.yml:55: trees[0].nodes[0].choices[0].next: unknown node or outcome 'tpu'; known: cpu, gpu, parallel",
            "data/domain-1/content.yml:59: trees[0].outcomes[0]: 'gpu' cannot be reached from the start node 'parallel'",
        ],
    ),
    (
        "bad-difficulty",
        "domain-1/content.yml",
        "    difficulty: easy",
        "    difficulty: trivial",
        [
            "data/domain-1/content.yml:95: questions[2].difficulty: expected one of 'easy', 'medium' or 'hard', found 'trivial'"
        ],
    ),
    (
        "not-a-mapping",
        "glossary.yml",
        "terms:",
        "- terms:",
        ["data/glossary.yml:1: expected a mapping with the keys terms, found a list of 1 item"],
    ),
]


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A good data folder, already built once into docs/."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert main(["-q", "build"]) == 0
    return tmp_path


@pytest.mark.parametrize(
    ("name", "file", "old", "new", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_input_is_reported_and_nothing_is_written(
    workspace: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    file: str,
    old: str,
    new: str,
    expected: list[str],
) -> None:
    target = workspace / "data" / file
    text = target.read_text()
    assert old in text, f"case {name} no longer matches the fixture"
    target.write_text(text.replace(old, new, 1))
    before = _snapshot(workspace / "docs")
    capsys.readouterr()

    assert main(["build"]) == 1

    err = capsys.readouterr().err
    count = len(expected)
    noun = "problem" if count == 1 else "problems"
    assert err.splitlines() == [
        f"error: {count} {noun} in the study data; nothing was written:",
        *(f"  {line}" for line in expected),
    ]
    assert _snapshot(workspace / "docs") == before


def test_check_reports_every_problem_at_once(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = workspace / "data" / "domain-1" / "content.yml"
    content.write_text(content.read_text().replace("    choose: 2", "    choose: two"))
    exam = workspace / "data" / "exam.yml"
    exam.write_text(exam.read_text().replace("minutes: 30", "minutes: half an hour"))
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "error: 2 problems in the study data; nothing was written:",
        "  data/domain-1/content.yml:82: questions[1].choose: expected a valid integer, found 'two'",
        "  data/exam.yml:9: minutes: expected a valid integer, found 'half an hour'",
    ]


def test_check_passes_good_data_and_prints_warnings(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out == "ok: 2 domains, 4 topics, 12 questions\n"
    assert (
        "warning: data/domain-1/content.yml:3: topics[0]: topic 'processors' has 2 self-check questions; "
        "aim for at least 3" in err
    )


def test_missing_exam_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "data").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert (
        "data/exam.yml: missing: every data folder needs an exam blueprint"
        in capsys.readouterr().err
    )
