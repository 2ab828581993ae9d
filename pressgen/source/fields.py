"""The building blocks of every schema: field types (Line, Prose, Url, Email …) with
their checks, the Schema base class, and the role of each text (typeset or kept as
written)."""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, cast, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    create_model,
)

from pressgen.messages import N_, _
from pressgen.source import prose
from pressgen.source.addresses import email_problem, url_problem

# ---------------------------------------------------------------- field types


# Unicode category Cc: U+0000–U+001F and U+007F–U+009F.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
# What other programs read as the end of a line, besides CR and LF (and NEL, a Cc).
_OTHER_LINE_BREAKS = re.compile("[\u2028\u2029]")
# Controls that turn the direction of text: used to make a name or subject read as
# something else ("gpj.exe" shown as "exe.jpg").
_DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Letters that show nothing (Hangul fillers, the blank Braille pattern).
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")

MAX_LINE = 500
MAX_PARAGRAPH = 20_000


# The controls a person may type without knowing, each said in words.
_NAMED_CONTROLS = {
    "\n": N_("contains a line break; write it on one line as plain text"),
    "\r": N_("contains a carriage return; write it on one line as plain text"),
    "\t": N_("contains a tab; write it on one line as plain text"),
}


def _no_control_characters(value: str, *, allow_newlines: bool) -> str:
    if not (_CONTROL_BUT_NEWLINE if allow_newlines else _CONTROL).search(value):
        return value  # the usual case, found without a character-by-character loop
    for char in value:
        if char in "\n" and allow_newlines:
            continue
        if unicodedata.category(char) == "Cc":
            if char in _NAMED_CONTROLS:
                raise ValueError(_(_NAMED_CONTROLS[char]))
            raise ValueError(
                _(
                    "contains the control character {code}; write it on one line as plain text"
                ).format(code=f"U+{ord(char):04X}")
            )
    return value


_LINE_TOO_LONG = N_("the line is {length} characters long; at most {limit} are allowed")
_TEXT_TOO_LONG = N_("the text is {length} characters long; at most {limit} are allowed")


def _plain_text(value: str, *, limit: int, too_long: str) -> str:
    """What every text must be: short enough, visible, without direction controls.

    `too_long` is the message (marked with N_) for a text longer than `limit`."""
    if len(value) > limit:
        raise ValueError(_(too_long).format(length=f"{len(value):,}", limit=f"{limit:,}"))
    found = _DIRECTION_CONTROLS.search(value)
    if found:
        raise ValueError(
            _(
                "contains the invisible direction control {code}, which can make "
                "text read as something else; delete it"
            ).format(code=f"U+{ord(found[0]):04X}")
        )
    if not any(
        unicodedata.category(char)[0] not in "CZ" and char not in _BLANK_LETTERS for char in value
    ):
        raise ValueError(_("contains no visible text; write the text or remove the field"))
    return value


def single_line(value: str) -> str:
    _no_control_characters(value, allow_newlines=False)
    found = _OTHER_LINE_BREAKS.search(value)
    if found:
        raise ValueError(
            _("contains the line separator {code}; write it on one line as plain text").format(
                code=f"U+{ord(found[0]):04X}"
            )
        )
    return _plain_text(value, limit=MAX_LINE, too_long=_LINE_TOO_LONG)


def _prose(value: str) -> str:
    value = value.replace("\r\n", "\n").replace("\t", " ")
    value = _OTHER_LINE_BREAKS.sub("\n", value)
    _no_control_characters(value, allow_newlines=True)
    _plain_text(value, limit=MAX_PARAGRAPH, too_long=_TEXT_TOO_LONG)
    problems = prose.link_problems(value)
    if problems:
        raise ValueError("; ".join(problems))
    return value


class Role(enum.Enum):
    """What a text field holds. Typesetting, link checks and tests go by it, never by name."""

    TEXT = "one line of German text, typeset"
    PROSE = "running text with inline markup, typeset"
    VERBATIM = "one line printed exactly as written: phone numbers, names in headers"
    CODE = "a value of a fixed form: a postcode, a time zone"
    URL = "a link"
    IMAGE = "an image: a web address or a file beside the event"
    EMAIL = "an email address"
    KEY = "a short key that names another entry"


Line = Annotated[str, Field(min_length=1), AfterValidator(single_line), Role.TEXT]
"""One line of text; no line breaks or control characters (safe for email headers)."""


class Translated:
    """Marks the author's words: what an English edition (languages: [de, en]) gives again
    in English, under en:. Names, places, numbers and dates are facts, written once."""

    def __repr__(self) -> str:
        return "TRANSLATED"


TRANSLATED = Translated()

Wording = Annotated[Line, TRANSLATED]
"""One line of the author's words (a headline, a function, a caption): English under en:."""

Verbatim = Annotated[str, Field(min_length=1), AfterValidator(single_line), Role.VERBATIM]
"""One line of text printed as written, never typeset (phone numbers, VAT ids, sender names)."""

Prose = Annotated[str, Field(min_length=1), AfterValidator(_prose), Role.PROSE, TRANSLATED]
"""Running text; *emphasis*, **strong** and [links](https://…) are allowed."""


def checked_url(value: str) -> str:
    _no_control_characters(value, allow_newlines=False)
    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Url = Annotated[str, AfterValidator(checked_url), Role.URL]
"""A link: http, https or mailto only."""


def _email(value: str) -> str:
    _no_control_characters(value, allow_newlines=False)
    problem = email_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Email = Annotated[str, AfterValidator(_email), Role.EMAIL]

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


def _time(value: object) -> dt.time:
    if isinstance(value, dt.time):
        return value
    if not isinstance(value, str):
        raise ValueError(_('expected a time like "14:30"'))
    match = _TIME.match(value.strip())
    if not match:
        raise ValueError(
            _('"{value}" is not a time; expected hours and minutes like "14:30"').format(
                value=value
            )
        )
    return dt.time(int(match[1]), int(match[2]))


Time = Annotated[dt.time, BeforeValidator(_time)]
"""A time of day, written "14:30" (in quotes)."""

_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


# Events, releases and embargoes of real press offices; the limits keep every
# computed moment (the day after, the time in UTC) inside what Python can hold.
FIRST_YEAR, LAST_YEAR = 1900, 2199


def year_in_range(day: dt.date) -> dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(
            _("the year {year} is out of range; give a date from {first} to {last}").format(
                year=day.year, first=FIRST_YEAR, last=LAST_YEAR
            )
        )
    return day


def _date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError(_("expected a date without time, like 2017-08-17"))
    if isinstance(value, dt.date):
        return year_in_range(value)
    if isinstance(value, str):
        text = value.strip()
        german = _GERMAN_DATE.match(text)
        try:
            if german:
                day = dt.date(int(german[3]), int(german[2]), int(german[1]))
            else:
                day = dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(
                _('"{value}" is not a valid date; expected e.g. 2017-08-17').format(value=value)
            ) from None
        return year_in_range(day)
    raise ValueError(_("expected a date like 2017-08-17"))


Date = Annotated[dt.date, BeforeValidator(_date)]
"""A calendar date, written 2017-08-17 (or "17.08.2017" in quotes)."""

KEY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]*$"
POSTCODE_PATTERN = r"^[0-9A-Z][0-9A-Z -]{2,9}$"  # five digits in Germany (checked after)
COLOR_PATTERN = r"^#[0-9a-fA-F]{6}$"
# What to write instead, for each pattern a field must match (translated where used).
PATTERN_HINTS = {
    KEY_PATTERN: N_("expected a short key of letters, digits, '-' and '_', e.g. wrobel"),
    POSTCODE_PATTERN: N_('expected a postcode in quotes, e.g. "07743" (in Germany five digits)'),
    COLOR_PATTERN: N_('expected a colour as # and six hex digits, in quotes, e.g. "#0b5fa5"'),
}

Loc = tuple[str | int, ...]
"""Where a value stands in its file: ('sponsors', 1, 'name')."""

Key = Annotated[str, Field(pattern=KEY_PATTERN, max_length=64), Role.KEY]
"""A short name used to refer to an entry elsewhere in the file, e.g. wrobel."""


class Schema(BaseModel):
    """Base for all parts of the file: unknown fields are errors, values are frozen."""

    # The schemas are built when first used, not on import: a build that finds nothing
    # changed (incremental) validates no event and should not pay for them.
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


# ---------------------------------------------------------------- field roles


ModelT = TypeVar("ModelT", bound=BaseModel)


def map_texts(value: ModelT, change: Callable[[Role, str], str]) -> ModelT:
    """A copy of the model with `change(role, text)` applied to every text in it."""
    return cast(ModelT, _map(value, None, change))


def _map(value: Any, role: Role | None, change: Callable[[Role, str], str]) -> Any:
    if isinstance(value, BaseModel):
        updates = {}
        for name, role_of in _plan(type(value)):
            item = getattr(value, name)
            new = _map(item, role_of, change)
            if new is not item:
                updates[name] = new
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        return [_map(item, role, change) for item in value]
    if isinstance(value, dict):
        return {key: _map(item, role, change) for key, item in value.items()}
    if isinstance(value, str) and role is not None:
        return change(role, value)
    return value


def texts(value: BaseModel) -> Iterator[tuple[Loc, Role, str]]:
    """Every text of a model (nested models, lists and mappings too) with its place and role."""
    for name, role_of in _plan(type(value)):
        yield from _texts(getattr(value, name), role_of, (name,))


def _texts(value: Any, role: Role | None, loc: Loc) -> Iterator[tuple[Loc, Role, str]]:
    if isinstance(value, BaseModel):
        for name, role_of in _plan(type(value)):
            yield from _texts(getattr(value, name), role_of, (*loc, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, role, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, role, (*loc, key))
    elif isinstance(value, str) and role is not None:
        yield loc, role, value


@cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, Role | None], ...]:
    """Each field of a model with the role of the texts in it (None for choices and models)."""
    return tuple(
        (name, _role(info.annotation, tuple(info.metadata)))
        for name, info in model.model_fields.items()
    )


def _role(annotation: Any, metadata: tuple[Any, ...]) -> Role | None:
    for marker in metadata:
        if isinstance(marker, Role):
            return marker
    for inner in get_args(annotation):  # Optional[…], list[…], dict[Key, …], Annotated[…]
        role = _role(inner, tuple(getattr(inner, "__metadata__", ())))
        if role is not None:
            return role
    return None


# ---------------------------------------------------------------- the author's words


def is_translated(annotation: Any, metadata: tuple[Any, ...] = ()) -> bool:
    """Whether a field holds the author's words as a whole (TRANSLATED on it or its type)."""
    if any(marker is TRANSLATED for marker in metadata):
        return True
    if any(marker is TRANSLATED for marker in getattr(annotation, "__metadata__", ())):
        return True
    return any(is_translated(inner) for inner in get_args(annotation))


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for inner in get_args(annotation) for model in _models_in(inner)]


@cache
def english_part(model: type[BaseModel]) -> type[BaseModel] | None:
    """The model of what an English edition gives of `model`: its author's words, each
    optional, and the parts that hold some (lists entry by entry, mappings by key);
    None when it holds none. Facts are not in it: written under en:, they are unknown
    fields there."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        annotation = info.annotation
        if is_translated(annotation, tuple(info.metadata)):
            typed: Any = Annotated[annotation, *info.metadata] if info.metadata else annotation
            fields[name] = (typed | None, Field(None, description=info.description))
            continue
        inner = [part for found in _models_in(annotation) if (part := english_part(found))]
        if not inner:
            continue
        part = inner[0]
        origin = get_origin(_without_none(annotation))
        if origin is list:
            wrapped: Any = list[part]  # type: ignore[valid-type]
        elif origin is dict:
            wrapped = dict[str, part]  # type: ignore[valid-type]
        else:
            wrapped = part
        fields[name] = (wrapped | None, Field(None, description=info.description))
    if not fields:
        return None
    return create_model(
        f"{model.__name__}InEnglish",
        __base__=Schema,
        __doc__=f"The English of {model.__name__}'s texts.",
        **fields,
    )


def _without_none(annotation: Any) -> Any:
    args = [arg for arg in get_args(annotation) if arg is not type(None)]
    if get_origin(annotation) in (Union, UnionType) and len(args) == 1:
        return args[0]
    return annotation
