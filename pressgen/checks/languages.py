"""The German and the English edition say the same: the same days, times and numbers in
the author's texts, the same people, places and sponsors, the same quotes by the same
speakers. The Sperrfrist is one fact of both: the same by construction, and held for
both (tests/test_embargo_matrix.py builds both editions).

The facts pressgen writes itself (facts box, programme, thanks) are shared by
construction; what can drift is the author's words, written twice. Each finding is
located at the English text, where the translation is. A newsletter file's own words
(its intro, its news items) are compared for days, times and numbers (issue_check).

    PG113  a day or a time named in one edition's texts and not in the other's
    PG114  a number in one edition's texts and not in the other's
    PG115  a person, place or sponsor named in one edition's texts and not in the other's
    PG116  the editions place other quotes, or in another order
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from pressgen.checks.days import mentioned_days, without_days
from pressgen.checks.findings import Findings
from pressgen.checks.reading import fold
from pressgen.clock import current_time
from pressgen.errors import Problem
from pressgen.present.event import Presentation
from pressgen.present.issue import IssuePresentation
from pressgen.source import prose
from pressgen.source.loader import Loc, SourceMap

_BODY: Loc = ("en", "press_release", "body")

# 14:30 Uhr, 15 Uhr, 14:30 — and 2:30 pm, 3 pm, noon, midnight
_GERMAN_TIME = re.compile(
    r"(?<![\d.:])(\d{1,2})(?::(\d{2}))?\s*Uhr\b|(?<![\d.:])(\d{1,2}):(\d{2})(?![\d:])"
)
_ENGLISH_TIME = re.compile(
    r"(?<![\d.:])(\d{1,2})(?::(\d{2}))?\s*(am|pm)\b|(?<![\d.:])(\d{1,2}):(\d{2})(?![\d:])"
    r"|\b(noon|midnight)\b"
)
# 1.450 / 1,450, 2,5 / 2.5; an English ordinal (27th) is its number, as the German 27.
_NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?:st|nd|rd|th)?(?![\w])")


def check(german: Presentation, english: Presentation, source: SourceMap) -> list[Problem]:
    """What the English edition says differently from the German in the author's words."""
    found = Findings(source)
    de_text, en_text = _authors_words(german), _authors_words(english)
    held_on = german.event.event.held_on
    year = held_on.year if held_on else current_time().year  # a draft's open day
    _same_days_times_and_numbers(found, de_text, en_text, year, _BODY)
    for de_name, en_name in _names(german, english):
        in_german = _named(de_name, de_text)
        if in_german == _named(en_name, en_text):
            continue
        name, side = (de_name, "German") if in_german else (en_name, "English")
        seite = "deutschen" if in_german else "englischen"
        found.add(
            "PG115",
            _BODY,
            f"{name} is named in the {side} text and not in the other edition's",
            f"{name} wird im {seite} Text genannt, in der anderen Fassung nicht",
        )
    _quotes(german, english, found)
    return found.items


def issue_check(
    german: IssuePresentation, english: IssuePresentation, source: SourceMap
) -> list[Problem]:
    """The same for a newsletter file's own words (its events are checked in their own
    files): the intro and each news item name the same days, times and numbers in both."""
    found = Findings(source)
    published = german.frame.event.press_release.publication_date
    year = published.year if published else current_time().year  # a day without its year
    pairs: list[tuple[str, str, Loc]] = [(german.intro, english.intro, ("en", "issue", "intro"))]
    for index, (de_entry, en_entry) in enumerate(zip(german.entries, english.entries, strict=True)):
        if de_entry.kind == "news":
            pairs.append(
                (
                    f"{de_entry.headline} {de_entry.text}",
                    f"{en_entry.headline} {en_entry.text}",
                    ("en", "items", index, "news", "text"),
                )
            )
    for de_text, en_text, loc in pairs:
        _same_days_times_and_numbers(found, fold(de_text), fold(en_text), year, loc)
    return found.items


def _same_days_times_and_numbers(
    found: Findings, de_text: str, en_text: str, year: int, loc: Loc
) -> None:
    """PG113 and PG114: the days, the times and the numbers both texts name."""
    days = (mentioned_days(de_text, year), mentioned_days(en_text, year))
    _differing(
        found,
        "PG113",
        days,
        lambda day: f"{day:%d.%m.%Y}",
        (
            "the {side} text names {it} and the other edition does not",
            "Der {seite} Text nennt den {it}, die andere Fassung nicht",
        ),
        loc,
    )
    times = (_times(de_text, german=True), _times(en_text, german=False))
    _differing(
        found,
        "PG113",
        times,
        lambda moment: f"{moment:%H:%M}",
        (
            "the {side} text names the time {it} and the other edition does not",
            "Der {seite} Text nennt die Uhrzeit {it}, die andere Fassung nicht",
        ),
        loc,
    )
    numbers = (_numbers(de_text, german=True), _numbers(en_text, german=False))
    _differing(
        found,
        "PG114",
        numbers,
        str,
        (
            "the number {it} stands in the {side} text and not in the other edition's",
            "Die Zahl {it} steht im {seite}n Text, nicht in der anderen Fassung",
        ),
        loc,
    )


def _differing(
    found: Findings,
    code: str,
    both: tuple[set[Any], set[Any]],
    shown: Callable[[Any], str],
    messages: tuple[str, str],
    loc: Loc,
) -> None:
    """One finding for each thing one edition's texts name and the other's do not."""
    german, english = both
    for thing in sorted(german ^ english):
        in_german = thing in german
        side, seite = ("German", "deutsche") if in_german else ("English", "englische")
        found.add(
            code,
            loc,
            messages[0].format(side=side, it=shown(thing)),
            messages[1].format(seite=seite, it=shown(thing)),
        )


def _authors_words(shown: Presentation) -> str:
    """The edition's texts as its author wrote them: headline, subline, the paragraphs of
    the body (or the invitation's own), teaser and preheader."""
    release, newsletter = shown.event.press_release, shown.event.newsletter
    parts = [release.headline, release.subline or "", newsletter.teaser or ""]
    parts += [block.text for block in shown.blocks if block.kind == "paragraph"]
    return fold(" ".join(prose.to_text(part) for part in parts if part))


def _times(text: str, *, german: bool) -> set[dt.time]:
    times: set[dt.time] = set()
    if german:
        for match in _GERMAN_TIME.finditer(text):
            hour, minute = (match[1], match[2]) if match[1] else (match[3], match[4])
            times |= _time(int(hour), int(minute or 0))
        return times
    for match in _ENGLISH_TIME.finditer(text):
        if match[6]:
            times.add(dt.time(12) if match[6] == "noon" else dt.time(0))
        elif match[3]:
            hour = int(match[1]) % 12 + (12 if match[3] == "pm" else 0)
            times |= _time(hour, int(match[2] or 0))
        else:
            times |= _time(int(match[4]), int(match[5]))
    return times


def _time(hour: int, minute: int) -> set[dt.time]:
    return {dt.time(hour, minute)} if hour < 24 and minute < 60 else set()


def _numbers(text: str, *, german: bool) -> set[str]:
    """The numbers of a text outside its days and times (compared as such), in one
    notation (1450, 2.5)."""
    times = _GERMAN_TIME if german else _ENGLISH_TIME
    text = times.sub(" ", without_days(text))
    numbers = set()
    for written in _NUMBER.findall(text):
        group, decimal = (".", ",") if german else (",", ".")
        plain = re.sub(rf"\{group}(?=\d{{3}}(?!\d))", "", written).replace(decimal, ".")
        numbers.add(plain.rstrip("."))
    return numbers


def _names(german: Presentation, english: Presentation) -> Iterable[tuple[str, str]]:
    """The names both editions share, each as its edition writes it (a group's or an
    office's name may be given in English): people, the organisation, sponsors, venues."""

    def names(shown: Presentation) -> list[str]:
        event = shown.event
        found = [person.name for person in event.people.values()]
        found += [sponsor.name for sponsor in event.sponsors]
        found.append(event.organisation.name)
        venues = [event.event.venue, *(item.venue for item in event.programme)]
        found += [venue.name for venue in venues if venue is not None and venue.name]
        return [fold(name) for name in found]

    return dict.fromkeys(zip(names(german), names(english), strict=True))


def _named(name: str, text: str) -> bool:
    """Whether the text names it, in whatever inflection: „im Historischen Rathaus“ names
    the Historisches Rathaus; the words of four letters and more count, each by its stem
    (e. V. and e.V. are the same)."""
    words = re.findall(r"\w{4,}", name)
    if not words:
        return name in text
    lowered = text.lower()
    return all(word[: max(4, len(word) - 2)].lower() in lowered for word in words)


def _quotes(german: Presentation, english: Presentation, found: Findings) -> None:
    said = [(block.quote_key, block.speaker) for block in german.blocks if block.kind == "quote"]
    translated = [
        (block.quote_key, block.speaker) for block in english.blocks if block.kind == "quote"
    ]
    if [key for key, _ in said] != [key for key, _ in translated]:
        found.add(
            "PG116",
            _BODY,
            "the English text places other quotes, or in another order, than the German: "
            f"{', '.join(key for key, _ in said)} against "
            f"{', '.join(key for key, _ in translated)}",
            "Der englische Text setzt andere Zitate oder eine andere Reihenfolge als der "
            f"deutsche: {', '.join(key for key, _ in said)} gegenüber "
            f"{', '.join(key for key, _ in translated)}",
        )
