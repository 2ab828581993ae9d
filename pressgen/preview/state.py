"""What the preview shows: every event rendered in memory, rebuilt when a file changes.

Files are watched (watchfiles); a burst of changes gives one rebuild, the
epoch goes up, and pages waiting for it reload themselves.

Who runs a preview can wait for it instead of guessing how long it takes:
`Preview.watching` is set once a saved file is noticed, and
`Preview.wait_for_change` returns as soon as a rebuild has raised the epoch.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pressgen.clock import current_time
from pressgen.errors import DataError, PressgenError, display_path
from pressgen.messages import _
from pressgen.outputs.environment import builtin_templates_dir
from pressgen.pipeline import (
    Choices,
    RenderedEvent,
    RenderedIssue,
    builds_press_room,
    find_event_files,
    render_path,
)
from pressgen.registry import PRESS_RELEASE_HTML
from pressgen.source.project import project_for


@dataclass
class EventPreview:
    """One event as the preview shows it: its outputs, or why there are none."""

    path: Path
    rendered: RenderedEvent | RenderedIssue | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def warnings(self) -> list[str]:
        """The check's findings, in the user's language like the rest of the page."""
        return [str(w) for w in self.rendered.warnings] if self.rendered else []


class Preview:
    """What the server shows; rebuilt from the files whenever they change."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        # A draft is shown with its open facts marked; the page lists them as a warning.
        # A folder is previewed as its press room, as `build` writes it.
        self.choices = Choices(drafts=True, press_room=builds_press_room(self.paths))
        self.events: dict[str, EventPreview] = {}
        self.general_errors: list[str] = []
        self.epoch = 0
        self._changed = threading.Condition()
        # Set while `watch` runs and notices changes: a file saved from then on gives a
        # rebuild. Cleared when the watcher stops.
        self.watching = threading.Event()

    def rebuild(self, changed: set[Path] | None = None) -> None:
        """Render the events again (only those in `changed` if they are all event files).

        Errors are kept to be shown, never raised.
        """
        events: dict[str, EventPreview] = {}
        general: list[str] = []
        now = current_time()
        try:
            files = find_event_files(self.paths)
        except DataError as error:
            files, general = [], [str(p) for p in error.problems]
        except Exception as error:  # the preview must outlive any mistake, ours included
            files, general = [], [_unexpected(error)]
        known = {event.path.resolve(): event for event in self.events.values()}
        only_events = changed is not None and changed <= set(known)
        for path in files:
            if only_events and changed is not None and path.resolve() not in changed:
                preview = known[path.resolve()]
            else:
                preview = self._render(path, now, self.choices)
            events.setdefault(preview.slug, preview)
        with self._changed:
            self.events, self.general_errors = events, general
            self.epoch += 1
            self._changed.notify_all()

    def press_room(self) -> dict[str, bytes]:
        """The press room of the events shown (index, feed, robots.txt), in memory."""
        from pressgen.site.press_room import owner_of, press_room_files

        releases, pages = [], {}
        for event in self.events.values():
            rendered = event.rendered
            if rendered is not None and rendered.summary is not None:
                releases.append(rendered.summary)
                english = rendered.summary.get("english")
                for name, edition in (
                    (rendered.summary["page"], PRESS_RELEASE_HTML),
                    *([(english["page"], f"en/{PRESS_RELEASE_HTML}")] if english else []),
                ):
                    page = rendered.outputs[edition]
                    pages[name] = page if isinstance(page, str) else ""
        project = project_for(self.paths[0]) if self.paths else None
        return press_room_files(
            releases,
            current_time(),
            project.config.web_base_url if project else None,
            pages.__getitem__,
            project.template_dirs if project else (),
            owner=owner_of(project),
        )

    @staticmethod
    def _render(path: Path, now: dt.datetime, choices: Choices) -> EventPreview:
        preview = EventPreview(path)
        try:
            preview.rendered = render_path(path, now, choices)
        except DataError as error:
            preview.errors = [str(p) for p in error.problems]
        except PressgenError as error:
            preview.errors = [str(error)]
        except Exception as error:  # the preview must outlive any mistake, ours included
            preview.errors = [f"{display_path(path)}: {_unexpected(error)}"]
        return preview

    def wait_for_change(self, seen_epoch: int, timeout: float) -> int:
        """Block until the epoch differs from `seen_epoch` (a rebuild has finished) or the
        timeout passes; returns the epoch then. Pages waiting to reload and tests use it."""
        with self._changed:
            self._changed.wait_for(lambda: self.epoch != seen_epoch, timeout=timeout)
            return self.epoch

    def watched_paths(self) -> list[Path]:
        """The event folders (images and YAML live there), their projects (settings,
        organisation file, own templates) and the built-in templates."""
        folders = {(p if p.is_dir() else p.parent).resolve() for p in self.paths}
        projects = {project_for(folder).root for folder in folders}
        roots = {root.resolve() for root in projects if root is not None}
        return sorted(folders | roots | {builtin_templates_dir().resolve()})

    def watch(self, stop: threading.Event) -> None:
        """Rebuild after each burst of file changes until `stop` is set.

        Sets `watching` as soon as changes are noticed, and clears it on return.
        """
        import watchfiles

        try:
            for changes in watchfiles.watch(
                # A change is acted on after 30 ms of quiet (an editor's burst of writes:
                # temp file, rename, metadata, comes within a few ms) and at most 400 ms
                # after the first, so a save shows at once and gives one rebuild.
                *self.watched_paths(),
                stop_event=_Announcing(stop, self.watching),
                debounce=400,
                step=30,
                raise_interrupt=False,
            ):
                try:
                    # Only the saved events, when nothing else (a template, a photo) changed.
                    self.rebuild({Path(path).resolve() for _change, path in changes})
                except Exception as error:  # never let the watcher die: the page would not reload
                    self.general_errors = [_unexpected(error)]
        finally:
            self.watching.clear()


class _Announcing:
    """The stop event as watchfiles sees it, telling `running` when watching has begun.

    watchfiles asks `is_set()` only from its waiting loop, after it has set up the
    operating system's watches; from then on every change is recorded.
    """

    def __init__(self, stop: threading.Event, running: threading.Event) -> None:
        self._stop, self._running = stop, running

    def is_set(self) -> bool:
        self._running.set()
        return self._stop.is_set()


def _unexpected(error: BaseException) -> str:
    return _(
        "pressgen could not show this ({error}); that is a mistake in pressgen, please "
        "report it. The preview goes on."
    ).format(error=f"{type(error).__name__}: {error}")
