"""Rendered MJML → email HTML (mjml-python) → CSS inlined (premailer), all offline."""

from __future__ import annotations

import logging

from mjml import mjml2html
from premailer import Premailer

from pressgen.errors import PressgenError


class NewsletterError(PressgenError):
    """The rendered MJML could not be turned into email HTML."""


def compile_mjml(mjml_source: str) -> str:
    """MJML → HTML with no web fonts (fonts={} stops mjml adding Google Fonts links)."""
    try:
        return mjml2html(mjml_source, fonts={})
    except ValueError as error:
        raise NewsletterError(f"newsletter.mjml could not be compiled: {error}") from None


def inline_css(html: str) -> str:
    """Move CSS into style attributes for mail clients that drop <style>; no network."""
    inliner = Premailer(
        html,
        allow_network=False,
        allow_loading_external_files=False,
        disable_validation=True,
        keep_style_tags=True,
        remove_classes=False,
        strip_important=False,
        cssutils_logging_level=logging.CRITICAL,
    )
    inlined: str = inliner.transform(pretty_print=False)
    # lxml drops the doctype that mjml wrote; without it clients render in quirks mode.
    if not inlined.lstrip().lower().startswith("<!doctype"):
        inlined = "<!doctype html>\n" + inlined
    return inlined


def compile_newsletter(mjml_source: str) -> str:
    """The finished email HTML for a rendered newsletter.mjml."""
    return inline_css(compile_mjml(mjml_source))
