"""PG1xx, PG204, PG503 for a newsletter file: what every newsletter must carry, each
event's words as its own outputs say them, and no item before its event's Sperrfrist."""

from __future__ import annotations

from pressgen.checks.reading import Reading, fold
from pressgen.embargo import hold
from pressgen.errors import Problem
from pressgen.german import typography
from pressgen.present.issue import IssuePresentation
from pressgen.registry import NEWSLETTER_HTML, NEWSLETTER_TEXT
from pressgen.source.documents import LoadedIssue


def issue_problems(
    shown: IssuePresentation, loaded: LoadedIssue, outputs: dict[str, str | bytes]
) -> list[Problem]:
    """What every newsletter must carry, and each event's words as its own outputs say
    them; no item may break its event's Sperrfrist."""
    reading = Reading(outputs)
    problems: list[Problem] = []
    source = loaded.source

    def missing(fragment: str) -> list[str]:
        return reading.missing_in((NEWSLETTER_HTML, NEWSLETTER_TEXT), fragment)

    for line in shown.frame.impressum:
        for name in missing(line.text):
            problems.append(
                source.problem(
                    ("issue",), f"the Impressum is missing in {name}: {fold(line.text)}",
                    code="PG204",
                )
            )  # fmt: skip
            break
    for index, entry in enumerate(shown.entries):
        loc = ("items", index)
        for fragment, what, code in (
            (entry.headline, "the headline", "PG106"),
            (entry.thanks, "the thanks", "PG103"),
            (fold(entry.quote.pull_quote)[:-1] if entry.quote else "", "the quote", "PG101"),
        ):
            if fragment and missing(fragment):
                problems.append(
                    source.problem(
                        loc,
                        f"{what} of this item is missing or worded differently in "
                        f"{', '.join(missing(fragment))}",
                        code=code,
                    )
                )
    published = loaded.issue.issue.publication_date
    for index, event in loaded.events.items():
        held = hold(event, loaded.issue.items[index].show_as)
        if held is not None and held.until.date() > published:
            problems.append(
                source.problem(
                    ("items", index, "event"),
                    f"{event.path.name} has a Sperrfrist until {held.moment}, after this "
                    f"issue's day ({typography.plain_spaces(typography.date_long(published))}): "
                    "set issue.publication_date to a later day, or leave the event out",
                    code="PG503",
                )
            )
    return problems
