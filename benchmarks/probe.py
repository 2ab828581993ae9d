"""One in-process measurement, made with the pressgen of the Python that runs this file.

benchmarks/run.py runs it with each side's own interpreter, so the same measurement
reaches today's pressgen and an older commit alike:

    python probe.py warm EVENT_FILE REPEAT

prints a JSON list of seconds: one load + render + check of the event each, as the
preview does after a save. It knows the names older commits gave those steps.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def render_and_check() -> Callable[[Path], Any]:
    """Load, render and check one event file, with whatever names this pressgen has."""
    now = dt.datetime.now(dt.UTC)
    try:
        from pressgen.pipeline import render_path  # since the document pipeline

        return lambda path: render_path(path, now)
    except ImportError:
        pass
    try:
        from pressgen.pipeline import load_one, render_one  # type: ignore[attr-defined]
    except ImportError:
        from pressgen.build import load_one, render_one  # type: ignore[import-not-found]
    return lambda path: render_one(load_one(path), now)


def warm(path: Path, repeat: int) -> list[float]:
    run = render_and_check()
    run(path)  # the first fills the caches a preview has filled long before
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(path)
        times.append(time.perf_counter() - start)
    return times


if __name__ == "__main__":
    kind, event_file, repeat = sys.argv[1:4]
    if kind != "warm":
        raise SystemExit(f"unknown measurement: {kind}")
    print(json.dumps(warm(Path(event_file), int(repeat))))
