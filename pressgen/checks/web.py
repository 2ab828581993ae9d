"""PG9xx: the release on the web, in the press room and in shared links.

The feed, the sitemap and the link previews (Open Graph) need absolute addresses,
and a link shared in a messenger or on LinkedIn shows a picture only when the
release has one of at least 1200 × 630 pixels. Editors print photos: a long side
under 1200 pixels is too small for that.
"""

from __future__ import annotations

from collections.abc import Mapping

from pressgen.checks.findings import Findings
from pressgen.present.event import Presentation
from pressgen.present.photos import PRINT_SIZE
from pressgen.source.event import is_local

# The size LinkedIn, Facebook and messengers ask for a large link preview.
PREVIEW_SIZE = (1200, 630)


def check(shown: Presentation, sizes: Mapping[str, tuple[int, int]], found: Findings) -> None:
    release = shown.event.press_release
    if shown.press_room_link:  # a folder or a project: the releases go on the web together
        _on_the_web(shown, found)
    for index, photo in enumerate(release.photos):
        if is_local(photo.src) and photo.src in sizes and max(sizes[photo.src]) < PRINT_SIZE:
            width, height = sizes[photo.src]
            found.add(
                "PG904",
                ("press_release", "photos", index, "src"),
                f"the press photo {photo.src} is {width} × {height} pixels: too small to "
                f"print (at least {PRINT_SIZE} on the long side)",
                f"Das Pressefoto {photo.src} hat {width} × {height} Pixel: zu klein für den "
                f"Druck (mindestens {PRINT_SIZE} an der langen Seite)",
            )


def _on_the_web(shown: Presentation, found: Findings) -> None:
    """The press room's needs: an address for feed and sitemap, a picture for shared links."""
    release = shown.event.press_release
    if not shown.page_url:
        found.add(
            "PG901",
            ("newsletter", "web_url"),
            "the release has no web address: set web_base_url in pressgen.yaml (or "
            "newsletter.web_url); the press room's feed and sitemap and the link preview "
            "(og:url) need it",
            "Die Pressemitteilung hat keine Web-Adresse: setzen Sie web_base_url in "
            "pressgen.yaml (oder newsletter.web_url); Feed, Sitemap und Linkvorschau "
            "(og:url) des Presseraums brauchen sie",
        )
    social = shown.social
    if social is not None and not social.image:
        if release.photos:
            english = (
                f"the press photo {release.photos[0].src} has no web address for the link "
                "preview (og:image): set newsletter.web_url or image_base_url"
            )
            german = (
                f"Das Pressefoto {release.photos[0].src} hat keine Web-Adresse für die "
                "Linkvorschau (og:image): setzen Sie newsletter.web_url oder image_base_url"
            )
            found.add("PG902", ("press_release", "photos", 0, "src"), english, german)
        else:
            found.add(
                "PG902",
                ("press_release",),
                "no press photo: a link to the release shows no picture when shared (og:image)",
                "Kein Pressefoto: Ein geteilter Link auf die Pressemitteilung zeigt kein Bild "
                "(og:image)",
            )
    elif social is not None and social.image_width:
        width, height = social.image_width, social.image_height
        if width < PREVIEW_SIZE[0] or height < PREVIEW_SIZE[1]:
            found.add(
                "PG903",
                ("press_release", "photos", 0, "src"),
                f"the link preview's picture is {width} × {height} pixels; it needs at least "
                f"{PREVIEW_SIZE[0]} × {PREVIEW_SIZE[1]} to show large",
                f"Das Bild der Linkvorschau hat {width} × {height} Pixel; für eine große "
                f"Vorschau braucht es mindestens {PREVIEW_SIZE[0]} × {PREVIEW_SIZE[1]}",
            )
