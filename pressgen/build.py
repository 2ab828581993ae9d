"""Find event files, load all of them, render each in memory, then write atomically."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pressgen.checks import event_problems
from pressgen.errors import DataError, OutputError, Problem, display_path
from pressgen.loader import SourceMap, load_yaml
from pressgen.model import Event
from pressgen.project import Project, project_for, with_defaults
from pressgen.render import render_event
from pressgen.validate import validate_event

EVENT_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedEvent:
    """A validated event, the file it came from and where each value stands in it."""

    path: Path
    event: Event
    source: SourceMap
    project: Project = field(default_factory=Project)

    @property
    def slug(self) -> str:
        """The output folder name: the file name without its extension."""
        return self.path.stem


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


def load_events(paths: Sequence[Path]) -> list[LoadedEvent]:
    """Load and validate every file; raise one DataError with the problems of all files."""
    events: list[LoadedEvent] = []
    problems: list[Problem] = []
    for path in find_event_files(paths):
        try:
            events.append(load_one(path))
        except DataError as error:
            problems.extend(error.problems)
    if problems:
        raise DataError(problems)
    return events


@dataclass(frozen=True)
class RenderedEvent:
    """A valid event with its outputs in memory and its warnings."""

    loaded: LoadedEvent
    outputs: dict[str, str | bytes]
    warnings: list[Problem]


def render_one(loaded: LoadedEvent, now: dt.datetime) -> RenderedEvent:
    """Render one valid event in memory and find its problems (errors and warnings)."""
    outputs = render_event(loaded.event, loaded.path.parent, loaded.project.template_dirs)
    found = event_problems(loaded.event, loaded.source, outputs, now)
    errors = [p for p in found if p.severity == "error"]
    if errors:
        raise DataError(found)
    return RenderedEvent(loaded, outputs, found)


def load_one(path: Path) -> LoadedEvent:
    """Read one event file, fill in what it inherits from its project, validate it."""
    project = project_for(path)
    loaded = with_defaults(load_yaml(path), project, path.stem)
    return LoadedEvent(path, validate_event(loaded), loaded.source, project)


def render_all(paths: Sequence[Path], now: dt.datetime | None = None) -> list[RenderedEvent]:
    """Load, render and check every event; raise DataError if anything is an error."""
    moment = now or dt.datetime.now(dt.UTC)
    rendered = []
    problems: list[Problem] = []
    for loaded in load_events(paths):
        try:
            rendered.append(render_one(loaded, moment))
        except DataError as error:
            problems += error.problems
    if problems:
        raise DataError(problems + [w for r in rendered for w in r.warnings])
    return rendered


def check(paths: Sequence[Path], now: dt.datetime | None = None) -> list[RenderedEvent]:
    """Validate, render and check everything in memory; write nothing."""
    return render_all(paths, now)


def build(
    paths: Sequence[Path], out_root: Path | None = None, now: dt.datetime | None = None
) -> list[BuiltEvent]:
    """Build every event; nothing is written unless every event loads, renders and checks."""
    rendered = render_all(paths, now)
    targets = _output_folders([r.loaded for r in rendered], out_root)
    built = []
    for result, out_dir in zip(rendered, targets, strict=True):
        written, unchanged = write_outputs(out_dir, result.outputs)
        built.append(BuiltEvent(result.loaded.path, out_dir, written, unchanged, result.warnings))
    return built


def _output_folders(events: Sequence[LoadedEvent], out_root: Path | None) -> list[Path]:
    """Each event's output folder: below `out_root`, or its project's output folder."""
    seen: dict[Path, Path] = {}
    folders = []
    for loaded in events:
        root = (out_root or loaded.project.output_dir).resolve()
        folder = (root / loaded.slug).resolve()
        if not folder.is_relative_to(root) or folder == root:
            raise OutputError(f"{display_path(loaded.path)}: the file name cannot be a folder name")
        if folder in seen:
            raise OutputError(
                f"{display_path(loaded.path)} and {display_path(seen[folder])} would both be "
                f"written to {display_path(folder)}; rename one of them"
            )
        seen[folder] = loaded.path
        folders.append(folder)
    return folders


def _file_mode() -> int:
    # The mode a plain open() would give: 0o666 less the umask (mkstemp uses 0o600).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_outputs(out_dir: Path, outputs: Mapping[str, str | bytes]) -> tuple[list[str], list[str]]:
    """Write each output atomically; skip files whose content is already the same."""
    out_dir.mkdir(parents=True, exist_ok=True)
    root = out_dir.resolve()
    mode = _file_mode()
    written, unchanged = [], []
    for name, content in outputs.items():
        target = (root / name).resolve()
        if not target.is_relative_to(root):
            raise OutputError(f"refusing to write {name} outside {display_path(root)}")
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.is_file() and target.read_bytes() == data:
            unchanged.append(name)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data, mode)
        written.append(name)
    return written, unchanged


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
