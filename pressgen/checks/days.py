"""Which days a text names: 17. August 2017, 17.08.2017, am 18. und 19. September; in
the English edition 17 August 2017, 17–19 August, August 17, 2017."""

from __future__ import annotations

import datetime as dt
import re

from pressgen.english import typography as english

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("Januar", "Jan.", "Jänner"),
            ("Februar", "Feb.", "Febr."),
            ("März", "Mär.", "Mrz."),
            ("April", "Apr."),
            ("Mai",),
            ("Juni", "Jun."),
            ("Juli", "Jul."),
            ("August", "Aug."),
            ("September", "Sep.", "Sept."),
            ("Oktober", "Okt."),
            ("November", "Nov."),
            ("Dezember", "Dez."),
        ],
        start=1,
    )
    for name in names
}
_MONTH = "|".join(re.escape(name) for name in sorted(MONTHS, key=len, reverse=True))
# "18.", then more days joined by commas, und, bis (zum), – or -; then the month.
_WORDS = re.compile(
    r"(?<!\d)(\d{1,2})\.((?:\s*(?:,|und|bis(?:\s+zum)?|–|-)\s*(?:den\s+)?\d{1,2}\.)*)"
    rf"\s*({_MONTH})(?!\w)(?:\s+(\d{{4}}))?"
)
_JOINED = re.compile(r"(,|und|bis(?:\s+zum)?|–|-)\s*(?:den\s+)?(\d{1,2})\.")
_NUMERIC = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d])")
ENGLISH_MONTHS = {name: number for number, name in enumerate(english.MONTHS, start=1)}
_ENGLISH_MONTH = "|".join(ENGLISH_MONTHS)
_ORDINAL = r"(?:st|nd|rd|th)?"
# 17 August 2017, 17–19 August, 17th and 18th August
_DAY_MONTH = re.compile(
    rf"(?<![\d.])(\d{{1,2}}){_ORDINAL}(?!\d)((?:\s*(?:,|and|to|–|-)\s*\d{{1,2}}{_ORDINAL})*)"
    rf"\s+(?:of\s+)?({_ENGLISH_MONTH})(?!\w)(?:,?\s+(\d{{4}}))?"
)
# August 17, 2017; August 17–19
_MONTH_DAY = re.compile(
    rf"(?<!\w)({_ENGLISH_MONTH})\s+(\d{{1,2}}){_ORDINAL}(?![\d\w])"
    rf"((?:\s*(?:,|and|to|–|-)\s*\d{{1,2}}{_ORDINAL}(?!\d))*)(?:,\s+(\d{{4}}))?"
)
_ENGLISH_JOINED = re.compile(rf"(,|and|to|–|-)\s*(\d{{1,2}}){_ORDINAL}")


_DAYS = (_WORDS, _NUMERIC, _DAY_MONTH, _MONTH_DAY)


def without_days(text: str) -> str:
    """The text with every day it names left out (what mentioned_days reads)."""
    for pattern in _DAYS:
        text = pattern.sub(" ", text)
    return text


def mentioned_days(text: str, default_year: int) -> set[dt.date]:
    """Every day the text names; a range names each day in it. A missing year is
    `default_year` (the event's): "am 17. August" names that year's 17 August."""
    days: set[dt.date | None] = set()
    for match in _WORDS.finditer(text):
        month = MONTHS[match[3]]
        year = int(match[4]) if match[4] else default_year
        numbers = [(",", int(match[1]))]
        numbers += [(joiner, int(day)) for joiner, day in _JOINED.findall(match[2])]
        previous = None
        for joiner, number in numbers:
            if previous is not None and joiner not in (",", "und"):
                days |= {_day(year, month, n) for n in range(previous + 1, number)} - {None}
            days.add(_day(year, month, number))
            previous = number
    for match in _NUMERIC.finditer(text):
        year = int(match[3]) if len(match[3]) == 4 else 2000 + int(match[3])
        days.add(_day(year, int(match[2]), int(match[1])))
    english = [(m[1], m[2], m[3], m[4]) for m in _DAY_MONTH.finditer(text)]
    english += [(m[2], m[3], m[1], m[4]) for m in _MONTH_DAY.finditer(text)]
    for first, more, month_name, year_text in english:
        month = ENGLISH_MONTHS[month_name]
        year = int(year_text) if year_text else default_year
        previous = int(first)
        days.add(_day(year, month, previous))
        for joiner, number in _ENGLISH_JOINED.findall(more):
            if joiner not in (",", "and"):
                days |= {_day(year, month, n) for n in range(previous + 1, int(number))}
            days.add(_day(year, month, int(number)))
            previous = int(number)
    return {day for day in days if day is not None}


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
