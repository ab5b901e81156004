"""The event list, by keyboard: a list of events, whatever widget draws it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeView

from cqrs_desktop.ui.review_session import OpenReview
from cqrs_desktop.ui.walkthrough_page import WalkThroughPage

from . import synthetic


@pytest.fixture
def page(qtbot, tmp_path: Path) -> Iterator[WalkThroughPage]:  # type: ignore[no-untyped-def]
    review = synthetic.review(30)
    store = synthetic.review_file(tmp_path, review)
    session = OpenReview(store.path, store, review, "Me")
    shown = WalkThroughPage()
    qtbot.addWidget(shown)
    shown.resize(1300, 700)
    shown.set_session(session)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    session.close()


def test_home_and_end_go_to_the_first_and_last_event(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    """As in any list: End goes to the last event shown and Home to the first (a table's
    own Home and End go along the row, where nothing moves)."""
    view = page.events.view
    view.setFocus()
    last = page.events.model.rowCount() - 1
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.currentIndex().row() == last
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.currentIndex().row() == 0
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 1


def test_the_list_is_not_a_tree_that_lays_out_every_row(page) -> None:  # type: ignore[no-untyped-def]
    """A tree view lays out every row before it paints: opening a review of 200,000 events,
    and every change of filter, kept the window waiting half a second for that alone
    (`benchmarks/bench_responsive.py`). The list is a table of rows of one height."""
    view = page.events.view
    assert not isinstance(view, QTreeView)
    heights = {view.rowHeight(r) for r in range(page.events.model.rowCount())}
    assert len(heights) == 1
    assert view.fontMetrics().height() < heights.pop() < 2 * view.fontMetrics().height()
