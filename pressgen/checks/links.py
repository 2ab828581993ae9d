"""PG4xx: links that a reader may follow, and addresses that are still placeholders."""

from __future__ import annotations

from urllib.parse import urlsplit

from pressgen.checks.findings import Findings
from pressgen.checks.reading import Reading
from pressgen.present.event import Presentation
from pressgen.registry import NEWSLETTER_HTML, PRESS_RELEASE_HTML
from pressgen.source.addresses import ALLOWED_SCHEMES
from pressgen.source.fields import Role, texts
from pressgen.source.loader import Loc, format_loc

PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "localhost", "127.0.0.1")
PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost")


def check(shown: Presentation, reading: Reading, found: Findings) -> None:
    for name in (PRESS_RELEASE_HTML, NEWSLETTER_HTML):
        for _, attrs in reading.tags(name):
            href = attrs.get("href")
            if href is None or href in shown.placeholders:  # the list manager fills these in
                continue
            other = shown.other_edition.href if shown.other_edition else None
            if name == PRESS_RELEASE_HTML and (
                href in reading.outputs or href in (shown.press_room_link, other)
            ):
                # The page's own photos and archive, beside it; the press room; the
                # release in the other language.
                continue
            scheme = urlsplit(href).scheme.lower()
            if scheme not in ALLOWED_SCHEMES or any(char.isspace() for char in href):
                found.add(
                    "PG401",
                    ("newsletter",),
                    f"{name} links to '{href}'; only http, https and mailto are allowed",
                    f"{name} verlinkt auf '{href}'; erlaubt sind nur http, https und mailto",
                    output=name,
                )
    _email_images(shown, reading, found)
    seen: dict[tuple[str, str, str], Loc] = {}
    for loc, role, url in texts(shown.event):
        if role not in (Role.URL, Role.IMAGE, Role.EMAIL):
            continue
        # An address in the Impressum, the sender line or a contact reaches readers too.
        host = (
            url.rsplit("@", 1)[-1] if role is Role.EMAIL else (urlsplit(url).hostname or "")
        ).lower()
        if host in PLACEHOLDER_HOSTS or host.endswith(PLACEHOLDER_SUFFIXES):
            found.add(
                "PG403",
                loc,
                f"'{url}' looks like a placeholder address",
                f"'{url}' sieht nach einer Platzhalter-Adresse aus",
            )
        if role is Role.EMAIL or len(loc) < 3 or not isinstance(loc[1], int):
            continue
        # The same address twice in one list (sponsors, photos) is usually a copy-paste slip.
        key = (str(loc[0]), str(loc[-1]), url)
        if key in seen:
            found.add(
                "PG402",
                loc,
                f"'{url}' is given twice (also in {format_loc(seen[key])})",
                f"'{url}' steht zweimal da (auch in {format_loc(seen[key])})",
            )
        else:
            seen[key] = loc


def _email_images(shown: Presentation, reading: Reading, found: Findings) -> None:
    """A mail program loads an email's images from the web, and only safely over https."""
    for _, attrs in reading.tags(NEWSLETTER_HTML):
        src = attrs.get("src")
        if src is None:
            continue
        if not src.lower().startswith("https://"):
            found.add(
                "PG404",
                ("newsletter",),
                f"the email shows the image '{src}', which mail programs cannot load: every "
                "image in an email needs a full https:// address",
                f"Die E-Mail zeigt das Bild „{src}“, das Mailprogramme nicht laden können: "
                "jedes Bild braucht eine vollständige https://-Adresse",
                output=NEWSLETTER_HTML,
            )
    photos = shown.event.press_release.photos
    if shown.phase == "recap" and photos and shown.lead_photo is None:
        found.add(
            "PG404",
            ("press_release", "photos", 0, "src"),
            f"the press photo {photos[0].src} cannot be shown in the email: give "
            "newsletter.image_base_url (or newsletter.web_url), where the photos are published",
            f"Das Pressefoto {photos[0].src} kann in der E-Mail nicht erscheinen: geben Sie "
            "newsletter.image_base_url (oder newsletter.web_url) an",
        )
