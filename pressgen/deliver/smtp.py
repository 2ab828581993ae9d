"""Sending the newsletter: recipients, the SMTP connection, and what can go wrong."""

from __future__ import annotations

import contextlib
import errno
import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pressgen.errors import PressgenError
from pressgen.messages import _
from pressgen.outputs.email import needs_smtputf8
from pressgen.source.addresses import (
    address_identity,
    ascii_domain,
    email_problem,
    is_loopback,
)

# The network says the server cannot be reached at all.
_UNREACHABLE = {errno.EHOSTUNREACH, errno.ENETUNREACH, errno.ECONNREFUSED, errno.ETIMEDOUT,
                errno.EHOSTDOWN, errno.ENETDOWN}  # fmt: skip


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
        raise SendError(_("not an email address: {addresses}").format(addresses=", ".join(bad)))
    if not addresses:
        raise SendError(_("no recipient given"))
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
    # Messages sent over one connection before it is opened again: logging in once for
    # many messages saves the server and the sender work; servers limit it (often 100).
    per_connection: int = 100


def send_email(
    message: bytes, sender: str, recipients: Sequence[str], settings: SmtpSettings
) -> None:
    """Send the bytes unchanged to the recipients over a connection of their own; any
    failure becomes a one-line SendError."""
    with MailServer(settings) as server:
        server.send(message, sender, recipients)


class MailServer:
    """A connection to the mail server, kept for `settings.per_connection` messages.

    Opened when the first message goes, opened again after that many, and after any
    failure (the next message starts from a clean connection). A password never goes
    unencrypted to another computer: without encryption (security none) only a server
    on this computer may be given one.
    """

    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings
        self.where = f"{settings.host}:{settings.port}"
        self._server: Any = None
        self._sent = 0  # messages over the open connection

    def __enter__(self) -> MailServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def send(self, message: bytes, sender: str, recipients: Sequence[str]) -> None:
        """Send the bytes unchanged to the recipients; any failure becomes a one-line
        SendError (its `unknown` set when the message may have arrived all the same)."""
        settings = self.settings
        if settings.security == "none" and settings.password and not is_loopback(settings.host):
            raise SendError(
                _(
                    "refusing to send the password unencrypted to {host} "
                    "(--security none); use --security starttls or ssl"
                ).format(host=settings.host),
                about_the_server=True,
            )
        with self._as_send_error(sender):
            if self._server is not None and self._sent >= max(1, settings.per_connection):
                self.close()
            if self._server is None:
                self._server = self._connect()
            server = self._server
            server.message_sent = False
            try:
                refused = self._send(server, message, sender, recipients)
            except OSError as error:  # smtplib's errors are OSErrors too
                self.close()
                answered = isinstance(error, self._smtplib.SMTPResponseException)
                if server.message_sent and not answered:
                    reply = error or _("no reply")
                    raise SendError(
                        _(
                            "the connection to the mail server {server} was lost after the "
                            "message went out and before the server answered ({reply}): it may "
                            "have been delivered"
                        ).format(server=self.where, reply=reply),
                        unknown=True,
                    ) from None
                raise
            self._sent += 1
        if refused:
            names = ", ".join(sorted(refused))
            raise SendError(
                _("the mail server {server} refused some recipients: {addresses}").format(
                    server=self.where, addresses=names
                )
            )

    def close(self) -> None:
        """Say goodbye to the server, if a connection is open."""
        server, self._server, self._sent = self._server, None, 0
        if server is not None:
            # The server took every message it answered 250 to: whatever QUIT answers, or
            # a connection that drops now, changes nothing about that.
            with contextlib.suppress(OSError, self._smtplib.SMTPException):
                server.quit()
            server.close()

    @functools.cached_property
    def _smtplib(self) -> Any:
        import smtplib  # only sending needs it

        return smtplib

    def _connect(self) -> Any:
        import ssl

        settings, smtplib = self.settings, self._smtplib
        if settings.security == "ssl":
            context = ssl.create_default_context()
            server = _marking(smtplib.SMTP_SSL)(
                settings.host, settings.port, timeout=settings.timeout, context=context
            )
        else:
            server = _marking(smtplib.SMTP)(settings.host, settings.port, timeout=settings.timeout)
        try:
            if settings.security == "starttls":
                server.starttls(context=ssl.create_default_context())
            if settings.user:
                server.login(settings.user, settings.password or "")
        except BaseException:
            server.close()
            raise
        return server

    def _send(
        self, server: Any, message: bytes, sender: str, recipients: Sequence[str]
    ) -> dict[str, Any]:
        options = []
        if needs_smtputf8([sender, *recipients]):
            server.ehlo_or_helo_if_needed()
            if not server.has_extn("smtputf8"):
                wide = [a for a in (sender, *recipients) if needs_smtputf8([a])]
                raise SendError(
                    _(
                        "the mail server {server} does not take addresses with letters beyond "
                        "ASCII before the @ (it offers no SMTPUTF8): {addresses}"
                    ).format(server=self.where, addresses=", ".join(wide)),
                    553,  # it will not take them later either
                )
            options.append("SMTPUTF8")
        refused: dict[str, Any] = server.sendmail(
            _envelope(sender), [_envelope(r) for r in recipients], message, options
        )
        return refused

    @contextlib.contextmanager
    def _as_send_error(self, sender: str) -> Iterator[None]:
        """Any failure closes the connection (the next message opens a clean one) and
        reaches the caller as a one-line SendError."""
        try:
            yield
        except SendError:
            self.close()
            raise
        except Exception as error:
            self.close()
            raise self.explained(error, sender) from None

    def explained(self, error: Exception, sender: str) -> Exception:
        """smtplib's and the network's failures as SendErrors, each in plain words."""
        import socket
        import ssl

        smtplib, where = self._smtplib, self.where
        if isinstance(error, smtplib.SMTPAuthenticationError):
            return SendError(
                _("the mail server {server} refused the login of {user}: {code} {reply}").format(
                    server=where,
                    user=repr(self.settings.user),
                    code=error.smtp_code,
                    reply=_reply(error.smtp_error),
                ),
                535,  # a wrong login does not get better by trying again
                about_the_server=True,
            )
        if isinstance(error, smtplib.SMTPRecipientsRefused):
            codes = "; ".join(
                f"{rcpt}: {code} {_reply(text)}" for rcpt, (code, text) in error.recipients.items()
            )
            first = min(code for code, _text in error.recipients.values())
            return SendError(
                _("the mail server {server} refused every recipient: {answers}").format(
                    server=where, answers=codes
                ),
                first,
            )
        if isinstance(error, smtplib.SMTPSenderRefused):
            return SendError(
                _("the mail server {server} refused the sender {sender}: {code} {reply}").format(
                    server=where,
                    sender=sender,
                    code=error.smtp_code,
                    reply=_reply(error.smtp_error),
                ),
                error.smtp_code,
                about_the_server=True,
            )
        if isinstance(error, smtplib.SMTPResponseException):
            return SendError(
                _("the mail server {server} refused the message: {code} {reply}").format(
                    server=where, code=error.smtp_code, reply=_reply(error.smtp_error)
                ),
                error.smtp_code,
            )
        if isinstance(error, smtplib.SMTPNotSupportedError):
            return SendError(
                _("the mail server {server} does not support this: {error}").format(
                    server=where, error=error
                )
            )
        if isinstance(error, ConnectionRefusedError):
            return SendError(
                _("cannot connect to the mail server {server}: connection refused").format(
                    server=where
                ),
                about_the_server=True,
            )
        if isinstance(error, socket.gaierror):
            return SendError(
                _(
                    "cannot find the mail server {server}: the name does not resolve "
                    "(no network, or a typing error in --smtp-host?)"
                ).format(server=where),
                about_the_server=True,
            )
        if isinstance(error, (ConnectionError, smtplib.SMTPConnectError)) or (
            isinstance(error, OSError) and error.errno in _UNREACHABLE
        ):
            # Down, or no way there: the next message would fail the same way.
            return SendError(
                _("cannot reach the mail server {server}: {error}").format(
                    server=where, error=error
                ),
                about_the_server=True,
            )
        if isinstance(error, TimeoutError):
            return SendError(
                _("the mail server {server} did not answer in time").format(server=where),
                about_the_server=True,
            )
        if isinstance(error, ssl.SSLError):
            return SendError(
                _("secure connection to {server} failed: {reason}").format(
                    server=where, reason=error.reason
                ),
                about_the_server=True,
            )
        if isinstance(error, (OSError, smtplib.SMTPException)):
            return SendError(
                _("sending through {server} failed: {error}").format(server=where, error=error)
            )
        return error


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
