"""The page layout planner: measures each block and places it on pages, ready to paint.

Every row is measured before anything is drawn, so the table header repeats on each page, no
row is split, and the footer can say "Page X of Y". Each page is a list of paint steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPen

from cqrs_desktop.reports.documents import Block, Document, Heading, Paragraph, SignOff, Table
from cqrs_desktop.reports.print_table import (
    _BLACK,
    _HEADER_FILL,
    _grid,
    _TableGeometry,
    _TableRun,
    split_row,
)
from cqrs_desktop.reports.print_text import (
    _SEEN_LIMIT,
    TOP_LEFT,
    TOP_RIGHT,
    WRAP,
    Plan,
    RowFits,
    _draw,
    _Fitter,
    _font,
    _plan,
    wrap_flags,
)

CELL_PAD_MM = 1.4
# A heading (a month's, with its counts line) goes on to the next page rather than stand at
# the foot of one with fewer of its table's rows under it than this (all, if it has fewer):
# a reviewer turning the page finds the month's rows under its name (decision 502).
KEEP_WITH_HEADING = 3

Paint = Callable[[QPainter], None]


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
        self._fitters: dict[tuple[tuple[float, bool, bool, bool], float], _Fitter] = {}
        self._geometries: dict[int, _TableGeometry] = {}
        self._plans: dict[tuple[object, ...], Plan | None] = {}
        self.pad = self.mm(CELL_PAD_MM)
        self.pages: list[_Page] = []
        # called now and then while rows are placed (a long table takes seconds): may raise
        self.tick: Callable[[], None] | None = None
        self.header_h = self._header_height()
        self.footer_h = self._footer_height()
        self.top = self.header_h + self.mm(3)
        self.bottom = self.height - self.footer_h - self.mm(2)
        self.y = self.top
        self.last_heading: Heading | None = None
        self._run: _TableRun | None = None  # the rows of the table being placed, on this page
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
        return title.height() + self._subtitle_height() + self.mm(2.5)

    def _subtitle_height(self) -> float:
        """The line under the title, on two lines where it is longer than the page is wide
        (a long reviewer's name and every count): wrapped, never cut off at the edge."""
        _, sub = self.font(9)
        return self.text_height(sub, self.doc.subtitle, self.width)

    def _footer_height(self) -> float:
        _, note = self.font(8)
        lines = self.text_height(note, self.doc.footer_note, self.width * 0.72)
        return max(lines, note.height() * 2) + self.mm(2.5)

    def _new_page(self) -> None:
        self.pages.append(_Page())
        self.y = self.top

    def add(self, op: Paint) -> None:
        self.pages[-1].ops.append(op)

    def ensure(self, needed: float, under_heading: bool = True) -> bool:
        """Start a new page unless `needed` fits; True when a page was started. What goes
        on under a heading (a month's lists of unsure rows and earlier reviews' words) starts
        the page below that heading again, "(continued)", so no page leaves its reader to
        guess whose rows they are; a new heading (`under_heading` False) does not."""
        if self.y + needed <= self.bottom or self.y == self.top:
            return False
        self._new_page()
        if under_heading and self.last_heading is not None:
            self.heading(self.last_heading, None, continued=True)
        return True

    # blocks -----------------------------------------------------------------------------

    def place(self, blocks: tuple[Block, ...]) -> None:
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, Heading):
                self.heading(block, following, signed=_signed(blocks, index + 1))
            elif isinstance(block, Paragraph):
                if index and isinstance(blocks[index - 1], Table):
                    self.y += self.mm(2)  # a line under a table is not read as its last row
                if isinstance(following, SignOff):  # the statement stays with what signs it
                    self.ensure(self._paragraph_height(block) + self._sign_off_height(following))
                elif isinstance(following, Table) and following.rows:
                    # a line that leads a table stays with its header and first rows (as a
                    # heading does: the list of carried decisions under a month, decision 502)
                    geo = self._geometry(following)
                    first = self._rows_height(following, following.rows[:KEEP_WITH_HEADING])
                    self.ensure(
                        self._paragraph_height(block)
                        + geo.header_h
                        + min(first, (self.bottom - self.top) / 3)
                    )
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

    def heading(
        self,
        heading: Heading,
        following: Block | None,
        continued: bool = False,
        signed: SignOff | None = None,
    ) -> None:
        """`signed`: the sign-off after the paragraph that follows, kept with them."""
        needed = self._heading_height(heading)
        if not continued:
            self.y += self.mm(3)
            if isinstance(following, Table) and following.rows:
                # with its first rows, or a third of a page of them (a taller one is split)
                header = self._header_row_height(following)
                needed += header + min(
                    self._rows_height(following, following.rows[:KEEP_WITH_HEADING]),
                    (self.bottom - self.top - header - needed) / 3,
                )
            elif isinstance(following, Paragraph):
                needed += self._paragraph_height(following)
                if signed is not None:
                    needed += self._sign_off_height(signed)
            elif isinstance(following, SignOff):
                needed += self._sign_off_height(following)
            self.ensure(needed, under_heading=False)
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
            font, metrics = self.font(*key)
            found = self._fitters[(key, width)] = _Fitter(metrics, width, font, self.device)
        return found

    def _header_row_height(self, table: Table) -> float:
        return self._geometry(table).header_h

    def _row_height(self, table: Table, row: tuple[str, ...], bold: bool = False) -> float:
        return self._geometry(table).measure(row, bold)[0]

    def _rows_height(self, table: Table, rows: tuple[tuple[str, ...], ...]) -> float:
        last = len(table.rows) - 1
        return sum(
            self._row_height(table, row, table.bold_last_row and index == last)
            for index, row in enumerate(rows)
        )

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
        # the header with the first row, or a third of a page of it (a taller one is split)
        self.ensure(geo.header_h + min(first_h, (self.bottom - self.top - geo.header_h) / 3))
        self._table_header(table)
        self._run = None
        measure = geo.measure
        bottom = self.bottom
        # the most a row may take: a page below its heading (continued) and table header
        room = bottom - self.top - geo.header_h
        if self.last_heading is not None:
            room -= self._heading_height(self.last_heading)
        tick = self.tick
        for index, whole in enumerate(table.rows):
            if tick is not None and not index % 256:
                tick()
            bold = table.bold_last_row and index == last
            height, fits = measure(whole, bold)
            parts = [(whole, height, fits)]
            left = bottom - self.y
            # a row taller than a page (a long note), or a table's tall first row that would
            # leave its heading alone: split, to fill what is left here, never cut off
            if height > room or (height > left and index == 0 and height > room / 3):
                split = split_row(geo, whole, left, room, bold)
                parts = [(part, *measure(part, bold)) for part in split]
            for row, height, fits in parts:
                self._table_row(table, geo, row, height, fits, bold, index)

    def _table_row(
        self,
        table: Table,
        geo: _TableGeometry,
        row: tuple[str, ...],
        height: float,
        fits: RowFits,
        bold: bool,
        index: int,
    ) -> None:
        """One row, on a new page (with the heading and table header again) if it must."""
        run = self._run
        if self.y + height > self.bottom:
            self._new_page()
            if self.last_heading is not None:
                self.heading(self.last_heading, None, continued=True)
            self._table_header(table)
            run = None
        if run is None:
            run = self._run = _TableRun(geo, self.y)
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

    def _practice_fit(self, room: float) -> tuple[tuple[float, bool, bool, bool], str]:
        """The practice's name and code for the page header, beside the title: smaller
        type for a long name, then (only if it is longer still) shortened in the middle,
        so its start and its ODS code at the end are always printed, never cut off."""
        for size in (13.0, 12.0, 11.0, 10.0, 9.0):
            key = (size, True, False, False)
            if self.font(*key)[1].horizontalAdvance(self.doc.practice) <= room:
                return key, self.doc.practice
        key = (9.0, True, False, False)
        shortened = self.font(*key)[1].elidedText(
            self.doc.practice, Qt.TextElideMode.ElideMiddle, room
        )
        return key, shortened

    def frame(self, page_number: int, pages: int) -> Paint:
        doc = self.doc
        _, title = self.font(14, bold=True)
        _, note = self.font(8)
        width, height = self.width, self.height
        header_h, footer_h = self.header_h, self.footer_h
        rule = self.mm(0.3)
        top = height - footer_h + self.mm(1.5)
        title_key = (14, True, False, False)
        note_key = (8, False, False, False)
        room = width - title.horizontalAdvance(doc.title) - self.mm(8)  # beside the title
        practice_key, practice = self._practice_fit(room)
        texts = [
            (title_key, QRectF(0, 0, width * 0.45, title.height()), TOP_LEFT, doc.title),
            (
                practice_key,
                QRectF(width - room, 0, room, title.height()),
                TOP_RIGHT,
                practice,
            ),
            (
                (9, False, False, False),
                QRectF(0, title.height(), width, self._subtitle_height()),
                WRAP | TOP_LEFT,
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


def _signed(blocks: tuple[Block, ...], start: int) -> SignOff | None:
    """The sign-off right after the paragraph at `start`, if there is one."""
    if start + 1 < len(blocks) and isinstance(blocks[start], Paragraph):
        after = blocks[start + 1]
        return after if isinstance(after, SignOff) else None
    return None
