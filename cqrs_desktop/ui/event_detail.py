"""The right-hand side of Check events: progress, the claim month, and the event's cards, or,
when the list beside it is empty, why, and the way on (never an orphan card).

The cards sit in two columns when there is room and in one otherwise (who, why, what, how),
in a scroll area that only ever scrolls up and down; under the list they are shown whole,
scrolled with it by the page (`show_cards_whole`).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QMoveEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QProgressBar,
    QScrollArea,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from cqrs_desktop.domain.walkthrough import Progress
from cqrs_desktop.ui.event_cards import ChecklistCard, PatientCard, ReasonsCard, VaccinationCard
from cqrs_desktop.ui.reflow import Columns
from cqrs_desktop.ui.walkthrough_offers import EmptyList
from cqrs_desktop.ui.widgets import FieldLabel

TWO_CARD_COLUMNS_FROM = 560  # pixels of card area (two cards of 280)


def up_and_down(content: QWidget) -> QScrollArea:
    """A frameless area that scrolls `content` up and down only (never takes the focus)."""
    scroll = QScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return scroll


class EventDetail(QWidget):
    def __init__(self, clinical_system: str) -> None:
        super().__init__()
        # progress, always visible; what the event is part of, in full, below it
        self.progress_label = FieldLabel("Progress")
        self.progress_label.setObjectName("progressText")
        self.progress_label.setWordWrap(True)  # never widens the window past a laptop's
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(10)
        self.progress_bar.setAccessibleName("Progress bar")
        self.item_label = FieldLabel("Claim month")
        self.item_label.setObjectName("hint")
        self.item_label.setWordWrap(True)

        self.patient = PatientCard()
        self.vaccination = VaccinationCard()
        self.reasons = ReasonsCard()
        self.checklist = ChecklistCard(clinical_system)
        # reading order: who, why, what, how (two columns: who and why, what and how)
        self.cards = Columns(
            [(self.patient, self.reasons), (self.vaccination, self.checklist)],
            TWO_CARD_COLUMNS_FROM,
            order=(self.patient, self.reasons, self.vaccination, self.checklist),
        )
        self.cards.setContentsMargins(0, 0, 6, 0)
        self.card_scroll = scroll = up_and_down(self.cards)
        # cards grown since they were measured (a card's text wrapped again once laid out,
        # Windows' fonts): under the list they are measured again, never left to scroll
        # in their own area, out of sight, by a wheel turned over them
        scroll.verticalScrollBar().rangeChanged.connect(self._cards_grew)
        # under the list the cards are shown whole and scroll with it, in the page's one
        # area above the decision bar (`outer`), never in an area of their own inside it
        self.cards_whole = False
        self.outer: QScrollArea | None = None
        self._at_top = False  # put at the top of the area by `show_patient_top`, not moved
        self._placing = False
        self._shown_event: str | None = None  # the event whose cards are shown
        self.empty = EmptyList()
        # what an empty list offers scrolls too: with big text it can be taller than the room
        self.empty_scroll = up_and_down(self.empty)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # its button taking the focus is scrolled to
            app.focusChanged.connect(self._show_focused_offer)
        self.stack = QStackedWidget()
        self.stack.addWidget(scroll)
        self.stack.addWidget(self.empty_scroll)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.item_label)
        layout.addWidget(self.stack, 1)

    def _show_focused_offer(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self.empty.isAncestorOf(new):
            self.empty_scroll.ensureWidgetVisible(new)

    @property
    def showing_empty(self) -> bool:
        return self.stack.currentWidget() is self.empty_scroll

    def show_progress(self, progress: Progress) -> None:
        text = progress.text()
        if not progress.total:
            text = "No events in this review"
        elif progress.remaining:
            text += f" · {progress.remaining} to go"
        else:  # unsure ones have an answer for now, but are not finished
            text += " · all seen, unsure ones to settle" if progress.unsure else " · all done"
        self.progress_label.setText(text)
        self.progress_bar.setMaximum(max(progress.total, 1))
        self.progress_bar.setValue(progress.checked)

    def show_cards(self, item_line: str, event_id: str | None = None) -> None:
        """The cards, for `event_id`: a new patient's from the top (who she is first), the
        same one's where the reader left them."""
        self.stack.setCurrentWidget(self.card_scroll)
        self.item_label.setText(item_line)
        self.keep_cards_whole()
        if event_id != self._shown_event:
            self._shown_event = event_id
            self.card_scroll.verticalScrollBar().setValue(0)
            QTimer.singleShot(0, self, self.show_patient_top)  # once laid out

    def scroll_with(self, outer: QScrollArea) -> None:
        """`outer` scrolls the cards with the list when they are under it."""
        self.outer = outer
        outer.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _scrolled(self, _value: int) -> None:
        if not self._placing:
            self._at_top = False  # the reviewer's scrolling: left where it is

    def show_patient_top(self) -> None:
        """Under the list, a new patient is read from the top of the card side (progress,
        claim month, who she is): the area above the decision bar scrolls to it when it is
        out of sight, unless the reviewer is moving through the list's rows there."""
        outer = self.outer
        content = outer.widget() if outer is not None else None
        if not self.cards_whole or outer is None or content is None:
            return
        focused = QApplication.focusWidget()
        if focused is not None and focused.objectName() == "eventList":
            return
        bar = outer.verticalScrollBar()
        patient = self.patient.mapTo(content, QPoint(0, 0)).y()
        if not bar.value() <= patient < bar.value() + outer.viewport().height() // 2:
            self._to_top()

    def _to_top(self) -> None:
        outer = self.outer
        content = outer.widget() if outer is not None else None
        if outer is None or content is None:
            return
        self._placing = True
        outer.verticalScrollBar().setValue(self.mapTo(content, QPoint(0, 0)).y())
        self._placing = False
        self._at_top = True

    def moveEvent(self, event: QMoveEvent) -> None:
        """Put at the top, the card side stays there while the list above it settles."""
        super().moveEvent(event)
        if self._at_top and self.cards_whole:
            self._to_top()

    def show_empty(self) -> None:
        self.stack.setCurrentWidget(self.empty_scroll)
        self.item_label.setText("")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self.keep_cards_whole)  # measured once laid out

    def keep_cards_whole(self) -> None:
        """The cards' area is never narrower than a card (it would scroll sideways): where
        the page has not the room for it beside the list, the card goes under the list
        (`list_and_card.ListAndCard`)."""
        for widget in (self.patient, self.reasons, self.vaccination, self.checklist, self.cards):
            layout = widget.layout()
            if layout is not None:
                layout.activate()  # measured with the text just set
        need = self._cards_width()
        if self.card_scroll.minimumWidth() < need:
            self.card_scroll.setMinimumWidth(need)
        if self.cards_whole:
            margins = self.cards.contentsMargins()
            whole = self.cards.minimumSizeHint().height()
            width = self.card_scroll.viewport().width()
            if self.cards.hasHeightForWidth() and width > 0:  # (text wrapped at that width)
                whole = max(whole, self.cards.heightForWidth(width))
            whole += margins.top() + margins.bottom() + 2 * self.card_scroll.frameWidth()
            if self.card_scroll.minimumHeight() != whole:
                self.card_scroll.setMinimumHeight(whole)

    def _cards_grew(self, _least: int, most: int) -> None:
        if self.cards_whole and most > 0:
            QTimer.singleShot(0, self, self.keep_cards_whole)  # (not inside the layout's pass)

    def show_cards_whole(self, whole: bool) -> None:
        """Under the list (`whole`), the cards at their whole height with no scroll bar of
        their own: the page's area above the decision bar scrolls them with the list. Beside
        the list, their own area scrolls them, the list beside scrolling its rows."""
        self.cards_whole = whole
        self.card_scroll.setVerticalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if whole else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        if whole:
            self.keep_cards_whole()
        else:
            self.card_scroll.setMinimumHeight(0)

    def _cards_width(self) -> int:
        """The cards in one column, and the scroll bar beside them."""
        bar = self.card_scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return self.cards.least_width() + bar

    def least_width(self) -> int:
        """The narrowest the card side can be at the font shown, every card whole."""
        return max(self.minimumSizeHint().width(), self._cards_width())
