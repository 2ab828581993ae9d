"""Incremental builds: only what changed is rendered again, and the result is the same,
byte for byte, as a full build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, SEED

from pressgen.pipeline import BuiltEvent, Choices, build
from pressgen.pipeline.incremental import RECORD_NAME
from pressgen.scaffold import create_project

ROOM = Choices(press_room=True)
# Rendered on every build: a newsletter file (it shows other files' events) and a release
# under embargo (nothing of it is kept in the published folder's record).
ALWAYS = {"newsletter-2027-01", "neujahrsempfang-2027"}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """`pressgen new` (organisation file, own templates folder) with the shipped examples
    and two more events in its events folder."""
    root = tmp_path / "presse"
    create_project(root)
    events = root / "events"
    shutil.copytree(ROOT / "data", events, dirs_exist_ok=True)
    text = SEED.read_text("utf-8")
    for number in (1, 2):
        (events / f"workshop-{number}.yaml").write_text(
            text.replace("    Rund um die", f"    Teil {number} – Rund um die", 1), "utf-8"
        )
    return root


def _build(project: Path, out: Path | None = None) -> list[BuiltEvent]:
    return build([project / "events"], out, choices=ROOM)


def _rendered(results: list[BuiltEvent]) -> set[str]:
    return {result.path.stem for result in results if result.rendered}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != RECORD_NAME
    }


def test_an_unchanged_build_renders_nothing_a_changed_file_only_itself(project: Path) -> None:
    first = _build(project)
    everything = {result.path.stem for result in first}
    assert _rendered(first) == everything
    again = _build(project)
    assert _rendered(again) == ALWAYS
    # What was not rendered still reports its warnings and names its files.
    assert [r.warnings for r in again] == [r.warnings for r in first]
    assert [sorted(r.unchanged + r.written) for r in again] == [
        sorted(r.written + r.unchanged) for r in first
    ]
    edited = project / "events" / "workshop-1.yaml"
    edited.write_text(edited.read_text("utf-8").replace("Teil 1 –", "Teil eins –"), "utf-8")
    after = _build(project)
    assert _rendered(after) == ALWAYS | {"workshop-1"}
    assert "Teil eins" in (project / "out" / "index.html").read_text("utf-8")


def _touch(path: Path) -> None:
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))


CHANGES = ["a template", "the organisation file", "a photo", "an output deleted by hand"]


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_rebuilds_what_it_touches_and_equals_a_full_build(
    project: Path, tmp_path: Path, change: str
) -> None:
    first = _build(project)
    everything = {result.path.stem for result in first}
    expected = everything
    if change == "a template":
        (project / "templates" / "partials").mkdir(exist_ok=True)
        (project / "templates" / "partials" / "reprint_note.html.j2").write_text(
            "<p>Abdruck honorarfrei.</p>\n", "utf-8"
        )
    elif change == "the organisation file":
        organisation = project / "organisation.yaml"
        organisation.write_text(
            organisation.read_text("utf-8").replace("Marktplatz 1", "Marktplatz 2"), "utf-8"
        )
    elif change == "a photo":
        _touch(project / "events" / "fotos" / "neujahrsempfang-2027.png")
    else:
        (project / "out" / "workshop-2" / "pressemitteilung.txt").unlink()
        expected = ALWAYS | {"workshop-2"}
    assert _rendered(_build(project)) == expected
    _build(project, tmp_path / "fresh")
    assert _tree(project / "out") == _tree(tmp_path / "fresh")


def test_the_record_keeps_nothing_of_a_release_under_embargo(project: Path) -> None:
    _build(project)
    record = (project / "out" / RECORD_NAME).read_text("utf-8")
    assert "workshop-1" in record
    assert "Neujahrsempfang" not in record and "neujahrsempfang-2027" not in record


def _page_outside(record: dict[str, object]) -> None:
    # The key is left as it was: the entry still looks unchanged.
    entry = record["events"]["towerbyte-workshop-2017"]  # type: ignore[index]
    entry["summary"]["page"] = "../../geheim.txt"


def _file_outside(record: dict[str, object]) -> None:
    record["events"]["towerbyte-workshop-2017"]["names"].append("../../geheim.txt")  # type: ignore[index]


def _wrong_type(record: dict[str, object]) -> None:
    record["events"]["towerbyte-workshop-2017"]["warnings"] = "keine"  # type: ignore[index]


def _folder_elsewhere(record: dict[str, object]) -> None:
    record["events"]["towerbyte-workshop-2017"]["folder"] = "../anderswo"  # type: ignore[index]


@pytest.mark.parametrize(
    ("tamper", "reason"),
    [
        (_page_outside, "a release whose files lie outside its folder"),
        (_file_outside, "a file outside its folder"),
        (_wrong_type, "warnings pressgen does not write"),
        (_folder_elsewhere, "a folder other than its own"),
        ("not json", "not readable as JSON"),
        ("huge", "a link, or larger than pressgen writes"),
    ],
    ids=["page-outside", "file-outside", "wrong-type", "folder-elsewhere", "not-json", "huge"],
)
def test_a_record_pressgen_did_not_write_is_set_aside_never_followed(
    project: Path, tamper: object, reason: str
) -> None:
    import json

    _build(project)
    out = project / "out"
    (project / "geheim.txt").write_text("GEHEIM: nicht für die Presse", "utf-8")
    record_path = out / RECORD_NAME
    if tamper == "not json":
        record_path.write_text("{kein json", "utf-8")
    elif tamper == "huge":
        with record_path.open("ab") as record_file:
            record_file.truncate(64 * 1024 * 1024 + 1)
    else:
        record = json.loads(record_path.read_text("utf-8"))
        assert callable(tamper)
        tamper(record)
        record_path.write_text(json.dumps(record), "utf-8")
    results = _build(project)
    # Everything was built again, and the first event says why, once.
    assert _rendered(results) == {path.stem for path in (project / "events").glob("*.yaml")}
    said = [w for result in results for w in result.warnings if w.code == "PG905"]
    assert len(said) == 1 and reason in said[0].message, said
    for name in ("index.html", "feed.xml", "sitemap.xml"):
        if (out / name).exists():
            assert "GEHEIM" not in (out / name).read_text("utf-8")
    # The record written now is pressgen's own again: the next build trusts it.
    again = _build(project)
    assert not [w for result in again for w in result.warnings if w.code == "PG905"]
    assert _rendered(again) == ALWAYS


def test_the_record_forgets_an_event_whose_file_is_gone(project: Path) -> None:
    import json

    _build(project)
    record = project / "out" / RECORD_NAME
    assert "workshop-2" in json.loads(record.read_text("utf-8"))["events"]
    (project / "events" / "workshop-2.yaml").unlink()
    _build(project)
    assert "workshop-2" not in json.loads(record.read_text("utf-8"))["events"]
    assert "workshop-1" in json.loads(record.read_text("utf-8"))["events"]


def test_builds_of_both_phases_into_one_folder_keep_the_record(
    tmp_path: Path, run_cli: Any
) -> None:
    """--phase invitation and --phase recap built in turn into one output folder: each is
    remembered, nothing is set aside (PG905) and a rebuild writes nothing."""
    from helpers import SEED

    (tmp_path / "e.yaml").write_text(SEED.read_text("utf-8"), "utf-8")
    said = []
    for phase in ("invitation", "recap", "invitation", "recap"):
        result = run_cli("build", "--phase", phase, "e.yaml", "--out", "out")
        assert result.exit_code == 0, result.output
        said.append(result.output)
    assert not any("PG905" in output for output in said), said
    # Seven files of each edition, the German and the English.
    assert "out/e-einladung/ (0 written, 14 unchanged)" in said[2]
    assert "out/e-rueckblick/ (0 written, 14 unchanged)" in said[3]
