"""The Overview's line for a month the search says it searched only in part (decision
137): said where the practice manager looks before the email is sent."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt

from cqrs_desktop.domain.model import Claim, SourceSummary
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.ui.items_model import ItemsTableModel
from tests.factories import NHS, PRACTICE, row


def _review(rules, searched_from: str | None) -> Review:  # type: ignore[no-untyped-def]
    rows = tuple(row(row=2 + i, nhs_number=NHS[i], date=dt.date(2024, 9, 16 + i)) for i in range(2))
    source = SourceSummary("search.csv", "b" * 64, 2, 2, 0, 0, searched_from=searched_from)
    claims = (Claim("pertussis_pregnant", "2024-09", 6),)
    return Review(ReviewInputs(PRACTICE, (source,), rows, (), claims), rules)


def test_the_month_s_line_says_which_days_were_searched(qapp, rules) -> None:  # type: ignore[no-untyped-def]
    model = ItemsTableModel()
    model.set_review(_review(rules, "2024-09-15"))
    (item,) = model.items
    assert (
        "The search covered only 15/09/2024 to 30/09/2024 of this month, as its file states"
        in model.details(item)
    )
    model.set_review(_review(rules, None))
    assert "covered only" not in model.details(model.items[0])


def test_a_claim_to_amend_by_a_search_of_part_of_its_month_is_not_shown_as_to_amend(
    qapp, rules
) -> None:  # type: ignore[no-untyped-def]
    """Every vaccination decided, the claim of 6 against the 2 found in the days searched is
    `amend` by SPEC 5, but the email does not ask to amend it (decision 163): the window
    says so, not "Amend the claim from 6 to 2"."""
    from cqrs_desktop.domain.model import Decision, DecisionRecord

    review = _review(rules, "2024-09-15")
    for event in review.events:
        review.apply(event.id, DecisionRecord(event.id, Decision.PRACTICE, reviewer="A. Reviewer"))
    model = ItemsTableModel()
    model.set_review(review)
    (item,) = model.items
    said = model.details(item)
    assert "Amend the claim" not in said
    assert (
        "the email says the claim is not yet confirmed or amended, and no note is written" in said
    )
    assert "15/09/2024 to 30/09/2024" in said
    assert "On what the search holds, the value difference would be" in said


def test_a_claim_to_amend_whose_rows_may_not_all_be_placed_is_not_shown_as_to_amend(
    qapp, rules
) -> None:  # type: ignore[no-untyped-def]
    """A row of the search that may be a dose of the claim could not be placed: the email
    does not ask to amend the claim (decision 164), and the window says so."""
    from cqrs_desktop.domain.model import Decision, DecisionRecord, UnassignedRow

    whole = _review(rules, None)
    odd = UnassignedRow("search.csv", 9, "the vaccination date 'yesterday' is not a date")
    inputs = dataclasses.replace(whole.inputs, unassigned=(odd,))
    review = Review(inputs, rules)
    for event in review.events:
        review.apply(event.id, DecisionRecord(event.id, Decision.PRACTICE, reviewer="A. Reviewer"))
    model = ItemsTableModel()
    model.set_review(review)
    (item,) = model.items
    said = model.details(item)
    assert "Amend the claim" not in said
    assert "1 row of the search that may be of this month could not be placed (see Files)" in said
    assert "the email says the claim is not yet confirmed or amended" in said


def test_the_table_and_summary_do_not_call_a_held_back_claim_to_amend(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """The table's status and value columns and the Overview's summary agree with the email
    (decision 193): a claim held back as still being checked is not "Amend", and the value
    difference of the days searched is not shown as the claim's."""
    from cqrs_desktop.domain.model import Decision, DecisionRecord
    from cqrs_desktop.ui.items_model import STATUS, VALUE
    from cqrs_desktop.ui.overview_page import OverviewPage

    review = _review(rules, "2024-09-15")
    for event in review.events:
        review.apply(event.id, DecisionRecord(event.id, Decision.PRACTICE, reviewer="A. Reviewer"))
    model = ItemsTableModel()
    model.set_review(review)
    (item,) = model.items
    assert model.text(item, STATUS) == "Month searched in part"
    assert model.text(item, VALUE) == "–"
    tip = model.data(model.index(0, STATUS), Qt.ItemDataRole.ToolTipRole)
    assert "Not yet confirmed or amended" in tip and "from 6 to 2" in tip

    page = OverviewPage()
    qtbot.addWidget(page)
    page.session = _Session(review)  # type: ignore[assignment]
    page.rebuild()
    said = page.summary.text()
    assert "to amend" not in said.replace("not yet to amend", "")
    assert "1 still being checked" in said

    model.set_review(_review(rules, None))  # searched whole: amend as ever
    review = model.review
    assert review is not None
    for event in review.events:
        review.apply(event.id, DecisionRecord(event.id, Decision.PRACTICE, reviewer="A. Reviewer"))
    model.set_review(review)
    assert model.text(model.items[0], STATUS) == "Amend"
    assert model.text(model.items[0], VALUE) != "–"


class _Session:
    """What the Overview reads of an open review (its review and walk-through)."""

    def __init__(self, review: Review) -> None:
        from cqrs_desktop.domain.walkthrough import WalkThrough

        self.review = review
        self.walk = WalkThrough(review, sink=None)  # type: ignore[arg-type]  # (only read)
