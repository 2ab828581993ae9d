"""Nothing public before the Sperrfrist, everything public after it: one rule
(pressgen.embargo), walked across every command × every kind of document × one minute
before and one minute after the instant, with the Sperrfrist written in the event's own
time zone and with another offset.

A new command, output or document kind joins the tables below (BUILDS, SENDS, KINDS);
it never gets a test of its own for the Sperrfrist.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import ROOT
from test_send import Recorder, smtp_server  # noqa: F401  (the fixture)

from pressgen.outputs.email import subject_of

# The Sperrfrist of the second example: 15 January 2027, 18 Uhr in Jena, 17:00 UTC.
INSTANT = dt.datetime(2027, 1, 15, 17, 0, tzinfo=dt.UTC)
PRINTED = "15. Januar 2027, 18 Uhr"
PRINTED_EN = "15 January 2027, 6 pm CET"  # the English edition's (languages: [de, en])
MOMENTS = {
    "before": str(int(INSTANT.timestamp()) - 60),
    "after": str(int(INSTANT.timestamp()) + 60),
}
# The same instant, as a press office may write it.
WRITTEN = {
    "local": "2027-01-15 18:00",  # in the event's zone, Europe/Berlin
    "offset": "2027-01-15T19:00:00+02:00",  # another zone's clock
}
MARKER = b"Neujahrsempfang"  # in every document of every kind below
SECRET = {"PRESSGEN_UNSUBSCRIBE_SECRET": "s" * 32}

EVENT = "neujahrsempfang-2027.yaml"
ISSUE = "newsletter-2027-01.yaml"


def _project(folder: Path, kind: str, written: str) -> Path:
    """The shipped data with the Sperrfrist written as `written`; returns the file of
    `kind` (see KINDS)."""
    data = folder / "data"
    data.mkdir()
    shutil.copytree(ROOT / "data" / "fotos", data / "fotos")
    event = (ROOT / "data" / EVENT).read_text("utf-8")
    assert "  embargo: 2027-01-15 18:00\n" in event
    event = event.replace("  embargo: 2027-01-15 18:00\n", f"  embargo: {written}\n")
    if kind in ("invitation", "announcement"):
        event = "phase: invitation\n" + event
    if kind == "announcement":
        own_words = event[event.index("  text:\n", event.index("\ninvitation:")) :]
        own_words = own_words[: own_words.index("  registration:")]
        event = event.replace(own_words, "")
        # The English edition's own words go too: it has nothing to translate then.
        english = event[event.index("    text:\n", event.index("\nen:")) :]
        english = english[: english.index("    registration:")]
        event = event.replace(english, "")
    (data / EVENT).write_text(event, "utf-8")
    if kind != "issue":
        return data / EVENT
    issue = (ROOT / "data" / ISSUE).read_text("utf-8")
    issue = issue.replace("publication_date: 2027-01-20", "publication_date: 2027-01-15")
    (data / ISSUE).write_text(issue, "utf-8")
    return data / ISSUE


KINDS = {
    # the event's report (a recap by its dates): held by its Sperrfrist
    "event": True,
    # the event's invitation in its own words: the report's Sperrfrist is not its own
    "invitation": False,
    # an invitation that is the press release itself (no words of its own): keeps it
    "announcement": True,
    # a newsletter issue that shows the report; its own day comes before the Sperrfrist
    "issue": True,
}


def _held(kind: str, command: str) -> bool:
    """Whether the document the command makes of `kind` carries the Sperrfrist."""
    if kind == "issue":
        return True  # an issue shows each event as its items say, whatever --phase says
    if command == "build-invitation":
        return kind == "announcement"  # the shipped event has an invitation of its own words
    if command == "build-recap":
        return True
    return KINDS[kind]


# Every way `build` writes something: the folder of each, below out/.
BUILDS: dict[str, tuple[str, ...]] = {
    "build": (),
    "build-folder": (),  # the data folder: the press room (index, feed, sitemap) too
    "build-documents": ("--documents",),
    "build-listmonk": ("--for", "listmonk"),
    "build-mailchimp": ("--for", "mailchimp"),
    "build-brevo": ("--for", "brevo"),
    "build-cleverreach": ("--for", "cleverreach"),
    "build-invitation": ("--phase", "invitation"),
    "build-recap": ("--phase", "recap"),
}


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


@pytest.mark.parametrize("written", list(WRITTEN))
@pytest.mark.parametrize("moment", list(MOMENTS))
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("command", list(BUILDS))
def test_build_publishes_nothing_before_the_instant_and_everything_after(
    run_cli: Callable[..., Result],
    tmp_path: Path,
    command: str,
    kind: str,
    moment: str,
    written: str,
) -> None:
    document = _project(tmp_path, kind, WRITTEN[written])
    target = document.parent if command == "build-folder" else document
    result = run_cli(
        "build",
        target,
        "--out",
        "out",
        *BUILDS[command],
        env={"SOURCE_DATE_EPOCH": MOMENTS[moment]},
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    held = out / "embargoed"
    published = [path for path in _files(out) if not path.is_relative_to(held)]
    if moment == "before" and _held(kind, command):
        # Only the press room's own files (an empty index, robots.txt) and the build's
        # record lie outside embargoed/, and none of them names the event.
        for path in published:
            assert path.parent == out, path
            assert MARKER not in path.read_bytes(), path
        assert _files(held)
    else:
        assert not held.exists() or not _files(held), result.output
        assert any(MARKER in path.read_bytes() for path in published)
    # The Sperrfrist printed is the instant that was waited for, in either edition.
    for text in (p for p in _files(out) if p.name == "pressemitteilung.txt"):
        english = text.parent.name == "en"
        line = f"Embargoed until {PRINTED_EN}" if english else f"Sperrfrist: {PRINTED}"
        printed = line in text.read_text("utf-8").replace("\u00a0", " ")
        assert printed == _held(kind, command), text


# Every way `send` hands a document to a mail server; each with --to and with --to-list.
SENDS: dict[str, tuple[str, ...]] = {
    "newsletter": (),
    "newsletter-test": ("--before-embargo",),
    "press": ("--press",),
    "press-docx": ("--press", "--docx"),
}


@pytest.mark.parametrize("written", list(WRITTEN))
@pytest.mark.parametrize("moment", list(MOMENTS))
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("to", ["--to", "--to-list"])
@pytest.mark.parametrize("command", list(SENDS))
def test_send_gives_subscribers_nothing_before_the_instant(
    run_cli: Callable[..., Result],
    smtp_server: Callable[..., tuple[Recorder, int]],  # noqa: F811
    tmp_path: Path,
    command: str,
    to: str,
    kind: str,
    moment: str,
    written: str,
) -> None:
    if kind == "issue" and command.startswith("press"):
        pytest.skip("a newsletter file has no press release to send to journalists")
    document = _project(tmp_path, kind, WRITTEN[written])
    recorder, port = smtp_server()
    (tmp_path / "liste.csv").write_text("email\na@example.org\nb@example.org\n", "utf-8")
    recipients = ("--to", "a@example.org,b@example.org") if to == "--to" else (to, "liste.csv")
    result = run_cli(
        "send", document, *recipients, *SENDS[command], "--smtp-host", "127.0.0.1",
        "--smtp-port", str(port), "--security", "none",
        env={"SOURCE_DATE_EPOCH": MOMENTS[moment], **SECRET},
    )  # fmt: skip
    assert "Traceback" not in result.output
    subjects = [subject_of(envelope.original_content or b"") for envelope in recorder.envelopes]
    if command.startswith("press"):
        # Journalists get the release before the Sperrfrist: it binds them, and says so.
        assert result.exit_code == 0, result.output
        assert len(subjects) == 2
        bodies = b"".join(e.original_content or b"" for e in recorder.envelopes)
        if moment == "before" and KINDS[kind]:
            assert all("Sperrfrist" in subject for subject in subjects), subjects
            assert b"Sperrfrist" in bodies
        return
    held = moment == "before" and KINDS[kind]
    if held and command == "newsletter":
        assert result.exit_code == 1
        assert f"not public before {PRINTED} (the Sperrfrist of {EVENT})" in result.stderr
        assert result.stderr.endswith("; nothing was sent.\n")
        assert subjects == []
        return
    assert result.exit_code == 0, result.output
    assert len(subjects) == 2
    test_send = held and command == "newsletter-test"  # once public, the flag changes nothing
    assert all(subject.startswith("[TEST] ") == test_send for subject in subjects), subjects
    assert f'Sent "{subjects[0]}" to 2 recipients.' in result.stdout


@pytest.mark.parametrize("written", list(WRITTEN))
@pytest.mark.parametrize("moment", list(MOMENTS))
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("to", ["--to", "--to-list"])
def test_a_dry_run_says_when_the_send_may_go_out(
    run_cli: Callable[..., Result], tmp_path: Path, to: str, kind: str, moment: str, written: str
) -> None:
    document = _project(tmp_path, kind, WRITTEN[written])
    (tmp_path / "liste.csv").write_text("email\na@example.org\n", "utf-8")
    recipients = ("--to", "a@example.org") if to == "--to" else (to, "liste.csv")
    result = run_cli(
        "send",
        document,
        *recipients,
        "--dry-run",
        env={"SOURCE_DATE_EPOCH": MOMENTS[moment], **SECRET},
    )
    assert "Dry run: nothing was sent" in result.stdout
    said = f"Public:     from {PRINTED} (the Sperrfrist of {EVENT})"
    if moment == "before" and KINDS[kind]:
        assert said in result.stdout
        assert result.exit_code == 1
        assert f"a send now would be refused: not public before {PRINTED}" in result.stderr
    else:
        assert "Public:" not in result.stdout
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("written", list(WRITTEN))
@pytest.mark.parametrize("moment", list(MOMENTS))
@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("output_format", ["text", "json"])
def test_check_says_what_is_not_public_yet(
    run_cli: Callable[..., Result],
    tmp_path: Path,
    output_format: str,
    kind: str,
    moment: str,
    written: str,
) -> None:
    import json

    document = _project(tmp_path, kind, WRITTEN[written])
    result = run_cli(
        "check", document, "--format", output_format, env={"SOURCE_DATE_EPOCH": MOMENTS[moment]}
    )
    assert result.exit_code == 0, result.output
    if output_format == "json":
        (entry,) = json.loads(result.stdout)["files"]
        expected = INSTANT.astimezone(dt.timezone(dt.timedelta(hours=1))).isoformat()
        held = moment == "before" and KINDS[kind]
        assert entry["not_public_before"] == (expected if held else None)
        return
    line = result.stdout.splitlines()[-1]
    said = f"not public before {PRINTED}: build writes it into embargoed/"
    assert (said in line) == (moment == "before" and KINDS[kind]), line


def test_a_link_in_place_of_embargoed_is_never_written_through(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    document = _project(tmp_path, "event", WRITTEN["local"])
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "embargoed").symlink_to(elsewhere)
    result = run_cli(
        "build", document, "--out", "out", env={"SOURCE_DATE_EPOCH": MOMENTS["before"]}
    )
    assert result.exit_code == 1
    assert result.stderr.endswith(
        "out/embargoed is not a folder but a link or a file: pressgen keeps what is not public "
        "yet there and never writes through a link; remove it; nothing was written.\n"
    ), result.stderr
    assert list(elsewhere.iterdir()) == []
    assert "Traceback" not in result.output


def test_embargoed_is_no_name_for_an_event(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    document = _project(tmp_path, "event", WRITTEN["local"])
    named = document.rename(document.with_name("embargoed.yaml"))
    result = run_cli("build", named, "--out", "out")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "data/embargoed.yaml:1:1: the name embargoed is kept for what is not public yet "
        "(out/embargoed); rename the file [PG007]\n"
    ), result.stderr
    assert not (tmp_path / "out").exists()
