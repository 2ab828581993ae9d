"""The seed builds into five outputs that carry every fact, name and the quote."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from golden_files import differences
from helpers import SECOND, SEED, folded, readable_text

from pressgen.pipeline import PHASE_FOLDER_SUFFIX
from pressgen.source.documents import is_issue
from pressgen.source.event import Phase
from pressgen.source.loader import load_yaml

OUTPUTS = [
    "pressemitteilung.html",
    "pressemitteilung.txt",
    "newsletter.mjml",
    "newsletter.html",
    "newsletter.txt",
]

# Facts of the seed press release, written out here from the seed text itself.
SEED_FACTS = [
    "TowerByte eG",
    "Ab in die Zukunft: IoT und Smart City als Pulsgeber der digitalen Stadt",
    "17. August 2017",
    "14:30 Uhr",
    "über 80",
    "Vertreter aus Politik und Wirtschaft",
    "Conrad Wrobel",
    "Aufsichtsrat der TowerByte eG",
    "emgress GmbH",
    "Smarte Überwachungsstädte? Die Zukunft von Kommunen zwischen digitalen Innovationen "
    "und Datenschutz",
    "Christoph Kögler",
    "T-Systems Multimedia Solutions GmbH",
    "Digitalisierung von Arbeitsprozessen und Verwaltungsakten",
    "Stadtverwaltung Jena",
    "Wir bauen eine digitale Lego-Stadt",
    "Kreativ-Workshop",
    "Stephan Kraft",
    "KRAFT Management®",
    "JenaWirtschaft",
    "Thüringer Agentur für die Kreativwirtschaft (ThAK)",
    "Impulsregion Jena, Erfurt und Weimar",
    "Sommerempfang",
    "Villa Rosenthal",
]

SEED_THANKS = (
    "Besonderer Dank gilt den Sponsoren JenaWirtschaft, der Thüringer Agentur für die "
    "Kreativwirtschaft (ThAK) und der Impulsregion Jena, Erfurt und Weimar."
)


@pytest.fixture
def seed_outputs(built: dict[str, dict[str, bytes]]) -> dict[str, str]:
    seed = built[SEED.stem]
    german = sorted([*OUTPUTS, "newsletter.eml", "termin.ics"])
    # The English edition (languages: [de, en]) has the same outputs, in en/.
    assert sorted(seed) == sorted([*german, *(f"en/{name}" for name in german)])
    return {name: seed[name].decode("utf-8") for name in OUTPUTS}


@pytest.mark.parametrize("name", OUTPUTS)
def test_every_seed_fact_is_in_every_output(seed_outputs: dict[str, str], name: str) -> None:
    text = readable_text(name, seed_outputs[name])
    missing = [fact for fact in SEED_FACTS if fact not in text]
    assert missing == []


@pytest.mark.parametrize("name", OUTPUTS)
def test_names_and_quote_from_the_data_in_every_output(
    seed_outputs: dict[str, str], seed_data: dict[str, Any], name: str
) -> None:
    text = readable_text(name, seed_outputs[name])
    names = [person["name"] for person in seed_data["people"].values()]
    names += [sponsor["name"] for sponsor in seed_data["sponsors"]]
    assert [n for n in names if n not in text] == []
    for quote in seed_data["quotes"].values():
        assert f"„{folded(quote['text'])}“" in text


@pytest.mark.parametrize("name", OUTPUTS)
def test_seed_sponsor_sentence_exactly(seed_outputs: dict[str, str], name: str) -> None:
    assert SEED_THANKS in readable_text(name, seed_outputs[name])


def test_press_release_furniture(seed_outputs: dict[str, str]) -> None:
    text = readable_text("pressemitteilung.txt", seed_outputs["pressemitteilung.txt"])
    assert text.startswith(
        "PRESSEMITTEILUNG Rund um die Digitalisierung von Städten: Der Rückblick auf den "
        "Workshop-Nachmittag der TowerByte eG Jena, 28. August 2017 – „Ab in die Zukunft:"
    )
    page = seed_outputs["pressemitteilung.html"]
    assert page.startswith('<!doctype html>\n<html lang="de">')
    assert "@page { size: A4;" in page


def test_newsletter_html_is_offline_and_german(seed_outputs: dict[str, str]) -> None:
    page = seed_outputs["newsletter.html"]
    assert page.startswith("<!doctype html>")
    assert '<html lang="de"' in page
    assert "fonts.googleapis" not in page
    assert "<link" not in page
    # premailer moved the CSS into style attributes.
    assert 'style="' in page and "<h1" in page


def test_text_lines_fit(seed_outputs: dict[str, str]) -> None:
    for name in ("newsletter.txt", "pressemitteilung.txt"):
        long_lines = [
            line
            for line in seed_outputs[name].splitlines()
            if len(line) > 72 and " " in line.strip()  # a lone long URL cannot be broken
        ]
        assert long_lines == [], name


def test_newsletter_text_links_are_numbered_references(seed_outputs: dict[str, str]) -> None:
    text = seed_outputs["newsletter.txt"]
    assert "Mehr über die TowerByte eG: [1]" in text
    assert text.rstrip().endswith("Links:\n[1] https://www.towerbyte.de/")


@pytest.mark.parametrize("event_file", [SEED, SECOND], ids=lambda path: path.stem)
def test_rebuild_is_byte_identical(tmp_path: Path, event_file: Path) -> None:
    """Every file, photos and their archive too: the golden files compare those by what
    they show, since another machine's zlib may pack them into other bytes."""
    from pressgen.pipeline import build

    first = build([event_file], tmp_path / "a")[0]
    second = build([event_file], tmp_path / "b")[0]
    assert {*OUTPUTS, "newsletter.eml", "termin.ics"} <= set(first.written)
    assert sorted(first.written) == sorted(second.written)
    for name in first.written:
        assert (first.out_dir / name).read_bytes() == (second.out_dir / name).read_bytes(), name


def current_umask() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


def test_files_get_a_normal_mode(tmp_path: Path) -> None:
    from pressgen.pipeline import build

    out_dir = build([SEED], tmp_path)[0].out_dir
    umask = current_umask()
    for name in OUTPUTS:
        assert (out_dir / name).stat().st_mode & 0o777 == 0o666 & ~umask
    # A new output folder is the renamed staging folder: it must not keep a private mode.
    assert out_dir.stat().st_mode & 0o777 == 0o777 & ~umask


def test_a_photo_folder_gets_a_normal_mode(tmp_path: Path) -> None:
    from pressgen.pipeline import build

    out_dir = build([SEED.parent / "neujahrsempfang-2027.yaml"], tmp_path)[0].out_dir
    umask = current_umask()
    photo = out_dir / "fotos" / "neujahrsempfang-2027.png"
    assert photo.stat().st_mode & 0o777 == 0o666 & ~umask
    assert photo.parent.stat().st_mode & 0o777 == 0o777 & ~umask


def test_failed_build_leaves_previous_outputs_untouched(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    event = tmp_path / "fest.yaml"
    event.write_text(SEED.read_text("utf-8"), "utf-8")
    assert run_cli("build", event).exit_code == 0
    out_dir = tmp_path / "out" / "fest"
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out_dir.rglob("*") if p.is_file()}

    event.write_text(
        SEED.read_text("utf-8").replace("headline: >-", "headline: [unclosed"), "utf-8"
    )
    result = run_cli("build", event)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out_dir.rglob("*") if p.is_file()}
    assert after == before


def test_one_bad_file_stops_the_whole_build(run_cli: Callable[..., Result], tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.yaml").write_text(SEED.read_text("utf-8"), "utf-8")
    (data / "b.yaml").write_text("event: [\n", "utf-8")
    result = run_cli("build", data)
    assert result.exit_code == 1
    assert "\ndata/b.yaml:2:1: YAML syntax error" in "\n" + result.stderr
    assert not (tmp_path / "out").exists()


def test_two_events_with_the_same_output_folder_are_refused(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "fest.yaml").write_text(SEED.read_text("utf-8"), "utf-8")
    result = run_cli("build", "x/fest.yaml", "y/fest.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "pressgen: y/fest.yaml and x/fest.yaml would both be written to out/fest; "
        "rename one of them; nothing was written.\n"
    )
    assert not (tmp_path / "out").exists()


CORPUS = sorted((Path(__file__).parent / "events").glob("*.yaml"))
# The corpus keeps only what a press officer reads (scripts/update-golden).
CORPUS_OUTPUTS = (
    "pressemitteilung.txt",
    "pressemitteilung.html",
    "newsletter.txt",
    "termin.ics",
    # The English edition's texts, where the file has one (languages: [de, en]).
    "en/pressemitteilung.txt",
    "en/newsletter.txt",
)


EXAMPLES = sorted(SEED.parent.glob("*.yaml"))
EVENT_EXAMPLES = [path for path in EXAMPLES if not is_issue(load_yaml(path))]
GOLDEN_CASES = (
    [(example, None) for example in EXAMPLES]
    + [(example, "invitation") for example in EVENT_EXAMPLES]  # each event's invitation too
    # Each real kind in both phases: the announcement and the report.
    + [(event, phase) for event in CORPUS for phase in ("invitation", "recap")]
)


@pytest.mark.parametrize(
    ("event_file", "phase"),
    GOLDEN_CASES,
    ids=[
        f"{path.stem}{PHASE_FOLDER_SUFFIX[phase] if phase else ''}" for path, phase in GOLDEN_CASES
    ],
)
def test_golden_files(event_file: Path, phase: Phase | None, tmp_path: Path) -> None:
    """Regenerate with scripts/update-golden, then read the diff."""
    from pressgen.pipeline import Choices, build

    (built,) = build([event_file], tmp_path, choices=Choices(drafts=True, phase=phase))
    in_corpus = event_file in CORPUS
    golden = Path(__file__).parent / "golden" / ("events" if in_corpus else "") / built.out_dir.name
    names = sorted(str(p.relative_to(golden)) for p in golden.rglob("*") if p.is_file())
    written = [n for n in built.written if n in CORPUS_OUTPUTS] if in_corpus else built.written
    assert sorted(written) == names
    found = differences(names, golden, built.out_dir)
    if found:
        pytest.fail(found, pytrace=False)


@pytest.mark.parametrize("phase", ["invitation", "recap"])
@pytest.mark.parametrize("event_file", CORPUS, ids=lambda p: p.stem)
def test_the_corpus_passes_check(event_file: Path, phase: Phase) -> None:
    """Each real kind of event checks clean in both phases: only placeholder addresses
    (the addresses are invented) and, for the draft, that it is one."""
    from pressgen.pipeline import Choices, check

    (checked,) = check([event_file], choices=Choices(drafts=True, phase=phase))
    # The invented photos are small (PG904): the press would not print them.
    allowed = {"PG403", "PG904"} | ({"PG601"} if "entwurf" in event_file.stem else set())
    if phase == "invitation":
        # Where the real report gives no street or no time, the invitation says so.
        allowed |= {"PG208", "PG209"}
    assert {problem.code for problem in checked.warnings} <= allowed, [
        str(problem) for problem in checked.warnings if problem.code not in allowed
    ]


@pytest.mark.parametrize(
    ("event_file", "uid"),
    [
        (SEED, "68d2e95490a650e5e42fe091c126704b@pressgen"),
        (SEED.parent / "neujahrsempfang-2027.yaml", "bbdd05b5eaf30d3d7b93c856ea65285a@pressgen"),
    ],
    ids=lambda value: getattr(value, "stem", ""),
)
def test_calendar_uids_stay_as_first_released(event_file: Path, uid: str) -> None:
    """A calendar keeps one entry per UID: typesetting that improves later (a no-break
    space before a dash, after Dr.) must not give an event a new one."""
    from pressgen.present.event import calendar_uid
    from pressgen.source.validate import load_event

    assert calendar_uid(load_event(event_file)) == uid
