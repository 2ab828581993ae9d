"""Find event files, load all of them, render each in memory, then write atomically."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import itertools
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressgen.checks import edition_problems, event_problems, languages
from pressgen.checks.issue import issue_problems
from pressgen.checks.placeholders import placeholder_problems
from pressgen.clock import current_time
from pressgen.embargo import EMBARGOED, held_at, hold
from pressgen.errors import DataError, OutputError, Problem, display_path
from pressgen.messages import _
from pressgen.outputs.photos import PhotoError, publish_photos
from pressgen.outputs.render import NewsletterCopies, NewsletterCopy, render_editions, render_issue
from pressgen.pipeline.incremental import (
    RECORD_NAME,
    BuildRecord,
    InputKeys,
    Remembered,
    code_stamp,
    remembered_warnings,
    warnings_of,
)
from pressgen.present.event import Presentation, Reader, View
from pressgen.present.issue import IssuePresentation, present_issue
from pressgen.present.language import Code, edition_for
from pressgen.registry import NEWSLETTER_HTML, ListManager, handed_over, list_manager
from pressgen.site.press_room import (
    INDEX,
    PRESS_ROOM_FILES,
    owner_of,
    press_room_files,
    summary,
)
from pressgen.source.documents import (
    Document,
    LoadedEvent,
    LoadedIssue,
    load_document,
)
from pressgen.source.editions import ENGLISH_FOLDER, english_source, publishes_english
from pressgen.source.event import Phase
from pressgen.source.project import project_for
from pressgen.write import (
    STAGING_PREFIX,
    OutputRoot,
    cannot_write,
    check_replaceable,
    replace_folder,
    stage,
    write_atomically,
)

EVENT_SUFFIXES = (".yaml", ".yml")
# Starting worker processes costs more than a handful of events take.
PARALLEL_FROM_EVENTS = 8


@dataclass(frozen=True)
class Choices:
    """What the user chose for a run, the same for every event in it."""

    drafts: bool = False  # build drafts (their open facts as [… offen]) instead of refusing
    phase: Phase | None = None  # the invitation or the recap on purpose, whatever the dates say
    documents: bool = False  # also the press release as PDF and DOCX
    list_manager: str | None = None  # the newsletter for listmonk, Mailchimp, Brevo or CleverReach
    press_room: bool = False  # the release pages link to the press room's index

    def view(self, manager: ListManager | None, language: Code = "de") -> View:
        """How the run shows its documents (pressgen.present.event.View)."""
        return View(self.phase, self.press_room, manager, language)

    @property
    def folder_suffix(self) -> str:
        """What the output folder's name gets beside the event's: -einladung, -mailchimp."""
        phase = PHASE_FOLDER_SUFFIX[self.phase] if self.phase else ""
        return phase + (f"-{self.list_manager}" if self.list_manager else "")


def builds_press_room(
    paths: Sequence[Path], phase: str | None = None, list_manager: str | None = None
) -> bool:
    """A folder or a project (no paths) gets its press room; a phase or a list manager
    chosen on purpose is built beside it, not into it."""
    return (not paths or any(path.is_dir() for path in paths)) and not phase and not list_manager


@dataclass(frozen=True)
class BuiltEvent:
    """What one build wrote for one event."""

    path: Path
    out_dir: Path
    written: list[str]
    unchanged: list[str]
    warnings: list[Problem]
    rendered: bool = True  # False: nothing it follows from changed since the last build
    public_from: str = ""  # ISO time before which it is not public (in embargoed/ till then)


def find_event_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the *.yaml and *.yml files directly inside them, sorted.

    A path that is missing (or a folder without event files) is an error;
    all of them are reported at once.
    """
    found, problems = event_files(paths)
    if problems:
        raise DataError(problems)
    return found


def event_files(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The event files the paths name, and a problem for each path that names none."""
    found: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in EVENT_SUFFIXES and p.is_file())
            if not inside:
                problems.append(
                    Problem(path, 1, 1, _("the folder contains no .yaml files"), code="PG007")
                )
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            problems.append(Problem(path, 1, 1, _("no such file or folder"), code="PG007"))
    return list(dict.fromkeys(found)), problems


@dataclass(frozen=True)
class RenderedEvent:
    """A valid event with its outputs in memory and its warnings."""

    loaded: LoadedEvent
    outputs: dict[str, str | bytes]
    warnings: list[Problem]
    shown: Presentation  # what its outputs say, for whatever reads them afterwards
    # What the press room shows of it (pressgen.site.press_room.summary); None for a list manager.
    summary: dict[str, Any] | None = None
    english: Presentation | None = None  # the English edition's (languages: [de, en])

    @property
    def title(self) -> str:
        return self.loaded.event.event.title

    @property
    def headline(self) -> str:
        return self.loaded.event.press_release.headline

    @property
    def subject(self) -> str:
        return self.loaded.event.newsletter.subject

    @property
    def preheader(self) -> str:
        return self.loaded.event.newsletter.preheader or ""

    # Its key tells when anything it follows from changed: a build may skip it then.
    remembered = True

    @property
    def languages(self) -> tuple[str, ...]:
        """The editions it has: de, and en where it publishes the English one."""
        return ("de", "en") if self.english is not None else ("de",)

    def newsletter_for(self, reader: Reader) -> NewsletterCopy:
        """One recipient's newsletter from the presentation already made: the event as its
        mail headers read it, the text and the HTML (pressgen.outputs.render); in English
        for a reader of English, where the event has its English edition."""
        if edition_for(reader.language, self.languages) == "en":
            return self._english_copies(reader)
        return self._copies(reader)

    @functools.cached_property
    def _copies(self) -> NewsletterCopies:
        return NewsletterCopies(self.shown, self.loaded.project.template_dirs)

    @functools.cached_property
    def _english_copies(self) -> NewsletterCopies:
        assert self.english is not None
        return NewsletterCopies(self.english, self.loaded.project.template_dirs)


@dataclass(frozen=True)
class RenderedIssue:
    """A valid newsletter issue with its outputs (the newsletter's four) and its warnings."""

    loaded: LoadedIssue
    outputs: dict[str, str | bytes]
    warnings: list[Problem]
    shown: IssuePresentation
    summary: None = None  # an issue has no page in the press room
    english: IssuePresentation | None = None  # the English newsletter's (languages: [de, en])
    # It shows other files' events: its key cannot tell when it changed, so it is
    # rendered on every build and never remembered.
    remembered = False

    @property
    def languages(self) -> tuple[str, ...]:
        return ("de", "en") if self.english is not None else ("de",)

    def newsletter_for(self, reader: Reader) -> NewsletterCopy:
        """One recipient's copy, as RenderedEvent.newsletter_for."""
        if edition_for(reader.language, self.languages) == "en":
            return self._english_copies(reader)
        return self._copies(reader)

    @functools.cached_property
    def _copies(self) -> NewsletterCopies:
        return NewsletterCopies(self.shown, project_for(self.loaded.path).template_dirs)

    @functools.cached_property
    def _english_copies(self) -> NewsletterCopies:
        assert self.english is not None
        return NewsletterCopies(self.english, project_for(self.loaded.path).template_dirs)

    @property
    def title(self) -> str:
        return self.loaded.issue.issue.title or self.loaded.issue.issue.subject

    @property
    def headline(self) -> str:
        return self.title

    @property
    def subject(self) -> str:
        return self.loaded.issue.issue.subject

    @property
    def preheader(self) -> str:
        return self.loaded.issue.issue.preheader or ""


def render_one(
    loaded: LoadedEvent, now: dt.datetime, choices: Choices = Choices()
) -> RenderedEvent:
    """Render one valid event in memory and find its problems (errors and warnings).

    A draft is an error unless `choices.drafts` allows it (build --draft, the preview).
    """
    manager = list_manager(choices.list_manager)
    if manager is not None:
        placeholders = placeholder_problems(loaded.event, loaded.source, manager)
        if placeholders:
            raise DataError(placeholders)
    try:
        photos = publish_photos(loaded.event, loaded.path.parent)
    except PhotoError as error:
        listed = loaded.event.press_release.photos
        index = next(i for i, photo in enumerate(listed) if photo.src == error.src)
        place = ("press_release", "photos", index, "src")
        raise DataError([loaded.source.problem(place, error.reason, code="PG008")]) from None
    sizes = {src: photo.size for src, photo in photos.items()}
    (shown, rendered), *others = render_editions(
        loaded.event,
        choices.view(manager),
        photos,
        loaded.project.template_dirs,
        documents=choices.documents,
    )
    found = event_problems(
        shown,
        loaded.source,
        rendered.files,
        now,
        rendered.made_with,
        allow_drafts=choices.drafts,
        photo_sizes=sizes,
    )
    files = dict(rendered.files)
    said = {(problem.code, problem.field) for problem in found}
    for edition, outputs in others:  # the English edition, in en/ beside the German
        source = english_source(loaded.source)
        english = edition_problems(edition, source, outputs.files, now, outputs.made_with)
        # What the German edition found of a fact both share is said once.
        found += [p for p in english if (p.code, p.field.removeprefix("en.")) not in said]
        found += languages.check(shown, edition, source)
        files |= {f"{edition.language}/{name}": data for name, data in outputs.files.items()}
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise DataError(found)
    translated = others[0][0] if others else None
    if manager is not None:
        return RenderedEvent(loaded, handed_over(files), found, shown, None, translated)
    return RenderedEvent(
        loaded,
        files,
        found,
        shown,
        summary(shown, loaded.path.stem, sizes, translated),
        translated,
    )


Rendered = RenderedEvent | RenderedIssue


def render_path(path: Path, now: dt.datetime, choices: Choices = Choices()) -> Rendered:
    """An event file or a newsletter file, loaded, rendered and checked."""
    return render_document(load_document(path), now, choices)


def render_document(loaded: Document, now: dt.datetime, choices: Choices = Choices()) -> Rendered:
    """Any kind of document through its own presentation and templates; what comes out
    answers the same questions whatever the kind."""
    if isinstance(loaded, LoadedIssue):  # the pipeline's one turn by kind
        return _render_issue(loaded, now, choices)
    return render_one(loaded, now, choices)


def _render_issue(loaded: LoadedIssue, now: dt.datetime, choices: Choices) -> RenderedIssue:
    manager = list_manager(choices.list_manager)
    if manager is not None:
        placeholders = placeholder_problems(loaded.issue, loaded.source, manager)
        for event in loaded.events.values():
            placeholders += placeholder_problems(event.event, event.source, manager)
        if placeholders:
            raise DataError(placeholders)
    # Each event once, as its item shows it; its own findings are its file's (an error
    # in one stops the issue), its presentation is what the issue prints of it.
    events = {
        index: render_one(event, now, Choices(drafts=True, phase=loaded.issue.items[index].show_as))
        for index, event in loaded.events.items()
    }
    view = choices.view(manager)
    template_dirs = project_for(loaded.path).template_dirs
    shown = present_issue(loaded, view, {index: event.shown for index, event in events.items()})
    outputs = render_issue(shown, template_dirs)
    found = (
        issue_problems(shown, loaded, outputs)
        + _not_for_an_issue(loaded, choices)
        + _drafts_in_an_issue(loaded, choices)
    )
    english = None
    if publishes_english(loaded.issue):  # its English newsletter, in en/ beside the German
        told = {index: event.english for index, event in events.items()}
        english = present_issue(loaded, view, told, "en")  # type: ignore[arg-type]
        made = render_issue(english, template_dirs)
        said = {(problem.code, problem.field) for problem in found}
        source = english_source(loaded.source)
        found += [
            problem
            for problem in issue_problems(english, loaded, made, source)
            if (problem.code, problem.field.removeprefix("en.")) not in said
        ]
        found += languages.issue_check(shown, english, source)
        outputs |= {f"{ENGLISH_FOLDER}/{name}": data for name, data in made.items()}
    if any(problem.severity == "error" for problem in found):
        raise DataError(found)
    if manager is not None:
        outputs = handed_over(outputs)
    return RenderedIssue(loaded, outputs, found, shown, english=english)


def _drafts_in_an_issue(loaded: LoadedIssue, choices: Choices) -> list[Problem]:
    """An issue with a draft among its events is a draft too: an error, as for the event
    itself, unless drafts are allowed (build --draft, the preview)."""
    if choices.drafts:
        message = _("{name} is a draft, so this newsletter is one too (it says so at the top)")
    else:
        message = _(
            "{name} is a draft, so this newsletter is one too (it says so at the top); "
            "finish the event, or build with --draft"
        )
    return [
        loaded.source.problem(
            ("items", index, "event"),
            message.format(name=event.path.name),
            severity="warning" if choices.drafts else "error",
            code="PG601",
        )
        for index, event in loaded.events.items()
        if event.event.draft
    ]


def _not_for_an_issue(loaded: LoadedIssue, choices: Choices) -> list[Problem]:
    """A warning for each option the run chose that a newsletter file has no use for, so
    that no one waits for a PDF that never comes."""
    unused = (
        (
            choices.documents,
            _("--documents does not apply to a newsletter file: it has no press release to print"),
        ),
        (
            choices.phase,
            _(
                "--phase does not apply to a newsletter file: each item shows its event as the "
                "item's show_as says"
            ),
        ),
    )
    return [
        loaded.source.problem(("issue",), message, severity="warning", code="PG012")
        for chosen, message in unused
        if chosen
    ]


@dataclass(frozen=True)
class CheckedEvent:
    """What rendering and checking one event found: its warnings (errors are raised)."""

    path: Path
    warnings: list[Problem]
    public_from: str = ""  # ISO time before which it is not public (pressgen.embargo)


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What a worker reports about one event: problems, or the names it staged.

    Kept small (no path, slots): a batch holds one per event until the end.
    """

    problems: list[Problem]
    names: list[str]
    summary: dict[str, Any] | None = None  # a release's, for the press room
    public_from: str = ""  # ISO time before which it is not public (pressgen.embargo)
    # A newsletter file shows other files' events: its key cannot tell when it changed,
    # so it is rendered on every build and never remembered.
    remembered: bool = True


def _render_and_stage(
    path: Path, staged: Path | None, now: dt.datetime, choices: Choices
) -> _Outcome:
    """Load, render and check one event; write its outputs into `staged` if given.

    Runs in a worker process for batches, so it returns only small results:
    the outputs go to disk at once instead of piling up in memory.
    """
    try:
        rendered = render_path(path, now, choices)
    except DataError as error:
        return _Outcome(error.problems, [])
    if staged is not None:
        try:
            stage(rendered.outputs, staged)
        except OSError as error:
            raise cannot_write(staged.parent.parent / staged.name, error) from None
    held = hold(rendered.loaded, choices.phase)
    public_from = held.until.isoformat() if held else ""
    return _Outcome(
        rendered.warnings,
        list(rendered.outputs),
        rendered.summary,
        public_from,
        rendered.remembered,
    )


def _run(
    files: Sequence[Path],
    staging: Sequence[Path | None],
    now: dt.datetime,
    jobs: int,
    progress: Callable[[int], None] | None,
    choices: Choices,
) -> list[_Outcome]:
    """Every event through _render_and_stage, in `jobs` processes when it pays off."""
    if jobs <= 1 or len(files) < PARALLEL_FROM_EVENTS:
        outcomes = []
        for path, staged in zip(files, staging, strict=True):
            outcomes.append(_render_and_stage(path, staged, now, choices))
            if progress:
                progress(1)
        return outcomes
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(files) // (jobs * 16))
    outcomes = []
    with ProcessPoolExecutor(
        max_workers=jobs, initializer=_die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        for outcome in pool.map(
            _render_and_stage,
            files,
            staging,
            itertools.repeat(now),
            itertools.repeat(choices),
            chunksize=chunk,
        ):
            outcomes.append(outcome)
            if progress:
                progress(1)
    return outcomes


def _die_with_parent(parent: int) -> None:
    """A worker ends with the build that started it, even one killed with SIGKILL (Linux)."""
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the build ended before the line above took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def _raise_errors(outcomes: Sequence[_Outcome], missing: Sequence[Problem] = ()) -> None:
    problems = [*missing, *(p for outcome in outcomes for p in outcome.problems)]
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)


def check(
    paths: Sequence[Path],
    now: dt.datetime | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    choices: Choices = Choices(),
) -> list[CheckedEvent]:
    """Validate, render and check everything in memory; write nothing.

    Every problem of every file is reported, a missing path among them. Drafts
    are errors unless `choices.drafts` allows them.
    """
    files, missing = event_files(paths)
    moment = now or current_time()
    outcomes = _run(files, [None] * len(files), moment, jobs, progress, choices)
    _raise_errors(outcomes, missing)
    return [
        CheckedEvent(path, outcome.problems, outcome.public_from)
        for path, outcome in zip(files, outcomes, strict=True)
    ]


def build(
    paths: Sequence[Path],
    out_root: Path | None = None,
    now: dt.datetime | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    choices: Choices = Choices(),
) -> Built:
    """Build every event; nothing is written unless every event loads, renders and checks.

    Drafts are built (their open facts shown as placeholders) only when chosen.
    A phase or a list manager chosen on purpose goes to its own folder
    (<event>-einladung, <event>-mailchimp), beside the one the dates choose.

    Outputs are first written to a staging folder inside each output folder
    (memory stays flat for thousands of events); only when all events succeeded
    is each event's folder replaced, as a whole and in one step. A build of whole
    folders removes what it wrote earlier for an event file that is gone (renamed or
    deleted): the files its record names, and the folder when that leaves it empty.
    """
    files, missing = event_files(paths)
    if missing:  # every other file is still checked, so all problems come at once
        try:
            checked = check(files, now, jobs, progress, choices)
        except DataError as error:
            raise DataError([*missing, *error.problems]) from None
        raise DataError([*missing, *(w for result in checked for w in result.warnings)])
    targets = _output_folders(files, out_root, choices.folder_suffix)
    # Only a build of whole folders knows which releases are gone from the sources.
    whole_folders = choices.press_room
    if _has_press_room({target.parent for target in targets}, choices):
        # One file built into a press room: its entry and its back link stay current.
        choices = dataclasses.replace(choices, press_room=True)
    moment = now or current_time()
    with contextlib.ExitStack() as held:
        roots: dict[Path, OutputRoot] = {}
        for root in sorted({target.parent for target in targets}):
            roots[root] = held.enter_context(OutputRoot(root))
        staged = [roots[target.parent].staging / target.name for target in targets]
        # What has not changed since the last build is not rendered again.
        records = {root: BuildRecord.read(root) for root in roots}
        set_aside = [
            Problem(
                root / RECORD_NAME,
                1,
                1,
                _(
                    "the build record is not what pressgen writes ({reason}); it was set aside "
                    "and everything built again"
                ).format(reason=record.distrusted),
                severity="warning",
                code="PG905",
            )
            for root, record in records.items()
            if record.distrusted
        ]
        keys = InputKeys(repr(choices), code_stamp())
        plan = [
            _remembered(path, target, keys, records, moment)
            for path, target in zip(files, targets, strict=True)
        ]
        rendering = [index for index, (_key, entry) in enumerate(plan) if entry is None]
        fresh = _run(
            [files[i] for i in rendering],
            [staged[i] for i in rendering],
            moment,
            jobs,
            progress,
            choices,
        )
        _raise_errors(fresh)
        outcomes: list[_Outcome] = [
            _Outcome(warnings_of(entry), entry.names, entry.summary, entry.public_from)
            if entry is not None
            else _Outcome([], [])
            for _key, entry in plan
        ]
        for index, outcome in zip(rendering, fresh, strict=True):
            outcomes[index] = outcome
        # What is not public yet (pressgen.embargo) stays out of the folder that is published.
        targets = [
            target.parent / EMBARGOED / target.name
            if held_at(outcome.public_from, moment)
            else target
            for outcome, target in zip(outcomes, targets, strict=True)
        ]
        for root in {target.parent for target in targets if target.parent.name == EMBARGOED}:
            _check_real_folder(root)
        for index in rendering:
            check_replaceable(targets[index], outcomes[index].names)
        built = []
        for index, (path, outcome, folder, target) in enumerate(
            zip(files, outcomes, staged, targets, strict=True)
        ):
            key, entry = plan[index]
            if entry is not None:
                built.append(
                    BuiltEvent(
                        path,
                        target,
                        [],
                        list(entry.names),
                        outcome.problems,
                        False,
                        outcome.public_from,
                    )
                )
                continue
            try:
                target.parent.mkdir(exist_ok=True)
                _follow_the_embargo(target)
                written, unchanged = replace_folder(folder, target, outcome.names)
            except OSError as error:
                raise cannot_write(target, error) from None
            built.append(
                BuiltEvent(
                    path,
                    target,
                    written,
                    unchanged,
                    outcome.problems,
                    public_from=outcome.public_from,
                )
            )
            record = records[staged[index].parent.parent]
            # The record lies in the published folder: nothing of a release under embargo
            # goes into it (it is rendered on each build until it is out).
            embargoed = target.parent.name == EMBARGOED
            record.remember(
                folder.name,
                None
                if embargoed or not outcome.remembered
                else Remembered(
                    key,
                    str(target.relative_to(record.root)),
                    outcome.names,
                    remembered_warnings(outcome.problems),
                    # A phase or a list manager built on purpose (e-einladung) is no entry
                    # of the press room: its summary names the event's own folder.
                    outcome.summary if _slug(outcome) == target.name else None,
                    outcome.public_from,
                ),
            )
        removed: list[Path] = []
        for root, record in records.items():
            if whole_folders:
                # A folder's build knows all its events: what it did not build is gone.
                gone = record.keep_only(
                    {target.name for target in staged if target.parent.parent == root}
                )
                removed += _remove_outputs(root, gone.values())
            try:
                if record.changed:
                    record.write()
            except OSError as error:
                raise cannot_write(record.root, error) from None
        if choices.press_room:
            for root, record in records.items():
                # The releases built before (from the record), and this build's.
                releases = {
                    name: entry.summary
                    for name, entry in record.events.items()
                    if entry.summary is not None
                }
                for outcome, target in zip(outcomes, targets, strict=True):
                    if outcome.summary is not None and root in (
                        target.parent,
                        target.parent.parent,
                    ):
                        releases[target.name] = outcome.summary
                _write_press_room(root, list(releases.values()), moment, files[0])
        if built:
            built[0].warnings.extend(set_aside)
        return Built(built, removed)


def _slug(outcome: _Outcome) -> str:
    return str(outcome.summary.get("slug", "")) if outcome.summary else ""


class Built(list[BuiltEvent]):
    """What a build wrote, event by event; and the output folders it removed, as their
    event files are gone."""

    def __init__(self, events: Iterable[BuiltEvent] = (), removed: Sequence[Path] = ()) -> None:
        super().__init__(events)
        self.removed = list(removed)


def _remove_outputs(root: Path, gone: Iterable[Remembered]) -> list[Path]:
    """The files pressgen wrote for events that are gone, and their folders when empty;
    never anything it did not write."""
    removed = []
    for entry in gone:
        folder = root / entry.folder
        if not folder.is_dir() or folder.is_symlink():
            continue
        for name in entry.names:
            with contextlib.suppress(OSError):
                (folder / name).unlink()
        for emptied in sorted(
            (path for path in folder.rglob("*") if path.is_dir()), key=lambda p: -len(p.parts)
        ):
            with contextlib.suppress(OSError):
                emptied.rmdir()  # only when empty
        with contextlib.suppress(OSError):
            folder.rmdir()
        removed.append(folder)
    return removed


def _has_press_room(roots: set[Path], choices: Choices) -> bool:
    """Whether a build of single files goes into output folders that have a press room."""
    return (
        not choices.press_room
        and choices.phase is None
        and choices.list_manager is None
        and bool(roots)
        and all((root / INDEX).is_file() for root in roots)
    )


def _remembered(
    path: Path,
    target: Path,
    keys: InputKeys,
    records: dict[Path, BuildRecord],
    now: dt.datetime,
) -> tuple[str, Remembered | None]:
    """The event's key, and its last build when nothing it follows from has changed (nor
    its Sperrfrist ended since)."""
    key = keys.key(path)
    entry = records[target.parent].unchanged(target.name, key)
    if entry is not None:
        waits = entry.folder.startswith(EMBARGOED + "/")
        if held_at(entry.public_from, now) != waits:
            return key, None  # the folder must move
    return key, entry


def _check_real_folder(folder: Path) -> None:
    """embargoed/ must be a folder of its own inside the output folder: written through a
    symbolic link, what is not public yet would land wherever the link points."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise OutputError(
            _(
                "{path} is not a folder but a link or a file: pressgen keeps what is not "
                "public yet there and never writes through a link; remove it"
            ).format(path=display_path(folder))
        )


def _follow_the_embargo(target: Path) -> None:
    """An event's folder moves with its embargo: into embargoed/ when a Sperrfrist is set
    (so that nothing of it stays in the folder that is published), out of it when the
    Sperrfrist has passed. Files the press office put into the folder move along."""
    if target.parent.name == EMBARGOED:
        other = target.parent.parent / target.name
    else:
        other = target.parent / EMBARGOED / target.name
    if other.is_dir() and not other.is_symlink() and not target.exists():
        other.rename(target)


def _write_press_room(
    root: Path, releases: Sequence[dict[str, Any]], now: dt.datetime, first: Path
) -> None:
    """index.html, feed.xml, sitemap.xml and robots.txt beside the events' folders."""
    project = project_for(first)
    try:
        made = press_room_files(
            releases,
            now,
            project.config.web_base_url,
            lambda page: (root / page).read_text("utf-8"),
            project.template_dirs,
            owner=owner_of(project),
        )
    except OSError as error:  # a release's page, read for the feed, is gone
        raise cannot_write(root, error) from None
    for name in PRESS_ROOM_FILES:
        target = root / name
        try:
            if name not in made:
                target.unlink(missing_ok=True)  # no web address any more: no sitemap
            elif not target.is_file() or target.read_bytes() != made[name]:
                write_atomically(target, made[name])
        except OSError as error:
            raise cannot_write(target, error) from None


# A phase built on purpose gets a folder of its own.
PHASE_FOLDER_SUFFIX = {"invitation": "-einladung", "recap": "-rueckblick"}


def _output_folders(files: Sequence[Path], out_root: Path | None, suffix: str = "") -> list[Path]:
    """Each event's output folder: below `out_root`, or its project's output folder."""
    seen: dict[Path, Path] = {}
    folders = []
    roots: dict[Path, Path] = {}  # event folder → output root (one project per folder)
    for path in files:
        if path.parent not in roots:
            roots[path.parent] = Path(os.path.abspath(out_root or project_for(path).output_dir))
        root = roots[path.parent]
        folder = root / (path.stem + suffix)
        if path.stem in ("", ".", "..") or path.stem.startswith(STAGING_PREFIX):
            raise OutputError(
                _("{path}: the file name cannot be a folder name").format(path=display_path(path))
            )
        if folder.name == EMBARGOED:
            message = _(
                "the name {name} is kept for what is not public yet ({folder}); rename the file"
            ).format(name=EMBARGOED, folder=display_path(root / EMBARGOED))
            raise DataError([Problem(path, 1, 1, message, code="PG007")])
        if folder in seen:
            raise OutputError(
                _(
                    "{first} and {second} would both be written to {folder}; rename one of them"
                ).format(
                    first=display_path(path),
                    second=display_path(seen[folder]),
                    folder=display_path(folder),
                )
            )
        seen[folder] = path
        folders.append(folder)
    return folders


def client_report(
    paths: Sequence[Path],
    choices: Choices = Choices(),
    ignored: Sequence[str] = (),
) -> list[CheckedEvent]:
    """check --clients: what the major mail programs do not support in each event's
    newsletter.html (PG801), after the event has passed its checks."""
    from pressgen.checks.clients import client_problems

    reports = []
    for path in find_event_files(paths):  # folders and projects too, as check takes them
        rendered = render_path(path, current_time(), choices)  # an event or a newsletter
        html = rendered.outputs[NEWSLETTER_HTML]
        assert isinstance(html, str)
        own = project_for(path).config.ignored_email_features
        found = client_problems(html, rendered.loaded.source, [*own, *ignored])
        reports.append(CheckedEvent(path, found))
    return reports
