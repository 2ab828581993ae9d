"""The press release as a print document: pressemitteilung.pdf, made with WeasyPrint from
the same HTML (build --documents, and the attachment of send --press).

A4 with the organisation's name and address at the top of every page, the
Sperrfrist there too when there is one, "Seite 1 von 2" at the foot, tagged for
accessibility (PDF/UA-1, as BITV 2.0 asks of public bodies). Nothing is fetched
from the network: only the event's own photos are read, from its folder. The same
data gives the same bytes (WeasyPrint writes no dates unless told).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from pressgen.errors import PressgenError
from pressgen.present import Presentation
from pressgen.registry import PRESS_RELEASE_PDF

_PAGE = """
@page {
  size: A4;
  margin: 30mm 20mm 25mm 25mm;
  @top-left { content: "%(letterhead)s"; font: 8pt Helvetica, Arial, sans-serif; color: #444; }
  @top-right { content: string(embargo); font: bold 8pt Helvetica, Arial, sans-serif;
               color: #b00020; }
  @bottom-right { content: "Seite " counter(page) " von " counter(pages);
                  font: 8pt Helvetica, Arial, sans-serif; color: #444; }
}
body { max-width: none; margin: 0; padding: 0; }
.embargo { string-set: embargo content(); }
h1 { hyphens: manual; }
footer { break-inside: avoid; }
"""


class DocumentError(PressgenError):
    """The PDF could not be made (WeasyPrint or its Debian libraries are missing)."""


def press_release_pdf(shown: Presentation, html: str, event_dir: Path | None) -> bytes:
    """pressemitteilung.pdf from the rendered pressemitteilung.html."""
    try:
        from weasyprint import CSS, HTML
    except OSError as error:  # the pango libraries WeasyPrint loads are missing
        raise DocumentError(
            f"cannot make {PRESS_RELEASE_PDF}: WeasyPrint needs Debian's pango libraries "
            f"(apt-get install libpango-1.0-0 libpangoft2-1.0-0): {error}"
        ) from None
    organisation = shown.event.organisation
    letterhead = organisation.name
    if shown.impressum and len(shown.impressum) > 1 and organisation.address:
        letterhead += " · " + shown.impressum[1].text
    page = _PAGE % {"letterhead": letterhead.replace("\\", "\\\\").replace('"', '\\"')}
    base = str(event_dir.resolve()) + "/" if event_dir else None
    document = HTML(string=html, base_url=base, url_fetcher=_local_only(event_dir))
    # A photo on the web is left out of the PDF (it is named under the text); WeasyPrint
    # would say so on the terminal for each.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    pdf: bytes = document.write_pdf(stylesheets=[CSS(string=page)], pdf_variant="pdf/ua-1")
    return pdf


def _local_only(event_dir: Path | None) -> Any:
    """What WeasyPrint may read: files inside the event's folder, nothing from the web."""
    from weasyprint.urls import URLFetcher

    root = event_dir.resolve() if event_dir else None

    class LocalFiles(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: Any = None) -> Any:
            path = Path(unquote(urlsplit(url).path)).resolve()
            if urlsplit(url).scheme != "file" or root is None or not path.is_relative_to(root):
                raise ValueError(f"pressgen does not fetch {url} for the PDF")
            return super().fetch(url, headers)

    return LocalFiles(allowed_protocols={"file"})
