"""Paint a `Document` on paper or PDF: one renderer for print, print preview and PDF.

Pages are laid out by measuring every row first, so the table header repeats on each page,
no row is split, and the footer can say "Page X of Y". QTextDocument cannot promise either,
so this draws with QPainter directly. Needs a QGuiApplication (created headless if absent).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from cqrs_desktop.reports.documents import (
    Block,
    Document,
    Heading,
    Paragraph,
    SignOff,
    Table,
    report_document,
    worksheet_document,
)
from cqrs_desktop.reports.summary import ReportSummary

SANS = ["Arial", "Liberation Sans", "DejaVu Sans", "Helvetica"]
MONO = ["Consolas", "Courier New", "Liberation Mono", "DejaVu Sans Mono"]
MARGIN_MM = 10.0
TICK_BOX_MM = 6.0
CELL_PAD_MM = 1.4
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
    _APPS.append(QGuiApplication([sys.argv[0] if sys.argv else "cqrs-desktop"]))


def _font(size_pt: float, bold: bool = False, mono: bool = False, italic: bool = False) -> QFont:
    font = QFont()
    font.setFamilies(MONO if mono else SANS)
    font.setPointSizeF(size_pt)
    font.setBold(bold)
    font.setItalic(italic)
    font.setStyleHint(QFont.StyleHint.Monospace if mono else QFont.StyleHint.SansSerif)
    font.setFeature(QFont.Tag("liga"), 0)  # keep "fi" as two letters: PDF text stays searchable
    return font


Paint = Callable[[QPainter], None]
WRAP = int(Qt.TextFlag.TextWordWrap)
WRAP_ANYWHERE = int(Qt.TextFlag.TextWrapAnywhere)
TOP_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
TOP_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
TOP_CENTER = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
ALIGN = {"left": TOP_LEFT, "right": TOP_RIGHT, "center": TOP_CENTER}


@dataclass
class _Page:
    ops: list[Paint] = field(default_factory=list)


class _Layout:
    """Measures blocks in device units and places them on pages."""

    def __init__(self, document: Document, device: QPagedPaintDevice) -> None:
        self.doc = document
        self.device = device
        self.unit = device.logicalDpiY() / 25.4  # device units per mm
        self.width = float(device.width())
        self.height = float(device.height())
        self._metrics: dict[tuple[float, bool, bool, bool], tuple[QFont, QFontMetricsF]] = {}
        self.pages: list[_Page] = []
        self.header_h = self._header_height()
        self.footer_h = self._footer_height()
        self.top = self.header_h + self.mm(3)
        self.bottom = self.height - self.footer_h - self.mm(2)
        self.y = self.top
        self.last_heading: Heading | None = None
        self._new_page()

    # measuring ---------------------------------------------------------------------------

    def mm(self, value: float) -> float:
        return value * self.unit

    def font(
        self, size: float, bold: bool = False, mono: bool = False, italic: bool = False
    ) -> tuple[QFont, QFontMetricsF]:
        key = (size, bold, mono, italic)
        if key not in self._metrics:
            font = _font(size, bold, mono, italic)
            self._metrics[key] = (font, QFontMetricsF(font, self.device))
        return self._metrics[key]

    def text_height(self, metrics: QFontMetricsF, text: str, width: float) -> float:
        if not text:
            return metrics.height()
        if "\n" not in text and metrics.horizontalAdvance(text) <= width:
            return metrics.height()
        flags = wrap_flags(metrics, text, width) | TOP_LEFT
        return metrics.boundingRect(QRectF(0, 0, width, 1e7), flags, text).height()

    # page frame ---------------------------------------------------------------------------

    def _header_height(self) -> float:
        _, title = self.font(14, bold=True)
        _, sub = self.font(9)
        return title.height() + sub.height() + self.mm(2.5)

    def _footer_height(self) -> float:
        _, note = self.font(8)
        lines = self.text_height(note, self.doc.footer_note, self.width * 0.72)
        return max(lines, note.height() * 2) + self.mm(2.5)

    def _new_page(self) -> None:
        self.pages.append(_Page())
        self.y = self.top

    def add(self, op: Paint) -> None:
        self.pages[-1].ops.append(op)

    def ensure(self, needed: float) -> bool:
        """Start a new page unless `needed` fits; True when a page was started."""
        if self.y + needed <= self.bottom or self.y == self.top:
            return False
        self._new_page()
        return True

    # blocks -----------------------------------------------------------------------------

    def place(self, blocks: tuple[Block, ...]) -> None:
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Heading):
                self.heading(block, following)
            elif isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, Table):
                self.table(block)
            else:
                self.sign_off(block)

    def _heading_height(self, heading: Heading) -> float:
        _, big = self.font(12, bold=True)
        _, small = self.font(9.5)
        h = big.height() + self.mm(1)
        if heading.detail:
            h += self.text_height(small, heading.detail, self.width) + self.mm(0.5)
        return h + self.mm(1.5)

    def heading(self, heading: Heading, following: Block | None, continued: bool = False) -> None:
        needed = self._heading_height(heading)
        if not continued:
            self.y += self.mm(3)
            if isinstance(following, Table) and following.rows:
                needed += self._header_row_height(following) + self._row_height(
                    following, following.rows[0]
                )
            elif isinstance(following, Paragraph):
                needed += self._paragraph_height(following)
            self.ensure(needed)
        big_font, big = self.font(12, bold=True)
        small_font, _ = self.font(9.5)
        y = self.y
        title = heading.text + (" (continued)" if continued else "")
        width = self.width

        def paint(p: QPainter) -> None:
            p.setFont(big_font)
            p.drawText(QRectF(0, y, width, big.height()), TOP_LEFT, title)
            if heading.detail:
                p.setFont(small_font)
                top = y + big.height() + self.mm(1)
                p.drawText(QRectF(0, top, width, 1e6), WRAP | TOP_LEFT, heading.detail)

        self.add(paint)
        self.y += self._heading_height(heading)
        if not continued:
            self.last_heading = heading

    def _paragraph_height(self, para: Paragraph) -> float:
        _, metrics = self.font(para.font_pt, para.bold)
        return self.text_height(metrics, para.text, self.width) + self.mm(2)

    def paragraph(self, para: Paragraph) -> None:
        height = self._paragraph_height(para)
        self.ensure(height)
        font, _ = self.font(para.font_pt, para.bold)
        y, width = self.y, self.width

        def paint(p: QPainter) -> None:
            p.setFont(font)
            p.drawText(QRectF(0, y, width, height), WRAP | TOP_LEFT, para.text)

        self.add(paint)
        self.y += height

    # tables ------------------------------------------------------------------------------

    def _widths(self, table: Table) -> list[float]:
        total = sum(c.width_mm for c in table.columns)
        return [self.width * c.width_mm / total for c in table.columns]

    def _header_row_height(self, table: Table) -> float:
        _, metrics = self.font(table.header_pt, bold=True)
        pad = self.mm(CELL_PAD_MM)
        widths = self._widths(table)
        return (
            max(
                self.text_height(metrics, c.title, w - 2 * pad)
                for c, w in zip(table.columns, widths, strict=True)
            )
            + 2 * pad
        )

    def _row_height(self, table: Table, row: tuple[str, ...], bold: bool = False) -> float:
        pad = self.mm(CELL_PAD_MM)
        widths = self._widths(table)
        height = self.mm(table.min_row_mm)
        for column, width, value in zip(table.columns, widths, row, strict=True):
            if column.kind == "tick":
                height = max(height, self.mm(TICK_BOX_MM) + 2 * pad)
                continue
            _, metrics = self.font(table.font_pt, bold, column.mono)
            height = max(height, self.text_height(metrics, value, width - 2 * pad) + 2 * pad)
        return height

    def _table_header(self, table: Table) -> None:
        height = self._header_row_height(table)
        font, metrics = self.font(table.header_pt, bold=True)
        widths = self._widths(table)
        pad = self.mm(CELL_PAD_MM)
        y = self.y
        flags = [
            wrap_flags(metrics, c.title, w - 2 * pad)
            | (TOP_CENTER if c.kind != "text" else ALIGN[c.align])
            for c, w in zip(table.columns, widths, strict=True)
        ]

        def paint(p: QPainter) -> None:
            p.fillRect(QRectF(0, y, sum(widths), height), QColor(220, 228, 238))
            p.setFont(font)
            x = 0.0
            for column, width, flag in zip(table.columns, widths, flags, strict=True):
                rect = QRectF(x + pad, y + pad, width - 2 * pad, height - 2 * pad)
                p.drawText(rect, flag, column.title)
                x += width
            _grid(p, widths, y, height, self.mm(0.25))

        self.add(paint)
        self.y += height

    def table(self, table: Table) -> None:
        widths = self._widths(table)
        header_h = self._header_row_height(table)
        last = len(table.rows) - 1
        first_h = self._row_height(table, table.rows[0]) if table.rows else 0.0
        self.ensure(header_h + first_h)
        self._table_header(table)
        for index, row in enumerate(table.rows):
            bold = table.bold_last_row and index == last
            height = self._row_height(table, row, bold)
            if self.y + height > self.bottom:
                self._new_page()
                if self.last_heading is not None:
                    self.heading(self.last_heading, None, continued=True)
                self._table_header(table)
            self.add(self._row_painter(table, widths, row, self.y, height, index, bold))
            self.y += height

    def _row_painter(
        self,
        table: Table,
        widths: list[float],
        row: tuple[str, ...],
        y: float,
        height: float,
        index: int,
        bold: bool,
    ) -> Paint:
        pad = self.mm(CELL_PAD_MM)
        box = self.mm(TICK_BOX_MM)
        fonts = {c.mono: self.font(table.font_pt, bold, c.mono) for c in table.columns}
        flags = [
            wrap_flags(fonts[c.mono][1], value, w - 2 * pad) | ALIGN[c.align]
            for c, w, value in zip(table.columns, widths, row, strict=True)
        ]
        line = self.mm(0.25)
        box_pen = self.mm(0.35)

        def paint(p: QPainter) -> None:
            if table.striped and index % 2 == 1:
                p.fillRect(QRectF(0, y, sum(widths), height), QColor(242, 242, 242))
            x = 0.0
            for column, width, value, flag in zip(table.columns, widths, row, flags, strict=True):
                if column.kind == "tick":
                    _tick_box(p, x + (width - box) / 2, y + (height - box) / 2, box, box_pen)
                elif value:
                    p.setFont(fonts[column.mono][0])
                    rect = QRectF(x + pad, y + pad, width - 2 * pad, height - 2 * pad)
                    p.drawText(rect, flag, value)
                x += width
            _grid(p, widths, y, height, line)

        return paint

    # sign-off ----------------------------------------------------------------------------

    def sign_off(self, block: SignOff) -> None:
        font, metrics = self.font(10.5)
        step = self.mm(14)
        height = step * len(block.labels)
        self.ensure(height)
        y0 = self.y
        label_w = max(metrics.horizontalAdvance(f"{label}:") for label in block.labels)

        def paint(p: QPainter) -> None:
            p.setFont(font)
            p.setPen(QPen(QColor(0, 0, 0), self.mm(0.3)))
            for i, label in enumerate(block.labels):
                base = y0 + step * (i + 1) - self.mm(3)
                p.drawText(QPointF(0, base), f"{label}:")
                start = label_w + self.mm(4)
                p.drawLine(QPointF(start, base), QPointF(start + self.mm(110), base))

        self.add(paint)
        self.y += height

    # page frame painting -------------------------------------------------------------------

    def frame(self, page_number: int, pages: int) -> Paint:
        doc = self.doc
        title_font, title = self.font(14, bold=True)
        practice_font, _ = self.font(13, bold=True)
        sub_font, sub = self.font(9)
        note_font, note = self.font(8)
        page_font, _ = self.font(10, bold=True)
        width, height = self.width, self.height
        header_h, footer_h = self.header_h, self.footer_h
        rule = self.mm(0.3)

        def paint(p: QPainter) -> None:
            p.setPen(QPen(QColor(0, 0, 0), rule))
            p.setFont(title_font)
            p.drawText(QRectF(0, 0, width * 0.45, title.height()), TOP_LEFT, doc.title)
            p.setFont(practice_font)
            p.drawText(
                QRectF(width * 0.35, 0, width * 0.65, title.height()), TOP_RIGHT, doc.practice
            )
            p.setFont(sub_font)
            p.drawText(QRectF(0, title.height(), width, sub.height()), TOP_LEFT, doc.subtitle)
            base = header_h - self.mm(1)
            p.drawLine(QPointF(0, base), QPointF(width, base))
            top = height - footer_h + self.mm(1.5)
            p.drawLine(QPointF(0, top - self.mm(0.8)), QPointF(width, top - self.mm(0.8)))
            p.setFont(note_font)
            p.drawText(QRectF(0, top, width * 0.72, footer_h), WRAP | TOP_LEFT, doc.footer_note)
            p.setFont(page_font)
            right = QRectF(width * 0.72, top, width * 0.28, footer_h)
            p.drawText(right, TOP_RIGHT, f"Page {page_number} of {pages}")
            p.setFont(note_font)
            printed = QRectF(width * 0.72, top + note.height() * 1.3, width * 0.28, footer_h)
            p.drawText(printed, TOP_RIGHT, f"Printed {doc.printed}")

        return paint


_BREAKS = re.compile(r"[\s\-/]+")


def wrap_flags(metrics: QFontMetricsF, text: str, width: float) -> int:
    """Wrap at spaces, or anywhere when one word is wider than the cell (nothing clipped)."""
    if metrics.horizontalAdvance(text) <= width:
        return WRAP
    words = _BREAKS.split(text)
    longest = max((metrics.horizontalAdvance(word + "-") for word in words), default=0.0)
    return WRAP_ANYWHERE if longest > width else WRAP


def _grid(p: QPainter, widths: list[float], y: float, height: float, line: float) -> None:
    p.setPen(QPen(QColor(90, 90, 90), line))
    p.setBrush(Qt.BrushStyle.NoBrush)
    x = 0.0
    p.drawLine(QPointF(0, y), QPointF(sum(widths), y))
    p.drawLine(QPointF(0, y + height), QPointF(sum(widths), y + height))
    for width in widths:
        p.drawLine(QPointF(x, y), QPointF(x, y + height))
        x += width
    p.drawLine(QPointF(x, y), QPointF(x, y + height))
    p.setPen(QPen(QColor(0, 0, 0), line))


def _tick_box(p: QPainter, x: float, y: float, size: float, pen: float) -> None:
    p.setPen(QPen(QColor(0, 0, 0), pen))
    p.setBrush(QColor(255, 255, 255))
    p.drawRect(QRectF(x, y, size, size))
    p.setBrush(Qt.BrushStyle.NoBrush)


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

    `progress(pages_done, pages)` is called before each page and at the end; it may raise to
    stop (the painter is ended either way, so the device is never left open).
    """
    ensure_gui_app()
    layout = _Layout(document, device)
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
    document = worksheet_document(summary, event_ids)
    prepare_device(device, document.landscape, set_a4=isinstance(device, QPdfWriter))
    return render_document(document, device, progress)


def render_report(
    summary: ReportSummary,
    device: QPagedPaintDevice,
    event_ids: Iterable[str] | None = None,
    progress: PageProgress | None = None,
) -> int:
    """The completed review report on a printer or PDF writer; returns pages printed."""
    ensure_gui_app()
    document = report_document(summary, event_ids)
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
