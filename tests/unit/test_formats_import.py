"""The import command: a new content file, refusals, dry runs, and updating an earlier import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.commands import main
from tests.support.formats_helpers import data_copy, questions_of

BANK = """// A small bank.
$CATEGORY: mls/iam

::Least privilege::Which policy gives a role only what it needs?{
  =One that allows the listed actions on the listed resources#Least privilege.
  ~AdministratorAccess#Far too broad.
  ~A policy with "Action": "*"
}

Which two encrypt data at rest?{
  ~%50%SSE-KMS#Server-side, with KMS keys.
  ~%50%SSE-S3
  ~%-100%TLS#In transit only.
  ####Both are server-side encryption options.
}

S3 encrypts new objects by default.{T}

How many regions are there?{#33}
"""

TARGET = "imported-iam-bank.yml"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Paths in messages are relative to the working folder: keep them short.
    monkeypatch.chdir(tmp_path)


def imported(data: Path) -> list[str]:
    return [q.id for q in questions_of(data) if (q.source or "").startswith("gift:")]


def run(data: Path, *args: str) -> int:
    return main(["--data", str(data), *args])


def write_bank(folder: Path, text: str = BANK, name: str = "bank.gift") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def import_args(bank: Path, *extra: str) -> list[str]:
    return ["import", "gift", str(bank), "--domain", "4", "--topic", "iam", *extra]


def test_import_writes_a_new_file_in_the_hand_written_style(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, *import_args(bank)) == 0
    out = capsys.readouterr().out
    path = data / "domain-4" / TARGET
    assert "wrote new file data/domain-4/imported-iam-bank.yml: 3 questions from bank.gift" in out
    assert "  bank.gift:19: numerical: How many regions are there?" in out
    assert path.is_file()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Imported from bank.gift (Moodle GIFT) by\n")
    assert (
        "questions:\n"
        "  - id: least-privilege\n"
        "    topics: [iam]\n"
        "    source: gift:bank.gift#Least privilege\n"
        "    stem: Which policy gives a role only what it needs?\n"
        "    options:\n"
        "      - text: One that allows the listed actions on the listed resources\n"
        "        correct: true\n"
        "        why: Least privilege.\n"
        "      - text: AdministratorAccess\n"
        "        why: Far too broad.\n"
        # Moodle's default text format is not Markdown: its "*" is escaped for Markdown.
        '      - text: \'A policy with "Action": "\\*"\'\n'
    ) in text
    assert "    choose: 2\n" in text
    assert "    explanation: Both are server-side encryption options.\n" in text
    assert "    shuffle: false\n" in text
    capsys.readouterr()
    assert run(data, "check") == 0
    assert (
        "warning: data/domain-4/imported-iam-bank.yml:6: questions: 4 options in 3 questions "
        "have no explanation ('why'); learners see \"No explanation given\""
    ) in capsys.readouterr().err
    two = next(q for q in questions_of(data) if q.id == "which-two-encrypt-data-at-rest")
    assert [o.correct for o in two.options] == [True, True, False]
    assert two.options[1].why is None


def test_dry_run_prints_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, *import_args(bank, "--dry-run")) == 0
    out = capsys.readouterr().out
    assert not (data / "domain-4" / TARGET).exists()
    assert "  - id: least-privilege\n" in out
    assert "# dry run: nothing written" in out
    assert "would write new file" in out


def test_an_existing_file_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    mine = data / "domain-4" / TARGET
    mine.write_text("questions: []\n", encoding="utf-8")
    assert run(data, *import_args(bank)) == 1
    err = capsys.readouterr().err
    assert (
        "data/domain-4/imported-iam-bank.yml: already exists and was not written by importing "
        "bank.gift into topic 'iam'; nothing was written (move or rename that file)"
    ) in err
    assert mine.read_text(encoding="utf-8") == "questions: []\n"


def test_reimporting_a_corrected_source_updates_the_same_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, *import_args(bank)) == 0
    first = {q.source: q.id for q in questions_of(data) if q.source}
    assert imported(data) == [
        "least-privilege",
        "which-two-encrypt-data-at-rest",
        "s3-encrypts-new-objects-by-default",
    ]
    corrected = BANK.replace("Which policy gives", "Which IAM policy gives").replace(
        "S3 encrypts new objects by default.{T}\n", ""
    )
    write_bank(tmp_path, corrected)
    capsys.readouterr()
    assert run(data, *import_args(bank)) == 0
    out = capsys.readouterr().out
    assert "updated data/domain-4/imported-iam-bank.yml: 2 questions from bank.gift" in out
    assert "no longer in the source, removed: s3-encrypts-new-objects-by-default" in out
    files = sorted(p.name for p in (data / "domain-4").glob("imported-*"))
    assert files == [TARGET]
    second = {q.source: q.id for q in questions_of(data) if q.source}
    # The named question kept its id though its text changed; nothing was duplicated.
    assert second["gift:bank.gift#Least privilege"] == first["gift:bank.gift#Least privilege"]
    ids = [q.id for q in questions_of(data)]
    assert len(ids) == len(set(ids))
    updated = next(q for q in questions_of(data) if q.id == "least-privilege")
    assert updated.stem == "Which IAM policy gives a role only what it needs?"
    assert run(data, "check") == 0


def test_repeated_names_get_unique_ids_that_do_not_clash_with_the_bank(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    existing = questions_of(data)[0].id
    bank = write_bank(
        tmp_path,
        f"::{existing}::Copy?{{=a ~b}}\n\nSame?{{=a ~b}}\n\nSame?{{=c ~d}}\n",
    )
    assert run(data, *import_args(bank)) == 0
    assert imported(data) == [f"{existing}-2", "same", "same-2"]
    assert run(data, *import_args(bank)) == 0
    assert imported(data) == [f"{existing}-2", "same", "same-2"]


def test_unknown_topic_or_domain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, "import", "gift", str(bank), "--domain", "4", "--topic", "nope") == 1
    assert (
        "domain 4 has no topic 'nope' (its topics: deployment-options," in capsys.readouterr().err
    )
    assert run(data, "import", "gift", str(bank), "--domain", "9", "--topic", "iam") == 1
    assert "domain 9 has no folder with a domain.yml (domains: 4)" in capsys.readouterr().err


def test_bad_source_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path, "Fine?{=a ~b}\n\nBroken?{=a ~b\n")
    assert run(data, *import_args(bank)) == 1
    err = capsys.readouterr().err
    assert "1 problem in the study data; nothing was written" in err
    assert "  bank.gift:3: unclosed '{'" in err
    assert not (data / "domain-4" / TARGET).exists()
    latin = write_bank(tmp_path, "Caf\xe9?{=a ~b}", "latin.gift")
    latin.write_bytes("Caf\xe9?{=a ~b}".encode("latin-1"))
    assert run(data, "import", "gift", str(latin), "--domain", "4", "--topic", "iam") == 1
    assert "the file is not UTF-8 text (invalid continuation byte at byte 3)" in (
        capsys.readouterr().err
    )


def test_a_question_the_check_rejects_is_placed_in_the_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    csv_bank = write_bank(
        tmp_path,
        "stem,topics,option_1,option_2,correct\nFine?,iam,a,b,A\nSame options?,iam,a,A,A\n",
        "bank.csv",
    )
    assert run(data, "import", "csv", str(csv_bank), "--domain", "4", "--topic", "iam") == 1
    err = capsys.readouterr().err
    assert "  bank.csv:3: row 3: same text as option 0" in err
    assert not list((data / "domain-4").glob("imported-*"))


def test_imported_file_reads_as_plain_yaml(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, *import_args(bank)) == 0
    loaded = yaml.safe_load((data / "domain-4" / TARGET).read_text(encoding="utf-8"))
    assert [q["id"] for q in loaded["questions"]] == [
        "least-privilege",
        "which-two-encrypt-data-at-rest",
        "s3-encrypts-new-objects-by-default",
    ]


def test_imported_text_cannot_run_script_on_the_site(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(
        tmp_path,
        "[markdown]Safe <script>alert(1)</script> **bold**?{\n"
        # GIFT needs "=" and ":" escaped inside answers.
        "  =<img src\\=https\\://x.test/a.png onerror\\=alert(2)>"
        "#<a href\\=javascript\\:alert(3)>w</a>\n"
        "  ~plain}\n\n"
        "[html]<p onclick\\=alert(4)>Clicked <b>here</b><script>alert(5)</script>?</p>{=yes ~no}\n",
    )
    assert run(data, *import_args(bank)) == 0
    docs = tmp_path / "docs"
    assert run(data, "build", "--docs", str(docs)) == 0
    page = (docs / "domain-4" / "iam.md").read_text(encoding="utf-8")
    assert "Safe &lt;script&gt;alert&#40;1&#41;&lt;/script&gt; <strong>bold</strong>?" in page
    assert "Clicked <strong>here</strong>?" in page
    # The site's own module scripts aside (a page with a quiz loads the review schedule's).
    page = re.sub(r'<script src="[./]*assets/studysite-[a-z]+\.min\.js" defer></script>', "", page)
    for hostile in ("<script", "<img", "onerror=", "onclick", "javascript:"):
        assert hostile not in page


def test_export_refuses_a_folder_and_reports_an_unwritable_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    (tmp_path / "out").mkdir()
    assert run(data, "export", "csv", "--out", "out") == 2
    assert "error: out is a folder: name the file to write" in capsys.readouterr().err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert run(data, "export", "csv", "--out", "file/bank.csv") == 2
    assert "error: cannot write file/bank.csv: " in capsys.readouterr().err


def test_a_source_with_nothing_to_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path, "Who?{=no one}\n\nWhen?{#1822}\n\nWho else?{=nobody}\n")
    assert run(data, *import_args(bank)) == 1
    assert (
        "bank.gift: no multiple-choice, multiple-answer or true/false question to import "
        "(questions of other types: 1 numerical, 2 short answer); nothing was written"
    ) in capsys.readouterr().err
    assert not list((data / "domain-4").glob("imported-*"))


def test_a_file_with_topics_of_its_own_is_not_an_earlier_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, *import_args(bank)) == 0
    path = data / "domain-4" / TARGET
    edited = path.read_text(encoding="utf-8").replace(
        "questions:\n",
        "topics:\n  - id: extra-topic\n    title: Extra\n    summary: Added by hand.\n"
        "    blocks:\n      - prose: Some words.\nquestions:\n",
    )
    path.write_text(edited, encoding="utf-8")
    assert run(data, *import_args(bank)) == 1
    assert "already exists and was not written by importing bank.gift" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == edited
