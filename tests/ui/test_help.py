"""F1 opens the help at the part about the page the user is on."""

from __future__ import annotations

from cqrs_desktop.ui.main_window import WALKTHROUGH

from .conftest import wait_idle


def test_help_opens_at_the_current_page(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    start_help = window.show_help()
    assert start_help.browser.source().fragment() == ""
    start_help.close()
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(WALKTHROUGH)
    help_window = window.show_help()
    qtbot.waitExposed(help_window)
    assert help_window.browser.source().fragment() == "check-events"
    qtbot.waitUntil(lambda: help_window.browser.verticalScrollBar().value() > 0)
    help_window.close()


def test_f1_again_brings_the_open_help_forward_not_a_second(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from cqrs_desktop.ui.dialogs import HelpWindow

    def opened() -> list[HelpWindow]:
        return [w for w in window.findChildren(HelpWindow) if w.isVisible()]

    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: len(opened()) == 1)
    first = opened()[0]
    qtbot.waitExposed(first)
    window.activateWindow()  # back to the main window, the help left open behind it
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.wait(100)
    assert opened() == [first]
    qtbot.waitUntil(first.isActiveWindow)
    first.close()
    again = window.show_help()  # once closed, F1 opens it afresh
    qtbot.waitExposed(again)
    assert opened() == [again]
    again.close()


def test_f1_again_from_another_page_goes_to_its_part(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.ui.main_window import OVERVIEW

    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(OVERVIEW)
    help_window = window.show_help()
    qtbot.waitExposed(help_window)
    bar = help_window.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    at_overview = bar.value()
    bar.setValue(0)  # the reader scrolls back to the top, then goes on in the window
    assert window.show_help() is help_window  # F1 from the same page: where it was left
    assert bar.value() == 0
    window.show_page(WALKTHROUGH)
    assert window.show_help() is help_window  # from another page: that page's part
    qtbot.waitUntil(lambda: bar.value() > at_overview)
    help_window.close()
