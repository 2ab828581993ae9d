"""German typography and grammar shared by every output (Babel underneath).

Templates never format a date, time, list or quotation themselves: they call
these functions (registered as Jinja filters in render.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from babel.dates import format_date
from babel.lists import format_list

from pressgen.model import Address, Event, EventInfo, Person, ProgrammeItem, Sponsor, Venue

LOCALE = "de_DE"
NBSP = "\u00a0"


def date_long(day: dt.date) -> str:
    """17. August 2017 (DIN 5008), with non-breaking spaces so it never splits."""
    return format_date(day, "d. MMMM y", locale=LOCALE).replace(" ", NBSP)


def date_with_weekday(day: dt.date) -> str:
    """Donnerstag, 17. August 2017."""
    return f"{format_date(day, 'EEEE', locale=LOCALE)}, {date_long(day)}"


def date_numeric(day: dt.date) -> str:
    """17.08.2017."""
    return format_date(day, "dd.MM.y", locale=LOCALE)


def time_of_day(moment: dt.time) -> str:
    """14:30 Uhr; full hours as 15 Uhr."""
    text = f"{moment.hour}" if moment.minute == 0 else f"{moment.hour}:{moment.minute:02d}"
    return f"{text}{NBSP}Uhr"


def time_range(start: dt.time, end: dt.time | None) -> str:
    """14:30 bis 18 Uhr, or ab 14:30 Uhr when the end is open."""
    if end is None:
        return f"ab {time_of_day(start)}"
    start_text = time_of_day(start).removesuffix(f"{NBSP}Uhr")
    return f"{start_text} bis {time_of_day(end)}"


def event_dates(info: EventInfo) -> str:
    """The day(s) of the event with weekday: Donnerstag, 17. August 2017."""
    if info.end_date is None or info.end_date == info.date:
        return date_with_weekday(info.date)
    return f"{date_long(info.date)} bis {date_long(info.end_date)}"


def event_times(info: EventInfo) -> str:
    """ab 14:30 Uhr, 14:30 bis 18 Uhr, or empty when no time is given."""
    return time_range(info.start, info.end) if info.start else ""


def join(items: Sequence[str]) -> str:
    """A, B und C."""
    return format_list(list(items), locale=LOCALE) if items else ""


def quoted(text: str) -> str:
    """„text“; quotation marks inside become ‚…‘."""
    inner = text.strip().replace("„", "‚").replace("“", "‘")
    return f"„{inner}“"


def attribution(person: Person) -> str:
    """Conrad Wrobel, Aufsichtsrat der TowerByte eG — or Name (Firma) without a role."""
    if person.role:
        return f"{person.name}, {person.role}"
    if person.organisation:
        return f"{person.name} ({person.organisation})"
    return person.name


def postal_address(address: Address) -> str:
    """Leutragraben 1, 07743 Jena."""
    city = f"{address.postcode}{NBSP}{address.city}" if address.postcode else address.city
    parts = [address.street, city, address.country]
    return ", ".join(part for part in parts if part)


def place(venue: Venue) -> str:
    """Villa Rosenthal, Leutragraben 1, 07743 Jena — as much as is known."""
    if venue.address is None:
        return venue.name or ""
    address = postal_address(venue.address)
    # "Jena, Jena" says nothing twice.
    if venue.name and venue.name != venue.address.city:
        return f"{venue.name}, {address}"
    return address


PROGRAMME_LABELS = {
    "begruessung": "Begrüßung",
    "eroeffnung": "Eröffnung",
    "keynote": "Keynote",
    "vortrag": "Vortrag",
    "workshop": "Workshop",
    "podium": "Podiumsdiskussion",
    "pause": "Pause",
    "fuehrung": "Führung",
    "preisverleihung": "Preisverleihung",
    "empfang": "Empfang",
    "sonstiges": "Programmpunkt",
}

# Kinds whose title is a theme and is therefore set in quotation marks.
_TITLED_KINDS = {"keynote", "vortrag", "workshop", "podium"}


def programme_heading(item: ProgrammeItem) -> str:
    """Keynote: „Smarte Überwachungsstädte? …“ — label, then title."""
    label = item.label or PROGRAMME_LABELS[item.kind]
    if not item.title:
        return label
    title = quoted(item.title) if item.kind in _TITLED_KINDS else item.title
    return f"{label}: {title}"


def guests(info: EventInfo) -> str:
    """über 80 Gäste."""
    if info.guests is None:
        return ""
    noun = "Gast" if info.guests == 1 else "Gäste"
    qualifier = f"{info.guests_qualifier} " if info.guests_qualifier else ""
    return f"{qualifier}{info.guests}{NBSP}{noun}"


_DATIVE_ARTICLE = {"der": "dem", "die": "der", "das": "dem"}


def sponsor_dative(sponsor: Sponsor) -> str:
    """The sponsor as it follows 'Dank gilt': der Thüringer Agentur … (ThAK)."""
    if sponsor.dative:
        return sponsor.dative
    name = f"{sponsor.name} ({sponsor.short_name})" if sponsor.short_name else sponsor.name
    if sponsor.article == "keiner":
        return name
    return f"{_DATIVE_ARTICLE[sponsor.article]} {name}"


def sponsor_thanks(event: Event) -> str:
    """Besonderer Dank gilt den Sponsoren A, der B und der C."""
    sponsors = event.sponsors
    if not sponsors:
        return ""
    if len(sponsors) > 1:
        noun = "den Sponsoren"
    elif sponsors[0].article == "die" and sponsors[0].dative is None:
        noun = "der Sponsorin"
    else:
        noun = "dem Sponsor"
    names = join([sponsor_dative(sponsor) for sponsor in sponsors])
    return f"{event.sponsors_lead_in} {noun} {names}."


_ACCUSATIVE_ARTICLE = {"der": "den", "die": "die", "das": "das"}


def about_heading(event: Event) -> str:
    """Über die TowerByte eG ('über' takes the accusative)."""
    organisation = event.organisation
    if organisation.article == "keiner":
        return f"Über {organisation.name}"
    return f"Über {_ACCUSATIVE_ARTICLE[organisation.article]} {organisation.name}"
