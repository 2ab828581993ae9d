"""German dates, times, lists, quotes and the sponsor sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from pressgen import typography
from pressgen.model import Person, Sponsor

NBSP = "\u00a0"


def test_dates() -> None:
    day = dt.date(2017, 8, 17)
    assert typography.date_long(day) == f"17.{NBSP}August{NBSP}2017"
    assert typography.date_with_weekday(day) == f"Donnerstag, 17.{NBSP}August{NBSP}2017"
    assert typography.date_numeric(day) == "17.08.2017"
    assert typography.date_long(dt.date(2018, 3, 1)) == f"1.{NBSP}März{NBSP}2018"


def test_times() -> None:
    assert typography.time_of_day(dt.time(14, 30)) == f"14:30{NBSP}Uhr"
    assert typography.time_of_day(dt.time(15, 0)) == f"15{NBSP}Uhr"
    assert typography.time_of_day(dt.time(9, 5)) == f"9:05{NBSP}Uhr"
    assert typography.time_range(dt.time(14, 30), dt.time(18, 0)) == f"14:30 bis 18{NBSP}Uhr"
    assert typography.time_range(dt.time(14, 30), None) == f"ab 14:30{NBSP}Uhr"


def test_lists() -> None:
    assert typography.join(["A"]) == "A"
    assert typography.join(["A", "B"]) == "A und B"
    assert typography.join(["A", "B", "C"]) == "A, B und C"


def test_nested_quotes() -> None:
    assert typography.quoted("Wir sagen „Danke“.") == "„Wir sagen ‚Danke‘.“"


def test_attribution() -> None:
    assert typography.attribution(Person(name="A B", role="Chefin")) == "A B, Chefin"
    assert typography.attribution(Person(name="A B", organisation="X GmbH")) == "A B (X GmbH)"


def sponsor(name: str, article: str, **more: object) -> Sponsor:
    return Sponsor.model_validate({"name": name, "article": article, **more})


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (sponsor("JenaWirtschaft", "keiner"), "JenaWirtschaft"),
        (sponsor("Verein", "der"), "dem Verein"),
        (sponsor("Agentur", "die", short_name="ThAK"), "der Agentur (ThAK)"),
        (sponsor("Institut", "das"), "dem Institut"),
        # Plural names change their ending, so the author writes the dative form.
        (sponsor("Stadtwerke", "die", dative="den Stadtwerken Jena"), "den Stadtwerken Jena"),
    ],
)
def test_sponsor_dative(given: Sponsor, expected: str) -> None:
    assert typography.sponsor_dative(given) == expected
