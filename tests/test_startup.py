"""What keeps a cold start short: compiled templates kept between runs, lean imports."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import SEED
from jinja2.bccache import Bucket
from jinja2.sandbox import SandboxedEnvironment

from pressgen.outputs import environment as templating
from pressgen.outputs.newsletter import NewsletterError, inline_css


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("PRESSGEN_CACHE_DIR", str(folder))
    return folder


def own_templates(tmp_path: Path, greeting: str) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "gruss.txt.j2").write_text(f"{greeting}, {{{{ name }}}}!\n", "utf-8")
    return folder


def test_compiled_templates_are_kept_and_used_by_the_next_run(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = own_templates(tmp_path, "Hallo")
    first = templating.make_environment([folder])
    assert first.get_template("gruss.txt.j2").render(name="Jena") == "Hallo, Jena!\n"
    kept = sorted(cache.iterdir())
    assert kept, "nothing was written to the cache"

    # A new environment (a new process) must load the kept code, not compile again.
    compiled: list[str] = []
    original_compile = SandboxedEnvironment.compile

    def counting(self: SandboxedEnvironment, source: str, *args: Any) -> Any:
        compiled.append(str(args[0] if args else ""))
        return original_compile(self, source, *args)

    monkeypatch.setattr(SandboxedEnvironment, "compile", counting)
    second = templating.make_environment([folder])
    assert second.get_template("gruss.txt.j2").render(name="Jena") == "Hallo, Jena!\n"
    assert compiled == []


def test_a_changed_template_is_never_served_from_the_cache(cache: Path, tmp_path: Path) -> None:
    folder = own_templates(tmp_path, "Hallo")
    templating.make_environment([folder]).get_template("gruss.txt.j2").render(name="Jena")
    own_templates(tmp_path, "Guten Tag")
    fresh = templating.make_environment([folder])
    assert fresh.get_template("gruss.txt.j2").render(name="Jena") == "Guten Tag, Jena!\n"


def test_a_changed_filter_is_never_served_from_the_cache(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Jinja folds a filter applied to a constant into the compiled code; after a change of
    pressgen's code (a new version) that kept code must not be used."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "farbe.txt.j2").write_text('{{ "#b00020" | on_dark }}\n', "utf-8")
    first = templating.make_environment([folder])
    assert first.get_template("farbe.txt.j2").render() == "#d47384\n"
    monkeypatch.setattr(templating.colour, "for_dark_background", lambda color: "#ffffff")
    monkeypatch.setattr(templating, "_code_stamp", lambda: "another version")
    second = templating.make_environment([folder])
    assert second.get_template("farbe.txt.j2").render() == "#ffffff\n"


def test_a_cache_folder_others_can_write_to_is_never_used(cache: Path, tmp_path: Path) -> None:
    """Compiled code planted in a shared folder must not run: only a private folder is used."""
    folder = own_templates(tmp_path, "Hallo")
    env = templating.make_environment([folder])
    env.get_template("gruss.txt.j2")
    (entry,) = cache.iterdir()
    # Someone else's code, stored under this template's name and source checksum.
    source = (folder / "gruss.txt.j2").read_text("utf-8")
    bucket = Bucket(env, "planted", hashlib.sha1(source.encode()).hexdigest())
    bucket.code = env.compile("GEHACKT\n", "gruss.txt.j2")
    with entry.open("wb") as handle:
        bucket.write_bytecode(handle)
    # In the user's own folder the cache is trusted (that is what makes it a cache) ...
    trusting = templating.make_environment([folder])
    assert trusting.get_template("gruss.txt.j2").render(name="Jena") == "GEHACKT\n"
    # ... but once others can write to the folder, it is not even opened.
    cache.chmod(0o777)
    victim = templating.make_environment([folder])
    assert victim.bytecode_cache is None
    assert victim.get_template("gruss.txt.j2").render(name="Jena") == "Hallo, Jena!\n"


def test_the_cache_folder_is_made_private(cache: Path) -> None:
    assert templating.make_environment().bytecode_cache is not None
    assert cache.stat().st_mode & 0o777 == 0o700


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the folder to another user")
def test_a_cache_folder_of_another_user_is_never_used(cache: Path) -> None:
    cache.mkdir(mode=0o700)
    os.chown(cache, 65534, 65534)  # nobody
    assert templating.make_environment().bytecode_cache is None


def test_a_cache_folder_that_is_a_link_is_never_used(cache: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir(mode=0o700)
    cache.symlink_to(tmp_path / "elsewhere")
    assert templating.make_environment().bytecode_cache is None


def test_the_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSGEN_CACHE_DIR", "")
    assert templating.make_environment().bytecode_cache is None


def test_an_unusable_cache_folder_only_costs_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("PRESSGEN_CACHE_DIR", str(blocked / "cache"))
    env = templating.make_environment()
    assert env.bytecode_cache is None
    assert env.get_template("newsletter.txt.j2") is not None


def test_the_default_cache_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PRESSGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert templating.cache_dir() == tmp_path / "pressgen"


def test_a_check_loads_no_network_code() -> None:
    # premailer would import requests, and pressgen.mail smtplib: a build needs neither.
    # (cssutils itself imports urllib.request, and with it ssl.)
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pressgen.pipeline import check\n"
        f"check([Path({str(SEED)!r})])\n"
        "for name in ('requests', 'smtplib'):\n"
        "    assert name not in sys.modules, f'{name} was imported'\n"
        "import requests\n"
        "assert callable(requests.get), 'the real requests is not importable afterwards'\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_remote_style_sheets_are_refused() -> None:
    page = (
        '<html><head><link rel="stylesheet" href="https://example.com/a.css"></head>'
        "<body><p>x</p></body></html>"
    )
    # allow_network=False already stops premailer; the session is the second lock.
    assert "example.com/a.css" in inline_css(page)
    from pressgen.outputs.newsletter import _OfflineSession

    with pytest.raises(NewsletterError, match="does not fetch"):
        _OfflineSession().get("https://example.com/a.css")


def test_the_checks_read_the_presentation_not_the_renderer() -> None:
    """One-way flow: checks compare outputs with the presentation; they never render."""
    program = (
        "import sys, pressgen.checks, pressgen.checks.texts\n"
        "print(sorted(m for m in sys.modules if m.startswith('pressgen.outputs')))\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# What the command line may not load before it knows the command, and what a plain build
# (no --documents, no photos, no sending, no preview) never needs.
NOT_AT_START = (
    "pydantic", "jinja2", "yaml", "babel", "markdown_it", "premailer", "mjml", "lxml",
    "pressgen.pipeline", "pressgen.checks", "pressgen.source.event",
)  # fmt: skip
NOT_FOR_A_BUILD = (
    "weasyprint", "docx", "pypdf", "PIL", "pyexiv2", "aiosmtpd", "watchfiles", "sqlite3",
    "smtplib", "pressgen.preview", "pressgen.deliver", "pressgen.outputs.documents",
    "pressgen.checks.clients",
)  # fmt: skip


def test_the_command_line_loads_only_what_the_command_needs(tmp_path: Path) -> None:
    program = (
        "import gc, sys\n"
        "import pressgen.cli\n"
        f"print([name for name in {NOT_AT_START + NOT_FOR_A_BUILD!r} if name in sys.modules])\n"
        "from click.testing import CliRunner\n"
        f"done = CliRunner().invoke(pressgen.cli.main, ['build', {str(SEED)!r}, '--out', "
        f"{str(tmp_path / 'out')!r}])\n"
        "assert done.exit_code == 0, done.output\n"
        f"print([name for name in {NOT_FOR_A_BUILD!r} if name in sys.modules])\n"
        # Start-up ran with the collector paused; the command must have it back.
        "print(gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "[]", "True True"]
