"""Shared helpers: the seed event, temporary event files and the CLI."""

from __future__ import annotations

import copy
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from helpers import CHROMIUM, ROOT, SECOND, SEED

# pressgen speaks the locale's language, chosen once when it is imported: the tests read
# its messages in English on any machine (tests/test_messages.py asks for German itself).
os.environ["LANGUAGE"] = "en"

from pressgen import errors
from pressgen.cli import main
from pressgen.rules import RULES


@pytest.fixture(scope="session", autouse=True)
def template_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Compiled templates go to a folder of this test run, not the user's cache."""
    folder = tmp_path_factory.mktemp("template-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PRESSGEN_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Date checks (a past embargo) see 1 January 2026, whenever the tests run."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """pressgen speaks German in this process for one test (its messages, the preview)."""
    from pressgen import messages

    monkeypatch.setenv("LANGUAGE", "de")
    messages._chosen.cache_clear()
    yield
    monkeypatch.setenv("LANGUAGE", "en")
    messages._chosen.cache_clear()


@pytest.fixture(scope="session")
def seed_data() -> dict[str, Any]:
    """The seed event as plain data, its German edition alone (a change to a German text
    would otherwise ask for its English too); copy before changing. bilingual_seed_data
    has its English edition as well."""
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data.pop("languages", None)
    data.pop("en", None)
    return data


@pytest.fixture(scope="session")
def bilingual_seed_data() -> dict[str, Any]:
    """The seed event with its English edition (languages: [de, en]); copy before changing."""
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


@pytest.fixture
def event_data(seed_data: dict[str, Any]) -> dict[str, Any]:
    """A fresh, changeable copy of the seed event."""
    return copy.deepcopy(seed_data)


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[..., Path]:
    """Write data (dumped as YAML) or raw text/bytes to an event file in tmp_path."""

    def write(content: Any, name: str = "event.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), "utf-8")
        return path

    return write


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data folder, free to change."""
    folder = tmp_path / "data"
    shutil.copytree(SEED.parent, folder)
    return folder


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Callable[..., Result]:
    """Run the pressgen command in tmp_path and return click's result."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(main, [str(arg) for arg in args], env=env)

    return run


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Both shipped examples built once for the whole run: event → output name → bytes."""
    from pressgen.pipeline import build

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        results = build([SEED, SECOND], tmp_path_factory.mktemp("built"))
    return {
        result.path.stem: {name: (result.out_dir / name).read_bytes() for name in result.written}
        for result in results
    }


@pytest.fixture(scope="session")
def invitations(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    """Both shipped examples built as invitations (build --phase invitation)."""
    from pressgen.pipeline import Choices, build

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", "1767225600")
        results = build(
            [SEED, SECOND], tmp_path_factory.mktemp("invited"), choices=Choices(phase="invitation")
        )
    return {
        result.path.stem: {name: (result.out_dir / name).read_bytes() for name in result.written}
        for result in results
    }


# ---------------------------------------------------------------- every code is made

# Each code of pressgen.rules must be made (a Problem with it created) by some test, not
# only named in one: pressgen.errors records the codes of this process while the tests
# run, and a run of the whole suite fails when one of them never came up. Problems made
# in other processes (a batch's workers, a command run as a subprocess) are not seen.

_run: dict[str, int] = {"deselected": 0, "skipped": 0}


def pytest_sessionstart(session: pytest.Session) -> None:
    errors.codes_made = set()


def pytest_deselected(items: list[pytest.Item]) -> None:
    _run["deselected"] += len(items)


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _run["skipped"] += 1


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    made, errors.codes_made = errors.codes_made or set(), None
    if not _the_whole_suite_ran(session, exitstatus):
        return
    never = [code for code in RULES if code not in made]
    if not never:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.ensure_newline()
        reporter.write_sep("=", "codes no test made", red=True)
        reporter.write_line(
            f"No test made a problem with {', '.join(never)} (pressgen.rules.RULES): write "
            "a test whose input gives each of them, in this process."
        )
        if _run["skipped"]:
            reporter.write_line(f"{_run['skipped']} tests were skipped; one may have made it.")
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _the_whole_suite_ran(session: pytest.Session, exitstatus: int) -> bool:
    """Every test was collected and run: not a file, a -k or -m choice, nor a run cut
    short (-x, Ctrl-C), nor one spread over pytest-xdist workers (which this does not
    gather)."""
    config = session.config
    if exitstatus in (pytest.ExitCode.INTERRUPTED, pytest.ExitCode.USAGE_ERROR):
        return False
    if config.option.collectonly or session.shouldstop or session.shouldfail:
        return False
    if _run["deselected"] or hasattr(config, "workerinput"):
        return False
    if getattr(config.option, "numprocesses", None):
        return False
    tests = ROOT / "tests"
    here = config.invocation_params.dir
    for argument in config.args:
        if "::" in argument:
            return False
        chosen = (here / argument).resolve()
        if chosen != tests and chosen not in tests.parents:
            return False
    return session.testscollected > 0


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, driven by Playwright, for a module's browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        yield launched
        launched.close()
