"""Press photos for the email: resized with Pillow to the text column, and twice that.

Mail programs load images from the web and size them by their width and height
attributes (Outlook ignores CSS and srcset), so the email shows a photo twice as
wide as its column at the column's width: sharp on high-density screens, and
never larger than the original.
"""

from __future__ import annotations

import io
from pathlib import Path, PurePosixPath

from pressgen.source.model import Event, Photo, is_local

EMAIL_WIDTH = 552  # the newsletter's text column: 600 px less two gutters of 24 px
WEB_WIDTH = 1200  # the web pages' copy, and the picture a shared link shows (og:image)
PRINT_SIZE = 1200  # a press photo's long side below this is too small to print


def email_names(src: str) -> tuple[str, str]:
    """Where the two email versions of a local photo go: fotos/a.jpg → fotos/a.email.jpg
    and fotos/a.email@2x.jpg, beside the original."""
    path = PurePosixPath(src)
    stem = path.with_suffix("")
    return f"{stem}.email{path.suffix}", f"{stem}.email@2x{path.suffix}"


def web_name(src: str) -> str:
    """Where the web pages' copy of a local photo goes: fotos/a.jpg → fotos/a.web.jpg."""
    path = PurePosixPath(src)
    return f"{path.with_suffix('')}.web{path.suffix}"


def shown_size(size: tuple[int, int], column: int = EMAIL_WIDTH) -> tuple[int, int]:
    """Width and height the email (or the web page) gives the photo: the column's width,
    or less when the photo is narrower (never enlarged)."""
    width, height = size
    shown = min(column, width)
    return shown, max(1, round(height * shown / width))


def web_version(src: str, data: bytes) -> dict[str, bytes]:
    """The web pages' copy of a photo: at most WEB_WIDTH wide, the same bytes every build."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as picture:
        if picture.width <= WEB_WIDTH:  # the header tells; nothing is decoded
            return {web_name(src): data}
        size = shown_size(picture.size, WEB_WIDTH)
        resized = picture.resize(size, Image.Resampling.LANCZOS)
        return {web_name(src): _encoded(resized, picture.format or "PNG")}


def local_photo_sizes(event: Event, folder: Path) -> dict[str, tuple[int, int]]:
    """Width and height of each local press photo (read from its header only)."""
    sizes: dict[str, tuple[int, int]] = {}
    for photo in event.press_release.photos:
        if is_local(photo.src) and photo.src not in sizes:
            from PIL import Image  # only events with local photos need it

            with Image.open(folder / photo.src) as picture:
                sizes[photo.src] = picture.size
    return sizes


def email_versions(src: str, data: bytes) -> dict[str, bytes]:
    """The photo at the column's width and at twice that (each at most the original)."""
    from PIL import Image

    one, two = email_names(src)
    versions = {}
    with Image.open(io.BytesIO(data)) as picture:
        picture.load()
        for name, factor in ((one, 1), (two, 2)):
            width = min(picture.width, EMAIL_WIDTH * factor)
            if width == picture.width:
                versions[name] = data  # not enlarged, and not encoded again
                continue
            height = max(1, round(picture.height * width / picture.width))
            resized = picture.resize((width, height), Image.Resampling.LANCZOS)
            versions[name] = _encoded(resized, picture.format or "PNG")
    return versions


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


def published_photo(photo: Photo, data: bytes) -> bytes:
    """The photo as the press room and the event's folder publish it: caption, credit and
    terms of use written into its metadata (EXIF, IPTC and XMP, where picture agencies and
    editorial systems read them), and no GPS position. The picture itself is not
    encoded again (pyexiv2 edits the metadata only)."""
    import pyexiv2

    notice = f"© {photo.credit}" if photo.credit else ""
    with pyexiv2.ImageData(data) as image:
        exif: dict[str, str | None] = {
            key: None for key in image.read_exif() if key.startswith("Exif.GPSInfo.")
        }
        if exif:
            exif["Exif.Image.GPSTag"] = None
        exif["Exif.Image.ImageDescription"] = photo.caption
        iptc: dict[str, str | list[str]] = {
            "Iptc.Envelope.CharacterSet": "\x1b%G",  # the texts are UTF-8
            "Iptc.Application2.Caption": photo.caption,
        }
        xmp: dict[str, str | list[str]] = {"Xmp.dc.description": photo.caption}
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
        return bytes(image.get_bytes())
