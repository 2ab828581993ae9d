"""The newsletter as a ready-to-send email (stdlib `email`), byte-identical per data."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from pressgen.source.addresses import ascii_domain, ascii_url
from pressgen.source.event import Event


def message_date(event: Event) -> dt.datetime | None:
    """The Date header: the embargo if there is one, else the publication day, 9 Uhr
    (none while a draft leaves the publication date open)."""
    release = event.press_release
    embargo = event.embargo_end()
    if embargo is not None:
        return embargo
    if release.publication_date is None:
        return None
    return dt.datetime.combine(release.publication_date, dt.time(9, 0), tzinfo=event.event.zone)


def subject_of(message: bytes) -> str:
    """The subject a built email really carries, decoded."""
    from email.parser import BytesHeaderParser

    # A subject folded right after "Subject:" keeps the space of its fold; readers drop it.
    return str(BytesHeaderParser(policy=policy.default).parsebytes(message)["Subject"]).strip()


def attachment_names(message: bytes) -> list[str]:
    """The file names of a built message's attachments."""
    from email import message_from_bytes

    parsed = message_from_bytes(message, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return [str(part.get_filename()) for part in parsed.iter_attachments()]


def _mime_policy(addresses: Sequence[str]) -> policy.EmailPolicy[EmailMessage]:
    """SMTP, or SMTPUTF8 when an address has letters beyond ASCII before the @. RFC 2045
    allows quoted-printable lines of 76 characters; the policy's 78 are right for headers
    (RFC 5322) but too long for bodies."""
    base = policy.SMTPUTF8 if needs_smtputf8(addresses) else policy.SMTP
    return base.clone(max_line_length=76)


def new_message_id(sender: str) -> str:
    """A Message-ID of its own for a message sent now, in the sender's (ASCII) domain."""
    from email.utils import make_msgid

    return make_msgid(domain=ascii_domain(sender.rsplit("@", 1)[1]))


def _header_address(name: str, address: str) -> Address:
    """An address for a header; a non-ASCII domain in its IDNA form (xn--…)."""
    local_part, domain = address.rsplit("@", 1)
    return Address(name, local_part, ascii_domain(domain))


def needs_smtputf8(addresses: Sequence[str]) -> bool:
    """Whether an address has letters beyond ASCII before the @ (RFC 6531 needed to send)."""
    return any(not address.rsplit("@", 1)[0].isascii() for address in addresses)


def build_email(
    event: Event,
    text: str,
    html: str,
    test_send: bool = False,
    *,
    language: str = "de",
    to: tuple[str, str] | None = None,
    sent_at: dt.datetime | None = None,
    message_id: str | None = None,
) -> bytes:
    """multipart/alternative (text, then HTML), UTF-8, quoted-printable, byte-identical per data.

    A test send (before the embargo has passed) says so in its subject: [TEST].
    A message for one recipient (`to`: name, address) carries the moment it is sent
    and its own Message-ID; the built file keeps the ones that follow from the data.

    Addresses with letters beyond ASCII before the @ make it an internationalised
    message (RFC 6532: headers in UTF-8), which only servers with SMTPUTF8 accept.
    """
    newsletter = event.newsletter
    sender = newsletter.sender
    fingerprint = hashlib.sha256(
        "\0".join([sender.email, newsletter.subject, text, html]).encode("utf-8")
    ).hexdigest()
    own = [sender.email, *([newsletter.reply_to] if newsletter.reply_to else [])]
    mime_policy = _mime_policy([*own, *([to[1]] if to else [])])

    message = EmailMessage(policy=mime_policy)
    message["From"] = _header_address(sender.name, sender.email)
    message["To"] = _header_address(*to) if to else "undisclosed-recipients:;"
    if newsletter.reply_to:
        message["Reply-To"] = _header_address("", newsletter.reply_to)
    # Plain spaces: a no-break space would force the whole subject into encoded words.
    subject = newsletter.subject.replace("\u00a0", " ").replace("\u202f", " ")
    message["Subject"] = f"[TEST] {subject}" if test_send else subject
    date = sent_at or message_date(event)
    if date is not None:  # no invented date; the sending server adds the real one
        message["Date"] = format_datetime(date)
    domain = ascii_domain(sender.email.rsplit("@", 1)[1])
    message["Message-ID"] = message_id or f"<{fingerprint[:32]}@{domain}>"
    # RFC 2919: which list a message belongs to, so mail programs can sort and filter it:
    # the sender's address, written as a host name (newsletter.towerbyte.de).
    local = sender.email.rsplit("@", 1)[0].lower()
    list_id = f"{re.sub(r'[^a-z0-9-]+', '-', local).strip('-') or 'newsletter'}.{domain}"
    phrase = re.sub(r'[\\"<>()\[\],;:@]+', " ", sender.name.replace("\u00a0", " ")).strip()
    message["List-Id"] = f"{phrase} <{list_id}>" if phrase else f"<{list_id}>"
    unsubscribe = newsletter.unsubscribe_url
    if unsubscribe:
        # A URL header (RFC 2369): never encoded, never folded inside <…>; set raw. A long
        # one starts on a line of its own, so that the header's own line stays short.
        address = f"<{ascii_url(unsubscribe)}>"
        start = "\r\n " if len("List-Unsubscribe: ") + len(address) > 78 else ""
        message.set_raw("List-Unsubscribe", start + address)
        if unsubscribe.lower().startswith("https://"):
            # RFC 8058: mail programs may unsubscribe with one click (a POST to the URL).
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # RFC 3282: the language the reader gets (de, or en for the English edition); set
    # after the parts, since making a message multipart moves its Content-* headers.
    message["Content-Language"] = language
    # A boundary from the content keeps rebuilds identical (the default one is random).
    message.set_boundary(f"=_pressgen_{fingerprint[32:56]}")
    return message.as_bytes(policy=mime_policy.clone(refold_source="none"))


def build_press_email(
    event: Event,
    subject: str,
    text: str,
    attachments: Sequence[tuple[str, bytes]],
    *,
    language: str = "de",
    to: tuple[str, str],
    sent_at: dt.datetime,
    message_id: str,
) -> bytes:
    """The press release for one journalist: the plain text in the body, files attached
    (name, bytes), answers to the Pressekontakt."""
    import mimetypes

    newsletter = event.newsletter
    contact = event.press_release.contact
    reply_to = contact.email if contact and contact.email else newsletter.reply_to
    mime_policy = _mime_policy([newsletter.sender.email, to[1], *([reply_to] if reply_to else [])])
    message = EmailMessage(policy=mime_policy)
    message["From"] = _header_address(newsletter.sender.name, newsletter.sender.email)
    message["To"] = _header_address(*to)
    if reply_to:
        name = contact.name if contact and contact.email == reply_to else ""
        message["Reply-To"] = _header_address(name, reply_to)
    message["Subject"] = subject.replace("\u00a0", " ").replace("\u202f", " ")
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = message_id
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    for name, data in attachments:
        kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
        maintype, subtype = kind.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    message["Content-Language"] = language  # after the parts, as in build_email
    return message.as_bytes(policy=mime_policy)
