"""The kinds of document pressgen reads, loaded and validated: an event file and a
newsletter file (an `issue:` section and the event files it names).

`load_document` is the one place that tells the kinds apart. From then on each kind
answers the same questions — who sends its newsletter, which events it tells and in
which phase, from which day it is its own, what names it in a send journal — so that
no command or stage asks which kind it holds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from pressgen.errors import DataError, Problem
from pressgen.messages import _
from pressgen.source.event import Event, Newsletter, Phase, phase_of
from pressgen.source.issue import NewsletterIssue
from pressgen.source.loader import LoadedFile, SourceMap, load_yaml
from pressgen.source.project import Project, project_for, with_defaults
from pressgen.source.validate import validate_event


@dataclass(frozen=True)
class LoadedEvent:
    """A validated event, the file it came from and where each value stands in it."""

    path: Path
    event: Event
    source: SourceMap
    project: Project = field(default_factory=Project)

    @property
    def newsletter(self) -> Newsletter:
        """Who sends its newsletter, and how."""
        return self.event.newsletter

    def told(self, phase: Phase | None = None) -> list[tuple[LoadedEvent, Phase | None]]:
        """The events it tells, each with the phase chosen for it (None: its dates')."""
        return [(self, phase)]

    def own_start(self) -> dt.datetime | None:
        """When it is its own to publish, apart from the events it tells: an event file's
        documents have no such day (their Sperrfrist is the event's)."""
        return None

    def identity(self) -> str:
        """What it is, not where its file lies: organisation, event (title and day) and
        the phase it is told in (a send journal's key)."""
        event = self.event
        return (
            f"event|{event.organisation.name}|{event.event.title}|{event.event.date}|"
            f"{phase_of(event)}"
        )


@dataclass(frozen=True)
class LoadedIssue:
    """A validated newsletter file and the events it names, each loaded in full."""

    path: Path
    issue: NewsletterIssue
    source: SourceMap
    events: dict[int, LoadedEvent]  # item index → the event file, loaded

    @property
    def first(self) -> LoadedEvent:
        """Its first event, whose organisation sends the issue and signs its Impressum."""
        return self.events[min(self.events)]

    @property
    def newsletter(self) -> Newsletter:
        return self.first.event.newsletter

    def told(self, phase: Phase | None = None) -> list[tuple[LoadedEvent, Phase | None]]:
        """Each event an item shows, as the item shows it (a phase chosen for the run
        does not change an issue)."""
        items = self.issue.items
        return [(loaded, items[index].show_as) for index, loaded in sorted(self.events.items())]

    def own_start(self) -> dt.datetime | None:
        """The start of its publication day, in the time zone of its first event."""
        zone = self.first.event.event.zone
        return dt.datetime.combine(self.issue.issue.publication_date, dt.time(), tzinfo=zone)

    def identity(self) -> str:
        return f"issue|{self.first.event.organisation.name}|{self.issue.issue.publication_date}"


Document = LoadedEvent | LoadedIssue


def is_issue(loaded: LoadedFile) -> bool:
    """A newsletter file says so with its `issue:` section; an event file has none."""
    return isinstance(loaded.data, dict) and "issue" in loaded.data


def load_document(path: Path) -> Document:
    """An event file or a newsletter file, read and validated: the one place that asks
    which kind a file is."""
    raw = load_yaml(path)
    return load_issue(path, raw) if is_issue(raw) else load_event_file(path, raw)


def load_event_file(path: Path, raw: LoadedFile | None = None) -> LoadedEvent:
    """Read one event file, fill in what it inherits from its project, validate it."""
    project = project_for(path)
    loaded = with_defaults(raw or load_yaml(path), project, path.stem)
    return LoadedEvent(path, validate_event(loaded), loaded.source, project)


def load_issue(path: Path, loaded: LoadedFile | None = None) -> LoadedIssue:
    """Read and validate a newsletter file and every event file it names."""
    from pydantic import ValidationError

    from pressgen.source.validate import problems_from_validation

    loaded = loaded or load_yaml(path)
    source = loaded.source
    problems = list(loaded.problems)
    try:
        issue = NewsletterIssue.model_validate(loaded.data)
    except ValidationError as error:
        found = problems_from_validation(error, source, NewsletterIssue)
        raise DataError([*problems, *found]) from None
    events: dict[int, LoadedEvent] = {}
    for index, item in enumerate(issue.items):
        if item.event is None:
            continue
        event_file = (path.parent / item.event).resolve()
        if not event_file.is_file() or not event_file.is_relative_to(path.parent.resolve()):
            problems.append(
                source.problem(
                    ("items", index, "event"),
                    _("there is no event file {path} next to the newsletter file").format(
                        path=item.event
                    ),
                    code="PG007",
                )
            )
            continue
        try:
            events[index] = load_event_file(event_file)
        except DataError as error:
            problems += error.problems
    if "en" in issue.languages:
        problems += _without_english(issue, source, events)
    if not events and not problems:
        problems.append(
            source.problem(
                ("items",),
                _(
                    "a newsletter issue needs at least one event: its organisation sends the "
                    "issue and signs its Impressum"
                ),
                code="PG004",
            )
        )
    if problems:
        raise DataError(problems)
    return LoadedIssue(path, issue, source, events)


def _without_english(
    issue: NewsletterIssue, source: SourceMap, events: dict[int, LoadedEvent]
) -> list[Problem]:
    """The newsletter's own English (edition_problems), and each event it shows with an
    English edition of its own: the English newsletter shows that one."""
    from pressgen.source.editions import edition_problems, publishes_english

    problems = edition_problems(issue, source)
    for index, loaded in events.items():
        if not publishes_english(loaded.event):
            problems.append(
                source.problem(
                    ("items", index, "event"),
                    _(
                        "the English newsletter shows this event, but {file} has no English "
                        "edition: add languages: [de, en] and its en: part there"
                    ).format(file=loaded.path.name),
                    code="PG013",
                )
            )
    return problems
