"""What `check` and `build` find in valid data and its rendered outputs.

Errors stop a build (a newsletter without Impressum must not go out);
warnings are printed and leave the exit status alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pressgen import typography
from pressgen.errors import Problem
from pressgen.loader import SourceMap
from pressgen.model import Event
from pressgen.render import NEWSLETTER_HTML

# Gmail cuts messages off after 102 KB and hides the rest behind a link.
NEWSLETTER_WARN_BYTES = 80 * 1024
NEWSLETTER_MAX_BYTES = 102 * 1024


def event_problems(
    event: Event,
    source: SourceMap,
    outputs: Mapping[str, str | bytes],
    now: dt.datetime,
) -> list[Problem]:
    """Every error and warning for one valid, rendered event; `now` is time-zone aware."""
    problems: list[Problem] = []
    problems += _legal_musts(event, source)
    problems += _newsletter_size(source, outputs)
    problems += _embargo(event, source, now)
    return problems


def _legal_musts(event: Event, source: SourceMap) -> list[Problem]:
    organisation = event.organisation
    problems = []
    if organisation.impressum is None:
        problems.append(
            source.problem(
                ("organisation", "impressum"),
                "the newsletter needs an Impressum (§ 5 DDG): add 'impressum:' with "
                "legal_form and represented_by",
                prefer_key=True,
            )
        )
    for field, what in (("address", "a postal address"), ("email", "an email address")):
        if getattr(organisation, field) is None:
            problems.append(
                source.problem(
                    ("organisation", field),
                    f"the Impressum (§ 5 DDG) needs {what} of the organisation",
                    prefer_key=True,
                )
            )
    if event.newsletter.unsubscribe_url is None:
        problems.append(
            source.problem(
                ("newsletter", "unsubscribe_url"),
                "the newsletter needs an Abmeldelink (§ 7 UWG): set unsubscribe_url to an "
                "https:// page or a mailto: address",
                prefer_key=True,
            )
        )
    return problems


def _newsletter_size(source: SourceMap, outputs: Mapping[str, str | bytes]) -> list[Problem]:
    html = outputs[NEWSLETTER_HTML]
    size = len(html.encode("utf-8") if isinstance(html, str) else html)
    shown = f"newsletter.html has {size / 1024:.0f} KB"
    if size > NEWSLETTER_MAX_BYTES:
        message = f"{shown}; Gmail cuts off emails over 102 KB: shorten the newsletter"
        return [source.problem(("newsletter",), message, prefer_key=True)]
    if size > NEWSLETTER_WARN_BYTES:
        message = f"{shown}; close to the 102 KB at which Gmail cuts emails off"
        return [source.problem(("newsletter",), message, prefer_key=True, severity="warning")]
    return []


def _embargo(event: Event, source: SourceMap, now: dt.datetime) -> list[Problem]:
    embargo = event.press_release.embargo
    if embargo is None:
        return []
    aware = embargo if embargo.tzinfo else embargo.replace(tzinfo=event.event.zone)
    if aware > now:
        return []
    message = (
        f"the embargo ({typography.date_time(embargo)}) has already passed; "
        "remove it or set a later time"
    )
    return [source.problem(("press_release", "embargo"), message, severity="warning")]
