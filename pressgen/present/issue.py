"""A newsletter issue as its outputs show it: several items (events shown as invitation
or recap, short news) in one email, with its own subject, intro and greeting.

Each event goes through the same presentation as its own outputs, so quotes and thanks
read the same; rendering is pressgen.outputs.render.render_issue, the checks
pressgen.checks.issue.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar, Literal
from urllib.parse import urljoin

from pressgen.present.event import (
    Block,
    Presentation,
    Reader,
    Record,
    View,
    email_photo,
    handover,
    placeholder_or_own,
    present,
    when_and_where,
)
from pressgen.present.language import LANGUAGES, Code, Language
from pressgen.registry import ISSUE_TEMPLATE_OF, NEWSLETTER_HTML
from pressgen.source.documents import LoadedIssue
from pressgen.source.editions import english_edition, english_issue
from pressgen.source.event import Event, Phase, is_local

# What the issue prints around its items, in each language.
ISSUE_LABELS: Mapping[str, Mapping[str, str]] = {
    "de": {
        "contents": "In dieser Ausgabe",
        "invitation": "Einladung",
        "recap": "Rückblick",
        "news": "Nachricht",
    },
    "en": {
        "contents": "In this issue",
        "invitation": "Invitation",
        "recap": "Looking back",
        "news": "News",
    },
}


@dataclass(frozen=True)
class Entry:
    """One item of the issue as it is printed."""

    kind: Literal["invitation", "recap", "news"]
    anchor: str  # "punkt-1": the table of contents links here
    kicker: str  # Einladung, Rückblick, Nachricht
    headline: str
    text: str  # two or three sentences, with inline markup
    when_and_where: str  # an invitation's day, time and place
    photo: Record | None
    quote: Block | None  # a recap's first quote, as the event's own newsletter sets it
    thanks: str  # a recap's thanks, word for word as in the event's outputs
    link: str
    link_label: str
    status: str = ""  # a cancelled or postponed event says so, as in its own outputs


@dataclass(frozen=True)
class IssuePresentation:
    """What the issue's templates and checks read."""

    frame: Presentation  # the first event's: organisation, brand, Impressum, sender
    entries: tuple[Entry, ...]
    title: str
    intro: str
    greeting: str
    salutation: str  # the issue's own („Liebe Mitglieder,“); a list's replaces it per reader
    preheader: str
    web_version_url: str
    labels: Record
    handover: Record | None = None  # for a list manager: what uebergabe.txt says
    draft_note: str = ""  # „Entwurf – enthält einen Entwurf: …“ when an event is a draft
    # Its newsletter's own templates (by output name).
    templates: ClassVar[Mapping[str, str]] = ISSUE_TEMPLATE_OF

    @property
    def language(self) -> str:
        return self.frame.language

    def template_data(self) -> dict[str, Any]:
        return self.read_by(Reader())[1]

    def read_by(self, reader: Reader) -> tuple[Event, dict[str, Any]]:
        """One recipient's copy, as Presentation.read_by."""
        event, data = self.frame.read_by(reader)
        data.update(
            # Plain read-only records: templates reach nothing but the values.
            entries=tuple(
                Record({field.name: getattr(entry, field.name) for field in fields(entry)})
                for entry in self.entries
            ),
            title=self.title,
            intro=self.intro,
            greeting=self.greeting,
            preheader=self.preheader,
            web_version_url=self.web_version_url,
            labels=self.labels,
            salutation=reader.salutation or self.salutation,
            handover=self.handover,
            # The frame's own pieces that are not the issue's.
            embargo="",
            draft_note=self.draft_note,
            lead_photo=None,
            registration=None,
            call_to_action=None,
        )
        return event, data


def present_issue(
    loaded: LoadedIssue, view: View, events: Mapping[int, Presentation], language: Code = "de"
) -> IssuePresentation:
    """The issue as its newsletter shows it, in its German or its English edition.
    `events` are its events' presentations (by item) in that language, each made once as
    its item shows it; the frame is the first event's, presented as the issue's own
    newsletter."""
    lang = LANGUAGES[language]
    issue = english_issue(loaded.issue) if language == "en" else loaded.issue
    first = loaded.events[min(loaded.events)].event
    if language == "en":
        first = english_edition(first)
    style = lang.style(first)
    info = lang.typography.typeset(issue.issue, style)
    labels = ISSUE_LABELS[language]
    # The news photos are published once, beside the German web version.
    photos_url = loaded.issue.issue.web_url
    entries: list[Entry] = []
    for index, item in enumerate(issue.items):
        anchor = f"punkt-{index + 1}"
        if item.news is not None:
            news = lang.typography.typeset(item.news, style)
            entries.append(_news_entry(news, anchor, photos_url, labels))
        else:
            entries.append(_event_entry(events[index], anchor, lang, labels))
    first_item = issue.items[min(loaded.events)]
    frame = present(
        _framed(first, issue.issue, loaded.path.stem),
        View(first_item.show_as, list_manager=view.list_manager, language=language),
    )
    manager = view.list_manager
    preheader = info.preheader or ""
    own_web_version = urljoin(info.web_url, NEWSLETTER_HTML) if info.web_url else ""
    return IssuePresentation(
        frame=frame,
        entries=tuple(entries),
        title=info.title or "",
        intro=info.intro or "",
        greeting=info.greeting or "",
        salutation=info.salutation or "",
        preheader=placeholder_or_own(manager, preheader, "preview_text"),
        web_version_url=placeholder_or_own(manager, own_web_version, "web_version"),
        labels=Record({**frame.labels, **labels}),
        handover=handover(manager, preheader, own_web_version) if manager else None,
        draft_note=lang.phrases.issue_draft_note(_draft_headlines(events), style),
    )


def _draft_headlines(events: Mapping[int, Presentation]) -> list[str]:
    """The headlines of the issue's events that are drafts, in the issue's order."""
    return [
        events[index].event.press_release.headline
        for index in sorted(events)
        if events[index].event.draft
    ]


def _framed(event: Event, info: Any, stem: str) -> Event:
    """The first event as the issue's frame: its organisation, brand and footer, with the
    issue's subject, date and campaign."""
    newsletter = event.newsletter
    utm = newsletter.utm.model_copy(update={"campaign": stem}) if newsletter.utm else None
    return event.model_copy(
        update={
            "newsletter": newsletter.model_copy(
                update={
                    "subject": info.subject,
                    "preheader": info.preheader,
                    "teaser": None,
                    "web_url": info.web_url,
                    "utm": utm,
                    "call_to_action": None,
                }
            ),
            "press_release": event.press_release.model_copy(
                update={"publication_date": info.publication_date, "embargo": None}
            ),
        }
    )


def _event_entry(
    shown: Presentation, anchor: str, lang: Language, labels: Mapping[str, str]
) -> Entry:
    event = shown.event
    phase: Phase = shown.phase
    text = event.newsletter.teaser or next(
        (block.text for block in shown.blocks if block.kind == "paragraph"), ""
    )
    quote = next((block for block in shown.blocks if block.kind == "quote"), None)
    if phase == "invitation":
        registration = shown.registration
        if registration is not None:
            link, label = registration.url, registration.label
        elif shown.read_more_url:
            link, label = shown.read_more_url, shown.labels.read_more_invitation
        else:
            link, label = event.event.website or "", lang.phrases.MORE_ABOUT_THE_EVENT
        return Entry(
            "invitation", anchor, labels["invitation"], event.press_release.headline,
            text, when_and_where(shown.facts), None, None, "", link, label,
            status=shown.facts.status,
        )  # fmt: skip
    link = shown.read_more_url or shown.page_url or event.event.website or ""
    return Entry(
        "recap", anchor, labels["recap"], event.press_release.headline, text, "",
        shown.lead_photo, quote, shown.sponsor_thanks, link, shown.labels.read_more,
        status=shown.facts.status,
    )  # fmt: skip


def _news_entry(news: Any, anchor: str, web_url: str | None, labels: Mapping[str, str]) -> Entry:
    photo = None
    if news.photo is not None:
        src = news.photo.src
        if is_local(src):
            src = urljoin(web_url, src) if web_url else ""
        if src:
            photo = email_photo(news.photo, src)
    return Entry(
        "news", anchor, labels["news"], news.headline, news.text, "", photo, None, "",
        news.link or "", news.link_label if news.link else "",
    )  # fmt: skip
