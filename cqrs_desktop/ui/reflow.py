"""Panels that reflow: side by side when there is room, one above the other when not.

A practice laptop (1366x768 at 125%) gives the window about 1093x614 pixels; a large
screen twice that. Cards and boxes are laid out in two columns on the large screen and in
one on the laptop, in the same reading order, so nothing is squeezed until it is cut.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget


class Columns(QWidget):
    """Widgets in two columns when at least `two_from` pixels wide, else in one.

    `columns` gives the widgets of each column when there are two, top to bottom; in one
    column they follow `order` (default: the first column, then the second). Two columns
    also need room for what each column's widgets need at the font shown (Windows' bigger
    text): below that they stay in one, however wide `two_from` allows. A small band either
    side of the breakpoint stops it flickering when a scroll bar comes and goes.
    """

    def __init__(
        self,
        columns: Sequence[Sequence[QWidget]],
        two_from: int,
        order: Sequence[QWidget] | None = None,
        stretch: Sequence[int] = (1, 1),
        spacing: int = 8,
        end_stretch: bool = True,
    ) -> None:
        super().__init__()
        self._columns = [list(c) for c in columns]
        self._order = list(order) if order is not None else [w for c in columns for w in c]
        self._two_from = two_from
        self._stretch = stretch
        self._end_stretch = end_stretch
        self._outer = QHBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._outer.setSpacing(spacing)
        self._stacks: list[QVBoxLayout] = []
        for i in range(2):
            stack = QVBoxLayout()
            stack.setSpacing(spacing)
            self._stacks.append(stack)
            self._outer.addLayout(stack, self._stretch[i])
        self.two = False
        self._arrange(two=False)

    def _arrange(self, two: bool) -> None:
        for stack in self._stacks:
            while stack.count():
                stack.takeAt(0)
        if two:
            for stack, widgets in zip(self._stacks, self._columns, strict=True):
                for w in widgets:
                    stack.addWidget(w)
        else:
            for w in self._order:
                self._stacks[0].addWidget(w)
        for i, stack in enumerate(self._stacks):
            if self._end_stretch:
                stack.addStretch(1)
            self._outer.setStretch(i, self._stretch[i] if two or i == 0 else 0)
        self.two = two
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        """Qt's own, made at least as tall as each column's widgets need at the widths they
        have now, wrapped text included: Qt's hint, kept from an earlier width, can fall
        short when a label's text changes, and a scroll area around the columns then cuts
        the last widget off instead of scrolling to it. As wide as one column needs, even
        in two: a page too narrow for two makes them one rather than scroll sideways."""
        hint = super().minimumSizeHint()
        # never wider than one column needs: too narrow for two, they become one
        hint.setWidth(min(hint.width(), self.least_width()))
        needed = 0
        for stack in self._stacks:
            items = [stack.itemAt(i) for i in range(stack.count())]
            widgets = [item.widget() for item in items if item is not None]
            shown = [w for w in widgets if w is not None and not w.isHidden()]
            total = sum(map(_minimum_height, shown)) + stack.spacing() * max(len(shown) - 1, 0)
            needed = max(needed, total)
        return QSize(hint.width(), max(hint.height(), needed))

    def least_width(self) -> int:
        """The width of one column: the widest least width of the widgets."""
        margins = self.contentsMargins()
        return max((_least_width(w) for w in self._order), default=0) + (
            margins.left() + margins.right()
        )

    def two_need(self) -> int:
        """The width two columns need: each column's widest least width, and the gap."""
        margins = self.contentsMargins()
        widths = [max((_least_width(w) for w in c), default=0) for c in self._columns]
        return sum(widths) + self._outer.spacing() + margins.left() + margins.right()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._choose(event.size().width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        # a widget's needs changed at the same width (a table's columns grew as files came):
        # two columns may no longer fit, or one may no longer be needed
        if event.type() == QEvent.Type.LayoutRequest and self.width() > 0:
            self._choose(self.width())
        return super().event(event)

    def _choose(self, width: int) -> None:
        band = 24
        need = self.two_need()
        if not self.two and width >= max(self._two_from, need) + band:
            self._arrange(two=True)
        elif self.two and width < max(self._two_from - band, need):
            self._arrange(two=False)


def _least_width(widget: QWidget) -> int:
    return max(widget.minimumSizeHint().width(), widget.minimumWidth())


def _minimum_height(widget: QWidget) -> int:
    """The least height `widget` takes at its width (its wrapped labels as they wrap)."""
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth() and widget.width() > 0:
        return max(layout.totalMinimumHeightForWidth(widget.width()), widget.minimumHeight())
    return max(widget.minimumSizeHint().height(), widget.minimumHeight())
