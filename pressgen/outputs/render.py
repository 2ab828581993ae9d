"""Every output of one event, rendered in memory from its presentation.

`render_event` is the one pipeline: `build`, `check` and the preview all call it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from markupsafe import Markup, escape

from pressgen.errors import display_path
from pressgen.outputs.email import build_email
from pressgen.outputs.environment import environment, render_template, template_fingerprint
from pressgen.outputs.ics import render_ics
from pressgen.outputs.json_ld import json_ld_script
from pressgen.outputs.photo_archive import CREDITS_TEMPLATE, photo_archive
from pressgen.outputs.photos import PublishedPhoto
from pressgen.present.event import Presentation, Reader, View, present
from pressgen.present.issue import IssuePresentation
from pressgen.present.language import LANGUAGES
from pressgen.present.photos import web_name
from pressgen.registry import (
    CALENDAR,
    LIST_MANAGER_NOTES,
    LIST_MANAGER_NOTES_TEMPLATE,
    NEWSLETTER_EMAIL,
    NEWSLETTER_HTML,
    NEWSLETTER_MJML,
    NEWSLETTER_TEXT,
    PHOTO_ARCHIVE,
    PRESS_RELEASE_DOCX,
    PRESS_RELEASE_HTML,
    PRESS_RELEASE_PDF,
    PRESS_RELEASE_TEXT,
    TEMPLATE_OF,
)
from pressgen.source.editions import english_edition, publishes_english
from pressgen.source.event import Event


@dataclass(frozen=True)
class Outputs:
    """One event's outputs in memory, keyed by path inside its output folder."""

    files: dict[str, str | bytes]
    # For each output, the press office's own templates that rendered it (their paths
    # as the user sees them), so that a check can point there.
    made_with: dict[str, tuple[str, ...]] = field(default_factory=dict)


def render_event(
    shown: Presentation,
    photos: Mapping[str, PublishedPhoto] | None = None,
    template_dirs: Sequence[Path] = (),
    documents: bool = False,
) -> Outputs:
    """Every output of one event, in memory.

    `photos` are the event's local press photos as published (publish_photos); they and
    their copies go beside the HTML that shows them. `documents` adds the press release
    as PDF (WeasyPrint, loaded only then) and DOCX.
    """
    # Only the photos the document shows (an invitation shows none of the report's).
    shown_photos = {photo.src for photo in shown.event.press_release.photos}
    photos = {src: photo for src, photo in (photos or {}).items() if src in shown_photos}
    data = shown.template_data()
    env = environment(tuple(template_dirs), template_fingerprint(template_dirs))
    used: dict[str, list[str]] = {name: [] for name in (*TEMPLATE_OF, PHOTO_ARCHIVE)}

    def render(output: str, **extra: Any) -> str:
        return render_template(shown.templates[output], data, env, used[output], **extra)

    mjml_source, newsletter_html, newsletter_text = _newsletter(render)
    event = shown.event
    files: dict[str, str | bytes] = {
        # schema.org data for search engines: JSON text, already safe inside <script>.
        PRESS_RELEASE_HTML: render(
            PRESS_RELEASE_HTML, json_ld=Markup(json_ld_script(event, shown.language))
        ),
        PRESS_RELEASE_TEXT: render(PRESS_RELEASE_TEXT),
        NEWSLETTER_MJML: mjml_source,
        NEWSLETTER_HTML: newsletter_html,
        NEWSLETTER_TEXT: newsletter_text,
        NEWSLETTER_EMAIL: build_email(
            event, newsletter_text, newsletter_html, language=shown.language
        ),
    }
    calendar = render_ics(event, shown.calendar_uid, LANGUAGES[shown.language])
    if calendar is not None:
        files[CALENDAR] = calendar
    if shown.handover is not None:  # for a list manager: what to enter in it
        files[LIST_MANAGER_NOTES] = render_template(LIST_MANAGER_NOTES_TEMPLATE, data, env)
    # Each local photo as it is published (pressgen.outputs.photos.published_photo): every
    # copy, in every output, is made from these bytes, never from the original.
    published = {src: photo.data for src, photo in photos.items()}
    lead = shown.lead_photo
    # The email's copies of its photo are published beside the original.
    copies = {src: photo.copies(email=lead is not None and lead.file == src)
              for src, photo in photos.items()}  # fmt: skip
    if documents:
        from pressgen.outputs.documents import press_release_docx, press_release_pdf

        html = files[PRESS_RELEASE_HTML]
        assert isinstance(html, str)
        # The page shows the web copies; print takes each photo whole, as published.
        printed = {web_name(src): data for src, data in published.items()} | published
        files[PRESS_RELEASE_PDF] = press_release_pdf(shown, html, printed)
        files[PRESS_RELEASE_DOCX] = press_release_docx(shown, photos)
    for src, made in copies.items():
        files.update({src: made[src], web_name(src): made[web_name(src)]})
    if published:
        credits = render_template(CREDITS_TEMPLATE, data, env, used[PHOTO_ARCHIVE])
        files[PHOTO_ARCHIVE] = photo_archive(shown, published, credits)
    for made in copies.values():
        files.update(made)
    return Outputs(files, _own(used, template_dirs))


def render_editions(
    event: Event,
    view: View,
    photos: Mapping[str, PublishedPhoto] | None = None,
    template_dirs: Sequence[Path] = (),
    documents: bool = False,
) -> list[tuple[Presentation, Outputs]]:
    """Every edition of the event, each presented and rendered: the German, then the
    English one when the file publishes it (languages: [de, en]); its outputs go into
    the folder named after its language."""
    sizes = {src: photo.size for src, photo in (photos or {}).items()}
    editions = [(event, view)]
    if publishes_english(event):
        editions.append((english_edition(event), dataclasses.replace(view, language="en")))
    made = []
    for told, seen in editions:
        shown = present(told, seen, sizes)
        made.append((shown, render_event(shown, photos, template_dirs, documents=documents)))
    return made


class NewsletterCopy(NamedTuple):
    """One recipient's newsletter: the event as its mail headers read it, its text and
    HTML, and the language they are in."""

    event: Event
    text: str
    html: str
    language: str


class NewsletterCopies:
    """Each recipient's newsletter for one send: compiling the MJML and inlining the CSS
    are most of the work, so the HTML is made once for each shape of message (with or
    without a salutation, with or without an own unsubscribe link) with stand-ins, and
    each recipient's values take their places. Proven on the first recipient of each
    shape: where the stand-ins do not give exactly the page rendered for them (an own
    template that changes the values), every copy of that shape is rendered whole. A
    value that HTML would write differently (&, <, quotes) is rendered whole too."""

    SALUTATION = "PressgenSalutation7f3a9c"
    UNSUBSCRIBE = "https://unsubscribe.pressgen.invalid/7f3a9c"

    def __init__(
        self, shown: Presentation | IssuePresentation, template_dirs: Sequence[Path] = ()
    ) -> None:
        self.shown = shown
        self.env = environment(tuple(template_dirs), template_fingerprint(template_dirs))
        self._pages: dict[tuple[bool, bool], str | None] = {}  # shape → page with stand-ins
        self.filled = 0  # copies made from a page with stand-ins, not rendered whole

    def __call__(self, reader: Reader) -> NewsletterCopy:
        event, data = self.shown.read_by(reader)
        language = self.shown.language
        text = self._render(NEWSLETTER_TEXT, data, campaign_links=True)
        shape = (bool(reader.salutation), bool(reader.unsubscribe_url))
        plain = all(str(escape(value)) == value for value in astuple(reader))
        page = self._pages.get(shape) if plain else None
        if page is not None:
            self.filled += 1
            return NewsletterCopy(event, text, self._filled(page, reader), language)
        html = self._html(data)
        if plain and shape not in self._pages:
            stand_in = Reader(self.SALUTATION if shape[0] else "",
                              self.UNSUBSCRIBE if shape[1] else "")  # fmt: skip
            page = self._html(self.shown.read_by(stand_in)[1])
            self._pages[shape] = page if self._filled(page, reader) == html else None
        return NewsletterCopy(event, text, html, language)

    def _filled(self, page: str, reader: Reader) -> str:
        return page.replace(self.SALUTATION, reader.salutation).replace(
            self.UNSUBSCRIBE, reader.unsubscribe_url
        )

    def _render(self, output: str, data: dict[str, Any], **extra: Any) -> str:
        return render_template(self.shown.templates[output], data, self.env, **extra)

    def _html(self, data: dict[str, Any]) -> str:
        from pressgen.outputs.newsletter import compile_newsletter

        return compile_newsletter(self._render(NEWSLETTER_MJML, data, campaign_links=True))


def render_issue(
    shown: IssuePresentation, template_dirs: Sequence[Path] = ()
) -> dict[str, str | bytes]:
    """A newsletter file's newsletter: MJML, HTML, text and .eml, from its own templates."""
    data = shown.template_data()
    env = environment(tuple(template_dirs), template_fingerprint(template_dirs))

    def render(output: str, **extra: Any) -> str:
        return render_template(shown.templates[output], data, env, **extra)

    mjml, html, text = _newsletter(render)
    files: dict[str, str | bytes] = {
        NEWSLETTER_MJML: mjml,
        NEWSLETTER_HTML: html,
        NEWSLETTER_TEXT: text,
        NEWSLETTER_EMAIL: build_email(shown.frame.event, text, html, language=shown.language),
    }
    if shown.handover is not None:
        files[LIST_MANAGER_NOTES] = render_template(LIST_MANAGER_NOTES_TEMPLATE, data, env)
    return files


def _newsletter(render: Callable[..., str]) -> tuple[str, str, str]:
    """MJML, HTML and text of the newsletter; links carry campaign parameters when the
    data asks for them."""
    from pressgen.outputs.newsletter import compile_newsletter  # heavy: only when rendering

    mjml_source = render(NEWSLETTER_MJML, campaign_links=True)
    return (
        mjml_source,
        compile_newsletter(mjml_source),
        render(NEWSLETTER_TEXT, campaign_links=True),
    )


def _own(used: dict[str, list[str]], template_dirs: Sequence[Path]) -> dict[str, tuple[str, ...]]:
    """Of the templates each output used, those from the press office's own folders."""
    folders = [folder.resolve() for folder in template_dirs]
    own = {}
    for output, files in used.items():
        mine = [
            display_path(Path(file))
            for file in dict.fromkeys(files)
            if any(Path(file).resolve().is_relative_to(folder) for folder in folders)
        ]
        if mine:
            own[output] = tuple(mine)
    return own
