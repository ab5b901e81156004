"""A claim held back as still being checked is said in the words of `domain/explain.py`,
as every status is (docs/style.md): the Overview short, the report and workbook in full,
each why the same on the screen and the paper."""

from __future__ import annotations

import datetime as dt

import pytest

from cqrs_desktop.domain.coverage import Days
from cqrs_desktop.domain.explain import (
    EARLIER_CHECK_UNSEEN,
    HELD_BACK_WORDS,
    PART_SEARCHED,
    ROWS_NOT_PLACED,
)
from cqrs_desktop.domain.model import ItemStatus
from cqrs_desktop.reports.summary import _status_word
from cqrs_desktop.ui.items_model import held_back_word

PART: Days = ((dt.date(2024, 9, 1), dt.date(2024, 9, 20)),)


@pytest.mark.parametrize(
    ("why", "searched_part", "unplaced", "kept_given_here"),
    [
        (PART_SEARCHED, PART, 0, 0),
        (ROWS_NOT_PLACED, None, 2, 0),
        (EARLIER_CHECK_UNSEEN, None, 0, 1),
    ],
)
def test_held_back_claims_are_said_in_explains_words(
    why: str, searched_part: Days | None, unplaced: int, kept_given_here: int
) -> None:
    short, full = HELD_BACK_WORDS[why]
    assert held_back_word(searched_part, unplaced) == short
    assert _status_word(ItemStatus.AMEND, searched_part, unplaced, kept_given_here) == full
    assert full.startswith("Still being checked")  # the email's group for it


@pytest.mark.parametrize("why", [PART_SEARCHED, ROWS_NOT_PLACED, EARLIER_CHECK_UNSEEN])
def test_the_window_says_why_in_the_papers_words(why: str) -> None:
    """The window said "Part searched" where the paper said "month searched in part", and
    "Earlier check unseen" for "earlier check not in search": a practice reading one beside
    the other met two names for one status. The window's word is the paper's why (decision
    295)."""
    short, full = HELD_BACK_WORDS[why]
    assert full == f"Still being checked ({short.lower()})"
