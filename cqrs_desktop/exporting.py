"""Write every result of a review into a folder: the files SPEC section 7 lists."""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from pathlib import Path

from cqrs_desktop.domain.model import AuditEntry
from cqrs_desktop.domain.review import Review
from cqrs_desktop.errors import ReviewError
from cqrs_desktop.reports.declaration import declaration_notes_text
from cqrs_desktop.reports.email import build_email, email_eml, email_text
from cqrs_desktop.reports.printing import write_report_pdf, write_worksheet_pdf
from cqrs_desktop.reports.review_json import write_review_json
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.xlsx import write_workbook

# From this many events the workbook is written in a second process, beside the PDFs.
PARALLEL_FROM_EVENTS = 20_000


OUTPUT_NAMES = (
    "review.json",
    "email.txt",
    "email.eml",
    "declaration_notes.txt",
    "review.xlsx",
    "worksheet.pdf",
    "report.pdf",
)


def _in_use(name: str) -> ReviewError:
    return ReviewError(f"{name} is open in another program or read-only: close it and try again")


def _refuse_if_in_use(out: Path) -> None:
    """Stop before writing anything if a result file cannot be replaced: on Windows a
    workbook open in Excel or a PDF open in a reader is locked."""
    for name in OUTPUT_NAMES:
        target = out / name
        if not target.exists():
            continue
        try:
            with target.open("r+b"):
                pass
        except PermissionError:
            raise _in_use(name) from None


class _Results:
    """Result files written to temporaries beside their targets, put in place together at
    the end: a failure half-way leaves the folder as it was, with no half-written file."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.pending: list[tuple[Path, Path]] = []  # (temporary, target)

    def temporary(self, name: str) -> Path:
        handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", dir=self.out)
        os.close(handle)
        temp = Path(temp_name)
        self.pending.append((temp, self.out / name))
        return temp

    def write(self, name: str, write: Callable[[Path], object]) -> None:
        write(self.temporary(name))

    def put_in_place(self) -> list[Path]:
        for temp, target in self.pending:
            try:
                os.replace(temp, target)
            except PermissionError:
                raise _in_use(target.name) from None
        return [target for _temp, target in self.pending]

    def discard(self) -> None:
        for temp, _target in self.pending:
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
    _refuse_if_in_use(out)
    results = _Results(out)
    try:
        _write_all(review, results, audit, team_email, parallel_from)
        return results.put_in_place()
    finally:
        results.discard()


def _write_all(
    review: Review,
    results: _Results,
    audit: Sequence[AuditEntry],
    team_email: str | None,
    parallel_from: int,
) -> None:
    def review_json(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            write_review_json(review, handle)

    results.write("review.json", review_json)
    summary = build_summary(review)
    message = build_email(summary, team_email or review.rules.team_email)
    results.write("email.txt", lambda p: p.write_text(email_text(message), encoding="utf-8"))
    results.write(
        "email.eml", lambda p: p.write_bytes(email_eml(message, review.practice.reviewer))
    )
    results.write(
        "declaration_notes.txt",
        lambda p: p.write_text(declaration_notes_text(summary), encoding="utf-8"),
    )
    if len(summary.events) < parallel_from:
        results.write("review.xlsx", lambda p: write_workbook(summary, audit, p))
        results.write("worksheet.pdf", lambda p: write_worksheet_pdf(summary, p))
        results.write("report.pdf", lambda p: write_report_pdf(summary, p))
        return
    context = multiprocessing.get_context("spawn")  # no Qt state is copied into the child
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_leave_ctrl_c)
    try:
        workbook = results.temporary("review.xlsx")
        pending = pool.submit(write_workbook, summary, list(audit), workbook)
        results.write("worksheet.pdf", lambda p: write_worksheet_pdf(summary, p))
        results.write("report.pdf", lambda p: write_report_pdf(summary, p))
        while True:  # in steps: a wait without a timeout cannot be stopped by Ctrl+C on Windows
            try:
                pending.result(timeout=0.25)  # the child's error, if any, is raised here
                break
            except FuturesTimeout:
                continue
    except BaseException:  # Ctrl+C, or a PDF that failed: the workbook is not wanted now
        workers = list(getattr(pool, "_processes", {}).values())
        for process in workers:
            process.terminate()
        for process in workers:  # gone before its temporary file is removed (Windows)
            process.join(timeout=10)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _leave_ctrl_c() -> None:
    """In the workbook's process: Ctrl+C reaches every process of the console, but only the
    main one should answer it (it stops this one), or this one prints a traceback too."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
