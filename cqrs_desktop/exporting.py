"""Write every result of a review into a folder: the files SPEC section 7 lists."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from cqrs_desktop.domain.model import AuditEntry
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.declaration import declaration_notes_text
from cqrs_desktop.reports.email import build_email, email_eml, email_text
from cqrs_desktop.reports.printing import write_report_pdf, write_worksheet_pdf
from cqrs_desktop.reports.review_json import review_document
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.xlsx import write_workbook


def _atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Write to a temporary file beside `path`, then replace: no half-written results."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def review_json_text(review: Review) -> str:
    """review.json, readable: one item or event per line (and fast: the C encoder)."""
    document = review_document(review)
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            inner = ",\n  ".join(json.dumps(v, ensure_ascii=False) for v in value)
            parts.append(f"{json.dumps(key)}: [\n  {inner}\n ]")
        else:
            parts.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n " + ",\n ".join(parts) + "\n}\n"


def write_outputs(
    review: Review, out: Path, audit: Sequence[AuditEntry], team_email: str | None = None
) -> list[Path]:
    """Write the results into `out` (created if needed); returns the files written.

    Everything renders from one summary (STYLE lesson 7), so the files always agree.
    """
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def emit(name: str, write: Callable[[Path], object]) -> None:
        target = out / name
        _atomic_write(target, write)
        written.append(target)

    emit("review.json", lambda p: p.write_text(review_json_text(review), encoding="utf-8"))
    summary = build_summary(review)
    message = build_email(summary, team_email or review.rules.team_email)
    emit("email.txt", lambda p: p.write_text(email_text(message), encoding="utf-8"))
    emit("email.eml", lambda p: p.write_bytes(email_eml(message, review.practice.reviewer)))
    emit(
        "declaration_notes.txt",
        lambda p: p.write_text(declaration_notes_text(summary), encoding="utf-8"),
    )
    emit("review.xlsx", lambda p: write_workbook(summary, audit, p))
    emit("worksheet.pdf", lambda p: write_worksheet_pdf(summary, p))
    emit("report.pdf", lambda p: write_report_pdf(summary, p))
    return written
