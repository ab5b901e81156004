"""A review closed or replaced is freed at once, not kept by the pages that showed it.

The Overview and Results pages rebuild only when shown; hidden, they held the review they
last showed until then, so a large review closed (or replaced by a change of files or
claims) stayed in memory beside the next one (decision 376). Python's cycle collector is
off while the window is up (decision 350): what is freed here is freed by its last
reference going, as it should be. Demo data: invented people."""

from __future__ import annotations

import weakref

from cqrs_desktop.ui.main_window import OVERVIEW, RESULTS, WALKTHROUGH

from .conftest import wait_idle


def _shown_everywhere(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    for page in (OVERVIEW, RESULTS, WALKTHROUGH):  # Check events last: the others hidden
        window.show_page(page)
        wait_idle(qtbot, window)


def test_a_closed_review_is_let_go_of_by_the_hidden_pages(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    _shown_everywhere(qtbot, window)
    assert window.overview.model.rowCount() > 0 and window.results.summary is not None
    review = weakref.ref(window.session.review)
    window.close_review()
    qtbot.wait(50)
    assert review() is None
    assert window.overview.model.rowCount() == 0 and window.results.summary is None


def test_a_review_replaced_by_a_change_is_let_go_of(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(OVERVIEW)
    wait_idle(qtbot, window)
    window.overview.view.selectRow(2)
    _shown_everywhere(qtbot, window)
    before = weakref.ref(window.session.review)
    claims = list(window.session.review.inputs.claims)
    window.set_claims(claims[:-1])  # a claim removed: a new review of the same files
    wait_idle(qtbot, window)
    assert window.session.review is not before()
    assert before() is None
    # shown again, the Overview is of the new review, on the row it was on
    window.show_page(OVERVIEW)
    wait_idle(qtbot, window)
    assert window.overview.model.review is window.session.review
    assert window.overview.view.currentIndex().row() == 2
