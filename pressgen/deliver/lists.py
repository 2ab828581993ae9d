"""The newsletter to a list: one message per recipient, journalled, each sent once.

Every recipient gets a message of their own, built from the same data as the
written .eml: their address alone in To, the moment of sending in Date, a
Message-ID of its own, their salutation, and an unsubscribe link that carries
an HMAC token of their address (never the address itself) under a secret from
the environment.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import functools
import hashlib
import hmac
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pressgen.deliver.journal import JOURNAL_NAME, Journal
from pressgen.deliver.recipients import Recipient
from pressgen.deliver.smtp import MailServer, SendError, SmtpSettings
from pressgen.messages import N_, _
from pressgen.outputs.email import new_message_id
from pressgen.present.event import Presentation, Reader
from pressgen.present.language import edition_for
from pressgen.source.addresses import address_identity
from pressgen.source.event import is_local

if TYPE_CHECKING:
    from pressgen.pipeline import Rendered, RenderedEvent
    from pressgen.source.documents import Document, LoadedEvent

SECRET_VARIABLE = "PRESSGEN_UNSUBSCRIBE_SECRET"
MIN_SECRET = 16
TRIES = 3  # a temporary failure (4xx, a lost connection) is tried this often


def unsubscribe_token(address: str, secret: str) -> str:
    """What identifies a recipient in their unsubscribe link: HMAC-SHA256 of the address
    (case-folded) under the secret, 128 bits, URL-safe. The address is not in it."""
    digest = hmac.new(secret.encode(), address.casefold().encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


def personal_unsubscribe_url(url: str, address: str, secret: str) -> str:
    joiner = "&" if urlsplit(url).query else "?"
    return f"{url}{joiner}token={unsubscribe_token(address, secret)}"


def unsubscribe_secret(url: str | None) -> str:
    """The secret the tokens need, when the Abmeldelink is a web page (a mailto needs none)."""
    if not url or not url.lower().startswith("https://"):
        return ""
    secret = os.environ.get(SECRET_VARIABLE, "")
    if len(secret) < MIN_SECRET:
        raise SendError(
            _(
                "set {variable} to a secret of at least {length} characters: each "
                "recipient's unsubscribe link carries a token made with it (your unsubscribe "
                "page checks it with the same secret); keep it out of the project's files"
            ).format(variable=SECRET_VARIABLE, length=MIN_SECRET)
        )
    return secret


def personal_newsletter(
    rendered: Rendered,
    recipient: Recipient,
    secret: str,
    sent_at: dt.datetime,
    message_id: str,
    test_send: bool = False,
) -> bytes:
    """One recipient's message, from the presentation the send made once: their
    salutation and, with a secret, their own unsubscribe link; only the newsletter's text
    and HTML are rendered again."""
    from pressgen.outputs.email import build_email

    url = rendered.loaded.newsletter.unsubscribe_url
    own = personal_unsubscribe_url(url, recipient.email, secret) if secret and url else ""
    reader = Reader(recipient.salutation, own, recipient.language)
    event, text, html, language = rendered.newsletter_for(reader)
    return build_email(
        event, text, html, test_send, language=language,
        to=(recipient.name, recipient.email), sent_at=sent_at, message_id=message_id,
    )  # fmt: skip


# Photos up to this size travel with the press release; larger ones are linked.
ATTACH_PHOTOS_UP_TO = 3 * 1024 * 1024


@dataclass(frozen=True)
class PressRelease:
    """What every journalist's message carries, made once for the whole list."""

    loaded: LoadedEvent
    language: str  # de, or en for the English edition
    subject: str
    text: str
    attachments: tuple[tuple[str, bytes], ...]


# The attachments' names in the English edition's mail (the files are en/'s).
ENGLISH_ATTACHMENT_NAMES = {"pressemitteilung.pdf": "press-release.pdf",
                            "pressemitteilung.docx": "press-release.docx"}  # fmt: skip


def press_releases(rendered: RenderedEvent, docx: bool = False) -> dict[str, PressRelease]:
    """The press release for mailing in each language the event publishes (the German,
    and the English edition's where it has one), from the event as `build --documents`
    renders it: subject, plain text, and the PDF (with `docx` the Word file too) and
    photos to attach (photos over the limit linked instead)."""
    made = {"de": _press_release(rendered, rendered.shown, "", docx)}
    if rendered.english is not None:
        made["en"] = _press_release(rendered, rendered.english, "en/", docx)
    return made


def press_release(rendered: RenderedEvent, docx: bool = False) -> PressRelease:
    """The German press release for mailing (press_releases)."""
    return press_releases(rendered, docx)["de"]


def _press_release(
    rendered: RenderedEvent, shown: Presentation, folder: str, docx: bool
) -> PressRelease:
    from urllib.parse import urljoin

    from pressgen.present.language import LANGUAGES
    from pressgen.registry import PRESS_RELEASE_DOCX, PRESS_RELEASE_PDF, PRESS_RELEASE_TEXT

    files = rendered.outputs
    renamed = ENGLISH_ATTACHMENT_NAMES if shown.language == "en" else {}
    pdf_name = renamed.get(PRESS_RELEASE_PDF, PRESS_RELEASE_PDF)
    text = files[folder + PRESS_RELEASE_TEXT]
    pdf = files[folder + PRESS_RELEASE_PDF]
    assert isinstance(text, str) and isinstance(pdf, bytes)
    attachments: list[tuple[str, bytes]] = [(pdf_name, pdf)]
    word = files[folder + PRESS_RELEASE_DOCX]
    if docx and isinstance(word, bytes):
        attachments.append((renamed.get(PRESS_RELEASE_DOCX, PRESS_RELEASE_DOCX), word))
    linked = []
    base = shown.event.newsletter.image_base_url or shown.event.newsletter.web_url
    for photo in shown.event.press_release.photos:
        data = files.get(folder + photo.src)
        if isinstance(data, bytes) and len(data) <= ATTACH_PHOTOS_UP_TO:
            attachments.append((photo.src.rsplit("/", 1)[-1], data))
        elif base or not is_local(photo.src):
            linked.append(urljoin(base or "", photo.src))
    phrases = LANGUAGES[shown.language].phrases
    if linked:
        text = text.rstrip("\n") + "\n\n" + phrases.photos_to_download(linked) + "\n"
    subject = phrases.press_subject(
        shown.labels.press_release, shown.event.press_release.headline, shown.embargo_moment
    )
    return PressRelease(rendered.loaded, shown.language, subject, text, tuple(attachments))


def press_message(
    releases: dict[str, PressRelease], recipient: Recipient, sent_at: dt.datetime, message_id: str
) -> bytes:
    """The press release for one journalist, in their language where the event has it:
    its plain text in the body (after their salutation), the PDF and photos attached,
    replies to the Pressekontakt."""
    from pressgen.outputs.email import build_press_email

    release = releases[edition_for(recipient.language, releases)]
    text = f"{recipient.salutation}\n\n{release.text}" if recipient.salutation else release.text
    return build_press_email(
        release.loaded.event, release.subject, text, release.attachments,
        language=release.language, to=(recipient.name, recipient.email), sent_at=sent_at,
        message_id=message_id,
    )  # fmt: skip


def journal_path(loaded: Document) -> Path:
    """One journal per project (beside pressgen.yaml), else beside the event file."""
    from pressgen.source.project import project_for

    root = project_for(loaded.path).root
    return (root if root is not None else loaded.path.parent) / JOURNAL_NAME


@dataclass
class Outcome:
    """What a run did, for the closing lines."""

    sent: list[str] = dataclasses.field(default_factory=list)
    skipped: list[str] = dataclasses.field(default_factory=list)  # got it in an earlier run
    failed: list[tuple[str, str]] = dataclasses.field(default_factory=list)  # address, answer
    # The connection was lost between the message and the server's answer: it may have come.
    unknown: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    not_tried: list[str] = dataclasses.field(default_factory=list)  # the server stopped it


@dataclass(frozen=True)
class SendOptions:
    """How a send goes: what the user chose on the command line."""

    resume: bool = False  # continue the send that was cut short
    again: bool = False  # send also to those who got it in an earlier run
    resend_unknown: bool = False  # with resume: also where it may have arrived
    rate_per_minute: float | None = None
    retry_wait: float = 30.0  # seconds before a temporary failure is tried again


MessageMaker = Callable[[Recipient, dt.datetime, str], bytes]

# What a send of each kind (the journal's) is called in its messages: "an earlier send of
# this press release".
_THIS_KIND = {
    "press": N_("this press release"),
    "newsletter": N_("this newsletter"),
    "newsletter-test": N_("this newsletter-test"),
}


def document_key(loaded: Document, kind: str) -> str:
    """What was sent, for the journal: the kind and the document as it tells itself
    (Document.identity) — not where its file lies, so that a renamed or copied file is
    still the same document."""
    return f"{kind}|{loaded.identity()}"


def send_to_list(
    loaded: Document,
    recipients: Sequence[Recipient],
    list_path: Path | None,
    settings: SmtpSettings,
    *,
    kind: str,
    make: MessageMaker,
    options: SendOptions = SendOptions(),
    progress: Callable[[str], None] = lambda line: None,
) -> Outcome:
    """Send one message per recipient, each at most once, and write down every step.

    `recipients` come from a list file (`list_path`) or from the command line (None).
    `make` builds one recipient's message (name, address → bytes). `kind` keeps the
    journal of the press release and of test copies apart from the newsletter's.
    `progress` hears of each message as it goes: „3/20 sent: a@b.de“, and each retry.
    """
    sender = loaded.newsletter.sender.email
    # Bounces go to the envelope sender: the file's own mailbox for them, else the sender.
    envelope = loaded.newsletter.bounces_to or sender
    key = document_key(loaded, kind)
    # Journals written before keys named the document held the files' paths instead.
    earlier_key = f"{kind}|{loaded.path.resolve()}|{list_path.resolve()}" if list_path else key
    keys = [key, earlier_key]
    to_whom = list_path.name if list_path else _("these addresses")
    journal = Journal(journal_path(loaded))
    server = MailServer(settings)  # one connection for many messages
    try:
        run = journal.open_run(keys)
        this = _(_THIS_KIND[kind]) if kind in _THIS_KIND else _("this {kind}").format(kind=kind)
        if run is not None and not options.resume:
            done = sum(1 for d in journal.deliveries(run).values() if d.status == "sent")
            raise SendError(
                _(
                    "an earlier send of {this} to {to_whom} stopped after {done} of {total} "
                    "messages; continue it with --resume (the journal is {journal})"
                ).format(
                    this=this,
                    to_whom=to_whom,
                    done=done,
                    total=len(recipients),
                    journal=journal.path,
                )
            )
        if run is None and options.resume:
            raise SendError(
                _("there is no interrupted send of {this} to {to_whom}").format(
                    this=this, to_whom=to_whom
                )
            )
        before = journal.deliveries(run) if run is not None else {}
        had = set() if options.again else journal.delivered(keys)
        if run is None:
            run = journal.start(key, kind)
        outcome = Outcome()
        pause = 60.0 / options.rate_per_minute if options.rate_per_minute else 0.0
        total = len(recipients)
        for index, recipient in enumerate(recipients):
            count = f"{index + 1}/{total}"
            identity = address_identity(recipient.email)
            earlier = before.get(identity)
            if (earlier is not None and earlier.status == "sent") or identity in had:
                outcome.skipped.append(recipient.email)
                continue
            if earlier is not None and earlier.status == "unknown" and not options.resend_unknown:
                outcome.unknown.append((recipient.email, earlier.answer))
                continue
            # The same Message-ID on a resumed run: a message that did reach the server
            # before the journal heard of it is then one that mail programs know.
            message_id = earlier.message_id if earlier else new_message_id(sender)
            error = _deliver(
                journal, run, recipient, message_id, make, server, envelope, options.retry_wait,
                functools.partial(_counted_line, progress, count),
            )  # fmt: skip
            if error is None:
                outcome.sent.append(recipient.email)
                progress(_("{count} sent: {address}").format(count=count, address=recipient.email))
            elif error.unknown:
                outcome.unknown.append((recipient.email, str(error)))
                progress(
                    _("{count} perhaps sent: {address}").format(
                        count=count, address=recipient.email
                    )
                )
            else:
                outcome.failed.append((recipient.email, str(error)))
                if not error.about_the_server:  # the server's own trouble is said once, after
                    progress(
                        _("{count} not sent: {address}").format(
                            count=count, address=recipient.email
                        )
                    )
                if error.about_the_server:
                    # Every message after it would fail the same way: stop, resumable.
                    if not before and not outcome.sent and not outcome.unknown:
                        journal.finish(run)  # a new run that reached nobody: start anew
                        raise error
                    outcome.not_tried = [r.email for r in recipients[index + 1 :]]
                    break
            if pause:
                time.sleep(pause)
        if not outcome.unknown and not outcome.not_tried:
            journal.finish(run)
        return outcome
    finally:
        server.close()
        journal.close()


def _counted_line(progress: Callable[[str], None], count: str, said: str) -> None:
    progress(f"{count} {said}")


def message_maker(rendered: Rendered, secret: str, test_send: bool) -> MessageMaker:
    """Each recipient's newsletter, from one rendering of the document."""

    def make(recipient: Recipient, sent_at: dt.datetime, message_id: str) -> bytes:
        return personal_newsletter(rendered, recipient, secret, sent_at, message_id, test_send)

    return make


def _deliver(
    journal: Journal,
    run: int,
    recipient: Recipient,
    message_id: str,
    make: MessageMaker,
    server: MailServer,
    envelope: str,
    retry_wait: float,
    told: Callable[[str], None] = lambda line: None,
) -> SendError | None:
    """Send one message, trying a temporary failure again; None when the server took it.

    A message counts as delivered once the server has accepted it (250 after DATA); what
    happens after that never sends it again. A connection lost between the message and
    the answer is written down as unknown and not tried again here.
    """
    wait = retry_wait
    for attempt in range(1, TRIES + 1):
        message = make(recipient, dt.datetime.now(dt.UTC).astimezone(), message_id)
        journal.record(run, recipient.email, message_id, "sending")
        try:
            server.send(message, envelope, [recipient.email])
        except SendError as error:
            if error.unknown:
                journal.record(run, recipient.email, message_id, "unknown", str(error))
                return error
            # A server that cannot be reached stops the send at once (resumable); a
            # message it refused for now is tried again.
            if error.temporary and not error.about_the_server and attempt < TRIES:
                journal.record(run, recipient.email, message_id, "retry", str(error))
                seconds = f"{wait:g}"
                told(
                    _("refused for now, again in {seconds} s: {address} ({error})").format(
                        seconds=seconds, address=recipient.email, error=error
                    )
                )
                time.sleep(wait)
                wait *= 2
                continue
            journal.record(run, recipient.email, message_id, "failed", str(error))
            return error
        journal.record(run, recipient.email, message_id, "sent", "accepted")
        return None
    raise AssertionError("not reached: the last try returns either way")
