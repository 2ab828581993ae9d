"""Located error types. They know nothing about the command line."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pressgen.messages import _, language

# The codes of the problems made in this process, when it is a set: the test suite sets
# it to see that every code of pressgen.rules is made by some test (tests/conftest.py).
# None otherwise, and then a problem records nothing.
codes_made: set[str] | None = None


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, at a line and column counted from 1."""

    file: Path
    line: int
    column: int
    message: str
    field: str = ""
    severity: Literal["error", "warning"] = "error"
    code: str = ""  # a stable code such as PG005 or PG101 (pressgen/rules.py)
    message_de: str = ""  # the same in German, shown in a German locale (check findings)

    def __post_init__(self) -> None:
        if codes_made is not None:
            codes_made.add(self.code)

    def __str__(self) -> str:
        """The problem in the user's language (pressgen.messages), located."""
        where = f"{display_path(self.file)}:{self.line}:{self.column}"
        if self.severity == "warning":
            where += ": " + _("warning")
        text = self.message_de if self.message_de and language() == "de" else self.message
        text = f"{where}: {self.field}: {text}" if self.field else f"{where}: {text}"
        return printable(f"{text} [{self.code}]" if self.code else text)

    def as_dict(self) -> dict[str, str | int]:
        """For machine-readable output (check --format json)."""
        return {
            "file": display_path(self.file),
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "code": self.code,
            "field": self.field,
            "message": self.message,
        }


class PressgenError(Exception):
    """Base class for every error pressgen reports to a person."""


class DataError(PressgenError):
    """One or more problems in the input files; all of them, not just the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class OutputError(PressgenError):
    """The outputs cannot be written where they were asked to go."""


# Control characters and the controls that turn text direction: printed as they are,
# they would move the cursor, change the terminal's title or hide what follows.
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Text that is safe on a terminal: control characters shown escaped, e.g. \\x1b."""
    return _UNPRINTABLE.sub(lambda found: found[0].encode("unicode_escape").decode(), text)


def display_path(path: Path) -> str:
    """The path as a person typed it: relative to the working folder when inside it.

    The last part is not resolved: a symbolic link is named, not where it leads.
    """
    absolute = os.path.abspath(path)
    folder, name = os.path.split(absolute)
    inside = _resolved(folder)
    here = _resolved(os.getcwd())
    if inside == here or inside.startswith(here.rstrip("/") + "/"):
        return os.path.relpath(os.path.join(inside, name), here)
    return str(path)


@functools.lru_cache(maxsize=1024)  # a batch names the same few folders many times
def _resolved(folder: str) -> str:
    return os.path.realpath(folder)
