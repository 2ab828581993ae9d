"""PG7xx: the author's own texts, against themselves and against the data.

PG701  the texts mix ways of gendering (Teilnehmer*innen here, Teilnehmer:innen there)
PG702  the texts say something the data does not: another number of guests, a time or
       a day that is not the event's, a weekday that does not fit its date, no venue
PG703  a quote's speaker whose function the press release never gives
PG705  a speaker's name that begins with an article in capitals (Die Gäste)
PG706  someone who has cancelled is quoted, leads a programme point or thanks
PG707  a quote's verb in the present in a report
PG708  a sponsor who is also the host or a co-host
PG709  a ministry, public body or foundation thanked as Sponsor

Only where a text says it plainly: "250 Gäste", "um 17.30 Uhr", "am 18. August".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from pressgen.checks.days import MONTHS
from pressgen.checks.findings import Findings
from pressgen.german import gender, phrases, typography
from pressgen.present.event import Presentation
from pressgen.source import prose
from pressgen.source.event import Event
from pressgen.source.fields import Role, texts
from pressgen.source.loader import Loc, format_loc

# Fields that name someone or something; what they say is not a statement about the event.
_NAMES = {
    "name", "role", "organisation", "short_name", "later_name", "dative", "label", "alt",
    "credit",
}  # fmt: skip
# The texts that report on the event.
_REPORTING = ("press_release", "quotes", "newsletter")


def check(shown: Presentation, found: Findings) -> None:
    event = shown.event
    reporting = list(_reporting_texts(event))
    _gender_styles(event, found)
    _guests(event, reporting, found, report=shown.phase == "recap")
    _times(event, reporting, found)
    _days(event, reporting, found)
    if not shown.newsletter_facts:  # an invitation's facts box names the venue anyway
        _venue(event, found)
    _functions_given(event, found)
    _groups_as_written(event, found)
    _absent_people_act(event, found)
    if shown.phase == "recap":
        _one_tense_in_a_report(event, found)
    _sponsors_as_written(event, found)
    _looking_back_too_early(event, reporting, found)


def _reporting_texts(event: Event) -> Iterator[tuple[Loc, str]]:
    for loc, role, text in texts(event):
        if loc[0] in _REPORTING and role in (Role.TEXT, Role.PROSE) and loc[-1] not in _NAMES:
            yield loc, typography.plain_spaces(prose.to_text(text) if role is Role.PROSE else text)


# ---------------------------------------------------------------- gendering


def _gender_styles(event: Event, found: Findings) -> None:
    """Two ways of gendering in one event read as carelessness; the words pressgen
    writes itself (the guests) follow typography.gender and count too."""
    first: dict[str, tuple[Loc, str]] = {}  # style → where it is first used, and the words
    generated = _generated_people_word(event)
    if generated:
        first[generated[0]] = (("typography", "gender"), generated[1])
    for loc, role, text in texts(event):
        if role not in (Role.TEXT, Role.PROSE) or loc[-1] in _NAMES - {"role"} or loc[0] == "en":
            continue  # the English edition's words are not German
        for style, words in gender.gendered_forms(text):
            first.setdefault(style, (loc, words))
    if len(first) < 2:
        return
    (style_a, (loc_a, words_a)), (style_b, (loc_b, words_b)) = list(first.items())[:2]
    found.add(
        "PG701",
        loc_b,
        f"the texts mix ways of gendering: '{words_a}' ({style_a}, {format_loc(loc_a)}) and "
        f"'{words_b}' ({style_b}); choose one and set typography.gender to match",
        f"Die Texte gendern uneinheitlich: „{words_a}“ ({style_a}) und „{words_b}“ "
        f"({style_b}); wählen Sie eine Form und stellen Sie typography.gender passend ein",
    )


def _generated_people_word(event: Event) -> tuple[str, str] | None:
    """(style, word) of the gendered word pressgen writes for the guests, if it writes one."""
    info = event.event
    chosen = (info.guests_noun or "").strip().lower()
    style = event.typography.gender
    if info.guests is None or chosen not in phrases.PEOPLE_WORDS or style == "neutral":
        return None
    word = phrases.PEOPLE_WORDS[chosen][style]
    if chosen == "gaeste":
        return None
    return ("generisches Maskulinum" if style == "none" else style), word


# ---------------------------------------------------------------- guests

_NUMBER = r"(\d{1,3}(?:[. ]\d{3})+|\d+)"
_APPROXIMATE = (
    r"((?i:rund|etwa|ca\.|circa|knapp|fast|über|mehr als|gut|nahezu|annähernd|beinahe|weit über))"
)


def _guest_words(event: Event) -> list[str]:
    info = event.event
    words = {"Gäste", "Gästen"}
    chosen = (info.guests_noun or "").strip()
    forms = phrases.PEOPLE_WORDS.get(chosen.lower(), {}).values() if chosen else []
    for form in [*forms, chosen] if chosen else []:
        first = form.split()[0] if form.split() else ""
        if len(first) >= 5:
            words.add(re.sub(r"[*:_]innen$|innen$|en$|e$|n$", "", first))
    return sorted(words, key=len, reverse=True)


_AT_LEAST = {"über", "mehr als", "gut", "weit über"}
# Words that make a number a plan rather than a result: „700 Gäste waren erwartet“.
_PLANNED = re.compile(
    r"(?i)\b(?:erwartet|geplant|angemeldet|angekündigt|vorgesehen|eingeladen|Plätze|Platz für|"
    r"ausgelegt|rechnet|rechneten|sollten|bis zu)"
)


def _guests(
    event: Event, reporting: list[tuple[Loc, str]], found: Findings, *, report: bool
) -> None:
    """A number of people in the texts must be one the data knows: expected (guests,
    guests_online) or, after the event, counted (attended). A report
    that gives the expected number where a count is known must say it was expected."""
    info = event.event
    counts = {
        "event.guests": info.guests,
        "event.guests_online": info.guests_online,
        "event.attended": info.attended,
    }
    known = {field: count for field, count in counts.items() if count is not None}
    if not known:
        return
    words = _guest_words(event) + (["Zuschau"] if info.guests_online is not None else [])
    nouns = "|".join(re.escape(word) for word in words)
    pattern = re.compile(
        rf"(?<![\w.,]){_APPROXIMATE}?\s*(?<![\d.])\b{_NUMBER}\s+(?:[a-zäöüß-]+\s+){{0,2}}"
        rf"(?:{nouns})\w*"
    )
    listed = [f"{count} ({field})" for field, count in known.items()]
    data = ", ".join(listed[:-1]) + " and " + listed[-1] if len(listed) > 1 else listed[0]
    daten = data.replace(" and ", " und ")
    for loc, text in reporting:
        for match in pattern.finditer(text):
            said = int(re.sub(r"\D", "", match[2]))
            approximate = bool(match[1]) or info.guests_qualifier is not None
            # „über 80 Gäste“ is true of 95: a lower bound, not far below the count.
            at_least = bool(match[1]) and match[1].lower() in _AT_LEAST
            fitting = [
                field
                for field, count in known.items()
                if said == count
                or (approximate and abs(said - count) <= count / 10)
                or (at_least and said < count <= said * 1.5)
            ]
            words_said = match[0].strip()
            if not fitting:
                found.add(
                    "PG702",
                    loc,
                    f"the text says '{words_said}', the data {data}",
                    f"Der Text nennt „{words_said}“, die Daten {daten}",
                )
                return
            counted = info.attended
            if (
                report
                and counted is not None
                and fitting == ["event.guests"]
                and not _PLANNED.search(_sentence_around(text, match.start(), match.end()))
            ):
                found.add(
                    "PG702",
                    loc,
                    f"the report says '{words_said}', the number expected (event.guests), as if "
                    f"that many came; {counted} came (event.attended): give that, or say the "
                    "number was expected",
                    f"Der Bericht nennt „{words_said}“, die erwartete Zahl (event.guests), als "
                    f"wären so viele gekommen; gekommen sind {counted} (event.attended)",
                )
                return


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence in which text[start:end] stands."""
    before = max(text.rfind(mark, 0, start) for mark in (". ", "! ", "? "))
    after = [at for at in (text.find(mark, end) for mark in (". ", "! ", "? ")) if at != -1]
    return text[before + 1 : min(after) if after else len(text)]


# ---------------------------------------------------------------- times

_TIME = re.compile(
    r"(?<![\d.:])(\d{1,2})(?:[:.](\d{2}))?(?:\s*(?:bis|–|-)\s*(\d{1,2})(?:[:.](\d{2}))?)?\s*Uhr\b"
)


def _times(event: Event, reporting: list[tuple[Loc, str]], found: Findings) -> None:
    info = event.event
    if info.start is None:
        return
    known = {info.start, info.end}
    for item in event.programme:
        known |= {item.start, item.end}
    embargo = event.press_release.embargo
    if embargo is not None:
        known.add(embargo.time().replace(tzinfo=None))
    for loc, text in reporting:
        if loc[:2] == ("press_release", "embargo"):
            continue
        for match in _TIME.finditer(text):
            for hour, minute in ((match[1], match[2]), (match[3], match[4])):
                if hour is None or int(hour) > 24 or int(minute or 0) > 59:
                    continue
                said = dt.time(int(hour) % 24, int(minute or 0))
                if said in known:
                    continue
                shown = typography.time_of_day(said).replace(typography.NBSP, " ")
                found.add(
                    "PG702",
                    loc,
                    f"the text names {shown}, which is neither the start nor the end of the event "
                    "(event.start, event.end) nor a time of the programme",
                    f"Der Text nennt {shown}; das ist weder Beginn oder Ende der Veranstaltung "
                    "noch eine Zeit im Programm",
                )
                return


# ---------------------------------------------------------------- days

_WEEKDAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
_MONTH_NAMES = "|".join(re.escape(name) for name in sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_DATE = re.compile(
    rf"\b({'|'.join(_WEEKDAYS)}),?\s+(?:dem\s+|den\s+)?(\d{{1,2}})\.\s*"
    rf"(?:({_MONTH_NAMES})|(\d{{1,2}})\.)\s*(\d{{4}})?"
)
# "am 18. August (2017)", "am 18.08.2017": the way a text names the day something happens.
# Deadlines ("bis zum 4. Dezember", "ab dem 24. Februar") are other days by nature.
_ON_DAY = re.compile(
    rf"\b[Aa]m\s+(\d{{1,2}})\.\s*(?:({_MONTH_NAMES})(?:\s+(\d{{4}}))?|(\d{{1,2}})\.(\d{{4}}))"
)
# How far from the event a named day is taken to be a slip rather than another occasion.
_NEAR = dt.timedelta(days=14)


def _days(event: Event, reporting: list[tuple[Loc, str]], found: Findings) -> None:
    info = event.event
    if info.date is None or info.end_day is None:
        return
    known = {info.date + dt.timedelta(days=n) for n in range((info.end_day - info.date).days + 1)}
    held = info.held_on or info.date
    known |= {held + dt.timedelta(days=n) for n in range((info.end_day - held).days + 1)}
    known |= {day for day in (info.postponed_to, event.press_release.publication_date) if day}
    if event.press_release.embargo is not None:
        known.add(event.press_release.embargo.date())
    for item in event.programme:
        if item.day is not None:
            known.add(item.day)
    event_day = typography.date_long(info.date).replace(typography.NBSP, " ")
    for loc, text in reporting:
        if _wrong_weekday(loc, text, info.date.year, found):
            return
        for day in _days_on(text, info.date.year):
            if day in known or abs(day - info.date) > _NEAR:
                continue
            said = typography.date_long(day).replace(typography.NBSP, " ")
            found.add(
                "PG702",
                loc,
                f"the text names {said}, the event is on {event_day} (event.date)",
                f"Der Text nennt den {said}, die Veranstaltung ist am {event_day}",
            )
            return


def _days_on(text: str, year: int) -> Iterator[dt.date]:
    for match in _ON_DAY.finditer(text):
        month = MONTHS[match[2]] if match[2] else int(match[4])
        try:
            yield dt.date(int(match[3] or match[5] or year), month, int(match[1]))
        except ValueError:
            continue


def _wrong_weekday(loc: Loc, text: str, year: int, found: Findings) -> bool:
    for match in _WEEKDAY_DATE.finditer(text):
        month = MONTHS[match[3]] if match[3] else int(match[4])
        try:
            day = dt.date(int(match[5] or year), month, int(match[2]))
        except ValueError:
            continue
        actual = _WEEKDAYS[day.weekday()]
        if actual != match[1]:
            said = typography.date_long(day).replace(typography.NBSP, " ")
            found.add(
                "PG702",
                loc,
                f"the text says '{match[0].strip()}', but {said} is a {actual}",
                f"Der Text nennt „{match[0].strip()}“, aber der {said} ist ein {actual}",
            )
            return True
    return False


# ---------------------------------------------------------------- venue


def _venue(event: Event, found: Findings) -> None:
    """The body names the place where it happened, in some inflection."""
    venue = event.event.venue
    name = venue.name if venue else None
    if venue is None or not name:
        return
    body = " ".join(
        typography.plain_spaces(prose.to_text(block.text))
        for block in event.press_release.body
        if block.text
    )
    address = venue.address
    city = address.city if address else ""
    # "Volkshaus Jena": the city alone does not name the place.
    words = [word for word in re.findall(r"\w{4,}", name) if word != city]
    stems = [word[: max(4, len(word) - 3)].lower() for word in words]
    if not stems or any(stem in body.lower() for stem in stems):
        return
    found.add(
        "PG702",
        ("event", "venue", "name"),
        f"the press release never names the venue ({name})",
        f"Die Pressemitteilung nennt den Ort der Veranstaltung nicht ({name})",
    )


# ---------------------------------------------------------------- functions


def _functions_given(event: Event, found: Findings) -> None:
    """A journalist needs to know who speaks: a quote set to the short attribution leaves
    the function to the body, which must then give it."""
    paragraphs = [prose.to_text(block.text) for block in event.press_release.body if block.text]
    for key, quote in event.quotes.items():
        if quote.attribution != "short":
            continue
        for speaker in quote.speakers:
            person = event.person(speaker)
            if not person.role and not person.organisation:
                continue
            if not any(phrases.introduces(text, person) for text in paragraphs):
                found.add(
                    "PG703",
                    ("quotes", key, "attribution"),
                    f"the press release never gives the function of {person.name}: the quote "
                    "names only the name (attribution: short), and no paragraph says who "
                    f"{person.name} is",
                    f"Die Pressemitteilung nennt die Funktion von {person.name} nirgends: das "
                    "Zitat nennt nur den Namen (attribution: short)",
                )


def _groups_as_written(event: Event, found: Findings) -> None:
    """A group that speaks is named as it reads within a sentence („sagen die Gäste“): an
    article in capitals at the start of its name ends up in the middle of one."""
    for key, person in event.people.items():
        article, _, rest = person.name.partition(" ")
        if article in ("Der", "Die", "Das") and rest:
            within = f"{article.lower()} {rest}"
            said = f"{'sagen' if person.plural else 'sagt'} {person.name}"
            several = "" if person.plural else ", and plural: yes for a group of several"
            mehrere = "" if person.plural else ", bei einer Gruppe mehrerer auch plural: yes"
            found.add(
                "PG705",
                ("people", key, "name"),
                f"'{person.name}' begins with an article in capitals, but pressgen writes the "
                f"name within a sentence („{said}“): write '{within}'{several}",
                f"„{person.name}“ beginnt mit einem großgeschriebenen Artikel, pressgen setzt "
                f"den Namen aber mitten in einen Satz („{said}“): schreiben Sie "
                f"„{within}“{mehrere}",
            )


# Who supports rather than sponsors: public bodies and foundations (Förderer).
_PUBLIC = re.compile(
    r"^(?:Bundes|Landes)?(?:ministerium|ministerin|amt)\b|^(?:Stadt|Gemeinde|Landkreis|Kreis|"
    r"Bezirk|Land|Freistaat|Landeshauptstadt|Bundesrepublik|Europäische Union)\b|Stiftung|"
    r"ministerium\b",
    re.IGNORECASE,
)


def _sponsors_as_written(event: Event, found: Findings) -> None:
    """Old files whose data make sentences the newer fields would word better: a party
    thanked twice (sponsor and host), a public supporter called Sponsor."""
    hosts = {party.name for party in [event.event.host, *event.event.co_hosts] if party}
    sponsors_as_sponsors = event.thanks is None or any(
        "sponsors" in group.to and group.noun == "sponsoren" for group in event.thanks
    )
    for index, sponsor in enumerate(event.sponsors):
        if sponsor.name in hosts:
            found.add(
                "PG708",
                ("sponsors", index, "name"),
                f"{sponsor.name} is both a sponsor and the host: the thanks would name it "
                "twice, as Sponsor and as Gastgeber; leave it out of one of them",
                f"{sponsor.name} ist Sponsor und Gastgeber zugleich: der Dank nennt es "
                "zweimal; lassen Sie es an einer Stelle weg",
            )
        if sponsors_as_sponsors and _PUBLIC.search(sponsor.name):
            found.add(
                "PG709",
                ("sponsors", index, "name"),
                f"{sponsor.name} is thanked as Sponsor, but a public body or foundation "
                "supports rather than sponsors: thank the sponsors as Förderer "
                "(thanks: - to: [sponsors], noun: foerderer)",
                f"{sponsor.name} wird als Sponsor bedankt, eine Behörde oder Stiftung "
                "fördert aber: danken Sie als Förderer (noun: foerderer)",
            )


# The present forms of the verbs quotes use; a past form ends in -te or is strong.
_STRONG_PAST = {"rief", "sprach", "unterstrich", "hob", "wies", "schrieb", "hielt", "bat", "meinte"}


def _in_the_present(verb: str) -> bool:
    first = verb.split(" ")[0]
    return first.endswith("t") and not first.endswith("te") and first not in _STRONG_PAST


def _one_tense_in_a_report(event: Event, found: Findings) -> None:
    """A report tells what happened: pressgen's own sentences are in the past (sagte,
    dankte); a quote's verb in the present would switch tense within the text."""
    for key, quote in event.quotes.items():
        if quote.lead_in or "verb" not in quote.model_fields_set:
            continue
        if _in_the_present(quote.verb):
            found.add(
                "PG707",
                ("quotes", key, "verb"),
                f"the report is in the past (sagte, dankte), but this quote's verb is in the "
                f"present ('{quote.verb}'): write it in the past, e.g. "
                f"'{phrases.past_of(quote.verb)}'",
                f"Der Bericht steht in der Vergangenheit (sagte, dankte), das Verb dieses "
                f"Zitats im Präsens („{quote.verb}“): schreiben Sie es in der Vergangenheit, "
                f"etwa „{phrases.past_of(quote.verb)}“",
            )


def _absent_people_act(event: Event, found: Findings) -> None:
    """Someone who has cancelled neither speaks, nor leads a point, nor thanks: each
    would tell the reader they were there."""
    roles: list[tuple[Loc, str]] = []
    for key, quote in event.quotes.items():
        roles += [(("quotes", key, "by"), speaker) for speaker in quote.speakers]
    for index, item in enumerate(event.programme):
        roles += [(("programme", index, "moderators"), key) for key in item.moderators]
    for index, group in enumerate(event.thanks or []):
        roles += [(("thanks", index, "by"), key) for key in group.by]
    roles += [(("event", "moderators"), key) for key in event.event.moderators]
    for loc, key in roles:
        person = event.person(key)
        if person.presence != "absent":
            continue
        found.add(
            "PG706",
            loc,
            f"{person.name} has cancelled (people.{key}.presence: absent), but the outputs "
            "would say they were there: leave them out here",
            f"{person.name} hat abgesagt (people.{key}.presence: absent), die Ausgaben "
            "sagten aber, die Person sei dabei gewesen: lassen Sie sie hier weg",
        )


# ---------------------------------------------------------------- a recap before the event

# Words with which a text reports on an event that has taken place.
_LOOKING_BACK = re.compile(
    r"\b(Rückblick|Nachbericht|blickt\w* \w+ zurück|fand(?:en)? (?:[^.!?]{0,80}? )?statt|"
    r"war(?:en)? eine? (?:voller )?Erfolg)\b"
)


def _looking_back_too_early(
    event: Event, reporting: list[tuple[Loc, str]], found: Findings
) -> None:
    published, first_day = event.press_release.publication_date, event.event.date
    if published is None or first_day is None or published >= first_day:
        return
    for loc, text in reporting:
        match = _LOOKING_BACK.search(text)
        if match:
            on = typography.plain_spaces(typography.date_long(published))
            held = typography.plain_spaces(typography.date_long(first_day))
            found.add(
                "PG704",
                loc,
                f'the text looks back ("{match[0]}"), but the release is published on {on}, '
                f"before the event on {held}: set press_release.publication_date to a day "
                "after the event, or write an announcement",
                f"Der Text blickt zurück („{match[0]}“), die Mitteilung erscheint aber am {on}, "
                f"vor der Veranstaltung am {held}",
            )
            return
