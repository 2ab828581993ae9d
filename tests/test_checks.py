"""pressgen check: each rule caught on purpose, by a modified template or data."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from helpers import SECOND, SEED

from pressgen.errors import DataError, Problem
from pressgen.german.typography import NBSP
from pressgen.outputs import environment as templating
from pressgen.pipeline import Choices, check
from pressgen.source.event import Phase

Edit = tuple[str, str, str]  # template, text to replace, replacement


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """A project (pressgen.yaml) with both examples and its own templates folder, made of
    edited copies of built-in templates: a press office's own templates, taken up as
    `build` and `check` take them up. Returns the project folder, the working folder."""

    def edit(*edits: Edit) -> Path:
        project = tmp_path / "presse"
        folder = project / "templates"
        for name, old, new in edits:
            original = (templating.builtin_templates_dir() / name).read_text("utf-8")
            assert old in original, f"{old!r} not in {name}"
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(original.replace(old, new), "utf-8")
        (project / "pressgen.yaml").write_text("templates: templates\n", "utf-8")
        for example in (SEED, SECOND):
            shutil.copy(example, project / example.name)
        shutil.copytree(SEED.parent / "fotos", project / "fotos", dirs_exist_ok=True)
        monkeypatch.chdir(project)  # findings name the own templates from here
        return project

    return edit


def own(*names: str) -> str:
    """What a finding adds when the output it is in was rendered with own templates."""
    return f" (rendered with your own template {', '.join(f'templates/{n}' for n in names)})"


def findings(paths: list[Path], phase: Phase | None = None) -> list[Problem]:
    try:
        return [w for result in check(paths, choices=Choices(phase=phase)) for w in result.warnings]
    except DataError as error:
        return error.problems


def codes(paths: list[Path]) -> set[tuple[str, str]]:
    return {(p.code, p.severity) for p in findings(paths)}


def messages(code: str, paths: list[Path], phase: Phase | None = None) -> list[str]:
    return [f"{p.field}: {p.message}" for p in findings(paths, phase) if p.code == code]


def test_the_seed_passes_without_findings() -> None:
    assert findings([SEED]) == []


def test_the_second_example_has_only_placeholder_warnings() -> None:
    assert codes([SECOND]) == {("PG403", "warning")}


# ---------------------------------------------------------------- PG1xx


def test_pg101_a_template_drops_the_quote_words(templates: Callable[..., Path]) -> None:
    project = templates(("partials/pull_quote.txt.j2", "{{ block.pull_quote", "{{ '…' | quoted"))
    assert messages("PG101", [project / SEED.name]) == [
        f"quotes.fazit.text: the quote is missing or worded differently in {name}"
        + own("partials/pull_quote.txt.j2")
        for name in ("newsletter.txt", "newsletter.eml (Text)")
    ]


def test_pg101_a_template_changes_one_word(templates: Callable[..., Path]) -> None:
    project = templates(
        (
            "partials/quote.html.j2",
            "{{ block.words | prose_html }}",
            "{{ block.words | replace('vierten', '5.') }}",
        )
    )
    assert messages("PG101", [project / SEED.name]) == [
        "quotes.fazit.text: the quote is missing or worded differently in pressemitteilung.html"
        + own("partials/quote.html.j2")
    ]


def test_pg102_a_template_drops_the_attribution(templates: Callable[..., Path]) -> None:
    project = templates(
        (
            "partials/pull_quote.mjml.j2",
            "– {{ block.pull_speaker }}",
            "– {{ event.people.wrobel.name }}",
        )
    )
    found = messages("PG102", [project / SEED.name])
    assert len(found) == 3
    assert all(
        m.startswith("quotes.fazit.by: the quote's attribution 'Conrad Wrobel, Aufsichtsrat")
        for m in found
    )
    assert [m.rsplit(" in ", 1)[1] for m in found] == [
        name + own("partials/pull_quote.mjml.j2")
        for name in ("newsletter.mjml", "newsletter.html", "newsletter.eml (HTML)")
    ]


def test_pg103_sponsors_in_another_order(templates: Callable[..., Path]) -> None:
    project = templates(
        (
            "partials/sponsor_thanks.txt.j2",
            "{{ sponsor_thanks | wrap }}",
            "{{ sponsor_thanks | replace('JenaWirtschaft, der Thüringer Agentur für die "
            "Kreativwirtschaft (ThAK)', 'der Thüringer Agentur für die Kreativwirtschaft "
            "(ThAK), JenaWirtschaft') | wrap }}",
        )
    )
    assert messages("PG103", [project / SEED.name]) == [
        f"sponsors: the sponsor acknowledgement differs in {name}: the sponsors are in "
        "another order" + own("partials/sponsor_thanks.txt.j2")
        for name in ("pressemitteilung.txt", "newsletter.txt", "newsletter.eml (Text)")
    ]


def test_pg103_a_sponsor_left_out(templates: Callable[..., Path]) -> None:
    project = templates(
        (
            "partials/sponsor_thanks.html.j2",
            "{{ sponsor_thanks }}",
            "{{ sponsor_thanks | replace('JenaWirtschaft, ', '') }}",
        )
    )
    assert messages("PG103", [project / SEED.name]) == [
        "sponsors: the sponsor acknowledgement differs in pressemitteilung.html: "
        "missing JenaWirtschaft" + own("partials/sponsor_thanks.html.j2")
    ]


def test_pg104_date_and_time(templates: Callable[..., Path]) -> None:
    project = templates(
        (
            "partials/facts.txt.j2",
            '(line.label ~ ": " ~ listed.text)',
            '(line.label ~ ": " ~ (event.event.date | date_numeric if line.label == labels.date '
            "else listed.text))",
        ),
        (
            "partials/facts.mjml.j2",
            '{% include "partials/fact_lines.html.j2" %}',
            "{% for line in fact_lines %}<br>{{ line.label }}: "
            '{{ "15 Uhr" if line.label == labels.time else line.names[0].text }}{% endfor %}',
        ),
    )
    # The facts box is the invitation's: a recap's newsletter leaves it out.
    assert messages("PG104", [project / SEED.name]) == []
    assert messages("PG104", [project / SEED.name], "invitation") == [
        *(
            "event.date: the date (Donnerstag, 17. August 2017) is missing or different in "
            f"{name}" + own("partials/facts.txt.j2")
            for name in ("newsletter.txt", "newsletter.eml (Text)")
        ),
        *(
            f"event.start: the time (ab 14:30 Uhr) is missing or different in {name}"
            + own("partials/facts.mjml.j2")
            for name in ("newsletter.html", "newsletter.eml (HTML)")
        ),
    ]


def test_renamed_labels_are_no_finding(templates: Callable[..., Path]) -> None:
    """The checks look for the values; an own template may word the labels as it likes."""
    project = templates(
        (
            "partials/facts.txt.j2",
            '(line.label ~ ": "',
            '(("Termin" if line.label == labels.date else line.label) ~ ": "',
        ),
        (
            "partials/facts.mjml.j2",
            '{% include "partials/fact_lines.html.j2" %}',
            "{% for line in fact_lines %}{% if not loop.first %}<br>{% endif %}"
            '{{ "Wo" if line.label == labels.venue else line.label }}: '
            "{% for name in line.names %}{{ name.text }}{{ name.after }}{% endfor %}"
            "{% endfor %}",
        ),
        ("partials/contact.html.j2", "<h2>{{ labels.contact }}</h2>", "<h2>Ansprechpartnerin</h2>"),
        ("partials/footer.txt.j2", "{{ labels.impressum }}\n", "Anbieterkennzeichnung\n"),
        ("partials/character_count.html.j2", "{{ labels.character_count }}:", "Länge:"),
    )
    assert findings([project / SEED.name]) == []


def test_pg105_venue(templates: Callable[..., Path]) -> None:
    project = templates(
        (
            "partials/facts.mjml.j2",
            '{% include "partials/fact_lines.html.j2" %}',
            "{% for line in fact_lines if line.label != labels.venue %}<br>{{ line.label }}: "
            "{% for name in line.names %}{{ name.text }}{{ name.after }}{% endfor %}{% endfor %}",
        )
    )
    assert messages("PG105", [project / SECOND.name], "invitation") == [
        "event.venue: the venue (Historisches Rathaus, Markt 1, 07743 Jena) is missing or "
        f"different in {name}" + own("partials/facts.mjml.j2")
        for name in ("newsletter.html", "newsletter.eml (HTML)")
    ]


def test_pg106_headline(templates: Callable[..., Path]) -> None:
    project = templates(
        (
            "partials/headline.html.j2",
            "<h1>{{ event.press_release.headline }}</h1>",
            "<h1>{{ event.press_release.headline | upper }}</h1>",
        )
    )
    assert messages("PG106", [project / SEED.name]) == [
        "press_release.headline: the headline is missing or changed in pressemitteilung.html"
        + own("partials/headline.html.j2")
    ]


def test_pg107_release_without_the_event_day(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    body = event_data["press_release"]["body"]
    body[0] = body[0].replace("am 17. August 2017 ", "")
    assert messages("PG107", [write_yaml(event_data)]) == [
        "event.date: the press release does not mention the day of the event (17. August 2017)"
    ]


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ({"name": "Die Gäste"}, [(
            "people.gruppe.name: 'Die Gäste' begins with an article in capitals, but pressgen "
            "writes the name within a sentence („sagt Die Gäste“): write 'die Gäste', and "
            "plural: yes for a group of several",
            "„Die Gäste“ beginnt mit einem großgeschriebenen Artikel, pressgen setzt den Namen "
            "aber mitten in einen Satz („sagt Die Gäste“): schreiben Sie „die Gäste“, bei "
            "einer Gruppe mehrerer auch plural: yes",
        )]),
        ({"name": "Das Publikum", "plural": False}, [(
            "people.gruppe.name: 'Das Publikum' begins with an article in capitals, but "
            "pressgen writes the name within a sentence („sagt Das Publikum“): write "
            "'das Publikum', and plural: yes for a group of several",
            "„Das Publikum“ beginnt mit einem großgeschriebenen Artikel, pressgen setzt den "
            "Namen aber mitten in einen Satz („sagt Das Publikum“): schreiben Sie „das "
            "Publikum“, bei einer Gruppe mehrerer auch plural: yes",
        )]),
        ({"name": "Die Gäste", "plural": True}, [(
            "people.gruppe.name: 'Die Gäste' begins with an article in capitals, but pressgen "
            "writes the name within a sentence („sagen Die Gäste“): write 'die Gäste'",
            "„Die Gäste“ beginnt mit einem großgeschriebenen Artikel, pressgen setzt den Namen "
            "aber mitten in einen Satz („sagen Die Gäste“): schreiben Sie „die Gäste“",
        )]),
        ({"name": "die Gäste", "plural": True}, []),
        ({"name": "Dieter Müller"}, []),
    ],
)  # fmt: skip
def test_pg705_a_group_written_as_it_begins_a_sentence(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    person: dict[str, Any],
    expected: list[tuple[str, str]],
) -> None:
    event_data["people"]["gruppe"] = person
    found = [p for p in findings([write_yaml(event_data)]) if p.code == "PG705"]
    assert [(f"{p.field}: {p.message}", p.message_de) for p in found] == expected


@pytest.mark.parametrize(
    ("published", "phase", "status", "expected"),
    [
        ("2017-08-10", "recap", "scheduled", [(
            "press_release.publication_date: the report is dated 10. August 2017, before the "
            "event on 17. August 2017: give the report its day after the event, and the "
            "announcement to invitation (headline, text, publication_date)",
            "Der Bericht ist auf den 10. August 2017 datiert, vor der Veranstaltung am "
            "17. August 2017: geben Sie dem Bericht ein Datum nach der Veranstaltung und die "
            "Ankündigung an invitation",
        )]),
        ("2017-08-17", "recap", "scheduled", []),  # on the day: an evening's report
        ("2017-08-28", "recap", "scheduled", []),
        ("2017-08-10", "invitation", "scheduled", []),  # an announcement may come before
        ("2017-08-10", "recap", "cancelled", []),  # a notice of a change, not a report
    ],
)  # fmt: skip
def test_pg505_a_report_dated_before_its_event(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    published: str,
    phase: Phase,
    status: str,
    expected: list[tuple[str, str]],
) -> None:
    event_data["press_release"]["publication_date"] = published
    event_data["event"]["status"] = status
    found = [p for p in findings([write_yaml(event_data)], phase) if p.code == "PG505"]
    assert [(f"{p.field}: {p.message}", p.message_de.replace(NBSP, " ")) for p in found] == [
        (english, german) for english, german in expected
    ]


@pytest.mark.parametrize(
    ("quote", "phase", "expected"),
    [
        ({"verb": "betont"}, "recap", [(
            "quotes.extra.verb: the report is in the past (sagte, dankte), but this quote's "
            "verb is in the present ('betont'): write it in the past, e.g. 'betonte'",
            "Der Bericht steht in der Vergangenheit (sagte, dankte), das Verb dieses Zitats im "
            "Präsens („betont“): schreiben Sie es in der Vergangenheit, etwa „betonte“",
        )]),
        ({"verb": "hebt hervor"}, "recap", [(
            "quotes.extra.verb: the report is in the past (sagte, dankte), but this quote's "
            "verb is in the present ('hebt hervor'): write it in the past, e.g. 'hob hervor'",
            "Der Bericht steht in der Vergangenheit (sagte, dankte), das Verb dieses Zitats im "
            "Präsens („hebt hervor“): schreiben Sie es in der Vergangenheit, etwa „hob hervor“",
        )]),
        ({"verb": "betonte"}, "recap", []),
        ({"verb": "rief"}, "recap", []),
        ({}, "recap", []),  # left out: pressgen writes „sagte“ in a report
        ({"verb": "betont"}, "invitation", []),  # before the event the present is right
    ],
)  # fmt: skip
def test_pg707_a_report_keeps_its_quotes_in_the_past(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    quote: dict[str, str],
    phase: Phase,
    expected: list[tuple[str, str]],
) -> None:
    event_data["quotes"]["extra"] = {"by": "wrobel", "text": "Gut.", **quote}
    found = [p for p in findings([write_yaml(event_data)], phase) if p.code == "PG707"]
    assert [(f"{p.field}: {p.message}", p.message_de) for p in found] == expected


@pytest.mark.parametrize(
    ("place", "text", "draft", "expected"),
    [
        (("organisation", "impressum", "represented_by"), "Vorstand: [Name offen]", False, [(
            "organisation.impressum.represented_by: '[Name offen]' looks like a gap still to "
            "fill, but the file is no draft: fill it in, or set 'draft: yes' while facts are "
            "open",
            "„[Name offen]“ sieht nach einer noch offenen Stelle aus, die Datei ist aber kein "
            "Entwurf: füllen Sie sie aus oder setzen Sie 'draft: yes'",
        )]),
        (("press_release", "headline"), "Workshop mit N. N. im Volkshaus", False,
         [("press_release.headline: 'N. N.' looks like", "„N. N.“ sieht")]),
        (("organisation", "about"), "Die TowerByte eG XXX", False,
         [("organisation.about: 'XXX' looks like", "„XXX“ sieht")]),
        (("press_release", "subline"), "Referent [folgt]", False,
         [("press_release.subline: '[folgt]' looks like", "„[folgt]“ sieht")]),
        (("organisation", "impressum", "represented_by"), "Vorstand: [Name offen]", True, []),
        (("press_release", "subline"), "Die Ausstellung ist offen [1]", False, []),
        (("press_release", "subline"), "Eine offene Runde (Teil 2)", False, []),
    ],
)  # fmt: skip
def test_pg602_a_gap_written_by_hand_outside_a_draft(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    place: tuple[str, ...],
    text: str,
    draft: bool,
    expected: list[tuple[str, str]],
) -> None:
    holder = event_data
    for part in place[:-1]:
        holder = holder[part]
    holder[place[-1]] = text
    event_data["draft"] = draft
    found = [p for p in findings([write_yaml(event_data)]) if p.code == "PG602"]
    said = [(f"{p.field}: {p.message}", p.message_de) for p in found]
    assert len(said) == len(expected)
    # The first case in full; the others by how they begin.
    for (english, german), (start_en, start_de) in zip(said, expected, strict=True):
        assert english.startswith(start_en) and german.startswith(start_de)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["event"].update(host={"name": "JenaWirtschaft", "article": "keiner"}), [(
            "PG708", "sponsors[0].name: JenaWirtschaft is both a sponsor and the host: the "
            "thanks would name it twice, as Sponsor and as Gastgeber; leave it out of one of "
            "them",
        )]),
        (lambda d: d["sponsors"].append({"name": "Ministerium für Wirtschaft Thüringen",
                                         "article": "das"}), [(
            "PG709", "sponsors[3].name: Ministerium für Wirtschaft Thüringen is thanked as "
            "Sponsor, but a public body or foundation supports rather than sponsors: thank the "
            "sponsors as Förderer (thanks: - to: [sponsors], noun: foerderer)",
        )]),
        (lambda d: d["sponsors"].append({"name": "Carl-Zeiss-Stiftung", "article": "die"}),
         [("PG709", "sponsors[3].name: Carl-Zeiss-Stiftung is thanked as Sponsor")]),
        # Thanked as Förderer: nothing to say.
        (lambda d: (d["sponsors"].append({"name": "Stadt Jena", "article": "die"}),
                    d.update(thanks=[{"to": ["sponsors"], "noun": "foerderer"}])), []),
        (lambda d: d["sponsors"].append({"name": "Stadtwerke Jena", "article": "die"}), []),
    ],
)  # fmt: skip
def test_pg708_pg709_sponsors_as_the_data_words_them(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    change: Callable[[dict[str, Any]], Any],
    expected: list[tuple[str, str]],
) -> None:
    change(event_data)
    found = [
        (p.code, f"{p.field}: {p.message}")
        for p in findings([write_yaml(event_data)])
        if p.code in ("PG708", "PG709")
    ]
    assert len(found) == len(expected)
    for (code, said), (want_code, start) in zip(found, expected, strict=True):
        assert code == want_code and said.startswith(start), said


def test_a_one_word_quote_also_in_the_teaser_is_no_missing_attribution(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    """A false alarm once seen: „Volltreffer“ as a quote and in the teaser made check
    report the quote's attribution missing, five times, and stopped the build."""
    event_data["quotes"]["kurz"] = {"by": "wrobel", "text": "Volltreffer", "lead_in": "jubelte"}
    event_data["newsletter"]["teaser"] = "Ein Volltreffer: der Workshop-Nachmittag in Jena."
    event_data["press_release"]["body"].append({"text": "Alle sprachen von einem Volltreffer."})
    found = findings([write_yaml(event_data)])
    assert [p for p in found if p.code.startswith("PG1")] == []
    assert [p for p in found if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("presence", "expected"),
    [
        ("absent", [(
            "quotes.fazit.by: Conrad Wrobel has cancelled (people.wrobel.presence: absent), but "
            "the outputs would say they were there: leave them out here",
            "Conrad Wrobel hat abgesagt (people.wrobel.presence: absent), die Ausgaben sagten "
            "aber, die Person sei dabei gewesen: lassen Sie sie hier weg",
        )]),
        ("video_message", []),
        ("on_site", []),
    ],
)  # fmt: skip
def test_pg706_someone_who_cancelled_does_not_speak(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    presence: str,
    expected: list[tuple[str, str]],
) -> None:
    event_data["people"]["wrobel"]["presence"] = presence
    found = [p for p in findings([write_yaml(event_data)]) if p.code == "PG706"]
    assert [(f"{p.field}: {p.message}", p.message_de) for p in found] == expected


@pytest.mark.parametrize(
    ("own_date", "phase", "expected"),
    [
        ("2017-08-20", "invitation", [(
            "invitation.publication_date: the invitation is dated 20. August 2017, after the "
            "event on 17. August 2017",
            "Die Einladung ist auf den 20. August 2017 datiert, nach der Veranstaltung am "
            "17. August 2017",
        )]),
        (None, "invitation", [(
            "press_release.publication_date: the invitation has no invitation.publication_date "
            "and takes this date of the report (28. August 2017), after the event on "
            "17. August 2017; give the invitation its own date",
            "Die Einladung hat kein eigenes Datum (invitation.publication_date) und übernimmt "
            "dieses Datum des Berichts (28. August 2017), nach der Veranstaltung am "
            "17. August 2017; geben Sie der Einladung ein eigenes Datum",
        )]),
        ("2017-08-17", "invitation", []),  # on the day itself: short notice, not wrong
        ("2017-08-20", "recap", []),  # the report may come after the event
    ],
)  # fmt: skip
def test_pg504_an_invitation_dated_after_its_event(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    own_date: str | None,
    phase: Phase,
    expected: list[tuple[str, str]],
) -> None:
    if own_date is None:
        del event_data["invitation"]["publication_date"]
    else:
        event_data["invitation"]["publication_date"] = own_date
    found = [p for p in findings([write_yaml(event_data)], phase) if p.code == "PG504"]
    assert [(f"{p.field}: {p.message}", p.message_de.replace(NBSP, " ")) for p in found] == [
        (english, german) for english, german in expected
    ]
    assert all(p.severity == "warning" for p in found)  # a file that built still builds


@pytest.mark.parametrize(
    ("words", "named"),
    [
        ("am 17.08.2017", True),
        ("am 17.8.2017", True),
        ("am 17. und 18. August 2017", True),
        ("am 16. und 17. August", True),
        ("vom 15. bis 18. August 2017", True),
        ("vom 15.–18. Aug. 2017", True),
        ("am 14., 15. und 17. August 2017", True),
        ("am 18. August 2017", False),
        ("am 17.09.2017", False),
        ("am 16. und 18. August 2017", False),
    ],
)
def test_pg107_knows_numeric_dates_lists_and_ranges(
    write_yaml: Callable[..., Path], event_data: dict[str, Any], words: str, named: bool
) -> None:
    body = event_data["press_release"]["body"]
    body[0] = body[0].replace("am 17. August 2017", words)
    assert bool(messages("PG107", [write_yaml(event_data)])) is not named


def test_pg502_an_embargo_after_the_publication_date(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["press_release"]["embargo"] = "2027-01-15 18:00"
    assert messages("PG502", [write_yaml(event_data)]) == [
        "press_release.embargo: the embargo (15. Januar 2027, 18 Uhr) lies after the "
        "publication date (28. August 2017): journalists would hold the release past its date"
    ]
    event_data["press_release"]["embargo"] = "2017-08-28 10:00"
    assert messages("PG502", [write_yaml(event_data)]) == []


@pytest.mark.parametrize(
    ("published", "headline", "expected"),
    [
        (
            "2017-08-01",
            None,
            'press_release.headline: the text looks back ("Rückblick"), but the release is '
            "published on 1. August 2017, before the event on 17. August 2017: set "
            "press_release.publication_date to a day after the event, or write an announcement",
        ),
        ("2017-08-28", None, None),  # the seed: published after the event
        ("2017-08-17", None, None),  # on the day itself
        ("2017-08-01", "Workshop fand in Jena statt", "press_release.headline"),
        ("2017-08-01", "Der Workshop war ein voller Erfolg", "press_release.headline"),
    ],
)
def test_pg704_a_recap_published_before_the_event(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    published: str,
    headline: str | None,
    expected: str | None,
) -> None:
    event_data.pop("invitation")  # no words of its own: the report's texts would go out
    event_data["press_release"]["publication_date"] = published
    if headline:
        event_data["press_release"]["headline"] = headline
    found = messages("PG704", [write_yaml(event_data)])
    if expected is None:
        assert found == []
    elif expected.endswith("headline"):
        assert [message.partition(":")[0] for message in found] == [expected]
    else:
        assert found == [expected]


def test_pg704_an_announcement_before_the_event_is_fine(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["press_release"]["publication_date"] = "2017-08-01"
    release = event_data["press_release"]
    release["headline"] = "Workshop-Nachmittag der TowerByte eG am 17. August"
    release["body"] = ["Am 17. August 2017 lädt die TowerByte eG zum Workshop-Nachmittag ein."]
    release.pop("subline", None)
    event_data["newsletter"]["subject"] = "Einladung: Workshop-Nachmittag"
    event_data["newsletter"].pop("teaser", None)
    event_data["newsletter"].pop("preheader", None)
    event_data.pop("quotes", None)
    assert messages("PG704", [write_yaml(event_data)]) == []


# ---------------------------------------------------------------- PG2xx


@pytest.mark.parametrize(
    ("edit", "code", "expected"),
    [
        (
            (
                "pressemitteilung.txt.j2",
                '(dateline ~ " – " if loop.first and dateline_leads else "")',
                '""',
            ),
            "PG201",
            "press_release.dateline_city: the dateline (Jena, 28. August 2017) is missing in "
            "pressemitteilung.txt",
        ),
        (
            ("partials/contact.html.j2", "{% for line in contact %}", "{% for line in [] %}"),
            "PG202",
            "press_release.contact: the Pressekontakt is missing in pressemitteilung.html "
            "(Maria Beispiel is not there)",
        ),
        (
            ("partials/about.html.j2", "{{ publisher.about | prose_html }}", ""),
            "PG203",
            "organisation.about: the 'Über uns' text is missing in pressemitteilung.html",
        ),
        (
            ("partials/footer.txt.j2", "{% for line in impressum %}", "{% for line in [] %}"),
            "PG204",
            "organisation.impressum: the Impressum is missing in newsletter.txt or incomplete: "
            "Leutragraben 1, 07743 Jena",
        ),
        (
            ("partials/footer.mjml.j2", '<a href="{{ unsubscribe_url }}"', "<a"),
            "PG205",
            "newsletter.unsubscribe_url: the Abmeldelink is missing in newsletter.html",
        ),
        (
            ("partials/character_count.html.j2", ": {{ character_count }}", ""),
            "PG306",
            "press_release.body: the character count (2.721) is not stated in "
            "pressemitteilung.html",
        ),
    ],
)
def test_furniture_dropped_by_a_template(
    templates: Callable[..., Path], edit: Edit, code: str, expected: str
) -> None:
    project = templates(edit)
    assert messages(code, [project / SEED.name]) == [expected + own(edit[0])]


def test_pg206_pg207_photo_without_alt_and_credit(templates: Callable[..., Path]) -> None:
    project = templates(
        ("partials/photo.html.j2", 'alt="{{ photo.alt or photo.caption }}"', ""),
        ("partials/photo.txt.j2", ' ~ " " ~ labels.photo_credit ~ ": " ~ photo.credit', ""),
    )
    assert messages("PG206", [project / SECOND.name]) == [
        "newsletter: an image in pressemitteilung.html has no alt text: "
        "fotos/neujahrsempfang-2027.web.png" + own("partials/photo.html.j2")
    ]
    assert messages("PG207", [project / SECOND.name]) == [
        "press_release.photos[0].credit: the photo credit (Max Mustermann) is missing in "
        "pressemitteilung.txt" + own("partials/photo.txt.j2")
    ]


def test_missing_contact_and_about_are_warnings(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    del event_data["press_release"]["contact"]
    del event_data["organisation"]["about"]
    path = write_yaml(event_data)
    assert codes([path]) == {("PG202", "warning"), ("PG203", "warning")}


# ---------------------------------------------------------------- PG3xx, PG4xx


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("x" * 50, set()),
        ("x" * 51, {("PG302", "warning")}),
        ("x" * 78, {("PG302", "warning")}),
        ("x" * 79, {("PG301", "error")}),
    ],
)
def test_subject_length(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    subject: str,
    expected: set[tuple[str, str]],
) -> None:
    event_data["newsletter"]["subject"] = subject
    assert codes([write_yaml(event_data)]) == expected


def test_preheader(write_yaml: Callable[..., Path], event_data: dict[str, Any]) -> None:
    event_data["newsletter"]["preheader"] = "x" * 101
    assert messages("PG303", [write_yaml(event_data)]) == [
        "newsletter.preheader: the preheader has 101 characters; mail programs show about 100"
    ]
    del event_data["newsletter"]["preheader"]
    assert messages("PG303", [write_yaml(event_data)]) == []  # the teaser takes its place
    del event_data["newsletter"]["teaser"]
    assert messages("PG303", [write_yaml(event_data)]) == [
        "newsletter: no preheader and no teaser: mail programs show the first words of the "
        "email instead"
    ]


@pytest.mark.parametrize(("paragraphs", "code"), [(60, "PG304"), (90, "PG305")])
def test_newsletter_size(
    write_yaml: Callable[..., Path], event_data: dict[str, Any], paragraphs: int, code: str
) -> None:
    """Each paragraph here is about 1 KB of email HTML; Gmail cuts at 102 KB."""
    body = event_data["press_release"]["body"]
    body += [f"Absatz {n}: " + "Ein Satz über den Nachmittag. " * 30 for n in range(paragraphs)]
    found = [message for message in messages(code, [write_yaml(event_data)])]
    assert len(found) == 1 and found[0].startswith("newsletter: newsletter.html has ")


def test_pg401_a_template_links_elsewhere(templates: Callable[..., Path]) -> None:
    project = templates(
        ("pressemitteilung.html.j2", "<footer>", '<footer><a href="ftp://files.example.org/">x</a>')
    )
    assert messages("PG401", [project / SEED.name]) == [
        "newsletter: pressemitteilung.html links to 'ftp://files.example.org/'; only http, "
        "https and mailto are allowed" + own("pressemitteilung.html.j2")
    ]


def test_pg402_pg403_duplicate_and_placeholder_links(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    for sponsor in event_data["sponsors"][:2]:
        sponsor["url"] = "https://www.sponsor-jena.de/"
    event_data["sponsors"][2]["url"] = "https://example.com/"
    path = write_yaml(event_data)
    assert messages("PG402", [path]) == [
        "sponsors[1].url: 'https://www.sponsor-jena.de/' is given twice (also in sponsors[0].url)"
    ]
    assert messages("PG403", [path]) == [
        "sponsors[2].url: 'https://example.com/' looks like a placeholder address"
    ]


@pytest.mark.parametrize(
    ("place", "address", "flagged"),
    [
        (("newsletter", "sender", "email"), "newsletter@towerbyte.example", True),
        (("press_release", "contact", "email"), "presse@example.com", True),
        (("organisation", "email"), "info@verein.test", True),
        (("newsletter", "sender", "email"), "newsletter@towerbyte.de", False),
        (("organisation", "email"), "info@example-verein.de", False),  # only the name's start
    ],
)
def test_pg403_placeholder_email_addresses_reach_readers_too(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    place: tuple[str, ...],
    address: str,
    flagged: bool,
) -> None:
    """The Impressum, the sender line and the Pressekontakt print their addresses."""
    holder = event_data
    for key in place[:-1]:
        holder = holder[key]
    holder[place[-1]] = address
    expected = [f"{'.'.join(place)}: '{address}' looks like a placeholder address"]
    assert messages("PG403", [write_yaml(event_data)]) == (expected if flagged else [])


# ---------------------------------------------------------------- the command


def test_check_strict_turns_warnings_into_errors(run_cli: Callable[..., Result]) -> None:
    assert run_cli("check", SECOND).exit_code == 0
    result = run_cli("check", "--strict", SECOND)
    assert result.exit_code == 1
    assert result.stderr.endswith("pressgen: 11 warnings are errors under --strict.\n")
    assert run_cli("check", "--strict", SEED).exit_code == 0


def test_check_json(run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", "--format", "json", SECOND)
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["ok"] is True and report["errors"] == 0 and report["warnings"] == 11
    first = report["problems"][0]
    assert set(first) == {"file", "line", "column", "severity", "code", "field", "message"}
    assert first["code"] == "PG403" and first["severity"] == "warning"
    strict = run_cli("check", "--format", "json", "--strict", SECOND)
    assert strict.exit_code == 1 and json.loads(strict.stdout)["ok"] is False


def test_check_json_with_errors(
    run_cli: Callable[..., Result], write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["event"]["guests"] = "viele"
    result = run_cli("check", "--format", "json", write_yaml(event_data))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["errors"] == 1
    assert report["problems"][0]["field"] == "event.guests"
    assert report["problems"][0]["message"] == "expected a whole number"
