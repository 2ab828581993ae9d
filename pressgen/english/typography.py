"""English typography for the English edition (Babel underneath), British by default.

The same functions as pressgen.german.typography, for the same places: dates, times,
numbers, money, lists and quotation marks. What both languages write alike (phone
numbers, German postal addresses, plain spaces) is taken from the German module.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from babel.dates import format_date
from babel.numbers import format_decimal

from pressgen.german.typography import (
    NBSP,
    character_count,
    phone_number,
    plain_spaces,
    postal_address,
    refined_outside_links,
)
from pressgen.german.typography import typeset as german_typeset
from pressgen.source.event import Event, EventInfo
from pressgen.source.fields import ModelT, Role, map_texts

__all__ = [
    "NBSP",
    "character_count",
    "phone_number",
    "plain_spaces",
    "postal_address",
]


@dataclass(frozen=True)
class Style:
    """How the English edition writes dates and times; British by default."""

    dates: Literal["british", "american"] = "british"  # 17 August 2017 / August 17, 2017
    clock: Literal["12-hour", "24-hour"] = "12-hour"  # 2:30 pm / 14:30
    titles: Literal["british", "american"] = "british"  # Dr Anna Muster / Dr. Anna Muster


DEFAULT = Style()
_LOCALES = {"british": "en_GB", "american": "en_US"}


# ---------------------------------------------------------------- dates and times


def _day_and_month(day: dt.date, style: Style) -> str:
    if style.dates == "american":
        return format_date(day, "MMMM d", locale="en_US").replace(" ", NBSP)
    return format_date(day, "d MMMM", locale="en_GB").replace(" ", NBSP)


def date_long(day: dt.date, style: Style = DEFAULT) -> str:
    """17 August 2017 (British); August 17, 2017 (American)."""
    if style.dates == "american":
        return f"{_day_and_month(day, style)}, {day.year}"
    return f"{_day_and_month(day, style)}{NBSP}{day.year}"


def weekday(day: dt.date) -> str:
    return format_date(day, "EEEE", locale="en_GB")


def date_with_weekday(day: dt.date, style: Style = DEFAULT) -> str:
    """Thursday, 17 August 2017."""
    return f"{weekday(day)}, {date_long(day, style)}"


def date_numeric(day: dt.date, style: Style = DEFAULT) -> str:
    """17/08/2017 (British); 08/17/2017 (American)."""
    return format_date(day, "MM/dd/y" if style.dates == "american" else "dd/MM/y", locale="en")


def date_range(first: dt.date, last: dt.date | None, style: Style = DEFAULT) -> str:
    """17–19 August 2017; 30 July – 2 August 2017; across a year both in full."""
    if last is None or last == first:
        return date_long(first, style)
    if first.year != last.year:
        return f"{date_long(first, style)} – {date_long(last, style)}"
    if first.month != last.month:
        start = _day_and_month(first, style)
        return f"{start} – {date_long(last, style)}"
    if style.dates == "american":
        return f"{_day_and_month(first, style)}–{last.day}, {last.year}"
    return f"{first.day}–{date_long(last, style)}"


def _meridiem(moment: dt.time) -> str:
    return "am" if moment.hour < 12 else "pm"


def _clock_12(moment: dt.time) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}"


def time_of_day(moment: dt.time, style: Style = DEFAULT) -> str:
    """2:30 pm, 6 pm, 12 noon, midnight; 14:30 on the 24-hour clock."""
    if style.clock == "24-hour":
        return f"{moment.hour:02d}:{moment.minute:02d}"
    if moment == dt.time(12, 0):
        return f"12{NBSP}noon"
    if moment == dt.time(0, 0):
        return "midnight"
    return f"{_clock_12(moment)}{NBSP}{_meridiem(moment)}"


def time_range(start: dt.time, end: dt.time | None, style: Style = DEFAULT) -> str:
    """2:30–6 pm; 11 am – 2 pm across noon; from 2:30 pm when the end is open."""
    if end is None:
        return f"from {time_of_day(start, style)}"
    if style.clock == "24-hour":
        return f"{time_of_day(start, style)}–{time_of_day(end, style)}"
    plain_start = start not in (dt.time(12, 0), dt.time(0, 0))
    plain_end = end not in (dt.time(12, 0), dt.time(0, 0))
    if plain_start and plain_end and _meridiem(start) == _meridiem(end):
        return f"{_clock_12(start)}–{time_of_day(end, style)}"
    return f"{time_of_day(start, style)} – {time_of_day(end, style)}"


def date_time(moment: dt.datetime, style: Style = DEFAULT) -> str:
    """15 January 2027, 6 pm."""
    return f"{date_long(moment.date(), style)}, {time_of_day(moment.time(), style)}"


def event_dates(info: EventInfo, style: Style = DEFAULT) -> str:
    """Thursday, 17 August 2017 — or Saturday 13 to Sunday 14 March 2027; a postponed
    event its new day and the old one: (instead of 5 December 2026)."""
    first = info.held_on
    if first is None or info.end_day is None:
        return ""
    if info.end_date is None or info.end_date == info.date:
        shown = date_with_weekday(first, style)
    else:
        shown = _days_with_weekdays(first, info.end_day, style)
    if info.date is not None and first != info.date:
        shown += f" (instead of {date_long(info.date, style)})"
    return shown


def _days_with_weekdays(first: dt.date, last: dt.date, style: Style) -> str:
    """Saturday 13 to Sunday 14 March 2027 (British: the month and the year once where
    both days share them); Saturday, March 13, to Sunday, March 14, 2027 (American)."""
    if style.dates == "american":
        start = date_long(first, style) if first.year != last.year else _day_and_month(first, style)
        return f"{weekday(first)}, {start}, to {weekday(last)}, {date_long(last, style)}"
    if first.year != last.year:
        start = date_long(first, style)
    elif first.month != last.month:
        start = _day_and_month(first, style)
    else:
        start = str(first.day)
    return f"{weekday(first)} {start} to {weekday(last)} {date_long(last, style)}"


def event_times(info: EventInfo, style: Style = DEFAULT) -> str:
    """from 2:30 pm, 2:30–6 pm; over several days Saturday 10 am to Sunday 4 pm; with
    the doors' time (doors open 6:30 pm). Empty when no time is given."""
    if info.start is None:
        return ""
    first, last = info.held_on, info.end_day
    several_days = info.end_date is not None and info.end_date != info.date
    if several_days and info.end is not None and first and last:
        start, end = time_of_day(info.start, style), time_of_day(info.end, style)
        if style.dates == "american":
            shown = f"{weekday(first)}, {start}, to {weekday(last)}, {end}"
        else:  # British, as the days: Saturday 10 am to Sunday 4 pm
            shown = f"{weekday(first)} {start} to {weekday(last)} {end}"
    else:
        shown = time_range(info.start, info.end, style)
    if info.admission is not None:
        shown += f" (doors open {time_of_day(info.admission, style)})"
    return shown


# ---------------------------------------------------------------- numbers and lists


def number(value: int, style: Style = DEFAULT) -> str:
    """1,450."""
    return format_decimal(value, locale=_LOCALES[style.dates])


_ONE_TO_NINE = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def count(value: int, style: Style = DEFAULT) -> str:
    """A count in running text, as English news style writes it: one to nine in words,
    10 and more in figures (1,450)."""
    return _ONE_TO_NINE[value - 1] if 1 <= value <= 9 else number(value, style)


def money(amount: Decimal, style: Style = DEFAULT) -> str:
    """€55,555; €2,741.70: whole euros without cents."""
    whole = amount == amount.to_integral_value()
    grouped = format_decimal(
        amount, format="#,##0" if whole else "#,##0.00", locale=_LOCALES[style.dates]
    )
    return f"€{grouped}"


def join(items: Sequence[str], style: Style = DEFAULT) -> str:
    """A, B and C: no comma before 'and' (British); A, B, and C (American)."""
    items = list(items)
    if len(items) < 2:
        return items[0] if items else ""
    comma = "," if style.dates == "american" and len(items) > 2 else ""
    return f"{', '.join(items[:-1])}{comma} and {items[-1]}"


def quoted(text: str, style: Style = DEFAULT) -> str:
    """“text”; quotation marks inside become the single ones."""
    inner = text.strip()
    if "„" in inner or "‚" in inner:  # German marks: their closing “ and ‘ open in English
        inner = inner.translate(str.maketrans("„“‚‘", "‘’‘’"))
    inner = inner.translate(str.maketrans("“”»«›‹", "‘’‘’‘’"))
    return f"“{inner}”"


# ---------------------------------------------------------------- running text

_OPENING_CONTEXT = " \t\n\u00a0([{–—-/“‘"
_DASH = re.compile(r"(?<=\S) - (?=\S)|(?<=\S) -(?=[,;])")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_NUMBER_RANGE = re.compile(r"(?<![\w.,-])(\d{1,4})-(\d{1,4})(?![\w-])")
# Titles stay with the name they stand before: Dr Anna Muster, Prof. Heike Lorenz.
_TITLE = re.compile(r"(?<![\w.])(Dr\.?|Prof\.?|Mr\.?|Mrs\.?|Ms\.?) (?=[A-Z]|h\.\s?c\.)")
# German academic titles stacked before a name: Prof. Dr. Dr. h.c., Dr. Dr.
_STACKED = re.compile(
    r"(?<![\w.])(?:Prof\.?(?: Dr\.?)+|Dr\.?(?: Dr\.?)+)(?: h\.\s?c\.)?(?: mult\.)? (?=[A-Z])"
)
_UNIT = re.compile(r"(\d) ?(%)(?!\w)")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_MONTH_NAMES = "|".join(MONTHS)
# A day stays with its month, a number with the word before it: 3 October, Article 5.
_DAY_MONTH = re.compile(rf"(?<![\d.])(\d{{1,2}}) (?=(?:{_MONTH_NAMES})\b)")
_BEFORE_NUMBER = re.compile(r"(?<!\w)(Article|No\.|p\.|pp\.|Section|§§?) (?=\d)")


def refine(text: str, style: Style = DEFAULT) -> str:
    """Typeset English running text the author typed plainly: straight quotes become
    “…”/‘…’ and apostrophes ’, " - " and number ranges (2010-2015) an en dash, "..." an
    ellipsis; a title stays with the name after it, in British style without its full
    stop (Dr Anna Muster)."""
    if " -" in text:
        text = _DASH.sub(lambda m: " – " if m[0].endswith(" ") else " –", text)
    if "..." in text:
        text = _ELLIPSIS.sub("…", text)
    if '"' in text or "'" in text:
        text = _smart_quotes(text)
    if style.titles == "british":  # Dr, Prof, Mr: no full stop after a contraction
        if "Prof" in text or "Dr." in text:  # a professor is Prof alone, Dr Dr is Dr
            text = _STACKED.sub(lambda m: "Prof " if m[0].startswith("Prof") else "Dr ", text)
        text = _TITLE.sub(lambda m: m[1].rstrip(".") + NBSP, text)
    else:
        text = _TITLE.sub(rf"\1{NBSP}", text)
    text = _NUMBER_RANGE.sub("\\1–\\2", text)
    text = _DAY_MONTH.sub(rf"\1{NBSP}", text)
    text = _BEFORE_NUMBER.sub(rf"\1{NBSP}", text)
    return _UNIT.sub(r"\1\2", text)


def _smart_quotes(text: str) -> str:
    out: list[str] = []
    double_open = False
    for index, char in enumerate(text):
        before = text[index - 1] if index else " "
        if char == '"':
            opening = not double_open and before in _OPENING_CONTEXT
            out.append("“" if opening else "”")
            double_open = opening
        elif char == "'":
            after = text[index + 1] if index + 1 < len(text) else " "
            out.append("‘" if before in _OPENING_CONTEXT and after.isalnum() else "’")
        else:
            out.append(char)
    return "".join(out)


def typeset_event(event: Event, style: Style = DEFAULT) -> Event:
    """The English edition with every text (one-line and running) typeset by refine(); the
    Impressum's legal lines stay German, and are set as the German edition sets them
    (Vorstand: Dr. Anna Muster)."""
    typeset_ = typeset(event, style)
    updates = {}
    for name in ("organisation", "publisher"):
        own, english = getattr(event, name), getattr(typeset_, name)
        if own is not None and own.impressum is not None:
            impressum = german_typeset(own.impressum, event.typography)
            updates[name] = english.model_copy(update={"impressum": impressum})
    return typeset_.model_copy(update=updates) if updates else typeset_


def typeset(value: ModelT, style: Style) -> ModelT:
    def change(role: Role, text: str) -> str:
        return _refined(text, style) if role in (Role.TEXT, Role.PROSE) else text

    return map_texts(value, change)


def _refined(text: str, style: Style) -> str:
    return refined_outside_links(text, refine, style)
