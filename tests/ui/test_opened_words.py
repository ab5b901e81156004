"""What the status bar says as a review opens (`backend.opened_words`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cqrs_desktop.domain.model import SourceSummary
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.ui.backend import Opened, opened_words
from tests.factories import PRACTICE


def _opened(rules: Any, warnings: tuple[str, ...], **said: Any) -> Opened:
    source = SourceSummary("s.csv", "0" * 64, 10, 8, 0, 2, warnings)
    review = Review(ReviewInputs(PRACTICE, (source,), (), (), ()), rules)
    return Opened(Path("F99001 review.cqrsreview"), None, review, **said)  # type: ignore[arg-type]


def test_what_was_carried_comes_first_and_every_warning_is_counted(rules) -> None:  # type: ignore[no-untyped-def]
    carried = "6 decisions carried from earlier reviews; 2 seen corrected in the export"
    opened = _opened(rules, ("one", "two"), notices=("one",), carried=carried)
    assert opened_words(opened) == (
        "6 decisions carried from earlier reviews: see the Overview, and Files for 2 notices "
        "about the files",
        15000,
    )
    shows = _opened(rules, (), carried=carried)
    assert opened_words(shows) == (
        "6 decisions carried from earlier reviews (what the latest search shows: see the Overview)",
        15000,
    )
    alone = _opened(rules, (), carried="1 decision carried from earlier reviews")
    assert opened_words(alone) == ("1 decision carried from earlier reviews", 15000)


def test_without_a_carry_the_first_notice_is_said_with_how_many_more(rules) -> None:  # type: ignore[no-untyped-def]
    opened = _opened(rules, ("first", "second", "third"), notices=("first",))
    assert opened_words(opened) == ("first (and 2 more: see Files)", 10000)
    assert opened_words(_opened(rules, ())) is None  # nothing to say: the bar stays clear


def test_what_was_not_carried_points_to_the_overview_and_files_in_a_line(rules) -> None:  # type: ignore[no-untyped-def]
    """Short enough for one line of a laptop's status bar at 125% (decision 561)."""
    carried = "4 decisions carried from earlier reviews; 1 kept for later reviews"
    beyond = _opened(rules, ("one",), carried=carried, carried_beyond_overview=True)
    assert opened_words(beyond) == (
        "4 decisions carried from earlier reviews, and what was not: see the Overview and "
        "Files (1 notice about the files)",
        15000,
    )
    alone = _opened(rules, (), carried=carried, carried_beyond_overview=True)
    assert opened_words(alone) == (
        "4 decisions carried from earlier reviews, and what was not: see the Overview and Files",
        15000,
    )
    notices = _opened(rules, ("one", "two"), carried="1 decision carried from earlier reviews")
    assert opened_words(notices) == (
        "1 decision carried from earlier reviews (and 2 notices about the files: see Files)",
        15000,
    )
