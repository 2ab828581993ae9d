"""schema.org JSON-LD for the press release page: NewsArticle and Event."""

from __future__ import annotations

import json
from typing import Any

from pressgen.german import phrases, typography
from pressgen.source.event import Address, Event, EventInfo, Organisation, Venue, is_local


def _postal_address(address: Address) -> dict[str, str]:
    data = {"@type": "PostalAddress", "addressLocality": address.city}
    if address.street:
        data["streetAddress"] = address.street
    if address.postcode:
        data["postalCode"] = address.postcode
    data["addressCountry"] = _country_code(address.country) if address.country else "DE"
    return data


def _country_code(country: str) -> str:
    """ISO 3166 code of a country named in German (Österreich → AT), as schema.org
    wants it; the name itself when it is none Babel knows."""
    from babel import Locale

    codes = {name.casefold(): code for code, name in Locale("de").territories.items()}
    code = codes.get(country.strip().casefold(), country)
    return code if len(code) == 2 and code.isalpha() else country


def _place(venue: Venue) -> dict[str, Any]:
    place: dict[str, Any] = {
        "@type": "Place",
        "name": typography.plain_spaces(phrases.place(venue)),
    }
    if venue.name:
        place["name"] = venue.name
    if venue.address:
        place["address"] = _postal_address(venue.address)
    return place


_ATTENDANCE = {  # (a place to come to, a livestream) → how people attend
    (True, False): "OfflineEventAttendanceMode",
    (True, True): "MixedEventAttendanceMode",
    (False, True): "OnlineEventAttendanceMode",
}


def _location(info: EventInfo) -> dict[str, Any] | list[dict[str, Any]]:
    """The place, the livestream, or both for a hybrid event."""
    places = [_place(info.venue)] if info.venue is not None else []
    if info.livestream:
        places.append({"@type": "VirtualLocation", "url": info.livestream})
    return places[0] if len(places) == 1 else places


def _organisers(event: Event) -> dict[str, Any] | list[dict[str, Any]]:
    """The organisation, and its co-hosts when it has any."""
    co_hosts = [
        {"@type": "Organization", "name": party.name, **({"url": party.url} if party.url else {})}
        for party in event.event.co_hosts
    ]
    return [_organisation(event), *co_hosts] if co_hosts else _organisation(event)


def _organisation(event: Event, organisation: Organisation | None = None) -> dict[str, Any]:
    organisation = organisation or event.organisation
    data: dict[str, Any] = {"@type": "Organization", "name": organisation.name}
    if organisation.website:
        data["url"] = organisation.website
    if organisation.address:
        data["address"] = _postal_address(organisation.address)
    return data


_STATUS = {
    "scheduled": "EventScheduled",
    "cancelled": "EventCancelled",
    "postponed": "EventPostponed",
    "rescheduled": "EventRescheduled",
}


def _status(info: EventInfo) -> str:
    if info.status == "postponed" and info.postponed_to is not None:
        return "rescheduled"
    return info.status


def json_ld(event: Event, language: str = "de") -> dict[str, Any]:
    """The NewsArticle (the release) and the Event it reports on."""
    info = event.event
    release = event.press_release
    # A draft's open dates are left out, not guessed: search engines would show them.
    happening: dict[str, Any] = {"@type": "Event", "name": typography.plain_spaces(info.title)}
    if info.begins is not None:
        happening["startDate"] = info.begins.isoformat()
    happening |= {
        "eventAttendanceMode": "https://schema.org/"
        + _ATTENDANCE[(info.venue is not None, info.livestream is not None)],
        "eventStatus": "https://schema.org/" + _STATUS[_status(info)],
        "location": _location(info),
        "organizer": _organisers(event),
    }
    if info.ends is not None:
        happening["endDate"] = info.ends.isoformat()
    if info.held_on != info.date and info.date is not None:
        happening["previousStartDate"] = info.date.isoformat()
    if info.motto:
        happening["description"] = typography.plain_spaces(info.motto)
    if info.website:
        happening["url"] = info.website
    article: dict[str, Any] = {
        "@type": "NewsArticle",
        "headline": typography.plain_spaces(release.headline),
    }
    end = event.embargo_end()
    if end is not None:  # published when the embargo ends
        article["datePublished"] = end.isoformat()
    elif release.publication_date is not None:  # a day, with no time invented for it
        article["datePublished"] = release.publication_date.isoformat()
    article |= {
        "inLanguage": "en-GB" if language == "en" else "de-DE",
        "author": _organisation(event, event.publishing),
        "publisher": _organisation(event, event.publishing),
        "about": happening,
    }
    images = [photo.src for photo in release.photos if not is_local(photo.src)]
    if images:
        article["image"] = images
    return {"@context": "https://schema.org", **article}


def json_ld_script(event: Event, language: str = "de") -> str:
    """JSON text that is safe inside <script type="application/ld+json">."""
    text = json.dumps(json_ld(event, language), ensure_ascii=False, indent=2)
    # No "</script>", "<!--" or "&" can close or confuse the script element.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
