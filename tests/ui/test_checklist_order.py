"""The checklist, followed literally with the keyboard: decide (O or X), change the record,
tick (A). The tick lands on the patient decided, never the next one; "later" (→) leaves it on
the list of records not yet updated; the email's "marked in our clinical system" counts are
the ticks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.reports.email import build_email
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.ui.event_table import TO_UPDATE
from cqrs_desktop.ui.main_window import OVERVIEW, RESULTS, WALKTHROUGH

from .conftest import wait_idle

MONTH = ("pertussis_pregnant", "2024-09")


def _key(qtbot, page, key) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(page.patient, key)


def test_o_then_a_ticks_the_patient_decided(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    session = window.session
    review = session.review
    window.show_page(OVERVIEW)
    window.open_item(*MONTH)  # as from the overview: the month's events, in order
    page = window.walkthrough
    window.activateWindow()  # the offscreen platform does not hand activation back by itself
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.focus_card()
    qtbot.waitUntil(page.patient.hasFocus)
    walk = session.walk
    order = list(page.events.model.rows)
    ids = [review.events[i].id for i in order]
    assert len(ids) == 9

    # 1st: given elsewhere. O stays on her, says what to do; A ticks her and moves on
    _key(qtbot, page, Qt.Key.Key_O)
    assert walk.current.id == ids[0]
    assert "then press A" in page.bar.follow_up.text()
    _key(qtbot, page, Qt.Key.Key_A)
    assert review.decision(ids[0]).action_done
    assert review.decision(ids[1]) is None, "the tick never lands on the next patient"
    assert walk.current.id == ids[1]
    # 2nd: recorded in error. X stays; A ticks the correction
    _key(qtbot, page, Qt.Key.Key_X)
    assert walk.current.id == ids[1] and "correct the record" in page.bar.follow_up.text()
    _key(qtbot, page, Qt.Key.Key_A)
    assert review.decision(ids[1]).action_done and walk.current.id == ids[2]
    # 3rd: given elsewhere, marked later: → moves on without the tick
    _key(qtbot, page, Qt.Key.Key_O)
    _key(qtbot, page, Qt.Key.Key_Right)
    assert walk.current.id == ids[3]
    assert not review.decision(ids[2]).action_done
    assert review.action_to_do_ids() == {ids[2]}
    # the rest: given here (asked once where the record says otherwise; Enter confirms)
    for _ in range(12):
        if walk.current.id not in ids or review.decision(walk.current.id):
            break
        _key(qtbot, page, Qt.Key.Key_P)
        dialog = page.confirm_dialog
        if dialog is not None and dialog.isVisible():
            qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
            page.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
            page.focus_card()
    assert all(review.decision(i) and review.decision(i).decision for i in ids)
    # the month is done: the next month needing checks is offered, Enter takes it
    assert page.offer.isVisible() and "Next month needing checks" in page.offer.text_shown()
    assert page.offer.go_button.hasFocus()

    # one number for "not yet updated": the list's filter, the overview, the summary
    summary = build_summary(review)
    assert summary.action_done == 2 and summary.action_to_do == 1 == review.action_to_do
    assert page.events.status_box.itemText(page.events.status_box.findData(TO_UPDATE)) == (
        f"{TO_UPDATE} (1)"
    )
    window.show_page(OVERVIEW)
    assert window.overview.to_update_button.text() == "Show the 1 record to update"
    window.overview.to_update_button.click()
    assert window.pages.currentIndex() == WALKTHROUGH
    assert [review.events[i].id for i in page.events.model.rows] == [ids[2]]
    assert walk.current.id == ids[2]
    # the email's counts are the ticks
    item = next(i for i in summary.items if i.key == MONTH)
    other = item.correction(Decision.OTHER_PROVIDER)
    wrong = item.correction(Decision.NOT_GIVEN)
    assert other is not None and (other.count, other.done) == (2, 1)
    assert wrong is not None and (wrong.count, wrong.done) == (1, 1)
    window.show_page(RESULTS)
    body = window.results.body.toPlainText()
    assert body == build_email(summary, window.results.to.text()).body
    assert "1 now marked in our clinical system" in body
    assert "1 not yet marked in our clinical system" in body
    # ticked later, from that list: the email follows
    window.show_page(WALKTHROUGH)
    page.focus_card()
    _key(qtbot, page, Qt.Key.Key_A)
    assert review.decision(ids[2]).action_done and review.action_to_do == 0
    window.show_page(RESULTS)
    assert "not yet marked" not in window.results.body.toPlainText()
    assert "both now marked in our clinical system" in window.results.body.toPlainText()


def test_a_key_where_nothing_is_needed_says_why_and_ticks_nothing(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(WALKTHROUGH)
    page = window.walkthrough
    session = window.session
    bar = window.statusBar()
    first = session.walk.current.id
    page.toggle_action_done()  # before any decision
    assert session.review.decision(first) is None
    assert "Decide first" in bar.currentMessage()
    page.decide(Decision.UNSURE)
    page.step(-1)
    assert session.walk.current.id == first
    session.walk.decide(Decision.PRACTICE, advance=False)
    page.refresh()
    assert page.action_done.text() == "Clinical system updated: not needed"
    assert not page.action_done.isEnabled() and not page.action_done.isChecked()
    page.toggle_action_done()
    assert "needs no change in the clinical system" in bar.currentMessage()
    assert session.review.decision(first).action_done is False
