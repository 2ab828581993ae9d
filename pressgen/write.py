"""Putting outputs on disk: never a half-written file, never an event half old and half new.

A build renders every event into a staging folder inside the output folder.
Only when all of them succeeded is each event's folder replaced as a whole, by
one atomic exchange of two folders. Files whose content did not change keep
their inode and modification time (they are linked into the new folder), and
files pressgen did not write there are carried over. A lock on the output
folder keeps two builds apart; staging folders left by a killed build are
removed by the next one.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

from pressgen.errors import OutputError, display_path
from pressgen.messages import _
from pressgen.registry import BY_NAME

STAGING_PREFIX = ".pressgen-staging-"


def file_mode() -> int:
    """The mode a plain open() gives: 0o666 less the umask (mkstemp uses 0o600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def cannot_write(path: Path, error: OSError) -> OutputError:
    """A write failure in plain words: the place the user knows, and what the system said.

    `path` is that place (an output folder), never an internal staging path.
    """
    reason = error.strerror or error
    return OutputError(
        _("cannot write {path}: {reason}").format(path=display_path(path), reason=reason)
    )


def write_atomically(target: Path, data: bytes) -> None:
    """Write a temporary file beside `target`, then rename it: never a half-written file."""
    handle, temp_name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, file_mode())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def stage(outputs: Mapping[str, str | bytes], folder: Path) -> None:
    """Write one event's outputs into a new folder (a staging folder, moved later)."""
    folder.mkdir()
    for name, content in outputs.items():
        target = folder / name
        if "/" in name:  # a photo in a subfolder; one mkdir per event otherwise
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


class OutputRoot:
    """One output folder, locked for one build, with a fresh staging folder inside.

    Used as a context manager: entering takes the lock (or says plainly that
    another build holds it), clears what killed builds left behind and makes
    the staging folder; leaving removes the staging folder and, after a failed
    build, an output folder this build created.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root / STAGING_PREFIX
        self._lock: int | None = None  # the folder itself, opened and locked (flock)
        self._created = False

    def __enter__(self) -> OutputRoot:
        try:
            self._created = not self.root.exists()
            self.root.mkdir(parents=True, exist_ok=True)
            self._lock = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as error:
            raise cannot_write(self.root, error) from None
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._lock)
            raise OutputError(
                _(
                    "another pressgen build is writing to {folder}; "
                    "wait until it has finished, then build again"
                ).format(folder=display_path(self.root))
            ) from None
        try:
            self._remove_stale_staging()
            self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.root))
        except OSError as error:
            self.__exit__(None, None, None)
            raise cannot_write(self.root, error) from None
        return self

    def _remove_stale_staging(self) -> None:
        # With the lock held no other build is running: any staging folder is stale.
        for entry in self.root.iterdir():
            if entry.name.startswith(STAGING_PREFIX) and entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        if self._lock is not None:
            if error is not None and self._created:
                with contextlib.suppress(OSError):
                    self.root.rmdir()  # only if nothing else is in it
            os.close(self._lock)  # releases the lock
            self._lock = None


def check_replaceable(target: Path, names: Iterable[str]) -> None:
    """Refuse, before anything is moved, an output folder that cannot be replaced whole."""
    shown = display_path(target)
    if target.is_symlink():
        raise OutputError(
            _(
                "{path} is a symbolic link; pressgen replaces its output folders whole and "
                "never writes through a link: remove the link or choose another --out"
            ).format(path=shown)
        )
    if not target.exists():
        return
    if not target.is_dir():
        raise OutputError(
            _("{path} is a file, not a folder: remove or rename it").format(path=shown)
        )
    for name in names:
        path = target / name
        if path.is_symlink():
            raise OutputError(
                _(
                    "{path} is a symbolic link; pressgen writes a file there and "
                    "never writes through a link: remove the link"
                ).format(path=display_path(path))
            )
        if path.exists() and not path.is_file():
            raise OutputError(
                _(
                    "{path} is a folder; pressgen writes a file there: remove or rename the folder"
                ).format(path=display_path(path))
            )


def replace_folder(staged: Path, target: Path, names: Iterable[str]) -> tuple[list[str], list[str]]:
    """Put the staged folder in the place of `target` in one step; (written, unchanged).

    What did not change is linked from the old folder, so it keeps its
    modification time; anything else in the old folder is carried over, except
    pressgen's own outputs that this build no longer makes (a draft's calendar file).
    """
    if not os.path.lexists(target):
        os.replace(staged, target)
        return list(names), []
    written, unchanged = [], []
    for name in names:
        new, old = staged / name, target / name
        same_size = old.is_file() and old.stat().st_size == new.stat().st_size
        if same_size and old.read_bytes() == new.read_bytes():
            new.unlink()
            _link_or_copy(old, new)
            unchanged.append(name)
        else:
            written.append(name)
    _carry_over(target, staged, skip=frozenset(BY_NAME))
    shutil.copymode(target, staged)
    _exchange(staged, target)
    return written, unchanged


def _carry_over(old: Path, new: Path, skip: frozenset[str] = frozenset()) -> None:
    """Everything in `old` that `new` lacks: files linked, folders made, links copied."""
    for entry in old.iterdir():
        if entry.name in skip:
            continue
        counterpart = new / entry.name
        info = entry.lstat()
        if stat.S_ISDIR(info.st_mode):
            counterpart.mkdir(exist_ok=True)
            _carry_over(entry, counterpart)
        elif os.path.lexists(counterpart):
            continue
        elif stat.S_ISLNK(info.st_mode):
            os.symlink(os.readlink(entry), counterpart)
        elif stat.S_ISREG(info.st_mode):
            _link_or_copy(entry, counterpart)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:  # a file system without hard links
        shutil.copy2(source, target)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(staged: Path, target: Path) -> None:
    """Swap two folders atomically (Linux renameat2); elsewhere two renames in a row."""
    if _renameat2_exchange(staged, target):
        return
    aside = staged.with_name(staged.name + ".old")
    os.replace(target, aside)
    os.replace(staged, target)
    os.replace(aside, staged)


def _renameat2_exchange(first: Path, second: Path) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False  # the kernel or the file system cannot exchange
    raise OSError(code, os.strerror(code), str(second))
