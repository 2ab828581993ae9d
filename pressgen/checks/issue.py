"""PG1xx, PG204, PG503 for a newsletter file: what every newsletter must carry, each
event's words as its own outputs say them, and no item before its event's Sperrfrist."""

from __future__ import annotations

from pressgen.checks.reading import Reading, fold
from pressgen.embargo import hold
from pressgen.errors import Problem
from pressgen.german import typography
from pressgen.messages import N_, _
from pressgen.present.issue import IssuePresentation
from pressgen.registry import NEWSLETTER_HTML, NEWSLETTER_TEXT
from pressgen.source.documents import LoadedIssue
from pressgen.source.loader import SourceMap

_ITEM_HEADLINE_DIFFERS = N_(
    "the headline of this item is missing or worded differently in {outputs}"
)
_ITEM_THANKS_DIFFER = N_("the thanks of this item is missing or worded differently in {outputs}")
_ITEM_QUOTE_DIFFERS = N_("the quote of this item is missing or worded differently in {outputs}")


def issue_problems(
    shown: IssuePresentation,
    loaded: LoadedIssue,
    outputs: dict[str, str | bytes],
    source: SourceMap | None = None,
) -> list[Problem]:
    """What every newsletter must carry, and each event's words as its own outputs say
    them; no item may break its event's Sperrfrist. `source` locates the English
    newsletter's findings at its words (english_source)."""
    reading = Reading(outputs)
    problems: list[Problem] = []
    source = source or loaded.source

    def missing(fragment: str) -> list[str]:
        return reading.missing_in((NEWSLETTER_HTML, NEWSLETTER_TEXT), fragment)

    for line in shown.frame.impressum:
        for name in missing(line.text):
            problems.append(
                source.problem(
                    ("issue",),
                    _("the Impressum is missing in {output}: {line}").format(
                        output=name, line=fold(line.text)
                    ),
                    code="PG204",
                )
            )  # fmt: skip
            break
    for index, entry in enumerate(shown.entries):
        loc = ("items", index)
        quote = fold(entry.quote.pull_quote)[:-1] if entry.quote else ""
        for fragment, what, code in (
            (entry.headline, _ITEM_HEADLINE_DIFFERS, "PG106"),
            (entry.thanks, _ITEM_THANKS_DIFFER, "PG103"),
            (quote, _ITEM_QUOTE_DIFFERS, "PG101"),
        ):
            if fragment and missing(fragment):
                problems.append(
                    source.problem(
                        loc,
                        _(what).format(outputs=", ".join(missing(fragment))),
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
                    _(
                        "{file} has a Sperrfrist until {moment}, after this issue's day ({day}): "
                        "set issue.publication_date to a later day, or leave the event out"
                    ).format(
                        file=event.path.name,
                        moment=held.moment,
                        day=typography.plain_spaces(typography.date_long(published)),
                    ),
                    code="PG503",
                )
            )
    return problems
