"""Rendered MJML → email HTML (mjml-python) → CSS inlined (premailer), all offline."""

from __future__ import annotations

import logging
import re
import sys
import types
from functools import cache
from pathlib import Path

import cssutils
from mjml import mjml2html

from pressgen.errors import DataError, PressgenError, Problem
from pressgen.messages import _
from pressgen.registry import NEWSLETTER_MJML


class NewsletterError(PressgenError):
    """The rendered MJML could not be turned into email HTML."""


def _import_premailer_without_requests() -> None:
    """Import premailer without requests, whose import costs a third of a cold build.

    premailer needs requests only to fetch remote style sheets, which pressgen
    never lets it do (allow_network=False, and a session that refuses). So an
    empty stand-in takes the place of requests while premailer is imported;
    anything imported later gets the real requests: no state of another
    library outlives this import.
    """
    if "requests" in sys.modules:
        return
    sys.modules["requests"] = types.ModuleType("requests", "stand-in while premailer loads")
    try:
        import premailer  # noqa: F401
    finally:
        del sys.modules["requests"]


_import_premailer_without_requests()
from premailer import Premailer  # noqa: E402


class _OfflineSession:
    """What premailer would fetch remote files with: pressgen refuses every request."""

    def get(self, url: str, **options: object) -> None:
        raise NewsletterError(
            _("pressgen does not fetch files from the network ({url})").format(url=url)
        )


@cache
def _parse_css_without_validating() -> None:
    """premailer checks inline styles against cssutils' CSS profiles even with
    disable_validation=True; compiling those patterns costs 0.1 s per process,
    and the verdict is never used. Without profiles cssutils only parses.

    This changes cssutils for the whole process (it keeps its profiles in a
    module global), so it is done only when pressgen inlines CSS, not on import.
    """
    cssutils.profile.removeProfile(all=True)


_POSITION = re.compile(r"(.*?)(?: in root template)? at position (\d+):(\d+)")


def compile_mjml(mjml_source: str) -> str:
    """MJML → HTML with no web fonts (fonts={} stops mjml adding Google Fonts links)."""
    try:
        return mjml2html(mjml_source, fonts={})
    except ValueError as error:
        raise DataError([explain_mjml_error(str(error), mjml_source)]) from None


def explain_mjml_error(message: str, mjml_source: str) -> Problem:
    """mjml-python reports byte offsets; say which line of the rendered MJML is wrong."""
    match = _POSITION.fullmatch(message.strip())
    if not match:
        said = _(
            "(from templates/newsletter.mjml.j2 and its partials) cannot be compiled: {error}"
        ).format(error=message)
        return Problem(Path(NEWSLETTER_MJML), 1, 1, said, code="PG011")
    reason, start = match[1].removesuffix(" in root template"), int(match[2])
    before = mjml_source.encode("utf-8")[:start].decode("utf-8", "replace")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    text = mjml_source.splitlines()[line - 1].strip() if mjml_source else ""
    said = _("(from templates/newsletter.mjml.j2 and its partials) {error}: {text}").format(
        error=reason, text=text[:120]
    )
    return Problem(Path(NEWSLETTER_MJML), line, column, said, code="PG011")


def inline_css(html: str) -> str:
    """Move CSS into style attributes for mail clients that drop <style>; no network."""
    _parse_css_without_validating()
    inliner = Premailer(
        html,
        allow_network=False,
        session=_OfflineSession(),
        allow_loading_external_files=False,
        disable_validation=True,
        keep_style_tags=True,
        remove_classes=False,
        strip_important=False,
        cssutils_logging_level=logging.CRITICAL,
        # Outlook on Windows sizes images by their width attribute: keep the pixels mjml
        # wrote, not the "100%" premailer would copy from the CSS.
        disable_basic_attributes=["width", "height"],
    )
    inlined: str = inliner.transform(pretty_print=False)
    # lxml drops the doctype that mjml wrote; without it clients render in quirks mode.
    if not inlined.lstrip().lower().startswith("<!doctype"):
        inlined = "<!doctype html>\n" + inlined
    return inlined if inlined.endswith("\n") else inlined + "\n"


def compile_newsletter(mjml_source: str) -> str:
    """The finished email HTML for a rendered newsletter.mjml."""
    return inline_css(compile_mjml(mjml_source))
