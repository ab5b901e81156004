"""Check events' list and card: side by side when the page has room for both, the list
above the card when not, as a mail program puts its reading pane under the messages.

With Windows' text at 150% on a laptop (1366x768 at 125%) the list and the cards at their
narrowest are wider than the page: side by side, the page scrolled sideways to reach the
patient. Whether they fit is asked of the widgets themselves at the font shown, never a
fixed number of pixels; a band of room above that stops the two flickering between the
ways when a scroll bar comes and goes. The reviewer's dragging of the splitter is kept for
each way, so turning back finds it as it was left.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter

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
        if kept is not None:
            self.setSizes(kept)
        elif not beside:  # the first time: the list its rows, the card the rest
            total = sum(self.sizes())
            top = max(self.events.minimumSizeHint().height(), total * 2 // 5)
            self.setSizes([top, max(total - top, 1)])

    def _fit_heights(self) -> None:
        """Under the list, the card never squeezes the list below a few rows, nor the list
        the patient's card below its whole height (the page scrolls up and down instead)."""
        view = self.events.view
        card = self.detail.card_scroll
        if self.beside:
            view.setMinimumHeight(0)
            card.setMinimumHeight(0)
            return
        rows = view.verticalHeader().defaultSectionSize() * ROWS_BELOW
        header = view.horizontalHeader().sizeHint().height()
        view.setMinimumHeight(rows + header + 2 * view.frameWidth())
        card.setMinimumHeight(self.detail.first_card_height())
        for side in (self.events, self.detail):
            layout = side.layout()
            if layout is not None:
                layout.activate()  # the splitter measures them with these heights at once
        self.updateGeometry()
