"""The English phrases and sentences pressgen writes about an event, made from its data.

The same functions as pressgen.german.phrases, for the English edition: they take the
English edition of the event (its texts from the file's en: part, its facts shared with
the German) and return finished English. tests/test_english.py holds them to a table
of exact sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from pressgen.english import typography
from pressgen.english.typography import NBSP, Style
from pressgen.german.phrases import (
    held_elsewhere,
    is_report,
    joined_with_commas,
    later_mentions,
    plural_subject,
    thanked_parties,
    with_details,
)
from pressgen.source.event import (
    Accreditation,
    Award,
    Event,
    EventInfo,
    Handover,
    NamedOrganisation,
    Organisation,
    Party,
    Person,
    ProgrammeItem,
    Quote,
    Thanks,
    Venue,
)

__all__ = ["is_report", "later_mentions"]

# What a draft prints where a fact is still open: visible, never mistaken for a fact.
OPEN_DATE = f"[date{NBSP}open]"
OPEN_TIME = f"[time{NBSP}open]"
OPEN_CREDIT = f"[credit{NBSP}open]"
_OPEN_NAMES = {
    "date": "date",
    "start": "time",
    "publication_date": "publication date",
    "credit": "photo credit",
}

# What the German kinds of document are called in English.
KINDS = {
    "Pressemitteilung": "Press release",
    "Presseeinladung": "Media invitation",
    "Terminankündigung": "Event announcement",
    "Terminverschiebung": "Change of date",
    "Absage": "Cancellation",
}


def sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def draft_note(open_facts: Sequence[tuple[str | int, ...]], style: Style) -> str:
    """Draft – still open: date, time and photo credit."""
    names = [_OPEN_NAMES[str(place[-1])] for place in open_facts]
    credits = names.count("photo credit")
    if credits > 1:
        names = [name for name in names if name != "photo credit"] + [f"{credits} photo credits"]
    if not names:
        return "Draft"
    return f"Draft – still open: {typography.join(names, style)}"


def role_label(label: str, parties: Sequence[Organisation | Party]) -> str:
    """Organiser, Host; Organisers, Hosts for several."""
    return f"{label}s" if len(parties) > 1 else label


def issue_draft_note(headlines: Sequence[str], style: Style) -> str:
    """Draft – contains a draft: “Headline”."""
    if not headlines:
        return ""
    quoted = typography.join([typography.quoted(headline, style) for headline in headlines], style)
    count = "a draft" if len(headlines) == 1 else f"{len(headlines)} drafts"
    return f"Draft – contains {count}: {quoted}"


# ---------------------------------------------------------------- organisations


def about_heading(organisation: Organisation) -> str:
    """About TowerByte eG."""
    return f"About {organisation.name}"


def subscription_note(organisation: Organisation) -> str:
    """The footer's reason, with the full name (a short name is explained nowhere)."""
    return (
        "You are receiving this email because you subscribed to the "
        f"{organisation.name} newsletter."
    )


def unsubscribe_text(address: str, style: Style) -> str:
    """A web address as it is; a mailto: link in words: email to … with the subject “…”."""
    if not address.startswith("mailto:"):
        return address
    target = urlsplit(address)
    subject = parse_qs(target.query).get("subject", [""])[0]
    words = f"Email to {unquote(target.path)}"
    return f"{words} with the subject {typography.quoted(subject, style)}" if subject else words


# ---------------------------------------------------------------- people


def apposition(person: Person) -> str:
    """What follows the name at first mention: the role, and the organisation unless the
    role names it — a title of it ('Managing Director of Demir GmbH'), else where the
    work is done ('nursing scientist at Universität Neuhain', 'Head of Nursing at
    Sozialstation St. Anna')."""
    role, organisation = person.role, person.organisation
    if not role or person.role_before_name:
        return ""
    if not organisation or organisation in role:
        return role
    last = role.rsplit(" ", 1)[-1].lower()
    at = (role[:1].islower() and last not in _OF_WORDS) or " of " in role
    return f"{role} {'at' if at else 'of'} {organisation}"


# What one is of an organisation, not at it: owner of Holzwerkstatt Hofmann.
_OF_WORDS = frozenset({"owner", "co-owner", "founder", "co-founder", "head", "director",
                       "chair", "president", "member", "partner", "shareholder",
                       "spokesperson", "spokesman", "spokeswoman"})  # fmt: skip


def full_name(person: Person) -> str:
    """Name and function: 'Anna Muster, Chair of the Board of TowerByte eG'; without a role
    the organisation in brackets; or the name alone."""
    if person.role and person.role_before_name:  # Mayor Cornelia Petzold-Schick
        return f"{person.role} {person.name}"
    described = apposition(person)
    if described:
        return f"{person.name}, {described}"
    if person.organisation:
        return f"{person.name} ({person.organisation})"
    return person.name


_HOW_SPOKEN = {"video_message": "in a video message", "online": "via video link"}
_PRESENCE_NOTES = {
    "video_message": "by video message",
    "online": "via video link",
    "absent": "cancelled",
}


def presence_note(person: Person) -> str:
    """Beside the name in the programme: by video message, via video link, cancelled."""
    return _PRESENCE_NOTES.get(person.presence, "")


def with_presence(text: str, person: Person) -> str:
    note = presence_note(person)
    return f"{text} ({note})" if note else text


def how_spoken(people: Sequence[Person]) -> str:
    """'in a video message' when every speaker of a quote spoke so, else nothing."""
    ways = {person.presence for person in people}
    return _HOW_SPOKEN.get(ways.pop(), "") if len(ways) == 1 else ""


def honoured_guest(person: Person) -> str:
    """A guest of honour in a list: the function in brackets, so the commas stay the list's."""
    note = presence_note(person)
    if person.role and person.role_before_name:
        return with_presence(f"{person.role} {person.name}", person)
    described = "; ".join(
        part for part in (apposition(person) or person.organisation, note) if part
    )
    return f"{person.name} ({described})" if described else person.name


def speakers(
    people: Sequence[Person],
    *,
    full: bool,
    more_follows: bool,
    known_as: Mapping[str, str] | None = None,
    introduced: Set[str] = frozenset(),
) -> str:
    """Several people as the subject of a sentence, each apposition closed by a comma where
    the sentence goes on: 'Anna Muster, Chair, and Ben Beispiel, Treasurer,'."""
    shared = {apposition(person) for person in people}
    if introduced and any(person.name in introduced for person in people):
        shared = set()  # one of them named already: each as far as needed
    if full and len(people) > 1 and len(shared) == 1 and "" not in shared:
        names = _joined_with_and([person.name for person in people])
        return f"{names}, {shared.pop()}" + ("," if more_follows else "")
    parts = []
    for index, person in enumerate(people):
        whole = full and person.name not in introduced  # not again after the body named them
        text = full_name(person) if whole else (known_as or {}).get(person.name, person.name)
        goes_on = index < len(people) - 1 or more_follows
        if whole and apposition(person) and goes_on:
            text += ","
        parts.append(text)
    return _joined_with_and(parts)


def _joined_with_and(parts: list[str]) -> str:
    """A, B and C, an apposition's closing comma lent to the list (as in German)."""
    return joined_with_commas(parts, "and")


def introduces(text: str, person: Person) -> bool:
    """Whether a paragraph names the person together with (most of) their function; or,
    as English news copy introduces people, with their title before the name: Mayor
    Anja Gebhardt introduces the First Mayor of Gemeinde Kirchehrenbach."""
    if person.name not in text:
        return False
    described = " ".join(part for part in (person.role, person.organisation) if part)
    words = re.findall(r"\w{4,}", described)
    if not words:
        return True
    lowered = text.lower()
    if sum(word.lower() in lowered for word in words) * 2 >= len(words):
        return True
    titled = re.findall(rf"(\w{{4,}}) {re.escape(person.name)}", text)
    return any(word.lower() in described.lower() for word in titled)


def pull_quote_speaker(people: Sequence[Person]) -> str:
    """Under a quote set apart: names and functions in full, and how they spoke when not
    in the room."""
    named = _capitalised(speakers(people, full=True, more_follows=False))
    how = how_spoken(people)
    return f"{named} ({how.replace('in a ', 'by ')})" if how else named


@dataclass(frozen=True)
class QuoteSentence:
    """A quote as a press release sentence: before + words + after; `speaker` as printed."""

    before: str
    words: str
    after: str
    speaker: str


_PAST = {"says": "said", "is": "was", "has": "had", "makes": "made", "gives": "gave",
         "thinks": "thought", "writes": "wrote", "speaks": "spoke", "brings": "brought",
         "knows": "knew", "tells": "told", "sees": "saw", "finds": "found",
         "feels": "felt", "puts": "put", "keeps": "kept", "takes": "took"}  # fmt: skip


def past_of(verb: str) -> str:
    """says → said, stresses → stressed, emphasises → emphasised, adds → added,
    points out → pointed out."""
    first, _, rest = verb.partition(" ")
    if first in _PAST:
        past = _PAST[first]
    elif first.endswith("ies"):
        past = first[:-3] + "ied"
    elif first.endswith(("sses", "shes", "ches", "xes", "zzes")):
        past = first[:-2] + "ed"
    elif first.endswith("es"):
        past = first[:-1] + "d"  # emphasises → emphasised, notes → noted
    elif first.endswith("s"):
        past = first[:-1] + "ed"  # adds → added, points → pointed
    else:
        past = first
    return f"{past} {rest}".strip()


def _present(verb: str, plural: bool) -> str:
    """says → say for several speakers (said stays said)."""
    if not plural:
        return verb
    first, _, rest = verb.partition(" ")
    if first == "says":
        first = "say"
    elif first == "is":
        first = "are"
    elif first == "has":
        first = "have"
    elif first.endswith("ies"):
        first = first[:-3] + "y"
    elif first.endswith(("sses", "shes", "ches", "xes")):
        first = first[:-2]
    elif first.endswith("s") and not first.endswith("ss"):
        first = first[:-1]
    return f"{first} {rest}".strip()


def embargo_line(moment: str) -> str:
    """Embargoed until 15 January 2027, 6 pm CET."""
    return f"Embargoed until {moment}"


def quote_verb(report: bool) -> str:
    """The verb a quote is said with when the file gives none: said after the event."""
    return "said" if report else "says"


def quote_sentence(
    quote: Quote,
    people: Sequence[Person],
    *,
    full: bool,
    style: Style,
    known_as: Mapping[str, str] | None = None,
    introduced: Set[str] = frozenset(),
) -> QuoteSentence:
    """'Anna Muster, Chair, was delighted: “…”' with a lead-in; otherwise
    '“…,” said Anna Muster.' — the comma inside the closing mark, the quote's own full
    stop giving way to it."""
    how = how_spoken(people)
    if quote.lead_in:
        subject = _capitalised(
            speakers(people, full=full, more_follows=True, known_as=known_as, introduced=introduced)
        )
        lead_in = f"{quote.lead_in} {how}" if how else quote.lead_in
        words = quote.text.strip()
        ends = words.rstrip("“”‘’\"')").endswith((".", "!", "?", "…"))
        return QuoteSentence(
            f"{subject} {lead_in}: ",
            typography.quoted(words, style),
            "" if ends else ".",
            subject.rstrip(","),
        )
    words = quote.text.strip()
    if words.endswith(".") and not words.endswith(".."):
        words = words[:-1] + ","
    elif not words.endswith(("!", "?", "…")):
        words += ","
    verb = _present(quote.verb, plural_subject(people))
    if verb.partition(" ")[0] in _INVERTED:  # “…,” said Anna Muster.
        who = speakers(
            people, full=full, more_follows=bool(how), known_as=known_as, introduced=introduced
        )
        said = f"{verb} {who} {how}" if how else f"{verb} {who}"
    else:  # any other verb after its subject: “…,” Anna Muster stressed.
        who = speakers(
            people, full=full, more_follows=True, known_as=known_as, introduced=introduced
        )
        said = f"{who} {verb} {how}" if how else f"{who} {verb}"
    return QuoteSentence("", typography.quoted(words, style), " " + sentence(said), who.rstrip(","))


# The verbs English news style puts before the speaker after a quote; any other follows it.
_INVERTED = frozenset({"said", "says", "say", "asked", "asks", "ask"})


# ---------------------------------------------------------------- thanks

_THANKED_AS = {
    "sponsoren": ("sponsor", "sponsors"),
    "foerderer": ("funding partner", "funding partners"),
    "partner": ("partner", "partners"),
    "unterstuetzer": ("supporter", "supporters"),
    "gastgeber": ("host", "hosts"),
}
SPONSORS_LEAD_IN = "Special thanks go to"


def thanks_sentences(
    event: Event,
    introduced: Set[str] = frozenset(),
    *,
    report: bool | None = None,
    known_as: Mapping[str, str] | None = None,
    style: Style = typography.DEFAULT,
) -> list[str]:
    """Every sentence of thanks; by default one to the sponsors: 'Special thanks go to the
    sponsors JenaWirtschaft and Sparkasse Jena.' People who thank in person thank in the
    past after the event: 'Anna Muster, Chair, thanked …'."""
    groups = event.thanks
    if groups is None:
        groups = [Thanks(to=["sponsors"], noun="sponsoren")] if event.sponsors else []
    past = is_report(event) if report is None else report
    sentences = []
    for group in groups:
        parties = thanked_parties(group, event)
        if not parties:
            continue
        names = typography.join([party.name for party in parties], style)
        forms = _THANKED_AS.get(group.noun)
        people = [event.person(key) for key in group.by]
        if forms:
            one = len(parties) == 1 and not parties[0].plural
            # "the sponsor, A"; several after a colon, so a name with a comma in it
            # (Impulsregion Jena, Erfurt und Weimar) cannot be taken for two.
            object_ = f"the {forms[0]}, {names}" if one else f"the {forms[1]}: {names}"
            if group.reason:  # the apposition closed before the sentence goes on
                object_ = f"the {forms[0 if one else 1]}, {names},"
        else:
            object_ = names
        ending = f" {group.reason}" if group.reason else ""
        if people:
            named = set(group.by) & set(introduced)
            thanked_by = speakers(people, full=not named, more_follows=True, known_as=known_as)
            verb = "thanked" if past else "will thank"
            sentences.append(sentence(f"{_capitalised(thanked_by)} {verb} {object_}{ending}"))
        else:
            lead_in = group.lead_in or event.sponsors_lead_in
            if forms and object_.startswith("the "):  # We thank our partners
                object_ = _whose(lead_in) + object_[3:]
            sentences.append(sentence(f"{lead_in} {object_}{ending}"))
    return sentences


def _whose(lead_in: str) -> str:
    """Who the thanked belong to, as the lead-in's subject says: We thank → our partners,
    The association thanks → its partners, The organisers thank → their partners; after
    'Special thanks go to' they are the partners."""
    words = lead_in.lower().split()
    if words[:1] == ["we"]:
        return "our"
    if words[-1:] == ["thanks"] and words[:1] == ["the"]:
        return "its"
    if words[-1:] == ["thank"] and words[:1] == ["the"]:
        return "their"
    return "the"


# ---------------------------------------------------------------- awards and handovers


def _named_person(person: Person, full: bool, known_as: Mapping[str, str] | None) -> str:
    return full_name(person) if full else (known_as or {}).get(person.name, person.name)


def award_sentences(
    award: Award,
    event: Event,
    *,
    report: bool,
    introduced: Set[str] = frozenset(),
    known_as: Mapping[str, str] | None = None,
    style: Style = typography.DEFAULT,
) -> list[str]:
    """How many applied and were nominated; in a report, who received the prize:
    'The Innovationspreis Handwerk 2026 went to Lisa Hofmann (1st place, €5,000) and Demir
    Dachtechnik GmbH (special prize).' An invitation never names winners."""
    sentences = []
    counts = []
    if award.applications:
        noun = "application" if award.applications == 1 else "applications"
        verb = (
            ("was" if award.applications == 1 else "were")
            if report
            else ("has been" if award.applications == 1 else "have been")
        )
        counts.append(  # a sentence does not open with a numeral
            f"a total of {typography.count(award.applications, style)} {noun} {verb} "
            f"received for the {award.prize}"
        )
    if award.nominees:
        verb = (
            ("was" if award.nominees == 1 else "were")
            if report
            else ("has been" if award.nominees == 1 else "have been")
        )
        counts.append(f"{typography.count(award.nominees, style)} {verb} nominated")
    if counts:
        sentences.append(sentence(_capitalised(", and ".join(counts))))
    if report and award.winners:
        parts = []
        for index, winner in enumerate(award.winners):
            details = ", ".join(
                part
                for part in (
                    winner.place or "",
                    typography.money(winner.amount, style) if winner.amount is not None else "",
                )
                if part
            )
            if winner.person is not None:
                person = event.person(winner.person)
                full = winner.person not in introduced
                text = with_details(_named_person(person, full, known_as), details)
                if full and apposition(person) and index < len(award.winners) - 1:
                    text += ","
            else:
                assert winner.organisation is not None
                text = with_details(winner.organisation.name, details)
            parts.append(text)
        # The prize was named in the sentence before: not again.
        prize = ("prize" if len(parts) == 1 else "prizes") if counts else award.prize
        sentences.append(sentence(f"The {prize} went to {_joined_with_and(parts)}"))
    return sentences


def handover_sentence(
    handover: Handover,
    event: Event,
    *,
    report: bool,
    introduced: Set[str] = frozenset(),
    known_as: Mapping[str, str] | None = None,
    style: Style = typography.DEFAULT,
    again: bool = False,
) -> str:
    """'Ben Beispiel, Chair of the Friends' Association, presented a donation cheque for
    €2,741.70 to Max Muster, Head of Social Services, and Förderverein Kinderhospiz e. V.'
    — in the present before the event. `again`: the same givers as in the sentence
    before, who are not named twice: 'They also presented …'."""
    givers = []
    for key in handover.by:
        person = event.person(key)
        full = key not in introduced
        text = _named_person(person, full, known_as)
        givers.append(text + "," if full and apposition(person) else text)
    givers += [_organisation_name(party) for party in handover.by_organisations]
    verb = "presented" if report else "will present"  # before the event: what is planned
    receivers: list[str] = []
    for index, key in enumerate(handover.to):
        person = event.person(key)
        if person.role and (person.role_before_name or key in introduced):
            text = (
                f"{person.role} {person.name}"
                if person.role_before_name
                else (known_as or {}).get(person.name, person.name)
            )
        elif person.role:
            text = f"{person.name}, {apposition(person)}"
            more = index < len(handover.to) - 1 or handover.to_organisations or handover.purpose
            text += "," if more else ""
        else:
            text = (known_as or {}).get(person.name, person.name)
        receivers.append(text)
    receivers += [_organisation_name(party) for party in handover.to_organisations]
    amount = f" for {typography.money(handover.amount, style)}" if handover.amount else ""
    receiving = _joined_with_and(receivers)
    if not handover.purpose:
        receiving = receiving.rstrip(",")
    purpose = f" {handover.purpose}" if handover.purpose else ""
    subject = _capitalised(_joined_with_and(givers))
    if again:
        several = len(givers) > 1 or any(event.person(key).plural for key in handover.by)
        if several:
            subject = "They"
        elif handover.by:
            subject = (known_as or {}).get(event.person(handover.by[0]).name, subject)
        verb = "also presented" if report else "will also present"
    return sentence(f"{subject} {verb} {handover.what}{amount} to {receiving}{purpose}")


def _organisation_name(organisation: NamedOrganisation) -> str:
    return organisation.name


# ---------------------------------------------------------------- facts

PEOPLE_WORDS = {"teilnehmer": "participants", "besucher": "visitors", "gaeste": "guests"}
_QUALIFIERS = {
    "über": "more than",
    "mehr als": "more than",
    "rund": "around",
    "etwa": "about",
    "knapp": "almost",
    "bis zu": "up to",
}


def guests_noun(info: EventInfo, gender: str = "none") -> str:
    """What the guests are called: participants, visitors, guests, or the author's own."""
    chosen = (info.guests_noun or "gaeste").strip()
    word = PEOPLE_WORDS.get(chosen.lower())
    if word is None:
        return chosen
    if info.guests == 1:
        return word[:-1]
    return word


def guests_count(info: EventInfo, style: Style) -> str:
    """more than 80; up to 250 — the count without the word for the guests."""
    if info.guests is None:
        return ""
    qualifier = f"{_QUALIFIERS[info.guests_qualifier]} " if info.guests_qualifier else ""
    return f"{qualifier}{typography.count(info.guests, style)}"


def guests(info: EventInfo, style: Style) -> str:
    """more than 80 guests; around 700 guests on site and 800 online."""
    noun = guests_noun(info)
    online = typography.count(info.guests_online, style) if info.guests_online else ""
    if info.guests is None:
        return f"{online}{NBSP}{noun} online" if online else ""
    on_site = f"{guests_count(info, style)}{NBSP}{noun}"
    return f"{on_site} on site and {online} online" if online else on_site


def place(venue: Venue) -> str:
    """Villa Rosenthal, Leutragraben 1, 07743 Jena, Germany — the German address as the
    post needs it, with the country for readers abroad."""
    if venue.address is None:
        return venue.name or ""
    address = typography.postal_address(
        venue.address.model_copy(update={"country": _country(venue.address.country)})
    )
    if not venue.name or venue.name == venue.address.city:
        return address
    return f"{venue.name}, {address}"


def _country(written: str | None) -> str:
    """The country in English: Germany when none is written (a German address), else the
    English name of the one written in German (Österreich → Austria), through Babel."""
    if not written:
        return "Germany"
    from babel import Locale

    codes = {name.casefold(): code for code, name in Locale("de").territories.items()}
    code = codes.get(written.strip().casefold())
    return str(Locale("en").territories.get(code, written)) if code else written


ONLINE = "online"


def event_place(info: EventInfo) -> str:
    return place(info.venue) if info.venue is not None else ONLINE


def other_places(event: Event, style: Style = typography.DEFAULT) -> list[str]:
    """Where parts of the event take place apart from its venue, with what and when."""
    main = event_place(event.event)
    places: dict[str, list[str]] = {}
    for item in held_elsewhere(event):
        assert item.venue is not None
        where = place(item.venue)
        if not where or where == main:
            continue
        # The author's label of the point says what happens there; the programme has the
        # rest. In the brackets it runs on as text: (open day with company tours).
        what = _running_on(item.label, event) if item.label else programme_heading(item, style)
        day = typography.date_with_weekday(item.day, style) if item.day else ""
        places.setdefault(where, []).append(" on ".join(part for part in (what, day) if part))
    return [f"{where} ({'; '.join(parts)})" for where, parts in places.items()]


def _running_on(label: str, event: Event) -> str:
    """A label written as a heading (Public viewing), as words inside a sentence (public
    viewing); a first word that is a name stays as it is: Jena city tour, TowerByte day."""
    first = label.split(" ", 1)[0]
    if not first[1:].islower() or not first[:1].isupper():
        return label
    venues = [event.event.venue, *(item.venue for item in event.programme)]
    names = [event.organisation.name, *(person.name for person in event.people.values())]
    names += [sponsor.name for sponsor in event.sponsors]
    for venue in venues:
        if venue is not None:
            names += [venue.name or "", venue.address.city if venue.address else ""]
    if any(re.search(rf"\b{re.escape(first)}\b", name) for name in names):
        return label
    return first[:1].lower() + label[1:]


def other_places_label(count: int) -> str:
    return "Further venues" if count > 1 else "Further venue"


def status_note(info: EventInfo, style: Style, *, report: bool = False) -> str:
    """The event has been cancelled; a report says it in the past: The event was cancelled."""
    if info.status == "cancelled":
        return "The event was cancelled." if report else "The event has been cancelled."
    if info.status != "postponed":
        return ""
    verb = "was" if report else "has been"
    if info.postponed_to:
        return (
            f"The event {verb} postponed to "
            f"{typography.date_with_weekday(info.postponed_to, style)}."
        )
    return f"The event {verb} postponed to a later date."


def date_label(info: EventInfo) -> str:
    return "Date" if info.day_holds else "Originally planned"


def programme_status(item: ProgrammeItem, style: Style) -> str:
    """(cancelled); (moved from 30 January 2021); (new date); (postponed to a later date)."""
    if item.status == "cancelled":
        return "(cancelled)"
    if item.status == "postponed":
        if item.postponed_to:
            return (
                f"(moved from {typography.date_long(item.day, style)})"
                if item.day
                else "(new date)"
            )
        return "(postponed to a later date)"
    return ""


# ---------------------------------------------------------------- programme

PROGRAMME_LABELS = {
    "einlass": "Doors open",
    "begruessung": "Welcome",
    "eroeffnung": "Opening",
    "grusswort": "Address",  # a Grußwort; the welcome itself is begruessung
    "rede": "Speech",
    "keynote": "Keynote",
    "vortrag": "Talk",
    "workshop": "Workshop",
    "podium": "Panel discussion",
    "podiumsdiskussion": "Panel discussion",
    "moderation": "Presented by",
    "pause": "Break",
    "fuehrung": "Guided tour",
    "preisverleihung": "Award ceremony",
    "kultur": "Cultural programme",
    "musik": "Music",
    "empfang": "Reception",
    "sonstiges": "Programme item",
}
_TITLED_KINDS = {"keynote", "vortrag", "workshop", "podium", "podiumsdiskussion", "rede"}


def programme_heading(item: ProgrammeItem, style: Style) -> str:
    """Keynote: “Smart surveillance cities?” — label, then title; a title that says what
    the label would stands alone."""
    label = item.label or PROGRAMME_LABELS[item.kind]
    # "TowerByte's traditional summer reception": the title says what the label would.
    if item.title and re.search(rf"\b{re.escape(label.lower())}\b", item.title.lower()):
        return item.title
    if item.kind == "grusswort" and not item.label and len(item.speakers) > 1:
        label = "Addresses"
    if not item.title:
        return label
    title = typography.quoted(item.title, style) if item.kind in _TITLED_KINDS else item.title
    return f"{label}: {title}"


def programme_time(item: ProgrammeItem, style: Style) -> str:
    """2:30 pm, or 2:30–4 pm with an end."""
    if item.start is None:
        return ""
    if item.end is None:
        return typography.time_of_day(item.start, style)
    return typography.time_range(item.start, item.end, style)


def day_heading(day: dt.date | None, style: Style) -> str:
    return typography.date_with_weekday(day, style) if day else OPEN_DATE


# ---------------------------------------------------------------- the invitation

MORE_ABOUT_THE_EVENT = "More about the event"

COVERAGE_NOTES = {
    "Presseeinladung": "Journalists are warmly invited to attend. We look forward to seeing you.",
    "Terminankündigung": "We would be grateful if you could include the event in your listings "
    "and coverage.",
    "Terminverschiebung": "Please publish the new date.",
    "Absage": "Please publish the cancellation.",
}


def coverage_note(
    kind: str, invited_already: bool = False, new_day: bool = True, public: bool = True
) -> str:
    """The closing line of what goes to journalists before the event, by what it is."""
    if kind == "Terminankündigung" and not public:
        return "We would be grateful for your coverage of the event."
    if kind == "Presseeinladung" and invited_already:
        return "We look forward to seeing you."
    if kind == "Terminverschiebung" and not new_day:
        return "Please publish the postponement."
    return COVERAGE_NOTES[kind]


_INVITES = (
    re.compile(r"\binvit(?:e|es|ing)\b[^.!?]*\byou\b", re.IGNORECASE),
    re.compile(
        r"\b(?:you|media|journalists?|press|editors?)\b[^.!?]*\b(?:are|is)\b[^.!?]*\binvited\b",
        re.IGNORECASE,
    ),
)


def invites(texts: Sequence[str]) -> bool:
    """Whether the author's words already invite the reader: 'we invite you', 'journalists
    are cordially invited'."""
    return any(pattern.search(text) for text in texts for pattern in _INVITES)


def invitation_subject(title: str) -> str:
    return f"Invitation: {title}"


def registration_subject(title: str) -> str:
    return f"Registration: {title}"


def registration_note(deadline: dt.date, style: Style) -> str:
    """Please register by Monday, 14 August 2017."""
    return f"Please register by {typography.date_with_weekday(deadline, style)}."


def accreditation(wanted: Accreditation | None, own_contact: bool, style: Style) -> str:
    """Please apply for accreditation by …, with: — or with the press contact below."""
    if wanted is None:
        return ""
    until = (
        f" by {typography.date_with_weekday(wanted.deadline, style)}," if wanted.deadline else ""
    )
    whom = "with:" if own_contact else "with the press contact below."
    return f"Please apply for accreditation{until} {whom}"


# ---------------------------------------------------------------- the press release by mail


def press_subject(kind: str, headline: str, embargo_moment: str) -> str:
    """Press release: <headline>, with the embargo when there is one."""
    subject = f"{KINDS.get(kind, kind)}: {headline}"
    return f"{subject} (embargoed until {embargo_moment})" if embargo_moment else subject


def photos_to_download(urls: Sequence[str]) -> str:
    noun = "Print-quality photo" if len(urls) == 1 else "Print-quality photos"
    return f"{noun} to download: {', '.join(urls)}"


# ---------------------------------------------------------------- photos on the web


def photo_download_label(src: str, size: tuple[int, int] | None) -> str:
    """Download photo (PNG, 2400 × 1500 pixels)."""
    kind = src.rsplit(".", 1)[-1].upper().replace("JPEG", "JPG")
    details = f"{kind}, {size[0]}\u00a0×\u00a0{size[1]}\u00a0pixels" if size else kind
    return f"Download photo ({details})"


def photo_archive_label(count: int) -> str:
    if count == 1:
        return "Download the press photo with its credit (ZIP)"
    return "Download all press photos with their credits (ZIP)"


def photo_embargo_note(moment: str) -> str:
    return f"Embargoed until {moment}. The photos must not be published before then."


def credit_request(credits: Sequence[str | None], style: Style) -> str:
    """One photo's credit word for word, else each photo's own."""
    if len(credits) == 1 and credits[0]:
        credit = typography.quoted(f"Photo: {credits[0]}", style)
        return f"Please give the photo credit with every use: {credit}."
    return "Please give each photo's credit with every use."
