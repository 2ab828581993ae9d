"""Problems as a person reads them on the terminal: counted right, repeats grouped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from pressgen.errors import Problem, display_path, printable
from pressgen.rules import RULES

# From this many warnings of one kind in one file, they are one line.
GROUP_FROM = 3
# Warnings whose every line says something different (one mail program each): never grouped.
NEVER_GROUPED = frozenset({"PG801"})


def counted(number: int, noun: str) -> str:
    """1 error, 2 errors; 1 warning, 3 warnings."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def tally(problems: Sequence[Problem]) -> str:
    """'1 error', '2 errors and 1 warning', '3 warnings'."""
    errors = sum(1 for problem in problems if problem.severity == "error")
    warnings = len(problems) - errors
    parts = [counted(errors, "error")] if errors else []
    if warnings or not errors:
        parts.append(counted(warnings, "warning"))
    return " and ".join(parts)


def lines(problems: Sequence[Problem]) -> list[str]:
    """One line per problem, in file order; many warnings of one code in one file share one."""
    ordered = sorted(problems, key=lambda p: (str(p.file), p.line, p.column))
    alike: dict[tuple[Path, str], list[Problem]] = defaultdict(list)
    for problem in ordered:
        if problem.severity == "warning" and problem.code and problem.code not in NEVER_GROUPED:
            alike[(problem.file, problem.code)].append(problem)
    shown: list[str] = []
    done: set[tuple[Path, str]] = set()
    for problem in ordered:
        group = alike.get((problem.file, problem.code), []) if problem.severity == "warning" else []
        if len(group) < GROUP_FROM:
            shown.append(str(problem))
        elif (problem.file, problem.code) not in done:
            done.add((problem.file, problem.code))
            shown.append(_one_line(group))
    return shown


def _one_line(group: list[Problem]) -> str:
    first = group[0]
    places = ", ".join(f"{problem.field} (line {problem.line})" for problem in group)
    summary = RULES[first.code].summary if first.code in RULES else first.message
    return printable(
        f"{display_path(first.file)}:{first.line}:{first.column}: warning: {summary}, "
        f"{len(group)} times: {places} [{first.code}]"
    )
