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


def test_the_carried_tallies_match_the_summary(rules) -> None:  # type: ignore[no-untyped-def]
    """'Seen corrected in the latest search', 'not yet corrected' and 'carried': the
    review's running numbers are the report's (and the email's), after any change."""
    rows = [
        row(row=i + 2, nhs_number=NHS[i % len(NHS)], surname=f"Surname{i}",
            date=dt.date(2024, 9, 1 + i))
        for i in range(25)
    ]  # fmt: skip
    review = Review(ReviewInputs(PRACTICE, (), tuple(rows), (), ()), rules)
    chooser = random.Random(14)
    for _ in range(300):
        event = chooser.choice(review.events)
        done = chooser.random() < 0.5
        record = DecisionRecord(
            event.id,
            chooser.choice([None, *Decision]),
            action_done=done,
            carried_from=chooser.choice([None, "A.cqrsreview"]),
            action_evidence=chooser.choice([None, "reviewer", "export"]) if done else None,
            export_check=chooser.choice([None, "corrected", "not_corrected"]),
            evidence="seen in a.csv, row 2",
        )
        review.apply(event.id, chooser.choice([record, record, None]))
        summary = build_summary(review)
        assert review.seen_corrected == summary.seen_corrected
        assert review.not_yet_corrected == summary.not_yet_corrected
        assert review.carried == summary.carried
        assert review.not_yet_corrected_ids() == {
            e.id for e in summary.events if e.export_check == "not_corrected" and not e.action_done
        }
    again = Review(review.inputs, rules, review.decisions.values())
    assert (again.seen_corrected, again.not_yet_corrected, again.carried) == (
        review.seen_corrected, review.not_yet_corrected, review.carried
    )  # fmt: skip
