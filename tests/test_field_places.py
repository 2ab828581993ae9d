"""Every field has a place: changing its value changes what pressgen writes.

The test walks the schema. For each field it finds an example that sets it
(the shipped data and the corpus in tests/events), changes the value in a few
plausible ways and renders again; one change that validates and alters an
output is enough. A field that reaches no output must say so in its
description ("Reaches no output: …"), which docs/fields.md prints; one that no
example sets fails, so the corpus covers the whole schema.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import yaml
from helpers import ROOT

from pressgen.errors import DataError
from pressgen.outputs.photos import publish_photos
from pressgen.outputs.render import render_editions
from pressgen.present.event import View
from pressgen.source.documents import load_event_file
from pressgen.source.event import Event
from pressgen.source.reference import field_rows

EXAMPLES = sorted((ROOT / "data").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "events").glob("*.yaml")
)
DATA_ONLY = "Reaches no output:"
# Fields whose value says where something stands: their test moves the entry.
PLACING = {
    "press_release.body[].quote",
    "press_release.body[].sponsors",
    "en.press_release.body[].quote",
    "en.press_release.body[].sponsors",
}
# Groups are walked into; their fields are tested one by one.
ROWS = [
    row
    for row in field_rows(Event)
    if "groups of fields" not in row[1] and row[1] != "group of fields"
]

Segment = str | None  # a field name; None for "any entry" ([] or .KEY)
Place = tuple[str | int, ...]


def segments(path: str) -> list[Segment]:
    """'sponsors[].logo.src' → ['sponsors', None, 'logo', 'src']."""
    parts: list[Segment] = []
    for part in path.split("."):
        if part == "KEY":
            parts.append(None)
            continue
        name, _, rest = part.partition("[]")
        parts.append(name)
        if _ or rest:
            parts.append(None)
    return parts


def places(data: Any, parts: list[Segment], at: Place = ()) -> Iterator[Place]:
    """Every place in raw data where the field stands (a plain-text paragraph counts as
    its `text`)."""
    if not parts:
        yield at
        return
    first, rest = parts[0], parts[1:]
    if first is None:
        entries = data.items() if isinstance(data, dict) else enumerate(data or [])
        for key, value in entries:
            yield from places(value, rest, (*at, key))
    elif isinstance(data, dict) and data.get(first) is not None:
        yield from places(data[first], rest, (*at, first))
    elif isinstance(data, str) and parts == ["text"]:
        yield at


def get(data: Any, place: Place) -> Any:
    for part in place:
        data = data[part]
    return data


def put(data: Any, place: Place, value: Any) -> None:
    get(data, place[:-1])[place[-1]] = value


def variants(kind: str, value: Any, data: dict[str, Any], path: str) -> Iterator[Any]:
    """Plausible other values for a field: one of them should show in the outputs."""
    if kind == "date and time":
        moment = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
        yield f"{moment + dt.timedelta(minutes=1):%Y-%m-%d %H:%M}"
    elif isinstance(value, bool):
        yield not value
    elif isinstance(value, int):
        yield value + 7
        yield max(1, value - 1)
    elif isinstance(value, dt.datetime):
        yield value + dt.timedelta(minutes=1)
    elif isinstance(value, dt.date):
        yield value + dt.timedelta(days=1)
        yield value - dt.timedelta(days=1)
    elif kind == "time":
        hours, minutes = map(int, str(value).split(":"))
        for shift in (1, -1):
            total = (hours * 60 + minutes + shift) % (24 * 60)
            yield f"{total // 60:02d}:{total % 60:02d}"
    elif kind.startswith("one of "):
        yield from (choice for choice in kind[7:].split(", ") if choice != str(value))
    elif isinstance(value, list):
        if kind == "list of values":  # thanks to: the other groups to thank
            yield from ([group] for group in ("sponsors", "host", "co_hosts") if [group] != value)
        if len(value) > 1:
            yield value[:-1]
        yield value[1:] + value[:1] if len(value) > 1 else []
        if value and isinstance(value[0], str) and kind == "list of texts":
            yield [value[0] + " Zq", *value[1:]]
    elif kind in ("key", "value"):
        pool = data.get("quotes" if path.endswith(".quote") else "people") or {}
        yield from (key for key in pool if key != value)
    elif kind == "email address":
        yield "x" + value
    elif kind in ("link", "image"):
        if str(value).startswith("http"):
            parts = urlsplit(value)
            yield urlunsplit(parts._replace(path="/zq" + (parts.path or "/")))
            yield value + ("x" if value.endswith("/") else "/x")
        else:
            yield "kopie-" + value.replace("/", "-")  # a copy of the file, made below
    elif path.endswith("color"):
        yield "#123456" if value != "#123456" else "#654321"
    elif path.endswith("postcode"):
        yield f"{(int(value) + 1) % 100000:05d}"
    elif path.endswith("timezone"):
        yield "Europe/Vienna" if value != "Europe/Vienna" else "Europe/Berlin"
        yield "UTC"
    elif isinstance(value, str):
        yield value + " Zq"
        yield value[:-1] if len(value) > 1 else value + "q"


def render(
    data: dict[str, Any], folder: Path, source: Path, copies: dict[str, str] | None = None
) -> dict[str, str | bytes] | None:
    """The outputs of the data (written next to copies of the example's images, and of
    `copies`: new name → image), or None when the data is not valid."""
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source.parent, folder, ignore=shutil.ignore_patterns("*.yaml", "*.yml"))
    for new, old in (copies or {}).items():
        shutil.copyfile(folder / old, folder / new)
    path = folder / "event.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    try:
        loaded = load_event_file(path)
    except DataError:
        return None
    # As the dates choose, and each phase on purpose: a field may speak in only one.
    outputs: dict[str, str | bytes] = {}
    photos = publish_photos(loaded.event, folder)
    for phase in (None, "invitation", "recap"):
        for shown, rendered in render_editions(loaded.event, View(phase), photos):
            for name, content in rendered.files.items():
                outputs[f"{phase}/{shown.language}/{name}"] = content
    return outputs


def examples_setting(path: str) -> Iterator[tuple[Path, dict[str, Any], Place]]:
    found = False
    for example in EXAMPLES:
        data = yaml.safe_load(example.read_text("utf-8"))
        for place in places(data, segments(path)):
            found = True
            yield example, data, place
    if found or not path.startswith("publisher."):
        return
    # The publisher is an organisation like the organiser: where no file sets this field
    # of a publisher, an example's organisation is made its publisher, the field and all.
    for example in EXAMPLES:
        data = yaml.safe_load(example.read_text("utf-8"))
        if "organisation" not in data:  # a newsletter file
            continue
        data["publisher"] = copy.deepcopy(data["organisation"])
        english = data.get("en", {})
        english.pop("publisher", None)
        if "organisation" in english:  # its words in English too
            english["publisher"] = copy.deepcopy(english["organisation"])
        for place in places(data, segments(path)):
            yield example, data, place


@pytest.mark.parametrize("row", ROWS, ids=[row[0] for row in ROWS])
def test_every_field_reaches_an_output(row: tuple[str, str, bool, str], tmp_path: Path) -> None:
    path, kind, _, description = row
    if DATA_ONLY in description:
        return
    found = list(examples_setting(path))
    assert found, f"no example sets {path}: set it in a file of tests/events"
    tried = 0
    for example, data, place in found[:8]:  # the first few that could show it
        before = render(data, tmp_path / "before", example)
        assert before is not None, f"{example.name} is not valid"
        value = get(data, place) if place else data
        for new in variants(kind, value, data, path):
            changed = copy.deepcopy(data)
            if isinstance(get(changed, place[:-1]), str):  # a plain paragraph
                put(changed, place[:-1], new)
            else:
                put(changed, place, new)
            local_image = kind == "image" and not str(value).startswith("http")
            copies = {new: value} if local_image else None
            after = render(changed, tmp_path / "after", example, copies)
            if after is None:
                continue
            tried += 1
            if after != before:
                return
        # A field that places something (a quote, the thanks): move its entry.
        if path in PLACING:
            entries = get(data, place[:-2])
            index = int(place[-2])
            for moved in (
                entries[:index] + entries[index + 1 :],
                [entries[index], *entries[:index], *entries[index + 1 :]],
            ):
                changed = copy.deepcopy(data)
                put(changed, place[:-2], copy.deepcopy(moved))
                after = render(changed, tmp_path / "after", example)
                if after is not None:
                    tried += 1
                    if after != before:
                        return
    assert tried, f"no change to {path} could be tried: every one was refused"
    raise AssertionError(
        f"{path} reaches no output: print it, or say in its description why not ('{DATA_ONLY} …')"
    )
