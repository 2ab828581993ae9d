"""A small local preview server: the same rendering as `build`, kept in memory.

Files are watched (watchfiles); a burst of changes gives one rebuild, the
epoch goes up, and open pages waiting on /_reload reload themselves. Only
rendered outputs and the preview's own pages are served: nothing is read from
disk on request, so no path can reach a file outside the preview.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
import socket
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jinja2

from pressgen.addresses import is_loopback
from pressgen.build import RenderedEvent, find_event_files, load_one, render_one
from pressgen.clock import current_time
from pressgen.environment import builtin_templates_dir
from pressgen.errors import DataError, PressgenError, display_path
from pressgen.project import project_for
from pressgen.registry import NEWSLETTER_HTML, NEWSLETTER_TEXT, PRESS_RELEASE_TEXT

LONG_POLL_SECONDS = 20.0
# A connection that sends nothing for this long is closed; at most this many
# pages wait for a reload at once (more get "try again in a second").
IDLE_SECONDS = 30.0
MAX_WAITING_PAGES = 32
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")


@dataclass
class EventPreview:
    """One event as the preview shows it: its outputs, or why there are none."""

    path: Path
    rendered: RenderedEvent | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.path.stem

    @property
    def warnings(self) -> list[str]:
        """The check's findings, in German like the rest of the page."""
        return [w.german() for w in self.rendered.warnings] if self.rendered else []


class Preview:
    """What the server shows; rebuilt from the files whenever they change."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self.paths = list(paths)
        self.events: dict[str, EventPreview] = {}
        self.general_errors: list[str] = []
        self.epoch = 0
        self._changed = threading.Condition()

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
                preview = self._render(path, now)
            events.setdefault(preview.slug, preview)
        with self._changed:
            self.events, self.general_errors = events, general
            self.epoch += 1
            self._changed.notify_all()

    @staticmethod
    def _render(path: Path, now: dt.datetime) -> EventPreview:
        preview = EventPreview(path)
        try:
            preview.rendered = render_one(load_one(path), now)
        except DataError as error:
            preview.errors = [p.german() for p in error.problems]
        except PressgenError as error:
            preview.errors = [str(error)]
        except Exception as error:  # the preview must outlive any mistake, ours included
            preview.errors = [f"{display_path(path)}: {_unexpected(error)}"]
        return preview

    def wait_for_change(self, seen_epoch: int, timeout: float) -> int:
        """Block until the epoch differs from `seen_epoch` or the timeout passes."""
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
        """Rebuild after each burst of file changes until `stop` is set."""
        import watchfiles

        for _changes in watchfiles.watch(
            # A change is acted on after 150 ms of quiet, so an editor's burst of
            # writes (temp file, rename, metadata) gives one rebuild.
            *self.watched_paths(),
            stop_event=stop,
            debounce=1000,
            step=150,
            raise_interrupt=False,
        ):
            try:
                self.rebuild()
            except Exception as error:  # never let the watcher die: the page would not reload
                self.general_errors = [_unexpected(error)]


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server; knows the preview and which Host headers are its own."""

    daemon_threads = True

    def __init__(
        self, preview: Preview, host: str, port: int, also_allowed: Sequence[str] = ()
    ) -> None:
        super().__init__((host, port), PreviewHandler)
        self.preview = preview
        self.idle_seconds = IDLE_SECONDS
        self.waiting_pages = threading.BoundedSemaphore(MAX_WAITING_PAGES)
        bound_port = self.server_address[1]
        names = {*LOCAL_HOSTS, _bracketed(host), *also_allowed}
        # Bound beyond this computer on purpose: its own names are welcome too. On the
        # loopback only local names are, so a web page cannot rebind a name to us.
        self.open_to_network = not is_loopback(host)
        if self.open_to_network:
            names |= {socket.gethostname(), socket.getfqdn()}
        self.allowed_hosts = {f"{name.lower()}:{bound_port}" for name in names}

    def host_allowed(self, host_header: str, local_address: str) -> bool:
        """Whether a request's Host header names this server (not some other site)."""
        given = host_header.lower()
        if given in self.allowed_hosts:
            return True
        # Reached at one of this computer's addresses: the one the connection came in on.
        return self.open_to_network and given == f"{_bracketed(local_address)}:{self.port}"

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A page that reloads or closes drops its waiting /_reload request: not an error.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else host
        shown = "127.0.0.1" if name in ("", "0.0.0.0") else name
        return f"http://{shown}:{port}/"


class PreviewHandler(BaseHTTPRequestHandler):
    """Serves the index, one page per event, its outputs and the reload long-poll."""

    server: PreviewServer
    server_version = "pressgen-preview"

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.idle_seconds)  # idle connections are closed

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a quiet terminal; errors show in the page

    def do_GET(self) -> None:
        local_address = self.connection.getsockname()[0]
        if not self.server.host_allowed(self.headers.get("Host", ""), local_address):
            self._send_text(HTTPStatus.BAD_REQUEST, "Unbekannter Host.")
            return
        route = _safe_route(self.path)
        if route is None:
            self._send_text(HTTPStatus.BAD_REQUEST, "Ungültiger Pfad.")
            return
        path, query = route
        preview = self.server.preview
        if path == "/":
            self._send_page("preview/index.html.j2")
        elif path == "/_reload":
            self._long_poll(query)
        else:
            slug, _, name = path.strip("/").partition("/")
            event = preview.events.get(slug)
            if event is None:
                self._send_text(HTTPStatus.NOT_FOUND, "Nicht gefunden.")
            elif not name and not path.endswith("/"):
                self._redirect(f"/{slug}/")
            elif not name:
                self._send_page("preview/event.html.j2", event=event)
            else:
                self._send_output(event, name, dark=query.get("scheme") == ["dark"])

    def _long_poll(self, query: dict[str, list[str]]) -> None:
        try:
            seen = int(query.get("epoch", ["0"])[0])
        except ValueError:
            seen = -1
        if not self.server.waiting_pages.acquire(blocking=False):
            self.send_response(HTTPStatus.SERVICE_UNAVAILABLE)
            self.send_header("Retry-After", "1")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            epoch = self.server.preview.wait_for_change(seen, LONG_POLL_SECONDS)
        finally:
            self.server.waiting_pages.release()
        self._send(HTTPStatus.OK, json.dumps({"epoch": epoch}).encode(), "application/json")

    def _send_output(self, event: EventPreview, name: str, *, dark: bool = False) -> None:
        outputs = event.rendered.outputs if event.rendered else {}
        if name not in outputs:
            self._send_text(HTTPStatus.NOT_FOUND, "Nicht gefunden.")
            return
        content = outputs[name]
        if dark and isinstance(content, str):
            # Show what a mail program in dark mode shows: the email's own dark rules apply.
            content = content.replace("(prefers-color-scheme: dark)", "all")
        data = content.encode("utf-8") if isinstance(content, str) else content
        self._send(HTTPStatus.OK, data, _content_type(name))

    def _send_page(self, template: str, **context: Any) -> None:
        preview = self.server.preview
        html = (
            _pages()
            .get_template(template)
            .render(
                events=list(preview.events.values()),
                general_errors=preview.general_errors,
                epoch=preview.epoch,
                display_path=display_path,
                outputs_in_tabs={
                    "newsletter_html": NEWSLETTER_HTML,
                    "newsletter_text": NEWSLETTER_TEXT,
                    "release_text": PRESS_RELEASE_TEXT,
                },
                **context,
            )
        )
        self._send(HTTPStatus.OK, html.encode("utf-8"), "text/html; charset=utf-8")

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_text(self, status: HTTPStatus, text: str) -> None:
        self._send(status, (text + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    def _send(self, status: HTTPStatus, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.end_headers()
        self.wfile.write(data)


@cache
def _pages() -> jinja2.Environment:
    """The preview's own pages: trusted templates with their own environment."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(builtin_templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["kilobytes"] = _kilobytes
    return env


def _kilobytes(content: str | bytes) -> str:
    """23,9 KB: the size of an output, written the German way."""
    from babel.numbers import format_decimal

    size = len(content.encode("utf-8") if isinstance(content, str) else content)
    return f"{format_decimal(size / 1024, format='#,##0.0', locale='de_DE')}\u00a0KB"


def _bracketed(address: str) -> str:
    return f"[{address}]" if ":" in address else address


def _unexpected(error: BaseException) -> str:
    return (
        f"pressgen konnte dies nicht darstellen ({type(error).__name__}: {error}); das ist "
        "ein Fehler in pressgen, bitte melden Sie ihn. Die Vorschau läuft weiter."
    )


def _safe_route(raw: str) -> tuple[str, dict[str, list[str]]] | None:
    """The decoded path and query, or None for anything that tries to leave the preview."""
    if not raw.startswith("/") or raw.startswith("//"):
        return None
    parts = urlsplit(raw)
    if "\\" in raw or "%5c" in raw.lower() or "%00" in raw:
        return None
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError:
        return None
    segments = path.split("/")
    if not path.startswith("/") or any(s in (".", "..") or s.startswith(".") for s in segments):
        return None
    if "//" in path or any(ord(char) < 32 for char in path):
        return None
    return path, parse_qs(parts.query)


def _content_type(name: str) -> str:
    if name.endswith(".html"):
        return "text/html; charset=utf-8"
    if name.endswith((".txt", ".mjml", ".eml")):
        return "text/plain; charset=utf-8"
    if name.endswith(".ics"):
        return "text/calendar; charset=utf-8"
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def serve(
    paths: Sequence[Path], host: str, port: int, also_allowed: Sequence[str] = ()
) -> tuple[PreviewServer, threading.Event]:
    """Build once, start watching and serving in background threads; returns the server."""
    preview = Preview(paths)
    preview.rebuild()
    server = PreviewServer(preview, host, port, also_allowed)
    stop = threading.Event()
    threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, stop
