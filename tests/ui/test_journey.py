"""The whole journey on the sample files, driven like a user: add files, fix a mapping,
enter a claim, decide with the keys, undo, reach the results, check the saved file."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from cqrs_desktop import paths
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.store import ReviewFile
from cqrs_desktop.ui.main_window import OVERVIEW, RESULTS, WALKTHROUGH

from .conftest import wait_idle


def _systmone_with_odd_header(samples: Path, folder: Path) -> Path:
    """The SystmOne sample with 'Event done at' renamed to something not recognised."""
    text = (samples / "systmone_rsv_search.csv").read_text(encoding="utf-8")
    target = folder / "systmone_rsv_search_renamed.csv"
    target.write_text(text.replace("Event done at", "Place", 1), encoding="utf-8")
    return target


def _key(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(widget, key, modifier)


def test_whole_journey(qtbot, window, samples: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    win = window
    # --- a new review: add the files ------------------------------------------------------
    win.new_review()
    assert win.stack.currentIndex() == 1 and win.pages.currentWidget() is win.sources
    renamed = _systmone_with_odd_header(samples, tmp_path)
    win.sources.add_files(
        [samples / "emis_pertussis_search.csv", renamed, samples / "cqrs_figures.csv"]
    )
    wait_idle(qtbot, win)
    entries = {e.name: e for e in win.sources.model.entries}
    assert entries["emis_pertussis_search.csv"].kind == "search"
    assert entries["emis_pertussis_search.csv"].rows == 13
    assert entries["cqrs_figures.csv"].kind == "cqrs"
    assert entries[renamed.name].kind == "search"

    # --- fix a mapping: 'Place' is where the dose was given ---------------------------------
    win.sources.view.selectRow(win.sources.model.entries.index(entries[renamed.name]))
    dialog = win.sources.fix_columns()
    assert dialog is not None
    assert "Place" not in dialog.mapping()
    dialog.set_role("Place", "organisation")
    assert dialog.problems() == []
    dialog.accept()
    win.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    assert entries[renamed.name].mapping is not None
    assert entries[renamed.name].mapping["Place"] == "organisation"
    assert any(paths.profiles_dir().glob("*.json"))

    # --- import: the walk-through opens at the first pending event, focus on the card ------
    win.sources.request_import()
    wait_idle(qtbot, win)
    assert win.session is not None
    assert win.pages.currentIndex() == WALKTHROUGH
    page = win.walkthrough
    qtbot.waitUntil(page.patient.hasFocus, timeout=30_000)  # (a busy machine: decision 531)
    review = win.session.review
    rsv = [e for e in review.events if e.source == renamed.name]
    assert any("other_organisation" in e.flags for e in rsv), "the fixed column was used"

    # --- enter a claim in the grid ------------------------------------------------------------
    grid = win.sources.claims.model
    row = [p.id for p in grid.programmes].index("rsv_pregnant")
    column = grid.months.index("2024-12")
    assert grid.setData(grid.index(row, column), "2")
    wait_idle(qtbot, win)  # saved off the GUI thread
    claimed = {(c.programme, c.month): c.count for c in win.session.review.inputs.claims}
    assert claimed[("rsv_pregnant", "2024-12")] == 2

    # --- decide with the keys ---------------------------------------------------------------------
    walk = win.session.walk
    total = walk.progress().total
    assert total > 5
    first = walk.current.id
    _key(qtbot, page.patient, Qt.Key.Key_P)
    assert review_decision(win, first) is Decision.PRACTICE
    second = walk.current.id
    assert second != first
    _key(qtbot, page.patient, Qt.Key.Key_O)
    assert review_decision(win, second) is Decision.OTHER_PROVIDER
    # O stays on the patient with what to do in the clinical system; A ticks it there
    assert walk.current.id == second
    assert page.bar.follow_up.isVisible() and "then press A" in page.bar.follow_up.text()
    _key(qtbot, page.patient, Qt.Key.Key_A)
    assert win.session.review.decision(second).action_done is True
    assert walk.current.id != second  # the tick finished it: on to the next
    _key(qtbot, page.patient, Qt.Key.Key_Left)
    assert walk.current.id == second and page.action_done.isChecked()
    _key(qtbot, page.patient, Qt.Key.Key_Right)
    assert walk.current.id != second

    # typing a note never decides
    current = walk.current.id
    page.note.setFocus()
    qtbot.keyClicks(page.note, "pnoux")
    assert review_decision(win, current) is None
    page.flush_note()
    assert win.session.review.decision(current).note == "pnoux"

    # X, N and U from anywhere on the page but the note (X and N stay for the record's
    # correction; Right moves on and leaves it under "Record not yet updated")
    page.patient.setFocus()
    _key(qtbot, page.patient, Qt.Key.Key_X)
    assert review_decision(win, current) is Decision.NOT_GIVEN
    assert walk.current.id == current
    _key(qtbot, page.patient, Qt.Key.Key_Right)
    third = walk.current.id
    _key(qtbot, page.events.view, Qt.Key.Key_N)
    assert review_decision(win, third) is Decision.NOT_ELIGIBLE
    if walk.current.id == third:  # pertussis: a dose not eligible is recoded
        _key(qtbot, page.events.view, Qt.Key.Key_Right)
    fourth = walk.current.id
    assert review_decision(win, fourth) is None
    _key(qtbot, page.buttons[Decision.PRACTICE], Qt.Key.Key_U)
    assert review_decision(win, fourth) is Decision.UNSURE

    # Ctrl+Z undoes the last decision and returns to that event
    _key(qtbot, page.patient, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert walk.current.id == fourth
    assert review_decision(win, fourth) is None

    # Ctrl+C on the card copies the NHS number, digits only
    page.patient.setFocus()
    _key(qtbot, page.patient, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert re.fullmatch(r"\d{10}", copied)
    assert copied == (walk.current.nhs_number or "")

    # Ctrl+F finds by NHS number
    target = review.events[-1]
    _key(qtbot, page.patient, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.events.find_box.hasFocus()
    qtbot.keyClicks(page.events.find_box, target.nhs_number or "")
    _key(qtbot, page.events.find_box, Qt.Key.Key_Return)
    assert walk.current.id == target.id
    page.events.find_box.clear()

    # --- decide everything left with P, then the results ---------------------------------------
    page.patient.setFocus()
    for _ in range(total + 2):
        if walk.progress().remaining == 0:
            break
        if walk.current_record and walk.current_record.decision is not None:
            walk.next_pending()
            page.refresh()
        _key(qtbot, page.patient, Qt.Key.Key_P)
        if page.confirm_dialog is not None and page.confirm_dialog.isVisible():
            # given here against the record's evidence: asked once, Enter confirms
            _key(qtbot, page.confirm_dialog.note, Qt.Key.Key_Return)
            page.patient.setFocus()
    assert walk.progress().remaining == 0
    assert page.done_banner.isVisible()

    _key(qtbot, page.patient, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert win.pages.currentIndex() == RESULTS
    results = win.results
    assert results.to.text() == "england.londonimms@nhs.net"
    assert "F99001" in results.subject.text()
    body = results.body.toPlainText()
    assert "Test Reviewer" in body
    assert not re.search(r"\d{3} ?\d{3} ?\d{4}", body), "no NHS numbers in the email"
    assert "Not finished" not in results.warning.text()
    assert results.email_text().startswith("To: england.londonimms@nhs.net\nSubject: ")
    draft = tmp_path / "draft.eml"
    results.write_draft(draft)
    assert b"X-Unsent: 1" in draft.read_bytes()

    # --- the saved review file holds every decision ----------------------------------------------
    path = win.session.path
    decided = {k: v.decision for k, v in win.session.review.decisions.items()}
    win.set_session(None)
    store = ReviewFile.open(path)
    try:
        saved = {d.event_id: d.decision for d in store.load_decisions()}
        claims = {(c.programme, c.month): c.count for c in store.load_inputs().claims}
    finally:
        store.close()
    assert saved == decided
    assert claims[("rsv_pregnant", "2024-12")] == 2

    # --- opening it again: nothing pending, so the overview ------------------------------------
    win.open_review(path)
    wait_idle(qtbot, win)
    assert win.session is not None
    assert win.pages.currentIndex() == OVERVIEW
    assert path.name.removesuffix(".cqrsreview") in win.windowTitle()
    assert "saved" in win.windowTitle()


def review_decision(win, event_id: str) -> Decision | None:  # type: ignore[no-untyped-def]
    record = win.session.review.decision(event_id)
    return record.decision if record else None
