"""Ctrl+Z returns to the event undone with the focus on its card (decision 371): from the
way on shown once every event had a decision, the focus fell to the Undo button as the
way on went, and Enter there undid the decision before too."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui.main_window import SOURCES, WALKTHROUGH

from .conftest import new_review_with, wait_idle


def test_undo_from_the_way_on_puts_the_focus_on_the_card(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path
) -> None:
    win = window
    new_review_with(qtbot, win, samples / "emis_pertussis_search.csv")
    win.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    session, page = win.session, win.walkthrough
    pending = [e for e in session.review.events if e.needs_review]
    last = next(e for e in pending if not e.flags)  # P on it asks nothing
    for event in pending:
        if event.id != last.id:
            session.go_to(event.id)
            session.decide(Decision.PRACTICE)
    page.show_event(last.id)
    page.focus_card()
    qtbot.keyClick(page.patient, Qt.Key.Key_P)
    assert session.review.decision(last.id).decision is Decision.PRACTICE
    qtbot.waitUntil(page.offer.go_button.hasFocus)  # every event decided: the way on

    qtbot.keyClick(page.offer.go_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.statusBar().currentMessage() == "Undone"
    assert session.review.decision(last.id) is None
    assert session.walk.current is not None and session.walk.current.id == last.id
    assert page.patient.hasFocus()
    # Enter now undoes nothing more: every other decision stands
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert all(session.review.decision(e.id) is not None for e in pending if e.id != last.id)


def test_ctrl_z_after_a_claimed_count_undoes_the_decision_before_it(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path
) -> None:
    """A claimed count typed between a decision and Ctrl+Z: the decision is still undone
    (decision 490), where the window said "Nothing to undo" and the Undo button was
    greyed out."""
    win = window
    new_review_with(qtbot, win, samples / "emis_pertussis_search.csv")
    session, page = win.session, win.walkthrough
    event = next(e for e in session.review.events if e.needs_review and not e.flags)
    page.show_event(event.id)
    page.focus_card()
    qtbot.keyClick(page.patient, Qt.Key.Key_N)  # not eligible
    assert session.review.decision(event.id).decision is Decision.NOT_ELIGIBLE

    win.show_page(SOURCES)
    grid = win.sources.claims.model
    row = [p.id for p in grid.programmes].index(event.programme)
    assert grid.setData(grid.index(row, grid.months.index(event.month)), "3")
    wait_idle(qtbot, win)
    assert win.statusBar().currentMessage() == "Saved: the claimed counts"

    win.show_page(WALKTHROUGH)
    assert page.undo_button.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert win.statusBar().currentMessage() == "Undone"
    assert session.review.decision(event.id) is None
    claimed = {(c.programme, c.month): c.count for c in session.review.inputs.claims}
    assert claimed[(event.programme, event.month)] == 3  # the count stays: not a decision
