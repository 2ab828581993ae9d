"""Which way of gendering a German text uses: Teilnehmer*innen, Teilnehmer:innen,
Teilnehmer_innen, TeilnehmerInnen, Teilnehmer/-innen, Teilnehmerinnen und Teilnehmer.

Neutral forms (Teilnehmende, Studierende) go with every style and are not
counted; the generic masculine cannot be told from plain words.
"""

from __future__ import annotations

import functools
import re

# The names match typography.gender where a setting exists.
_STYLES: list[tuple[str, re.Pattern[str]]] = [
    ("stern", re.compile(r"\b\w{3,}\*(?:innen|in)\b")),
    ("doppelpunkt", re.compile(r"\b\w{3,}:(?:innen|in)\b")),
    ("unterstrich", re.compile(r"\b\w{3,}_(?:innen|in)\b")),
    # Plural "Innen", or "erIn": LinkedIn is no gendered form.
    ("binnen-I", re.compile(r"\b[A-ZÄÖÜ][a-zäöüß]{2,}(?:Innen|erIn)\b")),
    ("schrägstrich", re.compile(r"\b\w{3,}/-?(?:innen|in)\b")),
    (
        "paarform",
        re.compile(
            r"\b([A-ZÄÖÜ]\w{2,}?)innen (?:und|oder|bzw\.) \1(?:en|e|n)?\b"
            r"|\b([A-ZÄÖÜ]\w{2,}?)(?:en|e|n)? (?:und|oder|bzw\.) \2innen\b"
        ),
    ),
]


def gendered_forms(text: str) -> tuple[tuple[str, str], ...]:
    """(style, the words as written) for every gendered form in the text, in order."""
    return _gendered_forms(text)


@functools.lru_cache(maxsize=8192)  # the same texts again on every render of an event
def _gendered_forms(text: str) -> tuple[tuple[str, str], ...]:
    text = " ".join(text.replace("\u00ad", "").split())
    if not any(mark in text for mark in _MARKS):
        return ()
    found: list[tuple[int, str, str]] = []
    for style, pattern in _STYLES:
        found += [(match.start(), style, match[0]) for match in pattern.finditer(text)]
    return tuple((style, words) for _, style, words in sorted(found))


# Every gendered form has one of these (the pair form its "innen"): a text without any
# needs no pattern.
_MARKS = ("innen", "In", "*in", ":in", "_in", "/in", "/-in")
