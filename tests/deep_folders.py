r"""Folders as a practice keeps them on a shared drive: deep (past Windows' old 260-character
limit), with spaces, accents and a dash in their names. Made with Windows' \\?\ form where
the plain path is refused (a PC without long paths turned on)."""

from __future__ import annotations

import sys
from pathlib import Path

LEVEL = "Práctica Ü – CQRS checks 2026"


def deep_folder(base: Path, longer_than: int = 290) -> Path:
    """A folder below `base` whose path is longer than `longer_than` characters, made."""
    folder = base
    while len(str(folder)) <= longer_than:
        folder = folder / LEVEL
    try:
        folder.mkdir(parents=True)
    except OSError:
        if sys.platform != "win32":
            raise
        Path("\\\\?\\" + str(folder)).mkdir(parents=True)
    return folder
