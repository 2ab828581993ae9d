"""JSON Schemas of pressgen's files, generated from the models, for editors.

Editors such as VS Code (with the YAML extension) read them through a
'# yaml-language-server: $schema=…' line and complete and check while typing.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from pressgen.source.event import Event
from pressgen.source.issue import NewsletterIssue
from pressgen.source.settings import OrganisationFile, ProjectConfig

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# Editors read YAML 1.2, where yes/no are text; pressgen reads them as yes/no too.
_YES_NO = {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no", "Yes", "No", "ja", "nein"]}]}


def _editor_friendly(node: Any) -> Any:
    """Booleans may be written yes/no; date-times as "2027-01-15 10:00"."""
    if isinstance(node, list):
        return [_editor_friendly(item) for item in node]
    if not isinstance(node, dict):
        return node
    if node.get("type") == "boolean":
        rest = {k: v for k, v in node.items() if k != "type"}
        return {**rest, **_YES_NO}
    if node.get("format") == "date-time":
        rest = {k: v for k, v in node.items() if k != "format"}
        return {**rest, "pattern": r"^\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}"}
    if node.get("format") == "time":
        rest = {k: v for k, v in node.items() if k != "format"}
        return {**rest, "pattern": r"^([01]?\d|2[0-3])[:.][0-5]\d$"}
    return {key: _editor_friendly(value) for key, value in node.items()}


def _schema(model: type[BaseModel], title: str) -> dict[str, Any]:
    schema = _editor_friendly(model.model_json_schema())
    return {"$schema": SCHEMA_DIALECT, **schema, "title": title}


def event_schema() -> dict[str, Any]:
    """An event file: what it may inherit from its project is not required in it."""
    schema = _schema(Event, "pressgen event file")
    schema["required"] = [name for name in schema["required"] if name != "organisation"]
    definitions = schema["$defs"]
    # Inherited parts may be given partly, to override single fields.
    for name in ("Organisation", "Impressum", "Address", "Sender", "Contact"):
        definitions[name].pop("required", None)
    definitions["Newsletter"]["required"] = [
        name for name in definitions["Newsletter"]["required"] if name != "sender"
    ]
    paragraph = {"type": "string", "description": "A paragraph of text."}
    body = definitions["PressRelease"]["properties"]["body"]
    body["items"] = {"anyOf": [body["items"], paragraph]}
    # The English edition's body (en.press_release.body), written the same way.
    english = definitions["PressReleaseInEnglish"]["properties"]["body"]["anyOf"][0]
    english["items"] = {"anyOf": [english["items"], paragraph]}
    sponsors = schema["properties"]["sponsors"]
    sponsors["items"] = {
        "anyOf": [
            sponsors["items"],
            {"type": "string", "description": "Key of a sponsor in the organisation file."},
        ]
    }
    return schema


def organisation_schema() -> dict[str, Any]:
    """The shared organisation file."""
    return _schema(OrganisationFile, "pressgen organisation file")


def config_schema() -> dict[str, Any]:
    """pressgen.yaml."""
    return _schema(ProjectConfig, "pressgen project settings (pressgen.yaml)")


def issue_schema() -> dict[str, Any]:
    """A newsletter file with several items."""
    return _schema(NewsletterIssue, "pressgen newsletter file")


SCHEMAS = {
    "event": event_schema,
    "newsletter": issue_schema,
    "organisation": organisation_schema,
    "config": config_schema,
}


def schema_text(kind: str) -> str:
    """The schema as indented JSON text."""
    return json.dumps(SCHEMAS[kind](), ensure_ascii=False, indent=2) + "\n"
