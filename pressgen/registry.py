"""The outputs of one event (file name, what kind of document, its content type), and the
list managers the newsletter can be made for."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
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


def handed_over(files: Mapping[str, str | bytes]) -> dict[str, str | bytes]:
    """What a list manager gets: the newsletter's files, its photos and uebergabe.txt
    (HANDED_OVER)."""
    return {
        name: data
        for name, data in files.items()
        # The English edition's (en/newsletter.html) for the English list.
        if name.removeprefix("en/") in HANDED_OVER
        or name.removeprefix("en/") == LIST_MANAGER_NOTES
        or content_type(name).startswith("image/")
    }


def content_type(name: str) -> str:
    """The content type of an output, or of a photo copied beside them."""
    if name in BY_NAME:
        return BY_NAME[name].content_type
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


# ---------------------------------------------------------------- list managers
#
# A list manager (listmonk, Mailchimp, Brevo, CleverReach) keeps the subscribers, sends
# the mail and fills in, for each recipient, the unsubscribe link and the address of its
# web copy. The newsletter built for it (build --for mailchimp) carries that system's
# placeholders ("merge tags") where pressgen would write its own addresses, has no .eml
# (the system writes the messages) and comes with uebergabe.txt: what to paste where.
#
# Each placeholder is the one the system's own documentation gives (cited beside it).
# Where a system has no placeholder for a piece, the newsletter keeps pressgen's own:
# the web version under newsletter.web_url, the preview text.


@dataclass(frozen=True)
class ListManager:
    """A system that sends the newsletter to its own list, and its placeholders."""

    name: str  # as on the command line: build --for mailchimp
    label: str  # as its users write it
    unsubscribe: str  # the recipient's own unsubscribe link
    web_version: str | None  # the address of the email's copy on the web, if it has one
    preview_text: str | None  # the preview text entered in the system, if it has one
    tags: str = ""  # what the system reads as its placeholders anywhere in the text (regex)

    @property
    def placeholders(self) -> tuple[str, ...]:
        tags = (self.unsubscribe, self.web_version, self.preview_text)
        return tuple(tag for tag in tags if tag)


# Tags without inner spaces: the plain text is wrapped at spaces, and a tag broken in
# two is no longer a tag.
LIST_MANAGERS: Mapping[str, ListManager] = {
    # listmonk, "Templating": {{ UnsubscribeURL }} and {{ MessageURL }} ("URL to view the
    # message online"); Go templates take the names without spaces as well.
    # https://listmonk.app/docs/templating/
    "listmonk": ListManager(
        "listmonk", "listmonk", "{{UnsubscribeURL}}", "{{MessageURL}}", None, r"\{\{.*?\}\}"
    ),
    # Mailchimp, "All the Merge Tags Cheat Sheet": *|UNSUB|* (unsubscribe link),
    # *|ARCHIVE|* ("View this email in your browser"), *|MC_PREVIEW_TEXT|* (the campaign's
    # preview text). https://mailchimp.com/help/all-the-merge-tags-cheat-sheet/
    "mailchimp": ListManager(
        "mailchimp",
        "Mailchimp",
        "*|UNSUB|*",
        "*|ARCHIVE|*",
        "*|MC_PREVIEW_TEXT|*",
        r"\*\|.*?\|\*",
    ),
    # Brevo, "About Brevo Template Language": predefined placeholders {{ mirror }} ("View in
    # browser" link) and {{ unsubscribe }}; "{{ ... }} or {{...}}" are both accepted.
    # https://help.brevo.com/hc/en-us/articles/360000946299
    "brevo": ListManager(
        "brevo", "Brevo", "{{unsubscribe}}", "{{mirror}}", None, r"\{\{.*?\}\}|\{%.*?%\}"
    ),
    # CleverReach, "Automatic unsubscribe management": in own templates, a hyperlink to
    # {UNSUBSCRIBE}. https://www.cleverreach.com/en/features/manage-recipients/
    # automatic-unsubscribe-management/ (no web-version placeholder documented there).
    "cleverreach": ListManager(
        "cleverreach", "CleverReach", "{UNSUBSCRIBE}", None, None, r"\{[A-Z][A-Z0-9_.]*\}"
    ),
}


def list_manager(name: str | None) -> ListManager | None:
    """The list manager of `build --for NAME`, or None."""
    return LIST_MANAGERS[name] if name else None
