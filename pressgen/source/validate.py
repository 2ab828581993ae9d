"""Loaded data → Event, with every problem found at once and located in the file."""

from __future__ import annotations

import datetime as dt
import difflib
import types
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Union, get_args, get_origin
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from pressgen.errors import DataError, Problem
from pressgen.messages import N_, _, ngettext
from pressgen.source.editions import edition_problems
from pressgen.source.event import Event, is_local
from pressgen.source.fields import PATTERN_HINTS
from pressgen.source.loader import LoadedFile, Loc, SourceMap, describe_plain_scalar, load_yaml


def load_event(path: Path) -> Event:
    """Read and validate one event file; raise DataError listing every problem."""
    return validate_event(load_yaml(path))


def validate_event(loaded: LoadedFile) -> Event:
    """Turn loaded data into an Event or raise DataError with located problems."""
    source = loaded.source
    problems = list(loaded.problems) + list(_required_unless_draft(loaded.data, source))
    try:
        event = Event.model_validate(loaded.data)
    except ValidationError as error:
        reported = {problem.field for problem in problems}
        problems += [
            problem
            for problem in problems_from_validation(error, source, Event)
            # What the loader already said in plain words is not said twice.
            if problem.field not in reported
        ]
        raise DataError(_sorted(problems)) from None
    problems += _reference_problems(event, source)
    problems += _photo_problems(event, source)
    problems += _calendar_problems(event, source)
    problems += _place_problems(event, source)
    problems += edition_problems(event, source)
    if problems:
        raise DataError(_sorted(problems))
    return event


def problems_from_validation(
    error: ValidationError, source: SourceMap, model: type[BaseModel]
) -> list[Problem]:
    """Pydantic's findings as located problems in plain words."""
    return [
        _problem_from_error(detail, source, model)
        for detail in error.errors()
        # Keys that are not text were already reported by the loader, in plain words.
        if detail["type"] != "invalid_key"
    ]


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.line, p.column, p.field))


# ---------------------------------------------------------------- messages


def _problem_from_error(detail: ErrorDetails, source: SourceMap, model: type[BaseModel]) -> Problem:
    loc: Loc = tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx", {})

    if kind == "extra_forbidden":
        name = str(loc[-1])
        if loc[0] == "en" and name in _field_names(model, loc[1:-1]):
            place = ".".join(str(part) for part in loc[1:] if isinstance(part, str))
            message = _(
                "unknown field '{name}' here: a fact is written once, in the German part "
                "({place}); en: holds only the author's words"
            ).format(name=name, place=place)
            return source.problem(loc, message, prefer_key=True, code="PG003")
        message = _("unknown field '{name}'").format(name=name)
        known = _field_names(model, loc[:-1])
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
        if close:
            message += _("; did you mean '{name}'?").format(name=close[0])
        elif known:
            message += _("; allowed here: {names}").format(names=", ".join(sorted(known)))
        return source.problem(loc, message, prefer_key=True, code="PG003")
    if kind == "missing":
        return source.problem(loc, _("required field is missing"), prefer_key=True, code="PG004")

    if value is None and loc in source.values:
        message = _("has no value; write one after the colon or remove the line")
        return source.problem(loc, message, code="PG004")
    else:
        message = _plain_message(kind, detail["msg"], ctx)
        raw = source.plain_scalars.get(loc)
        if raw is not None and not isinstance(value, str) and _is_type_error(kind):
            message += f"; {describe_plain_scalar(raw, value)}"
    return source.problem(loc, message, code="PG005")


_TYPE_WORDS = {
    "string_type": N_("expected text"),
    "int_type": N_("expected a whole number"),
    "int_parsing": N_("expected a whole number"),
    "int_from_float": N_("expected a whole number"),
    "bool_type": N_("expected yes or no"),
    "bool_parsing": N_("expected yes or no"),
    "list_type": N_("expected a list (lines starting with '- ')"),
    "dict_type": N_("expected a group of fields (key: value)"),
    "model_type": N_("expected a group of fields (key: value)"),
    "model_attributes_type": N_("expected a group of fields (key: value)"),
}


def _is_type_error(kind: str) -> bool:
    return kind in _TYPE_WORDS or kind in {
        "value_error",
        "literal_error",
        "string_pattern_mismatch",
    }


def _plain_message(kind: str, pydantic_message: str, ctx: dict[str, Any]) -> str:
    if kind in _TYPE_WORDS:
        return _(_TYPE_WORDS[kind])
    if kind == "value_error":
        return pydantic_message.removeprefix("Value error, ")
    if kind == "literal_error":
        # pydantic lists them in English: 'der', 'die' or 'das'.
        choices = str(ctx.get("expected", "")).replace("'", "").replace(" or ", f" {_('or')} ")
        return _("expected one of {choices}").format(choices=choices)
    if kind == "string_too_short":
        return _("must not be empty")
    if kind == "too_short":
        return _("needs at least one entry")
    if kind == "greater_than_equal":
        return _("must be at least {minimum}").format(minimum=ctx.get("ge"))
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if pattern in PATTERN_HINTS:
            return _(PATTERN_HINTS[pattern])
        return _("has not the expected form")
    if kind == "too_long":
        count = int(ctx.get("actual_length") or 0)
        return ngettext(
            "has {count} entry; at most {maximum} are allowed",
            "has {count} entries; at most {maximum} are allowed",
            count,
        ).format(count=count, maximum=ctx.get("max_length"))
    if kind == "string_too_long":
        return _("is too long; at most {maximum} characters are allowed").format(
            maximum=ctx.get("max_length")
        )
    if kind == "less_than_equal":
        maximum = f"{ctx.get('le'):,}".replace(",", ".")
        return _("must be at most {maximum}").format(maximum=maximum)
    return pydantic_message[:1].lower() + pydantic_message[1:]


def _field_names(model: type[BaseModel], loc: Loc) -> list[str]:
    """The field names the schema allows at `loc` (for did-you-mean)."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation, part)
        if annotation is None:
            return []
    annotation = _unwrap_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _unwrap_optional(annotation: Any) -> Any:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        candidates = [a for a in get_args(annotation) if a is not type(None)]
        return candidates[0] if len(candidates) == 1 else annotation
    if hasattr(annotation, "__metadata__"):  # Annotated[...]
        return _unwrap_optional(get_args(annotation)[0])
    return annotation


def _unwrap(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap_optional(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        field = annotation.model_fields.get(str(part))
        return field.annotation if field else None
    origin = get_origin(annotation)
    if origin is list:
        return get_args(annotation)[0]
    if origin is dict:
        return get_args(annotation)[1]
    return None


# ---------------------------------------------------------------- references


def _reference_problems(event: Event, source: SourceMap) -> Iterable[Problem]:
    people = list(event.people)
    for index, item in enumerate(event.programme):
        for position, key in enumerate(item.speakers):
            if key not in event.people:
                loc: Loc = ("programme", index, "speakers", position)
                yield source.problem(loc, _unknown("person", key, people), code="PG006")
    for key, quote in event.quotes.items():
        for position, speaker in enumerate(quote.speakers):
            if speaker not in event.people:
                where: Loc = ("quotes", key, "by") + (
                    (position,) if len(quote.speakers) > 1 else ()
                )
                if isinstance(quote.by, list) and len(quote.speakers) == 1:
                    where = ("quotes", key, "by", 0)
                message = _unknown("person", speaker, people)
                yield source.problem(where, message, code="PG006")
    keyed: list[tuple[Loc, list[str]]] = [
        (("event", "moderators"), event.event.moderators),
        (("event", "guests_of_honour"), event.event.guests_of_honour),
        *((("thanks", index, "by"), group.by) for index, group in enumerate(event.thanks or [])),
        *(
            (("programme", index, "moderators"), item.moderators)
            for index, item in enumerate(event.programme)
        ),
        *((("handovers", index, "by"), item.by) for index, item in enumerate(event.handovers)),
        *((("handovers", index, "to"), item.to) for index, item in enumerate(event.handovers)),
    ]
    for index, award in enumerate(event.awards):
        for position, winner in enumerate(award.winners):
            if winner.person is not None and winner.person not in event.people:
                message = _unknown("person", winner.person, people)
                yield source.problem(
                    ("awards", index, "winners", position, "person"), message, code="PG006"
                )
    for index, group in enumerate(event.thanks or []):
        for position, entry in enumerate(group.to):
            empty = (entry == "sponsors" and not event.sponsors) or (
                (entry == "host" and event.event.host is None)
                or (entry == "co_hosts" and not event.event.co_hosts)
            )
            if empty:
                what = {"sponsors": "sponsors", "host": "event.host", "co_hosts": "event.co_hosts"}
                yield source.problem(
                    ("thanks", index, "to", position),
                    _("thanks go to '{entry}', but {section} is empty").format(
                        entry=entry, section=what[str(entry)]
                    ),
                    code="PG006",
                )
    for loc, keys in keyed:
        for position, speaker in enumerate(keys):
            if speaker not in event.people:
                message = _unknown("person", speaker, people)
                yield source.problem((*loc, position), message, code="PG006")
    quotes = list(event.quotes)
    placed: dict[str, int] = {}
    sponsors_placed = False
    for index, block in enumerate(event.press_release.body):
        loc = ("press_release", "body", index)
        if block.quote is not None:
            if block.quote not in event.quotes:
                yield source.problem(
                    (*loc, "quote"), _unknown("quote", block.quote, quotes), code="PG006"
                )
            elif block.quote in placed:
                yield source.problem(
                    (*loc, "quote"),
                    _("the quote '{quote}' is already placed in body[{index}]").format(
                        quote=block.quote, index=placed[block.quote]
                    ),
                    code="PG006",
                )
            placed[block.quote] = index
        if block.sponsors:
            if not event.sponsors and not event.thanks:
                yield source.problem(
                    loc,
                    _(
                        "the sponsor acknowledgement is placed, but there is no one to thank: "
                        "'sponsors' and 'thanks' are empty"
                    ),
                    code="PG006",
                )
            if sponsors_placed:
                yield source.problem(
                    loc, _("the sponsor acknowledgement is placed twice"), code="PG006"
                )
            sponsors_placed = True


MAX_PHOTO_BYTES = 50 * 1024 * 1024  # a print photo rarely needs a third of this
# A 60-megapixel camera's full frame (9,504 × 6,336): more than any press photo needs,
# and every copy of a larger one would take seconds and gigabytes to make.
MAX_PHOTO_PIXELS = 60_000_000
_IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WEBP"}


def _photo_problems(event: Event, source: SourceMap) -> Iterable[Problem]:
    folder = source.file.resolve().parent
    for index, photo in enumerate(event.press_release.photos):
        if not is_local(photo.src):
            continue
        image = (folder / photo.src).resolve()
        loc: Loc = ("press_release", "photos", index, "src")
        if not image.is_relative_to(folder):
            yield source.problem(
                loc, _("the image must lie inside the event file's folder"), code="PG007"
            )
        elif not image.is_file():
            message = _("there is no image file {path} next to the event file").format(
                path=photo.src
            )
            yield source.problem(loc, message, code="PG007")
        else:
            problem = image_problem(image)
            if problem:
                yield source.problem(loc, problem, code="PG008")


def image_problem(path: Path) -> str | None:
    """Why the file is not the image its name says (None when it is)."""
    size = path.stat().st_size
    if size > MAX_PHOTO_BYTES:
        return _("the photo has {size} MB; at most {limit} MB are allowed: save it smaller").format(
            size=f"{size / 1024 / 1024:.0f}", limit=MAX_PHOTO_BYTES // 1024 // 1024
        )
    if size == 0:
        return _("the image file is empty (0 bytes)")
    from PIL import Image, UnidentifiedImageError  # only events with photos need it

    expected = _IMAGE_FORMATS[path.suffix.lower()]
    try:
        with warnings.catch_warnings():
            # Pillow warns of very large images; MAX_PHOTO_PIXELS below says it plainly.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as picture:
                found = picture.format
                picture.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        if isinstance(error, Image.DecompressionBombError):
            return _("the image has too many pixels to be a photo; save it smaller")
        return _(
            "{name} is not a {format} image (or it is damaged), though its name "
            "ends in {suffix}; export the photo again as {format}"
        ).format(name=path.name, format=expected, suffix=path.suffix)
    if found != expected:
        suffix = {"JPEG": ".jpg"}.get(str(found), f".{str(found).lower()}")
        return _("{name} is a {found} image, not {expected}: rename it to end in {suffix}").format(
            name=path.name, found=found, expected=expected, suffix=suffix
        )
    width, height = picture.size
    if width * height > MAX_PHOTO_PIXELS:
        return _(
            "the photo has {width} × {height} pixels ({megapixels} megapixels); at most "
            "{limit} megapixels are allowed: save it smaller (6,000 pixels on the long side "
            "are plenty for print)"
        ).format(
            width=width,
            height=height,
            megapixels=f"{width * height / 1e6:.0f}",
            limit=MAX_PHOTO_PIXELS // 1_000_000,
        )
    return None


def _calendar_problems(event: Event, source: SourceMap) -> Iterable[Problem]:
    """End before start on one day, and times that do not exist (the clocks go forward)."""
    info = event.event
    if info.end_date == info.date and info.start and info.end and info.end < info.start:
        yield source.problem(
            ("event", "end"),
            _(
                "the end lies before the start on the same day; for an event that ends after "
                "midnight leave end_date out"
            ),
            code="PG009",
        )
    moments: list[tuple[Loc, dt.date | None, dt.time | None]] = [
        (("event", "start"), info.date, info.start),
        (("event", "end"), info.end_day, info.end),
    ]
    for index, item in enumerate(event.programme):
        moments.append((("programme", index, "start"), item.day or info.date, item.start))
        moments.append((("programme", index, "end"), item.day or info.date, item.end))
    embargo = event.press_release.embargo
    if embargo is not None and embargo.tzinfo is None:
        moments.append((("press_release", "embargo"), embargo.date(), embargo.time()))
    for loc, day, time in moments:
        # A draft's open date cannot be checked yet; the final build checks it.
        if day is not None and time is not None and not _exists(day, time, info.zone):
            yield source.problem(
                loc,
                _(
                    "{time} does not exist on {day} in {zone}: the clocks are put forward that "
                    "night; give a time before or after the hour that is skipped"
                ).format(time=f"{time:%H:%M}", day=f"{day:%d.%m.%Y}", zone=info.timezone),
                code="PG009",
            )


def _place_problems(event: Event, source: SourceMap) -> Iterable[Problem]:
    """A venue unless the event is only online; German postcodes of five digits; the doors
    open before the start."""
    info = event.event
    if info.venue is None and info.livestream is None:
        yield source.problem(
            ("event", "venue"),
            _("required field is missing; an event only online gives its livestream instead"),
            prefer_key=True,
            code="PG004",
        )
    addresses: list[tuple[Loc, Any]] = [(("organisation", "address"), event.organisation.address)]
    if info.venue is not None:
        addresses.append((("event", "venue", "address"), info.venue.address))
    for index, item in enumerate(event.programme):
        if item.venue is not None:
            addresses.append((("programme", index, "venue", "address"), item.venue.address))
    for loc, address in addresses:
        german = address is not None and address.postcode and not address.country
        if german and not (len(address.postcode) == 5 and address.postcode.isdigit()):
            yield source.problem(
                (*loc, "postcode"),
                _(
                    'expected a five-digit postcode in quotes, e.g. "07743"; for an address '
                    "abroad give its country"
                ),
                code="PG005",
            )
    if info.admission and info.start and info.admission > info.start:
        yield source.problem(
            ("event", "admission"), _("the doors open (admission) after the start"), code="PG009"
        )


def _required_unless_draft(data: Any, source: SourceMap) -> Iterable[Problem]:
    """Facts only a draft may leave open are required in any other file, as they were
    before drafts existed. Read from the plain data so that they are reported together
    with every other problem."""
    if not isinstance(data, dict) or data.get("draft") is True:
        return
    places: list[Loc] = [("event", "date"), ("press_release", "publication_date")]
    photos = _get(data, ("press_release", "photos"))
    if isinstance(photos, list):
        places += [("press_release", "photos", i, "credit") for i in range(len(photos))]
    for loc in places:
        parent = _get(data, loc[:-1])
        if not isinstance(parent, dict) or parent.get(loc[-1]) is not None:
            continue  # a wrong shape above is reported by the schema
        if loc in source.values:
            message = _("has no value; write one after the colon (or mark the event 'draft: yes')")
            yield source.problem(loc, message, prefer_key=True, code="PG004")
        else:
            message = _("required field is missing")
            yield source.problem(loc, message, prefer_key=True, code="PG004")


def _get(data: Any, loc: Loc) -> Any:
    for part in loc:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _exists(day: dt.date, time: dt.time, zone: ZoneInfo) -> bool:
    local = dt.datetime.combine(day, time, tzinfo=zone)
    return local.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) == local.replace(
        tzinfo=None
    )


_UNKNOWN = {
    "person": N_("no person with the key '{key}' in 'people'"),
    "quote": N_("no quote with the key '{key}' in 'quotes'"),
}


def _unknown(what: str, key: str, known: list[str]) -> str:
    message = _(_UNKNOWN[what]).format(key=key)
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return message + _("; did you mean '{name}'?").format(name=close[0])
    if known:
        return message + _("; known keys: {keys}").format(keys=", ".join(known))
    return message
