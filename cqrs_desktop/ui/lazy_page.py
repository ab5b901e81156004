"""Pages rebuilt from the review only while they are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from cqrs_desktop.review.changes import Changes


class RefreshedWhenShown(QWidget):
    """Hidden, a change only marks the page stale, so a decision costs nothing on pages
    nobody is looking at; the page rebuilds when it is next shown."""

    def __init__(self) -> None:
        super().__init__()
        self._stale = True

    def rebuild(self) -> None:
        raise NotImplementedError

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def review_changed(self, changes: Changes) -> None:
        """Connected to `OpenReview.changed`: moving between events changes no page."""
        if changes.decisions or changes.review:
            self.mark_stale()

    def refresh(self) -> None:
        if self._stale:
            self._stale = False
            self.rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
