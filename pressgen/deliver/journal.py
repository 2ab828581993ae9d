"""The send journal: who got which message when, in SQLite (one file per project).

Every recipient is written down before its message goes to the server ("sending")
and again with the server's answer ("sent", "failed"). A run cut short — Ctrl-C,
a crash, a lost connection, kill -9 — is continued with --resume: whoever is not
"sent" gets the message, with the same Message-ID as before, so the rare message
that reached the server in the instant before the journal heard of it is one that
mail programs recognise as the same.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pressgen.source.addresses import address_identity

JOURNAL_NAME = "pressgen-versand.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,          -- what was sent to whom: event, kind, list
    subject TEXT NOT NULL,
    started TEXT NOT NULL,
    finished TEXT               -- empty while the run is open
);
CREATE TABLE IF NOT EXISTS deliveries (
    run INTEGER NOT NULL REFERENCES runs(id),
    address TEXT NOT NULL,      -- as written on the list
    message_id TEXT NOT NULL,
    status TEXT NOT NULL,       -- sending, sent, failed, retry
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


class Journal:
    """One project's send journal."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # isolation_level=None: every statement is its own transaction, written at once.
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")  # a sent message is never forgotten
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        self._db.close()

    def open_run(self, key: str) -> int | None:
        """The run of this key that was cut short, if there is one."""
        row = self._db.execute(
            "SELECT id FROM runs WHERE key = ? AND finished IS NULL ORDER BY id DESC", (key,)
        ).fetchone()
        return int(row[0]) if row else None

    def start(self, key: str, subject: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO runs (key, subject, started) VALUES (?, ?, ?)", (key, subject, _now())
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish(self, run: int) -> None:
        self._db.execute("UPDATE runs SET finished = ? WHERE id = ?", (_now(), run))

    def delivered(self, key: str) -> set[str]:
        """Whom a message of this key reached in any run (pressgen's address_identity)."""
        rows = self._db.execute(
            "SELECT d.address FROM deliveries d JOIN runs r ON d.run = r.id "
            "WHERE r.key = ? AND d.status = 'sent'",
            (key,),
        )
        return {address_identity(str(address)) for (address,) in rows}

    def deliveries(self, run: int) -> dict[str, Delivery]:
        rows = self._db.execute(
            "SELECT address, message_id, status, attempts, answer FROM deliveries WHERE run = ?",
            (run,),
        )
        return {address_identity(str(row[0])): Delivery(*row) for row in rows}

    def record(
        self, run: int, address: str, message_id: str, status: str, answer: str = ""
    ) -> None:
        self._db.execute(
            "INSERT INTO deliveries (run, address, message_id, status, attempts, answer, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run, address) DO UPDATE SET "
            "status = excluded.status, answer = excluded.answer, at = excluded.at, "
            "attempts = attempts + (excluded.status = 'sending')",
            (run, address, message_id, status, int(status == "sending"), answer, _now()),
        )


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
