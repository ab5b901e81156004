"""Write every result of a review into a folder: the files SPEC section 7 lists."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from cqrs_desktop.domain.model import AuditEntry
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.review_json import review_document


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    """Write to a temporary file beside `path`, then replace: no half-written results."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_outputs(review: Review, out: Path, audit: Sequence[AuditEntry]) -> list[Path]:
    """Write the results into `out` (created if needed); returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def emit(name: str, write: Callable[[Path], None]) -> None:
        target = out / name
        _atomic_write(target, write)
        written.append(target)

    document = review_document(review)
    emit(
        "review.json",
        lambda p: p.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n",
                               encoding="utf-8"),
    )
    return written
