"""`pressgen new`: a ready-to-edit project for a press office."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from pressgen.errors import OutputError, display_path
from pressgen.messages import _
from pressgen.outputs.environment import builtin_templates_dir
from pressgen.source.schema import schema_text
from pressgen.write import write_atomically

CONFIG = """\
# yaml-language-server: $schema=schemas/config.schema.json
# Settings of this pressgen project. `pressgen schema config` describes every field.

events: events                  # event files; `pressgen build` builds them all
output: out                     # where the outputs go
organisation: organisation.yaml # what every event inherits
templates: templates            # your own templates replace built-in ones by name

typography:
  quotes: german                # „…“ — or guillemets: »…«
  thousands: dot                # 1.000 — or thin, none
  conjunction: und              # A, B und C — or sowie

brand:
  color: "#0b5fa5"              # links, button and quote bar in the newsletter
  # logo: {src: https://www.example.de/logo.png, alt: Muster e. V.}

# Where the outputs are published; each event's folder is its file name below it.
# web_base_url: https://www.example.de/presse/
# utm: {source: newsletter, medium: email}   # campaign parameters on web links
"""

ORGANISATION = """\
# yaml-language-server: $schema=schemas/organisation.schema.json
# What every event inherits. An event may override any of it.
# BEISPIEL: replace every value with your organisation's own.

organisation:
  name: Muster e.V.
  article: der                  # "Über den Muster e. V."
  website: https://www.muster-verein.example/
  email: info@muster-verein.example
  phone: +49 3641 000000
  address:
    street: Marktplatz 1
    postcode: "07743"
    city: Jena
  about: >-
    Der Muster e.V. bringt seit 2010 Menschen aus Wirtschaft, Wissenschaft und
    Verwaltung in Jena zusammen.
  impressum:
    legal_form: eingetragener Verein
    represented_by: "Vorstand: Erika Muster"
    register_entry: Vereinsregister Amtsgericht Jena, VR 000000
    responsible: Erika Muster, Anschrift wie oben

press_contact:
  name: Max Muster
  role: Pressesprecher
  phone: +49 3641 000001
  email: presse@muster-verein.example

sender:
  name: Muster e.V.
  email: newsletter@muster-verein.example
unsubscribe_url: https://www.muster-verein.example/newsletter/abmelden

sponsors:                       # events name these by key: sponsors: [stadtwerke]
  stadtwerke:
    name: Stadtwerke Muster
    article: die
    dative: den Stadtwerken Muster
    url: https://www.stadtwerke-muster.example/
"""

EVENT = """\
# yaml-language-server: $schema=../schemas/event.schema.json
# BEISPIEL: an event of the Muster e.V. Organisation, press contact, sender and
# Abmeldelink come from organisation.yaml.

event:
  title: Tag der offenen Tür 2027
  kind: Tag der offenen Tür
  motto: Ein Blick hinter die Kulissen
  date: 2027-05-08
  start: "10:00"
  end: "16:00"
  venue:
    name: Vereinshaus
    address: {street: Marktplatz 1, postcode: "07743", city: Jena}

people:
  muster:
    name: Erika Muster
    role: Vorsitzende des Muster e.V.

programme:
  - kind: begruessung
    start: "10:00"
    speakers: [muster]
  - kind: fuehrung
    start: "11:00"
    title: Rundgang durch das Vereinshaus

quotes:
  einladung:
    by: muster
    text: Wir freuen uns auf viele neugierige Gäste und gute Gespräche.

sponsors: [stadtwerke]

press_release:
  publication_date: 2027-04-20
  dateline_city: Jena
  headline: Tag der offenen Tür im Vereinshaus
  body:
    - >-
      Am 8. Mai 2027 öffnet der Muster e.V. von 10 bis 16 Uhr die Türen seines
      Vereinshauses am Marktplatz.
    - quote: einladung
    - sponsors: yes

newsletter:
  subject: "Einladung: Tag der offenen Tür am 8. Mai"
  preheader: Rundgänge, Gespräche und ein Blick hinter die Kulissen
"""

TEMPLATES_README = """\
# Your own templates

A file here replaces the built-in template of the same name, for example
`newsletter.mjml.j2` or `partials/quote.html.j2`. To change only part of a
built-in template, extend it and override single blocks:

    {{% extends "!builtin/newsletter.mjml.j2" %}}
    {{% block footer %}}…your footer…{{{{ super() }}}}{{% endblock %}}

Your templates run in Jinja's sandbox. HTML and MJML templates escape every
value; text templates do not.

Templates and their blocks:

{listing}
"""


def _template_listing() -> str:
    import re

    root = builtin_templates_dir()
    lines = []
    for path in sorted(root.rglob("*.j2")):
        name = path.relative_to(root).as_posix()
        blocks = re.findall(r"{%-?\s*block\s+(\w+)", path.read_text("utf-8"))
        lines.append(f"- `{name}`" + (f": blocks {', '.join(blocks)}" if blocks else ""))
    return "\n".join(lines)


def project_files() -> dict[str, str]:
    """The files of a new project, by path inside it."""
    return {
        "pressgen.yaml": CONFIG,
        "organisation.yaml": ORGANISATION,
        "events/beispiel.yaml": EVENT,
        "templates/README.md": TEMPLATES_README.format(listing=_template_listing()),
        "schemas/event.schema.json": schema_text("event"),
        "schemas/organisation.schema.json": schema_text("organisation"),
        "schemas/config.schema.json": schema_text("config"),
        "schemas/newsletter.schema.json": schema_text("newsletter"),
        # The outputs are made again by build; the send journal holds recipients'
        # addresses, which do not belong in a repository.
        ".gitignore": "out/\npressgen-versand.sqlite*\n",
    }


def create_project(folder: Path) -> list[Path]:
    """Write a new project into `folder`; refuse if any of its files exists already.

    Nothing is left half made: when a file cannot be written, what this call
    wrote is removed again and the reason is given in one line.
    """
    files = {folder / name: text for name, text in project_files().items()}
    existing = [path for path in files if os.path.lexists(path)]  # a dangling link too
    if existing:
        names = ", ".join(display_path(path) for path in existing)
        raise OutputError(
            _("these files exist already and are left alone: {files}").format(files=names)
        )
    made: list[Path] = []  # files and folders, in the order they were made
    current = folder
    try:
        for path, text in files.items():
            for parent in reversed([path.parent, *path.parent.parents]):
                if not parent.exists():
                    current = parent
                    parent.mkdir()
                    made.append(parent)
            current = path
            write_atomically(path, text.encode("utf-8"))
            made.append(path)
    except OSError as error:
        for path in reversed(made):
            with contextlib.suppress(OSError):
                if path.is_dir():
                    path.rmdir()
                else:
                    path.unlink()
        raise OutputError(
            _("cannot write {path}: {reason}").format(
                path=display_path(current), reason=error.strerror
            )
        ) from None
    return list(files)
