"""Pages rebuilt from the review only while they are shown.

Hidden, a page lets go of what it held of a review closed or replaced (`let_go`), so a
large review is freed at once rather than kept beside the next one until the page is
next shown (decision 376)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from cqrs_desktop.review.changes import Changes
    from cqrs_desktop.ui.review_session import OpenReview


class RefreshedWhenShown(QWidget):
    """Hidden, a change only marks the page stale, so a decision costs nothing on pages
    nobody is looking at; the page rebuilds when it is next shown."""

    def __init__(self) -> None:
        super().__init__()
        self._stale = True
        self.session: OpenReview | None = None

    def set_session(self, session: OpenReview | None) -> None:
        """The review shown, or none; the one before let go of at once while hidden."""
        if session is not self.session and not self.isVisible():
            self.let_go()
        self.session = session
        if session is not None:
            session.changed.connect(self.review_changed)
        self.mark_stale()

    def rebuild(self) -> None:
        raise NotImplementedError

    def mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def review_changed(self, changes: Changes) -> None:
        """Connected to `OpenReview.changed`: moving between events changes no page."""
        if changes.review and not self.isVisible():
            self.let_go()
        if changes.decisions or changes.review:
            self.mark_stale()

    def let_go(self) -> None:
        """Hidden, with the review shown closed or replaced: drop what the page holds of
        it (it is rebuilt when next shown)."""

    def refresh(self) -> None:
        if self._stale:
            self._stale = False
            self.rebuild()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
