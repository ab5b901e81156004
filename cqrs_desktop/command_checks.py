"""Checks of what the command line was given, made before any file is read or written.

Each problem is a `ReviewError`: one line for the user and exit code 2, never a traceback
from deep inside (a line break in the practice name used to fail only when the email was
written; an unwritable results folder only after the whole check had run).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from cqrs_desktop.errors import ReviewError
from cqrs_desktop.paths import same_file

# Control characters (CR and LF too), C1 codes and the stand-ins for bytes that were not
# text: none belongs in a name, and a line break in one would break the email's headers.
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
LONGEST_NAME = 200
LONGEST_CODE = 20


def check_text(option: str, value: str | None, longest: int = LONGEST_NAME) -> None:
    """A name or code given on the command line: one line of plain text, not too long."""
    if value is None:
        return
    if _NOT_PLAIN.search(value):
        raise ReviewError(
            f"{option}: give one line of plain text (it holds a line break or another "
            "control character)"
        )
    if len(value) > longest:
        raise ReviewError(f"{option}: longer than {longest} characters")
    if option == "--practice-ods" and not value.strip():
        raise ReviewError(f"{option}: the practice's ODS code is blank")


def check_folder(option: str, path: Path, folder: Path) -> None:
    """`folder` (for the results, or the review file `path`), or the nearest folder above it
    that exists, must be a folder this user can write in: found out now, not after the
    whole check has run."""
    probe = folder
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    if not probe.is_dir():
        what = "is a file" if probe == path else f"is below {probe.name}, which is a file"
        raise ReviewError(f"{option} {path}: {what}, not a folder")
    try:
        with tempfile.TemporaryFile(dir=probe):
            pass
    except OSError as exc:
        reason = exc.strerror or "it cannot be written in"
        raise ReviewError(f"{option} {path}: nothing can be written there ({reason})") from None


def refuse_inputs_in_the_way(out: Path, inputs: Iterable[Path], results: Sequence[str]) -> None:
    """Refuse an input (or the review file to save) that a result would replace: a file in
    the results folder named like one of the results (in any case on Windows), or the same
    file as one under another name (a link)."""
    for path in inputs:
        in_the_way = any(same_file(path, out / name) for name in results)
        if in_the_way:
            raise ReviewError(
                f"{path.name}: it is in the results folder with the name of a result, so "
                "writing the results would replace it; move or rename it, or choose another "
                "--out folder"
            )
