"""Values at the edges: addresses beyond ASCII, long links in headers, what reaches the
terminal, folders outside the project, and errors in values that came through an alias."""

from __future__ import annotations

import email
import json
from collections.abc import Callable
from email import policy
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from helpers import SEED_TEXT

SEED_DATA: dict[str, Any] = yaml.safe_load(SEED_TEXT)


def build_with(
    tmp_path: Path, run_cli: Callable[..., Result], change: Callable[[dict[str, Any]], None]
) -> Path:
    data = yaml.safe_load(SEED_TEXT)
    change(data)
    (tmp_path / "fest.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = run_cli("build", "fest.yaml")
    assert result.exit_code == 0, result.output
    return tmp_path / "out" / "fest"


def test_a_sender_domain_beyond_ascii_is_written_in_idna(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    out = build_with(
        tmp_path,
        run_cli,
        lambda d: d["newsletter"]["sender"].update(email="newsletter@töwerbyte.de"),
    )
    raw = (out / "newsletter.eml").read_bytes()
    assert raw.isascii()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["From"].addresses[0].addr_spec == "newsletter@xn--twerbyte-n4a.de"
    assert message["Message-ID"].endswith("@xn--twerbyte-n4a.de>")


def test_a_sender_name_beyond_ascii_before_the_at_makes_an_smtputf8_message(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    out = build_with(
        tmp_path, run_cli, lambda d: d["newsletter"]["sender"].update(email="prässe@towerbyte.de")
    )
    raw = (out / "newsletter.eml").read_bytes()
    assert b"From: TowerByte eG <pr\xc3\xa4sse@towerbyte.de>\r\n" in raw  # RFC 6532, not =?…?=
    message = email.message_from_string(raw.decode("utf-8"), policy=policy.SMTPUTF8)
    assert message["From"].addresses[0].addr_spec == "prässe@towerbyte.de"
    assert message["Subject"] == "Rückblick: Workshop-Nachmittag der TowerByte eG"


@pytest.mark.parametrize(
    "url",
    [
        "https://www.towerbyte.de/newsletter/abmelden?liste=" + "a" * 150 + "&token=" + "b" * 20,
        "mailto:abmelden@towerbyte.de?subject=Abmelden%20vom%20Newsletter&body=" + "x" * 150,
    ],
    ids=["long-https", "mailto-with-subject"],
)
def test_list_unsubscribe_is_one_url_header_never_encoded(
    tmp_path: Path, run_cli: Callable[..., Result], url: str
) -> None:
    assert len(url) >= 200
    out = build_with(tmp_path, run_cli, lambda d: d["newsletter"].update(unsubscribe_url=url))
    raw = (out / "newsletter.eml").read_bytes().decode("ascii")
    # The long address on a line of its own (folded after the colon), never inside <…>.
    assert f"\r\nList-Unsubscribe: \r\n <{url}>\r\n" in raw
    assert "=?utf-8?" not in raw.split("\r\n\r\n", 1)[0].split("List-Unsubscribe", 1)[1]


def test_control_characters_in_a_key_reach_the_terminal_escaped(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "fest.yaml").write_text(SEED_TEXT + '"\\e]0;pwned\\a": 1\n', "utf-8")
    result = run_cli("check", "fest.yaml")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "unknown field '\\x1b]0;pwned\\x07'" in result.stderr


# ---------------------------------------------------------------- project folders


@pytest.fixture
def project(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> Path:
    assert run_cli("new", "presse").exit_code == 0
    monkeypatch.chdir(tmp_path / "presse")
    return tmp_path / "presse"


def set_config(project: Path, old: str, new: str) -> int:
    config = project / "pressgen.yaml"
    text = config.read_text("utf-8")
    assert old in text
    config.write_text(text.replace(old, new), "utf-8")
    return next(
        n for n, line in enumerate(new.splitlines() and text.splitlines(), 1) if old in line
    )


def test_an_output_folder_outside_the_project_must_be_said_plainly(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    line = set_config(project, "output: out ", "output: ../../elsewhere ")
    result = run_cli("build")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"pressgen.yaml:{line}:9: output: ../../elsewhere lies outside the project folder; "
        "write an absolute path if the outputs are meant to go elsewhere [PG007]"
    )
    assert not (project.parent.parent / "elsewhere").exists()


def test_an_absolute_output_folder_is_used_and_named(
    project: Path, tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    target = tmp_path / "webserver"
    set_config(project, "output: out ", f"output: {target} ")
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    assert f"events/beispiel.yaml → {target}/beispiel/ (7 written, 0 unchanged)" in result.stdout
    assert (target / "beispiel" / "pressemitteilung.html").is_file()


@pytest.mark.parametrize("where", ["../vorlagen", "/etc"])
def test_own_templates_never_come_from_outside_the_project(
    project: Path, run_cli: Callable[..., Result], where: str
) -> None:
    set_config(project, "templates: templates ", f"templates: {where} ")
    result = run_cli("build")
    assert result.exit_code == 1
    assert (
        f"templates: {where} lies outside the project folder; own templates must lie inside "
        in (result.stderr)
    )


def test_a_templates_folder_linked_to_outside_is_refused(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    (project / "templates" / "README.md").unlink()
    (project / "templates").rmdir()
    (project / "templates").symlink_to("/etc")
    result = run_cli("build")
    assert result.exit_code == 1
    assert "templates: templates is a link to a folder outside the project" in result.stderr


@pytest.mark.parametrize("broken", ["pressgen.yaml", "organisation.yaml"])
def test_check_as_json_always_prints_one_report(
    project: Path, run_cli: Callable[..., Result], broken: str
) -> None:
    (project / broken).write_text("organisation: [kaputt\n", "utf-8")
    result = run_cli("check", "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["errors"] == 1
    (problem,) = report["problems"]
    assert problem["file"] == broken and problem["line"] == 2
    assert problem["message"].startswith("YAML syntax error")


def test_new_does_not_replace_a_dangling_link(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    (tmp_path / "presse").mkdir()
    (tmp_path / "presse" / "pressgen.yaml").symlink_to(tmp_path / "nirgends.yaml")
    result = run_cli("new", "presse")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "pressgen: these files exist already and are left alone: presse/pressgen.yaml"
    )
    assert (tmp_path / "presse" / "pressgen.yaml").is_symlink()
    assert not (tmp_path / "nirgends.yaml").exists()


# ---------------------------------------------------------------- aliases


ALIASED = """\
sponsor: &stadtwerke
  name: Stadtwerke Jena
  article: dem
"""


def test_an_error_through_an_alias_points_at_the_alias(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    text = SEED_TEXT.replace(
        "sponsors:\n  - name: JenaWirtschaft\n    article: keiner\n",
        "sponsors:\n  - *stadtwerke\n  - name: JenaWirtschaft\n    article: keiner\n",
    )
    (tmp_path / "fest.yaml").write_text(ALIASED.replace("sponsor:", "x-vorlage:") + text, "utf-8")
    result = run_cli("check", "fest.yaml")
    alias_line = next(
        n for n, t in enumerate((ALIASED + text).splitlines(), 1) if "*stadtwerke" in t
    )
    errors = [line for line in result.stderr.splitlines() if "article" in line]
    assert errors[0].startswith(f"fest.yaml:{alias_line}:5: sponsors[0].article: expected one of")


def test_an_error_through_a_merge_key_points_at_the_merge_key(
    tmp_path: Path, run_cli: Callable[..., Result]
) -> None:
    text = SEED_TEXT.replace(
        "sponsors:\n  - name: JenaWirtschaft\n    article: keiner\n",
        "sponsors:\n  - <<: *stadtwerke\n    url: https://www.stadtwerke-jena.de/\n"
        "  - name: JenaWirtschaft\n    article: keiner\n",
    )
    whole = ALIASED.replace("sponsor:", "x-vorlage:") + text
    (tmp_path / "fest.yaml").write_text(whole, "utf-8")
    result = run_cli("check", "fest.yaml")
    merge_line = next(n for n, t in enumerate(whole.splitlines(), 1) if "<<: *stadtwerke" in t)
    errors = [line for line in result.stderr.splitlines() if ".article" in line]
    assert errors[0].startswith(f"fest.yaml:{merge_line}:5: sponsors[0].article: expected one of")
