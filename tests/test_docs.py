"""The documentation says what the code does: generated parts are current, examples work."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from click.testing import Result
from helpers import ROOT

from pressgen.errors import DataError
from pressgen.rules import RULES
from pressgen.source.event import Event
from pressgen.source.reference import field_paths, fields_markdown
from pressgen.source.settings import OrganisationFile, ProjectConfig

README = (ROOT / "README.md").read_text("utf-8")


def update_docs() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader(
        "update_docs", str(ROOT / "scripts" / "update-docs")
    )
    spec = importlib.util.spec_from_loader("update_docs", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_the_field_reference_is_current() -> None:
    written = (ROOT / "docs" / "fields.md").read_text("utf-8")
    assert written == fields_markdown() + "\n", "run scripts/update-docs"


@pytest.mark.parametrize("model", [Event, OrganisationFile, ProjectConfig])
def test_the_field_reference_lists_every_field(model: type) -> None:
    written = (ROOT / "docs" / "fields.md").read_text("utf-8")
    missing = [path for path in field_paths(model) if f"| `{path}` |" not in written]
    assert missing == []
    assert "docs/fields.md" in README


def test_the_readme_table_of_codes_is_current() -> None:
    assert update_docs().readme_with_table(README) == README, "run scripts/update-docs"
    for code in RULES:
        assert f"| {code} |" in README


def test_every_code_is_made_by_a_test(write_yaml: Callable[..., Path]) -> None:
    """Each code must be made by some test, not only named in one: tests/conftest.py
    records the code of every Problem made while the tests run, and a run of the whole
    suite fails if a code of RULES never came up. Here: a problem is recorded as made."""
    from pressgen import errors
    from pressgen.pipeline import check

    session = errors.codes_made
    assert session is not None, "the suite does not record the codes made"
    errors.codes_made = set()
    try:
        with pytest.raises(DataError):
            check([write_yaml("event: [\n")])
        assert errors.codes_made == {"PG001"}
    finally:
        session |= errors.codes_made
        errors.codes_made = session


def readme_template_example() -> str:
    section = README.split("## Templates", 1)[1]
    return re.search(r"```jinja\n(.+?)```", section, re.S)[1]  # type: ignore[index]


def test_the_readme_template_example_builds(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli("new", "presse").exit_code == 0
    project = tmp_path / "presse"
    (project / "templates" / "newsletter.txt.j2").write_text(readme_template_example(), "utf-8")
    monkeypatch.chdir(project)
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    text = (project / "out" / "beispiel" / "newsletter.txt").read_text("utf-8")
    assert "\nIhr Team der Pressestelle\n\n-- \nImpressum\n" in text


def test_the_readme_event_example_has_no_contradicting_dates(tmp_path: Path) -> None:
    """The short example must not teach a Sperrfrist after the release, or a recap before."""
    from pressgen.pipeline import check

    section = README.split("## The event file", 1)[1]
    example = yaml.safe_load(re.search(r"```yaml\n(.+?)```", section, re.S)[1])  # type: ignore[index]
    example["press_release"].pop("photos")  # its photo file is not shipped
    event_file = tmp_path / "example.yaml"
    event_file.write_text(yaml.safe_dump(example, allow_unicode=True), encoding="utf-8")
    codes = {problem.code for result in check([event_file]) for problem in result.warnings}
    assert codes.isdisjoint({"PG502", "PG704"}), codes


def test_every_path_the_readme_names_exists() -> None:
    named = set(
        re.findall(
            r"`((?:pressgen|tests|docs|scripts|templates|data|benchmarks)/[\w./-]+)`", README
        )
    )
    assert named
    missing = sorted(path for path in named if "…" not in path and not (ROOT / path).exists())
    assert missing == []


# ---------------------------------------------------------------- one grammar for templates

TEMPLATES = ROOT / "templates"


def blocks(name: str) -> set[str]:
    return set(re.findall(r"{%-?\s*block\s+(\w+)", (TEMPLATES / name).read_text("utf-8")))


def test_every_partial_is_named_element_dot_format() -> None:
    names = [path.name for path in (TEMPLATES / "partials").glob("*.j2")]
    assert names
    odd = [name for name in names if not re.fullmatch(r"[a-z_]+\.(html|mjml|txt)\.j2", name)]
    assert odd == []


@pytest.mark.parametrize(
    ("first", "second", "own"),
    [
        ("newsletter.mjml.j2", "newsletter.txt.j2", {"head"}),
        ("pressemitteilung.html.j2", "pressemitteilung.txt.j2", {"style"}),
    ],
)
def test_the_formats_of_one_document_have_the_same_blocks(
    first: str, second: str, own: set[str]
) -> None:
    """An own template that overrides a block in one format finds its twin in the other."""
    assert blocks(first) - own == blocks(second)
