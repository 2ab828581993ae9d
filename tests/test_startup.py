"""What keeps a cold start short: compiled templates kept between runs, lean imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED
from jinja2.sandbox import SandboxedEnvironment

from pressgen import render
from pressgen.newsletter import NewsletterError, inline_css


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
    first = render.make_environment([folder])
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
    second = render.make_environment([folder])
    assert second.get_template("gruss.txt.j2").render(name="Jena") == "Hallo, Jena!\n"
    assert compiled == []


def test_a_changed_template_is_never_served_from_the_cache(cache: Path, tmp_path: Path) -> None:
    folder = own_templates(tmp_path, "Hallo")
    render.make_environment([folder]).get_template("gruss.txt.j2").render(name="Jena")
    own_templates(tmp_path, "Guten Tag")
    fresh = render.make_environment([folder])
    assert fresh.get_template("gruss.txt.j2").render(name="Jena") == "Guten Tag, Jena!\n"


def test_sandboxed_and_plain_environments_keep_separate_code(cache: Path, tmp_path: Path) -> None:
    plain = render.make_environment()
    plain.get_template("newsletter.txt.j2")
    plain_files = set(cache.iterdir())
    sandboxed = render.make_environment([own_templates(tmp_path, "Hallo")])
    sandboxed.get_template("newsletter.txt.j2")
    sandbox_files = set(cache.iterdir()) - plain_files
    assert plain_files and sandbox_files
    prefix = {path.name.rsplit("-", 1)[0] for path in plain_files}
    assert not any(path.name.rsplit("-", 1)[0] in prefix for path in sandbox_files)


def test_the_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSGEN_CACHE_DIR", "")
    assert render.make_environment().bytecode_cache is None


def test_an_unusable_cache_folder_only_costs_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("PRESSGEN_CACHE_DIR", str(blocked / "cache"))
    env = render.make_environment()
    assert env.bytecode_cache is None
    assert env.get_template("newsletter.txt.j2") is not None


def test_the_default_cache_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("PRESSGEN_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert render.cache_dir() == tmp_path / "pressgen"


def test_a_check_loads_no_network_code() -> None:
    # premailer would import requests, and pressgen.mail smtplib: a build needs neither.
    # (cssutils itself imports urllib.request, and with it ssl.)
    program = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pressgen.build import check\n"
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
    from pressgen.newsletter import _OfflineSession

    with pytest.raises(NewsletterError, match="does not fetch"):
        _OfflineSession().get("https://example.com/a.css")
