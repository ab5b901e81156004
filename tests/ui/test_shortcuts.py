"""The one shortcut table drives the keys, the menus and the "?" sheet."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from cqrs_desktop.ui import shortcuts
from cqrs_desktop.ui.dialogs import CheatSheet
from cqrs_desktop.ui.review_session import OpenReview
from cqrs_desktop.ui.walkthrough_page import WalkThroughPage

from . import synthetic

SPEC_KEYS = {
    "decide_practice": "P",
    "decide_other_provider": "O",
    "decide_not_eligible": "N",
    "decide_not_given": "X",
    "decide_unsure": "U",
    "toggle_action_done": "A",
    "undo": "Ctrl+Z",
    "find": "Ctrl+F",
    "copy_nhs_number": "Ctrl+C",
}


def test_keys_are_exactly_those_of_the_spec() -> None:
    for action, key in SPEC_KEYS.items():
        assert shortcuts.shortcut(action).keys == (key,)
    assert shortcuts.shortcut("previous").keys == ("Left", "PgUp")
    assert shortcuts.shortcut("next").keys == ("Right", "PgDown")


def test_no_key_is_used_twice_in_a_scope() -> None:
    for scope in ("window", "review", "card"):
        keys = [
            QKeySequence(k).toString()
            for s in shortcuts.SHORTCUTS
            if s.scope == scope
            for k in s.keys
        ]
        assert [k for k, n in Counter(keys).items() if n > 1] == []


def test_every_review_shortcut_is_installed_on_the_page(qtbot) -> None:  # type: ignore[no-untyped-def]
    page = WalkThroughPage()
    qtbot.addWidget(page)
    wanted = {s.action for s in shortcuts.SHORTCUTS if s.scope == "review"}
    assert set(page.shortcuts) == wanted
    for action, made in page.shortcuts.items():
        assert [m.key().toString() for m in made] == [
            QKeySequence(k).toString() for k in shortcuts.shortcut(action).keys
        ]


def test_every_window_shortcut_is_a_menu_action(window) -> None:  # type: ignore[no-untyped-def]
    bound = {
        a.shortcut().toString()
        for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
        for a in menu.actions()
    }
    for s in shortcuts.SHORTCUTS:
        if s.scope == "window":
            assert QKeySequence(s.keys[0]).toString() in bound, s.action


def test_cheat_sheet_lists_every_shortcut(qtbot) -> None:  # type: ignore[no-untyped-def]
    sheet = CheatSheet(None)
    qtbot.addWidget(sheet)
    text = sheet.text()
    for s in shortcuts.SHORTCUTS:
        assert s.description.replace("'", "'") in text
        assert shortcuts.key_text(s.action) in text


@pytest.fixture
def shown_page(qtbot, tmp_path: Path) -> Iterator[tuple[WalkThroughPage, OpenReview]]:  # type: ignore[no-untyped-def]
    """The walk-through page on an invented review in a real review file, shown and active."""
    from PySide6.QtWidgets import QApplication

    review = synthetic.review(8)
    store = synthetic.review_file(tmp_path, review)
    session = OpenReview(store.path, store, review, "Me")
    page = WalkThroughPage()
    qtbot.addWidget(page)
    page.set_session(session)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    yield page, session
    session.close()


def test_page_up_and_down_move_like_the_arrows(qtbot, shown_page) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    page, session = shown_page
    page.focus_card()
    first = session.walk.current.id
    qtbot.keyClick(page.patient, Qt.Key.Key_PageDown)
    assert session.walk.current.id != first
    qtbot.keyClick(page.patient, Qt.Key.Key_PageUp)
    assert session.walk.current.id == first
    assert session.review.decisions == {}


def test_escape_leaves_the_note_for_the_card_so_a_key_decides(qtbot, shown_page) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from cqrs_desktop.domain.model import Decision

    page, session = shown_page
    first = session.walk.current.id
    page.focus_note()
    qtbot.keyClicks(page.note, "rang the midwife")
    qtbot.keyClick(page.note, Qt.Key.Key_Escape)
    assert page.patient.hasFocus()
    qtbot.keyClick(page.patient, Qt.Key.Key_P)
    # recorded by another organisation: "given here" is asked once, the note kept
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.note.text() == "rang the midwife"
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    record = session.review.decision(first)
    assert record is not None and record.decision is Decision.PRACTICE
    assert record.note == "rang the midwife"


def test_ctrl_m_on_a_saved_note_adds_to_its_end(qtbot, shown_page) -> None:  # type: ignore[no-untyped-def]
    """Back on an event with a note, Ctrl+M and typing add to the note: the cursor used to
    be at its start, so " rang the midwife" went before the words already saved."""
    from PySide6.QtCore import Qt

    page, session = shown_page
    first = session.walk.current.id
    page.focus_note()
    qtbot.keyClicks(page.note, "Seen in EMIS")
    qtbot.keyClick(page.note, Qt.Key.Key_Escape)
    qtbot.keyClick(page.patient, Qt.Key.Key_Right)  # on: the note is saved
    qtbot.keyClick(page.patient, Qt.Key.Key_Left)  # back: the saved note shown again
    assert session.walk.current.id == first
    qtbot.keyClick(page.patient, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert page.note.hasFocus()
    qtbot.keyClicks(page.note, "; rang the midwife")
    assert page.flush_note()
    record = session.review.decision(first)
    assert record is not None and record.note == "Seen in EMIS; rang the midwife"


def test_given_here_against_the_evidence_is_asked_once(qtbot, shown_page) -> None:  # type: ignore[no-untyped-def]
    """Recorded by another organisation: P shows the evidence; Esc goes back with nothing
    recorded, Enter confirms with the suggested note."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cqrs_desktop.domain.model import Decision

    page, session = shown_page
    first = session.walk.current
    assert "other_organisation" in first.flags
    page.focus_card()
    qtbot.keyClick(page.patient, Qt.Key.Key_P)
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    assert "Recorded by another organisation" in dialog.evidence.text()
    assert "RQX" in dialog.evidence.text()
    dialog.activateWindow()  # as the system does for a new dialog (not offscreen)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert session.review.decision(first.id) is None
    assert session.walk.current is first
    page.activateWindow()
    qtbot.waitUntil(page.patient.hasFocus)
    qtbot.keyClick(page.patient, Qt.Key.Key_P)
    dialog = page.confirm_dialog
    assert "recorded by another organisation" in dialog.note.text()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    record = session.review.decision(first.id)
    assert record.decision is Decision.PRACTICE and "another organisation" in record.note
    assert session.walk.current is not first  # confirmed: on to the next, as P does
    # a clean event: P records at once
    clean = session.walk.current
    assert not set(clean.flags) & {"other_organisation", "non_gms", "other_provider_code"}
    qtbot.keyClick(page.patient, Qt.Key.Key_P)
    assert session.review.decision(clean.id).decision is Decision.PRACTICE


def test_a_decision_key_pressed_again_does_not_type_into_the_given_here_note(  # type: ignore[no-untyped-def]
    qtbot, shown_page
) -> None:
    """A quick "P P" on a dose recorded elsewhere: the second P lands on the question's
    answer, not in the note that goes on the audit log; Alt+N edits the note, the cursor
    after the suggestion."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cqrs_desktop.domain.model import Decision

    page, session = shown_page
    first = session.walk.current
    page.focus_card()
    qtbot.keyClick(page.patient, Qt.Key.Key_P)
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    suggested = dialog.note.text()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.waitUntil(dialog.confirm_button.hasFocus)
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_P)
    assert dialog.note.text() == suggested and dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(dialog.note.hasFocus)
    qtbot.wait(20)
    qtbot.keyClicks(QApplication.focusWidget(), "; midwife confirmed")
    assert dialog.note.text() == suggested + "; midwife confirmed"
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    record = session.review.decision(first.id)
    assert record is not None and record.decision is Decision.PRACTICE
    assert record.note == suggested + "; midwife confirmed"


def test_the_next_patient_is_shown_from_the_top(qtbot, shown_page) -> None:  # type: ignore[no-untyped-def]
    """On a small screen the cards scroll: read down to the checklist, the next event (→,
    or a decision key) starts at its patient, not where the last one was left; the same
    event refreshed (A) stays where it is."""
    from PySide6.QtCore import Qt

    page, session = shown_page
    page.resize(900, 420)  # the cards taller than their area
    qtbot.wait(20)
    bar = page.detail.card_scroll.verticalScrollBar()
    assert bar.maximum() > 0
    page.focus_card()
    bar.setValue(bar.maximum())
    qtbot.keyClick(page.patient, Qt.Key.Key_A)  # the same event: the reader's place kept
    assert bar.value() == bar.maximum()
    first = session.walk.current.id
    qtbot.keyClick(page.patient, Qt.Key.Key_Right)
    assert session.walk.current.id != first
    assert bar.value() == 0


def test_given_here_asked_on_a_colleagues_decision_says_whose_note_it_is(  # type: ignore[no-untyped-def]
    qtbot, shown_page
) -> None:
    """A colleague decided the dose recorded by another organisation "other provider",
    with a note. P asks "given here?" with the note kept: it now says it is the
    colleague's, as deciding without the question would keep it (decision 389)."""
    from PySide6.QtCore import Qt

    from cqrs_desktop.domain.model import Decision

    page, session = shown_page
    first = session.walk.current
    assert "other_organisation" in first.flags
    session.walk.reviewer = "A. Colleague"
    session.decide(Decision.OTHER_PROVIDER, note="hospital letter seen")
    session.walk.reviewer = "Me"
    session.go_to(first.id)
    page.set_session(session)
    page.focus_card()
    qtbot.keyClick(page.patient, Qt.Key.Key_P)
    dialog = page.confirm_dialog
    assert dialog is not None and dialog.isVisible()
    said = "With the earlier decision (Other provider, by A. Colleague): hospital letter seen"
    assert dialog.note.text() == said
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    record = session.review.decision(first.id)
    assert (record.decision, record.reviewer, record.note) == (Decision.PRACTICE, "Me", said)
