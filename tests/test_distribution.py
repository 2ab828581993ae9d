"""The newsletter to a list: one message per recipient, each once, through a real SMTP
server (aiosmtpd on 127.0.0.1) that the tests also make fail on purpose."""

from __future__ import annotations

import datetime as dt
import email
import errno
import itertools
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session
from click.testing import Result
from helpers import ROOT, SEED, copy_here, free_port, german_only

from pressgen.deliver.lists import unsubscribe_token
from pressgen.deliver.recipients import load_recipients
from pressgen.errors import DataError

SECRET = "ein-geheimnis-nur-fuer-tests"


# ---------------------------------------------------------------- lists


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("verteiler.csv", "email,name,salutation\nx@redaktion.de,X,\nkein-at-zeichen,Y,\n",
         ["verteiler.csv:3:1: email: expected an email address like presse@example.de"]),
        ("verteiler.csv", "email\na@redaktion.de\nb@redaktion.de\nA@Redaktion.de\n",
         ["verteiler.csv:4:1: email: A@Redaktion.de is on the list twice (also line 2 as "
          "a@redaktion.de); each recipient gets one message"]),
        ("verteiler.csv", "mail,name\na@b.de,x\n",
         ["verteiler.csv:1:1: the first line must name the columns, among them 'email' "
          "(known: email, name, salutation, medium, tags, language)"]),
        ("verteiler.csv", "email,telefon\na@b.de,1\n",
         ["verteiler.csv:1:1: unknown column 'telefon'; known: email, name, salutation, "
          "medium, tags, language"]),
        ("verteiler.csv", "email,language\na@b.de,en\nc@d.de,fr\n",
         ["verteiler.csv:3:1: language: expected de or en, not 'fr'"]),
        ("verteiler.yaml", "recipients:\n  - email: a@b.de\n  - email: c@d\n",
         ["verteiler.yaml:3:12: email: the part after the @ 'd' is not a host name like "
          "www.example.de"]),
        ("verteiler.txt", "a@b.de\n",
         ["verteiler.txt:1:1: a recipient list is a .csv or .yaml file"]),
        # One mailbox, spelled another way: its domain as IDNA, in full-width letters.
        ("verteiler.csv", "email\npresse@bücher.de\npresse@xn--bcher-kva.de\n",
         ["verteiler.csv:3:1: email: presse@xn--bcher-kva.de is on the list twice (also line "
          "2 as presse@bücher.de); each recipient gets one message"]),
        ("verteiler.csv", "email\npresse@bücher.de\nＰＲＥＳＳＥ@BÜCHER.DE\n",
         ["verteiler.csv:3:1: email: ＰＲＥＳＳＥ@BÜCHER.DE is on the list twice (also "
          "line 2 as presse@bücher.de); each recipient gets one message"]),
        # A name with a line break would add a header of its own to the message.
        ("verteiler.yaml", 'recipients:\n  - email: a@b.de\n    name: "X\\r\\nBcc: c@d.de"\n',
         ["verteiler.yaml:2:12: name: a line break or control character in a value; it "
          "would end up in the message's headers"]),
    ],
)  # fmt: skip
def test_a_wrong_list_is_located(
    tmp_path: Path, name: str, content: str, expected: list[str]
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(DataError) as error:
        load_recipients(path)
    found = [f"{p.file.name}:{p.line}:{p.column}: {p.message}" for p in error.value.problems]
    assert found == expected


def test_lists_in_csv_excel_and_yaml(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text(
        "email,name,salutation,medium,tags\n"
        'lena@zeitung.de,Lena Muster,"Sehr geehrte Frau Muster,",Ostthüringer Zeitung,'
        '"lokal,print"\n',
        "utf-8",
    )
    (tmp_path / "b.csv").write_text(  # as Excel writes it in Germany
        "\ufeffemail;name\r\nlena@zeitung.de;Lena Muster\r\n", "utf-8"
    )
    (tmp_path / "c.yaml").write_text(
        "recipients:\n  - email: lena@zeitung.de\n    name: Lena Muster\n"
        "    tags: [lokal, print]\n  - jo@radio.de\n",
        "utf-8",
    )
    (first,) = load_recipients(tmp_path / "a.csv")
    assert first.salutation == "Sehr geehrte Frau Muster," and first.tags == ("lokal", "print")
    assert first.medium == "Ostthüringer Zeitung"
    assert [r.name for r in load_recipients(tmp_path / "b.csv")] == ["Lena Muster"]
    assert [r.email for r in load_recipients(tmp_path / "c.yaml")] == [
        "lena@zeitung.de", "jo@radio.de",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "salutation"),
    [
        ("Sehr geehrte Frau Muster", "Sehr geehrte Frau Muster,"),  # from an address book
        ("Sehr geehrte Frau Muster,", "Sehr geehrte Frau Muster,"),
        ("  Lieber Jo  ", "Lieber Jo,"),
        ("Hallo!", "Hallo!"),
        ("", ""),
    ],
)  # fmt: skip
def test_a_salutation_ends_with_a_comma(tmp_path: Path, written: str, salutation: str) -> None:
    path = tmp_path / "liste.yaml"
    path.write_text(f"recipients:\n  - email: a@b.de\n    salutation: '{written}'\n", "utf-8")
    (recipient,) = load_recipients(path)
    assert recipient.salutation == salutation


def test_a_list_as_excel_saves_it_on_windows(tmp_path: Path) -> None:
    """Windows-1252, as Excel on Windows writes „CSV (Trennzeichen-getrennt)“; a byte no
    encoding reads is located."""
    from pressgen.deliver.recipients import decoded

    path = tmp_path / "liste.csv"
    path.write_bytes("email;name\r\njo@radio.de;Jörg Müßig – Redaktion\r\n".encode("cp1252"))
    (recipient,) = load_recipients(path)
    assert recipient.name == "Jörg Müßig – Redaktion"
    assert decoded(path, path.read_bytes())[1] == "Windows-1252"
    path.write_bytes("email\r\njo@radio.de\r\n".encode("utf-8-sig"))
    assert decoded(path, path.read_bytes())[1] == "UTF-8"
    path.write_bytes(b"email;name\r\njo@radio.de;J\x81rg\r\n")  # 0x81: in neither
    with pytest.raises(DataError) as error:
        load_recipients(path)
    assert [f"{p.line}:{p.column}: {p.message}" for p in error.value.problems] == [
        "2:14: byte 0x81 cannot be read: the list is neither UTF-8 nor Windows-1252 text; "
        "save it as UTF-8 (CSV UTF-8 in Excel)"
    ]


# ---------------------------------------------------------------- a server that can fail


class Server:
    """Keeps every message it accepted; answers as the test tells it."""

    def __init__(self) -> None:
        self.accepted: list[EmailMessage] = []
        self.refuse: dict[str, list[str]] = {}  # address → replies to give, in turn
        self.kill_at: tuple[int, int] | None = None  # (after n accepted, pid)
        self.hang_up: set[str] = set()  # drop the connection during these recipients' DATA
        self.quit_reply: str | None = None  # what to answer QUIT, if not 221
        self.connections: list[object] = []  # for each accepted message, its connection

    async def handle_QUIT(self, server: Any, session: Session, envelope: Envelope) -> Any:
        from aiosmtpd.smtp import MISSING

        return self.quit_reply or MISSING

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        (recipient,) = envelope.rcpt_tos
        if recipient in self.hang_up:
            self.hang_up.discard(recipient)
            server.transport.close()  # the line goes dead in the middle of the message
            return "421 4.4.2 connection dropped"
        replies = self.refuse.get(recipient)
        if replies:
            return replies.pop(0)
        if self.kill_at and len(self.accepted) == self.kill_at[0]:
            # The sender dies before this message is answered: it was not delivered.
            os.kill(self.kill_at[1], signal.SIGKILL)
            self.kill_at = None
            return "451 4.3.0 gone"
        assert envelope.original_content is not None
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.accepted.append(message)
        self.connections.append(session.peer)  # the sender's port: one per connection
        return "250 OK"

    def per_recipient(self) -> Counter[str]:
        return Counter(str(message["To"].addresses[0].addr_spec) for message in self.accepted)


@pytest.fixture
def server() -> Iterator[tuple[Server, int]]:
    handler = Server()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def a_list(folder: Path, count: int) -> Path:
    rows = ["email,name,salutation"]
    rows += [
        f"redaktion{n}@zeitung{n}.de,Redaktion {n},"
        + (f'"Sehr geehrte Frau Muster{n},"' if n % 2 else "")
        for n in range(1, count + 1)
    ]
    path = folder / "verteiler.csv"
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return path


@pytest.fixture
def event_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "presse"
    folder.mkdir()
    (folder / SEED.name).write_text(SEED.read_text("utf-8"), "utf-8")
    return folder


def send_list(run_cli: Callable[..., Result], folder: Path, port: int, *extra: str) -> Result:
    return run_cli(
        "send", folder / SEED.name, "--to-list", folder / "verteiler.csv",
        "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none",
        "--retry-wait", "0.05", *extra, env={"PRESSGEN_UNSUBSCRIBE_SECRET": SECRET},
    )  # fmt: skip


def send_process(folder: Path, port: int, *extra: str) -> tuple[list[str], dict[str, str]]:
    """A list send as its own process (to be killed, or run beside another): the command
    and its environment."""
    command = [
        sys.executable, "-m", "pressgen", "send", str(folder / SEED.name),
        "--to-list", str(folder / "verteiler.csv"), "--smtp-host", "127.0.0.1",
        "--smtp-port", str(port), "--security", "none", *extra,
    ]  # fmt: skip
    return command, {**os.environ, "PRESSGEN_UNSUBSCRIBE_SECRET": SECRET}


def test_each_recipient_reads_the_edition_of_their_language(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    """A list's language column: en gets the English edition, everyone else the German."""
    handler, port = server
    (event_folder / "verteiler.csv").write_text(
        "email,name,salutation,language\n"
        "desk@times.example.co.uk,Desk,Dear colleagues,en\n"
        "redaktion@zeitung.de,Redaktion,,\n"
        "news@wire.example.com,News,,EN\n",
        "utf-8",
    )
    dry = send_list(run_cli, event_folder, port, "--dry-run")
    assert "Language:   2 recipients get the English edition\n" in dry.stdout
    assert send_list(run_cli, event_folder, port).exit_code == 0
    got = {str(m["To"].addresses[0].addr_spec): m for m in handler.accepted}
    english = got["desk@times.example.co.uk"]
    assert str(english["Subject"]) == "Looking back: the TowerByte eG Workshop Afternoon"
    assert english["Content-Language"] == "en"
    text = english.get_body(("plain",))
    assert text is not None and "Dear colleagues," in text.get_content()
    assert "Unsubscribe from this newsletter" in text.get_content()
    assert str(got["news@wire.example.com"]["Subject"]) == str(english["Subject"])
    german = got["redaktion@zeitung.de"]
    assert str(german["Subject"]) == "Rückblick: Workshop-Nachmittag der TowerByte eG"
    assert german["Content-Language"] == "de"
    body = german.get_body(("plain",))
    assert body is not None and "Newsletter abbestellen" in body.get_content()


def test_a_reader_of_english_gets_the_german_where_there_is_no_english_edition(
    run_cli: Callable[..., Result], server: tuple[Server, int], tmp_path: Path
) -> None:
    _, port = server
    folder = tmp_path / "presse"
    folder.mkdir()
    (folder / SEED.name).write_text(german_only(SEED.read_text("utf-8")), "utf-8")
    (folder / "verteiler.csv").write_text("email,language\ndesk@times.example.co.uk,en\n", "utf-8")
    dry = send_list(run_cli, folder, port, "--dry-run")
    assert (
        "Language:   1 recipient asks for English; this has no English edition "
        "(languages: [de, en]), so they get the German\n"
    ) in dry.stdout


@pytest.mark.parametrize(("per_connection", "connections"), [(None, 1), ("2", 3), ("1", 5)])
def test_one_connection_carries_many_messages(
    run_cli: Callable[..., Result],
    server: tuple[Server, int],
    event_folder: Path,
    per_connection: str | None,
    connections: int,
) -> None:
    """Logging in once for many messages; opened again after --per-connection of them."""
    handler, port = server
    a_list(event_folder, 5)
    extra = ("--per-connection", per_connection) if per_connection else ()
    assert send_list(run_cli, event_folder, port, *extra).exit_code == 0
    assert len(handler.accepted) == 5
    assert len(set(handler.connections)) == connections
    # In order: each connection's messages follow one another.
    assert [len(list(group)) for _, group in itertools.groupby(handler.connections)] == [
        5 // connections + (1 if index < 5 % connections else 0) for index in range(connections)
    ]


def test_a_dropped_connection_is_opened_again_for_the_next_message(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    a_list(event_folder, 4)
    handler.refuse = {"redaktion2@zeitung2.de": ["550 5.1.1 no such mailbox"]}
    result = send_list(run_cli, event_folder, port)
    assert result.exit_code == 1
    assert sorted(handler.per_recipient()) == [
        "redaktion1@zeitung1.de", "redaktion3@zeitung3.de", "redaktion4@zeitung4.de",
    ]  # fmt: skip
    # The refusal closed the first connection; the rest went over a second one.
    assert len(set(handler.connections)) == 2


def test_fifty_recipients_get_fifty_messages_each_their_own(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    a_list(event_folder, 50)
    started = dt.datetime.now(dt.UTC).replace(microsecond=0)
    result = send_list(run_cli, event_folder, port)
    ended = dt.datetime.now(dt.UTC)
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(
        'Sent "Rückblick: Workshop-Nachmittag der TowerByte eG" to 50 recipients.\n'
    )
    assert handler.per_recipient() == Counter(
        {f"redaktion{n}@zeitung{n}.de": 1 for n in range(1, 51)}
    )
    ids = {str(message["Message-ID"]) for message in handler.accepted}
    assert len(ids) == 50  # mailboxes must not take two recipients' messages for one
    addresses = [f"redaktion{n}@zeitung{n}.de" for n in range(1, 51)]
    for message in handler.accepted:
        own = str(message["To"].addresses[0].addr_spec)
        raw = message.as_string()
        # No other recipient anywhere in it; the own address only in To.
        assert [a for a in addresses if a != own and a in raw] == []
        sent = dt.datetime.fromisoformat(message["Date"].datetime.isoformat())
        assert started <= sent <= ended  # the moment of sending, not the build's date
        token = unsubscribe_token(own, SECRET)
        personal = f"https://www.towerbyte.de/newsletter/abmelden?token={token}"
        # Folded onto a line of its own: the space that folding leaves is no part of it.
        assert message["List-Unsubscribe"].strip() == f"<{personal}>"
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert personal in html and personal in text and own not in personal
        number = int(re.search(r"redaktion(\d+)@", own)[1])  # type: ignore[index]
        salutation = f"Sehr geehrte Frau Muster{number},"
        assert (salutation in text) is bool(number % 2)
    # The built file stays what the data says: its Date and Message-ID did not move.
    (built,) = __import__("pressgen.pipeline", fromlist=["build"]).build(
        [event_folder / SEED.name], event_folder / "out"
    )
    eml = (built.out_dir / "newsletter.eml").read_bytes()
    assert (
        b"Date: Mon, 28 Aug 2017 09:00:00 +0200" in eml and b"To: undisclosed-recipients:;" in eml
    )


def test_nobody_gets_it_twice_unless_asked(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    a_list(event_folder, 5)
    assert send_list(run_cli, event_folder, port).exit_code == 0
    again = send_list(run_cli, event_folder, port)
    assert again.exit_code == 0
    assert "5 recipients had it already (--again sends once more)." in again.stdout
    assert len(handler.accepted) == 5
    assert send_list(run_cli, event_folder, port, "--again").exit_code == 0
    assert len(handler.accepted) == 10


def test_another_spelling_of_an_address_does_not_get_it_again(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    (event_folder / "verteiler.csv").write_text("email\npresse@bücher.de\n", "utf-8")
    assert send_list(run_cli, event_folder, port).exit_code == 0
    (event_folder / "verteiler.csv").write_text("email\nPresse@xn--bcher-kva.de\n", "utf-8")
    again = send_list(run_cli, event_folder, port)
    assert again.exit_code == 0, again.output
    assert "1 recipient had it already (--again sends once more)." in again.stdout
    assert len(handler.accepted) == 1


@pytest.mark.parametrize(
    ("given", "sent_to"),
    [
        ("a@b.de,A@B.DE", ["a@b.de"]),
        ("presse@bücher.de, presse@xn--bcher-kva.de", ["presse@xn--bcher-kva.de"]),
        ("a@b.de,c@d.de,a@b.de", ["a@b.de", "c@d.de"]),
    ],
)
def test_send_to_gives_each_mailbox_one_message(
    run_cli: Callable[..., Result], server: tuple[Server, int], given: str, sent_to: list[str]
) -> None:
    handler, port = server
    result = run_cli(
        "send", copy_here(SEED), "--to", given, "--smtp-host", "127.0.0.1",
        "--smtp-port", str(port), "--security", "none",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert [str(message["To"]) for message in handler.accepted] == sent_to


def test_temporary_failures_are_tried_again_permanent_ones_reported(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    a_list(event_folder, 6)
    handler.refuse = {
        "redaktion3@zeitung3.de": ["451 4.7.1 try again later"],
        "redaktion5@zeitung5.de": ["550 5.1.1 no such mailbox", "550 5.1.1 no such mailbox"],
    }
    result = send_list(run_cli, event_folder, port)
    assert result.exit_code == 1
    assert handler.per_recipient() == Counter(
        {f"redaktion{n}@zeitung{n}.de": 1 for n in (1, 2, 3, 4, 6)}
    )
    assert handler.refuse["redaktion5@zeitung5.de"] == ["550 5.1.1 no such mailbox"]  # once
    assert 'Sent "Rückblick: Workshop-Nachmittag der TowerByte eG" to 5 recipients.' in (
        result.stdout
    )
    assert result.stderr.splitlines()[-2:] == [
        f"pressgen: not sent to redaktion5@zeitung5.de: the mail server 127.0.0.1:{port} "
        "refused the message: 550 5.1.1 no such mailbox",
        "pressgen: 1 message could not be sent.",
    ]
    # Each message as it goes, the retry visible while it waits.
    assert result.stderr.splitlines()[:7] == [
        "1/6 sent: redaktion1@zeitung1.de",
        "2/6 sent: redaktion2@zeitung2.de",
        "3/6 refused for now, again in 0.05 s: redaktion3@zeitung3.de (the mail server "
        f"127.0.0.1:{port} refused the message: 451 4.7.1 try again later)",
        "3/6 sent: redaktion3@zeitung3.de",
        "4/6 sent: redaktion4@zeitung4.de",
        "5/6 not sent: redaktion5@zeitung5.de",
        "6/6 sent: redaktion6@zeitung6.de",
    ]


@pytest.mark.parametrize(
    ("error", "says"),
    [
        (socket.gaierror(-2, "Name or service not known"),
         "cannot find the mail server smtp.example.org:587: the name does not resolve"),
        (OSError(errno.EHOSTUNREACH, "No route to host"),
         "cannot reach the mail server smtp.example.org:587: [Errno 113] No route to host"),
        (ConnectionResetError(errno.ECONNRESET, "Connection reset by peer"),
         "cannot reach the mail server smtp.example.org:587: [Errno 104] Connection reset"),
    ],
)  # fmt: skip
def test_a_server_that_cannot_be_reached_stops_the_send_once(error: OSError, says: str) -> None:
    """Not worth trying again for each recipient (a send to three once took 275 s): the
    next message would fail the same way, so the send stops, resumable."""
    from pressgen.deliver.smtp import MailServer, SendError, SmtpSettings

    server = MailServer(SmtpSettings("smtp.example.org", 587))
    translated = server.explained(error, "newsletter@towerbyte.de")
    assert isinstance(translated, SendError) and translated.about_the_server
    assert str(translated).startswith(says)


def test_a_killed_send_resumes_and_everyone_gets_exactly_one(
    server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    a_list(event_folder, 200)
    command, env = send_process(event_folder, port, "--retry-wait", "0.05")
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    handler.kill_at = (100, first.pid)
    first.communicate(timeout=300)
    assert first.returncode == -signal.SIGKILL
    assert len(handler.accepted) == 100
    # A new run without --resume is refused: it would not know who got the message.
    refused = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1
    assert "stopped after 100 of 200 messages; continue it with --resume" in refused.stderr
    resumed = subprocess.run(
        [*command, "--resume"], env=env, capture_output=True, text=True, timeout=300
    )
    assert resumed.returncode == 0, resumed.stderr
    assert "100 recipients had it already" in resumed.stdout
    assert handler.per_recipient() == Counter(
        {f"redaktion{n}@zeitung{n}.de": 1 for n in range(1, 201)}
    )
    # The journal agrees with what the server received.
    import sqlite3

    journal = sqlite3.connect(event_folder / "pressgen-versand.sqlite")
    sent = {row[0] for row in journal.execute("SELECT address FROM deliveries WHERE status='sent'")}
    assert sent == set(handler.per_recipient())


def test_a_second_send_while_one_runs_is_refused_and_names_it(
    server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    a_list(event_folder, 400)
    command, env = send_process(event_folder, port, "--rate", "600")
    first = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not handler.accepted and time.monotonic() < deadline:
            time.sleep(0.05)
        assert handler.accepted, "the first send never began"
        for extra in ([], ["--resume"]):
            second = subprocess.run(
                [*command, *extra], env=env, capture_output=True, text=True, timeout=60
            )
            assert second.returncode == 1
            assert second.stderr.startswith(
                f"pressgen: another send is running (process {first.pid}) with the send journal "
            ), second.stderr
    finally:
        first.kill()
        first.communicate()
    # Nobody got two: the refused sends sent nothing.
    assert max(handler.per_recipient().values()) == 1


def _held_by_another_program(path: Path) -> None:
    """Another program (a database browser) holds the journal in a write transaction."""
    import sqlite3

    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    _HELD.append(other)


_HELD: list[Any] = []


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda path: path.write_bytes(b"Kein SQLite." * 100), "file is not a database"),
        (lambda path: path.write_bytes(path.read_bytes()[:1500]), "malformed"),
        (lambda path: _held_by_another_program(path), "database is locked"),
    ],
    ids=["not-a-database", "cut-short", "locked"],
)  # fmt: skip
def test_a_broken_journal_sends_nothing_and_says_which_file(
    run_cli: Callable[..., Result],
    server: tuple[Server, int],
    event_folder: Path,
    damage: Callable[[Path], None],
    reason: str,
) -> None:
    handler, port = server
    a_list(event_folder, 3)
    assert send_list(run_cli, event_folder, port).exit_code == 0
    journal = event_folder / "pressgen-versand.sqlite"
    for leftover in event_folder.glob("pressgen-versand.sqlite-*"):
        leftover.unlink()  # what SQLite keeps beside it while open
    damage(journal)
    again = send_list(run_cli, event_folder, port, "--again")
    assert again.exit_code == 1
    assert "Traceback" not in again.output
    assert again.stderr.startswith("pressgen: the send journal ")
    assert "pressgen-versand.sqlite cannot be used (" in again.stderr
    assert reason in again.stderr
    assert again.stderr.endswith("; nothing was sent.\n")
    assert len(handler.accepted) == 3


def test_a_journal_removed_during_a_send_stops_it(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    a_list(event_folder, 5)
    journal = event_folder / "pressgen-versand.sqlite"
    original = handler.handle_DATA

    async def remove_after_two(server: Any, session: Session, envelope: Envelope) -> str:
        if len(handler.accepted) == 2 and journal.exists():
            journal.unlink()
        return await original(server, session, envelope)

    handler.handle_DATA = remove_after_two  # type: ignore[method-assign]
    result = send_list(run_cli, event_folder, port)
    assert result.exit_code == 1
    assert "it was removed while the send ran" in result.stderr
    assert len(handler.accepted) == 3  # the third was on its way when the file went


@pytest.mark.parametrize("change", ["rename-event", "copy-event", "rename-list"])
def test_a_renamed_or_copied_file_is_the_same_document(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path, change: str
) -> None:
    handler, port = server
    a_list(event_folder, 3)
    assert send_list(run_cli, event_folder, port).exit_code == 0
    event, listed = event_folder / SEED.name, event_folder / "verteiler.csv"
    if change == "rename-event":
        event = event.rename(event_folder / "umbenannt.yaml")
    elif change == "copy-event":
        event = event_folder / "kopie.yaml"
        event.write_text((event_folder / SEED.name).read_text("utf-8"), "utf-8")
    else:
        listed = listed.rename(event_folder / "presseverteiler.csv")
    again = run_cli(
        "send", event, "--to-list", listed, "--smtp-host", "127.0.0.1", "--smtp-port", str(port),
        "--security", "none", env={"PRESSGEN_UNSUBSCRIBE_SECRET": SECRET},
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    assert "3 recipients had it already" in again.stdout
    assert len(handler.accepted) == 3


def test_no_token_without_a_secret(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    _, port = server
    a_list(event_folder, 2)
    result = run_cli(
        "send", event_folder / SEED.name, "--to-list", event_folder / "verteiler.csv",
        "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none",
        env={"PRESSGEN_UNSUBSCRIBE_SECRET": ""},
    )  # fmt: skip
    assert result.exit_code == 1
    assert "set PRESSGEN_UNSUBSCRIBE_SECRET to a secret of at least 16 characters" in (
        result.stderr
    )


# ---------------------------------------------------------------- the press release by mail


@pytest.mark.parametrize(
    ("kind", "headline", "embargo", "subject"),
    [
        ("Pressemitteilung", "Rund um die Digitalisierung", "",
         "Pressemitteilung: Rund um die Digitalisierung"),
        ("Pressemitteilung", "Neujahrsempfang 2027", "15.\u00a0Januar\u00a02027, 18\u00a0Uhr",
         "Pressemitteilung: Neujahrsempfang 2027 (Sperrfrist: 15.\u00a0Januar\u00a02027, "
         "18\u00a0Uhr)"),
        ("Presseeinladung", "Neujahrsempfang 2027 im Rathaus", "",
         "Presseeinladung: Neujahrsempfang 2027 im Rathaus"),
    ],
)  # fmt: skip
def test_the_press_subject(kind: str, headline: str, embargo: str, subject: str) -> None:
    from pressgen.german import phrases

    assert phrases.press_subject(kind, headline, embargo) == subject


@pytest.mark.parametrize(
    ("urls", "line"),
    [
        (["https://a.de/f/1.jpg"], "Foto in Druckqualität zum Herunterladen: https://a.de/f/1.jpg"),
        (["https://a.de/1.jpg", "https://a.de/2.jpg"],
         "Fotos in Druckqualität zum Herunterladen: https://a.de/1.jpg, https://a.de/2.jpg"),
    ],
)  # fmt: skip
def test_photos_too_large_to_attach(urls: list[str], line: str) -> None:
    from pressgen.german import phrases

    assert phrases.photos_to_download(urls) == line


def test_the_press_release_goes_to_each_journalist(
    run_cli: Callable[..., Result], server: tuple[Server, int], tmp_path: Path
) -> None:
    import shutil

    from helpers import SECOND

    handler, port = server
    folder = tmp_path / "presse"
    shutil.copytree(SECOND.parent, folder)
    (folder / "verteiler.csv").write_text(
        "email,name,salutation,medium,language\n"
        'lena@zeitung.de,Lena Muster,"Sehr geehrte Frau Muster,",OTZ,\n'
        "jo@radio.de,Jo Beispiel,,Radio Jena,de\n"
        "desk@times.example.co.uk,Desk,Dear colleagues,,en\n",
        "utf-8",
    )
    result = run_cli(
        "send", folder / SECOND.name, "--press", "--to-list", folder / "verteiler.csv",
        "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none",
        env={"SOURCE_DATE_EPOCH": "1800028800"},  # before the Sperrfrist: journalists may
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert handler.per_recipient() == Counter(
        {"lena@zeitung.de": 1, "jo@radio.de": 1, "desk@times.example.co.uk": 1}
    )
    lena = next(m for m in handler.accepted if "lena@" in str(m["To"]))
    assert lena["Content-Language"] == "de"
    assert lena["Subject"] == (
        "Pressemitteilung: Neujahrsempfang 2027 – rund 1.200 Gäste im Historischen Rathaus "
        "(Sperrfrist: 15. Januar 2027, 18 Uhr)"
    )
    assert lena["Reply-To"] == "Lena Beispiel <presse@netzwerk-saale.example>"
    body = lena.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith("Sehr geehrte Frau Muster,\n\n*** Sperrfrist: 15.")
    assert "Jena, 15.\u00a0Januar\u00a02027 – Mit rund 1.200 Gästen" in body
    names = [part.get_filename() for part in lena.iter_attachments()]
    assert names == ["pressemitteilung.pdf", "neujahrsempfang-2027.png"]
    jo = next(m for m in handler.accepted if "jo@" in str(m["To"]))
    assert jo.get_body(("plain",)).get_content().startswith("*** Sperrfrist")
    assert "lena@zeitung.de" not in jo.as_string()
    # The reader of English gets the English edition: its subject, text and files.
    desk = next(m for m in handler.accepted if "desk@" in str(m["To"]))
    assert desk["Content-Language"] == "en"
    assert desk["Subject"] == (
        "Press release: New Year Reception 2027 – around 1,200 guests at the Historisches Rathaus "
        "(embargoed until 15 January 2027, 6 pm CET)"
    )
    body = desk.get_body(("plain",)).get_content().replace("\r\n", "\n")
    assert body.startswith(
        "Dear colleagues,\n\n*** Embargoed until 15\u00a0January\u00a02027, 6\u00a0pm CET ***\n"
    )
    names = [part.get_filename() for part in desk.iter_attachments()]
    assert names == ["press-release.pdf", "neujahrsempfang-2027.png"]
    english_pdf = next(desk.iter_attachments()).get_content()
    german_pdf = next(lena.iter_attachments()).get_content()
    assert english_pdf.startswith(b"%PDF-") and english_pdf != german_pdf
    # Sent once: a second run sends nobody the press release again.
    again = run_cli(
        "send", folder / SECOND.name, "--press", "--to-list", folder / "verteiler.csv",
        "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none",
    )  # fmt: skip
    assert "3 recipients had it already" in again.stdout and len(handler.accepted) == 3


def test_the_press_dry_run_shows_the_plan(run_cli: Callable[..., Result]) -> None:
    from helpers import SECOND

    result = run_cli("send", SECOND, "--press", "--to", "lena@zeitung.de", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Language:" not in result.stdout  # --to: each address reads German
    assert result.stdout.splitlines()[0] == (
        "Subject:    Pressemitteilung: Neujahrsempfang 2027 – rund 1.200 Gäste im Historischen "
        "Rathaus (Sperrfrist: 15. Januar 2027, 18 Uhr)"
    )
    assert "Recipients: lena@zeitung.de, one message each" in result.stdout
    assert "Attached:   pressemitteilung.pdf, neujahrsempfang-2027.png" in result.stdout
    assert result.stdout.endswith("Dry run: nothing was sent, the journal is unchanged.\n")
    # --language: the addresses of --to read English.
    english = run_cli("send", SECOND, "--press", "--to", "desk@times.example.co.uk",
                      "--language", "en", "--dry-run")  # fmt: skip
    assert english.exit_code == 0, english.output
    assert english.stdout.splitlines()[0] == (
        "Subject:    Press release: New Year Reception 2027 – around 1,200 guests at the "
        "Historisches Rathaus (embargoed until 15 January 2027, 6 pm CET)"
    )
    assert "Language:   1 recipient gets the English edition" in english.stdout
    assert "Attached:   press-release.pdf, neujahrsempfang-2027.png" in english.stdout
    # A list says each recipient's language itself.
    listed = run_cli("send", SECOND, "--to-list", "verteiler.csv", "--language", "en")
    assert listed.exit_code == 2
    assert "--language goes with --to; a list says each recipient's language in its column" in (
        listed.output
    )


def test_the_seeds_press_release_to_fifty_journalists_with_its_pdf(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    a_list(event_folder, 50)
    result = run_cli(
        "send", event_folder / SEED.name, "--press", "--to-list", event_folder / "verteiler.csv",
        "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert handler.per_recipient() == Counter(
        {f"redaktion{n}@zeitung{n}.de": 1 for n in range(1, 51)}
    )
    pdfs = set()
    for message in handler.accepted:
        assert message["Subject"] == (
            "Pressemitteilung: Rund um die Digitalisierung von Städten: Der Rückblick auf den "
            "Workshop-Nachmittag der TowerByte eG"
        )
        (pdf,) = [part for part in message.iter_attachments()]
        assert pdf.get_filename() == "pressemitteilung.pdf"
        pdfs.add(pdf.get_content())
    assert len(pdfs) == 1 and next(iter(pdfs)).startswith(b"%PDF-")  # one PDF, made once


def test_a_connection_dropped_after_a_message_is_asked_about_not_resent(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    # The whole message went out, then the line went dead before the server answered: it
    # may have arrived. It is reported, kept open in the journal, and sent again only when
    # the press office says so.
    handler, port = server
    a_list(event_folder, 4)
    handler.hang_up = {"redaktion2@zeitung2.de"}
    result = send_list(run_cli, event_folder, port)
    assert result.exit_code == 1
    assert handler.hang_up == set()  # the line did go dead once
    assert "pressgen: perhaps sent to redaktion2@zeitung2.de: the connection to the mail " in (
        result.stderr
    )
    assert result.stderr.endswith(
        "pressgen: 1 message may have arrived: ask before sending again; --resume "
        "--resend-unknown sends to them once more.\n"
    )
    assert send_list(run_cli, event_folder, port).exit_code == 1  # the run is still open
    asked = send_list(run_cli, event_folder, port, "--resume")
    assert asked.exit_code == 1 and "perhaps sent to redaktion2@zeitung2.de" in asked.stderr
    assert "3 recipients had it already" in asked.stdout
    told = send_list(run_cli, event_folder, port, "--resume", "--resend-unknown")
    assert told.exit_code == 0, told.output
    assert handler.per_recipient() == Counter(
        {f"redaktion{n}@zeitung{n}.de": 1 for n in range(1, 5)}
    )


def test_a_server_that_answers_quit_badly_still_delivered_each_message_once(
    run_cli: Callable[..., Result], server: tuple[Server, int], event_folder: Path
) -> None:
    handler, port = server
    handler.quit_reply = "421 4.3.2 closing"
    a_list(event_folder, 3)
    result = send_list(run_cli, event_folder, port)
    assert result.exit_code == 0, result.output
    assert handler.per_recipient() == Counter(
        {f"redaktion{n}@zeitung{n}.de": 1 for n in range(1, 4)}
    )


def test_the_word_file_goes_along_when_asked(run_cli: Callable[..., Result]) -> None:
    result = run_cli("send", SEED, "--press", "--docx", "--to", "lena@zeitung.de", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "Attached:   pressemitteilung.pdf, pressemitteilung.docx" in result.stdout


def test_a_newsletter_file_goes_to_each_subscriber_with_their_salutation(
    run_cli: Callable[..., Result], server: tuple[Server, int], data_dir: Path
) -> None:
    """A newsletter with several items (an issue: section) to a list, as an event's goes."""
    handler, port = server
    a_list(data_dir, 5)
    after_the_embargo = dt.datetime(2027, 2, 1, tzinfo=dt.UTC).timestamp()
    result = run_cli(
        "send", data_dir / "newsletter-2027-01.yaml", "--to-list", data_dir / "verteiler.csv",
        "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none",
        env={"PRESSGEN_UNSUBSCRIBE_SECRET": SECRET,
             "SOURCE_DATE_EPOCH": str(int(after_the_embargo))},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert handler.per_recipient() == Counter(
        {f"redaktion{n}@zeitung{n}.de": 1 for n in range(1, 6)}
    )
    for message in handler.accepted:
        own = str(message["To"].addresses[0].addr_spec)
        assert message["Subject"] == "Netzwerk Saale im Januar: Neujahrsempfang und neue Mitglieder"
        token = unsubscribe_token(own, SECRET)
        personal = f"https://www.netzwerk-saale.example/newsletter/abmelden?token={token}"
        # Folded onto a line of its own: the space that folding leaves is no part of it.
        assert message["List-Unsubscribe"].strip() == f"<{personal}>"
        html = message.get_body(("html",)).get_content()
        text = message.get_body(("plain",)).get_content()
        assert personal in html and personal in text
        number = int(re.search(r"redaktion(\d+)@", own)[1])  # type: ignore[index]
        salutation = f"Sehr geehrte Frau Muster{number},"
        assert (salutation in text) is (salutation in html) is bool(number % 2)
    # A second run finds everyone served.
    again = run_cli(
        "send", data_dir / "newsletter-2027-01.yaml", "--to-list", data_dir / "verteiler.csv",
        "--smtp-host", "127.0.0.1", "--smtp-port", str(port), "--security", "none",
        env={"PRESSGEN_UNSUBSCRIBE_SECRET": SECRET,
             "SOURCE_DATE_EPOCH": str(int(after_the_embargo))},
    )  # fmt: skip
    assert again.exit_code == 0, again.output
    assert len(handler.accepted) == 5


def test_a_resumed_send_that_finds_the_server_down_stays_open(
    run_cli: Callable[..., Result], event_folder: Path
) -> None:
    """The press office's question about a message that may have arrived survives a
    server that is down when the send is resumed: nothing is forgotten, nobody resent."""
    handler = Server()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    a_list(event_folder, 4)
    handler.hang_up = {"redaktion2@zeitung2.de"}
    handler.refuse = {"redaktion4@zeitung4.de": ["451 4.3.0 später"] * 3}
    try:
        assert send_list(run_cli, event_folder, port).exit_code == 1
    finally:
        controller.stop()
    for extra in ((), ("--resend-unknown",)):
        down = send_list(run_cli, event_folder, port, "--resume", *extra)
        assert down.exit_code == 1
        assert "connection refused" in down.stderr
        if not extra:
            assert "perhaps sent to redaktion2@zeitung2.de" in down.stderr
    again = send_list(run_cli, event_folder, port)
    assert again.exit_code == 1
    assert "stopped after 2 of 4 messages; continue it with --resume" in again.stderr


@pytest.mark.parametrize("document", [SEED, ROOT / "data" / "newsletter-2027-01.yaml"])
def test_each_copy_is_the_page_rendered_for_its_reader(document: Path) -> None:
    """A send renders the HTML once per shape of message and fills in each reader's values;
    every copy is byte for byte the page rendered whole for that reader."""
    from pressgen.clock import current_time
    from pressgen.outputs.render import NewsletterCopies
    from pressgen.pipeline import Choices, render_path
    from pressgen.present.event import Reader
    from pressgen.source.project import project_for

    rendered = render_path(document, current_time(), Choices(drafts=True))
    url = "https://www.example.org/abmelden?token="
    readers = [
        Reader("Sehr geehrte Frau Muster,", url + "a1"),
        Reader("Liebe Leserin,", url + "b2"),
        Reader("", url + "c3"),
        Reader("", url + "d4"),
        Reader("Sehr geehrter Herr Müller,", ""),
        Reader("Hallo Jo,", ""),
        Reader("Sehr geehrte Frau O'Neill & Partner,", url + "e5"),  # written whole
        Reader(),
    ]
    templates = project_for(document).template_dirs
    shared = NewsletterCopies(rendered.shown, templates)
    for reader in readers:
        whole = NewsletterCopies(rendered.shown, templates)(reader)
        assert shared(reader) == whole, reader
    assert shared.filled == 3  # the second of each plain shape (four shapes, three repeat)
