"""The newsletter as a ready-to-send email (stdlib `email`), and sending it by SMTP."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Literal

from pressgen.addresses import ascii_domain, ascii_url, email_problem, is_loopback
from pressgen.errors import PressgenError
from pressgen.model import Event


class SendError(PressgenError):
    """The mail server could not be reached or refused the message."""


def message_date(event: Event) -> dt.datetime:
    """The Date header: the embargo if there is one, else the publication day, 9 Uhr."""
    release = event.press_release
    zone = event.event.zone
    if release.embargo is not None:
        embargo = release.embargo
        return embargo if embargo.tzinfo else embargo.replace(tzinfo=zone)
    return dt.datetime.combine(release.publication_date, dt.time(9, 0), tzinfo=zone)


def _header_address(name: str, address: str) -> Address:
    """An address for a header; a non-ASCII domain in its IDNA form (xn--…)."""
    local_part, domain = address.rsplit("@", 1)
    return Address(name, local_part, ascii_domain(domain))


def needs_smtputf8(addresses: Sequence[str]) -> bool:
    """Whether an address has letters beyond ASCII before the @ (RFC 6531 needed to send)."""
    return any(not address.rsplit("@", 1)[0].isascii() for address in addresses)


def build_email(event: Event, text: str, html: str) -> bytes:
    """multipart/alternative (text, then HTML), UTF-8, quoted-printable, byte-identical per data.

    Addresses with letters beyond ASCII before the @ make it an internationalised
    message (RFC 6532: headers in UTF-8), which only servers with SMTPUTF8 accept.
    """
    newsletter = event.newsletter
    sender = newsletter.sender
    fingerprint = hashlib.sha256(
        "\0".join([sender.email, newsletter.subject, text, html]).encode("utf-8")
    ).hexdigest()
    own = [sender.email, *([newsletter.reply_to] if newsletter.reply_to else [])]
    headers = policy.SMTPUTF8 if needs_smtputf8(own) else policy.SMTP

    message = EmailMessage(policy=headers)
    message["From"] = _header_address(sender.name, sender.email)
    message["To"] = "undisclosed-recipients:;"
    if newsletter.reply_to:
        message["Reply-To"] = _header_address("", newsletter.reply_to)
    message["Subject"] = newsletter.subject
    message["Date"] = format_datetime(message_date(event))
    domain = ascii_domain(sender.email.rsplit("@", 1)[1])
    message["Message-ID"] = f"<{fingerprint[:32]}@{domain}>"
    unsubscribe = newsletter.unsubscribe_url
    if unsubscribe:
        # A URL header (RFC 2369): never encoded, never folded inside <…>; set raw, so
        # the email package leaves a long one as one line (up to 998 characters).
        message.set_raw("List-Unsubscribe", f"<{ascii_url(unsubscribe)}>")
        if unsubscribe.lower().startswith("https://"):
            # RFC 8058: mail programs may unsubscribe with one click (a POST to the URL).
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # A boundary from the content keeps rebuilds identical (the default one is random).
    message.set_boundary(f"=_pressgen_{fingerprint[32:56]}")
    return message.as_bytes(policy=headers.clone(refold_source="none"))


def parse_recipients(values: Sequence[str]) -> list[str]:
    """Comma-separated addresses → a clean list; refuses anything that is not one address."""
    addresses = [part.strip() for value in values for part in value.split(",") if part.strip()]
    bad = [address for address in addresses if email_problem(address)]
    if bad:
        raise SendError(f"not an email address: {', '.join(bad)}")
    if not addresses:
        raise SendError("no recipient given")
    return addresses


def _envelope(address: str) -> str:
    local_part, domain = address.rsplit("@", 1)
    return f"{local_part}@{ascii_domain(domain)}"


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to hand the email to a mail server."""

    host: str
    port: int
    security: Literal["starttls", "ssl", "none"] = "starttls"
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0


def send_email(
    message: bytes, sender: str, recipients: Sequence[str], settings: SmtpSettings
) -> None:
    """Send the bytes unchanged to the recipients; any failure becomes a one-line SendError.

    A password never goes unencrypted to another computer: without encryption
    (security none) only a server on this computer may be given one.
    """
    if settings.security == "none" and settings.password and not is_loopback(settings.host):
        raise SendError(
            f"refusing to send the password unencrypted to {settings.host} "
            "(--security none); use --security starttls or ssl"
        )
    # Imported here: every build makes an email, but only sending needs these.
    import smtplib
    import ssl

    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "ssl":
            context = ssl.create_default_context()
            server: smtplib.SMTP = smtplib.SMTP_SSL(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        with server:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.user:
                server.login(settings.user, settings.password or "")
            options = []
            if needs_smtputf8([sender, *recipients]):
                server.ehlo_or_helo_if_needed()
                if not server.has_extn("smtputf8"):
                    wide = [a for a in (sender, *recipients) if needs_smtputf8([a])]
                    raise SendError(
                        f"the mail server {where} does not take addresses with letters beyond "
                        f"ASCII before the @ (it offers no SMTPUTF8): {', '.join(wide)}"
                    )
                options.append("SMTPUTF8")
            refused = server.sendmail(
                _envelope(sender), [_envelope(r) for r in recipients], message, options
            )
    except smtplib.SMTPAuthenticationError as error:
        raise SendError(
            f"the mail server {where} refused the login of {settings.user!r}: "
            f"{error.smtp_code} {_reply(error.smtp_error)}"
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        codes = "; ".join(
            f"{rcpt}: {code} {_reply(text)}" for rcpt, (code, text) in error.recipients.items()
        )
        raise SendError(f"the mail server {where} refused every recipient: {codes}") from None
    except smtplib.SMTPSenderRefused as error:
        raise SendError(
            f"the mail server {where} refused the sender {sender}: "
            f"{error.smtp_code} {_reply(error.smtp_error)}"
        ) from None
    except smtplib.SMTPResponseException as error:
        raise SendError(
            f"the mail server {where} refused the message: "
            f"{error.smtp_code} {_reply(error.smtp_error)}"
        ) from None
    except smtplib.SMTPNotSupportedError as error:
        raise SendError(f"the mail server {where} does not support this: {error}") from None
    except ConnectionRefusedError:
        raise SendError(f"cannot connect to the mail server {where}: connection refused") from None
    except TimeoutError:
        raise SendError(f"the mail server {where} did not answer in time") from None
    except ssl.SSLError as error:
        raise SendError(f"secure connection to {where} failed: {error.reason}") from None
    except (OSError, smtplib.SMTPException) as error:
        raise SendError(f"sending through {where} failed: {error}") from None
    if refused:
        names = ", ".join(sorted(refused))
        raise SendError(f"the mail server {where} refused some recipients: {names}")


def _reply(text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(text.split())
