"""A newsletter file: several items (events as invitation or recap, news) in one email."""

from __future__ import annotations

import copy
import email
import shutil
import subprocess
from collections.abc import Callable, Iterator
from email import policy
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from helpers import ROOT, SECOND, SEED, german_only, readable_text

from pressgen.errors import DataError

ISSUE = ROOT / "data" / "newsletter-2027-01.yaml"
MJML_CLI = ROOT / "node_modules" / ".bin" / "mjml"


@pytest.fixture(scope="module")
def issue_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    from pressgen.pipeline import build

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        (built,) = build([ISSUE], tmp_path_factory.mktemp("issue"))
    return {name: (built.out_dir / name).read_bytes() for name in built.written}


@pytest.fixture
def issue_folder(tmp_path: Path) -> Iterator[Callable[[dict[str, Any]], Path]]:
    """A copy of data/ with an edited newsletter file."""

    def write(data: dict[str, Any]) -> Path:
        folder = tmp_path / "data"
        if not folder.exists():
            shutil.copytree(ROOT / "data", folder)
        path = folder / "ausgabe.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
        return path

    yield write


def issue_data(english: bool = False) -> dict[str, Any]:
    """The example newsletter file; without its English unless asked (an item added to
    the German would need its English too)."""
    data: dict[str, Any] = yaml.safe_load(ISSUE.read_text("utf-8"))
    if not english:
        del data["languages"], data["en"]
    return data


NEWSLETTER = ["newsletter.eml", "newsletter.html", "newsletter.mjml", "newsletter.txt"]


def test_an_issue_has_the_newsletters_outputs(issue_outputs: dict[str, bytes]) -> None:
    # The German newsletter, and the English one in en/ (languages: [de, en]).
    assert sorted(issue_outputs) == sorted([*NEWSLETTER, *(f"en/{name}" for name in NEWSLETTER)])
    message = email.message_from_bytes(issue_outputs["newsletter.eml"], policy=policy.default)
    assert message["Subject"] == "Netzwerk Saale im Januar: Neujahrsempfang und neue Mitglieder"
    assert message["From"] == "Netzwerk Digitale Region Saale <newsletter@netzwerk-saale.example>"
    assert message["Date"] == "Wed, 20 Jan 2027 09:00:00 +0100"
    assert message["Content-Language"] == "de"
    english = email.message_from_bytes(issue_outputs["en/newsletter.eml"], policy=policy.default)
    assert english["Subject"] == "Netzwerk Saale in January: New Year reception and new members"
    assert english["From"] == message["From"] and english["Date"] == message["Date"]
    assert english["Content-Language"] == "en"


@pytest.mark.parametrize("name", ["en/newsletter.txt", "en/newsletter.html"])
def test_the_english_issue_reads_in_order(issue_outputs: dict[str, bytes], name: str) -> None:
    """Its own words from en:, each event's from its own English edition, the labels in
    English; the Impressum's legal words stay German."""
    text = readable_text(name, issue_outputs[name].decode("utf-8"))
    order = [
        "Newsletter January 2027",
        "Dear members, partners and friends of the network",
        "In this issue",
        "Looking back New Year Reception 2027 – around 1,200 guests at the Historisches Rathaus",
        "Evening atmosphere outside the Historisches Rathaus in Jena. Photo: Max Mustermann",
        "Around 1,200 guests, two speeches and a packed town hall",
        "“We didn’t invent digitalisation",
        "(translated from German)",
        "Special thanks go to the sponsor, Saale-Werkstatt GmbH.",
        "Read the full report",
        "News Two new members join the network",
        "See all members",
        "News Smart City working group looks for new members",
        "Contact the network office",
        "The team of the Netzwerk Digitale Region Saale",
        "Legal notice (Impressum)",
        "Unsubscribe from this newsletter",
    ]
    assert_in_order(text, order)
    # Its own web version.
    assert "/newsletter/2027-01/en/newsletter.html" in issue_outputs[name].decode("utf-8")
    assert "Rückblick" not in text and "Mehr erfahren" not in text


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # A news item's English headline left out.
        (lambda data: data["en"]["items"][1]["news"].pop("headline"),
         "items[1].news.headline: no English for this text: write it under "
         "en.items[1].news.headline"),
        # English for an item the German does not have.
        (lambda data: data["en"]["items"].append({"news": {"headline": "More"}}),
         "en.items[3]: the German has nothing here to translate: give it there first, or "
         "leave this out"),
        (lambda data: data.pop("en"),
         "languages: languages lists en, but the file has no en: part with the English words "
         "(en.issue.subject, en.issue.intro …)"),
        # An event the English newsletter shows without an English edition of its own.
        (lambda data: data["items"].insert(1, {"event": "towerbyte-workshop-2017.yaml"})
         or data["en"]["items"].insert(1, {}),
         "items[1].event: the English newsletter shows this event, but "
         "towerbyte-workshop-2017.yaml has no English edition: add languages: [de, en] and its "
         "en: part there"),
    ],
)  # fmt: skip
def test_the_english_newsletter_lacks_nothing(
    issue_folder: Callable[[dict[str, Any]], Path],
    change: Callable[[dict[str, Any]], Any],
    expected: str,
) -> None:
    from pressgen.pipeline import render_path

    data = issue_data(english=True)
    change(data)
    path = issue_folder(data)
    if "towerbyte" in expected:
        event = path.parent / "towerbyte-workshop-2017.yaml"
        event.write_text(german_only(event.read_text("utf-8")), "utf-8")
    with pytest.raises(DataError) as error:
        render_path(path, _now())
    found = [f"{p.field}: {p.message}" for p in error.value.problems]
    assert expected in found, found
    assert {p.code for p in error.value.problems} == {"PG013"}


@pytest.mark.parametrize("name", ["newsletter.txt", "newsletter.html"])
def test_the_issue_reads_in_order(issue_outputs: dict[str, bytes], name: str) -> None:
    text = readable_text(name, issue_outputs[name].decode("utf-8"))
    order = [
        "Newsletter Januar 2027",
        "Liebe Mitglieder, Partner und Freunde des Netzwerks",
        "In dieser Ausgabe",  # the table of contents
        "Rückblick Neujahrsempfang 2027 – rund 1.200 Gäste im Historischen Rathaus",
        "Abendstimmung vor dem Historischen Rathaus in Jena. Foto: Max Mustermann",
        "Rund 1.200 Gäste, zwei Reden und ein volles Rathaus",
        "„Wir haben die Digitalisierung nicht erfunden",
        # The thanks as the event's own outputs say them, word for word.
        "Besonderer Dank gilt der Sponsorin, der Saale-Werkstatt GmbH.",
        "Den ganzen Bericht lesen",
        "Zwei neue Mitglieder im Netzwerk",
        "Alle Mitglieder ansehen",
        "Arbeitsgruppe Smart City sucht Mitstreiter",
        "Ihr Team des Netzwerks Digitale Region Saale",
        "Impressum",
        "Newsletter abbestellen",
    ]
    assert_in_order(text, order)


def assert_in_order(text: str, order: list[str]) -> None:
    """Each part after the one before (the contents name the headlines once already)."""
    folded, at = text.casefold(), 0
    for part in order:
        found = folded.find(part.casefold(), at)
        assert found >= 0, f"{part!r} is missing or out of order"
        at = found + len(part)


def test_the_contents_link_to_their_items(issue_outputs: dict[str, bytes]) -> None:
    html = issue_outputs["newsletter.html"].decode("utf-8")
    for number in (1, 2, 3):
        assert f'href="#punkt-{number}"' in html and f'id="punkt-{number}"' in html


def test_an_event_shown_as_invitation(
    issue_folder: Callable[[dict[str, Any]], Path],
) -> None:
    from pressgen.pipeline import render_path

    data = issue_data()
    data["items"].insert(1, {"event": "towerbyte-workshop-2017.yaml", "show_as": "invitation"})
    data["issue"]["publication_date"] = "2027-01-20"
    rendered = render_path(issue_folder(data), _now())
    text = readable_text("newsletter.txt", str(rendered.outputs["newsletter.txt"]))
    assert (
        "EINLADUNG Ab in die Zukunft: Workshop-Nachmittag der TowerByte eG am 17. August in Jena "
        "Donnerstag, 17. August 2017, ab 14:30 Uhr, Jena Zum vierten Mal lädt"
    ) in text
    assert "Jetzt anmelden: [" in text


def _with_the_workshop_invited(
    issue_folder: Callable[[dict[str, Any]], Path],
) -> tuple[Path, Path]:
    """The example issue with the workshop as an invitation; the issue and the event file."""
    data = issue_data()
    data["items"].insert(1, {"event": "towerbyte-workshop-2017.yaml", "show_as": "invitation"})
    data["issue"]["publication_date"] = "2027-01-20"
    path = issue_folder(data)
    return path, path.parent / "towerbyte-workshop-2017.yaml"


@pytest.mark.parametrize("output", ["newsletter.txt", "newsletter.html"])
def test_an_issue_item_says_its_event_is_cancelled(
    issue_folder: Callable[[dict[str, Any]], Path], output: str
) -> None:
    from pressgen.pipeline import render_path

    path, event = _with_the_workshop_invited(issue_folder)
    event.write_text(
        event.read_text("utf-8").replace("  guests: 80\n", "  guests: 80\n  status: cancelled\n"),
        "utf-8",
    )
    text = readable_text(output, str(render_path(path, _now()).outputs[output]))
    assert "EINLADUNG Die Veranstaltung fällt aus. Ab in die Zukunft" in text.replace("*** ", "")
    assert text.count("fällt aus") == 1


def test_an_issue_with_a_draft_event_is_a_draft(
    issue_folder: Callable[[dict[str, Any]], Path],
) -> None:
    from pressgen.pipeline import Choices, render_path

    path, event = _with_the_workshop_invited(issue_folder)
    event.write_text("draft: yes\n" + event.read_text("utf-8"), "utf-8")
    with pytest.raises(DataError) as error:
        render_path(path, _now())
    assert [f"{p.field}: {p.message} [{p.code}]" for p in error.value.problems] == [
        "items[1].event: towerbyte-workshop-2017.yaml is a draft, so this newsletter is one "
        "too (it says so at the top); finish the event, or build with --draft [PG601]"
    ]
    rendered = render_path(path, _now(), Choices(drafts=True))
    text = str(rendered.outputs["newsletter.txt"]).replace("\u00a0", " ")
    assert text.startswith(
        "*** Entwurf – enthält einen Entwurf: „Ab in die Zukunft: Workshop-Nachmittag der "
        "TowerByte eG am 17. August in Jena“ ***\n"
    ), text[:200]


def test_the_issue_waits_for_every_sperrfrist(
    issue_folder: Callable[[dict[str, Any]], Path],
) -> None:
    from pressgen.pipeline import render_path

    data = issue_data()
    data["issue"]["publication_date"] = "2027-01-14"  # the recap's Sperrfrist ends on 15 Jan
    with pytest.raises(DataError) as error:
        render_path(issue_folder(data), _now())
    assert [f"{p.field}: {p.message} [{p.code}]" for p in error.value.problems] == [
        "items[0].event: neujahrsempfang-2027.yaml has a Sperrfrist until 15. Januar 2027, "
        "18 Uhr, after this issue's day (14. Januar 2027): set issue.publication_date to a "
        "later day, or leave the event out [PG503]"
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["items"].__setitem__(0, {"event": "fehlt.yaml"}),
         "items[0].event: there is no event file fehlt.yaml next to the newsletter file"),
        (lambda d: d["items"].__setitem__(0, {"event": "../etc/passwd"}),
         "items[0].event: there is no event file ../etc/passwd next to the newsletter file"),
        (lambda d: d["items"].pop(0),
         "items: a newsletter issue needs at least one event: its organisation sends the "
         "issue and signs its Impressum"),
        (lambda d: d["items"][1].update(event="neujahrsempfang-2027.yaml"),
         "items[1]: give either event (a file) or news, not both"),
        (lambda d: d["issue"].pop("subject"), "issue.subject: required field is missing"),
    ],
)  # fmt: skip
def test_a_wrong_newsletter_file_is_located(
    issue_folder: Callable[[dict[str, Any]], Path],
    change: Callable[[dict[str, Any]], Any],
    message: str,
) -> None:
    from pressgen.pipeline import render_path

    data = copy.deepcopy(issue_data())
    change(data)
    path = issue_folder(data)
    with pytest.raises(DataError) as error:
        render_path(path, _now())
    found = [f"{p.field}: {p.message}" for p in error.value.problems]
    assert message in found, found
    assert all(p.file == path for p in error.value.problems)


def test_build_and_check_take_newsletter_files_beside_events(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = run_cli("build", ROOT / "data", "--out", "out")
    assert result.exit_code == 0, result.output
    # Its report is under Sperrfrist until 15 January, the issue's own day is 20 January.
    # The line says why the folder is embargoed/.
    assert (
        "newsletter-2027-01.yaml → out/embargoed/newsletter-2027-01/ (8 written, 0 unchanged; "
        "not public before 20. Januar 2027: publish it only then)\n"
    ) in result.stdout.replace("\u00a0", " ")
    assert "towerbyte-workshop-2017/ (14 written, 0 unchanged)\n" in result.stdout
    checked = run_cli("check", ISSUE)
    assert checked.exit_code == 0 and checked.stdout.endswith(
        "newsletter-2027-01.yaml: ok; not public before 20. Januar 2027: build writes it into "
        "embargoed/, send refuses it to subscribers until then\n"
    )
    sent = run_cli("send", ISSUE, "--to", "a@example.org", "--dry-run")
    assert sent.exit_code == 1, sent.output
    assert "Public:     from 20. Januar 2027 (the publication day of newsletter-2027-01.yaml)" in (
        sent.stdout
    )
    assert (
        "Subject:    Netzwerk Saale im Januar: Neujahrsempfang und neue Mitglieder" in sent.stdout
    )


def test_building_a_newsletter_file_points_to_its_newsletter(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """It has no press release: the closing line names the file it did write."""
    result = run_cli("build", ISSUE, "--out", "out")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1].startswith(
        "Next: open out/embargoed/newsletter-2027-01/newsletter.html in a browser"
    )
    assert (tmp_path / "out" / "embargoed" / "newsletter-2027-01" / "newsletter.html").is_file()


@pytest.mark.node
def test_the_issue_passes_the_reference_validator(
    issue_outputs: dict[str, bytes], tmp_path: Path
) -> None:
    source = tmp_path / "newsletter.mjml"
    source.write_bytes(issue_outputs["newsletter.mjml"])
    result = subprocess.run(
        [str(MJML_CLI), "--validate", "--config.validationLevel=strict", str(source)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]


def test_the_newsletter_schema_validates_the_example() -> None:
    import json

    import jsonschema

    from pressgen.source.schema import schema_text

    schema = json.loads(schema_text("newsletter"))
    # As an editor reads the YAML: dates are text.
    example = issue_data(english=True)
    jsonschema.validate(json.loads(json.dumps(example, default=str)), schema)
    assert SEED.exists() and SECOND.exists()


def _now() -> Any:
    import datetime as dt

    return dt.datetime(2027, 1, 20, 9, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("moment", "flags", "prefix"),
    [("1800600000", (), ""), ("1767225600", ("--before-embargo",), "[TEST] ")],
    ids=["public", "test-before-it-is"],
)
def test_a_newsletter_file_goes_to_each_address_of_to_as_its_own_message(
    run_cli: Callable[..., Result],
    tmp_path: Path,
    moment: str,
    flags: tuple[str, ...],
    prefix: str,
) -> None:
    """As an event file's newsletter does: each address its own message, To that address,
    a Message-ID of its own, dated when sent; the confirmation names the subject the
    messages carry."""
    import email.utils

    from aiosmtpd.controller import Controller
    from helpers import free_port
    from test_send import Recorder

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    recorder, port = Recorder(), free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        result = run_cli(
            "send", folder / ISSUE.name, "--to", "a@example.org,b@example.org",
            "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none", *flags,
            env={"SOURCE_DATE_EPOCH": moment},
        )  # fmt: skip
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    messages = [
        email.message_from_bytes(e.original_content or b"", policy=policy.default)
        for e in recorder.envelopes
    ]
    assert [str(m["To"]) for m in messages] == ["a@example.org", "b@example.org"]
    assert len({m["Message-ID"] for m in messages}) == 2
    subject = f"{prefix}Netzwerk Saale im Januar: Neujahrsempfang und neue Mitglieder"
    assert {str(m["Subject"]).strip() for m in messages} == {subject}  # a fold keeps a space
    for message in messages:  # dated when sent, not on the issue's day
        sent = email.utils.parsedate_to_datetime(str(message["Date"]))
        assert sent.year >= 2026 and sent.date().isoformat() != "2027-01-20"
    assert result.stdout.endswith(f'Sent "{subject}" to 2 recipients.\n')


@pytest.mark.parametrize(
    ("languages", "expected"),
    [(["en"], "languages: languages must list de: the German edition is the original"),
     (["de", "de"], "languages: languages names a language twice")],
)  # fmt: skip
def test_a_newsletter_file_lists_the_german_edition_once(
    issue_folder: Callable[[dict[str, Any]], Path], languages: list[str], expected: str
) -> None:
    from pressgen.pipeline import render_path

    data = issue_data(english=True)
    data["languages"] = languages
    path = issue_folder(data)
    with pytest.raises(DataError) as error:
        render_path(path, _now())
    assert [f"{p.field}: {p.message}" for p in error.value.problems] == [expected]
    # Located at the value (the dump writes the list under its key: "- en").
    written = path.read_text("utf-8").splitlines()
    line = error.value.problems[0].line
    assert written[line - 2 : line] == ["languages:", f"- {languages[0]}"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda data: data["en"]["items"][1]["news"].update(
            text="Since January, TowerByte eG and Saale-Werkstatt GmbH are members: 124 "
                 "in all."),
         ["PG114 en.items[1].news.text: the number 124 stands in the English text and not in "
          "the other edition's",
          "PG114 en.items[1].news.text: the number 142 stands in the German text and not in "
          "the other edition's"]),
        (lambda data: data["en"]["issue"].update(
            intro="Our year began on 15 January with a full town hall."),
         ["PG113 en.issue.intro: the English text names 15.01.2027 and the other edition "
          "does not"]),
        (lambda data: None, []),
    ],
)  # fmt: skip
def test_the_english_newsletter_says_what_the_german_says(
    issue_folder: Callable[[dict[str, Any]], Path],
    change: Callable[[dict[str, Any]], Any],
    expected: list[str],
) -> None:
    """Its own words name the same days, times and numbers as the German (PG113, PG114)."""
    from pressgen.pipeline import render_path

    data = issue_data(english=True)
    change(data)
    rendered = render_path(issue_folder(data), _now())
    found = [
        f"{p.code} {p.field}: {p.message}"
        for p in rendered.warnings
        if p.code in ("PG113", "PG114")
    ]
    assert found == expected


def test_a_newsletter_file_goes_to_each_reader_in_their_language(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """A list's language column, as for an event file: en reads the English newsletter."""
    from aiosmtpd.controller import Controller
    from helpers import free_port
    from test_send import Recorder

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    (folder / "verteiler.csv").write_text(
        "email,salutation,language\nmember@example.org,,\ndesk@example.org,Dear Sam,en\n",
        "utf-8",
    )
    recorder, port = Recorder(), free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        result = run_cli(
            "send", folder / ISSUE.name, "--to-list", folder / "verteiler.csv",
            "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none",
            env={"SOURCE_DATE_EPOCH": "1800600000",
                 "PRESSGEN_UNSUBSCRIBE_SECRET": "ein-geheimnis-nur-fuer-tests"},
        )  # fmt: skip
    finally:
        controller.stop()
    assert result.exit_code == 0, result.output
    got = {
        str(m["To"]): m
        for m in (
            email.message_from_bytes(e.original_content or b"", policy=policy.default)
            for e in recorder.envelopes
        )
    }
    german, english = got["member@example.org"], got["desk@example.org"]
    assert german["Content-Language"] == "de" and english["Content-Language"] == "en"
    assert (
        str(english["Subject"]) == "Netzwerk Saale in January: New Year reception and new members"
    )
    text = english.get_body(("plain",)).get_content()
    assert "Dear Sam,\n\nOur year began with a full town hall." in text.replace("\r\n", "\n")
    assert "Liebe Mitglieder, Partner und Freunde" in german.get_body(("plain",)).get_content()


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (("--documents",), ["--documents does not apply to a newsletter file: it has no "
                            "press release to print"]),
        (("--phase", "invitation"), ["--phase does not apply to a newsletter file: each item "
                                     "shows its event as the item's show_as says"]),
        ((), []),
    ],
)  # fmt: skip
def test_options_a_newsletter_file_has_no_use_for_are_named(
    run_cli: Callable[..., Result], options: tuple[str, ...], said: list[str]
) -> None:
    result = run_cli("build", ISSUE, "--out", "out", *options)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "[PG012]" in line]
    assert [line.split("issue: ", 1)[1].removesuffix(" [PG012]") for line in warnings] == said
