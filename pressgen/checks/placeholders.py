"""PG405: a text of the file that a list manager would read as one of its placeholders,
and fill in with a subscriber's address or an unsubscribe link when sending."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from pressgen.errors import Problem
from pressgen.messages import _
from pressgen.registry import ListManager
from pressgen.source.loader import Loc, SourceMap


def placeholder_problems(data: BaseModel, source: SourceMap, manager: ListManager) -> list[Problem]:
    """Every text of the file that the system would read as one of its placeholders: it
    would put a subscriber's address or an unsubscribe link where the author wrote
    words (PG405)."""
    pattern = re.compile(manager.tags, re.DOTALL)
    problems = []
    for place, text in _texts(data.model_dump(mode="json", by_alias=True)):
        found = pattern.search(text)
        if found:
            problems.append(
                source.problem(
                    place,
                    _(
                        "{placeholder} is a placeholder of {system}, which would replace it "
                        "when sending; write it differently (or leave it out)"
                    ).format(placeholder=found[0], system=manager.label),
                    code="PG405",
                )
            )
    return problems


def _texts(value: object, place: tuple[str | int, ...] = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield place, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*place, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*place, index))
