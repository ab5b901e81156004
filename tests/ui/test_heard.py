"""Check events heard through a screen reader: what the reader gets from each widget's
accessible interface (name, description), as NVDA or Narrator would say it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from cqrs_desktop.ui.review_session import OpenReview
from cqrs_desktop.ui.walkthrough_page import WalkThroughPage

from . import synthetic


def heard(widget: QWidget) -> str:
    """What a screen reader says for `widget`: its accessible name, then its description."""
    face = QAccessible.queryAccessibleInterface(widget)
    assert face is not None
    name = face.text(QAccessible.Text.Name)
    description = face.text(QAccessible.Text.Description)
    return f"{name}. {description}" if description else name


@pytest.fixture
def page(qtbot, tmp_path: Path) -> Iterator[tuple[WalkThroughPage, OpenReview]]:  # type: ignore[no-untyped-def]
    review = synthetic.review(8)
    store = synthetic.review_file(tmp_path, review)
    session = OpenReview(store.path, store, review, "Me")
    shown = WalkThroughPage()
    qtbot.addWidget(shown)
    shown.set_session(session)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown, session
    session.close()


def test_the_cards_values_are_heard_not_only_their_field_names(page) -> None:  # type: ignore[no-untyped-def]
    shown, session = page
    event = session.walk.current
    assert heard(shown.patient.values["Name"]) == f"Name: {event.surname.upper()}, Forename0"
    assert heard(shown.vaccination.values["Vaccination date"]) == "Vaccination date: 02 Sep 2024"
    assert heard(shown.vaccination.values["Source file"]) == "Source file: invented.csv, row 2"
    assert heard(shown.progress_label) == "Progress: 0 of 8 checked · 8 to go"
    assert heard(shown.detail.item_label).startswith(
        "Claim month: Pertussis (pregnant women), September 2024"
    )
    why = heard(shown.reasons.text)  # rich text: its words, not its tags
    assert why.startswith("Reasons and what to check: ") and "<" not in why
    assert "Another dose close to this one" in why


def test_the_patient_card_says_the_event_and_its_decision_and_follows_the_keys(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    shown, session = page
    shown.focus_card()
    card = shown.patient
    first = session.walk.current

    def key(which: Qt.Key, starts: str) -> str:
        qtbot.keyClick(card, which)
        qtbot.waitUntil(lambda: heard(card).startswith(starts))
        return heard(card)

    qtbot.waitUntil(lambda: heard(card).startswith("SURNAME0"))
    said = heard(card)
    # most important first: who, which vaccination, why, what is recorded
    assert said.startswith(f"SURNAME0, Forename0, NHS number {card.nhs.text()}. ")
    assert "Pertussis (pregnant women) vaccination 02 Sep 2024, organisation RQX." in said
    assert "Reasons: Another dose close to this one; Recorded by another organisation" in said
    assert said.index("Reasons:") < said.index("Not decided yet: what does the record show?")
    assert "Date of birth 01 Jan 1990" in said and "Source file invented.csv, row 2." in said
    assert "<" not in said and " · " not in said

    qtbot.keyClick(card, Qt.Key.Key_O)  # given elsewhere: stays, the record to change
    qtbot.waitUntil(lambda: "Recorded: Other provider" in heard(card))
    said = heard(card)
    assert "Recorded: Other provider. Clinical system updated: not ticked." in said
    assert "What to do now: Now mark it as given elsewhere" in said
    # ticked: on to the next patient, heard so
    said = key(Qt.Key.Key_A, "SURNAME1, Forename1, NHS number ")
    assert session.walk.current.id != first.id and "Not decided yet" in said
    said = key(Qt.Key.Key_Left, "SURNAME0, Forename0")  # back: what is recorded there
    assert "Recorded: Other provider, clinical system updated." in said
    assert "not ticked" not in said
    key(Qt.Key.Key_Right, "SURNAME1")
    key(Qt.Key.Key_P, "SURNAME2, Forename2, NHS number ")  # given here moves on


def test_what_a_key_saved_is_said_before_the_next_patient(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    """The status message ("Saved: Given here") is announced as the key's work ends; the
    card's new name, which the reader says as it changes, comes after it, so the saved
    words are not heard as if said of the next patient."""
    from PySide6.QtCore import Qt

    shown, _session = page
    shown.focus_card()
    card = shown.patient
    qtbot.waitUntil(lambda: heard(card).startswith("SURNAME0"))
    qtbot.keyClick(card, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: heard(card).startswith("SURNAME1"))
    at_message: list[tuple[str, str]] = []
    shown.status_message.connect(lambda text: at_message.append((text, heard(card))))
    qtbot.keyClick(card, Qt.Key.Key_P)
    assert [m for m, _ in at_message] == ["Saved: Given here"]
    assert at_message[0][1].startswith("SURNAME1")  # not yet the next one's name
    qtbot.waitUntil(lambda: heard(card).startswith("SURNAME2"))


def test_the_overview_and_results_lines_are_heard_by_their_words(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """A declaration note, the month selected and the notes still to come were heard by
    their names alone ("Declaration note Pertussis ..."), never the words to be signed."""
    from cqrs_desktop.ui.main_window import OVERVIEW, RESULTS
    from cqrs_desktop.ui.widgets import WrappedLabel

    from .conftest import wait_idle

    win = window
    win.open_demo()
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: win.session is not None)
    win.show_page(OVERVIEW)
    wait_idle(qtbot, win)
    overview = win.overview
    overview.view.setCurrentIndex(overview.model.index(0, 0))
    shown = overview.details.text()
    assert shown and heard(overview.details).startswith("The month selected: ")
    win.show_page(RESULTS)
    wait_idle(qtbot, win)
    results = win.results
    qtbot.waitUntil(lambda: results.notes_waiting is not None, timeout=20000)
    waiting = results.notes_waiting  # nothing decided yet: each claim's note is to come
    said = heard(waiting)
    assert said.startswith("Claims with no declaration note yet: ") and "<" not in said
    assert "No note yet" in said
    # a note as the Results page shows it: heard by its heading and its words
    note = WrappedLabel("<b>Pertussis, September 2024</b><br>7 given here.", "Declaration note")
    qtbot.addWidget(note)
    assert heard(note) == "Declaration note: Pertussis, September 2024 7 given here."


def test_the_event_list_says_why_in_words_not_codes(page) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QAccessible

    from cqrs_desktop.ui.event_table import WHY

    shown, _session = page
    view = shown.events.view
    face = QAccessible.queryAccessibleInterface(view)
    said = [face.child(i).text(QAccessible.Text.Name) for i in range(face.childCount())]
    titles = ["Status", "Date", "Programme", "Name", "Reasons", "NHS number"]
    start = said.index("Status")  # (a table's corner button comes first)
    assert said[start : start + 6] == titles
    first = said[start + 7 : start + 13]  # (each row starts with its row header's place)
    assert view.model().index(0, WHY).data() == "DUP ORG"  # as shown: short codes
    assert first[WHY] == "Another dose close to this one; Recorded by another organisation"
    assert first[0] == "To check" and first[3] == "SURNAME0, Forename0"


def test_what_the_files_page_did_not_take_is_heard(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """What a paste of claimed counts or a span of months did not take was heard as
    "About the claimed counts" or "Months covered", never why."""
    from cqrs_desktop.ui.claims_grid import ClaimsGrid
    from cqrs_desktop.ui.file_span import SpanEditor

    grid = ClaimsGrid(rules)
    qtbot.addWidget(grid)
    grid.say("⚠ 1 value not taken: 'seven' is not a number", problem=True)
    assert heard(grid.message) == (
        "About the claimed counts: ⚠ 1 value not taken: 'seven' is not a number"
    )
    span = SpanEditor()
    qtbot.addWidget(span)
    span.show_problem("September 2024 has vaccinations in this file")
    assert heard(span.note) == (
        "Months covered: ⚠ Not changed: September 2024 has vaccinations in this file"
    )
