"""PG601: a draft, and what it still leaves open; PG602: a gap written by hand into a
file that is no draft."""

from __future__ import annotations

import re

from pressgen.checks.findings import Findings
from pressgen.present.event import Presentation
from pressgen.source.fields import Role, texts
from pressgen.source.loader import format_loc

# What authors type for what they do not know yet: [… offen], [Name folgt], XXX, TODO,
# N. N. A gap in brackets is short: the bound keeps the search linear on long texts.
_GAP = re.compile(
    r"\[[^\[\]]{0,40}?(?:offen|folgt|fehlt|einsetzen|TBD|tbd)[^\[\]]{0,40}\]|\[(?:…|\.\.\.)\]|"
    r"\bXXX+\b|"
    r"\bTODO\b|\bN\.\s?N\.(?!\w)|\bTBA\b"
)

# What each open fact is called in a message, English and German.
_NAMES: dict[str, tuple[str, str]] = {
    "date": ("the date", "das Datum"),
    "start": ("the start time", "die Uhrzeit"),
    "publication_date": ("the publication date", "das Datum der Veröffentlichung"),
    "credit": ("a photo credit", "ein Bildnachweis"),
}


def check(shown: Presentation, found: Findings, allowed: bool) -> None:
    """A draft is an error unless drafts are allowed (build --draft, the preview); a file
    that is no draft must not carry gaps written by hand."""
    event = shown.event
    if not event.draft:
        _gaps_by_hand(shown, found)
        return
    places = shown.open_facts
    if places:
        english = ", ".join(f"{_NAMES[str(loc[-1])][0]} ({format_loc(loc)})" for loc in places)
        german = ", ".join(_NAMES[str(loc[-1])][1] for loc in places)
        message = f"this is a draft; still open: {english}"
        message_de = f"Dies ist ein Entwurf; noch offen: {german}"
        finish = "fill them in and remove 'draft: yes'"
    else:
        message = "this is a draft, though nothing is open any more"
        message_de = "Dies ist ein Entwurf, obwohl nichts mehr offen ist"
        finish = "remove 'draft: yes'"
    if not allowed:
        message += f"; {finish}, or build the draft with --draft"
    found.add("PG601", ("draft",), message, message_de, severity="warning" if allowed else "error")


def _gaps_by_hand(shown: Presentation, found: Findings) -> None:
    """„[Name offen]“ in the Impressum of a finished release would be published as it is:
    only a draft may leave facts open, and pressgen marks those itself."""
    for loc, role, text in texts(shown.event):
        if role not in (Role.TEXT, Role.PROSE, Role.VERBATIM):
            continue
        gap = _GAP.search(text)
        if gap is None:
            continue
        found.add(
            "PG602",
            loc,
            f"'{gap[0]}' looks like a gap still to fill, but the file is no draft: fill it "
            "in, or set 'draft: yes' while facts are open",
            f"„{gap[0]}“ sieht nach einer noch offenen Stelle aus, die Datei ist aber kein "
            "Entwurf: füllen Sie sie aus oder setzen Sie 'draft: yes'",
        )
