"""German grammar for the sentences pressgen writes itself: articles by gender, number
and case, contractions, appositions, lists, verbs that agree, one full stop.

Data plus small rules, each tested as a table (tests/test_grammar.py). The
author's own prose is never touched here; these functions build the thanks,
the attributions, the footer and the headings around it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from babel.lists import format_list

Case = Literal["nom", "acc", "dat", "gen"]
Article = Literal["der", "die", "das", "keiner"]
Gender = Literal["m", "f", "n", "pl"]

# The definite article by case and by gender (or plural).
ARTICLES: dict[Case, dict[Gender, str]] = {
    "nom": {"m": "der", "f": "die", "n": "das", "pl": "die"},
    "acc": {"m": "den", "f": "die", "n": "das", "pl": "die"},
    "dat": {"m": "dem", "f": "der", "n": "dem", "pl": "den"},
    "gen": {"m": "des", "f": "der", "n": "des", "pl": "der"},
}
# Preposition + article written as one word (the usual, unstressed form).
CONTRACTIONS = {
    ("bei", "dem"): "beim",
    ("von", "dem"): "vom",
    ("zu", "dem"): "zum",
    ("zu", "der"): "zur",
    ("an", "dem"): "am",
    ("in", "dem"): "im",
    ("an", "das"): "ans",
    ("in", "das"): "ins",
}
# The case each preposition pressgen uses takes.
PREPOSITION_CASE: dict[str, Case] = {
    "bei": "dat",
    "von": "dat",
    "zu": "dat",
    "mit": "dat",
    "über": "acc",
    "für": "acc",
}


@dataclass(frozen=True)
class NounPhrase:
    """A name with its grammar: 'die TowerByte eG', 'der Förderverein … e. V. (FVM)'.

    `article` is the nominative article the name takes ('keiner' for names used
    without one, like JenaWirtschaft); `plural` marks plural names (die
    Stadtwerke). `dative` is the whole dative phrase when the rules cannot
    make it (den Stadtwerken Jena); `short` an abbreviation used after the
    first mention.
    """

    name: str
    article: Article = "keiner"
    plural: bool = False
    short: str | None = None
    dative: str | None = None

    @property
    def is_plural(self) -> bool:
        # A plural name may be marked only by its dative form: "den Stadtwerken Jena".
        return self.plural or bool(self.dative and self.dative.startswith("den "))

    @property
    def gender(self) -> Gender:
        if self.is_plural:
            return "pl"
        return {"der": "m", "die": "f", "das": "n"}.get(self.article, "n")  # type: ignore[return-value]

    def form(self, case: Case, *, first: bool = True) -> str:
        """The phrase in a case: at first mention with its short name in brackets,
        after that by the short name alone (when it has one)."""
        if case == "dat" and self.dative and first:
            return f"{self.dative} ({self.short})" if self.short else self.dative
        name = self.name
        if self.short:
            name = f"{self.name} ({self.short})" if first else self.short
        elif case == "dat" and self.is_plural:
            name = _dative_plural(name)
        if self.article == "keiner":
            return name
        return f"{ARTICLES[case][self.gender]} {name}"

    def after(self, preposition: str, *, first: bool = True) -> str:
        """'bei der TowerByte eG', 'beim Muster e. V.', 'über die Stadtwerke'."""
        case = PREPOSITION_CASE[preposition]
        phrase = self.form(case, first=first)
        if self.article == "keiner" or (case == "dat" and self.dative and first):
            return f"{preposition} {phrase}"
        article, _, rest = phrase.partition(" ")
        joined = CONTRACTIONS.get((preposition, article))
        return f"{joined} {rest}" if joined else f"{preposition} {phrase}"


def _dative_plural(name: str) -> str:
    """die Stadtwerke Jena → (den) Stadtwerken Jena: the plural noun takes -n."""
    first, _, rest = name.partition(" ")
    if first.endswith("e") and first[:1].isupper():
        first += "n"
    return f"{first} {rest}".strip()


def join(items: Sequence[str], conjunction: str = "und") -> str:
    """A, B und C — German puts no comma before the last item."""
    items = list(items)
    if not items:
        return ""
    if conjunction == "und":
        return format_list(items, locale="de_DE")
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def sentence(*parts: str) -> str:
    """The parts as one sentence with exactly one full stop: 'e. V.' + '.' is 'e. V.'."""
    text = "".join(parts).rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


def capitalised(text: str) -> str:
    """The first letter upper case, as at the start of a sentence: die Gäste → Die Gäste."""
    return text[:1].upper() + text[1:]


# Nouns for those thanked, by what they were: singular masculine, feminine, plural
# (dative plural). The grammatical gender of the name chooses the singular form.
ROLE_NOUNS: dict[str, tuple[str, str, str]] = {
    "sponsoren": ("Sponsor", "Sponsorin", "Sponsoren"),
    "foerderer": ("Förderer", "Förderin", "Förderern"),
    "partner": ("Partner", "Partnerin", "Partnern"),
    "unterstuetzer": ("Unterstützer", "Unterstützerin", "Unterstützern"),
    "gastgeber": ("Gastgeber", "Gastgeberin", "Gastgebern"),
}


def thanked_as(role: str, thanked: Sequence[NounPhrase]) -> str:
    """The noun before the names, in the dative: 'der Sponsorin', 'den Partnern', ''."""
    if role not in ROLE_NOUNS:
        return ""
    masculine, feminine, plural = ROLE_NOUNS[role]
    if len(thanked) > 1 or thanked[0].is_plural:
        return f"den {plural}"
    if thanked[0].gender == "f":
        return f"der {feminine}"
    return f"dem {masculine}"


def thanks(
    thanked: Sequence[NounPhrase],
    *,
    role: str = "sponsoren",
    reason: str = "",
    lead_in: str = "Besonderer Dank gilt",
    speakers: Sequence[str] = (),
    conjunction: str = "und",
) -> str:
    """One sentence of thanks.

    'Besonderer Dank gilt den Sponsoren JenaWirtschaft, der ThAK und der …' —
    the noun (what they were) stands before the names: closely when the first
    name has no article, as an apposition with a comma when it has one (so that
    'den Sponsoren, der Sparkasse' cannot be read as 'the sponsors of the
    Sparkasse'). A reason follows ('für die Gastfreundschaft'); with speakers
    the people thank in person: 'Anna Muster und Ben Beispiel dankten der …'.
    """
    if not thanked:
        return ""
    names = join([phrase.form("dat") for phrase in thanked], conjunction)
    noun = thanked_as(role, thanked)
    close = thanked[0].article == "keiner" and not thanked[0].dative
    if noun and close:
        object_ = f"{noun} {names}"
    elif noun:
        # An apposition is closed again by a comma when the sentence goes on.
        object_ = f"{noun}, {names}" + ("," if reason else "")
    else:
        object_ = names
    ending = f" {reason}" if reason else ""
    if speakers:
        verb = "dankte" if len(speakers) == 1 else "dankten"
        return sentence(f"{join(speakers, conjunction)} {verb} {object_}{ending}")
    return sentence(f"{lead_in} {object_}{ending}")


# ---------------------------------------------------------------- verbs

# Third person singular → plural, where the rule (-t → -en) does not hold.
IRREGULAR_PLURAL = {"ist": "sind", "hat": "haben", "weiß": "wissen", "tut": "tun"}


def plural_verb(singular: str) -> str:
    """sagt → sagen, betont → betonen, freut sich → freuen sich, ist → sind."""
    verb, _, rest = singular.partition(" ")
    if verb in IRREGULAR_PLURAL:
        plural = IRREGULAR_PLURAL[verb]
    elif verb.endswith("et") and verb[:-2][-1:] in "dt":  # arbeitet → arbeiten
        plural = verb[:-2] + "en"
    elif verb.endswith("t"):
        plural = verb[:-1] + "en"
    else:
        plural = verb
    return f"{plural} {rest}".strip()


def verb_for(singular: str, plural_subject: bool) -> str:
    return plural_verb(singular) if plural_subject else singular
