import datetime as dt

import pytest

from cqrs_desktop.domain.model import Claim, Decision, DecisionRecord
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.walkthrough import WalkThrough
from tests.factories import NHS, PRACTICE, row


class Sink:
    def __init__(self) -> None:
        self.saved: list[tuple[str, DecisionRecord | None, str]] = []
        self.fail = False

    def save_decision(self, event_id, record, previous, reason) -> None:  # type: ignore[no-untyped-def]
        if self.fail:
            raise OSError("disk full")
        self.saved.append((event_id, record, reason))


@pytest.fixture
def walk(rules):  # type: ignore[no-untyped-def]
    rows = [row(row=i + 2, nhs_number=NHS[i], date=dt.date(2024, 9, 1 + i)) for i in range(3)]
    rows.append(row(row=9, nhs_number=NHS[5], date=dt.date(2024, 11, 20)))  # needs no review
    inputs = ReviewInputs(
        PRACTICE, (), tuple(rows), (), (Claim("pertussis_pregnant", "2024-09", 3),)
    )
    return WalkThrough(
        Review(inputs, rules), Sink(), "J. Reviewer", clock=lambda: "2026-11-26T10:00:00+00:00"
    )


def test_starts_at_first_pending_and_advances(walk: WalkThrough) -> None:
    assert walk.current.row == 2
    assert walk.progress().text() == "0 of 3 checked"
    walk.decide(Decision.PRACTICE)
    assert walk.current.row == 3
    assert walk.progress().text() == "1 of 3 checked"
    record = walk.review.decision(walk.review.events[0].id)
    assert record.reviewer == "J. Reviewer" and record.decided_at.startswith("2026-11-26")


def test_decide_skips_decided_and_wraps(walk: WalkThrough) -> None:
    walk.next()
    walk.decide(Decision.PRACTICE)  # row 3 -> next pending row 4
    assert walk.current.row == 4
    walk.decide(Decision.OTHER_PROVIDER)  # wraps to row 2
    assert walk.current.row == 2
    walk.decide(Decision.UNSURE)
    assert walk.progress().checked == 3 and walk.progress().unsure == 1


def test_undo_restores_and_returns(walk: WalkThrough) -> None:
    first = walk.current.id
    walk.decide(Decision.OTHER_PROVIDER)
    assert walk.undo()
    assert walk.current.id == first
    assert walk.review.decision(first) is None
    assert walk.progress().checked == 0
    assert walk.sink.saved[-1][2] == "undo"  # type: ignore[attr-defined]
    assert not walk.undo()


def test_action_done_and_note(walk: WalkThrough) -> None:
    assert walk.toggle_action_done() is True
    walk.set_note("maternity dose")
    record = walk.current_record
    assert record.action_done and record.note == "maternity dose" and record.decision is None
    assert walk.progress().checked == 0  # a tick alone is not a decision
    walk.decide(Decision.OTHER_PROVIDER)
    kept = walk.review.decision(walk.review.events[0].id)
    assert kept.action_done and kept.note == "maternity dose"
    walk.undo()
    walk.undo()
    assert walk.current_record.action_done and walk.current_record.note == ""


def test_move_without_deciding(walk: WalkThrough) -> None:
    assert not walk.previous()
    assert walk.next() and walk.next()
    assert walk.current.row == 4
    assert not walk.next()  # the event needing no review is not in the walk
    walk.go_to(walk.review.events[3].id)
    assert walk.current.row == 9
    assert walk.previous() and walk.current.row == 4


def test_failed_save_changes_nothing(walk: WalkThrough) -> None:
    walk.sink.fail = True  # type: ignore[attr-defined]
    with pytest.raises(OSError):
        walk.decide(Decision.PRACTICE)
    assert walk.current_record is None
    assert walk.progress().checked == 0
    assert not walk.can_undo


def test_find_by_nhs_number_or_name(walk: WalkThrough) -> None:
    assert walk.find("999 683 4440") == []
    assert walk.find("999 631 7064") == [walk.review.events[0].id]
    assert len(walk.find("jones")) == 4
    assert walk.find("") == []


def test_checking_an_item_starts_at_its_first_event_still_to_decide(walk: WalkThrough) -> None:
    september = [e.id for e in walk.review.events if e.month == "2024-09"]
    assert walk.first_of_item("pertussis_pregnant", "2024-09") == september[0]
    walk.decide(Decision.PRACTICE)  # the first September event
    assert walk.first_of_item("pertussis_pregnant", "2024-09") == september[1]
    for _ in september[1:]:
        walk.decide(Decision.PRACTICE)
    # all decided: back to its first flagged event
    assert walk.first_of_item("pertussis_pregnant", "2024-09") == september[0]
    # an item with nothing to check starts at its first event; an unknown one has none
    november = next(e for e in walk.review.events if e.month == "2024-11")
    assert not november.needs_review
    assert walk.first_of_item("pertussis_pregnant", "2024-11") == november.id
    assert walk.first_of_item("hpv", "2024-09") is None


def test_moving_and_deciding_stay_among_the_events_the_list_shows(walk: WalkThrough) -> None:
    events = walk.review.events
    september = [i for i, e in enumerate(events) if e.month == "2024-09"]
    chosen = [september[0], september[2]]  # a search that found two of the three
    walk.go_to_index(chosen[0])
    assert walk.next(within=chosen) and walk.position == chosen[1]  # skips september[1]
    assert not walk.next(within=chosen)  # the end of the list: no wrap
    assert walk.previous(within=chosen) and walk.position == chosen[0]
    walk.decide(Decision.PRACTICE, within=chosen)
    assert walk.position == chosen[1]
    walk.decide(Decision.OTHER_PROVIDER, within=chosen)
    assert walk.position == chosen[1]  # nothing left in the list: it stays put
    assert walk.review.decision(events[september[1]].id) is None  # never jumped to it
    # without a list, the usual queue: on to the one still pending
    walk.go_to_index(chosen[0])
    walk.decide(Decision.PRACTICE)
    assert walk.position == september[1]
