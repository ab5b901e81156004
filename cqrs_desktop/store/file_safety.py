"""Files with patient data: created private to the user, put in place whole or not at all.

A review file is built under a temporary name beside its target and given its real name
only when complete, so a program killed half-way leaves either no review or a whole one.
Temporary names start with `.~` and end with `.partial`: anything so named and left by a
killed program is removed the next time a review is made in that folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import time
from pathlib import Path

PARTIAL_SUFFIX = ".partial"
_STALE_AFTER_S = 60.0  # a temporary older than this belongs to no running program


def temporary_beside(target: Path) -> Path:
    """A new, unused, private (0600) empty file in `target`'s folder."""
    folder = target.parent
    while True:
        path = folder / f".~{target.name}.{secrets.token_hex(4)}{PARTIAL_SUFFIX}"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return path


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
