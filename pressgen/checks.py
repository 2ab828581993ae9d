"""Warnings about valid data that is probably not what the author wants."""

from __future__ import annotations

import datetime as dt

from pressgen import typography
from pressgen.errors import Problem
from pressgen.loader import SourceMap
from pressgen.model import Event


def event_warnings(event: Event, source: SourceMap, now: dt.datetime) -> list[Problem]:
    """Everything `check` warns about for one valid event; `now` is time-zone aware."""
    warnings: list[Problem] = []
    embargo = event.press_release.embargo
    if embargo is not None:
        aware = embargo if embargo.tzinfo else embargo.replace(tzinfo=event.event.zone)
        if aware <= now:
            warnings.append(
                source.problem(
                    ("press_release", "embargo"),
                    f"the embargo ({typography.date_time(embargo)}) has already passed; "
                    "remove it or set a later time",
                    severity="warning",
                )
            )
    return warnings
