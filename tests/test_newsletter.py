"""The newsletter as an email: HTML rules, legal musts, size, the .eml file."""

from __future__ import annotations

import email
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, SECOND, SEED, german_only, parse, readable_text

from pressgen.errors import DataError
from pressgen.outputs.newsletter import explain_mjml_error
from pressgen.pipeline import build

EVENTS = [SEED, SECOND]
MJML_CLI = ROOT / "node_modules" / ".bin" / "mjml"


@pytest.mark.parametrize("event_file", EVENTS, ids=lambda p: p.stem)
@pytest.mark.node
def test_reference_mjml_validator_strict(
    event_file: Path, built: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    assert MJML_CLI.exists(), "the reference validator is missing: run 'npm ci' first"
    source = tmp_path / "newsletter.mjml"
    source.write_bytes(built[event_file.stem]["newsletter.mjml"])
    result = subprocess.run(
        [str(MJML_CLI), "--validate", "--config.validationLevel=strict", str(source)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert "Error" not in result.stderr


@pytest.mark.node
def test_the_validator_catches_a_broken_file(tmp_path: Path) -> None:
    """The strict validator really fails on bad MJML, so its pass above means something."""
    broken = tmp_path / "broken.mjml"
    broken.write_text(
        '<mjml><mj-body><mj-section><mj-column><mj-text foo="x">a</mj-text>'
        "</mj-column></mj-section></mj-body></mjml>"
    )
    result = subprocess.run(
        [str(MJML_CLI), "--validate", "--config.validationLevel=strict", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Attribute foo is illegal" in result.stdout + result.stderr


@pytest.mark.parametrize("event_file", EVENTS, ids=lambda p: p.stem)
def test_html_rules(event_file: Path, built: dict[str, dict[str, bytes]]) -> None:
    page = built[event_file.stem]["newsletter.html"].decode("utf-8")
    tags = parse(page).tags
    names = [tag for tag, _ in tags]
    assert page.startswith("<!doctype html>")
    assert re.search(r'<html[^>]* lang="de"', page)
    assert names.count("h1") == 1
    assert all(attrs.get("alt") for tag, attrs in tags if tag == "img")
    tables = [attrs for tag, attrs in tags if tag == "table"]
    assert tables and all(attrs.get("role") == "presentation" for attrs in tables)
    assert "@media (prefers-color-scheme: dark)" in page
    assert '<meta name="color-scheme" content="light dark">' in page
    # Nothing is fetched from anywhere but the author's own images.
    assert "link" not in names and "script" not in names and "@import" not in page
    assert "url(" not in page
    images = [str(attrs["src"]) for tag, attrs in tags if tag == "img"]
    own = ("https://www.saale-werkstatt.example/", "https://www.netzwerk-saale.example/")
    assert all(src.startswith(own) for src in images)


def test_preheader_browser_link_sponsor_row(built: dict[str, dict[str, bytes]]) -> None:
    page = built["neujahrsempfang-2027"]["newsletter.html"].decode("utf-8")
    tags = parse(page).tags
    text = readable_text("newsletter.html", page)
    assert text.startswith("Gemeinsam digital ins neue Jahr – der Rückblick mit Fotos und Stimmen")
    assert "Im Browser ansehen" in text
    hrefs = [str(attrs.get("href")) for _, attrs in tags]
    assert (
        "https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/newsletter.html"
        "?utm_source=newsletter&utm_medium=email&utm_campaign=neujahrsempfang-2027"
    ) in hrefs
    alts = [attrs["alt"] for tag, attrs in tags if tag == "img"]
    assert "Saale-Werkstatt GmbH" in alts  # the sponsor's logo
    seed_text = readable_text("newsletter.html", built[SEED.stem]["newsletter.html"].decode())
    assert "Im Browser ansehen" not in seed_text  # no web address configured
    assert "Mit freundlicher Unterstützung von JenaWirtschaft Thüringer Agentur" in seed_text


@pytest.mark.parametrize("name", ["newsletter.html", "newsletter.txt"])
def test_footer_has_impressum_and_unsubscribe(
    built: dict[str, dict[str, bytes]], name: str
) -> None:
    text = readable_text(name, built[SEED.stem][name].decode("utf-8"))
    assert "Impressum TowerByte eG Leutragraben 1, 07743 Jena eingetragene Genossenschaft" in text
    assert "Vorstand: Erika Beispiel, Max Muster" in text
    assert "Genossenschaftsregister Amtsgericht Jena, GnR 000" in text
    assert "Newsletter abbestellen" in text
    if name == "newsletter.txt":
        assert "https://www.towerbyte.de/newsletter/abmelden" in text


def test_utm_only_when_configured(built: dict[str, dict[str, bytes]]) -> None:
    for name, content in built[SEED.stem].items():
        assert b"utm_" not in content, name
    second = built["neujahrsempfang-2027"]
    hrefs = [str(a.get("href")) for _, a in parse(second["newsletter.html"].decode()).tags]
    web = [h for h in hrefs if h.startswith("http")]
    unsubscribe = "https://www.netzwerk-saale.example/newsletter/abmelden"
    assert unsubscribe in web
    assert all("utm_campaign=neujahrsempfang-2027" in h for h in web if h != unsubscribe)
    assert all("utm_" not in h for h in hrefs if h.startswith("mailto:"))
    assert b"utm_" not in second["pressemitteilung.html"]


def check_problems(path: Path) -> list[str]:
    from pressgen.pipeline import check

    with pytest.raises(DataError) as caught:
        check([path])
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


def test_missing_impressum_fails(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    del event_data["organisation"]["impressum"]
    assert check_problems(write_yaml(event_data)) == [
        "organisation.impressum: the newsletter needs an Impressum (§ 5 DDG): add "
        "'impressum:' with legal_form and represented_by"
    ]


def test_missing_unsubscribe_fails(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    del event_data["newsletter"]["unsubscribe_url"]
    del event_data["organisation"]["email"]
    assert check_problems(write_yaml(event_data)) == [
        "organisation.email: the Impressum (§ 5 DDG) needs an email address of the organisation",
        "newsletter.unsubscribe_url: the newsletter needs an Abmeldelink (§ 7 UWG): set "
        "unsubscribe_url to an https:// page or a mailto: address",
    ]


def test_missing_legal_musts_stop_the_build(
    write_yaml: Callable[..., Path], event_data: dict[str, Any], tmp_path: Path
) -> None:
    del event_data["newsletter"]["unsubscribe_url"]
    with pytest.raises(DataError):
        build([write_yaml(event_data)], tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("paragraphs", "severity"), [(0, None), (160, "warning"), (240, "error")])
def test_size_guard(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    paragraphs: int,
    severity: str | None,
) -> None:
    from pressgen.pipeline import check

    filler = "Ein Satz über die Digitalisierung der Stadtverwaltung, der Platz braucht. " * 4
    event_data["press_release"]["body"] += [filler] * paragraphs
    path = write_yaml(event_data)
    if severity == "error":
        with pytest.raises(DataError) as caught:
            check([path])
        ((field, message),) = [(p.field, p.message) for p in caught.value.problems]
    else:
        (checked,) = check([path])
        found = [(p.field, p.message) for p in checked.warnings]
        if severity is None:
            assert found == []
            return
        ((field, message),) = found
    assert field == "newsletter"
    if severity == "error":
        assert re.fullmatch(
            r"newsletter\.html has 1\d\d KB; Gmail cuts off emails over 102 KB: "
            r"shorten the newsletter",
            message,
        )
    else:
        assert re.fullmatch(
            r"newsletter\.html has \d\d KB; close to the 102 KB at which Gmail cuts emails off",
            message,
        )


def test_header_fields_refuse_line_breaks(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    from pressgen.source.validate import load_event

    event_data["newsletter"]["sender"]["name"] = "TowerByte\nBcc: alle@example.org"
    event_data["newsletter"]["reply_to"] = "presse@towerbyte.de\r\nBcc: x@example.org"
    with pytest.raises(DataError) as caught:
        load_event(write_yaml(event_data))
    assert [(p.field, p.message) for p in caught.value.problems] == [
        ("newsletter.sender.name", "contains a line break; write it on one line as plain text"),
        ("newsletter.reply_to", "contains a carriage return; write it on one line as plain text"),
    ]


# ---------------------------------------------------------------- the .eml


def parsed(built: dict[str, dict[str, bytes]], stem: str) -> EmailMessage:
    message = email.message_from_bytes(built[stem]["newsletter.eml"], policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def test_email_parses_back_to_the_same_headers_and_bodies(
    built: dict[str, dict[str, bytes]],
) -> None:
    message = parsed(built, SEED.stem)
    assert message["From"] == "TowerByte eG <newsletter@towerbyte.de>"
    assert message["Reply-To"] == "presse@towerbyte.de"
    assert message["Subject"] == "Rückblick: Workshop-Nachmittag der TowerByte eG"
    assert message["Date"] == "Mon, 28 Aug 2017 09:00:00 +0200"
    assert re.fullmatch(r"<[0-9a-f]{32}@towerbyte\.de>", message["Message-ID"])
    assert message["List-Unsubscribe"] == "<https://www.towerbyte.de/newsletter/abmelden>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["List-Id"] == "TowerByte eG <newsletter.towerbyte.de>"  # RFC 2919
    # Every header line within 78 characters where the values allow it.
    head = built[SEED.stem]["newsletter.eml"].split(b"\r\n\r\n", 1)[0]
    assert max(len(line) for line in head.split(b"\r\n")) <= 78
    assert message.get_content_type() == "multipart/alternative"
    text_part, html_part = message.iter_parts()
    assert text_part.get_content_type() == "text/plain"
    assert html_part.get_content_type() == "text/html"
    for part in (text_part, html_part):
        assert part.get_content_charset() == "utf-8"
        assert part["Content-Transfer-Encoding"] == "quoted-printable"

    # On the wire every line ends in CRLF; the content is otherwise the same.
    def same(part: EmailMessage, name: str) -> bool:
        content = part.get_content().replace("\r\n", "\n")
        return bool(content == built[SEED.stem][name].decode("utf-8"))

    assert same(text_part, "newsletter.txt")
    assert same(html_part, "newsletter.html")


def test_email_dates_follow_the_embargo(built: dict[str, dict[str, bytes]]) -> None:
    assert parsed(built, "neujahrsempfang-2027")["Date"] == "Fri, 15 Jan 2027 18:00:00 +0100"


def test_email_lines_and_encoding(built: dict[str, dict[str, bytes]]) -> None:
    raw = built[SEED.stem]["newsletter.eml"]
    assert b"\n" not in raw.replace(b"\r\n", b"")
    head = raw.partition(b"\r\n\r\n")[0]
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    # RFC 2045: quoted-printable lines, soft breaks included, are at most 76 characters.
    message = email.message_from_bytes(raw, policy=policy.default)
    for part in message.walk():
        if part["Content-Transfer-Encoding"] == "quoted-printable":
            encoded = part.as_bytes(policy=policy.SMTP).partition(b"\r\n\r\n")[2]
            long = [line for line in encoded.split(b"\r\n") if len(line) > 76]
            assert not long, (part.get_content_type(), long[:3])
    assert max(raw) < 128  # 7-bit: umlauts are encoded (RFC 2047 / quoted-printable)
    assert b"Subject: =?utf-8?q?R=C3=BCckblick" in head


def test_mjml_error_names_the_line() -> None:
    source = "<mjml>\n<mj-body>\n  <mj-section><mj-column>\n  <mj-bogus></mj-bogus>\n"
    offset = len(source.encode("utf-8").split(b"<mj-bogus")[0])
    message = f"unexpected element in root template at position {offset}:{offset + 9}"
    assert str(explain_mjml_error(message, source)) == (
        "newsletter.mjml:4:3: (from templates/newsletter.mjml.j2 and its partials) "
        "unexpected element: <mj-bogus></mj-bogus> [PG011]"
    )


def test_npm_is_not_needed_to_build(tmp_path: Path) -> None:
    """Building uses mjml-python only; node is for the validator test."""
    python_only = str(Path(sys.executable).parent)  # no node, no npm on this PATH
    assert shutil.which("node", path=python_only) is None
    result = subprocess.run(
        [sys.executable, "-m", "pressgen", "build", str(SEED), "--out", str(tmp_path)],
        env={**os.environ, "PATH": python_only},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / SEED.stem / "newsletter.html").is_file()


# ---------------------------------------------------------------- what every client renders right

_CONDITIONAL = re.compile(r"<!--\[if mso \| IE\]>(.*?)<!\[endif\]-->", re.S)
_WIDTH = re.compile(r'width(?:="|:)(\d+(?:\.\d+)?)')


def outlook_widths(html: str) -> list[str]:
    """Every width inside the Outlook-only conditional comments, in order."""
    return [width for block in _CONDITIONAL.findall(html) for width in _WIDTH.findall(block)]


@pytest.mark.parametrize("event_file", EVENTS, ids=lambda p: p.stem)
@pytest.mark.node
def test_outlook_gets_the_widths_the_reference_compiler_gives(
    event_file: Path, built: dict[str, dict[str, bytes]], tmp_path: Path
) -> None:
    source = tmp_path / "newsletter.mjml"
    source.write_bytes(built[event_file.stem]["newsletter.mjml"])
    result = subprocess.run(
        [str(MJML_CLI), str(source), "--stdout"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-2000:]
    reference = outlook_widths(result.stdout)
    ours = outlook_widths(built[event_file.stem]["newsletter.html"].decode("utf-8"))
    assert len(reference) > 20
    assert ours == reference
    # The text column between the gutters: 600 − 2 × 24.
    assert "552" in ours


def test_images_keep_their_pixel_widths(built: dict[str, dict[str, bytes]]) -> None:
    """Outlook on Windows sizes an image by its width attribute, never by CSS."""
    mjml = built["neujahrsempfang-2027"]["newsletter.mjml"].decode("utf-8")
    html = built["neujahrsempfang-2027"]["newsletter.html"].decode("utf-8")
    wanted = [int(width) for width in re.findall(r'<mj-image [^>]*width="(\d+)px"', mjml)]
    images = [attrs for tag, attrs in parse(html).tags if tag == "img"]
    assert wanted and len(images) == len(wanted)
    assert [attrs.get("width") for attrs in images] == [str(width) for width in wanted]


def test_the_embargo_stays_with_the_journalists(built: dict[str, dict[str, bytes]]) -> None:
    outputs = built["neujahrsempfang-2027"]
    for name in ("pressemitteilung.html", "pressemitteilung.txt"):
        assert "Sperrfrist: 15.\u00a0Januar\u00a02027, 18\u00a0Uhr" in outputs[name].decode()
    for name in ("newsletter.mjml", "newsletter.html", "newsletter.txt", "newsletter.eml"):
        assert "Sperrfrist" not in outputs[name].decode("utf-8"), name


def _preheader(html: str) -> tuple[str, dict[str, str]]:
    match = re.search(r'<div class="nl-preheader" style="([^"]*)"[^>]*>(.*?)</div>', html, re.S)
    assert match, "no preheader"
    style = dict(
        (key.strip(), value.strip())
        for key, _, value in (rule.partition(":") for rule in match[1].split(";"))
        if key.strip()
    )
    return match[2], style


def test_the_preheader_is_padded_and_never_white_on_white(
    built: dict[str, dict[str, bytes]],
) -> None:
    html = built["neujahrsempfang-2027"]["newsletter.html"].decode("utf-8")
    text, style = _preheader(html)
    assert text.startswith("Gemeinsam digital ins neue Jahr\u00a0– der Rückblick mit Fotos und")
    # Zero-width non-joiners and no-break spaces fill the inbox preview's remaining room.
    filler = text[text.index("Stimmen") + len("Stimmen") :]
    assert filler == "\u200c\u00a0" * 80
    assert style["display"] == "none" and style["mso-hide"] == "all"
    # SpamAssassin's HTML_FONT_LOW_CONTRAST: no colour that equals the background.
    assert "color" not in style and "#ffffff" not in match_all_hidden(html)
    # It comes first in the body, before "Im Browser ansehen".
    assert html.index("nl-preheader") < html.index("Im Browser ansehen")


def match_all_hidden(html: str) -> str:
    """The style of every element hidden with display:none."""
    return " ".join(re.findall(r'style="([^"]*display:\s*none[^"]*)"', html))


def test_without_a_preheader_the_teaser_fills_the_inbox_preview(tmp_path: Path) -> None:
    data = yaml.safe_load(german_only(SEED.read_text(encoding="utf-8")))
    del data["newsletter"]["preheader"]
    data["newsletter"]["teaser"] = "Über **80 Gäste** diskutierten in Jena."
    event_file = tmp_path / "event.yaml"
    event_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (result,) = build([event_file], tmp_path / "out")
    html = (result.out_dir / "newsletter.html").read_text(encoding="utf-8")
    text, _ = _preheader(html)
    assert text.startswith("Über 80 Gäste diskutierten in Jena.\u200c\u00a0")


def test_dark_mode_gives_each_element_its_own_colours(built: dict[str, dict[str, bytes]]) -> None:
    html = built[SEED.stem]["newsletter.html"].decode("utf-8")
    head = html[: html.index("</head>")]
    assert "color-scheme: light dark" in head
    dark = head[head.index("@media (prefers-color-scheme: dark)") :]
    # The name in a lighter brand colour (readable on the dark backgrounds), not grey.
    assert ".nl-brand div { color: #6097c4 !important; }" in dark
    assert ".nl-draft div" in dark and ".nl-embargo div" in dark and "img { color:" in dark
    # Outlook.com and the Outlook apps mark their dark mode with data-ogsc / data-ogsb.
    assert "[data-ogsc] .nl-brand div" in dark and "[data-ogsb] .nl-box td" in dark
    # Dark colours stay out of the inliner: no style attribute carries one.
    attributes = " ".join(re.findall(r'style="([^"]*)"', html))
    assert "#1e1e1e" not in attributes and "#6097c4" not in attributes
    assert "data-premailer" not in html


@pytest.mark.parametrize(
    ("color", "dark"), [("#0b5fa5", "#6097c4"), ("#b00020", "#d47384"), ("#7cb8f0", "#7cb8f0")]
)
def test_dark_variants_of_a_colour_are_readable(color: str, dark: str) -> None:
    from pressgen.outputs.colour import contrast, for_dark_background

    assert for_dark_background(color) == dark
    assert contrast(dark, "#1d2a36") >= 4.5 and contrast(dark, "#1e1e1e") >= 4.5


# ---------------------------------------------------------------- photos in the email


def test_the_recap_shows_its_photo_resized_for_email(
    built: dict[str, dict[str, bytes]],
) -> None:
    import io

    from PIL import Image

    outputs = built["neujahrsempfang-2027"]
    one, two = "fotos/neujahrsempfang-2027.email.png", "fotos/neujahrsempfang-2027.email@2x.png"
    original = Image.open(io.BytesIO(outputs["fotos/neujahrsempfang-2027.png"]))
    assert original.size == (1200, 750)
    # The column's width, and twice that.
    assert Image.open(io.BytesIO(outputs[one])).size == (552, 345)
    assert Image.open(io.BytesIO(outputs[two])).size == (1104, 690)
    html = outputs["newsletter.html"].decode("utf-8")
    (photo,) = [
        attrs for tag, attrs in parse(html).tags if tag == "img" and "email@2x" in attrs["src"]
    ]
    base = "https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/"
    assert photo["src"] == base + two
    assert (photo["width"], photo["height"]) == ("552", "345")
    text = outputs["newsletter.txt"].decode("utf-8")
    assert (
        "Bild: Abendstimmung vor dem Historischen Rathaus in Jena. Foto: Max\nMustermann\n"
        + base
        + one
    ) in text
    assert "Abendstimmung vor dem Historischen Rathaus in Jena. Foto: Max Mustermann" in (
        readable_text("newsletter.html", html)
    )


def test_a_narrow_photo_is_never_enlarged_for_email() -> None:
    import io

    from PIL import Image

    from pressgen.outputs.photos import PublishedPhoto

    out = io.BytesIO()
    Image.new("RGB", (640, 400), (20, 30, 80)).save(out, "PNG")
    narrow = out.getvalue()
    versions = PublishedPhoto("fotos/a.png", narrow, (640, 400), "PNG").copies(email=True)
    assert Image.open(io.BytesIO(versions["fotos/a.email.png"])).size == (552, 345)
    assert versions["fotos/a.email@2x.png"] == narrow  # not enlarged, not encoded again


def test_a_big_photo_is_made_smaller_twice(tmp_path: Path) -> None:
    import io

    from PIL import Image

    from pressgen.outputs.photos import PublishedPhoto

    picture = Image.new("RGB", (3000, 2000), (200, 120, 40))
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG")

    def copies() -> dict[str, bytes]:
        return PublishedPhoto("fotos/gross.jpg", buffer.getvalue(), (3000, 2000), "JPEG").copies(
            email=True
        )

    versions = copies()
    sizes = {name: Image.open(io.BytesIO(data)).size for name, data in versions.items()}
    assert sizes == {
        "fotos/gross.jpg": (3000, 2000),
        "fotos/gross.web.jpg": (1200, 800),
        "fotos/gross.email.jpg": (552, 368),
        "fotos/gross.email@2x.jpg": (1104, 736),
    }
    # The same photo gives the same bytes on every build.
    assert copies() == versions


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, []),  # the example publishes its photos under web_url
        (
            {"web_url": None},
            ["press_release.photos[0].src: the press photo fotos/neujahrsempfang-2027.png "
             "cannot be shown in the email: give newsletter.image_base_url (or "
             "newsletter.web_url), where the photos are published"],
        ),
        ({"web_url": None, "image_base_url": "https://bilder.netzwerk-saale.de/2027/"}, []),
    ],
)  # fmt: skip
def test_pg404_every_email_image_can_be_loaded(
    tmp_path: Path, changes: dict[str, Any], expected: list[str]
) -> None:
    from pressgen.pipeline import check

    data = yaml.safe_load(SECOND.read_text("utf-8"))
    for key, value in changes.items():
        if value is None:
            data["newsletter"].pop(key)
        else:
            data["newsletter"][key] = value
    shutil.copytree(SECOND.parent / "fotos", tmp_path / "fotos")
    event_file = tmp_path / "fest.yaml"
    event_file.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (result,) = check([event_file])
    found = [f"{p.field}: {p.message}" for p in result.warnings if p.code == "PG404"]
    assert found == expected


def test_pg404_an_image_without_https(tmp_path: Path) -> None:
    from pressgen.pipeline import check

    data = yaml.safe_load(SECOND.read_text("utf-8"))
    data["sponsors"][0]["logo"]["src"] = "http://www.saale-werkstatt.de/logo.png"
    shutil.copytree(SECOND.parent / "fotos", tmp_path / "fotos")
    event_file = tmp_path / "fest.yaml"
    event_file.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (result,) = check([event_file])
    assert [p.message for p in result.warnings if p.code == "PG404"] == [
        "the email shows the image 'http://www.saale-werkstatt.de/logo.png', which mail "
        "programs cannot load: every image in an email needs a full https:// address"
    ]


@pytest.mark.parametrize("teaser", [True, False])
def test_a_recap_without_a_teaser_opens_with_the_lead(tmp_path: Path, teaser: bool) -> None:
    """The body is on the web; the newsletter still says what happened: its teaser, or
    else the release's first paragraph, never a quote alone under the headline."""
    shutil.copytree(SECOND.parent / "fotos", tmp_path / "fotos")
    data = yaml.safe_load(german_only(SECOND.read_text(encoding="utf-8")))
    if not teaser:
        del data["newsletter"]["teaser"]
    event_file = tmp_path / SECOND.name
    event_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (result,) = build([event_file], tmp_path / "out")
    lead = "Mit rund 1.200 Gästen aus Wirtschaft, Wissenschaft und Verwaltung hat"
    opening = "Rund 1.200 Gäste, zwei Reden und ein volles Rathaus" if teaser else lead
    for name in ("newsletter.txt", "newsletter.html"):
        shown = readable_text(name, (result.out_dir / name).read_text("utf-8"))
        assert (lead in shown) is not teaser
        assert "Den ganzen Bericht lesen" in shown  # the rest of the body stays on the web
        # What it opens with comes before the first quote.
        assert shown.index(opening) < shown.index("„")


@pytest.mark.parametrize(
    ("changes", "phase", "preheader"),
    [
        (  # the invitation's date, time and place, cut where a whole word ends
            {"venue": "Großer Festsaal im Historischen Rathaus der Universitätsstadt Jena "
                       "am Markt"},
            "invitation",
            "Donnerstag, 17.\u00a0August\u00a02017, ab 14:30\u00a0Uhr, Großer Festsaal im "
            "Historischen Rathaus\u00a0…",
        ),
        (  # the teaser, never ended on a word that leads on („über die“)
            {"teaser": "Über 80 Gäste aus Wirtschaft, Verwaltung und Wissenschaft diskutierten "
                       "am Donnerstag in Jena über die digitale Zukunft der Region und ihre "
                       "Unternehmen."},
            "recap",
            "Über 80 Gäste aus Wirtschaft, Verwaltung und Wissenschaft diskutierten am "
            "Donnerstag in Jena\u00a0…",
        ),
        (  # short enough: as it is
            {"venue": "Volkshaus"},
            "invitation",
            "Donnerstag, 17.\u00a0August\u00a02017, ab 14:30\u00a0Uhr, Volkshaus, Jena",
        ),
    ],
)  # fmt: skip
def test_a_preheader_pressgen_writes_fits_the_inbox(
    write_yaml: Callable[..., Path],
    event_data: dict[str, Any],
    changes: dict[str, str],
    phase: str,
    preheader: str,
) -> None:
    """Mail programs show about 100 characters; what pressgen writes itself fits."""
    from pressgen.present.event import View, present
    from pressgen.source.validate import load_event

    del event_data["newsletter"]["preheader"]
    if "venue" in changes:
        event_data["event"]["venue"]["name"] = changes["venue"]
    if "teaser" in changes:
        event_data["newsletter"]["teaser"] = changes["teaser"]
    shown = present(load_event(write_yaml(event_data)), View(phase))  # type: ignore[arg-type]
    assert shown.preheader == preheader
    assert len(shown.preheader) <= 100


def test_the_button_stands_where_a_reader_decides(
    invitations: dict[str, dict[str, bytes]], built: dict[str, dict[str, bytes]]
) -> None:
    """An invitation's button right after the facts, before its text and programme; a
    recap's before the sponsor row."""
    invited = invitations[SEED.stem]["newsletter.txt"].decode("utf-8")
    assert invited.index("Jetzt anmelden: [") < invited.index("Zum vierten Mal lädt")
    assert invited.index("Jetzt anmelden: [") < invited.index("PROGRAMM")
    recap = built["neujahrsempfang-2027"]["newsletter.txt"].decode("utf-8")
    button = recap.index("Fotos und Programm ansehen: [")
    assert button < recap.index("Mit freundlicher Unterstützung von")


def test_a_sponsor_logo_has_the_name_in_text_too(built: dict[str, dict[str, bytes]]) -> None:
    """Where a mail program blocks images, the sponsor row still names the sponsor in
    text, not only in the logo's alt text."""
    html = built["neujahrsempfang-2027"]["newsletter.html"].decode("utf-8")
    text = readable_text("newsletter.html", html)
    # Under the row's label, as text (the alt text is no text of the page).
    assert "Mit freundlicher Unterstützung von Saale-Werkstatt GmbH" in text
