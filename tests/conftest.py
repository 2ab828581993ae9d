"""Shared helpers: the seed event, temporary event files and the CLI."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from helpers import SECOND, SEED

from pressgen.cli import main


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


@pytest.fixture(scope="session")
def seed_data() -> dict[str, Any]:
    """The seed event as plain data; copy before changing."""
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
