"""Tab out of the note lands on the step list beside the page: the keys of Check events
work there as on the card (P did nothing, unsaid, while the page still showed the event)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui.main_window import WALKTHROUGH

from .conftest import wait_idle


def _walkthrough(qtbot, win, samples: Path):  # type: ignore[no-untyped-def]
    win.new_review()
    win.sources.add_files([samples / "emis_pertussis_search.csv"])
    wait_idle(qtbot, win)
    win.sources.request_import()
    wait_idle(qtbot, win)
    assert win.pages.currentIndex() == WALKTHROUGH
    win.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    return win.walkthrough


def test_tab_from_the_note_then_a_key_decides(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    page = _walkthrough(qtbot, win, samples)
    walk = win.session.walk
    first = walk.current.id
    page.note.setFocus()
    qtbot.keyClicks(page.note, "seen in EMIS")
    qtbot.keyClick(page.note, Qt.Key.Key_Tab)
    assert win.nav.hasFocus()  # the step list, beside the page

    qtbot.keyClick(win.nav, Qt.Key.Key_P)
    record = win.session.review.decision(first)
    assert record is not None and record.decision is Decision.PRACTICE
    assert record.note == "seen in EMIS"
    assert walk.current.id != first
    assert page.patient.hasFocus()  # where the next key goes on working
    assert win.pages.currentIndex() == WALKTHROUGH


def test_arrows_and_ctrl_f_from_the_step_list(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    page = _walkthrough(qtbot, win, samples)
    walk = win.session.walk
    first = walk.current.id
    win.nav.setFocus()
    qtbot.keyClick(win.nav, Qt.Key.Key_Right)
    assert walk.current.id != first and win.pages.currentIndex() == WALKTHROUGH
    win.nav.setFocus()
    qtbot.keyClick(win.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.events.find_box.hasFocus()
    # Up and Down still move along the steps, as in any list
    win.nav.setFocus()
    qtbot.keyClick(win.nav, Qt.Key.Key_Up)
    assert win.pages.currentIndex() == WALKTHROUGH - 1
    assert win.session.review.decisions == {}


def test_on_another_page_the_step_list_takes_no_review_key(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    _walkthrough(qtbot, win, samples)
    win.show_page(WALKTHROUGH - 1)  # the Overview
    win.nav.setFocus()
    qtbot.keyClick(win.nav, Qt.Key.Key_P)
    assert win.session.review.decisions == {}
