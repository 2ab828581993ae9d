"""Drafts: facts the material does not have yet stay open, show as [… offen] in every
output, and keep a final build (and sending) from going out until they are filled in."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import SECOND, readable_text

SECOND_TEXT = SECOND.read_text("utf-8")

# What the draft below leaves out of the shipped Neujahrsempfang.
OPEN_LINES = [
    '  date: 2027-01-15\n  start: "18:00"\n  end: "22:00"\n',
    "  publication_date: 2027-01-15\n",
    "      credit: Max Mustermann\n",
    "  embargo: 2027-01-15 18:00\n",
]


def without_open_facts(draft: bool) -> str:
    text = SECOND_TEXT
    for line in OPEN_LINES:
        assert line in text, line
        text = text.replace(line, "")
    if draft:
        text = text.replace("organisation:\n", "draft: yes\n\norganisation:\n", 1)
    return text


@pytest.fixture
def draft(data_dir: Path) -> Path:
    """The Neujahrsempfang as a draft without date, times, publication date and credit."""
    path = data_dir / "entwurf.yaml"
    path.write_text(without_open_facts(draft=True), "utf-8")
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def test_a_final_file_still_needs_every_fact(
    run_cli: Callable[..., Result], data_dir: Path
) -> None:
    """Without draft: yes a missing date is the error it was before drafts existed,
    reported together with the file's other mistakes."""
    path = data_dir / "final.yaml"
    path.write_text(without_open_facts(draft=False).replace("guests: 1200", "guests: viele"))
    result = run_cli("check", path)
    assert result.exit_code == 1
    name = "data/final.yaml"
    assert result.stderr.splitlines()[:4] == [
        f"{name}:{line_of(path, 'event:')}:1: event.date: required field is missing [PG004]",
        f"{name}:{line_of(path, 'guests:')}:11: event.guests: expected a whole number [PG005]",
        f"{name}:{line_of(path, 'press_release:')}:1: press_release.publication_date: "
        "required field is missing [PG004]",
        f"{name}:{line_of(path, '- src:')}:7: press_release.photos[0].credit: "
        "required field is missing [PG004]",
    ]


def test_an_empty_date_in_a_final_file(run_cli: Callable[..., Result], data_dir: Path) -> None:
    path = data_dir / "final.yaml"
    path.write_text(SECOND_TEXT.replace("  date: 2027-01-15\n", "  date:\n"), "utf-8")
    result = run_cli("check", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"data/final.yaml:{line_of(path, 'date:')}:3: event.date: has no value; write one after "
        "the colon (or mark the event 'draft: yes') [PG004]"
    )


def test_check_fails_a_draft_and_lists_what_is_open(
    run_cli: Callable[..., Result], draft: Path
) -> None:
    result = run_cli("check", draft)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"data/entwurf.yaml:{line_of(draft, 'draft: yes')}:1: draft: this is a draft; still "
        "open: the date (event.date), the start time (event.start), the publication date "
        "(press_release.publication_date), a photo credit (press_release.photos[0].credit); "
        "fill them in and remove 'draft: yes', "
        "or build the draft with --draft [PG601]"
    )
    report = json.loads(run_cli("check", "--format", "json", draft).stdout)
    assert report["ok"] is False
    assert [p["code"] for p in report["problems"] if p["severity"] == "error"] == ["PG601"]


def test_a_draft_is_not_written_without_draft(
    run_cli: Callable[..., Result], draft: Path, tmp_path: Path
) -> None:
    result = run_cli("build", draft, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "[PG601]" in result.stderr
    assert not (tmp_path / "out" / "entwurf").exists()


def test_a_marked_draft_with_nothing_open(run_cli: Callable[..., Result], data_dir: Path) -> None:
    path = data_dir / "fertig.yaml"
    path.write_text(SECOND_TEXT.replace("organisation:\n", "draft: yes\norganisation:\n", 1))
    result = run_cli("check", path)
    assert result.exit_code == 1
    assert (
        f"data/fertig.yaml:{line_of(path, 'draft: yes')}:1: draft: this is a draft, though "
        "nothing is open any more; remove 'draft: yes', or build the draft with --draft [PG601]"
    ) in result.stderr.splitlines()


@pytest.fixture
def draft_outputs(run_cli: Callable[..., Result], draft: Path, tmp_path: Path) -> Path:
    result = run_cli("build", "--draft", draft, "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "warning: draft: this is a draft; still open: the date" in result.stderr
    return tmp_path / "out" / "entwurf"


def test_every_output_shows_the_open_facts(draft_outputs: Path) -> None:
    def seen(name: str) -> str:
        return readable_text(name, (draft_outputs / name).read_text("utf-8"))

    note = "Entwurf – noch offen: Datum, Uhrzeit, Datum der Veröffentlichung und Bildnachweis"
    headline = "Neujahrsempfang 2027 – rund 1.200 Gäste im Historischen Rathaus"
    for name in (
        "pressemitteilung.html",
        "pressemitteilung.txt",
        "newsletter.html",
        "newsletter.txt",
    ):
        text = seen(name)
        assert 0 <= text.find(note) < text.find(headline), name  # above the headline
    assert seen("pressemitteilung.txt").startswith(f"*** {note} *** PRESSEMITTEILUNG")
    release = seen("pressemitteilung.html")
    assert "Jena, [Datum offen] – Mit rund 1.200 Gästen" in release
    assert "Foto: [Bildnachweis offen]" in release
    assert "Jena, [Datum offen] – Mit rund 1.200 Gästen" in seen("pressemitteilung.txt")
    assert "Foto: [Bildnachweis offen]" in seen("pressemitteilung.txt")
    # The facts box is the invitation's; a recap's newsletter names the open day nowhere.
    for name in ("newsletter.html", "newsletter.txt"):
        assert "Datum: " not in seen(name) and "[Datum offen]" not in seen(name), name


def test_no_output_states_a_fact_the_data_does_not_have(draft_outputs: Path) -> None:
    assert not (draft_outputs / "termin.ics").exists()
    release = (draft_outputs / "pressemitteilung.html").read_text("utf-8")
    script = release.split('<script type="application/ld+json">')[1].split("</script>")[0]
    data = json.loads(script)
    assert "datePublished" not in data
    assert "startDate" not in data["about"] and "endDate" not in data["about"]
    email = (draft_outputs / "newsletter.eml").read_bytes()
    assert b"\nDate:" not in email.split(b"\r\n\r\n")[0].replace(b"\r\n", b"\n")
    newsletter = (draft_outputs / "newsletter.html").read_text("utf-8")
    assert "termin.ics" not in newsletter and "Sperrfrist" not in newsletter
    for name in ("newsletter.txt", "pressemitteilung.txt", "pressemitteilung.html"):
        text = (draft_outputs / name).read_text("utf-8")
        assert "18:00" not in text and "18 Uhr" not in text and "termin.ics" not in text, name


def test_a_calendar_file_from_an_earlier_build_goes(
    run_cli: Callable[..., Result], draft: Path, tmp_path: Path
) -> None:
    """The date became open again: the old termin.ics must not stay beside the draft,
    while a file the press office put into the folder stays."""
    out = tmp_path / "out"  # the example's Sperrfrist has not passed: embargoed/
    draft.write_text(SECOND_TEXT, "utf-8")
    assert run_cli("build", draft, "--out", out).exit_code == 0
    assert (out / "embargoed" / "entwurf" / "termin.ics").exists()
    (out / "embargoed" / "entwurf" / "notizen.txt").write_text("von Hand", "utf-8")
    draft.write_text(without_open_facts(draft=True), "utf-8")
    assert run_cli("build", "--draft", draft, "--out", out).exit_code == 0
    # Without its Sperrfrist (an open fact now) the folder moved out of embargoed/.
    assert not (out / "embargoed" / "entwurf").exists()
    assert not (out / "entwurf" / "termin.ics").exists()
    assert (out / "entwurf" / "notizen.txt").read_text("utf-8") == "von Hand"


def test_a_draft_is_not_sent(run_cli: Callable[..., Result], draft: Path) -> None:
    result = run_cli("send", draft, "--to", "a@example.org", "--dry-run")
    assert result.exit_code == 1
    assert "[PG601]" in result.stderr


def test_the_preview_shows_a_draft_with_a_warning(
    draft: Path, monkeypatch: pytest.MonkeyPatch, german: None
) -> None:
    from pressgen.preview import Preview

    monkeypatch.chdir(draft.parent.parent)
    preview = Preview([draft])
    preview.rebuild()
    (page,) = preview.events.values()
    assert page.errors == []
    assert page.warnings[0] == (
        f"data/entwurf.yaml:{line_of(draft, 'draft: yes')}:1: Warnung: draft: Dies ist ein "
        "Entwurf; noch offen: das Datum, die Uhrzeit, das Datum der Veröffentlichung, "
        "ein Bildnachweis [PG601]"
    )


@pytest.mark.parametrize(
    ("phase", "thanks"),
    [
        # The report quoted Brandl just before: by her surname now.
        ("recap", "Brandl und Omar Haddad, stellvertretender Vorsitzender, dankten den "
                  "Anwohnerinnen und Anwohnern des Brunnenplatzes für ihre Geduld beim Auf- "
                  "und Abbau."),
        ("invitation", "Brandl und Omar Haddad, stellvertretender Vorsitzender, danken den "
                       "Anwohnerinnen und Anwohnern des Brunnenplatzes für ihre Geduld beim "
                       "Auf- und Abbau."),
    ],
)  # fmt: skip
def test_a_draft_report_keeps_one_tense_while_its_date_is_open(phase: str, thanks: str) -> None:
    """A report thanks in the past even before its date is filled in; an invitation in the
    present: the document's phase decides, not whether the dates are known yet."""
    from helpers import ROOT

    from pressgen.present.event import View, present
    from pressgen.source.validate import load_event

    event = load_event(ROOT / "tests" / "events" / "entwurf-offene-fakten.yaml")
    assert event.event.date is None  # the open fact
    # The invitation from the release's own words (its own text thanks no one).
    event = event.model_copy(update={"invitation": None})
    shown = present(event, View(phase))  # type: ignore[arg-type]
    assert [block.text for block in shown.blocks if block.kind == "sponsors"] == [thanks]
