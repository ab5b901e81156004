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
