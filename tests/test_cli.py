"""The command line: exit codes, messages and where outputs go."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from helpers import SEED


def test_check_passes_on_the_seed(run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", SEED)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith("towerbyte-workshop-2017.yaml: ok\n")
    # In the press room of its folder it lacks what the web needs: an address, a photo.
    room = run_cli("check", SEED.parent)
    assert room.exit_code == 0, room.output
    assert room.stdout.endswith("towerbyte-workshop-2017.yaml: ok, 2 warnings\n")
    assert "[PG901]" in room.stderr and "[PG902]" in room.stderr


def test_check_writes_nothing(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    assert run_cli("check", SEED).exit_code == 0
    assert list(tmp_path.iterdir()) == []


def test_check_fails_with_located_messages(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "kaputt.yaml").write_text(
        SEED.read_text("utf-8").replace("guests: 80", "guests: viele"), "utf-8"
    )
    result = run_cli("check", "kaputt.yaml")
    assert result.exit_code == 1
    line = next(
        n for n, text in enumerate(SEED.read_text("utf-8").splitlines(), 1) if "guests: 80" in text
    )
    assert result.stderr == (
        f"kaputt.yaml:{line}:11: event.guests: expected a whole number [PG005]\n"
        "pressgen: 1 error.\n"
    )
    assert result.stdout == ""


def test_build_folder_to_chosen_out(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    result = run_cli("build", SEED.parent, "--out", "public")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "public" / SEED.stem).iterdir()) == [
        "en",  # the English edition (languages: [de, en]), the same files
        "newsletter.eml",
        "newsletter.html",
        "newsletter.mjml",
        "newsletter.txt",
        "pressemitteilung.html",
        "pressemitteilung.txt",
        "termin.ics",
    ]
    assert not list((tmp_path / "public" / SEED.stem).glob(".*"))  # no temp files left


def test_missing_file(run_cli: Callable[..., Result]) -> None:
    result = run_cli("build", "gibt-es-nicht.yaml")
    assert result.exit_code == 1
    assert result.stderr.startswith("gibt-es-nicht.yaml:1:1: no such file or folder [PG007]\n")


def test_usage_error_is_clicks(run_cli: Callable[..., Result]) -> None:
    result = run_cli("build")
    assert result.exit_code == 2
    assert "give event files or folders, or run this inside a pressgen project" in result.stderr
    assert run_cli("build", "--nonsense", "x.yaml").exit_code == 2


def test_version(run_cli: Callable[..., Result]) -> None:
    from pressgen import __version__

    result = run_cli("--version")
    assert result.stdout == f"pressgen, version {__version__}\n"


def test_the_help_says_what_each_command_needs(run_cli: Callable[..., Result]) -> None:
    """send names the secret every list send to an unsubscribe page needs; check's
    --phase speaks of checking; build's --documents names both documents."""
    from pressgen.deliver.lists import MIN_SECRET, SECRET_VARIABLE

    send = " ".join(run_cli("send", "--help").output.split())
    assert f"{SECRET_VARIABLE} (at least {MIN_SECRET} characters" in send
    check = " ".join(run_cli("check", "--help").output.split())
    assert "--phase [invitation|recap] Check the invitation" in check
    build = " ".join(run_cli("build", "--help").output.split())
    assert "pressemitteilung.pdf" in build and "pressemitteilung.docx (Word)" in build
