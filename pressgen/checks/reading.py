"""The rendered outputs as a reader meets them: visible text, tags, the email's parts."""

from __future__ import annotations

import email
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from typing import Any

from pressgen.german.typography import NARROW_NBSP, NBSP
from pressgen.registry import (
    CALENDAR,
    NEWSLETTER_EMAIL,
    NEWSLETTER_HTML,
    NEWSLETTER_MJML,
    NEWSLETTER_TEXT,
    PRESS_RELEASE_DOCX,
    PRESS_RELEASE_HTML,
    PRESS_RELEASE_PDF,
    PRESS_RELEASE_TEXT,
)

EMAIL_TEXT = "newsletter.eml (Text)"
EMAIL_HTML = "newsletter.eml (HTML)"
RELEASE = (PRESS_RELEASE_HTML, PRESS_RELEASE_TEXT)
NEWSLETTER = (NEWSLETTER_MJML, NEWSLETTER_HTML, NEWSLETTER_TEXT, EMAIL_TEXT, EMAIL_HTML)
READABLE = RELEASE + NEWSLETTER
# The press release for print and for Word (build --documents), read back as text.
DOCUMENTS = (PRESS_RELEASE_PDF, PRESS_RELEASE_DOCX)
# Which template renders each readable part: the email's parts are the newsletter's.
RENDERED_FROM = {
    PRESS_RELEASE_HTML: PRESS_RELEASE_HTML,
    PRESS_RELEASE_TEXT: PRESS_RELEASE_TEXT,
    NEWSLETTER_MJML: NEWSLETTER_MJML,
    NEWSLETTER_HTML: NEWSLETTER_MJML,
    EMAIL_HTML: NEWSLETTER_MJML,
    NEWSLETTER_TEXT: NEWSLETTER_TEXT,
    EMAIL_TEXT: NEWSLETTER_TEXT,
}

SKIPPED = frozenset(
    {"style", "script", "title", "head", "mj-head", "mj-style", "mj-title", "mj-raw"}
)
# Inline elements do not separate words: „<em>so</em>“ reads „so“.
INLINE = frozenset(
    {"a", "abbr", "b", "code", "em", "i", "small", "span", "strong", "sub", "sup", "u"}
)
Tag = tuple[str, dict[str, str | None]]


def fold(text: str) -> str:
    """All white space (non-breaking too) folded to single spaces, for comparing."""
    return " ".join(text.replace(NBSP, " ").replace(NARROW_NBSP, " ").split())


def letters(text: str) -> str:
    """Only the letters and digits of a text, case-folded: what survives reading a PDF back,
    where a line may end in a hyphen it added, spaces come and go with the layout, and a
    heading may be set in capitals (as the plain text sets it too)."""
    return _NOT_A_LETTER.sub("", text).casefold()


_NOT_A_LETTER = re.compile(r"[\W_]+")


def as_text(content: str | bytes) -> str:
    return content.decode("utf-8") if isinstance(content, bytes) else content


@dataclass
class Document:
    """The visible text of an HTML or MJML document, and every tag with its attributes."""

    text: str
    tags: list[Tag]


@dataclass
class Reading:
    """One event's outputs, each read once however many rules look at it."""

    outputs: Mapping[str, str | bytes]
    _documents: dict[str, Document] = field(default_factory=dict)
    _texts: dict[str, str] | None = None
    _parts: dict[str, str] | None = None
    _letters: dict[str, str] = field(default_factory=dict)

    def document(self, name: str) -> Document:
        """An HTML or MJML output (or the email's HTML part) as a reader sees it."""
        if name not in self._documents:
            if name == EMAIL_HTML and _same_text(self._email_html(), self.outputs[NEWSLETTER_HTML]):
                self._documents[name] = self.document(NEWSLETTER_HTML)
            else:
                markup = self._email_html() if name == EMAIL_HTML else as_text(self.outputs[name])
                self._documents[name] = _parse(markup)
        return self._documents[name]

    def tags(self, name: str) -> list[Tag]:
        return self.document(name).tags

    @property
    def texts(self) -> dict[str, str]:
        """What a reader sees in each output, white space folded; the email's parts apart."""
        if self._texts is None:
            # A newsletter issue has no press release: only the outputs there are.
            texts = {
                name: fold(self.document(name).text)
                for name in (PRESS_RELEASE_HTML, NEWSLETTER_MJML, NEWSLETTER_HTML)
                if name in self.outputs
            }
            for name in (PRESS_RELEASE_TEXT, NEWSLETTER_TEXT):
                if name in self.outputs:
                    texts[name] = fold(as_text(self.outputs[name]))
            # The email carries the newsletter's HTML and text; when a part is exactly
            # the rendered file (the usual case), it reads the same and is not parsed again.
            for name, kind, rendered in (
                (EMAIL_TEXT, "text/plain", NEWSLETTER_TEXT),
                (EMAIL_HTML, "text/html", NEWSLETTER_HTML),
            ):
                part = self._email_part(kind)
                if part is None:
                    continue
                if _same_text(part, self.outputs[rendered]):
                    texts[name] = texts[rendered]
                elif name == EMAIL_TEXT:
                    texts[name] = fold(part)
                else:
                    texts[name] = fold(self.document(EMAIL_HTML).text)
            self._texts = texts
        return self._texts

    def missing_in(self, names: tuple[str, ...], fragment: str) -> list[str]:
        """The outputs among `names` in which a reader does not find `fragment`."""
        wanted = fold(fragment)
        return [name for name in names if wanted not in self.texts.get(name, "")]

    def letters_of(self, name: str) -> str:
        """The letters and digits of an output as a reader meets them (`letters`): the
        PDF's and the Word file's text read back from the files themselves."""
        if name not in self._letters:
            if name == PRESS_RELEASE_PDF:
                text = _pdf_text(self.outputs[name])
            elif name == PRESS_RELEASE_DOCX:
                text = _docx_text(self.outputs[name])
            else:
                text = self.texts.get(name, "")
            self._letters[name] = letters(text)
        return self._letters[name]

    def calendar(self) -> str:
        """The calendar file with its folded lines joined again (RFC 5545)."""
        return as_text(self.outputs.get(CALENDAR, "")).replace("\r\n ", "")

    def json_ld_event(self) -> dict[str, Any]:
        """The Event the press release page describes in its JSON-LD."""
        page = as_text(self.outputs[PRESS_RELEASE_HTML])
        match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        try:
            data = json.loads(match[1]) if match else {}
        except ValueError:
            return {}
        about = data.get("about", {}) if isinstance(data, dict) else {}
        return about if isinstance(about, dict) else {}

    def _email_part(self, content_type: str) -> str | None:
        """The text of the email's part of this type, the email parsed once."""
        if self._parts is None:
            self._parts = {}
            raw = self.outputs.get(NEWSLETTER_EMAIL)
            raw_bytes = raw if isinstance(raw, bytes) else b""
            message = email.message_from_bytes(raw_bytes, policy=policy.default)
            if isinstance(message, EmailMessage):
                for part in message.walk():
                    kind = part.get_content_type()
                    if kind.startswith("text/"):
                        self._parts.setdefault(kind, str(part.get_content()))
        return self._parts.get(content_type)

    def _email_html(self) -> str:
        return self._email_part("text/html") or ""


def _pdf_text(content: str | bytes) -> str:
    import io

    from pypdf import PdfReader

    data = content if isinstance(content, bytes) else content.encode()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _docx_text(content: str | bytes) -> str:
    """The Word file's text: its header (letterhead, Sperrfrist) and every paragraph."""
    import io

    import docx

    data = content if isinstance(content, bytes) else content.encode()
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for section in document.sections for p in section.header.paragraphs]
    texts += [paragraph.text for paragraph in document.paragraphs]
    return "\n".join(texts)


def _same_text(part: str, rendered: str | bytes) -> bool:
    # The email's parts end their lines with CRLF, as SMTP wants.
    return part.replace("\r\n", "\n") == as_text(rendered)


def _parse(markup: str) -> Document:
    from lxml import html

    parts: list[str] = []
    tags: list[Tag] = []
    if markup.strip():
        _walk(html.document_fromstring(markup), parts, tags)
    return Document("".join(parts), tags)


def _walk(element: Any, parts: list[str], tags: list[Tag]) -> None:
    tag = element.tag if isinstance(element.tag, str) else None  # comments have no name
    if tag is not None:
        tags.append((tag, {str(k): str(v) for k, v in element.attrib.items()}))
        separates = tag not in INLINE
        if separates:
            parts.append(" ")
        # Hidden text (the inbox preview) is not what a reader of the email sees.
        hidden = "display:none" in str(element.get("style") or "").replace(" ", "")
        if tag not in SKIPPED and not hidden:
            if element.text:
                parts.append(element.text)
            for child in element:
                _walk(child, parts, tags)
        if separates:
            parts.append(" ")
    if element.tail:
        parts.append(element.tail)
