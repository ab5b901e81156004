"""A review chosen to bring decisions from, or to start this month's review from, that is
open in another window says what to do, as its line on the Files page does (decision 372):
the box said only "open in CQRS Desktop."."""

from __future__ import annotations

from pathlib import Path

from cqrs_desktop.store import ReviewFile
from cqrs_desktop.ui import messages

from . import carry_months as months
from .conftest import earlier_read


def test_choose_a_review_open_elsewhere_says_to_close_it_there(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    busy = months.make_review(tmp_path, "Busy", months.SEPTEMBER[:1], [])
    window.new_review()
    earlier_read(qtbot, window)
    with ReviewFile.open(busy):  # another window has it
        window.sources._earlier_chosen(busy)  # "Choose a review…", the file chosen
        earlier_read(qtbot, window)
        said = messages.last_problem[0].text()
    assert said == (
        "Busy.cqrsreview: open in CQRS Desktop: close it there, then try again to bring its "
        "decisions."
    )
    assert window.sources.earlier.paths() == []


def test_starting_the_month_from_a_review_open_elsewhere_says_to_close_it_there(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    busy = months.make_review(tmp_path, "Busy", months.SEPTEMBER[:1], [])
    with ReviewFile.open(busy):  # opened in another window since the start page offered it
        window.start_month_from(busy)
        earlier_read(qtbot, window)
        said = messages.last_problem[0].text()
    assert said == (
        "Busy.cqrsreview: open in CQRS Desktop: close it there, then try again to bring its "
        "decisions."
    )
    assert window.stack.currentWidget() is window.start
