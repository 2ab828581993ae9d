"""Every output of one event, rendered in memory from its presentation.

`render_event` is the one pipeline: `build`, `check` and the preview all call it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pressgen.environment import environment, render_template, template_fingerprint
from pressgen.ics import render_ics
from pressgen.mail import build_email
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


def render_event(
    shown: Presentation, event_dir: Path | None = None, template_dirs: Sequence[Path] = ()
) -> dict[str, str | bytes]:
    """Every output of one event, in memory, keyed by path inside its output folder.

    Local press photos are read from `event_dir` (the event file's folder) and
    included, so the HTML finds them beside it.
    """
    from pressgen.newsletter import compile_newsletter  # heavy imports only when rendering

    data = shown.template_data()
    env = environment(tuple(template_dirs), template_fingerprint(template_dirs))
    # Links in the newsletter carry campaign parameters when the data asks for them.
    mjml_source = render_template("newsletter.mjml.j2", data, env, campaign_links=True)
    newsletter_html = compile_newsletter(mjml_source)
    newsletter_text = render_template("newsletter.txt.j2", data, env, campaign_links=True)
    event = shown.event
    outputs: dict[str, str | bytes] = {
        PRESS_RELEASE_HTML: render_template("pressemitteilung.html.j2", data, env),
        PRESS_RELEASE_TEXT: render_template("pressemitteilung.txt.j2", data, env),
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
