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
    "an": "dat",
    "in": "dat",
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
        if self.short and not first:
            name = self.short
        else:
            name = self.name if self.article == "keiner" else decline(self.name, self.gender, case)
            if self.short:
                name = f"{name} ({self.short})"
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


# ---------------------------------------------------------------- declension

# Adjectives by their ending (Technische, Musterländischer, Kommunales …) or by their stem;
# nouns that look like them are named (die Zentrale Nord stays as it is).
_ADJECTIVE_ENDINGS = ("isch", "lich", "al", "ig")
_NOT_ADJECTIVES = {"Zentrale", "Filiale", "Finale", "Regionale", "Biennale", "Könige"}
_ADJECTIVE_STEMS = {
    "Alt",
    "Neu",
    "Frei",
    "Jung",
    "Groß",
    "Klein",
    "Deutsch",
    "Erst",
    "Offen",
    "Rot",
    "Grün",
    "Weiß",
    "Blau",
    "Hoch",
    "Heilig",
    "Evangelisch",
    "Katholisch",
    "Vereinigt",
}
# Nouns whose genitive takes -es: those ending in a hissing sound.
_HISSING = ("s", "ß", "x", "z", "sch")


def decline(name: str, gender: Gender, case: Case) -> str:
    """A name after the definite article in a case: its leading adjectives take the weak
    ending, its first noun the case ending; whatever follows stays as written.

    der Deutsche Gewerkschaftsbund → des Deutschen Gewerkschaftsbundes; die Alte
    Weberei → der Alten Weberei; die Stadtwerke Erfurt → den Stadtwerken Erfurt; das
    Ministerium für Wirtschaft → des Ministeriums für Wirtschaft; der Förderverein
    Erfurter Informatik e. V. → des Fördervereins Erfurter Informatik e. V.
    """
    words = name.split(" ")
    index = 0
    # Leading adjectives: each is followed by more of the name.
    while index < len(words) - 1 and _adjective_stem(words[index]) is not None:
        words[index] = _adjective_stem(words[index]) + _weak_ending(gender, case)  # type: ignore[operator]
        index += 1
    # Invariant place adjectives (Erfurter, Thüringer) stand before the noun.
    while index < len(words) - 1 and _place_adjective(words[index], words[index + 1]):
        index += 1
    words[index] = _noun(words[index], gender, case)
    # "Freunde und Förderer …", "Helferinnen und Helfer": both nouns take the ending.
    if index + 2 < len(words) and words[index + 1] in ("und", "sowie"):
        words[index + 2] = _noun(words[index + 2], gender, case)
    return " ".join(words)


def _adjective_stem(word: str) -> str | None:
    """The stem of an adjective as written in a name (Technische → Technisch), else None."""
    if not word[:1].isalpha() or word in _NOT_ADJECTIVES:
        return None
    for ending in ("er", "es", "en", "e"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            if word[:1].islower() and word.isalpha():
                return stem  # "ehrenamtliche Helfer": a lowercase word before a noun
            if stem in _ADJECTIVE_STEMS or stem.endswith(_ADJECTIVE_ENDINGS):
                return stem
    return None


def _place_adjective(word: str, following: str) -> bool:
    """Erfurter, Beispielhausener: a capitalised word in -er before another noun."""
    return word.endswith("er") and word[:1].isupper() and following[:1].isupper()


def _weak_ending(gender: Gender, case: Case) -> str:
    """The adjective's ending after the definite article."""
    if case == "nom" or (case == "acc" and gender in ("f", "n")):
        return "en" if gender == "pl" else "e"
    return "en"


def _noun(word: str, gender: Gender, case: Case) -> str:
    """The case ending of a plain German noun (Verein, Stadtwerke, Saale-Verein); names
    like TowerByte, abbreviations and words with more than letters stay as written."""
    head, hyphen, last = word.rpartition("-")
    if hyphen and head:
        return f"{head}-{_noun(last, gender, case)}" if last[:1].isupper() else word
    plain = word[:1].isupper() and word[1:].islower() and word.isalpha() and len(word) > 2
    if not plain:
        return word
    if case == "dat" and gender == "pl" and not word.endswith(("n", "s")):
        return word + "n"
    if case == "gen" and gender in ("m", "n"):
        if word.endswith("nis"):
            return word + "ses"
        return word + ("es" if word.endswith(_HISSING) else "s")
    return word


# Masculine nouns of the weak declension take -(e)n in the accusative: den Referenten,
# den Kollegen, den Präsidenten; and nouns made of adjectives: den Vorsitzenden.
_WEAK = ("ent", "ant", "ist", "at", "graf", "graph", "nom", "loge", "ege", "erte", "unde")
_STRONG = ("rat", "staat", "etat", "automat", "stand")  # Landrat, Vorstand: den Landrat
_ADJECTIVAL = ("ender", "ordneter", "auftragter", "stellter", "eamter", "wandter")


def accusative_role(role: str) -> str:
    """A function as the object of a sentence, with its article: den Sozialreferenten der
    Stadt, den stellvertretenden Vorsitzenden, den Ersten Bürgermeister, die
    Bürgermeisterin. Only the words up to the first noun change; what follows stays."""
    words = role.split(" ")
    head = next((i for i, word in enumerate(words) if word[:1].isupper()), 0)
    # A capitalised adjective before the noun: Erster Bürgermeister, Erste Beigeordnete.
    adjective = None
    following = head + 1 < len(words) and words[head + 1][:1].isupper()
    if following and _adjective_stem(words[head]) is not None:
        adjective, head = head, head + 1
    noun = words[head]
    if noun.endswith(("in", "frau")) or (noun.endswith("ende") and adjective is None and head == 0):
        return f"die {role}"  # Bürgermeisterin, Vorsitzende
    if adjective is not None and words[adjective].endswith("er"):
        words[adjective] = words[adjective][:-2] + "en"
    for index in range(head):  # stellvertretender → stellvertretenden
        if words[index].endswith("er") and words[index][:1].islower():
            words[index] = words[index][:-2] + "en"
    lowered = noun.lower()
    if lowered.endswith(_ADJECTIVAL):
        words[head] = noun[:-2] + "en"
    elif lowered.endswith(_WEAK) and not lowered.endswith(_STRONG):
        words[head] = noun + ("n" if noun.endswith("e") else "en")
    return "den " + " ".join(words)


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
    if len(thanked) > 1:
        return f"den {plural}"
    # One party is one sponsor, even with a name in the plural (die Stadtwerke Muster):
    # „den Sponsoren, den Stadtwerken“ would read as several.
    if thanked[0].gender == "f" and not thanked[0].is_plural:
        return f"der {feminine}"
    return f"dem {masculine}"


def thanks(
    thanked: Sequence[NounPhrase],
    *,
    role: str = "sponsoren",
    reason: str = "",
    lead_in: str = "Besonderer Dank gilt",
    thanked_by: str = "",
    several: bool = False,
    past: bool = True,
    conjunction: str = "und",
) -> str:
    """One sentence of thanks.

    'Besonderer Dank gilt den Sponsoren JenaWirtschaft, der ThAK und der …' —
    the noun (what they were) stands before the names: closely when the first
    name has no article, as an apposition with a comma when it has one (so that
    'den Sponsoren, der Sparkasse' cannot be read as 'the sponsors of the
    Sparkasse'). A reason follows ('für die Gastfreundschaft'); with `thanked_by`
    people thank in person: 'Anna Muster und Ben Beispiel dankten der …' (`several`
    of them; in the present tense before the event: 'danken').
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
    if thanked_by:
        verb = ("dankten" if several else "dankte") if past else ("danken" if several else "dankt")
        return sentence(f"{capitalised(thanked_by)} {verb} {object_}{ending}")
    return sentence(f"{lead_in} {object_}{ending}")


# ---------------------------------------------------------------- verbs

# Third person singular → plural where no rule holds: short verbs, matched whole.
IRREGULAR_PLURAL = {
    "ist": "sind",
    "war": "waren",
    "hat": "haben",
    "hatte": "hatten",
    "wird": "werden",
    "weiß": "wissen",
    "tut": "tun",
    "tat": "taten",
    "kann": "können",
    "will": "wollen",
    "muss": "müssen",
    "soll": "sollen",
    "darf": "dürfen",
    "mag": "mögen",
}
# Strong verbs whose present changes the vowel, matched as the end of the word so that
# prefixed verbs follow (erhält → erhalten, verspricht → versprechen).
STRONG_PRESENT = {
    "hält": "halten",
    "spricht": "sprechen",
    "gibt": "geben",
    "sieht": "sehen",
    "nimmt": "nehmen",
    "lädt": "laden",
    "rät": "raten",
    "trägt": "tragen",
    "lässt": "lassen",
    "hilft": "helfen",
    "wirft": "werfen",
    "bricht": "brechen",
    "liest": "lesen",
    "fährt": "fahren",
    "tritt": "treten",
    "empfiehlt": "empfehlen",
    "vergisst": "vergessen",
    "fällt": "fallen",
    "schläft": "schlafen",
    "läuft": "laufen",
    "stößt": "stoßen",
    "misst": "messen",
    "isst": "essen",
    "wächst": "wachsen",
    "stirbt": "sterben",
    "wirbt": "werben",
    "trifft": "treffen",
    "gilt": "gelten",
}
# Strong past forms ending in -t, which the present rule (-t → -en) would break.
STRONG_PAST_T = ("hielt", "riet", "bat", "bot", "trat", "galt", "litt", "ritt", "stritt", "schnitt")


def plural_verb(singular: str) -> str:
    """The verb for a plural subject; only its first word changes.

    sagt → sagen, sagte → sagten, fordert → fordern, sammelt → sammeln, arbeitet →
    arbeiten, kommentiert → kommentieren, spricht → sprechen, sprach → sprachen,
    hielt fest → hielten fest, freut sich → freuen sich, ist → sind.
    """
    verb, _, rest = singular.partition(" ")
    strong = next((key for key in STRONG_PRESENT if verb.endswith(key)), None)
    foreign = verb.endswith("iert") and verb[-5:-4] not in "aeiouäöü"  # kommentiert, not feiert
    if verb in IRREGULAR_PLURAL:
        plural = IRREGULAR_PLURAL[verb]
    elif verb.endswith("en"):  # already plural
        plural = verb
    elif strong:
        plural = verb[: -len(strong)] + STRONG_PRESENT[strong]
    elif verb.endswith(STRONG_PAST_T):
        plural = verb + "en"
    elif verb.endswith("te"):  # sagte, erinnerte
        plural = verb + "n"
    elif verb.endswith(("ert", "elt")) and not foreign:  # fordert, feiert
        plural = verb[:-1] + "n"
    elif verb.endswith("et") and verb[:-2][-1:] in "dt":  # arbeitet, redet
        plural = verb[:-2] + "en"
    elif verb.endswith("t"):
        plural = verb[:-1] + "en"
    else:  # a strong past: sprach, rief, sah
        plural = verb + "en"
    return f"{plural} {rest}".strip()


def verb_for(singular: str, plural_subject: bool) -> str:
    return plural_verb(singular) if plural_subject else singular
