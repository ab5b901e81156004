"""The text of a PDF as poppler's `pdftotext -layout` lays it out (pages split by form
feeds), for the tests that read printed documents back; None where it is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

PDFTOTEXT = shutil.which("pdftotext")


def layout_text(path: Path) -> str:
    """The PDF at `path` as `pdftotext -layout` prints it."""
    assert PDFTOTEXT is not None
    return subprocess.run(
        [PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
