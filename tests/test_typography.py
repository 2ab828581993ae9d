"""German dates, times, lists, quotes and the sponsor sentence."""

from __future__ import annotations

import datetime as dt

import pytest

from pressgen.german import typography
from pressgen.source.event import Event, Typography

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


def style(**settings: str) -> Typography:
    return Typography.model_validate(settings)


def test_date_ranges() -> None:
    assert typography.date_range(dt.date(2017, 8, 17), dt.date(2017, 8, 19)) == (
        f"17. bis 19.{NBSP}August{NBSP}2017"
    )
    assert typography.date_range(dt.date(2017, 7, 30), dt.date(2017, 8, 2)) == (
        f"30.{NBSP}Juli bis 2.{NBSP}August{NBSP}2017"
    )
    # Across the turn of the year both dates are written in full.
    assert typography.date_range(dt.date(2017, 12, 30), dt.date(2018, 1, 2)) == (
        f"30.{NBSP}Dezember{NBSP}2017 bis 2.{NBSP}Januar{NBSP}2018"
    )
    assert typography.date_range(dt.date(2017, 8, 17), None) == f"17.{NBSP}August{NBSP}2017"


def test_midnight() -> None:
    assert typography.time_of_day(dt.time(0, 0)) == f"0{NBSP}Uhr"
    assert typography.time_range(dt.time(20, 0), dt.time(0, 0)) == f"20 bis 24{NBSP}Uhr"
    assert typography.time_range(dt.time(22, 0), dt.time(2, 0)) == f"22 bis 2{NBSP}Uhr"


def test_numbers_follow_the_setting() -> None:
    assert typography.number(80) == "80"
    assert typography.number(1200) == "1.200"
    assert typography.number(1200, style(thousands="thin")) == "1\u202f200"
    assert typography.number(1200, style(thousands="none")) == "1200"
    assert typography.number(1234567) == "1.234.567"


def test_lists_with_sowie() -> None:
    assert typography.join(["A", "B", "C"], style(conjunction="sowie")) == "A, B sowie C"
    assert typography.join(["A", "B"], style(conjunction="sowie")) == "A sowie B"
    assert typography.join([], style(conjunction="sowie")) == ""


def test_guillemets() -> None:
    guillemets = style(quotes="guillemets")
    assert typography.quoted("Wir sagen „Danke“.", guillemets) == "»Wir sagen ›Danke‹.«"
    assert typography.refine('Er sagte "ja".', guillemets) == "Er sagte »ja«."
    assert typography.refine("Das „Motto“ bleibt.", guillemets) == "Das »Motto« bleibt."


@pytest.mark.parametrize(
    ("typed", "typeset"),
    [
        ('Das Motto "Ab in die Zukunft" galt.', "Das Motto „Ab in die Zukunft“ galt."),
        ("\"Wir sagen 'Danke'\", sagte sie.", "„Wir sagen ‚Danke‘“, sagte sie."),
        ("Wie geht's? Rock'n'Roll!", "Wie geht’s? Rock’n’Roll!"),
        ("Hans' Buch", "Hans’ Buch"),
        ("Kunst - und Kultur", f"Kunst{NBSP}– und Kultur"),  # a dash never starts a line
        ("Am Anger 12, 07743 Jena", f"Am Anger 12, 07743{NBSP}Jena"),
        ("Haas (stellv. Vorsitzende)", f"Haas (stellv.{NBSP}Vorsitzende)"),
        ("IT-Themen und -modelle, Lego-Stadt", "IT-Themen und -modelle, Lego-Stadt"),
        ("z. B. heute, z.B. morgen", f"z.{NBSP}B. heute, z.{NBSP}B. morgen"),
        ("Der Verein e.V. und u.a. d. h.", f"Der Verein{NBSP}e.{NBSP}V. und u.{NBSP}a. d.{NBSP}h."),
        # What belongs to the word before stays on its line; an ordinal stays with its noun.
        ("Ministerpräsident a. D. Peter Müller", f"Ministerpräsident{NBSP}a.{NBSP}D. Peter Müller"),
        (
            "Willnow ist 1. Vorsitzender, Bartsch 2. Vorsitzender",
            f"Willnow ist 1.{NBSP}Vorsitzender, Bartsch 2.{NBSP}Vorsitzender",
        ),
        ("zum 50. Geburtstag", f"zum 50.{NBSP}Geburtstag"),
        ("von 11 bis 15 Uhr, ab 20 Uhr", f"von{NBSP}11 bis{NBSP}15{NBSP}Uhr, ab{NBSP}20{NBSP}Uhr"),
        ("Getränke - und Obst -, am Ziel", f"Getränke{NBSP}– und Obst{NBSP}–, am Ziel"),
        ("Bis dahin", "Bis dahin"),
        ("Seite 3. der Rest", "Seite 3. der Rest"),
        ("1.000. Besucher", "1.000. Besucher"),
        ("Kaffee. Viel", "Kaffee. Viel"),
        ("am 17.August 2017 um 14:30 Uhr", f"am 17.{NBSP}August{NBSP}2017 um{NBSP}14:30{NBSP}Uhr"),
        ("5 € und 20 % und 3,5 km", f"5{NBSP}€ und 20{NBSP}% und 3,5{NBSP}km"),
        ("nach § 13 UrhG", f"nach §{NBSP}13 UrhG"),
        ("Teilnehmer*innen und Besucher:innen", "Teilnehmer*innen und Besucher:innen"),
        ('Gäste ("VIP")', "Gäste („VIP“)"),
        ("nach §13 UrhG und §§ 3-5", f"nach §{NBSP}13 UrhG und §§{NBSP}3–5"),
        ("Nr.5 auf S.12", f"Nr.{NBSP}5 auf S.{NBSP}12"),
        ("Und dann... kam er.", "Und dann… kam er."),
        ("Ein Satz ... und weiter", "Ein Satz … und weiter"),
        ("Vier Punkte.... bleiben", "Vier Punkte.... bleiben"),
        ("von 2010-2015 und 14-16 Uhr", f"von{NBSP}2010–2015 und 14–16{NBSP}Uhr"),
        ("am 2017-08-17 um 10 Uhr", f"am 2017-08-17 um{NBSP}10{NBSP}Uhr"),
        ("Tel. 03641 123456-11", "Tel. 03641 123456-11"),
        ("A-1 und B2-3a", "A-1 und B2-3a"),
        ("1.000-2.000 Gäste", "1.000-2.000 Gäste"),
        (
            "V.l.n.r.: Anna, Ben; v.l.n.r. Carla",
            f"V.{NBSP}l.{NBSP}n.{NBSP}r.: Anna, Ben; v.{NBSP}l.{NBSP}n.{NBSP}r. Carla",
        ),
    ],
)
def test_refine(typed: str, typeset: str) -> None:
    assert typography.refine(typed) == typeset


@pytest.fixture
def event() -> Event:
    from helpers import SEED

    from pressgen.source.validate import load_event

    return load_event(SEED)


def test_links_are_not_typeset(event: Event) -> None:
    changed = event.model_copy(
        update={
            "organisation": event.organisation.model_copy(
                update={"about": 'Siehe [die "Seite"](https://x.example/a-"b"-c) - danke'}
            )
        }
    )
    about = typography.typeset_event(changed).organisation.about
    assert about == f'Siehe [die „Seite“](https://x.example/a-"b"-c){NBSP}– danke'


def test_addresses_and_code_are_not_typeset() -> None:
    text = (
        "Mail an presse@verein-2010-2015.de ... oder https://x.de/2010-2015/a...b "
        "und <https://x.de/§13> lesen"
    )
    assert typography._refine_outside_links(text, typography.DEFAULT) == (
        "Mail an presse@verein-2010-2015.de … oder https://x.de/2010-2015/a...b "
        "und <https://x.de/§13> lesen"
    )


def test_character_count() -> None:
    assert typography.character_count(["ab c", "d\n e"]) == len("ab c") + len("d e")
    assert typography.character_count([f"17.{NBSP}August"]) == 10


@pytest.mark.parametrize(
    ("written", "international", "national"),
    [
        ("03641 123456-11", "+49 3641 123456-11", "03641 123456-11"),
        ("+49 3641 123456", "+49 3641 123456", "03641 123456"),
        ("(03641) 12 34 56", "+49 3641 123456", "03641 123456"),
        ("03641/123456", "+49 3641 123456", "03641 123456"),
        ("03641 / 123456 - 0", "+49 3641 123456-0", "03641 123456-0"),
        ("0049 3641 123456", "+49 3641 123456", "03641 123456"),
        ("+49 (0)3641 123456-11", "+49 3641 123456-11", "03641 123456-11"),
        ("+49 (0) 3641 / 12 34 56 - 11", "+49 3641 123456-11", "03641 123456-11"),
        ("0151 12345678", "+49 151 12345678", "0151 12345678"),
        ("030 1234567", "+49 30 1234567", "030 1234567"),
        ("0800 1234567", "+49 800 1234567", "0800 1234567"),
        ("+43 1 5321234", "+43 1 5321234", "+43 1 5321234"),
        ("0043 (0)1 532 12 34", "+43 1 532 12 34", "+43 1 532 12 34"),
        # The area code cannot be told apart, or it is not a plain number: as written.
        ("03641123456", "03641123456", "03641123456"),
        ("030-1234567", "030-1234567", "030-1234567"),
        ("Tel. 030 1234567", "Tel. 030 1234567", "Tel. 030 1234567"),
        ("+49 3641 123456 (Zentrale)", "+49 3641 123456 (Zentrale)", "+49 3641 123456 (Zentrale)"),
    ],
)  # fmt: skip
def test_phone_numbers(written: str, international: str, national: str) -> None:
    """DIN 5008: area code set apart by a space, the number in one block, the extension
    after a hyphen; never split across lines."""
    for setting, expected in (("international", international), ("national", national)):
        shown = typography.phone_number(written, Typography(phone=setting))
        assert shown.replace(NBSP, " ") == expected, setting
        assert " " not in shown or shown == written, "no breaking space inside a number"
    assert typography.phone_number(written, Typography(phone="as_written")) == written


def _info(**fields: object) -> object:
    from pressgen.source.event import EventInfo

    base = {"title": "T", "date": "2027-03-13", "venue": {"name": "Halle"}}
    return EventInfo.model_validate({**base, **fields})


@pytest.mark.parametrize(
    ("fields", "dates", "times"),
    [
        ({"start": "14:30"}, "Samstag, 13. März 2027", "ab 14:30 Uhr"),
        ({"start": "14:30", "end": "18:00"}, "Samstag, 13. März 2027", "14:30 bis 18 Uhr"),
        ({"start": "19:00", "end": "22:00", "admission": "18:30"}, "Samstag, 13. März 2027",
         "19 bis 22 Uhr (Einlass 18:30 Uhr)"),
        ({"start": "22:00", "end": "02:00"}, "Samstag, 13. März 2027", "22 bis 2 Uhr"),
        ({"end_date": "2027-03-14", "start": "10:00", "end": "16:00"},
         "Samstag, 13., bis Sonntag, 14. März 2027", "Samstag, 10 Uhr, bis Sonntag, 16 Uhr"),
        ({"end_date": "2027-04-02"}, "Samstag, 13. März, bis Freitag, 2. April 2027", ""),
        ({"date": "2026-12-30", "end_date": "2027-01-02"},
         "Mittwoch, 30. Dezember 2026, bis Samstag, 2. Januar 2027", ""),
        ({"status": "postponed", "postponed_to": "2027-05-08", "start": "19:00"},
         "Samstag, 8. Mai 2027 (statt 13. März 2027)", "ab 19 Uhr"),
        ({"status": "postponed", "postponed_to": "2027-05-08", "end_date": "2027-03-14"},
         "Samstag, 8., bis Sonntag, 9. Mai 2027 (statt 13. März 2027)", ""),
    ],
)  # fmt: skip
def test_event_dates_and_times(fields: dict[str, object], dates: str, times: str) -> None:
    info = _info(**fields)
    assert typography.event_dates(info).replace(NBSP, " ") == dates  # type: ignore[arg-type]
    assert typography.event_times(info).replace(NBSP, " ") == times  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sagt Dr. Anna Muster", f"sagt Dr.{NBSP}Anna Muster"),
        ("Prof. Dr. Heike Lorenz", f"Prof.{NBSP}Dr.{NBSP}Heike Lorenz"),
        ("Dipl.-Ing. Max Muster", f"Dipl.-Ing.{NBSP}Max Muster"),
        ("Mag. Teresa Hofbauer", f"Mag.{NBSP}Teresa Hofbauer"),
        ("am Dr.-Otto-Platz", "am Dr.-Otto-Platz"),
    ],
)
def test_titles_stay_with_the_name(text: str, expected: str) -> None:
    assert typography.refine(text) == expected
