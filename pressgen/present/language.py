"""The language an edition is written in: its phrases, its typography and its labels.

present() takes one and writes every piece of an edition through it; the German
edition's are pressgen.german's, the English edition's pressgen.english's, with the
same functions for the same places.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any, Literal

from pressgen.english import phrases as english_phrases
from pressgen.english import typography as english_typography
from pressgen.german import phrases as german_phrases
from pressgen.german import typography as german_typography
from pressgen.source.event import Event

Code = Literal["de", "en"]

# The words the templates print around the data, in each language. Own templates may
# word them differently: the checks look for the data, never for a label.
GERMAN_LABELS: Mapping[str, str] = {
    "press_release": "Pressemitteilung",
    "date": "Datum",
    "photo_opportunity": "Fototermin",
    "accreditation": "Akkreditierung",
    "read_more": "Den ganzen Bericht lesen",
    "read_more_invitation": "Die ganze Ankündigung lesen",
    "at_a_glance": "Auf einen Blick",
    "time": "Uhrzeit",
    "venue": "Ort",
    "audience": "Publikum",
    "focus": "Schwerpunkt",
    "organisers": "Veranstalter",
    "host": "Gastgeber",
    "moderation": "Moderation",
    "moderators": "Moderation",
    "livestream": "Livestream",
    "website": "Weitere Informationen",
    "supervisory_authority": "Aufsichtsbehörde",
    "programme": "Programm",
    "topics": "Themen",
    "topic": "Thema",
    "examples": "Beispiele",
    "example": "Beispiel",
    "contact": "Pressekontakt",
    "contacts": "Pressekontakt",
    "phone": "Telefon",
    "email": "E-Mail",
    "impressum": "Impressum",
    "vat_id": "USt-IdNr.",
    "responsible": "Verantwortlich für den Inhalt",
    "photo": "Bild",
    "photo_credit": "Foto",
    "photo_file": "Datei",
    "character_count": "Zeichen (inkl. Leerzeichen)",
    "reprint_note": "Abdruck honorarfrei – Belegexemplar erbeten",
    "web_version": "Im Browser ansehen",
    "calendar": "Termin in den Kalender eintragen",
    "sponsor_list": "Mit freundlicher Unterstützung von",
    "unsubscribe": "Newsletter abbestellen",
    "links": "Links",
    "press_room": "Alle Pressemitteilungen",
    "expected": "Erwartet",
    "places": "Plätze",
    "guest_of_honour": "Ehrengast",
    "motto": "Motto",
    "guests_of_honour": "Ehrengäste",
    "embargo": "Sperrfrist",
    "originally_planned": "ursprünglich geplant",
    "translated": "",
    "other_language": "English version",
    "credits_for": "Bildnachweis zur ",
    "caption": "Bildunterschrift",
    "licence": "Nutzung",
    "consent": "Persönlichkeitsrechte",
    "questions": "Fragen und weitere Fotos",
    "open_credit": "[Bildnachweis offen]",
    "page": "Seite",
    "page_of": "von",
}

ENGLISH_LABELS: Mapping[str, str] = {
    "press_release": "Press release",
    "date": "Date",
    "photo_opportunity": "Photo opportunity",
    "accreditation": "Accreditation",
    "read_more": "Read the full report",
    "read_more_invitation": "Read the full announcement",
    "at_a_glance": "At a glance",
    "time": "Time",
    "venue": "Venue",
    "audience": "Audience",
    "focus": "Focus",
    "organisers": "Organiser",
    "host": "Host",
    "moderation": "Moderator",
    "moderators": "Moderators",
    "livestream": "Livestream",
    "website": "More information",
    "supervisory_authority": "Supervisory authority",
    "programme": "Programme",
    "topics": "Topics",
    "topic": "Topic",
    "examples": "Examples",
    "example": "Example",
    "contact": "Press contact",
    "contacts": "Press contacts",
    "phone": "Phone",
    "email": "Email",
    "impressum": "Legal notice (Impressum)",
    "vat_id": "VAT ID",
    "responsible": "Responsible for the content",
    "photo": "Image",
    "photo_credit": "Photo",
    "photo_file": "File",
    "character_count": "Word count",
    "reprint_note": "Free for editorial use – we would appreciate a copy of any coverage",
    "web_version": "View in your browser",
    "calendar": "Add to your calendar",
    "sponsor_list": "Kindly supported by",
    "unsubscribe": "Unsubscribe from this newsletter",
    "links": "Links",
    "press_room": "All press releases",
    "expected": "Expected",
    "places": "Places",
    "guest_of_honour": "Guest of honour",
    "motto": "Theme",
    "guests_of_honour": "Guests of honour",
    "embargo": "Embargo",
    "originally_planned": "originally planned",
    "translated": "translated from German",
    "other_language": "Deutsche Fassung",
    "credits_for": "Photo credits: ",
    "caption": "Caption",
    "licence": "Terms of use",
    "consent": "Consent of those shown",
    "questions": "Questions and more photos",
    "open_credit": "[credit open]",
    "page": "Page",
    "page_of": "of",
}


@dataclass(frozen=True)
class Language:
    """One language of the editions: what present() writes with."""

    code: Code
    phrases: ModuleType
    typography: ModuleType
    labels: Mapping[str, str]

    def style(self, event: Event) -> Any:
        """The typography settings the language's functions take for this event."""
        if self.code == "en":
            english = event.typography.english
            return english_typography.Style(
                dates=english.dates, clock=english.clock, titles=english.titles or english.dates
            )
        return event.typography

    def kind(self, german_kind: str) -> str:
        """What a document is called: Pressemitteilung, Presseeinladung … in English."""
        return (
            self.phrases.KINDS.get(german_kind, german_kind) if self.code == "en" else german_kind
        )


def edition_for(reads: str, published: Collection[str]) -> Code:
    """Which edition a recipient gets: the one of the language they read (a list's
    language column) where the document publishes it, else the German original. Every
    send goes through here: newsletters, newsletter files and press releases alike."""
    return "en" if reads == "en" and "en" in published else "de"


GERMAN = Language("de", german_phrases, german_typography, GERMAN_LABELS)
ENGLISH = Language("en", english_phrases, english_typography, ENGLISH_LABELS)
LANGUAGES: Mapping[str, Language] = {"de": GERMAN, "en": ENGLISH}
