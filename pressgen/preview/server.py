"""The preview's small local web server: its own pages and the rendered outputs, nothing else.

Only rendered outputs and the preview's own pages are served: nothing is read
from disk on request, so no path can reach a file outside the preview.
"""

from __future__ import annotations

import json
import re
import socket
import sys
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import jinja2

from pressgen.errors import display_path
from pressgen.messages import _, language, ngettext
from pressgen.preview.state import EventPreview, Preview
from pressgen.registry import (
    NEWSLETTER_EMAIL,
    NEWSLETTER_HTML,
    NEWSLETTER_TEXT,
    PRESS_RELEASE_HTML,
    PRESS_RELEASE_TEXT,
    content_type,
)
from pressgen.site.press_room import PRESS_ROOM_FILES
from pressgen.source.addresses import is_loopback

LONG_POLL_SECONDS = 20.0
# A connection that sends nothing for this long is closed; at most this many
# pages wait for a reload at once (more get "try again in a second").
IDLE_SECONDS = 30.0
MAX_WAITING_PAGES = 32
LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
PAGES = Path(__file__).resolve().parent / "pages"


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
            self._send_text(HTTPStatus.BAD_REQUEST, _("Unknown host."))
            return
        route = _safe_route(self.path)
        if route is None:
            self._send_text(HTTPStatus.BAD_REQUEST, _("Invalid path."))
            return
        path, query = route
        preview = self.server.preview
        if path == "/":
            self._send_page("index.html.j2")
        elif path == "/_reload":
            self._long_poll(query)
        elif path.lstrip("/") in PRESS_ROOM_FILES:
            self._send_press_room(path.lstrip("/"))
        else:
            slug, _slash, name = path.strip("/").partition("/")
            event = preview.events.get(slug)
            if event is None:
                self._send_text(HTTPStatus.NOT_FOUND, _("Not found."))
            elif not name and not path.endswith("/"):
                self._redirect(f"/{slug}/")
            elif not name:
                self._send_page("event.html.j2", event=event)
            else:
                self._send_output(event, name, dark=query.get("scheme") == ["dark"])

    def _send_press_room(self, name: str) -> None:
        """The press room, as `build` of the folder writes it: the release pages it links
        are the events' own outputs (/slug/pressemitteilung.html)."""
        try:
            files = self.server.preview.press_room()
        except Exception as error:  # the preview must outlive any mistake, ours included
            self._send_text(
                HTTPStatus.INTERNAL_SERVER_ERROR, _("Press room: {error}").format(error=error)
            )
            return
        if name not in files:
            self._send_text(HTTPStatus.NOT_FOUND, _("Not found."))
            return
        self._send(HTTPStatus.OK, files[name], _preview_type(name))

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
            self._send_text(HTTPStatus.NOT_FOUND, _("Not found."))
            return
        content = outputs[name]
        if isinstance(content, str) and name.endswith(".html"):
            content = local_photos(content, outputs)
        if dark and isinstance(content, str):
            # Show what a mail program in dark mode shows: the email's own dark rules apply.
            content = content.replace("(prefers-color-scheme: dark)", "all")
        data = content.encode("utf-8") if isinstance(content, str) else content
        self._send(HTTPStatus.OK, data, _preview_type(name))

    def _send_page(self, template: str, **context: Any) -> None:
        preview = self.server.preview
        html = (
            _pages()
            .get_template(template)
            .render(
                events=list(preview.events.values()),
                press_room=preview.choices.press_room,
                general_errors=preview.general_errors,
                epoch=preview.epoch,
                language=language(),
                display_path=display_path,
                names={
                    "newsletter_html": NEWSLETTER_HTML,
                    "newsletter_text": NEWSLETTER_TEXT,
                    "release_text": PRESS_RELEASE_TEXT,
                    "release_html": PRESS_RELEASE_HTML,
                    "email": NEWSLETTER_EMAIL,
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


def local_photos(html: str, outputs: Mapping[str, str | bytes]) -> str:
    """The email shows its photos from where they will be published, which is not there
    yet while one edits: the preview points them at its own copies (fotos/…) instead."""
    for name in outputs:
        if name.startswith("fotos/"):
            html = re.sub(rf"https?://[^\s\"'<>]*/{re.escape(name)}(?=[\"'\s])", name, html)
    return html


@cache
def _pages() -> jinja2.Environment:
    """The preview's own pages: trusted templates with their own environment, in the
    user's language (their words are marked with _ and ngettext, as in the code)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(PAGES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(_, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["kilobytes"] = _kilobytes
    return env


def _kilobytes(content: str | bytes) -> str:
    """23,9 KB (23.9 KB in English): the size of an output, in the user's language."""
    from babel.numbers import format_decimal

    size = len(content.encode("utf-8") if isinstance(content, str) else content)
    number = format_decimal(size / 1024, format="#,##0.0", locale=language())
    return f"{number}\u00a0KB"


def _bracketed(address: str) -> str:
    return f"[{address}]" if ":" in address else address


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


def _preview_type(name: str) -> str:
    """What the browser is told: sources and the email are shown as text, not run or saved."""
    kind = content_type(name)
    return "text/plain; charset=utf-8" if kind.startswith(("message/",)) else kind


def serve(
    paths: Sequence[Path], host: str, port: int, also_allowed: Sequence[str] = ()
) -> tuple[PreviewServer, threading.Event]:
    """Build once, start watching and serving in background threads; returns the server
    and the event that stops the watcher. `server.preview.watching` is set once saves
    are seen."""
    preview = Preview(paths)
    preview.rebuild()
    server = PreviewServer(preview, host, port, also_allowed)
    stop = threading.Event()
    threading.Thread(target=preview.watch, args=(stop,), daemon=True).start()
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server, stop
