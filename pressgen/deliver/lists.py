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
import hashlib
import hmac
import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from pressgen.deliver.journal import JOURNAL_NAME, Journal
from pressgen.deliver.recipients import Recipient
from pressgen.deliver.smtp import SendError, SmtpSettings, send_email
from pressgen.outputs.email import new_message_id
from pressgen.registry import NEWSLETTER_HTML, NEWSLETTER_TEXT
from pressgen.source.addresses import address_identity
from pressgen.source.model import is_local

if TYPE_CHECKING:
    from pressgen.issue import LoadedIssue
    from pressgen.pipeline import LoadedEvent
    from pressgen.source.model import Newsletter

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
            f"set {SECRET_VARIABLE} to a secret of at least {MIN_SECRET} characters: each "
            "recipient's unsubscribe link carries a token made with it (your unsubscribe page "
            "checks it with the same secret); keep it out of the project's files"
        )
    return secret


def personal_message(
    loaded: LoadedEvent,
    recipient: Recipient,
    secret: str,
    sent_at: dt.datetime,
    message_id: str,
    test_send: bool = False,
) -> bytes:
    """One recipient's message, rendered through the same presentation as the build."""
    from pressgen.outputs.email import build_email
    from pressgen.outputs.render import render_event
    from pressgen.photos import local_photo_sizes
    from pressgen.present import present

    event = loaded.event
    newsletter = event.newsletter
    if secret and newsletter.unsubscribe_url:
        url = personal_unsubscribe_url(newsletter.unsubscribe_url, recipient.email, secret)
        event = event.model_copy(
            update={"newsletter": newsletter.model_copy(update={"unsubscribe_url": url})}
        )
    shown = present(event, None, local_photo_sizes(event, loaded.path.parent))
    shown = dataclasses.replace(shown, salutation=recipient.salutation)
    files = render_event(shown, loaded.path.parent, loaded.project.template_dirs).files
    text, html = files[NEWSLETTER_TEXT], files[NEWSLETTER_HTML]
    assert isinstance(text, str) and isinstance(html, str)
    return build_email(
        shown.event, text, html, test_send,
        to=(recipient.name, recipient.email), sent_at=sent_at, message_id=message_id,
    )  # fmt: skip


def personal_issue_message(
    loaded: LoadedIssue,
    recipient: Recipient,
    secret: str,
    sent_at: dt.datetime,
    message_id: str,
    test_send: bool = False,
) -> bytes:
    """One recipient's copy of a newsletter file (an `issue:` section), as the build
    renders it, with their salutation and their own unsubscribe link."""
    from pressgen.german import phrases
    from pressgen.issue import present_issue, render_issue
    from pressgen.outputs.email import build_email
    from pressgen.source.project import project_for

    shown = present_issue(loaded)
    frame = shown.frame
    event = frame.event
    newsletter = event.newsletter
    if secret and newsletter.unsubscribe_url:
        url = personal_unsubscribe_url(newsletter.unsubscribe_url, recipient.email, secret)
        event = event.model_copy(
            update={"newsletter": newsletter.model_copy(update={"unsubscribe_url": url})}
        )
        words = phrases.unsubscribe_text(url, event.typography)
        frame = dataclasses.replace(frame, event=event, unsubscribe_text=words)
    # The list's own salutation takes the place of the one for everyone.
    frame = dataclasses.replace(frame, salutation=recipient.salutation or frame.salutation)
    template_dirs = project_for(loaded.path).template_dirs
    files = render_issue(dataclasses.replace(shown, frame=frame), template_dirs)
    text, html = files[NEWSLETTER_TEXT], files[NEWSLETTER_HTML]
    assert isinstance(text, str) and isinstance(html, str)
    return build_email(
        event, text, html, test_send,
        to=(recipient.name, recipient.email), sent_at=sent_at, message_id=message_id,
    )  # fmt: skip


def newsletter_of(loaded: LoadedEvent | LoadedIssue) -> Newsletter:
    """Who sends it: the event's newsletter settings, or a newsletter file's first event's."""
    from pressgen.issue import LoadedIssue

    if isinstance(loaded, LoadedIssue):
        return loaded.events[min(loaded.events)].event.newsletter
    return loaded.event.newsletter


# Photos up to this size travel with the press release; larger ones are linked.
ATTACH_PHOTOS_UP_TO = 3 * 1024 * 1024


@dataclass(frozen=True)
class PressRelease:
    """What every journalist's message carries, made once for the whole list."""

    loaded: LoadedEvent
    subject: str
    text: str
    attachments: tuple[tuple[str, bytes], ...]


def press_release(
    loaded: LoadedEvent, files: Mapping[str, str | bytes], docx: bool = False
) -> PressRelease:
    """The press release for mailing, from the event's outputs as `build --documents` makes
    them (`files`): subject, plain text, and the PDF (with `docx` the Word file too) and
    photos to attach (photos over the limit linked instead)."""
    from urllib.parse import urljoin

    from pressgen.german import phrases
    from pressgen.present import present
    from pressgen.registry import PRESS_RELEASE_DOCX, PRESS_RELEASE_PDF, PRESS_RELEASE_TEXT

    shown = present(loaded.event)  # only its words: subject, label, Sperrfrist
    text = files[PRESS_RELEASE_TEXT]
    pdf = files[PRESS_RELEASE_PDF]
    assert isinstance(text, str) and isinstance(pdf, bytes)
    attachments: list[tuple[str, bytes]] = [(PRESS_RELEASE_PDF, pdf)]
    word = files[PRESS_RELEASE_DOCX]
    if docx and isinstance(word, bytes):
        attachments.append((PRESS_RELEASE_DOCX, word))
    linked = []
    base = shown.event.newsletter.image_base_url or shown.event.newsletter.web_url
    for photo in shown.event.press_release.photos:
        data = files.get(photo.src)
        if isinstance(data, bytes) and len(data) <= ATTACH_PHOTOS_UP_TO:
            attachments.append((photo.src.rsplit("/", 1)[-1], data))
        elif base or not is_local(photo.src):
            linked.append(urljoin(base or "", photo.src))
    if linked:
        text = text.rstrip("\n") + "\n\n" + phrases.photos_to_download(linked) + "\n"
    subject = phrases.press_subject(
        shown.labels.press_release, shown.event.press_release.headline, shown.embargo_moment
    )
    return PressRelease(loaded, subject, text, tuple(attachments))


def press_message(
    release: PressRelease, recipient: Recipient, sent_at: dt.datetime, message_id: str
) -> bytes:
    """The press release for one journalist: its plain text in the body (after their
    salutation), the PDF and photos attached, replies to the Pressekontakt."""
    from pressgen.outputs.email import build_press_email

    text = f"{recipient.salutation}\n\n{release.text}" if recipient.salutation else release.text
    return build_press_email(
        release.loaded.event, release.subject, text, release.attachments,
        to=(recipient.name, recipient.email), sent_at=sent_at, message_id=message_id,
    )  # fmt: skip


def journal_path(loaded: LoadedEvent | LoadedIssue) -> Path:
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


def document_key(loaded: LoadedEvent | LoadedIssue, kind: str) -> str:
    """What was sent, for the journal: the kind and the document, told by its organisation,
    its event (title and day) or issue (its day), and the phase it is told in — not by
    where its file lies, so that a renamed or copied file is still the same document."""
    from pressgen.issue import LoadedIssue
    from pressgen.present import phase_of

    if isinstance(loaded, LoadedIssue):
        first = loaded.events[min(loaded.events)].event
        document = f"issue|{first.organisation.name}|{loaded.issue.issue.publication_date}"
    else:
        event = loaded.event
        document = (
            f"event|{event.organisation.name}|{event.event.title}|{event.event.date}|"
            f"{phase_of(event)}"
        )
    return f"{kind}|{document}"


def send_to_list(
    loaded: LoadedEvent | LoadedIssue,
    recipients: Sequence[Recipient],
    list_path: Path | None,
    settings: SmtpSettings,
    *,
    kind: str = "newsletter",
    make: MessageMaker | None = None,
    options: SendOptions = SendOptions(),
    progress: Callable[[str], None] = lambda _: None,
) -> Outcome:
    """Send one message per recipient, each at most once, and write down every step.

    `recipients` come from a list file (`list_path`) or from the command line (None).
    `make` builds one recipient's message (name, address → bytes); by default the
    newsletter with its unsubscribe token. `kind` keeps the journal of the press
    release apart from the newsletter's.
    """
    newsletter = newsletter_of(loaded)
    sender = newsletter.sender.email
    if make is None:
        make = message_maker(loaded, unsubscribe_secret(newsletter.unsubscribe_url), False)
    key = document_key(loaded, kind)
    # Journals written before keys named the document held the files' paths instead.
    earlier_key = f"{kind}|{loaded.path.resolve()}|{list_path.resolve()}" if list_path else key
    keys = [key, earlier_key]
    to_whom = list_path.name if list_path else "these addresses"
    journal = Journal(journal_path(loaded))
    try:
        run = journal.open_run(keys)
        what = "press release" if kind == "press" else kind
        if run is not None and not options.resume:
            done = sum(1 for d in journal.deliveries(run).values() if d.status == "sent")
            raise SendError(
                f"an earlier send of this {what} to {to_whom} stopped after {done} of "
                f"{len(recipients)} messages; continue it with --resume (the journal is "
                f"{journal.path})"
            )
        if run is None and options.resume:
            raise SendError(f"there is no interrupted send of this {what} to {to_whom}")
        before = journal.deliveries(run) if run is not None else {}
        had = set() if options.again else journal.delivered(keys)
        if run is None:
            run = journal.start(key, kind)
        outcome = Outcome()
        pause = 60.0 / options.rate_per_minute if options.rate_per_minute else 0.0
        for index, recipient in enumerate(recipients):
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
                journal, run, recipient, message_id, make, settings, sender, options.retry_wait
            )
            if error is None:
                outcome.sent.append(recipient.email)
                progress(recipient.email)
            elif error.unknown:
                outcome.unknown.append((recipient.email, str(error)))
            else:
                outcome.failed.append((recipient.email, str(error)))
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
        journal.close()


def message_maker(loaded: LoadedEvent | LoadedIssue, secret: str, test_send: bool) -> MessageMaker:
    """Each recipient's newsletter: an event's, or a newsletter file's."""
    from pressgen.issue import LoadedIssue

    if isinstance(loaded, LoadedIssue):
        issue = loaded

        def make_issue(recipient: Recipient, sent_at: dt.datetime, message_id: str) -> bytes:
            return personal_issue_message(issue, recipient, secret, sent_at, message_id, test_send)

        return make_issue
    event_file = loaded

    def make(recipient: Recipient, sent_at: dt.datetime, message_id: str) -> bytes:
        return personal_message(event_file, recipient, secret, sent_at, message_id, test_send)

    return make


def _deliver(
    journal: Journal,
    run: int,
    recipient: Recipient,
    message_id: str,
    make: MessageMaker,
    settings: SmtpSettings,
    sender: str,
    retry_wait: float,
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
            send_email(message, sender, [recipient.email], settings)
        except SendError as error:
            if error.unknown:
                journal.record(run, recipient.email, message_id, "unknown", str(error))
                return error
            # A server that cannot be reached stops the send at once (resumable); a
            # message it refused for now is tried again.
            if error.temporary and not error.about_the_server and attempt < TRIES:
                journal.record(run, recipient.email, message_id, "retry", str(error))
                time.sleep(wait)
                wait *= 2
                continue
            journal.record(run, recipient.email, message_id, "failed", str(error))
            return error
        journal.record(run, recipient.email, message_id, "sent", "accepted")
        return None
    raise AssertionError("not reached: the last try returns either way")
