"""The event file's schema: what one event may contain, each field documented.

Field names are English; the texts authors write into them are German.
Nothing here knows about one particular event.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StrictInt,
    model_validator,
)

from pressgen.messages import _
from pressgen.source.fields import (
    COLOR_PATTERN,
    POSTCODE_PATTERN,
    TRANSLATED,
    Date,
    Email,
    Key,
    Line,
    Prose,
    Role,
    Schema,
    Time,
    Url,
    Verbatim,
    Wording,
    checked_url,
    english_part,
    single_line,
    year_in_range,
)

# ---------------------------------------------------------------- parts


ArticleChoice = Literal["der", "die", "das", "keiner"]


class Address(Schema):
    """A postal address."""

    street: Line | None = Field(None, description="Street and house number, e.g. Leutragraben 1.")
    postcode: Annotated[str, Field(pattern=POSTCODE_PATTERN), Role.CODE] | None = Field(
        None,
        description='Postcode in quotes: five digits in Germany ("07743"); abroad as the '
        'country writes it ("5020", "SW1A 1AA") together with country.',
    )
    city: Line = Field(description="City, e.g. Jena.")
    country: Line | None = Field(None, description="Only for addresses outside Germany.")


class Venue(Schema):
    """Where something takes place."""

    name: Line | None = Field(None, description="Name of the place, e.g. Villa Rosenthal.")
    address: Address | None = Field(
        None,
        description="Postal address of the place; a programme point's venue without one "
        "(Seminarraum 2) is a room of the event's venue, named in the programme only.",
    )

    @model_validator(mode="after")
    def _named_or_addressed(self) -> Venue:
        if self.name is None and self.address is None:
            raise ValueError(_("give the place a name or an address (at least the city)"))
        return self


class Party(Schema):
    """An organisation or group the generated sentences name: host, co-host, someone thanked."""

    name: Wording = Field(description="Full name, e.g. Muster AG or Stadtwerke Jena.")
    article: ArticleChoice = Field(
        description="Article in nominative case (die Muster AG, der Förderkreis, die Stadtwerke), "
        "or keiner for names used without article (JenaWirtschaft)."
    )
    plural: bool = Field(
        False, description="yes when the name is plural (die Stadtwerke): 'den Stadtwerken'."
    )
    short_name: Line | None = Field(None, description="Abbreviation printed in brackets: ThAK.")
    dative: Line | None = Field(
        None,
        description="The whole dative phrase when the rules do not fit, "
        "e.g. 'den Stadtwerken Jena'.",
    )
    url: Url | None = Field(None, description="Web site, linked from the newsletter.")


class Impressum(Schema):
    """What § 5 DDG requires in every newsletter, beside name, address and email."""

    legal_form: Line = Field(description="Legal form in words, e.g. eingetragene Genossenschaft.")
    represented_by: Line = Field(
        description="Who represents the organisation, e.g. 'Vorstand: Erika Beispiel'."
    )
    register_entry: Line | None = Field(
        None,
        description="Register entry, e.g. 'Genossenschaftsregister Amtsgericht Jena, GnR 123'.",
    )
    vat_id: Verbatim | None = Field(None, description="Umsatzsteuer-Identifikationsnummer, DE…")
    responsible: Line | None = Field(
        None, description="Person responsible for the content (§ 18 MStV), with address if other."
    )
    supervisory_authority: Line | None = Field(
        None,
        description="Aufsichtsbehörde, where the organisation has one (a Körperschaft des "
        "öffentlichen Rechts, a licensed trade), e.g. Thüringer Ministerium für Bildung.",
    )


class Organisation(Schema):
    """Who organises the event and sends the press release."""

    name: Line = Field(description="Full name including legal form, e.g. TowerByte eG.")
    article: ArticleChoice = Field(
        "keiner",
        description="Article used with the name (die TowerByte eG), for 'Über die …'.",
    )
    plural: bool = Field(
        False, description="yes when the name is plural (die Stadtwerke): 'bei den Stadtwerken'."
    )
    short_name: Line | None = Field(
        None,
        description="Abbreviation used after the first mention in generated sentences, e.g. FVM "
        "for 'Förderverein Musterstadt e. V. (FVM)', then 'beim FVM'.",
    )
    website: Url | None = Field(None, description="Home page, https://….")
    email: Email | None = Field(None, description="General contact email address.")
    phone: Verbatim | None = Field(
        None, description="General phone number; printed as typography.phone says."
    )
    address: Address | None = Field(None, description="Postal address.")
    about: Prose | None = Field(
        None, description="The 'Über uns' boilerplate printed at the end of the press release."
    )
    impressum: Impressum | None = Field(
        None, description="Impressum data; a newsletter may not be sent without it (§ 5 DDG)."
    )


class Person(Schema):
    """Someone who speaks, leads or is quoted — or a group speaking as one (die Gäste)."""

    name: Wording = Field(
        description="Full name as printed, e.g. Conrad Wrobel; for a group as it reads "
        "within a sentence, e.g. 'die Gäste'."
    )
    role: Wording | None = Field(
        None,
        description="Function(s) in nominative case, printed after the name at first mention, "
        "e.g. 'Aufsichtsrat der TowerByte eG'.",
    )
    organisation: Line | None = Field(
        None,
        description="Company or institution: after the role when there is one "
        "(Botschafter der Initiative …), else in brackets.",
    )
    organisation_article: ArticleChoice | None = Field(
        None,
        description="Article of the organisation (die Initiative): then the role is followed by "
        "it in the genitive (Botschafter der Initiative …) instead of brackets.",
    )
    organisation_preposition: Literal["an", "bei", "in", "von"] | None = Field(
        None,
        description="How the role and the organisation are joined when not by the genitive: "
        "an (Professorin an der Hochschule), bei (Referent bei der Stadt), in (Referentin im "
        "Ministerium), von (Gründer von Hoflieferei). Uses organisation_article.",
    )
    plural: bool = Field(
        False, description="yes for a group that speaks as one (die Gäste): 'sagen die Gäste'."
    )
    presence: Literal["on_site", "video_message", "online", "absent"] = Field(
        "on_site",
        description="How the person takes part: on_site, video_message (speaks in a recorded "
        "Videobotschaft), online (joins by video) or absent (has cancelled). Outputs never say "
        "that someone who was not there was there.",
    )
    role_before_name: bool = Field(
        False,
        description="yes when the function reads before the name, as a title: 'Bruchsals "
        "Oberbürgermeisterin' gives 'Bruchsals Oberbürgermeisterin Cornelia Petzold-Schick' "
        "(no comma, no article).",
    )
    later_name: Line | None = Field(
        None,
        description="How a later mention names the person, as the press does (sagte Muster); "
        "when left out, the name's last word, with von, zu, van … before it (von der Leyen); "
        "the whole name to repeat it. A group keeps its name.",
    )


ProgrammeKind = Literal[
    "einlass",
    "begruessung",
    "eroeffnung",
    "grusswort",
    "rede",
    "keynote",
    "vortrag",
    "workshop",
    "podium",
    "podiumsdiskussion",
    "moderation",
    "pause",
    "fuehrung",
    "preisverleihung",
    "kultur",
    "musik",
    "empfang",
    "sonstiges",
]


class ProgrammeItem(Schema):
    """One point of the programme."""

    kind: ProgrammeKind = Field(
        description="What kind of programme point: einlass, begruessung, eroeffnung, grusswort, "
        "rede, keynote, vortrag, workshop, podium (or podiumsdiskussion), moderation, pause, "
        "fuehrung, preisverleihung, kultur, musik, empfang or sonstiges."
    )
    day: Date | None = Field(
        None, description="The day of this point, for events of several days (else the event's)."
    )
    title: Wording | None = Field(None, description="Title or theme, without quotation marks.")
    label: Wording | None = Field(
        None, description="Own label instead of the default for the kind, e.g. Kreativ-Workshop."
    )
    start: Time | None = Field(None, description='Start time, e.g. "14:30".')
    end: Time | None = Field(None, description='End time, e.g. "16:00".')
    speakers: list[Key] = Field(
        default_factory=list,
        max_length=50,
        description="Keys of the people (from 'people') who lead this point.",
    )
    moderators: list[Key] = Field(
        default_factory=list,
        max_length=10,
        description="Keys of the people (from 'people') who moderate this point, e.g. a panel.",
    )
    topics: list[Wording] = Field(
        default_factory=list, max_length=50, description="Topics dealt with."
    )
    examples: list[Wording] = Field(
        default_factory=list, max_length=50, description="Practical examples shown."
    )
    venue: Venue | None = Field(None, description="Only when it differs from the event's venue.")
    description: Prose | None = Field(
        None, description="A sentence or two about this point, printed under it."
    )
    status: Literal["scheduled", "cancelled", "postponed"] = Field(
        "scheduled",
        description="scheduled, cancelled (fällt aus) or postponed (verschoben; give "
        "postponed_to when the new day is known): for one part of an event whose other parts "
        "take place.",
    )
    postponed_to: Date | None = Field(None, description="The new day of a postponed point.")

    @model_validator(mode="after")
    def _new_day_only_when_postponed(self) -> ProgrammeItem:
        if self.postponed_to is not None and self.status != "postponed":
            raise ValueError(_("postponed_to is given, but status is not postponed"))
        return self


class EventInfo(Schema):
    """The facts of the event itself."""

    title: Wording = Field(description="Name of the event, e.g. Workshop-Nachmittag 2017.")
    kind: Wording | None = Field(
        None,
        description="What sort of event, e.g. Workshop-Nachmittag, Neujahrsempfang; "
        "calendar programs file the event under it (CATEGORIES).",
    )
    motto: Wording | None = Field(None, description="Motto or theme, without quotation marks.")
    date: Date | None = Field(
        None,
        description="Day of the event (first day if it lasts longer), 2017-08-17. Required, "
        "but a draft may leave it open.",
    )
    end_date: Date | None = Field(None, description="Last day, for events of several days.")
    start: Time | None = Field(None, description='Start time (Beginn), e.g. "14:30".')
    end: Time | None = Field(
        None, description='End time, e.g. "18:00"; an end before the start means the next day.'
    )
    admission: Time | None = Field(
        None, description='When the doors open (Einlass), before the start, e.g. "18:30".'
    )
    timezone: Annotated[str, AfterValidator(single_line), Role.CODE] = Field(
        "Europe/Berlin", description="Time zone of all dates and times (IANA), e.g. Europe/Berlin."
    )
    venue: Venue | None = Field(
        None,
        description="Where the event takes place. Required, except for an event only online "
        "(give livestream then).",
    )
    guests: Annotated[StrictInt, Field(ge=0, le=1_000_000)] | None = Field(
        None,
        description="Number of guests expected on site: the invitation prints it (Erwartet); a "
        "report's text may name it as what was planned.",
    )
    guests_online: Annotated[StrictInt, Field(ge=0, le=10_000_000)] | None = Field(
        None,
        description="Number of people expected to watch online (livestream): the invitation "
        "prints it apart from those on site (Erwartet: rund 700 Gäste vor Ort und 800 online).",
    )
    attended: Annotated[StrictInt, Field(ge=0, le=1_000_000)] | None = Field(
        None,
        description="How many came (on site), once the event is over. Reaches no output: check "
        "reads the report's numbers against it and against guests, so that a report never "
        "gives what was expected as the result (PG702).",
    )

    guests_qualifier: Literal["über", "rund", "etwa", "mehr als", "knapp", "bis zu"] | None = Field(
        None,
        description="Word before the number of guests: über, rund, etwa, mehr als, knapp, "
        "bis zu (places, before the event).",
    )
    audience: Wording | None = Field(
        None, description="Who came or is invited, e.g. Vertreter aus Politik und Wirtschaft."
    )
    public: bool = Field(
        True,
        description="no for an event closed to the public (a ceremony for invited guests): "
        "its announcement asks the press for coverage, not for a listing in their calendar.",
    )
    guests_noun: Wording | None = Field(
        None,
        description="What the guests are called: teilnehmer, besucher or gaeste (written as the "
        "gender setting says: Teilnehmende, Besucherinnen und Besucher, …), or your own words, "
        "e.g. Unternehmerinnen und Unternehmer. Default: Gäste.",
    )
    focus: Prose | None = Field(None, description="The thematic focus in a sentence.")
    website: Url | None = Field(None, description="Page about the event.")
    livestream: Url | None = Field(
        None, description="Where the event can be watched online (hybrid or online events)."
    )
    host: Party | None = Field(
        None,
        description="Gastgeber: who lends the rooms, when not the organisation itself; thanked "
        "with thanks 'to: host'.",
    )
    co_hosts: list[Party] = Field(
        default_factory=list,
        max_length=20,
        description="Mitveranstalter: organisations that organise the event with the organisation.",
    )
    moderators: list[Key] = Field(
        default_factory=list,
        max_length=10,
        description="Keys of the people (from 'people') who host the event (Moderation).",
    )
    guests_of_honour: list[Key] = Field(
        default_factory=list,
        max_length=20,
        description="Keys of the people (from 'people') who are Ehrengäste.",
    )
    status: Literal["scheduled", "cancelled", "postponed"] = Field(
        "scheduled",
        description="scheduled, cancelled (abgesagt) or postponed (verschoben; give postponed_to "
        "when the new day is known).",
    )
    postponed_to: Date | None = Field(None, description="The new day of a postponed event.")

    @model_validator(mode="after")
    def _dates_in_order(self) -> EventInfo:
        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                _("unknown time zone {zone}; use Europe/Berlin").format(zone=repr(self.timezone))
            ) from None
        if self.end_date is not None and self.date is not None and self.end_date < self.date:
            raise ValueError(_("end_date lies before date"))
        if self.end_date is None and self.start and self.end and self.end == self.start:
            raise ValueError(_("end is the same time as start"))
        return self

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def held_on(self) -> dt.date | None:
        """The day it takes place: the new day of a postponed event, else its date
        (None while a draft leaves the date open)."""
        if self.status == "postponed" and self.postponed_to is not None:
            return self.postponed_to
        return self.date

    @property
    def day_holds(self) -> bool:
        """Whether the event takes place on a known day: not when it is cancelled, nor
        when it is postponed to a day not yet known."""
        if self.status == "postponed":
            return self.postponed_to is not None
        return self.status != "cancelled"

    @property
    def end_day(self) -> dt.date | None:
        """The day the event ends: end_date, or the next day when it ends after midnight
        (moved with the event when it is postponed)."""
        if self.held_on is None or self.date is None:
            return None
        if self.end_date is not None:
            return self.end_date + (self.held_on - self.date)
        if self.start is not None and self.end is not None and self.end < self.start:
            return self.held_on + dt.timedelta(days=1)
        return self.held_on

    @property
    def starts_at(self) -> dt.datetime | None:
        """The start as a time-zone-aware moment, when day and start time are known."""
        if self.start is None or self.held_on is None:
            return None
        return dt.datetime.combine(self.held_on, self.start, tzinfo=self.zone)

    @property
    def begins(self) -> dt.datetime | dt.date | None:
        """The start: a time-zone-aware moment when a start time is given, else the day."""
        return self.starts_at or self.held_on

    @property
    def ends(self) -> dt.datetime | dt.date | None:
        """The end: a moment when an end time is given, the last day when only end_date is."""
        end_day = self.end_day
        if end_day is None:
            return None
        if self.end is not None:
            return dt.datetime.combine(end_day, self.end, tzinfo=self.zone)
        return end_day if self.end_date is not None else None


class Quote(Schema):
    """A quotation; written once, printed identically in every output."""

    by: Key | Annotated[list[Key], Field(min_length=1, max_length=10)] = Field(
        description="Key of the quoted person (from 'people'), or a list of keys when several "
        "say it together."
    )
    text: Prose = Field(description="The quoted words, without quotation marks.")
    lead_in: Wording | None = Field(
        None,
        description="Words between the name and the quote in the press release, e.g. "
        "'zeigte sich erfreut mit dem Verlauf der Veranstaltung' (for several people or a "
        "group in the plural: 'waren sich einig').",
    )
    verb: Wording = Field(
        "sagt",
        description="The verb after the quote when there is no lead-in, in the singular "
        "(sagt, betont, ergänzt; in a report betonte, ergänzte); pressgen uses the plural "
        "where the speakers are several. Left out: sagt before the event, sagte in a report.",
    )
    attribution: Literal["auto", "full", "short"] = Field(
        "auto",
        description="How the press release names the speaker: full (name and function), short "
        "(the name), or auto: full at first mention, short when the body has already named "
        "the person.",
    )

    @property
    def speakers(self) -> list[str]:
        """The keys of everyone who says it."""
        return [self.by] if isinstance(self.by, str) else list(self.by)


class Logo(Schema):
    """An image with the text that stands in for it."""

    src: Url = Field(description="Web address of the image (https://…).")
    alt: Wording = Field(description="What the image shows, for screen readers and blocked images.")


Money = Annotated[Decimal, Field(ge=0, le=1_000_000_000, decimal_places=2)]
"""An amount in euros: 5000 or 2741.70."""


class NamedOrganisation(Schema):
    """An organisation a generated sentence names as its object: its name and article."""

    name: Line = Field(description="Full name, e.g. Sparkasse Jena or Stadtwerke Jena.")
    article: ArticleChoice = Field(
        "die", description="Its article: der, die (also for plural names), das, or keiner."
    )


class ActingOrganisation(NamedOrganisation):
    """An organisation a generated sentence makes its subject: the verb agrees with it."""

    plural: bool = Field(
        False, description="yes for a plural name: die Stadtwerke übergaben, erhielten."
    )


class Winner(Schema):
    """One who is awarded: a person (from people) or an organisation, with the place."""

    person: Key | None = Field(None, description="Key of the person (from 'people').")
    organisation: ActingOrganisation | None = Field(
        None, description="An organisation that is awarded."
    )
    place: Wording | None = Field(None, description="1. Platz, Sonderpreis, Publikumspreis …")
    amount: Money | None = Field(None, description="Prize money in euros, e.g. 5000.")

    @model_validator(mode="after")
    def _one_winner(self) -> Winner:
        if (self.person is None) == (self.organisation is None):
            raise ValueError(_("give either person or organisation"))
        return self


class Award(Schema):
    """A prize given at the event: who receives it, from how many applications. The
    report names the winners; an invitation never gives them away."""

    prize: Line = Field(description="The prize's name, e.g. Innovationspreis Handwerk 2026.")
    article: ArticleChoice = Field("der", description="Its article: der Innovationspreis.")
    winners: list[Winner] = Field(
        default_factory=list, max_length=50, description="Who receives it, in order."
    )
    applications: Annotated[StrictInt, Field(ge=1)] | None = Field(
        None, description="How many applications came in."
    )
    nominees: Annotated[StrictInt, Field(ge=1)] | None = Field(
        None, description="How many were nominated."
    )


class Handover(Schema):
    """Something handed over at the event, such as a donation cheque: what, how much,
    from whom, to whom."""

    what: Wording = Field(
        "eine Spende",
        description="What is handed over, with its article as the object of a sentence "
        "(accusative): einen Spendenscheck, eine Spende, den Schlüssel.",
    )
    amount: Money | None = Field(None, description="The amount in euros, e.g. 2741.70.")
    by: list[Key] = Field(
        default_factory=list, max_length=10, description="Keys of the people who hand it over."
    )
    by_organisations: list[ActingOrganisation] = Field(
        default_factory=list, max_length=10, description="Organisations that hand it over."
    )
    to: list[Key] = Field(
        default_factory=list, max_length=10, description="Keys of the people who receive it."
    )
    to_organisations: list[NamedOrganisation] = Field(
        default_factory=list, max_length=10, description="Organisations that receive it."
    )
    purpose: Wording | None = Field(
        None, description="What for, as it follows the sentence: für die Kinderhospizarbeit."
    )

    @model_validator(mode="after")
    def _from_and_to(self) -> Handover:
        if not (self.by or self.by_organisations):
            raise ValueError(_("say who hands it over: by or by_organisations"))
        if not (self.to or self.to_organisations):
            raise ValueError(_("say who receives it: to or to_organisations"))
        return self


class Sponsor(Party):
    """A sponsor, shown with its logo and thanked (as Sponsor, unless thanks say otherwise)."""

    logo: Logo | None = Field(None, description="Logo shown in the newsletter's sponsor row.")


ThanksNoun = Literal["sponsoren", "foerderer", "partner", "unterstuetzer", "gastgeber", "keines"]


class Thanks(Schema):
    """One sentence of thanks: to whom, as what, for what, said by whom."""

    to: Annotated[list[Party | Literal["sponsors", "host", "co_hosts"]], Field(min_length=1)] = (
        Field(
            max_length=50,
            description="Whom: organisations or groups written here, and/or 'sponsors' (all of "
            "the list of sponsors), 'host' or 'co_hosts' (of the event).",
        )
    )
    noun: ThanksNoun = Field(
        "keines",
        description="What they are called before their names: sponsoren (der Sponsorin, den "
        "Sponsoren), foerderer, partner, unterstuetzer, gastgeber, or keines (the names alone).",
    )
    reason: Wording | None = Field(None, description="What for, e.g. 'für die Gastfreundschaft'.")
    by: list[Key] = Field(
        default_factory=list,
        max_length=10,
        description="Keys of the people who thanked (Anna Muster und Ben Beispiel dankten …); "
        "without, the sentence begins with the lead-in.",
    )
    lead_in: Wording | None = Field(
        None,
        description="Words before the thanked, taking the dative; default the event's "
        "sponsors_lead_in (Besonderer Dank gilt).",
    )


# The first word of a contact that is an office, not a person: „Pressestelle der Stadt
# Jena“ names its organisation, and is words an English edition gives in English.
OFFICES = (
    "Pressestelle", "Presseamt", "Vorstand", "Geschäftsstelle", "Referat", "Büro",
    "Abteilung", "Kommunikation", "Redaktion", "Team", "Medienstelle", "Stabsstelle",
)  # fmt: skip


class Contact(Schema):
    """A person to contact."""

    name: Wording = Field(description="Full name.")
    role: Wording | None = Field(None, description="Function, e.g. Pressesprecherin.")
    phone: Verbatim | None = Field(
        None,
        description="Phone number, e.g. 03641 123456-11; printed in DIN 5008 form as "
        "typography.phone says when its area code is set apart.",
    )
    email: Email | None = Field(None, description="Email address.")
    organisation: Line | None = Field(
        None,
        description="Where the person works, when not at the organisation (the host, an "
        "agency); printed under the name instead of the organisation's.",
    )


class BodyBlock(Schema):
    """One block of the press release body: a paragraph, a quote or the sponsor thanks."""

    text: Prose | None = Field(None, description="A paragraph of running text.")
    quote: Key | None = Field(None, description="Key of a quote (from 'quotes') placed here.")
    sponsors: bool = Field(False, description="yes to place the sponsor acknowledgement here.")

    @model_validator(mode="before")
    @classmethod
    def _paragraph_shorthand(cls, value: object) -> object:
        # A plain string in the body list is a paragraph.
        if isinstance(value, str):
            return {"text": value}
        return value

    @model_validator(mode="after")
    def _exactly_one(self) -> BodyBlock:
        given = [self.text is not None, self.quote is not None, self.sponsors]
        if sum(given) != 1:
            raise ValueError(
                _("each body entry is either a paragraph of text, 'quote: KEY' or 'sponsors: yes'")
            )
        return self


_EMBARGO = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]([01]?\d|2[0-3]):([0-5]\d)$")


def _local_datetime(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        year_in_range(value.date())
        return value.replace(tzinfo=None) if value.tzinfo is None else value
    if isinstance(value, dt.date):
        raise ValueError(_('give a time as well, e.g. "2027-01-15 10:00"'))
    if isinstance(value, str):
        match = _EMBARGO.match(value.strip())
        if match:
            try:
                day = dt.date.fromisoformat(match[1])
            except ValueError:
                raise ValueError(_('"{value}" is not a valid date').format(value=value)) from None
            return dt.datetime.combine(year_in_range(day), dt.time(int(match[2]), int(match[3])))
    raise ValueError(_('expected date and time like "2027-01-15 10:00"'))


LocalDateTime = Annotated[dt.datetime, BeforeValidator(_local_datetime)]
"""A date and time in the event's time zone, written "2027-01-15 10:00"."""

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")


def is_local(src: str) -> bool:
    """Whether an image is a file beside the event file, not a web address."""
    return "://" not in src and not src.startswith("mailto:")


def _image_source(value: str) -> str:
    single_line(value)
    if not is_local(value):
        if urlsplit(value).scheme.lower() not in ("http", "https"):
            raise ValueError(_("an image must be an https:// address or a file next to the event"))
        return checked_url(value)
    if value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
        raise ValueError(
            _("give the image as a path inside the event's folder, e.g. fotos/bild.jpg")
        )
    if not value.lower().endswith(IMAGE_SUFFIXES):
        raise ValueError(_("an image must be a .jpg, .jpeg, .png, .gif or .webp file"))
    return value


ImageSource = Annotated[str, AfterValidator(_image_source), Role.IMAGE]
"""An image: a web address (https://…) or a file path relative to the event file."""


class Photo(Schema):
    """A press photo with caption and the credit the law requires (§ 13 UrhG)."""

    src: ImageSource = Field(description="Image file next to the event file, or https:// address.")
    caption: Wording = Field(description="Bildunterschrift: what and who the photo shows.")
    credit: Line | None = Field(
        None,
        description="Bildnachweis: the photographer, printed as 'Foto: …'. Required, but a "
        "draft may leave it open.",
    )
    alt: Wording | None = Field(
        None, description="Text for screen readers; the caption if omitted."
    )
    licence: Wording | None = Field(
        None,
        description="Terms of use for the press, e.g. 'Abdruck honorarfrei bei Nennung des "
        "Bildnachweises'; in Bildnachweis.txt and the photo's metadata.",
    )
    consent: Wording | None = Field(
        None,
        description="Note on the consent of the people shown (KUG § 22), e.g. 'Die "
        "Abgebildeten haben der Veröffentlichung zugestimmt.'; in Bildnachweis.txt.",
    )


class PressRelease(Schema):
    """The Pressemitteilung."""

    headline: Wording = Field(description="Headline.")
    subline: Wording | None = Field(None, description="Optional second headline.")
    category: Wording | None = Field(
        None, description="Rubrik in the press room, e.g. Veranstaltungen or Vereinsleben."
    )
    publication_date: Date | None = Field(
        None,
        description="Date of publication, shown in the dateline. Required, but a draft may "
        "leave it open.",
    )
    dateline_city: Line = Field(description="City in the dateline, e.g. Jena.")
    body: Annotated[list[BodyBlock], TRANSLATED] = Field(
        min_length=1,
        max_length=500,
        description="Paragraphs in order; 'quote: KEY' and 'sponsors: yes' place those blocks.",
    )
    contact: Contact | None = Field(None, description="Pressekontakt printed at the end.")
    contacts: list[Contact] = Field(
        default_factory=list,
        max_length=10,
        description="Further press contacts, printed after contact (a second person, the "
        "host's press office).",
    )
    embargo: LocalDateTime | None = Field(
        None,
        description="Sperrfrist: not to be published before this date and time, "
        '"2027-01-15 10:00".',
    )
    photos: list[Photo] = Field(default_factory=list, max_length=50, description="Press photos.")
    reprint_note: bool = Field(
        False, description="yes to print 'Abdruck honorarfrei – Belegexemplar erbeten'."
    )


class CallToAction(Schema):
    """The button in the newsletter."""

    label: Wording = Field(description="Button text, e.g. Zur Anmeldung.")
    url: Url = Field(description="Where the button leads.")


class Sender(Schema):
    """Who the newsletter comes from."""

    name: Verbatim = Field(description="Name shown as sender, e.g. TowerByte eG.")
    email: Email = Field(description="Sender address, e.g. newsletter@towerbyte.de.")


class Utm(Schema):
    """Campaign parameters added to the newsletter's web links (only when given)."""

    source: Verbatim = Field("newsletter", description="utm_source, e.g. newsletter.")
    medium: Verbatim = Field("email", description="utm_medium, e.g. email.")
    campaign: Verbatim = Field(description="utm_campaign, e.g. workshop-2017.")


class Newsletter(Schema):
    """The newsletter email."""

    sender: Sender = Field(description="From: name and address.")
    reply_to: Email | None = Field(None, description="Where replies go, if not to the sender.")
    bounces_to: Email | None = Field(
        None,
        description="Where the mail servers send bounces (the envelope sender, Return-Path), "
        "if not to the sender, e.g. bounces@towerbyte.de: a mailbox you read for addresses "
        "that no longer work. Reaches no output: it is given to the mail server when "
        "sending.",
    )
    unsubscribe_url: Url | None = Field(
        None,
        description="Abmeldelink (§ 7 UWG): https:// page or mailto: address; required to send.",
    )
    utm: Utm | None = Field(None, description="Add campaign parameters to web links.")
    subject: Wording = Field(description="Subject line of the email.")
    preheader: Wording | None = Field(None, description="Preview text shown after the subject.")
    teaser: Prose | None = Field(None, description="Introduction above the facts box.")
    call_to_action: CallToAction | None = Field(None, description="Optional button.")
    web_url: Url | None = Field(
        None,
        description="Address of the folder where the outputs are published online, ending "
        "in '/'; the newsletter then links to its web version and calendar file there.",
    )
    image_base_url: Url | None = Field(
        None,
        description="Where the email's local images are published (the press room or web "
        "server), ending in '/': fotos/a.jpg is loaded from there. newsletter.web_url if "
        "omitted; without either, a local photo cannot be shown in the email.",
    )


Phase = Literal["invitation", "recap"]


class Registration(Schema):
    """How guests register for the event: the invitation's button."""

    url: Url | None = Field(None, description="Registration page (https://).")
    email: Email | None = Field(
        None, description="Or an address to register by email; the subject is filled in."
    )
    deadline: Date | None = Field(None, description="Last day to register.")
    label: Wording = Field("Jetzt anmelden", description="Button text.")

    @model_validator(mode="after")
    def _one_way(self) -> Registration:
        if (self.url is None) == (self.email is None):
            raise ValueError(_("give either url (a registration page) or email, not both"))
        return self


class Accreditation(Schema):
    """How journalists register: printed in the press invitation."""

    deadline: Date | None = Field(None, description="Last day to register as a journalist.")
    contact: Contact | None = Field(
        None, description="Whom journalists register with; the Pressekontakt if omitted."
    )
    contacts: list[Contact] = Field(
        default_factory=list,
        max_length=10,
        description="Further people journalists may register with, printed after contact.",
    )


class Invitation(Schema):
    """Before the event: the Presseeinladung for journalists and the invitation newsletter.

    Everything is optional; what is left out follows from the event's facts.
    """

    publication_date: Date | None = Field(
        None,
        description="When the invitation goes out, shown in its dateline; required to build "
        "the invitation, but a draft may leave it open.",
    )
    headline: Wording | None = Field(None, description="Headline; the event's title if omitted.")
    subject: Wording | None = Field(
        None, description="Subject of the invitation email; 'Einladung: <title>' if omitted."
    )
    preheader: Wording | None = Field(
        None, description="Preview text after the subject; date, time and place if omitted."
    )
    salutation: Wording | None = Field(
        None,
        description="How the press invitation greets journalists, above its text, e.g. "
        "'Sehr geehrte Damen und Herren,' (then begin the text in small letters where German "
        "asks for it).",
    )
    text: list[Prose] = Field(
        default_factory=list, max_length=50, description="Paragraphs inviting to the event."
    )
    registration: Registration | None = Field(
        None, description="Registration for guests: the newsletter's button."
    )
    accreditation: Accreditation | None = Field(
        None, description="Akkreditierung for journalists, in the press invitation."
    )
    photo_opportunity: Wording | None = Field(
        None,
        description="Fototermin for the press, e.g. '15 Uhr: Gruppenbild mit den Referenten'.",
    )


class EnglishTypography(Schema):
    """How the English edition is set (languages: [de, en]); British by default."""

    dates: Literal["british", "american"] = Field(
        "british",
        description="british: 17 August 2017, Thursday, 17 August 2017; american: August 17, 2017.",
    )
    clock: Literal["12-hour", "24-hour"] = Field(
        "12-hour", description="12-hour: 2:30 pm, 6 pm, 2:30–6 pm; 24-hour: 14:30, 14:30–18:00."
    )
    titles: Literal["british", "american"] | None = Field(
        None,
        description="british: Dr Anna Muster, Prof Dr …; american: Dr. Anna Muster; as dates "
        "if omitted.",
    )


class Typography(Schema):
    """How German text is set; the defaults follow DIN 5008."""

    quotes: Literal["german", "guillemets"] = Field(
        "german", description="german: „…“ and ‚…‘; guillemets: »…« and ›…‹."
    )
    thousands: Literal["dot", "thin", "none"] = Field(
        "dot",
        description="Thousands separator of counts: dot (1.000), thin (1 000, as DIN 5008 "
        "writes counts) or none (1000).",
    )
    conjunction: Literal["und", "sowie"] = Field(
        "und", description="Word before the last item of a list: A, B und C / A, B sowie C."
    )
    gender: Literal["none", "paarform", "neutral", "stern", "doppelpunkt"] = Field(
        "neutral",
        description="How generated words for people are written: neutral (Teilnehmende), "
        "paarform (Teilnehmerinnen und Teilnehmer), stern (Teilnehmer*innen), doppelpunkt "
        "(Teilnehmer:innen) or none (Teilnehmer).",
    )
    phone: Literal["international", "national", "as_written"] = Field(
        "international",
        description="Phone numbers in DIN 5008 form, when the area code is set apart in the "
        "data (a space, a slash or brackets): international (+49 3641 123456-11), national "
        "(03641 123456-11) or as_written.",
    )
    english: EnglishTypography = Field(
        default_factory=EnglishTypography,
        description="How the English edition writes dates and times (languages: [de, en]).",
    )


HexColor = Annotated[str, Field(pattern=COLOR_PATTERN)]
"""A colour written as #0b5fa5."""


class Brand(Schema):
    """The look of the newsletter."""

    color: HexColor = Field("#0b5fa5", description="Main colour: links, button, quote bar.")
    logo: Logo | None = Field(None, description="Logo at the top of the newsletter.")


class EventContent(Schema):
    """What an event file says in German, its first language: facts and words."""

    draft: bool = Field(
        False,
        description="yes while facts are still open: the date, the start time, the "
        "publication date and photo credits may then be left out; every output shows them "
        "as [… offen], and only build --draft writes such a file.",
    )
    organisation: Organisation = Field(description="Who organises the event.")
    publisher: Organisation | None = Field(
        None,
        description="Who publishes the release and sends the newsletter, when not the "
        "organiser (a university about the ministry's conference it hosts; an agency for its "
        "client): the masthead, 'Über …', Impressum, footer and Pressekontakt are the "
        "publisher's; the facts box names the organiser as Veranstalter.",
    )
    event: EventInfo = Field(description="When, where, what and for whom.")
    people: dict[Key, Person] = Field(
        default_factory=dict,
        max_length=500,
        description="Everyone named, under a short key used elsewhere.",
    )
    programme: list[ProgrammeItem] = Field(
        default_factory=list, max_length=500, description="Programme in order."
    )
    quotes: dict[Key, Quote] = Field(
        default_factory=dict,
        max_length=200,
        description="Quotations under a short key used in the body.",
    )
    sponsors: list[Sponsor] = Field(
        default_factory=list, max_length=200, description="Sponsors in order."
    )
    awards: list[Award] = Field(
        default_factory=list,
        max_length=20,
        description="Prizes given at the event: the report names the winners after the text.",
    )
    handovers: list[Handover] = Field(
        default_factory=list,
        max_length=20,
        description="What is handed over at the event (a donation cheque): a sentence after "
        "the text, in the present before the event, in the past after it.",
    )
    thanks: list[Thanks] | None = Field(
        None,
        max_length=20,
        description="Sentences of thanks, each to whom, as what, for what. Default: one "
        "sentence to the sponsors, as Sponsoren.",
    )
    sponsors_lead_in: Wording = Field(
        "Besonderer Dank gilt",
        description="Words before the thanked in each sentence of thanks; the verb must take "
        "the dative (Dank gilt, Wir danken).",
    )
    press_release: PressRelease = Field(description="The press release.")
    newsletter: Newsletter = Field(description="The newsletter email.")
    phase: Phase | None = Field(
        None,
        description="invitation (before the event: Presseeinladung, invitation newsletter) or "
        "recap (after it: Pressemitteilung, report). If omitted: invitation when the press "
        "release is published before the event's first day, else recap. "
        "build --phase builds either on purpose.",
    )
    invitation: Invitation | None = Field(
        None, description="What the invitation says beyond the event's facts."
    )
    typography: Typography = Field(
        default_factory=Typography, description="Typographic settings for all outputs."
    )
    brand: Brand = Field(default_factory=Brand, description="Colour and logo of the newsletter.")

    @model_validator(mode="before")
    @classmethod
    def _embargo_in_the_event_zone(cls, data: object) -> object:
        """A Sperrfrist written with an offset ("…T18:00:00+02:00") becomes the same instant
        in the event's own zone: every output prints that local time, and the send and the
        press room wait for the instant that is printed."""
        try:
            embargo = data["press_release"]["embargo"]  # type: ignore[index]
            zone = ZoneInfo(data.get("event", {}).get("timezone") or "Europe/Berlin")  # type: ignore[attr-defined]
        except (TypeError, KeyError, AttributeError, ValueError, ZoneInfoNotFoundError):
            return data  # the fields' own validators say what is wrong
        if isinstance(embargo, dt.datetime) and embargo.tzinfo is not None:
            release = {**data["press_release"], "embargo": embargo.astimezone(zone)}  # type: ignore[index]
            return {**data, "press_release": release}  # type: ignore[dict-item]
        return data

    def embargo_end(self) -> dt.datetime | None:
        """When the Sperrfrist ends, time-zone aware (in the event's zone when none is
        written); None without one."""
        embargo = self.press_release.embargo
        if embargo is None:
            return None
        return embargo if embargo.tzinfo else embargo.replace(tzinfo=self.event.zone)

    def open_facts(self) -> list[tuple[str | int, ...]]:
        """Where the facts are that a draft leaves open: date, start time, publication
        date, photo credits. Outside a draft a missing start means the event lasts all day."""
        places: list[tuple[str | int, ...]] = []
        if self.event.date is None:
            places.append(("event", "date"))
        if self.event.start is None and self.draft:
            places.append(("event", "start"))
        if self.press_release.publication_date is None:
            places.append(("press_release", "publication_date"))
        for index, photo in enumerate(self.press_release.photos):
            if photo.credit is None:
                places.append(("press_release", "photos", index, "credit"))
        return places

    def person(self, key: str) -> Person:
        return self.people[key]

    @property
    def publishing(self) -> Organisation:
        """Who publishes the release and signs the newsletter: the publisher, else the
        organiser."""
        return self.publisher or self.organisation


EventInEnglish = english_part(EventContent)
"""The en: part of an event file: the author's words in English (languages: [de, en])."""

Language = Literal["de", "en"]


def _german_first(languages: list[Language]) -> list[Language]:
    """The editions a file lists: the German one, the original, and each language once."""
    if "de" not in languages:
        raise ValueError(_("languages must list de: the German edition is the original"))
    if len(set(languages)) != len(languages):
        raise ValueError(_("languages names a language twice"))
    return languages


Languages = Annotated[
    list[Language], Field(min_length=1, max_length=2), AfterValidator(_german_first)
]
"""The editions a file publishes (an event file, a newsletter file): [de] or [de, en]."""


class Event(EventContent):
    """One event file: everything pressgen needs for all outputs."""

    languages: Languages = Field(
        default_factory=lambda: list[Language](["de"]),
        description="The editions to publish: [de], or [de, en] for an English edition "
        "beside the German one. The English edition shares every fact (dates, times, "
        "places, names, numbers, sponsors); its words are under en:.",
    )
    en: EventInEnglish | None = Field(  # type: ignore[valid-type]
        None,
        description="The English of the author's words, in the shape of the German: "
        "en.press_release.headline, en.press_release.body (the whole text), "
        "en.quotes.KEY.text (a translation, marked as such), en.people.KEY.role, "
        "en.press_release.photos[].caption … Facts are not repeated here.",
    )


def phase_of(event: Event, chosen: Phase | None = None) -> Phase:
    """Invitation before the event, recap after it: as chosen (build --phase), as the file
    says (phase:), or from the dates (published before the first day: invitation)."""
    if chosen is not None:
        return chosen
    if event.phase is not None:
        return event.phase
    published, first_day = event.press_release.publication_date, event.event.date
    if published is not None and first_day is not None and published < first_day:
        return "invitation"
    return "recap"
