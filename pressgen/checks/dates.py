"""PG5xx: the embargo against the clock and against the publication date."""

from __future__ import annotations

import datetime as dt

from pressgen.checks.findings import Findings
from pressgen.present.event import Presentation


def check(shown: Presentation, now: dt.datetime, found: Findings) -> None:
    release = shown.event.press_release
    aware = shown.event.embargo_end()
    if aware is None:
        return
    zone = shown.event.event.zone
    if aware <= now:
        found.add(
            "PG501",
            ("press_release", "embargo"),
            f"the embargo ({shown.embargo_moment}) has already passed; remove it or set a "
            "later time",
            f"Die Sperrfrist ({shown.embargo_moment}) ist schon abgelaufen; entfernen Sie sie "
            "oder setzen Sie eine spätere Zeit",
        )
    if release.publication_date is None:
        return
    published = dt.datetime.combine(release.publication_date, dt.time(23, 59), tzinfo=zone)
    if aware > published:
        found.add(
            "PG502",
            ("press_release", "embargo"),
            f"the embargo ({shown.embargo_moment}) lies after the publication date "
            f"({shown.publication_day}): journalists would hold the release past its date",
            f"Die Sperrfrist ({shown.embargo_moment}) liegt nach dem Datum der Veröffentlichung "
            f"({shown.publication_day})",
        )
