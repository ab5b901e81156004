"""Enter on an Overview month that holds no vaccination (a claim no search covered): the
page said "select it and press Enter, to check its events", and Enter did nothing, unsaid.
Now the status bar says why there is nothing to check, and the button is not offered."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cqrs_desktop.ui.items_model import ITEM_KEY_ROLE
from cqrs_desktop.ui.main_window import OVERVIEW, WALKTHROUGH

from .conftest import wait_idle


def _select(view, key: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    model = view.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(ITEM_KEY_ROLE) == key)
    view.setCurrentIndex(model.index(row, 0))
    view.setFocus()


def test_enter_on_a_month_with_no_vaccination_says_why(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.open_demo()
    wait_idle(qtbot, win)
    win.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.show_page(OVERVIEW)
    page = win.overview
    not_searched = ("pertussis_pregnant", "2025-01")  # claimed 3, no search covers January
    assert not win.session.review.item(not_searched).covered

    _select(page.view, not_searched)
    assert not page.open_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert win.pages.currentIndex() == OVERVIEW
    assert win.statusBar().currentMessage() == (
        "Pertussis (pregnant women), January 2025: no vaccinations to check "
        "(no search covered this month)"
    )

    _select(page.view, ("pertussis_pregnant", "2024-09"))
    assert page.open_button.isEnabled()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert win.pages.currentIndex() == WALKTHROUGH
