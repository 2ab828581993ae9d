"""Event → Presentation: everything the outputs say, computed once per event.

Templates and checks read the same values from here, so a check can never
disagree with what a template was given. Templates see only plain, read-only
data: `Record`s, tuples, strings, numbers and dates — no models, no modules,
no methods of library objects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import PurePosixPath
from typing import Any, ClassVar, Literal
from urllib.parse import quote, urljoin

from pydantic import BaseModel

from pressgen.german import grammar
from pressgen.german.typography import (
    NBSP,
    character_count,
    plain_spaces,
    postal_address,
    refine,
)
from pressgen.present.language import GERMAN, LANGUAGES, Code, Language
from pressgen.present.photos import EMAIL_WIDTH, WEB_WIDTH, email_names, shown_size, web_name
from pressgen.registry import (
    CALENDAR,
    NEWSLETTER_HTML,
    PHOTO_ARCHIVE,
    PRESS_RELEASE_HTML,
    PRESS_ROOM_LINK,
    TEMPLATE_OF,
    ListManager,
)
from pressgen.source import prose
from pressgen.source.editions import quote_is_translated
from pressgen.source.event import (
    OFFICES,
    BodyBlock,
    Contact,
    Event,
    Invitation,
    Newsletter,
    Organisation,
    Phase,
    Photo,
    Typography,
    is_local,
    phase_of,
)


class Record(Mapping[str, Any]):
    """Read-only data with its fields as attributes: `event.organisation.name`.

    A model's fields (or a mapping's keys) and nothing else: no methods of the
    model behind it are reachable from a template.
    """

    __slots__ = ("_items",)
    _items: dict[str, Any]

    def __init__(self, items: Mapping[str, Any]) -> None:
        object.__setattr__(self, "_items", dict(items))

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "_items")[name]
        except KeyError:
            raise AttributeError(name) from None

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("template data is read-only")

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Record({self._items!r})"

    __hash__ = None  # type: ignore[assignment]  # equal by content, like the dict it wraps


def freeze(value: Any) -> Any:
    """Models and mappings become Records, lists tuples; plain values stay as they are."""
    if isinstance(value, BaseModel):
        return Record({name: freeze(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, Mapping):
        return Record({str(key): freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    return value


@dataclass(frozen=True)
class InfoLine:
    """One line of a block of details (Impressum, contact): 'Telefon: …', a link or plain text."""

    text: str
    label: str = ""
    href: str = ""  # mailto: or web address when the text is to be a link


@dataclass(frozen=True)
class Named:
    """A name in a list, linked when it has a web site; `after` is what follows it in the
    list (', ', ' und ' or nothing)."""

    text: str
    href: str = ""
    after: str = ""


@dataclass(frozen=True)
class Block:
    """One block of the body in reading order, the same in every output."""

    kind: Literal["paragraph", "quote", "sponsors", "awards"]
    # A paragraph's text (with inline markup), the sponsor sentence, or the sentences
    # on prizes and handovers (plain text).
    text: str = ""
    # A quote as a sentence of the press release: before + words + after, e.g.
    # 'Name, Funktion, blickte zurück: ' „…“ '' or '' „…“ ', sagt Name, Funktion.'
    before: str = ""
    words: str = ""
    after: str = ""
    # Who says it, as the press release names them here (in full at first mention).
    speaker: str = ""
    # The same quote set apart in the newsletter: „…“ and – Name, Funktion (always in full).
    pull_quote: str = ""
    pull_speaker: str = ""
    quote_key: str = ""


@dataclass(frozen=True)
class Facts:
    """The facts box: what, when, where, who."""

    title: str
    motto: str  # in quotation marks, or empty
    date: str  # with the weekday, or a range of days
    date_label: str  # Datum, or Ursprünglich geplant for a day that no longer holds
    day: str  # the (first) day alone: 17. August 2017
    time: str
    venue: str
    other_places: tuple[str, ...]  # parts of the event elsewhere, with what and when
    guests: str
    guests_label: str  # Erwartet (the box is an invitation's), or Plätze for a count of seats
    audience: str
    focus: str  # running text with inline markup, or empty
    organisers: tuple[Named, ...]  # the organisation and its co-hosts, when there are co-hosts
    organisers_label: str  # Veranstalter, or Veranstalterin for one organisation that is „die“
    host: tuple[Named, ...]  # the host alone, or nothing
    host_label: str  # Gastgeber, or Gastgeberin for a host that is „die“
    moderation: str
    moderation_label: str  # Moderation; in English Moderator, or Moderators for several
    guests_of_honour: str
    guests_of_honour_label: str  # Ehrengast or Ehrengäste
    livestream: str  # a web address
    website: str  # the event's page, or empty
    status: str  # a sentence when the event is cancelled or postponed


@dataclass(frozen=True)
class FactLine:
    """One line of the facts box under its label („Datum: Donnerstag, 17. August 2017“):
    a value, a list of names each linked to its site, or a web address shown as itself.
    Every format prints the same lines (HTML, MJML, text, Word)."""

    label: str
    names: tuple[Named, ...]


@dataclass(frozen=True)
class ProgrammeEntry:
    """One point of the programme, ready to print."""

    time: str  # 14:30 Uhr, or 14:30 bis 16 Uhr
    heading: str
    speakers: tuple[str, ...]
    moderation: str  # who moderates this point, or empty
    topics: str
    examples: str
    venue: str
    description: str  # running text with inline markup, or empty
    topics_label: str = ""  # Themen, or Thema for one
    examples_label: str = ""  # Beispiele, or Beispiel for one
    moderation_label: str = ""  # Moderation; in English Moderator, or Moderators for several


@dataclass(frozen=True)
class ProgrammeDay:
    """The programme of one day; `day` is empty when the event has one day only."""

    day: str
    entries: tuple[ProgrammeEntry, ...]


# The only objects besides Records, tuples and plain values that templates see.
TEMPLATE_TYPES = (InfoLine, Named, Block, Facts, FactLine, ProgrammeEntry, ProgrammeDay)


@dataclass(frozen=True)
class Presentation:
    """Everything one event's outputs say. Built by present(); read by templates and checks."""

    event: Event  # the typeset event; templates get it as plain data (`template_data`)
    phase: Phase  # invitation (before the event) or recap (after it)
    language: Code  # de, or en for the English edition (languages: [de, en])
    labels: Record
    blocks: tuple[Block, ...]
    block_groups: tuple[tuple[Block, ...], ...]
    dateline: str
    dateline_leads: bool  # the dateline opens the first paragraph (else it stands alone)
    press_salutation: str  # a press invitation's „Sehr geehrte Damen und Herren,“, or empty
    embargo: str  # "Sperrfrist: 15. Januar 2027, 10 Uhr", or empty
    embargo_moment: str  # "15. Januar 2027, 10 Uhr", or empty
    publication_day: str
    facts: Facts
    fact_lines: tuple[FactLine, ...]  # the facts box's labelled lines, from Datum on
    programme: tuple[ProgrammeEntry, ...]  # every point, in order
    programme_days: tuple[ProgrammeDay, ...]  # the same, by day
    sponsor_thanks: str  # every sentence of thanks
    publisher: Organisation  # who publishes and signs: the publisher, else the organiser
    about_heading: str
    character_count: str
    contact: tuple[InfoLine, ...]
    impressum: tuple[InfoLine, ...]
    subscription_note: str
    unsubscribe_url: str  # the Abmeldelink: the file's, or a list manager's placeholder
    unsubscribe_text: str  # the Abmeldelink as plain text: the address, or how to write
    preheader: str  # the inbox preview: the preheader, else the teaser as plain text
    web_version_url: str
    calendar_url: str
    calendar_uid: str  # the calendar entry's identifier (calendar_uid)
    open_facts: tuple[tuple[str | int, ...], ...]  # what a draft leaves open (shown as [… offen])
    draft_note: str  # "Entwurf – noch offen: …" above a draft's outputs, else empty
    # The newsletter as its own product: what it shows of the press release.
    newsletter_blocks: tuple[Block, ...]  # the body blocks the newsletter prints
    newsletter_groups: tuple[tuple[Block, ...], ...]
    newsletter_facts: bool  # the facts box and the programme (an invitation's)
    read_more_url: str  # "Weiterlesen": the press release on the web, when the body is left out
    lead_photo: Record | None  # a recap's first photo, when it has a web address
    registration: Record | None  # an invitation's button: label, url, note
    call_to_action: Record | None  # the file's button (label, url), unless registration replaces it
    # The press invitation's own pieces (empty in a recap).
    photo_opportunity: str
    accreditation: str  # "Bitte akkreditieren Sie sich bis … bei:"
    accreditation_contact: tuple[InfoLine, ...]
    coverage_note: str  # "Wir freuen uns über Ihre Berichterstattung."
    # The press release on the web: its address, the photos it shows, what a link to it
    # shows when shared (Open Graph).
    page_url: str = ""  # the absolute address of pressemitteilung.html, when it has one
    page_photos: tuple[Record, ...] = ()  # src (the web copy), original, alt, caption, credit
    social: Record | None = None
    press_room_link: str = ""  # "../index.html" when built into a press room
    # The same release in the other language (languages: [de, en]): language, hreflang,
    # label (in that language), href (relative), url (absolute, when the page has one).
    other_edition: Record | None = None
    photo_archive: str = ""  # pressefotos.zip, when the release has photos of its own
    photo_archive_label: str = ""  # „Pressefoto mit Bildnachweis herunterladen (ZIP)“
    # Bildnachweis.txt in the archive: each local photo once (file, caption, credit,
    # licence, consent), the Sperrfrist note and the request to name the credit.
    photo_credits: tuple[Record, ...] = ()
    photo_embargo_note: str = ""
    credit_request: str = ""
    contact_line: str = ""  # the Pressekontakt on one line, „Lena Beispiel, …, Telefon …“
    # One recipient's message: „Sehr geehrte Frau Muster,“ from the list (empty when built).
    salutation: str = ""
    # A list manager's placeholders that stand where addresses would (build --for mailchimp).
    placeholders: tuple[str, ...] = ()
    # For a list manager: what uebergabe.txt tells the press officer (label, placeholders,
    # and pressgen's own preview text and web version the placeholders stand for).
    handover: Record | None = None
    # The templates its outputs are rendered from (by output name).
    templates: ClassVar[Mapping[str, str]] = TEMPLATE_OF

    def template_data(self) -> dict[str, Any]:
        """The names every template sees: plain, read-only values only."""
        return self.read_by(Reader())[1]

    def read_by(self, reader: Reader) -> tuple[Event, dict[str, Any]]:
        """One recipient's copy, from the presentation made once for the whole send: the
        event as their message's headers read it, and what the templates see, with their
        salutation and their own unsubscribe link."""
        data = {field.name: getattr(self, field.name) for field in fields(self)}
        event = self.event
        if reader.unsubscribe_url:
            event = _with_unsubscribe_url(event, reader.unsubscribe_url)
            data["unsubscribe_url"] = reader.unsubscribe_url
            lang = LANGUAGES[self.language]
            data["unsubscribe_text"] = lang.phrases.unsubscribe_text(
                reader.unsubscribe_url, lang.style(event)
            )
        if reader.salutation:
            data["salutation"] = reader.salutation
        data["event"] = freeze(event)
        data["publisher"] = freeze(self.publisher)
        return event, data


@dataclass(frozen=True)
class View:
    """How a run shows its documents, beside what their files say; present() takes it
    once, and the presentation it makes is final."""

    phase: Phase | None = None  # the invitation or the recap on purpose, whatever the dates say
    press_room: bool = False  # the release page links back to the press room's index
    # A list manager that sends the newsletter: its placeholders where pressgen would
    # write the unsubscribe link, the web version and the preview text.
    list_manager: ListManager | None = None
    # The edition: de, or en for the English edition of an event with languages: [de, en]
    # (the event given to present() is then its English edition).
    language: Code = "de"


@dataclass(frozen=True)
class Reader:
    """One recipient of a send: what their copy of the newsletter has of its own."""

    salutation: str = ""  # „Sehr geehrte Frau Muster,“ from the list; empty: the file's
    unsubscribe_url: str = ""  # their own link (with its token); empty: the one for everyone
    language: str = ""  # en: the English edition, where there is one; else the German


def _with_unsubscribe_url(event: Event, url: str) -> Event:
    newsletter = event.newsletter.model_copy(update={"unsubscribe_url": url})
    return event.model_copy(update={"newsletter": newsletter})


def as_told(event: Event, chosen_phase: Phase | None = None, lang: Language = GERMAN) -> Event:
    """The event as the document of its phase tells it: an invitation in its own words has
    its own headline and text, and neither the report's Sperrfrist nor its quotes."""
    invitation = phase_of(event, chosen_phase) == "invitation"
    return _as_invitation(event, lang) if invitation else event


def present(
    event: Event,
    view: View = View(),
    photo_sizes: Mapping[str, tuple[int, int]] | None = None,
) -> Presentation:
    """Typeset the event and compute every German piece the outputs print, as `view`
    shows them.

    `photo_sizes` (width, height of each local press photo) lets the email give its
    photo numeric width and height, as Outlook needs.
    """
    lang = LANGUAGES[view.language]
    phrases, typography = lang.phrases, lang.typography
    phase = phase_of(event, view.phase)
    told = as_told(event, phase, lang)
    shown = _with_placeholders(typography.typeset_event(told, lang.style(told)), lang)
    own_unsubscribe = shown.newsletter.unsubscribe_url or ""
    manager = view.list_manager
    if manager is not None:  # the system fills in each recipient's own link
        shown = _with_unsubscribe_url(shown, manager.unsubscribe)
    style = lang.style(shown)
    release = shown.press_release
    blocks = tuple(_body_blocks(shown, lang, report=phase == "recap"))
    thanks = next((block.text for block in blocks if block.kind == "sponsors"), "")
    days = tuple(_programme_days(shown, lang))
    publication_day = _day(release.publication_date, lang, style)
    dateline = f"{release.dateline_city}, {publication_day}"
    embargo_moment = typography.date_time(release.embargo, style) if release.embargo else ""
    end = shown.embargo_end()
    if embargo_moment and lang.code != "de" and end is not None:
        embargo_moment += f" {end.tzname()}"  # a desk abroad reads it in its own time
    web_url = shown.newsletter.web_url
    invitation = (shown.invitation or Invitation()) if phase == "invitation" else None
    # The newsletter leads to the full text on the web when there is one; else it carries it.
    page_url = urljoin(web_url, PRESS_RELEASE_HTML) if web_url else ""
    read_more_url = page_url
    changed_plans = shown.event.status != "scheduled"  # every reader must learn the details
    if phase == "invitation":
        own_words = bool(shown.invitation and shown.invitation.text)
        whole = not read_more_url or own_words or changed_plans
        newsletter_blocks = blocks if whole else ()
    else:
        if read_more_url and not changed_plans:
            # The body is on the web; without a teaser the lead stays, so the item does
            # not open with nothing but a quote.
            lead = () if shown.newsletter.teaser else _lead_paragraph(blocks)
            newsletter_blocks = lead + tuple(block for block in blocks if block.kind != "paragraph")
        else:
            newsletter_blocks = blocks
    carries_body = len(newsletter_blocks) == len(blocks)
    facts = _facts(shown, lang, report=phase == "recap")
    local_photos = sum(1 for photo in release.photos if is_local(photo.src))
    accreditation_contact = tuple(_accreditation_contact(shown, invitation, lang))
    labels = _labels(shown, invitation, lang)
    preheader = shown.newsletter.preheader or shortened(  # what pressgen writes fits
        _preheader(shown.newsletter) or (when_and_where(facts) if invitation else ""),
        PREHEADER_LIMIT,
    )
    contact = tuple(_contact(shown, lang))
    press_salutation = (invitation.salutation or "") if invitation else ""
    credits = tuple(_photo_credits(release.photos))
    web_version_url = urljoin(web_url, NEWSLETTER_HTML) if web_url else ""
    return Presentation(
        event=shown,
        phase=phase,
        language=lang.code,
        labels=labels,
        blocks=blocks,
        block_groups=_grouped(blocks),
        dateline=dateline,
        # A salutation stands between the dateline and the text.
        dateline_leads=bool(blocks) and blocks[0].kind == "paragraph" and not press_salutation,
        press_salutation=press_salutation,
        embargo=phrases.embargo_line(embargo_moment) if embargo_moment else "",
        embargo_moment=embargo_moment,
        publication_day=publication_day,
        facts=facts,
        fact_lines=tuple(_fact_lines(facts, labels, lang)),
        programme=tuple(entry for day in days for entry in day.entries),
        programme_days=days,
        sponsor_thanks=thanks,
        publisher=shown.publishing,
        about_heading=phrases.about_heading(shown.publishing),
        character_count=typography.number(
            _character_count(blocks, dateline, words=lang.code != "de"), style
        ),
        contact=contact,
        impressum=tuple(_impressum(shown.publishing, shown.typography, lang)),
        subscription_note=phrases.subscription_note(shown.publishing),
        unsubscribe_url=manager.unsubscribe if manager else own_unsubscribe,
        unsubscribe_text=manager.unsubscribe
        if manager
        else phrases.unsubscribe_text(own_unsubscribe, style),
        preheader=placeholder_or_own(manager, preheader, "preview_text"),
        web_version_url=placeholder_or_own(manager, web_version_url, "web_version"),
        # A calendar entry helps before the event, not in a report after it.
        calendar_uid=calendar_uid(event),
        calendar_url=urljoin(web_url, CALENDAR)
        if web_url
        and shown.event.date
        and phase == "invitation"
        and shown.event.day_holds  # no entry for a day that no longer holds
        else "",
        open_facts=tuple(event.open_facts()),
        draft_note=phrases.draft_note(event.open_facts(), style) if event.draft else "",
        newsletter_blocks=newsletter_blocks,
        newsletter_groups=_grouped(newsletter_blocks),
        newsletter_facts=phase == "invitation" and shown.event.status != "cancelled",
        read_more_url="" if carries_body else read_more_url,
        lead_photo=_lead_photo(shown, photo_sizes or {}) if phase == "recap" else None,
        registration=_registration(shown, invitation, lang) if invitation else None,
        # An invitation's registration takes the place of the file's button.
        call_to_action=_call_to_action(shown, invitation, lang),
        photo_opportunity=(invitation.photo_opportunity or "") if invitation else "",
        accreditation=phrases.accreditation(
            invitation.accreditation, bool(accreditation_contact), style
        )
        if invitation
        else "",
        accreditation_contact=accreditation_contact,
        coverage_note=phrases.coverage_note(
            _invitation_kind(shown, invitation),
            phrases.invites([block.text for block in blocks if block.kind == "paragraph"]),
            new_day=shown.event.day_holds,
            public=shown.event.public,
        )
        if invitation
        else "",
        page_url=page_url,
        page_photos=tuple(_page_photo(photo, photo_sizes or {}, lang) for photo in release.photos),
        photo_archive=PHOTO_ARCHIVE if local_photos else "",
        photo_archive_label=phrases.photo_archive_label(local_photos) if local_photos else "",
        photo_credits=credits,
        photo_embargo_note=phrases.photo_embargo_note(embargo_moment) if embargo_moment else "",
        credit_request=phrases.credit_request([photo.credit for photo in credits], style)
        if credits
        else "",
        contact_line=", ".join(  # the first contact, on one line
            f"{line.label} {line.text}" if line.label else line.text
            for line in itertools.takewhile(lambda line: line.text, contact)
        ),
        social=_social(shown, blocks, page_url, photo_sizes or {}, lang),
        other_edition=_other_edition(shown, lang, page_url),
        # The English edition's page lies one folder deeper (en/).
        press_room_link=("" if lang.code == "de" else "../") + PRESS_ROOM_LINK
        if view.press_room
        else "",
        placeholders=manager.placeholders if manager else (),
        handover=handover(manager, preheader, web_version_url) if manager else None,
        # The invitation's greeting opens its newsletter too; a list's own replaces it.
        salutation=press_salutation,
    )


def calendar_uid(event: Event) -> str:
    """A stable identifier for the event's calendar entry: the same event data always
    gives the same UID, and typesetting that improved after the first release (a no-break
    space before a dash, after Dr.) never gives an event a new one, so a calendar that
    imported it keeps one entry."""
    style = event.typography
    names = [
        refine(text, style, as_first_released=True)
        for text in (event.organisation.name, event.event.title)
    ]
    day = event.event.date
    key = "|".join([*names, day.isoformat() if day else ""]).encode("utf-8")
    return f"{hashlib.sha256(key).hexdigest()[:32]}@pressgen"


def placeholder_or_own(
    manager: ListManager | None, own: str, piece: Literal["preview_text", "web_version"]
) -> str:
    """What a newsletter shows of one piece: the list manager's placeholder, where the
    system has one, else pressgen's own."""
    return (getattr(manager, piece) if manager else None) or own


def handover(manager: ListManager, own_preview_text: str, own_web_version: str) -> Record:
    """What uebergabe.txt says of the system and its placeholders."""
    return Record(
        {
            "label": manager.label,
            "unsubscribe": manager.unsubscribe,
            "web_version": manager.web_version or "",
            "preview_text": manager.preview_text or "",
            "placeholders": manager.placeholders,
            "own_preview_text": own_preview_text,
            "own_web_version": own_web_version,
        }
    )


def _labels(event: Event, invitation: Invitation | None, lang: Language) -> Record:
    """The labels; before the event the press release names what it is: Absage or
    Terminverschiebung when the event does not take place as announced, Presseeinladung
    when it asks the press to come (accreditation, a photo opportunity), else
    Terminankündigung."""
    labels = dict(lang.labels)
    release = event.press_release
    if len(release.contacts) + (release.contact is not None) > 1:
        labels["contact"] = labels["contacts"]  # Press contacts (German: Pressekontakt)
    if invitation is not None:
        labels["press_release"] = lang.kind(_invitation_kind(event, invitation))
    return Record(labels)


def _invitation_kind(event: Event, invitation: Invitation) -> str:
    status = event.event.status
    if status == "cancelled":
        return "Absage"
    if status == "postponed":
        return "Terminverschiebung"
    if invitation.accreditation is not None or invitation.photo_opportunity:
        return "Presseeinladung"
    return "Terminankündigung"


def when_and_where(facts: Facts) -> str:
    """An invitation's inbox preview: Donnerstag, 17. August 2017, ab 14:30 Uhr, Jena."""
    return ", ".join(part for part in (facts.date, facts.time, facts.venue) if part)


def _call_to_action(event: Event, invitation: Invitation | None, lang: Language) -> Record | None:
    """The newsletter's button: the file's own; in an invitation the registration takes its
    place, and without either the event's website invites to learn more."""
    if invitation is not None and invitation.registration is not None:
        return None
    own = event.newsletter.call_to_action
    if own is not None:
        return Record({"label": own.label, "url": own.url})
    website = event.event.website
    if invitation is not None and website and event.event.status != "cancelled":
        return Record({"label": lang.phrases.MORE_ABOUT_THE_EVENT, "url": website})
    return None


def _as_invitation(event: Event, lang: Language) -> Event:
    """The event as its invitation tells it: the invitation's date, headline and words
    (when it has its own) in place of the report's; no quotes or thanks of a report."""
    invitation = event.invitation or Invitation()
    title = event.event.title
    release_changes: dict[str, Any] = {
        "headline": invitation.headline
        or (event.press_release.headline if not invitation.text else title),
    }
    if invitation.publication_date is not None:
        release_changes["publication_date"] = invitation.publication_date
    changes: dict[str, Any] = {}
    if invitation.text:
        # The report's Sperrfrist and photos belong to the report; an announcement written
        # as the press release keeps both.
        release_changes["body"] = [BodyBlock(text=paragraph) for paragraph in invitation.text]
        release_changes["subline"] = None
        release_changes["embargo"] = None
        release_changes["photos"] = []
        changes["quotes"] = {}
        changes["thanks"] = []
    # The report's teaser and preheader speak of the past: an invitation in its own words
    # does without them (its preheader then gives date, time and place).
    own_words = bool(invitation.text)
    newsletter = event.newsletter.model_copy(
        update={
            "subject": invitation.subject
            or (lang.phrases.invitation_subject(title) if own_words else event.newsletter.subject),
            "preheader": invitation.preheader
            or (None if own_words else event.newsletter.preheader),
            "teaser": None if own_words else event.newsletter.teaser,
        }
    )
    release = event.press_release.model_copy(update=release_changes)
    return event.model_copy(update={**changes, "press_release": release, "newsletter": newsletter})


def _lead_photo(event: Event, sizes: Mapping[str, tuple[int, int]]) -> Record | None:
    """A recap newsletter shows its first press photo that mail programs can load: a web
    address, or a local photo published under the images' address (resized for email)."""
    base = event.newsletter.image_base_url or event.newsletter.web_url
    for photo in event.press_release.photos:
        if not is_local(photo.src):
            return email_photo(photo, photo.src)  # on the web: its height is not known here
        if base:
            one, two = email_names(photo.src)
            size = shown_size(sizes[photo.src]) if photo.src in sizes else (EMAIL_WIDTH, 0)
            return email_photo(photo, urljoin(base, two), urljoin(base, one), photo.src, size)
    return None


def archive_names(photos: Iterable[Photo]) -> dict[str, str]:
    """Each local photo's name in pressefotos.zip (src → name), one entry per file: two
    photos of one file name from different folders become abend.jpg and abend-2.jpg, so
    that Bildnachweis.txt names each unmistakably."""
    names: dict[str, str] = {}
    for photo in photos:
        if not is_local(photo.src) or photo.src in names:
            continue
        path = PurePosixPath(photo.src)
        name, number = path.name, 1
        while name.casefold() in {taken.casefold() for taken in names.values()}:
            number += 1
            name = f"{path.stem}-{number}{path.suffix}"
        names[photo.src] = name
    return names


def _photo_credits(photos: Sequence[Photo]) -> Iterator[Record]:
    """What Bildnachweis.txt says of each local photo, in the order of the release."""
    for src, name in archive_names(photos).items():
        photo = next(photo for photo in photos if photo.src == src)
        yield Record(
            {
                "src": src,
                "file": name,
                "caption": photo.caption,
                "credit": photo.credit or "",
                "licence": photo.licence or "",
                "consent": photo.consent or "",
            }
        )


def _page_photo(photo: Photo, sizes: Mapping[str, tuple[int, int]], lang: Language) -> Record:
    """A press photo as the web page shows it: its web copy, linked to the original with
    its format and size („Foto herunterladen (PNG, 2400 × 1500 Pixel)“)."""
    local = is_local(photo.src)
    src = web_name(photo.src) if local else photo.src
    download = lang.phrases.photo_download_label(photo.src, sizes.get(photo.src)) if local else ""
    return Record(
        {
            "src": src,
            "original": photo.src,
            "alt": photo.alt or photo.caption,
            "caption": photo.caption,
            "credit": photo.credit or "",
            "download": download,
        }
    )


def _social(
    event: Event,
    blocks: tuple[Block, ...],
    page_url: str,
    sizes: Mapping[str, tuple[int, int]],
    lang: Language,
) -> Record:
    """What a link to the press release shows in a messenger or on LinkedIn (Open Graph):
    headline, a short description, the first photo on the web (0 × 0 when its size is not
    known here), the moment of publication."""
    release = event.press_release
    text = event.newsletter.teaser or next(
        (block.text for block in blocks if block.kind == "paragraph"), ""
    )
    image, size, alt = "", (0, 0), ""
    base = event.newsletter.image_base_url or event.newsletter.web_url
    for photo in release.photos[:1]:
        alt = photo.alt or photo.caption
        if not is_local(photo.src):
            image = photo.src
        elif base:
            image = urljoin(base, web_name(photo.src))
            size = shown_size(sizes[photo.src], WEB_WIDTH) if photo.src in sizes else (0, 0)
    # An instant, as Open Graph wants it; else the day.
    published = event.embargo_end() or release.publication_date
    return Record(
        {
            "title": release.headline,
            "description": shortened(lang.typography.plain_spaces(prose.to_text(text)), 200),
            "url": page_url,
            "image": image,
            "image_width": size[0],
            "image_height": size[1],
            "image_alt": alt,
            "published": published.isoformat() if published else "",
            "site_name": event.publishing.name,
        }
    )


# What mail programs show of the preheader after the subject.
PREHEADER_LIMIT = 100


def shortened(text: str, limit: int) -> str:
    """At most `limit` characters: whole sentences when they fill at least half of it,
    else cut after a whole word, with an ellipsis."""
    if len(text) <= limit:
        return text
    ends = [
        match.end()
        for match in _SENTENCE_END.finditer(text[:limit])
        if len(match[1]) > 1 and (match[2] != "." or match[1] not in _ABBREVIATIONS)
    ]
    if ends and ends[-1] >= limit // 2:
        return text[: ends[-1]]
    words = text[: limit - 2].rsplit(" ", 1)[0].rstrip(",;:–- ").split(" ")
    while len(words) > 1 and words[-1].casefold() in _NO_LAST_WORD:
        words.pop()
    # Words left out: the ellipsis stands apart from the last whole word (DIN 5008).
    return " ".join(words).rstrip(",;:–- ") + f"{NBSP}…"


# A shortened text never ends on a word that leads to the next one.
_NO_LAST_WORD = frozenset(
    [
        "und",
        "oder",
        "sowie",
        "aber",
        "denn",
        "sondern",
        "bzw.",
        "wie",
        "als",
        "dass",
        "ob",
        "wenn",
        "weil",
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "eines",
        "mit",
        "für",
        "von",
        "vom",
        "zu",
        "zum",
        "zur",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "beim",
        "nach",
        "über",
        "unter",
        "vor",
        "durch",
        "um",
        "ohne",
        "gegen",
        "seit",
        "bis",
    ]
)


# A sentence ends after a word ("ein. Nach", "Novák. Das"; not "e. V. lädt", not the
# day in "am 12. November") that is no abbreviation ("Dr. Anna"), before a capital
# letter or an opening quotation mark.
_SENTENCE_END = re.compile(r"(\w*[^\W\d_]\w*)([.!?])“?(?= [A-ZÄÖÜ„])")
_ABBREVIATIONS = frozenset(
    (
        "Dr",
        "Prof",
        "Dipl",
        "Ing",
        "bzw",
        "usw",
        "ca",
        "Nr",
        "St",
        "Hr",
        "Fr",
        "vgl",
        "ggf",
        "inkl",
        "evtl",
        "Mio",
        "Mrd",
        "Tel",
        "Str",
        "Abs",
    )
)


def email_photo(
    photo: Photo,
    src: str,
    text_src: str = "",
    file: str = "",
    size: tuple[int, int] = (EMAIL_WIDTH, 0),
) -> Record:
    """A photo as an email shows it: where it loads from (`text_src`: the plain text's
    link), the local file it was made from, width and height (0: not known)."""
    return Record(
        {
            "src": src,
            "text_src": text_src or src,
            "file": file,
            "width": size[0],
            "height": size[1],
            "alt": photo.alt or photo.caption,
            "caption": photo.caption,
            "credit": photo.credit or "",
        }
    )


def _other_edition(event: Event, lang: Language, page_url: str) -> Record | None:
    """The link to the release in the other language: the English edition lies in en/
    beside the German one."""
    if "en" not in event.languages:
        return None
    if lang.code == "de":
        other, href = LANGUAGES["en"], f"en/{PRESS_RELEASE_HTML}"
    else:
        other, href = LANGUAGES["de"], f"../{PRESS_RELEASE_HTML}"
    return Record(
        {
            "language": other.code,
            "hreflang": "en-GB" if other.code == "en" else "de-DE",
            "label": lang.labels["other_language"],
            "href": href,
            "url": urljoin(page_url, href) if page_url else "",
        }
    )


def _registration(event: Event, invitation: Invitation, lang: Language) -> Record | None:
    """The invitation's button: to the registration page, or an email with its subject."""
    registration = invitation.registration
    if registration is None:
        return None
    if registration.url:
        url = registration.url
    else:
        subject = quote(lang.phrases.registration_subject(event.event.title))
        url = f"mailto:{registration.email}?subject={subject}"
    deadline = registration.deadline
    note = lang.phrases.registration_note(deadline, lang.style(event)) if deadline else ""
    return Record({"label": registration.label, "url": url, "note": note})


def _accreditation_contact(
    event: Event, invitation: Invitation | None, lang: Language
) -> Iterator[InfoLine]:
    """Whom journalists register with, when not with the Pressekontakt (printed anyway)."""
    if invitation is None or invitation.accreditation is None:
        return
    accreditation = invitation.accreditation
    contacts = [accreditation.contact] if accreditation.contact else []
    contacts = [
        contact
        for contact in [*contacts, *accreditation.contacts]
        if contact != event.press_release.contact
    ]
    yield from _contacts_lines(contacts, event, lang)


def _preheader(newsletter: Newsletter) -> str:
    """What the inbox shows after the subject; the teaser when no preheader is set."""
    if newsletter.preheader:
        return newsletter.preheader
    if not newsletter.teaser:
        return ""
    return re.sub(r"[ \n]+", " ", prose.to_text(newsletter.teaser)).strip()


def _body_blocks(event: Event, lang: Language, report: bool) -> Iterator[Block]:
    """The body as authored, then any quote or the thanks not placed in it.

    Every quote and the thanks appear in every output, placed or not, so no
    output can silently drop one.
    """
    entries: list[tuple[str, str]] = []  # (kind, paragraph text or quote key)
    for entry in event.press_release.body:
        if entry.text is not None:
            entries.append(("paragraph", entry.text))
        elif entry.quote is not None:
            entries.append(("quote", entry.quote))
        else:
            entries.append(("sponsors", ""))
    placed = {value for kind, value in entries if kind == "quote"}
    entries += [("quote", key) for key in event.quotes if key not in placed]
    # Prizes and handovers, as sentences pressgen writes, after the author's text.
    if event.awards or event.handovers:
        entries.append(("awards", ""))
    phrases, style = lang.phrases, lang.style(event)
    if phrases.thanks_sentences(event, style=style) and ("sponsors", "") not in entries:
        entries.append(("sponsors", ""))

    introduced: set[str] = set()  # people named (with their function) so far
    # People named with their function where every output shows it: in a quote (the
    # newsletter's pull quote names them in full) or a sentence pressgen writes. The
    # thanks and prize sentences read the same in every output, also where the
    # newsletter leaves the body's paragraphs out.
    named_everywhere: set[str] = set()
    known_as = phrases.later_mentions(event.people.values())  # after that, by surname
    for kind, value in entries:
        if kind == "paragraph":
            # The body named the person: later quotes need not repeat the function.
            text = prose.to_text(value)
            introduced |= {
                key for key, person in event.people.items() if phrases.introduces(text, person)
            }
            yield Block("paragraph", text=value)
        elif kind == "awards":
            said = [
                sentence
                for award in event.awards
                for sentence in phrases.award_sentences(
                    award,
                    event,
                    report=report,
                    introduced=named_everywhere,
                    known_as=known_as,
                    style=style,
                )
            ]
            givers = None  # the sentence before's, when it was a handover
            for handover in event.handovers:
                said.append(
                    phrases.handover_sentence(
                        handover,
                        event,
                        report=report,
                        introduced=named_everywhere,
                        known_as=known_as,
                        style=style,
                        again=givers == (handover.by, handover.by_organisations),
                    )
                )
                givers = (handover.by, handover.by_organisations)
                named_everywhere |= set(handover.by) | set(handover.to)  # after, briefly
            if said:
                yield Block("awards", text=" ".join(said))
        elif kind == "sponsors":
            # Who thanks in person is named with the function unless the text has said it.
            # One tense through the document: a report thanks in the past, whatever is open.
            thanks = phrases.thanks_sentences(
                event, named_everywhere, report=report, known_as=known_as, style=style
            )
            yield Block("sponsors", text=" ".join(thanks))
        else:
            quote = event.quotes[value]
            if "verb" not in quote.model_fields_set:  # one tense: a report says „sagte“
                quote = quote.model_copy(update={"verb": phrases.quote_verb(report)})
            people = [event.person(key) for key in quote.speakers]
            full = quote.attribution == "full" or (
                quote.attribution == "auto" and not set(quote.speakers) <= introduced
            )
            # Of several speakers, who was named before is named briefly.
            before = set() if quote.attribution == "full" else set(quote.speakers) & introduced
            introduced |= set(quote.speakers)
            named_everywhere |= set(quote.speakers)
            sentence = phrases.quote_sentence(
                quote,
                people,
                full=full,
                style=style,
                known_as=known_as,
                introduced={event.person(key).name for key in before},
            )
            translated = lang.code != "de" and quote_is_translated(event, value)
            note = f" ({lang.labels['translated']})" if translated else ""
            yield Block(
                "quote",
                before=sentence.before,
                words=sentence.words,
                after=sentence.after + note,
                speaker=sentence.speaker,
                pull_quote=lang.typography.quoted(quote.text, style),
                pull_speaker=phrases.pull_quote_speaker(people) + note,
                quote_key=value,
            )


def _lead_paragraph(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The body's first paragraph, as a tuple of one (or none)."""
    return next(((block,) for block in blocks if block.kind == "paragraph"), ())


def _grouped(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], ...]:
    """Consecutive paragraphs in one group, every other block alone.

    The newsletter sets a group of paragraphs in one MJML section: each section
    costs about 1.5 KB of table markup, and Gmail clips at 102 KB.
    """
    groups: list[list[Block]] = []
    for block in blocks:
        if block.kind == "paragraph" and groups and groups[-1][-1].kind == "paragraph":
            groups[-1].append(block)
        else:
            groups.append([block])
    return tuple(tuple(group) for group in groups)


def _character_count(blocks: tuple[Block, ...], dateline: str, words: bool = False) -> int:
    """Zeichen inkl. Leerzeichen of the release body, dateline included; with `words`
    the words instead, as English desks count a release."""
    texts = []
    for block in blocks:
        if block.kind == "quote":
            texts.append(block.before + prose.to_text(block.words) + block.after)
        else:
            texts.append(prose.to_text(block.text))
    if blocks and blocks[0].kind == "paragraph":
        texts[0] = f"{dateline} – {texts[0]}"
    else:
        texts.insert(0, dateline)
    if words:
        return sum(len(text.split()) for text in texts)
    return character_count(texts)


def _with_placeholders(event: Event, lang: Language) -> Event:
    """Photos as printed: each caption a sentence, so that "Foto: …" does not run on
    from it; a draft's open credit as a visible placeholder. Open dates are placed by
    the phrases that print them."""
    photos = event.press_release.photos
    if not photos:
        return event
    shown = [
        photo.model_copy(
            update={
                "caption": lang.phrases.sentence(photo.caption),
                "credit": photo.credit if photo.credit is not None else lang.phrases.OPEN_CREDIT,
            }
        )
        for photo in photos
    ]
    release = event.press_release.model_copy(update={"photos": shown})
    return event.model_copy(update={"press_release": release})


def _day(day: dt.date | None, lang: Language, style: Any) -> str:
    """17. August 2017, or the placeholder while a draft leaves the day open."""
    return str(lang.typography.date_long(day, style) if day else lang.phrases.OPEN_DATE)


def _facts(event: Event, lang: Language, report: bool) -> Facts:
    info = event.event
    phrases, typography, labels = lang.phrases, lang.typography, lang.labels
    style = lang.style(event)
    guests, guests_label = phrases.guests(info, style), labels["expected"]
    noun = phrases.guests_noun(info, "none").lower()
    if info.guests is not None and ("plätze" in noun or "places" in noun or "seats" in noun):
        guests, guests_label = phrases.guests_count(info, style), labels["places"]
    honoured = [  # who cancelled is no guest of honour
        phrases.honoured_guest(person)
        for person in map(event.person, info.guests_of_honour)
        if person.presence != "absent"
    ]
    organiser = (event.organisation.name, event.organisation.website)
    co_hosts = [(party.name, party.url) for party in info.co_hosts]
    # Named when not plain from the masthead: with co-hosts, or published by another.
    apart = bool(co_hosts) or event.publisher is not None
    organisers = _named([organiser, *co_hosts], style, lang) if apart else ()
    return Facts(
        title=info.title,
        motto=typography.quoted(info.motto, style) if info.motto else "",
        date=typography.event_dates(info, style) or phrases.OPEN_DATE,
        date_label=phrases.date_label(info),
        day=_day(info.held_on, lang, style),
        time=typography.event_times(info, style) or (phrases.OPEN_TIME if event.draft else ""),
        venue=phrases.event_place(info),
        other_places=tuple(phrases.other_places(event, style)),
        guests=guests,
        guests_label=guests_label,
        audience=info.audience or "",
        focus=info.focus or "",
        organisers=organisers,
        organisers_label=phrases.role_label(
            labels["organisers"], [event.organisation, *info.co_hosts]
        ),
        host=_named([(info.host.name, info.host.url)], style, lang) if info.host else (),
        host_label=phrases.role_label(labels["host"], [info.host] if info.host else []),
        moderation=typography.join([event.person(k).name for k in info.moderators], style),
        moderation_label=labels["moderators" if len(info.moderators) > 1 else "moderation"],
        guests_of_honour=typography.join(honoured, style),
        guests_of_honour_label=labels[
            "guests_of_honour" if len(honoured) > 1 else "guest_of_honour"
        ],
        livestream=info.livestream or "",
        website=info.website or "",
        status=phrases.status_note(info, style, report=report),
    )


def _fact_lines(facts: Facts, labels: Record, lang: Language) -> Iterator[FactLine]:
    """The facts box's lines after its title, in the order every format prints them."""
    yield FactLine(facts.date_label, (Named(facts.date),))
    if facts.time:
        yield FactLine(labels.time, (Named(facts.time),))
    yield FactLine(labels.venue, (Named(facts.venue),))
    if facts.other_places:
        label = lang.phrases.other_places_label(len(facts.other_places))
        yield FactLine(label, (Named("; ".join(facts.other_places)),))
    for label, value in ((facts.guests_label, facts.guests), (labels.audience, facts.audience)):
        if value:
            yield FactLine(label, (Named(value),))
    for label, names in (
        (facts.organisers_label, facts.organisers),
        (facts.host_label, facts.host),
    ):
        if names:
            yield FactLine(label, names)
    for label, value in (
        (facts.moderation_label, facts.moderation),
        (facts.guests_of_honour_label, facts.guests_of_honour),
    ):
        if value:
            yield FactLine(label, (Named(value),))
    for label, address in ((labels.livestream, facts.livestream), (labels.website, facts.website)):
        if address:
            yield FactLine(label, (Named(address, address),))


def _named(
    parties: list[tuple[str, str | None]], style: Any, lang: Language = GERMAN
) -> tuple[Named, ...]:
    """(name, web site) as a list that reads "A, B und C", each name linked."""
    joined = lang.typography.join([f"\0{index}\0" for index in range(len(parties))], style)
    # The words between the names as the list setting writes them (", ", " und ", " sowie ").
    between = [part for part in joined.split("\0") if part and not part.isdigit()]
    afters = [*between, ""]
    return tuple(
        Named(name, url or "", after) for (name, url), after in zip(parties, afters, strict=True)
    )


def _programme_days(event: Event, lang: Language) -> Iterator[ProgrammeDay]:
    """The programme by day; one group without a heading when all is on the event's day."""
    phrases, typography, style = lang.phrases, lang.typography, lang.style(event)
    days: dict[dt.date | None, list[ProgrammeEntry]] = {}
    for item in event.programme:
        # A point moved to a known day stands under that day.
        moved = item.postponed_to if item.status == "postponed" else None
        days.setdefault(moved or item.day or event.event.date, []).append(
            ProgrammeEntry(
                time=phrases.programme_time(item, style),
                heading=" ".join(
                    part
                    for part in (
                        phrases.programme_heading(item, style),
                        phrases.programme_status(item, style),
                    )
                    if part
                ),
                # Each speaker starts a line: "Die Jury", not "die Jury".
                speakers=tuple(
                    grammar.capitalised(phrases.with_presence(phrases.full_name(person), person))
                    for person in map(event.person, item.speakers)
                ),
                moderation=typography.join(
                    [phrases.full_name(event.person(key)) for key in item.moderators], style
                ),
                # A middle dot, not "; ": a topic may start with a word written small.
                topics=" · ".join(item.topics),
                examples=typography.join(item.examples, style),
                venue=phrases.place(item.venue) if item.venue else "",
                description=item.description or "",
                topics_label=lang.labels["topic" if len(item.topics) == 1 else "topics"],
                examples_label=lang.labels["example" if len(item.examples) == 1 else "examples"],
                moderation_label=lang.labels[
                    "moderators" if len(item.moderators) > 1 else "moderation"
                ],
            )
        )
    several = len(days) > 1
    info = event.event
    for day, entries in days.items():
        heading = phrases.day_heading(day, style) if several else ""
        if heading and day == info.date and not info.day_holds:
            heading += f" ({lang.labels['originally_planned']})"  # the day no longer holds
        yield ProgrammeDay(heading, tuple(entries))


def _contact(event: Event, lang: Language) -> Iterator[InfoLine]:
    """The Pressekontakt: name, function, organisation, phone, email; several contacts
    one after the other, an empty line between them."""
    release = event.press_release
    contacts = [release.contact] if release.contact else []
    yield from _contacts_lines([*contacts, *release.contacts], event, lang)


def _contacts_lines(
    contacts: Sequence[Contact], event: Event, lang: Language
) -> Iterator[InfoLine]:
    for index, contact in enumerate(contacts):
        if index:
            yield InfoLine("")  # every format shows it as an empty line
        yield from _contact_lines(contact, event, lang)


def _contact_lines(contact: Contact, event: Event, lang: Language) -> Iterator[InfoLine]:
    labels = lang.labels
    yield InfoLine(contact.name)
    if contact.role:
        yield InfoLine(contact.role)
    works_at = contact.organisation or event.publishing.name
    if not names_its_organisation(contact.name, works_at):
        yield InfoLine(works_at)
    if contact.phone:
        phone = GERMAN.typography.phone_number(contact.phone, event.typography)
        yield InfoLine(phone, labels["phone"])
    if contact.email:
        yield InfoLine(contact.email, labels["email"], f"mailto:{contact.email}")


_LEGAL_FORMS = re.compile(r"\s+(?:e\.\s?V\.|eG|gGmbH|GmbH|AG|KG|UG|mbH)(?!\w).*$")


def names_its_organisation(contact: str, organisation: str) -> bool:
    """„Pressestelle der Stadt Jena“, „Vorstand des Musikvereins Mösbach“: an office that
    names where it is needs no line for its organisation (its last word is enough). A
    person does: Kathrin Wellmann works at the Hofbuchhandlung Kathrin Wellmann."""
    if organisation in contact:
        return True
    if not contact.startswith(OFFICES):
        return False
    words = _LEGAL_FORMS.sub("", plain_spaces(organisation)).split()
    last = words[-1] if words else ""
    return len(last) >= 4 and re.search(rf"\b{re.escape(last)}\b", contact) is not None


def _impressum(organisation: Organisation, style: Typography, lang: Language) -> Iterator[InfoLine]:
    """What § 5 DDG asks of every newsletter, a line each."""
    labels = lang.labels
    yield InfoLine(organisation.name)
    if organisation.address:
        yield InfoLine(postal_address(organisation.address))
    impressum = organisation.impressum
    if impressum:
        yield InfoLine(impressum.legal_form)
        yield InfoLine(impressum.represented_by)
        if impressum.register_entry:
            yield InfoLine(impressum.register_entry)
        if impressum.vat_id:
            yield InfoLine(impressum.vat_id, labels["vat_id"])
        if impressum.responsible:
            yield InfoLine(impressum.responsible, labels["responsible"])
        if impressum.supervisory_authority:
            yield InfoLine(impressum.supervisory_authority, labels["supervisory_authority"])
    if organisation.phone:
        phone = GERMAN.typography.phone_number(organisation.phone, style)
        yield InfoLine(phone, labels["phone"])
    if organisation.email:
        yield InfoLine(organisation.email, labels["email"], f"mailto:{organisation.email}")
    if organisation.website:
        yield InfoLine(organisation.website, href=organisation.website)
