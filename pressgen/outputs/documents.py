"""The press release as a print document: pressemitteilung.pdf, made with WeasyPrint from
the same HTML (build --documents, and the attachment of send --press).

A4 with the organisation's name and address at the top of every page, the
Sperrfrist there too when there is one, "Seite 1 von 2" at the foot, tagged for
accessibility (PDF/UA-1, as BITV 2.0 asks of public bodies). Nothing is fetched
from the network: only the event's own photos are read, from its folder. The same
data gives the same bytes (WeasyPrint writes no dates unless told).
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from pressgen.errors import PressgenError
from pressgen.present import Presentation
from pressgen.registry import PRESS_RELEASE_PDF, content_type

# Added to the page as its last author style sheet: WeasyPrint counts style sheets given
# to write_pdf() as the reader's own, and the page's rules would win over them.
_PAGE = """
@page {
  @top-left { content: "%(letterhead)s"; font: 8pt Helvetica, Arial, sans-serif; color: #444; }
  @top-right { content: string(embargo); font: bold 8pt Helvetica, Arial, sans-serif;
               color: #b00020; }
  @bottom-right { content: "Seite " counter(page) " von " counter(pages);
                  font: 8pt Helvetica, Arial, sans-serif; color: #444; }
}
body { max-width: none; margin: 0; padding: 0; }
.embargo { string-set: embargo content(); }
/* Spaced capitals are read back as single letters ("P R E S S E") by PDF readers that
   copy or search the text; the label keeps its capitals without the spacing. */
.label { letter-spacing: normal; }
h1 { hyphens: manual; }
p { orphans: 3; widows: 3; }
/* The footer (Über uns, Pressekontakt) never stands alone on a page: the count and the
   last lines of the text go over with it. */
footer { break-inside: avoid; break-before: avoid; }
.meta { break-before: avoid; }
"""


class DocumentError(PressgenError):
    """The PDF could not be made (WeasyPrint or its Debian libraries are missing)."""


def press_release_pdf(shown: Presentation, html: str, photos: Mapping[str, bytes]) -> bytes:
    """pressemitteilung.pdf from the rendered pressemitteilung.html. `photos`: the page's
    local pictures as they are published (by their names in the event's output folder);
    nothing else is read, from the disk or the network."""
    try:
        from weasyprint import HTML
    except OSError as error:  # the pango libraries WeasyPrint loads are missing
        raise DocumentError(
            f"cannot make {PRESS_RELEASE_PDF}: WeasyPrint needs Debian's pango libraries "
            f"(apt-get install libpango-1.0-0 libpangoft2-1.0-0): {error}"
        ) from None
    organisation = shown.event.organisation
    letterhead = organisation.name
    if shown.impressum and len(shown.impressum) > 1 and organisation.address:
        letterhead += " · " + shown.impressum[1].text
    page = _PAGE % {"letterhead": _css_string(letterhead)}
    printed = html.replace("</head>", f"<style>{page}</style>\n</head>", 1)
    document = HTML(string=printed, base_url=_BASE, url_fetcher=_served_from(photos))
    # A photo on the web is left out of the PDF (it is named under the text); WeasyPrint
    # would say so on the terminal for each.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    pdf: bytes = document.write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def _css_string(text: str) -> str:
    """`text` for inside a CSS string in a <style> element: every character that could end
    the string or the element written as a CSS escape."""
    return "".join(
        character
        if character.isalnum() or character in " .,;:·-–()&@/+'"
        else f"\\{ord(character):x} "
        for character in text
    )


# The page's relative links (fotos/a.web.jpg) resolve below this; it names no real folder.
_BASE = "file:///pressgen-event/"


def _served_from(photos: Mapping[str, bytes]) -> Any:
    """What WeasyPrint may read: the published photos handed over, nothing from the disk
    (a link in the event's folder leads nowhere) and nothing from the web."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PublishedPhotos(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
        def fetch(self, url: str, headers: Any = None) -> Any:
            name = unquote(urlsplit(url).path).removeprefix(urlsplit(_BASE).path)
            if not url.startswith(_BASE) or name not in photos:
                raise ValueError(f"pressgen does not fetch {url} for the PDF")
            return URLFetcherResponse(url, photos[name], {"Content-Type": content_type(name)})

    return PublishedPhotos(allowed_protocols={"file"})


# ---------------------------------------------------------------- DOCX


def press_release_docx(shown: Presentation, photos: Mapping[str, bytes]) -> bytes:
    """pressemitteilung.docx for papers that edit in Word: the same pieces as the HTML,
    each in a named style (Title, Subtitle, Heading 2, Quote Char …), never hand-formatted,
    so a newsroom's own template restyles it at once; A4 with the PDF's margins, German
    (de-DE: spelling and hyphenation), the letterhead and Sperrfrist in the header and
    „Seite X von Y“ in the footer, every link of the HTML a link. `photos`: each local
    photo as it is published (pressgen.photos.published_photo)."""
    import datetime as dt

    from docx import Document
    from docx.shared import Cm

    from pressgen.source import prose

    event = shown.event
    release = event.press_release
    document = Document()
    _german_a4(document)
    _own_styles(document)

    def paragraph(text: str, style: str = "Normal") -> Any:
        return document.add_paragraph(text, style=style)

    def prose_paragraph(text: str, lead: str = "") -> None:
        added = paragraph(lead)
        for words, href, emphasis in prose.to_spans(text):
            style = {"em": "Emphasis", "strong": "Strong"}.get(emphasis)
            _add_run(added, words, href, style)

    _header_and_footer(document, shown)
    if shown.draft_note:
        paragraph(shown.draft_note, "Sperrfrist")
    if shown.embargo:
        paragraph(shown.embargo, "Sperrfrist")
    if shown.facts.status:
        paragraph(shown.facts.status, "Sperrfrist")
    paragraph(shown.labels.press_release.upper(), "Dokumentart")
    paragraph(release.headline, "Title")
    if release.subline:
        paragraph(release.subline, "Subtitle")
    if not shown.dateline_leads:
        paragraph(shown.dateline)
    for index, block in enumerate(shown.blocks):
        if block.kind == "paragraph":
            lead = f"{shown.dateline} – " if index == 0 and shown.dateline_leads else ""
            prose_paragraph(block.text, lead)
        elif block.kind == "quote":
            # Only the quoted words are a quote; who says it stands in the running text.
            quoted = paragraph(block.before)
            quoted.add_run(prose.to_text(block.words), style="Quote Char")
            if block.after:
                quoted.add_run(block.after)
        else:
            paragraph(block.text)
    for photo in release.photos:
        if photo.src in photos:
            document.add_picture(io.BytesIO(_for_word(photos[photo.src])), width=Cm(12))
        paragraph(f"{photo.caption} {shown.labels.photo_credit}: {photo.credit}", "Caption")
    paragraph(f"{shown.labels.character_count}: {shown.character_count}", "Caption")
    if event.organisation.about:
        document.add_heading(shown.about_heading, level=2)
        prose_paragraph(event.organisation.about)
    if shown.contact:
        document.add_heading(shown.labels.contact, level=2)
        for line in shown.contact:
            added = paragraph(f"{line.label}: " if line.label else "", "No Spacing")
            _add_run(added, line.text, line.href or "")
    if release.reprint_note:
        paragraph(shown.labels.reprint_note, "Caption")
    # The same data, the same file: fixed document dates, fixed times inside the zip.
    moment = dt.datetime.combine(release.publication_date or dt.date(2000, 1, 1), dt.time(9))
    properties = document.core_properties
    properties.title = release.headline
    properties.author = event.organisation.name
    properties.last_modified_by = event.organisation.name
    properties.created = properties.modified = moment
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


# The PDF's page (templates/pressemitteilung.html.j2: @page): A4, margins top, right,
# bottom and left in millimetres.
_A4_MM = (210, 297)
_MARGINS_MM = (25, 20, 20, 25)


def _german_a4(document: Any) -> None:
    """A4 with the PDF's margins; German for spelling and hyphenation in every style."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = (Mm(size) for size in _A4_MM)
        top, right, bottom, left = (Mm(size) for size in _MARGINS_MM)
        section.top_margin, section.right_margin = top, right
        section.bottom_margin, section.left_margin = bottom, left
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    language.set(qn("w:val"), "de-DE")
    language.set(qn("w:eastAsia"), "de-DE")
    document.core_properties.language = "de-DE"


def _own_styles(document: Any) -> None:
    """The styles pressgen adds to Word's own: Sperrfrist, Dokumentart, Hyperlink, and a
    right-aligned footer for the page numbers."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import RGBColor

    styles = document.styles
    styles.add_style("Sperrfrist", WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Intense Quote"]
    styles.add_style("Dokumentart", WD_STYLE_TYPE.PARAGRAPH).base_style = styles["Caption"]
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    styles["Footer"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _header_and_footer(document: Any, shown: Presentation) -> None:
    """On every page, as the PDF has it: the letterhead and the Sperrfrist above, „Seite
    X von Y“ below (Word's PAGE and NUMPAGES fields)."""
    organisation = shown.event.organisation
    letterhead = organisation.name
    if shown.impressum and len(shown.impressum) > 1 and organisation.address:
        letterhead += " · " + shown.impressum[1].text
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = letterhead
    header.style = document.styles["Header"]
    if shown.embargo:
        section.header.add_paragraph(shown.embargo, style="Header")
    footer = section.footer.paragraphs[0]
    footer.style = document.styles["Footer"]
    footer.add_run("Seite ")
    _field(footer, "PAGE")
    footer.add_run(" von ")
    _field(footer, "NUMPAGES")


def _field(paragraph: Any, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _add_run(paragraph: Any, words: str, href: str = "", style: str | None = None) -> None:
    """Words at the end of `paragraph`; with `href` a link (Word's w:hyperlink)."""
    if not href:
        paragraph.add_run(words, style=style)
        return
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    target = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), target)
    run = paragraph.add_run(words, style=style or "Hyperlink")
    link.append(run._r)  # moved from the paragraph into the link
    paragraph._p.append(link)


def _for_word(picture: bytes) -> bytes:
    """The photo in a format Word takes: JPEG, PNG and GIF as they are, anything else
    (WebP) as PNG, without loss."""
    from PIL import Image

    with Image.open(io.BytesIO(picture)) as image:
        if image.format in ("JPEG", "PNG", "GIF"):
            return picture
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True)
        return out.getvalue()


def _fixed_zip(data: bytes) -> bytes:
    """The zip again with every entry dated 1 January 1980: python-docx stamps the time of
    saving, which would make each build differ."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
