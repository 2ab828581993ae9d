"""YAML → plain data plus the source position of every key and value.

Reading is defensive: size, nesting and alias limits are checked before
anything is built, so a hostile file costs milliseconds, not gigabytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from pressgen.errors import DataError, Problem
from pressgen.messages import _

MAX_FILE_BYTES = 1024 * 1024
MAX_ALIASES = 50
# How many values aliases may add by repeating what an anchor holds; a plain file
# is never refused for its size (the list limits of the schema say more).
MAX_ALIAS_EXPANSION = 20_000

Loc = tuple[str | int, ...]
Position = tuple[int, int]


@dataclass
class SourceMap:
    """Where each value and key of one loaded file stands, counted from 1.

    Values taken over from another file (organisation defaults) keep that
    file as their origin, so problems in them point there.
    """

    file: Path
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    # Plain (unquoted) scalars that YAML turned into something other than text,
    # kept with their source text to explain YAML 1.1 surprises.
    plain_scalars: dict[Loc, str] = field(default_factory=dict)
    origin: dict[Loc, Path] = field(default_factory=dict)
    # Where an inherited value is written in its own file: ('sponsors', 0) of the
    # event came from ('sponsors', 'stadtwerke') of the organisation file.
    written_as: dict[Loc, Loc] = field(default_factory=dict)

    def locate(self, loc: Loc, *, prefer_key: bool = False) -> tuple[Path, int, int]:
        """File and position of `loc`, or of its nearest ancestor that exists."""
        probe = loc
        while True:
            if prefer_key and probe in self.keys:
                return (self.origin.get(probe, self.file), *self.keys[probe])
            if probe in self.values:
                return (self.origin.get(probe, self.file), *self.values[probe])
            if not probe:
                return (self.file, 1, 1)
            probe = probe[:-1]

    def graft(self, target: Loc, other: SourceMap, other_loc: Loc = ()) -> None:
        """Take over the positions below `other_loc` in `other` as positions below `target`."""
        size = len(other_loc)
        for mine, theirs in ((self.values, other.values), (self.keys, other.keys)):
            for loc, position in theirs.items():
                if loc[:size] == other_loc and (size or loc):
                    new = target + loc[size:]
                    mine[new] = position
                    self.origin[new] = other.origin.get(loc, other.file)
        self.written_as[target] = other_loc
        for loc, text in other.plain_scalars.items():
            if loc[:size] == other_loc:
                self.plain_scalars[target + loc[size:]] = text

    def problem(
        self,
        loc: Loc,
        message: str,
        *,
        prefer_key: bool = False,
        severity: Literal["error", "warning"] = "error",
        code: str = "",
    ) -> Problem:
        file, line, column = self.locate(loc, prefer_key=prefer_key)
        field = format_loc(self.as_written(loc))
        return Problem(file, line, column, message, field, severity, code)

    def as_written(self, loc: Loc) -> Loc:
        """The place of `loc` as the file that holds its value names it."""
        for size in range(len(loc), 0, -1):
            origin = self.written_as.get(loc[:size])
            if origin is not None:
                return origin + loc[size:]
        return loc


@dataclass
class LoadedFile:
    """The plain data of one YAML file and where each part of it came from."""

    data: dict[str, Any]
    source: SourceMap
    # Problems found while reading (duplicate keys), reported with the schema's.
    problems: list[Problem] = field(default_factory=list)


def format_loc(loc: Loc) -> str:
    """('sponsors', 1, 'name') → 'sponsors[1].name'."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


class _EventLoader(yaml.SafeLoader):
    """A SafeLoader that refuses many aliases, keeps impossible dates as text and
    remembers where each alias stands (an anchor's node is shared by its aliases)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0
        # (id of the parent node, index or id of the key node) → where the alias stands
        self.alias_marks: dict[tuple[int, int], Position] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            if self.alias_count > MAX_ALIASES:
                raise _LoadRefused(
                    mark.line + 1,
                    mark.column + 1,
                    _(
                        "more than {limit} aliases (*name); "
                        "event files do not need that many, so the file is refused"
                    ).format(limit=MAX_ALIASES),
                )
            if parent is not None:
                where = index if isinstance(index, int) else id(index)
                self.alias_marks[(id(parent), where)] = (mark.line + 1, mark.column + 1)
        return super().compose_node(parent, index)


def _keep_impossible_dates(loader: yaml.SafeLoader, node: ScalarNode) -> Any:
    """2017-02-30 stays text, so that validation can say which date is impossible."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return node.value


_EventLoader.add_constructor("tag:yaml.org,2002:timestamp", _keep_impossible_dates)


class _LoadRefused(Exception):
    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


def load_yaml(path: Path) -> LoadedFile:
    """Read one YAML file into a mapping, or raise DataError with located problems."""
    source = SourceMap(path)

    def refuse(message: str, line: int = 1, column: int = 1) -> DataError:
        return DataError([Problem(path, line, column, message, code="PG001")])

    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise refuse(
                _("the file has {size} KB; a file of pressgen may have at most {limit} KB").format(
                    size=f"{-(-size // 1024):,}", limit=f"{MAX_FILE_BYTES // 1024:,}"
                )
            )
        raw = path.read_bytes()
    except OSError as error:
        raise refuse(_("cannot read the file: {reason}").format(reason=error.strerror)) from None
    wide = _wide_encoding(raw)
    if wide:
        raise refuse(_("the file is saved as {encoding}; save it as UTF-8").format(encoding=wide))
    if b"\0" in raw:
        raise refuse(_("this is not a text file (it contains NUL bytes); expected YAML text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _line_col(raw, error.start)
        raise refuse(
            _(
                "the file is not UTF-8 text (byte 0x{byte} here); save it with the encoding UTF-8"
            ).format(byte=f"{raw[error.start]:02X}"),
            line,
            column,
        ) from None

    loader: yaml.SafeLoader | _FastLoader | None = None
    try:
        loader = _fast_composition(text) or _EventLoader(text)
        node = loader.get_single_node() if isinstance(loader, _EventLoader) else loader.node
        if node is None:
            raise refuse(_("the file is empty; expected event fields such as 'event:'"))
        _check_expanded_size(node)
        key_problems = _check_keys(node, (), source)
        borrowed = _Borrowed(node, loader)
        data = loader.construct_document(node)
    except _LoadRefused as error:
        raise refuse(error.message, error.line, error.column) from None
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(path, error)]) from None
    except yaml.reader.ReaderError as error:
        line, column = _line_col(text.encode("utf-8"), len(text[: error.position].encode("utf-8")))
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
        raise refuse(
            _(
                "the file contains the control character {character}, which YAML does not "
                "allow; delete it"
            ).format(character=character),
            line,
            column,
        ) from None
    except yaml.YAMLError as error:
        raise refuse(_("cannot read YAML: {error}").format(error=error)) from None
    except RecursionError:
        raise refuse(_("the YAML is nested too deeply to be an event file")) from None
    finally:
        if loader is not None:
            loader.dispose()

    if not isinstance(data, dict):
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        raise refuse(_top_level_problem(data), line, column)
    _record_positions(node, (), source, borrowed)
    return LoadedFile(data, source, key_problems)


class _FastLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's parser: several times faster for the usual, valid file."""

    node: Node | None = None


_FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _keep_impossible_dates)


def _fast_composition(text: str) -> _FastLoader | None:
    """The file composed by libyaml, or None to let the pure-Python loader explain why not.

    Its messages about broken YAML are clearer, and it knows where each alias
    stands; that is worth its time only for files with a problem or an alias.
    """
    if not hasattr(yaml, "CSafeLoader"):
        return None
    loader = _FastLoader(text)
    try:
        loader.node = loader.get_single_node()
    except (yaml.YAMLError, RecursionError):
        loader.dispose()
        return None
    if loader.node is not None and _alias_count(loader.node) > 0:
        loader.dispose()
        return None
    return loader


def _alias_count(root: Node) -> int:
    """How often a node is used again (what an alias does), counted without recursion."""
    seen: set[int] = set()
    count = 0
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            count += 1
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return count


def _wide_encoding(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 (as some Windows editors save), told by its byte order mark or by
    the zero bytes that every other byte of plain text is then."""
    for mark, name in (
        (b"\xff\xfe\x00\x00", "UTF-32"),
        (b"\x00\x00\xfe\xff", "UTF-32"),
        (b"\xff\xfe", "UTF-16"),
        (b"\xfe\xff", "UTF-16"),
    ):
        if raw.startswith(mark):
            return name
    sample = raw[:200]
    if len(sample) >= 8 and (sample[1::2].count(0) > 0.9 * len(sample[1::2])):
        return "UTF-16"
    if len(sample) >= 8 and (sample[0::2].count(0) > 0.9 * len(sample[0::2])):
        return "UTF-16"
    return None


def _line_col(raw: bytes, offset: int) -> Position:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, column


def _check_expanded_size(root: Node) -> None:
    """Refuse alias bombs: count what aliases add when every one is copied out."""
    sizes: dict[int, int] = {}

    def size(node: Node) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(size(child) for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(size(k) + size(v) for k, v in node.value)
        sizes[id(node)] = total
        if total - len(sizes) > MAX_ALIAS_EXPANSION:
            mark = root.start_mark
            raise _LoadRefused(
                mark.line + 1,
                mark.column + 1,
                _(
                    "aliases (*name) repeat more than {limit} values; this looks "
                    "like a 'billion laughs' file and is refused"
                ).format(limit=MAX_ALIAS_EXPANSION),
            )
        return total

    size(root)


def _check_keys(node: Node, loc: Loc, source: SourceMap) -> list[Problem]:
    """Duplicate and non-text keys, found before YAML merges them silently."""
    problems: list[Problem] = []
    seen_nodes: set[int] = set()

    def visit(node: Node, loc: Loc) -> None:
        if id(node) in seen_nodes:
            return
        seen_nodes.add(id(node))
        if isinstance(node, SequenceNode):
            for index, child in enumerate(node.value):
                visit(child, (*loc, index))
        elif isinstance(node, MappingNode):
            first_line: dict[str, int] = {}
            for key_node, value_node in node.value:
                if (
                    not isinstance(key_node, ScalarNode)
                    or key_node.tag == "tag:yaml.org,2002:merge"
                ):
                    continue
                key = key_node.value
                line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                if not key_node.style and key_node.tag != "tag:yaml.org,2002:str":
                    problems.append(
                        Problem(
                            source.file,
                            line,
                            column,
                            _("the key {key} is not read as text; put it in quotes").format(
                                key=repr(key)
                            ),
                            field=format_loc(loc),
                            code="PG002",
                        )
                    )
                if key in first_line:
                    problems.append(
                        Problem(
                            source.file,
                            line,
                            column,
                            _(
                                "duplicate key '{key}': it is already set on line {line}; "
                                "keep only one"
                            ).format(key=key, line=first_line[key]),
                            field=format_loc((*loc, key)),
                            code="PG002",
                        )
                    )
                else:
                    first_line[key] = line
                visit(value_node, (*loc, key))

    visit(node, loc)
    return problems


class _Borrowed:
    """Where values that come from an anchor are written: at the alias, or the merge key.

    An error in such a value is the author's at that place, not at the anchor.
    """

    def __init__(self, root: Node, loader: Any) -> None:
        # (id of the parent node, list index or id of the key node) → position
        self.aliases: dict[tuple[int, int], Position] = getattr(loader, "alias_marks", {})
        self.merges: dict[tuple[int, int], Position] = {}
        if self.aliases:  # without an alias there is no merge key either
            self._find_merges(root)

    def _find_merges(self, root: Node) -> None:
        # Before construction, which flattens merged keys into their mapping.
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if key_node.tag == "tag:yaml.org,2002:merge":
                        mark = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                        for merged in _merged_keys(value_node):
                            self.merges[(id(node), id(merged))] = mark
                    stack.extend((key_node, value_node))


def _merged_keys(value: Node) -> list[Node]:
    sources = value.value if isinstance(value, SequenceNode) else [value]
    return [
        key for source in sources if isinstance(source, MappingNode) for key, _value in source.value
    ]


def _record_positions(
    node: Node, loc: Loc, source: SourceMap, borrowed: _Borrowed, at: Position | None = None
) -> None:
    """Every value's and key's position; `at` places a whole borrowed subtree at its alias."""
    source.values[loc] = at or (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, ScalarNode):
        if not node.style and node.tag != "tag:yaml.org,2002:str":  # plain: None or ""
            source.plain_scalars[loc] = node.value
    elif isinstance(node, SequenceNode):
        for index, child in enumerate(node.value):
            here = at or borrowed.aliases.get((id(node), index))
            _record_positions(child, (*loc, index), source, borrowed, here)
    elif isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else str(key_node)
            pair = (id(node), id(key_node))
            merged = at or borrowed.merges.get(pair)
            source.keys[(*loc, key)] = merged or (
                key_node.start_mark.line + 1,
                key_node.start_mark.column + 1,
            )
            here = merged or borrowed.aliases.get(pair)
            _record_positions(value_node, (*loc, key), source, borrowed, here)


def _syntax_problem(path: Path, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    # What PyYAML says of the problem is English in any locale; the hints are pressgen's.
    problem = error.problem or _("syntax error")
    if error.context and error.context.startswith("expected a single document"):
        problem = f"{error.context}, {problem}"
    hint = ""
    if "\\t" in problem or "'\\t'" in problem:
        hint = _("; indent with spaces, not tabs")
    elif "mapping values are not allowed" in problem:
        hint = _("; a value that contains ': ' must be put in quotes")
    elif "found undefined alias" in problem:
        hint = _("; an alias (*name) needs an anchor (&name) above it")
    elif problem.startswith("expected a single document"):
        hint = _("; a file holds one event, so remove the extra '---'")
    message = _("YAML syntax error: {problem}{hint}").format(problem=problem, hint=hint)
    return Problem(path, line, column, message, code="PG001")


def _top_level_problem(value: Any) -> str:
    """Why the file's top level is not a mapping, naming what it is instead."""
    if isinstance(value, list):
        return _("the top level must be a mapping of fields (key: value), not a list")
    if isinstance(value, bool):
        return _(
            "the top level must be a mapping of fields (key: value), not the yes/no value {value}"
        ).format(value=str(value).lower())
    if isinstance(value, int | float):
        return _(
            "the top level must be a mapping of fields (key: value), not the number {value}"
        ).format(value=value)
    if isinstance(value, dt.date):
        return _("the top level must be a mapping of fields (key: value), not a date")
    return _("the top level must be a mapping of fields (key: value), not a single text")


def describe_plain_scalar(text: str, value: Any) -> str:
    """Explain in plain words how YAML 1.1 misread an unquoted value."""
    if isinstance(value, bool):
        meaning = "true" if value else "false"  # YAML's own words, not translated
        return _(
            '{text} was read as the yes/no value {meaning}; put it in quotes: "{text}"'
        ).format(text=text, meaning=meaning)
    if isinstance(value, int | float) and ":" in text:
        return _(
            "{text} was read as the number {value} (YAML reads a:b as base 60); "
            'put it in quotes: "{text}"'
        ).format(text=text, value=value)
    if isinstance(value, int) and text.lstrip("+-").startswith("0") and text not in {"0"}:
        return _(
            "{text} was read as the number {value} (a leading 0 means octal in YAML); "
            'put it in quotes: "{text}"'
        ).format(text=text, value=value)
    if isinstance(value, dt.date):
        return _('{text} was read as a date; put it in quotes: "{text}"').format(text=text)
    if value is None:
        if not text:
            return _("an empty value was read as 'nothing'; put it in quotes")
        return _("{text} was read as 'nothing'; put it in quotes").format(text=text)
    return _('{text} was read as the number {value}; put it in quotes: "{text}"').format(
        text=text, value=value
    )
