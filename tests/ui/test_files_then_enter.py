"""Files added with the keyboard (Add files…, then Enter in the file dialog): the focus goes
on to Import, so Enter imports. It stayed on Add files…, where Enter opened the file dialog
again, and Import was some thirty Tabs away (through every cell of the claims grid)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cqrs_desktop.ui.main_window import WALKTHROUGH

from .conftest import wait_idle


def _active(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    win.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def test_after_adding_a_search_enter_imports(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_review()
    page = win.sources
    assert page.add_button.hasFocus()
    page.add_files([samples / "emis_pertussis_search.csv", samples / "cqrs_figures.csv"])
    wait_idle(qtbot, win)
    _active(qtbot, win)
    assert page.import_button.isEnabled() and page.import_button.hasFocus()
    qtbot.keyClick(page.import_button, Qt.Key.Key_Return)  # pressed as a click, shown
    qtbot.waitUntil(lambda: win.session is not None, timeout=20000)
    wait_idle(qtbot, win)
    assert win.pages.currentIndex() == WALKTHROUGH


def test_with_no_search_yet_the_focus_stays_on_add_files(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.new_review()
    page = win.sources
    page.add_files([samples / "cqrs_figures.csv"])  # no search: nothing to import yet
    wait_idle(qtbot, win)
    _active(qtbot, win)
    assert not page.import_button.isEnabled()
    assert page.add_button.hasFocus()


def test_typing_in_the_claims_grid_meanwhile_keeps_its_focus(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    """Files dropped while the user is elsewhere on the page: the focus is not taken."""
    win = window
    win.new_review()
    page = win.sources
    page.claims.view.setFocus()
    page.add_files([samples / "emis_pertussis_search.csv"])
    wait_idle(qtbot, win)
    _active(qtbot, win)
    assert page.claims.view.hasFocus()
