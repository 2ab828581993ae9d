"""Random valid events (hypothesis): every build succeeds, parses and is consistent."""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import tempfile
from email import policy
from pathlib import Path
from typing import Any

import html5lib
import icalendar
import pytest
import yaml
from helpers import SEED, PythonSteps, set_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressgen.checks import event_problems
from pressgen.outputs.render import render_event
from pressgen.present.event import present
from pressgen.source.event import Event
from pressgen.source.fields import Role, texts
from pressgen.source.loader import SourceMap
from pressgen.source.validate import load_event

LETTERS = st.characters(categories=["L", "N"], exclude_characters="\u2028\u2029")
SIGNS = st.sampled_from(
    [*" .,;:!?-–()&<>/'\"%€@#+=*_„“»«✓🎉", "  ", " - ", "{{", "}}", "</mj-text>"]
)
TEXT = (
    st.lists(st.one_of(LETTERS, LETTERS, SIGNS), min_size=1, max_size=30)
    .map("".join)
    .filter(lambda text: text.strip() and any(c.isalnum() for c in text))
)
SHORT = TEXT.map(lambda text: text[:40].strip() or "x")
KEYS = [f"p{index}" for index in range(4)]
URLS = st.sampled_from(["https://www.verein-jena.de/", "https://presse.example-ag.de/a?b=1&c=2"])
ARTICLES = st.sampled_from(["der", "die", "das", "keiner"])


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    day = draw(st.dates(dt.date(2000, 1, 1), dt.date(2035, 12, 31)))
    start = draw(optional(st.times().map(lambda t: t.replace(second=0, microsecond=0))))
    end = draw(optional(st.times().map(lambda t: t.replace(second=0, microsecond=0))))
    if start is None or end == start:
        end = None
    people = {
        key: {"name": draw(SHORT), "role": draw(optional(SHORT))}
        for key in KEYS[: draw(st.integers(1, 4))]
    }
    quotes = {
        f"q{index}": {
            "by": draw(st.sampled_from(sorted(people))),
            "text": draw(TEXT),
            "lead_in": draw(optional(SHORT)),
        }
        for index in range(draw(st.integers(0, 3)))
    }
    sponsors = [
        {
            "name": draw(SHORT),
            "article": draw(ARTICLES),
            "short_name": draw(optional(SHORT)),
            "url": draw(optional(URLS)),
        }
        for _ in range(draw(st.integers(0, 5)))
    ]
    body: list[Any] = [draw(TEXT) for _ in range(draw(st.integers(1, 4)))]
    body += [{"quote": key} for key in draw(st.permutations(sorted(quotes)))][
        : draw(st.integers(0, 3))
    ]
    if sponsors and draw(st.booleans()):
        body.append({"sponsors": True})
    return {
        "organisation": {
            "name": draw(SHORT),
            "article": draw(ARTICLES),
            "email": "info@verein-jena.de",
            "address": {"street": draw(SHORT), "postcode": "07743", "city": draw(SHORT)},
            "about": draw(optional(TEXT)),
            "impressum": {"legal_form": draw(SHORT), "represented_by": draw(SHORT)},
        },
        "event": {
            "title": draw(SHORT),
            "kind": draw(SHORT),
            "motto": draw(optional(SHORT)),
            "date": day,
            "start": start.strftime("%H:%M") if start else None,
            "end": end.strftime("%H:%M") if end else None,
            "venue": {"name": draw(optional(SHORT)), "address": {"city": draw(SHORT)}},
            "guests": draw(optional(st.integers(0, 100_000))),
        },
        "people": people,
        "programme": [
            {
                "kind": draw(st.sampled_from(["keynote", "workshop", "empfang", "sonstiges"])),
                "title": draw(optional(SHORT)),
                "speakers": draw(
                    st.lists(st.sampled_from(sorted(people)), max_size=2, unique=True)
                ),
            }
            for _ in range(draw(st.integers(0, 3)))
        ],
        "quotes": quotes,
        "sponsors": sponsors,
        "press_release": {
            "headline": draw(SHORT),
            "publication_date": day,
            "dateline_city": draw(SHORT),
            "body": body,
            "contact": {"name": draw(SHORT), "email": "presse@verein-jena.de"},
        },
        "newsletter": {
            "sender": {"name": draw(SHORT), "email": "newsletter@verein-jena.de"},
            "unsubscribe_url": "https://www.verein-jena.de/abmelden",
            "subject": draw(SHORT),
            "preheader": draw(SHORT),
        },
        "typography": {
            "quotes": draw(st.sampled_from(["german", "guillemets"])),
            "thousands": draw(st.sampled_from(["dot", "thin", "none"])),
            "conjunction": draw(st.sampled_from(["und", "sowie"])),
        },
    }


def strip_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [strip_none(v) for v in value]
    return value


@settings(
    max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(events())
def test_random_events_build_parse_and_agree(raw: dict[str, Any]) -> None:
    event = Event.model_validate(strip_none(raw))
    shown = present(event)
    outputs = render_event(shown).files
    source = SourceMap(Path("zufall.yaml"))
    problems = event_problems(shown, source, outputs, dt.datetime(2000, 1, 1, tzinfo=dt.UTC))
    assert [str(p) for p in problems if p.severity == "error"] == []
    for name in ("pressemitteilung.html", "newsletter.html"):
        parser = html5lib.HTMLParser(strict=False)
        parser.parse(outputs[name])
        assert parser.errors == [], name
    message = email.message_from_bytes(outputs["newsletter.eml"], policy=policy.default)  # type: ignore[arg-type]
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]  # type: ignore[attr-defined]
    # Typeset as everywhere, but with plain spaces (no encoded words for a no-break space).
    subject = shown.event.newsletter.subject.replace("\u00a0", " ").replace("\u202f", " ")
    assert str(message["Subject"]) == subject
    calendar = icalendar.Calendar.from_ical(outputs["termin.ics"])
    assert len(calendar.walk("VEVENT")) == 1
    for name in ("pressemitteilung.txt", "newsletter.txt"):
        text = outputs[name]
        assert isinstance(text, str)
        for line in text.splitlines():
            # A line may only be longer than 72 when it is one unbreakable word (or a link).
            assert len(line) <= 72 or len(line.strip().split(" ")[-1]) > 30 or "://" in line, line


# ---------------------------------------------------------------- time per kilobyte

# Pieces that made a regular expression or a parser backtrack before: dots, @,
# digits, brackets, quotes, dashes, abbreviations, link starts, one long word.
PIECES = st.sampled_from(
    ["a", "Wort", ".", "@", "1", " ", '"', "'", "-", " - ", "[", "](", "(", ")", "<", ">",
     "*", "_", "http://", "e.V.", "z.B.", "§", "%", "ä", "\u00a0", "\u202f", "„", "“", "\\"]
)  # fmt: skip
PATTERNS = st.lists(PIECES, min_size=1, max_size=8).map("".join)
LONGEST = {Role.TEXT: 480, Role.PROSE: 12_000}


def long_event(folder: Path, pattern: str, share: float) -> tuple[Path, int]:
    """The seed with every text made long from `pattern`: `share` of the longest length
    each may have. Returns the file and the bytes of text added."""
    data = yaml.safe_load(SEED.read_text("utf-8"))
    added = 0
    for loc, role, _ in texts(load_event(SEED)):
        if role not in LONGEST:
            continue
        length = int(LONGEST[role] * share)
        long = (pattern * (length // len(pattern) + 1))[:length]
        added += len(long.encode("utf-8"))
        set_text(data, loc, long)
    path = folder / f"lang-{share}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path, added


def render_and_check(path: Path) -> None:
    from pressgen.errors import DataError
    from pressgen.pipeline import render_one
    from pressgen.source.documents import load_event_file

    # Refused (a subject this long is an error): the work to say so counts all the same.
    with contextlib.suppress(DataError):
        render_one(load_event_file(path), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))


@pytest.mark.slow
@settings(max_examples=20, derandomize=True, deadline=None)
@given(PATTERNS)
def test_work_grows_with_the_length_of_the_texts_not_faster(pattern: str) -> None:
    """Every text of the seed made long from one crafted pattern: a fixed amount of work
    per kilobyte, and twice the text gives at most three times the work (work growing
    with the square of a text's length would give four).

    Work is counted in lines of Python; benchmarks/run.py times the whole, work in C
    (a regular expression that backtracks) included, against 30 ms per kilobyte.
    """
    folder = Path(tempfile.mkdtemp())
    render_and_check(SEED)  # modules imported, templates compiled: only the work counts
    work = []
    for share in (0.5, 1.0):
        path, added = long_event(folder, pattern, share)
        # The seed alone takes about 130,000 lines; the worst pattern seen adds 80 a byte.
        # Python that scanned a 12,000-character paragraph once for each of its
        # characters would add 144 million.
        with PythonSteps(limit=300_000 + 250 * added) as steps:
            render_and_check(path)
        work.append(steps.lines)
    half, whole = work
    assert whole <= 3 * half, (pattern, work)
