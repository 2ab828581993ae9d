"""The command line: parse arguments, call one function, turn errors into exit codes."""

from __future__ import annotations

import atexit
import functools
import gc
import importlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from pressgen import __version__, report
from pressgen.errors import DataError, PressgenError, Problem, display_path, printable
from pressgen.messages import _, ngettext, speak_to_click
from pressgen.registry import LIST_MANAGER_NOTES, NEWSLETTER_HTML, PRESS_RELEASE_HTML
from pressgen.report import counted

if TYPE_CHECKING:
    from pressgen import pipeline
    from pressgen.deliver.lists import Outcome
    from pressgen.deliver.smtp import SmtpSettings
    from pressgen.source.event import Phase

# click's own words (Usage, Options, its errors) in the user's language too.
speak_to_click()

JOBS = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=None,
    help=_("Processes for many events [default: the number of processor cores]."),
)
EVENT_PATHS = click.argument(
    "paths", nargs=-1, required=False, type=click.Path(path_type=Path, exists=False)
)


def _event_paths(paths: tuple[Path, ...]) -> list[Path]:
    """The paths given, or inside a project (pressgen.yaml) its events folder."""
    if paths:
        return list(paths)
    from pressgen.source.project import find_config, load_project

    config = find_config(Path.cwd())
    if config is None:
        raise click.UsageError(
            _(
                "give event files or folders, or run this inside a pressgen project "
                "(a folder with pressgen.yaml; 'pressgen new DIR' makes one)"
            )
        )
    events = load_project(config).events_dir
    assert events is not None
    return [events]


DRAFT = click.option(
    "--draft",
    is_flag=True,
    help=_(
        "Accept drafts (draft: yes): their open facts show as [… offen]. Without it a "
        "draft is an error (PG601)."
    ),
)


def _phase_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--phase, as each command says what it does with it."""
    return click.option(
        "--phase", type=click.Choice(["invitation", "recap"]), default=None, help=help_text
    )


PHASE = _phase_option(
    _(
        "Build the invitation (before the event) or the recap (after it) on purpose, into "
        "<event>-einladung or <event>-rueckblick [default: as the file's dates say]."
    )
)
CHECK_PHASE = _phase_option(
    _(
        "Check the invitation (before the event) or the recap (after it) [default: as the "
        "file's dates say]."
    )
)


LIST_MANAGER = click.option(
    "--for",
    "list_manager",
    type=click.Choice(["listmonk", "mailchimp", "brevo", "cleverreach"]),  # LIST_MANAGERS
    default=None,
    help=_(
        "The newsletter for a list manager that sends it: its placeholders for the "
        "unsubscribe link, the web version and the preview text, no .eml, and uebergabe.txt; "
        "written to <event>-<system>."
    ),
)


def _phase(value: str | None) -> Phase | None:
    """--phase as the pipeline takes it (click.Choice has checked the value)."""
    return cast("Phase | None", value)


F = TypeVar("F", bound=Callable[..., Any])
_LOADED: list[bool] = []


def loads(*modules: str) -> Callable[[F], F]:
    """A command's own modules, imported before it runs with the garbage collector paused.

    A cold start creates hundreds of thousands of objects that live as long as the
    process (modules, classes, schemas, compiled patterns). The collector would walk
    them again and again while they are made, and once more at exit: a fifth of a
    cold build. So they are made without it, then set aside for good (gc.freeze); the
    command itself runs with the collector as usual. Once per process.
    """

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            if not _LOADED:
                _LOADED.append(True)
                gc.disable()
                try:
                    for module in modules:
                        importlib.import_module(module)
                finally:
                    gc.freeze()
                    gc.enable()
                atexit.register(gc.freeze)  # what the command made, too: no walk at exit
            return command(*args, **kwargs)

        return cast(F, run)

    return decorate


@click.group(
    context_settings={"help_option_names": ["-h", "--help"]},
    options_metavar=_("[OPTIONS]"),
    subcommand_metavar=_("COMMAND [ARGS]..."),
    help=_("German press releases and newsletter emails from one YAML file per event."),
)
@click.version_option(__version__, prog_name="pressgen")
def main() -> None:
    pass


@main.command(
    options_metavar=_("[OPTIONS]"),
    help=_(
        "Write press release, newsletter, plain texts, .eml and .ics for each event file.\n\n"
        "PATHS are event files or folders of them (every *.yaml inside); without PATHS, "
        "the events folder of the project in which you are."
    ),
)
@EVENT_PATHS
@click.option(
    "--out",
    "out_root",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help=_(
        "Folder for the outputs, each event in a subfolder named after its file "
        "[default: the project's output folder, else out]."
    ),
)
@DRAFT
@PHASE
@LIST_MANAGER
@click.option(
    "--documents",
    is_flag=True,
    help=_(
        "Also write the press release as pressemitteilung.pdf (A4, tagged PDF/UA; needs "
        "Debian's pango libraries) and as pressemitteilung.docx (Word)."
    ),
)
@JOBS
@loads("pressgen.pipeline", "pressgen.outputs.render", "pressgen.outputs.newsletter")
def build(
    paths: tuple[Path, ...],
    out_root: Path | None,
    draft: bool,
    phase: str | None,
    list_manager: str | None,
    documents: bool,
    jobs: int | None,
) -> None:
    import datetime as dt

    from pressgen import pipeline
    from pressgen.clock import current_time
    from pressgen.embargo import EMBARGOED, Hold, held_at

    with _reported_errors(_("nothing was written")):
        event_paths = _event_paths(paths)
    with (
        _reported_errors(_("nothing was written")),
        _progress(event_paths, _("Building")) as progress,
    ):
        results = pipeline.build(
            event_paths,
            out_root,
            jobs=_jobs(jobs),
            progress=progress,
            choices=pipeline.Choices(
                draft,
                _phase(phase),
                documents,
                list_manager,
                press_room=pipeline.builds_press_room(paths, phase, list_manager),
            ),
        )
    _warn([warning for built in results for warning in built.warnings])
    now = current_time()
    for built in results:
        changed = _("{written} written, {unchanged} unchanged").format(
            written=len(built.written), unchanged=len(built.unchanged)
        )
        if held_at(built.public_from, now):  # why embargoed/: not to be published yet
            moment = Hold(dt.datetime.fromisoformat(built.public_from), "").moment
            changed += _("; not public before {moment}: publish it only then").format(moment=moment)
        say(f"{display_path(built.path)} → {display_path(built.out_dir)}/ ({changed})")
    for folder in results.removed:  # renamed or deleted: nothing may publish it any more
        say(_("{folder}/ removed: its event file is gone").format(folder=display_path(folder)))
    from pressgen.site.press_room import robots_advice

    roots = {b.out_dir.parent.parent if b.out_dir.parent.name == EMBARGOED else b.out_dir.parent
             for b in results}  # fmt: skip
    for root in sorted(roots):
        advice = robots_advice(root)
        if advice:
            say(advice)
    if results and list_manager:
        from pressgen.registry import LIST_MANAGERS

        notes = display_path(results[0].out_dir / LIST_MANAGER_NOTES)
        label = LIST_MANAGERS[list_manager].label
        say(
            _("Next: read {notes}, then give newsletter.html and newsletter.txt to {system}.")
            .format(notes=notes, system=label)
        )  # fmt: skip
    elif results:
        # The first press release built; a newsletter file has none, but its newsletter.
        pages = [
            built.out_dir / PRESS_RELEASE_HTML
            for built in results
            if PRESS_RELEASE_HTML in (*built.written, *built.unchanged)
        ]
        first = display_path(pages[0] if pages else results[0].out_dir / NEWSLETTER_HTML)
        command = " ".join(["pressgen preview", *(display_path(path) for path in paths)])
        say(
            _("Next: open {page} in a browser, or see every output with: {command}").format(
                page=first, command=command
            )
        )


@main.command(
    options_metavar=_("[OPTIONS]"),
    help=_(
        "Validate, render in memory and check every output; write nothing.\n\n"
        "Each finding has a code: PG1xx consistency across the outputs, PG2xx "
        "completeness, PG3xx limits, PG4xx links, PG5xx dates, PG6xx drafts, PG7xx the "
        "author's texts, PG8xx mail programs (with --clients)."
    ),
)
@EVENT_PATHS
@click.option("--strict", is_flag=True, help=_("Treat warnings as errors (exit status 1)."))
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=_("json: one machine-readable report on standard output."),
)
@click.option(
    "--clients",
    is_flag=True,
    help=_(
        "Also report what Gmail, Outlook, Apple Mail, GMX, WEB.DE and other major mail "
        "programs do not support in newsletter.html (caniemail data, PG801)."
    ),
)
@click.option(
    "--ignore-feature",
    "ignored_features",
    multiple=True,
    metavar="SLUG",
    help=_("With --clients: leave out this caniemail feature, e.g. css-border-radius."),
)
@click.option(
    "--documents",
    is_flag=True,
    help=_(
        "Also make the press release as PDF and Word file, read both back and report a "
        "part of the release (facts box, programme, quote …) that either lacks (PG108)."
    ),
)
@DRAFT
@CHECK_PHASE
@LIST_MANAGER
@JOBS
@loads("pressgen.pipeline", "pressgen.outputs.render", "pressgen.outputs.newsletter")
def check(
    paths: tuple[Path, ...],
    strict: bool,
    output_format: str,
    clients: bool,
    ignored_features: tuple[str, ...],
    documents: bool,
    draft: bool,
    phase: str | None,
    list_manager: str | None,
    jobs: int | None,
) -> None:
    import datetime as dt

    from pressgen import pipeline
    from pressgen.clock import current_time
    from pressgen.embargo import EMBARGOED, Hold, held_at

    choices = pipeline.Choices(
        draft,
        _phase(phase),
        documents,
        list_manager=list_manager,
        press_room=pipeline.builds_press_room(paths, phase, list_manager),
    )
    if output_format == "json":
        _check_as_json(paths, strict, choices, _jobs(jobs), clients, ignored_features)
        return
    with _reported_errors():
        event_paths = _event_paths(paths)
    with _reported_errors(), _progress(event_paths, _("Checking")) as progress:
        checked = pipeline.check(
            event_paths,
            jobs=_jobs(jobs),
            progress=progress,
            choices=choices,
        )
    if clients:
        with _reported_errors():
            reported = pipeline.client_report(event_paths, choices, ignored_features)
        checked = [
            pipeline.CheckedEvent(
                result.path, [*result.warnings, *report.warnings], result.public_from
            )
            for result, report in zip(checked, reported, strict=True)
        ]
    warnings = [warning for result in checked for warning in result.warnings]
    _warn(warnings)
    if clients:
        from pressgen.checks.clients import GRACEFUL, source

        data = source()
        say(
            _(
                "Mail programs: caniemail {version} (data of {day}). "
                "Left aside, as the email reads right without them: {features}."
            ).format(
                version=data["version"], day=data["updated"][:10], features=", ".join(GRACEFUL)
            )
        )
    now = current_time()
    for result in checked:
        count = len(result.warnings)
        verdict = (
            _("ok, {warnings}").format(warnings=counted(count, "warning")) if count else _("ok")
        )
        if held_at(result.public_from, now):
            moment = Hold(dt.datetime.fromisoformat(result.public_from), "").moment
            verdict += _(
                "; not public before {moment}: build writes it into {folder}/, "
                "send refuses it to subscribers until then"
            ).format(moment=moment, folder=EMBARGOED)
        say(f"{display_path(result.path)}: {verdict}")
    if strict and warnings:
        strict_line = ngettext(
            "pressgen: {count} warning is an error under --strict.",
            "pressgen: {count} warnings are errors under --strict.",
            len(warnings),
        )
        say(strict_line.format(count=len(warnings)), err=True)
        raise SystemExit(1)


def _check_as_json(
    paths: tuple[Path, ...],
    strict: bool,
    choices: pipeline.Choices,
    jobs: int,
    clients: bool = False,
    ignored_features: tuple[str, ...] = (),
) -> None:
    """check --format json: every finding, errors and warnings, as one JSON document.

    Whatever goes wrong (a broken project file, a missing path) is in it too.
    """
    import json

    from pressgen import pipeline
    from pressgen.clock import current_time
    from pressgen.embargo import held_at

    problems: list[Problem] = []
    files: list[dict[str, str | None]] = []
    try:
        checked = pipeline.check(
            _event_paths(paths),
            jobs=jobs,
            choices=choices,
        )
        now = current_time()
        for result in checked:
            problems += result.warnings
            held = result.public_from if held_at(result.public_from, now) else None
            files.append({"file": display_path(result.path), "not_public_before": held})
        if clients:
            reported = pipeline.client_report(
                [result.path for result in checked], choices, ignored_features
            )
            problems += [problem for result in reported for problem in result.warnings]
    except DataError as error:
        problems = error.problems
    except (PressgenError, click.UsageError) as error:
        message = error.message if isinstance(error, click.UsageError) else str(error)
        problems = [Problem(Path(""), 0, 0, message, code="PG007")]
    errors = sum(1 for p in problems if p.severity == "error")
    failed = errors > 0 or (strict and bool(problems))
    report = {
        "ok": not failed,
        "errors": errors,
        "warnings": len(problems) - errors,
        "problems": [problem.as_dict() for problem in problems],
        "files": files,
    }
    click.echo(json.dumps(report, ensure_ascii=False, indent=2))
    if failed:
        raise SystemExit(1)


@main.command(
    options_metavar=_("[OPTIONS]"),
    help=_(
        "Send the newsletter of EVENT_FILE as email through an SMTP server.\n\n"
        "The password is read only from the environment variable PRESSGEN_SMTP_PASSWORD. "
        "To a list (--to-list), every recipient gets a message of their own, and the send "
        "journal makes sure nobody gets it twice. When the Abmeldelink is a web page, a "
        "send to a list needs the secret that signs each recipient's own unsubscribe link, "
        "in the environment variable PRESSGEN_UNSUBSCRIBE_SECRET (at least 16 characters, "
        "the same your unsubscribe page checks, kept out of the project's files)."
    ),
)
@click.argument("event_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--to",
    "recipients",
    help=_("Recipient address; several separated by commas (or give --to again)."),
    multiple=True,
)
@click.option(
    "--to-list",
    "recipient_list",
    type=click.Path(path_type=Path, dir_okay=False),
    help=_(
        "A list of recipients (.csv or .yaml): one message each, written down in the send journal."
    ),
)
@click.option("--resume", is_flag=True, help=_("Continue a send that was cut short."))
@click.option(
    "--resend-unknown",
    is_flag=True,
    help=_(
        "With --resume: send again to those whose message may have arrived (the connection "
        "was lost before the server answered)."
    ),
)
@click.option(
    "--again",
    is_flag=True,
    help=_("Send also to those who got it in an earlier run."),
)
@click.option(
    "--rate",
    type=click.FloatRange(min=0.1),
    metavar="N",
    help=_("At most N messages a minute."),
)
@click.option(
    "--retry-wait",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help=_("Wait before trying a temporary failure again (doubled each time)."),
)
@click.option(
    "--smtp-host", envvar="PRESSGEN_SMTP_HOST", help=_("Mail server [PRESSGEN_SMTP_HOST].")
)
@click.option(
    "--smtp-port",
    envvar="PRESSGEN_SMTP_PORT",
    type=click.IntRange(1, 65535),
    help=_("Port [PRESSGEN_SMTP_PORT]; default 587 with starttls, 465 with ssl, 25 with none."),
)
@click.option(
    "--smtp-user", envvar="PRESSGEN_SMTP_USER", help=_("Login name [PRESSGEN_SMTP_USER].")
)
@click.option(
    "--security",
    type=click.Choice(["starttls", "ssl", "none"]),
    default="starttls",
    show_default=True,
    help=_("How the connection is encrypted."),
)
@click.option(
    "--per-connection",
    envvar="PRESSGEN_SMTP_PER_CONNECTION",
    type=click.IntRange(1, 100_000),
    default=100,
    show_default=True,
    metavar="N",
    help=_(
        "Messages sent over one connection to the mail server before it is opened again "
        "(some servers allow fewer) [PRESSGEN_SMTP_PER_CONNECTION]."
    ),
)
@click.option("--dry-run", is_flag=True, help=_("Show what would be sent; do not connect."))
@click.option(
    "--press",
    is_flag=True,
    help=_(
        "Send the press release to journalists instead of the newsletter: its text in the "
        "mail, the photos attached, replies to the Pressekontakt; before a Sperrfrist too."
    ),
)
@click.option(
    "--language",
    type=click.Choice(["de", "en"]),
    help=_(
        "With --to: the language the addresses read; en sends the English edition where the "
        "document has one (a list says it per recipient, in its language column)."
    ),
)
@click.option(
    "--docx",
    is_flag=True,
    help=_("With --press: attach the press release as a Word file too (for papers that edit it)."),
)
@click.option(
    "--before-embargo",
    is_flag=True,
    help=_("Send before the embargo has passed, as a test: the subject starts with [TEST]."),
)
@loads("pressgen.pipeline", "pressgen.outputs.render", "pressgen.deliver.send")
def send(
    event_file: Path,
    recipients: tuple[str, ...],
    smtp_host: str | None,
    smtp_port: int | None,
    smtp_user: str | None,
    recipient_list: Path | None,
    resume: bool,
    resend_unknown: bool,
    again: bool,
    rate: float | None,
    retry_wait: float,
    security: str,
    per_connection: int,
    dry_run: bool,
    press: bool,
    language: str | None,
    docx: bool,
    before_embargo: bool,
) -> None:
    if bool(recipients) == bool(recipient_list):
        raise click.UsageError(_("give either --to ADDRESS or --to-list FILE"))
    if language and recipient_list:
        raise click.UsageError(
            _("--language goes with --to; a list says each recipient's language in its column")
        )
    from pressgen.deliver.lists import SendOptions
    from pressgen.outputs.email import subject_of

    if resend_unknown and not resume:
        raise click.UsageError(_("--resend-unknown goes with --resume"))
    settings = _smtp_settings(smtp_host, smtp_port, smtp_user, security, per_connection, dry_run)
    options = SendOptions(resume, again, resend_unknown, rate, retry_wait)
    from pressgen.deliver.send import newsletter_send, press_send, recipients_of

    with _reported_errors(_("nothing was sent")):
        listed = recipients_of(recipients, recipient_list, language or "")
        if press:
            job = press_send(event_file, listed, recipient_list, docx)
        else:
            job = newsletter_send(event_file, listed, recipient_list, before_embargo, dry_run)
        _warn(job.warnings)
        if dry_run or settings is None:
            for line in job.preview():
                say(line)
            say(_("Dry run: nothing was sent, the journal is unchanged."))
            if job.refusal is not None:
                raise job.refusal
            return
        subject = subject_of(job.sample())
        # A line per message as it goes (on stderr): counts, retries, a server that is down.
        outcome = job.run(settings, options, progress=lambda line: say(line, err=True))
    _report_outcome(outcome, subject)


def _report_outcome(outcome: Outcome, subject: str) -> None:
    """Who got it, who had it, who was refused, where it may have come, who was not tried."""
    if outcome.skipped:
        had = ngettext(
            "{count} recipient had it already (--again sends once more).",
            "{count} recipients had it already (--again sends once more).",
            len(outcome.skipped),
        )
        say(had.format(count=len(outcome.skipped)))
    sent = ngettext(
        'Sent "{subject}" to {count} recipient.',
        'Sent "{subject}" to {count} recipients.',
        len(outcome.sent),
    )
    say(sent.format(subject=subject, count=len(outcome.sent)))
    for address, answer in outcome.failed:
        line = _("pressgen: not sent to {address}: {answer}")
        say(line.format(address=address, answer=printable(answer)), err=True)
    for address, answer in outcome.unknown:
        line = _("pressgen: perhaps sent to {address}: {answer}")
        say(line.format(address=address, answer=printable(answer)), err=True)
    if outcome.failed:
        line = ngettext(
            "pressgen: {count} message could not be sent.",
            "pressgen: {count} messages could not be sent.",
            len(outcome.failed),
        )
        say(line.format(count=len(outcome.failed)), err=True)
    if outcome.unknown:
        line = ngettext(
            "pressgen: {count} message may have arrived: ask before sending again; "
            "--resume --resend-unknown sends to them once more.",
            "pressgen: {count} messages may have arrived: ask before sending again; "
            "--resume --resend-unknown sends to them once more.",
            len(outcome.unknown),
        )
        say(line.format(count=len(outcome.unknown)), err=True)
    if outcome.not_tried:
        line = _(
            "pressgen: not tried, as the server could take none: {addresses}; --resume "
            "continues when it can."
        )
        say(line.format(addresses=", ".join(outcome.not_tried)), err=True)
    if outcome.failed or outcome.unknown or outcome.not_tried:
        raise SystemExit(1)


def _smtp_settings(
    host: str | None,
    port: int | None,
    user: str | None,
    security: str,
    per_connection: int,
    dry_run: bool,
) -> SmtpSettings | None:
    from pressgen.deliver.smtp import SmtpSettings

    if dry_run:
        return None
    if not host:
        raise click.UsageError(_("give --smtp-host or set PRESSGEN_SMTP_HOST"))
    default_port = {"starttls": 587, "ssl": 465, "none": 25}[security]
    return SmtpSettings(
        host=host,
        port=port or default_port,
        security=security,  # type: ignore[arg-type]  # click.Choice guarantees it
        user=user,
        password=os.environ.get("PRESSGEN_SMTP_PASSWORD"),
        per_connection=per_connection,
    )


@main.command(
    options_metavar=_("[OPTIONS]"),
    help=_("Show all outputs in the browser and reload them on every save."),
)
@EVENT_PATHS
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help=_("Port to listen on."),
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help=_("Address to listen on. Anything but 127.0.0.1 shows the preview to your network."),
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help=_("Another name under which other computers reach this one (with --host)."),
)
@click.option("--open", "open_browser", is_flag=True, help=_("Open the preview in the browser."))
@loads("pressgen.pipeline", "pressgen.outputs.render", "pressgen.preview")
def preview(
    paths: tuple[Path, ...],
    port: int,
    host: str,
    allowed_hosts: tuple[str, ...],
    open_browser: bool,
) -> None:
    import threading
    import webbrowser

    from pressgen.pipeline import find_event_files
    from pressgen.preview import serve

    with _reported_errors(_("the preview did not start")):
        event_paths = _event_paths(paths)
        find_event_files(event_paths)  # a path that names no event stops it, as in build
    if host not in ("127.0.0.1", "localhost", "::1"):
        line = _("Warning: listening on {host}: other computers can see the preview.")
        say(line.format(host=host), err=True)
    try:
        server, stop = serve(event_paths, host, port, allowed_hosts)
    except OSError as error:
        line = _("pressgen: cannot listen on {host}:{port}: {reason}")
        say(line.format(host=host, port=port, reason=error.strerror), err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:  # while the first rendering ran
        say(_("Preview stopped."))
        return
    try:
        say(_("Preview at {address} (Ctrl-C stops it)").format(address=server.url))
        if open_browser:
            webbrowser.open(server.url)
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
    say(_("Preview stopped."))


def say(text: str, err: bool = False) -> None:
    """Print one message; control characters in it are shown escaped, never sent raw."""
    click.echo(printable(text), err=err)


@main.command(
    options_metavar=_("[OPTIONS]"),
    help=_(
        "Create a ready-to-edit project in FOLDER (never overwrites a file).\n\n"
        "It holds pressgen.yaml, organisation.yaml, an example in events/, a templates/ "
        "folder for your own templates and the JSON Schemas for editors."
    ),
)
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
def new(folder: Path) -> None:
    from pressgen.scaffold import create_project

    with _reported_errors(_("nothing was written")):
        for path in create_project(folder):
            say(_("created {path}").format(path=display_path(path)))
    say(_("Next: cd {folder} && pressgen build").format(folder=display_path(folder)))


@main.command(
    options_metavar=_("[OPTIONS]"),
    help=_(
        "Print the JSON Schema of an event file, a newsletter file (several items in one "
        "email), the organisation file or pressgen.yaml.\n\n"
        "Editors use it to complete and check while you type, through the line "
        "'# yaml-language-server: $schema=PATH' at the top of the YAML file."
    ),
)
@click.argument(
    "kind",
    type=click.Choice(["event", "newsletter", "organisation", "config"]),
    default="event",
)
def schema(kind: str) -> None:
    from pressgen.source.schema import schema_text

    click.echo(schema_text(kind), nl=False)


def _jobs(jobs: int | None) -> int:
    return jobs or os.cpu_count() or 1


# A bar only where someone watches, and only when the wait is more than a moment.
PROGRESS_FROM_EVENTS = 50


@contextmanager
def _progress(paths: list[Path], label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on a terminal for large batches; nothing when piped."""
    import sys

    from pressgen.pipeline import event_files

    count = len(event_files(paths)[0])
    if count < PROGRESS_FROM_EVENTS or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=count, label=label, file=sys.stderr) as bar:
        yield bar.update


def _warn(problems: list[Problem]) -> None:
    for line in report.lines(problems):
        say(line, err=True)


@contextmanager
def _reported_errors(outcome: str = "") -> Iterator[None]:
    """Print pressgen errors plainly (no traceback) and exit with status 1.

    The last line counts them and says what did not happen:
    "pressgen: 2 errors and 1 warning; nothing was written."
    """
    ending = _("; {outcome}.").format(outcome=outcome) if outcome else "."
    try:
        yield
    except DataError as error:
        _warn(error.problems)
        say(f"pressgen: {report.tally(error.problems)}{ending}", err=True)
        raise SystemExit(1) from None
    except PressgenError as error:
        say(f"pressgen: {error}{ending}", err=True)
        raise SystemExit(1) from None
