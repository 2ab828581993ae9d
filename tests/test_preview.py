"""The preview server without a browser: routes, safety, live state."""

from __future__ import annotations

import http.client
import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from pressgen.preview import Preview, PreviewServer

# Generous: a slow machine may take long, but never this long. Waiting ends at once
# when the awaited thing happens; only a failing test waits this long.
PATIENCE = 30.0


@contextmanager
def watching(preview: Preview) -> Iterator[threading.Thread]:
    """The preview's watcher in a thread, from the moment it notices saved files."""
    stop = threading.Event()
    watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        assert preview.watching.wait(PATIENCE), "the watcher did not start"
        yield watcher
    finally:
        stop.set()
        watcher.join(PATIENCE)


class CountedSemaphore(threading.BoundedSemaphore):
    """A semaphore that counts who took it, so that a test can wait for the n-th."""

    def __init__(self, value: int) -> None:
        super().__init__(value)
        self.taken = 0  # ever
        self.held = 0  # now
        self.changed = threading.Condition()

    def acquire(self, blocking: bool = True, timeout: float | None = None) -> bool:
        got = super().acquire(blocking, timeout)
        if got:
            with self.changed:
                self.taken += 1
                self.held += 1
                self.changed.notify_all()
        return got

    def release(self, n: int = 1) -> None:
        with self.changed:
            self.held -= n
        super().release(n)

    def wait_until_taken(self, count: int) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.taken >= count, PATIENCE)


@pytest.fixture
def server(data_dir: Path) -> Iterator[PreviewServer]:
    preview = Preview([data_dir])
    preview.rebuild()
    running = PreviewServer(preview, "127.0.0.1", 0)
    thread = threading.Thread(target=running.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield running
    running.shutdown()
    running.server_close()


def get(server: PreviewServer, path: str, host: str | None = None) -> tuple[int, str, bytes]:
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": f"127.0.0.1:{port}" if host is None else host}
    connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    for key, value in headers.items():
        connection.putheader(key, value)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, response.getheader("Content-Type") or "", body


def test_index_lists_every_event(server: PreviewServer) -> None:
    status, kind, body = get(server, "/")
    assert status == 200 and kind == "text/html; charset=utf-8"
    page = body.decode()
    assert 'href="/towerbyte-workshop-2017/"' in page
    assert 'href="/neujahrsempfang-2027/"' in page
    assert "Workshop-Nachmittag der TowerByte eG" in page


def test_outputs_are_served_exactly_as_build_writes_them(
    server: PreviewServer, tmp_path: Path, data_dir: Path
) -> None:
    from pressgen.pipeline import Choices, build

    # A folder is previewed as `build` of the folder writes it: as its press room.
    results = build([data_dir], tmp_path / "out", choices=Choices(press_room=True))
    (built,) = [result for result in results if result.path.stem == "towerbyte-workshop-2017"]
    for name in built.written:
        status, _, body = get(server, f"/towerbyte-workshop-2017/{name}")
        assert status == 200, name
        assert body == (built.out_dir / name).read_bytes(), name
    for name in ("index.html", "feed.xml", "robots.txt"):
        status, _, body = get(server, f"/{name}")
        assert status == 200, name
        assert body == (tmp_path / "out" / name).read_bytes(), name
    assert get(server, "/sitemap.xml")[0] == 404  # no web address: no sitemap


def test_the_newsletter_shows_its_photo_from_the_previews_own_copy(
    server: PreviewServer,
) -> None:
    """While one edits, the photo is not yet where it will be published: the preview's
    newsletter loads it from the preview itself; everything else is as built."""
    status, _, body = get(server, "/neujahrsempfang-2027/newsletter.html")
    assert status == 200
    html = body.decode("utf-8")
    assert 'src="fotos/neujahrsempfang-2027.email@2x.png"' in html
    assert "https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/fotos/" not in html
    status, kind, photo = get(
        server, "/neujahrsempfang-2027/fotos/neujahrsempfang-2027.email@2x.png"
    )
    assert status == 200 and kind == "image/png" and photo.startswith(b"\x89PNG")


def test_reload_script_is_never_in_build_outputs(tmp_path: Path, data_dir: Path) -> None:
    from pressgen.pipeline import build

    for built in build([data_dir], tmp_path / "out"):
        for name in built.written:
            content = (built.out_dir / name).read_bytes()
            assert b"_reload" not in content and b"Live reload" not in content, name


def test_event_page_has_tabs_and_the_reload_script(server: PreviewServer, german: None) -> None:
    status, _, body = get(server, "/towerbyte-workshop-2017/")
    page = body.decode()
    assert status == 200
    for label in ("Pressemitteilung", "Newsletter", "Newsletter – Text", "Pressemitteilung – Text"):
        assert f">{label}</button>" in page
    assert "/_reload?epoch=" in page
    assert "Rückblick: Workshop-Nachmittag der TowerByte eG" in page  # the subject
    # Published in English too: both editions side by side, the English served from en/.
    assert ">Deutsch und Englisch</button>" in page
    assert 'src="en/pressemitteilung.html" lang="en"' in page
    status, _, english = get(server, "/towerbyte-workshop-2017/en/pressemitteilung.html")
    assert status == 200 and b'<html lang="en">' in english


@pytest.mark.parametrize(
    "path",
    [
        "/../etc/passwd",
        "/towerbyte-workshop-2017/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/towerbyte-workshop-2017/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/towerbyte-workshop-2017/..%5c..%5cetc%5cpasswd",
        "/towerbyte-workshop-2017\\..\\..\\etc\\passwd",
        "/towerbyte-workshop-2017/.hidden",
        "/towerbyte-workshop-2017/%00",
    ],
)
def test_traversal_is_refused(server: PreviewServer, path: str) -> None:
    status, _, body = get(server, path)
    assert status == 400
    assert b"root:" not in body


def test_unknown_paths_are_not_found(server: PreviewServer) -> None:
    assert get(server, "/nichts/")[0] == 404
    assert get(server, "/towerbyte-workshop-2017/towerbyte-workshop-2017.yaml")[0] == 404
    assert get(server, "/towerbyte-workshop-2017/newsletter.html.bak")[0] == 404
    # http.server folds a leading "//" into "/" before we see it.
    status, _, body = get(server, "//etc/passwd")
    assert status == 404 and b"root:" not in body


def test_symlink_out_of_the_folder_is_not_served(server: PreviewServer, data_dir: Path) -> None:
    secret = data_dir.parent / "geheim.png"
    secret.write_bytes(b"\x89PNG secret")
    (data_dir / "fotos" / "link.png").symlink_to(secret)
    event = data_dir / "neujahrsempfang-2027.yaml"
    event.write_text(
        event.read_text("utf-8").replace("fotos/neujahrsempfang-2027.png", "fotos/link.png"),
        "utf-8",
    )
    server.preview.rebuild()
    status, _, body = get(server, "/neujahrsempfang-2027/fotos/link.png")
    assert status == 404 and b"secret" not in body
    page = get(server, "/neujahrsempfang-2027/")[2].decode()
    assert (
        "press_release.photos[0].src: the image must lie inside the event file&#39;s folder" in page
    )


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.2", ""])
def test_foreign_host_header_is_refused(server: PreviewServer, host: str) -> None:
    port = server.server_address[1]
    bad = host if host in ("", "evil.example:80") else f"{host}:{port}"
    assert get(server, "/", host=bad)[0] == 400


def test_localhost_is_welcome(server: PreviewServer) -> None:
    port = server.server_address[1]
    assert get(server, "/", host=f"localhost:{port}")[0] == 200
    assert get(server, "/", host=f"LOCALHOST:{port}")[0] == 200


def test_errors_are_shown_in_the_page_and_fixing_brings_it_back(
    server: PreviewServer, data_dir: Path
) -> None:
    event = data_dir / "towerbyte-workshop-2017.yaml"
    good = event.read_text("utf-8")
    event.write_text(good.replace("guests: 80", "guests: viele"), "utf-8")
    server.preview.rebuild()
    page = get(server, "/towerbyte-workshop-2017/")[2].decode()
    line = next(n for n, t in enumerate(good.splitlines(), 1) if "guests: 80" in t)
    assert f"towerbyte-workshop-2017.yaml:{line}:11: event.guests: expected a whole number" in page
    assert 'id="headline"' not in page
    assert "errors (1)" in get(server, "/")[2].decode()
    assert get(server, "/towerbyte-workshop-2017/newsletter.html")[0] == 404
    event.write_text(good, "utf-8")
    server.preview.rebuild()
    assert 'id="headline"' in get(server, "/towerbyte-workshop-2017/")[2].decode()


def test_long_poll_answers_with_the_new_epoch(server: PreviewServer) -> None:
    epoch = server.preview.epoch
    assert json.loads(get(server, f"/_reload?epoch={epoch - 1}")[2]) == {"epoch": epoch}
    server.waiting_pages = places = CountedSemaphore(1)
    answers: list[tuple[int, str, bytes]] = []
    page = threading.Thread(
        target=lambda: answers.append(get(server, f"/_reload?epoch={epoch}")), daemon=True
    )
    page.start()
    assert places.wait_until_taken(1)  # the page's request came while nothing had changed
    server.preview.rebuild()
    page.join(PATIENCE)
    assert [json.loads(body) for _, _, body in answers] == [{"epoch": epoch + 1}]


def test_a_burst_of_saves_gives_one_rebuild(data_dir: Path) -> None:
    preview = Preview([data_dir])
    preview.rebuild()
    with watching(preview):
        start = preview.epoch
        event = data_dir / "towerbyte-workshop-2017.yaml"
        text = event.read_text("utf-8")
        # An editor's save: several writes within a few milliseconds.
        for number in range(5):
            event.write_text(text.replace("guests: 80", f"guests: {81 + number}"), "utf-8")
        assert preview.wait_for_change(start, PATIENCE) == start + 1
        rendered = preview.events["towerbyte-workshop-2017"].rendered
        assert rendered is not None and rendered.loaded.event.event.guests == 85
        # Then another file is saved. The system reports changes in order, so anything
        # left of the burst came before this save: in a rebuild of its own, or in this
        # one. Either way the event of the burst would be rendered again; it is not.
        other = data_dir / "neujahrsempfang-2027.yaml"
        other.write_text(other.read_text("utf-8") + "\n", "utf-8")
        assert preview.wait_for_change(start + 1, PATIENCE) == start + 2
        assert preview.events["towerbyte-workshop-2017"].rendered is rendered


def test_an_unexpected_error_shows_in_the_page_and_the_watcher_goes_on(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mistake of pressgen's own (not of the data) neither ends the preview nor its reloads."""
    from pressgen.preview import state as preview_module

    real_render_path = preview_module.render_path
    broken = {"yes": True}

    def render_path(*args: Any, **kwargs: Any) -> Any:
        if broken["yes"]:
            raise ZeroDivisionError("division by zero")
        return real_render_path(*args, **kwargs)

    monkeypatch.setattr(preview_module, "render_path", render_path)
    preview = Preview([data_dir])
    preview.rebuild()  # as at start-up: no exception escapes
    event = preview.events["towerbyte-workshop-2017"]
    assert event.rendered is None
    assert event.errors[0].endswith(
        "towerbyte-workshop-2017.yaml: pressgen could not show this "
        "(ZeroDivisionError: division by zero); that is a mistake in pressgen, please report "
        "it. The preview goes on."
    )
    with watching(preview) as watcher:
        path = data_dir / "towerbyte-workshop-2017.yaml"
        start = preview.epoch
        path.write_text(path.read_text("utf-8") + "\n", "utf-8")
        assert preview.wait_for_change(start, PATIENCE) == start + 1
        assert watcher.is_alive()
        broken["yes"] = False  # fixed: the next save shows the event again
        path.write_text(path.read_text("utf-8") + "\n", "utf-8")
        assert preview.wait_for_change(start + 1, PATIENCE) == start + 2
        assert preview.events["towerbyte-workshop-2017"].rendered is not None


def test_an_idle_connection_is_closed(server: PreviewServer) -> None:
    import socket

    from pressgen.preview.server import IDLE_SECONDS

    server.idle_seconds = 0.2
    # The client would give up (TimeoutError) long before the default idle time runs
    # out: only the server's own limit, as set here, can close the connection first.
    patience = IDLE_SECONDS / 2
    with socket.create_connection(server.server_address[:2], timeout=patience) as idle:
        assert idle.recv(1) == b""  # the server closed it without a request


def test_pages_waiting_for_a_reload_are_capped(server: PreviewServer) -> None:
    server.waiting_pages = places = CountedSemaphore(2)
    epoch = server.preview.epoch
    waiting = [
        threading.Thread(target=get, args=(server, f"/_reload?epoch={epoch}"), daemon=True)
        for _ in range(2)
    ]
    for thread in waiting:
        thread.start()
    assert places.wait_until_taken(2)  # both pages wait for a reload
    status, _, _ = get(server, f"/_reload?epoch={epoch}")
    assert status == 503  # the page's script tries again a second later
    server.preview.rebuild()  # releases the two waiting pages
    for thread in waiting:
        thread.join(PATIENCE)
        assert not thread.is_alive()
    assert places.held == 0
    assert get(server, f"/_reload?epoch={epoch}")[0] == 200


def test_the_page_is_german_warnings_and_sizes_too(server: PreviewServer, german: None) -> None:
    page = get(server, "/neujahrsempfang-2027/")[2].decode()
    assert "sieht nach einer Platzhalter-Adresse aus [PG403]" in page
    assert "looks like a placeholder" not in page
    assert ": Warnung: " in page
    size = re.search(
        r'<dd id="size">Newsletter-HTML ([\d.]+,\d)\xa0KB, E-Mail ([\d.]+,\d)\xa0KB', page
    )
    assert size is not None, page
    assert '<html lang="de">' in page and ">Pressemitteilung – Text</button>" in page


def test_the_page_speaks_english_in_another_locale(server: PreviewServer) -> None:
    page = get(server, "/neujahrsempfang-2027/")[2].decode()
    assert '<html lang="en">' in page
    assert "looks like a placeholder" in page and ": warning: " in page
    assert "sieht nach einer Platzhalter-Adresse aus" not in page
    assert ">Press release – text</button>" in page
    size = re.search(
        r'<dd id="size">Newsletter HTML ([\d,]+\.\d)\xa0KB, email ([\d,]+\.\d)\xa0KB', page
    )
    assert size is not None, page


def test_saving_one_event_renders_only_that_one(data_dir: Path) -> None:
    preview = Preview([data_dir])
    preview.rebuild()
    other = preview.events["neujahrsempfang-2027"].rendered
    with watching(preview):
        start = preview.epoch
        event = data_dir / "towerbyte-workshop-2017.yaml"
        event.write_text(event.read_text("utf-8").replace("guests: 80", "guests: 81"), "utf-8")
        assert preview.wait_for_change(start, PATIENCE) == start + 1
        assert preview.events["neujahrsempfang-2027"].rendered is other  # not rendered again
        seed = preview.events["towerbyte-workshop-2017"].rendered
        assert seed is not None and seed.loaded.event.event.guests == 81
        (data_dir / "fotos" / "neujahrsempfang-2027.png").touch()  # not an event: all again
        assert preview.wait_for_change(start + 1, PATIENCE) == start + 2
        assert preview.events["neujahrsempfang-2027"].rendered is not other


def test_a_newsletter_file_previews_beside_the_events(server: PreviewServer) -> None:
    status, _, body = get(server, "/")
    assert status == 200 and 'href="/newsletter-2027-01/"' in body.decode()
    assert "Newsletter Januar 2027" in body.decode()
    status, _, body = get(server, "/newsletter-2027-01/")
    page = body.decode()
    assert status == 200
    assert "Netzwerk Saale im Januar: Neujahrsempfang und neue Mitglieder" in page  # subject
    assert 'id="tab-newsletter"' in page and 'id="tab-newsletter-text"' in page
    assert 'id="tab-release"' not in page  # a newsletter file has no press release
    status, _, body = get(server, "/newsletter-2027-01/newsletter.html")
    assert status == 200 and b'id="punkt-1"' in body
    # Its English newsletter beside the German one; no press release frames.
    assert 'id="tab-editions"' in page and 'src="en/newsletter.html" lang="en"' in page
    assert 'src="en/pressemitteilung.html"' not in page
    status, _, body = get(server, "/newsletter-2027-01/en/newsletter.html")
    assert status == 200 and b"In this issue" in body
