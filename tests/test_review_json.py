"""review.json written as a stream says exactly what the whole document says."""

from __future__ import annotations

import datetime as dt
import io
import json

from cqrs_desktop.domain.model import Claim, Decision, DecisionRecord, UnassignedRow
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.reports.review_json import review_document, write_review_json
from tests.factories import NHS, PRACTICE, row


def test_stream_equals_document(rules) -> None:  # type: ignore[no-untyped-def]
    rows = tuple(row(row=i + 2, nhs_number=NHS[i], date=dt.date(2024, 9, i + 1)) for i in range(4))
    inputs = ReviewInputs(
        PRACTICE,
        (),
        rows,
        (UnassignedRow("s.csv", 9, "no date"),),
        (Claim("pertussis_pregnant", "2024-09", 4),),
    )
    review = Review(inputs, rules)
    first = review.events[0].id
    review.apply(first, DecisionRecord(first, Decision.PRACTICE, note="Ünïcode note"))
    when = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.UTC)
    stream = io.StringIO()
    write_review_json(review, stream, when)
    assert json.loads(stream.getvalue()) == review_document(review, when)
    assert stream.getvalue().count("\n") > len(review.events)  # one event a line


def test_empty_review_is_valid_json(rules) -> None:  # type: ignore[no-untyped-def]
    review = Review(ReviewInputs(PRACTICE, (), (), (), ()), rules)
    stream = io.StringIO()
    write_review_json(review, stream)
    document = json.loads(stream.getvalue())
    assert (
        document["items"] == [] and document["events"] == [] and document["unassigned_rows"] == []
    )
