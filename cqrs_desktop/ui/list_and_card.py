"""Check events' list and card: side by side when the page has room for both, the list
above the card when not, as a mail program puts its reading pane under the messages.

With Windows' text at 150% on a laptop (1366x768 at 125%) the list and the cards at their
narrowest are wider than the page: side by side, the page scrolled sideways to reach the
patient. Whether they fit is asked of the widgets themselves at the font shown, never a
fixed number of pixels; a band of room above that stops the two flickering between the
ways when a scroll bar comes and goes. The reviewer's dragging of the splitter is kept for
each way, so turning back finds it as it was left.

Under the list the cards are shown whole, and the page's one area above the decision bar
scrolls the list and the cards together (never a scroll bar for the cards inside it); the
drag then sets the list's height, the area growing with it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QSplitter, QSplitterHandle

from cqrs_desktop.ui.event_detail import EventDetail
from cqrs_desktop.ui.event_list import EventListPanel

BAND = 32  # pixels of room beyond the need before the card goes back beside the list
ROWS_BELOW = 5  # rows of the list always shown with the card under it


class ListAndCard(QSplitter):
    def __init__(self, events: EventListPanel, detail: EventDetail) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.events = events
        self.detail = detail
        self.addWidget(events)
        self.addWidget(detail)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self.setSizes([460, 740])
        self.setChildrenCollapsible(False)
        self._kept: dict[bool, list[int]] = {}  # the splitter as left, side by side or not
        self.splitterMoved.connect(lambda _pos, _index: self.keep())

    def createHandle(self) -> QSplitterHandle:
        return _Handle(self.orientation(), self)

    def moveSplitter(self, pos: int, index: int) -> None:
        """Beside the list, as any splitter. Under it, the list is made as tall as the
        reviewer drags it, never below its few rows, and the cards keep their whole height
        under it (what is above the decision bar scrolls, so nothing needs squeezing)."""
        if self.beside:
            super().moveSplitter(pos, index)
            return
        self._list_height(pos)
        self.keep()

    def _list_height(self, height: int) -> None:
        self.events.setMinimumHeight(0)
        least = self.events.minimumSizeHint().height()
        height = max(height, least)
        self.events.setMinimumHeight(height)
        self.setSizes([height, max(sum(self.sizes()) - height, 1)])
        self._refit()

    def _refit(self) -> None:
        """The scroll area this sits in fits it to its new least height now."""
        for layout in (self.events.layout(), self.detail.layout()):
            if layout is not None:
                layout.activate()  # the splitter measures them with these heights at once
        self.updateGeometry()
        viewport = self.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QScrollArea) and area.widget() is self:
            QApplication.sendEvent(area, QEvent(QEvent.Type.LayoutRequest))

    @property
    def beside(self) -> bool:
        return self.orientation() == Qt.Orientation.Horizontal

    def beside_needs(self) -> int:
        """The width the list and the card need side by side, every column and card whole."""
        return (
            self.events.minimumSizeHint().width() + self.handleWidth() + self.detail.least_width()
        )

    def below_needs(self) -> int:
        """The width the list needs with the card under it."""
        return max(self.events.minimumSizeHint().width(), self.detail.least_width())

    def fit(self, width: int) -> bool:
        """Side by side or one above the other for `width` pixels; True when it turned."""
        need = self.beside_needs()
        if self.beside and width < need:
            self._turn(beside=False)
        elif not self.beside and width >= need + BAND:
            self._turn(beside=True)
        else:
            if not self.beside:
                self._fit_heights()  # a card of another patient can be taller
            return False
        return True

    def keep(self) -> None:
        """The splitter as it is now is where it goes back to when it turns back this way
        (the reviewer's drag, or where the page first put it)."""
        self._kept[self.beside] = self.sizes()

    def _turn(self, beside: bool) -> None:
        self.setOrientation(Qt.Orientation.Horizontal if beside else Qt.Orientation.Vertical)
        self._fit_heights()
        kept = self._kept.get(beside)
        if beside:
            if kept is not None:
                self.setSizes(kept)
        elif kept is not None:
            self._list_height(kept[0])
        else:  # the first time: the list its rows, the card the rest
            total = sum(self.sizes())
            self._list_height(max(self.events.minimumSizeHint().height(), total * 2 // 5))

    def _fit_heights(self) -> None:
        """Under the list, the card never squeezes the list below a few rows, and the cards
        are shown whole: the page's one area above the decision bar scrolls the list and
        the cards up and down together, the decision buttons staying in sight below it
        (never a scroll bar for the cards inside the one for the page)."""
        view = self.events.view
        if self.beside:
            view.setMinimumHeight(0)
            self.events.setMinimumHeight(0)
            self.detail.show_cards_whole(False)
            self._refit()
            return
        rows = view.verticalHeader().defaultSectionSize() * ROWS_BELOW
        header = view.horizontalHeader().sizeHint().height()
        view.setMinimumHeight(rows + header + 2 * view.frameWidth())
        self.detail.show_cards_whole(True)
        self._refit()


class _Handle(QSplitterHandle):
    """Dragged with the card under the list, it sets the list's height (the splitter's
    own would stop at the cards' whole height)."""

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._grip = event.position().toPoint().y()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        splitter = self.splitter()
        if (
            isinstance(splitter, ListAndCard)
            and not splitter.beside
            and event.buttons() & Qt.MouseButton.LeftButton
        ):
            at = self.mapToParent(event.position().toPoint()).y() - getattr(self, "_grip", 0)
            splitter.moveSplitter(at, 1)
            return
        super().mouseMoveEvent(event)
