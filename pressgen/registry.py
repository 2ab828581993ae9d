"""The outputs of one event: file name, what kind of document, and its content type."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

PRESS_RELEASE_HTML = "pressemitteilung.html"
PRESS_RELEASE_TEXT = "pressemitteilung.txt"
NEWSLETTER_MJML = "newsletter.mjml"
NEWSLETTER_HTML = "newsletter.html"
NEWSLETTER_TEXT = "newsletter.txt"
NEWSLETTER_EMAIL = "newsletter.eml"
CALENDAR = "termin.ics"


@dataclass(frozen=True)
class Output:
    """One file pressgen writes for every event."""

    name: str
    kind: Literal["html", "text", "mjml", "email", "calendar"]
    content_type: str
    # Shown in the preview as a tab of its own, with this German title.
    tab: str = ""


OUTPUTS = (
    Output(PRESS_RELEASE_HTML, "html", "text/html; charset=utf-8", "Pressemitteilung"),
    Output(PRESS_RELEASE_TEXT, "text", "text/plain; charset=utf-8", "Pressemitteilung – Text"),
    Output(NEWSLETTER_MJML, "mjml", "text/plain; charset=utf-8"),
    Output(NEWSLETTER_HTML, "html", "text/html; charset=utf-8", "Newsletter"),
    Output(NEWSLETTER_TEXT, "text", "text/plain; charset=utf-8", "Newsletter – Text"),
    Output(NEWSLETTER_EMAIL, "email", "text/plain; charset=utf-8"),
    Output(CALENDAR, "calendar", "text/calendar; charset=utf-8"),
)
BY_NAME = {output.name: output for output in OUTPUTS}
