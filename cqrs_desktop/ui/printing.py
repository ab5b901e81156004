"""Print preview, print and PDF for the worksheet and the report, through the reports renderers.

The layout belongs to `cqrs_desktop.reports.printing`; this module only supplies the paper
(a printer the user chose, or a PDF file) and the events to put on it (`event_ids`, None
for the whole review). PDFs are written on a background thread to a temporary file beside
the target and renamed at the end, so a cancelled or failed save never leaves half a file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPageLayout, QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QProgressDialog, QWidget

from cqrs_desktop.errors import OperationCancelled
from cqrs_desktop.reports.printing import (
    render_report,
    render_worksheet,
    write_report_pdf,
    write_worksheet_pdf,
)
from cqrs_desktop.reports.summary import ReportSummary
from cqrs_desktop.reports.whole_file import verify_whole
from cqrs_desktop.store.file_safety import NotMadePrivate, empty_private
from cqrs_desktop.ui.messages import show_problem
from cqrs_desktop.ui.operations import (
    Operation,
    Operations,
    ProgressFn,
    plain_message,
)

Which = Literal["worksheet", "report"]
EventIds = Sequence[str] | None
SummarySource = Callable[[], ReportSummary]
NAMES: dict[str, str] = {"worksheet": "worksheet", "report": "report"}
_KEEP: dict[QPrintPreviewDialog, QPrinter] = {}


def render(
    which: Which,
    summary: ReportSummary,
    device: QPrinter,
    event_ids: EventIds = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    renderer = render_worksheet if which == "worksheet" else render_report
    return renderer(summary, device, event_ids, progress)


def new_printer() -> QPrinter:
    """A4 landscape to start with (both documents are landscape); the user may change it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    return printer


def print_preview(
    parent: QWidget,
    which: Which,
    summary: ReportSummary,
    event_ids: EventIds = None,
    stopped: Callable[[], None] | None = None,
) -> QPrintPreviewDialog:
    """The preview window (it has its own Print button), opened without blocking. Its pages
    are drawn on the GUI thread (Qt's preview asks for them there), with page progress and
    Cancel once that takes more than half a second: a Cancel closes the preview and calls
    `stopped`."""
    printer = new_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    _KEEP[dialog] = printer  # Qt does not own the printer: keep it while the dialog lives
    dialog.finished.connect(lambda _r: _KEEP.pop(dialog, None))
    dialog.setWindowTitle(f"Print preview: the {NAMES[which]}")
    dialog.setAccessibleName(f"Print preview of the {NAMES[which]}")

    def draw(device: QPrinter) -> None:
        if not _draw_with_progress(dialog, which, summary, device, event_ids):
            QTimer.singleShot(0, dialog.reject)  # (not while Qt is asking for the pages)
            if stopped is not None:
                stopped()

    dialog.paintRequested.connect(draw)
    # roomy, but within the screen: 1000x700 ran off a laptop's at 125% (1366x768)
    room = (parent.screen() or QApplication.primaryScreen()).availableGeometry()
    dialog.resize(min(1000, room.width() - 40), min(700, room.height() - 60))
    dialog.open()
    return dialog


def _draw_with_progress(
    over: QWidget, which: Which, summary: ReportSummary, device: QPrinter, event_ids: EventIds
) -> bool:
    """Draw the pages of a preview, with progress and Cancel over `over`; False when the
    user cancelled (the pages drawn so far are on `device`, its painter ended)."""
    drawn = _with_page_progress(
        over,
        f"Preparing the preview of the {NAMES[which]}…",
        "Print preview",
        Qt.WindowModality.ApplicationModal,  # (the preview's own buttons too)
        lambda step: render(which, summary, device, event_ids, step),
    )
    return drawn is not None


def print_on(
    parent: QWidget | None,
    printer: QPrinter,
    which: Which,
    summary: ReportSummary,
    event_ids: EventIds = None,
) -> int:
    """Print on a printer already chosen, with page progress and Cancel (on the GUI thread:
    Qt drives printers from there). Returns the pages printed, 0 when cancelled."""
    printed = _with_page_progress(
        parent,
        f"Printing the {NAMES[which]}…",
        "Printing",
        Qt.WindowModality.WindowModal,
        lambda step: render(which, summary, printer, event_ids, step),
        printer.abort,
    )
    return printed or 0


def _with_page_progress(
    parent: QWidget | None,
    text: str,
    title: str,
    modality: Qt.WindowModality,
    draw: Callable[[Callable[[int, int], None]], int],
    on_cancel: Callable[[], object] | None = None,
) -> int | None:
    """`draw(step)` on the GUI thread with page progress and Cancel, shown once it takes
    more than half a second (a few pages show no flash of it); the pages drawn, or None
    when the user cancelled (`on_cancel` called first)."""
    progress = QProgressDialog(text, "&Cancel", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setWindowModality(modality)
    progress.setMinimumDuration(500)

    def step(done: int, total: int) -> None:
        progress.setMaximum(total)
        progress.setValue(done)
        QApplication.processEvents()
        if progress.wasCanceled():
            if on_cancel is not None:
                on_cancel()
            raise OperationCancelled()

    try:
        return draw(step)
    except OperationCancelled:
        return None
    finally:
        progress.close()
        progress.deleteLater()


def print_with_dialog(
    parent: QWidget,
    which: Which,
    summary: ReportSummary,
    event_ids: EventIds = None,
    done: Callable[[int], None] | None = None,
) -> QPrintDialog:
    """The system's print dialog (modal); printing starts when the user presses Print."""
    printer = new_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print the {NAMES[which]}")

    # modal: the native dialog on Windows and macOS only works through exec()
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return dialog
    try:
        pages = print_on(parent, printer, which, summary, event_ids)
    except Exception as exc:
        show_problem(parent, "Nothing was printed", plain_message(exc))
        return dialog
    if done is not None:
        done(pages)
    return dialog


def _partial_path(path: Path) -> Path:
    return path.with_name(f"~{path.stem}.part{path.suffix}")


def write_pdf(
    which: Which,
    summary: ReportSummary,
    path: Path,
    event_ids: EventIds = None,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the PDF safely: to a temporary file, private to the user before the writer
    opens it, renamed over `path` only when complete and whole on the disk (else a
    ReviewError naming `path` says why, and the partial file is gone)."""
    writer = write_worksheet_pdf if which == "worksheet" else write_report_pdf
    partial = _partial_path(path)

    def step(done: int, total: int) -> None:
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        if progress is None:
            return
        if not total:  # the pages being laid out: how many is not known yet
            progress(0, 0, f"Preparing the {NAMES[which]}…")
        else:
            progress(
                done, total, f"Saving the {NAMES[which]}: page {min(done + 1, total)} of {total}"
            )

    try:
        try:
            empty_private(partial)
            pages = writer(summary, partial, event_ids, step)
            # Qt's PDF writer says nothing when the disk fills under it: a file cut short
            # never takes the place of the one the user chose (nor of a good one there)
            verify_whole(partial, path.name, _nothing_saved(path))
            os.replace(partial, path)
        except NotMadePrivate as exc:  # named by the file the user chose, not the partial one
            raise NotMadePrivate(path, exc.reason) from None
        except OSError as exc:  # (OSError gives the same subclass for the same errno)
            if exc.errno is None or exc.filename not in (None, str(partial)):
                raise
            raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return pages


def _nothing_saved(path: Path) -> str:
    if path.exists():
        return f"nothing was saved and the {path.name} already there is unchanged"
    return "nothing was saved"


def save_pdf(
    parent: QWidget,
    ops: Operations,
    which: Which,
    summary: ReportSummary | SummarySource,
    path: Path,
    event_ids: EventIds = None,
    done: Callable[[int], None] | None = None,
) -> Operation:
    """Save a PDF in the background with progress and Cancel; `done(pages)` on success.

    `summary` may be a function, so a large review's summary is also built off the GUI thread.
    """

    def work(progress: ProgressFn, cancelled: Callable[[], bool]) -> int:
        progress(0, 0, f"Preparing the {NAMES[which]}…")
        made = summary() if callable(summary) else summary
        if cancelled():
            raise OperationCancelled()
        return write_pdf(which, made, path, event_ids, progress, cancelled)

    def finished(pages: object) -> None:
        if done is not None:
            done(int(pages))  # type: ignore[call-overload]

    def failed(error: BaseException) -> None:
        window = parent.window()
        if isinstance(window, QMainWindow):  # not an earlier "Saved NAME" left there
            window.statusBar().showMessage(f"{path.name} was not saved", 8000)
        show_problem(parent, f"The {NAMES[which]} was not saved", plain_message(error))

    def cancelled() -> None:
        """The pages written so far are gone with the partial file: said, never silent."""
        window = parent.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(
                f"Saving the {NAMES[which]} as PDF cancelled: {_nothing_saved(path)}", 10000
            )

    title = f"Saving the {NAMES[which]} as PDF"
    return ops.run(parent, title, work, finished, failed, on_cancelled=cancelled)
