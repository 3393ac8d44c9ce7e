"""The generator's exception family; each carries an exit code for the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding in the data: where it is, which field, and what is wrong."""

    file: str
    line: int
    path: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class GeneratorError(Exception):
    """Base of every error the generator raises on purpose."""

    exit_code = 1


class DataError(GeneratorError):
    """The study data is invalid; ``problems`` lists every error found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"{count} {noun} in the study data; nothing was written:\n{lines}")


class BuildError(GeneratorError):
    """Rendering or writing the site failed for a reason other than bad data."""

    exit_code = 2
