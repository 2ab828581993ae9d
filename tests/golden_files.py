"""Golden files compared as what they are, so that a failing comparison reads as words.

Text is compared line by line. A picture is compared by what it shows (format, size,
mode, pixels) and the metadata it carries (EXIF, XMP, IPTC, colour profile); a ZIP
archive by its entries, their order and metadata, and each entry's content by its own
kind; a PDF by its pages and the text of each; a Word file by its parts and what it
says (paragraphs with their styles, tables, headers and footers).

Pictures, archives and Word files are equal when they say the same: their bytes may
differ with the zlib that compressed them. A PDF must also be the same byte for byte,
as pressgen promises for every machine. Two builds on one machine are compared byte
for byte elsewhere (test_outputs.test_rebuild_is_byte_identical).
"""

from __future__ import annotations

import difflib
import hashlib
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

LIMIT = 4000  # characters of one difference shown; the rest is cut

IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp")


def difference(name: str, expected: bytes, actual: bytes) -> str | None:
    """What differs between the golden file `name` (`expected`) and the one built
    (`actual`), in lines a person reads; None when they are the same."""
    if expected == actual:
        return None
    compare = _COMPARERS.get(PurePosixPath(name).suffix.lower(), _text_difference)
    found = compare(name, expected, actual)
    if found is not None and len(found) > LIMIT:
        found = found[:LIMIT] + f"\n… ({len(found) - LIMIT} more characters)"
    return found


def differences(names: Iterable[str], golden: Path, built: Path) -> str:
    """Every difference of the files `names` (paths inside the folders `golden` and
    `built`), one paragraph each; '' when there is none."""
    found = []
    for name in names:
        said = difference(name, (golden / name).read_bytes(), (built / name).read_bytes())
        if said is not None:
            found.append(f"{name} differs from the golden file:\n{_indented(said)}")
    return "\n\n".join(found)


# ---------------------------------------------------------------- text


def _text_difference(name: str, expected: bytes, actual: bytes) -> str | None:
    try:
        old, new = expected.decode("utf-8"), actual.decode("utf-8")
    except UnicodeDecodeError:
        return _bytes_difference(expected, actual)
    diff = "\n".join(
        difflib.unified_diff(
            old.splitlines(), new.splitlines(), f"golden/{name}", f"built/{name}", lineterm=""
        )
    )
    if diff:
        return diff
    # The same lines: what differs is invisible in a diff (line ends, a last newline).
    return f"the same lines, but not the same text: {_first_difference(expected, actual)}"


def _bytes_difference(expected: bytes, actual: bytes) -> str:
    return (
        f"{len(expected):,} bytes in the golden file, {len(actual):,} built; "
        f"{_first_difference(expected, actual)}"
    )


def _first_difference(expected: bytes, actual: bytes) -> str:
    at = next(
        (i for i, (a, b) in enumerate(zip(expected, actual, strict=False)) if a != b),
        min(len(expected), len(actual)),
    )
    return (
        f"first different at byte {at:,}: "
        f"{expected[at : at + 16]!r} in the golden file, {actual[at : at + 16]!r} built"
    )


# ---------------------------------------------------------------- pictures


def _image_difference(name: str, expected: bytes, actual: bytes) -> str | None:
    from PIL import Image

    with Image.open(io.BytesIO(expected)) as old, Image.open(io.BytesIO(actual)) as new:
        found = [
            f"{what}: {before} in the golden file, {after} built"
            for what, before, after in (
                ("format", old.format, new.format),
                ("size", old.size, new.size),
                ("mode", old.mode, new.mode),
            )
            if before != after
        ]
        if not found:
            found += _pixel_difference(old, new)
        found += _mapping_difference("metadata", image_metadata(old), image_metadata(new))
    return "\n".join(found) or None


def _pixel_difference(old: Any, new: Any) -> list[str]:
    from PIL import ImageChops

    first, second = old.convert("RGBA"), new.convert("RGBA")
    if first.tobytes() == second.tobytes():
        return []
    bands = ImageChops.difference(first, second).split()
    largest = max(band.getextrema()[1] for band in bands)
    changed = bands[0]
    for band in bands[1:]:
        changed = ImageChops.lighter(changed, band)
    count = changed.point(lambda value: 255 if value else 0).histogram()[255]
    width, height = old.size
    return [
        f"pixels: {count:,} of {width * height:,} differ, within the box {changed.getbbox()} "
        f"(left, top, right, bottom), by up to {largest} in a channel"
    ]


def image_metadata(image: Any) -> dict[str, str]:
    """What a picture says about itself: EXIF tags by name (GPS among them), XMP, IPTC,
    colour profile, resolution and text chunks."""
    from PIL import ExifTags

    found: dict[str, str] = {}
    exif = image.getexif()
    pointers = {ExifTags.Base.ExifOffset, ExifTags.Base.GPSInfo}  # to the groups below
    for tag, value in exif.items():
        if tag not in pointers:
            found[f"EXIF {ExifTags.TAGS.get(tag, tag)}"] = _shown(value)
    for ifd in (ExifTags.IFD.Exif, ExifTags.IFD.GPSInfo):
        for tag, value in exif.get_ifd(ifd).items():
            names = ExifTags.GPSTAGS if ifd == ExifTags.IFD.GPSInfo else ExifTags.TAGS
            found[f"EXIF {ifd.name} {names.get(tag, tag)}"] = _shown(value)
    for key, value in image.info.items():
        if key in ("exif", "XML:com.adobe.xmp"):  # the EXIF above; the XMP is "xmp" too
            continue
        found[key] = _shown(value)
    return found


def _shown(value: Any) -> str:
    """A metadata value as text; lines of padding (an XMP packet has them) left out."""
    if isinstance(value, bytes):
        try:
            value = value.decode("utf-8")
        except UnicodeDecodeError:
            digest = hashlib.sha256(value).hexdigest()[:12]
            return f"<{len(value):,} bytes, sha256 {digest}…>"
    text = str(value)
    if "\n" in text:
        text = "\n".join(line.rstrip() for line in text.splitlines() if line.strip())
    return text


def _mapping_difference(what: str, old: dict[str, str], new: dict[str, str]) -> list[str]:
    found = []
    for key in sorted(old.keys() | new.keys()):
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        if before is None:
            found.append(f"{what} {key}: only built: {_short(after)}")
        elif after is None:
            found.append(f"{what} {key}: only in the golden file: {_short(before)}")
        elif "\n" in before or "\n" in after:
            lines = difflib.unified_diff(
                before.splitlines(), after.splitlines(), "golden", "built", lineterm=""
            )
            found.append(f"{what} {key}:\n" + _indented("\n".join(lines)))
        else:
            found.append(f"{what} {key}: {before!r} in the golden file, {after!r} built")
    return found


def _short(value: str | None, length: int = 200) -> str:
    shown = repr(value)
    return shown if len(shown) <= length else f"{shown[:length]}… ({len(shown):,} characters)"


# ---------------------------------------------------------------- archives


def _zip_difference(name: str, expected: bytes, actual: bytes) -> str | None:
    with (
        zipfile.ZipFile(io.BytesIO(expected)) as old,
        zipfile.ZipFile(io.BytesIO(actual)) as new,
    ):
        found = _entries_difference(old, new)
        built = {info.filename: info for info in new.infolist()}
        for before in old.infolist():
            after = built.get(before.filename)
            if after is None:
                continue
            entry = f"entry {before.filename}"
            found += _mapping_difference(entry, _entry_metadata(before), _entry_metadata(after))
            inner = difference(before.filename, old.read(before), new.read(after))
            if inner is not None:
                found.append(f"{entry}:\n{_indented(inner)}")
        if old.comment != new.comment:
            found.append(f"comment: {old.comment!r} in the golden file, {new.comment!r} built")
    return "\n".join(found) or None


def _entries_difference(old: zipfile.ZipFile, new: zipfile.ZipFile) -> list[str]:
    before, after = old.namelist(), new.namelist()
    if before == after:
        return []
    found = []
    missing = [entry for entry in before if entry not in after]
    added = [entry for entry in after if entry not in before]
    if missing:
        found.append(f"entries only in the golden file: {', '.join(missing)}")
    if added:
        found.append(f"entries only built: {', '.join(added)}")
    if not missing and not added:
        found.append(f"entries in another order: {before} in the golden file, {after} built")
    return found


def _entry_metadata(info: zipfile.ZipInfo) -> dict[str, str]:
    return {
        "date and time": str(info.date_time),
        "compression": str(info.compress_type),
        "permissions": oct(info.external_attr >> 16),
        "comment": repr(info.comment),
    }


# ---------------------------------------------------------------- documents


def _pdf_difference(name: str, expected: bytes, actual: bytes) -> str | None:
    old, new = pdf_pages(expected), pdf_pages(actual)
    found = []
    if len(old) != len(new):
        found.append(f"pages: {len(old)} in the golden file, {len(new)} built")
    for number, (before, after) in enumerate(zip(old, new, strict=False), start=1):
        lines = list(
            difflib.unified_diff(
                before.splitlines(),
                after.splitlines(),
                f"golden/{name}, page {number}",
                f"built/{name}, page {number}",
                lineterm="",
            )
        )
        if lines:
            found.append("\n".join(lines))
    if not found:  # pressgen promises the same PDF on every machine, byte for byte
        where = _first_difference(expected, actual)
        found.append(f"the same pages and text, but not the same bytes: {where}")
    return "\n".join(found)


def pdf_pages(content: bytes) -> list[str]:
    """The text of each page of a PDF, as pypdf extracts it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def _docx_difference(name: str, expected: bytes, actual: bytes) -> str | None:
    with (
        zipfile.ZipFile(io.BytesIO(expected)) as old,
        zipfile.ZipFile(io.BytesIO(actual)) as new,
    ):
        found = _entries_difference(old, new)
    lines = difflib.unified_diff(
        list(docx_lines(expected)),
        list(docx_lines(actual)),
        f"golden/{name}",
        f"built/{name}",
        lineterm="",
    )
    said = "\n".join(lines)
    if said:
        found.append(said)
    return "\n".join(found) or None


def docx_lines(content: bytes) -> Iterator[str]:
    """What a Word file says, one line each: paragraphs with their style, table rows
    (cells between |), and each section's header and footer."""
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(content))
    for number, section in enumerate(document.sections, start=1):
        for part, where in ((section.header, "header"), (section.footer, "footer")):
            for paragraph in part.paragraphs:
                if paragraph.text:
                    yield f"section {number} {where}: {paragraph.text}"
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                yield "| " + " | ".join(cell.text for cell in row.cells) + " |"
        else:
            style = block.style.name if block.style is not None else ""
            yield f"[{style}] {block.text}"


_COMPARERS: dict[str, Callable[[str, bytes, bytes], str | None]] = {
    **dict.fromkeys(IMAGES, _image_difference),
    ".zip": _zip_difference,
    ".pdf": _pdf_difference,
    ".docx": _docx_difference,
}


def _indented(text: str) -> str:
    return "\n".join(f"    {line}" if line else line for line in text.splitlines())
