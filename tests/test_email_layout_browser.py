"""The newsletter as a phone shows it, in Debian's chromium: the photo keeps its
proportions at every width (it once kept its height while its width shrank)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT
from playwright.sync_api import Browser, Route

from pressgen.pipeline import build

pytestmark = [pytest.mark.browser]

EXAMPLE = ROOT / "data" / "neujahrsempfang-2027.yaml"


@pytest.fixture(scope="module")
def newsletter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    (built,) = build([EXAMPLE], tmp_path_factory.mktemp("email"))
    return built.out_dir


@pytest.mark.parametrize("width", [320, 375, 600])
def test_the_photo_keeps_its_proportions(browser: Browser, newsletter: Path, width: int) -> None:
    photos = newsletter / "fotos"

    def local_copies(route: Route) -> None:
        """The photo from the folder it will be published from; nothing else leaves."""
        name = route.request.url.rsplit("/", 1)[-1]
        if route.request.url.startswith("file:"):
            route.continue_()
        elif (photos / name).is_file():
            route.fulfill(body=(photos / name).read_bytes(), content_type="image/png")
        else:
            route.abort()

    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.route("**/*", local_copies)
    page.goto((newsletter / "newsletter.html").as_uri(), wait_until="load")
    image = page.locator("img[src*='fotos/']").first
    declared = int(image.get_attribute("width") or 0), int(image.get_attribute("height") or 0)
    box = image.bounding_box()
    assert box is not None and declared[0] and declared[1]
    assert box["width"] <= width  # it fits the screen
    shown, meant = box["height"] / box["width"], declared[1] / declared[0]
    assert abs(shown - meant) < 0.01, (width, box, declared)


def test_the_facts_box_has_the_same_space_on_every_side(browser: Browser, tmp_path: Path) -> None:
    from pressgen.pipeline import Choices

    (built,) = build([ROOT / "data" / "towerbyte-workshop-2017.yaml"], tmp_path,
                     choices=Choices(phase="invitation"))  # fmt: skip
    page = browser.new_context(viewport={"width": 800, "height": 900}).new_page()
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        "file:") else route.abort())  # fmt: skip
    page.goto((built.out_dir / "pressemitteilung.html").as_uri(), wait_until="load")
    space = page.evaluate(
        """() => {
            const box = document.querySelector('.facts').getBoundingClientRect();
            const first = document.querySelector('.facts > :first-child');
            const last = document.querySelector('.facts > :last-child');
            const range = document.createRange();
            range.selectNodeContents(first);
            const text = range.getBoundingClientRect();
            return {top: first.getBoundingClientRect().top - box.top,
                    left: text.left - box.left,
                    bottom: box.bottom - last.getBoundingClientRect().bottom};
        }"""
    )
    assert abs(space["top"] - space["left"]) <= 1, space
    assert abs(space["bottom"] - space["left"]) <= 1, space
