"""Every format of a press release shows the same parts: what its page shows (the facts
box, the programme, the accreditation, the closing line, the thanks, the quotes, the
Pressekontakt, the Sperrfrist), its plain text, its PDF (read back with pdftotext) and its
Word file (read back with python-docx) show too — for every example and corpus event, in
both phases. And `check --documents` says so when one of them lacks a part (PG108)."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from helpers import ROOT, SEED, readable_text

from pressgen.checks.consistency import release_parts
from pressgen.clock import current_time
from pressgen.pipeline import Choices, RenderedEvent, render_path
from pressgen.registry import (
    PRESS_RELEASE_DOCX,
    PRESS_RELEASE_HTML,
    PRESS_RELEASE_PDF,
    PRESS_RELEASE_TEXT,
)

EVENTS = sorted(
    path
    for path in [*(ROOT / "data").glob("*.yaml"), *(ROOT / "tests" / "events").glob("*.yaml")]
    if "issue:" not in path.read_text("utf-8")  # a newsletter file has no press release
)


def letters(text: str) -> str:
    """Letters and digits only, case-folded: a PDF read back breaks lines with hyphens of
    its own, and the text sets headings in capitals."""
    return "".join(character for character in text if character.isalnum()).casefold()


def pdf_text(pdf: bytes, folder: Path) -> str:
    assert shutil.which("pdftotext"), "poppler-utils is missing: apt-get install poppler-utils"
    path = folder / PRESS_RELEASE_PDF
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def docx_text(word: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(word))
    header = [p.text for section in document.sections for p in section.header.paragraphs]
    return "\n".join([*header, *(paragraph.text for paragraph in document.paragraphs)])


@pytest.mark.parametrize("phase", ["invitation", "recap"])
@pytest.mark.parametrize("event", EVENTS, ids=[path.stem for path in EVENTS])
def test_every_part_of_the_page_is_in_every_format(event: Path, phase: str, tmp_path: Path) -> None:
    rendered = render_path(
        event,
        current_time(),
        Choices(drafts=True, phase=phase, documents=True),  # type: ignore[arg-type]
    )
    assert isinstance(rendered, RenderedEvent)
    files = rendered.outputs
    page, text, pdf, word = (
        files[PRESS_RELEASE_HTML],
        files[PRESS_RELEASE_TEXT],
        files[PRESS_RELEASE_PDF],
        files[PRESS_RELEASE_DOCX],
    )
    assert isinstance(page, str) and isinstance(text, str)
    assert isinstance(pdf, bytes) and isinstance(word, bytes)
    formats = {
        PRESS_RELEASE_TEXT: letters(text),
        PRESS_RELEASE_PDF: letters(pdf_text(pdf, tmp_path)),
        PRESS_RELEASE_DOCX: letters(docx_text(word)),
    }
    on_the_page = letters(readable_text(PRESS_RELEASE_HTML, page))
    parts = release_parts(rendered.shown)
    assert parts, "every release has parts (at least its Pressekontakt)"
    if phase == "invitation":
        assert {"the facts box"} <= {part.name for part in parts}
    missing = []
    for part in parts:
        for words in part.words:
            assert letters(words) in on_the_page, (part.name, words)
            missing += [
                (part.name, name, words)
                for name, read in formats.items()
                if letters(words) not in read
            ]
    assert missing == []


@pytest.fixture
def project(
    tmp_path: Path, run_cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> Path:
    assert run_cli("new", "presse").exit_code == 0
    folder = tmp_path / "presse"
    shutil.copy(SEED, folder / "events" / SEED.name)
    monkeypatch.chdir(folder)
    return folder


def test_check_documents_finds_nothing_missing_in_the_examples(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    result = run_cli("check", "--documents", "--phase", "invitation", f"events/{SEED.name}")
    assert result.exit_code == 0, result.output
    assert "PG108" not in result.output


def test_check_reports_the_part_an_own_template_leaves_out(
    project: Path, run_cli: Callable[..., Result]
) -> None:
    """An own plain-text template without the programme: check names the part, the file
    and where the programme stands in the event file."""
    builtin = (ROOT / "templates" / "pressemitteilung.txt.j2").read_text("utf-8")
    include = '{% include "partials/programme.txt.j2" %}\n'
    assert include in builtin
    (project / "templates" / "pressemitteilung.txt.j2").write_text(
        builtin.replace(include, ""), "utf-8"
    )
    result = run_cli("check", "--phase", "invitation", f"events/{SEED.name}")
    assert result.exit_code == 1
    line = next(line for line in result.stderr.splitlines() if "[PG108]" in line)
    assert line.startswith(f"events/{SEED.name}:")
    assert (
        "programme: the programme of the press release is missing in pressemitteilung.txt "
        "(rendered with your own template templates/pressemitteilung.txt.j2) [PG108]"
    ) in line
