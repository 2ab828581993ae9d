"""Recipient lists: a Presseverteiler or the subscribers, as CSV or YAML.

Each entry is an email address with an optional name, salutation („Sehr geehrte
Frau Muster,“), medium and tags: in CSV a column each (the first line names them),
in YAML a list under `recipients:`. A list is read whole and every mistake is
reported with its file and line, like an event file's.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from pressgen.errors import DataError, Problem
from pressgen.messages import _
from pressgen.source.addresses import address_identity, email_problem

COLUMNS = ("email", "name", "salutation", "medium", "tags", "language")
# What a recipient may read: de, or en for the English edition (languages: [de, en]).
LANGUAGES = ("de", "en")
# Characters that would break a header apart (a name goes into To:).
_LINE_BREAKS = {chr(code) for code in (*range(32), 127, 0x85, 0x2028, 0x2029)}
MAX_RECIPIENTS = 100_000


@dataclass(frozen=True)
class Recipient:
    """One address on a list, and what the message may say to its owner."""

    email: str
    name: str = ""
    salutation: str = ""  # „Sehr geehrte Frau Muster,“: opens the message when given
    medium: str = ""
    tags: tuple[str, ...] = field(default=())
    line: int = 0  # where it stands in its file
    language: str = ""  # en: the English edition, where the event has one; else German


def load_recipients(path: Path) -> list[Recipient]:
    """Every recipient of a .csv or .yaml list; all mistakes at once as a DataError."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        message = _("cannot read the list: {reason}").format(reason=error.strerror)
        raise DataError([Problem(path, 1, 1, message)]) from None
    text = decoded(path, raw)[0]
    if path.suffix.lower() in (".yaml", ".yml"):
        rows = _yaml_rows(path)
    elif path.suffix.lower() == ".csv":
        rows = _csv_rows(path, text)
    else:
        raise DataError(
            [Problem(path, 1, 1, _("a recipient list is a .csv or .yaml file"), code="PG007")]
        )
    return _checked(path, rows)


Row = tuple[int, int, dict[str, str]]  # line, column of the address, values


def salutation(written: str) -> str:
    """A letter's salutation ends with a comma, as German letters have it: „Sehr geehrte
    Frau Muster“ from an address book becomes „Sehr geehrte Frau Muster,“; one that
    ends with its own mark (, ! :) stays as written."""
    written = written.strip()
    if not written or written.endswith((",", "!", ":")):
        return written
    return written + ","


def decoded(path: Path, raw: bytes) -> tuple[str, str]:
    """The list's text and the encoding it was read in: UTF-8 (with or without the BOM
    Excel writes), else Windows-1252, in which Excel on Windows saves CSV. A byte neither
    can read is named with its line and column."""
    try:
        return raw.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    if path.suffix.lower() == ".csv":
        try:
            return raw.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError as error:
            utf8_error = error
    at = utf8_error.start
    line = raw.count(b"\n", 0, at) + 1
    column = at - (raw.rfind(b"\n", 0, at) + 1) + 1
    byte = f"0x{raw[at]:02X}"
    message = _(
        "byte {byte} cannot be read: the list is neither UTF-8 nor Windows-1252 text; save "
        "it as UTF-8 (CSV UTF-8 in Excel)"
    ).format(byte=byte)
    raise DataError([Problem(path, line, column, message, code="PG001")])


def _csv_rows(path: Path, text: str) -> list[Row]:
    """Rows with their line numbers; the header names the columns (email is required).
    Excel's semicolons are read as well as commas."""
    first = text.splitlines()[0] if text.strip() else ""
    dialect = "excel" if first.count(",") >= first.count(";") else "excel-semicolon"
    if dialect == "excel-semicolon":
        csv.register_dialect("excel-semicolon", delimiter=";")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    if "email" not in header:
        message = _(
            "the first line must name the columns, among them 'email' (known: {known})"
        ).format(known=", ".join(COLUMNS))
        raise DataError([Problem(path, 1, 1, message, code="PG004")])
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        message = _("unknown column {column}; known: {known}").format(
            column=repr(unknown[0]), known=", ".join(COLUMNS)
        )
        raise DataError([Problem(path, 1, 1, message, code="PG003")])
    rows = []
    for row in reader:
        values = {
            str(key).strip().lower(): (value or "").strip()
            for key, value in row.items()
            if key is not None
        }
        if any(values.values()):
            rows.append((reader.line_num, 1, values))
    return rows


def _yaml_rows(path: Path) -> list[Row]:
    from pressgen.source.loader import load_yaml

    loaded = load_yaml(path)
    if loaded.problems:
        raise DataError(loaded.problems)
    data = loaded.data.get("recipients") if isinstance(loaded.data, dict) else None
    if not isinstance(data, list):
        message = _(
            "a recipient list in YAML has 'recipients:' with a list of entries (- email: …)"
        )
        raise DataError([Problem(path, 1, 1, message, code="PG004")])
    rows = []
    for index, entry in enumerate(data):
        place = ("recipients", index, "email") if isinstance(entry, dict) else ("recipients", index)
        line, column = loaded.source.locate(place)[1:]
        if isinstance(entry, str):
            entry = {"email": entry}
        if not isinstance(entry, dict):
            rows.append((line, column, {"email": ""}))
            continue
        unknown = [str(key) for key in entry if key not in COLUMNS]
        if unknown:
            message = _("unknown field {field}; known: {known}").format(
                field=repr(unknown[0]), known=", ".join(COLUMNS)
            )
            raise DataError([Problem(path, line, 1, message, code="PG003")])
        tags = entry.get("tags") or []
        values = {key: str(value).strip() for key, value in entry.items() if key != "tags"}
        values["tags"] = ",".join(str(tag) for tag in tags) if isinstance(tags, list) else str(tags)
        rows.append((line, column, values))
    return rows


def _checked(path: Path, rows: list[Row]) -> list[Recipient]:
    problems: list[Problem] = []
    seen: dict[str, tuple[int, str]] = {}  # whom an address reaches → its line, as written
    recipients = []
    if len(rows) > MAX_RECIPIENTS:
        message = _("at most {count} recipients per list").format(count=MAX_RECIPIENTS)
        raise DataError([Problem(path, 1, 1, message)])
    for line, column, values in rows:
        address = values.get("email", "")
        problem = email_problem(address) if address else _("the email address is missing")
        if problem:
            problems.append(Problem(path, line, column, f"email: {problem}", code="PG005"))
            continue
        broken = [key for key, value in values.items() if _LINE_BREAKS & set(value)]
        if broken:
            message = _(
                "{field}: a line break or control character in a value; it would end up in "
                "the message's headers"
            ).format(field=broken[0])
            problems.append(Problem(path, line, column, message, code="PG005"))
            continue
        key = address_identity(address)
        if key in seen:
            first_line, first = seen[key]
            if first == address:
                message = _(
                    "email: {address} is on the list twice (also line {line}); each recipient "
                    "gets one message"
                ).format(address=address, line=first_line)
            else:
                message = _(
                    "email: {address} is on the list twice (also line {line} as {first}); each "
                    "recipient gets one message"
                ).format(address=address, line=first_line, first=first)
            problems.append(Problem(path, line, column, message, code="PG002"))
            continue
        language = values.get("language", "").strip().lower()
        if language not in ("", *LANGUAGES):
            message = _("language: expected de or en, not {value}").format(value=repr(language))
            problems.append(Problem(path, line, column, message, code="PG005"))
            continue
        seen[key] = (line, address)
        tags = tuple(tag.strip() for tag in values.get("tags", "").split(",") if tag.strip())
        recipients.append(
            Recipient(address, values.get("name", ""), salutation(values.get("salutation", "")),
                      values.get("medium", ""), tags, line, language)
        )  # fmt: skip
    if problems:
        raise DataError(problems)
    if not recipients:
        raise DataError([Problem(path, 1, 1, _("the list names no recipient"), code="PG004")])
    return recipients
