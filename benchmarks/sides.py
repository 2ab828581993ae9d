"""Side by side: this working tree and another commit, measured in one run.

Each side is installed as a user installs it (`pip install`, bytecode compiled) into
an environment of its own, with a template cache of its own. The sides take turns
run by run (A B A B …), so a busy moment of the machine hits both, and each ratio is
taken pair by pair; machines here differ by 2–3× from day to day, ratios are what
counts. Every row gives its median and its spread (min–max).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SEED_NAME = "towerbyte-workshop-2017.yaml"
PROBE = Path(__file__).resolve().parent / "probe.py"
SECRET = "benchmark-secret-of-at-least-32-characters"


@functools.cache
def neutral() -> Path:
    """An empty folder to run commands in: Python puts the working folder first on its
    path, and run from the repository it would import this tree's pressgen."""
    return Path(tempfile.mkdtemp(prefix="pressgen-bench-cwd-"))


@dataclass
class Side:
    """One installed pressgen: its label, its source tree, its environment's Python."""

    label: str
    root: Path
    python: Path
    cache: Path

    @property
    def seed(self) -> Path:
        return self.root / "data" / SEED_NAME

    def pressgen(self, *args: str | Path) -> list[str]:
        return [str(self.python), "-m", "pressgen", *map(str, args)]

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        return env | {"PRESSGEN_CACHE_DIR": str(self.cache)} | extra

    def can(self, command: str, option: str) -> bool:
        """Whether this side's `pressgen COMMAND` knows OPTION (older commits lack some)."""
        done = subprocess.run(
            self.pressgen(command, "--help"),
            capture_output=True,
            text=True,
            env=self.env(),
            cwd=neutral(),
        )
        return option in done.stdout


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def this_commit() -> str:
    """HEAD's short hash, marked when the working tree has changes of its own."""
    changed = git("status", "--porcelain", "--untracked-files=no")
    return git("rev-parse", "--short", "HEAD") + (" with changes" if changed else "")


def install(label: str, tree: Path, folder: Path) -> Side:
    """pressgen from `tree` into a new environment in `folder`, as `pip install` does."""
    venv = folder / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", str(tree)], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"cannot install {label}:\n{done.stderr[-3000:]}")
    (folder / "cache").mkdir()
    return Side(label, tree, python, folder / "cache")


def sides(folder: Path, against: str | None) -> list[Side]:
    """This working tree, and the commit `against` (a hash, tag or branch) when given."""
    found = [install(f"this ({this_commit()})", ROOT, folder / "this")]
    if against:
        tree = folder / "against" / "src"
        tree.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", against], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        found.append(install(git("rev-parse", "--short", against), tree, folder / "against"))
    return found


# ---------------------------------------------------------------- one run


@dataclass(frozen=True)
class Run:
    seconds: float
    peak: int  # bytes: the largest process among the command and those it waited for


def timed(command: Sequence[str], env: dict[str, str]) -> Run:
    """One run of `command`, from its start to its exit; an error stops the benchmark."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=errors, env=env, cwd=neutral()
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command)} failed:\n{errors.read().decode()[-3000:]}")
    return Run(seconds, usage.ru_maxrss * 1024)


# ---------------------------------------------------------------- rows


@dataclass
class Row:
    """One measurement, for each side: its samples (seconds, or what `unit` says)."""

    name: str
    samples: dict[str, list[float]] = field(default_factory=dict)
    unit: str = "ms"  # ms (from seconds), s, MB, events/s
    target: str = ""

    def add(self, side: Side, value: float) -> None:
        self.samples.setdefault(side.label, []).append(value)


def alternate(row: Row, compared: Sequence[Side], repeat: int, run: Callable[[Side], float]) -> Row:
    """`run` for each side in turn, `repeat` rounds: A B A B …"""
    for _ in range(repeat):
        for side in compared:
            row.add(side, run(side))
    return row


@contextmanager
def scratch() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="pressgen-bench-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def start_up(compared: Sequence[Side], repeat: int) -> list[Row]:
    """`pressgen --version`, and the imports `pressgen build` needs."""
    version = alternate(
        Row("start-up: `pressgen --version`"),
        compared,
        repeat,
        lambda side: timed(side.pressgen("--version"), side.env()).seconds,
    )

    def imports(side: Side) -> float:
        # The build's modules: pressgen.pipeline today, pressgen.build in older commits.
        module = (
            "pipeline"
            if (side.root / "pressgen" / "pipeline").exists()
            or (side.root / "pressgen" / "pipeline.py").exists()
            else "build"
        )
        program = f"import pressgen.cli, pressgen.{module}"
        return timed([str(side.python), "-c", program], side.env()).seconds

    return [
        version,
        alternate(Row("start-up: the imports `build` needs"), compared, repeat, imports),
    ]


def cold(compared: Sequence[Side], repeat: int, reference: Path | None) -> list[Row]:
    """The seed built from scratch: a new output folder each run (the first run of all
    with an empty template cache, as after an install); then built again with nothing
    changed; and the reference MJML CLI compiling the seed's newsletter alone."""
    rows = []
    with scratch() as folder:
        first = Row("cold build of the seed, first run after install (empty template cache)")
        peak = Row("cold build of the seed: peak memory", unit="MB")
        for number, side in enumerate(compared):
            out = folder / f"first-{number}"
            first.add(
                side, timed(side.pressgen("build", side.seed, "--out", out), side.env()).seconds
            )
        runs = iter(range(10**6))

        def build(side: Side) -> float:
            out = folder / f"cold-{next(runs)}"
            done = timed(side.pressgen("build", side.seed, "--out", out), side.env())
            peak.add(side, done.peak / 1e6)
            shutil.rmtree(out)
            return done.seconds

        cold_row = alternate(
            Row(
                "cold build of the seed (new output folder each run)",
                target="≤ 0.75× the MJML CLI, ≤ 1.0× 0f12737",
            ),
            compared,
            repeat,
            build,
        )
        again = {}
        for side in compared:
            again[side.label] = folder / f"again-{len(again)}"
            timed(side.pressgen("build", side.seed, "--out", again[side.label]), side.env())
        unchanged = alternate(
            Row("the seed built again, nothing changed"),
            compared,
            repeat,
            lambda side: (
                timed(
                    side.pressgen("build", side.seed, "--out", again[side.label]), side.env()
                ).seconds
            ),
        )
        rows += [first, cold_row, unchanged, peak]
        if reference is not None and reference.exists():
            mjml = next(iter(again.values())) / SEED_NAME.removesuffix(".yaml") / "newsletter.mjml"
            ref = Row("reference: the MJML CLI compiling the seed's newsletter.mjml alone")
            for _ in range(repeat):
                done = timed(
                    [str(reference), str(mjml), "-o", str(folder / "ref.html")], dict(os.environ)
                )
                ref.add(Side("reference", ROOT, Path(), Path()), done.seconds)
            rows.append(ref)
    return rows


def warm(compared: Sequence[Side], repeat: int) -> Row:
    """Load + render + check one event in-process, as the preview after a save."""
    row = Row(
        "warm: load + render + check the seed, in-process", target="≤ 0.35× 0f12737 (goal 10 ms)"
    )
    for side in compared:
        done = subprocess.run(
            [str(side.python), str(PROBE), "warm", str(side.seed), str(repeat)],
            capture_output=True,
            text=True,
            env=side.env(),
            check=True,
            cwd=neutral(),
        )
        row.samples[side.label] = json.loads(done.stdout)
    return row


def batch(
    compared: Sequence[Side],
    count: int,
    jobs: int,
    repeat: int,
    make: Callable[[Path, Path, int], None],
) -> list[Row]:
    """`count` generated events (from each side's seed) built into a new folder."""
    speed = Row(f"batch: {count} events, {jobs} jobs", unit="events/s", target="≥ 100 events/s")
    peak = Row(
        f"batch: {count} events, peak memory (largest process)", unit="MB", target="≤ 200 MB"
    )
    with scratch() as folder:
        events = _generated(compared, folder, count, make)
        runs = iter(range(10**6))

        def build(side: Side) -> float:
            out = folder / f"out-{next(runs)}"
            done = timed(
                side.pressgen("build", events[side.label], "--out", out, "--jobs", str(jobs)),
                side.env(),
            )
            peak.add(side, done.peak / 1e6)
            shutil.rmtree(out)
            return count / done.seconds

        alternate(speed, compared, repeat, build)
    return [speed, peak]


def _generated(
    compared: Sequence[Side], folder: Path, count: int, make: Callable[[Path, Path, int], None]
) -> dict[str, Path]:
    """`count` generated events for each side, from its own seed: side → their folder."""
    events = {side.label: folder / f"events-{number}" for number, side in enumerate(compared)}
    for side in compared:
        make(side.seed, events[side.label], count)
    return events


def incremental(
    compared: Sequence[Side],
    count: int,
    jobs: int,
    repeat: int,
    make: Callable[[Path, Path, int], None],
) -> list[Row]:
    """A press room of `count` events: built once, then again after one event file
    changed, and again with nothing changed."""
    full = Row(f"incremental: full build of {count} events", unit="s")
    one = Row(f"incremental: one of {count} event files changed", unit="s", target="≤ 1 s")
    nothing = Row(f"incremental: {count} events, nothing changed", unit="s", target="≤ 0.5 s")
    with scratch() as folder:
        events = _generated(compared, folder, count, make)
        out = {side.label: folder / f"out-{number}" for number, side in enumerate(compared)}

        def build(side: Side) -> float:
            command = side.pressgen(
                "build", events[side.label], "--out", out[side.label], "--jobs", str(jobs)
            )
            return timed(command, side.env()).seconds

        # The first build after the events were written runs slower whatever the side
        # (one build per side in a fixed order put that on the side that went first):
        # one build not counted, then two for each side, each into a new folder, in the
        # order A B B A.
        fresh = iter(range(10**6))
        out[compared[0].label] = folder / "warm-up"
        build(compared[0])
        for side in [*compared, *reversed(compared)]:
            out[side.label] = folder / f"out-{next(fresh)}"
            full.add(side, build(side))
        changes = iter(range(10**6))

        def changed(side: Side) -> float:
            path = events[side.label] / f"event-{next(changes) * 7 % count:05d}.yaml"
            data = yaml.safe_load(path.read_text("utf-8"))
            data["newsletter"]["subject"] += " (neu)"
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
            return build(side)

        alternate(one, compared, repeat, changed)
        alternate(nothing, compared, repeat, build)
    return [full, one, nothing]


def list_send(compared: Sequence[Side], recipients: int, repeat: int) -> Row:
    """pressgen's work per message of `send --to-list`, against a local SMTP server that
    accepts at once: (a send to `recipients` − a send to one) / (recipients − 1)."""
    from aiosmtpd.controller import Controller  # the test extra brings it

    class Sink:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            return "250 OK"

    row = Row(f"list send: pressgen's work per message ({recipients} recipients)", target="≤ 5 ms")
    able = [side for side in compared if side.can("send", "--to-list")]
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with scratch() as folder:
            runs = iter(range(10**6))

            def send(side: Side, count: int) -> float:
                place = folder / f"send-{next(runs)}"
                place.mkdir()
                shutil.copy(side.seed, place / SEED_NAME)
                rows = ["email,name,salutation"] + [
                    f"leser{n}@example.org,Leser {n},Sehr geehrte Leserin {n}" for n in range(count)
                ]
                (place / "liste.csv").write_text("\n".join(rows) + "\n", "utf-8")
                command = side.pressgen(
                    "send",
                    place / SEED_NAME,
                    "--to-list",
                    place / "liste.csv",
                    "--smtp-host",
                    "127.0.0.1",
                    "--smtp-port",
                    str(port),
                    "--security",
                    "none",
                )
                return timed(command, side.env(PRESSGEN_UNSUBSCRIBE_SECRET=SECRET)).seconds

            alternate(
                row,
                able,
                repeat,
                lambda side: (send(side, recipients) - send(side, 1)) / (recipients - 1),
            )
    finally:
        controller.stop()
    return row


# ---------------------------------------------------------------- the table


def spread(values: list[float], unit: str) -> str:
    scale = 1000 if unit == "ms" else 1
    digits = 1 if unit in ("ms", "MB") else (2 if unit == "s" else 0)
    low, mid, high = (scale * v for v in (min(values), statistics.median(values), max(values)))
    if len(values) == 1:
        return f"{mid:.{digits}f} {unit}"
    return f"{mid:.{digits}f} {unit} ({low:.{digits}f}–{high:.{digits}f})"


def ratio(row: Row, first: str, second: str) -> str:
    """first / second, pair by pair (their runs alternated), as a median."""
    a, b = row.samples.get(first), row.samples.get(second)
    if not a or not b:
        return "–"
    pairs = (
        [x / y for x, y in zip(a, b, strict=False)]
        if len(a) == len(b)
        else [statistics.median(a) / statistics.median(b)]
    )
    return f"{statistics.median(pairs):.2f}"


def table(rows: Sequence[Row], compared: Sequence[Side]) -> str:
    labels = [side.label for side in compared]
    head = ["row", *labels]
    if len(labels) == 2:
        head.append(f"ratio {labels[0].split()[0]} / {labels[1]}")
    head.append("target")
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for row in rows:
        if "reference" in row.samples:  # one column: it is no side
            cells = [spread(row.samples["reference"], row.unit), *["" for _ in labels[1:]]]
        else:
            cells = [
                spread(row.samples[label], row.unit) if row.samples.get(label) else "–"
                for label in labels
            ]
        if len(labels) == 2:
            cells.append("" if "reference" in row.samples else ratio(row, *labels))
        lines.append("| " + " | ".join([row.name, *cells, row.target]) + " |")
    return "\n".join(lines)


def against_reference(rows: Sequence[Row], compared: Sequence[Side]) -> str:
    """Each side's cold build against the MJML CLI, run by run (target ≤ 0.75)."""
    by_name = {row.name.split(" (")[0]: row for row in rows}
    cold_row = by_name.get("cold build of the seed")
    reference = next((row for row in rows if "reference" in row.samples), None)
    if cold_row is None or reference is None:
        return ""
    ref = reference.samples["reference"]
    parts = []
    for side in compared:
        ours = cold_row.samples[side.label]
        pairs = [x / y for x, y in zip(ours, ref, strict=False)]
        parts.append(
            f"{side.label}: {statistics.median(pairs):.2f} ({min(pairs):.2f}–{max(pairs):.2f})"
        )
    return "cold build ÷ MJML CLI (target ≤ 0.75): " + "; ".join(parts)


def machine() -> str:
    model = ""
    with open("/proc/cpuinfo", encoding="utf-8") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} cores ({model or 'unknown processor'}), Python {sys.version.split()[0]}"
    )
