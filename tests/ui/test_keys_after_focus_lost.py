"""The tests' key presses go into the window in front, as a user's do (the autouse fixture
`typed_into_the_window_in_front`). Under Windows the test processes share one desktop: a
window another process opens takes the foreground, and this process has no active window
until one is clicked. Qt's shortcuts only work in the active window, so a key pressed then
did nothing and a test of the checklist keys failed now and then. Invented people, NHS
numbers in the 999 range."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui.main_window import WALKTHROUGH

from .conftest import wait_idle


def _taken_by_another_window(qtbot) -> None:  # type: ignore[no-untyped-def]
    """As when another program's window comes to the front: none of ours is active."""
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    other.hide()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is None)


def test_a_checklist_key_pressed_after_another_window_took_the_front(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(WALKTHROUGH)
    page = window.walkthrough
    window.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.focus_card()
    qtbot.waitUntil(page.patient.hasFocus)
    event = window.session.walk.current
    assert event is not None
    _taken_by_another_window(qtbot)
    assert not page.patient.hasFocus()

    qtbot.keyClick(page.patient, Qt.Key.Key_O)  # Other provider
    assert QApplication.activeWindow() is window and page.patient.hasFocus()
    record = window.session.review.decision(event.id)
    assert record is not None and record.decision is Decision.OTHER_PROVIDER
