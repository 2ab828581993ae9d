"""The command line: parse arguments, call one function, turn errors into exit codes."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from pressgen import __version__
from pressgen.errors import DataError, PressgenError, display_path

if TYPE_CHECKING:
    from pressgen.build import RenderedEvent

EVENT_PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=False)
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pressgen")
def main() -> None:
    """German press releases and newsletter emails from one YAML file per event."""


@main.command()
@EVENT_PATHS
@click.option(
    "--out",
    "out_root",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("out"),
    show_default=True,
    help="Folder for the outputs; each event gets a subfolder named after its file.",
)
def build(paths: tuple[Path, ...], out_root: Path) -> None:
    """Write press release, newsletter and plain texts for each event file.

    PATHS are event files or folders of them (every *.yaml inside).
    """
    from pressgen.build import build as build_events

    with _reported_errors("nothing was written"):
        for built in build_events(paths, out_root):
            changed = f"{len(built.written)} written, {len(built.unchanged)} unchanged"
            click.echo(f"{display_path(built.path)} → {display_path(built.out_dir)}/ ({changed})")


@main.command()
@EVENT_PATHS
def check(paths: tuple[Path, ...]) -> None:
    """Validate event files and render them in memory; write nothing."""
    from pressgen.build import check as check_events

    with _reported_errors("fix them and check again"):
        for checked in check_events(paths):
            for warning in checked.warnings:
                click.echo(str(warning), err=True)
            count = len(checked.warnings)
            verdict = f"ok, {count} warning{'s' if count != 1 else ''}" if count else "ok"
            click.echo(f"{display_path(checked.loaded.path)}: {verdict}")


@main.command()
@click.argument("event_file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--to",
    "recipients",
    required=True,
    help="Recipient address; several separated by commas (or give --to again).",
    multiple=True,
)
@click.option("--smtp-host", envvar="PRESSGEN_SMTP_HOST", help="Mail server [PRESSGEN_SMTP_HOST].")
@click.option(
    "--smtp-port",
    envvar="PRESSGEN_SMTP_PORT",
    type=click.IntRange(1, 65535),
    help="Port [PRESSGEN_SMTP_PORT]; default 587 with starttls, 465 with ssl, 25 with none.",
)
@click.option("--smtp-user", envvar="PRESSGEN_SMTP_USER", help="Login name [PRESSGEN_SMTP_USER].")
@click.option(
    "--security",
    type=click.Choice(["starttls", "ssl", "none"]),
    default="starttls",
    show_default=True,
    help="How the connection is encrypted.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be sent; do not connect.")
def send(
    event_file: Path,
    recipients: tuple[str, ...],
    smtp_host: str | None,
    smtp_port: int | None,
    smtp_user: str | None,
    security: str,
    dry_run: bool,
) -> None:
    """Send the newsletter of EVENT_FILE as email through an SMTP server.

    The password is read only from the environment variable PRESSGEN_SMTP_PASSWORD.
    """
    from pressgen.mail import SmtpSettings, parse_recipients, send_email
    from pressgen.render import NEWSLETTER_EMAIL, NEWSLETTER_HTML, NEWSLETTER_TEXT

    with _reported_errors("nothing was sent"):
        addresses = parse_recipients(recipients)
        (rendered,) = render_events([event_file])
        email = rendered.outputs[NEWSLETTER_EMAIL]
        assert isinstance(email, bytes)
        newsletter = rendered.loaded.event.newsletter
        if dry_run:
            html, text = rendered.outputs[NEWSLETTER_HTML], rendered.outputs[NEWSLETTER_TEXT]
            click.echo(f"Subject:    {newsletter.subject}")
            click.echo(f"From:       {newsletter.sender.name} <{newsletter.sender.email}>")
            click.echo(f"Recipients: {', '.join(addresses)}")
            click.echo(
                f"Size:       {len(email)} bytes email "
                f"(HTML {len(_bytes(html))}, text {len(_bytes(text))})"
            )
            click.echo("Dry run: nothing was sent.")
            return
        if not smtp_host:
            raise click.UsageError("give --smtp-host or set PRESSGEN_SMTP_HOST")
        default_port = {"starttls": 587, "ssl": 465, "none": 25}[security]
        settings = SmtpSettings(
            host=smtp_host,
            port=smtp_port or default_port,
            security=security,  # type: ignore[arg-type]  # click.Choice guarantees it
            user=smtp_user,
            password=os.environ.get("PRESSGEN_SMTP_PASSWORD"),
        )
        send_email(email, newsletter.sender.email, addresses, settings)
        count = len(addresses)
        click.echo(f'Sent "{newsletter.subject}" to {count} recipient{"s" if count > 1 else ""}.')


@main.command()
@EVENT_PATHS
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but 127.0.0.1 shows the preview to your network.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in the browser.")
def preview(paths: tuple[Path, ...], port: int, host: str, open_browser: bool) -> None:
    """Show all outputs in the browser and reload them on every save."""
    import threading
    import webbrowser

    from pressgen.preview import serve

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: listening on {host}: other computers can see the preview.", err=True)
    try:
        server, stop = serve(list(paths), host, port)
    except OSError as error:
        click.echo(f"pressgen: cannot listen on {host}:{port}: {error.strerror}", err=True)
        raise SystemExit(1) from None
    click.echo(f"Vorschau unter {server.url} – Ctrl-C beendet sie.")
    if open_browser:
        webbrowser.open(server.url)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
    click.echo("Preview stopped.")


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def render_events(paths: list[Path]) -> list[RenderedEvent]:
    """Render (and check) in memory, as build does, without writing."""
    from pressgen.build import render_all

    return render_all(paths)


@contextmanager
def _reported_errors(outcome: str) -> Iterator[None]:
    """Print pressgen errors plainly (no traceback) and exit with status 1."""
    try:
        yield
    except DataError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        errors = sum(1 for p in error.problems if p.severity == "error")
        warnings = len(error.problems) - errors
        summary = f"{errors} problem" + ("" if errors == 1 else "s")
        if warnings:
            summary += f" and {warnings} warning" + ("" if warnings == 1 else "s")
        click.echo(f"pressgen: {summary}; {outcome}.", err=True)
        raise SystemExit(1) from None
    except PressgenError as error:
        click.echo(f"pressgen: {error}; {outcome}.", err=True)
        raise SystemExit(1) from None
