"""The import command: a new content file, refusals, dry runs, and updating an earlier import."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.commands import main
from generator.errors import DataError
from generator.formats import Draft, DraftNumber, Skipped, formats
from generator.formats.importer import (
    as_known_type,
    import_file,
    model_types,
    read_source,
    target_name,
)
from tests.support.formats_helpers import all_questions_of, data_copy, questions_of

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
    return [q.id for q in all_questions_of(data) if (q.source or "").startswith("gift:")]


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
    assert "wrote new file data/domain-4/imported-iam-bank.yml: 4 questions from bank.gift" in out
    assert out.endswith("4 imported, 0 not imported\n")
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
    assert "    type: true-false\n" in text and "    answer: true\n" in text
    capsys.readouterr()
    assert run(data, "check") == 0
    assert (
        "warning: data/domain-4/imported-iam-bank.yml:7: questions: 2 options in 2 questions "
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
        "how-many-regions-are-there",
    ]
    corrected = BANK.replace("Which policy gives", "Which IAM policy gives").replace(
        "S3 encrypts new objects by default.{T}\n", ""
    )
    write_bank(tmp_path, corrected)
    capsys.readouterr()
    assert run(data, *import_args(bank)) == 0
    out = capsys.readouterr().out
    assert "updated data/domain-4/imported-iam-bank.yml: 3 questions from bank.gift" in out
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
    err = capsys.readouterr().err
    assert "domain 4 has no topic 'nope' (its topics: " in err
    assert "deployment-options, " in err
    assert run(data, "import", "gift", str(bank), "--domain", "9", "--topic", "iam") == 1
    assert "domain 9 has no folder with a domain.yml (domains: 4)" in capsys.readouterr().err


def test_a_broken_question_is_listed_and_the_others_imported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path, "Fine?{=a ~b}\n\nBroken?{=a ~b\n")
    assert run(data, *import_args(bank)) == 0
    out = capsys.readouterr().out
    assert (
        "  bank.gift:3: unreadable: Broken?: unclosed '{' at line 3: the answers that start "
        "there have no closing '}' (a blank line ends a question; write \\{ for a literal brace)"
    ) in out
    assert out.endswith("1 imported, 1 not imported\n")
    assert imported(data) == ["fine"]


def test_a_source_that_is_not_utf8_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    latin = tmp_path / "latin.gift"
    latin.write_bytes("Caf\xe9?{=a ~b}".encode("latin-1"))
    assert run(data, "import", "gift", str(latin), "--domain", "4", "--topic", "iam") == 1
    assert "the file is not UTF-8 text (invalid continuation byte at byte 3)" in (
        capsys.readouterr().err
    )
    assert not list((data / "domain-4").glob("imported-*"))


def test_a_question_the_check_rejects_is_listed_with_the_checks_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    csv_bank = write_bank(
        tmp_path,
        "stem,topics,option_1,option_2,correct\nFine?,iam,a,b,A\nSame options?,iam,a,A,A\n",
        "bank.csv",
    )
    assert run(data, "import", "csv", str(csv_bank), "--domain", "4", "--topic", "iam") == 0
    out = capsys.readouterr().out
    assert "  bank.csv:3: row 3: choice: Same options?: same text as option 0" in out
    assert out.endswith("1 imported, 1 not imported\n")
    assert [q.id for q in questions_of(data) if (q.source or "").startswith("csv:")] == ["fine"]
    assert run(data, "check") == 0


def test_imported_file_reads_as_plain_yaml(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, *import_args(bank)) == 0
    loaded = yaml.safe_load((data / "domain-4" / TARGET).read_text(encoding="utf-8"))
    assert [q["id"] for q in loaded["questions"]] == [
        "least-privilege",
        "which-two-encrypt-data-at-rest",
        "s3-encrypts-new-objects-by-default",
        "how-many-regions-are-there",
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
    # The page's own module scripts (its comparison table's) are not the imported text.
    page = re.sub(
        r'<script src="(?:\.\./)*assets/studysite-[a-z-]+\.min\.js" defer></script>', "", page
    )
    # HTML is reduced on the way in (scripts dropped with their content), in every format.
    assert "Safe <strong>bold</strong>?" in " ".join(page.split())
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
    bank = write_bank(tmp_path, "Discuss.{}\n\nWrite about it.{}\n")
    assert run(data, *import_args(bank)) == 1
    assert (
        "bank.gift: no question to import: 0 imported, 2 not imported (2 essay); nothing "
        "was written; line 1: essay: an essay needs a person to grade it"
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


# ---- every question counted, listed or imported ---------------------------------------------

EVERY_TYPE = """$CATEGORY: $course$/top/iam

::Choice::Which one?{=right ~wrong}

::TF::S3 encrypts new objects by default.{TRUE#No: it does.#Yes.}

::Short::Which API action invokes an endpoint?{=InvokeEndpoint#Right. =invoke_endpoint}

::Numeric::Largest payload in MB?{#=6:0 =%50%5}

::Matching::Classify.{=frog -> amphibian =newt -> amphibian =cat -> mammal = -> insect}

::Ordering::Put in order.{>3 ALL VERTICAL ALL_OR_NOTHING SHOW 123
Capture
Baseline
Schedule
}

::Essay::Discuss.{}
"""


def test_the_report_lists_partial_credit_and_ends_with_the_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path, "Pick.{~wrong ~%50%half =full}\n\nEssay.{}\n\n::TF::True?{T}\n")
    assert run(data, *import_args(bank)) == 0
    out = capsys.readouterr().out
    assert (
        "partial credit (1): scored all or nothing here, so these answers count as wrong or "
        "are not accepted:\n  bank.gift:1: pick: 'half' (50%)\n"
    ) in out
    assert (
        "  bank.gift:3: essay: Essay.: an essay needs a person to grade it; this site has no "
        "such type\n"
    ) in out
    assert out.endswith("2 imported, 1 not imported\n")


def test_a_type_the_model_lacks_is_listed_and_true_false_falls_back_to_choice() -> None:
    """as_known_type: what an import does with a type the model does not have."""
    numeric = Draft(3, "N", "How many?", type="numeric", numbers=[DraftNumber(6)])
    skipped = as_known_type(numeric, frozenset({"choice"}))
    assert isinstance(skipped, Skipped) and skipped.kind == "numeric"
    tf = as_known_type(
        Draft(1, "TF", "It is.", type="true-false", answer=True), frozenset({"choice"})
    )
    assert isinstance(tf, Draft) and tf.type == "choice"
    assert ([o.text for o in tf.options], tf.shuffle) == (["True", "False"], False)


def test_the_model_knows_every_type_a_reader_writes() -> None:
    assert model_types() == frozenset(
        {"choice", "true-false", "ordering", "matching", "numeric", "short-answer"}
    )


def test_every_type_is_written_as_the_spec_says_and_passes_the_check(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    report = import_file("gift", write_bank(tmp_path, EVERY_TYPE), data, 4, "iam")
    assert report.summary == "6 imported, 1 not imported"
    text = (data / "domain-4" / TARGET).read_text(encoding="utf-8")
    assert "    type: matching\n" in text and "    type: ordering\n" in text
    assert main(["--data", str(data), "check"]) == 0


def test_the_model_knows_choice_questions() -> None:
    assert "choice" in model_types()


# ---- hostile and huge sources ------------------------------------------------------------------


def test_endless_input_stops_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(DataError) as caught:
        read_source(Path("/dev/zero"))
    assert str(caught.value.problems[0]).endswith(
        "dev/zero: the file is larger than 20 MB: an import reads at most that much; split "
        "the bank into smaller files"
    )


def test_a_50_mb_file_stops_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    big = tmp_path / "big.gift"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    assert run(data, *import_args(big)) == 1
    assert "big.gift: the file is larger than 20 MB" in capsys.readouterr().err
    assert not list((data / "domain-4").glob("imported-*"))


@pytest.mark.parametrize("fmt", ["gift", "aiken", "moodle-xml", "csv"])
def test_every_reader_bounds_its_input(fmt: str) -> None:
    read = formats()[fmt].read
    assert read is not None
    with pytest.raises(DataError, match="larger than 20 MB"):
        list(read("x" * (20 * 1024 * 1024 + 1), "huge"))


def test_a_hostile_file_name_gives_a_safe_output_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path, BANK, "..%2f..%2fevil name;rm -rf ~.gift")
    assert target_name("iam", bank) == "imported-iam-2f-2fevil-name-rm-rf.yml"
    assert run(data, *import_args(bank)) == 0
    written = list((data / "domain-4").glob("imported-*"))
    assert [p.name for p in written] == ["imported-iam-2f-2fevil-name-rm-rf.yml"]
    text = written[0].read_text(encoding="utf-8")
    # The command in the comment quotes the name for a shell.
    assert (
        "#   python -m generator import gift '..%2f..%2fevil name;rm -rf ~.gift' --domain" in text
    )
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".yml") == []
    assert target_name("iam", Path("....gift")) == "imported-iam-question.yml"


def test_a_line_break_in_a_file_name_stays_in_the_comment(tmp_path: Path) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path, BANK, "two\nlines: [x].gift")
    report = import_file("gift", bank, data, 4, "iam")
    assert report.written
    assert "python -m generator import gift 'two?lines: [x].gift'" in report.text
    assert yaml.safe_load(report.text)["questions"][0]["id"] == "least-privilege"


def test_reader_options_belong_to_their_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, *import_args(bank, "--preset", "kahoot")) == 1
    assert (
        "--preset: not an option of the gift format (its options: none)" in capsys.readouterr().err
    )
    csv_bank = write_bank(tmp_path, "Q,Options,Answer\nWhich?,a; b,b\n", "bank.csv")
    args = ["import", "csv", str(csv_bank), "--domain", "4", "--topic", "iam"]
    assert run(data, *args, "--columns", "question=Q,options=Options,answer=Answer") == 0
    assert capsys.readouterr().out.endswith("1 imported, 0 not imported\n")


def test_reimporting_over_an_edited_file_is_refused_with_how_to_proceed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 34: a second import replaced the author's edits to the file without a word."""
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, *import_args(bank)) == 0
    path = data / "domain-4" / TARGET
    written = path.read_text(encoding="utf-8")
    assert "\n# import fingerprint: " in written
    # Unchanged: the import updates it as before (the same text again).
    assert run(data, *import_args(bank)) == 0
    assert path.read_text(encoding="utf-8") == written
    edited = written.replace("Far too broad.", "Far too broad, it allows every action.")
    path.write_text(edited, encoding="utf-8")
    capsys.readouterr()
    for dry in ((), ("--dry-run",)):
        assert run(data, *import_args(bank, *dry)) == 1
        err = capsys.readouterr().err
        assert (
            "data/domain-4/imported-iam-bank.yml: was edited since bank.gift was last imported "
            "into it, and importing again would replace those edits; nothing was written. To "
            "keep them, rename the file"
        ) in err, err
        assert path.read_text(encoding="utf-8") == edited
    # Renamed, the edits stay and the next import writes a new file beside it.
    path.rename(path.with_name("iam-edited.yml"))
    write_bank(tmp_path, BANK.replace("How many regions are there?{#33}\n", ""))
    assert run(data, *import_args(bank)) == 0
    assert "Far too broad, it allows every action." in (
        data / "domain-4" / "iam-edited.yml"
    ).read_text(encoding="utf-8")


def test_a_file_an_earlier_version_imported_without_a_fingerprint_is_updated(
    tmp_path: Path,
) -> None:
    data = data_copy(tmp_path)
    bank = write_bank(tmp_path)
    assert run(data, *import_args(bank)) == 0
    path = data / "domain-4" / TARGET
    old = "".join(
        line
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
        if not line.startswith("# import fingerprint: ")
    )
    path.write_text(old, encoding="utf-8")
    assert run(data, *import_args(bank)) == 0
    assert "# import fingerprint: " in path.read_text(encoding="utf-8")
