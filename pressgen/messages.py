"""The language pressgen speaks to its user: German when the locale is German, else English.

Messages are written in English in the code, marked with `_` (or `ngettext` where a count
decides the form), and translated by the gettext catalogue in pressgen/locale, which
scripts/update-translations keeps in step with the code through Babel. The catalogue also
holds the German of click's own words (Usage, Options, its usage errors), so `--help`
reads in one language.

The locale is read once, as gettext reads it: LANGUAGE, LC_ALL, LC_MESSAGES, LANG.
What pressgen writes for readers (press release, newsletter) is German in any locale.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path
from typing import Literal

LOCALES = Path(__file__).parent / "locale"
DOMAIN = "pressgen"


@functools.cache
def _german() -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALES, languages=["de"], fallback=True)


@functools.cache
def _chosen() -> gettext.NullTranslations:
    if gettext.find(DOMAIN, LOCALES) is None:  # the locale is not German: the code's English
        return gettext.NullTranslations()
    return _german()


def language() -> Literal["de", "en"]:
    """The language of the user's locale, as far as pressgen speaks it."""
    return "en" if type(_chosen()) is gettext.NullTranslations else "de"


def _(message: str) -> str:
    """The message in the user's language."""
    return _chosen().gettext(message)


def ngettext(singular: str, plural: str, number: int) -> str:
    """The message in the user's language, in the form `number` takes."""
    return _chosen().ngettext(singular, plural, number)


def german(message: str) -> str:
    """The message in German whatever the locale: for problems kept in both languages."""
    return _german().gettext(message)


def speak_to_click() -> None:
    """Let click's own words (Usage, Options, its errors) come from this catalogue too.

    click asks gettext's current domain; with a German locale that is pressgen's.
    """
    if language() == "de":
        gettext.bindtextdomain(DOMAIN, LOCALES)
        gettext.textdomain(DOMAIN)


def N_(message: str) -> str:
    """Marks a message kept in a table for the catalogue; `_` translates it where it is used."""
    return message
