"""The Jinja environment (built in one place) and the rendering of every output.

`render_event` is the one pipeline: `build`, `check` and the preview all call it.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import jinja2

from pressgen import prose, typography
from pressgen.errors import PressgenError
from pressgen.model import Event, Person, Quote

TEXT_WIDTH = 72

PRESS_RELEASE_HTML = "pressemitteilung.html"
PRESS_RELEASE_TEXT = "pressemitteilung.txt"
NEWSLETTER_MJML = "newsletter.mjml"
NEWSLETTER_HTML = "newsletter.html"
NEWSLETTER_TEXT = "newsletter.txt"


class TemplateError(PressgenError):
    """A template could not be rendered; says which template and line."""


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


def wrap(text: str, width: int = TEXT_WIDTH, indent: str = "", first: str | None = None) -> str:
    """Fill a paragraph to `width` columns; words longer than a line stay whole."""
    return textwrap.fill(
        " ".join(text.split()),
        width=width,
        initial_indent=indent if first is None else first,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def make_environment() -> jinja2.Environment:
    """The one Jinja environment: strict about missing values, escaping HTML and MJML."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(builtin_templates_dir()),
        autoescape=_autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        date_long=typography.date_long,
        date_with_weekday=typography.date_with_weekday,
        date_numeric=typography.date_numeric,
        time_of_day=typography.time_of_day,
        quoted=typography.quoted,
        attribution=typography.attribution,
        and_list=typography.join,
        prose_html=prose.to_html,
        prose_text=prose.to_text,
        wrap=wrap,
    )
    env.globals.update(typography=typography)
    return env


@cache
def environment() -> jinja2.Environment:
    """The shared environment, built once per process."""
    return make_environment()


@dataclass(frozen=True)
class Block:
    """One block of the body in reading order, shared by every output."""

    kind: Literal["paragraph", "quote", "sponsors"]
    text: str = ""
    quote: Quote | None = None
    person: Person | None = None


def body_blocks(event: Event) -> list[Block]:
    """The body as authored, then any quote or sponsor thanks not placed in it.

    Every quote and the sponsor acknowledgement appear in every output, placed
    or not, so no output can silently drop one.
    """
    blocks: list[Block] = []
    placed_quotes: set[str] = set()
    sponsors_placed = False
    for entry in event.press_release.body:
        if entry.text is not None:
            blocks.append(Block("paragraph", text=entry.text))
        elif entry.quote is not None:
            placed_quotes.add(entry.quote)
            blocks.append(_quote_block(event, entry.quote))
        elif entry.sponsors:
            sponsors_placed = True
            blocks.append(Block("sponsors", text=typography.sponsor_thanks(event)))
    for key in event.quotes:
        if key not in placed_quotes:
            blocks.append(_quote_block(event, key))
    if event.sponsors and not sponsors_placed:
        blocks.append(Block("sponsors", text=typography.sponsor_thanks(event)))
    return blocks


def _quote_block(event: Event, key: str) -> Block:
    quote = event.quotes[key]
    return Block("quote", quote=quote, person=event.person(quote.by))


def template_context(event: Event) -> dict[str, Any]:
    """What every template sees: the event and the derived, already-German pieces."""
    info = event.event
    return {
        "event": event,
        "blocks": body_blocks(event),
        "dateline": (
            f"{event.press_release.dateline_city}, "
            f"{typography.date_long(event.press_release.publication_date)}"
        ),
        "facts": {
            "date": typography.event_dates(info),
            "time": typography.event_times(info),
            "venue": typography.place(info.venue),
            "guests": typography.guests(info),
        },
        "about_heading": typography.about_heading(event),
        "sponsor_thanks": typography.sponsor_thanks(event),
    }


def render_template(name: str, context: dict[str, Any]) -> str:
    """Render one template; a template mistake becomes a TemplateError with its line."""
    try:
        template = environment().get_template(name)
        return template.render(context, links=prose.LinkList())
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(f"{error.filename or name}:{error.lineno}: {error.message}") from None
    except jinja2.TemplateError as error:
        raise TemplateError(f"{name}: {error}") from None


def render_event(event: Event) -> dict[str, str]:
    """Every output of one event, in memory, keyed by file name."""
    from pressgen.newsletter import compile_newsletter  # heavy imports only when rendering

    context = template_context(event)
    mjml_source = render_template("newsletter.mjml.j2", context)
    return {
        PRESS_RELEASE_HTML: render_template("pressemitteilung.html.j2", context),
        PRESS_RELEASE_TEXT: render_template("pressemitteilung.txt.j2", context),
        NEWSLETTER_MJML: mjml_source,
        NEWSLETTER_HTML: compile_newsletter(mjml_source),
        NEWSLETTER_TEXT: render_template("newsletter.txt.j2", context),
    }
