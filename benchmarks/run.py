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
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def installed_like_pip() -> None:
    """Compile pressgen's bytecode, as `pip install` does, so no run pays for compiling.

    (With PYTHONDONTWRITEBYTECODE set, as on the build machine, Python would
    otherwise compile every module of an editable install on each start.)
    """
    import compileall

    import pressgen

    compileall.compile_dir(Path(pressgen.__file__).parent, quiet=1)


def run_seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


@dataclass
class Cold:
    first: float  # the very first run, with an empty template cache
    ours: float
    reference: float | None
    python: float  # `python -c pass`: what any Python program pays to start here


def cold(repeat: int) -> Cold:
    """A whole `pressgen build` of the seed, and mjml compiling its newsletter.mjml alone.

    The two alternate run by run, so a busy moment of the machine hits both.
    """
    installed_like_pip()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        ours_command = [sys.executable, "-m", "pressgen", "build", str(SEED), "--out", str(out)]
        mjml_command = [str(MJML_CLI), str(out / SEED.stem / "newsletter.mjml"),
                        "-o", str(out / "reference.html")]  # fmt: skip
        first = run_seconds(ours_command)
        ours, reference, python = [], [], []
        for _ in range(repeat):
            ours.append(run_seconds(ours_command))
            if MJML_CLI.exists():
                reference.append(run_seconds(mjml_command))
            python.append(run_seconds([sys.executable, "-c", "pass"]))
        return Cold(
            first,
            statistics.median(ours),
            statistics.median(reference) if reference else None,
            statistics.median(python),
        )


def warm(repeat: int) -> tuple[float, float]:
    """What the preview does after a save: load, render and check one event in-process."""
    from pressgen.outputs.render import render_event
    from pressgen.pipeline import render_one
    from pressgen.present.event import present
    from pressgen.source.documents import load_event_file

    now = dt.datetime.now(dt.UTC)
    render_one(load_event_file(SEED), now)
    full = median_seconds(lambda: render_one(load_event_file(SEED), now), repeat)
    event = load_event_file(SEED).event
    render_only = median_seconds(lambda: render_event(present(event)), repeat)
    return full, render_only


def generated_event(number: int, rng: random.Random, seed: dict[str, Any]) -> dict[str, Any]:
    """A realistic variation of the seed: other texts, lengths, sponsors and quotes."""
    from pressgen.german.typography import date_long

    data = copy.deepcopy(seed)

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


def make_events(folder: Path, count: int) -> None:
    rng = random.Random(count)
    seed = yaml.safe_load(SEED.read_text("utf-8"))
    folder.mkdir(parents=True)
    for number in range(count):
        data = generated_event(number, rng, seed)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"event-{number:05d}.yaml").write_text(text, "utf-8")


def tree_rss(pid: int) -> tuple[int, int, int]:
    """Resident memory of a process and its children, in bytes (Linux /proc).

    Gives the sum, the largest process, and the sum with shared pages counted
    once (PSS): the workers share the pages of the modules the main process had
    imported when it started them, and the plain sum counts those once per process.
    """
    total = largest = proportional = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            rss = int(status.split("VmRSS:")[1].split()[0]) * 1024
            total += rss
            largest = max(largest, rss)
            rollup = Path(f"/proc/{current}/smaps_rollup").read_text()
            proportional += int(rollup.split("\nPss:")[1].split()[0]) * 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                pending.extend(int(child) for child in children)
        except (OSError, IndexError, ValueError):
            continue
    return total, largest, proportional


def batch(count: int, jobs: int) -> tuple[float, int, int, int]:
    """Seconds and peak memory (process tree, largest process) of building `count` events."""
    with tempfile.TemporaryDirectory() as folder:
        events = Path(folder) / "events"
        make_events(events, count)
        command = [sys.executable, "-m", "pressgen", "build", str(events), "--out",
                   str(Path(folder) / "out"), "--jobs", str(jobs)]  # fmt: skip
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = peak_largest = peak_proportional = 0
        finished = threading.Event()

        def sample() -> None:
            nonlocal peak, peak_largest, peak_proportional
            while not finished.is_set():
                total, largest, proportional = tree_rss(process.pid)
                peak, peak_largest = max(peak, total), max(peak_largest, largest)
                peak_proportional = max(peak_proportional, proportional)
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        _, errors = process.communicate()
        seconds = time.perf_counter() - start
        finished.set()
        sampler.join()
        if process.returncode != 0:
            raise SystemExit(f"batch build failed:\n{errors.decode()[-2000:]}")
        return seconds, peak, peak_largest, peak_proportional


def incremental(count: int, jobs: int, runs: int = 3) -> tuple[float, list[float], float]:
    """A press room of `count` events: the full build, then `runs` builds after one event
    file was changed each time (target ≤ 1 s each), then one with nothing changed."""
    with tempfile.TemporaryDirectory() as folder:
        events = Path(folder) / "events"
        make_events(events, count)
        command = [sys.executable, "-m", "pressgen", "build", str(events), "--out",
                   str(Path(folder) / "out"), "--jobs", str(jobs)]  # fmt: skip
        full = run_seconds(command)
        touched = []
        for run in range(runs):
            path = events / f"event-{run * 7:05d}.yaml"
            text = path.read_text("utf-8")
            path.write_text(text.replace("subject: Rückblick", "subject: Neuer Rückblick"), "utf-8")
            touched.append(run_seconds(command))
        nothing = run_seconds(command)
        return full, touched, nothing


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
    parser.add_argument("--sizes", default="1000,10000", help="batch sizes, comma-separated")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--repeat", type=int, default=7, help="runs per cold measurement")
    parser.add_argument(
        "--incremental", type=int, default=1000, help="events in the incremental press room"
    )
    parser.add_argument(
        "--only-incremental", action="store_true", help="measure the incremental build only"
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

    print(f"pressgen benchmark — {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print()
    print_crafted(options.repeat)
    if options.only_crafted:
        return
    full, touched, nothing = incremental(options.incremental, options.jobs)
    print("| press room, incremental | seconds |")
    print("|---|---|")
    print(f"| full build of {options.incremental} events | {full:.1f} |")
    for number, seconds in enumerate(touched, 1):
        print(f"| one event file changed, run {number} (target ≤ 1 s) | {seconds:.2f} |")
    print(f"| nothing changed | {nothing:.2f} |")
    print()
    if options.only_incremental:
        return
    times = cold(options.repeat)
    print("| measurement | result |")
    print("|---|---|")
    print(f"| Python start-up alone (`python -c pass`) | {times.python * 1000:.0f} ms |")
    print(f"| cold `pressgen build` of the seed, first run (no template cache) | "
          f"{times.first * 1000:.0f} ms |")  # fmt: skip
    print(f"| cold `pressgen build` of the seed (median of {options.repeat}) | "
          f"{times.ours * 1000:.0f} ms |")  # fmt: skip
    if times.reference is not None:
        print(f"| reference `mjml` CLI, seed's newsletter.mjml only (median of {options.repeat}) "
              f"| {times.reference * 1000:.0f} ms |")  # fmt: skip
        print(f"| ratio pressgen / mjml (target ≤ 0.75) | {times.ours / times.reference:.2f} |")
    full, render_only = warm(50)
    print(f"| warm: load + render + check one event (target ≤ 10 ms) | {full * 1000:.1f} ms |")
    print(f"| warm: render only | {render_only * 1000:.1f} ms |")
    per_event = {}
    for size in (int(s) for s in options.sizes.split(",")):
        seconds, peak, largest, proportional = batch(size, options.jobs)
        per_event[size] = seconds / size
        print(
            f"| batch {size} events, {options.jobs} jobs (target ≥ 250/s, ≤ 200 MB) | "
            f"{size / seconds:.0f} events/s, peak {peak / 1e6:.0f} MB all processes "
            f"(largest one {largest / 1e6:.0f} MB; shared pages once: "
            f"{proportional / 1e6:.0f} MB) |"
        )
    sizes = sorted(per_event)
    if len(sizes) >= 2:
        ratio = per_event[sizes[-1]] / per_event[sizes[0]]
        print(f"| per-event cost {sizes[-1]} / {sizes[0]} (target within 1.10) | {ratio:.2f} |")
    print()
    print("| list send, pressgen's work per message | ms |")
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
