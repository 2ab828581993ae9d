"""Email addresses, host names and links: what pressgen accepts, said once.

Each check reads its text once from left to right (no regular expression that
can backtrack), so a crafted value of any length is refused at once.
"""

from __future__ import annotations

import ipaddress
import unicodedata
from urllib.parse import SplitResult, quote, urlsplit, urlunsplit

import idna

from pressgen.messages import _

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_EMAIL = 254  # RFC 5321: the longest address a mail server takes
MAX_URL = 2000  # what every browser and mail program still opens

# Characters that can never stand in the local part of an address as pressgen writes it.
_NOT_IN_LOCAL_PART = frozenset('<>()[]\\,;:"@ ')


def email_problem(address: str) -> str | None:
    """Why `address` is not a plain email address (None when it is one)."""
    if len(address) > MAX_EMAIL:
        return _("an email address has at most {limit} characters, this one {length}").format(
            limit=MAX_EMAIL, length=len(address)
        )
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain:
        return _("expected an email address like presse@example.de")
    if "=?" in address:
        return _(
            "contains an encoded word (=?…?=), which mail programs would show as another "
            "address; write the address plainly"
        )
    if any(char in _NOT_IN_LOCAL_PART or char.isspace() for char in local):
        return _(
            "expected an email address like presse@example.de (one @, no spaces, brackets, "
            "commas or quotation marks)"
        )
    if local.startswith(".") or local.endswith(".") or ".." in local:
        return _(
            "expected an email address like presse@example.de; a dot may not start or end "
            "the part before the @, nor be doubled"
        )
    problem = host_problem(domain)
    return _("the part after the @ {problem}").format(problem=problem) if problem else None


def host_problem(host: str) -> str | None:
    """Why `host` is not a host name a link or address may use (None when it is one)."""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return None
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    if len(labels) < 2 or not all(labels):
        return _("'{host}' is not a host name like www.example.de").format(host=host)
    for label in labels:
        scripts = {_script(char) for char in label if char.isalpha()}
        if len(scripts) > 1:
            return _(
                "'{host}' mixes letters of different scripts ({scripts}) in one name; such "
                "look-alike names are used to fake known addresses"
            ).format(host=host, scripts=", ".join(sorted(scripts)))
    try:
        idna.encode(host, uts46=True)
    except idna.IDNAError as error:
        return _("'{host}' is not a valid host name ({error})").format(host=host, error=error)
    return None


def _script(letter: str) -> str:
    # The first word of a letter's Unicode name is its script: LATIN, CYRILLIC, GREEK …
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0].title()


def url_problem(url: str) -> str | None:
    """Why `url` may not be linked (None when it may): scheme, host, port, user names."""
    if any(char.isspace() for char in url):
        return _("a web address must not contain spaces")
    if len(url) > MAX_URL:
        return _("a web address has at most {limit} characters, this one {length}").format(
            limit=MAX_URL, length=len(url)
        )
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if not scheme:
        return _("write the full address with https://, e.g. https://www.example.de/")
    if scheme not in ALLOWED_SCHEMES:
        return _(
            "only http, https and mailto links are allowed, not '{scheme}:'; "
            "write the full address, e.g. https://www.example.de/"
        ).format(scheme=parts.scheme)
    if scheme == "mailto":
        address = parts.path
        if "@" not in address:
            return _("a mailto link needs an email address, e.g. mailto:presse@example.de")
        problem = email_problem(address)
        if problem:
            return _("the address of the mailto link: {problem}").format(problem=problem)
        return None
    if not parts.netloc or not parts.hostname:
        return _("the web address has no host name, e.g. https://www.example.de/")
    if "@" in parts.netloc:
        return _(
            "a web address must not contain a user name or password before the host "
            "(…@); that form is used to disguise where a link leads"
        )
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None and not 0 < port < 65536:
        return _("the port after the host name must be a number from 1 to 65535")
    return host_problem(parts.hostname)


def is_loopback(host: str) -> bool:
    """Whether the host is this computer (nothing sent to it leaves the machine)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ascii_domain(domain: str) -> str:
    """A host name as mail headers and servers without SMTPUTF8 need it: töwer.de → xn--…"""
    if domain.isascii():
        return domain
    return idna.encode(domain, uts46=True).decode("ascii")


def address_identity(address: str) -> str:
    """Whom an address reaches, for finding doubles and for the send journal: the same for
    every spelling of one mailbox (upper case, full-width letters, the domain in Unicode or
    as xn--…)."""
    normal = unicodedata.normalize("NFKC", address.strip())
    local, at, domain = normal.rpartition("@")
    if not at:
        return normal.casefold()
    try:
        domain = ascii_domain(domain.rstrip(".")).lower()
    except idna.IDNAError:
        domain = domain.casefold()
    return f"{local.casefold()}@{domain}"


def ascii_url(url: str) -> str:
    """The link in plain ASCII (for mail headers): host in IDNA, other characters %-encoded."""
    parts: SplitResult = urlsplit(url)
    if parts.hostname and not parts.hostname.isascii():
        netloc = parts.netloc.replace(parts.hostname, ascii_domain(parts.hostname))
        parts = parts._replace(netloc=netloc)
    elif parts.scheme.lower() == "mailto" and "@" in parts.path:
        local, _at, domain = parts.path.rpartition("@")
        parts = parts._replace(path=f"{local}@{ascii_domain(domain)}")
    return quote(urlunsplit(parts), safe="!#$%&'()*+,/:;=?@[]~")
