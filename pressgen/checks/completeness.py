"""PG2xx: what a press release and a newsletter must carry, found in every output."""

from __future__ import annotations

from pressgen.checks.findings import Findings
from pressgen.checks.reading import RELEASE, Reading, fold
from pressgen.present.event import Presentation
from pressgen.registry import NEWSLETTER_HTML, NEWSLETTER_TEXT, PRESS_RELEASE_HTML
from pressgen.source import prose


def check(shown: Presentation, reading: Reading, found: Findings) -> None:
    event = shown.event
    _venue_to_find(shown, found)
    release = event.press_release
    for name in reading.missing_in(RELEASE, shown.dateline):
        found.add(
            "PG201",
            ("press_release", "dateline_city"),
            f"the dateline ({fold(shown.dateline)}) is missing in {name}",
            f"Die Datumszeile ({fold(shown.dateline)}) fehlt in {name}",
            output=name,
        )
    if release.contact is None:
        found.add(
            "PG202",
            ("press_release",),
            "the press release has no Pressekontakt: add 'contact:'",
            "Die Pressemitteilung hat keinen Pressekontakt: ergänzen Sie 'contact:'",
            severity="warning",
        )
    else:
        for name in RELEASE:
            gaps = [line.text for line in shown.contact if reading.missing_in((name,), line.text)]
            if gaps:
                found.add(
                    "PG202",
                    ("press_release", "contact"),
                    f"the Pressekontakt is missing in {name} ({fold(gaps[0])} is not there)",
                    f"Der Pressekontakt fehlt in {name} ({fold(gaps[0])} steht nicht darin)",
                    output=name,
                    severity="error",
                )
    # Who publishes signs the release: its 'Über uns', its Impressum.
    signer = "publisher" if event.publisher is not None else "organisation"
    about = event.publishing.about
    if about is None:
        found.add(
            "PG203",
            (signer,),
            "there is no 'Über uns' text: add 'about:'",
            "Es gibt keinen Text „Über uns“: ergänzen Sie 'about:'",
            severity="warning",
        )
    else:
        for name in reading.missing_in(RELEASE, prose.to_text(about)):
            found.add(
                "PG203",
                (signer, "about"),
                f"the 'Über uns' text is missing in {name}",
                f"Der Text „Über uns“ fehlt in {name}",
                output=name,
                severity="error",
            )
    _legal_musts(shown, reading, found)
    for name in (PRESS_RELEASE_HTML, NEWSLETTER_HTML):
        for tag, attrs in reading.tags(name):
            if tag == "img" and not (attrs.get("alt") or "").strip():
                found.add(
                    "PG206",
                    ("newsletter",),
                    f"an image in {name} has no alt text: {attrs.get('src')}",
                    f"Ein Bild in {name} hat keinen Alternativtext: {attrs.get('src')}",
                    output=name,
                )
    for index, photo in enumerate(release.photos):
        if photo.credit is None:
            continue
        for name in reading.missing_in(RELEASE, photo.credit):
            found.add(
                "PG207",
                ("press_release", "photos", index, "credit"),
                f"the photo credit ({fold(photo.credit)}) is missing in {name}",
                f"Der Bildnachweis ({fold(photo.credit)}) fehlt in {name}",
                output=name,
            )


def _legal_musts(shown: Presentation, reading: Reading, found: Findings) -> None:
    """Impressum (§ 5 DDG) and Abmeldelink (§ 7 UWG) in the newsletter."""
    organisation = shown.publisher
    signer = "publisher" if shown.event.publisher is not None else "organisation"
    if organisation.impressum is None:
        found.add(
            "PG204",
            (signer, "impressum"),
            "the newsletter needs an Impressum (§ 5 DDG): add 'impressum:' with "
            "legal_form and represented_by",
            "Der Newsletter braucht ein Impressum (§ 5 DDG): ergänzen Sie 'impressum:' mit "
            "legal_form und represented_by",
        )
    else:
        for name in (NEWSLETTER_HTML, NEWSLETTER_TEXT):
            gaps = [line.text for line in shown.impressum if reading.missing_in((name,), line.text)]
            if gaps:
                found.add(
                    "PG204",
                    (signer, "impressum"),
                    f"the Impressum is missing in {name} or incomplete: {fold(gaps[0])}",
                    f"Das Impressum fehlt in {name} oder ist unvollständig: {fold(gaps[0])}",
                    output=name,
                )
    for field, english, german in (
        ("address", "a postal address", "eine Postanschrift"),
        ("email", "an email address", "eine E-Mail-Adresse"),
    ):
        if getattr(organisation, field) is None:
            found.add(
                "PG204",
                (signer, field),
                f"the Impressum (§ 5 DDG) needs {english} of the organisation",
                f"Das Impressum (§ 5 DDG) braucht {german} der Organisation",
            )
    unsubscribe = shown.event.newsletter.unsubscribe_url
    if unsubscribe is None:
        found.add(
            "PG205",
            ("newsletter", "unsubscribe_url"),
            "the newsletter needs an Abmeldelink (§ 7 UWG): set unsubscribe_url to an "
            "https:// page or a mailto: address",
            "Der Newsletter braucht einen Abmeldelink (§ 7 UWG): setzen Sie unsubscribe_url "
            "auf eine https://-Seite oder eine mailto:-Adresse",
        )
        return
    hrefs = [attrs.get("href") for _, attrs in reading.tags(NEWSLETTER_HTML)]
    missing = [] if unsubscribe in hrefs else [NEWSLETTER_HTML]
    # The plain text says a mailto: address in words (E-Mail an … mit dem Betreff …).
    if fold(shown.unsubscribe_text) not in fold(reading.texts[NEWSLETTER_TEXT]):
        missing.append(NEWSLETTER_TEXT)
    for name in missing:
        found.add(
            "PG205",
            ("newsletter", "unsubscribe_url"),
            f"the Abmeldelink is missing in {name}",
            f"Der Abmeldelink fehlt in {name}",
            output=name,
        )


def _venue_to_find(shown: Presentation, found: Findings) -> None:
    """Before the event, whoever is invited must find the place: a street, not a town;
    and know when to come (a draft's open time is its own finding, PG601)."""
    info = shown.event.event
    if shown.phase != "invitation" or info.status == "cancelled":
        return
    if info.start is None and not shown.event.draft:
        found.add(
            "PG209",
            ("event",),
            "the invitation gives no start time: add event.start, so that guests and "
            "journalists know when to come",
            "Die Einladung nennt keine Uhrzeit: ergänzen Sie event.start, damit Gäste und "
            "Journalisten wissen, wann sie kommen sollen",
        )
    venue = info.venue
    if venue is None:
        return
    if venue.address is None or not venue.address.street:
        found.add(
            "PG208",
            ("event", "venue"),
            f"the invitation gives no street address for the venue ({fold(shown.facts.venue)}): "
            "add event.venue.address.street, so that guests and journalists find it",
            f"Die Einladung nennt keine Anschrift des Ortes ({fold(shown.facts.venue)}): "
            "ergänzen Sie event.venue.address.street",
        )
