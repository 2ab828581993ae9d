"""The newsletter file's schema: an issue with several items (events and short news)."""

from __future__ import annotations

from pydantic import (
    Field,
    model_validator,
)

from pressgen.messages import _
from pressgen.source.event import Language, Languages, Phase, Photo
from pressgen.source.fields import Date, Line, Prose, Schema, Url, Wording, english_part

# ---------------------------------------------------------------- a newsletter issue


class NewsItem(Schema):
    """A short piece of news written in the newsletter file itself."""

    headline: Wording = Field(description="Headline of the item.")
    text: Prose = Field(description="Two or three sentences.")
    link: Url | None = Field(None, description="Where to read more.")
    link_label: Wording = Field("Mehr erfahren", description="Text of the link.")
    photo: Photo | None = Field(None, description="A photo, with caption and credit.")


class IssueItem(Schema):
    """One item of a newsletter issue: an event (by its file) or a short news item."""

    event: Line | None = Field(
        None, description="An event file, relative to the newsletter file, e.g. workshop.yaml."
    )
    show_as: Phase | None = Field(
        None,
        description="invitation or recap; as the event's dates say if omitted.",
    )
    news: NewsItem | None = Field(None, description="Or a news item written here.")

    @model_validator(mode="after")
    def _one_kind(self) -> IssueItem:
        if (self.event is None) == (self.news is None):
            raise ValueError(_("give either event (a file) or news, not both"))
        if self.show_as is not None and self.event is None:
            raise ValueError(_("show_as is for events only"))
        return self


class IssueInfo(Schema):
    """What the issue says in its own words: subject, preheader, greeting."""

    subject: Wording = Field(description="Subject line of the email.")
    preheader: Wording | None = Field(None, description="Preview text shown after the subject.")
    publication_date: Date = Field(description="When the issue goes out (the email's date).")
    title: Wording | None = Field(
        None, description="Heading above the items, e.g. 'Newsletter Januar 2027'."
    )
    salutation: Wording | None = Field(
        None,
        description="Salutation above the intro, e.g. 'Liebe Mitglieder,'; a recipient's own "
        "from the list (send --to-list) takes its place. The intro then goes on in lower case.",
    )
    intro: Prose | None = Field(None, description="Editorial introduction above the items.")
    greeting: Wording | None = Field(
        None, description="Closing greeting, e.g. 'Ihr Team des Netzwerks'."
    )
    web_url: Url | None = Field(
        None,
        description="Where this issue is published online, ending in '/' (for 'Im Browser "
        "ansehen').",
    )


class IssueContent(Schema):
    """What a newsletter file says: its own words and its items."""

    issue: IssueInfo = Field(description="Subject, preheader, intro and greeting.")
    items: list[IssueItem] = Field(min_length=1, max_length=30, description="The items, in order.")


IssueInEnglish = english_part(IssueContent)
"""The en: part of a newsletter file: its own words in English (languages: [de, en])."""


class NewsletterIssue(IssueContent):
    """A newsletter file: several items in one email, with its own subject and words.

    The organisation (for the Impressum), the sender, the Abmeldelink, the brand
    and the typography are the first event's: one sender, one legal footer.
    """

    languages: Languages = Field(
        default_factory=lambda: list[Language](["de"]),
        description="The editions to publish: [de], or [de, en] for an English newsletter "
        "beside the German one; every event it shows needs its English edition then.",
    )
    en: IssueInEnglish | None = Field(  # type: ignore[valid-type]
        None,
        description="The English of the newsletter's own words, in the shape of the German: "
        "en.issue.subject, en.issue.intro, en.items[1].news.headline … The events' English "
        "is in their own files.",
    )
