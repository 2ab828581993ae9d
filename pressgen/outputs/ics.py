"""The event as an iCalendar file (RFC 5545), byte-identical for the same data."""

from __future__ import annotations

import datetime as dt

from pressgen.german import typography
from pressgen.present.language import GERMAN, Language
from pressgen.source import prose
from pressgen.source.event import Event

PRODUCT_ID = "-//pressgen//pressgen//DE"

# Central European time since 1996: the rules every calendar program needs to
# place a TZID=Europe/Berlin time correctly (RFC 5545 requires the VTIMEZONE).
_VTIMEZONE_BERLIN = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and line breaks."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line into pieces of at most 75 octets, never inside a character."""
    pieces: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            pieces.append(current)
            current = ""
            limit = 74  # continuation lines start with one space
        current += char
    pieces.append(current)
    return "\r\n ".join(pieces)


def _local(moment: dt.datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S")


def _moment(moment: dt.datetime, berlin: bool) -> str:
    """';TZID=Europe/Berlin:…' (local time, with its VTIMEZONE), or UTC for any other zone."""
    if berlin:
        return f";TZID=Europe/Berlin:{_local(moment.replace(tzinfo=None))}"
    return f":{_local(moment.astimezone(dt.UTC))}Z"


def render_ics(event: Event, uid: str, lang: Language = GERMAN) -> str | None:
    """VCALENDAR with one VEVENT; CRLF line ends, folded lines, escaped text.

    None while a draft leaves the day open: a calendar entry needs a day, and an
    invented one would land in readers' calendars.
    """
    info = event.event
    if info.held_on is None or info.end_day is None:
        return None
    # DTSTAMP must be a moment; the publication day, else the event's, keeps it stable.
    stamp = dt.datetime.combine(event.press_release.publication_date or info.held_on, dt.time(0))
    product = PRODUCT_ID.removesuffix("DE") + lang.code.upper()  # the entry's language
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{product}", "CALSCALE:GREGORIAN"]
    berlin = info.timezone == "Europe/Berlin"
    if info.start is not None and berlin:
        lines += _VTIMEZONE_BERLIN
    lines += [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{_local(stamp)}Z",
    ]
    begins, ends = info.begins, info.ends
    if isinstance(begins, dt.datetime):
        lines.append(f"DTSTART{_moment(begins, berlin)}")
        if isinstance(ends, dt.datetime):
            lines.append(f"DTEND{_moment(ends, berlin)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{info.held_on:%Y%m%d}")
        lines.append(f"DTEND;VALUE=DATE:{info.end_day + dt.timedelta(days=1):%Y%m%d}")
    if info.held_on != info.date:
        lines.append("SEQUENCE:1")  # moved: calendars replace the entry they imported
    if info.status == "cancelled":
        lines.append("STATUS:CANCELLED")
    elif info.status == "postponed" and info.postponed_to is None:
        lines.append("STATUS:TENTATIVE")  # the day stands in the file, but it will change
    lines.append(f"SUMMARY:{escape_text(typography.plain_spaces(info.title))}")
    if info.kind:
        lines.append(f"CATEGORIES:{escape_text(typography.plain_spaces(info.kind))}")
    # Moved or cancelled first, then the motto as such, then the focus.
    words = lang.phrases
    style = lang.style(event)
    quoted = lang.typography.quoted(info.motto, style) if info.motto else ""
    motto = f"{lang.labels['motto']}: {quoted}." if info.motto else ""
    focus = prose.to_text(info.focus) if info.focus else ""
    others = words.other_places(event, style)
    label = words.other_places_label(len(others))
    elsewhere = f"{label}: {'; '.join(others)}." if others else ""
    description = " ".join(
        part for part in (words.status_note(info, style), motto, focus, elsewhere) if part
    )
    if description:
        lines.append(f"DESCRIPTION:{escape_text(typography.plain_spaces(description))}")
    lines.append(f"LOCATION:{escape_text(typography.plain_spaces(words.event_place(info)))}")
    if info.livestream:  # RFC 7986: where to join
        lines.append(f"CONFERENCE;VALUE=URI;FEATURE=VIDEO:{info.livestream}")
    organiser = event.organisation
    if organiser.email:
        # A parameter value: plain spaces, no double quotes.
        name = typography.plain_spaces(organiser.name).replace('"', "'")
        lines.append(f'ORGANIZER;CN="{name}":mailto:{organiser.email}')
    if info.website:
        lines.append(f"URL:{info.website}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
