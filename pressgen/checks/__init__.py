"""What `check` and `build` find in valid data and in its rendered outputs.

Every finding has a stable code (pressgen/rules.py). The checks read the
rendered files and compare them with the values the templates were given
(the presentation), never with words of their own: a template that drops a
quote from one format is caught, one that words a label differently is not.

    consistency   PG1xx  every output says the same
    completeness  PG2xx  what a release and a newsletter must carry
    limits        PG3xx  what fits into a mail program
    links         PG4xx  links and placeholder addresses
    dates         PG5xx  the embargo
    drafts        PG601  a draft's open facts (an error unless drafts are allowed)
                  PG602  a gap written by hand in a file that is no draft
    texts         PG7xx  the author's texts against themselves and the data
    web           PG9xx  the release on the web: press room, link previews, print photos

Errors stop a build; warnings are printed (and are errors with --strict).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pressgen.checks import completeness, consistency, dates, drafts, limits, links, texts, web
from pressgen.checks.findings import Findings
from pressgen.checks.reading import Reading
from pressgen.errors import Problem
from pressgen.present.event import Presentation
from pressgen.source.loader import SourceMap


def event_problems(
    shown: Presentation,
    source: SourceMap,
    outputs: Mapping[str, str | bytes],
    now: dt.datetime,
    made_with: Mapping[str, tuple[str, ...]] | None = None,
    allow_drafts: bool = False,
    photo_sizes: Mapping[str, tuple[int, int]] | None = None,
) -> list[Problem]:
    """Every error and warning for one valid, rendered event; `now` is time-zone aware.

    `made_with` names the own templates that rendered each output, for the messages;
    with `allow_drafts`, a draft is a warning instead of an error.
    """
    found = Findings(source, made_with or {})
    _of_every_edition(shown, Reading(outputs), now, found)
    drafts.check(shown, found, allowed=allow_drafts)
    texts.check(shown, found)
    web.check(shown, photo_sizes or {}, found)
    return sorted(found.items, key=lambda p: (str(p.file), p.line, p.column))


def edition_problems(
    shown: Presentation,
    source: SourceMap,
    outputs: Mapping[str, str | bytes],
    now: dt.datetime,
    made_with: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Problem]:
    """What the English edition's outputs must hold as the German ones do: every quote,
    the thanks, the facts, the Pressekontakt, the Impressum, links that work, the
    Sperrfrist. The checks of German words (PG7xx), of drafts and of the web page are
    the German edition's: its facts are the same."""
    found = Findings(source, made_with or {})
    _of_every_edition(shown, Reading(outputs), now, found)
    return sorted(found.items, key=lambda p: (str(p.file), p.line, p.column))


def _of_every_edition(
    shown: Presentation, reading: Reading, now: dt.datetime, found: Findings
) -> None:
    """What every edition's outputs must hold, whatever its language."""
    consistency.check(shown, reading, found)
    completeness.check(shown, reading, found)
    limits.check(shown, reading, found)
    links.check(shown, reading, found)
    dates.check(shown, now, found)
