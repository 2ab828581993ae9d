"""The preview in a real browser: Debian's chromium, driven by Playwright."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from pressgen.preview import PreviewServer, serve

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
HEADLINE = (
    "Rund um die Digitalisierung von Städten: Der Rückblick auf den Workshop-Nachmittag "
    "der TowerByte eG"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.exists(), "Debian's chromium is missing: apt-get install chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def server(data_dir: Path, german: None) -> Iterator[PreviewServer]:
    """The preview as a German press officer sees it (a German locale)."""
    running, stop = serve([data_dir], "127.0.0.1", 0)
    # Saves made from now on are seen (a slow machine may take its time to start).
    assert running.preview.watching.wait(30), "the preview's watcher did not start"
    yield running
    stop.set()
    running.shutdown()
    running.server_close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def test_index_lists_the_seed(page: Page, server: PreviewServer) -> None:
    page.goto(server.url)
    link = page.get_by_role("link", name="Workshop-Nachmittag der TowerByte eG")
    expect(link).to_be_visible()
    expect(page.locator("tr", has=link)).to_contain_text("ok")


def test_both_editions_side_by_side(page: Page, server: PreviewServer) -> None:
    """An event published in English too shows the German and the English edition of the
    press release and of the newsletter next to each other."""
    page.goto(server.url + "towerbyte-workshop-2017/")
    page.get_by_role("tab", name="Deutsch und Englisch").click()
    german = page.frame_locator('#panel-editions iframe[src="pressemitteilung.html"]')
    english = page.frame_locator('#panel-editions iframe[src="en/pressemitteilung.html"]')
    expect(german.locator("h1")).to_have_text(HEADLINE)
    expect(english.locator("h1")).to_have_text(
        "All about digitalising cities: a look back at the TowerByte eG Workshop Afternoon"
    )
    expect(english.locator("html")).to_have_attribute("lang", "en")
    left = page.locator('#panel-editions iframe[src="pressemitteilung.html"]').bounding_box()
    right = page.locator('#panel-editions iframe[src="en/pressemitteilung.html"]').bounding_box()
    assert left is not None and right is not None
    assert left["y"] == right["y"] and left["x"] + left["width"] <= right["x"]  # side by side
    newsletter = page.frame_locator('#panel-editions iframe[src="en/newsletter.html"]')
    expect(newsletter.locator("h1")).to_have_text(
        "All about digitalising cities: a look back at the TowerByte eG Workshop Afternoon"
    )


def test_newsletter_tab_shows_the_email_and_switches_to_mobile(
    page: Page, server: PreviewServer
) -> None:
    page.goto(server.url + "towerbyte-workshop-2017/")
    page.get_by_role("tab", name="Newsletter", exact=True).click()
    frame = page.frame_locator("#newsletter-frame")
    expect(frame.locator("h1")).to_have_text(HEADLINE)
    inner = page.locator("#newsletter-frame").element_handle()
    assert inner is not None
    content = inner.content_frame()
    assert content is not None
    assert content.evaluate("window.innerWidth") == 600
    page.get_by_label("Mobil (375 px)").check()
    expect(page.locator("#newsletter-frame")).to_have_css("width", "375px")
    assert content.evaluate("window.innerWidth") == 375
    # On a phone the email is one column: the text is narrower than the desktop's 550 px.
    text_width = content.evaluate("document.querySelector('h1').getBoundingClientRect().width")
    assert text_width < 375
    expect(frame.locator("h1")).to_have_css("color", "rgb(26, 26, 26)")
    page.get_by_label("Dunkler Hintergrund").check()
    # The email's own dark-mode rules now apply: light text on a dark card.
    expect(frame.locator("h1")).to_have_css("color", "rgb(232, 232, 232)")
    expect(page.locator("#newsletter-frame")).to_have_css("width", "375px")


def test_text_tabs(page: Page, server: PreviewServer) -> None:
    page.goto(server.url + "towerbyte-workshop-2017/")
    page.get_by_role("tab", name="Pressemitteilung – Text").click()
    expect(page.locator("#panel-release-text pre")).to_contain_text("PRESSEMITTEILUNG")
    page.get_by_role("tab", name="Newsletter – Text").click()
    expect(page.locator("#panel-newsletter-text pre")).to_contain_text("Newsletter abbestellen")
    expect(page.locator("#panel-release-text")).to_be_hidden()


def test_saving_the_yaml_reloads_the_page(
    page: Page, server: PreviewServer, data_dir: Path
) -> None:
    page.goto(server.url + "towerbyte-workshop-2017/#newsletter")
    expect(page.locator("#headline")).to_have_text(HEADLINE)
    page.evaluate("window.notReloaded = true")
    event = data_dir / "towerbyte-workshop-2017.yaml"
    event.write_text(
        event.read_text("utf-8").replace(
            "Rund um die Digitalisierung", "Alles über die Digitalisierung"
        ),
        "utf-8",
    )
    expect(page.locator("#headline")).to_have_text(
        re.compile("^Alles über die Digitalisierung"), timeout=10_000
    )
    assert page.evaluate("window.notReloaded") is None  # the page reloaded by itself
    assert page.url.endswith("#newsletter")  # and kept its tab
    frame = page.frame_locator("#newsletter-frame")
    expect(frame.locator("h1")).to_contain_text("Alles über die Digitalisierung")


def test_broken_yaml_shows_the_error_and_fixing_brings_the_page_back(
    page: Page, server: PreviewServer, data_dir: Path
) -> None:
    event = data_dir / "towerbyte-workshop-2017.yaml"
    good = event.read_text("utf-8")
    page.goto(server.url + "towerbyte-workshop-2017/")
    expect(page.locator("#headline")).to_be_visible()
    event.write_text(good.replace("  guests: 80\n", "  guests: [80\n"), "utf-8")
    errors = page.locator("#errors")
    expect(errors).to_contain_text("towerbyte-workshop-2017.yaml:", timeout=10_000)
    expect(errors).to_contain_text("YAML-Syntaxfehler")
    assert re.search(
        r"towerbyte-workshop-2017\.yaml:\d+:\d+: YAML-Syntaxfehler", errors.inner_text()
    )
    event.write_text(good, "utf-8")
    expect(page.locator("#headline")).to_have_text(HEADLINE, timeout=10_000)
