"""'Clinical system not yet updated': one number, whoever asks (list, overview, email)."""

from __future__ import annotations

import datetime as dt
import random

from cqrs_desktop.domain.model import Claim, Decision, DecisionRecord
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.reports.summary import build_summary
from tests.factories import NHS, PRACTICE, row


def test_the_running_tally_matches_the_summary(rules) -> None:  # type: ignore[no-untyped-def]
    rows = []
    for i in range(40):
        programme, code = (
            ("rsv_pregnant", "1303503001") if i % 2 else ("pertussis_pregnant", "956951000000104")
        )
        rows.append(
            row(
                row=i + 2,
                programme=programme,
                code=code,
                nhs_number=NHS[i % len(NHS)],
                surname=f"Surname{i}",
                date=dt.date(2024, 9 + i % 3, 1 + i % 27),
            )
        )
    claims = (Claim("pertussis_pregnant", "2024-09", 9), Claim("rsv_pregnant", "2024-10", 3))
    review = Review(ReviewInputs(PRACTICE, (), tuple(rows), (), claims), rules)
    chooser = random.Random(12)
    for _ in range(300):
        event = chooser.choice(review.events)
        decision = chooser.choice([None, *Decision])
        record = DecisionRecord(event.id, decision, action_done=chooser.random() < 0.5)
        review.apply(event.id, chooser.choice([record, None]))
        summary = build_summary(review)
        assert review.action_to_do == summary.action_to_do
        assert review.action_to_do_ids() == {
            e.id for e in summary.events if e.action_needed and not e.action_done
        }
    assert Review(review.inputs, rules, review.decisions.values()).action_to_do == (
        review.action_to_do
    )
