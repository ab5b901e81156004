"""Paint a `Document` on paper or PDF: one renderer for print, print preview and PDF.

Pages are laid out by measuring every row first, so the table header repeats on each page,
no row is split, and the footer can say "Page X of Y". QTextDocument cannot promise either,
so this draws with QPainter directly. Needs a QGuiApplication (created headless if absent).

This module is the public entry (set up the device, paint the pages, write the PDFs); the
layout is planned in `print_layout`, tables in `print_table`, text fitted in `print_text`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from cqrs_desktop.reports.documents import Document, report_document, worksheet_document
from cqrs_desktop.reports.print_layout import CELL_PAD_MM as CELL_PAD_MM
from cqrs_desktop.reports.print_layout import Paint as Paint
from cqrs_desktop.reports.print_layout import _Layout
from cqrs_desktop.reports.print_table import TICK_BOX_MM as TICK_BOX_MM
from cqrs_desktop.reports.print_table import RunRow as RunRow
from cqrs_desktop.reports.print_text import ALIGN as ALIGN
from cqrs_desktop.reports.print_text import MONO as MONO
from cqrs_desktop.reports.print_text import SANS as SANS
from cqrs_desktop.reports.print_text import TOP_CENTER as TOP_CENTER
from cqrs_desktop.reports.print_text import TOP_LEFT as TOP_LEFT
from cqrs_desktop.reports.print_text import TOP_RIGHT as TOP_RIGHT
from cqrs_desktop.reports.print_text import WRAP as WRAP
from cqrs_desktop.reports.print_text import WRAP_ANYWHERE as WRAP_ANYWHERE
from cqrs_desktop.reports.print_text import Fit as Fit
from cqrs_desktop.reports.print_text import Plan as Plan
from cqrs_desktop.reports.print_text import RowFits as RowFits
from cqrs_desktop.reports.print_text import _draw as _draw
from cqrs_desktop.reports.print_text import _font as _font
from cqrs_desktop.reports.print_text import _plan as _plan
from cqrs_desktop.reports.print_text import wrap_flags as wrap_flags
from cqrs_desktop.reports.summary import ReportSummary

# The `X as X` imports keep the names this module had before it was split into print_*, so
# `from cqrs_desktop.reports.printing import X` still works (tests use the private ones).

MARGIN_MM = 10.0
PDF_DPI = 300

_APPS: list[QGuiApplication] = []  # keeps a QGuiApplication we had to create alive


def ensure_gui_app() -> None:
    """Qt fonts and painting need an application object; make a headless one if needed."""
    if QGuiApplication.instance() is not None:
        return
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if sys.platform == "win32" and os.environ.get("QT_QPA_PLATFORM") in ("offscreen", "minimal"):
        # Qt's headless platforms on Windows read fonts from QT_QPA_FONTDIR only: without it
        # there are no fonts and the PDFs would carry no text.
        windows = os.environ.get("WINDIR", r"C:\Windows")
        os.environ.setdefault("QT_QPA_FONTDIR", os.path.join(windows, "Fonts"))
    _APPS.append(QGuiApplication([sys.argv[0] if sys.argv else "cqrs-desktop"]))


def prepare_device(device: QPagedPaintDevice, landscape: bool, set_a4: bool) -> None:
    """Orientation and margins; A4 for PDFs (a printer keeps the paper the user chose)."""
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    if set_a4:
        layout = QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), orientation, margins, QPageLayout.Unit.Millimeter
        )
        device.setPageLayout(layout)
    else:
        device.setPageOrientation(orientation)
        device.setPageMargins(margins, QPageLayout.Unit.Millimeter)


PageProgress = Callable[[int, int], None]


def render_document(
    document: Document, device: QPagedPaintDevice, progress: PageProgress | None = None
) -> int:
    """Paint `document` on a printer or PDF writer (already set up); returns the page count.

    `progress(pages_done, pages)` is called before each page and at the end, and with
    (0, 0) now and then while the pages are laid out; it may raise to stop (the painter is
    ended either way, so the device is never left open).
    """
    ensure_gui_app()
    layout = _Layout(document, device)
    if progress is not None:
        layout.tick = lambda: progress(0, 0)
    layout.place(document.blocks)
    pages = layout.pages
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("could not start printing (is the printer or file available?)")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for number, page in enumerate(pages, start=1):
            if progress is not None:
                progress(number - 1, len(pages))
            if number > 1:
                device.newPage()
            layout.frame(number, len(pages))(painter)
            for op in page.ops:
                op(painter)
        if progress is not None:
            progress(len(pages), len(pages))
    finally:
        painter.end()
    return len(pages)


def render_worksheet(
    summary: ReportSummary,
    device: QPagedPaintDevice,
    event_ids: Iterable[str] | None = None,
    progress: PageProgress | None = None,
) -> int:
    """The review worksheet on a printer or PDF writer (landscape); returns pages printed."""
    ensure_gui_app()
    return _render_on(worksheet_document(summary, event_ids), device, progress)


def render_report(
    summary: ReportSummary,
    device: QPagedPaintDevice,
    event_ids: Iterable[str] | None = None,
    progress: PageProgress | None = None,
) -> int:
    """The completed review report on a printer or PDF writer; returns pages printed."""
    ensure_gui_app()
    return _render_on(report_document(summary, event_ids), device, progress)


def _render_on(document: Document, device: QPagedPaintDevice, progress: PageProgress | None) -> int:
    """PDFs are always A4; a printer keeps the paper the user chose."""
    prepare_device(device, document.landscape, set_a4=isinstance(device, QPdfWriter))
    return render_document(document, device, progress)


def _pdf_writer(path: Path | str, title: str) -> QPdfWriter:
    ensure_gui_app()
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator("CQRS Desktop")
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    return writer


def write_worksheet_pdf(
    summary: ReportSummary,
    path: Path | str,
    event_ids: Iterable[str] | None = None,
    progress: PageProgress | None = None,
) -> int:
    """`worksheet.pdf`: landscape A4; returns the page count."""
    writer = _pdf_writer(path, "Review worksheet")
    return render_worksheet(summary, writer, event_ids, progress)


def write_report_pdf(
    summary: ReportSummary,
    path: Path | str,
    event_ids: Iterable[str] | None = None,
    progress: PageProgress | None = None,
) -> int:
    """`report.pdf`: the completed review report; returns the page count."""
    writer = _pdf_writer(path, "CQRS claim review report")
    return render_report(summary, writer, event_ids, progress)


__all__ = [
    "ensure_gui_app",
    "render_document",
    "render_report",
    "render_worksheet",
    "write_report_pdf",
    "write_worksheet_pdf",
]
