"""The furniture of a German press release: embargo, photos, count, JSON-LD, calendar."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from helpers import SECOND, SEED, parse, readable_text

from pressgen.errors import Problem
from pressgen.pipeline import build, check

BERLIN = dt.timezone(dt.timedelta(hours=1))


@pytest.fixture
def second(built: dict[str, dict[str, bytes]]) -> dict[str, bytes]:
    return built[SECOND.stem]


@pytest.fixture
def seed(built: dict[str, dict[str, bytes]]) -> dict[str, bytes]:
    return built[SEED.stem]


def text(outputs: dict[str, bytes], name: str) -> str:
    return readable_text(name, outputs[name].decode("utf-8"))


READER_OUTPUTS = [
    "pressemitteilung.html",
    "pressemitteilung.txt",
    "newsletter.mjml",
    "newsletter.html",
    "newsletter.txt",
]


@pytest.mark.parametrize("name", ["pressemitteilung.html", "pressemitteilung.txt"])
def test_embargo_is_at_the_top_of_the_press_release(second: dict[str, bytes], name: str) -> None:
    words = text(second, name)
    position = words.find("Sperrfrist: 15. Januar 2027, 18 Uhr")
    assert position != -1
    assert position < words.find("Neujahrsempfang 2027 – rund 1.200 Gäste")


def test_no_embargo_no_line(seed: dict[str, bytes]) -> None:
    assert all("Sperrfrist" not in text(seed, name) for name in READER_OUTPUTS)


def test_check_warns_about_a_past_embargo(tmp_path: Path) -> None:
    before = dt.datetime(2027, 1, 15, 17, 59, tzinfo=BERLIN)
    after = dt.datetime(2027, 1, 15, 18, 0, tzinfo=BERLIN)

    def embargo_warnings(now: dt.datetime) -> list[Problem]:
        (checked,) = check([SECOND], now=now)
        return [w for w in checked.warnings if w.code == "PG501"]

    assert embargo_warnings(before) == []
    (warning,) = embargo_warnings(after)
    line = next(
        n for n, t in enumerate(SECOND.read_text("utf-8").splitlines(), 1) if "embargo:" in t
    )
    assert str(warning) == (
        f"data/neujahrsempfang-2027.yaml:{line}:3: warning: press_release.embargo: "
        "the embargo (15. Januar 2027, 18 Uhr) has already passed; "
        "remove it or set a later time [PG501]"
    )


def test_check_prints_warnings_and_exits_0(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    source = SECOND.read_text("utf-8").replace(
        "embargo: 2027-01-15 18:00", "embargo: 2020-01-01 9:00"
    )
    (tmp_path / "fotos").mkdir()
    (tmp_path / "fotos" / "neujahrsempfang-2027.png").write_bytes(
        (SECOND.parent / "fotos" / "neujahrsempfang-2027.png").read_bytes()
    )
    (tmp_path / "fest.yaml").write_text(source, "utf-8")
    result = run_cli("check", "fest.yaml")
    assert result.exit_code == 0
    assert "fest.yaml:" in result.stderr and ": warning: press_release.embargo:" in result.stderr
    # Eleven more warnings: the invented example's addresses (links and e-mail) end in
    # .example (PG403).
    assert result.stdout == "fest.yaml: ok, 12 warnings\n"


def test_photo_in_both_press_release_formats(second: dict[str, bytes]) -> None:
    page = second["pressemitteilung.html"].decode("utf-8")
    images = [attrs for tag, attrs in parse(page).tags if tag == "img"]
    assert images == [
        {
            "src": "fotos/neujahrsempfang-2027.web.png",  # the web copy; it links the original
            "alt": "Silhouette einer Häuserzeile mit erleuchteten Fenstern in der Abenddämmerung",
        }
    ]
    caption = "Abendstimmung vor dem Historischen Rathaus in Jena. Foto: Max Mustermann"
    assert caption in text(second, "pressemitteilung.html")
    assert f"Bild: {caption}" in text(second, "pressemitteilung.txt")
    import io

    from PIL import Image

    # The original picture, not encoded again; only its metadata has the credit now.
    original = Image.open(SECOND.parent / "fotos" / "neujahrsempfang-2027.png")
    published = Image.open(io.BytesIO(second["fotos/neujahrsempfang-2027.png"]))
    assert published.tobytes() == original.tobytes() and published.size == original.size


def test_photo_needs_a_credit(write_yaml: Callable[..., Path], event_data: dict[str, Any]) -> None:
    from pressgen.errors import DataError
    from pressgen.source.validate import load_event

    event_data["press_release"]["photos"] = [
        {"src": "https://bilder.example/a.jpg", "caption": "Gäste im Saal"}
    ]
    with pytest.raises(DataError) as caught:
        load_event(write_yaml(event_data))
    assert [p.message for p in caught.value.problems] == ["required field is missing"]
    assert caught.value.problems[0].field == "press_release.photos[0].credit"


def test_local_photo_must_exist(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    from pressgen.errors import DataError
    from pressgen.source.validate import load_event

    def problems(src: str) -> list[tuple[str, str]]:
        event_data["press_release"]["photos"] = [{"src": src, "caption": "x", "credit": "y"}]
        with pytest.raises(DataError) as caught:
            load_event(write_yaml(event_data))
        return [(p.field, p.message) for p in caught.value.problems]

    field = "press_release.photos[0].src"
    assert problems("fotos/fehlt.jpg") == [
        (field, "there is no image file fotos/fehlt.jpg next to the event file")
    ]
    assert problems("../geheim.png") == [
        (field, "give the image as a path inside the event's folder, e.g. fotos/bild.jpg")
    ]
    assert problems("fotos/bild.svg") == [
        (field, "an image must be a .jpg, .jpeg, .png, .gif or .webp file")
    ]


@pytest.mark.parametrize("event_file", [SEED, SECOND], ids=["seed", "second"])
def test_character_count_matches_the_text(event_file: Path, tmp_path: Path) -> None:
    (built,) = build([event_file], tmp_path)
    release = (built.out_dir / "pressemitteilung.txt").read_text("utf-8")
    stated = re.search(r"Zeichen \(inkl\. Leerzeichen\): ([\d.]+)", release)
    assert stated is not None
    # The body runs from the dateline to the first photo or the count itself.
    start = release.index("Jena, ")
    end = min(i for i in (release.find("\nBild: "), release.index("\nZeichen (inkl.")) if i != -1)
    body = re.sub(r" \[\d+\]", "", release[start:end])  # link numbers are not text
    paragraphs = [" ".join(p.split("\n")) for p in body.strip().split("\n\n")]
    assert int(stated[1].replace(".", "")) == sum(len(p) for p in paragraphs)
    page = (built.out_dir / "pressemitteilung.html").read_text("utf-8")
    assert f"Zeichen (inkl. Leerzeichen): {stated[1]}" in page


def json_ld(outputs: dict[str, bytes]) -> dict[str, Any]:
    page = outputs["pressemitteilung.html"].decode("utf-8")
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match[1])
    return data


def test_json_ld_news_article_and_event(seed: dict[str, bytes]) -> None:
    data = json_ld(seed)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["datePublished"] == "2017-08-28"  # a day: no time is invented
    assert data["author"]["name"] == data["publisher"]["name"] == "TowerByte eG"
    happening = data["about"]
    assert happening["@type"] == "Event"
    assert happening["startDate"] == "2017-08-17T14:30:00+02:00"
    assert happening["location"]["address"]["addressLocality"] == "Jena"
    assert happening["organizer"]["name"] == "TowerByte eG"


def test_json_ld_in_winter_and_with_end(second: dict[str, bytes]) -> None:
    happening = json_ld(second)["about"]
    assert happening["startDate"] == "2027-01-15T18:00:00+01:00"
    assert happening["endDate"] == "2027-01-15T22:00:00+01:00"
    assert happening["location"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Jena",
        "streetAddress": "Markt 1",
        "postalCode": "07743",
        "addressCountry": "DE",
    }


def test_json_ld_cannot_close_its_script(
    write_yaml: Callable[..., Path], event_data: dict[str, Any], tmp_path: Path
) -> None:
    event_data["press_release"]["headline"] = "</script><script>alert(1)</script> & <!--"
    (built,) = build([write_yaml(event_data)], tmp_path / "out")
    outputs = {"pressemitteilung.html": (built.out_dir / "pressemitteilung.html").read_bytes()}
    page = outputs["pressemitteilung.html"].decode("utf-8")
    assert page.count("</script>") == 1
    assert json_ld(outputs)["headline"] == "</script><script>alert(1)</script> & <!--"


def test_calendar_file_parses(second: dict[str, bytes]) -> None:
    import icalendar

    raw = second["termin.ics"]
    assert b"\n" not in raw.replace(b"\r\n", b"")  # every line ends in CRLF
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    (happening,) = calendar.walk("VEVENT")
    start = happening.decoded("DTSTART")
    assert start == dt.datetime(2027, 1, 15, 18, 0, tzinfo=start.tzinfo)
    assert start.utcoffset() == dt.timedelta(hours=1)
    assert happening.decoded("DTEND").utcoffset() == dt.timedelta(hours=1)
    assert str(happening["SUMMARY"]) == "Neujahrsempfang 2027"
    assert str(happening["LOCATION"]) == "Historisches Rathaus, Markt 1, 07743 Jena"
    assert str(happening["UID"]).endswith("@pressgen")
    assert happening.decoded("DTSTAMP") == dt.datetime(2027, 1, 15, tzinfo=dt.UTC)


def test_calendar_folds_long_lines_and_escapes(
    write_yaml: Callable[..., Path], event_data: dict[str, Any], tmp_path: Path
) -> None:
    import icalendar

    title = "Ein sehr langer Titel; mit Semikolon, Komma und Umlauten äöü " * 3
    event_data["event"]["title"] = title.strip()
    event_data["event"]["end"] = "00:30"  # after midnight
    (built,) = build([write_yaml(event_data)], tmp_path / "out")
    raw = (built.out_dir / "termin.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\\;" in raw and b"\\," in raw
    (happening,) = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert str(happening["SUMMARY"]) == title.strip()
    assert happening.decoded("DTEND") - happening.decoded("DTSTART") == dt.timedelta(hours=10)


def test_calendar_link_in_the_invitation_only(
    second: dict[str, bytes], invitations: dict[str, dict[str, bytes]]
) -> None:
    url = (
        "https://www.netzwerk-saale.example/presse/neujahrsempfang-2027/termin.ics"
        "?utm_source=newsletter&utm_medium=email&utm_campaign=neujahrsempfang-2027"
    )
    invitation = invitations["neujahrsempfang-2027"]
    hrefs = [a.get("href") for tag, a in parse(invitation["newsletter.html"].decode()).tags]
    assert url in hrefs
    assert url in invitation["newsletter.txt"].decode()
    # A recap reports on a day that has passed: no calendar entry.
    assert "termin.ics" not in second["newsletter.html"].decode()
    assert "termin.ics" not in second["newsletter.txt"].decode()


@pytest.mark.parametrize("name", READER_OUTPUTS)
def test_second_example_shows_singular_forms(second: dict[str, bytes], name: str) -> None:
    words = text(second, name)
    assert "Besonderer Dank gilt der Sponsorin, der Saale-Werkstatt GmbH." in words
    assert "rund 1.200 Gäste" in words or "Rund 1.200 Gäste" in words


def test_second_example_release_furniture(second: dict[str, bytes]) -> None:
    release = text(second, "pressemitteilung.txt")
    assert release.startswith("*** Sperrfrist: 15. Januar 2027, 18 Uhr *** PRESSEMITTEILUNG")
    assert "Jena, 15. Januar 2027 – Mit rund 1.200 Gästen" in release
    # Typed plainly in the data, typeset in the output.
    assert "erfunden – aber" in release and "Dass ‚unser‘ Empfang" in release
    assert "z. B. in Weiterbildung" in release
    assert "es gibt“, sagte Dr. Anna Muster, Vorstandsvorsitzende des Netzwerks" in release
    # The paragraph before names him with his function: the quote need not repeat it.
    assert "Im anschließenden Vortrag zeigte Jonas Beispiel, Geschäftsführer der" in release
    # …and by his surname alone, as the press names someone again.
    assert " Beispiel blickte zuversichtlich auf das neue Jahr: „Wer heute" in release
    assert "Jonas Beispiel blickte" not in release
    assert "Über das Netzwerk Digitale Region Saale e. V." in release
    assert "Pressekontakt Lena Beispiel Pressesprecherin" in release
    assert "Telefon: +49 3641 123456 E-Mail: presse@netzwerk-saale.example" in release
    assert "Abdruck honorarfrei – Belegexemplar erbeten" in release


def test_later_quotes_name_the_person_only(
    event_data: dict[str, Any], write_yaml: Callable[..., Path]
) -> None:
    from pressgen.present.event import present
    from pressgen.source.validate import load_event

    event_data["quotes"]["nachtrag"] = {"by": "wrobel", "text": "Bis nächstes Jahr."}
    event_data["quotes"]["fazit"]["attribution"] = "full"  # though the body named him
    blocks = [b for b in present(load_event(write_yaml(event_data))).blocks if b.kind == "quote"]
    assert [b.speaker for b in blocks] == [
        "Conrad Wrobel, Aufsichtsrat der TowerByte eG und Geschäftsführender Partner der "
        "emgress GmbH",
        "Conrad Wrobel",
    ]
    assert [b.pull_speaker for b in blocks] == [blocks[0].speaker] * 2  # the newsletter: full


def test_source_date_epoch_fixes_now_for_the_embargo_check(
    run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert "PG501" not in run_cli("check", SECOND).stderr  # 1 January 2026 (conftest)
    monkeypatch.setenv(
        "SOURCE_DATE_EPOCH", str(int(dt.datetime(2027, 1, 16, tzinfo=dt.UTC).timestamp()))
    )
    result = run_cli("check", SECOND)
    assert result.exit_code == 0
    assert (
        "press_release.embargo: the embargo (15. Januar 2027, 18 Uhr) "
        "has already passed" in result.stderr
    )
