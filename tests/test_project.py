"""The project as shipped: installable, offline, typed and linted."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, SEED


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_outbound_network_is_blocked() -> None:
    from pytest_socket import SocketConnectBlockedError

    with pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


@pytest.mark.tooling
def test_templates_are_found_after_a_plain_install(tmp_path: Path) -> None:
    """A non-editable install carries the top-level templates/ inside the package."""
    source = tmp_path / "source"
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".git", "out", "build", "*.egg-info", "__pycache__", ".*"),
    )
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    # Every module of the checkout is installed (the editable install of the tests would
    # hide a missing subpackage from the build below).
    modules = {str(p.relative_to(ROOT)) for p in (ROOT / "pressgen").rglob("*.py")}
    installed = {str(p.relative_to(target)) for p in (target / "pressgen").rglob("*.py")}
    assert modules <= installed, sorted(modules - installed)
    assert (target / "pressgen" / "templates" / "newsletter.mjml.j2").is_file()
    assert (target / "pressgen" / "templates" / "partials" / "quote.html.j2").is_file()
    shutil.rmtree(source)  # nothing may come from the checkout any more
    work = tmp_path / "work"
    work.mkdir()
    environment = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-m", "pressgen", "build", str(SEED), "--out", "out"],
        cwd=work,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    built = work / "out" / SEED.stem / "newsletter.html"
    assert built.read_text("utf-8").startswith("<!doctype html>")
    located = subprocess.run(
        [
            sys.executable,
            "-c",
            "from pressgen.outputs.environment import builtin_templates_dir as d; print(d())",
        ],
        cwd=work,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(located.stdout.strip()).is_relative_to(target)


@pytest.mark.tooling
def test_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


@pytest.mark.tooling
def test_ruff() -> None:
    lint = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "pressgen", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout
    formatting = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "pressgen", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert formatting.returncode == 0, formatting.stdout


# ---------------------------------------------------------------- declared dependencies

# Imported directly but shipped and pinned by a declared package.
SHIPPED_WITH = {"pydantic-core": "pydantic"}


def _declared(extra: str | None = None) -> set[str]:
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    requirements = project["dependencies"] + (
        project["optional-dependencies"][extra] if extra else []
    )
    return {_normal(re.split(r"[<>=!~ \[;]", line, maxsplit=1)[0]) for line in requirements}


def _normal(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def _imports(folder: str) -> set[str]:
    import ast

    found = set()
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {name for name in found if name not in sys.stdlib_module_names}


@pytest.mark.parametrize(
    ("folders", "extra"), [(("pressgen",), None), (("tests", "benchmarks"), "test")]
)
def test_every_imported_package_is_declared(folders: tuple[str, ...], extra: str | None) -> None:
    """A fresh environment has only what pyproject.toml names: every import must be there."""
    from importlib.metadata import packages_distributions

    local = {"pressgen", "conftest", "helpers"} | {
        path.stem for folder in folders for path in (ROOT / folder).glob("*.py")
    }
    owners = packages_distributions()
    declared = _declared(extra)
    missing = []
    for module in sorted(set().union(*(_imports(folder) for folder in folders)) - local):
        distributions = {_normal(name) for name in owners.get(module, [])}
        satisfied = {SHIPPED_WITH.get(name, name) for name in distributions} & declared
        if not satisfied:
            missing.append(
                f"{module} (from {', '.join(sorted(distributions)) or 'nothing installed'})"
            )
    assert missing == [], "imported but not declared in pyproject.toml"
