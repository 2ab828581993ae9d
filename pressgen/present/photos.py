"""How a press photo is shown: the widths its copies get, and where they go.

Mail programs load images from the web and size them by their width and height
attributes (Outlook ignores CSS and srcset), so the email shows a photo twice as
wide as its column at the column's width: sharp on high-density screens, and
never larger than the original. The copies themselves are made in
pressgen.outputs.photos.
"""

from __future__ import annotations

from pathlib import PurePosixPath

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
