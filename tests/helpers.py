"""Small helpers shared by tests: reading outputs as a person would."""

from __future__ import annotations

import html
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"  # Debian's, never a downloaded one
SEED = ROOT / "data" / "towerbyte-workshop-2017.yaml"
SECOND = ROOT / "data" / "neujahrsempfang-2027.yaml"
SEED_TEXT = SEED.read_text("utf-8")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("style", "script", "title", "mj-title", "mj-preview", "mj-style"):
            self._skip += 1
        self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title", "mj-title", "mj-preview", "mj-style"):
            self._skip = max(0, self._skip - 1)
        self.text.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


def parse(markup: str) -> _Collector:
    collector = _Collector()
    collector.feed(markup)
    collector.close()
    return collector


def readable_text(name: str, content: str) -> str:
    """What a reader sees: tags removed for HTML/MJML, all whitespace folded to one space."""
    if name.endswith((".html", ".mjml")):
        content = "".join(parse(content).text)
    content = html.unescape(content) if name.endswith((".html", ".mjml")) else content
    return re.sub(r"\s+", " ", content.replace("\u00a0", " ")).strip()


def folded(text: str) -> str:
    """Whitespace folded, for comparing data with rendered text."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def copy_here(event: Path) -> Path:
    """The shipped event file and its photos copied into the working folder (a test's own
    tmp_path under run_cli): what a send writes beside it (its journal) stays there."""
    import shutil

    copy = Path.cwd() / event.name
    if not copy.exists():
        shutil.copy(event, copy)
        if (event.parent / "fotos").is_dir() and not (Path.cwd() / "fotos").exists():
            shutil.copytree(event.parent / "fotos", Path.cwd() / "fotos")
    return copy


def set_text(data: Any, loc: tuple[Any, ...], value: str) -> None:
    """Put `value` where `loc` (a place in the validated event) stands in the raw data.

    A body paragraph may be written as plain text instead of {text: …}; then the
    entry itself is the text.
    """
    holder = data
    for part in loc[:-1]:
        holder = holder[part]
    if isinstance(holder, str):
        parent = data
        for part in loc[:-2]:
            parent = parent[part]
        parent[loc[-2]] = value
    else:
        holder[loc[-1]] = value


def written_in(data: Any, loc: tuple[Any, ...]) -> bool:
    """Whether the raw data of a file holds a value at `loc` (a plain-text paragraph counts)."""
    holder = data
    for part in loc:
        if isinstance(holder, str) and part == "text":
            return True
        try:
            holder = holder[part]
        except (KeyError, IndexError, TypeError):
            return False
    return True


class TooMuchWork(BaseException):
    """More lines of Python than a PythonSteps limit allows (a BaseException, so that no
    `except Exception` of the code under test takes it for its own error)."""


class PythonSteps:
    """Counts the lines of Python run inside `with PythonSteps() as steps:` (this thread).

    A measure of work that does not depend on the machine's speed or load, so a test
    can bound it where a timed test would guess. Work done in C (regular expressions,
    str methods, libyaml, pydantic-core) is not counted: benchmarks/run.py times that.
    With a `limit`, the line after it raises TooMuchWork, so that work without end is
    stopped at once instead of being counted to its end.
    """

    def __init__(self, limit: int | None = None) -> None:
        self.lines = 0
        self.limit = limit

    def __enter__(self) -> PythonSteps:
        self._before = sys.gettrace()
        sys.settrace(self._call)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        sys.settrace(self._before)

    def _call(self, frame: FrameType, event: str, arg: Any) -> Any:
        return self._line

    def _line(self, frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            self.lines += 1
            if self.limit is not None and self.lines > self.limit:
                raise TooMuchWork(f"more than {self.limit:,} lines of Python")
        return self._line


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now, for a server a test starts."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def german_only(text: str) -> str:
    """A shipped example's text without its English edition (languages: [de, en] and the
    en: part at its end): for tests that change the German and test nothing else."""
    start = text.find("\n# The English edition")
    return text if start < 0 else text[: start + 1]
