"""The sentences that came out wrong in real builds (issue 15), rebuilt from equivalent
data through the whole pipeline: each must now read as a press officer writes it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import readable_text

from pressgen.clock import current_time
from pressgen.pipeline import render_one
from pressgen.source.documents import load_event_file

TEXTS = ("pressemitteilung.txt", "newsletter.txt", "pressemitteilung.html", "newsletter.html")


def built(data: dict[str, Any], write_yaml: Callable[..., Path]) -> dict[str, str]:
    """Each readable output of the data as one line of text."""
    rendered = render_one(load_event_file(write_yaml(data)), current_time())
    return {
        name: readable_text(name, content if isinstance(content, str) else content.decode())
        for name, content in rendered.outputs.items()
        if name in TEXTS or name == "termin.ics"
    }


def invitation(data: dict[str, Any]) -> None:
    """The facts box and the programme are the invitation's (a recap's newsletter reports)."""
    data["phase"] = "invitation"


def organisation(name: str, article: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["organisation"].update(name=name, article=article)
        data["press_release"]["body"] = ["Ein Absatz über den Abend."]

    return change


def thanks_only(*groups: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data.pop("sponsors", None)
        data["thanks"] = list(groups)

    return change


def sponsors(*entries: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.update(sponsors=list(entries))


def quote(by: Any, text: str, **more: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["people"].update(
            gaeste={"name": "die Gäste", "plural": True},
            erika={"name": "Erika Muster"},
            frank={
                "name": "Frank Muster",
                "role": "Botschafter",
                "organisation": "Initiative Digitale Stadt",
                "organisation_article": "die",
            },
        )
        data["quotes"] = {"neu": {"by": by, "text": text, **more}}
        data["press_release"]["body"] = ["Ein Absatz über den Abend.", {"quote": "neu"}]

    return change


def host(name: str, article: str) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data.pop("sponsors", None)
        data["event"]["host"] = {"name": name, "article": article}
        data["thanks"] = [
            {"to": ["host"], "noun": "gastgeber", "reason": "für die Gastfreundschaft"}
        ]

    return change


def event(**fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda data: data["event"].update(fields)


# (what the real build wrote, the data that caused it, the output, the sentence now)
EXAMPLES = [
    ("bei TowerByte eG", [], "newsletter.txt",
     "Sie erhalten diesen Newsletter, weil Sie ihn bei der TowerByte eG bestellt haben."),
    ("bei Muster e. V.", [organisation("Muster e. V.", "der")], "newsletter.html",
     "Sie erhalten diesen Newsletter, weil Sie ihn beim Muster e. V. bestellt haben."),
    ("den Sponsoren der Sparkasse",
     [thanks_only({"to": [
         {"name": "Sparkasse Musterstadt", "article": "die"},
         {"name": "Förderkreis der Hochschule", "article": "der"},
         {"name": "Team um Erika Muster", "article": "das"}], "noun": "keines"})],
     "pressemitteilung.txt",
     "Besonderer Dank gilt der Sparkasse Musterstadt, dem Förderkreis der Hochschule und dem "
     "Team um Erika Muster."),
    ("one sponsor with a plural name: dem Sponsor, den Stadtwerken Erfurt",
     [sponsors({"name": "Stadtwerke Erfurt", "article": "die", "plural": True})],
     "pressemitteilung.txt", "Besonderer Dank gilt dem Sponsor, den Stadtwerken Erfurt."),
    ("den Sponsoren, den Stadtwerken Jena",  # one party: one sponsor, whatever its name
     [sponsors({"name": "Stadtwerke Jena", "article": "die", "dative": "den Stadtwerken Jena"})],
     "pressemitteilung.txt", "Besonderer Dank gilt dem Sponsor, den Stadtwerken Jena."),
    ("e. V..",
     [sponsors({"name": "Sparkasse Musterstadt", "article": "die"},
               {"name": "Förderverein Erfurter Informatik e. V.", "article": "der"})],
     "pressemitteilung.txt",
     "Besonderer Dank gilt den Sponsoren, der Sparkasse Musterstadt und dem Förderverein "
     "Erfurter Informatik e. V. Conrad Wrobel"),
    ("sagt Die Gäste", [quote("gaeste", "Ein großartiger Abend")], "pressemitteilung.txt",
     "„Ein großartiger Abend“, sagten die Gäste."),  # a report: in the past
    ("Die Gäste, waren sich einig:",
     [quote("gaeste", "Ein großartiger Abend", lead_in="waren sich einig")],
     "pressemitteilung.txt", "Die Gäste waren sich einig: „Ein großartiger Abend“."),
    ("Erika Muster, ergänzte:", [quote("erika", "Wir machen weiter", lead_in="ergänzte")],
     "pressemitteilung.txt", "Erika Muster ergänzte: „Wir machen weiter“."),
    ("sagt Frank Muster, Botschafter.", [quote("frank", "Jena ist bereit")],
     "pressemitteilung.txt",
     "„Jena ist bereit“, sagte Frank Muster, Botschafter der Initiative Digitale Stadt."),
    ("der Sponsorin, der Muster AG.", [host("Muster AG", "die")], "pressemitteilung.txt",
     "Besonderer Dank gilt der Gastgeberin, der Muster AG, für die Gastfreundschaft."),
    ("14 Gäste",
     [event(guests=14, guests_qualifier=None, guests_noun="Unternehmerinnen und Unternehmer"),
      invitation],
     "newsletter.txt", "14 Unternehmerinnen und Unternehmer"),
    ("Ort: Gründerzentrum Musterstadt, Musterstadt",
     [event(venue={"name": "Gründerzentrum Musterstadt", "address": {"city": "Musterstadt"}}),
      invitation],
     "newsletter.txt", "Ort: Gründerzentrum Musterstadt Weiterer Ort: Villa Rosenthal, Jena "
     "(Empfang: Traditioneller Sommerempfang der TowerByte eG) Erwartet: über 80 Gäste"),
    ("", [], "termin.ics", "CATEGORIES:Workshop-Nachmittag"),  # event.kind was printed nowhere
]  # fmt: skip


@pytest.mark.parametrize(
    ("wrong", "changes", "output", "sentence"), EXAMPLES, ids=[e[3][:40] for e in EXAMPLES]
)
def test_the_issue_examples_come_out_right(
    wrong: str,
    changes: list[Callable[[dict[str, Any]], None]],
    output: str,
    sentence: str,
    seed_data: dict[str, Any],
    write_yaml: Callable[..., Path],
) -> None:
    data = copy.deepcopy(seed_data)
    for change in changes:
        change(data)
    outputs = built(data, write_yaml)
    assert sentence in outputs[output]
    for name in TEXTS if wrong else ():
        assert wrong not in outputs[name], name


def test_programme_descriptions_and_end_times_are_printed(
    seed_data: dict[str, Any], write_yaml: Callable[..., Path]
) -> None:
    data = copy.deepcopy(seed_data)
    data["programme"][0].update(end="15:00", description="Mit Kaffee und Kuchen im Foyer.")
    invitation(data)
    outputs = built(data, write_yaml)
    for name in ("newsletter.txt", "newsletter.html"):
        assert "14:30 bis 15 Uhr · Eröffnung: Begrüßung der Gäste" in outputs[name], name
        assert "Mit Kaffee und Kuchen im Foyer." in outputs[name], name


def test_an_event_only_online(seed_data: dict[str, Any], write_yaml: Callable[..., Path]) -> None:
    import json

    data = copy.deepcopy(seed_data)
    del data["event"]["venue"]
    data["event"]["livestream"] = "https://stream.towerbyte.de/workshop"
    invitation(data)
    rendered = render_one(load_event_file(write_yaml(data)), current_time())
    assert [p.code for p in rendered.warnings] == []
    text = readable_text("newsletter.txt", str(rendered.outputs["newsletter.txt"]))
    assert (
        "Ort: online Weiterer Ort: Villa Rosenthal, Jena (Empfang: Traditioneller "
        "Sommerempfang der TowerByte eG) Erwartet: über 80 Gäste"
    ) in text
    calendar = str(rendered.outputs["termin.ics"])
    assert "LOCATION:online\r\n" in calendar
    assert "CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://stream.towerbyte.de/workshop\r\n" in calendar
    release = str(rendered.outputs["pressemitteilung.html"])
    about = json.loads(
        release.split('<script type="application/ld+json">')[1].split("</script>")[0]
    )["about"]
    assert about["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert about["location"] == {
        "@type": "VirtualLocation",
        "url": "https://stream.towerbyte.de/workshop",
    }


def test_without_venue_nor_livestream(
    seed_data: dict[str, Any], write_yaml: Callable[..., Path]
) -> None:
    from pressgen.errors import DataError

    data = copy.deepcopy(seed_data)
    del data["event"]["venue"]
    with pytest.raises(DataError) as error:
        load_event_file(write_yaml(data))
    assert [str(p.message) for p in error.value.problems] == [
        "required field is missing; an event only online gives its livestream instead"
    ]


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ({"postcode": "5020", "city": "Salzburg", "country": "Österreich"}, None),
        ({"postcode": "SW1A 1AA", "city": "London", "country": "Vereinigtes Königreich"}, None),
        ({"postcode": "5020", "city": "Salzburg"},
         'expected a five-digit postcode in quotes, e.g. "07743"; for an address abroad give '
         "its country"),
    ],
)  # fmt: skip
def test_postcodes_abroad(
    address: dict[str, str],
    problem: str | None,
    seed_data: dict[str, Any],
    write_yaml: Callable[..., Path],
) -> None:
    from pressgen.errors import DataError

    data = copy.deepcopy(seed_data)
    data["event"]["venue"] = {"name": "Kongresshaus", "address": address}
    if problem is None:
        load_event_file(write_yaml(data))
        return
    with pytest.raises(DataError) as error:
        load_event_file(write_yaml(data))
    assert [p.message for p in error.value.problems] == [problem]
