"""pressgen's speed, measured: run `python3 benchmarks/run.py` from the repository.

Prints one table: the cold command line against the reference MJML CLI, the
warm re-render the preview does, batch builds of generated events, and where
the time of one event goes. Speed goals live here, not in timed tests.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import functools
import itertools
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sides  # benchmarks/sides.py, beside this file
import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "data" / "towerbyte-workshop-2017.yaml"
MJML_CLI = ROOT / "node_modules" / ".bin" / "mjml"
WORDS = [
    "Digitalisierung",
    "Verwaltung",
    "Wirtschaft",
    "Stadt",
    "Jena",
    "Workshop",
    "Teilnehmer",
    "Zukunft",
    "Daten",
    "Innovation",
    "Plattform",
    "Region",
    "Gespräch",
    "Entscheider",
    "Kommune",
    "Projekt",
    "Förderung",
    "Netzwerk",
    "Forschung",
    "Hochschule",
    "Mittelstand",
    "Bürger",
    "Beteiligung",
    "Nachhaltigkeit",
    "Mobilität",
]


def median_seconds(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def generated_event(number: int, rng: random.Random, seed: dict[str, Any]) -> dict[str, Any]:
    """A realistic variation of the seed: other texts, lengths, sponsors and quotes."""
    from pressgen.german.typography import date_long

    data = copy.deepcopy(seed)
    # German events, as before the English edition came: the batch rows compare like with
    # like (the seed rows build the seed as shipped, with its English edition).
    data.pop("languages", None)
    data.pop("en", None)

    def sentence(words: int) -> str:
        text = " ".join(rng.choice(WORDS) for _ in range(words))
        return text[0].upper() + text[1:] + "."

    data["event"]["title"] = f"Veranstaltung {number}: {sentence(4)[:-1]}"
    day = dt.date(2020, 1, 1) + dt.timedelta(days=number % 2000)
    data["event"]["date"] = day
    # Published after the day: a recap, as the seed is (before it, it would be an invitation).
    data["press_release"]["publication_date"] = day + dt.timedelta(days=11)
    data["event"]["guests"] = rng.randint(10, 5000)
    data["press_release"]["headline"] = sentence(rng.randint(6, 14))[:-1]
    paragraphs = [
        " ".join(sentence(rng.randint(8, 20)) for _ in range(rng.randint(2, 8)))
        for _ in range(rng.randint(1, 6))
    ]
    # A press release names the day of its event (check PG107), so every event builds cleanly.
    paragraphs[0] = f"Am {date_long(day)} trafen sich {sentence(6)} {paragraphs[0]}"
    data["press_release"]["body"] = [*paragraphs, {"sponsors": True}, {"quote": "fazit"}]
    data["quotes"]["fazit"]["text"] = " ".join(sentence(12) for _ in range(rng.randint(1, 4)))
    data["sponsors"] = data["sponsors"][: rng.randint(1, 3)]
    data["newsletter"]["subject"] = f"Rückblick {number}"
    return data


def make_events(seed_file: Path, folder: Path, count: int) -> None:
    """`count` generated events from `seed_file`, the same ones for the same count."""
    rng = random.Random(count)
    seed = yaml.safe_load(seed_file.read_text("utf-8"))
    folder.mkdir(parents=True)
    for number in range(count):
        data = generated_event(number, rng, seed)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"event-{number:05d}.yaml").write_text(text, "utf-8")


def breakdown(repeat: int) -> dict[str, float]:
    """Milliseconds per step for the seed, measured step by step in-process."""
    from pressgen.checks import event_problems
    from pressgen.outputs.email import build_email
    from pressgen.outputs.environment import render_template
    from pressgen.outputs.json_ld import json_ld_script
    from pressgen.outputs.newsletter import compile_mjml, inline_css
    from pressgen.pipeline import stage
    from pressgen.present.event import present
    from pressgen.source.loader import load_yaml
    from pressgen.source.validate import validate_event

    now = dt.datetime.now(dt.UTC)
    loaded = load_yaml(SEED)
    event = validate_event(loaded)
    shown = present(event)
    data = shown.template_data()
    mjml = render_template("newsletter.mjml.j2", data)
    html = compile_mjml(mjml)
    inlined = inline_css(html)
    text = render_template("newsletter.txt.j2", data)

    def templates() -> None:
        for name in ("newsletter.mjml.j2", "newsletter.txt.j2", "pressemitteilung.html.j2",
                     "pressemitteilung.txt.j2"):  # fmt: skip
            shown = present(event)
            # The page's JSON-LD is made as it is rendered (pressgen.outputs.render).
            render_template(name, shown.template_data(), json_ld=json_ld_script(shown.event))

    from pressgen.outputs.render import render_event

    outputs = render_event(shown).files
    folder = Path(tempfile.mkdtemp())
    written = itertools.count()

    def write() -> None:
        # As a build does: the outputs into a staging folder, then one rename into place.
        number = next(written)
        stage(outputs, folder / f"staged-{number}")
        os.replace(folder / f"staged-{number}", folder / f"event-{number}")

    steps = {
        "load (YAML)": lambda: load_yaml(SEED),
        "validate": lambda: validate_event(loaded),
        "render (present, templates)": templates,
        "MJML → HTML": lambda: compile_mjml(mjml),
        "CSS inlining": lambda: inline_css(html),
        "email (.eml)": lambda: build_email(shown.event, text, inlined),
        "checks": lambda: event_problems(shown, loaded.source, outputs, now),
        f"write ({len(outputs)} files)": write,
    }
    try:
        return {name: median_seconds(step, repeat) * 1000 for name, step in steps.items()}
    finally:
        shutil.rmtree(folder)


def per_message(repeat: int) -> dict[str, float]:
    """Milliseconds of pressgen's own work per message of a list send (each recipient's
    salutation and own unsubscribe link), after the one rendering the send makes; the
    SMTP conversation is not part of it."""
    from pressgen.clock import current_time
    from pressgen.deliver.lists import message_maker
    from pressgen.deliver.recipients import Recipient
    from pressgen.pipeline import Choices, render_path

    now = current_time()
    numbers = itertools.count()
    times = {}
    for path in (SEED, *sorted((ROOT / "data").glob("n*.yaml"))):
        rendered = render_path(path, now, Choices(drafts=True))
        make = message_maker(rendered, "s" * 32, test_send=True)

        def one(make: Callable[..., bytes] = make) -> None:
            number = next(numbers)
            recipient = Recipient(f"leser{number}@example.org", "Leser", "Sehr geehrte Leserin,")
            make(recipient, now, f"<{number}@example.org>")

        times[path.name] = median_seconds(one, repeat) * 1000
    return times


def crafted_inputs(folder: Path) -> dict[str, Path]:
    """Event files with values crafted to make a parser or pattern work without end.

    Each must be refused at once (target: well under 2 s): the tests show that it is
    refused while it is read and validated, with work in proportion to its size, but
    only a clock sees work done in C, such as a regular expression that backtracks.
    """
    seed = yaml.safe_load(SEED.read_text("utf-8"))
    changes: dict[str, Callable[[dict[str, Any]], None]] = {
        "email of 100,000 characters": lambda d: d["newsletter"]["sender"].update(
            email="a" * 50_000 + "@" + "a." * 25_000 + "de"
        ),
        "subject of 100,000 characters": lambda d: d["newsletter"].update(subject="R" * 100_000),
        "10,000 sponsors": lambda d: d.update(
            sponsors=[{"name": f"Sponsor {n}", "article": "der"} for n in range(10_000)]
        ),
        "guests with 40 digits": lambda d: d["event"].update(guests=int("9" * 40)),
        "photo of 300 MB": lambda d: d["press_release"].update(
            photos=[{"src": "fotos/riesig.jpg", "caption": "Gäste", "credit": "Max Muster"}]
        ),
    }
    (folder / "fotos").mkdir(parents=True, exist_ok=True)
    with (folder / "fotos" / "riesig.jpg").open("wb") as huge:  # sparse: no room on disk
        huge.write(b"\xff\xd8\xff\xe0")
        huge.truncate(300 * 1024 * 1024)
    files = {}
    for number, (name, change) in enumerate(changes.items()):
        data = copy.deepcopy(seed)
        change(data)
        path = folder / f"crafted-{number}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        files[name] = path
    return files


def crafted(repeat: int) -> dict[str, float]:
    """Seconds `check` takes to refuse each crafted file (median of `repeat`)."""
    from pressgen.errors import DataError
    from pressgen.pipeline import check

    def refuse(path: Path) -> None:
        try:
            check([path])
        except DataError:
            return
        raise SystemExit(f"{path.name} was not refused")

    with tempfile.TemporaryDirectory() as folder:
        files = crafted_inputs(Path(folder))
        return {
            name: median_seconds(functools.partial(refuse, path), repeat)
            for name, path in files.items()
        }


# Pieces that made a regular expression or a parser backtrack before (as in the tests'
# property test): every text of the seed is made long from each.
LONG_TEXT_PATTERNS = ["a", "Wort ", ".", "@", "1", '"', "-", " - ", "[", "](", "(", "<",
                      "*", "_", "http://", "e.V.", "z.B. ", "§", "%", "ä", "\u00a0", "„“",
                      "\\", "a.", "Wort.@1", "](http://", "e.V. z.B. "]  # fmt: skip


def _put(data: Any, loc: tuple[str | int, ...], text: str) -> None:
    """`text` at `loc` in nested data, making the groups on the way."""
    for part in loc[:-1]:
        data = data[part] if isinstance(data, list) else data.setdefault(part, {})
    data[loc[-1]] = text


def long_texts() -> tuple[float, float, str]:
    """The seed with every text made long from one pattern, per pattern: seconds to render
    and check it (refused or not) against the kilobytes added. Returns the seed's own
    time, the worst milliseconds per added kilobyte, and the pattern that took them.
    Target: at most 30 ms per kilobyte (a quadratic pattern took 150 at 19 KB)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from helpers import set_text  # the tests' way to put a text where the event has it

    from pressgen.errors import DataError
    from pressgen.pipeline import render_one
    from pressgen.source.documents import load_event_file
    from pressgen.source.fields import Role, texts
    from pressgen.source.validate import load_event

    longest = {Role.TEXT: 480, Role.PROSE: 12_000}
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    seed = yaml.safe_load(SEED.read_text("utf-8"))
    places = [(loc, role) for loc, role, _ in texts(load_event(SEED)) if role in longest]

    def run(path: Path) -> None:
        with contextlib.suppress(DataError):  # a subject this long is refused: it counts
            render_one(load_event_file(path), now)

    with tempfile.TemporaryDirectory() as folder:
        alone = Path(folder) / "seed.yaml"
        shutil.copy(SEED, alone)
        run(alone)
        base = median_seconds(lambda: run(alone), 3)
        worst, worst_pattern = 0.0, ""
        for number, pattern in enumerate(LONG_TEXT_PATTERNS):
            data, added = copy.deepcopy(seed), 0
            for loc, role in places:
                text = (pattern * (longest[role] // len(pattern) + 1))[: longest[role]]
                added += len(text.encode("utf-8"))
                set_text(data, loc, text)
                # A German default written out (sponsors_lead_in, a quote's verb) needs its
                # English too: both editions are rendered and checked, each text long.
                english = data.setdefault("en", {})
                if loc[0] != "en" and loc[-1] in ("sponsors_lead_in", "verb", "label"):
                    _put(english, loc, text)
            path = Path(folder) / f"lang-{number}.yaml"
            path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
            seconds = median_seconds(functools.partial(run, path), 3)
            per_kilobyte = (seconds - base) * 1000 / (added / 1024)
            if per_kilobyte > worst:
                worst, worst_pattern = per_kilobyte, pattern
        return base, worst, worst_pattern


def preview_save(repeat: int) -> float:
    """Seconds from saving an event file until the preview has rebuilt it (median): the
    watcher's quiet time after a burst of writes, then rendering the one event."""
    from pressgen.preview import Preview

    with tempfile.TemporaryDirectory() as folder:
        event = Path(folder) / SEED.name
        shutil.copy(SEED, event)
        preview = Preview([event])
        preview.rebuild()
        stop = threading.Event()
        watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
        watcher.start()
        try:
            if not preview.watching.wait(30):
                raise SystemExit("the preview's watcher did not start")
            times = []
            text = event.read_text("utf-8")
            for number in range(repeat):
                epoch = preview.epoch
                start = time.perf_counter()
                event.write_text(text.replace("guests: 80", f"guests: {81 + number}"), "utf-8")
                if preview.wait_for_change(epoch, 30) == epoch:
                    raise SystemExit("the preview did not rebuild after a save")
                times.append(time.perf_counter() - start)
            return statistics.median(times)
        finally:
            stop.set()
            watcher.join(30)


def print_crafted(repeat: int) -> None:
    print("| crafted input | result |")
    print("|---|---|")
    for name, seconds in crafted(repeat).items():
        print(f"| `check` refuses: {name} (target: at once, well under 2 s) | "
              f"{seconds * 1000:.0f} ms |")  # fmt: skip
    base, worst, pattern = long_texts()
    print(f"| the seed, rendered and checked | {base * 1000:.0f} ms |")
    print(f"| every text long from one pattern, worst of {len(LONG_TEXT_PATTERNS)} "
          f"(target ≤ 30 ms per KB added) | {worst:.1f} ms per KB ({pattern!r}) |")  # fmt: skip
    print(f"| preview: save → rebuilt (median of {repeat}) | "
          f"{preview_save(repeat) * 1000:.0f} ms |")  # fmt: skip
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--against",
        metavar="REV",
        help="a commit to measure side by side with this working tree (installed into a "
        "temporary environment), e.g. 0f12737",
    )
    parser.add_argument("--sizes", default="1000", help="batch sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes of a batch")
    parser.add_argument("--repeat", type=int, default=7, help="runs of each quick row")
    parser.add_argument(
        "--incremental", type=int, default=1000, help="events in the incremental press room"
    )
    parser.add_argument(
        "--recipients", type=int, default=200, help="recipients of the measured list send"
    )
    parser.add_argument(
        "--only-crafted",
        action="store_true",
        help="measure only crafted inputs, long texts and the preview's rebuild",
    )
    options = parser.parse_args()
    sys.path.insert(0, str(ROOT))

    # Compiled templates go to a cache of this run; the first cold run fills it.
    cache = Path(tempfile.mkdtemp(prefix="pressgen-benchmark-cache-"))
    os.environ["PRESSGEN_CACHE_DIR"] = str(cache)

    print(f"pressgen benchmark — {sides.machine()}")
    print(f"commit {sides.this_commit()}, {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}")
    print()
    if options.only_crafted:
        print_crafted(options.repeat)
        return
    with sides.scratch() as environments:
        compared = sides.sides(environments, options.against)
        rows = [
            *sides.start_up(compared, options.repeat),
            *sides.cold(compared, options.repeat, MJML_CLI),
            sides.warm(compared, 50),
        ]
        for size in (int(size) for size in options.sizes.split(",")):
            rows += sides.batch(compared, size, options.jobs, 3, make_events)
        rows += sides.incremental(compared, options.incremental, options.jobs, 3, make_events)
        rows.append(sides.list_send(compared, options.recipients, 3))
    print(sides.table(rows, compared))
    print()
    print(sides.against_reference(rows, compared))
    print()
    print("This commit alone, in-process:")
    print()
    print_crafted(options.repeat)
    print("| list send, pressgen's work per message (in-process) | ms |")
    print("|---|---|")
    for name, milliseconds in per_message(30).items():
        print(f"| {name} | {milliseconds:.1f} |")
    print()
    print("| step, one event | ms |")
    print("|---|---|")
    for name, milliseconds in breakdown(30).items():
        print(f"| {name} | {milliseconds:.1f} |")
    shutil.rmtree(cache, ignore_errors=True)


if __name__ == "__main__":
    main()
