"""The schemas of a project's shared files: organisation.yaml (what every event
inherits) and pressgen.yaml (the project's settings)."""

from __future__ import annotations

from pydantic import (
    Field,
)

from pressgen.source.event import Brand, Contact, Organisation, Sender, Sponsor, Typography
from pressgen.source.fields import Email, Key, Line, Schema, Url, Verbatim


class OrganisationFile(Schema):
    """The shared organisation file: what every event of the organisation inherits.

    An event may override any of it; sponsors of the catalogue are named by key.
    """

    organisation: Organisation = Field(description="Who organises the events.")
    press_contact: Contact | None = Field(None, description="Pressekontakt for every release.")
    sender: Sender | None = Field(None, description="Sender of every newsletter.")
    reply_to: Email | None = Field(None, description="Where replies to newsletters go.")
    unsubscribe_url: Url | None = Field(None, description="Abmeldelink of every newsletter.")
    sponsors: dict[Key, Sponsor] = Field(
        default_factory=dict,
        max_length=1000,
        description="Sponsor catalogue: an event lists a sponsor by its key, "
        "e.g. '- jenawirtschaft'.",
    )


class UtmDefaults(Schema):
    """Campaign parameters for every newsletter; the campaign is the event's file name."""

    source: Verbatim = Field("newsletter", description="utm_source.")
    medium: Verbatim = Field("email", description="utm_medium.")


class ProjectConfig(Schema):
    """pressgen.yaml: the settings of one press office's project."""

    events: Line = Field(
        "events", description="Folder of event files, built when no path is given."
    )
    output: Line = Field("out", description="Folder for the outputs.")
    organisation: Line | None = Field(
        None, description="The shared organisation file, e.g. organisation.yaml."
    )
    templates: Line = Field(
        "templates", description="Folder of your own templates; they replace built-in ones by name."
    )
    typography: Typography = Field(default_factory=Typography, description="Typography settings.")
    brand: Brand = Field(default_factory=Brand, description="Colour and logo of the newsletter.")
    web_base_url: Url | None = Field(
        None,
        description="Where outputs are published, ending in '/'; each event's folder is "
        "its file name below it, for 'Im Browser ansehen' and the calendar link.",
    )
    utm: UtmDefaults | None = Field(None, description="Add campaign parameters to web links.")
    image_base_url: Url | None = Field(
        None,
        description="Where the email's images are published, ending in '/'; each event's "
        "are in a folder named like its file below it (newsletter.image_base_url).",
    )
    ignored_email_features: list[Line] = Field(
        default_factory=list,
        max_length=300,
        description="caniemail features that check --clients leaves out, e.g. css-border-radius.",
    )
