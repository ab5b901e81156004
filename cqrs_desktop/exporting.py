"""Write every result of a review into a folder: the files SPEC section 7 lists."""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from pathlib import Path

from cqrs_desktop.domain.model import AuditEntry
from cqrs_desktop.domain.review import Review
from cqrs_desktop.errors import ReviewError
from cqrs_desktop.reports import whole_file
from cqrs_desktop.reports.declaration import declaration_notes_text
from cqrs_desktop.reports.email import build_email, email_eml, email_text
from cqrs_desktop.reports.review_json import write_review_json
from cqrs_desktop.reports.summary import ReportSummary, build_summary
from cqrs_desktop.store.file_safety import (
    NotMadePrivate,
    make_private,
    remove_stale_temporaries,
)

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

# One line-ending rule on every platform (docs/decisions.md, "One line-ending rule"), so Linux
# and Windows write the same bytes: the text people open (email.txt, declaration_notes.txt,
# and email.eml, which RFC 5322 makes CRLF) has CRLF, which Notepad shows as lines on every
# Windows we support (LF alone only from Windows 10 1809); review.json, for programs, has LF.
TEXT_NEWLINE = "\r\n"
DATA_NEWLINE = "\n"


def _in_use(name: str) -> ReviewError:
    return ReviewError(f"{name} is open in another program or read-only: close it and try again")


def _backup_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.old")


def _move_aside(targets: Sequence[Path]) -> list[tuple[Path, Path]]:
    """Rename every existing target to a backup name beside it; returns (target, backup).

    Renaming is what proves a file can be replaced: Windows refuses it while any program
    holds the file open without delete sharing (Excel, PDF viewers, Python's own `open`),
    even where opening the file for writing would succeed. A read-only file is refused too
    (Windows cannot replace it, and the user made it so). If one target cannot be moved,
    those already moved are put back before the error is raised: the folder is as it was.
    """
    refuse_folders_in_the_way(targets)
    moved: list[tuple[Path, Path]] = []
    try:
        for target in targets:
            if not target.exists():
                continue
            if not os.access(target, os.W_OK):
                raise _in_use(target.name)
            backup = _backup_name(target)
            try:
                os.rename(target, backup)
            except PermissionError:
                raise _in_use(target.name) from None
            moved.append((target, backup))
    except BaseException:
        _move_back(moved)
        raise
    return moved


def refuse_folders_in_the_way(targets: Sequence[Path]) -> None:
    """A folder with a result's name cannot be replaced by the result: moved aside, it
    would be left beside the results under a hidden name for good (a folder is not deleted
    as an old result is). Refused before anything is moved or written."""
    for target in targets:
        if target.is_dir():
            raise ReviewError(
                f"{target.name} in {target.parent}: a folder of that name is in the way; "
                "move or rename it"
            )


def _move_back(moved: Sequence[tuple[Path, Path]]) -> None:
    """Put backups back under their own names (the names are free: nothing was put there)."""
    stuck = []
    for target, backup in reversed(moved):
        try:
            os.replace(backup, target)
        except OSError:
            stuck.append(f"{target.name} (kept as {backup.name})")
    if stuck:
        raise ReviewError(
            "the run stopped and the previous results could not all be put back: "
            + ", ".join(stuck)
        )


# What a result that could not be written whole leaves as it was.
_UNCHANGED = "the results already in the folder are unchanged"


def verify_whole(path: Path, name: str) -> None:
    """A result is on the disk whole, or the run stops (`reports.whole_file`)."""
    whole_file.verify_whole(path, name, _UNCHANGED)


def _not_whole(name: str, exc: OSError | None, folder: Path | None = None) -> ReviewError:
    return whole_file.not_whole(name, exc, _UNCHANGED, folder)


_STALE_AFTER_S = 60.0


def tidy_leftovers(out: Path) -> None:
    """What a run killed half-way left in the results folder: an old result it had moved
    aside goes back under its name (or away, when a newer one is there), and its temporary
    files (patient data) go. A recent temporary may be another run's, so it stays."""
    now = time.time()
    for name in OUTPUT_NAMES:
        with contextlib.suppress(OSError):
            for leftover in out.glob(f".{name}.*"):
                target = out / name
                if leftover.suffix == ".old":
                    if target.exists():
                        leftover.unlink()
                    else:
                        os.replace(leftover, target)
                elif now - leftover.stat().st_mtime > _STALE_AFTER_S:
                    leftover.unlink()
    remove_stale_temporaries(out)  # a workbook's sheets, as it was being written


def _refuse_if_in_use(out: Path) -> None:
    """Stop before the (possibly long) rendering if a result file cannot be replaced (or a
    folder has a result's name): each existing one is moved aside and straight back. The
    end of the run checks again."""
    _move_back(_move_aside([out / name for name in OUTPUT_NAMES]))


class _Results:
    """Result files written to temporaries beside their targets, put in place together at
    the end: a failure half-way leaves the folder as it was, with no half-written file and
    no mixture of old and new results."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.pending: list[tuple[Path, Path]] = []  # (temporary, target)

    def temporary(self, name: str) -> Path:
        """A new empty file beside `name`, private to the user (mkstemp makes it 0600; on
        Windows its access list is set before anything is written to it)."""
        handle, temp_name = tempfile.mkstemp(prefix=f".{name}.", dir=self.out)
        os.close(handle)
        temp = Path(temp_name)
        try:
            make_private(temp)
        except NotMadePrivate as exc:
            temp.unlink(missing_ok=True)
            raise NotMadePrivate(self.out / name, exc.reason) from None
        self.pending.append((temp, self.out / name))
        return temp

    def write(self, name: str, write: Callable[[Path], object]) -> None:
        path = self.temporary(name)
        try:
            write(path)
        except OSError as exc:  # (a full disk under a workbook's sheets names no file)
            raise _not_whole(name, exc) from None
        verify_whole(path, name)

    def put_in_place(self) -> list[Path]:
        """Every old result aside first (all or none), then every new one in, then the old
        ones deleted. Any failure before the last step restores the old results."""
        for temp, target in self.pending:
            verify_whole(temp, target.name)  # the workbook from the second process too
        targets = [target for _temp, target in self.pending]
        moved = _move_aside(targets)
        placed: list[Path] = []
        try:
            for temp, target in self.pending:
                try:
                    os.replace(temp, target)
                except PermissionError:
                    raise _in_use(target.name) from None
                placed.append(target)
        except BaseException:
            for target in placed:
                with contextlib.suppress(OSError):
                    target.unlink()
            _move_back(moved)
            raise
        self.pending.clear()
        for _target, backup in moved:
            # The new results are all in place. A file that could be renamed can be deleted
            # (one held with delete sharing goes when its holder lets go), so this is not
            # expected to fail; if it does, the old copy stays under its hidden name.
            with contextlib.suppress(OSError):
                backup.unlink()
        return targets

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
    _load_writers()
    made = not out.exists()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, no permission, a path Windows finds too long
        raise ReviewError(
            f"{out.name}: the results folder could not be made ({exc.strerror or 'refused'})"
        ) from None
    done = False
    try:
        tidy_leftovers(out)
        _refuse_if_in_use(out)
        results = _Results(out)
        try:
            _write_all(review, results, audit, team_email, parallel_from)
            written = results.put_in_place()
            done = True
            return written
        finally:
            results.discard()
    finally:
        if made and not done:  # stopped or failed: a folder made for nothing is not left
            with contextlib.suppress(OSError):
                out.rmdir()  # only when empty


# The workbook's and the PDFs' writers load openpyxl and Qt: loaded when the results are
# written, so a command refused before any work (an --out in the way) starts without them,
# and Qt comes after pandas and openpyxl, whose imports its __feature__ hook slows (356).
def _load_writers() -> None:
    """Load both writers before any result is written, never in the middle of the work: a
    stop (Ctrl+C, SIGTERM) that comes while Qt loads its bindings ends Python with a fatal
    error and no clean stop, and a stop is expected while the workbook's second process
    writes. openpyxl first (see above)."""
    for name in ("cqrs_desktop.reports.xlsx", "cqrs_desktop.reports.printing"):
        importlib.import_module(name)


def write_workbook(summary: ReportSummary, audit: Sequence[AuditEntry], path: Path) -> None:
    from cqrs_desktop.reports.xlsx import write_workbook as write

    write(summary, audit, path)


def write_worksheet_pdf(summary: ReportSummary, path: Path) -> int:
    from cqrs_desktop.reports.printing import write_worksheet_pdf as write

    return write(summary, path)


def write_report_pdf(summary: ReportSummary, path: Path) -> int:
    from cqrs_desktop.reports.printing import write_report_pdf as write

    return write(summary, path)


def remove_sheets_of(workbook: Path) -> None:
    from cqrs_desktop.reports.sheet_files import remove_sheets_of as remove

    remove(workbook)


def _write_text(path: Path, text: str) -> None:
    """A text result for people (email.txt, declaration_notes.txt): UTF-8, CRLF line ends."""
    path.write_text(text, encoding="utf-8", newline=TEXT_NEWLINE)


def _write_all(
    review: Review,
    results: _Results,
    audit: Sequence[AuditEntry],
    team_email: str | None,
    parallel_from: int,
) -> None:
    def review_json(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline=DATA_NEWLINE) as handle:
            write_review_json(review, handle)

    results.write("review.json", review_json)
    summary = build_summary(review)
    message = build_email(summary, team_email or review.rules.team_email)
    results.write("email.txt", lambda p: _write_text(p, email_text(message)))
    results.write(  # CRLF already: email.policy.SMTP
        "email.eml", lambda p: p.write_bytes(email_eml(message, review.practice.reviewer))
    )
    results.write(
        "declaration_notes.txt", lambda p: _write_text(p, declaration_notes_text(summary))
    )
    if len(summary.events) < parallel_from:
        results.write("review.xlsx", lambda p: write_workbook(summary, audit, p))
        results.write("worksheet.pdf", lambda p: write_worksheet_pdf(summary, p))
        results.write("report.pdf", lambda p: write_report_pdf(summary, p))
        return
    context = multiprocessing.get_context("spawn")  # no Qt state is copied into the child
    pool = ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_leave_ctrl_c)
    workbook: Path | None = None
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
            except OSError as exc:
                raise _not_whole("review.xlsx", exc) from None
    except BaseException:  # Ctrl+C, or a PDF that failed: the workbook is not wanted now
        workers = list(getattr(pool, "_processes", {}).values())
        for process in workers:
            process.terminate()
        for process in workers:  # gone before its temporary file is removed (Windows)
            process.join(timeout=10)
        if workbook is not None:
            remove_sheets_of(workbook)  # the sheets it was writing
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def _leave_ctrl_c() -> None:
    """In the workbook's process: Ctrl+C reaches every process of the console, but only the
    main one should answer it (it stops this one), or this one prints a traceback too."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
