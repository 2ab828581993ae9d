"""Every kind of bad input gives located, plain-words messages — exact texts pinned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pressgen.errors import DataError
from pressgen.source import loader
from pressgen.source.validate import load_event


def problems(path: Path) -> list[str]:
    """The messages, without the file name and the code (tested apart, per kind)."""
    with pytest.raises(DataError) as caught:
        load_event(path)
    return [
        str(p).removeprefix(f"{path}:").removesuffix(f" [{p.code}]") for p in caught.value.problems
    ]


def with_line(data: dict[str, Any], section: str, text: str) -> str:
    """The seed dumped as YAML, with `text` added as the first line of `section`."""
    import yaml

    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    return dumped.replace(f"{section}:\n", f"{section}:\n{text}\n", 1)


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_empty_file(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("# only a comment\n")
    assert problems(path) == ["1:1: the file is empty; expected event fields such as 'event:'"]


def test_top_level_list(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("- a\n- b\n")
    assert problems(path) == [
        "1:1: the top level must be a mapping of fields (key: value), not a list"
    ]


def test_top_level_text(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("just words\n")
    assert problems(path) == [
        "1:1: the top level must be a mapping of fields (key: value), not a single text"
    ]


def test_not_utf8_is_located(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("organisation:\n  name: M\xfcller\n".encode("latin-1"))
    assert problems(path) == [
        "2:10: the file is not UTF-8 text (byte 0xFC here); save it with the encoding UTF-8"
    ]


def test_binary_file(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert problems(path) == [
        "1:1: this is not a text file (it contains NUL bytes); expected YAML text"
    ]


def test_utf8_bom_is_accepted(write_yaml: Callable[..., Path], event_data: dict[str, Any]) -> None:
    import yaml

    text = yaml.safe_dump(event_data, allow_unicode=True, sort_keys=False)
    path = write_yaml(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert load_event(path).organisation.name == "TowerByte eG"


def test_file_too_large(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("a: " + "x" * loader.MAX_FILE_BYTES + "\n")
    assert problems(path) == [
        "1:1: the file has 1,025 KB; a file of pressgen may have at most 1,024 KB"
    ]


def test_syntax_error_is_located(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("event:\n  title: Rückblick: Teil 2\n")
    assert problems(path) == [
        "2:19: YAML syntax error: mapping values are not allowed here; "
        "a value that contains ': ' must be put in quotes"
    ]


def test_tab_indentation(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("event:\n\ttitle: x\n")
    assert problems(path) == [
        "2:1: YAML syntax error: found character '\\t' that cannot start any token; "
        "indent with spaces, not tabs"
    ]


def test_billion_laughs_is_refused(write_yaml: Callable[..., Path]) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for index, name in enumerate("bcde"):  # 36 aliases, 9**5 values
        previous = "abcdefghi"[index]
        levels.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    path = write_yaml("\n".join(levels) + "\n")
    assert problems(path) == [
        "1:1: aliases (*name) repeat more than 20000 values; "
        "this looks like a 'billion laughs' file and is refused"
    ]


def test_too_many_aliases(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("a: &a x\nb: [" + ", ".join(["*a"] * 60) + "]\n")
    (message,) = problems(path)
    assert message == (
        "2:205: more than 50 aliases (*name); event files do not need that many, "
        "so the file is refused"
    )


def test_deep_nesting(write_yaml: Callable[..., Path]) -> None:
    path = write_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert problems(path) == ["1:1: the YAML is nested too deeply to be an event file"]


def test_duplicate_key_names_both_lines(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    text = with_line(event_data, "event", "  title: Erster Titel")
    path = write_yaml(text)
    first = line_of(text, "title: Erster Titel")
    second = line_of(text, "title: Workshop-Nachmittag der TowerByte eG")
    assert problems(path) == [
        f"{second}:3: event.title: duplicate key 'title': it is already set on line {first}; "
        "keep only one"
    ]


def test_unknown_key_suggests_closest(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["sponsor"] = event_data.pop("sponsors")
    path = write_yaml(event_data)
    (message,) = problems(path)
    assert message.endswith(": sponsor: unknown field 'sponsor'; did you mean 'sponsors'?")


def test_unknown_key_without_close_match_lists_allowed(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["press_release"]["contact"]["fax"] = "0"
    path = write_yaml(event_data)
    (message,) = problems(path)
    assert message.endswith(
        "press_release.contact.fax: unknown field 'fax'; allowed here: email, name, "
        "organisation, phone, role"
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "  country: NO",
            'expected text; NO was read as the yes/no value false; put it in quotes: "NO"',
        ),
        (
            "  postcode: 01067",
            "expected text; 01067 was read as the number 567 (a leading 0 means octal "
            'in YAML); put it in quotes: "01067"',
        ),
        (
            "  street: 12:30",
            "expected text; 12:30 was read as the number 750 (YAML reads a:b as base 60); "
            'put it in quotes: "12:30"',
        ),
        (
            "  street: 2017-08-17",
            'expected text; 2017-08-17 was read as a date; put it in quotes: "2017-08-17"',
        ),
    ],
)
def test_yaml_11_traps_get_a_hint(
    write_yaml: Callable[..., Path], event_data: dict[str, Any], line: str, expected: str
) -> None:
    key = line.split(":")[0].strip()
    event_data["organisation"]["address"].pop(key, None)
    text = with_line(event_data, "  address", "  " + line)
    path = write_yaml(text)
    number = line_of(text, line)
    column = line.index(":") + 5
    assert problems(path) == [f"{number}:{column}: organisation.address.{key}: {expected}"]


def test_unquoted_time_is_explained(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    del event_data["event"]["start"]
    text = with_line(event_data, "event", "  start: 14:30")
    path = write_yaml(text)
    assert problems(path) == [
        f'{line_of(text, "start: 14:30")}:10: event.start: expected a time like "14:30"; '
        '14:30 was read as the number 870 (YAML reads a:b as base 60); put it in quotes: "14:30"'
    ]


def test_impossible_date(write_yaml: Callable[..., Path], event_data: dict[str, Any]) -> None:
    del event_data["event"]["date"]
    text = with_line(event_data, "event", "  date: 2017-02-30")
    path = write_yaml(text)
    assert problems(path) == [
        f"{line_of(text, '2017-02-30')}:9: event.date: "
        '"2017-02-30" is not a valid date; expected e.g. 2017-08-17'
    ]


def test_missing_required_field_points_at_parent(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    del event_data["sponsors"][1]["article"]
    text = with_line(event_data, "xx", "")  # unchanged dump
    path = write_yaml(text)
    assert problems(path) == [
        f"{line_of(text, 'name: Thüringer Agentur')}:3: sponsors[1].article: "
        "required field is missing"
    ]


def test_empty_value(write_yaml: Callable[..., Path], event_data: dict[str, Any]) -> None:
    event_data["event"]["title"] = None
    text = with_line(event_data, "xx", "")
    path = write_yaml(text)
    assert problems(path) == [
        f"{line_of(text, 'title: null')}:10: event.title: "
        "has no value; write one after the colon or remove the line"
    ]


def test_javascript_url_is_refused(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["newsletter"]["call_to_action"]["url"] = "javascript:alert(1)"
    text = with_line(event_data, "xx", "")
    path = write_yaml(text)
    assert problems(path) == [
        f"{line_of(text, 'javascript:')}:10: newsletter.call_to_action.url: only http, https "
        "and mailto links are allowed, not 'javascript:'; write the full address, "
        "e.g. https://www.example.de/"
    ]


def test_javascript_link_in_prose_is_refused(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["press_release"]["body"][0] = "Siehe [hier](JavaScript:alert(1))."
    text = with_line(event_data, "xx", "")
    path = write_yaml(text)
    assert problems(path) == [
        f"{line_of(text, 'Siehe')}:5: press_release.body[0].text: the link to "
        "'JavaScript:alert(1)' has 'javascript:'; only http, https and mailto links are allowed"
    ]


def test_control_characters_in_a_line_field(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["newsletter"]["subject"] = "Hallo\r\nBcc: x@example.org"
    text = with_line(event_data, "xx", "")
    path = write_yaml(text)
    (message,) = problems(path)
    assert message.endswith(
        "newsletter.subject: contains a carriage return; write it on one line as plain text"
    )


def test_unknown_reference_suggests_key(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["quotes"]["fazit"]["by"] = "wroebel"
    text = with_line(event_data, "xx", "")
    path = write_yaml(text)
    assert problems(path) == [
        f"{line_of(text, 'by: wroebel')}:9: quotes.fazit.by: "
        "no person with the key 'wroebel' in 'people'; did you mean 'wrobel'?"
    ]


def test_all_problems_at_once_in_line_order(
    write_yaml: Callable[..., Path], event_data: dict[str, Any]
) -> None:
    event_data["event"]["guests"] = "viele"
    event_data["organisation"]["adress"] = event_data["organisation"].pop("address")
    event_data["newsletter"]["subjct"] = event_data["newsletter"].pop("subject")
    path = write_yaml(event_data)
    found = problems(path)
    assert [m.split(": ", 2)[1] for m in found] == [
        "organisation.adress",
        "event.guests",
        "newsletter.subject",
        "newsletter.subjct",
    ]
    lines = [int(m.split(":")[0]) for m in found]
    assert lines == sorted(lines)


@pytest.mark.parametrize(
    ("encoding", "name"),
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_a_file_in_utf_16_or_32_is_named_so(
    write_yaml: Callable[..., Path], encoding: str, name: str
) -> None:
    path = write_yaml("event:\n  title: Fest\n".encode(encoding))
    assert problems(path) == [f"1:1: the file is saved as {name}; save it as UTF-8"]
