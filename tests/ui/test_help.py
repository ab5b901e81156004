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
