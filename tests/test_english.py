"""Every sentence and form the English edition writes itself, as a table of exact English."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from pressgen.english import phrases, typography
from pressgen.english.typography import NBSP, Style
from pressgen.source.event import (
    Accreditation,
    Award,
    Event,
    EventInfo,
    Handover,
    Organisation,
    Person,
    ProgrammeItem,
    Quote,
    Venue,
)

BRITISH = Style()
AMERICAN = Style(dates="american")
CLOCK_24 = Style(clock="24-hour")


def plain(text: str) -> str:
    return text.replace(NBSP, " ")


# ---------------------------------------------------------------- dates, times, numbers

D = dt.date
T = dt.time

FORMS: list[tuple[Any, str]] = [
    (lambda: typography.date_long(D(2017, 8, 17)), "17 August 2017"),
    (lambda: typography.date_long(D(2017, 8, 17), AMERICAN), "August 17, 2017"),
    (lambda: typography.date_with_weekday(D(2017, 8, 17)), "Thursday, 17 August 2017"),
    (lambda: typography.date_with_weekday(D(2027, 1, 15), AMERICAN), "Friday, January 15, 2027"),
    (lambda: typography.date_numeric(D(2017, 8, 7)), "07/08/2017"),
    (lambda: typography.date_numeric(D(2017, 8, 7), AMERICAN), "08/07/2017"),
    (lambda: typography.date_range(D(2017, 8, 17), D(2017, 8, 19)), "17–19 August 2017"),
    (lambda: typography.date_range(D(2017, 7, 30), D(2017, 8, 2)), "30 July – 2 August 2017"),
    (lambda: typography.date_range(D(2026, 12, 30), D(2027, 1, 2)), "30 December 2026 – 2 January 2027"),
    (lambda: typography.date_range(D(2017, 8, 17), D(2017, 8, 19), AMERICAN), "August 17–19, 2017"),
    (lambda: typography.date_range(D(2017, 8, 17), None), "17 August 2017"),
    (lambda: typography.time_of_day(T(14, 30)), "2:30 pm"),
    (lambda: typography.time_of_day(T(9, 5)), "9:05 am"),
    (lambda: typography.time_of_day(T(18)), "6 pm"),
    (lambda: typography.time_of_day(T(12)), "12 noon"),
    (lambda: typography.time_of_day(T(0)), "midnight"),
    (lambda: typography.time_of_day(T(14, 30), CLOCK_24), "14:30"),
    (lambda: typography.time_of_day(T(9), CLOCK_24), "09:00"),
    (lambda: typography.time_range(T(14, 30), T(18)), "2:30–6 pm"),
    (lambda: typography.time_range(T(11), T(14)), "11 am – 2 pm"),
    (lambda: typography.time_range(T(10), T(12)), "10 am – 12 noon"),
    (lambda: typography.time_range(T(14, 30), None), "from 2:30 pm"),
    (lambda: typography.time_range(T(14, 30), T(18), CLOCK_24), "14:30–18:00"),
    (lambda: typography.date_time(dt.datetime(2027, 1, 15, 18)), "15 January 2027, 6 pm"),
    (lambda: typography.number(1450), "1,450"),
    (lambda: typography.number(80), "80"),
    (lambda: typography.money(Decimal("2500")), "€2,500"),
    (lambda: typography.money(Decimal("2741.70")), "€2,741.70"),
    (lambda: typography.join(["JenaWirtschaft", "ThAK", "Sparkasse Jena"]), "JenaWirtschaft, ThAK and Sparkasse Jena"),
    (lambda: typography.join(["A", "B", "C"], AMERICAN), "A, B, and C"),
    (lambda: typography.join(["A", "B"]), "A and B"),
    (lambda: typography.quoted("Digitalisation starts with people."), "“Digitalisation starts with people.”"),
    (lambda: typography.quoted("the motto „Gemeinsam digital“"), "“the motto ‘Gemeinsam digital’”"),
    (lambda: typography.refine('She said "it\'s done" - at last...'), "She said “it’s done” – at last…"),
    (lambda: typography.refine("from 2010-2015, up 5 %, with Dr. Muster"), "from 2010–2015, up 5%, with Dr Muster"),
    (lambda: typography.refine("Prof. Dr. Farid Haider and Mrs. Ada"), "Prof Farid Haider and Mrs Ada"),
    # British copy does not stack German academic titles: a professor is Prof alone.
    (lambda: typography.refine("Prof. Dr. Dr. h.c. Dieter Lenzen"), "Prof Dieter Lenzen"),
    (lambda: typography.refine("Dr. Dr. Ada Lovelace and Dr. h.c. Max Muster"), "Dr Ada Lovelace and Dr h.c. Max Muster"),
    (lambda: typography.refine("Prof. Dr. Dieter Lenzen", typography.Style(titles="american")), "Prof. Dr. Dieter Lenzen"),
    (lambda: typography.refine("with Dr. Muster", typography.Style(titles="american")), "with Dr. Muster"),
    (lambda: typography.refine("on 3 October under Article 5"), "on 3 October under Article 5"),
]  # fmt: skip


@pytest.mark.parametrize(("made", "expected"), FORMS)
def test_forms(made: Any, expected: str) -> None:
    assert plain(made()) == expected


def info(**given: Any) -> EventInfo:
    data: dict[str, Any] = {"title": "Workshop afternoon", "date": "2017-08-17"}
    return EventInfo.model_validate({**data, **given})


@pytest.mark.parametrize(
    ("given", "dates", "times"),
    [
        ({"start": "14:30", "end": "18:00"}, "Thursday, 17 August 2017", "2:30–6 pm"),
        ({"start": "18:30", "admission": "18:00"}, "Thursday, 17 August 2017", "from 6:30 pm (doors open 6 pm)"),
        ({"date": "2027-03-13", "end_date": "2027-03-14", "start": "10:00", "end": "16:00"},
         "Saturday 13 to Sunday 14 March 2027", "Saturday 10 am to Sunday 4 pm"),
        ({"date": "2027-04-30", "end_date": "2027-05-01"},
         "Friday 30 April to Saturday 1 May 2027", ""),
        ({"date": "2027-12-31", "end_date": "2028-01-01", "start": "20:00", "end": "02:00"},
         "Friday 31 December 2027 to Saturday 1 January 2028", "Friday 8 pm to Saturday 2 am"),
        ({"status": "postponed", "postponed_to": "2017-09-21", "start": "14:30"},
         "Thursday, 21 September 2017 (instead of 17 August 2017)", "from 2:30 pm"),
    ],
)  # fmt: skip
def test_event_dates_and_times(given: dict[str, Any], dates: str, times: str) -> None:
    shown = info(**given)
    assert plain(typography.event_dates(shown)) == dates
    assert plain(typography.event_times(shown)) == times


@pytest.mark.parametrize(
    ("given", "dates", "times"),
    [
        ({"date": "2027-03-13", "end_date": "2027-03-14", "start": "10:00", "end": "16:00"},
         "Saturday, March 13, to Sunday, March 14, 2027", "Saturday, 10 am, to Sunday, 4 pm"),
        ({"date": "2027-12-31", "end_date": "2028-01-01"},
         "Friday, December 31, 2027, to Saturday, January 1, 2028", ""),
    ],
)  # fmt: skip
def test_american_event_dates_and_times(given: dict[str, Any], dates: str, times: str) -> None:
    shown, american = info(**given), typography.Style(dates="american")
    assert plain(typography.event_dates(shown, american)) == dates
    assert plain(typography.event_times(shown, american)) == times


# ---------------------------------------------------------------- people and quotes

ANNA = Person(name="Dr. Anna Muster", role="Chair of the Board", organisation="TowerByte eG")
BEN = Person(
    name="Ben Beispiel",
    role="Chair of the Board of Stadtwerke Jena",
    organisation="Stadtwerke Jena",
)
MAYOR = Person(name="Cornelia Petzold-Schick", role="Bruchsal's Lord Mayor", role_before_name=True)
GUESTS = Person(name="the guests", plural=True)
VIDEO = Person(name="Lea Lang", role="Minister of Culture", presence="video_message")
ONLINE = Person(name="Markus Lewe", role="Mayor of Münster", presence="online")


@pytest.mark.parametrize(
    ("person", "full"),
    [
        (ANNA, "Dr. Anna Muster, Chair of the Board at TowerByte eG"),
        (BEN, "Ben Beispiel, Chair of the Board of Stadtwerke Jena"),
        (MAYOR, "Bruchsal's Lord Mayor Cornelia Petzold-Schick"),
        (Person(name="Christoph Kögler", organisation="T-Systems"), "Christoph Kögler (T-Systems)"),
        (Person(name="Erika Muster"), "Erika Muster"),
    ],
)
def test_full_name(person: Person, full: str) -> None:
    assert phrases.full_name(person) == full


def _said(quote: Quote, people: list[Person], full: bool = True, **known: Any) -> str:
    made = phrases.quote_sentence(quote, people, full=full, style=BRITISH, **known)
    return plain(made.before + made.words + made.after)


@pytest.mark.parametrize(
    ("quote", "people", "full", "sentence"),
    [
        (Quote(text="Digitalisation starts with people.", by="anna", verb="said"), [ANNA], True,
         "“Digitalisation starts with people,” said Dr. Anna Muster, Chair of the Board at TowerByte eG."),
        (Quote(text="We are ready.", by="anna", verb="says"), [ANNA], True,
         "“We are ready,” says Dr. Anna Muster, Chair of the Board at TowerByte eG."),
        (Quote(text="Is this the future?", by="anna", verb="said"), [ANNA], False,
         "“Is this the future?” said Dr. Anna Muster."),
        (Quote(text="Thank you", by="anna", verb="said"), [ANNA, BEN], True,
         "“Thank you,” said Dr. Anna Muster, Chair of the Board at TowerByte eG, and Ben Beispiel, Chair of the Board of Stadtwerke Jena."),
        (Quote(text="We are ready.", by="anna", verb="says"), [ANNA, BEN], False,
         "“We are ready,” say Dr. Anna Muster and Ben Beispiel."),
        (Quote(text="Good", by="lang", verb="said"), [VIDEO], True,
         "“Good,” said Lea Lang, Minister of Culture, in a video message."),
        (Quote(text="It was a great day.", by="anna", verb="said", lead_in="was delighted"), [ANNA], True,
         "Dr. Anna Muster, Chair of the Board at TowerByte eG, was delighted: “It was a great day.”"),
        (Quote(text="Thanks to everyone", by="lewe", verb="said", lead_in="added"), [ONLINE], True,
         "Markus Lewe, Mayor of Münster, added via video link: “Thanks to everyone”."),
        # Said and asked go before the speaker; any other verb after the subject.
        (Quote(text="We are ready.", by="anna", verb="stressed"), [ANNA], True,
         "“We are ready,” Dr. Anna Muster, Chair of the Board at TowerByte eG, stressed."),
        (Quote(text="We are ready.", by="anna", verb="emphasises"), [ANNA, BEN], False,
         "“We are ready,” Dr. Anna Muster and Ben Beispiel emphasise."),
        (Quote(text="Good", by="lang", verb="added"), [VIDEO], False,
         "“Good,” Lea Lang added in a video message."),
        (Quote(text="Why now?", by="anna", verb="asked"), [ANNA], False,
         "“Why now?” asked Dr. Anna Muster."),
    ],
)  # fmt: skip
def test_quote_sentence(quote: Quote, people: list[Person], full: bool, sentence: str) -> None:
    assert _said(quote, people, full) == sentence


def test_a_later_quote_names_the_surname() -> None:
    known = phrases.later_mentions([ANNA, BEN])
    assert known == {"Dr. Anna Muster": "Muster", "Ben Beispiel": "Beispiel"}
    quote = Quote(text="Yes.", by="anna", verb="said")
    assert _said(quote, [ANNA], full=False, known_as=known) == "“Yes,” said Muster."


@pytest.mark.parametrize(
    ("people", "speaker"),
    [
        ([ANNA], "Dr. Anna Muster, Chair of the Board at TowerByte eG"),
        ([VIDEO], "Lea Lang, Minister of Culture (by video message)"),
        ([ONLINE], "Markus Lewe, Mayor of Münster (via video link)"),
    ],
)
def test_pull_quote_speaker(people: list[Person], speaker: str) -> None:
    assert phrases.pull_quote_speaker(people) == speaker


@pytest.mark.parametrize(
    ("person", "listed"),
    [
        (BEN, "Ben Beispiel (Chair of the Board of Stadtwerke Jena)"),
        (MAYOR, "Bruchsal's Lord Mayor Cornelia Petzold-Schick"),
        (VIDEO, "Lea Lang (Minister of Culture; by video message)"),
        (Person(name="Erika Muster", presence="absent"), "Erika Muster (cancelled)"),
    ],
)
def test_a_guest_of_honour(person: Person, listed: str) -> None:
    assert phrases.honoured_guest(person) == listed


@pytest.mark.parametrize(
    ("present", "past"),
    [("says", "said"), ("stresses", "stressed"), ("emphasises", "emphasised"),
     ("adds", "added"), ("points out", "pointed out"), ("is", "was"), ("explains", "explained"),
     ("notes", "noted"), ("said", "said")],
)  # fmt: skip
def test_past_of(present: str, past: str) -> None:
    assert phrases.past_of(present) == past


# ---------------------------------------------------------------- thanks, awards, handovers


def _seed(**changes: Any) -> Event:
    from helpers import SEED

    from pressgen.source.validate import load_event

    data = load_event(SEED).model_dump()
    data.update(changes)
    return Event.model_validate(data)


def sponsor(name: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "article": "keiner", **more}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"sponsors_lead_in": "Special thanks go to"},
         ["Special thanks go to the sponsors: JenaWirtschaft, Thüringer Agentur für die Kreativwirtschaft and Impulsregion Jena, Erfurt und Weimar."]),
        ({"sponsors": []}, []),
        ({"sponsors": [sponsor("Sparkasse Jena")], "sponsors_lead_in": "We thank"},
         ["We thank our sponsor, Sparkasse Jena."]),
        ({"sponsors": [], "thanks": [{"to": [{"name": "Stiftung Musterland", "article": "die"}], "noun": "foerderer",
                                      "reason": "for its support", "by": ["wrobel"]}]},
         ["Conrad Wrobel thanked the funding partner, Stiftung Musterland, for its support."]),
        ({"sponsors": [], "thanks": [{"to": [{"name": "the volunteers", "article": "die"}], "by": ["wrobel"]}]},
         ["Conrad Wrobel thanked the volunteers."]),
        ({"sponsors": [sponsor("A")], "sponsors_lead_in": "Special thanks go to",
          "thanks": [{"to": [{"name": "Muster AG", "article": "die"}], "reason": "for their hospitality"},
                     {"to": [{"name": "the team of Erika Muster", "article": "das"}], "by": ["wrobel"]}]},
         ["Special thanks go to Muster AG for their hospitality.",
          "Conrad Wrobel thanked the team of Erika Muster."]),
        # Several with a reason: the names set off by commas, not by a colon.
        ({"sponsors": [], "thanks": [{"to": [{"name": "Muster AG", "article": "die"},
                                             {"name": "Stadtwerke Jena", "article": "die", "plural": True}],
                                      "noun": "partner", "reason": "for their support",
                                      "lead_in": "We would like to thank"}]},
         ["We would like to thank our partners, Muster AG and Stadtwerke Jena, for their support."]),
        # Whose partners: as the lead-in's subject says.
        ({"sponsors": [], "thanks": [{"to": [{"name": "Muster AG", "article": "die"}], "noun": "partner",
                                      "lead_in": "The association thanks"}]},
         ["The association thanks its partner, Muster AG."]),
        ({"sponsors": [], "thanks": [{"to": [{"name": "Muster AG", "article": "die"}], "noun": "partner",
                                      "lead_in": "The organisers thank"}]},
         ["The organisers thank their partner, Muster AG."]),
    ],
)  # fmt: skip
def test_thanks(changes: dict[str, Any], expected: list[str]) -> None:
    # The seed's body introduces Conrad Wrobel; the seed's report is after the event.
    event = _seed(**changes)
    assert [plain(s) for s in phrases.thanks_sentences(event, {"wrobel"}, report=True)] == expected


def _award_event() -> Event:
    people = {
        "hofmann": {"name": "Lisa Hofmann", "role": "master roofer"},
        "demir": {"name": "Emre Demir"},
    }
    return _seed(people={**_seed().model_dump()["people"], **people})


AWARD = Award.model_validate(
    {
        "prize": "Innovationspreis Handwerk 2026",
        "applications": 64,
        "nominees": 9,
        "winners": [
            {"person": "hofmann", "place": "1st place", "amount": "7500"},
            {"person": "demir", "place": "2nd place", "amount": "3750"},
            {"organisation": {"name": "Sehwerk Neuhain GmbH"}, "place": "special prize"},
        ],
    }
)


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        (True, ["A total of 64 applications were received for the Innovationspreis Handwerk 2026, and nine were nominated.",
                "The prizes went to Lisa Hofmann, master roofer (1st place, €7,500), "
                "Emre Demir (2nd place, €3,750) and Sehwerk Neuhain GmbH (special prize)."]),
        (False, ["A total of 64 applications have been received for the Innovationspreis Handwerk 2026, and nine have been nominated."]),
    ],
)  # fmt: skip
def test_awards(report: bool, expected: list[str]) -> None:
    made = phrases.award_sentences(AWARD, _award_event(), report=report)
    assert [plain(sentence) for sentence in made] == expected


HANDOVER = Handover.model_validate(
    {
        "what": "a donation cheque",
        "amount": "2741.70",
        "by": ["wrobel"],
        "to_organisations": [{"name": "Förderverein Kinderhospiz e. V."}],
        "purpose": "for its youth work",
    }
)


@pytest.mark.parametrize(
    ("report", "introduced", "expected"),
    [
        (True, set(), "Conrad Wrobel, {role}, presented a donation cheque for €2,741.70 to Förderverein Kinderhospiz e. V. for its youth work."),
        (False, set(), "Conrad Wrobel, {role}, will present a donation cheque for €2,741.70 to Förderverein Kinderhospiz e. V. for its youth work."),
        (True, {"wrobel"}, "Wrobel presented a donation cheque for €2,741.70 to Förderverein Kinderhospiz e. V. for its youth work."),
    ],
)  # fmt: skip
def test_handover(report: bool, introduced: set[str], expected: str) -> None:
    event = _seed()
    role = phrases.apposition(event.person("wrobel"))
    known = {"Conrad Wrobel": "Wrobel"}  # the seed names him in full throughout (later_name)
    made = phrases.handover_sentence(
        HANDOVER, event, report=report, introduced=introduced, known_as=known
    )
    assert plain(made) == expected.format(role=role)


@pytest.mark.parametrize(
    ("by", "report", "expected"),
    [
        (["wrobel"], True, "Wrobel also presented a donation cheque for €2,741.70 to Förderverein Kinderhospiz e. V. for its youth work."),
        (["wrobel", "koegler"], False, "They will also present a donation cheque for €2,741.70 to Förderverein Kinderhospiz e. V. for its youth work."),
    ],
)  # fmt: skip
def test_a_second_handover_by_the_same_givers(by: list[str], report: bool, expected: str) -> None:
    event = _seed()
    handover = HANDOVER.model_copy(update={"by": by})
    known = {"Conrad Wrobel": "Wrobel"}
    made = phrases.handover_sentence(
        handover, event, report=report, introduced={"wrobel"}, known_as=known, again=True
    )
    assert plain(made) == expected


# ---------------------------------------------------------------- facts and programme


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"guests": 80, "guests_qualifier": "über"}, "more than 80 guests"),
        ({"guests": 400, "guests_qualifier": "rund", "guests_online": 1050}, "around 400 guests on site and 1,050 online"),
        ({"guests": 40, "guests_noun": "teilnehmer"}, "40 participants"),
        ({"guests": 250, "guests_qualifier": "bis zu", "guests_noun": "besucher"}, "up to 250 visitors"),
        ({"guests": 1}, "one guest"),
        ({"guests": 9, "guests_noun": "teilnehmer", "guests_online": 3}, "nine participants on site and three online"),
        ({"guests": 10}, "10 guests"),
        ({"guests_online": 600}, "600 guests online"),
        ({"guests": 30, "guests_noun": "entrepreneurs"}, "30 entrepreneurs"),
    ],
)  # fmt: skip
def test_guests(given: dict[str, Any], expected: str) -> None:
    assert plain(phrases.guests(info(**given), BRITISH)) == expected


@pytest.mark.parametrize(
    ("venue", "expected"),
    [
        ({"name": "Villa Rosenthal", "address": {"street": "Mälzerstraße 11", "postcode": "07745", "city": "Jena"}},
         "Villa Rosenthal, Mälzerstraße 11, 07745 Jena, Germany"),
        ({"address": {"city": "Jena"}}, "Jena, Germany"),
        ({"name": "Kunsthaus Zürich", "address": {"city": "Zürich", "country": "Schweiz"}},
         "Kunsthaus Zürich, Zürich, Switzerland"),
        ({"name": "Haus der Pflege", "address": {"street": "Am Kai 5", "postcode": "5020", "city": "Salzburg", "country": "Österreich"}},
         "Haus der Pflege, Am Kai 5, 5020 Salzburg, Austria"),
        ({"name": "Lakeside", "address": {"city": "Kilkenny", "country": "Irland"}}, "Lakeside, Kilkenny, Ireland"),
    ],
)  # fmt: skip
def test_place(venue: dict[str, Any], expected: str) -> None:
    assert plain(phrases.place(Venue.model_validate(venue))) == expected


@pytest.mark.parametrize(
    ("given", "report", "expected"),
    [
        ({"status": "cancelled"}, False, "The event has been cancelled."),
        ({"status": "cancelled"}, True, "The event was cancelled."),
        ({"status": "postponed", "postponed_to": "2017-09-21"}, False,
         "The event has been postponed to Thursday, 21 September 2017."),
        ({"status": "postponed"}, True, "The event was postponed to a later date."),
        ({}, False, ""),
    ],
)  # fmt: skip
def test_status(given: dict[str, Any], report: bool, expected: str) -> None:
    assert plain(phrases.status_note(info(**given), BRITISH, report=report)) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"kind": "keynote", "title": "Smart surveillance cities?"}, "Keynote: “Smart surveillance cities?”"),
        ({"kind": "empfang"}, "Reception"),
        ({"kind": "empfang", "title": "Reception with buffet"}, "Reception with buffet"),
        ({"kind": "grusswort", "speakers": ["a", "b"]}, "Addresses"),
        ({"kind": "podium", "title": "Digital or local?"}, "Panel discussion: “Digital or local?”"),
        ({"kind": "sonstiges", "label": "Tour of the works", "title": "Hall 3"}, "Tour of the works: Hall 3"),
    ],
)  # fmt: skip
def test_programme_heading(item: dict[str, Any], expected: str) -> None:
    shown = ProgrammeItem.model_validate({"start": "14:30", **item})
    assert plain(phrases.programme_heading(shown, BRITISH)) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"status": "cancelled"}, "(cancelled)"),
        ({"status": "postponed", "day": "2021-01-30", "postponed_to": "2021-03-13"}, "(moved from 30 January 2021)"),
        ({"status": "postponed", "postponed_to": "2021-03-13"}, "(new date)"),
        ({"status": "postponed"}, "(postponed to a later date)"),
    ],
)  # fmt: skip
def test_programme_status(item: dict[str, Any], expected: str) -> None:
    shown = ProgrammeItem.model_validate({"kind": "empfang", "start": "14:30", **item})
    assert plain(phrases.programme_status(shown, BRITISH)) == expected


@pytest.mark.parametrize(
    ("open_facts", "expected"),
    [
        ([("event", "date"), ("event", "start")], "Draft – still open: date and time"),
        ([("press_release", "photos", 0, "credit"), ("press_release", "photos", 1, "credit")],
         "Draft – still open: 2 photo credits"),
        ([], "Draft"),
    ],
)  # fmt: skip
def test_draft_note(open_facts: list[tuple[str | int, ...]], expected: str) -> None:
    assert plain(phrases.draft_note(open_facts, BRITISH)) == expected


# ---------------------------------------------------------------- lines around the text


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (lambda: phrases.about_heading(Organisation(name="TowerByte eG", article="die")), "About TowerByte eG"),
        (lambda: phrases.subscription_note(Organisation(name="TowerByte eG", article="die")),
         "You are receiving this email because you subscribed to the TowerByte eG newsletter."),
        (lambda: phrases.unsubscribe_text("mailto:abmelden@towerbyte.de?subject=Unsubscribe", BRITISH),
         "Email to abmelden@towerbyte.de with the subject “Unsubscribe”"),
        (lambda: phrases.registration_note(D(2017, 8, 14), BRITISH), "Please register by Monday, 14 August 2017."),
        (lambda: phrases.accreditation(Accreditation(deadline="2020-09-21"), True, BRITISH),
         "Please apply for accreditation by Monday, 21 September 2020, with:"),
        (lambda: phrases.accreditation(Accreditation(), False, BRITISH),
         "Please apply for accreditation with the press contact below."),
        (lambda: phrases.coverage_note("Presseeinladung"),
         "Journalists are warmly invited to attend. We look forward to seeing you."),
        (lambda: phrases.coverage_note("Presseeinladung", invited_already=True),
         "We look forward to seeing you."),
        (lambda: phrases.coverage_note("Terminverschiebung", new_day=False), "Please publish the postponement."),
        (lambda: phrases.coverage_note("Terminankündigung"),
         "We would be grateful if you could include the event in your listings and coverage."),
        (lambda: phrases.coverage_note("Terminankündigung", public=False),
         "We would be grateful for your coverage of the event."),
        (lambda: phrases.press_subject("Pressemitteilung", "Digital afternoon", "15 January 2027, 6 pm"),
         "Press release: Digital afternoon (embargoed until 15 January 2027, 6 pm)"),
        (lambda: phrases.press_subject("Presseeinladung", "Digital afternoon", ""), "Media invitation: Digital afternoon"),
        (lambda: phrases.photos_to_download(["https://x.de/a.jpg"]), "Print-quality photo to download: https://x.de/a.jpg"),
        (lambda: phrases.photo_download_label("a.png", (2400, 1500)), "Download photo (PNG, 2400 × 1500 pixels)"),
        (lambda: phrases.photo_archive_label(3), "Download all press photos with their credits (ZIP)"),
        (lambda: phrases.photo_embargo_note("15 January 2027, 6 pm"),
         "Embargoed until 15 January 2027, 6 pm. The photos must not be published before then."),
        (lambda: phrases.credit_request(["TowerByte eG"], BRITISH),
         "Please give the photo credit with every use: “Photo: TowerByte eG”."),
        (lambda: phrases.credit_request(["A", "B"], BRITISH), "Please give each photo's credit with every use."),
        (lambda: phrases.issue_draft_note(["Workshop afternoon"], BRITISH), "Draft – contains a draft: “Workshop afternoon”"),
        (lambda: phrases.other_places_label(2), "Further venues"),
        (lambda: phrases.date_label(info(status="cancelled")), "Originally planned"),
        (lambda: phrases.invitation_subject("Workshop afternoon"), "Invitation: Workshop afternoon"),
    ],
)  # fmt: skip
def test_lines(made: Any, expected: str) -> None:
    assert plain(made()) == expected


@pytest.mark.parametrize(
    ("text", "invites"),
    [
        ("We cordially invite you to the opening.", True),
        ("Journalists are cordially invited to attend.", True),
        ("TowerByte invites representatives of politics and business.", False),
    ],
)
def test_the_authors_words_already_invite(text: str, invites: bool) -> None:
    assert phrases.invites([text]) is invites


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("on 17 August 2017", [D(2017, 8, 17)]),
        ("on August 17, 2017", [D(2017, 8, 17)]),
        ("from 17–19 August", [D(2017, 8, 17), D(2017, 8, 18), D(2017, 8, 19)]),
        ("on 17th and 19th August 2017", [D(2017, 8, 17), D(2017, 8, 19)]),
        ("in August 2017, with 30 guests", []),
        ("am 17. August 2017", [D(2017, 8, 17)]),
    ],
)
def test_the_days_a_text_names(text: str, days: list[dt.date]) -> None:
    from pressgen.checks.days import mentioned_days

    assert sorted(mentioned_days(text, 2017)) == days


def test_a_day_stays_with_its_month_and_a_number_with_its_word() -> None:
    assert typography.refine("on 3 October under Article 5") == (
        f"on 3{NBSP}October under Article{NBSP}5"
    )


@pytest.mark.parametrize(
    ("person", "said"),
    [
        ({"name": "Elif Demir", "role": "Managing Director", "organisation": "Demir GmbH"},
         "Managing Director of Demir GmbH"),
        ({"name": "Farid Haider", "role": "nursing scientist", "organisation": "Universität Neuhain"},
         "nursing scientist at Universität Neuhain"),
        ({"name": "Jan Römer", "role": "Head of Nursing", "organisation": "Sozialstation St. Anna"},
         "Head of Nursing at Sozialstation St. Anna"),
        ({"name": "Lea Lang", "role": "Minister of Culture"}, "Minister of Culture"),
        ({"name": "Lisa Hofmann", "role": "master joiner and owner", "organisation": "Holzwerkstatt Hofmann"},
         "master joiner and owner of Holzwerkstatt Hofmann"),
        ({"name": "Ben Beispiel", "role": "Chair of Stadtwerke Jena", "organisation": "Stadtwerke Jena"},
         "Chair of Stadtwerke Jena"),
    ],
)  # fmt: skip
def test_the_apposition_names_the_organisation(person: dict[str, Any], said: str) -> None:
    assert phrases.apposition(Person.model_validate(person)) == said


@pytest.mark.parametrize(
    ("label", "parties", "said"),
    [
        ("Organiser", [{"name": "Hochschulrektorenkonferenz", "article": "die"}], "Organiser"),
        ("Organiser", [{"name": "A e.V.", "article": "der"}, {"name": "B GmbH", "article": "die"}],
         "Organisers"),
        ("Host", [{"name": "Stadtwerke Jena", "article": "die", "plural": True}], "Host"),
    ],
)  # fmt: skip
def test_role_labels(label: str, parties: list[dict[str, Any]], said: str) -> None:
    from pressgen.source.event import Party

    assert phrases.role_label(label, [Party.model_validate(p) for p in parties]) == said


HAUS = {
    "name": "Haus der Pflege",
    "address": {"street": "Am Kai 5", "postcode": "07743", "city": "Jena"},
}


@pytest.mark.parametrize(
    ("item", "said"),
    [
        # The author's label runs on in the brackets as words; the title is the programme's.
        ({"kind": "fuehrung", "label": "Open day with company tours", "title": "Design and paint shop",
          "day": "2017-08-18"},
         "Haus der Pflege, Am Kai 5, 07743 Jena, Germany (open day with company tours on Friday, 18 August 2017)"),
        ({"kind": "sonstiges", "label": "Public viewing at the partner association"},
         "Haus der Pflege, Am Kai 5, 07743 Jena, Germany (public viewing at the partner association)"),
        # A first word that is a name stays as it is.
        ({"kind": "fuehrung", "label": "Jena city tour"},
         "Haus der Pflege, Am Kai 5, 07743 Jena, Germany (Jena city tour)"),
        ({"kind": "empfang", "title": "TowerByte eG's traditional summer reception"},
         "Haus der Pflege, Am Kai 5, 07743 Jena, Germany (TowerByte eG's traditional summer reception)"),
    ],
)  # fmt: skip
def test_a_further_venue_says_what_happens_there(item: dict[str, Any], said: str) -> None:
    event = _seed(programme=[{**item, "venue": HAUS}])
    assert [plain(place) for place in phrases.other_places(event, BRITISH)] == [said]


GEBHARDT = Person(name="Anja Gebhardt", role="First Mayor", organisation="Gemeinde Kirchehrenbach")


@pytest.mark.parametrize(
    ("text", "introduced"),
    [
        ("Mayor Anja Gebhardt officially handed over the key.", True),  # her title before the name
        ("Anja Gebhardt, First Mayor of Gemeinde Kirchehrenbach, spoke.", True),
        ("Then Anja Gebhardt handed over the key.", False),  # the name alone
        ("Mayor Anja Gebhardt's deputy spoke.", True),
        ("The mayor spoke; then came Anja Gebhardt.", False),  # the title not before her name
    ],
)  # fmt: skip
def test_a_paragraph_introduces_a_person(text: str, introduced: bool) -> None:
    assert phrases.introduces(text, GEBHARDT) is introduced


@pytest.mark.parametrize(
    ("introduced", "said"),
    [
        (set(), "Dr. Anna Muster, Chair of the Board at TowerByte eG, and Ben Beispiel, Chair of the Board of Stadtwerke Jena,"),
        # Of two speakers, the one the text named before is named briefly.
        ({"Dr. Anna Muster"}, "Muster and Ben Beispiel, Chair of the Board of Stadtwerke Jena,"),
        ({"Dr. Anna Muster", "Ben Beispiel"}, "Muster and Beispiel"),
    ],
)  # fmt: skip
def test_several_speakers_each_named_as_far_as_needed(introduced: set[str], said: str) -> None:
    known = {"Dr. Anna Muster": "Muster", "Ben Beispiel": "Beispiel"}
    made = phrases.speakers([ANNA, BEN], full=True, more_follows=True, known_as=known,
                            introduced=introduced)  # fmt: skip
    assert plain(made) == said
