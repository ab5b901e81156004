"""Paint a `Document` on paper or PDF: one renderer for print, print preview and PDF.

Pages are laid out by measuring every row first, so the table header repeats on each page,
no row is split, and the footer can say "Page X of Y". QTextDocument cannot promise either,
so this draws with QPainter directly. Needs a QGuiApplication (created headless if absent).
"""

from __future__ import annotations

import math
import os
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRectF, Qt
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
    QTextLayout,
    QTextOption,
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


_HEADER_FILL = QColor(220, 228, 238)
_STRIPE_FILL = QColor(242, 242, 242)
_GRID_COLOUR = QColor(90, 90, 90)
_BLACK = QColor(0, 0, 0)
_WHITE = QColor(255, 255, 255)
# Beyond Latin Extended-A a fallback font or right-to-left text may change the line: such
# text is drawn by the full text layout.
_PLAIN_END = "\u0180"
_SEEN_LIMIT = 50_000

# (height, wrap flags, advance): advance is -1.0 unless the text is one line that fits and
# can be drawn at a point (same glyph positions as the rectangle call, without its layout).
Fit = tuple[float, int, float]
RowFits = list[Fit | None]


@dataclass
class _Page:
    ops: list[Paint] = field(default_factory=list)


class _Fitter:
    """How one font sets texts in one cell width; repeated texts (dates, codes) measured once."""

    __slots__ = ("_seen", "line", "metrics", "width")

    def __init__(self, metrics: QFontMetricsF, width: float) -> None:
        self.metrics = metrics
        self.width = width
        self.line = metrics.height()
        self._seen: dict[str, Fit] = {}

    def fit(self, text: str) -> Fit:
        found = self._seen.get(text)
        if found is None:
            found = self._measure(text)
            if len(self._seen) >= _SEEN_LIMIT:
                self._seen.clear()
            self._seen[text] = found
        return found

    def _measure(self, text: str) -> Fit:
        metrics, width = self.metrics, self.width
        if not text:
            return (self.line, WRAP, -1.0)
        advance = None
        if "\n" not in text:
            advance = metrics.horizontalAdvance(text)
            if advance <= width:
                simple = (
                    text.isprintable()
                    and text[0] != " "
                    and text[-1] != " "
                    and max(text) < _PLAIN_END
                )
                return (self.line, WRAP, advance if simple else -1.0)
        flags = wrap_flags(metrics, text, width, advance)
        height = metrics.boundingRect(QRectF(0, 0, width, 1e7), flags | TOP_LEFT, text).height()
        return (height, flags, -1.0)


class _Layout:
    """Measures blocks in device units and places them on pages."""

    def __init__(self, document: Document, device: QPagedPaintDevice) -> None:
        self.doc = document
        self.device = device
        self.unit = device.logicalDpiY() / 25.4  # device units per mm
        self.width = float(device.width())
        self.height = float(device.height())
        self._metrics: dict[tuple[float, bool, bool, bool], tuple[QFont, QFontMetricsF]] = {}
        self._fitters: dict[tuple[tuple[float, bool, bool, bool], float], _Fitter] = {}
        self._geometries: dict[int, _TableGeometry] = {}
        self._plans: dict[tuple[object, ...], Plan | None] = {}
        self.pad = self.mm(CELL_PAD_MM)
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

    def plan(
        self,
        key: tuple[float, bool, bool, bool],
        text: str,
        width: float,
        height: float,
        flags: int,
    ) -> Plan | None:
        """`_plan` for a font of this layout, remembered: page frames repeat on every page."""
        cache_key = (key, text, width, height, flags)
        if cache_key in self._plans:
            return self._plans[cache_key]
        if len(self._plans) >= _SEEN_LIMIT:
            self._plans.clear()
        font, metrics = self.font(*key)
        found = self._plans[cache_key] = _plan(
            font, metrics, self.device, text, width, height, flags
        )
        return found

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
            elif isinstance(following, SignOff):
                needed += self._sign_off_height(following)
            self.ensure(needed)
        big_font, big = self.font(12, bold=True)
        small_font, _ = self.font(9.5)
        y = self.y
        title = heading.text + (" (continued)" if continued else "")
        width = self.width
        title_plan = self.plan((12, True, False, False), title, width, big.height(), TOP_LEFT)
        detail_plan = self.plan(
            (9.5, False, False, False), heading.detail, width, 1e6, WRAP | TOP_LEFT
        )

        def paint(p: QPainter) -> None:
            p.setFont(big_font)
            _draw(p, title_plan, QRectF(0, y, width, big.height()), TOP_LEFT, title)
            if heading.detail:
                p.setFont(small_font)
                top = y + big.height() + self.mm(1)
                rect = QRectF(0, top, width, 1e6)
                _draw(p, detail_plan, rect, WRAP | TOP_LEFT, heading.detail)

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

    def _geometry(self, table: Table) -> _TableGeometry:
        """Column edges, fonts and the header of `table`, worked out once per table."""
        known = self._geometries.get(id(table))
        if known is not None and known.table is table:
            return known
        geo = _TableGeometry(self, table)
        self._geometries[id(table)] = geo
        return geo

    def fitter(self, key: tuple[float, bool, bool, bool], width: float) -> _Fitter:
        found = self._fitters.get((key, width))
        if found is None:
            found = self._fitters[(key, width)] = _Fitter(self.font(*key)[1], width)
        return found

    def _header_row_height(self, table: Table) -> float:
        return self._geometry(table).header_h

    def _row_height(self, table: Table, row: tuple[str, ...], bold: bool = False) -> float:
        return self._geometry(table).measure(row, bold)[0]

    def _table_header(self, table: Table) -> None:
        geo = self._geometry(table)
        height = geo.header_h
        font = geo.header_font
        widths = geo.widths
        pad = self.pad
        y = self.y
        total = geo.total
        flags = geo.header_flags
        line = self.mm(0.25)

        plans = geo.header_plans

        def paint(p: QPainter) -> None:
            p.fillRect(QRectF(0, y, total, height), _HEADER_FILL)
            p.setFont(font)
            x = 0.0
            for column, width, flag, plan in zip(table.columns, widths, flags, plans, strict=True):
                rect = QRectF(x + pad, y + pad, width - 2 * pad, height - 2 * pad)
                _draw(p, plan, rect, flag, column.title)
                x += width
            _grid(p, widths, y, height, line)

        self.add(paint)
        self.y += height

    def table(self, table: Table) -> None:
        geo = self._geometry(table)
        last = len(table.rows) - 1
        first_h = geo.measure(table.rows[0])[0] if table.rows else 0.0
        self.ensure(geo.header_h + first_h)
        self._table_header(table)
        run = _TableRun(geo, self.y)
        self.add(run.paint)
        measure = geo.measure
        bottom = self.bottom
        for index, row in enumerate(table.rows):
            bold = table.bold_last_row and index == last
            height, fits = measure(row, bold)
            if self.y + height > bottom:
                self._new_page()
                if self.last_heading is not None:
                    self.heading(self.last_heading, None, continued=True)
                self._table_header(table)
                run = _TableRun(geo, self.y)
                self.add(run.paint)
            run.rows.append((self.y, height, row, fits, bold, index))
            self.y += height

    # sign-off ----------------------------------------------------------------------------

    def _sign_off_height(self, block: SignOff) -> float:
        return self.mm(14) * len(block.labels)

    def sign_off(self, block: SignOff) -> None:
        font, metrics = self.font(10.5)
        step = self.mm(14)
        height = self._sign_off_height(block)
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
        _, title = self.font(14, bold=True)
        _, sub = self.font(9)
        _, note = self.font(8)
        width, height = self.width, self.height
        header_h, footer_h = self.header_h, self.footer_h
        rule = self.mm(0.3)
        top = height - footer_h + self.mm(1.5)
        title_key = (14, True, False, False)
        note_key = (8, False, False, False)
        texts = [
            (title_key, QRectF(0, 0, width * 0.45, title.height()), TOP_LEFT, doc.title),
            (
                (13, True, False, False),
                QRectF(width * 0.35, 0, width * 0.65, title.height()),
                TOP_RIGHT,
                doc.practice,
            ),
            (
                (9, False, False, False),
                QRectF(0, title.height(), width, sub.height()),
                TOP_LEFT,
                doc.subtitle,
            ),
            (note_key, QRectF(0, top, width * 0.72, footer_h), WRAP | TOP_LEFT, doc.footer_note),
            (
                (10, True, False, False),
                QRectF(width * 0.72, top, width * 0.28, footer_h),
                TOP_RIGHT,
                f"Page {page_number} of {pages}",
            ),
            (
                note_key,
                QRectF(width * 0.72, top + note.height() * 1.3, width * 0.28, footer_h),
                TOP_RIGHT,
                f"Printed {doc.printed}",
            ),
        ]
        drawn = [
            (
                self.font(*key)[0],
                rect,
                flags,
                text,
                self.plan(key, text, rect.width(), rect.height(), flags),
            )
            for key, rect, flags, text in texts
        ]

        def paint(p: QPainter) -> None:
            p.setPen(QPen(_BLACK, rule))
            for font, rect, flags, text, plan in drawn[:3]:
                p.setFont(font)
                _draw(p, plan, rect, flags, text)
            base = header_h - self.mm(1)
            p.drawLine(QPointF(0, base), QPointF(width, base))
            p.drawLine(QPointF(0, top - self.mm(0.8)), QPointF(width, top - self.mm(0.8)))
            for font, rect, flags, text, plan in drawn[3:]:
                p.setFont(font)
                _draw(p, plan, rect, flags, text)

        return paint


class _TableGeometry:
    """Column edges, fonts and header of one table: what every row and page reuses."""

    def __init__(self, layout: _Layout, table: Table) -> None:
        self.table = table
        total = sum(c.width_mm for c in table.columns)
        self.widths = [layout.width * c.width_mm / total for c in table.columns]
        self.total = sum(self.widths)
        pad = self.pad = layout.pad
        self.pad2 = 2 * pad
        header_font, header = layout.font(table.header_pt, bold=True)
        self.header_font = header_font
        self.header_h = (
            max(
                layout.text_height(header, c.title, w - 2 * pad)
                for c, w in zip(table.columns, self.widths, strict=True)
            )
            + 2 * pad
        )
        self.header_flags = [
            wrap_flags(header, c.title, w - 2 * pad)
            | (TOP_CENTER if c.kind != "text" else ALIGN[c.align])
            for c, w in zip(table.columns, self.widths, strict=True)
        ]
        self.header_plans = [
            layout.plan(
                (table.header_pt, True, False, False),
                c.title,
                w - 2 * pad,
                self.header_h - 2 * pad,
                flag,
            )
            for c, w, flag in zip(table.columns, self.widths, self.header_flags, strict=True)
        ]
        self.lefts: list[float] = []
        x = 0.0
        for width in self.widths:
            self.lefts.append(x)
            x += width
        self.right = x
        self.ticks = [i for i, c in enumerate(table.columns) if c.kind == "tick"]
        base = layout.mm(table.min_row_mm)
        if self.ticks:
            base = max(base, layout.mm(TICK_BOX_MM) + 2 * pad)
        self.base_h = base
        self.box = layout.mm(TICK_BOX_MM)
        self.line = layout.mm(0.25)
        self.box_pen = layout.mm(0.35)
        self._layout = layout
        self._fitters: dict[bool, list[_Fitter | None]] = {}
        self._fonts: dict[bool, list[tuple[QFont, float]]] = {}
        # (column, left of text, text width, alignment 0/1/2, alignment flags) per text column
        self.texts = [
            (
                i,
                left + pad,
                width - 2 * pad,
                ("left", "right", "center").index(c.align),
                ALIGN[c.align],
            )
            for i, (c, left, width) in enumerate(
                zip(table.columns, self.lefts, self.widths, strict=True)
            )
            if c.kind != "tick"
        ]

    def fitters(self, bold: bool) -> list[_Fitter | None]:
        found = self._fitters.get(bold)
        if found is None:
            found = self._fitters[bold] = [
                None
                if c.kind == "tick"
                else self._layout.fitter((self.table.font_pt, bold, c.mono, False), w - self.pad2)
                for c, w in zip(self.table.columns, self.widths, strict=True)
            ]
        return found

    def fonts(self, bold: bool) -> list[tuple[QFont, float]]:
        """Per column, the font and its ascent (from the top of the text to the baseline)."""
        found = self._fonts.get(bold)
        if found is None:
            found = []
            for c in self.table.columns:
                font, metrics = self._layout.font(self.table.font_pt, bold, c.mono)
                found.append((font, metrics.ascent()))
            self._fonts[bold] = found
        return found

    def measure(self, row: tuple[str, ...], bold: bool = False) -> tuple[float, RowFits]:
        """The row's height and how each cell's text sits (None for tick boxes)."""
        height = self.base_h
        pad2 = self.pad2
        fits: RowFits = []
        for fitter, value in zip(self.fitters(bold), row, strict=True):
            if fitter is None:
                fits.append(None)
                continue
            fit = fitter.fit(value)
            fits.append(fit)
            if fit[0] + pad2 > height:
                height = fit[0] + pad2
        return height, fits


# y, height, cells, fits, bold, index in the table
RunRow = tuple[float, float, tuple[str, ...], RowFits, bool, int]


class _TableRun:
    """The rows of one table on one page, painted together: stripes, text, boxes, then grid."""

    def __init__(self, geo: _TableGeometry, top: float) -> None:
        self.geo = geo
        self.top = top
        self.rows: list[RunRow] = []

    def paint(self, p: QPainter) -> None:
        geo, rows = self.geo, self.rows
        if not rows:
            return
        total = geo.total
        if geo.table.striped:
            for y, height, _, _, _, index in rows:
                if index % 2 == 1:
                    p.fillRect(QRectF(0, y, total, height), _STRIPE_FILL)
        p.setPen(QPen(_BLACK, geo.line))
        self._texts(p)
        if geo.ticks:
            box = geo.box
            boxes = []
            for y, height, *_ in rows:
                top = y + (height - box) / 2
                for i in geo.ticks:
                    boxes.append(QRectF(geo.lefts[i] + (geo.widths[i] - box) / 2, top, box, box))
            p.setPen(QPen(_BLACK, geo.box_pen))
            p.setBrush(_WHITE)
            p.drawRects(boxes)
            p.setBrush(Qt.BrushStyle.NoBrush)
        last = rows[-1]
        bottom = last[0] + last[1]
        lines = [QLineF(0, y, total, y) for y, *_ in rows]
        lines.append(QLineF(0, bottom, total, bottom))
        lines += [QLineF(x, self.top, x, bottom) for x in (*geo.lefts, geo.right)]
        p.setPen(QPen(_GRID_COLOUR, geo.line))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawLines(lines)
        p.setPen(QPen(_BLACK, geo.line))

    def _texts(self, p: QPainter) -> None:
        geo = self.geo
        pad, pad2 = geo.pad, geo.pad2
        texts = geo.texts
        current: QFont | None = None
        draw = p.drawText
        for y, height, cells, fits, bold, _ in self.rows:
            fonts = geo.fonts(bold)
            top = y + pad
            for i, left, width, align, align_flags in texts:
                value = cells[i]
                if not value:
                    continue
                font, ascent = fonts[i]
                if font is not current:
                    p.setFont(font)
                    current = font
                fit = fits[i]
                assert fit is not None
                advance = fit[2]
                if advance >= 0.0:
                    if align == 0:
                        x = left
                    elif align == 1:
                        x = left + (width - advance)
                    else:
                        x = left + (width - advance) / 2
                    draw(QPointF(x, top + ascent), value)
                else:
                    draw(QRectF(left, top, width, height - pad2), fit[1] | align_flags, value)


# Lines of a text as (x offset, baseline offset, text) from the top left of its box.
Plan = list[tuple[float, float, str]]
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight)
_ALIGN_CENTER = int(Qt.AlignmentFlag.AlignHCenter)
_NOT_TOP = int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignVCenter)
_LINE_SEPARATOR = "\u2028"


def _plan(
    font: QFont,
    metrics: QFontMetricsF,
    device: QPagedPaintDevice,
    text: str,
    width: float,
    height: float,
    flags: int,
) -> Plan | None:
    """Where `drawText(QRectF(0, 0, width, height), flags, text)` puts each line, or None.

    Drawing those lines at points gives the same glyphs at the same positions as the rectangle
    call (Qt lays the lines out the same way: top alignment, lines on whole device units) but
    skips the layout on every page. None when that call would clip or the text is not plain.
    """
    if not text:
        return []
    if (
        flags & _NOT_TOP
        or text[0] == " "
        or text[-1] == " "
        or max(text) >= _PLAIN_END
        or not text.replace("\n", "").isprintable()
    ):
        return None
    wrap = flags & (WRAP | WRAP_ANYWHERE)
    if "\n" not in text:
        advance = metrics.horizontalAdvance(text)
        if advance <= width and metrics.height() <= height:
            return [(_offset(flags, width, advance), metrics.ascent(), text)]
    if not wrap:
        return None
    source = text.replace("\n", _LINE_SEPARATOR)
    layout = QTextLayout(source, font, device)
    option = QTextOption()
    option.setAlignment(Qt.AlignmentFlag.AlignLeft)
    option.setWrapMode(
        QTextOption.WrapMode.WrapAnywhere
        if flags & WRAP_ANYWHERE
        else QTextOption.WrapMode.WordWrap
    )
    layout.setTextOption(option)
    leading = metrics.leading()
    total = -leading
    lines = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        total = math.ceil(total + leading)
        line.setPosition(QPointF(0, total))
        total += line.height()
        lines.append(line)
    layout.endLayout()
    plan: Plan = []
    for line in lines:
        start = line.textStart()
        part = source[start : start + line.textLength()].rstrip(" " + _LINE_SEPARATOR)
        if line.naturalTextWidth() > width or part.startswith(" "):
            return None
        if part:
            advance = line.horizontalAdvance()
            plan.append((_offset(flags, width, advance), line.y() + line.ascent(), part))
    return plan if total <= height else None


def _offset(flags: int, width: float, advance: float) -> float:
    if flags & _ALIGN_RIGHT:
        return width - advance
    if flags & _ALIGN_CENTER:
        return (width - advance) / 2
    return 0.0


def _draw(p: QPainter, plan: Plan | None, rect: QRectF, flags: int, text: str) -> None:
    """`p.drawText(rect, flags, text)`, through its plan when there is one."""
    if plan is None:
        p.drawText(rect, flags, text)
        return
    left, top = rect.x(), rect.y()
    for dx, dy, part in plan:
        p.drawText(QPointF(left + dx, top + dy), part)


_BREAKS = re.compile(r"[\s\-/]+")


def wrap_flags(
    metrics: QFontMetricsF, text: str, width: float, advance: float | None = None
) -> int:
    """Wrap at spaces, or anywhere when one word is wider than the cell (nothing clipped).

    `advance` is the text's width when the caller has measured it already.
    """
    if (metrics.horizontalAdvance(text) if advance is None else advance) <= width:
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
