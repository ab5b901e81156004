"""The tables of the printed pages: column geometry, row measuring and painting rows.

`_TableGeometry` works out a table's columns, fonts and header once; `_TableRun` paints the
rows of one table that landed on one page (stripes, text, tick boxes, then the grid).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from cqrs_desktop.reports.document_model import TICKED, is_box
from cqrs_desktop.reports.documents import Table
from cqrs_desktop.reports.print_text import (
    ALIGN,
    TOP_CENTER,
    RowFits,
    _Fitter,
    wrap_flags,
)

if TYPE_CHECKING:
    from cqrs_desktop.reports.print_layout import _Layout

TICK_BOX_MM = 6.0

_HEADER_FILL = QColor(220, 228, 238)
_STRIPE_FILL = QColor(242, 242, 242)
_GRID_COLOUR = QColor(90, 90, 90)
_BLACK = QColor(0, 0, 0)
_WHITE = QColor(255, 255, 255)


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
            for y, height, cells, *_ in rows:
                top = y + (height - box) / 2
                for i in geo.ticks:
                    if is_box(cells[i]):
                        left = geo.lefts[i] + (geo.widths[i] - box) / 2
                        boxes.append(QRectF(left, top, box, box))
            p.setPen(QPen(_BLACK, geo.box_pen))
            p.setBrush(_WHITE)
            p.drawRects(boxes)
            p.setBrush(Qt.BrushStyle.NoBrush)
            self._ticks(p)
            p.setPen(QPen(_BLACK, geo.line))
            self._tick_texts(p)
        last = rows[-1]
        bottom = last[0] + last[1]
        lines = [QLineF(0, y, total, y) for y, *_ in rows]
        lines.append(QLineF(0, bottom, total, bottom))
        lines += [QLineF(x, self.top, x, bottom) for x in (*geo.lefts, geo.right)]
        p.setPen(QPen(_GRID_COLOUR, geo.line))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawLines(lines)
        p.setPen(QPen(_BLACK, geo.line))

    def _ticks(self, p: QPainter) -> None:
        """A tick in each box whose cell holds text (a decision already recorded)."""
        geo, box = self.geo, self.geo.box
        marks: list[QLineF] = []
        for y, height, cells, *_ in self.rows:
            top = y + (height - box) / 2
            for i in geo.ticks:
                if cells[i] == TICKED:
                    left = geo.lefts[i] + (geo.widths[i] - box) / 2
                    low = QPointF(left + box * 0.4, top + box * 0.78)
                    marks.append(QLineF(QPointF(left + box * 0.18, top + box * 0.5), low))
                    marks.append(QLineF(low, QPointF(left + box * 0.82, top + box * 0.2)))
        if marks:
            p.setPen(QPen(_BLACK, geo.box_pen * 1.6))
            p.drawLines(marks)

    def _tick_texts(self, p: QPainter) -> None:
        """The words printed in place of a box where there is nothing to tick ("not
        needed"): small, centred in the cell, wrapped to its width."""
        geo = self.geo
        font = QFont(geo.fonts(False)[geo.ticks[0]][0])
        font.setPointSizeF(font.pointSizeF() * 0.75)
        p.setFont(font)
        flags = int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        for y, height, cells, *_ in self.rows:
            for i in geo.ticks:
                if not is_box(cells[i]):
                    rect = QRectF(geo.lefts[i] + 1, y, geo.widths[i] - 2, height)
                    p.drawText(rect, flags, cells[i])

    def _texts(self, p: QPainter) -> None:
        geo = self.geo
        pad, pad2 = geo.pad, geo.pad2
        texts = geo.texts
        current: QFont | None = None
        draw = p.drawText
        for y, height, cells, fits, bold, _ in self.rows:
            fonts = geo.fonts(bold)
            fitters = geo.fitters(bold)
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
                elif (fitter := fitters[i]) is not None and value in fitter.plans:
                    # a word wider than the cell broken, its other words whole
                    for dx, dy, part in fitter.plans[value]:
                        draw(QPointF(left + dx, top + dy), part)
                else:
                    draw(QRectF(left, top, width, height - pad2), fit[1] | align_flags, value)


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


CONTINUED = "(continued) "


def split_row(
    geo: _TableGeometry, row: tuple[str, ...], first_room: float, room: float, bold: bool = False
) -> list[tuple[str, ...]]:
    """A row taller than the page (a long note) as rows that each fit: the first in
    `first_room` (what is left of the page) where a line of it fits there, the others in
    `room` (a page). Each cell too tall keeps the words that fit; the rest goes to the
    next row, marked "(continued)", beside the one-line cells again (the others empty)."""
    parts: list[tuple[str, ...]] = []
    rest, limit = row, first_room
    while geo.measure(rest, bold)[0] > limit:
        cut = _cut(geo, rest, limit, bold)
        if cut is None:  # not a line fits here: the rest starts on a page of its own
            if limit >= room:
                break  # (one word taller than a page: drawn as it is)
            limit = room
            continue
        parts.append(cut[0])
        rest, limit = cut[1], room
    parts.append(rest)
    return parts


def _cut(
    geo: _TableGeometry, row: tuple[str, ...], limit: float, bold: bool
) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """(the row's words that fit in `limit`, the rest), or None if no cell's first words fit."""
    head: list[str] = []
    tail: list[str] = []
    moved = False
    for fitter, text in zip(geo.fitters(bold), row, strict=True):
        if fitter is None or fitter.fit(text)[0] + geo.pad2 <= limit:
            head.append(text)
            # a one-line cell (the number, the NHS number, a date) again beside the rest,
            # so each page of a long note says whose it is
            one_line = fitter is not None and fitter.fit(text)[0] <= fitter.line
            tail.append(text if one_line else "")
            continue
        words = text.split(" ")
        low, high = 0, len(words)  # the most words that fit: at least low, fewer than high
        while high - low > 1:
            middle = (low + high) // 2
            if fitter.fit(" ".join(words[:middle]))[0] + geo.pad2 <= limit:
                low = middle
            else:
                high = middle
        if low == 0:
            return None
        moved = True
        head.append(" ".join(words[:low]))
        tail.append(CONTINUED + " ".join(words[low:]))
    return (tuple(head), tuple(tail)) if moved else None
