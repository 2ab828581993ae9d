"""The English edition of an event (languages: [de, en]): the German event with the
author's words taken from the file's en: part. Facts are shared, written once.

Every text of the German has its English, or the edition is not made: a missing one
is an error located at the German text (PG013), never a silent German fallback. A
draft prints [English text open] instead, as it prints its other open facts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

from pydantic import BaseModel

from pressgen.errors import Problem
from pressgen.messages import _
from pressgen.source.event import OFFICES, Contact, Event, Party, Person, Quote, Registration
from pressgen.source.fields import english_part, is_translated
from pressgen.source.issue import NewsletterIssue
from pressgen.source.loader import Loc, SourceMap

# A file with editions: an event file or a newsletter file (languages: [de, en]).
Edited = Event | NewsletterIssue

NBSP = "\u00a0"  # the marker stays on one line
OPEN_TEXT = f"[English{NBSP}text{NBSP}open]"
# Where the English edition's outputs go, inside the event's output folder.
ENGLISH_FOLDER = "en"
# What English says where the German left a field at its German default.
ENGLISH_DEFAULTS = {"sponsors_lead_in": "Special thanks go to"}
REGISTRATION_LABEL = "Register now"
READ_MORE = "Read more"  # a news item's link, where the German keeps its default


def publishes_english(event: Edited) -> bool:
    return "en" in event.languages


def edition_problems(event: Edited, source: SourceMap) -> list[Problem]:
    """What keeps the English edition from being made: languages lists en without an
    en: part, a German text without its English (outside a draft), an English text or
    entry the German does not have. An en: part that languages does not list yet is
    being prepared: nothing is said of it, nothing made from it."""
    problems: list[Problem] = []
    if event.en is None:
        if publishes_english(event):
            example = (
                "en.issue.subject, en.issue.intro"
                if isinstance(event, NewsletterIssue)
                else "en.press_release.headline, en.press_release.body"
            )
            problems.append(
                source.problem(
                    ("languages",),
                    _(
                        "languages lists en, but the file has no en: part with the English "
                        "words ({example} …)"
                    ).format(example=example),
                    code="PG013",
                )
            )
        return problems
    if not publishes_english(event):  # prepared, not yet published
        return problems
    if not getattr(event, "draft", False):
        for loc in missing_english(event):
            where = ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in loc)
            problems.append(
                source.problem(
                    loc,
                    _("no English for this text: write it under en.{place}").format(
                        place=where.replace(".[", "[")
                    ),
                    code="PG013",
                )
            )
    for loc in english_without_german(event):
        problems.append(
            source.problem(
                ("en", *loc),
                _(
                    "the German has nothing here to translate: give it there first, or "
                    "leave this out"
                ),
                prefer_key=True,
                code="PG013",
            )
        )
    return problems


def missing_english(event: Edited) -> list[Loc]:
    """Where a German text has no English: the German text's place."""
    assert event.en is not None
    return list(_missing(event, event.en, ()))


# A quote keeps its original words; its English translation may be given (the outputs then
# say it is one), it is not due.
# The same for names that are words (a group of people, an office, „Gemeinde und
# Feuerwehr“): an English name may be given, the German one stands otherwise.
NOT_DUE = {(Quote, "text"), (Person, "name"), (Party, "name"), (Contact, "name")}


def _not_due(model: BaseModel, name: str) -> bool:
    if isinstance(model, Person) and model.plural and name == "name":
        return False  # a group (die Jury, die Gäste) is words, not a name
    if isinstance(model, Contact) and name == "name" and model.name.startswith(OFFICES):
        return False  # an office (Pressestelle der Stadt Jena) is words too
    return any(isinstance(model, kind) and name == field for kind, field in NOT_DUE)


def _missing(german: Any, english: BaseModel | None, loc: Loc) -> Iterator[Loc]:
    if not isinstance(german, BaseModel):  # a keyword in a list (thanks to: sponsors)
        return
    part = type(english) if english is not None else english_part(type(german))
    if part is None:
        return
    for name, info in type(german).model_fields.items():
        if name not in part.model_fields or _not_due(german, name):
            continue
        value = getattr(german, name)
        given = getattr(english, name, None) if english is not None else None
        if is_translated(info.annotation, tuple(info.metadata)):
            written = name in german.model_fields_set and value not in (None, [], "")
            if written and given in (None, []):
                yield (*loc, name)
        elif isinstance(value, BaseModel):
            yield from _missing(value, given, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                other = given[index] if isinstance(given, list) and index < len(given) else None
                yield from _missing(item, other, (*loc, name, index))
        elif isinstance(value, dict):
            for key, item in value.items():
                other = given.get(key) if isinstance(given, dict) else None
                yield from _missing(item, other, (*loc, name, key))


def english_without_german(event: Edited) -> list[Loc]:
    """English texts or entries that have no German counterpart, as places under en:."""
    assert event.en is not None
    return list(_unmatched(event, event.en, ()))


def _unmatched(german: BaseModel, english: BaseModel, loc: Loc) -> Iterator[Loc]:
    for name in english.model_fields_set:
        given = getattr(english, name)
        value = getattr(german, name)
        if given is None:
            continue
        if value in (None, [], ""):
            yield (*loc, name)
        elif isinstance(given, BaseModel) and isinstance(value, BaseModel):
            yield from _unmatched(value, given, (*loc, name))
        elif isinstance(given, list) and not _is_whole(german, name):
            for index, item in enumerate(given):
                if index >= len(value):
                    yield (*loc, name, index)
                elif isinstance(item, BaseModel):
                    if isinstance(value[index], BaseModel):
                        yield from _unmatched(value[index], item, (*loc, name, index))
                    elif item.model_fields_set:  # English for a keyword (sponsors)
                        yield (*loc, name, index)
        elif isinstance(given, dict):
            for key, item in given.items():
                if key not in value:
                    yield (*loc, name, key)
                elif isinstance(item, BaseModel):
                    yield from _unmatched(value[key], item, (*loc, name, key))


def _is_whole(model: BaseModel, name: str) -> bool:
    """Whether the field is one text of the author's (a list of paragraphs too)."""
    info = type(model).model_fields[name]
    return is_translated(info.annotation, tuple(info.metadata))


def english_edition(event: Event) -> Event:
    """The event as its English edition tells it: every author's text in English (a
    draft's missing ones as [English text open]), every fact as in German."""
    assert event.en is not None
    edition = _overlay(event, event.en)
    if event.draft:
        edition = _fill_open(edition, missing_english(event))
    updates: dict[str, Any] = {}
    for name, english in ENGLISH_DEFAULTS.items():
        if name not in event.model_fields_set and getattr(event.en, name, None) is None:
            updates[name] = english
    newsletter = edition.newsletter
    if newsletter.web_url:  # its pages are published in en/ beside the German ones
        # (Its photos too: the English edition's folder has its own copies.)
        updates["newsletter"] = newsletter.model_copy(
            update={"web_url": urljoin(newsletter.web_url, f"{ENGLISH_FOLDER}/")}
        )
    invitation = edition.invitation
    if (
        invitation is not None
        and invitation.registration is not None
        and "label" not in invitation.registration.model_fields_set
    ):
        registration: Registration = invitation.registration.model_copy(
            update={"label": REGISTRATION_LABEL}
        )
        updates["invitation"] = invitation.model_copy(update={"registration": registration})
    return edition.model_copy(update=updates)


def _overlay(german: BaseModel, english: BaseModel) -> Any:
    updates: dict[str, Any] = {}
    for name in english.model_fields_set:
        given = getattr(english, name)
        if given is None:
            continue
        value = getattr(german, name)
        if _is_whole(german, name):
            updates[name] = given
        elif isinstance(given, BaseModel) and isinstance(value, BaseModel):
            updates[name] = _overlay(value, given)
        elif isinstance(given, list) and isinstance(value, list):
            updates[name] = [
                _overlay(item, given[index])
                if index < len(given) and isinstance(item, BaseModel)
                else item
                for index, item in enumerate(value)
            ]
        elif isinstance(given, dict) and isinstance(value, dict):
            updates[name] = {
                key: _overlay(item, given[key]) if key in given else item
                for key, item in value.items()
            }
    return german.model_copy(update=updates) if updates else german


def english_issue(issue: NewsletterIssue) -> NewsletterIssue:
    """The newsletter file as its English newsletter tells it: its own words in English,
    its web version in en/; the events' English is their own files' (english_edition)."""
    assert issue.en is not None
    edition: NewsletterIssue = _overlay(issue, issue.en)
    items = [
        item.model_copy(update={"news": item.news.model_copy(update={"link_label": READ_MORE})})
        if item.news is not None and "link_label" not in item.news.model_fields_set
        else item
        for item in edition.items
    ]
    info = edition.issue
    if info.web_url:
        info = info.model_copy(update={"web_url": urljoin(info.web_url, f"{ENGLISH_FOLDER}/")})
    return edition.model_copy(update={"items": items, "issue": info})


def _fill_open(event: Event, places: list[Loc]) -> Event:
    """A draft's edition with [English text open] where its English is still missing."""
    result: Any = event
    for loc in places:
        result = _set(result, loc)
    return result  # type: ignore[no-any-return]


def _set(value: Any, loc: Loc) -> Any:
    head, rest = loc[0], loc[1:]
    if isinstance(value, BaseModel):
        current = getattr(value, str(head))
        if rest:
            new = _set(current, rest)
        elif isinstance(current, list):  # a whole text: one paragraph, open
            new = [type(current[0])(text=OPEN_TEXT) if head == "body" else OPEN_TEXT]
        else:
            new = OPEN_TEXT
        return value.model_copy(update={str(head): new})
    if isinstance(value, list):
        copy = list(value)
        copy[int(head)] = _set(value[int(head)], rest)
        return copy
    if isinstance(value, dict):
        return {**value, head: _set(value[head], rest)}
    return value


def quote_is_translated(event: Event, key: str) -> bool:
    """Whether an edition prints a quote in translation: its en: part gives the words
    in English while the quote was said in German. The outputs say so."""
    if event.en is None or not event.en.quotes:
        return False
    english = event.en.quotes.get(key)
    return english is not None and english.text is not None


def english_source(source: SourceMap) -> SourceMap:
    """Where the English edition's values stand: its words under en: (a problem in them
    names en.press_release.headline), its facts where the German has them."""
    english = SourceMap(
        source.file,
        dict(source.values),
        dict(source.keys),
        dict(source.plain_scalars),
        dict(source.origin),
        dict(source.written_as),
    )
    # Each English value in its own place: a German fact beside it keeps its name.
    written = [loc for loc in source.values if len(loc) > 1 and loc[0] == "en"]
    parents = {loc[:size] for loc in written for size in range(1, len(loc))}
    for loc in written:
        if loc not in parents:
            english.graft(loc[1:], source, loc)
    return english
