"""Located error types. They know nothing about the command line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, at a line and column counted from 1."""

    file: Path
    line: int
    column: int
    message: str
    field: str = ""
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        where = f"{display_path(self.file)}:{self.line}:{self.column}"
        if self.severity == "warning":
            where += ": warning"
        if self.field:
            return f"{where}: {self.field}: {self.message}"
        return f"{where}: {self.message}"


class PressgenError(Exception):
    """Base class for every error pressgen reports to a person."""


class DataError(PressgenError):
    """One or more problems in the input files; all of them, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class OutputError(PressgenError):
    """The outputs cannot be written where they were asked to go."""


def display_path(path: Path) -> str:
    """The path as a person typed it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
