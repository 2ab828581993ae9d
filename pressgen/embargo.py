"""Whether a document may be public at a given instant: the one place that decides it, for
every kind of document and every command.

- A document made from an event file (the press release, the newsletter, in either phase,
  for pressgen or for a list manager, and its entry in the press room) is public once the
  event's Sperrfrist has ended; without one, at once.
- A newsletter issue is public once every event it shows is public and its own
  publication day has begun (in the time zone of its first event).

Before that instant `build` writes the document below `embargoed/`, never into the folder
that is published; `send` refuses it to subscribers (with --before-embargo it sends a test
whose subject starts with [TEST]); `send --dry-run` and `check` say when it becomes public.
The press release sent to journalists (`send --press`) is not public: it carries the
Sperrfrist, which binds them, and may go out before it ends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pressgen.errors import PressgenError
from pressgen.german import typography
from pressgen.messages import _

if TYPE_CHECKING:
    from pressgen.source.documents import Document
    from pressgen.source.event import Phase

EMBARGOED = "embargoed"  # the folder of documents not yet public: never to be published


@dataclass(frozen=True)
class Hold:
    """Until when a document is held back, and by what."""

    until: dt.datetime  # time-zone aware, in the zone its text is printed in
    because: str  # "the Sperrfrist of neujahrsempfang-2027.yaml"

    @property
    def moment(self) -> str:
        """15. Januar 2027, 18 Uhr (a day from its start: 20. Januar 2027), as the outputs
        print it, with plain spaces."""
        if self.until.time() == dt.time():
            return typography.plain_spaces(typography.date_long(self.until.date()))
        return typography.plain_spaces(typography.date_time(self.until))

    def __str__(self) -> str:
        return f"{self.moment} ({self.because})"


def hold(document: Document, phase: Phase | None = None) -> Hold | None:
    """The last of the things that keep `document` (in `phase`, when chosen on purpose)
    from being public; None when nothing does."""
    from pressgen.present.event import as_told

    holds: list[Hold] = []
    for loaded, told_as in document.told(phase):
        # What the document tells: an invitation in its own words has no Sperrfrist.
        end = as_told(loaded.event, told_as).embargo_end()
        if end is not None:
            holds.append(Hold(end, _("the Sperrfrist of {file}").format(file=loaded.path.name)))
    own = document.own_start()
    if own is not None:
        because = _("the publication day of {file}").format(file=document.path.name)
        holds.append(Hold(own, because))
    return max(holds, key=lambda found: found.until, default=None)


def held_at(until: dt.datetime | str | None, now: dt.datetime) -> bool:
    """Whether a document held until `until` (an instant, its ISO text, or none) is still
    held at `now`."""
    if not until:
        return False
    moment = dt.datetime.fromisoformat(until) if isinstance(until, str) else until
    return now < moment


def held(document: Document, now: dt.datetime, phase: Phase | None = None) -> Hold | None:
    """What holds `document` back at `now`, or None when it is public."""
    found = hold(document, phase)
    return found if found is not None and held_at(found.until, now) else None


class EmbargoError(PressgenError):
    """A public send was asked for before the document is public."""


def send_is_test(document: Document, now: dt.datetime, before_embargo: bool) -> bool:
    """Whether a send to subscribers at `now` is a test: asked for (`before_embargo`) while
    the document is held. Without the flag such a send is refused (EmbargoError); once the
    document is public, the flag changes nothing."""
    found = held(document, now)
    if found is None:
        return False
    if not before_embargo:
        raise EmbargoError(
            _(
                "not public before {moment}: it may not go to subscribers before then; for a "
                "test send use --before-embargo (the subject then starts with [TEST])"
            ).format(moment=found)
        )
    return True
