"""The command line: parse arguments, call one function, turn errors into exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from pressgen import __version__
from pressgen.errors import DataError, PressgenError, display_path

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
            click.echo(f"{display_path(checked.path)}: {verdict}")


@contextmanager
def _reported_errors(outcome: str) -> Iterator[None]:
    """Print pressgen errors plainly (no traceback) and exit with status 1."""
    try:
        yield
    except DataError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        count = len(error.problems)
        noun = "problem" if count == 1 else "problems"
        click.echo(f"pressgen: {count} {noun}; {outcome}.", err=True)
        raise SystemExit(1) from None
    except PressgenError as error:
        click.echo(f"pressgen: {error}; {outcome}.", err=True)
        raise SystemExit(1) from None
