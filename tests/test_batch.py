"""Batch builds in worker processes give exactly what a build in one process gives."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result

from pressgen.errors import DataError
from pressgen.pipeline import PARALLEL_FROM_EVENTS, build, check

COUNT = PARALLEL_FROM_EVENTS + 2


def write_events(folder: Path, seed: dict[str, Any], count: int = COUNT) -> list[Path]:
    """`count` variations of the seed, each with its own subject."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        data = copy.deepcopy(seed)
        data["newsletter"]["subject"] = f"Rückblick Nummer {number}"
        path = folder / f"event-{number:02d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        paths.append(path)
    return paths


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_processes_write_the_same_files_as_one(
    tmp_path: Path, seed_data: dict[str, Any]
) -> None:
    events = write_events(tmp_path / "events", seed_data)
    one = build(events, tmp_path / "one", jobs=1)
    two = build(events, tmp_path / "two", jobs=2)
    assert [result.path for result in two] == events  # results in file order
    assert [result.written for result in two] == [result.written for result in one]
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    for number, path in enumerate(events):  # each event got its own outputs, none swapped
        page = (tmp_path / "two" / path.stem / "newsletter.html").read_text("utf-8")
        assert f"<title>Rückblick Nummer {number}</title>" in page


def test_progress_is_reported_once_per_event(tmp_path: Path, seed_data: dict[str, Any]) -> None:
    events = write_events(tmp_path / "events", seed_data)
    steps: list[int] = []
    check(events, jobs=2, progress=steps.append)
    assert sum(steps) == COUNT


def test_one_bad_event_in_a_parallel_batch_writes_nothing(
    tmp_path: Path, seed_data: dict[str, Any]
) -> None:
    events = write_events(tmp_path / "events", seed_data)
    text = events[5].read_text("utf-8").replace("subject: Rückblick", "subject: ''\nx: Rückblick")
    events[5].write_text(text, "utf-8")
    with pytest.raises(DataError) as caught:
        build(events, tmp_path / "out", jobs=2)
    assert {problem.file for problem in caught.value.problems} == {events[5]}
    assert not (tmp_path / "out").exists()


def test_jobs_on_the_command_line(
    run_cli: Callable[..., Result], tmp_path: Path, seed_data: dict[str, Any]
) -> None:
    write_events(tmp_path / "events", seed_data)
    result = run_cli("build", "events", "--out", "out", "--jobs", "2")
    assert result.exit_code == 0, result.output
    folders = [path for path in (tmp_path / "out").iterdir() if path.is_dir()]
    assert len(folders) == COUNT  # beside them the press room: index.html, feed.xml …
