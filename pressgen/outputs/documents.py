"""The press release as a print document: pressemitteilung.pdf, made with WeasyPrint from
the same HTML (build --documents, and the attachment of send --press).

A4 with the organisation's name and address at the top of every page, the
Sperrfrist there too when there is one, "Seite 1 von 2" at the foot, tagged for
accessibility (PDF/UA-1, as BITV 2.0 asks of public bodies). Nothing is fetched
from the network: only the event's own photos are read, from its folder. The same
data gives the same bytes (WeasyPrint writes no dates unless told).
"""

from __future__ import annotations

import functools
import io
import itertools
import logging
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote, urlsplit

from pressgen.errors import PressgenError
from pressgen.messages import _
from pressgen.outputs.photos import PublishedPhoto
from pressgen.present.event import Presentation
from pressgen.registry import PRESS_RELEASE_PDF, content_type

# The PDF's typeface: Liberation Sans 2.1.5 (SIL Open Font License, which allows embedding),
# shipped with pressgen (pressgen/data/fonts), so that the same data gives the same PDF —
# the same line and page breaks, the same bytes — on every machine, whatever fonts it has.
# Metric-compatible with Arial, the page's own choice on the web; it has every glyph the
# German text needs, the hyphen (U+2010) that line breaks print among them.
FONT_FAMILY = "pressgen Liberation Sans"
FONT_FILES = {
    ("normal", "normal"): "LiberationSans-Regular.ttf",
    ("bold", "normal"): "LiberationSans-Bold.ttf",
    ("normal", "italic"): "LiberationSans-Italic.ttf",
    ("bold", "italic"): "LiberationSans-BoldItalic.ttf",
}
_FONT_BASE = "file:///pressgen-fonts/"
_FONT_FACES = "".join(
    f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{_FONT_BASE}{file}"); '
    f"font-weight: {weight}; font-style: {style}; }}\n"
    for (weight, style), file in FONT_FILES.items()
).replace("%", "%%")

# Added to the page as its last author style sheet: WeasyPrint counts style sheets given
# to write_pdf() as the reader's own, and the page's rules would win over them.
_PAGE = (
    _FONT_FACES
    + """
html, body, h1, h2, h3, p, li, figcaption { font-family: "%(family)s"; }
@page {
  @top-left { content: "%(letterhead)s"; font: 8pt "%(family)s"; color: #444; }
  @top-right { content: string(embargo); font: bold 8pt "%(family)s"; color: #b00020; }
  @bottom-right { content: "%(page)s " counter(page) " %(of)s " counter(pages);
                  font: 8pt "%(family)s"; color: #444; }
}
body { max-width: none; margin: 0; padding: 0; }
.embargo { string-set: embargo content(); }
/* Spaced capitals are read back as single letters ("P R E S S E") by PDF readers that
   copy or search the text; the label keeps its capitals without the spacing. */
.label { letter-spacing: normal; }
h1 { hyphens: manual; }
.pressgen-whole { hyphens: manual; }
p { orphans: 3; widows: 3; }
/* A word of six letters or more is broken, and never into a piece of one or two letters
   ("Saa-le"). */
p, li { hyphenate-limit-chars: 6 3 3; }
/* The footer (Über uns, Pressekontakt) never stands alone on a page: the count and the
   last lines of the text go over with it. */
footer { break-inside: avoid; break-before: avoid; }
.meta { break-before: avoid; }
"""
)


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
            _(
                "cannot make {file}: WeasyPrint needs Debian's pango libraries "
                "(apt-get install libpango-1.0-0 libpangoft2-1.0-0): {error}"
            ).format(file=PRESS_RELEASE_PDF, error=error)
        ) from None
    organisation = shown.publisher
    letterhead = organisation.name
    if shown.impressum and len(shown.impressum) > 1 and organisation.address:
        letterhead += " · " + shown.impressum[1].text
    page = _PAGE % {
        "letterhead": _css_string(letterhead),
        "family": FONT_FAMILY,
        "page": _css_string(shown.labels.page),
        "of": _css_string(shown.labels.page_of),
    }
    printed = _kept_whole(
        html.replace("</head>", f"<style>{page}</style>\n</head>", 1), _proper_names(shown)
    )
    fetcher = _served_from(photos)
    # A photo on the web is left out of the PDF (it is named under the text); WeasyPrint
    # would say so on the terminal for each.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    # WeasyPrint has no limit on hyphenated lines in a row (CSS hyphenate-limit-lines):
    # the word that breaks a third line in a row is kept whole, and the page laid out
    # again, until no paragraph has more than two.
    for _layout_pass in range(MAX_LAYOUT_PASSES):
        document = HTML(string=printed, base_url=_BASE, url_fetcher=fetcher).render(
            pdf_variant="pdf/ua-1"
        )
        words = _third_breaks_in_a_row(document)
        if not words:
            break
        printed = _kept_whole(printed, words)
    # A photo that moved to the next page and left a gap behind: smaller, if it then fits
    # (the count and the footer may then begin the next page, as they do after text).
    height = _room_for_the_photo(document)
    if height is not None:
        fit = (
            f"figure img {{ max-height: {height:.0f}px; width: auto; }} "
            ".meta { break-before: auto; }"
        )
        smaller = printed.replace("</head>", f"<style>{fit}</style>\n</head>", 1)
        fitted = HTML(string=smaller, base_url=_BASE, url_fetcher=fetcher).render(
            pdf_variant="pdf/ua-1"
        )
        if _photo_page(fitted) < _photo_page(document):
            document = fitted
    return _page_furniture_as_artifacts(document.write_pdf(pdf_variant="pdf/ua-1"))


# A press photo is made smaller to stay beside its text down to this height (CSS pixels,
# 96 to the inch: 60 mm), never below; under it, it goes to the next page whole.
MIN_PHOTO_HEIGHT = 227
# The figure's top margin, which the top of a page swallows but the page before does not,
# and what rounding may cost (CSS pixels).
_SLACK = 40


def _photo_page(document: Any) -> int:
    """The number of the page the first photo begins on (a large number without one)."""
    for number, page in enumerate(document.pages):
        if any(getattr(b, "element_tag", "") == "figure" for b in page._page_box.descendants()):
            return number
    return len(document.pages)


def _room_for_the_photo(document: Any) -> float | None:
    """When a photo begins a page and the page before ends with room for it at a smaller
    size (its picture at least MIN_PHOTO_HEIGHT high), the height its picture may have
    there; None otherwise."""
    from weasyprint.formatting_structure import boxes

    def content(page: Any) -> Any:
        return next(b for b in page._page_box.children if not isinstance(b, boxes.MarginBox))

    for previous, page in itertools.pairwise(document.pages):
        top = page._page_box.content_box_y()
        figure = next(
            (b for b in content(page).descendants() if getattr(b, "element_tag", "") == "figure"),
            None,
        )
        if figure is None or figure.position_y > top + 1:
            continue
        picture = next(
            (b for b in figure.descendants() if getattr(b, "element_tag", "") == "img"), None
        )
        if picture is None:
            continue
        lines = [b for b in content(previous).descendants() if isinstance(b, boxes.LineBox)]
        used = max((b.position_y + b.margin_height() for b in lines), default=top)
        bottom = previous._page_box.content_box_y() + previous._page_box.height
        around = figure.margin_height() - picture.margin_height()  # caption and margins
        height = float(bottom - used - around - _SLACK)
        if MIN_PHOTO_HEIGHT <= height < picture.margin_height():
            return height
        return None
    return None


def _page_furniture_as_artifacts(pdf: bytes) -> bytes:
    """The running header (letterhead, Sperrfrist) and footer (Seite X von Y) marked as
    pagination artifacts, as PDF/UA asks: WeasyPrint tags them as spans of a structure
    element that the document's structure tree never reaches, so a screen reader would
    neither read them in order nor know to skip them."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        tree = document.Root.StructTreeRoot
        reached: set[tuple[int, int]] = set()
        _reach(tree.K, reached)
        numbers = tree.ParentTree.Nums
        parents = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
        for page in document.pages:
            marked = parents.get(int(page.get("/StructParents", -1)))
            if not isinstance(marked, pikepdf.Array):
                continue
            furniture = {i for i, element in enumerate(marked) if element.objgen not in reached}
            if not furniture:
                continue
            instructions: list[Any] = []
            for instruction in pikepdf.parse_content_stream(page):
                operands = getattr(instruction, "operands", None)
                if (
                    str(getattr(instruction, "operator", "")) == "BDC"
                    and operands is not None
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and int(operands[1].get("/MCID", -1)) in furniture
                ):
                    pagination = pikepdf.Dictionary(Type=pikepdf.Name.Pagination)
                    instruction = pikepdf.ContentStreamInstruction(
                        [pikepdf.Name.Artifact, pagination], pikepdf.Operator("BDC")
                    )
                instructions.append(instruction)
            page.Contents = document.make_stream(pikepdf.unparse_content_stream(instructions))
            for index in furniture:
                marked[index] = None
        out = io.BytesIO()
        document.save(out, deterministic_id=True, compress_streams=True)
        return out.getvalue()


def _reach(kids: Any, reached: set[tuple[int, int]]) -> None:
    """Every structure element the tree reaches from `kids`, by object number."""
    import pikepdf

    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            reached.add(kid.objgen)
            if "/K" in kid:
                _reach(kid.K, reached)


MAX_HYPHENATED_IN_A_ROW = 2  # lines ending in a broken word, one after the other
MAX_LAYOUT_PASSES = 8


def _third_breaks_in_a_row(document: Any) -> set[str]:
    """The words broken at the end of a line that follows MAX_HYPHENATED_IN_A_ROW lines
    ending in a broken word, in every paragraph of the laid-out `document`."""
    from weasyprint.formatting_structure import boxes

    words: set[str] = set()
    for page in document.pages:
        for box in page._page_box.descendants():
            lines = [child for child in box.children if isinstance(child, boxes.LineBox)]
            if not lines:
                continue
            texts = [
                "".join(t.text for t in line.descendants() if isinstance(t, boxes.TextBox))
                for line in lines
            ]
            in_a_row = 0
            for text, following in zip(texts, [*texts[1:], ""], strict=True):
                broken = text.rstrip().endswith(HYPHEN) and bool(following.split())
                in_a_row = in_a_row + 1 if broken else 0
                if in_a_row > MAX_HYPHENATED_IN_A_ROW:
                    words.add(text.rstrip()[:-1].split()[-1] + following.split()[0])
                    in_a_row = 0
    return {word.strip(".,;:!?()„“‚‘\"'") for word in words}


def _proper_names(shown: Presentation) -> set[str]:
    """The words of the names the release gives — the organisation, people, sponsors and
    organisers, the venue — which a line never breaks (Vorstands-vorsitzende may break,
    Saale-Werk-statt not)."""
    event = shown.event
    names = [event.organisation.name, event.publishing.name]
    names += [person.name for person in event.people.values()]
    names += [sponsor.name for sponsor in event.sponsors]
    if event.event.venue and event.event.venue.name:
        names.append(event.event.venue.name)
    return {word for name in names for word in re.findall(r"[\w-]{6,}", name)}


HYPHEN = "\u2010"  # what WeasyPrint sets at the end of a line whose word it broke
_TAG = re.compile(r"(<[^>]*>)")


def _kept_whole(page: str, words: set[str]) -> str:
    """`page` with each of `words`, wherever it stands in the body's text, never broken."""
    if not words:
        return page
    head, body = page.split("<body", 1)
    pattern = re.compile(
        "|".join(rf"(?<![\w-]){re.escape(word)}(?![\w-])" for word in sorted(words))
    )
    parts = _TAG.split(body)
    for index in range(2, len(parts), 2):  # the text between the tags
        parts[index] = pattern.sub(r'<span class="pressgen-whole">\g<0></span>', parts[index])
    return head + "<body" + "".join(parts)


@functools.cache
def font_file(name: str) -> bytes:
    """One of the PDF's font files, as shipped inside pressgen."""
    from importlib.resources import files

    return files("pressgen").joinpath("data", "fonts", name).read_bytes()


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
            if url.startswith(_FONT_BASE) and url[len(_FONT_BASE) :] in FONT_FILES.values():
                data = font_file(url[len(_FONT_BASE) :])
                return URLFetcherResponse(url, data, {"Content-Type": "font/ttf"})
            name = unquote(urlsplit(url).path).removeprefix(urlsplit(_BASE).path)
            if not url.startswith(_BASE) or name not in photos:
                raise ValueError(f"pressgen does not fetch {url} for the PDF")
            return URLFetcherResponse(url, photos[name], {"Content-Type": content_type(name)})

    return PublishedPhotos(allowed_protocols={"file"})


# ---------------------------------------------------------------- DOCX


def press_release_docx(shown: Presentation, photos: Mapping[str, PublishedPhoto]) -> bytes:
    """pressemitteilung.docx for papers that edit in Word: the same pieces as the HTML,
    each in a named style (Title, Subtitle, Heading 2, Quote Char …), never hand-formatted,
    so a newsroom's own template restyles it at once; A4 with the PDF's margins, German
    (de-DE: spelling and hyphenation), the letterhead and Sperrfrist in the header and
    „Seite X von Y“ in the footer, every link of the HTML a link. `photos`: each local
    photo as it is published (pressgen.outputs.photos.published_photo)."""
    import datetime as dt

    from docx import Document
    from docx.shared import Cm

    from pressgen.source import prose

    event = shown.event
    release = event.press_release
    document = Document()
    _german_a4(document, "en-GB" if shown.language == "en" else "de-DE")
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
    if shown.press_salutation:
        paragraph(shown.press_salutation)
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
    if shown.phase == "invitation":
        _invitation_parts(document, shown, prose_paragraph)
    for photo in release.photos:
        if photo.src in photos:
            document.add_picture(io.BytesIO(_for_word(photos[photo.src])), width=Cm(12))
        paragraph(f"{photo.caption} {shown.labels.photo_credit}: {photo.credit}", "Caption")
    paragraph(f"{shown.labels.character_count}: {shown.character_count}", "Caption")
    if shown.publisher.about:
        document.add_heading(shown.about_heading, level=2)
        prose_paragraph(shown.publisher.about)
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
    properties.author = shown.publisher.name
    properties.last_modified_by = shown.publisher.name
    properties.created = properties.modified = moment
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _invitation_parts(document: Any, shown: Presentation, prose_paragraph: Any) -> None:
    """What the press invitation's HTML shows after its text (partials/facts, programme,
    press_notes): the facts box, the programme, the photo opportunity, the accreditation
    and the closing line, from the same values."""
    labels = shown.labels
    facts = shown.facts
    document.add_heading(labels.at_a_glance, level=2)
    title = document.add_paragraph(style="No Spacing")
    title.add_run(facts.title, style="Strong")
    if facts.motto:
        document.add_paragraph(facts.motto, style="No Spacing")
    for line in shown.fact_lines:
        added = document.add_paragraph(f"{line.label}: ", style="No Spacing")
        for name in line.names:
            _add_run(added, name.text, name.href)
            if name.after:
                added.add_run(name.after)
    if facts.focus:
        prose_paragraph(facts.focus, f"{labels.focus}: ")
    if shown.calendar_url:
        _add_run(document.add_paragraph(), labels.calendar, shown.calendar_url)
    if shown.programme:
        document.add_heading(labels.programme, level=2)
        for day in shown.programme_days:
            if day.day:
                document.add_heading(day.day, level=3)
            for item in day.entries:
                _programme_entry(document, item, labels)
    if shown.photo_opportunity:
        added = document.add_paragraph()
        added.add_run(f"{labels.photo_opportunity}:", style="Strong")
        added.add_run(f" {shown.photo_opportunity}")
    if shown.accreditation:
        document.add_heading(labels.accreditation, level=2)
        document.add_paragraph(shown.accreditation)
        for contact in shown.accreditation_contact:
            added = document.add_paragraph(
                f"{contact.label}: " if contact.label else "", "No Spacing"
            )
            _add_run(added, contact.text, contact.href)
    if shown.coverage_note:
        document.add_paragraph(shown.coverage_note)


def _programme_entry(document: Any, item: Any, labels: Any) -> None:
    """One point of the programme as a list item, its details on lines of their own."""
    from pressgen.source import prose

    added = document.add_paragraph(style="List Bullet")
    if item.time:
        added.add_run(item.time, style="Strong")
        added.add_run(" · ")
    added.add_run(item.heading)
    lines = [*item.speakers]
    if item.moderation:
        lines.append(f"{item.moderation_label}: {item.moderation}")
    for line in lines:
        added.add_run().add_break()
        added.add_run(line)
    if item.description:
        added.add_run().add_break()
        for words, href, emphasis in prose.to_spans(item.description):
            _add_run(added, words, href, {"em": "Emphasis", "strong": "Strong"}.get(emphasis))
    for label, value in (
        (item.topics_label, item.topics),
        (item.examples_label, item.examples),
        (labels.venue, item.venue),
    ):
        if value:
            added.add_run().add_break()
            added.add_run(f"{label}: {value}")


# The PDF's page (templates/pressemitteilung.html.j2: @page): A4, margins top, right,
# bottom and left in millimetres.
_A4_MM = (210, 297)
_MARGINS_MM = (25, 20, 20, 25)


def _german_a4(document: Any, language: str = "de-DE") -> None:
    """A4 with the PDF's margins; the edition's language (German, or British English) for
    spelling and hyphenation in every style."""
    from docx.oxml.ns import qn
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = (Mm(size) for size in _A4_MM)
        top, right, bottom, left = (Mm(size) for size in _MARGINS_MM)
        section.top_margin, section.right_margin = top, right
        section.bottom_margin, section.left_margin = bottom, left
    defaults = document.styles.element.find(qn("w:docDefaults"))
    setting = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    setting.set(qn("w:val"), language)
    setting.set(qn("w:eastAsia"), language)
    document.core_properties.language = language


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
    organisation = shown.publisher
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
    footer.add_run(f"{shown.labels.page} ")
    _field(footer, "PAGE")
    footer.add_run(f" {shown.labels.page_of} ")
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


def _for_word(photo: PublishedPhoto) -> bytes:
    """The photo in a format Word takes: JPEG, PNG and GIF as they are, anything else
    (WebP) as PNG, without loss."""
    if photo.format in ("JPEG", "PNG", "GIF"):
        return photo.data
    from PIL import Image

    with Image.open(io.BytesIO(photo.data)) as image:
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
