"""Problems as a person reads them on the terminal: counted right, repeats grouped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from pressgen.errors import Problem, display_path, printable
from pressgen.messages import _, ngettext
from pressgen.rules import RULES

# From this many warnings of one kind in one file, they are one line.
GROUP_FROM = 3
# Warnings whose every line says something different (one mail program each): never grouped.
NEVER_GROUPED = frozenset({"PG801"})


# Each noun's forms, as whole messages, so that a language whose plural differs can say so.
_COUNTED: dict[str, Callable[[int], str]] = {
    "error": lambda n: ngettext("{count} error", "{count} errors", n),
    "warning": lambda n: ngettext("{count} warning", "{count} warnings", n),
    "recipient": lambda n: ngettext("{count} recipient", "{count} recipients", n),
    "message": lambda n: ngettext("{count} message", "{count} messages", n),
}


def counted(number: int, noun: str) -> str:
    """1 error, 2 errors; 1 warning, 3 warnings (in the user's language)."""
    return _COUNTED[noun](number).format(count=number)


def tally(problems: Sequence[Problem]) -> str:
    """'1 error', '2 errors and 1 warning', '3 warnings'."""
    errors = sum(1 for problem in problems if problem.severity == "error")
    warnings = len(problems) - errors
    if errors and warnings:
        return _("{errors} and {warnings}").format(
            errors=counted(errors, "error"), warnings=counted(warnings, "warning")
        )
    return counted(errors, "error") if errors else counted(warnings, "warning")


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
    places = ", ".join(
        _("{field} (line {line})").format(field=problem.field, line=problem.line)
        for problem in group
    )
    summary = _(RULES[first.code].summary) if first.code in RULES else first.message
    where = f"{display_path(first.file)}:{first.line}:{first.column}"
    return printable(
        _("{where}: warning: {summary}, {count} times: {places} [{code}]").format(
            where=where, summary=summary, count=len(group), places=places, code=first.code
        )
    )
