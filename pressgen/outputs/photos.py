"""Press photos as they are published: metadata cleaned and written (pyexiv2), and
the web and email copies resized with Pillow (their sizes: pressgen.present.photos)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressgen.errors import PressgenError
from pressgen.messages import _
from pressgen.present.photos import EMAIL_WIDTH, WEB_WIDTH, email_names, shown_size, web_name
from pressgen.source.event import Event, Photo, is_local


@dataclass(frozen=True, eq=False)
class PublishedPhoto:
    """A local press photo as every output publishes it (published_photo), read from
    disk, cleaned and measured once per build; its web and email copies are made from it
    once, from one decoded picture."""

    src: str
    data: bytes
    size: tuple[int, int]  # width, height
    format: str  # as Pillow names it: JPEG, PNG, GIF, WEBP
    _copies: dict[bool, dict[str, bytes]] = field(default_factory=dict, repr=False)

    def copies(self, email: bool = False) -> dict[str, bytes]:
        """The photo as published, its web copy (at most WEB_WIDTH wide) and, with `email`,
        its copies at the newsletter column's width and twice that. A copy as wide as the
        photo is the photo's own bytes (never enlarged, never encoded again)."""
        if email not in self._copies:
            self._copies[email] = self._made(email)
        return self._copies[email]

    def _made(self, email: bool) -> dict[str, bytes]:
        widths = {web_name(self.src): WEB_WIDTH}
        if email:
            one, two = email_names(self.src)
            widths |= {one: EMAIL_WIDTH, two: 2 * EMAIL_WIDTH}
        made = {self.src: self.data}
        picture = None
        for name, width in widths.items():
            if self.size[0] <= width:  # the header told; nothing to decode
                made[name] = self.data
                continue
            if picture is None:
                from PIL import Image

                picture = Image.open(io.BytesIO(self.data))
                picture.load()
            resized = picture.resize(shown_size(self.size, width), Image.Resampling.LANCZOS)
            made[name] = _encoded(resized, self.format)
        return made


def publish_photos(event: Event, folder: Path) -> dict[str, PublishedPhoto]:
    """Each local press photo of the event, as published (by its src)."""
    published: dict[str, PublishedPhoto] = {}
    for photo in event.press_release.photos:
        if is_local(photo.src) and photo.src not in published:
            published[photo.src] = _published(folder / photo.src, photo)
    return published


# A build shows one photo in several documents (its event, a newsletter issue, the
# preview's next round): each is read and cleaned once. The file's time and size tell
# when it changed; the words written into it are part of the key.
_PUBLISHED: dict[tuple[object, ...], PublishedPhoto] = {}
_KEEP_PUBLISHED = 32


def _published(path: Path, photo: Photo) -> PublishedPhoto:
    stat = path.stat()
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size,
           photo.src, photo.caption, photo.credit, photo.licence)  # fmt: skip
    if key not in _PUBLISHED:
        from PIL import Image

        data = published_photo(photo, path.read_bytes())
        with Image.open(io.BytesIO(data)) as picture:  # the header only
            made = PublishedPhoto(photo.src, data, picture.size, picture.format or "PNG")
        while len(_PUBLISHED) >= _KEEP_PUBLISHED:
            del _PUBLISHED[next(iter(_PUBLISHED))]
        _PUBLISHED[key] = made
    return _PUBLISHED[key]


def _encoded(picture: object, image_format: str) -> bytes:
    """The same bytes for the same photo on every build: no time stamps, fixed quality."""
    from PIL import Image

    assert isinstance(picture, Image.Image)
    out = io.BytesIO()
    if image_format == "JPEG":
        picture.convert("RGB").save(out, "JPEG", quality=85, optimize=True, progressive=True)
    elif image_format == "GIF":
        picture.save(out, "GIF")
    elif image_format == "WEBP":
        picture.save(out, "WEBP", quality=85, method=4)
    else:
        picture.save(out, "PNG", optimize=True)
    return out.getvalue()


# What a published photo keeps of its own metadata: who made it and on what terms, when,
# which way up, and in which colours. Everything else — the position (GPS, in EXIF or
# XMP), the place's name, the camera's serial number, the photographer's software,
# comments, a thumbnail of the uncropped picture — is dropped. pressgen then writes the
# caption, credit and licence from the event file over it.
KEPT_METADATA = frozenset(
    {
        "Exif.Image.Orientation",
        "Exif.Image.ImageDescription",
        "Exif.Image.Artist",
        "Exif.Image.Copyright",
        "Exif.Photo.DateTimeOriginal",
        "Exif.Photo.ColorSpace",
        "Iptc.Envelope.CharacterSet",
        "Iptc.Application2.Caption",
        "Iptc.Application2.Byline",
        "Iptc.Application2.Copyright",
        "Iptc.Application2.Credit",
        "Iptc.Application2.DateCreated",
        "Xmp.dc.description",
        "Xmp.dc.creator",
        "Xmp.dc.rights",
        "Xmp.xmpRights.UsageTerms",
        "Xmp.xmpRights.WebStatement",
        "Xmp.photoshop.Credit",
        "Xmp.photoshop.DateCreated",
        "Xmp.tiff.Orientation",
    }
)


class PhotoError(PressgenError):
    """A photo whose metadata cannot be read or written: it is not published as it is."""

    def __init__(self, src: str, message: str) -> None:
        super().__init__(f"{src}: {message}")
        self.src = src
        self.reason = message


def published_photo(photo: Photo, data: bytes) -> bytes:
    """The photo as every output publishes it (the press room, the event's folder, the web
    and email copies, pressefotos.zip, the PDF and the Word file, the press mail): of its
    own metadata only what KEPT_METADATA names, then caption, credit and terms of use
    written into EXIF, IPTC and XMP, where picture agencies and editorial systems read
    them. The colour profile stays. The picture itself is not encoded again (pyexiv2
    edits the metadata only)."""
    import pyexiv2

    pyexiv2.set_log_level(4)  # exiv2's own notes on damaged files: the error below says it
    notice = f"© {photo.credit}" if photo.credit else ""
    try:
        with pyexiv2.ImageData(data) as image:
            exif, iptc, xmp = (
                _kept(read) for read in (image.read_exif, image.read_iptc, image.read_xmp)
            )
            for clear in (image.clear_exif, image.clear_iptc, image.clear_xmp):
                clear()
            image.clear_comment()
            exif["Exif.Image.ImageDescription"] = photo.caption
            iptc |= {
                "Iptc.Envelope.CharacterSet": "\x1b%G",  # the texts are UTF-8
                "Iptc.Application2.Caption": photo.caption,
            }
            xmp["Xmp.dc.description"] = photo.caption
            if photo.credit:
                exif |= {"Exif.Image.Artist": photo.credit, "Exif.Image.Copyright": notice}
                iptc |= {"Iptc.Application2.Byline": [photo.credit],
                         "Iptc.Application2.Copyright": notice}  # fmt: skip
                xmp |= {"Xmp.dc.creator": [photo.credit], "Xmp.dc.rights": notice}
            if photo.licence:
                xmp["Xmp.xmpRights.UsageTerms"] = photo.licence
            image.modify_exif(exif)
            image.modify_iptc(iptc)
            image.modify_xmp(xmp)
            written = bytes(image.get_bytes())
        if written.startswith(b"\xff\xd8"):
            written = _known_segments_only(written)
        elif written.startswith(_PNG_SIGNATURE):
            written = _known_chunks_only(written)
    except (RuntimeError, ValueError, UnicodeError) as error:  # what exiv2 raises
        raise PhotoError(
            photo.src,
            _(
                "the photo's metadata cannot be read ({error}); save it again from an image "
                "program, then build again"
            ).format(error=error),
        ) from None
    return written


# The JPEG segments a published photo consists of: the picture itself, and of metadata
# only what pressgen has just written (EXIF, XMP, IPTC) and the colour profile. A block
# exiv2 did not recognise (damaged, or of another program) would otherwise pass unread.
_PICTURE_MARKERS = frozenset({0xC4, 0xCC, 0xDB, 0xDD, *range(0xC0, 0xC4), *range(0xC5, 0xD0)})
_KNOWN_BLOCKS = {
    0xE0: (b"JFIF\0",),
    0xE1: (b"Exif\0\0", b"http://ns.adobe.com/xap/1.0/\0"),
    0xE2: (b"ICC_PROFILE\0",),
    0xED: (b"Photoshop 3.0\0",),  # IPTC
}


def _known_segments_only(jpeg: bytes) -> bytes:
    """`jpeg` without the segments a published photo does not carry (see above)."""
    out = bytearray(jpeg[:2])
    at = 2
    while at + 4 <= len(jpeg):
        if jpeg[at] != 0xFF:
            raise ValueError(_("the JPEG's structure is damaged"))
        marker = jpeg[at + 1]
        if marker == 0xDA:  # start of scan: the picture's data follows to the end
            out += jpeg[at:]
            return bytes(out)
        length = int.from_bytes(jpeg[at + 2 : at + 4], "big")
        segment = jpeg[at : at + 2 + length]
        body = segment[4:]
        if marker in _PICTURE_MARKERS or any(
            body.startswith(prefix) for prefix in _KNOWN_BLOCKS.get(marker, ())
        ):
            out += segment
        at += 2 + length
    raise ValueError(_("the JPEG ends before its picture"))


# The PNG chunks a published photo consists of: the picture, how to show its colours,
# and of text only the metadata pressgen has just written (XMP, and EXIF and IPTC as
# exiv2 stores them in PNG). Any other text (tEXt, zTXt, iTXt: "Location", "Comment")
# and the time of the last change are dropped.
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PICTURE_CHUNKS = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP",
     b"sBIT", b"pHYs", b"eXIf", b"acTL", b"fcTL", b"fdAT"}
)  # fmt: skip
_KNOWN_TEXTS = (
    b"XML:com.adobe.xmp\0",
    b"Raw profile type exif\0",
    b"Raw profile type iptc\0",
)


def _known_chunks_only(png: bytes) -> bytes:
    """`png` without the chunks a published photo does not carry (see above)."""
    out = bytearray(_PNG_SIGNATURE)
    at = len(_PNG_SIGNATURE)
    while at + 12 <= len(png):
        length = int.from_bytes(png[at : at + 4], "big")
        kind, body = png[at + 4 : at + 8], png[at + 8 : at + 8 + length]
        if kind in _PICTURE_CHUNKS or (
            kind in (b"tEXt", b"zTXt", b"iTXt") and body.startswith(_KNOWN_TEXTS)
        ):
            out += png[at : at + 12 + length]
        at += 12 + length
        if kind == b"IEND":
            return bytes(out)
    raise ValueError(_("the PNG ends before its picture"))


def _kept(read: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Of one kind of metadata, what a published photo may keep; none when it cannot be
    read (a damaged block is dropped, not published)."""
    try:
        found = read()
    except (RuntimeError, ValueError, UnicodeError):
        return {}
    return {key: value for key, value in found.items() if key in KEPT_METADATA}
