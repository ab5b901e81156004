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


def test_applying_many_at_once_is_applying_one_by_one(rules) -> None:  # type: ignore[no-untyped-def]
    """Carrying applies hundreds of thousands of records in bulk: the items, the running
    sets and the decisions come out as if each were applied in turn (the last record for
    an event counts)."""
    rows = [
        row(row=i + 2, nhs_number=NHS[i % len(NHS)], surname=f"Surname{i}",
            programme="rsv_pregnant" if i % 3 else "pertussis_pregnant",
            code="1303503001" if i % 3 else "956951000000104", date=dt.date(2024, 9, 1 + i))
        for i in range(25)
    ]  # fmt: skip
    claims = (Claim("pertussis_pregnant", "2024-09", 5), Claim("rsv_pregnant", "2024-09", 20))
    chooser = random.Random(15)
    for _ in range(20):
        one_by_one = Review(ReviewInputs(PRACTICE, (), tuple(rows), (), claims), rules)
        at_once = Review(ReviewInputs(PRACTICE, (), tuple(rows), (), claims), rules)
        for review in (one_by_one, at_once):  # some decided already
            for event in one_by_one.events[:5]:
                review.apply(event.id, DecisionRecord(event.id, Decision.OTHER_PROVIDER))
        records = []
        for _ in range(40):
            event = chooser.choice(one_by_one.events)
            done = chooser.random() < 0.5
            records.append(
                DecisionRecord(
                    event.id,
                    chooser.choice([None, *Decision]),
                    action_done=done,
                    carried_from=chooser.choice([None, "A.cqrsreview"]),
                    action_evidence=chooser.choice([None, "export"]) if done else None,
                    export_check=chooser.choice([None, "corrected", "not_corrected"]),
                )
            )
        for record in records:
            one_by_one.apply(record.event_id, record)
        at_once.apply_many(records)
        assert at_once.decisions == one_by_one.decisions
        assert at_once.items() == one_by_one.items()
        assert at_once.action_to_do_ids() == one_by_one.action_to_do_ids()
        assert at_once.seen_corrected_ids() == one_by_one.seen_corrected_ids()
        assert at_once.not_yet_corrected_ids() == one_by_one.not_yet_corrected_ids()
        assert at_once.carried_ids() == one_by_one.carried_ids()
