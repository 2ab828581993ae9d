"""The German phrases and sentences pressgen writes about an event, made from its data.

Each function takes parts of the (typeset) event and returns finished German:
the attribution of a quote, the thanks, the footer's "bei der TowerByte eG",
the facts box's guests and place, the programme's headings. The rules of
grammar they use are in grammar.py; tests/test_grammar.py holds them to a
table of exact sentences.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote, urlsplit

from pressgen.german import grammar, typography
from pressgen.german.grammar import NounPhrase
from pressgen.german.typography import NBSP, Style
from pressgen.source.event import (
    Accreditation,
    ActingOrganisation,
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

# What a draft prints where a fact is still open: visible, never mistaken for a fact.
OPEN_DATE = f"[Datum{NBSP}offen]"
OPEN_TIME = f"[Uhrzeit{NBSP}offen]"
OPEN_CREDIT = f"[Bildnachweis{NBSP}offen]"
# What each open fact is called in the draft note above every output.
_OPEN_NAMES = {
    "date": "Datum",
    "start": "Uhrzeit",
    "publication_date": "Datum der Veröffentlichung",
    "credit": "Bildnachweis",
}


def draft_note(open_facts: Sequence[tuple[str | int, ...]], style: Style) -> str:
    """Entwurf – noch offen: Datum, Uhrzeit und Bildnachweis."""
    names = [_OPEN_NAMES[str(place[-1])] for place in open_facts]
    credits = names.count("Bildnachweis")
    if credits > 1:  # one name for every open credit
        names = [name for name in names if name != "Bildnachweis"] + [f"{credits} Bildnachweise"]
    if not names:
        return "Entwurf"
    return f"Entwurf – noch offen: {typography.join(names, style)}"


def role_label(label: str, parties: Sequence[Organisation | Party]) -> str:
    """Veranstalter, Gastgeber — in the feminine for one party that is „die“ (die
    Hochschulrektorenkonferenz: Veranstalterin); the masculine for several."""
    if len(parties) == 1 and parties[0].article == "die" and not parties[0].plural:
        return f"{label}in"
    return label


def issue_draft_note(headlines: Sequence[str], style: Style) -> str:
    """A newsletter issue with a draft among its events is a draft itself: „Entwurf –
    enthält einen Entwurf: „Headline““."""
    if not headlines:
        return ""
    quoted = typography.join([typography.quoted(headline, style) for headline in headlines], style)
    count = "einen Entwurf" if len(headlines) == 1 else f"{len(headlines)} Entwürfe"
    return f"Entwurf – enthält {count}: {quoted}"


sentence = grammar.sentence


def embargo_line(moment: str) -> str:
    """Sperrfrist: 15. Januar 2027, 18 Uhr."""
    return f"Sperrfrist: {moment}"


def quote_verb(report: bool) -> str:
    """The verb a quote is said with when the file gives none: one tense, „sagte“ in a
    report."""
    return "sagte" if report else "sagt"


# ---------------------------------------------------------------- organisations


def organisation_phrase(organisation: Organisation) -> NounPhrase:
    return NounPhrase(
        organisation.name,
        organisation.article,
        organisation.plural,
        organisation.short_name,
    )


def party_phrase(party: Party) -> NounPhrase:
    return NounPhrase(party.name, party.article, party.plural, party.short_name, party.dative)


def about_heading(organisation: Organisation) -> str:
    """Über die TowerByte eG; Über den Förderverein Musterstadt e. V. (FVM)."""
    return grammar.capitalised(organisation_phrase(organisation).after("über"))


def subscription_note(organisation: Organisation) -> str:
    """The footer's reason: '… weil Sie ihn bei der TowerByte eG bestellt haben.'

    The full name: the newsletter may nowhere say what a short name stands for.
    """
    phrase = organisation_phrase(organisation)
    where = NounPhrase(phrase.name, phrase.article, phrase.plural).after("bei")
    return grammar.sentence(f"Sie erhalten diesen Newsletter, weil Sie ihn {where} bestellt haben")


def unsubscribe_text(address: str, style: Style) -> str:
    """The Abmeldelink for plain text: a web address as it is; a mailto: link in words,
    'E-Mail an abmelden@… mit dem Betreff „Newsletter abbestellen“'."""
    if not address.startswith("mailto:"):
        return address
    target = urlsplit(address)
    subject = parse_qs(target.query).get("subject", [""])[0]
    words = f"E-Mail an {unquote(target.path)}"
    return f"{words} mit dem Betreff {typography.quoted(subject, style)}" if subject else words


# ---------------------------------------------------------------- people


def apposition(person: Person) -> str:
    """What follows the name at first mention: the role, with the organisation if the role
    does not name it: 'Botschafter der Initiative …', 'Chefin (X GmbH)'."""
    role, organisation = person.role, person.organisation
    if not role or person.role_before_name:  # the function stands before the name instead
        return ""
    if not organisation or organisation in role:
        return role
    article = person.organisation_article
    named = NounPhrase(organisation, article or "keiner")
    if person.organisation_preposition:  # Professorin an der Hochschule, Referent im Ministerium
        return f"{role} {named.after(person.organisation_preposition)}"
    if article is None:
        return f"{role} ({organisation})"
    if article == "keiner":
        return f"{role} bei {organisation}"
    return f"{role} {named.form('gen')}"


def full_name(person: Person) -> str:
    """Name and function: 'Conrad Wrobel, Aufsichtsrat …'; without a role the organisation
    in brackets: 'Christoph Kögler (T-Systems …)'; or the name alone."""
    if person.role and person.role_before_name:  # Bruchsals Oberbürgermeisterin Cornelia …
        return f"{person.role} {person.name}"
    described = apposition(person)
    if described:
        return f"{person.name}, {described}"
    if person.organisation:
        return f"{person.name} ({person.organisation})"
    return person.name


# How someone who is not in the room speaks: in a sentence, and as a note beside the name.
_HOW_SPOKEN = {"video_message": "in einer Videobotschaft", "online": "per Videoschalte"}
_PRESENCE_NOTES = {
    "video_message": "per Videobotschaft",
    "online": "per Videoschalte",
    "absent": "abgesagt",
}


def presence_note(person: Person) -> str:
    """Beside the name in the programme: per Videobotschaft, per Videoschalte, abgesagt."""
    return _PRESENCE_NOTES.get(person.presence, "")


def with_presence(text: str, person: Person) -> str:
    """A name (with its function) and, for someone not in the room, how they take part."""
    note = presence_note(person)
    return f"{text} ({note})" if note else text


def how_spoken(people: Sequence[Person]) -> str:
    """'in einer Videobotschaft' when every speaker of a quote spoke so, else nothing."""
    ways = {person.presence for person in people}
    return _HOW_SPOKEN.get(ways.pop(), "") if len(ways) == 1 else ""


def honoured_guest(person: Person) -> str:
    """A guest of honour in a list of several: the function in brackets, so the commas
    stay the list's: 'Bernd Beispiel (Oberbürgermeister der Stadt Bruchsal)'; one who
    speaks by video says so."""
    note = presence_note(person)
    if person.role and person.role_before_name:
        return with_presence(f"{person.role} {person.name}", person)
    described = "; ".join(
        part for part in (apposition(person) or person.organisation, note) if part
    )
    return f"{person.name} ({described})" if described else person.name


def later_mentions(people: Iterable[Person]) -> dict[str, str]:
    """How a later mention names each person (name → surname): „Muster“ for Erika Muster,
    „von der Leyen“; a group, a one-word name, or a surname two people share keeps the
    whole name."""
    people = list(people)
    short = {person.name: person.later_name or _surname(person) for person in people}
    taken: dict[str, int] = {}
    for name in set(short):
        taken[short[name]] = taken.get(short[name], 0) + 1
    return {name: surname if taken[surname] == 1 else name for name, surname in short.items()}


_PARTICLES = frozenset({"von", "vom", "zu", "zum", "zur", "van", "de", "del", "della", "di",
                        "da", "le", "la", "ten", "ter", "der", "den"})  # fmt: skip


def _surname(person: Person) -> str:
    words = person.name.split()
    if person.plural or len(words) < 2 or not words[0][:1].isupper():
        return person.name  # a group (die Gäste, das Publikum) or a single name
    start = len(words) - 1
    while start > 1 and words[start - 1] in _PARTICLES:
        start -= 1
    return " ".join(words[start:])


def speakers(
    people: Sequence[Person],
    *,
    full: bool,
    more_follows: bool,
    known_as: Mapping[str, str] | None = None,
) -> str:
    """Several people as the subject of a sentence, each apposition closed by a comma
    where the sentence goes on: 'Anna Muster, Vorsitzende, und Ben Beispiel, Kassenwart,'.
    People of one and the same function have it said once, after the last name."""
    shared = {apposition(person) for person in people}
    if full and len(people) > 1 and len(shared) == 1 and "" not in shared:
        names = joined_with_commas([person.name for person in people])
        return f"{names}, {shared.pop()}" + ("," if more_follows else "")
    parts = []
    for index, person in enumerate(people):
        later = (known_as or {}).get(person.name, person.name)
        text = full_name(person) if full else later
        goes_on = index < len(people) - 1 or more_follows
        if full and apposition(person) and goes_on:
            text += ","
        parts.append(text)
    return joined_with_commas(parts)


def joined_with_commas(parts: list[str], conjunction: str = "und") -> str:
    """A, B und C — where an item ends with the comma that closes its apposition, that
    comma stands for the list's own: 'Anna Muster, Vorsitzende, Ben Beispiel und …'.
    The English edition joins with 'and'."""
    text = parts[0]
    for index, part in enumerate(parts[1:], start=1):
        last = index == len(parts) - 1
        if last:
            text += f" {conjunction} {part}"
        else:
            text += f" {part}" if text.endswith(",") else f", {part}"
    return text


def introduces(text: str, person: Person) -> bool:
    """Whether a paragraph names the person together with their function, in whatever
    inflection (den Aufsichtsrat …, Geschäftsführenden Partner …): then a later quote
    need not say it again. A bare name does not introduce someone who has a function."""
    if person.name not in text:
        return False
    described = " ".join(part for part in (person.role, person.organisation) if part)
    words = [word for word in re.findall(r"\w{4,}", described)]
    if not words:
        return True
    lowered = text.lower()
    stems = [word[: max(4, len(word) - 3)].lower() for word in words]
    # „Bürgermeisterin Birgit Hannemann“ names the function, if not where she holds it.
    function = re.findall(r"\w{4,}", person.role or "")[:1]
    if function and re.search(
        rf"{re.escape(function[0][: max(4, len(function[0]) - 3)])}\w*\s+{re.escape(person.name)}",
        text,
        re.IGNORECASE,
    ):
        return True
    return sum(stem in lowered for stem in stems) * 2 >= len(stems)


def plural_subject(people: Sequence[Person]) -> bool:
    return len(people) > 1 or people[0].plural


def pull_quote_speaker(people: Sequence[Person]) -> str:
    """Under a quote set apart (the newsletter): names and functions in full, and how
    they spoke when not in the room."""
    named = grammar.capitalised(speakers(people, full=True, more_follows=False))
    how = how_spoken(people)
    return f"{named} ({how.replace('in einer', 'per')})" if how else named


@dataclass(frozen=True)
class QuoteSentence:
    """A quote as a press release sentence: before + words + after; `speaker` as printed."""

    before: str
    words: str
    after: str
    speaker: str


# Strong verbs a quote is said with, present → past; weak verbs take -te.
_PAST = {"spricht": "sprach", "unterstreicht": "unterstrich", "ruft": "rief",
         "hebt": "hob", "weist": "wies", "schreibt": "schrieb", "hält": "hielt",
         "bittet": "bat", "gibt": "gab", "weiß": "wusste", "denkt": "dachte",
         "bringt": "brachte", "nennt": "nannte", "ist": "war"}  # fmt: skip


def past_of(verb: str) -> str:
    """betont → betonte, erinnert sich → erinnerte sich, hebt hervor → hob hervor."""
    first, _, rest = verb.partition(" ")
    if first in _PAST:
        past = _PAST[first]
    elif first.endswith("t"):
        past = first + "e"  # betont → betonte, arbeitet → arbeitete
    else:
        past = first
    return f"{past} {rest}".strip()


def quote_sentence(
    quote: Quote,
    people: Sequence[Person],
    *,
    full: bool,
    style: Style,
    known_as: Mapping[str, str] | None = None,
    introduced: Set[str] = frozenset(),
) -> QuoteSentence:
    """'Conrad Wrobel, Aufsichtsrat …, zeigte sich erfreut …: „…“' with a lead-in (a
    comma only after a function); otherwise '„…“, sagt Erika Muster.' — the quote's
    own full stop gives way to the comma, the verb agrees with the speakers. Speakers of
    a quote said in full are all named with their function, even one the text named
    before (`introduced`, which the English edition shortens): a German release keeps
    where each of them works.
    """
    how = how_spoken(people)  # a quote from a Videobotschaft says so
    if quote.lead_in:
        subject = grammar.capitalised(
            speakers(people, full=full, more_follows=True, known_as=known_as)
        )
        lead_in = f"{quote.lead_in} {how}" if how else quote.lead_in
        words = quote.text.strip()
        # The quote stays word for word, as in every other output; where it does not end
        # with its own mark, the sentence's full stop follows the closing quotation mark.
        ends = words.rstrip("“”‘’\"'»«›‹)").endswith((".", "!", "?", "…"))
        quoted = typography.quoted(words, style)
        return QuoteSentence(
            f"{subject} {lead_in}: ", quoted, "" if ends else ".", subject.rstrip(",")
        )
    words = quote.text.strip()
    words = words.removesuffix(".") if not words.endswith("..") else words
    verb = grammar.verb_for(quote.verb, plural_subject(people))
    who = speakers(people, full=full, more_follows=bool(how), known_as=known_as)
    said = f"{who} {how}" if how else who
    after = grammar.sentence(f", {verb} {said}")
    return QuoteSentence("", typography.quoted(words, style), after, who.rstrip(","))


# ---------------------------------------------------------------- thanks


def thanks_sentences(
    event: Event,
    introduced: Set[str] = frozenset(),
    *,
    report: bool | None = None,
    known_as: Mapping[str, str] | None = None,
    style: Style | None = None,
) -> list[str]:
    """Every sentence of thanks; by default one to the sponsors, as Sponsoren. People
    who thank in person are named with their function unless the body has `introduced`
    them (then by surname, as `known_as` says); they thank in the past tense in a report
    (`report`: the document's phase, else told by the dates), in the present before the
    event."""
    groups = event.thanks
    if groups is None:
        groups = [Thanks(to=["sponsors"], noun="sponsoren")] if event.sponsors else []
    sentences = []
    for group in groups:
        thanked = [party_phrase(party) for party in thanked_parties(group, event)]
        if not thanked:
            continue
        people = [event.person(key) for key in group.by]
        named = set(group.by) & set(introduced)
        if named and named != set(group.by):  # some named before: each as far as needed
            thanked_by = _each_as_needed(group.by, event, introduced, known_as)
        else:
            full = not named
            thanked_by = (
                speakers(people, full=full, more_follows=True, known_as=known_as) if people else ""
            )
        sentences.append(
            grammar.thanks(
                thanked,
                role=group.noun,
                reason=group.reason or "",
                lead_in=group.lead_in or event.sponsors_lead_in,
                thanked_by=thanked_by,
                several=bool(people) and plural_subject(people),
                past=is_report(event) if report is None else report,
                conjunction=event.typography.conjunction,
            )
        )
    return sentences


# ---------------------------------------------------------------- awards and handovers


def _organisation_phrase(organisation: NamedOrganisation) -> NounPhrase:
    plural = isinstance(organisation, ActingOrganisation) and organisation.plural
    return NounPhrase(organisation.name, organisation.article, plural)


def _each_as_needed(
    keys: Sequence[str],
    event: Event,
    introduced: Set[str],
    known_as: Mapping[str, str] | None,
) -> str:
    """Several people as a subject, each named once in full and then briefly:
    „Brandl und Omar Haddad, stellvertretender Vorsitzender,“."""
    return joined_with_commas(_named_each(keys, event, introduced, known_as))


def _named_each(
    keys: Sequence[str],
    event: Event,
    introduced: Set[str],
    known_as: Mapping[str, str] | None,
) -> list[str]:
    """Each person in full (a function's apposition closed by its comma), or briefly
    when named before."""
    parts = []
    for key in keys:
        person = event.person(key)
        full = key not in introduced
        text = _named_person(person, full, known_as)
        parts.append(text + "," if full and apposition(person) else text)
    return parts


def with_details(named: str, details: str) -> str:
    """Lisa Hofmann (1. Platz, 5.000 Euro); one pair of brackets where the name has one
    already: Johanna Strauß, Augenoptikerin (Sehwerk; 3. Platz)."""
    if not details:
        return named
    if named.endswith(")"):
        return f"{named[:-1]}; {details})"
    return f"{named} ({details})"


def _named_person(person: Person, full: bool, known_as: Mapping[str, str] | None) -> str:
    if not full:
        return (known_as or {}).get(person.name, person.name)
    return full_name(person)


def award_sentences(
    award: Award,
    event: Event,
    *,
    report: bool,
    introduced: Set[str] = frozenset(),
    known_as: Mapping[str, str] | None = None,
    style: Style | None = None,
) -> list[str]:
    """How many applied and were nominated; in a report, who received the prize:
    „Den Innovationspreis Handwerk 2026 erhielten Lisa Hofmann (1. Platz, 5.000 Euro)
    und die Demir Dachtechnik GmbH (Sonderpreis).“ An invitation never names winners."""
    style = event.typography
    sentences = []
    prize = NounPhrase(award.prize, award.article)
    counts = []
    if award.applications:
        counts.append(
            f"{'waren' if report else 'sind'} {typography.number(award.applications, style)} "
            f"{'Bewerbung' if award.applications == 1 else 'Bewerbungen'} eingegangen"
        )
    if award.nominees:
        verb = (
            ("war" if report else "ist") if award.nominees == 1 else ("waren" if report else "sind")
        )
        counts.append(f"{typography.number(award.nominees, style)} {verb} nominiert")
    if counts:
        sentences.append(grammar.sentence(f"Für {prize.form('acc')} " + ", ".join(counts)))
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
                named = _named_person(person, full, known_as)
                goes_on = index < len(award.winners) - 1
                text = with_details(named, details)
                if full and apposition(person) and goes_on:
                    text += ","  # the apposition's closing comma
            elif winner.organisation is not None:
                named = _organisation_phrase(winner.organisation).form("nom")
                text = with_details(named, details)
            parts.append(text)
        several = len(award.winners) > 1 or any(
            winner.organisation is not None and winner.organisation.plural
            for winner in award.winners
        )
        sentences.append(
            grammar.sentence(
                f"{grammar.capitalised(prize.form('acc'))} {'erhielten' if several else 'erhielt'} "
                + joined_with_commas(parts)
            )
        )
    return sentences


def handover_sentence(
    handover: Handover,
    event: Event,
    *,
    report: bool,
    introduced: Set[str] = frozenset(),
    known_as: Mapping[str, str] | None = None,
    style: Style | None = None,
    again: bool = False,
) -> str:
    """„Ben Beispiel, Vorsitzender des Fördervereins, übergab einen Spendenscheck über
    2.741,70 Euro an Max Muster, den Sozialreferenten der Stadt, und den Förderverein
    Kinderhospiz e. V.“ — in the present before the event. `again`: the same givers as
    in the sentence before, not named twice: „Außerdem übergaben sie …“."""
    style = event.typography
    givers = _named_each(handover.by, event, introduced, known_as)  # the subject
    givers += [_organisation_phrase(party).form("nom") for party in handover.by_organisations]
    people = [event.person(key) for key in handover.by]
    several = (
        len(givers) > 1
        or any(p.plural for p in people)
        or any(party.plural for party in handover.by_organisations)
    )
    verb = {
        (True, True): "übergaben",
        (True, False): "übergab",
        (False, True): "übergeben",
        (False, False): "übergibt",
    }[(report, several)]
    receivers: list[str] = []  # in the accusative: a function with its article
    for index, key in enumerate(handover.to):
        person = event.person(key)
        if person.role and person.role_before_name:
            text = f"{person.role} {person.name}"
        elif person.role and key not in introduced:
            text = f"{person.name}, {grammar.accusative_role(person.role)}"
            more = index < len(handover.to) - 1 or handover.to_organisations or handover.purpose
            text += "," if more else ""
        else:
            text = (known_as or {}).get(person.name, person.name)
        receivers.append(text)
    receivers += [_organisation_phrase(party).form("acc") for party in handover.to_organisations]
    amount = f" über {typography.money(handover.amount, style)}" if handover.amount else ""
    receiving = (
        joined_with_commas(receivers).rstrip(",")
        if not handover.purpose
        else (joined_with_commas(receivers))
    )
    purpose = f" {handover.purpose}" if handover.purpose else ""
    if again:
        if several:
            subject = "sie"
        elif handover.by:
            subject = (known_as or {}).get(people[0].name, givers[0])
        else:
            subject = givers[0]
        told = f"Außerdem {verb} {subject} {handover.what}{amount} an {receiving}{purpose}"
        return grammar.sentence(told)
    subject = grammar.capitalised(joined_with_commas(givers))
    return grammar.sentence(f"{subject} {verb} {handover.what}{amount} an {receiving}{purpose}")


def is_report(event: Event) -> bool:
    """Whether the release looks back: it is published after the event's last day."""
    published, last_day = event.press_release.publication_date, event.event.end_day
    return published is not None and last_day is not None and published > last_day


def thanked_parties(group: Thanks, event: Event) -> list[Party]:
    parties: list[Party] = []
    for entry in group.to:
        if entry == "sponsors":
            parties += event.sponsors
        elif entry == "host":
            parties += [event.event.host] if event.event.host else []
        elif entry == "co_hosts":
            parties += event.event.co_hosts
        elif isinstance(entry, Party):
            parties.append(entry)
    return parties


# ---------------------------------------------------------------- facts


# Words for people that have gendered forms, as the gender setting writes them.
PEOPLE_WORDS: dict[str, dict[str, str]] = {
    "teilnehmer": {
        "none": "Teilnehmer",
        "paarform": "Teilnehmerinnen und Teilnehmer",
        "neutral": "Teilnehmende",
        "stern": "Teilnehmer*innen",
        "doppelpunkt": "Teilnehmer:innen",
    },
    "besucher": {
        "none": "Besucher",
        "paarform": "Besucherinnen und Besucher",
        "neutral": "Besuchende",
        "stern": "Besucher*innen",
        "doppelpunkt": "Besucher:innen",
    },
    "gaeste": dict.fromkeys(("none", "paarform", "neutral", "stern", "doppelpunkt"), "Gäste"),
}


def guests_noun(info: EventInfo, gender: str = "none") -> str:
    """What the guests are called: the setting's word, or the author's own."""
    chosen = (info.guests_noun or "gaeste").strip()
    words = PEOPLE_WORDS.get(chosen.lower())
    if words is None:
        return chosen
    if info.guests == 1 and chosen.lower() == "gaeste":
        return "Gast"
    return words[gender]


def guests_count(info: EventInfo, style: Style) -> str:
    """über 80; bis zu 250 — the count without the word for the guests."""
    if info.guests is None:
        return ""
    qualifier = f"{info.guests_qualifier} " if info.guests_qualifier else ""
    return f"{qualifier}{typography.number(info.guests, style)}"


def guests(info: EventInfo, style: Style) -> str:
    """über 80 Gäste; rund 40 Unternehmerinnen und Unternehmer; with viewers online
    apart: rund 700 Gäste vor Ort und 800 online."""
    noun = guests_noun(info, getattr(style, "gender", "neutral"))
    online = typography.number(info.guests_online, style) if info.guests_online else ""
    if info.guests is None:
        return f"{online}{NBSP}{noun} online" if online else ""
    on_site = f"{guests_count(info, style)}{NBSP}{noun}"
    return f"{on_site} vor Ort und {online} online" if online else on_site


def place(venue: Venue) -> str:
    """Villa Rosenthal, Leutragraben 1, 07743 Jena — as much as is known, nothing twice."""
    if venue.address is None:
        return venue.name or ""
    address = typography.postal_address(venue.address)
    if not venue.name:
        return address
    bare_city = not venue.address.street and not venue.address.postcode
    # "Jena, Jena" or "Gründerzentrum Musterstadt, Musterstadt" says the city twice.
    if venue.name == venue.address.city or (bare_city and venue.address.city in venue.name):
        return venue.name if venue.name != venue.address.city else address
    return f"{venue.name}, {address}"


ONLINE = "online"


def event_place(info: EventInfo) -> str:
    """Where the event takes place: its venue, or 'online' for an event only online."""
    return place(info.venue) if info.venue is not None else ONLINE


def other_places(event: Event, style: Style | None = None) -> list[str]:
    """Where parts of the event take place apart from its venue, each with what is there
    and on which day: „Werksgelände, Industriestraße 1, Wartenberg (Tag der offenen
    Tür, Sonntag, 16. Juni 2024)“; each place once."""
    style = event.typography
    main = event_place(event.event)
    places: dict[str, list[str]] = {}
    for item in held_elsewhere(event):
        assert item.venue is not None
        where = place(item.venue)
        if not where or where == main:
            continue
        what = programme_heading(item, style)
        day = typography.date_with_weekday(item.day) if item.day else ""
        places.setdefault(where, []).append(", ".join(part for part in (what, day) if part))
    return [f"{where} ({'; '.join(parts)})" for where, parts in places.items()]


def held_elsewhere(event: Event) -> list[ProgrammeItem]:
    """The programme's points that take place at a place of their own: with an address.
    A venue with a name only (Seminarraum 2) is a room of the event's venue, which the
    programme names beside its point; a cancelled point is nowhere."""
    return [
        item
        for item in event.programme
        if item.venue is not None and item.venue.address is not None and item.status != "cancelled"
    ]


def other_places_label(count: int) -> str:
    return "Weitere Orte" if count > 1 else "Weiterer Ort"


def status_note(info: EventInfo, style: Style | None = None, *, report: bool = False) -> str:
    """What becomes of an event that does not take place as announced; a report (after
    the day) says it in the past: „Die Veranstaltung wurde abgesagt.“"""
    if info.status == "cancelled":
        return "Die Veranstaltung wurde abgesagt." if report else "Die Veranstaltung fällt aus."
    if info.status != "postponed":
        return ""
    verb = "wurde" if report else "wird"
    if info.postponed_to:
        day = info.postponed_to
        weekday = typography.date_with_weekday(day).split(",")[0]
        return (
            f"Die Veranstaltung {verb} auf {weekday}, den {typography.date_long(day)}, verschoben."
        )
    return f"Die Veranstaltung {verb} auf einen späteren Termin verschoben."


def date_label(info: EventInfo) -> str:
    """The facts box's label for the day: a day that no longer holds is named as what it
    was, never printed as if the event still took place then."""
    if not info.day_holds:
        return "Ursprünglich geplant"
    return "Datum"


def programme_status(item: ProgrammeItem, style: Style | None = None) -> str:
    """A programme point that does not take place as announced, after its heading:
    (fällt aus); one moved to a known day stands under that day: (verschoben vom
    30. Januar 2021), or (neuer Termin) when its first day is not given."""
    if item.status == "cancelled":
        return "(fällt aus)"
    if item.status == "postponed":
        if item.postponed_to:
            return (
                f"(verschoben vom {typography.date_long(item.day)})"
                if item.day
                else "(neuer Termin)"
            )
        return "(auf einen späteren Termin verschoben)"
    return ""


# ---------------------------------------------------------------- programme

PROGRAMME_LABELS = {
    "einlass": "Einlass",
    "begruessung": "Begrüßung",
    "eroeffnung": "Eröffnung",
    "grusswort": "Grußwort",
    "rede": "Rede",
    "keynote": "Keynote",
    "vortrag": "Vortrag",
    "workshop": "Workshop",
    "podium": "Podiumsdiskussion",
    "podiumsdiskussion": "Podiumsdiskussion",
    "moderation": "Moderation",
    "pause": "Pause",
    "fuehrung": "Führung",
    "preisverleihung": "Preisverleihung",
    "kultur": "Kulturprogramm",
    "musik": "Musik",
    "empfang": "Empfang",
    "sonstiges": "Programmpunkt",
}

# Kinds whose title is a theme and is therefore set in quotation marks.
_TITLED_KINDS = {"keynote", "vortrag", "workshop", "podium", "podiumsdiskussion", "rede"}


def programme_heading(item: ProgrammeItem, style: Style) -> str:
    """Keynote: „Smarte Überwachungsstädte? …“ — label, then title; a title that says
    what the label would (Empfang mit Buffet) stands alone."""
    label = item.label or PROGRAMME_LABELS[item.kind]
    if item.title:
        first_word = item.title.split(" ", 1)[0].lower()
        # "Empfang mit Buffet", "Mittagspause mit Ausstellung": the title says what the
        # label would.
        if item.title.lower().startswith(label.lower()) or first_word.endswith(label.lower()):
            return item.title
    if item.kind == "grusswort" and not item.label and len(item.speakers) > 1:
        label = "Grußworte"  # each speaker gives their own
    if not item.title:
        return label
    title = typography.quoted(item.title, style) if item.kind in _TITLED_KINDS else item.title
    return f"{label}: {title}"


def programme_time(item: ProgrammeItem, style: Style | None = None) -> str:
    """14:30 Uhr, or 14:30 bis 16 Uhr with an end."""
    if item.start is None:
        return ""
    if item.end is None:
        return typography.time_of_day(item.start)
    return typography.time_range(item.start, item.end)


def day_heading(day: dt.date | None, style: Style | None = None) -> str:
    return typography.date_with_weekday(day) if day else OPEN_DATE


# ---------------------------------------------------------------- the invitation

MORE_ABOUT_THE_EVENT = "Mehr zur Veranstaltung"

# The closing line of what goes to journalists before the event, by what it is.
COVERAGE_NOTES = {
    "Presseeinladung": "Wir laden Sie herzlich ein und freuen uns auf Ihren Besuch und Ihre "
    "Berichterstattung.",
    "Terminankündigung": "Wir freuen uns über eine Ankündigung in Ihrem Veranstaltungskalender "
    "und über Ihre Berichterstattung.",
    "Terminverschiebung": "Wir bitten um Veröffentlichung des neuen Termins.",
    "Absage": "Wir bitten um Veröffentlichung der Absage.",
}


def coverage_note(
    kind: str, invited_already: bool = False, new_day: bool = True, public: bool = True
) -> str:
    """Presseeinladung, Terminankündigung, Terminverschiebung or Absage: its closing line.
    Where the author's text has already invited, the invitation's line does not again;
    a postponement without its `new_day` asks to publish the postponement itself; an
    event closed to the public is announced for coverage, not for a calendar."""
    if kind == "Presseeinladung" and invited_already:
        return "Wir freuen uns auf Ihren Besuch und Ihre Berichterstattung."
    if kind == "Terminankündigung" and not public:
        return "Wir freuen uns über Ihre Berichterstattung."
    if kind == "Terminverschiebung" and not new_day:
        return "Wir bitten um Veröffentlichung der Terminverschiebung."
    return COVERAGE_NOTES[kind]


def invites(texts: Sequence[str]) -> bool:
    """Whether the author's words already invite the reader: „laden wir Sie herzlich ein“,
    „Medienvertreter sind herzlich eingeladen“. An organisation inviting its guests („lädt
    Vertreter aus Politik … ein“) does not invite the journalist."""
    return any(pattern.search(text) for text in texts for pattern in _INVITES)


# Within one sentence: a full stop after a digit („am 3. Juni“) does not end it.
_IN_SENTENCE = r"(?:[^.!?]|(?<=\d)\.)*?"
_INVITES = (
    re.compile(rf"\b(?:lade|laden|lädt|ladet)\b{_IN_SENTENCE}\bSie\b{_IN_SENTENCE}\bein\b"),
    re.compile(
        rf"\b(?:Sie|Medien\w*|Journalist\w*|Presse\w*|Redaktion\w*)\b{_IN_SENTENCE}"
        r"\beingeladen\b"
    ),
)


def invitation_subject(title: str) -> str:
    """The invitation email's subject when the file gives none."""
    return f"Einladung: {title}"


def registration_subject(title: str) -> str:
    """The subject of an email that registers for the event."""
    return f"Anmeldung: {title}"


def registration_note(deadline: dt.date, style: Style | None = None) -> str:
    """Bitte melden Sie sich bis Montag, 14. August 2017, an."""
    return f"Bitte melden Sie sich bis {typography.date_with_weekday(deadline)}, an."


def accreditation(
    wanted: Accreditation | None, own_contact: bool, style: Style | None = None
) -> str:
    """The press invitation's request: „… bis …, bei:“ before its own contact, else
    pointing to the Pressekontakt at the end."""
    if wanted is None:
        return ""
    until = f" bis {typography.date_with_weekday(wanted.deadline)}," if wanted.deadline else ""
    whom = "bei:" if own_contact else "beim unten genannten Pressekontakt."
    return f"Bitte akkreditieren Sie sich{until} {whom}"


# ---------------------------------------------------------------- the press release by mail


def press_subject(kind: str, headline: str, embargo_moment: str) -> str:
    """„Pressemitteilung: <Überschrift>“, with the Sperrfrist when there is one."""
    subject = f"{kind}: {headline}"
    return f"{subject} (Sperrfrist: {embargo_moment})" if embargo_moment else subject


def photos_to_download(urls: Sequence[str]) -> str:
    """The line for photos too large to attach."""
    noun = "Foto in Druckqualität" if len(urls) == 1 else "Fotos in Druckqualität"
    return f"{noun} zum Herunterladen: {', '.join(urls)}"


# ---------------------------------------------------------------- photos on the web


def photo_download_label(src: str, size: tuple[int, int] | None) -> str:
    """The link to a press photo's original: 'Foto herunterladen (PNG, 2400 × 1500 Pixel)'."""
    kind = src.rsplit(".", 1)[-1].upper().replace("JPEG", "JPG")
    details = f"{kind}, {size[0]}\u00a0×\u00a0{size[1]}\u00a0Pixel" if size else kind
    return f"Foto herunterladen ({details})"


def photo_archive_label(count: int) -> str:
    """The link to the photos' ZIP file, in the singular for one photo."""
    if count == 1:
        return "Pressefoto mit Bildnachweis herunterladen (ZIP)"
    return "Alle Pressefotos mit Bildnachweis herunterladen (ZIP)"


def photo_embargo_note(moment: str) -> str:
    """Bildnachweis.txt under a Sperrfrist: the photos are held as long as the text."""
    return f"Sperrfrist: {moment}. Vorher dürfen die Fotos nicht veröffentlicht werden."


def credit_request(credits: Sequence[str | None], style: Style) -> str:
    """Bildnachweis.txt's last request: one photo's credit word for word, else each
    photo's own."""
    if len(credits) == 1 and credits[0]:
        credit = typography.quoted(f"Foto: {credits[0]}", style)
        return f"Bitte geben Sie bei jeder Veröffentlichung den Bildnachweis an: {credit}."
    return "Bitte geben Sie bei jeder Veröffentlichung den Bildnachweis des Fotos an."
