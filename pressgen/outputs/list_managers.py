"""The newsletter for a list manager (listmonk, Mailchimp, Brevo, CleverReach).

Such a system keeps the subscribers, sends the mail and fills in, for each
recipient, the unsubscribe link and the address of its web copy. The newsletter
built for it carries that system's placeholders ("merge tags") where pressgen
would write its own addresses, has no .eml (the system writes the messages) and
comes with uebergabe.txt: what to paste where.

Each placeholder is the one the system's own documentation gives (cited beside
it). Where a system has no placeholder for a piece, the newsletter keeps
pressgen's own: the web version under newsletter.web_url, the preview text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pressgen.present.event import with_unsubscribe_link
from pressgen.present.issue import IssuePresentation
from pressgen.registry import (
    LIST_MANAGER_NOTES,
    NEWSLETTER_EMAIL,
    NEWSLETTER_HTML,
    NEWSLETTER_MJML,
    NEWSLETTER_TEXT,
    PHOTO_ARCHIVE,
    PRESS_RELEASE_DOCX,
    PRESS_RELEASE_HTML,
    PRESS_RELEASE_PDF,
    PRESS_RELEASE_TEXT,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pydantic import BaseModel

    from pressgen.errors import Problem
    from pressgen.present.event import Presentation
    from pressgen.source.loader import Loc, SourceMap
    from pressgen.source.model import Newsletter


@dataclass(frozen=True)
class ListManager:
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

# What a list manager gets: the newsletter, not the press release and not a message.
_NOT_HANDED_OVER = (
    NEWSLETTER_EMAIL,
    PHOTO_ARCHIVE,
    PRESS_RELEASE_HTML,
    PRESS_RELEASE_TEXT,
    PRESS_RELEASE_PDF,
    PRESS_RELEASE_DOCX,
)


def list_manager(name: str | None) -> ListManager | None:
    return LIST_MANAGERS[name] if name else None


def placeholder_problems(data: BaseModel, source: SourceMap, manager: ListManager) -> list[Problem]:
    """Every text of the file that the system would read as one of its placeholders: it
    would put a subscriber's address or an unsubscribe link where the author wrote
    words (PG405)."""
    import re

    pattern = re.compile(manager.tags, re.DOTALL)
    problems = []
    for place, text in _texts(data.model_dump(mode="json", by_alias=True)):
        found = pattern.search(text)
        if found:
            problems.append(
                source.problem(
                    place,
                    f"{found[0]} is a placeholder of {manager.label}, which would replace it "
                    "when sending; write it differently (or leave it out)",
                    code="PG405",
                )
            )
    return problems


def _texts(value: object, place: tuple[str | int, ...] = ()) -> Iterator[tuple[Loc, str]]:
    if isinstance(value, str):
        yield place, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*place, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*place, index))


def for_list_manager(shown: Presentation, manager: ListManager) -> Presentation:
    """The presentation with the system's placeholders where pressgen writes addresses."""
    return dataclasses.replace(
        with_unsubscribe_link(shown, manager.unsubscribe, manager.unsubscribe),
        web_version_url=manager.web_version or shown.web_version_url,
        preheader=manager.preview_text or shown.preheader,
        placeholders=manager.placeholders,
    )


def handed_over(
    files: Mapping[str, str | bytes], manager: ListManager, notes: str
) -> dict[str, str | bytes]:
    """What the list manager gets: the newsletter's files (and its photos) and the notes."""
    kept = {name: data for name, data in files.items() if name not in _NOT_HANDED_OVER}
    kept[LIST_MANAGER_NOTES] = notes
    return kept


def handover_notes(
    manager: ListManager,
    newsletter: Newsletter,
    preview_text: str,
    embargo_moment: str = "",
    own_web_version: str = "",
) -> str:
    """uebergabe.txt: what the press officer enters in the system, when to send, what
    must be online first, and which placeholders the system fills in."""
    sender = newsletter.sender
    label = manager.label
    lines = [f"Newsletter für {label}", "", f"Betreff: {newsletter.subject}"]
    if preview_text:
        lines.append(f"Vorschautext: {preview_text}")
    lines.append(f"Absender: {sender.name} <{sender.email}>")
    if embargo_moment:
        lines.append(f"Sperrfrist: nicht vor {embargo_moment} versenden.")
    if newsletter.web_url:
        lines.append(
            f"Vor dem Versand online stellen (Fotos und Links des Newsletters führen "
            f"dorthin): {newsletter.web_url}"
        )
    lines += [
        "",
        "Dateien:",
        f"- {NEWSLETTER_HTML}: der HTML-Code des Newsletters",
        f"- {NEWSLETTER_TEXT}: die Textversion",
        f"- {NEWSLETTER_MJML}: die Quelle des HTML-Codes (MJML), falls Sie ihn ändern möchten",
        "",
        # One placeholder is „ihn“, several „sie“.
        f"Platzhalter – bitte unverändert lassen, {label} ersetzt "
        f"{'sie' if len(manager.placeholders) > 1 else 'ihn'} beim Versand:",
        f"- Abmeldelink: {manager.unsubscribe}",
    ]
    if manager.web_version:
        lines.append(f"- Webversion: {manager.web_version}")
    if manager.preview_text:
        lines.append(
            f"- Vorschautext: {manager.preview_text} – {label} setzt hier den Vorschautext "
            "ein, den Sie in der Kampagne eintragen (Text siehe oben)"
        )
    if not manager.web_version and own_web_version:
        lines += ["", f"Die Webversion verlinkt der Newsletter selbst: {own_web_version}"]
    if not manager.preview_text and preview_text:
        lines += ["", "Der Vorschautext steht bereits im HTML-Code."]
    return "\n".join(lines) + "\n"


def issue_for_list_manager(shown: IssuePresentation, manager: ListManager) -> IssuePresentation:
    """The issue's presentation with the system's placeholders, as for_list_manager."""
    return dataclasses.replace(
        shown,
        frame=for_list_manager(shown.frame, manager),
        web_version_url=manager.web_version or shown.web_version_url,
        preheader=manager.preview_text or shown.preheader,
    )
