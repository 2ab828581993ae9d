"""The press room: index, release pages, feed, sitemap, photo archives, embargo."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from golden_files import differences
from helpers import ROOT, SECOND, SEED, german_only, parse

from pressgen.pipeline import Choices, build, check
from pressgen.site.press_room import ENGLISH_FEED, FEED, INDEX, ROBOTS, SITEMAP

GOLDEN = ROOT / "tests" / "golden" / "_presseraum"
BEFORE_THE_EMBARGO = "1767225600"  # 1 January 2026, as every test
AFTER_THE_EMBARGO = str(int(dt.datetime(2027, 2, 1, tzinfo=dt.UTC).timestamp()))


def _room(folder: Path, monkeypatch: pytest.MonkeyPatch, moment: str, **choices: Any) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", moment)
    out = folder.parent / f"out-{moment}"
    build([folder], out, choices=Choices(press_room=True, **choices))
    return out


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(SEED.parent, folder)
    return folder


def test_the_examples_press_room_is_the_golden_one(
    examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regenerate with scripts/update-golden, then read the diff."""
    out = _room(examples, monkeypatch, BEFORE_THE_EMBARGO)
    found = differences(sorted(golden.name for golden in GOLDEN.iterdir()), GOLDEN, out)
    if found:
        pytest.fail(found, pytrace=False)
    assert not (out / SITEMAP).exists()  # the seed has no web address: no sitemap


def test_a_release_under_embargo_waits_outside_the_press_room(
    examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _room(examples, monkeypatch, BEFORE_THE_EMBARGO)
    assert (before / "embargoed" / SECOND.stem / "pressemitteilung.html").is_file()
    assert not (before / SECOND.stem).exists()
    for name in (INDEX, FEED, ROBOTS):
        assert b"neujahrsempfang" not in (before / name).read_bytes()
        assert "Neujahrsempfang" not in (before / name).read_text("utf-8")
    after = _room(examples, monkeypatch, AFTER_THE_EMBARGO)
    assert (after / SECOND.stem / "pressemitteilung.html").is_file()
    index = (after / INDEX).read_text("utf-8")
    assert f'href="{SECOND.stem}/pressemitteilung.html"' in index
    assert "Neujahrsempfang 2027" in (after / FEED).read_text("utf-8")


def test_the_same_data_gives_the_same_press_room(
    examples: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Byte for byte, archives included (their entries carry the release's date)."""
    first = _room(examples, monkeypatch, AFTER_THE_EMBARGO)
    second = tmp_path / "again"
    build([examples], second, choices=Choices(press_room=True))
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for name in files:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    with zipfile.ZipFile(first / SECOND.stem / "pressefotos.zip") as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2027, 1, 15, 0, 0, 0)}


# ---------------------------------------------------------------- the feed


def test_the_feed_parses_and_every_entry_is_complete(
    examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import feedparser

    out = _room(examples, monkeypatch, AFTER_THE_EMBARGO)
    feed = feedparser.parse((out / FEED).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert len(feed.entries) == 2
    for entry in feed.entries:
        assert entry.id and entry.title and entry.updated and entry.link
        assert entry.content[0].value
    newest, older = feed.entries
    assert newest.title == "Neujahrsempfang 2027\u00a0– rund 1.200 Gäste im Historischen Rathaus"
    assert newest.id == "tag:netzwerk-saale.example,2027-01-15:neujahrsempfang-2027"
    assert newest.link.endswith("neujahrsempfang-2027/pressemitteilung.html")
    (enclosure,) = newest.enclosures
    assert enclosure.href == (
        "https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/fotos/"
        "neujahrsempfang-2027.web.png"
    )
    assert newest.updated == "2027-01-15T18:00:00+01:00"  # the embargo's end, from the data
    assert "Sperrfrist" not in newest.content[0].value  # the header stays on the page
    assert "Historischen Rathaus" in newest.content[0].value
    assert older.id == "tag:towerbyte.de,2017-08-28:towerbyte-workshop-2017"
    # Two organisations in one room: the room is the newest's, each entry keeps its own.
    assert feed.feed.author == "Netzwerk Digitale Region Saale\u00a0e.\u00a0V."
    assert "author" not in newest or newest.author == feed.feed.author
    assert older.author == "TowerByte eG"
    index = (out / INDEX).read_text("utf-8")
    assert (
        'E-Mail <a href="mailto:presse@netzwerk-saale.example">presse@netzwerk-saale.example</a>'
    ) in index


def test_an_entry_keeps_its_id_when_the_release_moves(
    examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new web address, a rebuilt release: feed readers must not show it as new."""
    import feedparser

    first = feedparser.parse((_room(examples, monkeypatch, AFTER_THE_EMBARGO) / FEED).read_bytes())
    text = SECOND.read_text("utf-8").replace(
        "https://www.netzwerk-saale.example/presse/", "https://presse.netzwerk-saale.example/"
    )
    (examples / SECOND.name).write_text(text, "utf-8")
    moved = _room(examples, monkeypatch, str(int(AFTER_THE_EMBARGO) + 1))
    second = feedparser.parse((moved / FEED).read_bytes())
    assert [e.id for e in first.entries] == [e.id for e in second.entries]
    assert first.entries[0].link != second.entries[0].link


# ---------------------------------------------------------------- the web address


def test_with_a_web_address_the_sitemap_lists_every_release(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "presse"
    (project / "events").mkdir(parents=True)
    (project / "pressgen.yaml").write_text(
        "web_base_url: https://www.towerbyte.de/presse/\n", "utf-8"
    )
    shutil.copy(SEED, project / "events")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_THE_EMBARGO)
    (built,) = build([project / "events"], choices=Choices(press_room=True))
    out = built.out_dir.parent
    sitemap = (out / SITEMAP).read_text("utf-8")
    assert "<loc>https://www.towerbyte.de/presse/index.html</loc>" in sitemap
    assert (
        "<loc>https://www.towerbyte.de/presse/towerbyte-workshop-2017/pressemitteilung.html</loc>"
        "\n    <lastmod>2017-08-28</lastmod>"
    ) in sitemap
    assert (out / ROBOTS).read_text("utf-8") == (
        "User-agent: *\nAllow: /\nSitemap: https://www.towerbyte.de/presse/sitemap.xml\n"
    )
    page = (built.out_dir / "pressemitteilung.html").read_text("utf-8")
    assert (
        '<meta property="og:url" content="https://www.towerbyte.de/presse/'
        'towerbyte-workshop-2017/pressemitteilung.html">'
    ) in page
    (checked,) = check([project / "events" / SEED.name], choices=Choices(press_room=True))
    assert {p.code for p in checked.warnings if p.code.startswith("PG9")} == {"PG902"}
    # The release in English too: both pages in the sitemap, each naming the other.
    base = "https://www.towerbyte.de/presse/towerbyte-workshop-2017/"
    german, english = f"{base}pressemitteilung.html", f"{base}en/pressemitteilung.html"
    alternates = (
        f'<xhtml:link rel="alternate" hreflang="de-DE" href="{german}" />\n    '
        f'<xhtml:link rel="alternate" hreflang="en-GB" href="{english}" />'
    )
    assert f"<loc>{base}en/pressemitteilung.html</loc>" in sitemap
    assert sitemap.count(alternates) == 2


def test_a_release_in_english_too_is_in_the_index_and_the_english_feed(
    examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import feedparser

    out = _room(examples, monkeypatch, BEFORE_THE_EMBARGO)
    index = (out / INDEX).read_text("utf-8")
    assert (
        '<a href="towerbyte-workshop-2017/en/pressemitteilung.html" hreflang="en-GB" lang="en">'
        "English version: All about digitalising cities" in index
    )
    english = feedparser.parse((out / ENGLISH_FEED).read_bytes())
    assert english.feed.language == "en" and english.feed.title == "Press releases – TowerByte eG"
    (entry,) = english.entries  # the release under its Sperrfrist is in neither feed yet
    assert entry.title.startswith("All about digitalising cities")
    assert entry.link == "towerbyte-workshop-2017/en/pressemitteilung.html"
    assert "Special thanks go to the sponsors: JenaWirtschaft" in entry.content[0].value
    german = feedparser.parse((out / FEED).read_bytes())
    assert german.feed.language == "de" and german.entries[0].id != entry.id


# ---------------------------------------------------------------- link previews


def _meta(html: str) -> dict[str, str]:
    found = {}
    for tag, attrs in parse(html).tags:
        key = attrs.get("property") or attrs.get("name")
        if tag == "meta" and key and attrs.get("content") is not None:
            found[str(key)] = str(attrs["content"])
    return found


def test_every_release_page_has_its_link_preview(built: dict[str, dict[str, bytes]]) -> None:
    meta = _meta(built[SECOND.stem]["pressemitteilung.html"].decode("utf-8"))
    base = "https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/"
    assert meta["og:url"] == base + "pressemitteilung.html"
    assert meta["og:type"] == "article"
    assert (
        meta["og:title"] == "Neujahrsempfang 2027\u00a0– rund 1.200 Gäste im Historischen Rathaus"
    )
    assert meta["og:image"] == base + "fotos/neujahrsempfang-2027.web.png"
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "750")
    assert meta["article:published_time"] == "2027-01-15T18:00:00+01:00"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]
    assert meta["og:description"] == meta["twitter:description"] == meta["description"]
    seed = _meta(built[SEED.stem]["pressemitteilung.html"].decode("utf-8"))
    assert "og:url" not in seed and "og:image" not in seed  # nothing absolute without one
    assert seed["twitter:card"] == "summary"


WEB_WARNINGS = [
    # (change to the second example, the codes among PG901–PG904 that check then gives)
    ("as shipped", set()),
    ("no web address", {"PG901", "PG902"}),
    ("no photo", {"PG902"}),
    ("a small photo", {"PG903", "PG904"}),
]


@pytest.mark.parametrize(("case", "codes"), WEB_WARNINGS, ids=[c for c, _ in WEB_WARNINGS])
def test_check_says_what_the_web_lacks(
    case: str, codes: set[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    folder = tmp_path / "data"
    shutil.copytree(SEED.parent, folder)
    data = yaml.safe_load(german_only(SECOND.read_text("utf-8")))
    if case == "no web address":
        del data["newsletter"]["web_url"]
    elif case == "no photo":
        data["press_release"]["photos"] = []
    elif case == "a small photo":
        Image.new("RGB", (800, 500), (20, 30, 80)).save(folder / "fotos" / "klein.png")
        data["press_release"]["photos"][0]["src"] = "fotos/klein.png"
    (folder / SECOND.name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_THE_EMBARGO)
    (checked,) = check([folder / SECOND.name], choices=Choices(press_room=True))
    found = {p.code for p in checked.warnings if p.code.startswith("PG9")}
    assert found == codes
    # Outside a press room only the photo's print size is the release's own concern.
    (alone,) = check([folder / SECOND.name])
    assert {p.code for p in alone.warnings if p.code.startswith("PG9")} == codes & {"PG904"}


# ---------------------------------------------------------------- photo downloads


CREDITS = """\
Bildnachweis zur Pressemitteilung
„Neujahrsempfang 2027\u00a0– rund 1.200 Gäste im Historischen Rathaus“
Netzwerk Digitale Region Saale\u00a0e.\u00a0V., 15.\u00a0Januar\u00a02027

Sperrfrist: 15.\u00a0Januar\u00a02027, 18\u00a0Uhr. Vorher dürfen die Fotos nicht \
veröffentlicht werden.

Datei: neujahrsempfang-2027.png
Bildunterschrift: Abendstimmung vor dem Historischen Rathaus in Jena.
Foto: Max Mustermann
Nutzung: Abdruck honorarfrei bei Nennung des Bildnachweises
Persönlichkeitsrechte: Auf dem Foto sind keine Personen zu erkennen.

Datei: gps.jpg
Bildunterschrift: Gäste im Festsaal.
Foto: Erika Beispiel

Bitte geben Sie bei jeder Veröffentlichung den Bildnachweis des Fotos an.
Fragen und weitere Fotos: Lena Beispiel, Pressesprecherin, Netzwerk Digitale Region Saale\
\u00a0e.\u00a0V., Telefon +49\u00a03641\u00a0123456, E-Mail presse@netzwerk-saale.example
"""


def test_the_photo_archive_carries_every_photo_with_its_credit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Full resolution, caption and credit in the file's metadata, GPS position gone."""
    import pyexiv2
    from PIL import Image

    folder = tmp_path / "data"
    shutil.copytree(SEED.parent, folder)
    picture = Image.new("RGB", (3000, 2000), (120, 90, 60))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (50.0, 55.0, 1.0), 3: "E", 4: (11.0, 35.0, 1.0)}
    picture.save(folder / "fotos" / "gps.jpg", "JPEG", exif=exif.tobytes(), quality=90)
    data = yaml.safe_load(german_only(SECOND.read_text("utf-8")))
    photos = data["press_release"]["photos"]
    photos.append(
        {"src": "fotos/gps.jpg", "caption": "Gäste im Festsaal.", "credit": "Erika Beispiel"}
    )
    (folder / SECOND.name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_THE_EMBARGO)
    (built,) = build([folder / SECOND.name], tmp_path / "out")
    with zipfile.ZipFile(built.out_dir / "pressefotos.zip") as archive:
        assert archive.namelist() == ["Bildnachweis.txt", "neujahrsempfang-2027.png", "gps.jpg"]
        assert archive.read("Bildnachweis.txt").decode("utf-8") == CREDITS
        published = archive.read("gps.jpg")
    assert Image.open(io.BytesIO(published)).size == (3000, 2000)  # full resolution
    assert published == (built.out_dir / "fotos" / "gps.jpg").read_bytes()
    with pyexiv2.ImageData(published) as image:
        exif_read, iptc, xmp = image.read_exif(), image.read_iptc(), image.read_xmp()
    assert not [key for key in exif_read if "GPS" in key]
    assert exif_read["Exif.Image.Artist"] == "Erika Beispiel"
    assert iptc["Iptc.Application2.Byline"] == ["Erika Beispiel"]
    assert iptc["Iptc.Application2.Copyright"] == "© Erika Beispiel"
    assert iptc["Iptc.Application2.Caption"] == "Gäste im Festsaal."
    assert xmp["Xmp.dc.creator"] == ["Erika Beispiel"]
    assert list(xmp["Xmp.dc.description"].values()) == ["Gäste im Festsaal."]
    # The page shows the web copy (1200 px) and links the original.
    web = Image.open(built.out_dir / "fotos" / "gps.web.jpg")
    assert web.size == (1200, 800)
    page = (built.out_dir / "pressemitteilung.html").read_text("utf-8")
    assert '<img src="fotos/gps.web.jpg"' in page and '<a href="fotos/gps.jpg">' in page


# ---------------------------------------------------------------- the command


def test_build_of_a_folder_writes_the_press_room_build_of_a_file_does_not(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(SEED.parent, folder)
    alone = run_cli("build", "--out", "einzeln", folder / SEED.name)
    assert alone.exit_code == 0, alone.output
    assert not (tmp_path / "einzeln" / INDEX).exists()
    page = (tmp_path / "einzeln" / SEED.stem / "pressemitteilung.html").read_text("utf-8")
    assert "Alle Pressemitteilungen" not in page
    room = run_cli("build", "--out", "raum", folder)
    assert room.exit_code == 0, room.output
    assert (tmp_path / "raum" / INDEX).is_file()
    page = (tmp_path / "raum" / SEED.stem / "pressemitteilung.html").read_text("utf-8")
    assert '<a href="../index.html">← Alle Pressemitteilungen</a>' in page


def test_a_folder_moves_with_its_embargo(examples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Sperrfrist set (or moved) after the release was published takes its folder out of
    the published tree, with a file the press office put there; nothing stays behind."""
    out = examples.parent / "out"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_THE_EMBARGO)
    build([examples], out, choices=Choices(press_room=True))
    (out / SECOND.stem / "notizen.txt").write_text("von Hand", "utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BEFORE_THE_EMBARGO)
    build([examples], out, choices=Choices(press_room=True))
    assert not (out / SECOND.stem).exists()
    assert (out / "embargoed" / SECOND.stem / "notizen.txt").read_text("utf-8") == "von Hand"
    assert SECOND.stem not in (out / INDEX).read_text("utf-8")


SHORTENED = [
    # (text, what a shared link and the index show of it, at most 200 characters)
    ("Kurz und gut.", "Kurz und gut."),
    (
        "Der Stadtteilverein Nordviertel e.\u00a0V. lädt im Sommer 2027 wieder zum Sommerfest "
        "auf den Brunnenplatz ein. Geplant sind ein Flohmarkt, ein Kinderprogramm und Livemusik "
        "der Schulband der Gesamtschule Nord.",
        "Der Stadtteilverein Nordviertel e.\u00a0V. lädt im Sommer 2027 wieder zum Sommerfest "
        "auf den Brunnenplatz ein.",
    ),
    (  # "Dr. Anna" and "am 12. November" end no sentence
        "Wie erkennt ein Betrieb, dass eine Maschine bald ausfällt? Darüber sprach am 12. "
        "November Dr. Anna Muster mit 38 Verantwortlichen aus Produktion und Instandhaltung "
        "beim Workshop des Netzwerks in den Räumen der Saale-Werkstatt GmbH in Jena.",
        "Wie erkennt ein Betrieb, dass eine Maschine bald ausfällt? Darüber sprach am 12. "
        "November Dr. Anna Muster mit 38 Verantwortlichen aus Produktion und Instandhaltung "
        "beim Workshop des Netzwerks\u00a0…",  # never after „in den“: words that lead on
    ),
    (  # a first sentence under half the length is not enough: cut after a word
        "Kurzer Satz. " + "Ein sehr langer zweiter Satz " * 10,
        "Kurzer Satz. " + "Ein sehr langer zweiter Satz " * 6 + "Ein sehr\u00a0…",
    ),
    (  # never after „und“
        "Kurzer Satz. " + "Gäste und Mitglieder " * 12,
        "Kurzer Satz. " + "Gäste und Mitglieder " * 8 + "Gäste\u00a0…",
    ),
]


@pytest.mark.parametrize(("text", "shown"), SHORTENED)
def test_a_long_teaser_is_cut_after_a_sentence_or_a_word(text: str, shown: str) -> None:
    from pressgen.present.event import shortened

    assert shortened(text, 200) == shown
    assert len(shown) <= 200


def test_building_one_file_into_a_press_room_keeps_its_entry_current(
    run_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file built alone into an output folder with a press room updates its entry in the
    index, the feed and the sitemap and keeps its back link; the other releases stay."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", AFTER_THE_EMBARGO)  # both releases public
    folder = tmp_path / "data"
    shutil.copytree(SEED.parent, folder)
    assert run_cli("build", "--out", "raum", folder).exit_code == 0
    data = yaml.safe_load((folder / SEED.name).read_text("utf-8"))
    old = data["press_release"]["headline"]
    data["press_release"]["headline"] = "Eine ganz neue Schlagzeile"
    (folder / SEED.name).write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    alone = run_cli("build", "--out", "raum", folder / SEED.name)
    assert alone.exit_code == 0, alone.output
    room = tmp_path / "raum"
    for name in (INDEX, FEED):
        made = (room / name).read_text("utf-8")
        assert "Eine ganz neue Schlagzeile" in made, name
        assert old not in made, name
        assert SECOND.stem in made, name  # the release not built stays listed
    page = (room / SEED.stem / "pressemitteilung.html").read_text("utf-8")
    assert '<a href="../index.html">← Alle Pressemitteilungen</a>' in page
    # Building the folder again renders nothing anew: the single build was the same build.
    again = run_cli("build", "--out", "raum", folder)
    assert again.exit_code == 0 and "0 written" in again.output, again.output


def test_a_file_name_with_spaces_is_linked_one_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Index, feed and sitemap write the same address for a release whose file name has
    spaces and umlauts: percent-encoded, as a URL must be."""
    import re

    folder = tmp_path / "presse" / "events"
    folder.mkdir(parents=True)
    (tmp_path / "presse" / "pressgen.yaml").write_text(
        "web_base_url: https://presse.example/\n", "utf-8"
    )
    text = SEED.read_text("utf-8").replace("  web_url:", "  # web_url:")
    (folder / "Workshop Straße Tür.yaml").write_text(text, "utf-8")
    out = _room(folder, monkeypatch, AFTER_THE_EMBARGO)
    encoded = "Workshop%20Stra%C3%9Fe%20T%C3%BCr/pressemitteilung.html"
    index = (out / INDEX).read_text("utf-8")
    feed = (out / FEED).read_text("utf-8")
    sitemap = (out / SITEMAP).read_text("utf-8")
    assert f'href="{encoded}"' in index
    assert f'href="https://presse.example/{encoded}"' in feed
    assert f"<loc>https://presse.example/{encoded}</loc>" in sitemap
    for written in (index, feed, sitemap):
        assert not re.search(r'(?:href="|<loc>)[^"<]*Straße', written)


def test_the_outputs_of_a_renamed_event_file_are_removed(tmp_path: Path, run_cli: Any) -> None:
    """After a rename, out/<old name>/ would stay in the published folder: a build of the
    folder removes what it wrote there, says so, and keeps what someone else put there."""
    events = tmp_path / "ev"
    events.mkdir()
    (events / "alt.yaml").write_text(SEED.read_text("utf-8"), "utf-8")
    assert run_cli("build", "ev", "--out", "out").exit_code == 0
    (tmp_path / "out" / "alt" / "notiz.txt").write_text("meine Notiz", "utf-8")
    (events / "alt.yaml").rename(events / "neu.yaml")
    result = run_cli("build", "ev", "--out", "out")
    assert result.exit_code == 0, result.output
    assert "out/alt/ removed: its event file is gone\n" in result.stdout
    assert sorted(p.name for p in (tmp_path / "out" / "alt").iterdir()) == ["notiz.txt"]
    index = (tmp_path / "out" / INDEX).read_text("utf-8")
    assert "neu/pressemitteilung.html" in index and "alt/" not in index
    # Nothing of it is left the next time: the line comes once.
    again = run_cli("build", "ev", "--out", "out")
    assert "removed" not in again.stdout


@pytest.mark.parametrize(
    ("base", "said"),
    [
        ("https://www.example.de/presse/",
         "The press room is published at https://www.example.de/presse/, where crawlers do not "
         "read its robots.txt: add to https://www.example.de/robots.txt the line: Sitemap: "
         "https://www.example.de/presse/sitemap.xml\n"),
        ("https://presse.example.de/", ""),  # at the root its own robots.txt counts
    ],
)  # fmt: skip
def test_a_press_room_under_a_path_names_the_line_for_the_sites_robots_txt(
    tmp_path: Path, run_cli: Any, base: str, said: str
) -> None:
    (tmp_path / "pressgen.yaml").write_text(f"web_base_url: {base}\n", "utf-8")
    (tmp_path / "ev").mkdir()
    (tmp_path / "ev" / "workshop.yaml").write_text(SEED.read_text("utf-8"), "utf-8")
    result = run_cli("build", "ev", "--out", "out")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines(True) if "robots.txt" in line]
    assert "".join(lines) == said
