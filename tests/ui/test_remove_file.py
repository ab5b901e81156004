"""Remove on the Files page, in the window: the status bar says what became of the file's
decisions, Check events leaves no removed patient's card behind, and the same file added
back brings its decisions and its "clinical system updated" ticks (decision 109). Invented
people, NHS numbers in the 999 range."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui.main_window import WALKTHROUGH
from cqrs_desktop.ui.walkthrough_page import NO_EVENTS

from . import carry_months as months
from .conftest import wait_idle


def _add_and_import(qtbot, window, search: Path) -> None:  # type: ignore[no-untyped-def]
    window.sources.add_files([search])
    wait_idle(qtbot, window)
    qtbot.mouseClick(window.sources.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and not window.ops.busy, timeout=20000)
    wait_idle(qtbot, window)


def test_a_search_removed_and_added_back(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    search = tmp_path / "september.csv"
    search.write_text(months.search_text(months.SEPTEMBER), encoding="utf-8")
    window.new_review()
    _add_and_import(qtbot, window, search)
    session = window.session
    ids = [e.id for e in session.review.events][:2]
    for event_id in ids:  # given elsewhere, and marked so in the clinical system
        session.session.walk.go_to(event_id)
        session.decide(Decision.OTHER_PROVIDER)
        session.toggle_action_done()
    assert all(session.review.action_done(i) for i in ids)
    others = [e.id for e in session.review.events][2:4]
    session.session.walk.go_to(others[0])
    session.decide(Decision.UNSURE, note="ask the midwife")
    session.session.walk.go_to(others[1])
    session.set_note("letter on file?")  # a note, no decision

    page = window.sources
    page.view.selectRow(next(i for i, e in enumerate(page.model.entries) if e.name == search.name))
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "Removed september.csv from the review: its 2 decisions are kept and come back if "
        "you add it again; 1 marked unsure and 1 note on events not decided are not kept"
    )
    # nothing selected after: a double-click on Remove takes no second file
    assert not page.remove_button.isEnabled()
    window.show_page(WALKTHROUGH)
    walk = window.walkthrough
    assert walk.detail.showing_empty and walk.empty.offer.text.text() == NO_EVENTS
    assert walk.detail.progress_label.text() == "No events in this review"

    _add_and_import(qtbot, window, search)
    review = window.session.review
    by_nhs = {e.nhs_number: e.id for e in review.events}
    for nhs, _date in months.SEPTEMBER[:2]:
        record = review.decision(by_nhs[nhs])
        assert record is not None and record.decision is Decision.OTHER_PROVIDER
        assert review.action_done(by_nhs[nhs]) and record.export_check is None
