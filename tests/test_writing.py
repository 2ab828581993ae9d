"""Writing outputs: an event folder is always wholly old or wholly new, whatever happens."""

from __future__ import annotations

import fcntl
import filecmp
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import Result
from helpers import SEED_TEXT, german_only

from pressgen.write import STAGING_PREFIX


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def built(tmp_path: Path, run_cli: Callable[..., Result]) -> Path:
    """fest.yaml built once into out/fest; the data then changed, so a rebuild writes."""
    event = tmp_path / "fest.yaml"
    event.write_text(SEED_TEXT, "utf-8")
    assert run_cli("build", "fest.yaml").exit_code == 0
    event.write_text(SEED_TEXT.replace("Rund um die Digitalisierung", "Rund um Städte"), "utf-8")
    return tmp_path / "out" / "fest"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda out: (out / "newsletter.txt").unlink() or (out / "newsletter.txt").mkdir(),
            "pressgen: out/fest/newsletter.txt is a folder; pressgen writes a file there: "
            "remove or rename the folder; nothing was written.",
        ),
        (
            lambda out: (
                (out / "newsletter.txt").unlink()
                or (out / "newsletter.txt").symlink_to(out.parent.parent / "outside.txt")
            ),
            "pressgen: out/fest/newsletter.txt is a symbolic link; pressgen writes a file "
            "there and never writes through a link: remove the link; nothing was written.",
        ),
    ],
    ids=["output-is-a-folder", "output-is-a-link"],
)
def test_an_output_that_cannot_be_replaced_stops_the_build_before_any_change(
    built: Path, run_cli: Callable[..., Result], make: Callable[[Path], object], message: str
) -> None:
    outside = built.parent.parent / "outside.txt"
    outside.write_text("nicht anfassen", "utf-8")
    make(built)
    before = snapshot(built)
    result = run_cli("build", "fest.yaml")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [message]
    assert snapshot(built) == before
    assert outside.read_text("utf-8") == "nicht anfassen"
    # No staging left; the record of the earlier build stays as it was.
    assert sorted(p.name for p in built.parent.iterdir()) == [".pressgen-build.json", "fest"]


def test_an_output_folder_that_is_a_link_is_refused_for_that_reason(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "fest.yaml").write_text(SEED_TEXT, "utf-8")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "fest").symlink_to(tmp_path / "elsewhere")
    result = run_cli("build", "fest.yaml")
    assert result.exit_code == 1
    assert result.stderr == (
        "pressgen: out/fest is a symbolic link; pressgen replaces its output folders whole "
        "and never writes through a link: remove the link or choose another --out; "
        "nothing was written.\n"
    )
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_an_output_folder_that_is_a_file_is_refused(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "fest.yaml").write_text(SEED_TEXT, "utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "fest").write_text("notiz", "utf-8")
    result = run_cli("build", "fest.yaml")
    assert result.exit_code == 1
    assert "out/fest is a file, not a folder: remove or rename it" in result.stderr
    assert (tmp_path / "out" / "fest").read_text("utf-8") == "notiz"


def test_a_rebuild_keeps_unchanged_files_and_what_pressgen_did_not_write(
    built: Path, run_cli: Callable[..., Result]
) -> None:
    (built / "notiz.txt").write_text("meins", "utf-8")
    (built / "extra").mkdir()
    (built / "extra" / "bild.txt").write_text("auch meins", "utf-8")
    before = snapshot(built)
    result = run_cli("build", "fest.yaml")
    assert result.exit_code == 0, result.output
    # The German headline changed: the English edition's seven files stay as they were.
    assert "fest.yaml → out/fest/ (6 written, 8 unchanged)\n" in result.stdout
    after = snapshot(built)
    assert set(after) == set(before)
    for name in ("notiz.txt", "extra/bild.txt", "termin.ics", "en/pressemitteilung.txt"):
        assert after[name] == before[name], name  # same bytes, time and inode
    assert after["pressemitteilung.txt"][0] != before["pressemitteilung.txt"][0]


def test_a_second_build_into_the_same_folder_is_told_plainly(
    built: Path, run_cli: Callable[..., Result]
) -> None:
    before = snapshot(built)
    held = os.open(built.parent, os.O_RDONLY)
    try:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        result = run_cli("build", "fest.yaml")
    finally:
        os.close(held)
    assert result.exit_code == 1
    assert result.stderr == (
        "pressgen: another pressgen build is writing to out; wait until it has finished, "
        "then build again; nothing was written.\n"
    )
    assert snapshot(built) == before
    assert run_cli("build", "fest.yaml").exit_code == 0  # once the first has finished


def test_staging_left_by_a_killed_build_is_removed(
    built: Path, run_cli: Callable[..., Result]
) -> None:
    stale = built.parent / f"{STAGING_PREFIX}abc123"
    (stale / "fest").mkdir(parents=True)
    (stale / "fest" / "newsletter.txt").write_text("halb", "utf-8")
    assert run_cli("build", "fest.yaml").exit_code == 0
    assert sorted(p.name for p in built.parent.iterdir()) == [".pressgen-build.json", "fest"]


@pytest.mark.parametrize(
    ("out", "reason"),
    [("a-file/sub", "Not a directory"), ("/proc/pressgen-out", "No such file or directory")],
)
def test_an_output_folder_that_cannot_be_made_is_one_line(
    tmp_path: Path, run_cli: Callable[..., Result], out: str, reason: str
) -> None:
    (tmp_path / "fest.yaml").write_text(SEED_TEXT, "utf-8")
    (tmp_path / "a-file").write_text("x", "utf-8")
    result = run_cli("build", "fest.yaml", "--out", out)
    assert result.exit_code == 1
    assert result.stderr == f"pressgen: cannot write {out}: {reason}; nothing was written.\n"


def test_a_read_only_output_folder_is_one_line(built: Path, run_cli: Callable[..., Result]) -> None:
    before = snapshot(built)
    out = built.parent
    if os.geteuid() != 0:
        out.chmod(0o555)
        undo = ["chmod", "755", str(out)]
    else:  # root may write into any folder, but not into an immutable one
        made = subprocess.run(["chattr", "+i", str(out)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip("cannot make a folder read-only for root here")
        undo = ["chattr", "-i", str(out)]
    try:
        result = run_cli("build", "fest.yaml")
    finally:
        subprocess.run(undo, check=True)
    assert result.exit_code == 1
    assert result.stderr in (
        f"pressgen: cannot write out: {reason}; nothing was written.\n"
        for reason in ("Permission denied", "Operation not permitted")
    )
    assert snapshot(built) == before


def test_a_full_disk_is_one_line_and_changes_nothing(
    built: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """No space left while staging: one line, and the outputs of the last build stay."""
    import errno

    before = snapshot(built)
    real = Path.write_bytes
    written: list[Path] = []

    def write_bytes(path: Path, data: bytes) -> int:
        if written:  # the second file no longer fits
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        written.append(path)
        return real(path, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    result = run_cli("build", "fest.yaml")
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr.startswith("pressgen: cannot write ")
    assert result.stderr.endswith(": No space left on device; nothing was written.\n")
    assert "Traceback" not in result.output
    assert snapshot(built) == before


# ---------------------------------------------------------------- killed builds

EVENTS = 200  # enough for a kill to land inside either phase; fewer keep CI short


def small_event(version: int) -> str:
    """A short event (the kill test builds hundreds), different in each version."""
    data = yaml.safe_load(german_only(SEED_TEXT))
    data["press_release"]["body"] = [f"Fassung {version}: " + data["press_release"]["body"][0]]
    data["programme"] = data["programme"][:1]
    data["press_release"]["headline"] = f"Rückblick, Fassung {version}"
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def build_command(events: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pressgen", "build", str(events), "--out", str(out), "-j", "2"]


def children_of(pid: int) -> set[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True, check=False)
    return {int(line) for line in found.stdout.split()}


def kill_in(phase: str, command: list[str], out: Path, rng: random.Random) -> None:
    """Start a build and kill it (SIGKILL) while rendering or while moving folders."""
    watched = out / "event-000"
    inode = watched.stat().st_ino
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    if phase == "render":
        time.sleep(rng.uniform(0.3, 1.5))
    else:  # the first event folder was replaced: the move phase has begun
        while watched.stat().st_ino == inode and time.monotonic() < deadline:
            time.sleep(0.0005)
        time.sleep(rng.uniform(0, 0.05))
    workers = children_of(build.pid)
    build.send_signal(signal.SIGKILL)
    build.wait()
    while workers and time.monotonic() < deadline:
        workers = {pid for pid in workers if Path(f"/proc/{pid}").exists()}
        time.sleep(0.01)
    assert not workers, "worker processes outlived the killed build"


@pytest.mark.slow
def test_a_killed_batch_build_is_made_whole_by_the_next_one(tmp_path: Path) -> None:
    """SIGKILL at random points of both phases; one rerun; every folder as a clean build."""
    rng = random.Random(int(os.environ.get("PRESSGEN_KILL_SEED", "17")))
    rounds = int(os.environ.get("PRESSGEN_KILL_ROUNDS", "3"))
    events, out = tmp_path / "events", tmp_path / "out"
    events.mkdir()
    env_cache = {**os.environ, "PRESSGEN_CACHE_DIR": ""}
    reference = {}
    for version in (1, 2):  # a clean build of one event of each version
        single = tmp_path / f"single-{version}"
        single.mkdir()
        (single / "event-000.yaml").write_text(small_event(version), "utf-8")
        subprocess.run(
            build_command(single, tmp_path / f"ref-{version}"), check=True, env=env_cache
        )
        reference[version] = tmp_path / f"ref-{version}" / "event-000"
    for number in range(EVENTS):
        (events / f"event-{number:03d}.yaml").write_text(small_event(1), "utf-8")
    subprocess.run(build_command(events, out), check=True, capture_output=True)

    for round_number in range(rounds):
        version = 2 if round_number % 2 == 0 else 1
        for path in events.iterdir():
            path.write_text(small_event(version), "utf-8")
        phase = ("render", "move")[round_number % 2 if round_number < 2 else rng.randrange(2)]
        kill_in(phase, build_command(events, out), out, rng)
        subprocess.run(build_command(events, out), check=True, capture_output=True)
        # (Beside the folders: the press room's files and the build record.)
        names = sorted(p.name for p in out.iterdir() if p.is_dir())
        assert names == [f"event-{number:03d}" for number in range(EVENTS)], phase
        for name in names:
            comparison = filecmp.dircmp(out / name, reference[version])
            assert not (comparison.diff_files or comparison.left_only or comparison.right_only)
            for file in comparison.same_files:
                assert filecmp.cmp(out / name / file, reference[version] / file, shallow=False)
