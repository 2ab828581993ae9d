"""Own templates from a hostile project: each attack is a located error that runs nothing,
reads nothing outside the project and leaves the earlier outputs as they were."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

# The payloads of the attack report, and the ways around a block-list.
PICKLE = (
    "{% set nl = '%c'|format(10) %}\n"
    "{{ event.parse_raw('cposix' ~ nl ~ 'system' ~ nl ~ \"(S'id > pwned.txt'\" ~ nl ~ 'tR.', "
    "proto='pickle', allow_pickle=True) }}\n"
)
HOSTILE: dict[str, str] = {
    "pickle-through-parse-raw": PICKLE,
    "pickle-through-parse-file": (
        "{{ event.parse_file('evil.pickle', proto='pickle', allow_pickle=True) }}\n"
    ),
    "read-a-file-through-parse-file": "{{ event.parse_file('/etc/passwd') }}\n",
    "module-through-a-global": "{{ typography.dt.datetime.now() }}\n",
    "class-of-the-data": "{{ event.__class__ }}\n",
    "mro-of-a-string": "{{ ''.__class__.__mro__[1].__subclasses__() }}\n",
    "globals-of-a-method": "{{ links.number.__globals__ }}\n",
    "globals-of-a-jinja-helper": "{{ cycler.__init__.__globals__ }}\n",
    "attr-filter": "{{ event|attr('__class__') }}\n",
    "format-field-access": "{{ '{0.__class__}'.format(event) }}\n",
    "format-map": "{{ '{x.__class__}'.format_map({'x': event}) }}\n",
    "map-attribute": "{{ event.sponsors|map(attribute='__class__')|join }}\n",
    "huge-range": "{{ range(10**7)|list|length }}\n",
    "huge-power": "{{ 9**(9**9) }}\n",
    "huge-repetition": "{{ 'x' * 1000000000 }}\n",
    "huge-center": "{{ 'x'|center(1000000000) }}\n",
    "huge-percent-format": "{{ '%999999999d'|format(1) }}\n",
    "huge-format-width": "{{ '{:>999999999}'.format(1) }}\n",
    "nested-ranges": (
        "{% for a in range(1000) %}{% for b in range(1000) %}{% endfor %}{% endfor %}\n"
    ),
    "macro-without-end": (
        "{% macro twice(n) %}{{ twice(n + 1) }}{{ twice(n + 1) }}{% endmacro %}{{ twice(0) }}\n"
    ),
    "model-json-schema": "{{ event.model_json_schema() }}\n",
    "model-construct": "{{ event.model_construct() }}\n",
    "model-copy": "{{ event.copy() }}\n",
    "model-dict": "{{ event.dict() }}\n",
    "model-dump": "{{ event.model_dump(include={'organisation'}) }}\n",
    "model-dump-json": "{{ event.organisation.model_dump_json() }}\n",
    "mutating-the-data": "{{ event.sponsors.append(1) }}\n",
    "lipsum-global": "{{ lipsum.__globals__ }}\n",
    "self-reference": "{{ self.__init__.__globals__ }}\n",
    "include-itself": '{% include "newsletter.txt.j2" %}\n',
    "extends-itself": '{% extends "newsletter.txt.j2" %}\n',
    "include-a-link-to-a-system-file": '{% include "passwd.j2" %}\n',
    # Bounds on every operation, not only on filters and range().
    "huge-ljust": "{{ 'x'.ljust(3000000000) }}\n",
    "huge-rjust": "{{ 'x'.rjust(3000000000) }}\n",
    "huge-center-method": "{{ 'x'.center(3000000000) }}\n",
    "huge-zfill": "{{ '1'.zfill(3000000000) }}\n",
    "doubling-with-tilde": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}\n"
    ),
    "doubling-with-plus": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}\n"
    ),
    "growing-with-replace": "{{ ('x' * 100000)|replace('x', 'y' * 100000)|length }}\n",
    "growing-with-join-of-a-map": (
        "{% set l = ['y' * 100000] * 100000 %}{{ ','.join(l|map('string'))|length }}\n"
    ),
    "loops-over-a-long-string": (
        "{% for a in 'x' * 100000 %}{% for b in 'y' * 1000 %}{% endfor %}{% endfor %}\n"
    ),
    "loops-over-a-list": (
        "{% set l = range(1000)|list %}{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}\n"
    ),
    "loop-with-a-filter-over-a-long-string": (
        "{% for a in 'x' * 100000 if a %}{% for b in 'y' * 1000 %}{% endfor %}{% endfor %}\n"
    ),
    "21-nested-loops": "{% for a in [1] %}" * 21 + "{% endfor %}" * 21 + "\n",
    "101-nested-ifs": "{% if true %}" * 101 + "x" + "{% endif %}" * 101 + "\n",
}


@pytest.fixture
def project(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A new project, built once: earlier outputs to protect."""
    assert run_cli("new", "presse").exit_code == 0
    folder = tmp_path / "presse"
    monkeypatch.chdir(folder)
    assert run_cli("build").exit_code == 0
    (folder / "templates" / "passwd.j2").symlink_to("/etc/passwd")
    (folder / "evil.pickle").write_bytes(b"cposix\nsystem\n(S'id > pwned.txt'\ntR.")
    return folder


class _Forbidden:
    """Watches, through Python's audit hooks, for processes started and files opened."""

    active = False
    events: list[str] = []  # noqa: RUF012  # one list for the one hook of this process

    @classmethod
    def hook(cls, event: str, args: tuple[Any, ...]) -> None:
        if not cls.active:
            return
        if event in {
            "os.system",
            "os.exec",
            "os.posix_spawn",
            "os.spawn",
            "os.fork",
        } or event.startswith("subprocess."):
            cls.events.append(f"{event} {args!r}")
        elif event == "open" and isinstance(args[0], str | Path):
            path = os.path.realpath(args[0])
            if path.startswith(("/etc/passwd", "/etc/shadow")) or path.endswith("evil.pickle"):
                cls.events.append(f"open {path}")


sys.addaudithook(_Forbidden.hook)


@pytest.fixture
def nothing_runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """During the build, starting a process fails loudly, and the audit hook records any try."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a template started a process: {args!r}")

    for module, name in (
        (os, "system"),
        (os, "popen"),
        (os, "posix_spawn"),
        (os, "execv"),
        (subprocess, "Popen"),
    ):
        monkeypatch.setattr(module, name, refuse)
    _Forbidden.events = []
    _Forbidden.active = True
    try:
        yield _Forbidden.events
    finally:
        _Forbidden.active = False


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_hostile_corpus_is_complete() -> None:
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_template_is_refused(
    case: str, project: Path, run_cli: Callable[..., Result], nothing_runs: list[str]
) -> None:
    template = project / "templates" / "newsletter.txt.j2"
    template.write_text(HOSTILE[case], "utf-8")
    before = snapshot(project / "out")
    result = run_cli("build")
    assert nothing_runs == []
    assert not (project / "pwned.txt").exists()
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert re.fullmatch(r"templates/newsletter\.txt\.j2:\d+:1: \S.* \[PG010\]", lines[0]), lines
    assert "root:" not in result.output  # nothing of /etc/passwd is shown
    assert lines[-1] == "pressgen: 1 error; nothing was written."
    assert snapshot(project / "out") == before


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("pickle-through-parse-raw", "there is no field 'parse_raw' here; the fields are: "),
        ("module-through-a-global", "'typography' is undefined"),
        ("attr-filter", "not allowed in a template: access to attribute '__class__' of"),
        ("huge-range", "the template asks for too much: Range too big."),
        ("huge-power", "not allowed in a template: a number of more than 4096 bits"),
        ("nested-ranges", "not allowed in a template: the template makes more than 100000 loop"),
        ("macro-without-end", "the template includes or extends itself, or a macro calls itself"),
        ("include-itself", "the template includes or extends itself, or a macro calls itself"),
        ("extends-itself", "the template includes or extends itself, or a macro calls itself"),
        ("include-a-link-to-a-system-file", "passwd.j2"),
        ("huge-ljust", "not allowed in a template: a width or count over 10000"),
        ("huge-zfill", "not allowed in a template: a width or count over 10000"),
        ("doubling-with-tilde", "not allowed in a template: a text or list longer than"),
        ("doubling-with-plus", "not allowed in a template: a text or list longer than"),
        ("growing-with-replace", "not allowed in a template: a text or list longer than"),
        ("growing-with-join-of-a-map", "not allowed in a template: a text or list longer than"),
        ("loops-over-a-long-string", "the template makes more than 100000 loop steps"),
        ("loops-over-a-list", "the template makes more than 100000 loop steps"),
        ("21-nested-loops", "the template nests loops, conditions or blocks too deeply"),
        ("101-nested-ifs", "the template nests loops, conditions or blocks too deeply"),
    ],
)
def test_the_message_says_what_was_refused(
    case: str, message: str, project: Path, run_cli: Callable[..., Result]
) -> None:
    (project / "templates" / "newsletter.txt.j2").write_text(HOSTILE[case], "utf-8")
    first = run_cli("build").stderr.splitlines()[0]
    assert message in first, first


def test_an_own_template_reads_all_the_data(project: Path, run_cli: Callable[..., Result]) -> None:
    """The allow-list leaves what templates need: fields, loops, macros, string methods."""
    (project / "templates" / "newsletter.txt.j2").write_text(
        '{% extends "!builtin/newsletter.txt.j2" %}\n'
        "{% macro shout(text) %}{{ text.upper() }}{% endmacro %}\n"
        "{% block footer %}\n"
        "{{ shout(event.organisation.name) }} {{ event.people.muster.name.split()[0] }}\n"
        "{% for key, person in event.people.items() %}{{ loop.index }}. {{ key }}{% endfor %}\n"
        "{{ event.event.date.year }} {{ facts.date }} {{ labels.date }} {{ range(3)|list }}\n"
        "{{ '{} {}'.format('Guten', 'Tag') }} {{ '%s!'|format('Hallo') }}\n"
        "{{ super() }}{% endblock %}\n",
        "utf-8",
    )
    result = run_cli("build")
    assert result.exit_code == 0, result.output
    text = (project / "out" / "beispiel" / "newsletter.txt").read_text("utf-8")
    # trim_blocks takes the line break after {% endfor %}.
    expected = (
        "MUSTER\xa0E.\xa0V. Erika\n1. muster2027 Samstag, 8.\xa0Mai\xa02027 Datum [0, 1, 2]\n"
    )
    assert expected in text
    assert "Guten Tag Hallo!\n" in text
