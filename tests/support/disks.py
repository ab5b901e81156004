"""Real failures for tests: a tiny file system that fills up, and one made read-only.

Linux only, and only where tmpfs can be mounted (CI runs as root); elsewhere the tests that
need them are skipped with the reason. No mocks: the app meets ENOSPC and EROFS from the
kernel, as on a full or locked-down drive.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, timeout=30)


@contextmanager
def small_disk(folder: Path, size_kb: int) -> Iterator[Path]:
    """A tmpfs of `size_kb` mounted at `folder` (made if needed) for the `with` block."""
    if sys.platform != "linux" or shutil.which("mount") is None:
        pytest.skip("a small file system needs Linux and mount")
    folder.mkdir(parents=True, exist_ok=True)
    done = _mount("-t", "tmpfs", "-o", f"size={size_kb}k,mode=0777", "tmpfs", str(folder))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here ({done.stderr.strip()})")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


def make_read_only(folder: Path) -> None:
    """Remount a `small_disk` read-only (root ignores file modes, so a mount is needed)."""
    done = _mount("-o", "remount,ro", str(folder))
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only here ({done.stderr.strip()})")


def fill(folder: Path, leave_bytes: int = 0) -> None:
    """Fill the file system holding `folder`, leaving about `leave_bytes` free."""
    stat = os.statvfs(folder)
    free = stat.f_bavail * stat.f_frsize - leave_bytes
    if free <= 0:
        return
    with (folder / "filler.bin").open("wb") as handle:
        chunk = b"\0" * 4096
        try:
            while free > 0:
                handle.write(chunk[: min(len(chunk), free)])
                free -= len(chunk)
            handle.flush()
        except OSError:
            pass
