"""A word about the page it was said on goes when the page changes (decision 420): "No
more events that way in the list", said on Check events, stayed its 4 seconds on the
Overview, where it made no sense. What was done, or not done, stays its time on any page.
Through the real window and the real keys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cqrs_desktop.ui.main_window import OVERVIEW, WALKTHROUGH

from .conftest import wait_idle

CTRL = Qt.KeyboardModifier.ControlModifier
NO_MORE = "No more events that way in the list"


def _demo_on_check_events(qtbot, win):  # type: ignore[no-untyped-def]
    win.open_demo()
    wait_idle(qtbot, win)
    win.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    qtbot.keyClick(win.focusWidget() or win, Qt.Key.Key_3, CTRL)
    assert win.pages.currentIndex() == WALKTHROUGH
    page = win.walkthrough
    qtbot.waitUntil(lambda: page.patient.hasFocus())
    return page


def _to_the_list_s_start(qtbot, win, page) -> None:  # type: ignore[no-untyped-def]
    """Page Up until there is no event that way, as a user finds the start."""
    bar = win.statusBar()
    for _ in range(len(page.events.model.rows) + 1):
        qtbot.keyClick(page.patient, Qt.Key.Key_PageUp)
        if bar.currentMessage() == NO_MORE:
            return
    raise AssertionError(f"never said: {bar.currentMessage()!r}")


def test_no_more_events_that_way_goes_with_its_page_what_was_saved_stays(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    bar = win.statusBar()
    page = _demo_on_check_events(qtbot, win)
    _to_the_list_s_start(qtbot, win, page)
    qtbot.keyClick(page.patient, Qt.Key.Key_2, CTRL)
    assert win.pages.currentIndex() == OVERVIEW
    assert bar.currentMessage() == ""  # not left over the Overview for its 4 seconds

    # back, still at the start: the same with Left; then Ctrl+4
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: page.patient.hasFocus())
    assert bar.currentMessage() == ""
    qtbot.keyClick(page.patient, Qt.Key.Key_Left)
    assert bar.currentMessage() == NO_MORE
    qtbot.keyClick(page.patient, Qt.Key.Key_4, CTRL)
    assert bar.currentMessage() == ""

    # what was saved, said after the word about the page, stays its time on the next page
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: page.patient.hasFocus())
    _to_the_list_s_start(qtbot, win, page)
    qtbot.keyClick(page.patient, Qt.Key.Key_U)
    assert bar.currentMessage().startswith("Saved: Unsure")
    qtbot.keyClick(page.patient, Qt.Key.Key_2, CTRL)
    assert win.pages.currentIndex() == OVERVIEW
    assert bar.currentMessage().startswith("Saved: Unsure")


def test_nothing_to_check_in_a_month_goes_with_the_overview(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Enter on an Overview month with no vaccination says why there is nothing to check;
    the words go when Check events is shown."""
    from .test_overview_month_with_none import _select

    win = window
    bar = win.statusBar()
    _demo_on_check_events(qtbot, win)
    qtbot.keyClick(win.focusWidget(), Qt.Key.Key_2, CTRL)
    assert win.pages.currentIndex() == OVERVIEW
    view = win.overview.view
    _select(view, ("pertussis_pregnant", "2025-01"))  # claimed, no search covers January
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert "no vaccinations to check" in bar.currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_3, CTRL)
    assert win.pages.currentIndex() == WALKTHROUGH
    assert bar.currentMessage() == ""
