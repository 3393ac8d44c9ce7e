"""Real banks nobody here wrote: every question imported or listed, N + M = questions in the file.

The banks come from ``../shared/banks/``, the git-ignored ``tests/fixtures/banks/`` (see its
README.md) and the ``amc2moodle`` package's own test data; a test whose bank is absent
skips, naming the folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.errors import DataError
from generator.formats import Draft, Skipped
from generator.formats.importer import import_file
from tests.support.formats_helpers import data_copy
from tests.support.real_banks import BANKS, RealBank, locate, read_bank, run_import

IDS = [Path(b.file).name for b in BANKS]


@pytest.mark.parametrize("bank", BANKS, ids=IDS)
def test_every_question_is_read_or_listed_with_a_reason(bank: RealBank) -> None:
    items = read_bank(bank, locate(bank))
    drafts = [i for i in items if isinstance(i, Draft)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert (len(drafts) + len(skipped), len(drafts)) == (bank.questions, bank.read)
    for item in skipped:
        assert item.line > 0 and item.reason and item.kind, item


@pytest.mark.parametrize("bank", BANKS, ids=IDS)
def test_an_import_lists_what_it_does_not_write(bank: RealBank, tmp_path: Path) -> None:
    """Today: N imported + M not imported = the questions in the file, through the check."""
    path = locate(bank)
    data = data_copy(tmp_path)
    try:
        report = import_file(bank.format, path, data, 4, bank.topic, options=bank.options)
    except DataError as error:  # a bank with nothing the model knows yet
        assert "no question to import: 0 imported, " in str(error)
        assert f"0 imported, {bank.questions} not imported" in str(error)
        return
    assert len(report.imported) + len(report.skipped) == bank.questions
    assert report.summary == f"{len(report.imported)} imported, {len(report.skipped)} not imported"


@pytest.fixture(scope="module")
def bundled_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the bundled data for the dry runs (they write nothing)."""
    return data_copy(tmp_path_factory.mktemp("banks"))


@pytest.mark.parametrize("bank", BANKS, ids=IDS)
def test_the_import_command_ends_with_the_count(bank: RealBank, bundled_copy: Path) -> None:
    """The report's last line is "N imported, M not imported", N + M the questions in the file,
    also when nothing can be imported (the command then fails, having listed every reason)."""
    run = run_import(bank, locate(bank), bundled_copy)
    imported, skipped = run.counts
    assert imported + skipped == bank.questions
    assert imported == bank.read
    assert len(run.not_imported) == skipped
    assert run.code == (0 if imported else 1)


def test_with_every_type_in_the_model_every_read_question_is_imported(tmp_path: Path) -> None:
    bank = next(b for b in BANKS if b.file == "moodle-gift-fixture.txt")
    data = data_copy(tmp_path)
    report = import_file(bank.format, locate(bank), data, 4, bank.topic)
    assert (len(report.imported), len(report.skipped)) == (bank.read, bank.questions - bank.read)


GIFT = [b for b in BANKS if b.format == "gift"]
_LEAKS = re.compile(r"\$CATEGORY|^\s*//|::[^:\n]+::", re.MULTILINE)


@pytest.mark.parametrize("bank", GIFT, ids=[b.file for b in GIFT])
def test_categories_names_and_comments_never_reach_a_stem(bank: RealBank) -> None:
    for item in read_bank(bank, locate(bank)):
        if isinstance(item, Draft):
            texts = [item.stem, item.explanation or ""]
            texts += [o.text for o in item.options] + [o.why or "" for o in item.options]
            for text in texts:
                assert not _LEAKS.search(text), (item.line, text)


def test_the_hand_written_gift_bank_with_glued_questions() -> None:
    bank = next(b for b in BANKS if b.file == "guestquiz-readme-louv23x.gift")
    items = read_bank(bank, locate(bank))
    by_line = {i.line: i for i in items}
    # Q5 starts right after the line holding Q4's "}", Q8 right after Q7's "/*" line.
    q5, q8 = by_line[26], by_line[40]
    assert isinstance(q5, Draft) and (q5.name, q5.type) == ("Q5", "numeric")
    assert q5.notes == [
        "no blank line between this question and the one at line 24: read as two questions "
        "(add a blank line)"
    ]
    assert isinstance(q8, Skipped) and (q8.kind, q8.name) == ("essay", "Q8")
    assert isinstance(by_line[23], Skipped) and by_line[23].kind == "description"
    category = "$course$/top/Défaut pour Louv23x/Module 2"
    exported = [i for i in items if isinstance(i, Draft) and i.line > 47]
    assert len(exported) == 31 and {d.category for d in exported} == {category}
    # Partial credit kept out of the score, listed.
    assert by_line[34].partial_credit == ["'1822:2' (50%)"]  # type: ignore[union-attr]
