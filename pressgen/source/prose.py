"""Running text with a little inline markup: *emphasis*, **strong**, [links](url).

One parser (markdown-it, inline rules only, raw HTML off) feeds both the HTML
and the plain-text rendering, so both show the same words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

from pressgen.messages import _
from pressgen.source.addresses import ALLOWED_SCHEMES

# A star between letters is the German gender star (Teilnehmer*innen), never emphasis.
_GENDER_STAR = re.compile(r"(?<=\w)\*(?=\w)")


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero").enable(["emphasis", "link", "escape"])
    # Every link is checked by link_problems() and refused with a located error there.
    parser.validateLink = lambda url: True  # type: ignore[method-assign]
    return parser


# One paragraph is read by validation, by every output and by the checks: parse it once.
# An event has a few dozen texts; a small cache keeps a batch worker's memory flat.
@lru_cache(maxsize=128)
def _inline_tokens(text: str) -> tuple[Token, ...]:
    blocks = _parser().parseInline(_GENDER_STAR.sub(r"\\*", text))
    return tuple(blocks[0].children or []) if blocks else ()


def link_problems(text: str) -> list[str]:
    """Plain-words reasons why links in `text` are refused (empty when all are fine)."""
    problems = []
    for token in _inline_tokens(text):
        if token.type == "link_open":
            href = str(token.attrs.get("href", ""))
            scheme = urlsplit(href).scheme.lower()
            if scheme not in ALLOWED_SCHEMES:
                if scheme:
                    problem = _(
                        "the link to '{href}' has '{scheme}:'; only http, https and mailto "
                        "links are allowed"
                    ).format(href=href, scheme=scheme)
                else:
                    problem = _(
                        "the link to '{href}' has no scheme; only http, https and mailto "
                        "links are allowed"
                    ).format(href=href)
                problems.append(problem)
    return problems


_HTML_TAGS = {
    "em_open": "<em>",
    "em_close": "</em>",
    "strong_open": "<strong>",
    "strong_close": "</strong>",
    "link_close": "</a>",
}


def _same(url: str) -> str:
    return url


def to_html(text: str, link: Callable[[str], str] = _same) -> Markup:
    """Escaped HTML for one paragraph; markup becomes <em>, <strong> and <a>.

    `link` may rewrite each link target (e.g. to add campaign parameters).
    """
    parts: list[str] = []
    for token in _inline_tokens(text):
        if token.type == "text":
            parts.append(str(escape(token.content)))
        elif token.type == "softbreak":
            parts.append(" ")
        elif token.type == "link_open":
            parts.append(f'<a href="{escape(link(str(token.attrs.get("href", ""))))}">')
        else:
            parts.append(_HTML_TAGS.get(token.type, ""))
    return Markup("".join(parts))


class LinkList:
    """Links collected while rendering plain text, numbered in order of first use."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def number(self, url: str) -> int:
        if url not in self.urls:
            self.urls.append(url)
        return self.urls.index(url) + 1


def to_spans(text: str) -> list[tuple[str, str, str]]:
    """One paragraph as pieces of (words, link target or "", "em", "strong" or ""), for
    formats that build runs themselves (the Word file)."""
    spans: list[tuple[str, str, str]] = []
    href, emphasis = "", ""
    for token in _inline_tokens(text):
        if token.type in ("text", "softbreak"):
            words = token.content if token.type == "text" else " "
            spans.append((words, href, emphasis))
        elif token.type == "link_open":
            href = str(token.attrs.get("href", ""))
        elif token.type == "link_close":
            href = ""
        elif token.type in ("em_open", "strong_open"):
            emphasis = token.type.removesuffix("_open")
        elif token.type in ("em_close", "strong_close"):
            emphasis = ""
    return spans


def to_text(text: str, links: LinkList | None = None, link: Callable[[str], str] = _same) -> str:
    """Plain text for one paragraph; each link becomes 'words [n]' with n from `links`."""
    parts: list[str] = []
    href = ""
    for token in _inline_tokens(text):
        if token.type == "text":
            parts.append(token.content)
        elif token.type == "softbreak":
            parts.append(" ")
        elif token.type == "link_open":
            href = link(str(token.attrs.get("href", "")))
        elif token.type == "link_close" and links is not None:
            parts.append(f" [{links.number(href)}]")
    return "".join(parts)
