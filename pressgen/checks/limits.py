"""PG3xx: what fits into a mail program, and the character count a press release states."""

from __future__ import annotations

from babel.numbers import format_decimal

from pressgen.checks.findings import Findings
from pressgen.checks.reading import RELEASE, Reading
from pressgen.present.event import PREHEADER_LIMIT, Presentation
from pressgen.registry import NEWSLETTER_HTML

# Gmail cuts messages off after 102 KB and hides the rest behind a link.
NEWSLETTER_WARN_BYTES = 80 * 1024
NEWSLETTER_MAX_BYTES = 102 * 1024
SUBJECT_MAX = 78
SUBJECT_WARN = 50


def check(shown: Presentation, reading: Reading, found: Findings) -> None:
    newsletter = shown.event.newsletter
    length = len(newsletter.subject)
    if length > SUBJECT_MAX:
        found.add(
            "PG301",
            ("newsletter", "subject"),
            f"the subject has {length} characters; at most {SUBJECT_MAX} fit into a mail program",
            f"Der Betreff hat {length} Zeichen; in ein Mailprogramm passen höchstens {SUBJECT_MAX}",
        )
    elif length > SUBJECT_WARN:
        found.add(
            "PG302",
            ("newsletter", "subject"),
            f"the subject has {length} characters; phones show about {SUBJECT_WARN}",
            f"Der Betreff hat {length} Zeichen; Telefone zeigen etwa {SUBJECT_WARN}",
        )
    if not shown.preheader:  # neither a preheader nor a teaser (nor an invitation's facts)
        found.add(
            "PG303",
            ("newsletter",),
            "no preheader and no teaser: mail programs show the first words of the email instead",
            "Kein Vorschautext (preheader): Mailprogramme zeigen stattdessen die ersten Wörter "
            "der E-Mail",
        )
    elif newsletter.preheader and len(newsletter.preheader) > PREHEADER_LIMIT:
        count = len(newsletter.preheader)
        found.add(
            "PG303",
            ("newsletter", "preheader"),
            f"the preheader has {count} characters; mail programs show about {PREHEADER_LIMIT}",
            f"Der Vorschautext hat {count} Zeichen; Mailprogramme zeigen etwa {PREHEADER_LIMIT}",
        )
    html = reading.outputs[NEWSLETTER_HTML]
    size = len(html.encode("utf-8") if isinstance(html, str) else html)
    english = f"newsletter.html has {size / 1024:.0f} KB"
    german = f"newsletter.html hat {format_decimal(round(size / 1024), locale='de_DE')} KB"
    if size > NEWSLETTER_MAX_BYTES:
        found.add(
            "PG305",
            ("newsletter",),
            f"{english}; Gmail cuts off emails over 102 KB: shorten the newsletter",
            f"{german}; Gmail schneidet E-Mails über 102 KB ab: kürzen Sie den Newsletter",
        )
    elif size > NEWSLETTER_WARN_BYTES:
        found.add(
            "PG304",
            ("newsletter",),
            f"{english}; close to the 102 KB at which Gmail cuts emails off",
            f"{german}; nahe an den 102 KB, ab denen Gmail E-Mails abschneidet",
        )
    for name in reading.missing_in(RELEASE, shown.character_count):
        found.add(
            "PG306",
            ("press_release", "body"),
            f"the character count ({shown.character_count}) is not stated in {name}",
            f"Die Zeichenzahl ({shown.character_count}) steht nicht in {name}",
            output=name,
        )
