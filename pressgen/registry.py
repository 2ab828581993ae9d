"""The outputs of one event: file name, what kind of document, and its content type."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from typing import Literal

PRESS_RELEASE_HTML = "pressemitteilung.html"
PRESS_RELEASE_TEXT = "pressemitteilung.txt"
NEWSLETTER_MJML = "newsletter.mjml"
NEWSLETTER_HTML = "newsletter.html"
NEWSLETTER_TEXT = "newsletter.txt"
NEWSLETTER_EMAIL = "newsletter.eml"
CALENDAR = "termin.ics"
PRESS_RELEASE_PDF = "pressemitteilung.pdf"  # with build --documents
PRESS_RELEASE_DOCX = "pressemitteilung.docx"  # with build --documents
PHOTO_ARCHIVE = "pressefotos.zip"  # the press photos in full resolution, with Bildnachweis.txt
LIST_MANAGER_NOTES = "uebergabe.txt"  # with build --for mailchimp (and the other systems)
PRESS_ROOM_INDEX = "index.html"  # the press room's page, above the releases' folders
PRESS_ROOM_LINK = "../" + PRESS_ROOM_INDEX  # from a release's page back to the index


@dataclass(frozen=True)
class Output:
    """One file pressgen writes for every event (the PDF when asked for)."""

    name: str
    kind: Literal["html", "text", "mjml", "email", "calendar", "document"]
    content_type: str
    template: str = ""  # the template it is rendered from, when it is rendered from one


OUTPUTS = (
    Output(PRESS_RELEASE_HTML, "html", "text/html; charset=utf-8", "pressemitteilung.html.j2"),
    Output(PRESS_RELEASE_TEXT, "text", "text/plain; charset=utf-8", "pressemitteilung.txt.j2"),
    Output(NEWSLETTER_MJML, "mjml", "text/plain; charset=utf-8", "newsletter.mjml.j2"),
    Output(NEWSLETTER_HTML, "html", "text/html; charset=utf-8"),
    Output(NEWSLETTER_TEXT, "text", "text/plain; charset=utf-8", "newsletter.txt.j2"),
    Output(NEWSLETTER_EMAIL, "email", "message/rfc822"),
    Output(CALENDAR, "calendar", "text/calendar; charset=utf-8"),
    Output(PRESS_RELEASE_PDF, "document", "application/pdf"),
    Output(
        PRESS_RELEASE_DOCX,
        "document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
)
BY_NAME = {output.name: output for output in OUTPUTS}
TEMPLATE_OF = {output.name: output.template for output in OUTPUTS if output.template}
# A newsletter file's newsletter: its own templates for the two the newsletter renders.
ISSUE_TEMPLATE_OF = {
    NEWSLETTER_MJML: "newsletter_issue.mjml.j2",
    NEWSLETTER_TEXT: "newsletter_issue.txt.j2",
}


# What a list manager gets (build --for mailchimp): the newsletter, the calendar file it
# links to, and the photos; nothing else pressgen makes, whatever is added later.
HANDED_OVER = frozenset({NEWSLETTER_MJML, NEWSLETTER_HTML, NEWSLETTER_TEXT, CALENDAR})
LIST_MANAGER_NOTES_TEMPLATE = "uebergabe.txt.j2"


def is_handed_over(name: str) -> bool:
    """Whether a list manager gets this output: see HANDED_OVER."""
    return name in HANDED_OVER or content_type(name).startswith("image/")


def content_type(name: str) -> str:
    """The content type of an output, or of a photo copied beside them."""
    if name in BY_NAME:
        return BY_NAME[name].content_type
    return mimetypes.guess_type(name)[0] or "application/octet-stream"
