"""The synthetic bank used by the benchmark: deterministic, valid, of the size asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.checks import check_bank
from generator.commands import main
from generator.content.load import load_bank
from generator.content.model import Question
from generator.site.layout import build_site
from tests.support.synthetic import generate, shape_for

# Small enough to be quick, big enough for several domains, tables and trees.
QUESTIONS = 130
PER_TOPIC = 10
TOPICS_PER_DOMAIN = 6


def _generate(folder: Path) -> None:
    generate(folder, QUESTIONS, per_topic=PER_TOPIC, topics_per_domain=TOPICS_PER_DOMAIN)


@pytest.fixture(scope="module")
def bank_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic") / "data"
    _generate(folder)
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.yml"))}


def test_same_arguments_give_the_same_bytes(bank_dir: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    _generate(again)
    assert _files(again) == _files(bank_dir)


def test_layout_is_the_projects(bank_dir: Path) -> None:
    assert sorted(_files(bank_dir)) == [
        "domain-1/domain.yml",
        "domain-1/questions.yml",
        "domain-1/tables.yml",
        "domain-1/topics.yml",
        "domain-1/trees.yml",
        "domain-2/domain.yml",
        "domain-2/questions.yml",
        "domain-2/tables.yml",
        "domain-2/topics.yml",
        "domain-2/trees.yml",
        "domain-3/domain.yml",
        "domain-3/questions.yml",
        "domain-3/tables.yml",
        "domain-3/topics.yml",
        "domain-3/trees.yml",
        "exam.yml",
        "glossary.yml",
    ]


def test_the_cli_check_passes(bank_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data", str(bank_dir), "check"]) == 0
    out, err = capsys.readouterr()
    assert out == "ok: 3 domains, 13 topics, 130 questions\n"
    assert "error" not in err


def test_sizes_are_as_asked(bank_dir: Path) -> None:
    bank = load_bank(bank_dir)
    check_bank(bank)  # raises DataError on any error
    assert [len(d.topics) for d in bank.domains] == [6, 6, 1]
    assert sum(len(d.questions) for d in bank.domains) == QUESTIONS
    assert [len(d.tables) for d in bank.domains] == [2, 2, 1]
    assert [len(d.trees) for d in bank.domains] == [1, 1, 1]
    assert sum(d.weight for d in bank.exam.domains) == 100
    assert len(bank.glossary.terms) == 40
    site = build_site(bank)
    per_topic = [len(site.questions_for(t.id)) for d in bank.domains for t in d.topics]
    assert min(per_topic) >= PER_TOPIC  # ten of its own, plus some that also test it
    kinds = [q.choose for d in bank.domains for q in d.questions if isinstance(q, Question)]
    assert kinds.count(2) == QUESTIONS // 10


def test_default_shape_is_fifty_questions_a_topic() -> None:
    assert shape_for(1_000) == shape_for(1_000, 50, 20)
    big = shape_for(10_000)
    assert (big.questions, big.topics, big.domains) == (10_000, 200, 10)
    small = shape_for(1_000)
    assert (small.topics, small.domains) == (20, 1)
    assert sum(big.questions_of(t) for t in range(big.topics)) == 10_000


def test_questions_for_keeps_bank_order(bank_dir: Path) -> None:
    bank = load_bank(bank_dir)
    site = build_site(bank)
    everything = [q for d in bank.domains for q in d.questions]
    for topic in (t for d in bank.domains for t in d.topics):
        expected = [q for q in everything if topic.id in q.topics]
        assert site.questions_for(topic.id) == expected
    assert site.questions_for("no-such-topic") == []
