"""The English edition (languages: [de, en]): its words from en:, its facts from the German,
nothing German in silence, and the two editions saying the same."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from helpers import SEED

from pressgen.errors import DataError
from pressgen.pipeline import render_path
from pressgen.source.validate import load_event


def _write(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "fest.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _problems(folder: Path, data: dict[str, Any]) -> list[str]:
    """Every problem, as the command line prints it (without the file's name)."""
    import datetime as dt

    try:
        rendered = render_path(_write(folder, data), dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    except DataError as error:
        return [str(problem).split(":", 3)[3].strip() for problem in error.problems]
    return [str(problem).split(":", 3)[3].strip() for problem in rendered.warnings]


@pytest.fixture
def bilingual(bilingual_seed_data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(bilingual_seed_data)


# ---------------------------------------------------------------- what the file must give


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["en"]["press_release"].pop("headline"),
         "press_release.headline: no English for this text: write it under "
         "en.press_release.headline [PG013]"),
        (lambda d: d["en"]["people"]["wrobel"].pop("role"),
         "people.wrobel.role: no English for this text: write it under en.people.wrobel.role "
         "[PG013]"),
        (lambda d: d["en"]["programme"].pop(),
         "programme[4].title: no English for this text: write it under en.programme[4].title "
         "[PG013]"),
        (lambda d: d["en"]["press_release"].update(subline="A subline only in English"),
         "en.press_release.subline: the German has nothing here to translate: give it there "
         "first, or leave this out [PG013]"),
        (lambda d: d["en"]["programme"].append({"title": "One more"}),
         "en.programme[5]: the German has nothing here to translate: give it there first, or "
         "leave this out [PG013]"),
        (lambda d: d.pop("en"),
         "languages: languages lists en, but the file has no en: part with the English words "
         "(en.press_release.headline, en.press_release.body …) [PG013]"),
        (lambda d: d["en"]["event"].update(date="2017-08-18"),
         "en.event.date: unknown field 'date' here: a fact is written once, in the German "
         "part (event.date); en: holds only the author's words [PG003]"),
        # The German is the original: always listed, and each language once.
        (lambda d: d.update(languages=["en"]),
         "languages: languages must list de: the German edition is the original [PG005]"),
        (lambda d: d.update(languages=["de", "de"]),
         "languages: languages names a language twice [PG005]"),
    ],
)  # fmt: skip
def test_every_german_text_has_its_english_and_no_fact_is_written_twice(
    tmp_path: Path,
    bilingual: dict[str, Any],
    change: Callable[[dict[str, Any]], Any],
    expected: str,
) -> None:
    change(bilingual)
    assert expected in _problems(tmp_path, bilingual)


def test_the_files_english_passes_as_it_is(tmp_path: Path, bilingual: dict[str, Any]) -> None:
    assert _problems(tmp_path, bilingual) == []


def test_english_being_prepared_publishes_nothing(
    run_cli: Callable[..., Result], tmp_path: Path, bilingual: dict[str, Any]
) -> None:
    bilingual["languages"] = ["de"]
    bilingual["en"]["press_release"].pop("headline")  # not finished: no matter yet
    result = run_cli("build", _write(tmp_path, bilingual))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "fest" / "pressemitteilung.html").exists()
    assert not (tmp_path / "out" / "fest" / "en").exists()


def test_a_draft_shows_the_english_still_open(
    run_cli: Callable[..., Result], tmp_path: Path, bilingual: dict[str, Any]
) -> None:
    bilingual["draft"] = True
    bilingual["en"]["press_release"].pop("headline")
    result = run_cli("build", _write(tmp_path, bilingual), "--draft")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "fest" / "en" / "pressemitteilung.txt").read_text("utf-8")
    assert "[English text open]" in text.replace("\u00a0", " ")


# ---------------------------------------------------------------- what the edition is


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The seed's editions as build writes them: name → text, en/… for the English."""
    import datetime as dt

    rendered = render_path(SEED, dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    return {
        name: content.decode("utf-8") if isinstance(content, bytes) else content
        for name, content in rendered.outputs.items()
        if name.endswith((".txt", ".html", ".ics", ".eml"))
    }


def test_the_english_edition_has_the_german_editions_files(english: dict[str, str]) -> None:
    german = {name for name in english if not name.startswith("en/")}
    assert {name.removeprefix("en/") for name in english if name.startswith("en/")} == german


def test_the_english_edition_speaks_english(english: dict[str, str]) -> None:
    text = english["en/pressemitteilung.txt"].replace("\u00a0", " ")
    assert text.startswith("PRESS RELEASE\n")
    assert "Jena, 28 August 2017 – " in text
    assert "Special thanks go to the sponsors: JenaWirtschaft, Thüringer Agentur für" in text
    assert "\nWord count: 3" in text  # as English desks count, words
    assert "\nPress contact\n" in text and "\nAbout TowerByte eG\n" in text
    # The quote was said in German: its English says so.
    assert re.search(
        r"decision-makers both locally\s+and beyond the region\.” \(translated\s+from German\)",
        text,
    )
    page = english["en/pressemitteilung.html"]
    assert '<html lang="en">' in page and '"inLanguage": "en-GB"' in page
    assert "PRODID:-//pressgen//pressgen//EN" in english["en/termin.ics"]


def test_each_release_page_links_to_the_other_language(english: dict[str, str]) -> None:
    german, translated = english["pressemitteilung.html"], english["en/pressemitteilung.html"]
    assert (
        '<a href="en/pressemitteilung.html" hreflang="en-GB" lang="en">English version</a>'
        in german
    )
    assert '<link rel="alternate" hreflang="en-GB" href="en/pressemitteilung.html">' in german
    assert (
        '<a href="../pressemitteilung.html" hreflang="de-DE" lang="de">Deutsche Fassung</a>'
        in translated
    )
    assert '<link rel="alternate" hreflang="de-DE" href="../pressemitteilung.html">' in translated


def test_the_german_edition_is_not_changed_by_the_english(
    tmp_path: Path, seed_data: dict[str, Any]
) -> None:
    """The German outputs with and without the English edition differ only in the link
    to it."""
    import datetime as dt

    moment = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    alone = render_path(_write(tmp_path, seed_data), moment).outputs
    both = render_path(SEED, moment).outputs
    for name in ("pressemitteilung.txt", "newsletter.txt", "termin.ics"):
        assert alone[name] == both[name], name
    with_link, without = both["pressemitteilung.html"], alone["pressemitteilung.html"]
    assert isinstance(with_link, str) and isinstance(without, str)
    link = re.compile(
        r'<link rel="alternate" hreflang[^>]*>\n|<nav class="press-room"><a href="en/[^\n]*\n'
    )
    assert link.sub("", with_link) == without


def test_the_english_newsletter_links_to_its_own_web_version(
    tmp_path: Path, bilingual: dict[str, Any]
) -> None:
    import datetime as dt

    bilingual["newsletter"]["web_url"] = "https://www.towerbyte.de/presse/workshop-2017/"
    outputs = render_path(
        _write(tmp_path, bilingual), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    ).outputs
    text = outputs["en/newsletter.txt"]
    assert isinstance(text, str)
    assert "https://www.towerbyte.de/presse/workshop-2017/en/newsletter.html" in text
    page = outputs["pressemitteilung.html"]
    assert isinstance(page, str)
    assert (
        '<link rel="alternate" hreflang="en-GB" '
        'href="https://www.towerbyte.de/presse/workshop-2017/en/pressemitteilung.html">'
    ) in page


# ---------------------------------------------------------------- both say the same


def _body(data: dict[str, Any]) -> list[Any]:
    body: list[Any] = data["en"]["press_release"]["body"]
    return body


def _everywhere(data: dict[str, Any], old: str, new: str) -> None:
    """Every English paragraph with `old` written as `new`."""
    body = _body(data)
    body[:] = [part.replace(old, new) if isinstance(part, str) else part for part in body]
    newsletter = data["en"]["newsletter"]
    newsletter["teaser"] = newsletter["teaser"].replace(old, new)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: _everywhere(d, "17 August 2017", "18 August 2017"),
         ["the German text names 17.08.2017 and the other edition does not [PG113]",
          "the English text names 18.08.2017 and the other edition does not [PG113]"]),
        (lambda d: _everywhere(d, "2:30 pm", "3:30 pm"),
         ["the German text names the time 14:30 and the other edition does not [PG113]",
          "the English text names the time 15:30 and the other edition does not [PG113]"]),
        (lambda d: _everywhere(d, "more than 80", "more than 90"),
         ["the number 80 stands in the German text and not in the other edition's [PG114]",
          "the number 90 stands in the English text and not in the other edition's [PG114]"]),
        (lambda d: _everywhere(d, "Villa Rosenthal", "the villa"),
         ["Villa Rosenthal is named in the German text and not in the other edition's [PG115]"]),
        (lambda d: _body(d).remove({"quote": "fazit"}) or _body(d).append({"quote": "fazit"}),
         []),  # the same quote, placed elsewhere: the order of quotes is the same
    ],
)  # fmt: skip
def test_the_editions_name_the_same_days_times_numbers_and_names(
    tmp_path: Path,
    bilingual: dict[str, Any],
    change: Callable[[dict[str, Any]], Any],
    expected: list[str],
) -> None:
    change(bilingual)
    found = [p for p in _problems(tmp_path, bilingual) if re.search(r"\[PG11[3-6]\]", p)]
    assert found == [f"warning: en.press_release.body: {line}" for line in expected]


def test_the_editions_place_the_same_quotes(tmp_path: Path, bilingual: dict[str, Any]) -> None:
    bilingual["quotes"]["zweites"] = {"by": "koegler", "text": "Ein zweites Zitat."}
    bilingual["press_release"]["body"].insert(0, {"quote": "zweites"})
    _body(bilingual).append({"quote": "zweites"})
    found = [p for p in _problems(tmp_path, bilingual) if "[PG116]" in p]
    assert found == [
        "en.press_release.body: the English text places other quotes, or in another order, "
        "than the German: zweites, fazit against fazit, zweites [PG116]"
    ]


def test_the_seeds_english_loads(bilingual: dict[str, Any]) -> None:
    event = load_event(SEED)
    assert event.languages == ["de", "en"] and event.en is not None


@pytest.mark.parametrize(
    ("reads", "published", "gets"),
    [("en", ("de", "en"), "en"), ("en", ("de",), "de"), ("", ("de", "en"), "de"),
     ("de", ("de", "en"), "de")],
)  # fmt: skip
def test_each_recipient_gets_the_edition_of_their_language_where_there_is_one(
    reads: str, published: tuple[str, ...], gets: str
) -> None:
    """The one rule every send goes through (newsletter, newsletter file, press release)."""
    from pressgen.present.language import edition_for

    assert edition_for(reads, published) == gets
