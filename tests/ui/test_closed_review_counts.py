"""A review closed leaves no claimed counts on the Files page: they are in its file, not
typed for the next review (decision 370)."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop.ui.main_window import SOURCES

from .conftest import wait_idle


def _month_one(qtbot, win, samples: Path) -> None:  # type: ignore[no-untyped-def]
    """A review made from the search and the CQRS figures (claims read from the file)."""
    win.new_review()
    win.sources.add_files([samples / "emis_pertussis_search.csv", samples / "cqrs_figures.csv"])
    wait_idle(qtbot, win)
    win.sources.request_import()
    wait_idle(qtbot, win)
    assert win.session is not None and win.session.review.inputs.claims


def test_a_new_review_after_closing_one_has_no_counts_typed(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path
) -> None:
    """Close last month's review, then start this month's: the Files page showed last
    month's CQRS figures as counts typed, and the status bar said "Kept for this new
    review: the claimed counts typed", which the user never typed."""
    win = window
    _month_one(qtbot, win, samples)
    win.close_review()
    win.new_review()
    wait_idle(qtbot, win)
    assert win.nav.currentRow() == SOURCES
    assert win.sources.typed_claims() == []
    assert "Kept for this new review" not in win.statusBar().currentMessage()
    grid = win.sources.claims.model
    assert all(grid.counts.get((p.id, m)) is None for p in grid.programmes for m in grid.months)


def test_closing_the_window_after_closing_a_review_asks_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, samples: Path
) -> None:
    """The window closed from the start page asked whether to lose "the claimed counts
    typed on the Files page", which were the closed review's, safe in its file."""
    win = window
    _month_one(qtbot, win, samples)
    win.close_review()
    assert win.close()
