"""Write every result of a review into a folder: the files SPEC section 7 lists."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from cqrs_desktop.domain.model import AuditEntry
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.declaration import declaration_notes_text
from cqrs_desktop.reports.email import build_email, email_eml, email_text
from cqrs_desktop.reports.printing import write_report_pdf, write_worksheet_pdf
from cqrs_desktop.reports.review_json import write_review_json
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.xlsx import write_workbook

# From this many events the workbook is written in a second process, beside the PDFs.
PARALLEL_FROM_EVENTS = 20_000


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path` that replaces it only if the block succeeds: no
    half-written results."""
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def write_outputs(
    review: Review,
    out: Path,
    audit: Sequence[AuditEntry],
    team_email: str | None = None,
    parallel_from: int = PARALLEL_FROM_EVENTS,
) -> list[Path]:
    """Write the results into `out` (created if needed); returns the files written.

    Everything renders from one summary (STYLE lesson 7), so the files always agree. For a
    large review the workbook is written by a second process while the PDFs render here.
    """
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def emit(name: str, write: Callable[[Path], object]) -> None:
        target = out / name
        with _replacing(target) as temp:
            write(temp)
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
    if len(summary.events) < parallel_from:
        emit("review.xlsx", lambda p: write_workbook(summary, audit, p))
        emit("worksheet.pdf", lambda p: write_worksheet_pdf(summary, p))
        emit("report.pdf", lambda p: write_report_pdf(summary, p))
        return written
    context = multiprocessing.get_context("spawn")  # no Qt state is copied into the child
    with (
        ProcessPoolExecutor(max_workers=1, mp_context=context) as pool,
        _replacing(out / "review.xlsx") as workbook,
    ):
        pending = pool.submit(write_workbook, summary, list(audit), workbook)
        emit("worksheet.pdf", lambda p: write_worksheet_pdf(summary, p))
        emit("report.pdf", lambda p: write_report_pdf(summary, p))
        pending.result()  # the child's error, if any, is raised here
    written.append(out / "review.xlsx")
    return written
