"""The press release as PDF (build --documents, the attachment of send --press), read back
with pdftotext and pdfinfo (Debian's poppler-utils)."""

from __future__ import annotations

import html
import itertools
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import SECOND, SEED

pytestmark = pytest.mark.tooling


def pdf_text(path: Path, *options: str) -> str:
    assert shutil.which("pdftotext"), "poppler-utils is missing: apt-get install poppler-utils"
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from pressgen.pipeline import Choices, build

    out = tmp_path_factory.mktemp("documents")
    results = build([SEED, SECOND], out, choices=Choices(documents=True))
    return {result.path.stem: result.out_dir / "pressemitteilung.pdf" for result in results}


def test_the_pdf_carries_every_fact_the_quote_and_the_thanks(documents: dict[str, Path]) -> None:
    # Words the layout hyphenated at a line's end (U+2010) read whole again.
    text = " ".join(pdf_text(documents[SEED.stem]).replace("\u2010\n", "").split())
    for part in (
        "PRESSEMITTEILUNG",
        "Rund um die Digitalisierung von Städten",
        "Jena, 28. August 2017 –",
        "„Zum vierten Mal in Folge haben wir nun den Workshop-Nachmittag realisiert",
        "Besonderer Dank gilt den Sponsoren JenaWirtschaft, der Thüringer Agentur für die "
        "Kreativwirtschaft (ThAK) und der Impulsregion Jena, Erfurt und Weimar.",
        "Über die TowerByte eG",
        "Maria Beispiel",
        "presse@towerbyte.de",
    ):
        assert part in text, part


@pytest.mark.parametrize("mode", ["", "-raw", "-layout"])
@pytest.mark.parametrize("stem", [SEED.stem, SECOND.stem])
def test_the_label_and_the_headline_are_read_back_as_whole_words(
    documents: dict[str, Path], stem: str, mode: str
) -> None:
    # Each of poppler's ways of reading a page: spaced capitals would come out as
    # "P R E S S E …" in some of them, a hyphenated headline as "Histori- schen".
    lines = pdf_text(documents[stem], *([mode] if mode else [])).splitlines()
    words = " ".join(lines).split()
    assert "PRESSEMITTEILUNG" in words
    page = (documents[stem].parent / "pressemitteilung.html").read_text("utf-8")
    headline = html.unescape(re.sub(r"<[^>]+>", "", page.split("<h1", 1)[1].split("</h1>")[0]))
    for word in headline.split(">", 1)[1].split():
        assert word in words, word
    assert "\u2010" not in " ".join(line for line in lines if "PRESSE" in line)


def test_every_page_has_the_letterhead_its_number_and_the_sperrfrist(
    documents: dict[str, Path],
) -> None:
    pages = pdf_text(documents[SECOND.stem], "-layout").split("\f")
    pages = [page for page in pages if page.strip()]
    assert len(pages) == 2
    for number, page in enumerate(pages, start=1):
        first = page.strip().splitlines()[0]
        assert first.startswith("Netzwerk Digitale Region Saale e. V. · Am Anger 12, 07743 Jena")
        assert first.rstrip().endswith("Sperrfrist: 15. Januar 2027, 18 Uhr")
        assert f"Seite {number} von 2" in page
    seed_page = pdf_text(documents[SEED.stem], "-layout").split("\f")[0]
    assert "Sperrfrist" not in seed_page  # no embargo, no line


def test_the_pdf_is_tagged_a4_and_the_same_every_build(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    from pressgen.pipeline import Choices, build

    info = subprocess.run(
        ["pdfinfo", str(documents[SEED.stem])], capture_output=True, text=True, check=True
    ).stdout
    assert "Tagged:          yes" in info and "(A4)" in info
    (again,) = build([SEED], tmp_path, choices=Choices(documents=True))
    assert (again.out_dir / "pressemitteilung.pdf").read_bytes() == documents[
        SEED.stem
    ].read_bytes()


def test_build_writes_the_pdf_only_when_asked(
    run_cli: Callable[..., Result], tmp_path: Path
) -> None:
    assert run_cli("build", SEED, "--out", "out").exit_code == 0
    assert not (tmp_path / "out" / SEED.stem / "pressemitteilung.pdf").exists()
    result = run_cli("build", SEED, "--out", "out", "--documents")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / SEED.stem / "pressemitteilung.pdf").read_bytes()[:5] == b"%PDF-"
    # Built again without it, the old PDF does not stay behind as if it were current.
    assert run_cli("build", SEED, "--out", "out").exit_code == 0
    assert not (tmp_path / "out" / SEED.stem / "pressemitteilung.pdf").exists()


@pytest.fixture(scope="module")
def word(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pressgen.pipeline import Choices, build

    (built,) = build([SECOND], tmp_path_factory.mktemp("word"), choices=Choices(documents=True))
    return built.out_dir / "pressemitteilung.docx"


def test_the_docx_has_every_piece_in_its_style(word: Path) -> None:
    import docx

    document = docx.Document(str(word))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert styled[:4] == [
        ("Sperrfrist", "Sperrfrist: 15.\u00a0Januar\u00a02027, 18\u00a0Uhr"),
        ("Dokumentart", "PRESSEMITTEILUNG"),
        ("Title", "Neujahrsempfang 2027\u00a0– rund 1.200 Gäste im Historischen Rathaus"),
        ("Subtitle", "Netzwerk Digitale Region Saale\u00a0e.\u00a0V. lädt zum zwölften Mal ein"),
    ]
    text = " ".join(p.text for p in document.paragraphs)
    for part in (
        "Jena, 15.\u00a0Januar\u00a02027 – Mit rund 1.200 Gästen",
        "„Wir haben die Digitalisierung nicht erfunden",
        "Besonderer Dank gilt der Sponsorin, der Saale-Werkstatt GmbH.",
        "Foto: Max Mustermann",
        "Lena Beispiel",
    ):
        assert part in text, part
    # Only the quoted words are a quote: the lead-in is running text.
    (quoted,) = [p for p in document.paragraphs if p.text.startswith("Beispiel blickte")]
    assert quoted.style.name == "Normal"
    assert [(run.style.name, run.text[:20]) for run in quoted.runs] == [
        ("Default Paragraph Font", "Beispiel blickte zuv"),
        ("Quote Char", "„Wer heute in Fachkr"),
    ]
    # Styles, not hand formatting: no run is made bold or italic by itself.
    assert not any(run.bold or run.italic for p in document.paragraphs for run in p.runs)
    assert len(document.inline_shapes) == 1  # the press photo


def test_the_docx_is_the_same_every_build(word: Path, tmp_path: Path) -> None:
    from pressgen.pipeline import Choices, build

    (again,) = build([SECOND], tmp_path, choices=Choices(documents=True))
    assert (again.out_dir / "pressemitteilung.docx").read_bytes() == word.read_bytes()


@pytest.mark.parametrize("event", [SEED.stem, SECOND.stem])
def test_no_page_holds_only_the_footer(documents: dict[str, Path], event: str) -> None:
    """Über uns and Pressekontakt never stand alone on the last page."""
    pages = [page for page in pdf_text(documents[event]).split("\f") if page.strip()]
    last = pages[-1]
    assert "Pressekontakt" in last
    # Something of the release itself shares the page: its text, a photo, the count.
    before_footer = last.split("Über ", 1)[0]
    lines = [line for line in before_footer.splitlines() if line.strip()]
    letterhead_and_embargo = 2 if event == SECOND.stem else 1
    assert len(lines) > letterhead_and_embargo, last[:300]


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ('Verein "Zukunft" e. V.', "Verein „Zukunft“ e. V."),
        ("Back\\slash GmbH", "Back\\slash GmbH"),
        ("A </style><p>B</p> & Co.", "A </style><p>B</p> & Co."),
    ],
)
def test_the_letterhead_shows_any_organisation_name_as_written(
    name: str, shown: str, tmp_path: Path
) -> None:
    # The name stands in the PDF's style sheet: quotes, backslashes and a closing tag must
    # neither end it early nor reach the page as markup.
    import yaml

    from pressgen.pipeline import Choices, build

    data = yaml.safe_load(SEED.read_text("utf-8"))
    data["organisation"]["name"] = name
    event = tmp_path / SEED.name
    event.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    (built,) = build([event], tmp_path / "out", choices=Choices(documents=True))
    first_line = pdf_text(built.out_dir / "pressemitteilung.pdf", "-layout").strip()
    assert first_line.splitlines()[0].startswith(f"{shown} · Leutragraben 1, 07743 Jena")


def test_the_word_file_is_german_a4_with_the_pdfs_margins(word: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(word))
    (section,) = document.sections
    size = [round(length.mm) for length in (section.page_width, section.page_height)]
    margins = [
        round(length.mm)
        for length in (
            section.top_margin, section.right_margin, section.bottom_margin,
            section.left_margin,
        )
    ]  # fmt: skip
    assert size == [210, 297] and margins == [25, 20, 20, 25]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert language.get(qn("w:val")) == "de-DE"
    assert document.core_properties.language == "de-DE"
    assert "en-US" not in word.read_bytes().decode("latin-1")  # no style in English


def test_every_page_of_the_word_file_has_letterhead_sperrfrist_and_number(word: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(word))
    section = document.sections[0]
    assert [p.text for p in section.header.paragraphs] == [
        "Netzwerk Digitale Region Saale\u00a0e.\u00a0V. · Am Anger 12, 07743\u00a0Jena",
        "Sperrfrist: 15.\u00a0Januar\u00a02027, 18\u00a0Uhr",
    ]
    footer = section.footer.paragraphs[0]
    fields = [f.get(qn("w:instr")) for f in footer._p.iter(qn("w:fldSimple"))]
    assert footer.text.startswith("Seite ") and " von " in footer.text
    assert fields == ["PAGE", "NUMPAGES"]


def test_every_link_of_the_page_is_a_link_in_the_word_file(
    word: Path, documents: dict[str, Path]
) -> None:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE

    document = docx.Document(str(word))
    targets = {
        rel.target_ref
        for rel in document.part.rels.values()
        if rel.reltype == RELATIONSHIP_TYPE.HYPERLINK
    }
    page = (word.parent / "pressemitteilung.html").read_text("utf-8")
    body = page.split("<article>", 1)[1].split("</article>", 1)[0]
    # The links of the text and the Pressekontakt (the facts box is not in the Word file
    # yet: issue 25).
    text_links = {
        html.unescape(href)
        for part in re.findall(r"<p>(?:(?!</p>).)*</p>", body, re.DOTALL)
        if "class=" not in part[:10]
        for href in re.findall(r'<a href="([^"]+)"', part)
    }
    assert "mailto:presse@netzwerk-saale.example" in targets
    assert text_links and text_links <= targets, (text_links, targets)


def test_the_pdf_embeds_pressgens_own_font_and_nothing_else(documents: dict[str, Path]) -> None:
    for pdf in documents.values():
        lines = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        fonts = {line.split()[0].split("+", 1)[1] for line in lines}
        assert fonts <= {
            "pressgen-Liberation-Sans",
            "pressgen-Liberation-Sans-Bold",
            "pressgen-Liberation-Sans-Italic",
            "pressgen-Liberation-Sans-Bold-Italic",
        }, fonts
        assert all(line.split()[-5] == "yes" for line in lines)  # embedded, every one


def test_the_pdf_is_the_same_on_a_machine_without_any_font(
    documents: dict[str, Path], tmp_path: Path
) -> None:
    """Fontconfig told of no font at all: pressgen's own font sets the same PDF, byte for
    byte, as on this machine with its fonts."""
    import os
    import sys

    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n",
        "utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "SOURCE_DATE_EPOCH": "1767225600"}
    if shutil.which("fc-list"):  # Debian's fontconfig: the machine then knows no font
        assert subprocess.run(["fc-list"], env=env, capture_output=True, text=True).stdout == ""
    subprocess.run(
        [sys.executable, "-m", "pressgen", "build", str(SEED), str(SECOND), "--out",
         str(tmp_path / "out"), "--documents"],
        env=env, capture_output=True, check=True,
    )  # fmt: skip
    for stem, pdf in documents.items():
        (again,) = (tmp_path / "out").rglob(f"{stem}/pressemitteilung.pdf")
        assert again.read_bytes() == pdf.read_bytes(), stem


@pytest.mark.parametrize("stem", [SEED.stem, SECOND.stem])
def test_no_word_breaks_into_a_piece_of_one_or_two_letters(
    documents: dict[str, Path], stem: str
) -> None:
    lines = pdf_text(documents[stem]).splitlines()
    for line, following in itertools.pairwise(lines):
        if line.endswith("\u2010"):
            before = line[:-1].split()[-1]
            after = following.split()[0].rstrip(".,;:!?“‘)")
            assert len(before) >= 3 and len(after) >= 3, (before, after)


@pytest.mark.parametrize("stem", [SEED.stem, SECOND.stem])
def test_at_most_two_hyphenated_lines_in_a_row_and_names_whole(
    documents: dict[str, Path], stem: str
) -> None:
    from pressgen.source.documents import load_event_file

    lines = pdf_text(documents[stem]).splitlines()
    in_a_row = longest = 0
    for line in lines:
        in_a_row = in_a_row + 1 if line.endswith("\u2010") else 0
        longest = max(longest, in_a_row)
    assert longest <= 2, longest
    # No name the data gives is broken at a line's end.
    data = load_event_file(SEED if stem == SEED.stem else SECOND).event
    names = [data.organisation.name, *(p.name for p in data.people.values())]
    names += [sponsor.name for sponsor in data.sponsors]
    words = {word for name in names for word in re.findall(r"[\w-]{6,}", name)}
    for line, following in itertools.pairwise(lines):
        if line.endswith("\u2010"):
            broken = line[:-1].split()[-1] + following.split()[0]
            assert not any(broken.startswith(word) for word in words), broken


@pytest.mark.parametrize("stem", [SEED.stem, SECOND.stem])
def test_page_furniture_is_an_artifact_and_all_else_in_the_structure_tree(
    documents: dict[str, Path], stem: str
) -> None:
    """PDF/UA: the letterhead, the Sperrfrist above and „Seite X von Y“ below are
    pagination artifacts; every other marked piece belongs to the structure tree."""
    import pikepdf

    with pikepdf.open(documents[stem]) as pdf:
        tree = pdf.Root.StructTreeRoot
        reached: set[tuple[int, int]] = set()

        def reach(kids: object) -> None:
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    reached.add(kid.objgen)
                    if "/K" in kid:
                        reach(kid.K)

        reach(tree.K)
        numbers = tree.ParentTree.Nums
        for index in range(1, len(numbers), 2):
            marked = numbers[index]
            if isinstance(marked, pikepdf.Array):
                orphans = [e for e in marked if e is not None and e.objgen not in reached]
                assert orphans == []
        for number, page in enumerate(pdf.pages, start=1):
            artifacts = []
            inside = 0
            for instruction in pikepdf.parse_content_stream(page):
                operator = str(getattr(instruction, "operator", ""))
                operands = getattr(instruction, "operands", [])
                if operator == "BDC" and operands[0] == pikepdf.Name.Artifact:
                    inside = 1
                    artifacts.append("")
                elif operator == "EMC":
                    inside = 0
                elif inside and operator == "TJ":
                    artifacts[-1] += "x"
            texts = [text for text in artifacts if text]
            expected = 3 if stem == SECOND.stem else 2  # letterhead, (Sperrfrist), Seite
            assert len(texts) == expected, (number, artifacts)


def test_the_photo_is_made_smaller_rather_than_leave_a_gap(documents: dict[str, Path]) -> None:
    """The second example's photo would go to page 2 and leave a third of page 1 empty: it
    stands on page 1, at least 60 mm high, and the count and the footer follow on page 2."""
    listed = subprocess.run(
        ["pdfimages", "-list", str(documents[SECOND.stem])],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()[2:]  # fmt: skip
    (image,) = listed
    page, y_ppi = int(image.split()[0]), int(image.split()[-4])
    height_mm = int(image.split()[4]) / y_ppi * 25.4
    assert page == 1
    assert height_mm >= 60, height_mm
    pages = [p for p in pdf_text(documents[SECOND.stem]).split("\f") if p.strip()]
    assert "Zeichen (inkl. Leerzeichen)" in pages[1] and "Pressekontakt" in pages[1]
