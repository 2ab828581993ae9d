"""pressefotos.zip: the press photos in full resolution, with Bildnachweis.txt.

Editors download one file and have every photo with its caption, credit and terms
beside it; the same words are in each photo's metadata (pressgen.outputs.photos). The
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
from pressgen.present.event import Presentation
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
        for src, name in archive_names(shown).items():
            if src in photos:
                _add(archive, name, photos[src], stamp, compress=False)
    return out.getvalue()


def archive_names(shown: Presentation) -> dict[str, str]:
    """Each local photo's name in the archive (src → name), one entry per file: two photos
    of one file name from different folders become abend.jpg and abend-2.jpg, so that
    Bildnachweis.txt names each unmistakably."""
    names: dict[str, str] = {}
    for photo in shown.event.press_release.photos:
        if not is_local(photo.src) or photo.src in names:
            continue
        path = PurePosixPath(photo.src)
        name, number = path.name, 1
        while name.casefold() in {taken.casefold() for taken in names.values()}:
            number += 1
            name = f"{path.stem}-{number}{path.suffix}"
        names[photo.src] = name
    return names


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
    names = archive_names(shown)  # one entry per file, in the order of the release
    photos = [next(p for p in release.photos if p.src == src) for src in names]
    for photo in photos:
        lines += ["", f"Datei: {names[photo.src]}"]
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
