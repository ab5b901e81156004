"""Small helpers that keep every choice readable at any window size.

A drop-down narrower than its longest choice once showed "Earlier in pr…gramme allows":
its list now opens as wide as its longest choice, and the box itself, which may give way
to the window, says its whole choice in its tooltip.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QWidget,
)


def fit_popup(box: QComboBox) -> None:
    """The open list as wide as its widest choice, so no choice is cut (never mid-word)."""
    metrics = box.view().fontMetrics()
    widest = max(
        (metrics.horizontalAdvance(box.itemText(i)) for i in range(box.count())), default=0
    )
    scroll = box.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    box.view().setMinimumWidth(widest + scroll + 32)
    box.view().setTextElideMode(Qt.TextElideMode.ElideNone)


def keep_tooltip(box: QComboBox, name: str) -> None:
    """The box's tooltip names it and its whole current choice (the box may be too narrow
    to show all of a long one)."""

    def update() -> None:
        text = box.currentText()
        box.setToolTip(f"{name}: {text}" if text else name)

    box.currentTextChanged.connect(update)
    update()


def restyle(button: QPushButton, name: str) -> None:
    """Give a button another look from the stylesheet (`name`: its object name, e.g.
    "primary" or ""). Its size is measured unfocused, as at first show: measured while it
    has the focus, the focus border would make it ask for 2 pixels its row never gives."""
    if button.objectName() == name:
        return
    focused = button.hasFocus()
    if focused:
        button.clearFocus()
    button.setObjectName(name)
    button.style().unpolish(button)
    button.style().polish(button)
    button.sizeHint()  # measured (and kept) now, unfocused
    button.updateGeometry()
    if focused:
        button.setFocus()


class WrappedLabel(QLabel):
    """A label that wraps and never gets less height than its wrapped text needs at its
    width. Inside a scroll area, layouts ask a wrapped label only its one-line height, so
    a column of them (the declaration notes) was squeezed to slivers."""

    def __init__(self, text: str = "", field: str = "") -> None:
        """`field`: what the words are ("The month selected"), heard before them by a
        screen reader (`FieldLabel`); none: the words are heard alone."""
        self._need: int | None = None  # the text's height at the label's width, once known
        super().__init__(text)
        self.field = field
        self.setWordWrap(True)
        if field:
            say_field(self, field, text)

    def hasHeightForWidth(self) -> bool:
        """No: layouts keep a label's height for width from before it knew its width, and
        squeeze it; its least height (set on each resize) they follow."""
        return False

    def setText(self, text: str) -> None:
        """The text, and the height it needs at the width the label has now (a longer
        text, set with no resize to follow, was cut to the old text's lines)."""
        super().setText(text)
        if self.field:
            say_field(self, self.field, text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def sizeHint(self) -> QSize:
        """QLabel's own, but as tall as the text is at the label's width once it has one:
        QLabel's guesses a narrow width for wrapped words, and a layout with room to spare
        gave one line of words three lines' height, a band above and below (decision 395)."""
        hint = super().sizeHint()
        if self._need is not None:
            hint.setHeight(self._need)
        return hint

    def _fit(self) -> None:
        need = self._height_at(self.width()) if self.text() else 0
        if need >= 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)
        if need >= 0 and need != self._need:
            self._need = need
            self.updateGeometry()

    def _height_at(self, width: int) -> int:
        """The height the text takes at `width`. QLabel never answers less than its least
        height: once laid out narrow (a reflow on the way), the label kept that tall
        height at any width after, a gap under its words (decision 374)."""
        held = self.minimumHeight()
        if held:
            self.setMinimumHeight(0)
        need = self.heightForWidth(width)
        if held:
            self.setMinimumHeight(held)
        return need


def words_height(widget: QWidget) -> int:
    """The height `widget`'s layout takes at the widget's width (its words wrapped there);
    0 where its height does not follow its width (nothing wraps)."""
    layout = widget.layout()
    if layout is None or not layout.hasHeightForWidth():
        return 0
    return layout.totalHeightForWidth(widget.width())


def fit_to_words(widget: QWidget, spare: int = 0) -> None:
    """A dialog as tall as its words at the width it is shown at, and `spare` more (the
    height the user gave it): Qt sizes a dialog for a narrower width than it shows it at,
    so its words stood in bands of empty space, or were cut with bigger text (decisions
    341, 403, 432)."""
    height = words_height(widget) + spare
    if height and widget.height() != height:
        widget.resize(widget.width(), height)


class RowLabel(QLabel):
    """A form row's name beside a text box taller than a line (an email's body), at the
    top of its row (placed there with `Qt.AlignmentFlag.AlignTop`) with its words level
    with the box's first line, however the box's frame and padding are drawn. Centred in
    the row, "Body" floated half the box's height below where its words begin (decision
    431)."""

    def __init__(self, text: str, beside: QPlainTextEdit) -> None:
        super().__init__(text)
        self.beside = beside
        self.setBuddy(beside)
        beside.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.beside and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.StyleChange,
            QEvent.Type.FontChange,
        ):
            self._level()
        return super().eventFilter(watched, event)

    def _level(self) -> None:
        box = self.beside
        first = box.blockBoundingGeometry(box.document().firstBlock())
        down = box.viewport().y() + round(first.translated(box.contentOffset()).top())
        if self.contentsMargins().top() != down:
            self.setContentsMargins(0, down, 0, 0)


class FieldLabel(QLabel):
    """A label holding one field's value ("Name", "Progress"), heard by a screen reader as
    "Name: Jane SMITH". A label given an accessible name is heard by that name alone, so
    the cards' values were read as "Name", "Date of birth", "Date" and never said."""

    def __init__(self, field: str) -> None:
        super().__init__()
        self.field = field
        self.setAccessibleName(field)

    def setText(self, text: str) -> None:
        super().setText(text)
        say_field(self, self.field, text)


def say_field(label: QLabel, field: str, text: str) -> None:
    """`label` heard as "field: its words", rich text as its words without its tags."""
    rich = label.textFormat() is Qt.TextFormat.RichText or (
        label.textFormat() is Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(text)
    )
    if rich:
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    plain = " ".join(text.replace("\u200b", "").split())
    label.setAccessibleName(f"{field}: {plain}" if plain else field)


def first_control(page: QWidget) -> None:
    """Put the focus on the first control of `page` that Tab would reach (a button, a box,
    a table), passing over the scroll areas it sits in and the text boxes it shows."""
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page:
        if _is_control(widget, page):
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            return
        widget = widget.nextInFocusChain()


def _is_control(widget: QWidget, page: QWidget) -> bool:
    if not (page.isAncestorOf(widget) and widget.isVisible() and widget.isEnabled()):
        return False
    if not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        return False
    return not isinstance(widget, QAbstractScrollArea) or isinstance(widget, QAbstractItemView)
