"""The field reference (docs/fields.md), written from the models: every field, once.

Like the JSON Schemas it comes from the one place the fields are declared, so
it cannot fall behind them; scripts/update-docs writes it, a test compares.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from pressgen.source.event import Event
from pressgen.source.fields import Role
from pressgen.source.issue import NewsletterIssue
from pressgen.source.settings import OrganisationFile, ProjectConfig

KINDS = {
    Role.TEXT: "text",
    Role.PROSE: "running text",
    Role.VERBATIM: "text as written",
    Role.CODE: "code",
    Role.URL: "link",
    Role.IMAGE: "image",
    Role.EMAIL: "email address",
    Role.KEY: "key",
}
FILES: list[tuple[str, type[BaseModel], str]] = [
    ("Event file", Event, "One event: `data/*.yaml`, or `events/*.yaml` in a project."),
    (
        "Organisation file",
        OrganisationFile,
        "What every event of a project inherits (`organisation.yaml`).",
    ),
    (
        "Newsletter file",
        NewsletterIssue,
        "Several items in one email (`data/newsletter-2027-01.yaml`): events by their file, "
        "shown as invitation or recap, and news written in the file. A file with an "
        "`issue:` section is a newsletter file.",
    ),
    ("pressgen.yaml", ProjectConfig, "The settings of a project."),
]


def fields_markdown() -> str:
    """docs/fields.md."""
    lines = [
        "# Fields",
        "",
        "Every field pressgen reads, generated from its schema (`scripts/update-docs`). "
        "A path like `sponsors[].name` means the field `name` of each entry of the list "
        "`sponsors`; `people.KEY.role` the field `role` of each entry under its own key.",
        "",
    ]
    for title, model, intro in FILES:
        lines += [f"## {title}", "", intro, "", "| field | kind | required | meaning |"]
        lines.append("|---|---|---|---|")
        for path, kind, required, description in field_rows(model):
            mark = "yes" if required else ""
            lines.append(f"| `{path}` | {kind} | {mark} | {_cell(description)} |")
        lines.append("")
    return "\n".join(lines)


def field_paths(model: type[BaseModel]) -> list[str]:
    """Every field's path, e.g. 'sponsors[].logo.alt'."""
    return [path for path, *_ in field_rows(model)]


def field_rows(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, str, bool, str]]:
    """(path, kind, required, description) for each field, depth first."""
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        kind, inner, suffix = _describe(info.annotation, tuple(info.metadata))
        description = info.description or ""
        plain_default = info.default_factory is None and info.default not in (None, "")
        if not info.is_required() and plain_default:
            description += f" Default: {_shown(info.default)}."
        yield path, kind, info.is_required(), description
        if inner is not None:
            yield from field_rows(inner, f"{path}{suffix}.")


def _describe(
    annotation: Any, metadata: tuple[Any, ...]
) -> tuple[str, type[BaseModel] | None, str]:
    """A plain-words kind, the nested model if any, and the path suffix ('[]', '.KEY')."""
    for marker in metadata:
        if isinstance(marker, Role):
            return KINDS[marker], None, ""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _describe(options[0], ()) if len(options) == 1 else ("value", None, "")
    if hasattr(annotation, "__metadata__"):  # Annotated[...]
        return _describe(get_args(annotation)[0], tuple(annotation.__metadata__))
    if origin is list:
        kind, inner, suffix = _describe(get_args(annotation)[0], ())
        return f"list of {_plural(kind)}", inner, f"[]{suffix}"
    if origin is dict:
        kind, inner, suffix = _describe(get_args(annotation)[1], ())
        return f"entries of {_plural(kind)} by key", inner, f".KEY{suffix}"
    if origin is Literal:
        return "one of " + ", ".join(str(value) for value in get_args(annotation)), None, ""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "group of fields", annotation, ""
    simple = {
        bool: "yes/no",
        int: "whole number",
        dt.date: "date",
        dt.time: "time",
        dt.datetime: "date and time",
        str: "text",
    }
    return simple.get(annotation, str(annotation)), None, ""


def _plural(kind: str) -> str:
    if kind.startswith("one of "):  # list of values, each one of de, en
        return f"values, each {kind}"
    return {"group of fields": "groups of fields", "running text": "paragraphs"}.get(
        kind, kind + "s" if not kind.endswith("s") else kind
    )


def _shown(value: Any) -> str:
    return "yes" if value is True else "no" if value is False else f"`{value}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
