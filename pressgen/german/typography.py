"""German typography and grammar shared by every output (Babel underneath).

Templates never format a date, time, number, list or quotation themselves:
they call these functions (registered as Jinja filters in render.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Literal, NamedTuple, Protocol

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal

from pressgen.source.event import Address, Event, EventInfo, Typography
from pressgen.source.fields import ModelT, Role, map_texts


class Style(Protocol):
    """The typography settings a function needs (the model, or the same as template data)."""

    @property
    def quotes(self) -> Literal["german", "guillemets"]: ...
    @property
    def thousands(self) -> Literal["dot", "thin", "none"]: ...
    @property
    def conjunction(self) -> Literal["und", "sowie"]: ...
    @property
    def phone(self) -> Literal["international", "national", "as_written"]: ...


LOCALE = "de_DE"
NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
DEFAULT = Typography()

# ---------------------------------------------------------------- dates and times


def plain_spaces(text: str) -> str:
    """One ordinary space between words: for places that keep no typesetting (metadata,
    calendar entries, comparisons)."""
    return " ".join(text.replace(NBSP, " ").replace(NARROW_NBSP, " ").split())


def date_long(day: dt.date, style: Style = DEFAULT) -> str:
    """17. August 2017 (DIN 5008), with non-breaking spaces so it never splits."""
    return format_date(day, "d. MMMM y", locale=LOCALE).replace(" ", NBSP)


def date_with_weekday(day: dt.date, style: Style = DEFAULT) -> str:
    """Donnerstag, 17. August 2017."""
    return f"{format_date(day, 'EEEE', locale=LOCALE)}, {date_long(day)}"


def date_numeric(day: dt.date, style: Style = DEFAULT) -> str:
    """17.08.2017."""
    return format_date(day, "dd.MM.y", locale=LOCALE)


def date_range(first: dt.date, last: dt.date | None) -> str:
    """17. bis 19. August 2017; 30. Juli bis 2. August 2017; across a year both in full."""
    if last is None or last == first:
        return date_long(first)
    if first.year != last.year:
        return f"{date_long(first)} bis {date_long(last)}"
    if first.month != last.month:
        start = format_date(first, "d. MMMM", locale=LOCALE).replace(" ", NBSP)
        return f"{start} bis {date_long(last)}"
    return f"{first.day}. bis {date_long(last)}"


def time_of_day(moment: dt.time, style: Style = DEFAULT) -> str:
    """14:30 Uhr; full hours as 15 Uhr; midnight as 0 Uhr."""
    text = f"{moment.hour}" if moment.minute == 0 else f"{moment.hour}:{moment.minute:02d}"
    return f"{text}{NBSP}Uhr"


def time_range(start: dt.time, end: dt.time | None, style: Style = DEFAULT) -> str:
    """14:30 bis 18 Uhr; ab 14:30 Uhr when the end is open; an end at midnight is 24 Uhr."""
    if end is None:
        return f"ab {time_of_day(start)}"
    start_text = time_of_day(start).removesuffix(f"{NBSP}Uhr")
    end_text = f"24{NBSP}Uhr" if end == dt.time(0, 0) else time_of_day(end)
    return f"{start_text} bis {end_text}"


def date_time(moment: dt.datetime, style: Style = DEFAULT) -> str:
    """15. Januar 2027, 10 Uhr."""
    return f"{date_long(moment.date())}, {time_of_day(moment.time())}"


def weekday(day: dt.date) -> str:
    return format_date(day, "EEEE", locale=LOCALE)


def event_dates(info: EventInfo, style: Style = DEFAULT) -> str:
    """The day(s) of the event: Donnerstag, 17. August 2017 — or Samstag, 13., bis
    Sonntag, 14. März 2027 (empty while a draft leaves the date open). A postponed
    event shows its new day, and the old one: (statt 5. Dezember 2026)."""
    first = info.held_on
    if first is None or info.end_day is None:
        return ""
    if info.end_date is None or info.end_date == info.date:
        shown = date_with_weekday(first)
    else:
        shown = _days_with_weekdays(first, info.end_day)
    if info.date is not None and first != info.date:
        shown += f" (statt {date_long(info.date)})"
    return shown


def _days_with_weekdays(first: dt.date, last: dt.date) -> str:
    """Samstag, 13., bis Sonntag, 14. März 2027; the month and year once where they agree."""
    if first.year != last.year:
        start = date_long(first)
    elif first.month != last.month:
        start = format_date(first, "d. MMMM", locale=LOCALE).replace(" ", NBSP)
    else:
        start = f"{first.day}."
    return f"{weekday(first)}, {start}, bis {weekday(last)}, {date_long(last)}"


def event_times(info: EventInfo, style: Style = DEFAULT) -> str:
    """ab 14:30 Uhr, 14:30 bis 18 Uhr; over several days Samstag, 10 Uhr, bis Sonntag,
    16 Uhr; with the doors' time (Einlass 18:30 Uhr). Empty when no time is given."""
    if info.start is None:
        return ""
    first, last = info.held_on, info.end_day
    several_days = info.end_date is not None and info.end_date != info.date
    if several_days and info.end is not None and first and last:
        shown = (
            f"{weekday(first)}, {time_of_day(info.start)}, bis {weekday(last)}, "
            f"{time_of_day(info.end)}"
        )
    else:
        shown = time_range(info.start, info.end)
    if info.admission is not None:
        shown += f" (Einlass {time_of_day(info.admission)})"
    return shown


# ---------------------------------------------------------------- numbers and lists


def number(value: int, style: Style = DEFAULT) -> str:
    """1.000, 1 000 (narrow no-break space) or 1000, as the style says."""
    return _thousands(format_decimal(value, locale=LOCALE), style)


def _thousands(grouped: str, style: Style) -> str:
    """Babel's German grouping (1.000) as the style wants it."""
    if style.thousands == "thin":
        return grouped.replace(".", NARROW_NBSP)
    if style.thousands == "none":
        return grouped.replace(".", "")
    return grouped


def money(amount: Decimal, style: Style = DEFAULT) -> str:
    """55.555 Euro, 2.741,70 Euro: whole euros without cents, thousands as the style
    groups them (Babel's German number format)."""
    whole = amount == amount.to_integral_value()
    grouped = format_decimal(amount, format="#,##0" if whole else "#,##0.00", locale=LOCALE)
    return f"{_thousands(grouped, style)}{NBSP}Euro"


def join(items: Sequence[str], style: Style = DEFAULT) -> str:
    """A, B und C — no comma before the conjunction; 'sowie' when the style says so."""
    items = list(items)
    if len(items) < 2 or style.conjunction == "und":
        return format_list(items, locale=LOCALE) if items else ""
    return f"{', '.join(items[:-1])} sowie {items[-1]}"


# ---------------------------------------------------------------- quotation marks

_MARKS = {
    "german": ("„", "“", "‚", "‘"),
    "guillemets": ("»", "«", "›", "‹"),
}


def quoted(text: str, style: Style = DEFAULT) -> str:
    """„text“ (or »text«); quotation marks inside become the single ones."""
    open_double, close_double, open_single, close_single = _MARKS[style.quotes]
    singles = (open_single + close_single) * 4
    inner = text.strip().translate(str.maketrans("„“»«‚‘›‹", singles))
    return f"{open_double}{inner}{close_double}"


# ---------------------------------------------------------------- running text

_OPENING_CONTEXT = " \t\n\u00a0([{–—-/" + "„‚»›"
_ABBREVIATIONS = [
    "z. B.", "u. a.", "d. h.", "e. V.", "z. T.", "u. U.", "o. Ä.", "i. d. R.", "v. a.",
    "s. o.", "s. u.", "u. v. m.", "m. E.", "z. Hd.", "o. g.", "i. A.", "i. V.",
    "v. l. n. r.", "V. l. n. r.", "Z. B.", "U. a.", "a. D.",
]  # fmt: skip
# What stays on the line of the word before it: Förderverein e. V., Minister a. D.
_TRAILING = re.compile(r" (?=(?:e|a)\.\u00a0(?:V|D)\.(?!\w))")
# A time or a number stays with the word that leads to it: ab 20 Uhr, bis 15 Uhr.
_BEFORE_TIME = re.compile(r"(?<!\w)(ab|bis|um|von) (?=\d)")
# An ordinal stays with its noun: 1. Vorsitzender, 50. Geburtstag.
_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,3})\. (?=[A-ZÄÖÜ])")
_ABBREVIATION = re.compile(
    "|".join(
        r"(?<![\w.])" + r"\.\s?".join(re.escape(part) for part in a.rstrip(".").split(". ")) + r"\."
        for a in sorted(_ABBREVIATIONS, key=len, reverse=True)
    )
)
_UNIT = re.compile(
    r"(\d)[ \u00a0]?(%|‰|€|\$|°C|EUR|Euro|Cent|Prozent|Uhr|km|m²|m³|cm|mm|kg|ml|h|min|"
    r"Min\.|Std\.|Mio\.|Mrd\.|Tsd\.)(?!\w)"
)
_BEFORE_NUMBER = re.compile(r"(?<!\w)(§§?|Nr\.|S\.|Abs\.|Art\.)\s?(\d)")
# 2010-2015, 14-16 Uhr, 3-5 Gäste: a range takes the en dash. Not dates (2017-08-17),
# not phone extensions (123456-11): both neighbours are whole, short numbers.
_NUMBER_RANGE = re.compile(r"(?<![\w.,-])(\d{1,4})-(\d{1,4})(?![\w-])")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"
_DATE = re.compile(rf"\b(\d{{1,2}})\.\s?({_MONTHS})(?:\s(\d{{4}}))?\b")
_DIGIT = re.compile(r"\d")
_DASH = re.compile(r"(?<=\S) - (?=\S)|(?<=\S) -(?=[,;])")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# A postcode stays with its city: 07743 Jena.
_POSTCODE_CITY = re.compile(r"(?<![\d.,])(\d{5}) (?=[A-ZÄÖÜ][a-zäöüß])")
# Titles stay with the name they stand before: Dr. Anna Muster, Prof. Dr. Heike Lorenz.
_TITLE = re.compile(
    r"(?<![\w.])(Dr\.|Prof\.|Mag\.|stellv\.|Dipl\.-[A-Z][a-z]+\.|Ing\.|med\.|phil\.|"
    r"rer\. nat\.|h\. c\.) (?=\S)"
)


def refine(text: str, style: Style = DEFAULT, as_first_released: bool = False) -> str:
    """Typeset running text the author typed plainly.

    Straight quotes become „…“/‚…‘ (or »…«), apostrophes ’, " - " and number
    ranges (2010-2015) an en dash, "..." an ellipsis, and abbreviations, titles
    (Dr. Muster), dates, § 13 and number–unit pairs get non-breaking spaces.
    Hyphens in compounds and gender forms (Teilnehmer*innen, :innen) stay.

    `as_first_released` leaves out the no-break spaces added after pressgen's first
    release (before a dash, after a title, between postcode and city): what a
    calendar entry's UID was made from, and must stay made from.
    """
    later = not as_first_released
    # Each rule only where its trigger occurs: most names and titles need none.
    if " -" in text:
        text = _DASH.sub(lambda m: " – " if m[0].endswith(" ") else " –", text)
    if later and " –" in text:  # a dash never starts a line
        text = (
            text.replace(" – ", f"{NBSP}– ").replace(" –,", f"{NBSP}–,").replace(" –;", f"{NBSP}–;")
        )
    if "..." in text:
        text = _ELLIPSIS.sub("…", text)
    if "'" in text:
        text = _APOSTROPHE.sub("’", text)
    text = _smart_quotes(text, style)
    if "." in text:
        text = _ABBREVIATION.sub(lambda m: _spaced_abbreviation(m[0]), text)
        if later:
            text = _TITLE.sub(rf"\1{NBSP}", text)
            text = _TRAILING.sub(NBSP, text)
    if _DIGIT.search(text):
        text = _DATE.sub(_date_spaces, text)
        text = _UNIT.sub(rf"\1{NBSP}\2", text)
        text = _BEFORE_NUMBER.sub(rf"\1{NBSP}\2", text)
        text = _NUMBER_RANGE.sub("\\1–\\2", text)
        if later:
            text = _POSTCODE_CITY.sub(rf"\1{NBSP}", text)
            text = _ORDINAL.sub(rf"\1.{NBSP}", text)
            text = _BEFORE_TIME.sub(rf"\1{NBSP}", text)
    return text


def _spaced_abbreviation(found: str) -> str:
    parts = [part.strip() for part in found.rstrip(".").split(".")]
    return f".{NBSP}".join(parts) + "."


def _date_spaces(match: re.Match[str]) -> str:
    text = f"{match[1]}.{NBSP}{match[2]}"
    return f"{text}{NBSP}{match[3]}" if match[3] else text


def _smart_quotes(text: str, style: Style) -> str:
    open_double, close_double, open_single, close_single = _MARKS[style.quotes]
    if style.quotes != "german":
        # Marks the author typed the German way follow the chosen style too.
        text = text.translate(
            str.maketrans("„“‚‘", open_double + close_double + open_single + close_single)
        )
    if '"' not in text and "'" not in text:
        return text  # nothing typed straight: most texts, and the loop below is slow
    out: list[str] = []
    double_open = False
    single_open = False
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        if char == '"':
            if not double_open and before in _OPENING_CONTEXT:
                out.append(open_double)
                double_open = True
            else:
                out.append(close_double)
                double_open = False
        elif char == "'":
            after = text[index + 1] if index + 1 < len(text) else " "
            if before in _OPENING_CONTEXT and (after.isalnum() or after in "„»"):
                out.append(open_single)
                single_open = True
            elif single_open:
                out.append(close_single)
                single_open = False
            else:
                out.append("’")
        else:
            out.append(char)
    return "".join(out)


# ---------------------------------------------------------------- phone numbers

# A German number whose area code is set apart (by a space, a slash or brackets):
# +49 3641 123456-11, 0049 (0)3641 12 34 56, (03641) 123456, 03641/123456-11.
_GERMAN_PHONE = re.compile(
    r"(?:(?:\+|00)49\s*(?:\(0\)\s*)?(?P<intl>[1-9]\d{1,4})\s*/?\s+"
    r"|\(0(?P<braced>[1-9]\d{1,4})\)\s*"
    r"|0(?P<national>[1-9]\d{1,4})(?:\s*/\s*|\s+))"
    r"(?P<number>\d(?:[ ]?\d){1,9})(?:\s*-\s*(?P<extension>\d{1,5}))?"
)
# Any other country: only the "(0)" and the spacing are tidied.
_OTHER_PHONE = re.compile(
    r"(?:\+|00)(?P<country>[1-9]\d{0,2})\s*(?:\(0\)\s*)?(?P<rest>\d[\d -]*\d)"
)


def phone_number(written: str, style: Style = DEFAULT) -> str:
    """A phone number in DIN 5008 form, when the data gives it plainly: +49 3641 123456-11
    (national: 03641 123456-11). A number whose area code cannot be told apart from the
    rest (03641123456) stays as written, as does everything with the as_written setting."""
    text = " ".join(written.split())
    if style.phone == "as_written":
        return written
    german = _GERMAN_PHONE.fullmatch(text)
    if german:
        area = german["intl"] or german["braced"] or german["national"]
        number = german["number"].replace(" ", "")
        extension = f"-{german['extension']}" if german["extension"] else ""
        prefix = "+49 " if style.phone == "international" else "0"
        return f"{prefix}{area} {number}{extension}".replace(" ", NBSP)
    other = _OTHER_PHONE.fullmatch(text)
    if other and other["country"] != "49":
        rest = re.sub(r"\s*-\s*", "-", other["rest"])
        return f"+{other['country']} {rest}".replace(" ", NBSP)
    return written


# ---------------------------------------------------------------- addresses


def postal_address(address: Address) -> str:
    """Leutragraben 1, 07743 Jena."""
    city = f"{address.postcode}{NBSP}{address.city}" if address.postcode else address.city
    parts = [address.street, city, address.country]
    return ", ".join(part for part in parts if part)


# Link targets and bare addresses are kept out of typesetting.
# Each alternative can start only where its first character is (not inside a run
# of the same), so one very long word costs a single scan, not one per position.
_PROTECTED = re.compile(
    r"\]\((?:[^()\s]|\([^()\s]*\))*\)"  # [words](target), one level of (…) in the target
    r"|<[^<>\s]+>"  # <https://…> and <presse@…>
    r"|(?<![\w/:.])https?://[^\s)\]]+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+"
)


def typeset_event(event: Event, style: Style | None = None) -> Event:
    """The event with every German text (one-line and running) typeset by refine()."""
    return typeset(event, event.typography if style is None else style)


def typeset(value: ModelT, style: Style) -> ModelT:
    """Any of pressgen's models (an event, a newsletter issue) with its texts typeset."""

    def change(role: Role, text: str) -> str:
        return _refine_outside_links(text, style) if role in _TYPESET else text

    return map_texts(value, change)


_TYPESET = (Role.TEXT, Role.PROSE)


def _refine_outside_links(text: str, style: Style) -> str:
    return _refined(text, _Settings(style.quotes, style.thousands, style.conjunction, style.phone))


class _Settings(NamedTuple):
    """A style's settings as a key: the same text in the same style is typeset once."""

    quotes: Literal["german", "guillemets"]
    thousands: Literal["dot", "thin", "none"]
    conjunction: Literal["und", "sowie"]
    phone: Literal["international", "national", "as_written"]


def _refined(text: str, style: _Settings) -> str:
    return refined_outside_links(text, refine, style)


# The preview renders the same event again after every save, and a folder's events share
# names and phrases: each text is typeset once per language and style.
@functools.lru_cache(maxsize=8192)
def refined_outside_links(text: str, refine: Callable[[str, Any], str], style: Any) -> str:
    """`refine(text, style)` on everything but link targets and bare addresses, which
    stay as written: the one way each language's typography is applied to a text."""
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match[0])
        return chr(0xE000 + len(kept) - 1)

    refined = refine(_PROTECTED.sub(hold, text), style)
    return re.sub("[\ue000-\uf8ff]", lambda m: kept[ord(m[0]) - 0xE000], refined)


def character_count(paragraphs: Sequence[str]) -> int:
    """Zeichen inkl. Leerzeichen: every character of the paragraphs, breaks not counted."""
    return sum(len(" ".join(paragraph.split())) for paragraph in paragraphs)
