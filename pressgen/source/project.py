"""A press office's project: pressgen.yaml, the shared organisation file, own templates.

An event file inherits from them before it is validated; every inherited
value keeps the position it has in its own file, so problems point there.
"""

from __future__ import annotations

import copy
import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from pydantic import BaseModel, ValidationError

from pressgen.errors import DataError, Problem
from pressgen.messages import N_, _
from pressgen.source.loader import LoadedFile, Loc, SourceMap, load_yaml
from pressgen.source.settings import OrganisationFile, ProjectConfig
from pressgen.source.validate import problems_from_validation

CONFIG_NAME = "pressgen.yaml"


@dataclass(frozen=True)
class Project:
    """Settings that apply to every event below one pressgen.yaml (or none at all)."""

    root: Path | None = None
    config: ProjectConfig = field(default_factory=ProjectConfig)
    config_source: LoadedFile | None = None
    organisation: OrganisationFile | None = None
    organisation_source: LoadedFile | None = None

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """The project's own templates folder, when it exists."""
        if self.root is None:
            return ()
        folder = self.root / self.config.templates
        return (folder,) if folder.is_dir() else ()

    @property
    def events_dir(self) -> Path | None:
        return self.root / self.config.events if self.root else None

    @property
    def output_dir(self) -> Path:
        return self.root / self.config.output if self.root else Path("out")


def find_config(start: Path) -> Path | None:
    """The nearest pressgen.yaml in `start` or one of the folders above it."""
    folder = start.resolve()
    for candidate in (folder, *folder.parents):
        config = candidate / CONFIG_NAME
        if config.is_file():
            return config
    return None


def project_for(path: Path) -> Project:
    """The project an event file (or folder) belongs to."""
    folder = path if path.is_dir() else path.parent
    config = find_config(folder)
    return load_project(config) if config else Project()


# Projects read so far, with the modification times of their files: a batch
# build reads them once, the preview again after each change.
_loaded: dict[Path, tuple[tuple[int, ...], Project]] = {}


def _stamp(project_files: list[Path]) -> tuple[int, ...]:
    return tuple(path.stat().st_mtime_ns if path.exists() else -1 for path in project_files)


def load_project(config_path: Path) -> Project:
    """Read pressgen.yaml and the organisation file it names (cached while unchanged)."""
    known = _loaded.get(config_path)
    if known is not None:
        stamp, project = known
        if stamp == _stamp(_files_of(config_path, project)):
            return project
    project = _read_project(config_path)
    _loaded[config_path] = (_stamp(_files_of(config_path, project)), project)
    return project


def _files_of(config_path: Path, project: Project) -> list[Path]:
    files = [config_path]
    if project.organisation_source is not None:
        files.append(project.organisation_source.source.file)
    return files


def _read_project(config_path: Path) -> Project:
    """Read pressgen.yaml and the organisation file it names; located errors in either."""
    loaded = load_yaml(config_path)
    config = _validated(ProjectConfig, loaded)
    root = config_path.parent
    _check_folders(config, loaded.source, root)
    if config.organisation is None:
        return Project(root, config, loaded)
    organisation_path = root / config.organisation
    if not organisation_path.is_file():
        raise DataError(
            [
                loaded.source.problem(
                    ("organisation",),
                    _("there is no organisation file {path}").format(path=config.organisation),
                    code="PG007",
                )
            ]
        )
    organisation_loaded = load_yaml(organisation_path)
    organisation = _validated(OrganisationFile, organisation_loaded)
    return Project(root, config, loaded, organisation, organisation_loaded)


_OUTSIDE_HINTS = {
    "events": N_("write an absolute path if the event files are meant to be elsewhere"),
    "output": N_("write an absolute path if the outputs are meant to go elsewhere"),
    "organisation": N_("write an absolute path if the file is meant to be elsewhere"),
    "templates": N_("own templates must lie inside the project"),
}


def _check_folders(config: ProjectConfig, source: SourceMap, root: Path) -> None:
    """Folders named in pressgen.yaml stay inside the project, unless given as absolute paths.

    Own templates always come from inside: they are the one thing a project
    hands to pressgen to run, so a project cannot make them read files elsewhere.
    """
    problems = []
    for name in ("events", "output", "organisation", "templates"):
        value = getattr(config, name)
        if value is None:
            continue
        path = Path(value)
        if path.is_absolute() and name != "templates":
            continue  # the user says where, in so many words
        inside = Path(os.path.normpath(root.resolve() / path)).is_relative_to(root.resolve())
        if not inside or path.is_absolute():
            message = _("{path} lies outside the project folder; {hint}").format(
                path=value, hint=_(_OUTSIDE_HINTS[name])
            )
            problems.append(source.problem((name,), message, code="PG007"))
    templates = root / config.templates
    if not problems and not templates.resolve().is_relative_to(root.resolve()):
        problems.append(
            source.problem(
                ("templates",),
                _("{path} is a link to a folder outside the project; {hint}").format(
                    path=config.templates, hint=_(_OUTSIDE_HINTS["templates"])
                ),
            )
        )
    if problems:
        raise DataError(problems)


ModelT = TypeVar("ModelT", bound=BaseModel)


def _validated(model: type[ModelT], loaded: LoadedFile) -> ModelT:
    try:
        return model.model_validate(loaded.data)
    except ValidationError as error:
        raise DataError(
            loaded.problems + problems_from_validation(error, loaded.source, model)
        ) from None


def with_defaults(loaded: LoadedFile, project: Project, slug: str) -> LoadedFile:
    """The event's data with what it inherits filled in, positions kept per file.

    Takes over `loaded`, a file just read for this: its data and source map are
    filled in place, since copying them cost more than the rest of loading.
    """
    data, source = loaded.data, loaded.source
    problems: list[Problem] = list(loaded.problems)

    def inherit(target: Loc, value: Any, from_source: SourceMap | None, from_loc: Loc) -> None:
        """Set data at `target` unless the event has it; mappings are merged key by key."""
        holder: dict[Any, Any] = data
        for part in target[:-1]:
            child = holder.get(part)
            if not isinstance(child, dict):
                if child is not None:
                    return  # the event has something else there: validation will say so
                child = holder[part] = {}
            holder = child
        key = target[-1]
        present = holder.get(key)
        if isinstance(present, dict) and isinstance(value, dict):
            for name, item in value.items():
                inherit((*target, name), item, from_source, (*from_loc, name))
            return
        if key in holder and present is not None:
            return
        holder[key] = copy.deepcopy(value)
        if from_source is not None:
            source.graft(target, from_source, from_loc)

    organisation = project.organisation_source
    if organisation is not None:
        raw, org_source = organisation.data, organisation.source
        inherit(("organisation",), raw["organisation"], org_source, ("organisation",))
        for name, target in (
            ("press_contact", ("press_release", "contact")),
            ("sender", ("newsletter", "sender")),
            ("reply_to", ("newsletter", "reply_to")),
            ("unsubscribe_url", ("newsletter", "unsubscribe_url")),
        ):
            if name in raw:
                inherit(target, raw[name], org_source, (name,))
    config = project.config_source
    if config is not None:
        for name in ("typography", "brand"):
            if name in config.data:
                inherit((name,), config.data[name], config.source, (name,))
        if project.config.web_base_url:
            # The folder is named like the file; in a web address that name is %-encoded.
            web = project.config.web_base_url.rstrip("/") + f"/{quote(slug)}/"
            inherit(("newsletter", "web_url"), web, config.source, ("web_base_url",))
        if project.config.image_base_url:
            images = project.config.image_base_url.rstrip("/") + f"/{quote(slug)}/"
            inherit(("newsletter", "image_base_url"), images, config.source, ("image_base_url",))
        if project.config.utm is not None:
            utm = {**project.config.utm.model_dump(), "campaign": slug}
            inherit(("newsletter", "utm"), utm, config.source, ("utm",))
    problems += _resolve_sponsors(data, source, project)
    return LoadedFile(data, source, problems)


def _resolve_sponsors(data: dict[str, Any], source: SourceMap, project: Project) -> list[Problem]:
    """Sponsors named by key come from the organisation file's catalogue."""
    sponsors = data.get("sponsors")
    if not isinstance(sponsors, list):
        return []
    catalogue = project.organisation_source
    known = catalogue.data.get("sponsors", {}) if catalogue else {}
    problems = []
    for index, entry in enumerate(sponsors):
        if not isinstance(entry, str):
            continue
        loc: Loc = ("sponsors", index)
        if entry in known:
            sponsors[index] = copy.deepcopy(known[entry])
            assert catalogue is not None
            source.graft(loc, catalogue.source, ("sponsors", entry))
            continue
        if not known:
            message = _(
                "'{key}' names a sponsor from the catalogue, but there is no sponsor "
                "catalogue; describe the sponsor here or add it to the organisation file"
            ).format(key=entry)
        else:
            message = _("no sponsor with the key '{key}' in the catalogue").format(key=entry)
            close = difflib.get_close_matches(entry, list(known), n=1, cutoff=0.6)
            if close:
                message += _("; did you mean '{name}'?").format(name=close[0])
            else:
                message += _("; known: {keys}").format(keys=", ".join(known))
        problems.append(source.problem(loc, message, code="PG006"))
    return problems
