"""PG801: what the major mail programs do not support in newsletter.html (check --clients).

The support data is caniemail's (caniemail.com, npm package caniemail, MIT licence),
vendored in pressgen/data/ by scripts/update-caniemail: no network is needed.
Features are found in the HTML as mail programs get it: elements, attributes, the
CSS in style attributes and in <style>, at-rules, media features and selectors.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from pressgen.errors import Problem
from pressgen.messages import ngettext
from pressgen.source.loader import SourceMap

# The mail programs reported on: the big international ones and the German webmailers.
CLIENTS = {
    "gmail": "Gmail",
    "apple-mail": "Apple Mail",
    "outlook": "Outlook",
    "yahoo": "Yahoo! Mail",
    "samsung-email": "Samsung Email",
    "thunderbird": "Mozilla Thunderbird",
    "gmx": "GMX",
    "web-de": "WEB.DE",
    "t-online-de": "T-online.de",
}

# Features whose absence changes nothing a reader needs: the email was built to read
# right without them. They are listed in the report apart, never as warnings.
GRACEFUL = {
    "css-at-media-prefers-color-scheme": "dark mode is an extra; without it the light design shows",
    "css-color-scheme": "dark mode is an extra; without it the light design shows",
    "html-meta-color-scheme": "dark mode is an extra; without it the light design shows",
    "css-selector-attribute": "only the [data-ogsc] dark-mode rules for Outlook use it",
    "css-at-media": "the layout is fluid without media queries; they only narrow the gutter",
    "css-important": "only overrides in media queries use it",
    "html-comments": "Outlook's conditional comments; other programs ignore them",
    "css-max-width": "the tables carry the widths Outlook needs",
    # Gmail with other than Google accounts drops <style>; pressgen inlines the CSS into
    # style attributes, so the rules still apply.
    "html-style": "the CSS is also inlined into every element's style attribute",
    "css-selector-class": "the CSS is also inlined into every element's style attribute",
    "css-selector-type": "the CSS is also inlined into every element's style attribute",
    "css-selector-descendant": "the CSS is also inlined into every element's style attribute",
    "css-selector-child": "the CSS is also inlined into every element's style attribute",
    "css-selector-id": "the CSS is also inlined into every element's style attribute",
    # The hidden inbox preview (preheader) is hidden four ways at once.
    "css-display-none": "hides only the preheader, which max-height, overflow and mso-hide "
    "hide too",
    "css-opacity": "hides only the preheader, which max-height, overflow and mso-hide hide too",
    "css-cursor": "only the mouse pointer over the button",
    "html-target": "links open in a new window either way",
    "html-anchor-links": "an issue's contents still list its items where a jump does nothing",
}


@dataclass(frozen=True)
class Unsupported:
    """One feature the email uses that one mail program does not (fully) support."""

    client: str  # family, e.g. gmail
    feature: str  # caniemail slug, e.g. css-display-flex
    title: str
    platforms: tuple[str, ...]  # e.g. ("Desktop Webmail", "iOS")
    note: str


# ---------------------------------------------------------------- the vendored data


def trimmed(data: Mapping[str, Any], version: str) -> dict[str, Any]:
    """caniemail's data cut to what the report needs: for each reported client, the
    support in the newest version of each platform."""
    platforms = data["nicenames"]["platform"]
    features: dict[str, Any] = {}
    for feature in data["data"]:
        support: dict[str, dict[str, str]] = {}
        for family, by_platform in feature["stats"].items():
            if family not in CLIENTS:
                continue
            for platform, versions in by_platform.items():
                if versions:
                    newest = list(versions.values())[-1]  # caniemail lists oldest first
                    support.setdefault(family, {})[platforms.get(platform, platform)] = newest
        features[feature["slug"]] = {
            "title": feature["title"],
            "notes": feature.get("notes_by_num") or {},
            "support": support,
        }
    return {
        "source": {
            "package": "caniemail",
            "version": version,
            "updated": data["last_update_date"],
            "licence": "MIT, see caniemail-LICENSE",
        },
        "features": features,
    }


@cache
def _data() -> dict[str, Any]:
    text = resources.files("pressgen").joinpath("data", "caniemail.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


# ---------------------------------------------------------------- features in the HTML

_ELEMENTS = {
    "div": "html-div", "p": "html-p", "span": "html-span", "table": "html-table",
    "img": "html-img", "h1": "html-h1-h6", "h2": "html-h1-h6", "h3": "html-h1-h6",
    "h4": "html-h1-h6", "h5": "html-h1-h6", "h6": "html-h1-h6", "ul": "html-lists",
    "ol": "html-lists", "blockquote": "html-blockquote", "strong": "html-strong",
    "small": "html-small", "style": "html-style", "abbr": "html-abbr", "address": "html-address",
    "code": "html-code", "del": "html-del", "hr": "html-hr", "pre": "html-pre",
    "picture": "html-picture", "svg": "html-svg", "video": "html-video", "audio": "html-audio",
    "form": "html-form", "select": "html-select", "textarea": "html-textarea",
    "progress": "html-progress", "meter": "html-meter", "wbr": "html-wbr", "dialog": "html-dialog",
    "object": "html-object", "base": "html-base", "link": "html-link", "bdi": "html-bdi",
    "dfn": "html-dfn", "marquee": "html-marquee", "strike": "html-strike",
}  # fmt: skip
_ATTRIBUTES = {
    "lang": "html-lang", "dir": "html-dir", "role": "html-role",
    "aria-hidden": "html-aria-hidden", "aria-label": "html-aria-label",
    "aria-labelledby": "html-aria-labelledby", "aria-describedby": "html-aria-describedby",
    "aria-live": "html-aria-live", "width": "html-width", "height": "html-height",
    "align": "html-align", "valign": "html-valign", "cellpadding": "html-cellpadding",
    "cellspacing": "html-cellspacing", "background": "html-background", "srcset": "html-srcset",
    "target": "html-target", "loading": "html-loading-attribute", "hidden": "html-hidden",
    "required": "html-required", "popover": "html-popover",
}  # fmt: skip
_MEDIA_FEATURES = {
    "prefers-color-scheme": "css-at-media-prefers-color-scheme",
    "prefers-reduced-motion": "css-at-media-prefers-reduced-motion",
    "orientation": "css-at-media-orientation",
    "hover": "css-at-media-hover",
    "device-pixel-ratio": "css-at-media-device-pixel-ratio",
}
_UNITS = {
    "px": "css-unit-px", "%": "css-unit-percent", "em": "css-unit-em", "rem": "css-unit-rem",
    "vh": "css-unit-vh", "vw": "css-unit-vw", "vmin": "css-unit-vmin", "vmax": "css-unit-vmax",
    "pt": "css-unit-pt", "ch": "css-unit-ch", "ex": "css-unit-ex", "cm": "css-unit-cm",
    "mm": "css-unit-mm", "in": "css-unit-in", "pc": "css-unit-pc",
}  # fmt: skip
_PROPERTY_ALIASES = {
    "top": "css-left-right-top-bottom", "right": "css-left-right-top-bottom",
    "bottom": "css-left-right-top-bottom", "left": "css-left-right-top-bottom",
    "column-gap": "css-gap", "row-gap": "css-gap", "grid-template-columns": "css-grid-template",
    "grid-template-rows": "css-grid-template", "border-top": "css-border",
    "border-right": "css-border", "border-bottom": "css-border", "border-left": "css-border",
    "padding-top": "css-padding", "padding-right": "css-padding",
    "padding-bottom": "css-padding", "padding-left": "css-padding",
    "margin-top": "css-margin", "margin-right": "css-margin", "margin-bottom": "css-margin",
    "margin-left": "css-margin", "font-family": "css-font", "font-style": "css-font",
    "mso-hide": "", "mso-table-lspace": "", "mso-table-rspace": "", "mso-line-height-rule": "",
    "-webkit-text-size-adjust": "", "-ms-text-size-adjust": "", "-ms-interpolation-mode": "",
}  # fmt: skip
_DECLARATION = re.compile(r"([-\w]+)\s*:\s*([^;{}]+)")
_NUMBER_UNIT = re.compile(
    r"(?<![\w#-])-?\d*\.?\d+(px|%|r?em|v[hw]|vmin|vmax|pt|ch|ex|cm|mm|in|pc)\b"
)
_AT_RULE = re.compile(r"@([-\w]+)")
_SELECTOR_PSEUDO = re.compile(r"::?([-\w]+)")


def features_in(html: str) -> dict[str, str]:
    """caniemail slug → where the email uses it first (a short excerpt)."""
    from lxml import html as lxml_html

    found: dict[str, str] = {}
    known = _data()["features"]

    def use(slug: str, where: str) -> None:
        if slug and slug in known:
            found.setdefault(slug, where[:80])

    document = lxml_html.document_fromstring(html)
    if html.lstrip().lower().startswith("<!doctype"):
        use("html-doctype", "<!doctype html>")
    if "<!--" in html:
        use("html-comments", "<!-- … -->")
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        use(_ELEMENTS.get(element.tag, ""), f"<{element.tag}>")
        for name, value in element.attrib.items():
            use(_ATTRIBUTES.get(name, ""), f'<{element.tag} {name}="{value}">')
        if element.tag == "meta" and element.get("name") == "color-scheme":
            use("html-meta-color-scheme", '<meta name="color-scheme">')
        if element.tag == "a" and element.get("href", "").startswith("mailto:"):
            use("html-mailto-links", '<a href="mailto:…">')
        if element.tag == "a" and element.get("href", "").startswith("#"):
            use("html-anchor-links", '<a href="#…">')
        style = element.get("style")
        if style:
            _css_declarations(style, f"style on <{element.tag}>", use)
        if element.tag == "style" and element.text:
            _style_sheet(element.text, use)
    return found


def _css_declarations(css: str, where: str, use: Any) -> None:
    for prop, value in _DECLARATION.findall(css):
        prop = prop.lower()
        value = value.strip()
        slug = _PROPERTY_ALIASES.get(prop, f"css-{prop}")
        use(slug, f"{prop}: {value} ({where})")
        if prop == "display":
            use(f"css-display-{value.split()[0].lower()}", f"display: {value} ({where})")
        if "!important" in value:
            use("css-important", f"{prop}: {value} ({where})")
        if "var(--" in value:
            use("css-variables", f"{prop}: {value} ({where})")
        if prop.startswith("--"):
            use("css-variables", f"{prop} ({where})")
        for function in re.findall(r"([-\w]+)\(", value):
            function = function.lower()
            if function in ("rgb", "rgba"):
                use(f"css-{function}", f"{prop}: {value} ({where})")
            elif function in ("calc",):
                use("css-unit-calc", f"{prop}: {value} ({where})")
            elif function in ("linear-gradient", "radial-gradient", "conic-gradient"):
                use(f"css-{function}", f"{prop}: {value} ({where})")
            elif function in ("min", "max", "clamp", "light-dark"):
                use(f"css-function-{function}", f"{prop}: {value} ({where})")
        for unit in _NUMBER_UNIT.findall(value):
            use(_UNITS.get(unit, ""), f"{prop}: {value} ({where})")


def _style_sheet(css: str, use: Any) -> None:
    css = re.sub(r"/\*.*?\*/", lambda m: use("css-comments", m[0]) or "", css, flags=re.S)
    for rule in _AT_RULE.findall(css):
        use(f"css-at-{rule.lower()}", f"@{rule}")
    for feature, slug in _MEDIA_FEATURES.items():
        if re.search(rf"@media[^{{]*\b{feature}\b", css):
            use(slug, f"@media ({feature})")
    for selector_text in re.findall(r"(?:^|[{};])\s*([^{};@]+?)\s*\{", css):
        for selector in selector_text.split(","):
            _selector(selector.strip(), use)
    for block in re.findall(r"\{([^{}]*)\}", css):
        _css_declarations(block, "<style>", use)


def _selector(selector: str, use: Any) -> None:
    if not selector or selector.startswith(("from", "to")) or selector[0].isdigit():
        return
    where = f"selector {selector}"
    if "," in selector:
        use("css-selector-grouping", where)
    if "." in selector:
        use("css-selector-class", where)
    if "#" in selector:
        use("css-selector-id", where)
    if "[" in selector:
        use("css-selector-attribute", where)
    if "*" in selector:
        use("css-selector-universal", where)
    if ">" in selector:
        use("css-selector-child", where)
    if "+" in selector:
        use("css-selector-adjacent-sibling", where)
    if "~" in selector:
        use("css-selector-general-sibling", where)
    if re.search(r"[\w\]\)]\s+[\w.#\[:*]", selector.replace(">", " ").replace("  ", " ")):
        use("css-selector-descendant", where)
    if re.match(r"^[a-z]", selector):
        use("css-selector-type", where)
    for pseudo in _SELECTOR_PSEUDO.findall(selector):
        kind = "element" if f"::{pseudo}" in selector or pseudo in ("before", "after") else "class"
        use(f"css-pseudo-{kind}-{pseudo.lower()}", where)


# ---------------------------------------------------------------- the report


def unsupported(
    html: str, ignored: Iterable[str] = ()
) -> tuple[list[Unsupported], list[tuple[str, str]]]:
    """What each reported mail program does not support of the email's features, and the
    features left out on purpose: (slug, why) for those that degrade gracefully."""
    features = _data()["features"]
    skip = set(ignored)
    found: list[Unsupported] = []
    graceful: list[tuple[str, str]] = []
    for slug in sorted(features_in(html)):
        if slug in skip:
            continue
        feature = features[slug]
        if slug in GRACEFUL:
            graceful.append((slug, GRACEFUL[slug]))
            continue
        for client, by_platform in feature["support"].items():
            # Not supported at all; partial support ("a") names restrictions of certain
            # values (negative margins, display: flex …) that a warning could not tell apart.
            lacking = {p: s for p, s in by_platform.items() if s.startswith("n")}
            if not lacking:
                continue
            numbers = sorted({n for s in lacking.values() for n in re.findall(r"#(\d+)", s)})
            note = " ".join(_plain_note(feature["notes"].get(n, "")) for n in numbers)
            found.append(Unsupported(client, slug, feature["title"], tuple(lacking), note.strip()))
    order = list(CLIENTS)
    found.sort(key=lambda item: (order.index(item.client), item.feature))
    return found, graceful


def _plain_note(note: str) -> str:
    """caniemail's notes are Markdown: links and code marks become plain text."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", note).replace("`", "")


def source() -> dict[str, str]:
    """Which caniemail data the report rests on."""
    info: dict[str, str] = _data()["source"]
    return info


def client_problems(html: str, source: SourceMap, ignored: Iterable[str] = ()) -> list[Problem]:
    """One warning per mail program: the features of newsletter.html it does not support."""
    found, _ = unsupported(html, ignored)
    problems = []
    for client, items in itertools.groupby(found, key=lambda item: item.client):
        listed = list(items)
        features = "; ".join(
            f"{item.title} ({item.feature}, {', '.join(item.platforms)})"
            + (f": {item.note}" if item.note else "")
            for item in listed
        )
        count = len(listed)
        problems.append(
            source.problem(
                ("newsletter",),
                ngettext(
                    "{client} does not support {count} feature of newsletter.html: {features} "
                    "(silence one with --ignore-feature SLUG)",
                    "{client} does not support {count} features of newsletter.html: {features} "
                    "(silence one with --ignore-feature SLUG)",
                    count,
                ).format(client=CLIENTS[client], count=count, features=features),
                code="PG801",
                severity="warning",
            )
        )
    return problems
