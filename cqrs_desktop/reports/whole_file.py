"""A written file is on the disk whole, or the caller hears why: for every result the
command line writes and for every PDF the window saves."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

from cqrs_desktop.errors import ReviewError


def verify_whole(path: Path, name: str, unchanged: str) -> None:
    """Raise a ReviewError naming `name` (the file the user asked for, not the temporary
    `path`) unless `path` is whole: flushed to the disk (a full disk says so here, not
    later), not empty, and a PDF ends as a PDF does (Qt's PDF writer says nothing when the
    disk fills under it). `unchanged` ends the message: what the failure left as it was."""
    try:
        with path.open("rb+") as handle:
            os.fsync(handle.fileno())
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - 1024))
            tail = handle.read()
    except OSError as exc:
        raise not_whole(name, exc, unchanged) from None
    if size == 0 or (name.lower().endswith(".pdf") and b"%%EOF" not in tail):
        raise not_whole(name, None, unchanged, path.parent)


def not_whole(
    name: str, exc: OSError | None, unchanged: str, folder: Path | None = None
) -> ReviewError:
    """`name` could not be written whole, and why: the OS's words, or (for a file that came
    out short) a full disk when the folder's disk has almost no room left."""
    if exc is not None:
        full = exc.errno == errno.ENOSPC
        why = "the disk is full" if full else (exc.strerror or "it could not be written")
    else:
        free = _free_space(folder) if folder is not None else None
        full = free is not None and free < 1_000_000
        why = "the disk is full" if full else "it came out cut short"
    return ReviewError(f"{name} could not be written whole ({why}); {unchanged}")


def _free_space(folder: Path) -> int | None:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return None
