"""The last event decided through "Given here?" (the record's evidence asked about): the
way on that appears takes the focus, as after any last decision, so Enter takes it up
(the dialog handed the focus back to the card, where Enter did nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cqrs_desktop.domain.model import Decision

from .conftest import wait_idle


def _active(qtbot, win) -> None:  # type: ignore[no-untyped-def]
    win.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)


def _all_decided_but_one_given_elsewhere(qtbot, win, samples: Path):  # type: ignore[no-untyped-def]
    """The sample search imported, every event decided but one recorded by another
    organisation (P on it asks first); that one shown, the focus on its card."""
    win.new_review()
    win.sources.add_files([samples / "emis_pertussis_search.csv"])
    wait_idle(qtbot, win)
    win.sources.request_import()
    wait_idle(qtbot, win)
    _active(qtbot, win)
    session, page = win.session, win.walkthrough
    last = next(e for e in session.review.events if "other_organisation" in e.flags)
    for event in session.review.events:
        if event.needs_review and event.id != last.id:
            session.go_to(event.id)
            session.decide(Decision.PRACTICE)
    assert session.walk.progress().remaining == 1
    page.show_event(last.id)
    page.focus_card()
    return page, last


def test_enter_after_the_last_given_here_confirmed_takes_the_way_on(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path
) -> None:
    win = window
    page, last = _all_decided_but_one_given_elsewhere(qtbot, win, samples)
    qtbot.keyClick(page.patient, Qt.Key.Key_P)
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    _active(qtbot, win)
    assert win.session.review.decision(last.id).decision is Decision.PRACTICE
    assert page.offer.isVisible()
    assert page.offer.go_button.hasFocus()  # Enter takes it up


def test_going_back_from_the_question_leaves_the_focus_on_the_card(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path
) -> None:
    win = window
    page, last = _all_decided_but_one_given_elsewhere(qtbot, win, samples)
    qtbot.keyClick(page.patient, Qt.Key.Key_P)
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    _active(qtbot, win)
    assert win.session.review.decision(last.id) is None
    assert page.patient.hasFocus()
