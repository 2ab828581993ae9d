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

from pressgen.present.event import Presentation

CREDITS_FILE = "Bildnachweis.txt"
CREDITS_TEMPLATE = "bildnachweis.txt.j2"


def photo_archive(shown: Presentation, photos: Mapping[str, bytes], credits: str) -> bytes:
    """The archive of the release's local photos (`photos`: src → the published bytes),
    with `credits` (Bildnachweis.txt, rendered from its template) first."""
    release = shown.event.press_release
    day = release.publication_date or dt.date(1980, 1, 1)
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        _add(archive, CREDITS_FILE, credits.encode("utf-8"), stamp, compress=True)
        for photo in shown.photo_credits:
            if photo.src in photos:
                _add(archive, photo.file, photos[photo.src], stamp, compress=False)
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
