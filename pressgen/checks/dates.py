"""PG5xx: the embargo against the clock and against the publication date; an invitation's
and a report's date against its event's."""

from __future__ import annotations

import datetime as dt

from pressgen.checks.findings import Findings
from pressgen.german import typography
from pressgen.present.event import Presentation


def check(shown: Presentation, now: dt.datetime, found: Findings) -> None:
    _invitation_in_time(shown, found)
    _report_after_the_event(shown, found)
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


def _report_after_the_event(shown: Presentation, found: Findings) -> None:
    """A report goes out after its event: one dated before reads as written in advance
    (a notice of a change of plans is no report and may)."""
    event = shown.event
    published, day = event.press_release.publication_date, event.event.date
    if shown.phase != "recap" or event.event.status != "scheduled":
        return
    if published is None or day is None or published >= day:
        return
    dated = typography.plain_spaces(typography.date_long(published))
    held = typography.plain_spaces(typography.date_long(day))
    found.add(
        "PG505",
        ("press_release", "publication_date"),
        f"the report is dated {dated}, before the event on {held}: give the report its day "
        "after the event, and the announcement to invitation (headline, text, "
        "publication_date)",
        f"Der Bericht ist auf den {dated} datiert, vor der Veranstaltung am {held}: geben Sie "
        "dem Bericht ein Datum nach der Veranstaltung und die Ankündigung an invitation",
    )


def _invitation_in_time(shown: Presentation, found: Findings) -> None:
    """An invitation goes out before its event; without a date of its own it takes the
    report's, which is usually after the event."""
    event = shown.event
    published, day = event.press_release.publication_date, event.event.date
    if shown.phase != "invitation" or published is None or day is None or published <= day:
        return
    own = event.invitation is not None and event.invitation.publication_date is not None
    dated = typography.plain_spaces(typography.date_long(published))
    held = typography.plain_spaces(typography.date_long(day))
    if own:
        english = f"the invitation is dated {dated}, after the event on {held}"
        german = f"Die Einladung ist auf den {dated} datiert, nach der Veranstaltung am {held}"
    else:
        english = (
            f"the invitation has no invitation.publication_date and takes this date of the "
            f"report ({dated}), after the event on {held}; give the invitation its own date"
        )
        german = (
            f"Die Einladung hat kein eigenes Datum (invitation.publication_date) und übernimmt "
            f"dieses Datum des Berichts ({dated}), nach der Veranstaltung am {held}; geben Sie "
            "der Einladung ein eigenes Datum"
        )
    place = ("invitation", "publication_date") if own else ("press_release", "publication_date")
    found.add("PG504", place, english, german)
