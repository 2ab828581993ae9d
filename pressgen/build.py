"""Find event files, load all of them, render each in memory, then write atomically."""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pressgen.checks import current_time, event_problems
from pressgen.errors import DataError, OutputError, Problem, display_path
from pressgen.loader import SourceMap, load_yaml
from pressgen.model import Event
from pressgen.present import present
from pressgen.project import Project, project_for, with_defaults
from pressgen.render import render_event
from pressgen.validate import validate_event

EVENT_SUFFIXES = (".yaml", ".yml")
# Starting worker processes costs more than a handful of events take.
PARALLEL_FROM_EVENTS = 8


@dataclass(frozen=True)
class LoadedEvent:
    """A validated event, the file it came from and where each value stands in it."""

    path: Path
    event: Event
    source: SourceMap
    project: Project = field(default_factory=Project)


@dataclass(frozen=True)
class BuiltEvent:
    """What one build wrote for one event."""

    path: Path
    out_dir: Path
    written: list[str]
    unchanged: list[str]
    warnings: list[Problem]


def find_event_files(paths: Iterable[Path]) -> list[Path]:
    """Expand folders to the *.yaml and *.yml files directly inside them, sorted."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.suffix in EVENT_SUFFIXES and p.is_file())
            if not inside:
                raise DataError([Problem(path, 1, 1, "the folder contains no .yaml files")])
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise DataError([Problem(path, 1, 1, "no such file or folder")])
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class RenderedEvent:
    """A valid event with its outputs in memory and its warnings."""

    loaded: LoadedEvent
    outputs: dict[str, str | bytes]
    warnings: list[Problem]


def render_one(loaded: LoadedEvent, now: dt.datetime) -> RenderedEvent:
    """Render one valid event in memory and find its problems (errors and warnings)."""
    shown = present(loaded.event)
    outputs = render_event(shown, loaded.path.parent, loaded.project.template_dirs)
    found = event_problems(shown, loaded.source, outputs, now)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise DataError(found)
    return RenderedEvent(loaded, outputs, found)


def load_one(path: Path) -> LoadedEvent:
    """Read one event file, fill in what it inherits from its project, validate it."""
    project = project_for(path)
    loaded = with_defaults(load_yaml(path), project, path.stem)
    return LoadedEvent(path, validate_event(loaded), loaded.source, project)


@dataclass(frozen=True)
class CheckedEvent:
    """What rendering and checking one event found: its warnings (errors are raised)."""

    path: Path
    warnings: list[Problem]


@dataclass(frozen=True, slots=True)
class _Outcome:
    """What a worker reports about one event: problems, or the names it staged.

    Kept small (no path, slots): a batch holds one per event until the end.
    """

    problems: list[Problem]
    names: list[str]


def _render_and_stage(path: Path, staged: Path | None, now: dt.datetime) -> _Outcome:
    """Load, render and check one event; write its outputs into `staged` if given.

    Runs in a worker process for batches, so it returns only small results:
    the outputs go to disk at once instead of piling up in memory.
    """
    try:
        rendered = render_one(load_one(path), now)
    except DataError as error:
        return _Outcome(error.problems, [])
    if staged is not None:
        stage(rendered.outputs, staged)
    return _Outcome(rendered.warnings, list(rendered.outputs))


def stage(outputs: Mapping[str, str | bytes], folder: Path) -> None:
    """Write one event's outputs into a new folder (a staging folder, moved later)."""
    folder.mkdir()
    for name, content in outputs.items():
        target = folder / name
        if "/" in name:  # a photo in a subfolder; one mkdir per event otherwise
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def _run(
    files: Sequence[Path],
    staging: Sequence[Path | None],
    now: dt.datetime,
    jobs: int,
    progress: Callable[[int], None] | None,
) -> list[_Outcome]:
    """Every event through _render_and_stage, in `jobs` processes when it pays off."""
    if jobs <= 1 or len(files) < PARALLEL_FROM_EVENTS:
        outcomes = []
        for path, staged in zip(files, staging, strict=True):
            outcomes.append(_render_and_stage(path, staged, now))
            if progress:
                progress(1)
        return outcomes
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, len(files) // (jobs * 16))
    outcomes = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for outcome in pool.map(
            _render_and_stage, files, staging, itertools.repeat(now), chunksize=chunk
        ):
            outcomes.append(outcome)
            if progress:
                progress(1)
    return outcomes


def _raise_errors(outcomes: Sequence[_Outcome]) -> None:
    problems = [p for outcome in outcomes for p in outcome.problems]
    if any(p.severity == "error" for p in problems):
        raise DataError(problems)


def check(
    paths: Sequence[Path],
    now: dt.datetime | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[CheckedEvent]:
    """Validate, render and check everything in memory; write nothing."""
    files = find_event_files(paths)
    moment = now or current_time()
    outcomes = _run(files, [None] * len(files), moment, jobs, progress)
    _raise_errors(outcomes)
    return [
        CheckedEvent(path, outcome.problems) for path, outcome in zip(files, outcomes, strict=True)
    ]


def build(
    paths: Sequence[Path],
    out_root: Path | None = None,
    now: dt.datetime | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
) -> list[BuiltEvent]:
    """Build every event; nothing is written unless every event loads, renders and checks.

    Outputs are first written to a hidden staging folder beside their final
    place (memory stays flat for thousands of events); only when all events
    succeeded is each file moved into place, atomically.
    """
    files = find_event_files(paths)
    targets = _output_folders(files, out_root)
    moment = now or current_time()
    stagings: dict[Path, Path] = {}
    created: list[Path] = []  # output folders this build made; removed again if it fails
    done = False
    try:
        staged = []
        for target in targets:
            root = target.parent
            if root not in stagings:
                if not root.exists():
                    created.append(root)
                root.mkdir(parents=True, exist_ok=True)
                stagings[root] = Path(tempfile.mkdtemp(prefix=".pressgen-", dir=root))
            staged.append(stagings[root] / target.name)
        outcomes = _run(files, staged, moment, jobs, progress)
        _raise_errors(outcomes)
        built = []
        for path, outcome, folder, target in zip(files, outcomes, staged, targets, strict=True):
            written, unchanged = _move_into_place(folder, target, outcome.names)
            built.append(BuiltEvent(path, target, written, unchanged, outcome.problems))
        done = True
        return built
    finally:
        for staging in stagings.values():
            shutil.rmtree(staging, ignore_errors=True)
        if not done:
            for root in created:
                with contextlib.suppress(OSError):
                    root.rmdir()  # only if empty


def _move_into_place(
    staged: Path, target: Path, names: Sequence[str]
) -> tuple[list[str], list[str]]:
    """Rename each staged file over its target, leaving files with equal content alone."""
    if not os.path.lexists(target):
        # A new output folder: one rename moves the whole staged folder into place
        # (its files already have the modes a plain open() gives).
        os.replace(staged, target)
        return list(names), []
    mode = _file_mode()
    written, unchanged = [], []
    root = target.resolve()
    for name in names:
        source, destination = staged / name, (root / name).resolve()
        if not destination.is_relative_to(root):
            raise OutputError(f"refusing to write {name} outside {display_path(root)}")
        if destination.is_file() and destination.read_bytes() == source.read_bytes():
            unchanged.append(name)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(source, mode)
        os.replace(source, destination)
        written.append(name)
    return written, unchanged


def _output_folders(files: Sequence[Path], out_root: Path | None) -> list[Path]:
    """Each event's output folder: below `out_root`, or its project's output folder."""
    seen: dict[Path, Path] = {}
    folders = []
    for path in files:
        root = (out_root or project_for(path).output_dir).resolve()
        folder = (root / path.stem).resolve()
        if not folder.is_relative_to(root) or folder == root:
            raise OutputError(f"{display_path(path)}: the file name cannot be a folder name")
        if folder in seen:
            raise OutputError(
                f"{display_path(path)} and {display_path(seen[folder])} would both be "
                f"written to {display_path(folder)}; rename one of them"
            )
        seen[folder] = path
        folders.append(folder)
    return folders


def _file_mode() -> int:
    # The mode a plain open() would give: 0o666 less the umask (mkstemp uses 0o600).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_atomically(target: Path, data: bytes, mode: int | None = None) -> None:
    """Write a temporary file beside `target`, then rename it: never a half-written file."""
    mode = _file_mode() if mode is None else mode
    handle, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
