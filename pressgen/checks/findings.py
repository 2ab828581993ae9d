"""Findings of one event, each located in its YAML file, in English and German."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from pressgen.checks.reading import RENDERED_FROM
from pressgen.errors import Problem
from pressgen.german.typography import NARROW_NBSP, NBSP
from pressgen.rules import RULES
from pressgen.source.loader import Loc, SourceMap


@dataclass
class Findings:
    """Collects problems for one event.

    `made_with` names, for each output, the press office's own templates that
    rendered it: a finding in that output says so, since the cause may be there.
    """

    source: SourceMap
    made_with: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    items: list[Problem] = field(default_factory=list)

    def add(
        self,
        code: str,
        loc: Loc,
        english: str,
        german: str,
        *,
        output: str | None = None,
        severity: Literal["error", "warning"] | None = None,
    ) -> None:
        """One finding; its severity is the rule's unless the rule allows both."""
        rule = RULES[code]
        if severity is None:
            assert rule.severity != "error or warning", f"{code} needs a severity"
            severity = rule.severity
        own = self.made_with.get(RENDERED_FROM.get(output, output), ()) if output else ()
        if own:
            names = ", ".join(own)
            english += f" (rendered with your own template {names})"
            german += f" (erzeugt mit Ihrer eigenen Vorlage {names})"
        # Values quoted in a message come typeset; on a terminal plain spaces read better.
        english, german = (
            text.replace(NBSP, " ").replace(NARROW_NBSP, " ") for text in (english, german)
        )
        problem = self.source.problem(loc, english, prefer_key=True, severity=severity, code=code)
        self.items.append(dataclasses.replace(problem, message_de=german))
