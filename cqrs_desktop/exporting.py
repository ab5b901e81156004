"""Write every result of a review into a folder: the files SPEC section 7 lists."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from cqrs_desktop.domain.model import AuditEntry
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.declaration import declaration_notes_text
from cqrs_desktop.reports.email import build_email, email_eml, email_text
from cqrs_desktop.reports.printing import write_report_pdf, write_worksheet_pdf
from cqrs_desktop.reports.review_json import write_review_json
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

    def review_json(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            write_review_json(review, handle)

    emit("review.json", review_json)
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
