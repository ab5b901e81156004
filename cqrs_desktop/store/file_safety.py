"""Files with patient data: created private to the user, put in place whole or not at all.

A review file is built under a temporary name beside its target and given its real name
only when complete, so a program killed half-way leaves either no review or a whole one.
Temporary names start with `.~` and end with `.partial`: anything so named and left by a
killed program is removed the next time a review is made in that folder.

Private: 0600 on Linux and macOS; on Windows an access list for the user and SYSTEM only,
inherited from nothing (`make_private`, docs/decisions.md 63).
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

PARTIAL_SUFFIX = ".partial"
_STALE_AFTER_S = 60.0  # a temporary older than this belongs to no running program


class NotMadePrivate(OSError):
    """A file for patient data could not be made private to the user (the system refused to
    set its permissions). `strerror` says so in words for the user; `filename` names it."""

    def __init__(self, filename: str | Path, reason: str) -> None:
        super().__init__(0, f"it could not be made private to you ({reason})", str(filename))
        self.reason = reason


def make_private(path: Path) -> None:
    """Let only the user (on Windows, also SYSTEM) read or write the file at `path`.

    NotMadePrivate when the system refuses. On Windows a file system that keeps no
    permissions at all (FAT, exFAT) leaves the file as it is (docs/decisions.md, 63)."""
    if os.name == "nt":
        from cqrs_desktop.store.windows_acl import set_owner_only

        set_owner_only(str(path))
        return
    try:
        if stat.S_IMODE(os.stat(path).st_mode) != 0o600:
            os.chmod(path, 0o600)
    except OSError as exc:
        raise NotMadePrivate(path, exc.strerror or "refused") from None


def temporary_beside(target: Path) -> Path:
    """A new, unused, private empty file in `target`'s folder (made private before anything
    is written to it; renaming it keeps that)."""
    folder = target.parent
    while True:
        path = folder / f".~{target.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        try:
            make_private(path)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return path


def temporaries_of(target: Path) -> list[Path]:
    """The temporaries `temporary_beside(target)` made that are still there."""
    with contextlib.suppress(OSError):
        return list(target.parent.glob(f".~{glob.escape(target.name)}.*{PARTIAL_SUFFIX}"))
    return []


def empty_private(path: Path) -> None:
    """Make `path` an empty private file (emptying one already there), for a writer that
    opens its file by name and so would otherwise make it with the folder's permissions."""
    fd = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600)
    os.close(fd)
    make_private(path)


def write_private(target: Path, write: Callable[[Path], object]) -> None:
    """Write `target` whole or not at all, private to the user: `write` fills a private
    temporary beside it, which then takes its name (replacing a file already there)."""
    temporary = temporary_beside(target)
    try:
        try:
            write(temporary)
            os.replace(temporary, target)
        except OSError as exc:  # named by the file the user chose, not the temporary
            if exc.errno is None or exc.filename not in (None, str(temporary)):
                raise
            raise type(exc)(exc.errno, exc.strerror, str(target)) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporaries a killed program left in `folder` (never a recent one, which a
    running program may be writing)."""
    now = time.time()
    with contextlib.suppress(OSError):
        for path in folder.glob(f".~*{PARTIAL_SUFFIX}*"):
            with contextlib.suppress(OSError):
                if now - path.stat().st_mtime > _STALE_AFTER_S:
                    path.unlink()


def place_new(temporary: Path, target: Path) -> None:
    """Give `temporary` the name `target`, never replacing an existing file.

    FileExistsError when `target` exists (the temporary is left for the caller)."""
    if os.name == "nt":
        os.rename(temporary, target)  # refuses an existing target on Windows
        return
    os.link(temporary, target)  # atomic, and refuses an existing target
    temporary.unlink()


def fsync_file(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def remove_empty_journal(database: Path) -> None:
    """An empty rollback journal beside a closed review holds nothing (SQLite truncates it
    after each change); remove one a killed program left behind."""
    journal = database.with_name(database.name + "-journal")
    with contextlib.suppress(OSError):
        if journal.stat().st_size == 0:
            journal.unlink()
