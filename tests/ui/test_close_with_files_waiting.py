"""Closing the window while files wait on the Files page, not imported, asks first: no
review file holds them yet, and they used to be lost without a word (decision 230)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from cqrs_desktop.ui.main_window import SOURCES

from .conftest import new_review_with, wait_idle


def _box() -> QMessageBox:
    (box,) = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]
    return box


def _press(box: QMessageBox, text: str) -> None:
    (button,) = [b for b in box.buttons() if b.text() == text]
    button.click()


def test_closing_with_files_waiting_asks_and_going_back_keeps_them(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path
) -> None:
    win = window
    new_review_with(qtbot, win, samples / "emis_pertussis_search.csv", imported=False)
    win.nav.setCurrentRow(SOURCES + 1)  # elsewhere, to see "Go back" return to Files

    assert not win.close()
    box = _box()
    assert "1 file is waiting on the Files page, not imported (emis_pertussis_search.csv)" in (
        box.text()
    )
    assert "closing now loses them" in box.text()
    assert box.defaultButton().text() == "&Go back to Files"  # Enter or Esc: nothing lost
    _press(box, "&Go back to Files")
    assert win.isVisible()
    assert win.nav.currentRow() == SOURCES
    assert [e.name for e in win.sources.waiting] == ["emis_pertussis_search.csv"]
    qtbot.waitUntil(win.sources.import_button.hasFocus)

    win.close()
    _press(_box(), "&Close without importing")
    qtbot.waitUntil(lambda: not win.isVisible())


def test_nothing_waiting_closes_at_once(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    new_review_with(qtbot, win, samples / "emis_pertussis_search.csv", imported=False)
    win.sources.request_import()
    wait_idle(qtbot, win)
    assert win.session is not None
    assert win.close()  # imported: saved in the review file, nothing to ask


def test_new_review_keeps_the_files_waiting_and_the_counts_typed(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path
) -> None:
    """Ctrl+N (File > New review) on a new review's Files page emptied it without a word:
    the files added and the counts typed were in no review file (decision 251)."""
    win = window
    new_review_with(qtbot, win, samples / "emis_pertussis_search.csv", imported=False)
    grid = win.sources.claims.model
    grid.set_count(0, 0, "12")
    typed = win.sources.typed_claims()
    assert typed

    win.new_review()
    assert [e.name for e in win.sources.waiting] == ["emis_pertussis_search.csv"]
    assert win.sources.typed_claims() == typed
    said = win.statusBar().currentMessage()
    assert said.startswith(
        "Kept for this new review: 1 file waiting on the Files page and the claimed counts typed"
    )
