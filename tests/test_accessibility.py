"""axe-core (npm) in Debian's chromium: the newsletter and the press release, light and dark,
at desktop and phone width, have no accessibility violation of impact serious or critical."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import ROOT, SECOND, SEED
from playwright.sync_api import Browser, Page, Route

pytestmark = [pytest.mark.browser, pytest.mark.node]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["newsletter.html", "pressemitteilung.html"]
# WCAG 2.2 A and AA (target-size is a 2.2 rule, off by default) and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _offline(route: Route) -> None:
    """Nothing leaves this computer: remote images are answered with nothing."""
    route.fulfill(status=404, body="") if route.request.url.startswith("http") else route.abort()


def run_axe(browser: Browser, html: str, width: int, scheme: str) -> list[dict[str, Any]]:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page: Page = context.new_page()
        page.route("**/*", _offline)
        page.set_content(html, wait_until="load")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags},"
            " resultTypes: ['violations']})).violations",
            TAGS,
        )
    finally:
        context.close()
    return [v for v in result if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("width", [600, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("event_file", [SEED, SECOND], ids=lambda p: p.stem)
def test_no_serious_accessibility_violations(
    browser: Browser,
    built: dict[str, dict[str, bytes]],
    event_file: Any,
    name: str,
    scheme: str,
    width: int,
) -> None:
    assert AXE.exists(), "axe-core is missing: run 'npm ci' first"
    html = built[event_file.stem][name].decode("utf-8")
    violations = run_axe(browser, html, width, scheme)
    summary = [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3]) for v in violations
    ]
    assert summary == []


def test_axe_finds_a_violation_when_there_is_one(browser: Browser) -> None:
    """The run above means something: light grey on white and a nameless image are found."""
    html = (
        '<!doctype html><html lang="de"><head><title>x</title></head><body><main>'
        '<p style="color:#eeeeee;background:#ffffff">kaum lesbar</p><img src="x.png">'
        "</main></body></html>"
    )
    found = {v["id"] for v in run_axe(browser, html, 600, "light")}
    assert {"color-contrast", "image-alt"} <= found


def test_the_press_release_has_a_main_landmark(built: dict[str, dict[str, bytes]]) -> None:
    html = built[SEED.stem]["pressemitteilung.html"].decode("utf-8")
    assert html.count("<main>") == 1 and html.index("<main>") < html.index("<article>")


@pytest.mark.parametrize(("width", "gutter"), [(600, 24), (375, 12)])
def test_text_edges_line_up_on_one_gutter(
    browser: Browser, built: dict[str, dict[str, bytes]], width: int, gutter: int
) -> None:
    """Every text block starts at the same left edge: 24 px in, 12 px on a phone (the facts
    box and the pull quote are set in from it on purpose, the sponsors' names stand in
    their grid under their logos)."""
    html = built[SECOND.stem]["newsletter.html"].decode("utf-8")
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.route("**/*", _offline)
        page.set_content(html, wait_until="load")
        edges = page.evaluate(
            """() => [...document.querySelectorAll(
                         '.nl-card .nl-text, .nl-card .nl-muted, .nl-card .nl-brand')]
                 .filter(cell => !cell.closest('.nl-box')
                                 && !cell.matches('.quote, .quote-by, .nl-sponsor'))
                 .map(cell => Math.round(cell.querySelector('div').getBoundingClientRect().left))"""
        )
        card = page.evaluate(
            "() => Math.round(document.querySelector('.nl-card').getBoundingClientRect().left)"
        )
    finally:
        context.close()
    assert len(edges) > 5
    assert set(edges) == {card + gutter}


@pytest.fixture(scope="module")
def issue_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    from pressgen.pipeline import build

    (built,) = build([ROOT / "data" / "newsletter-2027-01.yaml"], tmp_path_factory.mktemp("i"))
    return (built.out_dir / "newsletter.html").read_text("utf-8")


@pytest.mark.parametrize("width", [600, 375])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_newsletter_issue_has_no_serious_violations(
    browser: Browser, issue_html: str, scheme: str, width: int
) -> None:
    violations = run_axe(browser, issue_html, width, scheme)
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations] == []


def test_nothing_in_the_issue_is_unsupported_in_gmail_or_apple_mail(issue_html: str) -> None:
    from pressgen.checks import clients

    found, _ = clients.unsupported(issue_html)
    assert [item for item in found if item.client in ("gmail", "apple-mail")] == []
