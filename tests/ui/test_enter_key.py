"""Enter presses the focused button in the window, as it does everywhere on Windows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def test_enter_on_the_focused_start_button_starts_a_review(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.start.new_button.setFocus()
    with qtbot.waitSignal(window.start.new_review, timeout=2000):
        qtbot.keyClick(window.start.new_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review_area)


def test_enter_on_a_disabled_button_does_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.show()
    window.start.demo_button.setEnabled(False)
    window.start.demo_button.setFocus()
    opened: list[bool] = []
    window.start.open_demo.connect(lambda: opened.append(True))
    qtbot.keyClick(window.start.demo_button, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    qtbot.wait(300)
    assert opened == []


def test_with_recent_reviews_enter_opens_the_latest(qtbot, practice_settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The start page says 'Press Enter to open': Enter opens the highlighted recent review,
    not a new one."""
    from cqrs_desktop import settings
    from cqrs_desktop.ui.main_window import MainWindow

    recent = tmp_path / "Y99001 check.cqrsreview"
    settings.save(practice_settings.with_recent(recent))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert window.focusWidget() is window.start.recent
    with qtbot.waitSignal(window.start.open_recent, timeout=2000) as opened:
        qtbot.keyClick(window.start.recent, Qt.Key.Key_Return)
    assert opened.args == [recent]
