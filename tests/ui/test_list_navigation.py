"""The card follows the list: after a find, or from a month chosen in the overview, moving
and deciding stay among the events the list shows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui.main_window import WALKTHROUGH

from .conftest import wait_idle


def _demo_walkthrough(qtbot, window):  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(WALKTHROUGH)
    return window.walkthrough


def given_here(page) -> None:  # type: ignore[no-untyped-def]
    """P, confirmed when the record says otherwise (the page asks once)."""
    page.decide(Decision.PRACTICE)
    if page.confirm_dialog is not None and page.confirm_dialog.isVisible():
        page.confirm_dialog.accept()


def test_after_a_find_deciding_stays_among_the_patients_found(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _demo_walkthrough(qtbot, window)
    session = window.session
    page.find_patient("Evans")
    found = list(page.events.model.rows)
    assert len(found) >= 2
    said: list[str] = []
    page.status_message.connect(said.append)
    for _ in range(len(found) + 1):
        assert session.walk.position in found
        given_here(page)
    assert session.walk.position in found
    assert said[-1] == "Saved: Given here"
    # nothing left in the list: the page says so and offers the rest (Enter)
    assert page.offer.isVisible()
    assert "Every event in this list has a decision" in page.offer.text_shown()
    assert page.offer.go_button.text() == "Show all still to check"
    others = [e for i, e in enumerate(session.review.events) if i not in found]
    assert any(e.needs_review and session.review.decision(e.id) is None for e in others)


def test_a_month_chosen_in_the_overview_narrows_the_list_and_the_keys(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _demo_walkthrough(qtbot, window)
    session = window.session
    window.open_item("pertussis_pregnant", "2024-10")
    rows = list(page.events.model.rows)
    events = session.review.events
    assert rows and all(
        events[i].programme == "pertussis_pregnant" and events[i].month == "2024-10" for i in rows
    )
    for _ in range(len(rows) + 2):
        given_here(page)
        assert session.walk.position in rows


def test_unsure_events_are_not_called_done(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _demo_walkthrough(qtbot, window)
    walk = window.session.walk
    page.decide(Decision.UNSURE)
    while walk.progress().remaining:
        given_here(page)
    page.refresh()
    assert "all done" not in page.progress_label.text()
    assert "unsure ones to settle" in page.progress_label.text()
    banner = page.done_banner.text_shown()
    assert "1 event marked unsure still needs someone to decide" in banner
    assert "has a decision" not in banner and "✔" not in banner
    assert page.done_banner.property("warn") is True  # amber, not the green of done
    qtbot.mouseClick(page.done_banner.go_button, Qt.MouseButton.LeftButton)
    rows = page.events.model.rows
    review = window.session.review
    decided = [review.decision(review.events[i].id) for i in rows]
    assert [d.decision if d else None for d in decided] == [Decision.UNSURE]


def test_the_way_on_waits_while_the_card_asks_for_a_change_and_a(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The last event decided 'not given': the card asks to correct the record, then A.
    The way on (which takes Enter and room) shows only once that is done, or put off with
    → at the end of the list."""
    page = _demo_walkthrough(qtbot, window)
    events = window.session.review.events
    rows = list(page.events.model.rows)
    for i in rows[:-1]:
        page.show_event(events[i].id)
        given_here(page)
    page.show_event(events[rows[-1]].id)
    page.decide(Decision.NOT_GIVEN)
    page.refresh()
    assert window.session.walk.progress().remaining == 0
    assert not page.offer.isVisible()
    page.step(1)  # "Not now? Press → to go on": the end of the list
    assert window.session.walk.current is events[rows[-1]]
    assert page.offer.isVisible()
    # put off only while there: back on it later, the card asks for A again, alone
    page.show_event(events[rows[0]].id)
    page.show_event(events[rows[-1]].id)
    page.refresh()
    assert not page.offer.isVisible()
    page.step(1)
    assert page.offer.isVisible()
    page.toggle_action_done()
    page.refresh()
    assert page.offer.isVisible()
    assert "Every flagged event has a decision" in page.offer.text_shown()


def test_undoing_a_note_shows_the_note_before_in_the_box(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A note typed and saved, then undone: the box shows the note as it was again, so
    moving on does not save the undone words back."""
    page = _demo_walkthrough(qtbot, window)
    event = window.session.walk.current
    before = page.note.toPlainText()
    page.note.setPlainText(before + " rang the midwife")
    page.flush_note()
    assert window.session.review.decision(event.id).note == before + " rang the midwife"
    page.undo()
    assert page.note.toPlainText() == before
    page.step(1)
    record = window.session.review.decision(event.id)
    assert (record.note if record else "") == before
