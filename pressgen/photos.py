"""Press photos for the email: resized with Pillow to the text column, and twice that.

Mail programs load images from the web and size them by their width and height
attributes (Outlook ignores CSS and srcset), so the email shows a photo twice as
wide as its column at the column's width: sharp on high-density screens, and
never larger than the original.
"""

from __future__ import annotations

import io
from pathlib import Path, PurePosixPath

from pressgen.source.model import Event, is_local

EMAIL_WIDTH = 552  # the newsletter's text column: 600 px less two gutters of 24 px


def email_names(src: str) -> tuple[str, str]:
    """Where the two email versions of a local photo go: fotos/a.jpg → fotos/a.email.jpg
    and fotos/a.email@2x.jpg, beside the original."""
    path = PurePosixPath(src)
    stem = path.with_suffix("")
    return f"{stem}.email{path.suffix}", f"{stem}.email@2x{path.suffix}"


def shown_size(size: tuple[int, int]) -> tuple[int, int]:
    """Width and height the email gives the photo: the column's width, or less when the
    photo is narrower (never enlarged)."""
    width, height = size
    shown = min(EMAIL_WIDTH, width)
    return shown, max(1, round(height * shown / width))


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
