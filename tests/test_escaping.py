"""Author text can never become markup or template code in any output."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import SEED, parse, set_text, written_in

from pressgen.outputs.render import render_event
from pressgen.present.event import View, present
from pressgen.source.fields import Role, texts
from pressgen.source.validate import load_event

PAYLOAD = (
    '<x-evil a="1">&amp; "q" \' </mj-text><mj-button href="https://evil.test/">B</mj-button>'
    "</p><script>alert(1)</script>{{ 7*7 }}{% raw %}"
)


# What must come out as text, unescaped for the reader (quotes are typeset, so left out).
LITERAL_PIECES = ["<x-evil a=", "&amp;", "</mj-text><mj-button href=", "{{ 7*7 }}{% raw %}"]
HOSTILE_URL = "https://ok.example/?q=\"><x-evil2>&x='<"


# Free text: whatever an author may write there (not links, keys, codes or choices).
FREE_TEXT = (Role.TEXT, Role.PROSE, Role.VERBATIM)


@pytest.fixture(scope="module")
def hostile_outputs(
    seed_data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> tuple[dict[str, str], list[str]]:
    import copy

    data = copy.deepcopy(seed_data)
    markers = []
    places = [
        loc
        for loc, role, _ in texts(load_event(SEED))
        if role in FREE_TEXT and written_in(seed_data, loc)  # not defaults the file leaves out
    ]
    for number, loc in enumerate(places):
        marker = f"F{number:03d}"
        set_text(data, loc, f"{marker} {PAYLOAD}")
        markers.append(marker)
    assert len(markers) >= 40  # the walk found the seed's free-text fields
    # A later name is printed at a later mention: the marker texts introduce no one, so
    # the quotes of people with one name them as a later mention would.
    later = {key for key, person in data["people"].items() if "later_name" in person}
    for quote in data["quotes"].values():
        if set(quote["by"] if isinstance(quote["by"], list) else [quote["by"]]) & later:
            quote["attribution"] = "short"
    data["newsletter"]["call_to_action"]["url"] = HOSTILE_URL
    path = tmp_path_factory.mktemp("hostile") / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    # The recap under its names, the invitation (which prints the invitation's texts and
    # the facts box) under einladung/…
    event = load_event(path)
    outputs = dict(render_event(present(event, View("recap"))).files)
    for name, content in render_event(present(event, View("invitation"))).files.items():
        outputs[f"einladung/{name}"] = content
    return outputs, markers


@pytest.mark.parametrize(
    "name",
    [
        f"{phase}{name}"
        for phase in ("", "einladung/")
        for name in ("pressemitteilung.html", "newsletter.mjml", "newsletter.html")
    ],
)
def test_no_injected_element(hostile_outputs: tuple[dict[str, str], list[str]], name: str) -> None:
    outputs, _ = hostile_outputs
    tags = parse(outputs[name]).tags
    names = {tag for tag, _ in tags}
    assert "x-evil" not in names
    assert "x-evil2" not in names
    # The only script is the page's own JSON-LD.
    scripts = [attrs for tag, attrs in tags if tag == "script"]
    is_release = name.rpartition("/")[2].startswith("press")
    assert scripts == ([{"type": "application/ld+json"}] if is_release else [])
    hrefs = [str(attrs.get("href")) for _, attrs in tags if attrs.get("href")]
    assert not any(href.startswith("https://evil.test") for href in hrefs)
    # Text inside a link (a registration email's subject) is percent-encoded, never raw.
    assert not any(set(href) & set('<>"') for href in hrefs if href.startswith("mailto:"))
    # The only button is the call to action's own (in an invitation: the registration's).
    if name.endswith("newsletter.mjml"):
        assert [tag for tag, _ in tags].count("mj-button") == 1


@pytest.mark.parametrize("name", ["newsletter.mjml", "newsletter.html"])
def test_urls_stay_inside_their_attribute(
    hostile_outputs: tuple[dict[str, str], list[str]], name: str
) -> None:
    outputs, _ = hostile_outputs
    hrefs = [attrs.get("href") for tag, attrs in parse(outputs[name]).tags]
    assert HOSTILE_URL in hrefs


@pytest.mark.parametrize("name", ["pressemitteilung.html", "newsletter.mjml", "newsletter.html"])
def test_markup_outputs_show_the_payload_as_text(
    hostile_outputs: tuple[dict[str, str], list[str]], name: str
) -> None:
    outputs, _ = hostile_outputs
    text = "".join(parse(outputs[name]).text)
    for piece in LITERAL_PIECES:
        assert piece in text


@pytest.mark.parametrize("name", ["pressemitteilung.txt", "newsletter.txt"])
def test_text_outputs_keep_the_payload_literally(
    hostile_outputs: tuple[dict[str, str], list[str]], name: str
) -> None:
    outputs, _ = hostile_outputs
    text = " ".join(outputs[name].split())
    assert "&lt;" not in text and "&amp;amp;" not in text
    for piece in LITERAL_PIECES:
        assert piece in text


def test_every_free_text_field_reaches_an_output(
    hostile_outputs: tuple[dict[str, str], list[str]],
) -> None:
    outputs, markers = hostile_outputs
    everything = "".join(v for v in outputs.values() if isinstance(v, str))
    for name in ("newsletter.eml", "einladung/newsletter.eml"):
        email = message_from_bytes(outputs[name], policy=policy.default)
        everything += "".join(str(value) for value in email.values())  # decoded headers
    assert [m for m in markers if m not in everything] == []


@pytest.mark.parametrize(
    ("name", "escaped"),
    [
        ("pressemitteilung.html.j2", True),
        ("newsletter.mjml.j2", True),
        ("partials/quote.html.j2", True),
        ("partials/pull_quote.mjml.j2", True),
        ("pressemitteilung.txt.j2", False),
        ("newsletter.txt.j2", False),
        ("partials/quote.txt.j2", False),
    ],
)
def test_autoescape_by_template_kind(name: str, escaped: bool, tmp_path: Path) -> None:
    """A value is escaped in an HTML or MJML template and left as it is in a text one,
    whether the template is built in or a press office's own of the same name."""
    from pressgen.outputs.environment import make_environment, render_template

    own = tmp_path / name
    own.parent.mkdir(parents=True, exist_ok=True)
    own.write_text("{{ value }}", "utf-8")
    rendered = render_template(name, {"value": '<b a="1">&'}, make_environment([tmp_path]))
    assert rendered == ("&lt;b a=&#34;1&#34;&gt;&amp;" if escaped else '<b a="1">&')


def test_every_builtin_template_has_a_known_kind() -> None:
    from pressgen.outputs.environment import builtin_templates_dir

    root = builtin_templates_dir()
    kinds = {p.name.removesuffix(".j2").rsplit(".", 1)[-1] for p in root.rglob("*.j2")}
    assert kinds == {"html", "mjml", "txt"}
    assert Path(root / "newsletter.mjml.j2").is_file()
