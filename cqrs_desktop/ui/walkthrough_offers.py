"""What the Check events page offers when there is nothing to decide where the reviewer is:
the next month needing checks, Results, or the events again, one button, Enter to take it.

A finished month used to leave only a line in the status bar; an empty list sat beside the
card of a patient it did not show. These are the page's own words for both.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class Offer(QFrame):
    """A line saying where the reviewer is, and up to two ways on (the first is Enter's)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName("offer")
        self.setAccessibleName(name)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setObjectName("offerText")
        self.go_button = QPushButton("")
        self.go_button.setObjectName("primary")
        self.other_button = QPushButton("")
        self._go: Callable[[], object] | None = None
        self._other: Callable[[], object] | None = None
        self.go_button.clicked.connect(lambda: self._go() if self._go else None)
        self.other_button.clicked.connect(lambda: self._other() if self._other else None)
        buttons = QHBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.other_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(6)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.hide()

    def offer(
        self,
        text: str,
        go: tuple[str, Callable[[], object]] | None = None,
        other: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        self.text.setText(text)
        for button, choice, attr in (
            (self.go_button, go, "_go"),
            (self.other_button, other, "_other"),
        ):
            setattr(self, attr, choice[1] if choice else None)
            button.setText(choice[0] if choice else "")
            button.setVisible(choice is not None)
        self.show()

    def text_shown(self) -> str:
        return self.text.text()

    @property
    def key(self) -> str:
        """What the offer is about (its text): the page shows it again only when it changes."""
        return self.text.text() if self.isVisible() else ""


class EmptyList(QWidget):
    """Shown instead of the cards when the list beside them is empty."""

    def __init__(self) -> None:
        super().__init__()
        self.offer = Offer("Nothing in this list")
        self.offer.setObjectName("emptyList")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.offer)
        layout.addStretch(1)
