"""Invitation and recap from one event file: which one, and what each says."""

from __future__ import annotations

import copy
import datetime as dt
import email
from collections.abc import Callable
from email import policy
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from helpers import SECOND, SEED, readable_text

from pressgen.german import phrases
from pressgen.present.event import View, phase_of, present
from pressgen.source.event import Accreditation
from pressgen.source.validate import load_event

# ---------------------------------------------------------------- the sentences pressgen writes

SENTENCES = [
    (phrases.accreditation(Accreditation(deadline=dt.date(2017, 8, 15)), own_contact=False),
     "Bitte akkreditieren Sie sich bis Dienstag, 15.\u00a0August\u00a02017, beim unten genannten "
     "Pressekontakt."),
    (phrases.accreditation(Accreditation(deadline=dt.date(2027, 1, 13)), own_contact=True),
     "Bitte akkreditieren Sie sich bis Mittwoch, 13.\u00a0Januar\u00a02027, bei:"),
    (phrases.accreditation(Accreditation(), own_contact=False),
     "Bitte akkreditieren Sie sich beim unten genannten Pressekontakt."),
    (phrases.accreditation(Accreditation(), own_contact=True),
     "Bitte akkreditieren Sie sich bei:"),
    (phrases.accreditation(None, own_contact=True), ""),
    (phrases.registration_note(dt.date(2017, 8, 14)),
     "Bitte melden Sie sich bis Montag, 14.\u00a0August\u00a02017, an."),
    (phrases.invitation_subject("Workshop-Nachmittag der TowerByte eG"),
     "Einladung: Workshop-Nachmittag der TowerByte eG"),
    (phrases.registration_subject("Neujahrsempfang 2027"), "Anmeldung: Neujahrsempfang 2027"),
    (phrases.coverage_note("Presseeinladung"),
     "Wir laden Sie herzlich ein und freuen uns auf Ihren Besuch und Ihre Berichterstattung."),
    (phrases.coverage_note("Terminankündigung"),
     "Wir freuen uns über eine Ankündigung in Ihrem Veranstaltungskalender und über Ihre "
     "Berichterstattung."),
    (phrases.coverage_note("Terminverschiebung"),
     "Wir bitten um Veröffentlichung des neuen Termins."),
    (phrases.coverage_note("Terminverschiebung", new_day=False),
     "Wir bitten um Veröffentlichung der Terminverschiebung."),
    (phrases.coverage_note("Absage"), "Wir bitten um Veröffentlichung der Absage."),
    # Closed to the public: nothing for a calendar, coverage only.
    (phrases.coverage_note("Terminankündigung", public=False),
     "Wir freuen uns über Ihre Berichterstattung."),
    # The author's text has invited already: not a second time.
    (phrases.coverage_note("Presseeinladung", invited_already=True),
     "Wir freuen uns auf Ihren Besuch und Ihre Berichterstattung."),
    (phrases.coverage_note("Terminankündigung", invited_already=True),
     "Wir freuen uns über eine Ankündigung in Ihrem Veranstaltungskalender und über Ihre "
     "Berichterstattung."),
    (phrases.MORE_ABOUT_THE_EVENT, "Mehr zur Veranstaltung"),
]  # fmt: skip


@pytest.mark.parametrize(("written", "expected"), SENTENCES)
def test_the_invitations_sentences(written: str, expected: str) -> None:
    assert written == expected


@pytest.mark.parametrize(
    ("text", "invites"),
    [
        ("Dazu laden wir Sie herzlich ein.", True),
        ("Zu diesem Termin lädt Sie der Verein herzlich ein.", True),
        # An organisation inviting its guests does not invite the journalist.
        ("Der Verein lädt alle Interessierten zum Sommerfest ein.", False),
        (
            "Zum vierten Mal lädt die TowerByte eG Vertreter aus Politik und Wirtschaft zu ihrem "
            "Workshop-Nachmittag ein.",
            False,
        ),
        ("Medienvertreterinnen und -vertreter sind herzlich eingeladen.", True),
        ("Wir laden Sie zur Eröffnung am 3. Juni ein.", True),
        ("Die Einladung ging an 300 Gäste.", False),  # a noun, not an invitation
        ("Das Ladenlokal öffnet um 9 Uhr. Ein Rundgang folgt.", False),
        ("Die Gäste laden ihre Fotos hoch. Ein Film folgt.", False),  # the sentence ends first
    ],
)
def test_an_author_who_invited_is_not_echoed(text: str, invites: bool) -> None:
    assert phrases.invites([text]) is invites


# ---------------------------------------------------------------- which phase


def seed_with(**changes: Any) -> Any:
    event = load_event(SEED)
    data = event.model_dump()
    for dotted, value in changes.items():
        target = data
        *path, last = dotted.split("__")
        for key in path:
            target = target[key]
        target[last] = value
    return type(event).model_validate(data)


@pytest.mark.parametrize(
    ("changes", "chosen", "phase"),
    [
        ({}, None, "recap"),  # published 28 August, the event was on 17 August
        ({"press_release__publication_date": dt.date(2017, 8, 17)}, None, "recap"),  # that day
        ({"press_release__publication_date": dt.date(2017, 8, 16)}, None, "invitation"),
        ({"press_release__publication_date": None, "draft": True}, None, "recap"),
        ({"phase": "invitation"}, None, "invitation"),  # the file says so
        ({"phase": "invitation"}, "recap", "recap"),  # build --phase wins
        ({}, "invitation", "invitation"),
    ],
)
def test_the_phase_follows_the_dates_the_file_and_the_command(
    changes: dict[str, Any], chosen: Any, phase: str
) -> None:
    assert phase_of(seed_with(**changes), chosen) == phase


# ---------------------------------------------------------------- what each phase says


def text(outputs: dict[str, bytes], name: str) -> str:
    return readable_text(name, outputs[name].decode("utf-8"))


def test_the_recap_newsletter_reports_and_leads_to_the_whole_text(
    built: dict[str, dict[str, bytes]],
) -> None:
    recap = built[SECOND.stem]
    for name in ("newsletter.html", "newsletter.txt"):
        words = text(recap, name)
        assert "Abendstimmung vor dem Historischen Rathaus in Jena. Foto: Max Mustermann" in words
        assert "„Wir haben die Digitalisierung nicht erfunden" in words  # the quotes
        assert "Besonderer Dank gilt der Sponsorin, der Saale-Werkstatt GmbH." in words
        assert "Den ganzen Bericht lesen" in words
        # Neither the body's paragraphs, nor the programme, nor the calendar.
        assert "Mit rund 1.200 Gästen aus Wirtschaft" not in words
        assert "Programm " not in words.replace("Programm ansehen", "")  # the button's own
        assert "Kalender" not in words and "Datum:" not in words
    html = recap["newsletter.html"].decode("utf-8")
    assert (
        'href="https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/'
        "pressemitteilung.html?utm_source=newsletter" in html
    )
    assert (
        'src="https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/fotos/'
        'neujahrsempfang-2027.email@2x.png"' in html
    )


def test_without_a_web_version_the_recap_newsletter_carries_the_whole_text(
    built: dict[str, dict[str, bytes]],
) -> None:
    words = text(built[SEED.stem], "newsletter.txt")
    assert "Nach den Workshops versammelten sich die Teilnehmer" in words
    assert "Den ganzen Bericht lesen" not in words and "PROGRAMM" not in words


def test_the_invitation_newsletter_invites(invitations: dict[str, dict[str, bytes]]) -> None:
    invited = invitations[SEED.stem]
    words = text(invited, "newsletter.txt")
    assert words.startswith(
        "TowerByte eG Ab in die Zukunft: Workshop-Nachmittag der TowerByte eG am 17. August in "
        "Jena Workshop-Nachmittag der TowerByte eG"
    )
    assert "Datum: Donnerstag, 17. August 2017 Uhrzeit: ab 14:30 Uhr Ort: Jena" in words
    assert "PROGRAMM - 14:30 Uhr · Eröffnung: Begrüßung der Gäste" in words
    assert "Bitte melden Sie sich bis Montag, 14. August 2017, an. Jetzt anmelden: [" in words
    # The report's quote, thanks and teaser belong to the recap.
    assert "Zum vierten Mal in Folge haben wir" not in words
    assert "Besonderer Dank" not in words and "diskutierten" not in words
    html = invited["newsletter.html"].decode("utf-8")
    assert (
        'href="mailto:info@towerbyte.de?subject=Anmeldung%3A%20Workshop-Nachmittag%20der%20'
        'TowerByte%20eG"' in html
    )
    message = email.message_from_bytes(invited["newsletter.eml"], policy=policy.default)
    assert message["Subject"] == "Einladung: Workshop-Nachmittag der TowerByte eG"
    assert message["Date"] == "Thu, 03 Aug 2017 09:00:00 +0200"


def test_the_press_invitation(invitations: dict[str, dict[str, bytes]]) -> None:
    words = text(invitations[SECOND.stem], "pressemitteilung.txt")
    assert words.startswith(
        "PRESSEEINLADUNG Neujahrsempfang 2027 im Historischen Rathaus Jena "
        "Jena, 10. Dezember 2026 – Das Netzwerk Digitale Region Saale e. V. lädt"
    )
    assert "Sperrfrist" not in words  # the embargo holds back the report, not the invitation
    assert "Fototermin: 18 Uhr, Begrüßung im Festsaal" in words
    assert (
        "AKKREDITIERUNG Bitte akkreditieren Sie sich bis Mittwoch, 13. Januar 2027, beim unten "
        "genannten Pressekontakt. Wir laden Sie herzlich ein und freuen uns auf Ihren Besuch "
        "und Ihre Berichterstattung."
    ) in words
    assert "PROGRAMM - 18 Uhr · Begrüßung" in words
    assert "„Wir haben die Digitalisierung" not in words


@pytest.mark.parametrize(
    ("invitation", "label"),
    [
        ({"accreditation": {}}, "PRESSEEINLADUNG"),
        ({"photo_opportunity": "15 Uhr, Gruppenbild"}, "PRESSEEINLADUNG"),
        ({}, "TERMINANKÜNDIGUNG"),  # asks nothing of the press
    ],
)
def test_an_invitation_names_itself_by_what_it_asks(
    seed_data: dict[str, Any],
    write_yaml: Callable[..., Path],
    invitation: dict[str, Any],
    label: str,
) -> None:
    data = copy.deepcopy(seed_data)
    data["invitation"] = {"publication_date": "2017-08-03", **invitation}
    shown = present(load_event(write_yaml(data)), View("invitation"))
    assert shown.labels.press_release.upper() == label


def test_an_announcement_keeps_its_own_words(
    seed_data: dict[str, Any], write_yaml: Callable[..., Path]
) -> None:
    """A file written before invitations existed: published before the event, no
    invitation section. Its headline, body and subject stay its own."""
    data = copy.deepcopy(seed_data)
    data.pop("invitation")
    data["press_release"].update(
        publication_date="2017-08-01",
        headline="Workshop-Nachmittag der TowerByte eG am 17. August",
        body=["Am 17. August 2017 lädt die TowerByte eG zum Workshop-Nachmittag ein."],
    )
    data["newsletter"]["subject"] = "Save the Date: Workshop-Nachmittag"
    shown = present(load_event(write_yaml(data)))
    assert shown.phase == "invitation"
    headline = shown.event.press_release.headline  # typeset: 17.\u00a0August
    assert headline == "Workshop-Nachmittag der TowerByte eG am 17.\u00a0August"
    assert shown.event.newsletter.subject == "Save the Date: Workshop-Nachmittag"
    assert shown.blocks[0].text.startswith("Am 17.\u00a0August\u00a02017 lädt")


def test_build_phase_writes_beside_the_dated_one(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert run_cli("build", SEED, "--out", "out").exit_code == 0
    result = run_cli("build", SEED, "--out", "out", "--phase", "invitation")
    assert result.exit_code == 0, result.output
    # Beside the folders: the build record of the incremental build.
    assert sorted(path.name for path in (tmp_path / "out").iterdir()) == [
        ".pressgen-build.json",
        "towerbyte-workshop-2017",
        "towerbyte-workshop-2017-einladung",
    ]
    label = tmp_path / "out" / "towerbyte-workshop-2017-einladung" / "pressemitteilung.txt"
    assert label.read_text("utf-8").startswith("PRESSEEINLADUNG\n")


@pytest.mark.parametrize(
    ("status", "label", "facts", "calendar"),
    [
        ("postponed", "TERMINVERSCHIEBUNG", True, True),
        ("cancelled", "ABSAGE", False, False),
    ],
)
def test_a_changed_plan_says_so_and_tells_everything(
    seed_data: dict[str, Any],
    write_yaml: Callable[..., Path],
    status: str,
    label: str,
    facts: bool,
    calendar: bool,
) -> None:
    data = copy.deepcopy(seed_data)
    data["event"]["status"] = status
    if status == "postponed":
        data["event"]["postponed_to"] = "2017-09-21"
    data["newsletter"]["web_url"] = "https://www.towerbyte.de/presse/workshop-2017/"
    shown = present(load_event(write_yaml(data)), View("invitation"))
    assert shown.labels.press_release.upper() == label
    assert shown.newsletter_facts is facts
    assert bool(shown.calendar_url) is calendar
    # Whoever reads the newsletter must learn the details, not only a link.
    assert shown.newsletter_blocks == shown.blocks and shown.read_more_url == ""


def test_pg208_an_invitation_needs_a_street(
    seed_data: dict[str, Any], write_yaml: Callable[..., Path]
) -> None:
    from pressgen.pipeline import Choices, check

    data = copy.deepcopy(seed_data)
    (result,) = check([write_yaml(data)], choices=Choices(phase="invitation"))
    assert [f"{p.field}: {p.message}" for p in result.warnings if p.code == "PG208"] == [
        "event.venue: the invitation gives no street address for the venue (Jena): add "
        "event.venue.address.street, so that guests and journalists find it"
    ]
    data["event"]["venue"] = {"name": "Villa Rosenthal", "address": {
        "street": "Mälzerstraße 11", "postcode": "07745", "city": "Jena"}}  # fmt: skip
    (result,) = check([write_yaml(data)], choices=Choices(phase="invitation"))
    assert [p for p in result.warnings if p.code == "PG208"] == []
    (result,) = check([write_yaml(seed_data)])  # a recap need not say where it was
    assert [p for p in result.warnings if p.code == "PG208"] == []


@pytest.mark.parametrize(
    ("change", "phase", "said"),
    [
        (lambda event: event.pop("start"), "invitation",
         ["event: the invitation gives no start time: add event.start, so that guests and "
          "journalists know when to come"]),
        (lambda event: None, "invitation", []),  # the seed gives 14:30
        (lambda event: event.pop("start"), "recap", []),  # a report need not say when
        (lambda event: event.pop("start") and event.update(status="cancelled"), "invitation", []),
    ],
)  # fmt: skip
def test_pg209_an_invitation_needs_a_start_time(
    seed_data: dict[str, Any],
    write_yaml: Callable[..., Path],
    change: Callable[[dict[str, Any]], Any],
    phase: str,
    said: list[str],
) -> None:
    from pressgen.pipeline import Choices, check

    data = copy.deepcopy(seed_data)
    change(data["event"])
    (result,) = check([write_yaml(data)], choices=Choices(phase=phase))  # type: ignore[arg-type]
    assert [f"{p.field}: {p.message}" for p in result.warnings if p.code == "PG209"] == said


def test_an_announcement_without_a_button_links_its_website(
    seed_data: dict[str, Any], write_yaml: Callable[..., Path]
) -> None:
    data = copy.deepcopy(seed_data)
    data.pop("invitation")
    data["newsletter"].pop("call_to_action")
    data["event"]["website"] = "https://www.towerbyte.de/workshop"
    shown = present(load_event(write_yaml(data)), View("invitation"))
    assert shown.call_to_action is not None
    assert dict(shown.call_to_action) == {
        "label": "Mehr zur Veranstaltung",
        "url": "https://www.towerbyte.de/workshop",
    }
    assert present(load_event(write_yaml(data)), View("recap")).call_to_action is None


@pytest.mark.parametrize(
    ("guests", "qualifier", "noun", "label", "value", "online"),
    [
        (80, "über", None, "Erwartet", "über 80\u00a0Gäste", None),
        (1200, "rund", None, "Erwartet", "rund 1.200\u00a0Gäste", None),
        (150, None, "Sitzplätze", "Plätze", "150", None),
        (250, "bis zu", "Plätze", "Plätze", "bis zu 250", None),
        # Those watching at home are not guests in the hall.
        (700, "rund", None, "Erwartet", "rund 700\u00a0Gäste vor Ort und 800 online", 800),
        (None, None, "Zuschauer", "Erwartet", "1.500\u00a0Zuschauer online", 1500),
    ],
)
def test_the_facts_box_says_who_is_expected(
    seed_data: dict[str, Any],
    write_yaml: Callable[..., Path],
    guests: int | None,
    qualifier: str | None,
    noun: str | None,
    label: str,
    value: str,
    online: int | None,
) -> None:
    data = copy.deepcopy(seed_data)
    data["event"].update(guests=guests, guests_qualifier=qualifier, guests_online=online)
    if noun:
        data["event"]["guests_noun"] = noun
    else:
        data["event"].pop("guests_noun", None)
    facts = present(load_event(write_yaml(data)), View("invitation")).facts
    assert (facts.guests_label, facts.guests) == (label, value)


def test_an_invitation_that_invites_in_its_own_words_closes_without_a_second_one(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["invitation"]["text"] = [
        "Am 17. August 2017 diskutieren Gäste aus Politik und Wirtschaft über die digitale "
        "Stadt. Dazu laden wir Sie herzlich ein."
    ]
    shown = present(load_event(write_yaml(event_data)), View("invitation"))
    assert shown.coverage_note == "Wir freuen uns auf Ihren Besuch und Ihre Berichterstattung."


# What a changed plan says, and where: the same sentence above the headline of every
# document a reader gets, and the day that no longer holds named as what it was.
CHANGED_PLANS = [
    ({"status": "cancelled"}, "Die Veranstaltung fällt aus.",
     "Ursprünglich geplant: Donnerstag, 17. August 2017"),
    ({"status": "postponed"}, "Die Veranstaltung wird auf einen späteren Termin verschoben.",
     "Ursprünglich geplant: Donnerstag, 17. August 2017"),
    ({"status": "postponed", "postponed_to": "2017-09-21"},
     "Die Veranstaltung wird auf Donnerstag, den 21. September 2017, verschoben.",
     "Datum: Donnerstag, 21. September 2017 (statt 17. August 2017)"),
]  # fmt: skip


@pytest.mark.parametrize(("status", "note", "date_line"), CHANGED_PLANS)
def test_a_changed_plan_is_said_in_every_output(
    seed_data: dict[str, Any],
    write_yaml: Callable[..., Path],
    tmp_path: Path,
    status: dict[str, str],
    note: str,
    date_line: str,
) -> None:
    from golden_files import docx_lines, pdf_pages

    from pressgen.pipeline import Choices, build

    data = copy.deepcopy(seed_data)
    data["event"].update(status)
    (result,) = build(
        [write_yaml(data)], tmp_path / "out", choices=Choices(phase="invitation", documents=True)
    )
    read = {name: (result.out_dir / name).read_bytes() for name in result.written}
    texts = {
        name: readable_text(name, content.decode("utf-8"))
        for name, content in read.items()
        if name.endswith((".html", ".txt"))
    }
    texts["pressemitteilung.pdf"] = readable_text(
        "pdf", " ".join(pdf_pages(read["pressemitteilung.pdf"]))
    )
    texts["pressemitteilung.docx"] = readable_text(
        "docx", " ".join(docx_lines(read["pressemitteilung.docx"]))
    )
    message = email.message_from_bytes(read["newsletter.eml"], policy=policy.default)
    for part in message.walk():
        if part.get_content_type() in ("text/plain", "text/html"):
            texts[f"newsletter.eml {part.get_content_type()}"] = readable_text(
                "x.html" if part.get_content_type() == "text/html" else "x.txt", part.get_content()
            )
    readers_get = [name for name in texts if not name.startswith(("uebergabe", "bildnachweis"))]
    assert len(readers_get) >= 8, readers_get
    for name in readers_get:
        assert note in texts[name], name
    # The facts box of the press release, in each of its formats.
    for name in ("pressemitteilung.txt", "pressemitteilung.html", "pressemitteilung.pdf",
                 "pressemitteilung.docx"):  # fmt: skip
        assert date_line in texts[name], name
    if "termin.ics" in read:
        calendar = read["termin.ics"].decode("utf-8").replace("\r\n ", "")
        assert note in calendar.replace("\\,", ",")


def _lines(lines: Any) -> list[str]:
    return [f"{line.label}: {line.text}" if line.label else line.text for line in lines]


def test_several_contacts_each_with_their_own_organisation(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["press_release"]["contacts"] = [
        {"name": "Pressestelle der TowerByte eG", "email": "presse@towerbyte.example"},
        {"name": "Jonas Muster", "role": "Agentur", "organisation": "Muster PR GmbH",
         "phone": "03641 1234"},
    ]  # fmt: skip
    shown = present(load_event(write_yaml(event_data)), View("recap"))
    assert _lines(shown.contact) == [
        "Maria Beispiel",
        "Presse- und Öffentlichkeitsarbeit",
        "TowerByte eG",
        "Telefon: +49\u00a03641\u00a0000000",
        "E-Mail: presse@towerbyte.de",
        "",
        "Pressestelle der TowerByte eG",  # names its organisation: not printed twice
        "E-Mail: presse@towerbyte.example",
        "",
        "Jonas Muster",
        "Agentur",
        "Muster PR GmbH",  # works elsewhere: the agency, not the organiser
        "Telefon: +49\u00a03641\u00a01234",
    ]
    # The press room's one line names the first contact only.
    assert shown.contact_line.startswith("Maria Beispiel, ") and "Muster" not in shown.contact_line


def test_accreditation_with_two_people_and_a_salutation(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["invitation"]["salutation"] = "Sehr geehrte Damen und Herren,"
    event_data["invitation"]["accreditation"] = {
        "deadline": "2017-08-15",
        "contact": {"name": "Katrin Beispiel", "email": "a@towerbyte.example"},
        "contacts": [{"name": "Jonas Muster", "phone": "03641 1201"}],
    }
    shown = present(load_event(write_yaml(event_data)), View("invitation"))
    assert (
        shown.accreditation
        == "Bitte akkreditieren Sie sich bis Dienstag, 15.\u00a0August\u00a02017, bei:"
    )
    assert _lines(shown.accreditation_contact) == [
        "Katrin Beispiel",
        "TowerByte eG",
        "E-Mail: a@towerbyte.example",
        "",
        "Jonas Muster",
        "TowerByte eG",
        "Telefon: +49\u00a03641\u00a01201",
    ]
    # The salutation stands between the dateline and the text.
    assert (shown.press_salutation, shown.dateline_leads) == (
        "Sehr geehrte Damen und Herren,",
        False,
    )
    assert present(load_event(write_yaml(event_data)), View("recap")).press_salutation == ""


@pytest.mark.parametrize("output", ["pressemitteilung.txt", "pressemitteilung.html"])
def test_the_salutation_follows_the_dateline(
    write_yaml: Callable[..., Path], event_data: dict[str, Any], tmp_path: Path, output: str
) -> None:
    from pressgen.pipeline import Choices, build

    event_data["invitation"]["salutation"] = "Sehr geehrte Damen und Herren,"
    (result,) = build(
        [write_yaml(event_data)], tmp_path / "out", choices=Choices(phase="invitation")
    )
    text = readable_text(output, (result.out_dir / output).read_text("utf-8"))
    assert "Jena, 3. August 2017 Sehr geehrte Damen und Herren, Zum vierten Mal" in text.replace(
        "– ", ""
    )


def test_a_publisher_signs_what_another_organises(
    write_yaml: Callable[..., Path], event_data: dict[str, Any], tmp_path: Path
) -> None:
    from pressgen.pipeline import Choices, build

    event_data["publisher"] = {
        "name": "Universität Jena", "article": "die", "email": "presse@uni-jena.example",
        "address": {"street": "Fürstengraben 1", "postcode": "07743", "city": "Jena"},
        "about": "Die Universität Jena ist Gastgeberin.",
        "impressum": {"legal_form": "Körperschaft des öffentlichen Rechts",
                      "represented_by": "Der Präsident"},
    }  # fmt: skip
    shown = present(load_event(write_yaml(event_data)), View("invitation"))
    assert shown.about_heading == "Über die Universität Jena"
    assert shown.subscription_note == (
        "Sie erhalten diesen Newsletter, weil Sie ihn bei der Universität Jena bestellt haben."
    )
    assert [line.text for line in shown.impressum][:2] == [
        "Universität Jena",
        "Fürstengraben 1, 07743\u00a0Jena",
    ]
    assert _lines(shown.contact)[2] == "Universität Jena"  # the contact works there
    organisers = [line for line in shown.fact_lines if line.label == "Veranstalterin"]
    assert [name.text for line in organisers for name in line.names] == ["TowerByte eG"]
    (result,) = build([write_yaml(event_data)], tmp_path / "out", choices=Choices(phase="recap"))
    text = (result.out_dir / "newsletter.txt").read_text("utf-8")
    assert "Universität Jena" in text.split("\n\n")[:2]  # the masthead, above the headline
    page = (result.out_dir / "pressemitteilung.html").read_text("utf-8")
    assert '"publisher": {\n    "@type": "Organization",\n    "name": "Universität Jena"' in page
