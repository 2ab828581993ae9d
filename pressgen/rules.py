"""Every code a problem can carry, with its severity and one line saying what it means.

PG0xx are mistakes in the files themselves (found while reading and validating),
PG1xx–PG7xx what `check` finds in valid data and its rendered outputs. The
README's table is generated from this list (scripts/update-docs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    """One code: what it means, and whether it stops a build."""

    code: str
    severity: Literal["error", "warning", "error or warning"]
    summary: str  # in English; the catalogue has its German (Rule's third argument)


RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in [
        # ------------------------------------------------ the files themselves
        Rule("PG001", "error", "a file cannot be read as YAML: syntax, encoding, size, aliases"),
        Rule("PG002", "error", "a key is given twice, or is not text"),
        Rule("PG003", "error", "an unknown field (the closest known one is named)"),
        Rule("PG004", "error", "a required field is missing or has no value"),
        Rule(
            "PG005",
            "error",
            "a value of the wrong kind or form: text, number, yes/no, date, time, "
            "address, link, choice, length",
        ),
        Rule("PG006", "error", "a key that names nothing: a person, a quote, a catalogue sponsor"),
        Rule(
            "PG007",
            "error",
            "a file or folder that is missing, or outside where it may be: event files, "
            "photos, the organisation file, the folders in pressgen.yaml",
        ),
        Rule("PG008", "error", "a photo that is not the image its name says, or too large"),
        Rule(
            "PG009",
            "error",
            "a time the clocks skip that night, or an end before the start on one day",
        ),
        Rule(
            "PG010",
            "error",
            "a template that cannot be rendered: syntax, a missing value, something the "
            "sandbox does not allow",
        ),
        Rule("PG011", "error", "the rendered newsletter.mjml cannot be compiled to HTML"),
        Rule(
            "PG012",
            "warning",
            "an option that does not apply to a newsletter file: --documents (it has no "
            "press release), --phase (each item shows its event as the item says)",
        ),
        Rule(
            "PG013",
            "error",
            "the English edition (languages: [de, en]) lacks the English of a German text, "
            "or has English where the German has nothing; a draft prints [English text open]",
        ),
        # ------------------------------------------------ consistency across the outputs
        Rule("PG101", "error", "a quote is missing or worded differently in an output"),
        Rule("PG102", "error", "a quote's attribution (name and function) is missing"),
        Rule(
            "PG103",
            "error",
            "the sponsor acknowledgement is missing, or names other sponsors or another order",
        ),
        Rule(
            "PG104",
            "error",
            "the date or time is missing or different (newsletter, calendar file, JSON-LD)",
        ),
        Rule("PG105", "error", "the venue is missing or different (newsletter, calendar file)"),
        Rule("PG106", "error", "the headline is missing or changed in an output"),
        Rule("PG107", "warning", "the press release never names the day of the event"),
        Rule(
            "PG108",
            "error",
            "a part of the press release (facts box, programme, accreditation, quote, "
            "Pressekontakt …) is missing in its text, PDF or Word file",
        ),
        Rule(
            "PG113",
            "warning",
            "the English edition's texts name a day or a time the German ones do not, or the "
            "other way round",
        ),
        Rule(
            "PG114",
            "warning",
            "a number stands in one edition's texts and not in the other's",
        ),
        Rule(
            "PG115",
            "warning",
            "a person, the organisation, a sponsor or the venue is named in one edition's "
            "texts and not in the other's",
        ),
        Rule(
            "PG116",
            "error",
            "the English edition's text places other quotes than the German, or in another order",
        ),
        # ------------------------------------------------ completeness
        Rule("PG201", "error", "the dateline (Ort, Datum) is missing in the press release"),
        Rule("PG202", "error or warning", "the Pressekontakt is missing (a warning without data)"),
        Rule(
            "PG203", "error or warning", "the 'Über uns' text is missing (a warning without data)"
        ),
        Rule("PG204", "error", "the Impressum (§ 5 DDG) is missing or incomplete"),
        Rule("PG205", "error", "the Abmeldelink (§ 7 UWG) is missing"),
        Rule("PG206", "error", "an image without alt text"),
        Rule("PG207", "error", "a photo credit (Bildnachweis) is missing"),
        Rule(
            "PG208",
            "warning",
            "an invitation whose venue has no street address: journalists and guests must find it",
        ),
        Rule(
            "PG209",
            "warning",
            "an invitation without a start time: journalists and guests must know when to come",
        ),
        # ------------------------------------------------ limits
        Rule("PG301", "error", "the subject is longer than 78 characters"),
        Rule("PG302", "warning", "the subject is longer than 50 characters (phones cut it)"),
        Rule("PG303", "warning", "the preheader is missing or longer than 100 characters"),
        Rule("PG304", "warning", "newsletter.html is over 80 KB (Gmail cuts at 102 KB)"),
        Rule("PG305", "error", "newsletter.html is over 102 KB: Gmail cuts it off"),
        Rule("PG306", "error", "the character count (Zeichen inkl. Leerzeichen) is not stated"),
        # ------------------------------------------------ links
        Rule("PG401", "error", "a link that is not http, https or mailto"),
        Rule("PG402", "warning", "the same address twice in one list"),
        Rule(
            "PG403",
            "warning",
            "a placeholder address (example.com, .example, .test, localhost)",
        ),
        Rule(
            "PG404",
            "warning",
            "an image in the email without a full https:// address, or a press photo the "
            "email cannot show (no newsletter.image_base_url or web_url)",
        ),
        Rule(
            "PG405",
            "error",
            "the author's text holds a placeholder of the list manager it is built for "
            "(*|UNSUB|*, {{ unsubscribe }}, {UNSUBSCRIBE}): the system would fill it in",
        ),
        # ------------------------------------------------ dates
        Rule(
            "PG501",
            "warning",
            "the embargo has passed (now: the time of the check, or SOURCE_DATE_EPOCH)",
        ),
        Rule("PG502", "warning", "the embargo lies after the publication date"),
        Rule(
            "PG503",
            "error",
            "a newsletter issue goes out before the Sperrfrist of an event in it has passed",
        ),
        Rule(
            "PG504",
            "warning",
            "an invitation dated after the event it invites to (often: without "
            "invitation.publication_date it takes the report's date)",
        ),
        Rule(
            "PG505",
            "warning",
            "a report (the recap, chosen with --phase recap or phase: recap) dated before the "
            "event it reports on",
        ),
        # ------------------------------------------------ drafts
        Rule(
            "PG601",
            "error or warning",
            "a draft: it names the facts still open; an error unless built with --draft "
            "(a warning in the preview)",
        ),
        Rule(
            "PG602",
            "warning",
            "a gap written by hand ([… offen], [Name], XXX, TODO, N. N.) in a file that is no "
            "draft",
        ),
        # ------------------------------------------------ the author's texts
        Rule(
            "PG701",
            "warning",
            "the texts mix ways of gendering (Teilnehmer*innen, Teilnehmer:innen, "
            "Teilnehmerinnen und Teilnehmer …), or differ from typography.gender",
        ),
        Rule(
            "PG702",
            "warning",
            "the texts say what the data does not: another number of guests, a time or day "
            "that is not the event's, a weekday that does not fit its date, no venue",
        ),
        Rule(
            "PG703",
            "warning",
            "a quote's speaker whose function the press release never gives "
            "(attribution: short, and no paragraph says who they are)",
        ),
        Rule(
            "PG704",
            "warning",
            "the texts look back on the event (Rückblick, fand statt …), but the release is "
            "published before it",
        ),
        Rule(
            "PG705",
            "warning",
            "a speaker's name begins with an article in capitals (Die Gäste): pressgen writes "
            "it within a sentence („sagt Die Gäste“)",
        ),
        Rule(
            "PG706",
            "warning",
            "someone who has cancelled (presence: absent) is quoted, leads a programme point or "
            "thanks: the outputs would say they were there",
        ),
        Rule(
            "PG708",
            "warning",
            "a sponsor who is also the host or a co-host: the thanks name it twice",
        ),
        Rule(
            "PG709",
            "warning",
            "a ministry, public body or foundation thanked as Sponsor: such supporters are "
            "Förderer",
        ),
        Rule(
            "PG707",
            "warning",
            "a quote's verb in the present in a report, whose own sentences are in the past "
            "(„betont X“ beside „sagte Y“, „dankte Z“)",
        ),
        # ------------------------------------------------ mail programs (check --clients)
        Rule(
            "PG801",
            "warning",
            "a feature of newsletter.html that a major mail program does not support "
            "(caniemail data; only with check --clients)",
        ),
        # ------------------------------------------------ the web and the press room
        Rule("PG901", "warning", "the release has no web address (feed, sitemap, og:url)"),
        Rule("PG902", "warning", "no picture for the link preview (og:image)"),
        Rule("PG903", "warning", "the link preview's picture is under 1200 × 630 pixels"),
        Rule("PG904", "warning", "a press photo under 1200 pixels on its long side (print)"),
        Rule(
            "PG905",
            "warning",
            "the build record (.pressgen-build.json) is not what pressgen writes: set aside, "
            "everything built again",
        ),
    ]
}


def readme_table() -> str:
    """The table of codes as the README shows it."""
    rows = ["| code | severity | meaning |", "|---|---|---|"]
    rows += [f"| {rule.code} | {rule.severity} | {rule.summary} |" for rule in RULES.values()]
    return "\n".join(rows) + "\n"
