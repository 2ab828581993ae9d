"""The comparison of golden files sees what differs in each kind of file, and says it."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from golden_files import difference, differences, docx_lines, pdf_pages
from helpers import ROOT

GOLDEN_PHOTO = ROOT / "tests" / "golden" / "neujahrsempfang-2027" / "fotos"
PHOTO = (GOLDEN_PHOTO / "neujahrsempfang-2027.web.png").read_bytes()
ARCHIVE = (ROOT / "tests" / "golden" / "neujahrsempfang-2027" / "pressefotos.zip").read_bytes()


def saved(image: object, kind: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)  # type: ignore[attr-defined]
    return out.getvalue()


def test_the_same_bytes_are_no_difference() -> None:
    for name in ("a.txt", "a.png", "a.zip", "a.pdf", "a.docx", "a.bin"):
        assert difference(name, b"\x00same", b"\x00same") is None


def test_text_shows_the_changed_lines() -> None:
    said = difference("a.txt", b"eins\nzwei\ndrei\n", b"eins\nzwo\ndrei\n")
    assert said is not None
    assert "-zwei\n+zwo\n" in said and "--- golden/a.txt" in said


def test_text_that_differs_only_where_a_diff_cannot_show_says_where() -> None:
    said = difference("a.txt", b"eins\nzwei", b"eins\nzwei\n")
    assert said == (
        "the same lines, but not the same text: first different at byte 9: "
        "b'' in the golden file, b'\\n' built"
    )


def test_a_picture_is_equal_when_it_shows_the_same_whatever_its_compression() -> None:
    from PIL import Image

    with Image.open(io.BytesIO(PHOTO)) as image:
        image.load()
        other = saved(
            image, "PNG", compress_level=1, exif=image.info["exif"], pnginfo=_png_text(image.info)
        )
    assert other != PHOTO
    assert difference("foto.png", PHOTO, other) is None


def _png_text(info: dict[str, object]) -> object:
    from PIL import PngImagePlugin

    chunks = PngImagePlugin.PngInfo()
    for key, value in info.items():
        if isinstance(value, str):
            chunks.add_itxt(key, value) if key.startswith("XML") else chunks.add_text(key, value)
    return chunks


def test_a_picture_names_the_pixels_that_changed() -> None:
    from PIL import Image

    with Image.open(io.BytesIO(PHOTO)) as image:
        image.load()
        changed = image.copy()
        for x in range(10, 20):
            changed.putpixel((x, 5), (255, 0, 0))
        other = saved(changed, "PNG", exif=image.info["exif"], pnginfo=_png_text(image.info))
    said = difference("foto.png", PHOTO, other)
    assert said is not None
    assert said.startswith("pixels: 10 of 900,000 differ, within the box (10, 5, 20, 6)")


def test_a_picture_names_its_size_and_the_metadata_that_changed() -> None:
    from PIL import Image

    with Image.open(io.BytesIO(PHOTO)) as image:
        image.load()
        exif = image.getexif()
        exif[315] = "Moritz Mustermann"  # Artist
        smaller = saved(image.resize((600, 375)), "PNG", exif=exif)
    said = difference("foto.png", PHOTO, smaller)
    assert said is not None
    lines = said.splitlines()
    assert "size: (1200, 750) in the golden file, (600, 375) built" in lines
    assert (
        "metadata EXIF Artist: 'Max Mustermann' in the golden file, 'Moritz Mustermann' built"
        in lines
    )
    assert any(line.startswith("metadata xmp: only in the golden file: ") for line in lines)


def test_a_jpeg_names_a_gps_position_it_carries() -> None:
    from PIL import ExifTags, Image

    picture = Image.new("RGB", (8, 8), (200, 100, 50))
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = "Max Mustermann"
    plain = saved(picture, "JPEG", quality=90, exif=exif)
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    located = saved(picture, "JPEG", quality=90, exif=exif)
    said = difference("foto.jpg", plain, located)
    assert said == "metadata EXIF GPSInfo GPSLatitudeRef: only built: 'N'"


def rewritten(archive: bytes, change: dict[str, bytes | None], **metadata: object) -> bytes:
    """The archive with entries replaced (None: left out) and metadata set on every entry."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(archive)) as old, zipfile.ZipFile(out, "w") as new:
        for info in old.infolist():
            content = change.get(info.filename, old.read(info))
            if content is None:
                continue
            for key, value in metadata.items():
                setattr(info, key, value)
            new.writestr(info, content)
        for name, content in change.items():
            if name not in old.namelist() and content is not None:
                new.writestr(name, content)
    return out.getvalue()


def test_an_archive_names_its_entries_and_compares_each_by_its_kind() -> None:
    with zipfile.ZipFile(io.BytesIO(ARCHIVE)) as archive:
        credits = archive.read("Bildnachweis.txt")
    other = rewritten(
        ARCHIVE,
        {
            "Bildnachweis.txt": credits.replace(b"Foto: Max", b"Foto: Moritz", 1),
            "extra.txt": b"neu",
        },
        date_time=(2027, 1, 16, 0, 0, 0),
    )
    said = difference("pressefotos.zip", ARCHIVE, other)
    assert said is not None
    lines = said.splitlines()
    assert lines[0] == "entries only built: extra.txt"
    assert (
        "entry Bildnachweis.txt date and time: '(2027, 1, 15, 0, 0, 0)' in the golden file, "
        "'(2027, 1, 16, 0, 0, 0)' built"
    ) in lines
    assert "entry Bildnachweis.txt:" in lines
    assert "    -Foto: Max Mustermann" in lines and "    +Foto: Moritz Mustermann" in lines


def test_an_archive_compares_a_picture_in_it_as_a_picture() -> None:
    from PIL import Image

    with zipfile.ZipFile(io.BytesIO(ARCHIVE)) as archive:
        photo = archive.read("neujahrsempfang-2027.png")
    with Image.open(io.BytesIO(photo)) as image:
        image.load()
        exif, text = image.info["exif"], _png_text(image.info)
        same_picture = saved(image, "PNG", compress_level=1, exif=exif, pnginfo=text)
        smaller = saved(image.resize((10, 10)), "PNG", exif=exif, pnginfo=text)
    recompressed = rewritten(ARCHIVE, {"neujahrsempfang-2027.png": same_picture})
    assert difference("pressefotos.zip", ARCHIVE, recompressed) is None
    resized = rewritten(ARCHIVE, {"neujahrsempfang-2027.png": smaller})
    said = difference("pressefotos.zip", ARCHIVE, resized)
    assert said is not None
    assert said.splitlines()[:2] == [
        "entry neujahrsempfang-2027.png:",
        "    size: (1200, 750) in the golden file, (10, 10) built",
    ]


def pdf(*pages: str) -> bytes:
    """A PDF of one page per text (WeasyPrint, as pressgen makes its PDF)."""
    from weasyprint import HTML

    body = "".join(f'<p style="break-after: page">{page}</p>' for page in pages)
    return HTML(string=f"<html><body>{body}</body></html>").write_pdf()  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def release_pdf() -> bytes:
    return pdf("Erste Seite: Neujahrsempfang", "Zweite Seite: Pressekontakt")


def test_a_pdf_shows_the_changed_text_of_its_page(release_pdf: bytes) -> None:
    assert pdf_pages(release_pdf) == ["Erste Seite: Neujahrsempfang", "Zweite Seite: Pressekontakt"]
    other = pdf("Erste Seite: Neujahrsempfang", "Zweite Seite: Pressesprecherin")
    said = difference("pressemitteilung.pdf", release_pdf, other)
    assert said is not None
    assert said.splitlines() == [
        "--- golden/pressemitteilung.pdf, page 2",
        "+++ built/pressemitteilung.pdf, page 2",
        "@@ -1 +1 @@",
        "-Zweite Seite: Pressekontakt",
        "+Zweite Seite: Pressesprecherin",
    ]


def test_a_pdf_names_a_page_more(release_pdf: bytes) -> None:
    longer = pdf("Erste Seite: Neujahrsempfang", "Zweite Seite: Pressekontakt", "Dritte Seite")
    said = difference("pressemitteilung.pdf", release_pdf, longer)
    assert said == "pages: 2 in the golden file, 3 built"


def test_a_pdf_with_the_same_text_must_have_the_same_bytes(release_pdf: bytes) -> None:
    """pressgen promises the same PDF on every machine: bytes are compared too."""
    other = release_pdf + b"% one more line after the end\n"
    said = difference("pressemitteilung.pdf", release_pdf, other)
    assert said is not None
    assert said.startswith("the same pages and text, but not the same bytes: first different at")


def word(*paragraphs: str, table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Netzwerk Digitale Region Saale e. V."
    document.add_heading(paragraphs[0], level=1)
    for text in paragraphs[1:]:
        document.add_paragraph(text)
    if table:
        cells = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(cells.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_file_shows_what_it_says_with_styles() -> None:
    before = word("Neujahrsempfang 2027", "Rund 1.200 Gäste.", table=[["Wann", "15. Januar"]])
    assert list(docx_lines(before)) == [
        "section 1 header: Netzwerk Digitale Region Saale e. V.",
        "[Heading 1] Neujahrsempfang 2027",
        "[Normal] Rund 1.200 Gäste.",
        "| Wann | 15. Januar |",
    ]
    after = word("Neujahrsempfang 2027", "Rund 1.300 Gäste.", table=[["Wann", "16. Januar"]])
    said = difference("pressemitteilung.docx", before, after)
    assert said is not None
    lines = said.splitlines()
    assert "-[Normal] Rund 1.200 Gäste." in lines and "+[Normal] Rund 1.300 Gäste." in lines
    assert "-| Wann | 15. Januar |" in lines and "+| Wann | 16. Januar |" in lines


def test_a_word_file_names_a_part_more() -> None:
    before = word("Neujahrsempfang 2027")
    after = rewritten(before, {"word/extra.xml": b"<x/>"})
    said = difference("pressemitteilung.docx", before, after)
    assert said == "entries only built: word/extra.xml"


def test_unknown_binary_files_say_where_they_differ() -> None:
    said = difference("daten.bin", b"\xff\x00\x01\x02", b"\xff\x00\x09\x02\x03")
    assert said == (
        "4 bytes in the golden file, 5 built; first different at byte 2: "
        "b'\\x01\\x02' in the golden file, b'\\t\\x02\\x03' built"
    )


def test_differences_name_each_file(tmp_path: Path) -> None:
    golden, built = tmp_path / "golden", tmp_path / "built"
    for folder, text in ((golden, "alt\n"), (built, "neu\n")):
        folder.mkdir()
        (folder / "a.txt").write_text(text, "utf-8")
        (folder / "b.txt").write_text("gleich\n", "utf-8")
    said = differences(["a.txt", "b.txt"], golden, built)
    assert said.startswith("a.txt differs from the golden file:\n    --- golden/a.txt\n")
    assert "b.txt" not in said.replace("a.txt", "")
    assert differences(["b.txt"], golden, built) == ""
