"""The send journal: who got which message when, in SQLite (one file per project).

Every recipient is written down before its message goes to the server ("sending")
and again with the server's answer ("sent", "failed"). A run cut short — Ctrl-C,
a crash, a lost connection, kill -9 — is continued with --resume: whoever is not
"sent" gets the message, with the same Message-ID as before, so the rare message
that reached the server in the instant before the journal heard of it is one that
mail programs recognise as the same.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import os
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pressgen.errors import PressgenError, display_path
from pressgen.messages import _
from pressgen.source.addresses import address_identity

JOURNAL_NAME = "pressgen-versand.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,          -- what was sent: kind and the document (document_key)
    subject TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT               -- empty while the run is open
);
CREATE TABLE IF NOT EXISTS deliveries (
    run INTEGER NOT NULL REFERENCES runs(id),
    address TEXT NOT NULL,      -- as written on the list
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,       -- sending, sent, failed, retry, unknown
    attempts INTEGER NOT NULL DEFAULT 0,
    answer TEXT NOT NULL DEFAULT '',
    at TEXT NOT NULL,
    PRIMARY KEY (run, address)
);
"""


@dataclass(frozen=True)
class Delivery:
    address: str
    message_id: str
    status: str
    attempts: int
    answer: str


class JournalError(PressgenError):
    """The send journal cannot be trusted: nothing is sent rather than someone twice."""


class Journal:
    """One project's send journal, held by one send at a time.

    Every way it can fail — not a database, cut short, locked, removed or replaced while a
    send runs — is a JournalError naming the file: a journal that cannot be read is never
    quietly started afresh, as that would send everyone the same message again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = self._hold_the_lock()
        try:
            # isolation_level=None: every statement is its own transaction, written at once.
            self._db = sqlite3.connect(path, isolation_level=None, timeout=5)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")  # a sent message is never forgotten
            self._db.executescript(_SCHEMA)
            self._db.execute("SELECT count(*) FROM runs JOIN deliveries ON run = id").fetchone()
            self._file = os.stat(path).st_ino
        except (sqlite3.Error, OSError) as error:
            self._release()
            raise self._error(error) from None

    def _hold_the_lock(self) -> int:
        """The journal's lock file, held while this send runs: a second send (or a --resume
        started beside the first) would otherwise send the same messages again."""
        lock = self.path.with_name(self.path.name + ".lock")
        try:
            handle = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise self._error(error) from None
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            holder = os.read(handle, 64).decode("ascii", "replace").strip() or _("unknown")
            os.close(handle)
            raise JournalError(
                _(
                    "another send is running (process {process}) with the send journal "
                    "{journal}; wait until it has ended, then send again"
                ).format(process=holder, journal=display_path(self.path))
            ) from None
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        return handle

    def _release(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._lock)  # closing the file ends the lock

    def _error(self, error: Exception) -> JournalError:
        what = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        return JournalError(
            _(
                "the send journal {journal} cannot be used ({reason}); nothing more is sent. "
                "It records who got which message: repair or restore it rather than delete "
                "it, or everyone on the list gets the message again"
            ).format(journal=display_path(self.path), reason=what)
        )

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._db.close()
        self._release()

    def _run(self, sql: str, parameters: tuple[object, ...] = ()) -> sqlite3.Cursor:
        """One statement; the file must still be the one the send began with."""
        try:
            if os.stat(self.path).st_ino != self._file:
                raise OSError(0, _("it was replaced while the send ran"))
            return self._db.execute(sql, parameters)
        except FileNotFoundError:
            raise self._error(OSError(0, _("it was removed while the send ran"))) from None
        except (sqlite3.Error, OSError) as error:
            raise self._error(error) from None

    def open_run(self, keys: Sequence[str]) -> int | None:
        """The run of one of these keys that was cut short, if there is one."""
        marks = ",".join("?" * len(keys))
        row = self._run(
            f"SELECT id FROM runs WHERE key IN ({marks}) AND finished IS NULL ORDER BY id DESC",
            tuple(keys),
        ).fetchone()
        return int(row[0]) if row else None

    def start(self, key: str, subject: str) -> int:
        cursor = self._run(
            "INSERT INTO runs (key, subject, started) VALUES (?, ?, ?)", (key, subject, _now())
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish(self, run: int) -> None:
        self._run("UPDATE runs SET finished = ? WHERE id = ?", (_now(), run))

    def delivered(self, keys: Sequence[str]) -> set[str]:
        """Whom a message of one of these keys reached in any run (address_identity)."""
        marks = ",".join("?" * len(keys))
        rows = self._run(
            "SELECT d.address FROM deliveries d JOIN runs r ON d.run = r.id "
            f"WHERE r.key IN ({marks}) AND d.status = 'sent'",
            tuple(keys),
        )
        return {address_identity(str(address)) for (address,) in rows}

    def deliveries(self, run: int) -> dict[str, Delivery]:
        rows = self._run(
            "SELECT address, message_id, status, attempts, answer FROM deliveries WHERE run = ?",
            (run,),
        )
        return {address_identity(str(row[0])): Delivery(*row) for row in rows}

    def record(
        self, run: int, address: str, message_id: str, status: str, answer: str = ""
    ) -> None:
        self._run(
            "INSERT INTO deliveries (run, address, message_id, status, attempts, answer, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run, address) DO UPDATE SET "
            "status = excluded.status, answer = excluded.answer, at = excluded.at, "
            "attempts = attempts + (excluded.status = 'sending')",
            (run, address, message_id, status, int(status == "sending"), answer, _now()),
        )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
