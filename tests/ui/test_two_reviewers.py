"""One month's review shared by two people: A. Admin starts it in the window, B. Manager
opens the same file on another PC (their own practice details) and finishes it. Every
entry of the audit log, every decision and the email say truly who did what."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt

from cqrs_desktop import settings
from cqrs_desktop.domain.explain import day_words
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.store import ReviewFile
from cqrs_desktop.ui.main_window import RESULTS, WALKTHROUGH

from .conftest import PRACTICE, new_review_with, wait_idle

A = dataclasses.replace(PRACTICE, reviewer="A. Admin")
B = dataclasses.replace(PRACTICE, reviewer="B. Manager")


def _press(qtbot, win, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    page = win.walkthrough
    page.patient.setFocus()
    qtbot.keyClick(page.patient, key, modifier)


def _started_by_a(qtbot, window, samples: Path) -> tuple[Path, str]:  # type: ignore[no-untyped-def]
    """A's part: the review made, its first vaccination decided "Other provider" and
    ticked as updated in the clinical system; then closed. Returns the file and that
    vaccination's id."""
    settings.save(A)
    window.settings = A
    new_review_with(qtbot, window, samples / "emis_pertussis_search.csv")
    assert window.session is not None and window.session.reviewer == "A. Admin"
    first = window.session.walk.current.id
    _press(qtbot, window, Qt.Key.Key_O)
    _press(qtbot, window, Qt.Key.Key_A)
    decided = window.session.review.decision(first)
    assert decided.decision is Decision.OTHER_PROVIDER and decided.action_done
    assert decided.reviewer == "A. Admin"
    path = window.session.path
    window.set_session(None)
    return path, first


def _opened_by_b(qtbot, window, path: Path) -> None:  # type: ignore[no-untyped-def]
    """B's PC: their own practice details, the same review file opened."""
    settings.save(B)
    window.settings = B
    window.open_review(path)
    wait_idle(qtbot, window)
    assert window.session is not None and window.session.reviewer == "B. Manager"
    window.show_page(WALKTHROUGH)


def _audit(path: Path) -> list[tuple[str | None, str | None, str]]:
    store = ReviewFile.open(path)
    try:
        return [(e.who, e.event_id, e.what) for e in store.audit_log()]
    finally:
        store.close()


def test_what_b_undoes_of_a_decision_is_logged_as_b_s(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    path, first = _started_by_a(qtbot, window, samples)
    _opened_by_b(qtbot, window, path)
    window.walkthrough.show_event(first)
    _press(qtbot, window, Qt.Key.Key_P)
    _press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    restored = window.session.review.decision(first)
    assert restored.decision is Decision.OTHER_PROVIDER
    assert restored.reviewer == "A. Admin", "A's decision, put back, is still A's"
    window.set_session(None)
    entries = [(who, what) for who, event, what in _audit(path) if event == first]
    assert entries == [
        ("A. Admin", "decision"),
        ("A. Admin", "action_done"),
        ("B. Manager", "decision"),
        ("B. Manager", "undo"),  # B pressed Ctrl+Z, not A
    ]


def test_b_s_note_on_a_s_decision_leaves_the_decision_a_s(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    """B adds a note to (or unticks) A's decision without deciding again: the decision is
    still A's, made when A made it; the audit log says B changed the note and the tick."""
    path, first = _started_by_a(qtbot, window, samples)
    store = ReviewFile.open(path)
    try:
        made = next(d for d in store.load_decisions() if d.event_id == first)
    finally:
        store.close()
    _opened_by_b(qtbot, window, path)
    page = window.walkthrough
    page.show_event(first)
    page.note.setFocus()
    qtbot.keyClicks(page.note, "letter filed")
    page.flush_note()
    _press(qtbot, window, Qt.Key.Key_A)  # unticked
    window_record = window.session.review.decision(first)
    assert window_record.note == "letter filed" and not window_record.action_done
    assert window_record.decision is Decision.OTHER_PROVIDER
    assert (window_record.reviewer, window_record.decided_at) == ("A. Admin", made.decided_at)
    window.set_session(None)
    entries = [(who, what) for who, event, what in _audit(path) if event == first]
    assert entries[-2:] == [("B. Manager", "note"), ("B. Manager", "action_done")]


def test_the_email_is_signed_by_whoever_has_the_review_open(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    """B finishes and sends: the email, the workbook's and the report's "Reviewer" are B's
    (the practice details on B's PC), not A's who started the review."""
    path, _first = _started_by_a(qtbot, window, samples)
    _opened_by_b(qtbot, window, path)
    window.show_page(RESULTS)
    wait_idle(qtbot, window)
    summary = window.results.summary_now()
    assert summary.reviewer == "B. Manager"
    body = window.results.email_text()
    assert body.rstrip().splitlines()[-2] == "B. Manager"
    assert "A. Admin" not in body


def test_the_card_says_whose_decision_a_colleague_s_is(qtbot, window, samples: Path) -> None:  # type: ignore[no-untyped-def]
    """B looking at A's decision is told it is A's, and when A made it; B's own is not
    said to be anyone's. (It said "Recorded: Other provider" for both alike.)"""
    path, first = _started_by_a(qtbot, window, samples)
    _opened_by_b(qtbot, window, path)
    page = window.walkthrough
    page.show_event(first)
    day = day_words(window.session.review.decision(first).decided_at)
    assert day
    assert page.decided_label.text().startswith(
        f"Recorded: Other provider, decided on {day} by A. Admin"
    )
    _press(qtbot, window, Qt.Key.Key_P)
    page.show_event(first)
    assert page.decided_label.text() == (
        "Recorded: Given here · nothing to change in the clinical system"
    )
