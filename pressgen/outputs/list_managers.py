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

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pressgen.registry import LIST_MANAGER_NOTES, is_handed_over

if TYPE_CHECKING:
    from collections.abc import Iterator

    from pydantic import BaseModel

    from pressgen.errors import Problem
    from pressgen.source.loader import Loc, SourceMap


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


def handed_over(files: Mapping[str, str | bytes]) -> dict[str, str | bytes]:
    """What the list manager gets: the newsletter's files, its photos and uebergabe.txt."""
    return {
        name: data
        for name, data in files.items()
        if is_handed_over(name) or name == LIST_MANAGER_NOTES
    }
