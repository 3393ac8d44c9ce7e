"""Real question banks nobody on this project wrote, where the tests find them, and the import table.

Three places, none of them committed banks:

- ``../shared/banks/`` (Moodle's GIFT examples and import fixture), beside the repository;
- ``tests/fixtures/banks/`` (git-ignored; its README.md says which files go there, their
  sources and licences);
- the ``amc2moodle`` package from PyPI (test extra), which ships real Moodle XML exports as
  its own test data.

A test of a bank that is absent skips, naming the folder. ``python -m tests.support.real_banks``
prints the import table: for each bank, the questions in the file, how many the readers
import command reports as imported and not imported (a dry run into a copy of the bundled data),
and the reasons it gives for those not imported.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.commands import main
from generator.formats import Draft, Skipped, formats
from generator.formats.importer import read_source
from tests.support.project import FIXTURES, ROOT

FIXTURE_BANKS = FIXTURES / "banks"


@dataclass(frozen=True)
class RealBank:
    """A real bank and what its reading must give."""

    file: str
    format: str
    where: str
    """``shared``, ``fixtures`` or ``amc2moodle`` (a path inside that package)."""
    questions: int
    """Questions in the file: imported + not imported, always."""
    read: int
    """Questions the reader reads (the rest are reported); all of them are imported once the
    content model has every type."""
    options: dict[str, str] = field(default_factory=dict)
    topic: str = "deployment-options"


BANKS: tuple[RealBank, ...] = (
    RealBank("moodle-gift-examples.txt", "gift", "shared", 43, 43),
    RealBank("moodle-gift-fixture.txt", "gift", "shared", 9, 8),
    RealBank("moodle-gift-questions-in-category.txt", "gift", "fixtures", 4, 4),
    RealBank("guestquiz-readme-louv23x.gift", "gift", "fixtures", 43, 40),
    RealBank("moodle-xml-qtype-multichoice.xml", "moodle-xml", "fixtures", 1, 1),
    RealBank("moodle-xml-qtype-truefalse.xml", "moodle-xml", "fixtures", 1, 1),
    RealBank("moodle-xml-qtype-shortanswer.xml", "moodle-xml", "fixtures", 1, 1),
    RealBank("moodle-xml-qtype-match.xml", "moodle-xml", "fixtures", 1, 1),
    RealBank("moodle-xml-qtype-essay.xml", "moodle-xml", "fixtures", 1, 0),
    RealBank("moodle-xml-qtype-gapselect.xml", "moodle-xml", "fixtures", 1, 0),
    RealBank("moodle-xml-qtype-ddwtos.xml", "moodle-xml", "fixtures", 1, 0),
    RealBank("moodle-xml-format-multianswer.xml", "moodle-xml", "fixtures", 1, 0),
    RealBank("moodle-xml-format-old-image-tag.xml", "moodle-xml", "fixtures", 2, 1),
    RealBank("moodle-xml-format-nested-categories.xml", "moodle-xml", "fixtures", 5, 4),
    RealBank("qtype-ordering-testquestion.xml", "moodle-xml", "fixtures", 1, 1),
    RealBank("qtype-ordering-testoldquestion.xml", "moodle-xml", "fixtures", 1, 1),
    RealBank(
        "tests/payload_test_moodle2amc/moodle-bank-exemple.xml", "moodle-xml", "amc2moodle", 13, 9
    ),
    RealBank("tests/payload_test_amc2moodle/QCM.xml", "moodle-xml", "amc2moodle", 13, 8),
    RealBank("tests/payload_test_amc2moodle/numerical.xml", "moodle-xml", "amc2moodle", 5, 5),
    RealBank("tests/payload_test_amc2moodle/cleaning.xml", "moodle-xml", "amc2moodle", 1, 1),
    RealBank("moodle-aiken-questions.txt", "aiken", "fixtures", 2, 2),
    RealBank("moodle-aiken-errors.txt", "aiken", "fixtures", 5, 2),
    RealBank("qformat-csv-sample.csv", "csv", "fixtures", 10, 10, {"preset": "moodle-csv"}),
    RealBank(
        "qformat-csv-extended-sample.csv", "csv", "fixtures", 10, 10, {"preset": "moodle-csv"}
    ),
    RealBank(
        "kahoot-generator-output.derived.csv", "csv", "fixtures", 16, 16, {"preset": "kahoot"}
    ),
    RealBank(
        "kahoot-generator-input.csv",
        "csv",
        "fixtures",
        16,
        16,
        {
            "columns": "question=Question,option=Option 1,option=Option 2,option=Option 3,"
            "option=Option 4,answer=Correct Answer,explanation=Explanation"
        },
    ),
)


def shared_folder() -> Path | None:
    """``../shared/banks`` beside the repository or beside its main checkout, if present."""
    candidates = [ROOT.parent / "shared" / "banks"]
    common = subprocess.run(
        ["git", "rev-parse", "--path-format=absolute", "--git-common-dir"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if common.returncode == 0:  # a git worktree: beside the main checkout
        candidates.append(Path(common.stdout.strip()).parent.parent / "shared" / "banks")
    return next((c for c in candidates if c.is_dir()), None)


def amc2moodle_folder() -> Path | None:
    """The installed ``amc2moodle`` package's folder (its test data are real Moodle XML)."""
    spec = importlib.util.find_spec("amc2moodle")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def path_of(bank: RealBank) -> Path | None:
    """Where ``bank`` is on this machine, or None."""
    if bank.where == "shared":
        folder = shared_folder()
    elif bank.where == "amc2moodle":
        folder = amc2moodle_folder()
    else:
        folder = FIXTURE_BANKS
    path = folder / bank.file if folder is not None else None
    return path if path is not None and path.is_file() else None


def locate(bank: RealBank) -> Path:
    """Where ``bank`` is; skips the test, naming the folder, when it is absent."""
    path = path_of(bank)
    if path is not None:
        return path
    if bank.where == "shared":
        pytest.skip(f"no {bank.file} in the shared banks folder {ROOT.parent / 'shared' / 'banks'}")
    if bank.where == "amc2moodle":
        pytest.skip("the amc2moodle package is not installed (pip install -e '.[test]')")
    pytest.skip(f"no {bank.file} in {FIXTURE_BANKS} (see its README.md)")


def read_bank(bank: RealBank, path: Path) -> list[Draft | Skipped]:
    """Every question the reader gives for ``bank``."""
    read = formats()[bank.format].read
    assert read is not None
    return list(read(read_source(path), path.name, **bank.options))


SUMMARY = re.compile(r"^(\d+) imported, (\d+) not imported$")


@dataclass(frozen=True)
class CommandRun:
    """What ``python -m generator import --dry-run`` printed for a bank."""

    code: int
    stdout: str

    @property
    def last_line(self) -> str:
        lines = self.stdout.rstrip("\n").split("\n")
        return lines[-1] if lines else ""

    @property
    def counts(self) -> tuple[int, int]:
        """(imported, not imported) from the report's last line."""
        match = SUMMARY.match(self.last_line)
        assert match is not None, self.stdout[-2000:]
        return int(match.group(1)), int(match.group(2))

    @property
    def not_imported(self) -> list[str]:
        """``kind: reason`` of each question listed as not imported."""
        lines = self.stdout.split("\n")
        start = next((i for i, line in enumerate(lines) if line.startswith("not imported (")), None)
        if start is None:
            return []
        out = []
        for line in lines[start + 1 :]:
            if not line.startswith("  "):
                break
            # "  file:line: kind: name: reason" (the name may hold ": ", the kind does not)
            rest = line.strip().partition(": ")[2]
            kind, _, rest = rest.partition(": ")
            out.append(f"{kind}: {rest}")
        return out


def run_import(bank: RealBank, path: Path, data: Path) -> CommandRun:
    """The import command on ``bank`` (a dry run into ``data``), as a user runs it."""
    args = ["--data", str(data), "import", bank.format, str(path), "--domain", "4"]
    args += ["--topic", bank.topic, "--dry-run"]
    for key, value in bank.options.items():
        args += [f"--{key}", value]
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
        code = main(args)
    return CommandRun(code, printed.getvalue())


def _reasons(skipped: list[Skipped]) -> str:
    counts = Counter(f"{s.kind}: {s.reason}" for s in skipped)
    return "; ".join(f"{n} x {reason}" if n > 1 else reason for reason, n in counts.items())


def _short(reason: str) -> str:
    return reason if len(reason) <= 140 else reason[:137] + "..."


def table() -> str:
    """The import table (Markdown) of every bank present on this machine, from the import
    command's own report (a dry run into a copy of the bundled data)."""
    rows = [
        "| bank | format | questions in the file | imported | not imported | reasons (not imported) |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        shutil.copytree(ROOT / "data", data)
        for bank in BANKS:
            path = path_of(bank)
            name = Path(bank.file).name
            if path is None:
                rows.append(f"| {name} | {bank.format} | absent | | | |")
                continue
            run = run_import(bank, path, data)
            imported, skipped = run.counts
            reasons = Counter(_short(r) for r in run.not_imported)
            shown = "; ".join(f"{n} x {r}" if n > 1 else r for r, n in reasons.items())
            shown = shown.replace("|", "\\|")
            rows.append(
                f"| {name} | {bank.format} | {bank.questions} | {imported} | {skipped} | {shown} |"
            )
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
