"""Hostile and broken input: every case is refused with a located message and leaves
earlier outputs alone, or, where the input is legal but nasty, comes out safely."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from helpers import SEED, PythonSteps

from pressgen.errors import DataError

SEED_TEXT = SEED.read_text("utf-8")
SEED_DATA: dict[str, Any] = yaml.safe_load(SEED_TEXT)


def edit(old: str, new: str, count: int = 1) -> bytes:
    assert old in SEED_TEXT, old
    return SEED_TEXT.replace(old, new, count).encode("utf-8")


def data(change: Callable[[dict[str, Any]], None]) -> bytes:
    import copy

    changed = copy.deepcopy(SEED_DATA)
    change(changed)
    return yaml.safe_dump(changed, allow_unicode=True, sort_keys=False).encode("utf-8")


def photo(name: str) -> bytes:
    """The seed with one press photo, a file of the `project` fixture's fotos/ folder."""
    return data(
        lambda d: d["press_release"].update(
            photos=[{"src": f"fotos/{name}", "caption": "Gäste", "credit": "Max Muster"}]
        )
    )


def laughs(levels: int) -> bytes:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ",".join([f"*a{level - 1}"] * 9) + "]")
    return ("\n".join(lines) + "\n").encode()


BROKEN: dict[str, bytes | Callable[[], bytes]] = {
    "unclosed-bracket": edit("  guests: 80\n", "  guests: [80\n"),
    "bad-indentation": edit("  kind: Workshop-Nachmittag\n", "     kind: Workshop-Nachmittag\n"),
    "tab-indentation": edit("\n  kind: Workshop-Nachmittag", "\n\tkind: Workshop-Nachmittag"),
    "unterminated-quote": edit('  start: "14:30"\n', '  start: "14:30\n'),
    "colon-in-plain-value": edit("  kind: Workshop-Nachmittag", "  kind: Workshop: Nachmittag"),
    "two-documents": SEED_TEXT.encode() + b"\n---\nevent: {}\n",
    "undefined-alias": edit("  guests: 80", "  guests: *viele"),
    "top-level-list": b"- organisation\n- event\n",
    "top-level-text": b"Pressemitteilung\n",
    "empty-file": b"",
    "only-comments": b"# Hier kommt noch was\n# Bitte ausfuellen\n",
    "binary-png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "latin-1": SEED_TEXT.encode("latin-1", errors="replace"),
    "utf-16": SEED_TEXT.encode("utf-16"),
    "control-character": edit("  kind: Workshop-Nachmittag", "  kind: Workshop\x07Nachmittag"),
    "duplicate-top-level-key": SEED_TEXT.encode() + b"\nsponsors: []\n",
    "duplicate-nested-key": edit("  guests: 80\n", "  guests: 80\n  guests: 81\n"),
    "unknown-top-level-key": SEED_TEXT.encode() + b"\nsponser: JenaWirtschaft\n",
    "unknown-nested-key": edit("  guests: 80\n", "  guests: 80\n  gaeste: 80\n"),
    "yaml11-yes": edit("  name: TowerByte eG", "  name: yes"),
    "yaml11-no": edit("    street: Leutragraben 1", "    street: NO"),
    "yaml11-octal": edit('    postcode: "07743"', "    postcode: 07743"),
    "yaml11-sexagesimal": edit('  start: "14:30"', "  start: 14:30"),
    "yaml11-float": edit("  guests: 80", "  guests: 8.5"),
    "list-for-text": edit("  kind: Workshop-Nachmittag", "  kind: [Workshop, Nachmittag]"),
    "mapping-for-text": edit("  kind: Workshop-Nachmittag", "  kind: {art: Workshop}"),
    "text-for-number": edit("  guests: 80", "  guests: viele"),
    "negative-number": edit("  guests: 80", "  guests: -5"),
    "text-for-list": edit("    speakers: [kraft]", "    speakers: kraft"),
    "text-for-yes-no": data(lambda d: d["press_release"].update(reprint_note="vielleicht")),
    "missing-required-field": edit("  dateline_city: Jena\n", ""),
    "missing-section": data(lambda d: d.pop("newsletter")),
    "empty-required-value": edit("  dateline_city: Jena", "  dateline_city:"),
    "impossible-date": edit("  date: 2017-08-17", "  date: 2017-02-30"),
    "impossible-time": edit('  start: "14:30"', '  start: "25:00"'),
    "date-in-words": edit("  publication_date: 2017-08-28", "  publication_date: gestern"),
    "end-date-before-date": edit(
        "  date: 2017-08-17\n", "  date: 2017-08-17\n  end_date: 2017-08-01\n"
    ),
    "invalid-choice": edit("    article: keiner", "    article: den"),
    "billion-laughs": laughs(5),
    "too-many-aliases": ("a: &a x\nb: [" + ", ".join(["*a"] * 60) + "]\n").encode(),
    "deep-nesting": b"a: " + b"[" * 5000 + b"]" * 5000 + b"\n",
    "key-not-text": SEED_TEXT.encode() + b"\n1: eins\n",
    "huge-file": lambda: SEED_TEXT.encode() + b"# " + b"x" * 50_000_000 + b"\n",
    "control-character-in-subject": edit(
        '  subject: "Rückblick: Workshop', '  subject: "R\\u0007ückblick: Workshop'
    ),
    "crlf-in-header-field": data(
        lambda d: d["newsletter"]["sender"].update(name="TowerByte\r\nBcc: alle@example.org")
    ),
    "javascript-url": data(
        lambda d: d["newsletter"]["call_to_action"].update(url="javascript:alert(1)")
    ),
    "data-url": data(lambda d: d["sponsors"][0].update(url="data:text/html;base64,PHNjcmlwdD4=")),
    "javascript-link-in-prose": data(
        lambda d: d["press_release"]["body"].append("Mehr [hier](javascript:alert(1)).")
    ),
    "relative-url": data(lambda d: d["organisation"].update(website="www.towerbyte.de")),
    "bad-email": edit("  email: info@towerbyte.de", "  email: info(at)towerbyte.de"),
    "unknown-person": edit("    speakers: [kraft]", "    speakers: [krafft]"),
    "unknown-quote": edit("    - quote: fazit", "    - quote: fazid"),
    "quote-without-speaker": edit("    by: wrobel\n", ""),
    "image-outside-folder": data(
        lambda d: d["press_release"].update(
            photos=[{"src": "../../etc/passwd.png", "caption": "x", "credit": "y"}]
        )
    ),
    "missing-impressum": data(lambda d: d["organisation"].pop("impressum")),
    "missing-unsubscribe": data(lambda d: d["newsletter"].pop("unsubscribe_url")),
    "subject-too-long": data(lambda d: d["newsletter"].update(subject="Rückblick " * 10)),
    # ------------------------------------------------ cases that ended in a traceback
    "encoded-word-in-reply-to": edit(
        "  reply_to: presse@towerbyte.de", '  reply_to: "=?utf-8?q?evil=40example.org?=@x.de"'
    ),
    "guests-with-40-digits": edit("  guests: 80", "  guests: " + "9" * 40),
    "last-day-of-the-calendar": data(lambda d: d["event"].update(date=dt.date(9999, 12, 31))),
    "last-night-of-the-calendar": data(
        lambda d: d["event"].update(date=dt.date(9999, 12, 31), start="22:00", end="02:00")
    ),
    "first-morning-east-of-utc": data(
        lambda d: d["event"].update(date=dt.date(1, 1, 1), start="05:00", timezone="Asia/Tokyo")
    ),
    "line-separator-in-subject": data(
        lambda d: d["newsletter"].update(subject="Rückblick\u2028Bcc: alle@example.org")
    ),
    # ------------------------------------------------ cases that were accepted
    "photo-of-0-bytes": photo("leer.jpg"),
    "photo-that-is-text": photo("text.jpg"),
    "photo-that-is-svg-with-script": photo("skript.png"),
    "photo-of-300-mb": photo("riesig.jpg"),
    "photo-that-is-not-there": photo("fehlt.jpg"),
    "guests-yes": edit("  guests: 80", "  guests: yes"),
    "end-before-start-on-one-day": data(
        lambda d: d["event"].update(end_date=dt.date(2017, 8, 17), end="12:00")
    ),
    "invisible-organisation-name": data(
        lambda d: d["organisation"].update(name="\u200b\u200c\u2060")
    ),
    "direction-control-in-sender-name": data(
        lambda d: d["newsletter"]["sender"].update(name="TowerByte \u202egnp.exe")
    ),
    "direction-control-in-subject": data(
        lambda d: d["newsletter"].update(subject="Rückblick \u2066Gewinn\u2069")
    ),
    "port-out-of-range": edit(
        "  website: https://www.towerbyte.de/", "  website: https://www.towerbyte.de:99999/"
    ),
    "user-and-password-in-url": edit(
        "  website: https://www.towerbyte.de/", "  website: https://user:password@www.towerbyte.de/"
    ),
    "known-host-before-an-at": edit(
        "  website: https://www.towerbyte.de/", "  website: https://www.towerbyte.de@evil.example/"
    ),
    "look-alike-host": edit(
        "  website: https://www.towerbyte.de/", "  website: https://www.t\u043ewerbyte.de/"
    ),
    "time-skipped-by-the-clocks": data(
        lambda d: d["event"].update(date=dt.date(2027, 3, 28), start="02:30")
    ),
    "ten-thousand-sponsors": data(
        lambda d: d.update(
            sponsors=[{"name": f"Sponsor {n}", "article": "der"} for n in range(10_000)]
        )
    ),
    "colour-in-words": data(lambda d: d.update(brand={"color": "red"})),
    # ------------------------------------------------ cases that took minutes
    "email-of-100000-characters": data(
        lambda d: d["newsletter"]["sender"].update(email="a" * 50_000 + "@" + "a." * 25_000 + "de")
    ),
    "subject-of-100000-characters": data(lambda d: d["newsletter"].update(subject="R" * 100_000)),
}


@pytest.fixture
def project(tmp_path: Path, run_cli: Callable[..., Result]) -> Path:
    """A folder with a valid event built once, so there are earlier outputs to protect,
    and photos that are not what their names say."""
    (tmp_path / "fest.yaml").write_text(SEED_TEXT, "utf-8")
    assert run_cli("build", "fest.yaml").exit_code == 0
    photos = tmp_path / "fotos"
    photos.mkdir()
    (photos / "leer.jpg").write_bytes(b"")
    (photos / "text.jpg").write_text("Dies ist kein Foto.\n", "utf-8")
    (photos / "skript.png").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "utf-8"
    )
    with (photos / "riesig.jpg").open("wb") as huge:  # sparse: takes no room on disk
        huge.write(b"\xff\xd8\xff\xe0")
        huge.truncate(300 * 1024 * 1024)
    return tmp_path


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_corpus_is_large_enough() -> None:
    assert len(BROKEN) >= 40


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_input_is_refused(case: str, project: Path, run_cli: Callable[..., Result]) -> None:
    content = BROKEN[case]
    (project / "fest.yaml").write_bytes(content() if callable(content) else content)
    before = snapshot(project / "out")
    result = run_cli("build", "fest.yaml")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert lines, "no message"
    assert re.fullmatch(
        r"pressgen: \d+ errors?( and \d+ warnings?)?; nothing was written\.", lines[-1]
    )
    for line in lines[:-1]:
        assert re.match(r"fest\.yaml:\d+:\d+: \S", line), line
    assert snapshot(project / "out") == before
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("encoded-word-in-reply-to", "newsletter.reply_to: contains an encoded word (=?…?=)"),
        ("guests-with-40-digits", "event.guests: must be at most 1.000.000"),
        ("last-day-of-the-calendar", "event.date: the year 9999 is out of range"),
        ("first-morning-east-of-utc", "event.date: the year 1 is out of range"),
        ("line-separator-in-subject", "newsletter.subject: contains the line separator U+2028"),
        ("photo-of-0-bytes", "press_release.photos[0].src: the image file is empty (0 bytes)"),
        ("photo-that-is-text", "text.jpg is not a JPEG image (or it is damaged)"),
        ("photo-that-is-svg-with-script", "skript.png is not a PNG image (or it is damaged)"),
        ("photo-of-300-mb", "the photo has 300 MB; at most 50 MB are allowed"),
        ("guests-yes", "event.guests: expected a whole number; yes was read as the yes/no value"),
        ("end-before-start-on-one-day", "event.end: the end lies before the start on the same day"),
        ("invisible-organisation-name", "organisation.name: contains no visible text"),
        ("direction-control-in-sender-name", "the invisible direction control U+202E"),
        ("direction-control-in-subject", "the invisible direction control U+2066"),
        ("port-out-of-range", "the port after the host name must be a number from 1 to 65535"),
        ("user-and-password-in-url", "must not contain a user name or password before the host"),
        ("known-host-before-an-at", "must not contain a user name or password before the host"),
        ("look-alike-host", "mixes letters of different scripts (Cyrillic, Latin)"),
        ("time-skipped-by-the-clocks", "event.start: 02:30 does not exist on 28.03.2027"),
        ("ten-thousand-sponsors", "sponsors: has 10000 entries; at most 200 are allowed"),
        ("colour-in-words", "brand.color: expected a colour as # and six hex digits"),
        ("email-of-100000-characters", "an email address has at most 254 characters"),
        ("subject-of-100000-characters", "the line is 100,000 characters long; at most 500"),
    ],
)
def test_the_message_names_the_reason(
    case: str, message: str, project: Path, run_cli: Callable[..., Result]
) -> None:
    """Crafted values are refused at once, not in minutes: while the file is read and
    validated, with work in proportion to its size. (benchmarks/run.py times them.)"""
    from pressgen.source.documents import load_document

    content = BROKEN[case]
    raw = content() if callable(content) else content
    (project / "fest.yaml").write_bytes(raw)
    # About 25,000 lines of Python refuse any of these files, 11 a byte one of 10,000
    # short entries; work that grew with the square of a 100,000-character value would
    # take billions.
    limit = 50_000 + 20 * len(raw)
    with PythonSteps(limit=10 * limit):  # the first time imports modules and fills caches
        run_cli("check", "fest.yaml")
    with PythonSteps(limit=limit):
        first = run_cli("check", "fest.yaml").stderr.splitlines()[0]
    assert message in first, first
    # The refusal comes from reading and validating: nothing was rendered or checked.
    with pytest.raises(DataError) as refused:
        load_document(project / "fest.yaml")
    assert message in str(refused.value.problems[0])


def test_every_case_has_its_own_message(project: Path, run_cli: Callable[..., Result]) -> None:
    """No case slips through on a message meant for another."""
    first_lines = {}
    for case, content in BROKEN.items():
        if case == "huge-file":
            continue
        (project / "fest.yaml").write_bytes(content() if callable(content) else content)
        first_lines[case] = run_cli("check", "fest.yaml").stderr.splitlines()[0]
    assert len(set(first_lines.values())) >= len(first_lines) - 6


# ---------------------------------------------------------------- legal but nasty


def build_one(project: Path, run_cli: Callable[..., Result], content: bytes) -> dict[str, str]:
    (project / "fest.yaml").write_bytes(content)
    result = run_cli("build", "fest.yaml")
    assert result.exit_code == 0, result.output
    folder = project / "out" / "fest"
    return {
        p.name: p.read_text("utf-8") for p in folder.iterdir() if p.is_file() and p.suffix != ".png"
    }


def test_template_syntax_comes_out_literally(project: Path, run_cli: Callable[..., Result]) -> None:
    outputs = build_one(
        project,
        run_cli,
        edit(
            "  headline: >-\n    Rund um",
            "  headline: >-\n    {{ 7*7 }} {% if true %}x{% endif %} {# c #} Rund um",
        ),
    )
    for name in (
        "pressemitteilung.html",
        "pressemitteilung.txt",
        "newsletter.txt",
        "newsletter.mjml",
    ):
        assert "{{ 7*7 }} {% if true %}x{% endif %} {# c #} Rund um" in outputs[name], name
        assert "49" not in outputs[name].split("Rund um")[0][-40:]


def test_utf8_bom_is_fine(project: Path, run_cli: Callable[..., Result]) -> None:
    outputs = build_one(project, run_cli, b"\xef\xbb\xbf" + SEED_TEXT.encode())
    assert "\ufeff" not in outputs["pressemitteilung.txt"]


def test_very_long_words_and_lines(project: Path, run_cli: Callable[..., Result]) -> None:
    word = "Donaudampfschifffahrtsgesellschaftskapitän" * 12
    paragraph = ("Ein sehr langer Absatz ohne Zeilenumbruch. " * 400).strip()
    outputs = build_one(
        project,
        run_cli,
        data(lambda d: d["press_release"]["body"].extend([f"Vorher {word} nachher.", paragraph])),
    )
    for name in ("pressemitteilung.txt", "newsletter.txt"):
        lines = outputs[name].splitlines()
        assert word in lines  # an unbreakable word stands alone on its line
        assert all(len(line) <= 72 for line in lines if word not in line and "://" not in line)


def test_other_scripts_and_emoji(project: Path, run_cli: Callable[..., Result]) -> None:
    outputs = build_one(
        project,
        run_cli,
        data(lambda d: d["press_release"]["body"].append("Grüße: مرحبا, こんにちは, 🎉 – Ǆ")),
    )
    for name in ("pressemitteilung.html", "newsletter.html", "newsletter.txt"):
        assert "مرحبا, こんにちは, 🎉\u00a0– Ǆ" in outputs[name]  # the dash typeset


@pytest.mark.parametrize(
    ("case", "code"),
    [
        ("unclosed-bracket", "PG001"),
        ("utf-16", "PG001"),
        ("empty-file", "PG001"),
        ("billion-laughs", "PG001"),
        ("duplicate-nested-key", "PG002"),
        ("key-not-text", "PG002"),
        ("unknown-top-level-key", "PG003"),
        ("missing-required-field", "PG004"),
        ("empty-required-value", "PG004"),
        ("text-for-number", "PG005"),
        ("bad-email", "PG005"),
        ("look-alike-host", "PG005"),
        ("unknown-person", "PG006"),
        ("unknown-quote", "PG006"),
        ("image-outside-folder", "PG005"),
        ("photo-that-is-not-there", "PG007"),
        ("photo-that-is-text", "PG008"),
        ("photo-of-300-mb", "PG008"),
        ("time-skipped-by-the-clocks", "PG009"),
        ("end-before-start-on-one-day", "PG009"),
        ("missing-impressum", "PG204"),
        ("subject-too-long", "PG301"),
    ],
)
def test_every_problem_has_its_code(
    case: str, code: str, project: Path, run_cli: Callable[..., Result]
) -> None:
    import json

    content = BROKEN[case]
    (project / "fest.yaml").write_bytes(content() if callable(content) else content)
    report = json.loads(run_cli("check", "fest.yaml", "--format", "json").stdout)
    assert report["ok"] is False
    assert all(re.fullmatch(r"PG\d{3}", problem["code"]) for problem in report["problems"])
    errors = [problem["code"] for problem in report["problems"] if problem["severity"] == "error"]
    assert errors[0] == code, report["problems"]
