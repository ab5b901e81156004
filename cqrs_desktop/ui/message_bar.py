"""The window's status bar, whose messages wrap rather than being cut off mid-word."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QStatusBar

if TYPE_CHECKING:
    from cqrs_desktop.ui.widgets import WrappedLabel


# Shown, not said: "Note saved" comes at each pause while a note is typed, and a screen
# reader saying it would cut across the typing every time (decision 287).
NOT_SAID = frozenset({"Note saved"})


class MessageBar(QStatusBar):
    """The status bar. Qt draws a status bar's message on one line, cut off where the
    "N of M checked" and "saved" labels begin: at 1366x768 and 125% what an import or a
    carry did ended mid-word ("... see the Overview and Files) (an"). Here the message is
    a label beside them that wraps onto more lines, and the bar grows to show it whole.
    `showMessage`, `clearMessage` and `currentMessage` work as QStatusBar's for the app's
    own messages (a message said in full elsewhere, what a carry did, may be asked to keep
    to one line: it then gives way at its end, whole in its tooltip, rather than grow the
    bar and push the page up for its 15 seconds: decision 561); a menu item's status tip
    still shows over them while it is pointed at. The label is made with the first
    message: Qt's enums wait until after the first window (`tests/ui/test_startup.py`)."""

    def __init__(self) -> None:
        super().__init__()
        self._message: WrappedLabel | None = None
        self._said = ""  # the message whole, as shown or given way in one line
        self._one_line = False
        self._about_page = False  # the message shown is a word about the page it was said on
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clearMessage)

    def showMessage(self, text: str, timeout: int | None = 0, one_line: bool = False) -> None:
        """Show `text` (for `timeout` ms; 0: until the next message), and have a screen
        reader say it: a status bar never takes the focus, so "Saved: Given here" or "Not
        saved" was shown and never heard. `one_line`: where the bar has not the room, the
        words give way at the end ("…"), whole in the tooltip (only for words the page
        they point to says in full)."""
        self._timer.stop()
        self._about_page = False
        label = self._label()
        self._said = text
        self._one_line = one_line
        label.setToolTip(text if one_line else "")
        self._fit_line()
        label.setAccessibleName(text or "Message")
        if timeout:
            self._timer.start(timeout)
        if text and text not in NOT_SAID:
            from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent

            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(label, text))

    def show_page_hint(self, text: str, timeout: int) -> None:
        """Show `text`, a word about the page it is said on ("No more events that way in
        the list", "there is nothing to tick"): it goes when the page changes
        (`page_changed`), where it would make no sense. What was done, or not done, is
        said with `showMessage` and stays its time whatever page is shown."""
        self.showMessage(text, timeout)
        self._about_page = True

    def page_changed(self) -> None:
        """Another page is shown: a word about the last one goes; any other message stays."""
        if self._about_page:
            self.clearMessage()

    def clearMessage(self) -> None:
        self._timer.stop()
        self._about_page = False
        self._said = ""
        self._one_line = False
        if self._message is not None:
            self._message.setText("")
            self._message.setToolTip("")
            self._message.setAccessibleName("Message")

    def currentMessage(self) -> str:
        """The message whole (as said to a screen reader), however it is shown."""
        return self._said if self._message is not None else ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._one_line and watched is self._message and event.type() == QEvent.Type.Resize:
            self._fit_line()
        return super().eventFilter(watched, event)

    def _fit_line(self) -> None:
        """The message as shown: whole, or, kept to one line, given way to the room."""
        label = self._label()
        text = self._said
        room = label.contentsRect().width()
        if self._one_line and room > 0:
            from PySide6.QtCore import Qt

            text = label.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)
        if label.text() != text:
            label.setText(text)

    def _label(self) -> WrappedLabel:
        if self._message is None:
            from PySide6.QtCore import Qt

            from cqrs_desktop.ui.widgets import WrappedLabel

            self._message = WrappedLabel("")
            self._message.setTextFormat(Qt.TextFormat.PlainText)  # a file name is no markup
            self._message.setAccessibleName("Message")
            self._message.setContentsMargins(4, 2, 8, 2)
            self._message.installEventFilter(self)  # kept to one line, fitted again
            self.addWidget(self._message, 1)
        return self._message
