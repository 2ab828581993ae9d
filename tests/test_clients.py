"""check --clients: what the major mail programs do not support, from caniemail's data."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import ROOT, SECOND, SEED

from pressgen.checks import clients

CANIEMAIL = ROOT / "node_modules" / "caniemail"


@pytest.mark.node
def test_the_vendored_data_is_caniemails_of_package_lock() -> None:
    """scripts/update-caniemail made pressgen/data/caniemail.json from the npm package."""
    original = json.loads((CANIEMAIL / "data" / "caniemail.json").read_text("utf-8"))
    version = json.loads((CANIEMAIL / "package.json").read_text("utf-8"))["version"]
    vendored = json.loads((ROOT / "pressgen" / "data" / "caniemail.json").read_text("utf-8"))
    assert vendored == clients.trimmed(original, version), "run scripts/update-caniemail"
    licence = (ROOT / "pressgen" / "data" / "caniemail-LICENSE").read_text("utf-8")
    assert licence == (CANIEMAIL / "LICENSE").read_text("utf-8")


@pytest.mark.parametrize(
    ("html", "slug"),
    [
        ('<div style="display:flex">x</div>', "css-display-flex"),
        ('<div style="display: none">x</div>', "css-display-none"),
        ('<div style="position: absolute; top: 0">x</div>', "css-position"),
        ('<div style="position: absolute; top: 0">x</div>', "css-left-right-top-bottom"),
        ('<p style="margin: 1.5em 0">x</p>', "css-unit-em"),
        ('<p style="color: rgba(0,0,0,.5)">x</p>', "css-rgba"),
        ('<p style="width: calc(100% - 2px)">x</p>', "css-unit-calc"),
        ("<style>@media (prefers-color-scheme: dark) { p { color: #fff } }</style>",
         "css-at-media-prefers-color-scheme"),
        ("<style>a:hover { color: red }</style>", "css-pseudo-class-hover"),
        ("<style>p::before { content: 'x' }</style>", "css-pseudo-element-before"),
        ("<style>.a > .b { color: red }</style>", "css-selector-child"),
        ("<style>p { color: var(--brand) }</style>", "css-variables"),
        ('<svg width="10" height="10"></svg>', "html-svg"),
        ('<img src="https://a.de/b.png" srcset="https://a.de/b@2x.png 2x" alt="b">', "html-srcset"),
        ('<table cellpadding="0"><tr><td>x</td></tr></table>', "html-cellpadding"),
        ('<a href="mailto:a@b.de">x</a>', "html-mailto-links"),
    ],
)  # fmt: skip
def test_features_are_found_where_mail_programs_meet_them(html: str, slug: str) -> None:
    assert slug in clients.features_in(f"<!doctype html><html><body>{html}</body></html>")


def test_an_unsupported_feature_is_reported_per_client() -> None:
    html = '<html><body><div style="position: absolute">x</div><svg></svg></body></html>'
    found, _ = clients.unsupported(html)
    gmail = [item for item in found if item.client == "gmail"]
    assert {item.feature for item in gmail} >= {"css-position", "html-svg"}
    svg = next(item for item in gmail if item.feature == "html-svg")
    assert svg.title == "Embedded <svg> image"
    assert "Desktop Webmail" in svg.platforms
    # Silenced by feature:
    found, _ = clients.unsupported(html, ignored=["html-svg"])
    assert "html-svg" not in {item.feature for item in found}


@pytest.mark.parametrize("phase", [None, "invitation"])
def test_nothing_pressgen_writes_is_unsupported_in_gmail_or_apple_mail(
    built: dict[str, dict[str, bytes]],
    invitations: dict[str, dict[str, bytes]],
    phase: str | None,
) -> None:
    outputs = built if phase is None else invitations
    for event in (SEED.stem, SECOND.stem):
        html = outputs[event]["newsletter.html"].decode("utf-8")
        found, graceful = clients.unsupported(html)
        assert [item for item in found if item.client in ("gmail", "apple-mail")] == []
        # Outlook on Windows lacks much; the report says so rather than staying silent.
        assert any(item.client == "outlook" for item in found)
        # Dark mode is pressgen's own extra, left aside with its reason.
        assert ("css-at-media-prefers-color-scheme", clients.GRACEFUL[
            "css-at-media-prefers-color-scheme"]) in graceful  # fmt: skip


def test_check_clients_on_the_command_line(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    plain = run_cli("check", SEED)
    assert plain.exit_code == 0 and "PG801" not in plain.output
    result = run_cli("check", SEED, "--clients")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if "[PG801]" in line]
    clients_named = [
        line.split(": warning: newsletter: ")[1].split(" does not")[0] for line in lines
    ]
    assert "Outlook" in clients_named and "Gmail" not in clients_named
    assert "Mail programs: caniemail 2.0.2 (data of 2026-05-13)." in result.stdout
    outlook = next(line for line in lines if "Outlook does not" in line)
    assert "border-radius (css-border-radius, Windows" in outlook
    quiet = run_cli("check", SEED, "--clients", "--ignore-feature", "css-border-radius")
    assert "css-border-radius" not in quiet.stderr
    assert run_cli("check", SEED, "--clients", "--strict").exit_code == 1
    report = json.loads(run_cli("check", SEED, "--clients", "--format", "json").stdout)
    assert any(problem["code"] == "PG801" for problem in report["problems"])


@pytest.mark.parametrize("output_format", ["text", "json"])
@pytest.mark.parametrize("what", ["file", "folder", "project", "newsletter-file"])
def test_check_clients_takes_whatever_check_takes(
    run_cli: Callable[..., Result],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
    output_format: str,
) -> None:
    """Files, folders, a project (no paths) and newsletter files, in text and JSON: the
    mail programs' findings for every newsletter in them, and no false errors."""
    data = ROOT / "data"
    paths: list[Path] = {
        "file": [SEED],
        "folder": [data],
        "newsletter-file": [data / "newsletter-2027-01.yaml"],
        "project": [],
    }[what]
    if what == "project":
        assert run_cli("new", "presse").exit_code == 0
        monkeypatch.chdir(tmp_path / "presse")
    result = run_cli("check", *paths, "--clients", "--format", output_format)
    assert result.exit_code == 0, result.output
    if output_format == "json":
        report = json.loads(result.stdout)
        assert report["errors"] == 0
        found = {p["file"] for p in report["problems"] if p["code"] == "PG801"}
    else:
        found = {line.split(":", 1)[0] for line in result.stderr.splitlines() if "[PG801]" in line}
    # Every newsletter pressgen writes meets some mail program that lacks a feature.
    names = {Path(name).name for name in found}
    expected = {
        "file": {SEED.name},
        "folder": {path.name for path in data.glob("*.yaml")},
        "newsletter-file": {"newsletter-2027-01.yaml"},
        "project": {path.name for path in (tmp_path / "presse" / "events").glob("*.yaml")},
    }[what]
    assert expected and names == expected, result.output
