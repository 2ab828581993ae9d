"""The Jinja environment (built in one place) and the rendering of every output.

`render_event` is the one pipeline: `build`, `check` and the preview all call it.
"""

from __future__ import annotations

import hashlib
import os
import re
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from pressgen import prose, typography
from pressgen.errors import DataError, Problem
from pressgen.ics import render_ics
from pressgen.mail import build_email
from pressgen.model import Event, Person, Quote, Typography, Utm
from pressgen.structured_data import json_ld_script

TEXT_WIDTH = 72

PRESS_RELEASE_HTML = "pressemitteilung.html"
PRESS_RELEASE_TEXT = "pressemitteilung.txt"
NEWSLETTER_MJML = "newsletter.mjml"
NEWSLETTER_HTML = "newsletter.html"
NEWSLETTER_TEXT = "newsletter.txt"
NEWSLETTER_EMAIL = "newsletter.eml"
CALENDAR = "termin.ics"


class TemplateError(DataError):
    """A template could not be rendered; says which template and line."""

    @classmethod
    def located(cls, error: jinja2.TemplateError, name: str) -> TemplateError:
        """The template file and line of a Jinja error (its traceback knows them)."""
        filename, line = name, 1
        if isinstance(error, jinja2.TemplateSyntaxError):
            filename, line = error.filename or name, error.lineno
        else:
            traceback = error.__traceback__
            while traceback is not None:
                code = traceback.tb_frame.f_code.co_filename
                if code.endswith(".j2"):
                    filename, line = code, traceback.tb_lineno
                traceback = traceback.tb_next
        message = error.message or str(error)
        if isinstance(error, SecurityError):
            message = f"not allowed in a template: {message}"
        return cls([Problem(Path(filename), line, 1, message)])


def builtin_templates_dir() -> Path:
    """The built-in templates: inside the installed package, or at the top of a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def _autoescape(template_name: str | None) -> bool:
    # HTML and MJML are escaped; plain-text templates are not.
    if template_name is None:
        return True
    return template_name.removesuffix(".j2").endswith((".html", ".mjml"))


_ORDINARY_SPACE = re.compile(r"[ \t\r\n]+")


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """Fill a paragraph to `width` columns; words longer than a line stay whole."""
    return textwrap.fill(
        # Fold ordinary white space only: non-breaking spaces must keep their words together.
        " ".join(_ORDINARY_SPACE.split(text.strip(" \t\r\n"))),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def cache_dir() -> Path | None:
    """Where compiled templates are kept between runs; None when switched off.

    PRESSGEN_CACHE_DIR names the folder (empty: no cache); by default
    $XDG_CACHE_HOME/pressgen, or ~/.cache/pressgen.
    """
    chosen = os.environ.get("PRESSGEN_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "pressgen"


def _bytecode_cache(env: jinja2.Environment) -> jinja2.BytecodeCache | None:
    """Jinja's file cache of compiled templates: a cold build saves compiling 20 of them.

    Jinja checks each entry against its template's source; the file names also
    carry what else shapes the compiled code (environment kind, whitespace
    settings, Jinja version), so a changed setting never reuses old code.
    """
    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # no writable cache folder: compile every time
    shape = repr(
        (type(env).__name__, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline,
         jinja2.__version__)
    )  # fmt: skip
    tag = hashlib.sha256(shape.encode()).hexdigest()[:12]
    return jinja2.FileSystemBytecodeCache(str(folder), f"template-{tag}-%s.cache")


def make_environment(template_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """The one Jinja environment: strict about missing values, escaping HTML and MJML.

    Templates in `template_dirs` (a press office's own) take precedence, file by
    file, over the built-in ones, and can extend a built-in template of the same
    name as "!builtin/NAME". Own templates are run in Jinja's sandbox.
    """
    builtin = jinja2.FileSystemLoader(builtin_templates_dir())
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader(list(template_dirs)),
            jinja2.PrefixLoader({"!builtin": builtin}),
            builtin,
        ]
    )
    kind = SandboxedEnvironment if template_dirs else jinja2.Environment
    env = kind(
        loader=loader,
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.bytecode_cache = _bytecode_cache(env)
    env.filters.update(
        date_long=typography.date_long,
        date_with_weekday=typography.date_with_weekday,
        date_numeric=typography.date_numeric,
        time_of_day=typography.time_of_day,
        attribution=typography.attribution,
        wrap=wrap,
        # Links in the newsletter carry campaign parameters when the data asks for them.
        link=_link,
        prose_html=_prose_html,
        prose_text=_prose_text,
        # These follow the event's typography settings.
        quoted=_styled(typography.quoted),
        and_list=_styled(typography.join),
        number=_styled(typography.number),
        programme_heading=_styled(typography.programme_heading),
    )
    env.globals.update(typography=typography)
    return env


def with_utm(url: str, utm: Utm | None) -> str:
    """The web address with utm_source, utm_medium and utm_campaign added (http/https only)."""
    parts = urlsplit(url)
    if utm is None or parts.scheme.lower() not in ("http", "https"):
        return url
    query = parse_qsl(parts.query, keep_blank_values=True)
    present = {key for key, _ in query}
    for key, value in (
        ("utm_source", utm.source),
        ("utm_medium", utm.medium),
        ("utm_campaign", utm.campaign),
    ):
        if key not in present:
            query.append((key, value))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _utm(context: jinja2.runtime.Context) -> Utm | None:
    utm: Utm | None = context.get("utm")
    return utm


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, url: str) -> str:
    return with_utm(url, _utm(context))


@jinja2.pass_context
def _prose_html(context: jinja2.runtime.Context, text: str) -> Markup:
    utm = _utm(context)
    return prose.to_html(text, link=lambda url: with_utm(url, utm))


@jinja2.pass_context
def _prose_text(context: jinja2.runtime.Context, text: str, links: prose.LinkList) -> str:
    utm = _utm(context)
    return prose.to_text(text, links, link=lambda url: with_utm(url, utm))


def _styled(function: Callable[[Any, Typography], str]) -> Callable[..., str]:
    """A filter that passes the rendered event's typography settings along."""

    @jinja2.pass_context
    def styled(context: jinja2.runtime.Context, value: Any) -> str:
        return function(value, context["event"].typography)

    return styled


@cache
def environment(
    template_dirs: tuple[Path, ...] = (), fingerprint: tuple[tuple[str, int], ...] = ()
) -> jinja2.Environment:
    """The shared environment for these template folders, built once per process.

    `fingerprint` names the files in them: Jinja notices a changed template but
    not a new one that hides a built-in, so a new file means a new environment.
    """
    return make_environment(template_dirs)


def template_fingerprint(template_dirs: Sequence[Path]) -> tuple[tuple[str, int], ...]:
    """Every file below the template folders with its modification time."""
    return tuple(
        (str(path), path.stat().st_mtime_ns)
        for folder in template_dirs
        for path in sorted(folder.rglob("*.j2"))
    )


@dataclass(frozen=True)
class Block:
    """One block of the body in reading order, shared by every output."""

    kind: Literal["paragraph", "quote", "sponsors"]
    text: str = ""
    quote: Quote | None = None
    person: Person | None = None
    # The first quote of a person names the function too; later ones the name only.
    first_mention: bool = True

    @property
    def speaker(self) -> str:
        """Name and function at first mention, the name alone after that."""
        assert self.person is not None
        return typography.attribution(self.person) if self.first_mention else self.person.name

    def in_release(self, style: Typography) -> tuple[str, str, str]:
        """The quote as a press release sentence: (before, quoted words, after).

        'Name, Funktion, blickte …: „…“' with a lead-in, otherwise
        '„…“, sagt Name, Funktion.' (the quote's own full stop gives way to the comma).
        """
        assert self.quote is not None
        if self.quote.lead_in:
            before = f"{self.speaker}, {self.quote.lead_in}: "
            return before, typography.quoted(self.quote.text, style), ""
        words = self.quote.text.strip()
        words = words.removesuffix(".") if not words.endswith("..") else words
        ending = "" if self.speaker.endswith(".") else "."
        return "", typography.quoted(words, style), f", sagt {self.speaker}{ending}"


def body_blocks(event: Event) -> list[Block]:
    """The body as authored, then any quote or sponsor thanks not placed in it.

    Every quote and the sponsor acknowledgement appear in every output, placed
    or not, so no output can silently drop one.
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
    if event.sponsors and ("sponsors", "") not in entries:
        entries.append(("sponsors", ""))

    blocks: list[Block] = []
    quoted_people: set[str] = set()
    for kind, value in entries:
        if kind == "paragraph":
            blocks.append(Block("paragraph", text=value))
        elif kind == "sponsors":
            blocks.append(Block("sponsors", text=typography.sponsor_thanks(event)))
        else:
            quote = event.quotes[value]
            first = quote.by not in quoted_people
            quoted_people.add(quote.by)
            person = event.person(quote.by)
            blocks.append(Block("quote", quote=quote, person=person, first_mention=first))
    return blocks


def grouped_blocks(blocks: list[Block]) -> list[list[Block]]:
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
    return groups


def body_character_count(event: Event, blocks: list[Block], dateline: str) -> int:
    """Zeichen inkl. Leerzeichen of the release body, dateline included."""
    texts = []
    for block in blocks:
        if block.kind == "quote":
            before, words, after = block.in_release(event.typography)
            texts.append(before + prose.to_text(words) + after)
        else:
            texts.append(prose.to_text(block.text))
    if blocks and blocks[0].kind == "paragraph":
        texts[0] = f"{dateline} – {texts[0]}"
    else:
        texts.insert(0, dateline)
    return typography.character_count(texts)


def template_context(event: Event) -> dict[str, Any]:
    """What every template sees: the event and the derived, already-German pieces."""
    info = event.event
    release = event.press_release
    blocks = body_blocks(event)
    dateline = f"{release.dateline_city}, {typography.date_long(release.publication_date)}"
    web_url = event.newsletter.web_url
    return {
        "event": event,
        "blocks": blocks,
        "block_groups": grouped_blocks(blocks),
        "dateline": dateline,
        "embargo": f"Sperrfrist: {typography.date_time(release.embargo)}"
        if release.embargo
        else "",
        "character_count": typography.number(
            body_character_count(event, blocks, dateline), event.typography
        ),
        "facts": {
            "date": typography.event_dates(info),
            "time": typography.event_times(info),
            "venue": typography.place(info.venue),
            "guests": typography.guests(info, event.typography),
        },
        "about_heading": typography.about_heading(event),
        "sponsor_thanks": typography.sponsor_thanks(event),
        "calendar_url": urljoin(web_url, CALENDAR) if web_url else "",
        "web_version_url": urljoin(web_url, NEWSLETTER_HTML) if web_url else "",
        "json_ld": Markup(json_ld_script(event)),
    }


def render_template(
    name: str, context: dict[str, Any], env: jinja2.Environment | None = None, **extra: Any
) -> str:
    """Render one template; a template mistake becomes a TemplateError with its line."""
    try:
        template = (env or environment()).get_template(name)
        return template.render(context, links=prose.LinkList(), **extra)
    except jinja2.TemplateError as error:
        raise TemplateError.located(error, name) from None


def render_event(
    event: Event, event_dir: Path | None = None, template_dirs: Sequence[Path] = ()
) -> dict[str, str | bytes]:
    """Every output of one event, in memory, keyed by path inside its output folder.

    Local press photos are read from `event_dir` (the event file's folder) and
    included, so the HTML finds them beside it.
    """
    from pressgen.newsletter import compile_newsletter  # heavy imports only when rendering

    event = typography.typeset_event(event)
    context = template_context(event)
    utm = event.newsletter.utm
    env = environment(tuple(template_dirs), template_fingerprint(template_dirs))
    mjml_source = render_template("newsletter.mjml.j2", context, env, utm=utm)
    newsletter_html = compile_newsletter(mjml_source)
    newsletter_text = render_template("newsletter.txt.j2", context, env, utm=utm)
    outputs: dict[str, str | bytes] = {
        PRESS_RELEASE_HTML: render_template("pressemitteilung.html.j2", context, env),
        PRESS_RELEASE_TEXT: render_template("pressemitteilung.txt.j2", context, env),
        NEWSLETTER_MJML: mjml_source,
        NEWSLETTER_HTML: newsletter_html,
        NEWSLETTER_TEXT: newsletter_text,
        NEWSLETTER_EMAIL: build_email(event, newsletter_text, newsletter_html),
        CALENDAR: render_ics(event),
    }
    for photo in event.press_release.photos:
        if is_local(photo.src) and event_dir is not None:
            outputs[photo.src] = (event_dir / photo.src).read_bytes()
    return outputs


def is_local(src: str) -> bool:
    """Whether an image source is a file beside the event rather than a web address."""
    return "://" not in src
