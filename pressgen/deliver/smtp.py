"""Sending the newsletter: recipients, the SMTP connection, and what can go wrong."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pressgen.errors import PressgenError
from pressgen.outputs.email import needs_smtputf8
from pressgen.source.addresses import (
    address_identity,
    ascii_domain,
    email_problem,
    is_loopback,
)


class SendError(PressgenError):
    """The mail server could not be reached or refused the message.

    `code` is the server's reply code when it gave one: 4xx may pass if tried again
    later, 5xx will not.
    """

    def __init__(
        self,
        message: str,
        code: int | None = None,
        unknown: bool = False,
        about_the_server: bool = False,
    ) -> None:
        super().__init__(message)
        self.code = code
        # Not this recipient's or this message's: the server cannot be reached, refuses the
        # login or the sender. The next message would fail the same way.
        self.about_the_server = about_the_server
        # The connection was lost after the whole message went out and before the server
        # said whether it took it: it may have been delivered. Never tried again unasked.
        self.unknown = unknown

    @property
    def temporary(self) -> bool:
        """Worth trying again: a 4xx answer, or no answer at all (connection, time-out)."""
        return self.code is None or 400 <= self.code < 500


def parse_recipients(values: Sequence[str]) -> list[str]:
    """Comma-separated addresses → a clean list; refuses anything that is not one address."""
    addresses = [part.strip() for value in values for part in value.split(",") if part.strip()]
    bad = [address for address in addresses if email_problem(address)]
    if bad:
        raise SendError(f"not an email address: {', '.join(bad)}")
    if not addresses:
        raise SendError("no recipient given")
    # One message for each mailbox, however often and however it is spelled.
    unique: dict[str, str] = {}
    for address in addresses:
        unique.setdefault(address_identity(address), address)
    return list(unique.values())


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
            "(--security none); use --security starttls or ssl",
            about_the_server=True,
        )
    # Imported here: every build makes an email, but only sending needs these.
    import smtplib
    import ssl

    where = f"{settings.host}:{settings.port}"
    try:
        if settings.security == "ssl":
            context = ssl.create_default_context()
            server: smtplib.SMTP = _marking(smtplib.SMTP_SSL)(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            server = _marking(smtplib.SMTP)(settings.host, settings.port, timeout=settings.timeout)
        try:
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
                        f"ASCII before the @ (it offers no SMTPUTF8): {', '.join(wide)}",
                        553,  # it will not take them later either
                    )
                options.append("SMTPUTF8")
            refused = server.sendmail(
                _envelope(sender), [_envelope(r) for r in recipients], message, options
            )
        except OSError as error:  # smtplib's errors are OSErrors too
            answered = isinstance(error, smtplib.SMTPResponseException)
            if getattr(server, "message_sent", False) and not answered:
                raise SendError(
                    f"the connection to the mail server {where} was lost after the message "
                    f"went out and before the server answered ({error or 'no reply'}): it "
                    "may have been delivered",
                    unknown=True,
                ) from None
            raise
        finally:
            # The server took the message (250 after DATA): whatever QUIT answers, or a
            # connection that drops now, changes nothing about that.
            with contextlib.suppress(OSError, smtplib.SMTPException):
                server.quit()
            server.close()
    except smtplib.SMTPAuthenticationError as error:
        raise SendError(
            f"the mail server {where} refused the login of {settings.user!r}: "
            f"{error.smtp_code} {_reply(error.smtp_error)}",
            535,  # a wrong login does not get better by trying again
            about_the_server=True,
        ) from None
    except smtplib.SMTPRecipientsRefused as error:
        codes = "; ".join(
            f"{rcpt}: {code} {_reply(text)}" for rcpt, (code, text) in error.recipients.items()
        )
        first = min(code for code, _ in error.recipients.values())
        raise SendError(
            f"the mail server {where} refused every recipient: {codes}", first
        ) from None
    except smtplib.SMTPSenderRefused as error:
        raise SendError(
            f"the mail server {where} refused the sender {sender}: "
            f"{error.smtp_code} {_reply(error.smtp_error)}",
            error.smtp_code,
            about_the_server=True,
        ) from None
    except smtplib.SMTPResponseException as error:
        raise SendError(
            f"the mail server {where} refused the message: "
            f"{error.smtp_code} {_reply(error.smtp_error)}",
            error.smtp_code,
        ) from None
    except smtplib.SMTPNotSupportedError as error:
        raise SendError(f"the mail server {where} does not support this: {error}") from None
    except ConnectionRefusedError:
        raise SendError(
            f"cannot connect to the mail server {where}: connection refused",
            about_the_server=True,
        ) from None
    except TimeoutError:
        raise SendError(
            f"the mail server {where} did not answer in time", about_the_server=True
        ) from None
    except ssl.SSLError as error:
        raise SendError(
            f"secure connection to {where} failed: {error.reason}", about_the_server=True
        ) from None
    except (OSError, smtplib.SMTPException) as error:
        raise SendError(f"sending through {where} failed: {error}") from None
    if refused:
        names = ", ".join(sorted(refused))
        raise SendError(f"the mail server {where} refused some recipients: {names}")


@functools.cache
def _marking(smtp: Any) -> Any:
    """`smtp` (smtplib's SMTP or SMTP_SSL) that notes when the end of a message (CRLF.CRLF
    after DATA) has gone out: a connection lost after that may have delivered it."""

    class Marking(smtp):  # type: ignore[misc]
        message_sent = False

        def send(self, data: bytes | str) -> None:
            super().send(data)
            if isinstance(data, bytes) and data.endswith(b"\r\n.\r\n"):
                self.message_sent = True

    return Marking


def _reply(text: bytes | str) -> str:
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(text.split())
