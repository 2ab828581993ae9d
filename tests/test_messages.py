"""pressgen speaks German to a German locale and English otherwise: every message has both.

The catalogue (pressgen/locale/de/LC_MESSAGES/pressgen.po) is compared with what Babel
extracts from the code and from click, so a message added without its German fails here.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import re
import string
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from helpers import ROOT, SEED

from pressgen import messages


def _script() -> ModuleType:
    path = ROOT / "scripts" / "update-translations"
    loader = importlib.machinery.SourceFileLoader("update_translations", str(path))
    spec = importlib.util.spec_from_loader("update_translations", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


SCRIPT = _script()


@pytest.fixture(scope="module")
def catalogue() -> Catalog:
    with SCRIPT.PO.open("rb") as file:
        return read_po(file, locale="de", domain="pressgen")


@pytest.fixture(scope="module")
def in_the_code() -> Catalog:
    return SCRIPT.template()


def _key(message: Message) -> str | tuple[str, ...]:
    return message.id


def test_every_message_in_the_code_and_in_click_has_its_german(
    catalogue: Catalog, in_the_code: Catalog
) -> None:
    untranslated = [
        str(message.id)
        for message in in_the_code
        if message.id
        and (catalogue.get(message.id) is None or not SCRIPT.translated(catalogue[message.id]))
    ]
    assert not untranslated, (
        "without German (write it in the .po, then run scripts/update-translations):\n"
        + "\n".join(untranslated)
    )


def test_the_catalogue_holds_no_message_the_code_lost(
    catalogue: Catalog, in_the_code: Catalog
) -> None:
    lost = [
        str(message.id)
        for message in catalogue
        if message.id
        and any(place.startswith("pressgen/") for place, _ in message.locations)
        and in_the_code.get(message.id) is None
    ]
    assert not lost, "run scripts/update-translations:\n" + "\n".join(lost)


def _fields(text: str) -> set[str]:
    """The values a message is filled with: {name} (str.format) and %(name)s (Jinja)."""
    braces = {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    return braces | set(re.findall(r"%\((\w+)\)s", text))


def test_every_translation_is_filled_with_the_same_values(catalogue: Catalog) -> None:
    differing = []
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        given = set().union(*(_fields(text) for text in ids))  # what the code fills in
        for index, form in enumerate(forms):
            # Each form says what its English form says; a singular may write "ein"
            # for its count.
            wanted = _fields(ids[min(index, len(ids) - 1)])
            if index == 0 and len(ids) > 1:
                wanted -= {"count", "num", "nargs"}
            if _fields(form) - given or wanted - _fields(form):
                differing.append(f"{message.id!r}: {form!r}")
    assert not differing, "\n".join(differing)


def test_the_compiled_catalogue_is_the_one_of_the_po_file(catalogue: Catalog) -> None:
    assert SCRIPT.MO.read_bytes() == SCRIPT.mo_bytes(catalogue), "run scripts/update-translations"


# ---------------------------------------------------------------- the command line itself


def _pressgen(*args: str, language: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """pressgen run as a user runs it, in a locale of its own."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_")}
    env.pop("LANGUAGE", None)
    env["LANG"] = language
    return subprocess.run(
        [str(Path(sys.executable).parent / "pressgen"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


GERMAN = "de_DE.UTF-8"


@pytest.mark.parametrize(
    ("args", "german", "english"),
    [
        (
            ("--help",),
            [
                "Aufruf: pressgen [OPTIONEN] BEFEHL [ARGUMENTE]...",
                "Optionen:",
                "Befehle:",
                "Deutsche Pressemitteilungen und Newsletter-E-Mails aus einer YAML-Datei je "
                "Veranstaltung.",
                "Diese Hilfe zeigen und beenden.",
            ],
            [
                "Usage: pressgen [OPTIONS] COMMAND [ARGS]...",
                "Options:",
                "Commands:",
                "German press releases and newsletter emails from one YAML file per event.",
                "Show this message and exit.",
            ],
        ),
        (
            ("send", "--help"),
            ["PRESSGEN_UNSUBSCRIBE_SECRET (mindestens 16 Zeichen"],
            ["PRESSGEN_UNSUBSCRIBE_SECRET (at least 16 characters"],
        ),
        (
            ("build", "--nope"),
            ["Fehler: Keine Option '--nope'."],
            ["Error: No such option '--nope'."],
        ),
    ],
)
def test_help_and_usage_errors_speak_the_locales_language(
    args: tuple[str, ...], german: list[str], english: list[str]
) -> None:
    for language, wanted, unwanted in ((GERMAN, german, english), ("C.UTF-8", english, german)):
        shown = _pressgen(*args, language=language)
        said = " ".join((shown.stdout + shown.stderr).split())
        for text in wanted:
            assert " ".join(text.split()) in said, (language, text, said)
        for text in unwanted:
            assert " ".join(text.split()) not in said, (language, text)


def test_a_located_error_and_the_last_line_in_german(tmp_path: Path) -> None:
    broken = tmp_path / "termin.yaml"
    broken.write_text(
        SEED.read_text("utf-8").replace("\n  title:", "\n  titel:", 1), encoding="utf-8"
    )
    shown = _pressgen("build", str(broken), "--out", str(tmp_path / "out"), language=GERMAN)
    assert shown.returncode == 1
    assert "termin.yaml:" in shown.stderr
    assert "unbekanntes Feld 'titel'; meinten Sie 'title'?" in shown.stderr
    assert shown.stderr.rstrip().endswith("pressgen: 2 Fehler; nichts wurde geschrieben.")
    assert not (tmp_path / "out").exists()


def test_a_build_says_what_it_did_in_german(tmp_path: Path) -> None:
    shown = _pressgen("build", str(SEED), "--out", str(tmp_path), language=GERMAN)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert re.fullmatch(
        r".*towerbyte-workshop-2017\.yaml → .*/towerbyte-workshop-2017/ "
        r"\(\d+ geschrieben, 0 unverändert\)",
        lines[0],
    ), lines
    assert lines[-1].startswith("Weiter: Öffnen Sie ")


# ---------------------------------------------------------------- in the process itself


def test_the_language_follows_the_locale(german: None) -> None:
    assert messages.language() == "de"
    assert messages._("nothing was written") == "nichts wurde geschrieben"
    assert messages.ngettext("{count} warning", "{count} warnings", 3) == "{count} Warnungen"


@pytest.mark.parametrize(
    ("locale", "language"),
    [
        ("de_DE.UTF-8", "de"),
        ("de_AT.UTF-8", "de"),
        ("de_CH", "de"),
        ("de", "de"),
        ("en_GB.UTF-8", "en"),
        ("C.UTF-8", "en"),
        ("C", "en"),
        ("fr_FR.UTF-8", "en"),
    ],
)
def test_which_locales_are_german(
    monkeypatch: pytest.MonkeyPatch, locale: str, language: str
) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", locale)
    messages._chosen.cache_clear()
    try:
        assert messages.language() == language
    finally:
        monkeypatch.setenv("LANGUAGE", "en")
        messages._chosen.cache_clear()
