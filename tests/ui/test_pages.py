"""Pages on their own: the event list, the claims grid, background errors, reopening."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui import messages
from cqrs_desktop.ui.claims_grid import ClaimsGridModel
from cqrs_desktop.ui.event_list import EventListPanel
from cqrs_desktop.ui.main_window import WALKTHROUGH

from . import synthetic
from .conftest import wait_idle


def test_event_list_filters_and_status_words(qtbot) -> None:  # type: ignore[no-untyped-def]
    review = synthetic.review(20)
    panel = EventListPanel()
    qtbot.addWidget(panel)
    panel.set_review(review)
    needing = [i for i, e in enumerate(review.events) if e.needs_review]
    assert panel.model.rows == needing
    first = review.events[needing[0]]
    review.apply(first.id, synthetic_record(first.id, Decision.OTHER_PROVIDER))
    panel.model.event_changed(first.id)
    assert panel.model.index(0, 0).data() == "Other provider"
    panel.status_box.setCurrentIndex(1)  # still to check
    assert needing[0] not in panel.model.rows
    panel.status_box.setCurrentIndex(2)  # checked
    assert panel.model.rows == [needing[0]]
    panel.status_box.setCurrentIndex(4)
    panel.flag_box.setCurrentIndex(panel.flag_box.findData("other_organisation"))
    assert all("other_organisation" in review.events[i].flags for i in panel.model.rows)
    assert panel.model.rows
    panel.show_found([review.events[3].id])
    assert panel.model.rows == [3] or panel.model.rows == []


def synthetic_record(event_id: str, decision: Decision):  # type: ignore[no-untyped-def]
    from cqrs_desktop.domain.model import DecisionRecord

    return DecisionRecord(event_id, decision)


def test_claims_grid_accepts_a_paste_from_excel() -> None:
    review = synthetic.review(3)
    model = ClaimsGridModel(review.rules)
    model.set_claims([], {"2024-09", "2024-10"})
    edited: list[bool] = []
    model.edited.connect(lambda: edited.append(True))
    start = model.months.index("2024-09")
    assert model.paste(0, start, "7\t3\r\n4\t\r\n") == 3
    claims = {(c.programme, c.month): c.count for c in model.claims()}
    ids = [p.id for p in model.programmes]
    assert claims == {(ids[0], "2024-09"): 7, (ids[0], "2024-10"): 3, (ids[1], "2024-09"): 4}
    assert edited
    assert not model.setData(model.index(0, start), "seven")


def test_a_bad_file_is_reported_in_plain_words(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.csv"
    bad.write_text("hello\nthis is not an export\n", encoding="utf-8")
    window.new_review()
    window.sources.add_files([bad])
    wait_idle(qtbot, window)
    entry = window.sources.model.entries[-1]
    assert entry.kind == "unknown" and entry.problems
    assert "notes.csv" in entry.problems[0]
    assert not window.sources.import_button.isEnabled()


def test_an_unopenable_review_says_why(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "broken.cqrsreview"
    fake.write_text("not a database", encoding="utf-8")
    window.open_review(fake)
    wait_idle(qtbot, window)
    box = messages.last_problem[0]
    assert "broken.cqrsreview" in box.text()
    assert "Traceback" not in box.text()
    assert window.session is None


def test_reopening_with_pending_events_lands_on_the_walk_through(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    assert window.session is not None
    path = window.session.path
    first = window.session.walk.current.id
    window.walkthrough.decide(Decision.PRACTICE)
    window.close_review()
    assert window.stack.currentIndex() == 0
    window.open_review(path)
    wait_idle(qtbot, window)
    assert window.pages.currentIndex() == WALKTHROUGH
    assert window.session.review.decision(first).decision is Decision.PRACTICE
    assert window.session.walk.current.id != first
    window.activateWindow()  # as the system does for the window in front (not offscreen)
    qtbot.waitUntil(window.walkthrough.patient.hasFocus)
    assert str(path) == window.settings.recent_reviews[0]


def test_save_as_copies_the_review(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    target = tmp_path / "copy.cqrsreview"
    window.save_copy(target)
    assert target.is_file() and target.stat().st_size > 0


def test_tab_leaves_the_claims_grid_from_its_last_cell(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

    from cqrs_desktop.ui.claims_grid import ClaimsGrid

    review = synthetic.review(3)
    holder = QWidget()
    qtbot.addWidget(holder)
    grid = ClaimsGrid(review.rules)
    after = QLineEdit()
    layout = QVBoxLayout(holder)
    layout.addWidget(grid)
    layout.addWidget(after)
    grid.model.set_claims([], {"2024-09", "2024-10"})
    holder.show()
    holder.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is holder)
    view, model = grid.view, grid.model
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert view.hasFocus() and view.currentIndex() == model.index(0, 1)  # cell by cell
    view.setCurrentIndex(model.index(model.rowCount() - 1, model.columnCount() - 1))
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert not view.hasFocus()  # out of the grid, on towards the buttons


def test_results_columns_explain_themselves() -> None:
    from PySide6.QtCore import Qt

    from cqrs_desktop.domain.model import Claim
    from cqrs_desktop.ui.items_model import TO_CLAIM, VALUE, ItemsTableModel

    review = synthetic.review(3, claims=(Claim("pertussis_pregnant", "2024-09", 9),))
    model = ItemsTableModel()
    model.set_review(review)
    tip = model.headerData(VALUE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "claimed too much" in tip
    assert "count the practice should claim" in model.headerData(
        TO_CLAIM, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )


def test_results_say_the_value_difference_and_the_count_to_claim_in_words() -> None:
    """'Corrected' read like a count of corrections, and '£20.12' had no sign."""
    from cqrs_desktop.domain.explain import value_difference_words
    from cqrs_desktop.domain.model import Claim, Decision, DecisionRecord
    from cqrs_desktop.ui.items_model import STATUS, TO_CLAIM, VALUE, ItemsTableModel

    assert value_difference_words(20.12) == "£20.12 over-claimed"
    assert value_difference_words(-10.06) == "£10.06 under-claimed"
    assert value_difference_words(0.0) == "£0.00"
    assert value_difference_words(None) == ""
    review = synthetic.review(3, claims=(Claim("pertussis_pregnant", "2024-09", 5),))
    for event in review.events:
        review.apply(event.id, DecisionRecord(event.id, Decision.PRACTICE))
    model = ItemsTableModel()
    model.set_review(review)
    assert model.COLUMNS[TO_CLAIM].replace("\n", " ") == "Count to claim"
    item = next(i for i in model.items if i.month == "2024-09")
    assert model.text(item, TO_CLAIM) == "3"
    assert model.text(item, STATUS) == "Amend"
    assert model.text(item, VALUE) == "£20.12 over-claimed"


def test_clearing_a_find_puts_back_the_filter_it_set_aside(qtbot) -> None:  # type: ignore[no-untyped-def]
    """A find looks at every event ("All events"); cleared, the list is back to what it
    was narrowed to before ("All needing a check"), not left on every event."""
    review = synthetic.review(20)
    panel = EventListPanel()
    qtbot.addWidget(panel)
    panel.set_review(review)
    before = panel.status_box.currentText()
    needing = list(panel.model.rows)
    qtbot.keyClicks(panel.find_box, "x")
    panel.show_found([review.events[3].id])
    assert panel.status_box.currentText().startswith("All events")
    panel.find_box.clear()
    assert panel.status_box.currentText() == before
    assert panel.model.rows == needing
