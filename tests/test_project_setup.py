"""A press office's own project: pressgen new, inheritance, own templates, schemas."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import Result
from helpers import ROOT, SEED


@pytest.fixture
def project(tmp_path: Path, run_cli: Callable[..., Result]) -> Path:
    result = run_cli("new", "presse")
    assert result.exit_code == 0, result.output
    return tmp_path / "presse"


def build_in(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> Result:
    monkeypatch.chdir(project)
    return run_cli("build")


def test_new_then_build_works_at_once(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file()) == [
        ".gitignore",
        "events/beispiel.yaml",
        "organisation.yaml",
        "pressgen.yaml",
        "schemas/config.schema.json",
        "schemas/event.schema.json",
        "schemas/newsletter.schema.json",
        "schemas/organisation.schema.json",
        "templates/README.md",
    ]
    # Outputs are made again; the send journal holds addresses: neither is committed.
    assert (project / ".gitignore").read_text("utf-8") == "out/\npressgen-versand.sqlite*\n"
    result = build_in(project, run_cli, monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "events/beispiel.yaml → out/beispiel/ (7 written, 0 unchanged)\n"
        "Next: open out/beispiel/pressemitteilung.html in a browser, or see every output "
        "with: pressgen preview\n"
    )
    release = (project / "out" / "beispiel" / "pressemitteilung.txt").read_text("utf-8")
    release = release.replace("\xa0", " ")
    # Inherited from organisation.yaml: the organisation, the press contact, a sponsor.
    assert "Über den Muster e. V." in release
    assert "Pressekontakt\nMax Muster\nPressesprecher" in release
    assert "Besonderer Dank gilt dem Sponsor, den Stadtwerken Muster." in release
    newsletter = (project / "out" / "beispiel" / "newsletter.eml").read_bytes()
    assert b'From: "Muster e.V." <newsletter@muster-verein.example>' in newsletter or (
        b"From: Muster e.V. <newsletter@muster-verein.example>" in newsletter
    )


def test_new_refuses_to_overwrite(project: Path, run_cli: Callable[..., Result]) -> None:
    (project / "organisation.yaml").write_text("# mine\n", "utf-8")
    result = run_cli("new", "presse")
    assert result.exit_code == 1
    assert result.stderr.startswith("pressgen: these files exist already and are left alone: ")
    assert (project / "organisation.yaml").read_text("utf-8") == "# mine\n"


def test_the_event_overrides_what_it_inherits(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    event = project / "events" / "beispiel.yaml"
    event.write_text(
        event.read_text("utf-8") + "\norganisation:\n  website: https://www.muster-eigen.de/\n",
        "utf-8",
    )
    assert build_in(project, run_cli, monkeypatch).exit_code == 0
    page = (
        (project / "out" / "beispiel" / "newsletter.html").read_text("utf-8").replace("\xa0", " ")
    )
    assert "https://www.muster-eigen.de/" in page
    assert 'https://www.muster-verein.example/"' not in page
    assert "Muster e. V." in page  # the rest is still inherited


def test_errors_in_the_organisation_file_are_located_there(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    organisation = project / "organisation.yaml"
    organisation.write_text(
        organisation.read_text("utf-8").replace("  name: Muster e.V.", "  name: [Muster]"), "utf-8"
    )
    result = build_in(project, run_cli, monkeypatch)
    assert result.exit_code == 1
    line = next(
        n for n, t in enumerate(organisation.read_text("utf-8").splitlines(), 1) if "[Muster]" in t
    )
    assert result.stderr.splitlines()[0] == (
        f"organisation.yaml:{line}:9: organisation.name: expected text [PG005]"
    )


def test_settings_errors_are_located_in_pressgen_yaml(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = project / "pressgen.yaml"
    config.write_text(config.read_text("utf-8").replace('color: "#0b5fa5"', "color: blau"), "utf-8")
    result = build_in(project, run_cli, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("pressgen.yaml:")
    assert ": brand.color: " in result.stderr.splitlines()[0]


def test_unknown_catalogue_sponsor(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    event = project / "events" / "beispiel.yaml"
    event.write_text(event.read_text("utf-8").replace("[stadtwerke]", "[stadtwerk]"), "utf-8")
    result = build_in(project, run_cli, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(
        "sponsors[0]: no sponsor with the key 'stadtwerk' in the catalogue; "
        "did you mean 'stadtwerke'? [PG006]"
    )


def test_project_settings_reach_every_output(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = project / "pressgen.yaml"
    text = config.read_text("utf-8")
    text = text.replace("quotes: german", "quotes: guillemets").replace("#0b5fa5", "#aa3300")
    text = text.replace(
        "# web_base_url: https://www.example.de/presse/", "web_base_url: https://presse.muster.de/"
    )
    text = text.replace("# utm: {source: newsletter", "utm: {source: newsletter")
    config.write_text(text, "utf-8")
    assert build_in(project, run_cli, monkeypatch).exit_code == 0
    out = project / "out" / "beispiel"
    assert "»Wir freuen uns" in (out / "pressemitteilung.txt").read_text("utf-8")
    page = (out / "newsletter.html").read_text("utf-8")
    assert "#aa3300" in page and "#0b5fa5" not in page
    assert (
        'href="https://presse.muster.de/beispiel/newsletter.html?utm_source=newsletter'
        '&amp;utm_medium=email&amp;utm_campaign=beispiel"'
    ) in page


# ---------------------------------------------------------------- own templates


def test_an_override_of_one_block_changes_only_that_block(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert build_in(project, run_cli, monkeypatch).exit_code == 0
    out = project / "out" / "beispiel"
    before = {p.name: p.read_text("utf-8") for p in out.iterdir() if p.suffix != ".eml"}
    (project / "templates" / "newsletter.txt.j2").write_text(
        '{% extends "!builtin/newsletter.txt.j2" %}\n'
        "{% block footer %}\n\nEIGENE ZEILE {{ event.organisation.name }}\n{{ super() }}"
        "{% endblock %}\n",
        "utf-8",
    )
    assert run_cli("build").exit_code == 0
    after = {p.name: p.read_text("utf-8") for p in out.iterdir() if p.suffix != ".eml"}
    assert {n for n in after if after[n] != before[n]} == {"newsletter.txt"}
    old, new = before["newsletter.txt"], after["newsletter.txt"]
    head, footer = old.split("\n-- \n")
    assert new == head + "\nEIGENE ZEILE Muster\xa0e.\xa0V.\n\n-- \n" + footer


def test_an_override_that_drops_the_impressum_is_refused(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "templates" / "newsletter.txt.j2").write_text(
        '{% extends "!builtin/newsletter.txt.j2" %}\n'
        "{% block footer %}-- \nTschüss\n{% endblock %}\n",
        "utf-8",
    )
    result = build_in(project, run_cli, monkeypatch)
    assert result.exit_code == 1
    assert (
        "the Impressum is missing in newsletter.txt or incomplete: eingetragener Verein "
        "(rendered with your own template templates/newsletter.txt.j2) [PG204]"
    ) in result.stderr
    assert (
        "the Abmeldelink is missing in newsletter.txt "
        "(rendered with your own template templates/newsletter.txt.j2) [PG205]"
    ) in result.stderr


@pytest.mark.parametrize(
    ("date_line", "fails"),
    [("Termin: {{ facts.date }}", False), ("Termin: bald", True)],
    ids=["renamed-label", "date-dropped"],
)
def test_an_own_facts_partial_may_rename_labels_but_not_drop_the_date(
    project: Path,
    run_cli: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    date_line: str,
    fails: bool,
) -> None:
    builtin = (ROOT / "templates" / "partials" / "facts.txt.j2").read_text("utf-8")
    start = builtin.index("{% for line in fact_lines %}")
    end = builtin.index("{% endfor %}\n{% if facts.focus %}") + len("{% endfor %}\n")
    # The lines written out, as an own template made before the facts came as lines does.
    own = (
        f"{date_line}\n"
        "{% for line in fact_lines[1:] %}\n"
        "{{ line.label }}: {{ line.names | map(attribute='text') | join(', ') }}\n"
        "{% endfor %}\n"
    )
    (project / "templates" / "partials").mkdir()
    (project / "templates" / "partials" / "facts.txt.j2").write_text(
        builtin[:start] + own + builtin[end:], "utf-8"
    )
    result = build_in(project, run_cli, monkeypatch)
    if not fails:
        assert result.exit_code == 0, result.output
        text = (project / "out" / "beispiel" / "newsletter.txt").read_text("utf-8")
        assert "Termin: " in text and "Datum: " not in text
        return
    assert result.exit_code == 1
    assert "[PG104]" in result.stderr
    assert "(rendered with your own template templates/partials/facts.txt.j2)" in result.stderr


def test_an_own_partial_replaces_the_builtin_one(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "templates" / "partials").mkdir()
    (project / "templates" / "partials" / "sponsor_thanks.html.j2").write_text(
        '<p class="sponsors eigen">{{ sponsor_thanks }}</p>\n', "utf-8"
    )
    assert build_in(project, run_cli, monkeypatch).exit_code == 0
    page = (project / "out" / "beispiel" / "pressemitteilung.html").read_text("utf-8")
    assert '<p class="sponsors eigen">Besonderer Dank gilt' in page


def test_the_sandbox_refuses_python_internals(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "templates" / "partials").mkdir()
    (project / "templates" / "partials" / "quote.html.j2").write_text(
        "<p>\n{{ ''.__class__.__mro__[1].__subclasses__() }}\n</p>\n", "utf-8"
    )
    result = build_in(project, run_cli, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        "templates/partials/quote.html.j2:2:1: not allowed in a template: access to "
        "attribute '__class__' of 'str' object is unsafe. [PG010]"
    )
    assert not (project / "out").exists()


def test_a_template_syntax_error_is_located(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "templates" / "pressemitteilung.txt.j2").write_text(
        "PRESSEMITTEILUNG\n{% if %}\n", "utf-8"
    )
    result = build_in(project, run_cli, monkeypatch)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("templates/pressemitteilung.txt.j2:2:1: ")


# ---------------------------------------------------------------- schemas


class _EditorYaml(yaml.SafeLoader):
    """Reads YAML the way an editor's schema check does: dates stay text."""


_EditorYaml.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema(run_cli: Callable[..., Result], kind: str) -> dict[str, Any]:
    result = run_cli("schema", kind)
    assert result.exit_code == 0
    loaded: dict[str, Any] = json.loads(result.stdout)
    return loaded


def errors(schema_data: dict[str, Any], path: Path | str) -> list[str]:
    text = path.read_text("utf-8") if isinstance(path, Path) else path
    data = yaml.load(text, Loader=_EditorYaml)
    validator = jsonschema.Draft202012Validator(schema_data)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def test_the_event_schema_validates_the_examples(
    run_cli: Callable[..., Result], project: Path
) -> None:
    event = schema(run_cli, "event")
    assert event["title"] == "pressgen event file"
    assert event["$defs"]["Quote"]["properties"]["lead_in"]["description"].startswith(
        "Words between"
    )
    for path in (
        SEED,
        SEED.parent / "neujahrsempfang-2027.yaml",
        project / "events" / "beispiel.yaml",
    ):
        assert errors(event, path) == [], path
    assert errors(schema(run_cli, "organisation"), project / "organisation.yaml") == []
    assert errors(schema(run_cli, "config"), project / "pressgen.yaml") == []


def test_the_event_schema_rejects_a_broken_file(run_cli: Callable[..., Result]) -> None:
    broken = SEED.read_text("utf-8").replace("  guests: 80", "  guests: viele\n  gaeste: 80")
    found = errors(schema(run_cli, "event"), broken)
    assert "['event', 'guests']: 'viele' is not valid under any of the given schemas" in found
    assert any("'gaeste' was unexpected" in e for e in found)


def test_new_writes_the_schema_lines(project: Path) -> None:
    first = (project / "events" / "beispiel.yaml").read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/event.schema.json"
    assert (project / "schemas" / "event.schema.json").is_file()


# ---------------------------------------------------------------- the README


def test_every_command_and_option_is_in_the_readme() -> None:
    import click

    from pressgen.cli import main

    readme = (ROOT / "README.md").read_text("utf-8")
    context = click.Context(main)
    missing = []
    for name, command in main.commands.items():
        if f"pressgen {name}" not in readme:
            missing.append(f"pressgen {name}")
        for parameter in command.get_params(context):
            if isinstance(parameter, click.Option):
                flags = [flag for flag in parameter.opts if flag.startswith("--")]
                if flags and not any(flag in readme for flag in flags):
                    missing.append(f"pressgen {name} {flags[0]}")
    for option in ("--version", "--help"):
        if option not in readme:
            missing.append(option)
    assert missing == []
    assert "_PRESSGEN_COMPLETE" in readme  # shell completion is documented


def readme_commands() -> list[str]:
    """The shell commands of the README's section 'The two commands'."""
    import re

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## The two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_ci_runs_the_readme_commands_in_a_new_virtual_environment() -> None:
    build, tests = readme_commands()
    assert build == "python3 -m pip install . && pressgen build data/"
    assert tests == "scripts/test"
    lines = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    venv = lines.index("python3 -m venv --clear .venv-ci")
    assert lines[venv + 1] == ". .venv-ci/bin/activate"
    assert lines[venv + 2 :] == [build, tests]


def test_the_test_command_installs_what_the_tests_need() -> None:
    script = (ROOT / "scripts" / "test").read_text("utf-8")
    assert "command -v chromium >/dev/null || debian_packages+=(chromium)" in script
    assert "apt-get -o DPkg::Lock::Timeout=600 install -y" in script
    order = ["npm ci", "python3 -m pip install -e '.[test]'", 'python3 -m pytest -n 2 "$@"']
    positions = [script.index(step) for step in order]
    assert positions == sorted(positions)


def test_own_templates_replace_uebergabe_and_bildnachweis(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The two files beside the outputs come from templates an own one replaces."""
    import zipfile

    from PIL import Image

    (project / "events" / "fotos").mkdir()
    Image.new("RGB", (1600, 1000), (20, 30, 80)).save(project / "events" / "fotos" / "a.png")
    event_file = project / "events" / "beispiel.yaml"
    data = yaml.safe_load(event_file.read_text("utf-8"))
    data["press_release"]["photos"] = [
        {"src": "fotos/a.png", "caption": "Der Saal.", "credit": "Max Muster"}
    ]
    event_file.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    own = project / "templates"
    (own / "uebergabe.txt.j2").write_text(
        "Für {{ handover.label }}: {{ event.newsletter.subject }}\n", "utf-8"
    )
    (own / "bildnachweis.txt.j2").write_text(
        "{% for photo in photo_credits %}{{ photo.file }} – {{ photo.credit }}\n{% endfor %}",
        "utf-8",
    )
    monkeypatch.chdir(project)
    assert run_cli("build").exit_code == 0
    with zipfile.ZipFile(project / "out" / "beispiel" / "pressefotos.zip") as archive:
        assert archive.read("Bildnachweis.txt").decode("utf-8") == "a.png – Max Muster\n"
    result = run_cli("build", "events/beispiel.yaml", "--for", "mailchimp")
    assert result.exit_code == 0, result.output
    notes = (project / "out" / "beispiel-mailchimp" / "uebergabe.txt").read_text("utf-8")
    assert notes.replace("\xa0", " ") == f"Für Mailchimp: {data['newsletter']['subject']}\n"


def test_the_press_room_is_the_projects_organisations(
    project: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release another organisation publishes (an event for a partner) does not make
    the press room theirs: it belongs to the project's organisation."""
    event = project / "events" / "beispiel.yaml"
    # Published later than the organisation's own: the newest release is the partner's.
    partner = event.read_text("utf-8").replace(
        "publication_date: 2027-04-20", "publication_date: 2027-04-25"
    ) + (
        "\npublisher:\n  name: Partner GmbH\n  article: die\n  email: presse@partner.example\n"
        "  address: {street: Weg 1, postcode: '12345', city: Muster}\n"
        "  about: Die Partner GmbH.\n"
        "  impressum: {legal_form: GmbH, represented_by: 'Geschäftsführung: A. B.'}\n"
    )
    (project / "events" / "partner.yaml").write_text(partner, "utf-8")
    result = build_in(project, run_cli, monkeypatch)
    assert result.exit_code == 0, result.output
    index = (project / "out" / "index.html").read_text("utf-8").replace("\xa0", " ")
    assert '<p class="label">Muster e. V.</p>' in index
    assert index.index("partner/pressemitteilung.html") < index.index("beispiel/")  # newest
