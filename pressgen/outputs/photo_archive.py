"""pressefotos.zip: the press photos in full resolution, with Bildnachweis.txt.

Editors download one file and have every photo with its caption, credit and terms
beside it; the same words are in each photo's metadata (pressgen.photos). The
archive is the same bytes on every build: entries in a fixed order, with the
release's date as their time.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from pathlib import PurePosixPath

from pressgen.german import typography
from pressgen.present import Presentation
from pressgen.source.model import is_local

CREDITS_FILE = "Bildnachweis.txt"


def photo_archive(shown: Presentation, photos: Mapping[str, bytes]) -> bytes:
    """The archive of the release's local photos (`photos`: src → the published bytes)."""
    release = shown.event.press_release
    day = release.publication_date or dt.date(1980, 1, 1)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        _add(archive, CREDITS_FILE, credits_text(shown).encode("utf-8"), stamp, compress=True)
        for photo in release.photos:
            if is_local(photo.src) and photo.src in photos:
                name = PurePosixPath(photo.src).name
                _add(archive, name, photos[photo.src], stamp, compress=False)
    return out.getvalue()


def _add(
    archive: zipfile.ZipFile,
    name: str,
    data: bytes,
    stamp: tuple[int, int, int, int, int, int],
    compress: bool,
) -> None:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.external_attr = 0o644 << 16  # an ordinary file, the same on every machine
    # Photos are compressed already; deflating them again only costs time.
    entry.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    archive.writestr(entry, data)


def credits_text(shown: Presentation) -> str:
    """Bildnachweis.txt: for each photo its file, caption, credit, terms and consent note."""
    release = shown.event.press_release
    style = shown.event.typography
    lines = [
        f"Bildnachweis zur {shown.labels.press_release}",
        typography.quoted(release.headline, style),
        f"{shown.event.organisation.name}, {shown.publication_day}",
    ]
    if shown.embargo_moment:
        lines += [
            "",
            f"Sperrfrist: {shown.embargo_moment}. Vorher dürfen die Fotos nicht "
            "veröffentlicht werden.",
        ]
    photos = [photo for photo in release.photos if is_local(photo.src)]
    for photo in photos:
        lines += ["", f"Datei: {PurePosixPath(photo.src).name}"]
        lines.append(f"Bildunterschrift: {photo.caption}")
        lines.append(f"Foto: {photo.credit}" if photo.credit else "Foto: [Bildnachweis offen]")
        if photo.licence:
            lines.append(f"Nutzung: {photo.licence}")
        if photo.consent:
            lines.append(f"Persönlichkeitsrechte: {photo.consent}")
    lines.append("")
    if len(photos) == 1 and photos[0].credit:
        credit = typography.quoted(f"Foto: {photos[0].credit}", style)
        lines.append(f"Bitte geben Sie bei jeder Veröffentlichung den Bildnachweis an: {credit}.")
    else:
        lines.append("Bitte geben Sie bei jeder Veröffentlichung den Bildnachweis des Fotos an.")
    if shown.contact:
        lines.append(f"Fragen und weitere Fotos: {contact_text(shown)}")
    return "\n".join(lines) + "\n"


def contact_text(shown: Presentation) -> str:
    """The Pressekontakt on one line: 'Lena Beispiel, Pressesprecherin, …, Telefon …'."""
    return ", ".join(
        f"{line.label} {line.text}" if line.label else line.text for line in shown.contact
    )
