"""The press room of the examples and the corpus, opened from disk in Debian's chromium:
every link on every page leads to a written file, and axe-core finds nothing serious."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from helpers import ROOT
from playwright.sync_api import Browser, Page, Route
from test_accessibility import AXE, TAGS

from pressgen.pipeline import Choices, build
from pressgen.site.press_room import INDEX

pytestmark = [pytest.mark.browser, pytest.mark.node]

AFTER_EVERY_EMBARGO = str(int(dt.datetime(2027, 2, 1, tzinfo=dt.UTC).timestamp()))


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples and the corpus in one folder, built as `pressgen build FOLDER` does."""
    folder = tmp_path_factory.mktemp("presse") / "events"
    shutil.copytree(ROOT / "data", folder)
    for source in (ROOT / "tests" / "events").iterdir():
        if source.is_dir():
            shutil.copytree(source, folder / source.name, dirs_exist_ok=True)
        else:
            shutil.copyfile(source, folder / source.name)
    out = folder.parent / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", AFTER_EVERY_EMBARGO)
        build([folder], out, choices=Choices(drafts=True, press_room=True))
    return out


def _from_disk_only(route: Route) -> None:
    """Pages are read from disk; nothing goes to the network."""
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def _open(browser: Browser, url: str, width: int = 1280) -> Page:
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.route("**/*", _from_disk_only)
    page.goto(url, wait_until="load")
    return page


def test_every_link_on_every_page_leads_to_a_written_file(browser: Browser, room: Path) -> None:
    start = (room / INDEX).as_uri()
    queue, seen, targets = [start], {start}, set()
    while queue:
        page = _open(browser, queue.pop())
        links = page.evaluate(
            "() => [...document.querySelectorAll('a[href], img[src], link[href]')]"
            ".map(e => e.href || e.src)"
        )
        page.context.close()
        for link in links:
            url, _ = urldefrag(link)
            if not url.startswith("file:"):
                assert url.startswith(("https://", "mailto:")), url
                continue
            path = Path(unquote(urlsplit(url).path))
            assert path.is_relative_to(room), f"{link} leads out of the press room"
            assert path.is_file(), f"{link} names no written file"
            targets.add(path)
            if path.suffix == ".html" and url not in seen:
                seen.add(url)
                queue.append(url)
    releases_read = [path for path in targets if path.name == "pressemitteilung.html"]
    pages = {path.parent.name for path in releases_read if path.parent.name != "en"}
    # Each release published in English too links to its English page, and back.
    english = {path.parent.parent.name for path in releases_read if path.parent.name == "en"}
    assert {"towerbyte-workshop-2017", "preisverleihung"} <= english
    releases = {p.stem for p in (ROOT / "data").glob("*.yaml")} | {
        p.stem for p in (ROOT / "tests" / "events").glob("*.yaml")
    }
    # A newsletter file is no release; the Fachtag's Sperrfrist (10 February) still holds.
    assert pages == releases - {"newsletter-2027-01", "hybrid-fachtag"}
    assert (room / "embargoed" / "hybrid-fachtag" / "pressemitteilung.html").is_file()
    assert any(path.name == "pressefotos.zip" for path in targets)
    assert any(path.name.endswith(".web.png") for path in targets)


def _serious(page: Page) -> list[tuple[str, list[str]]]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})).violations",
        TAGS,
    )
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_the_index_has_no_serious_accessibility_violation(
    browser: Browser, room: Path, width: int
) -> None:
    page = _open(browser, (room / INDEX).as_uri(), width)
    try:
        assert page.locator("h2").count() >= 2  # many releases: one section a year
        assert _serious(page) == []
    finally:
        page.context.close()


def test_no_release_page_has_a_serious_accessibility_violation(
    browser: Browser, room: Path
) -> None:
    found = {}
    for path in sorted(room.glob("*/pressemitteilung.html")):
        page = _open(browser, path.as_uri(), 375)
        try:
            back = page.get_by_role("link", name="← Alle Pressemitteilungen")
            assert back.get_attribute("href") == "../index.html"
            found[path.parent.name] = _serious(page)
        finally:
            page.context.close()
    assert len(found) > 10
    assert {name: v for name, v in found.items() if v} == {}
