"""Build only what changed: each event's outputs are remembered with what they came from.

A press room grows to hundreds of releases; one changed file should not render all of
them again. The output folder keeps a record (.pressgen-build.json): for each event
folder, a key made of everything its outputs follow from, the names it wrote, its
warnings and its press-room summary. An event whose key is unchanged, whose files are
all still there and whose Sperrfrist has not ended since is not rendered again; the
index and the feed are made from the summaries.

The key: pressgen's version and code, the choices of the run, the contents of the
event file, of pressgen.yaml and the organisation file, of every template (built-in
and the project's), and the size and time of every other file in the event's folder
(its photos). A changed template or organisation file therefore rebuilds every event
that uses it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressgen import __version__
from pressgen.errors import Problem
from pressgen.messages import _, language
from pressgen.write import STAGING_PREFIX, write_atomically

RECORD_NAME = ".pressgen-build.json"
RECORD_FORMAT = 3  # a record of another format is not read: everything is built


@dataclass
class Remembered:
    """What one event folder was built from, and what the build found and wrote."""

    key: str
    folder: str  # relative to the output root: name, or embargoed/name
    names: list[str]
    warnings: list[dict[str, Any]]
    summary: dict[str, Any] | None
    public_from: str = ""  # ISO time before which it is not public (pressgen.embargo)


MAX_RECORD_BYTES = 64 * 1024 * 1024  # some 100,000 events; anything larger is not ours


@dataclass
class BuildRecord:
    """The record of one output folder, read before and written after a build.

    It lies in the folder that is published, so it is read as untrusted input: a record
    that is not what pressgen writes (wrong types, paths outside an event's own folder,
    too large) is set aside whole — everything is built again, and `distrusted` says why
    — never followed."""

    root: Path
    events: dict[str, Remembered] = field(default_factory=dict)
    changed: bool = False  # written only when something is new
    distrusted: str = ""  # why the record found there was set aside

    @classmethod
    def read(cls, root: Path) -> BuildRecord:
        path = root / RECORD_NAME
        try:
            if path.is_symlink() or path.stat().st_size > MAX_RECORD_BYTES:
                return cls(
                    root, changed=True, distrusted=_("a link, or larger than pressgen writes")
                )
            data = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return cls(root)  # the first build
        except (OSError, ValueError) as error:
            reason = _("not readable as JSON: {error}").format(error=error)
            return cls(root, changed=True, distrusted=reason)
        if not isinstance(data, dict) or data.get("format") != RECORD_FORMAT:
            return cls(root, changed=True)  # an older pressgen's: built anew, no word needed
        entries = data.get("events")
        if not isinstance(entries, dict):
            return cls(root, changed=True, distrusted=_("no list of events"))
        events = {}
        for name, entry in entries.items():
            problem = _entry_problem(name, entry)
            if problem:
                return cls(root, changed=True, distrusted=f"{name!r}: {problem}")
            events[name] = Remembered(**entry)
        return cls(root, events)

    def write(self) -> None:
        data = {
            "format": RECORD_FORMAT,
            "events": {name: vars(entry) for name, entry in sorted(self.events.items())},
        }
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_atomically(self.root / RECORD_NAME, text.encode("utf-8"))

    def unchanged(self, name: str, key: str) -> Remembered | None:
        """The remembered build of this event folder, if it is still what `key` gives and
        every file it wrote is still there."""
        entry = self.events.get(name)
        if entry is None or entry.key != key:
            return None
        folder = os.path.join(self.root, entry.folder)
        if not all(os.path.isfile(os.path.join(folder, written)) for written in entry.names):
            return None
        return entry

    def keep_only(self, names: set[str]) -> dict[str, Remembered]:
        """Forget the events whose files are no longer there; what they were."""
        gone = {name: self.events.pop(name) for name in set(self.events) - names}
        self.changed |= bool(gone)
        return gone

    def remember(self, name: str, entry: Remembered | None) -> None:
        """Keep (or, with None, forget) what the build of this folder was made from."""
        if entry is None:
            self.changed |= self.events.pop(name, None) is not None
        elif self.events.get(name) != entry:
            self.events[name] = entry
            self.changed = True


def _entry_problem(name: object, entry: object) -> str:
    """What is wrong with one remembered event, as pressgen would never have written it;
    empty when nothing is."""
    from pressgen.embargo import EMBARGOED
    from pressgen.registry import PHOTO_ARCHIVE, PRESS_RELEASE_HTML

    if not isinstance(name, str) or not _plain_name(name) or name == EMBARGOED:
        return _("not a folder name")
    if not isinstance(entry, dict) or set(entry) != {
        f.name for f in dataclasses.fields(Remembered)
    }:
        return _("not the fields pressgen writes")
    if not isinstance(entry["key"], str) or entry["folder"] not in (name, f"{EMBARGOED}/{name}"):
        return _("a folder other than its own")
    names = entry["names"]
    if not isinstance(names, list) or not all(isinstance(n, str) and _inside(n) for n in names):
        return _("a file outside its folder")
    warnings = entry["warnings"]
    fields = {f.name for f in dataclasses.fields(Problem)}
    if not isinstance(warnings, list) or not all(
        isinstance(w, dict) and set(w) == fields for w in warnings
    ):
        return _("warnings pressgen does not write")
    public_from = entry["public_from"]
    if not isinstance(public_from, str):
        return _("a time that is not one")
    summary = entry["summary"]
    if summary is None:
        return ""
    photo = summary.get("photo") if isinstance(summary, dict) else None
    if (
        not isinstance(summary, dict)
        or summary.get("slug") != name
        or summary.get("page") != f"{name}/{PRESS_RELEASE_HTML}"
        or summary.get("archive") not in ("", f"{name}/{PHOTO_ARCHIVE}")
        or not (photo is None or (isinstance(photo, dict) and _inside(str(photo.get("src")))))
        or not str(photo["src"] if photo else f"{name}/").startswith(f"{name}/")
        or not _english_inside(summary.get("english"), name)
    ):
        return _("a release whose files lie outside its folder")
    return ""


def _english_inside(english: Any, name: str) -> bool:
    """No English edition, or one whose page lies in the release's own en/ folder."""
    from pressgen.registry import PRESS_RELEASE_HTML

    page = f"{name}/en/{PRESS_RELEASE_HTML}"
    return english is None or (isinstance(english, dict) and english.get("page") == page)


def _plain_name(name: str) -> bool:
    return bool(name) and "/" not in name and "\\" not in name and not name.startswith(".")


def _inside(relative: str) -> bool:
    """A path pressgen writes inside an event's folder: relative, no step up, no link."""
    parts = relative.split("/")
    return (
        bool(relative)
        and all(part not in ("", ".", "..") for part in parts)
        and ("\\" not in relative)
    )


class InputKeys:
    """The key of each event file; what folders share (project, templates, photos) is
    read once per build."""

    def __init__(self, run: str, code: str) -> None:
        self._run = run  # the run's choices, as text
        self._code = code
        self._shared: dict[Path, str] = {}

    def key(self, path: Path) -> str:
        digest = hashlib.sha256()
        # The language: the warnings kept with the key are shown as they were written.
        parts = (__version__, self._code, self._run, language(), self._shared_key(path.parent))
        for part in parts:
            digest.update(part.encode("utf-8") + b"\0")
        digest.update(path.read_bytes())
        return digest.hexdigest()

    def _shared_key(self, folder: Path) -> str:
        known = self._shared.get(folder)
        if known is None:
            known = self._shared[folder] = _folder_key(folder)
        return known


def code_stamp() -> str:
    """pressgen's own code, built-in templates and messages, by content."""
    package = Path(__file__).resolve().parent.parent  # pressgen/, from pressgen/pipeline/
    from pressgen.outputs.environment import builtin_templates_dir

    return _hash_files(
        [
            *sorted(package.rglob("*.py")),
            *sorted(builtin_templates_dir().rglob("*.j2")),
            *sorted(package.glob("locale/*/LC_MESSAGES/*.mo")),
        ]
    )


def _folder_key(folder: Path) -> str:
    from pressgen.source.project import project_for

    project = project_for(folder)
    own: list[Path] = []
    if project.config_source is not None:
        own.append(project.config_source.source.file)
    if project.organisation_source is not None:
        own.append(project.organisation_source.source.file)
    for templates in project.template_dirs:
        # Only what the template loader would read: no link that leads elsewhere (a
        # template named passwd.j2 may point at /etc/passwd).
        inside = templates.resolve()
        own.extend(
            path
            for path in sorted(templates.rglob("*.j2"))
            if path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(inside)
        )
    output = Path(os.path.abspath(project.output_dir))
    return _hash_files(own) + ":" + _assets(folder, output)


def _hash_files(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _assets(folder: Path, output: Path) -> str:
    """Size and time of every file below the event's folder that is not an event file:
    its photos (read by their size and time; hashing every photo on every build would
    cost more than rendering)."""
    digest = hashlib.sha256()
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith((".", STAGING_PREFIX)) and Path(top, d).resolve() != output
        )
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")) and top == str(folder):
                continue  # the event files themselves: each is in its own key
            # The entry itself, not where a link leads: a dangling link is no error here.
            info = os.stat(os.path.join(top, name), follow_symlinks=False)
            digest.update(f"{top}/{name}:{info.st_size}:{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def warnings_of(entry: Remembered) -> list[Problem]:
    return [Problem(**{**item, "file": Path(item["file"])}) for item in entry.warnings]


def remembered_warnings(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    return [{**dataclasses.asdict(problem), "file": str(problem.file)} for problem in problems]
