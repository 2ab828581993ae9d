"""Sending the newsletter to a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session
from click.testing import Result
from helpers import (  # SECOND has a Sperrfrist: 15 January 2027, 18:00
    SECOND,
    SEED,
    copy_here,
    free_port,
)


class Recorder:
    """Keeps what the server received; can be told to refuse the message."""

    def __init__(self, reply: str = "250 OK") -> None:
        self.reply = reply
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return self.reply


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., tuple[Recorder, int]]]:
    controllers: list[Controller] = []

    def start(reply: str = "250 OK", password: str | None = None) -> tuple[Recorder, int]:
        recorder = Recorder(reply)
        options: dict[str, Any] = {}
        if password is not None:

            def authenticate(
                server: Any, session: Any, envelope: Any, mechanism: str, data: Any
            ) -> AuthResult:
                ok = isinstance(data, LoginPassword) and data.password == password.encode()
                # handled=False: the server itself answers 235 or 535.
                return AuthResult(success=ok, handled=False)

            options = {"authenticator": authenticate, "auth_require_tls": False}
        port = free_port()
        controller = Controller(recorder, hostname="127.0.0.1", port=port, **options)
        controller.start()
        controllers.append(controller)
        return recorder, port

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture
def built_email(tmp_path: Path) -> bytes:
    from pressgen.pipeline import build

    (result,) = build([SEED], tmp_path / "built")
    return (result.out_dir / "newsletter.eml").read_bytes()


def send(run_cli: Callable[..., Result], port: int, *extra: str) -> Result:
    return run_cli(
        "send", copy_here(SEED), "--to", "a@example.org, b@example.org", "--smtp-host", "127.0.0.1",
        "--smtp-port", str(port), "--security", "none", *extra,
    )  # fmt: skip


def test_each_address_gets_the_written_email_dated_when_it_is_sent(
    run_cli: Callable[..., Result],
    smtp_server: Callable[..., tuple[Recorder, int]],
    built_email: bytes,
) -> None:
    import datetime as dt
    import email
    from email import policy

    recorder, port = smtp_server()
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    result = send(run_cli, port)
    assert result.exit_code == 0, result.output
    assert (
        result.stdout == 'Sent "Rückblick: Workshop-Nachmittag der TowerByte eG" to 2 recipients.\n'
    )
    built = email.message_from_bytes(built_email, policy=policy.default)
    assert [envelope.rcpt_tos for envelope in recorder.envelopes] == [
        ["a@example.org"], ["b@example.org"],
    ]  # fmt: skip
    ids = set()
    for envelope, address in zip(
        recorder.envelopes, ["a@example.org", "b@example.org"], strict=True
    ):
        assert envelope.mail_from == "newsletter@towerbyte.de"
        assert envelope.original_content is not None
        received = email.message_from_bytes(envelope.original_content, policy=policy.default)
        assert received["To"] == address  # never the other recipient
        # Dated when sent (a 2017 date costs spam points), with a Message-ID of its own.
        assert received["Date"].datetime >= started
        ids.add(received["Message-ID"])
        # The content is the written file's.
        for kind in ("plain", "html"):
            assert received.get_body((kind,)).get_content() == built.get_body((kind,)).get_content()
        assert received["Subject"] == built["Subject"]
    assert len(ids) == 2 and built["Message-ID"] not in ids


def test_login_with_password_from_the_environment(
    run_cli: Callable[..., Result],
    smtp_server: Callable[..., tuple[Recorder, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder, port = smtp_server(password="geheim")
    monkeypatch.setenv("PRESSGEN_SMTP_PASSWORD", "geheim")
    result = send(run_cli, port, "--smtp-user", "presse")
    assert result.exit_code == 0, result.output
    assert len(recorder.envelopes) == 2  # a message each


def test_settings_from_the_environment(
    run_cli: Callable[..., Result],
    smtp_server: Callable[..., tuple[Recorder, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder, port = smtp_server()
    monkeypatch.setenv("PRESSGEN_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("PRESSGEN_SMTP_PORT", str(port))
    result = run_cli("send", copy_here(SEED), "--to", "a@example.org", "--security", "none")
    assert result.exit_code == 0, result.output
    assert recorder.envelopes[0].rcpt_tos == ["a@example.org"]


def test_auth_failure(
    run_cli: Callable[..., Result],
    smtp_server: Callable[..., tuple[Recorder, int]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    recorder, port = smtp_server(password="geheim")
    monkeypatch.setenv("PRESSGEN_SMTP_PASSWORD", "falsch")
    result = send(run_cli, port, "--smtp-user", "presse")
    assert result.exit_code == 1
    assert result.stderr == (
        f"pressgen: the mail server 127.0.0.1:{port} refused the login of 'presse': "
        "535 5.7.8 Authentication credentials invalid; nothing was sent.\n"
    )
    assert recorder.envelopes == []


def test_rejected_message(
    run_cli: Callable[..., Result], smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    _, port = smtp_server(reply="554 5.7.1 Message rejected as spam")
    result = send(run_cli, port)
    assert result.exit_code == 1
    # Refused for each message, not for the server: every address is tried and reported.
    refused = f"the mail server 127.0.0.1:{port} refused the message: 554 5.7.1 Message rejected"
    assert result.stderr == (
        "1/2 not sent: a@example.org\n"  # a line per message as it goes
        "2/2 not sent: b@example.org\n"
        f"pressgen: not sent to a@example.org: {refused} as spam\n"
        f"pressgen: not sent to b@example.org: {refused} as spam\n"
        "pressgen: 2 messages could not be sent.\n"
    )


def test_connection_refused(run_cli: Callable[..., Result]) -> None:
    port = free_port()  # nothing listens there
    result = send(run_cli, port)
    assert result.exit_code == 1
    assert result.stderr == (
        f"pressgen: cannot connect to the mail server 127.0.0.1:{port}: connection refused; "
        "nothing was sent.\n"
    )
    assert "Traceback" not in result.output


def test_dry_run_does_not_connect(run_cli: Callable[..., Result], built_email: bytes) -> None:
    result = run_cli("send", copy_here(SEED), "--to", "a@example.org,b@example.org", "--dry-run")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Subject:    Rückblick: Workshop-Nachmittag der TowerByte eG"
    assert lines[1] == "From:       TowerByte eG <newsletter@towerbyte.de>"
    assert lines[2] == "Recipients: a@example.org, b@example.org, one message each"
    # The first recipient's own message: the built one, with its own To, Date, Message-ID.
    size = int(lines[3].split()[1])
    assert abs(size - len(built_email)) < 200 and lines[3].endswith(" bytes for the first message")
    assert lines[4] == "Dry run: nothing was sent, the journal is unchanged."


def test_bad_recipient(run_cli: Callable[..., Result]) -> None:
    result = run_cli("send", copy_here(SEED), "--to", "a@example.org, kein-empfaenger", "--dry-run")
    assert result.exit_code == 1
    assert result.stderr == "pressgen: not an email address: kein-empfaenger; nothing was sent.\n"


def test_no_server_given(run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRESSGEN_SMTP_HOST", raising=False)
    result = run_cli("send", copy_here(SEED), "--to", "a@example.org")
    assert result.exit_code == 2
    assert "give --smtp-host or set PRESSGEN_SMTP_HOST" in result.stderr


# ---------------------------------------------------------------- addresses beyond ASCII


def start_utf8_server(utf8: bool) -> tuple[Recorder, Controller]:
    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=utf8)
    controller.start()
    return recorder, controller


@pytest.mark.parametrize("utf8", [True, False], ids=["server-with-smtputf8", "server-without"])
def test_a_recipient_with_an_umlaut(run_cli: Callable[..., Result], utf8: bool) -> None:
    recorder, controller = start_utf8_server(utf8)
    try:
        result = run_cli(
            "send", copy_here(SEED), "--to", "jürgen@beispiel.de", "--smtp-host", "127.0.0.1",
            "--smtp-port", str(controller.port), "--security", "none",
        )  # fmt: skip
    finally:
        controller.stop()
    assert "Traceback" not in result.output
    if utf8:
        assert result.exit_code == 0, result.output
        assert recorder.envelopes[0].rcpt_tos == ["jürgen@beispiel.de"]
    else:
        assert result.exit_code == 1
        assert result.stderr == (
            "1/1 not sent: jürgen@beispiel.de\n"
            "pressgen: not sent to jürgen@beispiel.de: the mail server "
            f"127.0.0.1:{controller.port} does not take addresses with letters beyond ASCII "
            "before the @ (it offers no SMTPUTF8): jürgen@beispiel.de\n"
            "pressgen: 1 message could not be sent.\n"
        )
        assert recorder.envelopes == []


def test_no_password_goes_unencrypted_to_another_computer(run_cli: Callable[..., Result]) -> None:
    result = run_cli(
        "send", copy_here(SEED), "--to", "a@example.org", "--smtp-host", "mail.example.org",
        "--smtp-user", "presse", "--security", "none",
        env={"PRESSGEN_SMTP_PASSWORD": "geheim"},
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr == (
        "pressgen: refusing to send the password unencrypted to mail.example.org "
        "(--security none); use --security starttls or ssl; nothing was sent.\n"
    )


def test_a_server_reply_is_printed_with_its_control_characters_escaped(
    run_cli: Callable[..., Result], smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    _, port = smtp_server(reply="554 Abgelehnt \x1b]0;pwned\x07")
    result = send(run_cli, port)
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "554 Abgelehnt \\x1b]0;pwned\\x07" in result.stderr


# ---------------------------------------------------------------- the embargo

BEFORE_EMBARGO = "1800028800"  # 2027-01-15 17:00 in Berlin
AFTER_EMBARGO = "1800032400"  # 2027-01-15 18:00 in Berlin: the moment it ends


@pytest.mark.parametrize(
    ("now", "flags", "subject"),
    [
        (BEFORE_EMBARGO, (), None),
        (
            BEFORE_EMBARGO,
            ("--before-embargo",),
            "[TEST] Neujahrsempfang 2027: 1.200 Gäste im Rathaus",
        ),
        (AFTER_EMBARGO, (), "Neujahrsempfang 2027: 1.200 Gäste im Rathaus"),
        (AFTER_EMBARGO, ("--before-embargo",), "Neujahrsempfang 2027: 1.200 Gäste im Rathaus"),
    ],
    ids=["refused-before", "test-send-before", "after", "flag-after-changes-nothing"],
)
def test_the_newsletter_waits_for_the_embargo(
    run_cli: Callable[..., Result],
    smtp_server: Callable[..., tuple[Recorder, int]],
    now: str,
    flags: tuple[str, ...],
    subject: str | None,
) -> None:
    import email
    from email import policy

    recorder, port = smtp_server()
    result = run_cli(
        "send", copy_here(SECOND), "--to", "a@example.org", "--smtp-host", "127.0.0.1",
        "--smtp-port", str(port), "--security", "none", *flags,
        env={"SOURCE_DATE_EPOCH": now},
    )  # fmt: skip
    assert "Traceback" not in result.output
    if subject is None:
        assert result.exit_code == 1
        assert result.stderr.endswith(
            "pressgen: not public before 15. Januar 2027, 18 Uhr (the Sperrfrist of "
            "neujahrsempfang-2027.yaml): it may not go to subscribers before then; for a test "
            "send use --before-embargo (the subject then starts with [TEST]); nothing was sent.\n"
        )
        assert recorder.envelopes == []
        return
    assert result.exit_code == 0, result.output
    (envelope,) = recorder.envelopes
    assert envelope.original_content is not None
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["Subject"] == subject
    assert result.stdout.endswith(f'Sent "{subject}" to 1 recipient.\n')


def test_control_characters_in_an_address_reach_the_terminal_escaped(
    run_cli: Callable[..., Result],
) -> None:
    result = run_cli("send", copy_here(SEED), "--to", "a\x1b[31m@b.de", "--dry-run")
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr
    assert "a\\x1b[31m@b.de" in result.stderr


@pytest.mark.parametrize(
    ("now", "flags", "subject"),
    [
        (BEFORE_EMBARGO, (), None),
        (
            BEFORE_EMBARGO,
            ("--before-embargo",),
            "[TEST] Neujahrsempfang 2027: 1.200 Gäste im Rathaus",
        ),
        (AFTER_EMBARGO, (), "Neujahrsempfang 2027: 1.200 Gäste im Rathaus"),
        (AFTER_EMBARGO, ("--before-embargo",), "Neujahrsempfang 2027: 1.200 Gäste im Rathaus"),
    ],
    ids=["refused-before", "test-send-before", "after", "flag-after-changes-nothing"],
)
def test_a_list_send_waits_for_the_embargo_as_a_single_one_does(
    run_cli: Callable[..., Result],
    smtp_server: Callable[..., tuple[Recorder, int]],
    data_dir: Path,
    now: str,
    flags: tuple[str, ...],
    subject: str | None,
) -> None:
    import email
    from email import policy

    recorder, port = smtp_server()
    (data_dir / "liste.csv").write_text("email\na@example.org\n", "utf-8")
    result = run_cli(
        "send", data_dir / SECOND.name, "--to-list", data_dir / "liste.csv",
        "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none", *flags,
        env={"SOURCE_DATE_EPOCH": now, "PRESSGEN_UNSUBSCRIBE_SECRET": "s" * 32},
    )  # fmt: skip
    if subject is None:
        assert result.exit_code == 1
        assert "not public before 15. Januar 2027, 18 Uhr" in result.stderr
        assert recorder.envelopes == []
        return
    assert result.exit_code == 0, result.output
    (envelope,) = recorder.envelopes
    assert envelope.original_content is not None
    message = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert message["Subject"] == subject


def test_bounces_go_where_the_file_says(
    run_cli: Callable[..., Result], smtp_server: Callable[..., tuple[Recorder, int]]
) -> None:
    """The envelope sender (where bounces go) is newsletter.bounces_to when given; the
    From: stays the newsletter's sender."""
    recorder, port = smtp_server()
    event = copy_here(SEED)
    event.write_text(
        event.read_text("utf-8").replace(
            "newsletter:\n", "newsletter:\n  bounces_to: bounces@towerbyte.de\n", 1
        ),
        "utf-8",
    )
    result = send(run_cli, port)
    assert result.exit_code == 0, result.output
    assert [envelope.mail_from for envelope in recorder.envelopes] == ["bounces@towerbyte.de"] * 2
    assert all(
        b"From: TowerByte eG <newsletter@towerbyte.de>" in e.content for e in recorder.envelopes
    )
