"""What a first-time user meets: messages that say what happened, counted right, in one
wording, and commands that do what they say."""

from __future__ import annotations

import http.client
import json
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from helpers import SECOND, SEED_TEXT

from pressgen.preview import Preview, PreviewServer

# ---------------------------------------------------------------- writing fails plainly


@pytest.mark.parametrize(
    ("folder", "reason"),
    [("/proc/nope", "No such file or directory"), ("a-file/sub", "Not a directory")],
)
def test_new_where_nothing_can_be_written_is_one_line(
    tmp_path: Path, run_cli: Callable[..., Result], folder: str, reason: str
) -> None:
    (tmp_path / "a-file").write_text("x", "utf-8")
    result = run_cli("new", folder)
    assert result.exit_code == 1
    assert result.output == f"pressgen: cannot write {folder}: {reason}; nothing was written.\n"


def test_new_takes_back_what_it_wrote_when_a_file_cannot_be_written(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "presse" / "schemas").mkdir(parents=True)
    (tmp_path / "presse" / "templates").write_text("a file where a folder belongs", "utf-8")
    result = run_cli("new", "presse")
    assert result.exit_code == 1
    assert result.stderr == (
        "pressgen: cannot write presse/templates/README.md: Not a directory; nothing was written.\n"
    )
    left = sorted(str(p.relative_to(tmp_path)) for p in (tmp_path / "presse").rglob("*"))
    assert left == ["presse/schemas", "presse/templates"]


# ---------------------------------------------------------------- file names in web addresses


def test_a_file_name_with_spaces_and_umlauts_makes_a_valid_web_address(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("new", "presse").exit_code == 0
    project = tmp_path / "presse"
    config = project / "pressgen.yaml"
    config.write_text(
        config.read_text("utf-8").replace(
            "# web_base_url: https://www.example.de/presse/", "web_base_url: https://presse.de/"
        ),
        "utf-8",
    )
    (project / "events" / "beispiel.yaml").rename(project / "events" / "Hackathon Straße Tür.yaml")
    monkeypatch.chdir(project)
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    out = project / "out" / "Hackathon Straße Tür"
    page = (out / "newsletter.html").read_text("utf-8")
    web = "https://presse.de/Hackathon%20Stra%C3%9Fe%20T%C3%BCr/"
    assert f'href="{web}newsletter.html"' in page
    assert f'href="{web}termin.ics"' in page
    assert f"Im Browser ansehen: {web}newsletter.html\n" in (out / "newsletter.txt").read_text(
        "utf-8"
    )


# ---------------------------------------------------------------- every problem at once


def test_check_reports_a_missing_path_and_checks_the_others(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "a.yaml").write_text(SEED_TEXT, "utf-8")
    (tmp_path / "b.yaml").write_text(SEED_TEXT.replace("guests: 80", "guests: viele"), "utf-8")
    result = run_cli("check", "a.yaml", "b.yaml", "nope.yaml")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "nope.yaml:1:1: no such file or folder [PG007]" in lines
    assert any(line.startswith("b.yaml:") and "event.guests" in line for line in lines)
    assert lines[-1] == "pressgen: 2 errors."


def test_build_reports_a_missing_path_with_the_others_problems_and_writes_nothing(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "b.yaml").write_text(SEED_TEXT.replace("guests: 80", "guests: viele"), "utf-8")
    result = run_cli("build", "b.yaml", "nope.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "pressgen: 2 errors; nothing was written."
    assert not (tmp_path / "out").exists()


def test_preview_refuses_a_path_that_names_no_event(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("preview", "nope/", "--port", "0")
    assert result.exit_code == 1
    assert result.stderr == (
        "nope:1:1: no such file or folder [PG007]\npressgen: 1 error; the preview did not start.\n"
    )


# ---------------------------------------------------------------- counting and wording


@pytest.mark.parametrize(
    ("errors", "warnings", "expected"),
    [
        (1, 0, "1 error"),
        (2, 0, "2 errors"),
        (1, 1, "1 error and 1 warning"),
        (3, 2, "3 errors and 2 warnings"),
        (0, 1, "1 warning"),
        (0, 4, "4 warnings"),
        (0, 0, "0 warnings"),
    ],
)
def test_tally(errors: int, warnings: int, expected: str) -> None:
    from pressgen.errors import Problem
    from pressgen.report import tally

    problems = [Problem(Path("a.yaml"), 1, 1, "x")] * errors
    problems += [Problem(Path("a.yaml"), 1, 1, "y", severity="warning")] * warnings
    assert tally(problems) == expected


def test_strict_says_that_warnings_became_errors(run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", SECOND, "--strict")
    assert result.exit_code == 1
    assert result.stdout == (
        "data/neujahrsempfang-2027.yaml: ok, 11 warnings; not public before 15. Januar 2027, "
        "18 Uhr: build writes it into embargoed/, send refuses it to subscribers until then\n"
    ).replace("data/", str(SECOND.parent) + "/")
    assert result.stderr.splitlines()[-1] == "pressgen: 11 warnings are errors under --strict."


def test_many_warnings_of_one_kind_are_one_line(run_cli: Callable[..., Result]) -> None:
    result = run_cli("check", SECOND)
    assert result.exit_code == 0
    (line,) = result.stderr.splitlines()
    assert line.startswith(
        f"{SECOND}:9:3: warning: a placeholder address (example.com, .example, .test, "
        "localhost), 11 times: organisation.website (line 9), organisation.email (line 10), "
        "sponsors[0].url (line 80), "
    )
    assert line.endswith(
        "invitation.registration.url (line 152), invitation.accreditation.contact.email "
        "(line 161) [PG403]"
    )
    report = json.loads(run_cli("check", SECOND, "--format", "json").stdout)
    assert len(report["problems"]) == 11  # the machine-readable report keeps every one


def test_build_ends_with_where_to_look(data_dir: Path, run_cli: Callable[..., Result]) -> None:
    result = run_cli("build", "data/")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        # Its Sperrfrist has not passed: outside the press room, in embargoed/.
        "Next: open out/embargoed/neujahrsempfang-2027/pressemitteilung.html in a browser, "
        "or see every "
        "output with: pressgen preview data"
    )


def test_send_shows_the_warnings_as_build_does(run_cli: Callable[..., Result]) -> None:
    result = run_cli("send", SECOND, "--to", "a@example.org", "--dry-run", "--before-embargo")
    assert result.exit_code == 0
    assert "[PG403]" in result.stderr
    assert result.stdout.endswith("Dry run: nothing was sent, the journal is unchanged.\n")


# ---------------------------------------------------------------- the preview on the network


@pytest.fixture
def serve_on(data_dir: Path) -> Iterator[Callable[..., PreviewServer]]:
    servers: list[PreviewServer] = []

    def start(host: str, also: tuple[str, ...] = ()) -> PreviewServer:
        preview = Preview([data_dir / "towerbyte-workshop-2017.yaml"])
        preview.rebuild()
        server = PreviewServer(preview, host, 0, also)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def status(server: PreviewServer, host_header: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    connection.putrequest("GET", "/", skip_host=True)
    connection.putheader("Host", host_header)
    connection.endheaders()
    code = connection.getresponse().status
    connection.close()
    return code


def test_bound_to_the_network_the_computers_own_names_are_welcome(
    serve_on: Callable[..., PreviewServer],
) -> None:
    server = serve_on("0.0.0.0", ("presse.intern",))
    port = server.port
    assert status(server, f"{socket.gethostname()}:{port}") == 200
    assert status(server, f"presse.intern:{port}") == 200
    assert status(server, f"127.0.0.1:{port}") == 200  # the address the request came in on
    assert status(server, f"evil.example:{port}") == 400


def test_on_the_loopback_only_local_names_are_welcome(
    serve_on: Callable[..., PreviewServer],
) -> None:
    server = serve_on("127.0.0.1")
    assert status(server, f"{socket.gethostname()}:{server.port}") == 400
    assert status(server, f"localhost:{server.port}") == 200


def test_the_preview_speaks_english_on_the_terminal(data_dir: Path) -> None:
    """The page is German; what the command prints is English, like every other command."""
    import signal
    import subprocess
    import sys

    running = subprocess.Popen(
        [sys.executable, "-m", "pressgen", "preview", str(data_dir), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert running.stdout is not None
    first = running.stdout.readline()
    running.send_signal(signal.SIGINT)
    rest, errors = running.communicate(timeout=20)
    assert first.startswith("Preview at http://127.0.0.1:") and first.endswith(
        "/ (Ctrl-C stops it)\n"
    )
    assert rest == "Preview stopped.\n"
    assert running.returncode == 0, errors


# ---------------------------------------------------------------- places as written


def test_an_inherited_value_is_named_as_its_own_file_writes_it(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("new", "presse").exit_code == 0
    monkeypatch.chdir(tmp_path / "presse")
    result = run_cli("check", "--format", "json")
    problems = json.loads(result.stdout)["problems"]
    # (Left aside: what the press room lacks, PG9xx, is the event file's to give.)
    found = {(p["file"], p["field"]) for p in problems if not p["code"].startswith("PG9")}
    # The catalogue sponsor of organisation.yaml, and the Abmeldelink set there too.
    assert ("organisation.yaml", "sponsors.stadtwerke.url") in found
    assert ("organisation.yaml", "unsubscribe_url") in found
    assert not any(field.startswith(("sponsors[0]", "newsletter.")) for _, field in found)
