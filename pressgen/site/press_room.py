"""The press room: every release of a build on one static website.

`pressgen build` of a folder or a project writes, beside the events' folders in the
output folder: index.html (the releases, newest first), feed.xml (Atom, full
text), sitemap.xml and robots.txt. Each release's own page is its
pressemitteilung.html, which links back to the index. All links are relative, so
the output folder can be copied to any web server or opened from disk; only the
feed, the sitemap and the link previews need absolute addresses, from the
project's web_base_url (or the events' web addresses).

A release whose Sperrfrist has not passed is not in the press room: its folder goes
to embargoed/ (never to be published), and the build after the embargo moves it in.

The press room is made from one summary per release (`summary`), which the
incremental build keeps, so that the index and the feed need no event rendered.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urljoin, urlsplit

from pressgen.embargo import held_at
from pressgen.messages import _
from pressgen.present.event import Presentation, freeze
from pressgen.present.photos import WEB_WIDTH, shown_size, web_name
from pressgen.registry import PHOTO_ARCHIVE, PRESS_RELEASE_HTML, PRESS_ROOM_INDEX, content_type
from pressgen.source.editions import ENGLISH_FOLDER
from pressgen.source.event import is_local

if TYPE_CHECKING:
    from pressgen.source.project import Project

INDEX = PRESS_ROOM_INDEX
FEED = "feed.xml"
ENGLISH_FEED = "feed-en.xml"  # the releases published in English too, in English
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
PRESS_ROOM_FILES = (INDEX, FEED, ENGLISH_FEED, SITEMAP, ROBOTS)
FEED_ENTRIES = 50  # feed readers want the latest, not the archive
YEARS_FROM = 10  # with more releases than this, the index is divided by year
PRESS_ROOM_TEMPLATE = "presseraum.html.j2"

ATOM = "http://www.w3.org/2005/Atom"
SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def summary(
    shown: Presentation,
    slug: str,
    sizes: Mapping[str, Any],
    english: Presentation | None = None,
) -> dict[str, Any]:
    """What the press room shows of one release, as plain JSON data (kept between builds);
    with its `english` edition, what the press room shows of that too."""
    event = shown.event
    release = event.press_release
    zone = event.event.zone
    until = event.embargo_end()
    day = release.publication_date
    published = until or (dt.datetime.combine(day, dt.time(), tzinfo=zone) if day else None)
    photo = next((p for p in release.photos if is_local(p.src)), None)
    picture = None
    if photo is not None:
        width, height = shown_size(tuple(sizes[photo.src]), WEB_WIDTH)
        picture = {
            "src": f"{slug}/{web_name(photo.src)}",
            "alt": photo.alt or photo.caption,
            "width": width,
            "height": height,
            "type": content_type(photo.src),
        }
    social = shown.social
    return {
        "slug": slug,
        "kind": shown.labels.press_release,
        "headline": release.headline,
        "teaser": social.description if social else "",
        "category": release.category or "",
        "day": shown.publication_day,
        "published": published.isoformat() if published else "",
        "embargo_until": until.isoformat() if until else "",
        "page": f"{slug}/{PRESS_RELEASE_HTML}",
        "archive": f"{slug}/{PHOTO_ARCHIVE}" if shown.photo_archive else "",
        "archive_label": shown.photo_archive_label,
        "contact": shown.contact_line,
        "contact_email": release.contact.email if release.contact and release.contact.email else "",
        "photo": picture,
        "page_url": shown.page_url,
        "image_url": social.image if social else "",
        "organisation": event.publishing.name,
        "id_host": _host(event.publishing.website) or _host(event.newsletter.web_url),
        "english": _english(english, slug) if english is not None else None,
    }


def _english(shown: Presentation, slug: str) -> dict[str, Any]:
    """The English edition of a release, for the index, the English feed and the sitemap."""
    release = shown.event.press_release
    social = shown.social
    return {
        "page": f"{slug}/{ENGLISH_FOLDER}/{PRESS_RELEASE_HTML}",
        "headline": release.headline,
        "teaser": social.description if social else "",
        "kind": shown.labels.press_release,
        "day": shown.publication_day,
        "page_url": shown.page_url,
    }


def under_embargo(release: Mapping[str, Any], now: dt.datetime) -> bool:
    return held_at(str(release.get("embargo_until") or ""), now)


def base_url(releases: Sequence[Mapping[str, Any]], configured: str | None) -> str:
    """Where the press room is on the web: the project's web_base_url, else the folder
    above the releases' own addresses when they all agree; empty when unknown."""
    if configured:
        return configured if configured.endswith("/") else configured + "/"
    bases = set()
    for release in releases:
        url = release["page_url"]
        suffix = f"{release['slug']}/{PRESS_RELEASE_HTML}"
        if not url.endswith("/" + suffix):
            return ""
        bases.add(url[: -len(suffix)])
    return bases.pop() if len(bases) == 1 else ""


# The words of the index page (the releases bring their own).
LABELS = {
    "title": "Pressemitteilungen",
    "feed": "Pressemitteilungen als Feed abonnieren (Atom)",
    "english_feed": "Press releases in English (Atom)",
    "english": "English version",
    "contact": "Pressekontakt",
    "none": "Noch keine Pressemitteilungen.",
}


def _href(path: str) -> str:
    """A file of the press room as a link: one way for the index, the feed and the
    sitemap, whatever the file's name holds (Straße Tür → Stra%C3%9Fe%20T%C3%BCr)."""
    return quote(path)


def _as_links(release: Mapping[str, Any]) -> dict[str, Any]:
    """A release's paths as the index links them."""
    photo = release["photo"]
    english = release.get("english")  # build records of before the English edition lack it
    return {
        **release,
        "english_page": _href(english["page"]) if english else "",
        "page": _href(release["page"]),
        "archive": _href(release["archive"]) if release["archive"] else "",
        "photo": {**photo, "src": _href(photo["src"])} if photo else None,
    }


def owner_of(project: Project | None) -> str:
    """Whose press room it is: the project's organisation (organisation.yaml), typeset;
    without one, press_room_files takes the newest release's publisher."""
    if project is None or project.organisation is None:
        return ""
    from pressgen.german import typography

    return typography.refine(project.organisation.organisation.name)


def press_room_files(
    releases: Sequence[Mapping[str, Any]],
    now: dt.datetime,
    configured_base: str | None,
    page_of: Callable[[str], str],
    template_dirs: Sequence[Path] = (),
    owner: str = "",
) -> dict[str, bytes]:
    """index.html, feed.xml, robots.txt and (with a web address) sitemap.xml. The feed
    carries the newest releases' text: `page_of` gives a release page's HTML by its path
    (slug/pressemitteilung.html), from the output folder or the preview's memory. The
    press room is its `owner`'s (the project's organisation), else the newest release's
    publisher's; each feed entry keeps its own author."""
    from pressgen.outputs.environment import environment, render_template, template_fingerprint

    shown = sorted(
        (release for release in releases if not under_embargo(release, now)),
        key=lambda release: (release["published"], release["slug"]),
        reverse=True,
    )
    base = base_url(shown, configured_base)
    organisation = owner or (shown[0]["organisation"] if shown else "")
    listed = [_as_links(release) for release in shown]
    sections = (
        [(year, list(items)) for year, items in groupby(listed, key=lambda r: r["published"][:4])]
        if len(listed) > YEARS_FROM
        else [("", listed)]
    )
    contact = shown[0]["contact"] if shown else ""
    # The address as a mailto: link (older build records have none: the line stays text).
    email = shown[0].get("contact_email", "") if shown else ""
    before, found, after = contact.partition(email) if email else (contact, "", "")
    data = {
        "organisation": organisation,
        "contact": contact,
        "contact_parts": (before, found, after),
        "sections": sections,
        "feed": FEED,
        "english_feed": ENGLISH_FEED if any(r.get("english") for r in shown) else "",
        "labels": LABELS,
    }
    env = environment(tuple(template_dirs), template_fingerprint(template_dirs))
    index = render_template(PRESS_ROOM_TEMPLATE, freeze(data), env)
    in_english = [_in_english(release) for release in shown if release.get("english")]
    files = {
        INDEX: index.encode("utf-8"),
        FEED: _feed(shown, base, organisation, page_of),
        ROBOTS: _robots(base),
    }
    if in_english:
        files[ENGLISH_FEED] = _feed(in_english, base, organisation, page_of, language="en")
    if base:
        files[SITEMAP] = _sitemap(shown, base)
    return files


# ---------------------------------------------------------------- feed and sitemap


def _in_english(release: Mapping[str, Any]) -> dict[str, Any]:
    """A release as its English edition tells it, for the English feed: its own page,
    headline and teaser; its facts, photo and ID are the German one's (with /en)."""
    english = release["english"]
    return {
        **release,
        **{key: english[key] for key in ("page", "headline", "teaser", "kind", "page_url")},
        "slug": f"{release['slug']}/{ENGLISH_FOLDER}",
        "category": "",
    }


def _feed(
    releases: Sequence[Mapping[str, Any]],
    base: str,
    organisation: str,
    page_of: Callable[[str], str],
    language: str = "de",
) -> bytes:
    """Atom (RFC 4287) with the full text of the newest releases, in the language of the
    edition. Links are relative to the feed when the press room has no web address
    (readers resolve them)."""
    ET.register_namespace("", ATOM)
    xml_lang = {"{http://www.w3.org/XML/1998/namespace}lang": language}
    feed = ET.Element(f"{{{ATOM}}}feed", xml_lang)
    host = next((r["id_host"] for r in releases if r["id_host"]), "")
    own = ENGLISH_FEED if language == "en" else FEED
    room = "presseraum" if language == "de" else f"presseraum-{language}"  # IDs stay as made
    _text(feed, "id", urljoin(base, own) if base else _tag(host, "", room))
    title = "Press releases" if language == "en" else "Pressemitteilungen"
    _text(feed, "title", f"{title} – {organisation}" if organisation else title)
    _text(feed, "updated", max((r["published"] for r in releases), default=_EPOCH))
    ET.SubElement(
        feed,
        f"{{{ATOM}}}link",
        {"rel": "alternate", "type": "text/html", "href": urljoin(base, INDEX)},
    )
    if base:
        ET.SubElement(
            feed,
            f"{{{ATOM}}}link",
            {"rel": "self", "type": "application/atom+xml", "href": urljoin(base, own)},
        )
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", organisation or "Pressestelle")
    for release in releases[:FEED_ENTRIES]:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        if release["organisation"] and release["organisation"] != organisation:
            author = ET.SubElement(entry, f"{{{ATOM}}}author")  # its own, not the room's
            _text(author, "name", release["organisation"])
        # The address of a release may change (a new web address); its ID never does.
        _text(entry, "id", _tag(release["id_host"], release["published"][:10], release["slug"]))
        _text(entry, "title", release["headline"])
        _text(entry, "published", release["published"] or _EPOCH)
        _text(entry, "updated", release["published"] or _EPOCH)
        page = release["page_url"] or urljoin(base, _href(release["page"]))
        ET.SubElement(
            entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": page}
        )
        photo = release["photo"]
        if photo and (release["image_url"] or not base):
            image = release["image_url"] or _href(photo["src"])
            ET.SubElement(
                entry, f"{{{ATOM}}}link", {"rel": "enclosure", "type": photo["type"], "href": image}
            )
        if release["category"]:
            ET.SubElement(entry, f"{{{ATOM}}}category", {"term": release["category"]})
        if release["teaser"]:
            _text(entry, "summary", release["teaser"])
        content = _text(entry, "content", _article(page_of(release["page"])))
        content.set("type", "html")
        content.set("{http://www.w3.org/XML/1998/namespace}base", page)
    return _xml(feed)


def _sitemap(releases: Sequence[Mapping[str, Any]], base: str) -> bytes:
    """Every page; a release published in English too with both its pages, each naming
    the other (hreflang), so that search engines show each reader their language."""
    ET.register_namespace("", SITEMAPS)
    ET.register_namespace("xhtml", XHTML)
    urlset = ET.Element(f"{{{SITEMAPS}}}urlset")
    newest = releases[0]["published"][:10] if releases else ""
    pages: list[tuple[str, str, dict[str, str]]] = [(INDEX, newest, {})]
    for release in releases:
        day = release["published"][:10]
        english = release.get("english")
        editions = {"de-DE": release["page"], **({"en-GB": english["page"]} if english else {})}
        alternates = editions if english else {}
        pages += [(page, day, alternates) for page in editions.values()]
    for loc, lastmod, alternates in pages:
        url = ET.SubElement(urlset, f"{{{SITEMAPS}}}url")
        _text(url, "loc", urljoin(base, _href(loc)), SITEMAPS)
        if lastmod:
            _text(url, "lastmod", lastmod, SITEMAPS)
        for language, page in alternates.items():
            ET.SubElement(
                url,
                f"{{{XHTML}}}link",
                {"rel": "alternate", "hreflang": language, "href": urljoin(base, _href(page))},
            )
    return _xml(urlset)


def robots_advice(root: Path) -> str:
    """Crawlers read robots.txt only at a site's root: for a press room published under
    a path, the line its site's own robots.txt needs (else nothing)."""
    try:
        robots = (root / ROBOTS).read_text("utf-8")
    except OSError:
        return ""
    named = [line.split(":", 1)[1].strip() for line in robots.splitlines() if ":" in line]
    sitemap = next((url for url in named if url.endswith(f"/{SITEMAP}")), "")
    parts = urlsplit(sitemap)
    if not sitemap or parts.path in ("", "/", f"/{SITEMAP}"):
        return ""
    site = f"{parts.scheme}://{parts.netloc}/{ROBOTS}"
    room = sitemap.removesuffix(SITEMAP)
    return _(
        "The press room is published at {room}, where crawlers do not read its robots.txt: "
        "add to {site} the line: Sitemap: {sitemap}"
    ).format(room=room, site=site, sitemap=sitemap)


def _robots(base: str) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if base:
        lines.append(f"Sitemap: {urljoin(base, SITEMAP)}")
    return ("\n".join(lines) + "\n").encode("ascii", "xmlcharrefreplace")


_EPOCH = "1970-01-01T00:00:00+00:00"


def _text(parent: ET.Element, name: str, value: str, namespace: str = ATOM) -> ET.Element:
    element = ET.SubElement(parent, f"{{{namespace}}}{name}")
    element.text = value
    return element


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    text: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return text + b"\n"


def _tag(host: str, day: str, name: str) -> str:
    """A tag: URI (RFC 4151): the same ID for the same release on every build."""
    if not host:
        return f"urn:pressgen:{name}"
    return f"tag:{host},{day or '2000-01-01'}:{name}"


def _host(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _article(page_html: str) -> str:
    """The release's text for the feed: the page's <article> without its header."""
    match = re.search(r"<article>(.*?)</article>", page_html, re.S) or re.search(
        r"<body[^>]*>(.*?)</body>", page_html, re.S
    )
    if not match:
        return ""
    # The entry has the headline as its title; the page's label, its notes for the press
    # (the character count) and its links to the files beside it stay on the page.
    text = re.sub(r"<header>.*?</header>", "", match[1], count=1, flags=re.S)
    text = re.sub(r'<p class="(meta|photo-archive)">.*?</p>\n?', "", text, flags=re.S)
    return text.strip()
