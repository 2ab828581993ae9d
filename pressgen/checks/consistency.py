"""PG1xx: every output says the same — quotes, their speakers, the thanks, the facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pressgen.checks.days import mentioned_days
from pressgen.checks.findings import Findings
from pressgen.checks.reading import (
    DOCUMENTS,
    EMAIL_HTML,
    EMAIL_TEXT,
    NEWSLETTER,
    READABLE,
    RELEASE,
    Reading,
    fold,
    letters,
)
from pressgen.present.event import Block, Presentation
from pressgen.registry import (
    CALENDAR,
    NEWSLETTER_HTML,
    NEWSLETTER_TEXT,
    PRESS_RELEASE_HTML,
    PRESS_RELEASE_TEXT,
)
from pressgen.source import prose

NEWSLETTER_TEXTS = (NEWSLETTER_HTML, NEWSLETTER_TEXT, EMAIL_TEXT, EMAIL_HTML)
# How far from the quote its attribution may stand (a lead-in lies between them).
ATTRIBUTION_REACH = 200


def check(shown: Presentation, reading: Reading, found: Findings) -> None:
    _quotes(shown, reading, found)
    _sponsors(shown, reading, found)
    headline = shown.event.press_release.headline
    for name in reading.missing_in(READABLE, headline):
        found.add(
            "PG106",
            ("press_release", "headline"),
            f"the headline is missing or changed in {name}",
            f"Die Überschrift fehlt in {name} oder ist dort geändert",
            output=name,
        )
    _facts(shown, reading, found)
    _calendar_and_json_ld(shown, reading, found)
    _day_named(shown, reading, found)
    _parts_in_every_format(shown, reading, found)


@dataclass(frozen=True)
class Part:
    """A part of the press release that every format of it shows (the facts box, the
    programme, a quote …), told by the words each format must carry."""

    name: str  # in the message: "the programme"
    name_de: str  # „das Programm“
    place: tuple[str | int, ...]  # where its data stands in the event file
    words: tuple[str, ...]


def release_parts(shown: Presentation) -> list[Part]:
    """The parts of the press release, each with the words that show it is there: what the
    HTML, the text, the PDF and the Word file all carry (PG108). Values only: an own
    template may word the labels as it likes."""
    parts = []
    if shown.embargo:
        parts.append(Part("the Sperrfrist", "die Sperrfrist", ("press_release", "embargo"),
                          (shown.embargo,)))  # fmt: skip
    if shown.facts.status:
        parts.append(Part("the status note", "der Hinweis auf Absage oder Verschiebung",
                          ("event", "status"), (shown.facts.status,)))  # fmt: skip
    for block in shown.blocks:
        if block.kind == "quote":
            parts.append(Part("a quote", "ein Zitat", ("quotes", block.quote_key, "text"),
                              (prose.to_text(block.words),)))  # fmt: skip
        elif block.kind == "sponsors":
            parts.append(Part("the thanks to the sponsors", "der Dank an die Sponsoren",
                              ("sponsors",), (block.text,)))  # fmt: skip
        elif block.kind == "awards":
            parts.append(Part("the prizes and handovers", "die Preise und Übergaben",
                              ("awards",), (block.text,)))  # fmt: skip
    if shown.phase == "invitation":
        facts = shown.facts
        # Each value; a web address only where it is printed (the text has its number,
        # the address under the links).
        words = (facts.title, *(
            name.text for line in shown.fact_lines for name in line.names
            if name.text != name.href
        ))  # fmt: skip
        parts.append(Part("the facts box", "der Kasten „Auf einen Blick“", ("event",), words))
        if shown.programme:
            headings = tuple(entry.heading for entry in shown.programme)
            parts.append(Part("the programme", "das Programm", ("programme",),
                              headings))  # fmt: skip
        if shown.photo_opportunity:
            parts.append(Part("the photo opportunity", "der Fototermin",
                              ("invitation", "photo_opportunity"),
                              (shown.photo_opportunity,)))  # fmt: skip
        if shown.accreditation:
            contact = tuple(line.text for line in shown.accreditation_contact)
            parts.append(Part("the accreditation", "die Akkreditierung",
                              ("invitation", "accreditation"),
                              (shown.accreditation, *contact)))  # fmt: skip
        if shown.coverage_note:
            parts.append(Part("the closing line", "der Schlusssatz", ("invitation",),
                              (shown.coverage_note,)))  # fmt: skip
    if shown.contact:
        lines = tuple(line.text for line in shown.contact)
        parts.append(Part("the Pressekontakt", "der Pressekontakt", ("press_release", "contact"),
                          lines))  # fmt: skip
    return parts


def _parts_in_every_format(shown: Presentation, reading: Reading, found: Findings) -> None:
    """What the press release page shows, its text, PDF and Word file show too."""
    formats = [name for name in (PRESS_RELEASE_TEXT, *DOCUMENTS) if name in reading.outputs]
    page = reading.letters_of(PRESS_RELEASE_HTML)
    for part in release_parts(shown):
        wanted = [letters(words) for words in part.words]
        if not all(words in page for words in wanted):
            continue  # not on the page at all: the other checks say so
        for name in formats:
            text = reading.letters_of(name)
            if not all(words in text for words in wanted):
                found.add(
                    "PG108",
                    part.place,
                    f"{part.name} of the press release is missing in {name}",
                    f"In {name} fehlt {part.name_de} der Pressemitteilung",
                    output=name,
                )


def showing(shown: Presentation, block: Block) -> tuple[str, ...]:
    """The outputs that print a block: the press release all, the newsletter its own choice
    (a recap with a web version gives the quotes and thanks, and leads to the rest)."""
    return RELEASE + (NEWSLETTER if block in shown.newsletter_blocks else ())


def _quotes(shown: Presentation, reading: Reading, found: Findings) -> None:
    attributed: set[tuple[str, str]] = set()  # (output, speaker) checked at first mention
    for block in shown.blocks:
        if block.kind != "quote":
            continue
        outputs = showing(shown, block)
        # As printed: in quotation marks, without the closing mark and full stop,
        # which the press release's "…“, sagt" form leaves out.
        words = fold(prose.to_text(block.pull_quote))[:-1].rstrip(".")
        for name in reading.missing_in(outputs, words):
            found.add(
                "PG101",
                ("quotes", block.quote_key, "text"),
                f"the quote is missing or worded differently in {name}",
                f"Das Zitat fehlt in {name} oder ist dort anders formuliert",
                output=name,
            )
        close_mark = block.pull_quote[-1]
        for name in outputs:
            # The press release names the speakers as its sentence does; the newsletter
            # sets the quote apart, with names and functions in full.
            speaker = fold(block.speaker if name in RELEASE else block.pull_speaker)
            if (name, speaker) in attributed:
                continue
            attributed.add((name, speaker))
            if not _attributed(reading.texts.get(name, ""), words, speaker, close_mark):
                found.add(
                    "PG102",
                    ("quotes", block.quote_key, "by"),
                    f"the quote's attribution '{speaker}' is missing in {name}",
                    f"Die Zuordnung des Zitats („{speaker}“) fehlt in {name}",
                    output=name,
                )


def _attributed(text: str, words: str, attribution: str, close_mark: str) -> bool:
    """Whether the attribution stands right before or right after the quote."""
    start = text.find(words)
    if start == -1:
        return True  # a missing quote is PG101's finding
    before = text[max(0, start - ATTRIBUTION_REACH - len(attribution)) : start]
    after_end = text.find(close_mark, start + len(words))
    after = text[after_end : after_end + ATTRIBUTION_REACH + len(attribution)]
    return attribution in before or attribution in after


def _sponsors(shown: Presentation, reading: Reading, found: Findings) -> None:
    thanks = next((block for block in shown.blocks if block.kind == "sponsors"), None)
    if thanks is None or not shown.sponsor_thanks:
        return
    names = [sponsor.name for sponsor in shown.event.sponsors]
    for output in reading.missing_in(showing(shown, thanks), shown.sponsor_thanks):
        text = reading.texts[output]
        missing = [name for name in names if fold(name) not in text]
        positions = [text.find(fold(name)) for name in names]
        if missing:
            reason = ("missing " + ", ".join(missing), "es fehlt " + ", ".join(missing))
        elif positions != sorted(positions):
            reason = ("the sponsors are in another order", "die Reihenfolge ist eine andere")
        else:
            reason = ("the sentence is worded differently", "der Satz ist anders formuliert")
        found.add(
            "PG103",
            ("sponsors",),
            f"the sponsor acknowledgement differs in {output}: {reason[0]}",
            f"Der Dank an die Sponsoren weicht in {output} ab: {reason[1]}",
            output=output,
        )


def _facts(shown: Presentation, reading: Reading, found: Findings) -> None:
    """The facts box: its values, whatever words an own template puts before them."""
    facts = shown.facts
    for value, loc, english, german, code in (
        (facts.date, ("event", "date"), "the date", "Das Datum", "PG104"),
        (facts.time, ("event", "start"), "the time", "Die Uhrzeit", "PG104"),
        (facts.venue, ("event", "venue"), "the venue", "Der Ort", "PG105"),
    ):
        if not value or not shown.newsletter_facts:
            continue
        for name in reading.missing_in(NEWSLETTER_TEXTS, value):
            found.add(
                code,
                loc,
                f"{english} ({fold(value)}) is missing or different in {name}",
                f"{german} ({fold(value)}) fehlt in {name} oder ist anders",
                output=name,
            )


def _calendar_and_json_ld(shown: Presentation, reading: Reading, found: Findings) -> None:
    info = shown.event.event
    calendar = _calendar_fields(reading.calendar())
    if info.begins is None and not calendar:
        pass  # a draft's open date: rightly no calendar file
    elif _calendar_moment(calendar.get("DTSTART")) != info.begins:
        found.add(
            "PG104",
            ("event", "date"),
            f"the date or time is missing or different in {CALENDAR}",
            f"Datum oder Uhrzeit fehlen in {CALENDAR} oder sind anders",
        )
    location = calendar.get("LOCATION", ("", ""))[1]
    if calendar and fold(_unescape(location)) != fold(shown.facts.venue):
        found.add(
            "PG105",
            ("event", "venue"),
            f"the venue is missing or different in {CALENDAR}",
            f"Der Ort fehlt in {CALENDAR} oder ist anders",
        )
    start = reading.json_ld_event().get("startDate")
    if info.begins is None:  # a draft's open date: no output may name one
        wrong = start is not None
    else:
        wrong = not isinstance(start, str) or _iso_moment(start) != info.begins
    if wrong:
        found.add(
            "PG104",
            ("event", "date"),
            f"the date is missing or different in the JSON-LD of {PRESS_RELEASE_HTML}",
            f"Das Datum fehlt in den JSON-LD-Daten von {PRESS_RELEASE_HTML} oder ist anders",
        )


def _day_named(shown: Presentation, reading: Reading, found: Findings) -> None:
    held_on = shown.event.event.held_on  # a postponed event's new day
    if held_on is None:
        return
    days = {day for name in RELEASE for day in mentioned_days(reading.texts[name], held_on.year)}
    if held_on not in days:
        found.add(
            "PG107",
            ("event", "date"),
            f"the press release does not mention the day of the event ({fold(shown.facts.day)})",
            f"Die Pressemitteilung nennt den Tag der Veranstaltung nicht ({fold(shown.facts.day)})",
        )


# ---------------------------------------------------------------- reading the calendar file

Moment = dt.datetime | dt.date | None


def _calendar_fields(text: str) -> dict[str, tuple[str, str]]:
    """The first VEVENT's properties: name → (parameters, value)."""
    fields: dict[str, tuple[str, str]] = {}
    inside = False
    for line in text.split("\r\n"):
        if line == "BEGIN:VEVENT":
            inside = True
        elif line == "END:VEVENT":
            break
        elif inside and ":" in line:
            head, value = line.split(":", 1)
            name, _, parameters = head.partition(";")
            fields.setdefault(name, (parameters, value))
    return fields


def _calendar_moment(field: tuple[str, str] | None) -> Moment:
    if field is None:
        return None
    parameters, value = field
    try:
        if "VALUE=DATE" in parameters and "VALUE=DATE-TIME" not in parameters:
            return dt.datetime.strptime(value, "%Y%m%d").date()
        if value.endswith("Z"):
            return dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
        if parameters.startswith("TZID="):
            from zoneinfo import ZoneInfo

            local = dt.datetime.strptime(value, "%Y%m%dT%H%M%S")
            return local.replace(tzinfo=ZoneInfo(parameters.removeprefix("TZID=")))
    except ValueError:
        return None
    return None


def _iso_moment(text: str) -> Moment:
    try:
        return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    except ValueError:
        return None


def _unescape(value: str) -> str:
    """RFC 5545 TEXT: \\, \\; \\n and \\\\ back to what they stand for."""
    out, escaped = [], False
    for char in value:
        if escaped:
            out.append("\n" if char in "nN" else char)
            escaped = False
        elif char == "\\":
            escaped = True
        else:
            out.append(char)
    return "".join(out)
