"""What `check` and `build` find in valid data and in its rendered outputs.

Every finding has a stable code. Consistency checks read the rendered files,
not the model: a template that drops a quote from one format is caught.

PG1xx consistency across outputs   PG2xx completeness   PG3xx limits
PG4xx links                         PG5xx dates

Errors stop a build; warnings are printed (and are errors with --strict).
"""

from __future__ import annotations

import datetime as dt
import email
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from functools import lru_cache
from typing import Any, Literal
from urllib.parse import urlsplit

from pressgen import ics, prose, typography
from pressgen.errors import Problem
from pressgen.loader import Loc, SourceMap, format_loc
from pressgen.model import Event, Role, texts
from pressgen.present import Presentation
from pressgen.registry import (
    CALENDAR,
    NEWSLETTER_EMAIL,
    NEWSLETTER_HTML,
    NEWSLETTER_MJML,
    NEWSLETTER_TEXT,
    PRESS_RELEASE_HTML,
    PRESS_RELEASE_TEXT,
)

# Gmail cuts messages off after 102 KB and hides the rest behind a link.
NEWSLETTER_WARN_BYTES = 80 * 1024
NEWSLETTER_MAX_BYTES = 102 * 1024
SUBJECT_MAX = 78
SUBJECT_WARN = 50
PREHEADER_WARN = 100
EMAIL_TEXT = "newsletter.eml (Text)"
EMAIL_HTML = "newsletter.eml (HTML)"
RELEASE = (PRESS_RELEASE_HTML, PRESS_RELEASE_TEXT)
NEWSLETTER = (NEWSLETTER_MJML, NEWSLETTER_HTML, NEWSLETTER_TEXT, EMAIL_TEXT, EMAIL_HTML)
READABLE = RELEASE + NEWSLETTER
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "localhost", "127.0.0.1")
PLACEHOLDER_SUFFIXES = (".example", ".test", ".invalid", ".localhost")


@dataclass
class _Findings:
    """Collects problems for one event, each located in its YAML file."""

    source: SourceMap
    items: list[Problem]

    def add(
        self,
        code: str,
        loc: Loc,
        message: str,
        severity: Literal["error", "warning"] = "error",
    ) -> None:
        self.items.append(
            self.source.problem(loc, message, prefer_key=True, severity=severity, code=code)
        )


def current_time() -> dt.datetime:
    """Now, for date checks; SOURCE_DATE_EPOCH (the reproducible-builds convention) fixes it."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if fixed.isdigit():
        return dt.datetime.fromtimestamp(int(fixed), dt.UTC)
    return dt.datetime.now(dt.UTC)


def event_problems(
    shown: Presentation,
    source: SourceMap,
    outputs: Mapping[str, str | bytes],
    now: dt.datetime,
) -> list[Problem]:
    """Every error and warning for one valid, rendered event; `now` is time-zone aware."""
    event = shown.event  # typeset, as the outputs were rendered from it
    texts = readable_outputs(outputs)
    found = _Findings(source, [])
    _consistency(shown, texts, outputs, found)
    _completeness(event, texts, outputs, found)
    _limits(event, outputs, found)
    _links(event, outputs, found)
    _embargo(event, now, found)
    return sorted(found.items, key=lambda p: (p.line, p.column))


# ---------------------------------------------------------------- reading outputs


SKIPPED = frozenset(
    {"style", "script", "title", "head", "mj-head", "mj-style", "mj-title", "mj-raw"}
)
# Inline elements do not separate words: „<em>so</em>“ reads „so“.
INLINE = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup", "u"}
)


@dataclass
class _Document:
    """The visible text of an HTML or MJML document, and every tag with its attributes."""

    parts: list[str]
    tags: list[tuple[str, dict[str, str | None]]]


def fold(text: str) -> str:
    """All white space (non-breaking too) folded to single spaces, for comparing."""
    return " ".join(text.replace(typography.NBSP, " ").replace(typography.NARROW_NBSP, " ").split())


@lru_cache(maxsize=8)  # one event's documents; each can hold a few hundred kB
def _parse(markup: str) -> _Document:
    """Each document is read once per check (by lxml), however many rules look at it."""
    from lxml import html

    document = _Document([], [])
    if markup.strip():
        _walk(html.document_fromstring(markup), document)
    return document


def _walk(element: Any, document: _Document) -> None:
    tag = element.tag if isinstance(element.tag, str) else None  # comments have no name
    if tag is not None:
        document.tags.append((tag, {str(k): str(v) for k, v in element.attrib.items()}))
        separates = tag not in INLINE
        if separates:
            document.parts.append(" ")
        if tag not in SKIPPED:
            if element.text:
                document.parts.append(element.text)
            for child in element:
                _walk(child, document)
        if separates:
            document.parts.append(" ")
    if element.tail:
        document.parts.append(element.tail)


def _as_text(content: str | bytes) -> str:
    return content.decode("utf-8") if isinstance(content, bytes) else content


def readable_outputs(outputs: Mapping[str, str | bytes]) -> dict[str, str]:
    """What a reader sees in each output, white space folded; the email's parts apart."""
    texts = {}
    for name in (
        PRESS_RELEASE_HTML,
        PRESS_RELEASE_TEXT,
        NEWSLETTER_MJML,
        NEWSLETTER_HTML,
        NEWSLETTER_TEXT,
    ):
        content = _as_text(outputs[name])
        markup = name.endswith((".html", ".mjml"))
        texts[name] = fold("".join(_parse(content).parts) if markup else content)
    message = _email(outputs)
    if message is not None:
        for part in message.walk():
            if part.get_content_type() == "text/plain":
                texts[EMAIL_TEXT] = fold(str(part.get_content()))
            elif part.get_content_type() == "text/html":
                texts[EMAIL_HTML] = fold("".join(_parse(str(part.get_content())).parts))
    return texts


def _email(outputs: Mapping[str, str | bytes]) -> EmailMessage | None:
    raw = outputs.get(NEWSLETTER_EMAIL)
    if not isinstance(raw, bytes):
        return None
    message = email.message_from_bytes(raw, policy=policy.default)
    return message if isinstance(message, EmailMessage) else None


def _tags(outputs: Mapping[str, str | bytes], name: str) -> list[tuple[str, dict[str, str | None]]]:
    return _parse(_as_text(outputs[name])).tags


# ---------------------------------------------------------------- PG1xx consistency


def _missing_in(texts: Mapping[str, str], names: tuple[str, ...], fragment: str) -> list[str]:
    wanted = fold(fragment)
    return [name for name in names if wanted not in texts.get(name, "")]


def _consistency(
    shown: Presentation,
    texts: Mapping[str, str],
    outputs: Mapping[str, str | bytes],
    found: _Findings,
) -> None:
    event = shown.event
    style = event.typography
    close_mark = typography.quoted("", style)[-1]
    first_quote_of: dict[str, str] = {}
    for block in shown.blocks:
        if block.kind == "quote":
            quote = event.quotes[block.quote_key]
            first_quote_of.setdefault(quote.by, quote.text)
    for key, quote in event.quotes.items():
        # As printed: in quotation marks (inner ones turned single), without the closing
        # mark and full stop, which the press release's "…“, sagt" form leaves out.
        words = fold(prose.to_text(typography.quoted(quote.text, style)))[:-1].rstrip(".")
        where = ("quotes", key, "text")
        for name in _missing_in(texts, READABLE, words):
            found.add("PG101", where, f"the quote is missing or worded differently in {name}")
        person = event.person(quote.by)
        attribution = fold(typography.attribution(person))
        if first_quote_of.get(quote.by) != quote.text:
            continue
        for name in READABLE:
            if not _attributed(texts.get(name, ""), fold(words), attribution, close_mark):
                message = f"the quote's attribution '{attribution}' is missing in {name}"
                found.add("PG102", ("quotes", key, "by"), message)
    if event.sponsors:
        thanks = typography.sponsor_thanks(event)
        for name in _missing_in(texts, READABLE, thanks):
            reason = _sponsor_order(event, texts[name])
            found.add(
                "PG103", ("sponsors",), f"the sponsor acknowledgement differs in {name}: {reason}"
            )
    headline = event.press_release.headline
    for name in _missing_in(texts, READABLE, headline):
        found.add(
            "PG106", ("press_release", "headline"), f"the headline is missing or changed in {name}"
        )
    _facts(event, texts, outputs, found)


# How far from the quote its attribution may stand (a lead-in lies between them).
_ATTRIBUTION_REACH = 200


def _attributed(text: str, words: str, attribution: str, close_mark: str) -> bool:
    """Whether the attribution stands right before or right after the quote."""
    start = text.find(words)
    if start == -1:
        return True  # a missing quote is PG101's finding
    before = text[max(0, start - _ATTRIBUTION_REACH - len(attribution)) : start]
    after_end = text.find(close_mark, start + len(words))
    after = text[after_end : after_end + _ATTRIBUTION_REACH + len(attribution)]
    return attribution in before or attribution in after


def _sponsor_order(event: Event, text: str) -> str:
    names = [sponsor.name for sponsor in event.sponsors]
    missing = [name for name in names if fold(name) not in text]
    if missing:
        return "missing " + ", ".join(missing)
    positions = [text.find(fold(name)) for name in names]
    if positions != sorted(positions):
        return "the sponsors are in another order"
    return "the sentence is worded differently"


def _facts(
    event: Event, texts: Mapping[str, str], outputs: Mapping[str, str | bytes], found: _Findings
) -> None:
    info = event.event
    newsletter_texts = (NEWSLETTER_HTML, NEWSLETTER_TEXT, EMAIL_TEXT, EMAIL_HTML)
    for name in _missing_in(texts, newsletter_texts, f"Datum: {typography.event_dates(info)}"):
        found.add("PG104", ("event", "date"), f"the date is missing or different in {name}")
    if info.start is not None:
        line = f"Uhrzeit: {typography.event_times(info)}"
        for name in _missing_in(texts, newsletter_texts, line):
            found.add("PG104", ("event", "start"), f"the time is missing or different in {name}")
    place = typography.place(info.venue)
    for name in _missing_in(texts, newsletter_texts, f"Ort: {place}"):
        found.add("PG105", ("event", "venue"), f"the venue is missing or different in {name}")
    calendar = _as_text(outputs.get(CALENDAR, "")).replace("\r\n ", "")
    start = _calendar_start(event)
    if start not in calendar:
        found.add(
            "PG104", ("event", "date"), f"the date or time is missing or different in {CALENDAR}"
        )
    if f"LOCATION:{ics.escape_text(fold(place))}" not in calendar:
        found.add("PG105", ("event", "venue"), f"the venue is missing or different in {CALENDAR}")
    linked = _json_ld_event(outputs)
    if linked.get("startDate") != _iso_start(event):
        found.add(
            "PG104",
            ("event", "date"),
            f"the date is missing or different in the JSON-LD of {PRESS_RELEASE_HTML}",
        )
    if not any(fold(typography.date_long(info.date)) in texts[name] for name in RELEASE):
        found.add(
            "PG107",
            ("event", "date"),
            "the press release does not mention the day of the event "
            f"({fold(typography.date_long(info.date))})",
            severity="warning",
        )


def _calendar_start(event: Event) -> str:
    info = event.event
    if info.start is None:
        return f"DTSTART;VALUE=DATE:{info.date:%Y%m%d}"
    moment = dt.datetime.combine(info.date, info.start)
    if info.timezone == "Europe/Berlin":
        return f"DTSTART;TZID=Europe/Berlin:{moment:%Y%m%dT%H%M%S}"
    utc = moment.replace(tzinfo=info.zone).astimezone(dt.UTC)
    return f"DTSTART:{utc:%Y%m%dT%H%M%S}Z"


def _iso_start(event: Event) -> str:
    info = event.event
    if info.start is None:
        return info.date.isoformat()
    return dt.datetime.combine(info.date, info.start, tzinfo=info.zone).isoformat()


def _json_ld_event(outputs: Mapping[str, str | bytes]) -> dict[str, Any]:
    page = _as_text(outputs[PRESS_RELEASE_HTML])
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    if not match:
        return {}
    try:
        data = json.loads(match[1])
    except ValueError:
        return {}
    about = data.get("about", {}) if isinstance(data, dict) else {}
    return about if isinstance(about, dict) else {}


# ---------------------------------------------------------------- PG2xx completeness


def _completeness(
    event: Event, texts: Mapping[str, str], outputs: Mapping[str, str | bytes], found: _Findings
) -> None:
    release = event.press_release
    dateline = f"{release.dateline_city}, {typography.date_long(release.publication_date)}"
    for name in _missing_in(texts, RELEASE, dateline):
        found.add("PG201", ("press_release", "dateline_city"), f"the dateline is missing in {name}")
    if release.contact is None:
        found.add(
            "PG202",
            ("press_release",),
            "the press release has no Pressekontakt: add 'contact:'",
            "warning",
        )
    else:
        for name in _missing_in(texts, RELEASE, f"Pressekontakt {release.contact.name}"):
            found.add(
                "PG202", ("press_release", "contact"), f"the Pressekontakt is missing in {name}"
            )
    organisation = event.organisation
    if organisation.about is None:
        found.add(
            "PG203", ("organisation",), "there is no 'Über uns' text: add 'about:'", "warning"
        )
    else:
        for name in _missing_in(texts, RELEASE, typography.about_heading(event)):
            found.add(
                "PG203", ("organisation", "about"), f"the 'Über uns' text is missing in {name}"
            )
    _legal_musts(event, texts, outputs, found)
    for name in (PRESS_RELEASE_HTML, NEWSLETTER_HTML):
        for tag, attrs in _tags(outputs, name):
            if tag == "img" and not (attrs.get("alt") or "").strip():
                found.add(
                    "PG206",
                    ("newsletter",),
                    f"an image in {name} has no alt text: {attrs.get('src')}",
                )
    for index, photo in enumerate(release.photos):
        for name in _missing_in(texts, RELEASE, f"Foto: {photo.credit}"):
            found.add(
                "PG207",
                ("press_release", "photos", index, "credit"),
                f"the photo credit is missing in {name}",
            )


def _legal_musts(
    event: Event, texts: Mapping[str, str], outputs: Mapping[str, str | bytes], found: _Findings
) -> None:
    organisation = event.organisation
    if organisation.impressum is None:
        found.add(
            "PG204",
            ("organisation", "impressum"),
            "the newsletter needs an Impressum (§ 5 DDG): add 'impressum:' with "
            "legal_form and represented_by",
        )
    else:
        impressum = f"Impressum {organisation.name}"
        for name in _missing_in(texts, (NEWSLETTER_HTML, NEWSLETTER_TEXT), impressum):
            found.add("PG204", ("organisation", "impressum"), f"the Impressum is missing in {name}")
    for field, what in (("address", "a postal address"), ("email", "an email address")):
        if getattr(organisation, field) is None:
            found.add(
                "PG204",
                ("organisation", field),
                f"the Impressum (§ 5 DDG) needs {what} of the organisation",
            )
    unsubscribe = event.newsletter.unsubscribe_url
    if unsubscribe is None:
        found.add(
            "PG205",
            ("newsletter", "unsubscribe_url"),
            "the newsletter needs an Abmeldelink (§ 7 UWG): set unsubscribe_url to an "
            "https:// page or a mailto: address",
        )
        return
    hrefs = [attrs.get("href") for _, attrs in _tags(outputs, NEWSLETTER_HTML)]
    if unsubscribe not in hrefs:
        found.add(
            "PG205",
            ("newsletter", "unsubscribe_url"),
            f"the Abmeldelink is missing in {NEWSLETTER_HTML}",
        )
    if unsubscribe not in _as_text(outputs[NEWSLETTER_TEXT]):
        found.add(
            "PG205",
            ("newsletter", "unsubscribe_url"),
            f"the Abmeldelink is missing in {NEWSLETTER_TEXT}",
        )


# ---------------------------------------------------------------- PG3xx limits


def _limits(event: Event, outputs: Mapping[str, str | bytes], found: _Findings) -> None:
    newsletter = event.newsletter
    length = len(newsletter.subject)
    if length > SUBJECT_MAX:
        found.add(
            "PG301",
            ("newsletter", "subject"),
            f"the subject has {length} characters; at most {SUBJECT_MAX} fit into a mail program",
        )
    elif length > SUBJECT_WARN:
        found.add(
            "PG302",
            ("newsletter", "subject"),
            f"the subject has {length} characters; phones show about {SUBJECT_WARN}",
            "warning",
        )
    if newsletter.preheader is None:
        found.add(
            "PG303",
            ("newsletter",),
            "no preheader: mail programs show the first words of the email instead",
            "warning",
        )
    elif len(newsletter.preheader) > PREHEADER_WARN:
        found.add(
            "PG303",
            ("newsletter", "preheader"),
            f"the preheader has {len(newsletter.preheader)} characters; mail programs show "
            f"about {PREHEADER_WARN}",
            "warning",
        )
    html = outputs[NEWSLETTER_HTML]
    size = len(html.encode("utf-8") if isinstance(html, str) else html)
    shown = f"newsletter.html has {size / 1024:.0f} KB"
    if size > NEWSLETTER_MAX_BYTES:
        found.add(
            "PG305",
            ("newsletter",),
            f"{shown}; Gmail cuts off emails over 102 KB: shorten the newsletter",
        )
    elif size > NEWSLETTER_WARN_BYTES:
        found.add(
            "PG304",
            ("newsletter",),
            f"{shown}; close to the 102 KB at which Gmail cuts emails off",
            "warning",
        )
    for name in RELEASE:
        if "Zeichen (inkl. Leerzeichen):" not in _as_text(outputs[name]):
            found.add(
                "PG306", ("press_release", "body"), f"the character count is not stated in {name}"
            )


# ---------------------------------------------------------------- PG4xx links


def _data_urls(event: Event) -> Iterator[tuple[Loc, str]]:
    """Every link and image address in the data, with where it stands."""
    for loc, role, value in texts(event):
        if role in (Role.URL, Role.IMAGE):
            yield loc, value


def _links(event: Event, outputs: Mapping[str, str | bytes], found: _Findings) -> None:
    for name in (PRESS_RELEASE_HTML, NEWSLETTER_HTML):
        for _, attrs in _tags(outputs, name):
            href = attrs.get("href")
            if href is None:
                continue
            scheme = urlsplit(href).scheme.lower()
            if scheme not in prose.ALLOWED_SCHEMES or any(c.isspace() for c in href):
                found.add(
                    "PG401",
                    ("newsletter",),
                    f"{name} links to '{href}'; only http, https and mailto are allowed",
                )
    seen: dict[tuple[str, str, str], Loc] = {}
    for loc, url in _data_urls(event):
        host = (urlsplit(url).hostname or "").lower()
        if host in PLACEHOLDER_HOSTS or host.endswith(PLACEHOLDER_SUFFIXES):
            found.add("PG403", loc, f"'{url}' looks like a placeholder address", "warning")
        if len(loc) < 3 or not isinstance(loc[1], int):
            continue
        # The same address twice in one list (sponsors, photos) is usually a copy-paste slip.
        key = (str(loc[0]), str(loc[-1]), url)
        if key in seen:
            found.add(
                "PG402", loc, f"'{url}' is given twice (also in {format_loc(seen[key])})", "warning"
            )
        else:
            seen[key] = loc


# ---------------------------------------------------------------- PG5xx dates


def _embargo(event: Event, now: dt.datetime, found: _Findings) -> None:
    embargo = event.press_release.embargo
    if embargo is None:
        return
    aware = embargo if embargo.tzinfo else embargo.replace(tzinfo=event.event.zone)
    if aware <= now:
        found.add(
            "PG501",
            ("press_release", "embargo"),
            f"the embargo ({typography.date_time(embargo)}) has already passed; "
            "remove it or set a later time",
            "warning",
        )
