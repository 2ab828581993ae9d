"""PG601: a draft, and what it still leaves open."""

from __future__ import annotations

from pressgen.checks.findings import Findings
from pressgen.present.event import Presentation
from pressgen.source.loader import format_loc

# What each open fact is called in a message, English and German.
_NAMES: dict[str, tuple[str, str]] = {
    "date": ("the date", "das Datum"),
    "start": ("the start time", "die Uhrzeit"),
    "publication_date": ("the publication date", "das Datum der Veröffentlichung"),
    "credit": ("a photo credit", "ein Bildnachweis"),
}


def check(shown: Presentation, found: Findings, allowed: bool) -> None:
    """A draft is an error unless drafts are allowed (build --draft, the preview)."""
    event = shown.event
    if not event.draft:
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
