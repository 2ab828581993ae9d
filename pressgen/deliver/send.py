"""What `send` does, for every kind of document: render it once, say what would go out,
and send one message per recipient through the journal (pressgen.deliver.lists).

Whether a document may go to subscribers yet is pressgen.embargo's to say, as for every
path; the command line only prints what comes back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pressgen import embargo
from pressgen.clock import current_time
from pressgen.deliver.lists import (
    MessageMaker,
    Outcome,
    SendOptions,
    message_maker,
    press_message,
    press_releases,
    send_to_list,
    unsubscribe_secret,
)
from pressgen.deliver.recipients import Recipient, decoded, load_recipients
from pressgen.deliver.smtp import SmtpSettings, parse_recipients
from pressgen.errors import DataError, Problem, display_path
from pressgen.messages import _, ngettext
from pressgen.outputs.email import attachment_names, new_message_id, subject_of
from pressgen.pipeline import Choices, Rendered, render_path
from pressgen.present.language import edition_for
from pressgen.registry import PRESS_RELEASE_PDF


def recipients_of(
    addresses: Sequence[str], list_file: Path | None, language: str = ""
) -> list[Recipient]:
    """The recipients of --to (addresses, commas allowed; reading `language`) or of
    --to-list (a file, with each recipient's language)."""
    if list_file is not None:
        return load_recipients(list_file)
    return [Recipient(address, language=language) for address in parse_recipients(addresses)]


@dataclass(frozen=True)
class Send:
    """One send of one rendered document: what goes to whom, made once."""

    rendered: Rendered
    recipients: list[Recipient]
    list_file: Path | None
    kind: str  # the journal's: newsletter, newsletter-test, press
    make: MessageMaker
    held: embargo.Hold | None = None  # what holds a newsletter back now, if anything
    # Why a real send now would be refused (pressgen.embargo), for a dry run to say.
    refusal: embargo.EmbargoError | None = None

    @property
    def warnings(self) -> list[Problem]:
        return self.rendered.warnings

    def sample(self) -> bytes:
        """The first recipient's message as it would go out."""
        sender = self.rendered.loaded.newsletter.sender.email
        return self.make(self.recipients[0], dt.datetime.now(dt.UTC).astimezone(),
                         new_message_id(sender))  # fmt: skip

    def preview(self) -> list[str]:
        """What a dry run prints: subject, sender, recipients, size, attachments, when
        it becomes public."""
        sample = self.sample()
        sender = self.rendered.loaded.newsletter.sender
        if self.list_file is not None:
            encoding = decoded(self.list_file, self.list_file.read_bytes())[1]
            count = len(self.recipients)
            listed = ngettext(
                "{count} recipient in {list} (read as {encoding})",
                "{count} recipients in {list} (read as {encoding})",
                count,
            ).format(count=count, list=display_path(self.list_file), encoding=encoding)
        else:
            listed = ", ".join(recipient.email for recipient in self.recipients)
        # The labels line up: a translation keeps the values in one column.
        lines = [
            _("Subject:    {subject}").format(subject=subject_of(sample)),
            _("From:       {name} <{address}>").format(name=sender.name, address=sender.email),
            _("Recipients: {recipients}, one message each").format(recipients=listed),
            _("Size:       {size} bytes for the first message").format(size=len(sample)),
        ]
        readers = sum(1 for recipient in self.recipients if recipient.language == "en")
        if readers:
            english = edition_for("en", self.rendered.languages) == "en"
            line = (
                ngettext(
                    "Language:   {count} recipient gets the English edition",
                    "Language:   {count} recipients get the English edition",
                    readers,
                )
                if english
                else ngettext(
                    "Language:   {count} recipient asks for English; this has no English "
                    "edition (languages: [de, en]), so they get the German",
                    "Language:   {count} recipients ask for English; this has no English "
                    "edition (languages: [de, en]), so they get the German",
                    readers,
                )
            )
            lines.append(line.format(count=readers))
        if self.kind == "press":
            attached = ", ".join(attachment_names(sample)) or _("nothing")
            lines.append(_("Attached:   {files}").format(files=attached))
        if self.held is not None:
            lines.append(_("Public:     from {moment}").format(moment=self.held))
        return lines

    def run(
        self,
        settings: SmtpSettings,
        options: SendOptions,
        progress: Callable[[str], None] = lambda line: None,
    ) -> Outcome:
        return send_to_list(
            self.rendered.loaded, self.recipients, self.list_file, settings,
            kind=self.kind, make=self.make, options=options, progress=progress,
        )  # fmt: skip


def newsletter_send(
    path: Path,
    recipients: list[Recipient],
    list_file: Path | None,
    before_embargo: bool,
    dry_run: bool = False,
) -> Send:
    """The newsletter of an event file or a newsletter file: rendered once, each
    recipient's copy with their salutation and, for a list, their own unsubscribe link.
    Before the document is public a send is refused, or with `before_embargo` a test
    marked [TEST] and journalled apart; a dry run only says when it becomes public."""
    now = current_time()
    rendered = render_path(path, now)
    loaded = rendered.loaded
    secret = unsubscribe_secret(loaded.newsletter.unsubscribe_url) if list_file else ""
    held = embargo.held(loaded, now)
    refusal = None
    try:
        test_send = embargo.send_is_test(loaded, now, before_embargo)
    except embargo.EmbargoError:
        if not dry_run or held is None:
            raise
        test_send = False
        refusal = embargo.EmbargoError(
            _(
                "a send now would be refused: not public before {moment}; "
                "--before-embargo sends a test whose subject starts with [TEST]"
            ).format(moment=held.moment)
        )
    # A test copy is journalled apart: it never counts as the newsletter itself.
    kind = "newsletter-test" if test_send else "newsletter"
    make = message_maker(rendered, secret, test_send)
    return Send(rendered, recipients, list_file, kind, make, held, refusal)


def press_send(path: Path, recipients: list[Recipient], list_file: Path | None, docx: bool) -> Send:
    """send --press: the press release of an event file, one message per journalist, the
    PDF (and with `docx` the Word file) and the photos attached."""
    rendered = render_path(path, current_time(), Choices(documents=True))
    if PRESS_RELEASE_PDF not in rendered.outputs:
        message = _("a newsletter file has no press release: send --press takes an event file")
        raise DataError([Problem(path, 1, 1, message, code="PG007")])
    releases = press_releases(rendered, docx)  # type: ignore[arg-type]  # it has a release

    def make(recipient: Recipient, sent_at: dt.datetime, message_id: str) -> bytes:
        return press_message(releases, recipient, sent_at, message_id)

    return Send(rendered, recipients, list_file, "press", make)
