"""build/check --for: the newsletter for listmonk, Mailchimp, Brevo and CleverReach."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from helpers import SECOND, SEED, parse

from pressgen.pipeline import Choices, build
from pressgen.registry import (
    LIST_MANAGER_NOTES,
    LIST_MANAGERS,
    NEWSLETTER_EMAIL,
    NEWSLETTER_HTML,
    NEWSLETTER_TEXT,
    PHOTO_ARCHIVE,
    PRESS_RELEASE_HTML,
    PRESS_RELEASE_TEXT,
)

# Each system's placeholders, as its documentation gives them
# (see pressgen/registry.py).
TAGS = [
    # name, unsubscribe, web version, preview text
    ("listmonk", "{{UnsubscribeURL}}", "{{MessageURL}}", None),
    ("mailchimp", "*|UNSUB|*", "*|ARCHIVE|*", "*|MC_PREVIEW_TEXT|*"),
    ("brevo", "{{unsubscribe}}", "{{mirror}}", None),
    ("cleverreach", "{UNSUBSCRIBE}", None, None),
]
OWN_UNSUBSCRIBE = "https://www.netzwerk-saale.example/newsletter/abmelden"
# With the example's campaign parameters (a placeholder gets none: it is no web address).
OWN_WEB_VERSION = (
    "https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/newsletter.html"
    "?utm_source=newsletter&utm_medium=email&utm_campaign=neujahrsempfang-2027"
)
OWN_PREVIEW = "Gemeinsam digital ins neue Jahr\u00a0– der Rückblick mit Fotos und Stimmen"


def _built(folder: Path, choices: Choices) -> dict[str, bytes]:
    (result,) = build([SECOND], folder, choices=choices)
    return {name: (result.out_dir / name).read_bytes() for name in result.written}


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        return _built(tmp_path_factory.mktemp("own"), Choices())


@pytest.fixture(scope="module")
def handed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        return {
            name: _built(tmp_path_factory.mktemp(name), Choices(list_manager=name))
            for name in LIST_MANAGERS
        }


def test_the_table_covers_every_system() -> None:
    assert [row[0] for row in TAGS] == list(LIST_MANAGERS)


@pytest.mark.parametrize(("name", "unsubscribe", "web_version", "preview"), TAGS)
def test_the_system_fills_in_what_pressgen_would_have_written(
    handed: dict[str, dict[str, bytes]],
    own: dict[str, bytes],
    name: str,
    unsubscribe: str,
    web_version: str | None,
    preview: str | None,
) -> None:
    """Put the own addresses back where the tags stand: the newsletter is the same, byte
    for byte. So the tags stand exactly where pressgen's addresses stood, and nowhere else."""
    files = handed[name]
    html = files[NEWSLETTER_HTML].decode()
    hrefs = [attrs.get("href") for _, attrs in parse(html).tags]
    assert hrefs.count(unsubscribe) == 1
    assert (hrefs.count(web_version) == 1) if web_version else OWN_WEB_VERSION in hrefs
    back = html.replace(unsubscribe, OWN_UNSUBSCRIBE)
    if web_version:
        back = back.replace(web_version, OWN_WEB_VERSION.replace("&", "&amp;"))
    if preview:
        assert OWN_PREVIEW not in html
        back = back.replace(preview, OWN_PREVIEW)
    assert back == own[NEWSLETTER_HTML].decode()

    text = files[NEWSLETTER_TEXT].decode()
    assert text.count(unsubscribe) == 1
    if web_version:
        assert text.startswith(f"Im Browser ansehen: {web_version}\n")
    words = text.replace(unsubscribe, OWN_UNSUBSCRIBE).replace(web_version or "\0", OWN_WEB_VERSION)
    assert words.split() == own[NEWSLETTER_TEXT].decode().split()  # the lines break elsewhere


@pytest.mark.parametrize("name", list(LIST_MANAGERS))
def test_the_system_gets_the_newsletter_and_the_notes_only(
    handed: dict[str, dict[str, bytes]], own: dict[str, bytes], name: str
) -> None:
    files = handed[name]
    for kept_back in (NEWSLETTER_EMAIL, PRESS_RELEASE_HTML, PRESS_RELEASE_TEXT):
        assert kept_back not in files
    press_release = {NEWSLETTER_EMAIL, PRESS_RELEASE_HTML, PRESS_RELEASE_TEXT, PHOTO_ARCHIVE}
    # The English edition's newsletter too, for the English list, with its own notes.
    editions = ("", "en/")
    kept = {edition + file for edition in editions for file in press_release}
    notes = {edition + LIST_MANAGER_NOTES for edition in editions}
    assert set(files) == (set(own) - kept) | notes


NOTES = {
    "mailchimp": """\
Newsletter für Mailchimp

Betreff: Neujahrsempfang 2027: 1.200 Gäste im Rathaus
Vorschautext: Gemeinsam digital ins neue Jahr\u00a0– der Rückblick mit Fotos und Stimmen
Absender: Netzwerk Digitale Region Saale <newsletter@netzwerk-saale.example>
Sperrfrist: nicht vor 15.\u00a0Januar\u00a02027, 18\u00a0Uhr versenden.
Vor dem Versand online stellen (Fotos und Links des Newsletters führen dorthin): \
https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/

Dateien:
- newsletter.html: der HTML-Code des Newsletters
- newsletter.txt: die Textversion
- newsletter.mjml: die Quelle des HTML-Codes (MJML), falls Sie ihn ändern möchten

Platzhalter – bitte unverändert lassen, Mailchimp ersetzt sie beim Versand:
- Abmeldelink: *|UNSUB|*
- Webversion: *|ARCHIVE|*
- Vorschautext: *|MC_PREVIEW_TEXT|* – Mailchimp setzt hier den Vorschautext ein, den Sie \
in der Kampagne eintragen (Text siehe oben)
""",
    "cleverreach": """\
Newsletter für CleverReach

Betreff: Neujahrsempfang 2027: 1.200 Gäste im Rathaus
Vorschautext: Gemeinsam digital ins neue Jahr\u00a0– der Rückblick mit Fotos und Stimmen
Absender: Netzwerk Digitale Region Saale <newsletter@netzwerk-saale.example>
Sperrfrist: nicht vor 15.\u00a0Januar\u00a02027, 18\u00a0Uhr versenden.
Vor dem Versand online stellen (Fotos und Links des Newsletters führen dorthin): \
https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/

Dateien:
- newsletter.html: der HTML-Code des Newsletters
- newsletter.txt: die Textversion
- newsletter.mjml: die Quelle des HTML-Codes (MJML), falls Sie ihn ändern möchten

Platzhalter – bitte unverändert lassen, CleverReach ersetzt ihn beim Versand:
- Abmeldelink: {UNSUBSCRIBE}

Die Webversion verlinkt der Newsletter selbst: \
https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/newsletter.html

Der Vorschautext steht bereits im HTML-Code.
""",
}


@pytest.mark.parametrize(("name", "expected"), NOTES.items())
def test_the_notes_say_what_to_enter_where(
    handed: dict[str, dict[str, bytes]], name: str, expected: str
) -> None:
    assert handed[name][LIST_MANAGER_NOTES].decode() == expected


def test_check_accepts_the_placeholder_where_it_demands_an_abmeldelink(
    run_cli: Callable[..., Result], write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    """The system brings the Abmeldelink: a file without one is fine for it, not for an .eml."""
    del event_data["newsletter"]["unsubscribe_url"]
    path = write_yaml(event_data)
    alone = run_cli("check", path)
    assert alone.exit_code == 1
    assert "[PG205]" in alone.output
    handed = run_cli("check", "--for", "mailchimp", path)
    assert handed.exit_code == 0, handed.output
    assert "PG205" not in handed.output and "PG401" not in handed.output


def test_the_own_build_carries_no_placeholder(built: dict[str, dict[str, bytes]]) -> None:
    """Without --for, every address is pressgen's own: no tag reaches a direct send."""
    for files in built.values():
        for data in files.values():
            for tag in (tag for row in TAGS for tag in row[1:] if tag):
                assert tag.encode() not in data


def test_build_for_a_system_writes_beside_the_own_folder(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    result = run_cli("build", "--for", "brevo", "--out", tmp_path / "out", SEED)
    assert result.exit_code == 0, result.output
    folder = tmp_path / "out" / "towerbyte-workshop-2017-brevo"
    assert (folder / LIST_MANAGER_NOTES).is_file()
    assert f"Next: read {folder / LIST_MANAGER_NOTES}".replace(str(tmp_path) + "/", "") in (
        result.output.replace(str(tmp_path) + "/", "")
    )
    assert "give newsletter.html and newsletter.txt to Brevo." in result.output


def test_a_newsletter_file_goes_to_a_system_too(tmp_path: Path) -> None:
    issue = SECOND.parent / "newsletter-2027-01.yaml"
    (result,) = build([issue], tmp_path, choices=Choices(list_manager="listmonk"))
    assert result.out_dir.name == "newsletter-2027-01-listmonk"
    assert NEWSLETTER_EMAIL not in result.written
    html = (result.out_dir / NEWSLETTER_HTML).read_text("utf-8")
    hrefs = [attrs.get("href") for _, attrs in parse(html).tags]
    assert hrefs.count("{{UnsubscribeURL}}") == 1
    assert hrefs.count("{{MessageURL}}") == 1
    notes = (result.out_dir / LIST_MANAGER_NOTES).read_text("utf-8")
    assert notes.startswith("Newsletter für listmonk\n\nBetreff: ")


# What an author may write by accident (or on purpose) that a system would act on.
WRITTEN_TAGS = {
    "mailchimp": ["*|UNSUB|*", "*|EMAIL|*"],
    "listmonk": ["{{ .Subscriber.Email }}", "{{UnsubscribeURL}}"],
    "brevo": ["{{ unsubscribe }}", "{{ contact.EMAIL }}", "{% if x %}"],
    "cleverreach": ["{UNSUBSCRIBE}", "{EMAIL}"],
}


@pytest.mark.parametrize(
    ("system", "tag"), [(system, tag) for system, tags in WRITTEN_TAGS.items() for tag in tags]
)
def test_a_placeholder_in_the_authors_text_is_refused_for_its_system(
    run_cli: Callable[..., Result], tmp_path: Path, system: str, tag: str
) -> None:
    text = SEED.read_text("utf-8").replace(
        "    Rund um die Digitalisierung", f"    Rund um die {tag} Digitalisierung", 1
    )
    event = tmp_path / SEED.name
    event.write_text(text, "utf-8")
    result = run_cli("build", event, "--for", system, "--out", "out")
    assert result.exit_code == 1
    assert f"press_release.headline: {tag} is a placeholder of {LIST_MANAGERS[system].label}" in (
        result.stderr
    )
    assert "[PG405]" in result.stderr and not (tmp_path / "out").exists()
    # pressgen's own newsletter has no such system: the words are the author's.
    assert run_cli("build", event, "--out", "out").exit_code == 0
