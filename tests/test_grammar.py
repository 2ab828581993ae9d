"""Every sentence pressgen writes itself, as a table of inputs and the exact German."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pressgen.errors import DataError
from pressgen.german import grammar, phrases, typography
from pressgen.german.grammar import NounPhrase
from pressgen.german.typography import NARROW_NBSP, NBSP
from pressgen.source.event import (
    EventInfo,
    Organisation,
    Person,
    ProgrammeItem,
    Quote,
    Typography,
    Venue,
)


def plain(text: str) -> str:
    return text.replace(NBSP, " ").replace(NARROW_NBSP, " ")


# ---------------------------------------------------------------- the newsletter's footer

ORGANISATIONS: list[tuple[dict[str, Any], str]] = [
    ({"name": "TowerByte eG", "article": "die"}, "bei der TowerByte eG"),
    ({"name": "Muster e. V.", "article": "der"}, "beim Muster e. V."),
    ({"name": "Netzwerk Digitale Region Saale e. V.", "article": "das"}, "beim Netzwerk Digitale Region Saale e. V."),
    ({"name": "JenaWirtschaft", "article": "keiner"}, "bei JenaWirtschaft"),
    ({"name": "Stadtwerke Erfurt", "article": "die", "plural": True}, "bei den Stadtwerken Erfurt"),
    # The full name: the newsletter may nowhere say what the short name stands for.
    ({"name": "Förderverein Musterstadt e. V.", "article": "der", "short_name": "FVM"},
     "beim Förderverein Musterstadt e. V."),
    ({"name": "Sparkasse Jena", "article": "die", "short_name": "SKJ"}, "bei der Sparkasse Jena"),
    ({"name": "Land Thüringen", "article": "das"}, "beim Land Thüringen"),
]  # fmt: skip


@pytest.mark.parametrize(("given", "where"), ORGANISATIONS)
def test_footer(given: dict[str, Any], where: str) -> None:
    note = phrases.subscription_note(Organisation(**given))
    assert note == f"Sie erhalten diesen Newsletter, weil Sie ihn {where} bestellt haben."


@pytest.mark.parametrize(
    ("given", "heading"),
    [
        ({"name": "TowerByte eG", "article": "die"}, "Über die TowerByte eG"),
        ({"name": "Muster e. V.", "article": "der"}, "Über den Muster e. V."),
        ({"name": "Netzwerk Saale e. V.", "article": "das"}, "Über das Netzwerk Saale e. V."),
        ({"name": "JenaWirtschaft", "article": "keiner"}, "Über JenaWirtschaft"),
        ({"name": "Stadtwerke Erfurt", "article": "die", "plural": True}, "Über die Stadtwerke Erfurt"),
        (
            {"name": "Förderverein Musterstadt e. V.", "article": "der", "short_name": "FVM"},
            "Über den Förderverein Musterstadt e. V. (FVM)",
        ),
    ],
)  # fmt: skip
def test_about_heading(given: dict[str, Any], heading: str) -> None:
    assert phrases.about_heading(Organisation(**given)) == heading


# ---------------------------------------------------------------- thanks

JW = NounPhrase("JenaWirtschaft")
THAK = NounPhrase("Thüringer Agentur für die Kreativwirtschaft", "die", short="ThAK")
IMPULS = NounPhrase("Impulsregion Jena, Erfurt und Weimar", "die")
SPARKASSE = NounPhrase("Sparkasse Musterstadt", "die")
KREIS = NounPhrase("Förderkreis der Hochschule", "der")
TEAM = NounPhrase("Team um Erika Muster", "das")
WERKE = NounPhrase("Stadtwerke Erfurt", "die", plural=True)
WERKE_JENA = NounPhrase("Stadtwerke Jena", "die", dative="den Stadtwerken Jena")
VEREIN = NounPhrase("Förderverein Erfurter Informatik e. V.", "der")
AG = NounPhrase("Muster AG", "die")
INSTITUT = NounPhrase("Institut für Angewandte Forschung", "das")

THANKS: list[tuple[list[NounPhrase], dict[str, Any], str]] = [
    # The seed's sentence, exactly as it always was.
    ([JW, THAK, IMPULS], {"role": "sponsoren"},
     "Besonderer Dank gilt den Sponsoren JenaWirtschaft, der Thüringer Agentur für die "
     "Kreativwirtschaft (ThAK) und der Impulsregion Jena, Erfurt und Weimar."),
    # A first name with its article: the noun is an apposition, never "der Sponsoren der …".
    ([SPARKASSE, KREIS], {"role": "sponsoren"},
     "Besonderer Dank gilt den Sponsoren, der Sparkasse Musterstadt und dem Förderkreis der Hochschule."),
    ([SPARKASSE, KREIS, TEAM], {"role": "keines"},
     "Besonderer Dank gilt der Sparkasse Musterstadt, dem Förderkreis der Hochschule und dem Team "
     "um Erika Muster."),
    ([JW], {"role": "sponsoren"}, "Besonderer Dank gilt dem Sponsor JenaWirtschaft."),
    ([SPARKASSE], {"role": "sponsoren"}, "Besonderer Dank gilt der Sponsorin, der Sparkasse Musterstadt."),
    ([KREIS], {"role": "sponsoren"}, "Besonderer Dank gilt dem Sponsor, dem Förderkreis der Hochschule."),
    ([INSTITUT], {"role": "sponsoren"},
     "Besonderer Dank gilt dem Sponsor, dem Institut für Angewandte Forschung."),
    # Plural names: a plural noun, and the dative plural.
    ([WERKE], {"role": "sponsoren"}, "Besonderer Dank gilt dem Sponsor, den Stadtwerken Erfurt."),
    ([WERKE_JENA], {"role": "sponsoren"}, "Besonderer Dank gilt dem Sponsor, den Stadtwerken Jena."),
    ([WERKE], {"role": "keines"}, "Besonderer Dank gilt den Stadtwerken Erfurt."),
    ([WERKE, JW], {"role": "partner"},
     "Besonderer Dank gilt den Partnern, den Stadtwerken Erfurt und JenaWirtschaft."),
    # An abbreviation at the end takes no second full stop.
    ([VEREIN], {"role": "keines"}, "Besonderer Dank gilt dem Förderverein Erfurter Informatik e. V."),
    ([SPARKASSE, VEREIN], {"role": "sponsoren"},
     "Besonderer Dank gilt den Sponsoren, der Sparkasse Musterstadt und dem Förderverein Erfurter "
     "Informatik e. V."),
    # What they were: Förderer, Partner, Unterstützer, Gastgeber.
    ([AG], {"role": "gastgeber"}, "Besonderer Dank gilt der Gastgeberin, der Muster AG."),
    ([KREIS], {"role": "foerderer"}, "Besonderer Dank gilt dem Förderer, dem Förderkreis der Hochschule."),
    ([SPARKASSE], {"role": "foerderer"}, "Besonderer Dank gilt der Förderin, der Sparkasse Musterstadt."),
    ([SPARKASSE, KREIS], {"role": "foerderer"},
     "Besonderer Dank gilt den Förderern, der Sparkasse Musterstadt und dem Förderkreis der Hochschule."),
    ([AG], {"role": "partner"}, "Besonderer Dank gilt der Partnerin, der Muster AG."),
    ([JW, AG], {"role": "unterstuetzer"},
     "Besonderer Dank gilt den Unterstützern JenaWirtschaft und der Muster AG."),
    # A reason; an apposition before it is closed by a comma.
    ([AG], {"role": "keines", "reason": "für die Gastfreundschaft"},
     "Besonderer Dank gilt der Muster AG für die Gastfreundschaft."),
    ([AG], {"role": "gastgeber", "reason": "für die Gastfreundschaft"},
     "Besonderer Dank gilt der Gastgeberin, der Muster AG, für die Gastfreundschaft."),
    ([JW], {"role": "sponsoren", "reason": "für die Unterstützung"},
     "Besonderer Dank gilt dem Sponsor JenaWirtschaft für die Unterstützung."),
    ([VEREIN], {"role": "keines", "reason": "für die Organisation der Pausen"},
     "Besonderer Dank gilt dem Förderverein Erfurter Informatik e. V. für die Organisation der Pausen."),
    # Said by named people.
    ([AG], {"role": "keines", "reason": "für die Gastfreundschaft",
            "thanked_by": "Anna Muster und Ben Beispiel", "several": True},
     "Anna Muster und Ben Beispiel dankten der Muster AG für die Gastfreundschaft."),
    ([AG], {"role": "gastgeber", "reason": "für den Abend", "thanked_by": "Anna Muster"},
     "Anna Muster dankte der Gastgeberin, der Muster AG, für den Abend."),
    ([SPARKASSE, VEREIN], {"role": "keines", "thanked_by": "Anna Muster"},
     "Anna Muster dankte der Sparkasse Musterstadt und dem Förderverein Erfurter Informatik e. V."),
    # Before the event, in the present; a function closed by its comma; "die Gäste" starts it.
    ([AG], {"role": "keines", "thanked_by": "Anna Muster, Vorsitzende,", "past": False},
     "Anna Muster, Vorsitzende, dankt der Muster AG."),
    ([AG], {"role": "keines", "thanked_by": "die Gäste", "several": True, "past": False},
     "Die Gäste danken der Muster AG."),
    ([NounPhrase("Alte Weberei gGmbH", "die")], {"role": "gastgeber"},
     "Besonderer Dank gilt der Gastgeberin, der Alten Weberei gGmbH."),
    ([NounPhrase("ehrenamtliche Helferinnen und Helfer", "die", plural=True)], {"role": "keines"},
     "Besonderer Dank gilt den ehrenamtlichen Helferinnen und Helfern."),
    ([NounPhrase("Freunde und Förderer der Stadthalle", "die", plural=True)], {"role": "keines"},
     "Besonderer Dank gilt den Freunden und Förderern der Stadthalle."),
    ([NounPhrase("Musterländischer Handwerksbund", "der")], {"role": "partner"},
     "Besonderer Dank gilt dem Partner, dem Musterländischen Handwerksbund."),
    # Own lead-in, and "sowie".
    ([JW, AG], {"role": "sponsoren", "lead_in": "Wir danken"},
     "Wir danken den Sponsoren JenaWirtschaft und der Muster AG."),
    ([JW, THAK, AG], {"role": "sponsoren", "conjunction": "sowie"},
     "Besonderer Dank gilt den Sponsoren JenaWirtschaft, der Thüringer Agentur für die "
     "Kreativwirtschaft (ThAK) sowie der Muster AG."),
]  # fmt: skip


@pytest.mark.parametrize(("thanked", "options", "expected"), THANKS)
def test_thanks(thanked: list[NounPhrase], options: dict[str, Any], expected: str) -> None:
    assert grammar.thanks(thanked, **options) == expected


# ---------------------------------------------------------------- speakers and quotes

WROBEL = Person(name="Conrad Wrobel", role="Aufsichtsrat der TowerByte eG")
MUSTER = Person(name="Erika Muster")
FRANK = Person(name="Frank Muster", role="Botschafter", organisation="Initiative Digitale Stadt")
FRANK_ARTICLE = FRANK.model_copy(update={"organisation_article": "die"})
FRANK_NONE = FRANK.model_copy(update={"organisation_article": "keiner"})
KOEGLER = Person(name="Christoph Kögler", organisation="T-Systems Multimedia Solutions GmbH")
VORSITZ = Person(name="Anna Muster", role="Vorsitzende des FVM")
KASSE = Person(name="Ben Beispiel", role="Schatzmeister")
GAESTE = Person(name="die Gäste", plural=True)
PUBLIKUM = Person(name="das Publikum")
ROLE_IN = Person(name="Lea Lang", role="Leiterin der Muster AG", organisation="Muster AG")
# A function that reads as a title before the name (the data asks for it).
MINISTERIN = Person(name="Dr. Lea Lang", role="Ministerin für Kultur", presence="video_message")
ZUGESCHALTET = Person(name="Erika Muster", presence="online")
ABGESAGT = Person(name="Ben Beispiel", role="Schatzmeister", presence="absent")
OB = Person(name="Cornelia Petzold-Schick", role="Bruchsals Oberbürgermeisterin",
            role_before_name=True)  # fmt: skip


@pytest.mark.parametrize(
    ("person", "full"),
    [
        (WROBEL, "Conrad Wrobel, Aufsichtsrat der TowerByte eG"),
        (MUSTER, "Erika Muster"),
        (FRANK, "Frank Muster, Botschafter (Initiative Digitale Stadt)"),
        (FRANK_ARTICLE, "Frank Muster, Botschafter der Initiative Digitale Stadt"),
        (FRANK_NONE, "Frank Muster, Botschafter bei Initiative Digitale Stadt"),
        (KOEGLER, "Christoph Kögler (T-Systems Multimedia Solutions GmbH)"),
        (ROLE_IN, "Lea Lang, Leiterin der Muster AG"),
        (GAESTE, "die Gäste"),
        (OB, "Bruchsals Oberbürgermeisterin Cornelia Petzold-Schick"),
    ],
)
def test_full_name(person: Person, full: str) -> None:
    assert phrases.full_name(person) == full


STYLE = Typography()
QUOTES: list[tuple[dict[str, Any], list[Person], bool, str]] = [
    ({"lead_in": "zeigte sich erfreut"}, [WROBEL], True,
     "Conrad Wrobel, Aufsichtsrat der TowerByte eG, zeigte sich erfreut: „Gut.“"),
    ({"lead_in": "zeigte sich erfreut"}, [WROBEL], False, "Conrad Wrobel zeigte sich erfreut: „Gut.“"),
    ({"lead_in": "ergänzte"}, [MUSTER], True, "Erika Muster ergänzte: „Gut.“"),
    ({"lead_in": "ergänzte"}, [KOEGLER], True,
     "Christoph Kögler (T-Systems Multimedia Solutions GmbH) ergänzte: „Gut.“"),
    ({"lead_in": "waren sich einig"}, [GAESTE], True, "Die Gäste waren sich einig: „Gut.“"),
    ({"lead_in": "waren sich einig"}, [VORSITZ, KASSE], True,
     "Anna Muster, Vorsitzende des FVM, und Ben Beispiel, Schatzmeister, waren sich einig: „Gut.“"),
    ({"lead_in": "waren sich einig"}, [VORSITZ, MUSTER, KASSE], True,
     "Anna Muster, Vorsitzende des FVM, Erika Muster und Ben Beispiel, Schatzmeister, waren sich "
     "einig: „Gut.“"),
    ({}, [WROBEL], True, "„Gut“, sagt Conrad Wrobel, Aufsichtsrat der TowerByte eG."),
    ({}, [MUSTER], True, "„Gut“, sagt Erika Muster."),
    ({}, [FRANK_ARTICLE], True, "„Gut“, sagt Frank Muster, Botschafter der Initiative Digitale Stadt."),
    ({}, [GAESTE], True, "„Gut“, sagen die Gäste."),
    ({}, [PUBLIKUM], True, "„Gut“, sagt das Publikum."),
    ({}, [VORSITZ, KASSE], True,
     "„Gut“, sagen Anna Muster, Vorsitzende des FVM, und Ben Beispiel, Schatzmeister."),
    ({}, [VORSITZ, KASSE], False, "„Gut“, sagen Anna Muster und Ben Beispiel."),
    ({"verb": "betont"}, [MUSTER], True, "„Gut“, betont Erika Muster."),
    ({"verb": "betont"}, [VORSITZ, KASSE], False, "„Gut“, betonen Anna Muster und Ben Beispiel."),
    ({"verb": "freut sich"}, [GAESTE], True, "„Gut“, freuen sich die Gäste."),
    ({}, [Person(name="Dr. Anna Muster", role="Leiterin i. V.")], True,
     "„Gut“, sagt Dr. Anna Muster, Leiterin i. V."),
    # The quote stays word for word: without its own mark, the sentence's full stop
    # follows the closing quotation mark.
    ({"lead_in": "ergänzte", "text": "Gut"}, [MUSTER], True, "Erika Muster ergänzte: „Gut“."),
    ({"lead_in": "jubelte", "text": "Volltreffer"}, [MUSTER], True,
     "Erika Muster jubelte: „Volltreffer“."),
    ({"lead_in": "fragte", "text": "Wer, wenn nicht wir?"}, [MUSTER], True,
     "Erika Muster fragte: „Wer, wenn nicht wir?“"),
    ({"lead_in": "rief", "text": "Weiter so!"}, [MUSTER], True, "Erika Muster rief: „Weiter so!“"),
    ({"text": "Wer, wenn nicht wir?"}, [MUSTER], True, "„Wer, wenn nicht wir?“, sagt Erika Muster."),
    ({"text": "Gut"}, [MUSTER], True, "„Gut“, sagt Erika Muster."),
    # One function for all: said once.
    ({"verb": "betonte"}, [Person(name="Lea Sommerfeld", role="Vorstand"), Person(name="Emil Grabowski", role="Vorstand")],
     True, "„Gut“, betonten Lea Sommerfeld und Emil Grabowski, Vorstand."),
    ({"lead_in": "waren sich einig"},
     [Person(name="Lea Sommerfeld", role="Vorstand"), Person(name="Emil Grabowski", role="Vorstand")],
     True, "Lea Sommerfeld und Emil Grabowski, Vorstand, waren sich einig: „Gut.“"),
    ({"verb": "erinnert sich"}, [GAESTE], True, "„Gut“, erinnern sich die Gäste."),
    # Not in the room: the sentence says how the words came.
    ({"verb": "sagte"}, [MINISTERIN], True,
     "„Gut“, sagte Dr. Lea Lang, Ministerin für Kultur, in einer Videobotschaft."),
    ({"verb": "sagte"}, [ZUGESCHALTET], True, "„Gut“, sagte Erika Muster per Videoschalte."),
    ({"lead_in": "betonte"}, [MINISTERIN], True,
     "Dr. Lea Lang, Ministerin für Kultur, betonte in einer Videobotschaft: „Gut.“"),
    ({"lead_in": "ergänzte"}, [ZUGESCHALTET], True, "Erika Muster ergänzte per Videoschalte: „Gut.“"),
    ({"verb": "sagte"}, [MINISTERIN, MUSTER], True,
     "„Gut“, sagten Dr. Lea Lang, Ministerin für Kultur, und Erika Muster."),
    # A title before the name: no comma after it, none before the verb.
    ({"verb": "sagte"}, [OB], True, "„Gut“, sagte Bruchsals Oberbürgermeisterin Cornelia Petzold-Schick."),
    ({"lead_in": "betonte"}, [OB], True,
     "Bruchsals Oberbürgermeisterin Cornelia Petzold-Schick betonte: „Gut.“"),
    ({"lead_in": "waren sich einig"}, [OB, KASSE], True,
     "Bruchsals Oberbürgermeisterin Cornelia Petzold-Schick und Ben Beispiel, Schatzmeister, "
     "waren sich einig: „Gut.“"),
]  # fmt: skip


@pytest.mark.parametrize(("options", "people", "full", "expected"), QUOTES)
def test_quote_sentence(
    options: dict[str, Any], people: list[Person], full: bool, expected: str
) -> None:
    quote = Quote.model_validate({"by": ["x"] * len(people), "text": "Gut.", **options})
    said = phrases.quote_sentence(quote, people, full=full, style=STYLE)
    assert said.before + said.words + said.after == expected


@pytest.mark.parametrize(
    ("person", "listed"),
    [
        (WROBEL, "Conrad Wrobel (Aufsichtsrat der TowerByte eG)"),
        (FRANK_ARTICLE, "Frank Muster (Botschafter der Initiative Digitale Stadt)"),
        (KOEGLER, "Christoph Kögler (T-Systems Multimedia Solutions GmbH)"),
        (MUSTER, "Erika Muster"),
        (OB, "Bruchsals Oberbürgermeisterin Cornelia Petzold-Schick"),
        (MINISTERIN, "Dr. Lea Lang (Ministerin für Kultur; per Videobotschaft)"),
        (ZUGESCHALTET, "Erika Muster (per Videoschalte)"),
    ],
)  # fmt: skip
def test_a_guest_of_honour_is_listed_with_the_function(person: Person, listed: str) -> None:
    assert phrases.honoured_guest(person) == listed


@pytest.mark.parametrize(
    ("person", "line"),
    [
        (MINISTERIN, "Dr. Lea Lang, Ministerin für Kultur (per Videobotschaft)"),
        (ZUGESCHALTET, "Erika Muster (per Videoschalte)"),
        (ABGESAGT, "Ben Beispiel, Schatzmeister (abgesagt)"),
        (WROBEL, "Conrad Wrobel, Aufsichtsrat der TowerByte eG"),
    ],
)  # fmt: skip
def test_the_programme_says_who_is_not_in_the_room(person: Person, line: str) -> None:
    assert phrases.with_presence(phrases.full_name(person), person) == line


@pytest.mark.parametrize(
    ("people", "speaker"),
    [
        ([MINISTERIN], "Dr. Lea Lang, Ministerin für Kultur (per Videobotschaft)"),
        ([ZUGESCHALTET], "Erika Muster (per Videoschalte)"),
        ([WROBEL], "Conrad Wrobel, Aufsichtsrat der TowerByte eG"),
    ],
)  # fmt: skip
def test_a_pull_quote_says_how_it_was_spoken(people: list[Person], speaker: str) -> None:
    assert phrases.pull_quote_speaker(people) == speaker


def test_the_facts_box_lists_guests_of_honour_with_their_functions(
    event_data: dict[str, Any], write_yaml: Any
) -> None:
    from pressgen.present.event import present
    from pressgen.source.validate import load_event

    event_data["people"]["ob"] = {
        "name": "Cornelia Petzold-Schick",
        "role": "Bruchsals Oberbürgermeisterin",
        "role_before_name": True,
    }
    event_data["people"]["beispiel"] = {"name": "Bernd Beispiel", "role": "Landrat"}
    event_data["people"]["fern"] = {
        "name": "Fritz Fern",
        "role": "Staatssekretär",
        "presence": "absent",
    }
    event_data["event"]["guests_of_honour"] = ["ob", "fern", "beispiel"]
    lines = {line.label: plain("".join(name.text + name.after for name in line.names))
             for line in present(load_event(write_yaml(event_data))).fact_lines}  # fmt: skip
    assert lines["Ehrengäste"] == (
        "Bruchsals Oberbürgermeisterin Cornelia Petzold-Schick und Bernd Beispiel (Landrat)"
    )


@pytest.mark.parametrize(
    ("people", "later"),
    [
        ([Person(name="Erika Muster")], {"Erika Muster": "Muster"}),
        ([Person(name="Prof. Dr. Helmut Albrecht")], {"Prof. Dr. Helmut Albrecht": "Albrecht"}),
        ([Person(name="Katrin Wendland-Boos")], {"Katrin Wendland-Boos": "Wendland-Boos"}),
        ([Person(name="Ursula von der Leyen")], {"Ursula von der Leyen": "von der Leyen"}),
        ([Person(name="Karl-Theodor zu Guttenberg")], {"Karl-Theodor zu Guttenberg": "zu Guttenberg"}),
        # A double name the words cannot tell from a second given name: the file says it.
        ([Person(name="Anna-Lena Meyer zu Schwabedissen", later_name="Meyer zu Schwabedissen")],
         {"Anna-Lena Meyer zu Schwabedissen": "Meyer zu Schwabedissen"}),
        ([Person(name="die Gäste", plural=True)], {"die Gäste": "die Gäste"}),
        ([Person(name="das Publikum")], {"das Publikum": "das Publikum"}),
        ([Person(name="Madonna")], {"Madonna": "Madonna"}),
        # Two of one surname: each keeps the whole name.
        ([Person(name="Anna Muster"), Person(name="Erika Muster"), Person(name="Ben Beispiel")],
         {"Anna Muster": "Anna Muster", "Erika Muster": "Erika Muster", "Ben Beispiel": "Beispiel"}),
        # The file says how: the whole name again, or another form.
        ([Person(name="Conrad Wrobel", later_name="Conrad Wrobel")],
         {"Conrad Wrobel": "Conrad Wrobel"}),
        ([Person(name="Dr. Heike Lorenz", later_name="Dr. Lorenz")], {"Dr. Heike Lorenz": "Dr. Lorenz"}),
    ],
)  # fmt: skip
def test_a_later_mention_names_the_surname(people: list[Person], later: dict[str, str]) -> None:
    assert phrases.later_mentions(people) == later


@pytest.mark.parametrize(
    ("options", "people", "expected"),
    [
        ({}, [MUSTER], "„Gut“, sagt Muster."),
        ({"lead_in": "ergänzte"}, [MUSTER], "Muster ergänzte: „Gut.“"),
        ({}, [VORSITZ, KASSE], "„Gut“, sagen Muster und Beispiel."),
        ({}, [GAESTE], "„Gut“, sagen die Gäste."),
    ],
)  # fmt: skip
def test_a_quote_after_the_first_mention_names_the_surname(
    options: dict[str, Any], people: list[Person], expected: str
) -> None:
    quote = Quote.model_validate({"by": ["x"] * len(people), "text": "Gut.", **options})
    said = phrases.quote_sentence(
        quote, people, full=False, style=STYLE, known_as=phrases.later_mentions(people)
    )
    assert said.before + said.words + said.after == expected


@pytest.mark.parametrize(
    ("singular", "plural"),
    [("sagt", "sagen"), ("betont", "betonen"), ("ergänzt", "ergänzen"), ("erklärt", "erklären"),
     ("freut sich", "freuen sich"), ("ist", "sind"), ("arbeitet", "arbeiten"), ("hat", "haben"),
     ("sagte", "sagten"), ("betonte", "betonten"), ("freute sich", "freuten sich"),
     ("erinnert sich", "erinnern sich"), ("fordert", "fordern"), ("sammelt", "sammeln"),
     ("feiert", "feiern"), ("kommentiert", "kommentieren"), ("resümiert", "resümieren"),
     ("spricht", "sprechen"), ("verspricht", "versprechen"), ("rät", "raten"), ("hält fest", "halten fest"),
     ("erhält", "erhalten"), ("gibt zu bedenken", "geben zu bedenken"), ("sieht", "sehen"),
     ("lädt ein", "laden ein"), ("empfiehlt", "empfehlen"), ("sprach", "sprachen"), ("riet", "rieten"),
     ("hielt fest", "hielten fest"), ("lud ein", "luden ein"), ("zog Bilanz", "zogen Bilanz"),
     ("war", "waren"), ("kann", "können"), ("redet", "reden"), ("betonten", "betonten")],
)  # fmt: skip
def test_plural_verbs(singular: str, plural: str) -> None:
    assert grammar.plural_verb(singular) == plural


# ---------------------------------------------------------------- the facts box

INFO = {"title": "Fest", "date": "2027-05-08", "venue": {"address": {"city": "Jena"}}}


@pytest.mark.parametrize(
    ("extra", "gender", "expected"),
    [
        ({"guests": 80, "guests_qualifier": "über"}, "neutral", "über 80 Gäste"),
        ({"guests": 1}, "neutral", "1 Gast"),
        ({"guests": 1200}, "neutral", "1.200 Gäste"),
        ({"guests": 40, "guests_noun": "teilnehmer"}, "neutral", "40 Teilnehmende"),
        ({"guests": 40, "guests_noun": "teilnehmer"}, "paarform", "40 Teilnehmerinnen und Teilnehmer"),
        ({"guests": 40, "guests_noun": "teilnehmer"}, "stern", "40 Teilnehmer*innen"),
        ({"guests": 40, "guests_noun": "teilnehmer"}, "doppelpunkt", "40 Teilnehmer:innen"),
        ({"guests": 40, "guests_noun": "teilnehmer"}, "none", "40 Teilnehmer"),
        ({"guests": 250, "guests_noun": "besucher", "guests_qualifier": "rund"}, "neutral",
         "rund 250 Besuchende"),
        ({"guests": 250, "guests_noun": "besucher"}, "paarform", "250 Besucherinnen und Besucher"),
        ({"guests": 14, "guests_noun": "Unternehmerinnen und Unternehmer"}, "stern",
         "14 Unternehmerinnen und Unternehmer"),
        ({}, "neutral", ""),
    ],
)  # fmt: skip
def test_guests(extra: dict[str, Any], gender: str, expected: str) -> None:
    info = EventInfo.model_validate({**INFO, **extra})
    assert plain(phrases.guests(info, Typography(gender=gender))) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("venue", "expected"),
    [
        ({"name": "Gründerzentrum Musterstadt", "address": {"city": "Musterstadt"}}, "Gründerzentrum Musterstadt"),
        ({"name": "Jena", "address": {"city": "Jena"}}, "Jena"),
        ({"address": {"city": "Jena"}}, "Jena"),
        ({"name": "Villa Rosenthal"}, "Villa Rosenthal"),
        ({"name": "Villa Rosenthal", "address": {"city": "Jena"}}, "Villa Rosenthal, Jena"),
        ({"name": "Rathaus", "address": {"street": "Markt 1", "postcode": "07743", "city": "Jena"}},
         "Rathaus, Markt 1, 07743 Jena"),
        ({"name": "Volkshaus Jena", "address": {"street": "Carl-Zeiß-Platz 15", "city": "Jena"}},
         "Volkshaus Jena, Carl-Zeiß-Platz 15, Jena"),
    ],
)  # fmt: skip
def test_place(venue: dict[str, Any], expected: str) -> None:
    assert plain(phrases.place(Venue.model_validate(venue))) == expected


@pytest.mark.parametrize(
    ("status", "report", "expected"),
    [
        ({"status": "cancelled"}, False, "Die Veranstaltung fällt aus."),
        ({"status": "postponed", "postponed_to": "2027-09-17"}, False,
         "Die Veranstaltung wird auf Freitag, den 17. September 2027, verschoben."),
        ({"status": "postponed"}, False, "Die Veranstaltung wird auf einen späteren Termin verschoben."),
        ({}, False, ""),
        # A report, after the day: in the past.
        ({"status": "cancelled"}, True, "Die Veranstaltung wurde abgesagt."),
        ({"status": "postponed", "postponed_to": "2027-09-17"}, True,
         "Die Veranstaltung wurde auf Freitag, den 17. September 2027, verschoben."),
        ({"status": "postponed"}, True, "Die Veranstaltung wurde auf einen späteren Termin verschoben."),
        ({}, True, ""),
    ],
)  # fmt: skip
def test_status(status: dict[str, Any], report: bool, expected: str) -> None:
    info = EventInfo.model_validate({**INFO, **status})
    assert plain(phrases.status_note(info, report=report)) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"kind": "empfang", "title": "Empfang mit Buffet"}, "Empfang mit Buffet"),
        ({"kind": "empfang", "title": "Sommerempfang der TowerByte eG"}, "Sommerempfang der TowerByte eG"),
        ({"kind": "empfang", "title": "Traditioneller Sommerempfang"}, "Empfang: Traditioneller Sommerempfang"),
        ({"kind": "pause", "title": "Mittagspause mit Fachausstellung"}, "Mittagspause mit Fachausstellung"),
        ({"kind": "rede", "title": "Festrede zum Jubiläum"}, "Festrede zum Jubiläum"),
        ({"kind": "keynote", "title": "Die Stadt von morgen"}, "Keynote: „Die Stadt von morgen“"),
        ({"kind": "grusswort"}, "Grußwort"),
        ({"kind": "grusswort", "title": "Grußwort der Oberbürgermeisterin"}, "Grußwort der Oberbürgermeisterin"),
        ({"kind": "einlass"}, "Einlass"),
        ({"kind": "musik", "title": "Jazztrio Saale"}, "Musik: Jazztrio Saale"),
        ({"kind": "kultur", "title": "Kabarett mit den Distel-Brüdern"}, "Kulturprogramm: Kabarett mit den Distel-Brüdern"),
        ({"kind": "podiumsdiskussion", "title": "Wer bezahlt die Wärmewende?"},
         "Podiumsdiskussion: „Wer bezahlt die Wärmewende?“"),
        ({"kind": "workshop", "label": "Kreativ-Workshop", "title": "Lego-Stadt"}, "Kreativ-Workshop: „Lego-Stadt“"),
        ({"kind": "pause"}, "Pause"),
        # Two speakers, two greetings.
        ({"kind": "grusswort", "speakers": ["a", "b"]}, "Grußworte"),
        ({"kind": "grusswort", "speakers": ["a"]}, "Grußwort"),
        ({"kind": "grusswort", "speakers": ["a", "b"], "title": "Grußworte aus Stadt und Land"},
         "Grußworte aus Stadt und Land"),
        ({"kind": "grusswort", "speakers": ["a", "b"], "title": "Musik und Politik"},
         "Grußworte: Musik und Politik"),
        ({"kind": "grusswort", "speakers": ["a", "b"], "label": "Begrüßung"}, "Begrüßung"),
    ],
)  # fmt: skip
def test_programme_heading(item: dict[str, Any], expected: str) -> None:
    assert phrases.programme_heading(ProgrammeItem.model_validate(item), STYLE) == expected


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ({"kind": "sonstiges", "label": "Gala", "status": "cancelled"}, "Gala (fällt aus)"),
        ({"kind": "sonstiges", "label": "Mitgliederversammlung", "status": "postponed"},
         "Mitgliederversammlung (auf einen späteren Termin verschoben)"),
        ({"kind": "sonstiges", "label": "Mitgliederversammlung", "status": "postponed",
          "postponed_to": "2020-09-17"}, "Mitgliederversammlung (neuer Termin)"),
        ({"kind": "sonstiges", "label": "Mitgliederversammlung", "status": "postponed",
          "day": "2020-08-20", "postponed_to": "2020-09-17"},
         "Mitgliederversammlung (verschoben vom 20. August 2020)"),
        ({"kind": "grusswort", "status": "cancelled"}, "Grußwort (fällt aus)"),
        ({"kind": "sonstiges", "label": "Gala"}, "Gala"),
    ],
)  # fmt: skip
def test_a_programme_point_that_does_not_take_place_says_so(
    item: dict[str, Any], expected: str, event_data: dict[str, Any], write_yaml: Any
) -> None:
    from pressgen.present.event import present
    from pressgen.source.validate import load_event

    event_data["programme"] = [item]
    (entry,) = present(load_event(write_yaml(event_data))).programme
    assert plain(entry.heading) == expected


def test_a_day_that_no_longer_holds_says_so_over_its_programme(
    event_data: dict[str, Any], write_yaml: Any
) -> None:
    from pressgen.present.event import present
    from pressgen.source.validate import load_event

    event_data["event"]["status"] = "postponed"
    event_data["programme"] = [
        {"kind": "empfang", "label": "Empfang", "day": "2017-08-10", "status": "cancelled"},
        {"kind": "sonstiges", "label": "Workshop"},
    ]
    days = present(load_event(write_yaml(event_data))).programme_days
    assert [plain(day.day) for day in days] == [
        "Donnerstag, 10. August 2017",
        "Donnerstag, 17. August 2017 (ursprünglich geplant)",
    ]


def test_a_point_moved_to_a_known_day_stands_under_it(
    event_data: dict[str, Any], write_yaml: Any
) -> None:
    from pressgen.present.event import present
    from pressgen.source.validate import load_event

    event_data["programme"] = [
        {"kind": "sonstiges", "label": "Workshop"},
        {"kind": "sonstiges", "label": "Versammlung", "status": "postponed",
         "postponed_to": "2017-09-21"},
    ]  # fmt: skip
    days = present(load_event(write_yaml(event_data))).programme_days
    assert [(plain(day.day), [plain(e.heading) for e in day.entries]) for day in days] == [
        ("Donnerstag, 17. August 2017", ["Workshop"]),
        ("Donnerstag, 21. September 2017", ["Versammlung (neuer Termin)"]),
    ]


def test_a_new_day_needs_a_postponed_point(event_data: dict[str, Any], write_yaml: Any) -> None:
    from pressgen.source.validate import load_event

    event_data["programme"] = [{"kind": "sonstiges", "label": "Gala", "postponed_to": "2020-09-17"}]
    with pytest.raises(DataError) as error:
        load_event(write_yaml(event_data))
    assert [p.message for p in error.value.problems] == [
        "postponed_to is given, but status is not postponed"
    ]


@pytest.mark.parametrize(
    ("open_facts", "expected"),
    [
        ([], "Entwurf"),
        ([("event", "date")], "Entwurf – noch offen: Datum"),
        ([("event", "date"), ("event", "start")], "Entwurf – noch offen: Datum und Uhrzeit"),
        ([("event", "start"), ("press_release", "publication_date"), ("press_release", "photos", 0, "credit")],
         "Entwurf – noch offen: Uhrzeit, Datum der Veröffentlichung und Bildnachweis"),
        ([("press_release", "photos", 0, "credit"), ("press_release", "photos", 2, "credit")],
         "Entwurf – noch offen: 2 Bildnachweise"),
        ([("event", "date"), ("press_release", "photos", 0, "credit"), ("press_release", "photos", 1, "credit")],
         "Entwurf – noch offen: Datum und 2 Bildnachweise"),
    ],
)  # fmt: skip
def test_draft_note(open_facts: list[tuple[str | int, ...]], expected: str) -> None:
    assert phrases.draft_note(open_facts, STYLE) == expected


@pytest.mark.parametrize(
    ("text", "person", "introduced"),
    [
        ("Eröffnet wurde das Event durch den Aufsichtsrat der TowerByte eG, Conrad Wrobel.", WROBEL, True),
        ("Durch den Abend führt Conrad Wrobel.", WROBEL, False),
        ("Erika Muster eröffnete.", MUSTER, True),  # no function to give
        ("Frank Muster, Botschafter der Initiative Digitale Stadt, sprach.", FRANK_ARTICLE, True),
        ("Frank Muster sprach für die Initiative.", FRANK_ARTICLE, False),
        ("Ein Absatz ohne Namen.", MUSTER, False),
        # The function before the name, without where it is held, introduces too.
        ("Danach sprach Bürgermeisterin Birgit Hannemann.",
         Person(name="Birgit Hannemann", role="Bürgermeisterin der Gemeinde Erdmannhausen"), True),
        ("Es führte Geschäftsführer Martin Kessler.",
         Person(name="Martin Kessler", role="Geschäftsführer der Kessler GmbH"), True),
        ("Birgit Hannemann, seit Jahren im Amt, sprach.",
         Person(name="Birgit Hannemann", role="Bürgermeisterin der Gemeinde Erdmannhausen"), False),
    ],
)  # fmt: skip
def test_a_paragraph_introduces_a_person(text: str, person: Person, introduced: bool) -> None:
    assert phrases.introduces(text, person) is introduced


# ---------------------------------------------------------------- articles and contractions


@pytest.mark.parametrize(
    ("phrase", "case", "expected"),
    [
        (NounPhrase("Verein", "der"), "dat", "dem Verein"),
        (NounPhrase("Verein", "der"), "acc", "den Verein"),
        (NounPhrase("Verein", "der"), "gen", "des Vereins"),
        (NounPhrase("Landkreis Musterland", "der"), "gen", "des Landkreises Musterland"),
        (NounPhrase("Verkehrsverbund Musterland", "der"), "gen", "des Verkehrsverbunds Musterland"),
        (NounPhrase("Ministerium für Wirtschaft", "das"), "gen", "des Ministeriums für Wirtschaft"),
        (NounPhrase("Beispielhausener Tageblatt", "das"), "gen", "des Beispielhausener Tageblatts"),
        (
            NounPhrase("Förderverein Erfurter Informatik e. V.", "der"),
            "gen",
            "des Fördervereins Erfurter Informatik e. V.",
        ),
        (NounPhrase("Deutscher Gewerkschaftsbund", "der"), "nom", "der Deutsche Gewerkschaftsbund"),
        (
            NounPhrase("Deutscher Gewerkschaftsbund", "der"),
            "acc",
            "den Deutschen Gewerkschaftsbund",
        ),
        (NounPhrase("Deutsches Rotes Kreuz", "das"), "gen", "des Deutschen Roten Kreuzes"),
        (
            NounPhrase("Technische Universität Ilmenau", "die"),
            "dat",
            "der Technischen Universität Ilmenau",
        ),
        (NounPhrase("Initiative Digitale Stadt", "die"), "gen", "der Initiative Digitale Stadt"),
        (NounPhrase("Zentrale Nord", "die"), "dat", "der Zentrale Nord"),
        (NounPhrase("Saale-Verein", "der"), "gen", "des Saale-Vereins"),
        (
            NounPhrase("Netzwerk Digitale Region Saale e. V.", "das"),
            "gen",
            "des Netzwerks Digitale Region Saale e. V.",
        ),
        (NounPhrase("TowerByte eG", "die"), "gen", "der TowerByte eG"),
        (NounPhrase("Mitglieder", "die", plural=True), "dat", "den Mitgliedern"),
        (
            NounPhrase("Städtische Kulturbetriebe", "die", plural=True),
            "dat",
            "den Städtischen Kulturbetrieben",
        ),
        (
            NounPhrase("Förderverein Musterstadt e. V.", "der", short="FVM"),
            "gen",
            "des Fördervereins Musterstadt e. V. (FVM)",
        ),
        (NounPhrase("Sparkasse", "die"), "dat", "der Sparkasse"),
        (NounPhrase("Sparkasse", "die"), "acc", "die Sparkasse"),
        (NounPhrase("Institut", "das"), "dat", "dem Institut"),
        (NounPhrase("Stadtwerke Jena", "die", plural=True), "nom", "die Stadtwerke Jena"),
        (NounPhrase("Stadtwerke Jena", "die", plural=True), "dat", "den Stadtwerken Jena"),
        (NounPhrase("Stadtwerke Jena", "die", plural=True), "gen", "der Stadtwerke Jena"),
        (NounPhrase("JenaWirtschaft"), "dat", "JenaWirtschaft"),
    ],
)
def test_noun_phrase(phrase: NounPhrase, case: grammar.Case, expected: str) -> None:
    assert phrase.form(case) == expected


@pytest.mark.parametrize(
    ("preposition", "phrase", "expected"),
    [
        ("bei", NounPhrase("Verein", "der"), "beim Verein"),
        ("von", NounPhrase("Verein", "der"), "vom Verein"),
        ("zu", NounPhrase("Verein", "der"), "zum Verein"),
        ("zu", NounPhrase("Sparkasse", "die"), "zur Sparkasse"),
        ("bei", NounPhrase("Sparkasse", "die"), "bei der Sparkasse"),
        ("für", NounPhrase("Verein", "der"), "für den Verein"),
        ("mit", NounPhrase("Stadtwerke", "die", plural=True), "mit den Stadtwerken"),
    ],
)
def test_contractions(preposition: str, phrase: NounPhrase, expected: str) -> None:
    assert phrase.after(preposition) == expected


def test_short_names_after_the_first_mention() -> None:
    fvm = NounPhrase("Förderverein Musterstadt e. V.", "der", short="FVM")
    assert fvm.form("nom") == "der Förderverein Musterstadt e. V. (FVM)"
    assert fvm.form("nom", first=False) == "der FVM"
    assert fvm.after("bei", first=False) == "beim FVM"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("Dank gilt dem Muster e. V.",), "Dank gilt dem Muster e. V."),
        (("Dank gilt der Muster AG",), "Dank gilt der Muster AG."),
        (("Wirklich?",), "Wirklich?"),
        (("So ", "ist es "), "So ist es."),
    ],
)
def test_one_full_stop(parts: tuple[str, ...], expected: str) -> None:
    assert grammar.sentence(*parts) == expected


# ---------------------------------------------------------------- thanks from an event file


def event_with(**changes: Any) -> Any:
    from helpers import SEED

    from pressgen.source.event import Event
    from pressgen.source.validate import load_event

    data = load_event(SEED).model_dump()
    for key, value in changes.items():
        data[key] = value
    return Event.model_validate(data)


def sponsor(name: str, article: str, **more: Any) -> dict[str, Any]:
    return {"name": name, "article": article, **more}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, ["Besonderer Dank gilt den Sponsoren JenaWirtschaft, der Thüringer Agentur für die Kreativwirtschaft (ThAK) und der Impulsregion Jena, Erfurt und Weimar."]),
        ({"sponsors": []}, []),
        ({"sponsors": [sponsor("Institut", "das"), sponsor("A GmbH", "keiner")], "sponsors_lead_in": "Wir danken"},
         ["Wir danken den Sponsoren, dem Institut und A GmbH."]),
        ({"sponsors": [sponsor("Stadtwerke Muster", "die", dative="den Stadtwerken Muster")]},
         ["Besonderer Dank gilt dem Sponsor, den Stadtwerken Muster."]),
        ({"sponsors": [sponsor("A", "keiner"), sponsor("B", "keiner"), sponsor("C", "keiner")],
          "typography": {"quotes": "german", "thousands": "dot", "conjunction": "sowie", "gender": "neutral"}},
         ["Besonderer Dank gilt den Sponsoren A, B sowie C."]),
        ({"sponsors": [sponsor("Sparkasse Musterstadt", "die")],
          "thanks": [{"to": ["sponsors"], "noun": "sponsoren"},
                     {"to": [{"name": "Muster AG", "article": "die"}], "reason": "für die Gastfreundschaft"},
                     {"to": [{"name": "Team um Erika Muster", "article": "das"}], "by": ["wrobel"]}]},
         ["Besonderer Dank gilt der Sponsorin, der Sparkasse Musterstadt.",
          "Besonderer Dank gilt der Muster AG für die Gastfreundschaft.",
          "Conrad Wrobel dankte dem Team um Erika Muster."]),
    ],
)  # fmt: skip
def test_thanks_of_an_event(changes: dict[str, Any], expected: list[str]) -> None:
    # The seed's body introduces Conrad Wrobel with his function.
    assert phrases.thanks_sentences(event_with(**changes), {"wrobel"}) == expected


@pytest.mark.parametrize(
    ("publication", "introduced", "expected", "later"),
    [
        ("2017-08-28", set(), "Conrad Wrobel, Aufsichtsrat der TowerByte eG und Geschäftsführender "
         "Partner der emgress GmbH, dankte dem Team um Erika Muster.", ""),
        ("2017-08-28", {"wrobel"}, "Conrad Wrobel dankte dem Team um Erika Muster.", ""),
        ("2017-08-10", {"wrobel"}, "Conrad Wrobel dankt dem Team um Erika Muster.", ""),  # before the event
        ("2017-08-17", {"wrobel"}, "Conrad Wrobel dankt dem Team um Erika Muster.", ""),  # on the day
        # Named before: by the surname, as German press style does.
        ("2017-08-28", {"wrobel"}, "Wrobel dankte dem Team um Erika Muster.", "surname"),
        ("2017-08-28", set(), "Conrad Wrobel, Aufsichtsrat der TowerByte eG und Geschäftsführender "
         "Partner der emgress GmbH, dankte dem Team um Erika Muster.", "surname"),
    ],
)  # fmt: skip
def test_thanks_in_person(
    publication: str, introduced: set[str], expected: str, later: str
) -> None:
    event = event_with(
        thanks=[{"to": [{"name": "Team um Erika Muster", "article": "das"}], "by": ["wrobel"]}]
    )
    release = event.press_release.model_copy(
        update={"publication_date": dt.date.fromisoformat(publication)}
    )
    known_as = {"Conrad Wrobel": "Wrobel"} if later else None
    assert phrases.thanks_sentences(
        event.model_copy(update={"press_release": release}), introduced, known_as=known_as
    ) == [expected]


def test_thanks_to_the_host_and_the_co_hosts() -> None:
    event = event_with(
        event={
            **event_with().event.model_dump(),
            "host": {"name": "Muster AG", "article": "die"},
            "co_hosts": [{"name": "Stadtwerke Jena", "article": "die", "plural": True}],
        },
        thanks=[
            {"to": ["host"], "noun": "gastgeber", "reason": "für die Gastfreundschaft"},
            {"to": ["co_hosts"], "noun": "partner"},
        ],
    )
    assert phrases.thanks_sentences(event) == [
        "Besonderer Dank gilt der Gastgeberin, der Muster AG, für die Gastfreundschaft.",
        "Besonderer Dank gilt dem Partner, den Stadtwerken Jena.",
    ]


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("https://www.towerbyte.de/newsletter/abmelden", "https://www.towerbyte.de/newsletter/abmelden"),
        ("mailto:abmelden@towerbyte.de", "E-Mail an abmelden@towerbyte.de"),
        ("mailto:abmelden@towerbyte.de?subject=Newsletter%20abbestellen",
         "E-Mail an abmelden@towerbyte.de mit dem Betreff „Newsletter abbestellen“"),
    ],
)  # fmt: skip
def test_unsubscribe_in_plain_text(address: str, expected: str) -> None:
    assert phrases.unsubscribe_text(address, STYLE) == expected


@pytest.mark.parametrize(
    ("parties", "conjunction", "expected"),
    [
        ([("TowerByte eG", None), ("ThAK", "https://thak.example/")], "und",
         [("TowerByte eG", "", " und "), ("ThAK", "https://thak.example/", "")]),
        ([("A", None), ("B", None), ("C", None)], "und", [("A", "", ", "), ("B", "", " und "), ("C", "", "")]),
        ([("A", None), ("B", None), ("C", None)], "sowie", [("A", "", ", "), ("B", "", " sowie "), ("C", "", "")]),
    ],
)  # fmt: skip
def test_linked_names_read_as_a_list(
    parties: list[tuple[str, str | None]], conjunction: str, expected: list[tuple[str, str, str]]
) -> None:
    from pressgen.present.event import _named

    named = _named(parties, Typography(conjunction=conjunction))  # type: ignore[arg-type]
    assert [(n.text, n.href, n.after) for n in named] == expected


@pytest.mark.parametrize(
    ("credits", "quotes", "expected"),
    [
        (["Max Mustermann"], "german",
         "Bitte geben Sie bei jeder Veröffentlichung den Bildnachweis an: "
         "„Foto: Max Mustermann“."),
        (["Max Mustermann"], "guillemets",
         "Bitte geben Sie bei jeder Veröffentlichung den Bildnachweis an: "
         "»Foto: Max Mustermann«."),
        ([None], "german",
         "Bitte geben Sie bei jeder Veröffentlichung den Bildnachweis des Fotos an."),
        (["Max Mustermann", "Erika Beispiel"], "german",
         "Bitte geben Sie bei jeder Veröffentlichung den Bildnachweis des Fotos an."),
    ],
)  # fmt: skip
def test_credit_request(credits: list[str | None], quotes: str, expected: str) -> None:
    from pressgen.source.event import Typography

    assert phrases.credit_request(credits, Typography(quotes=quotes)) == expected


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (f"15.{NBSP}Januar{NBSP}2027, 18{NBSP}Uhr",
         f"Sperrfrist: 15.{NBSP}Januar{NBSP}2027, 18{NBSP}Uhr. Vorher dürfen die Fotos nicht "
         "veröffentlicht werden."),
    ],
)  # fmt: skip
def test_photo_embargo_note(moment: str, expected: str) -> None:
    assert phrases.photo_embargo_note(moment) == expected


# ---------------------------------------------------------------- prizes and handovers


@pytest.mark.parametrize(
    ("role", "accusative"),
    [
        ("Sozialreferent der Stadt Musterstadt", "den Sozialreferenten der Stadt Musterstadt"),
        ("stellvertretender Vorsitzender", "den stellvertretenden Vorsitzenden"),
        ("Vorsitzender des Vereins", "den Vorsitzenden des Vereins"),
        ("Präsident des Landtags", "den Präsidenten des Landtags"),
        ("Erster Bürgermeister", "den Ersten Bürgermeister"),
        ("Abgeordneter", "den Abgeordneten"),
        ("Kollege", "den Kollegen"),
        ("Journalist", "den Journalisten"),
        ("Kandidat", "den Kandidaten"),
        ("Landrat", "den Landrat"),  # strong: not *den Landraten
        ("Vorstand", "den Vorstand"),
        ("Geschäftsführer", "den Geschäftsführer"),
        ("Bürgermeisterin", "die Bürgermeisterin"),
        ("Erste Bürgermeisterin", "die Erste Bürgermeisterin"),
        ("Vorsitzende", "die Vorsitzende"),
    ],
)  # fmt: skip
def test_a_function_as_the_object_of_a_sentence(role: str, accusative: str) -> None:
    assert grammar.accusative_role(role) == accusative


@pytest.mark.parametrize(
    ("amount", "money"),
    [("55555", "55.555 Euro"), ("2741.70", "2.741,70 Euro"), ("1250.5", "1.250,50 Euro"),
     ("500", "500 Euro"), ("0.99", "0,99 Euro")],
)  # fmt: skip
def test_money_in_german_form(amount: str, money: str) -> None:
    from decimal import Decimal

    assert plain(typography.money(Decimal(amount), STYLE)) == money


def _event_with_people(event_data: dict[str, Any], **changes: Any) -> Any:
    from pressgen.source.event import Event

    event_data["people"].update(
        hofmann={"name": "Lisa Hofmann", "role": "Tischlermeisterin"},
        muster={"name": "Max Muster", "role": "Sozialreferent der Stadt Jena"},
        beispiel={"name": "Ben Beispiel", "role": "Vorsitzender des Fördervereins"},
        strauss={"name": "Johanna Strauß", "organisation": "Sehwerk Neuhain"},
    )
    event_data.update(changes)
    return Event.model_validate(event_data)


AWARDS = [
    ({"prize": "Innovationspreis Handwerk 2026", "applications": 142, "nominees": 12,
      "winners": [{"person": "hofmann", "place": "1. Platz", "amount": 5000},
                  {"organisation": {"name": "Demir Dachtechnik GmbH", "article": "die"},
                   "place": "Sonderpreis"}]},
     True,
     ["Für den Innovationspreis Handwerk 2026 waren 142 Bewerbungen eingegangen, 12 waren "
      "nominiert.",
      "Den Innovationspreis Handwerk 2026 erhielten Lisa Hofmann, Tischlermeisterin "
      "(1. Platz, 5.000 Euro), und die Demir Dachtechnik GmbH (Sonderpreis)."]),
    # Before the event: the counts in the present, never the winners.
    ({"prize": "Innovationspreis Handwerk 2026", "applications": 142, "nominees": 1,
      "winners": [{"person": "hofmann"}]},
     False, ["Für den Innovationspreis Handwerk 2026 sind 142 Bewerbungen eingegangen, 1 ist "
             "nominiert."]),
    # A name that has brackets already: one pair.
    ({"prize": "Ehrennadel", "article": "die", "winners": [{"person": "strauss", "place": "Gold"}]},
     True, ["Die Ehrennadel erhielt Johanna Strauß (Sehwerk Neuhain; Gold)."]),
    ({"prize": "Ehrennadel", "article": "die", "winners": [{"person": "hofmann"}]},
     True, ["Die Ehrennadel erhielt Lisa Hofmann, Tischlermeisterin."]),
    # A plural organisation: the verb agrees.
    ({"prize": "Ehrenamtspreis", "winners": [{"organisation": {"name": "Stadtwerke Jena",
      "article": "die", "plural": True}}]},
     True, ["Den Ehrenamtspreis erhielten die Stadtwerke Jena."]),
    ({"prize": "je ein Fass Bier", "article": "keiner",
      "winners": [{"organisation": {"name": "Turnverein", "article": "der"}, "place": "3. Platz"}]},
     True, ["Je ein Fass Bier erhielt der Turnverein (3. Platz)."]),
]  # fmt: skip


@pytest.mark.parametrize(("award", "report", "expected"), AWARDS)
def test_award_sentences(
    award: dict[str, Any], report: bool, expected: list[str], event_data: dict[str, Any]
) -> None:
    from pressgen.source.event import Award

    event = _event_with_people(event_data)
    said = phrases.award_sentences(Award.model_validate(award), event, report=report)
    assert [plain(sentence) for sentence in said] == expected


HANDOVERS = [
    ({"what": "einen Spendenscheck", "amount": 2741.70, "by": ["beispiel"], "to": ["muster"]},
     True, set(),
     "Ben Beispiel, Vorsitzender des Fördervereins, übergab einen Spendenscheck über "
     "2.741,70 Euro an Max Muster, den Sozialreferenten der Stadt Jena."),
    ({"what": "einen Spendenscheck", "amount": 2741.70, "by": ["beispiel"], "to": ["muster"]},
     False, set(),
     "Ben Beispiel, Vorsitzender des Fördervereins, übergibt einen Spendenscheck über "
     "2.741,70 Euro an Max Muster, den Sozialreferenten der Stadt Jena."),
    ({"amount": 55555, "by_organisations": [{"name": "Sparkasse Jena", "article": "die"}],
      "to": ["muster"], "to_organisations": [{"name": "Tafel Jena", "article": "die"}],
      "purpose": "für die Arbeit mit Kindern"},
     True, set(),
     "Die Sparkasse Jena übergab eine Spende über 55.555 Euro an Max Muster, den "
     "Sozialreferenten der Stadt Jena, und die Tafel Jena für die Arbeit mit Kindern."),
    ({"what": "den Schlüssel", "by": ["beispiel", "hofmann"],
      "to_organisations": [{"name": "Stadtwerke Jena", "article": "die"}]},
     True, {"beispiel"},
     "Beispiel und Lisa Hofmann, Tischlermeisterin, übergaben den Schlüssel an die "
     "Stadtwerke Jena."),
]  # fmt: skip


@pytest.mark.parametrize(("handover", "report", "introduced", "expected"), HANDOVERS)
def test_handover_sentence(
    handover: dict[str, Any],
    report: bool,
    introduced: set[str],
    expected: str,
    event_data: dict[str, Any],
) -> None:
    from pressgen.source.event import Handover

    event = _event_with_people(event_data)
    said = phrases.handover_sentence(
        Handover.model_validate(handover), event, report=report, introduced=introduced,
        known_as=phrases.later_mentions(event.people.values()),
    )  # fmt: skip
    assert plain(said) == expected


@pytest.mark.parametrize(
    ("handover", "report", "expected"),
    [
        # The same givers as the sentence before: not named twice.
        ({"what": "einen Spendenscheck", "amount": 1370.85, "by": ["beispiel", "hofmann"],
          "to_organisations": [{"name": "Schulverein", "article": "der"}]},
         True, "Außerdem übergaben sie einen Spendenscheck über 1.370,85 Euro an den Schulverein."),
        ({"what": "einen Spendenscheck", "amount": 1370.85, "by": ["beispiel"],
          "to_organisations": [{"name": "Schulverein", "article": "der"}]},
         False, "Außerdem übergibt Beispiel einen Spendenscheck über 1.370,85 Euro an den Schulverein."),
        ({"amount": 500, "by_organisations": [{"name": "Sparkasse Jena", "article": "die"}],
          "to_organisations": [{"name": "Tafel Jena", "article": "die"}]},
         True, "Außerdem übergab die Sparkasse Jena eine Spende über 500 Euro an die Tafel Jena."),
    ],
)  # fmt: skip
def test_a_second_handover_by_the_same_givers(
    handover: dict[str, Any], report: bool, expected: str, event_data: dict[str, Any]
) -> None:
    from pressgen.source.event import Handover

    event = _event_with_people(event_data)
    said = phrases.handover_sentence(
        Handover.model_validate(handover), event, report=report, introduced={"beispiel"},
        known_as=phrases.later_mentions(event.people.values()), again=True,
    )  # fmt: skip
    assert plain(said) == expected


@pytest.mark.parametrize(
    ("present", "past"),
    [("sagt", "sagte"), ("betont", "betonte"), ("erinnert sich", "erinnerte sich"),
     ("hebt hervor", "hob hervor"), ("unterstreicht", "unterstrich"), ("arbeitet", "arbeitete"),
     ("spricht", "sprach"), ("ist", "war")],
)  # fmt: skip
def test_the_past_of_a_quotes_verb(present: str, past: str) -> None:
    assert phrases.past_of(present) == past


@pytest.mark.parametrize(("phase", "said"), [("recap", "sagte"), ("invitation", "sagt")])
def test_a_quote_without_a_verb_takes_the_documents_tense(
    event_data: dict[str, Any], write_yaml: Any, phase: str, said: str
) -> None:
    from pressgen.present.event import View, present
    from pressgen.source.validate import load_event

    event_data["quotes"]["extra"] = {"by": "wrobel", "text": "Gut."}
    event_data.pop("invitation", None)
    blocks = present(load_event(write_yaml(event_data)), View(phase)).blocks  # type: ignore[arg-type]
    (extra,) = [block for block in blocks if block.quote_key == "extra"]
    assert plain(extra.after) == f", {said} Conrad Wrobel."  # later_name: the whole name


@pytest.mark.parametrize(
    ("headlines", "note"),
    [
        ([], ""),
        (["Sommerfest"], "Entwurf – enthält einen Entwurf: „Sommerfest“"),
        (["Sommerfest", "Lesung", "Gala"], "Entwurf – enthält 3 Entwürfe: „Sommerfest“, „Lesung“ und „Gala“"),
    ],
)  # fmt: skip
def test_issue_draft_note(headlines: list[str], note: str) -> None:
    assert phrases.issue_draft_note(headlines, STYLE) == note


@pytest.mark.parametrize(
    ("label", "parties", "said"),
    [
        ("Gastgeber", [{"name": "Volkshochschule Jena", "article": "die"}], "Gastgeberin"),
        ("Gastgeber", [{"name": "Verein", "article": "der"}], "Gastgeber"),
        ("Gastgeber", [{"name": "Stadtwerke Jena", "article": "die", "plural": True}], "Gastgeber"),
        ("Veranstalter", [{"name": "Hochschulrektorenkonferenz", "article": "die"}], "Veranstalterin"),
        ("Veranstalter", [], "Veranstalter"),
        ("Veranstalter", [{"name": "A GmbH", "article": "die"}, {"name": "B e. V.", "article": "der"}],
         "Veranstalter"),
    ],
)  # fmt: skip
def test_a_label_agrees_with_the_party(
    label: str, parties: list[dict[str, Any]], said: str
) -> None:
    from pressgen.source.event import Party

    assert phrases.role_label(label, [Party.model_validate(p) for p in parties]) == said


@pytest.mark.parametrize(
    ("contact", "organisation", "names_it"),
    [
        ("Pressestelle der Stadt Bruchsal", "Stadt Bruchsal", True),
        ("Pressestelle der Realschule Penzberg", "Heinrich-Campendonk-Realschule Penzberg", True),
        ("Vorstand des Musikvereins Mösbach", "Musikverein Mösbach e.\u00a0V.", True),
        ("Maria Beispiel", "TowerByte eG", False),
        ("Kathrin Wellmann", "Hofbuchhandlung Kathrin Wellmann", False),  # a person, not an office
        ("Presseamt", "Stadt Jena", False),
    ],
)  # fmt: skip
def test_a_contact_thatnames_its_organisation(
    contact: str, organisation: str, names_it: bool
) -> None:
    from pressgen.present.event import names_its_organisation

    assert names_its_organisation(contact, organisation) is names_it


def test_other_places_each_once_with_what_and_when(event_data: dict[str, Any]) -> None:
    from pressgen.source.event import Event

    werk = {"name": "Werksgelände", "address": {"street": "Industriestraße 1", "city": "Jena"}}
    event_data["programme"] = [
        {"kind": "fuehrung", "label": "Werksführung", "day": "2017-08-18", "venue": werk},
        {"kind": "empfang", "title": "Empfang mit Buffet", "venue": werk},
        {"kind": "sonstiges", "label": "Konzert", "venue": {"name": "Volkshaus"},
         "status": "cancelled"},
        {"kind": "pause", "venue": {"address": {"city": "Jena"}}},  # the event's own place
    ]  # fmt: skip
    event = Event.model_validate(event_data)
    assert [plain(text) for text in phrases.other_places(event)] == [
        "Werksgelände, Industriestraße 1, Jena (Werksführung, Freitag, 18. August 2017; "
        "Empfang mit Buffet)"
    ]


def test_thanks_by_two_of_whom_one_was_quoted(event_data: dict[str, Any]) -> None:
    from pressgen.source.event import Event

    event_data["people"]["haddad"] = {"name": "Omar Haddad", "role": "Vorstand"}
    event_data["thanks"] = [
        {"to": [{"name": "Team um Erika Muster", "article": "das"}], "by": ["wrobel", "haddad"]}
    ]
    event = Event.model_validate(event_data)
    said = phrases.thanks_sentences(
        event, {"wrobel"}, report=True, known_as={"Conrad Wrobel": "Wrobel"}
    )
    assert [plain(sentence) for sentence in said] == [
        "Wrobel und Omar Haddad, Vorstand, dankten dem Team um Erika Muster."
    ]
