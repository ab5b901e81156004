import dataclasses
import datetime as dt

import pytest

from cqrs_desktop.domain.model import Claim, Decision, DecisionRecord
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.walkthrough import ActionState, WalkThrough
from tests.factories import NHS, PRACTICE, row


class Sink:
    def __init__(self) -> None:
        self.saved: list[tuple[str, DecisionRecord | None, str]] = []
        self.by: list[tuple[str, DecisionRecord | None, str | None]] = []
        self.fail = False

    def save_decision(self, event_id, record, previous, reason, who=None) -> None:  # type: ignore[no-untyped-def]
        if self.fail:
            raise OSError("disk full")
        self.saved.append((event_id, record, reason))
        self.by.append((event_id, record, who))

    def note_left_by(self, event_id: str, who: str) -> str | None:
        """As the review file answers it from its audit log."""
        left = [r for e, r, w in self.by if e == event_id and w == who]
        return left[-1].note if left and left[-1] is not None else None


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
    walk.decide(Decision.UNSURE)  # wraps to row 2
    assert walk.current.row == 2
    walk.decide(Decision.PRACTICE)
    assert walk.progress().checked == 3 and walk.progress().unsure == 1
    assert walk.progress().text() == "2 of 3 checked, 1 unsure"  # unsure: seen, not checked


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
    # nothing to tick before a decision: "clinical system updated" follows from one
    assert walk.action_state() is ActionState.UNDECIDED
    assert walk.toggle_action_done() is None
    assert walk.current_record is None
    walk.set_note("maternity dose")
    assert walk.progress().checked == 0  # a note alone is not a decision
    first = walk.current.id
    assert walk.decide(Decision.OTHER_PROVIDER) is False  # stays for the change and the tick
    assert walk.current.id == first and walk.action_state() is ActionState.TO_DO
    assert walk.toggle_action_done() is True
    kept = walk.review.decision(first)
    assert kept.action_done and kept.note == "maternity dose"
    assert walk.action_state() is ActionState.DONE
    walk.undo()
    walk.undo()
    assert walk.current_record.decision is None and walk.current_record.note == "maternity dose"
    walk.undo()
    assert walk.current_record is None


def test_the_checklist_order_ticks_the_right_patient(walk: WalkThrough) -> None:
    """Decide (O), make the change, tick (A): the tick lands on the patient decided, and
    the tick moves on as a decision would."""
    first, second = walk.review.events[0].id, walk.review.events[1].id
    walk.decide(Decision.OTHER_PROVIDER)
    assert walk.current.id == first
    assert walk.review.action_to_do == 1 and walk.review.is_action_to_do(first)
    assert walk.toggle_action_done(advance=True) is True
    assert walk.review.decision(first).action_done
    assert walk.review.decision(second) is None  # the next patient was never ticked
    assert walk.current.id == second
    assert walk.review.action_to_do == 0


def test_later_leaves_it_on_the_to_update_list(walk: WalkThrough) -> None:
    first = walk.current.id
    walk.decide(Decision.NOT_GIVEN)  # recorded in error: needs a correction
    assert walk.current.id == first
    assert walk.next()  # "later"
    assert walk.review.action_to_do_ids() == {first}
    walk.decide(Decision.PRACTICE)  # nothing needed: moves on at once
    assert walk.current.id != walk.review.events[1].id


def test_a_decision_needing_nothing_has_no_tick(walk: WalkThrough) -> None:
    first = walk.current.id
    walk.decide(Decision.OTHER_PROVIDER)
    walk.toggle_action_done()
    assert walk.review.decision(first).action_done
    walk.decide(Decision.PRACTICE, advance=False)  # changed mind: given here after all
    assert walk.review.decision(first).action_done is False
    assert walk.action_state() is ActionState.NOT_NEEDED
    assert walk.toggle_action_done() is None  # A does nothing, and says why (the page)
    assert walk.review.decision(first).action_done is False
    walk.decide(Decision.OTHER_PROVIDER, advance=False)  # a new decision: a new tick
    assert walk.action_state() is ActionState.TO_DO
    walk.toggle_action_done()
    walk.decide(Decision.NOT_GIVEN, advance=False)  # another change: another tick
    assert walk.action_state() is ActionState.TO_DO


def test_an_older_adult_rsv_dose_needs_nothing(rules) -> None:  # type: ignore[no-untyped-def]
    rsv = row(programme="rsv_pregnant", code="1303503001", date=dt.date(2024, 9, 4))
    inputs = ReviewInputs(PRACTICE, (), (rsv,), (), (Claim("rsv_pregnant", "2024-09", 1),))
    walk = WalkThrough(Review(inputs, rules), Sink())
    assert walk.needed_action(Decision.NOT_ELIGIBLE) is None
    assert walk.needed_action(Decision.NOT_GIVEN) is not None
    walk.decide(Decision.NOT_ELIGIBLE)
    assert walk.action_state() is ActionState.NOT_NEEDED
    assert walk.review.action_to_do == 0


def test_given_here_on_strong_evidence_against_is_confirmed(walk: WalkThrough) -> None:
    review = walk.review
    clean = review.events[0]
    assert walk.needs_confirmation(Decision.PRACTICE) == ()
    assert walk.needs_confirmation(Decision.OTHER_PROVIDER) == ()
    flagged = dataclasses.replace(clean, flags=("non_gms", "other_organisation"))
    assert walk.evidence_against_practice(flagged) == ("non_gms", "other_organisation")
    note = walk.suggested_note(("non_gms", "other_organisation"))
    assert "marked as not GMS" in note and "recorded by another organisation" in note


def test_the_next_month_needing_checks(walk: WalkThrough) -> None:
    september = ("pertussis_pregnant", "2024-09")
    assert walk.next_item_to_check() == september
    assert walk.next_item_to_check(september) is None  # November needs no check
    for _ in range(3):
        walk.decide(Decision.PRACTICE)
    assert walk.next_item_to_check() is None


def test_guidance_follows_the_system_the_file_came_from(rules) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop.domain.model import SourceSummary

    sources = (
        SourceSummary(
            "S1 export.csv", "0", 1, 1, 0, 0, mapping=(("Event done at", "organisation"),)
        ),
        SourceSummary("search.csv", "0", 1, 1, 0, 0),
    )
    rows = (row(source="S1 export.csv"), row(source="search.csv", row=3, nhs_number=NHS[1]))
    walk = WalkThrough(Review(ReviewInputs(PRACTICE, sources, rows, (), ()), rules), Sink())
    s1, plain = walk.review.events
    assert walk.clinical_system(s1, "emis") == "systmone"
    assert walk.clinical_system(plain, "emis") == "emis"
    assert walk.clinical_system(plain, None) is None


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


def test_given_here_asks_once_on_an_event_marked_not_gms(rules) -> None:  # type: ignore[no-untyped-def]
    rows = (row(non_gms=True), row(row=3, nhs_number=NHS[1], date=dt.date(2024, 11, 6)))
    walk = WalkThrough(Review(ReviewInputs(PRACTICE, (), rows, (), ()), rules), Sink())
    assert walk.current.row == 2
    assert walk.needs_confirmation(Decision.PRACTICE) == ("non_gms",)
    walk.decide(Decision.PRACTICE, advance=False)
    assert walk.needs_confirmation(Decision.PRACTICE) == ()  # already given here: not again
    assert walk.needs_confirmation(Decision.OTHER_PROVIDER) == ()


def test_a_carried_decision_stays_the_earlier_reviewers_until_changed(walk: WalkThrough) -> None:
    """Ticking or noting a decision carried from an earlier review keeps its reviewer and
    time ('decided in A on DATE by NAME'); a new decision is the reviewer's own."""
    event = walk.current
    carried = DecisionRecord(
        event.id, Decision.OTHER_PROVIDER, False, "from A", "Sam Earlier",
        "2024-10-02T09:00:00+01:00", "A.cqrsreview", None, "not_corrected",
        "still the practice's own dose in b.csv, row 2",
    )  # fmt: skip
    walk.review.apply(event.id, carried)
    assert walk.toggle_action_done() is True
    walk.set_note("from A; marked Non-GMS today")
    record = walk.review.decision(event.id)
    assert record.action_done and record.action_evidence == "reviewer"
    assert (record.carried_from, record.reviewer, record.decided_at) == (
        "A.cqrsreview", "Sam Earlier", "2024-10-02T09:00:00+01:00"
    )  # fmt: skip
    walk.go_to(event.id)
    walk.decide(Decision.PRACTICE)
    record = walk.review.decision(event.id)
    assert (record.carried_from, record.reviewer, record.decided_at) == (
        None, "J. Reviewer", "2026-11-26T10:00:00+00:00"
    )  # fmt: skip
    # the note was added to here: the words are partly this reviewer's, kept as they are
    assert record.note == "from A; marked Non-GMS today"


def test_a_carried_note_decided_again_is_said_to_be_the_earlier_decisions(
    walk: WalkThrough,
) -> None:
    """Decided again with the note as it was carried, the note is said to have come with
    the earlier decision (decision 106); Undo brings the carried decision and note back."""
    event = walk.current
    carried = DecisionRecord(
        event.id, Decision.PRACTICE, False, "seen at our clinic", "Sam Earlier",
        "2024-10-02T09:00:00+01:00", "A.cqrsreview",
    )  # fmt: skip
    walk.review.apply(event.id, carried)
    walk.carried_note = {event.id: "seen at our clinic"}.get
    walk.decide(Decision.OTHER_PROVIDER)
    said = (
        "With the earlier decision (Given here, by Sam Earlier in A.cqrsreview): seen at our clinic"
    )
    assert walk.review.decision(event.id).note == said
    walk.go_to(event.id)
    walk.decide(Decision.OTHER_PROVIDER)  # decided again: the reviewer's own now, as it was
    assert walk.review.decision(event.id).note == said
    assert walk.undo() and walk.undo()
    assert walk.review.decision(event.id) == carried


def test_the_words_for_what_the_latest_search_showed() -> None:
    from cqrs_desktop.domain.explain import decided_in_words, evidence_words

    seen = DecisionRecord(
        "e1", Decision.OTHER_PROVIDER, True, action_evidence="export", export_check="corrected",
        evidence="seen corrected in b.csv, row 2 (marked not GMS)",
    )  # fmt: skip
    assert evidence_words(seen) == "Seen corrected in b.csv, row 2 (marked not GMS)."
    assert evidence_words(dataclasses.replace(seen, action_done=False)).startswith(
        "Unticked since. The latest search: seen corrected in b.csv"
    )
    still = dataclasses.replace(
        seen, action_done=False, export_check="not_corrected",
        evidence="still the practice's own dose in b.csv, row 3",
    )  # fmt: skip
    assert evidence_words(still) == (
        "Not yet corrected in the clinical system: still the practice's own dose in b.csv, row 3."
    )
    assert evidence_words(dataclasses.replace(still, action_done=True)).startswith("Ticked since.")
    assert evidence_words(DecisionRecord("e2", Decision.PRACTICE)) == ""
    assert decided_in_words("A.cqrsreview", "2024-10-02T09:00:00+01:00", "Sam Earlier") == (
        "decided in A on 02 Oct 2024 by Sam Earlier"
    )
    assert decided_in_words("A.cqrsreview", None, None) == "decided in A"
    # a review named with the day it was decided: the day is not said twice
    named = "F99001 CQRS check 2024-10-02.cqrsreview"
    assert decided_in_words(named, "2024-10-02T09:00:00+01:00", "Sam Earlier") == (
        "decided in F99001 CQRS check 2024-10-02 by Sam Earlier"
    )
    assert decided_in_words(named, "2024-10-03T09:00:00+01:00", None) == (
        "decided in F99001 CQRS check 2024-10-02 on 03 Oct 2024"
    )


def test_unticked_and_ticked_again_a_dose_seen_corrected_keeps_the_exports_proof(
    walk: WalkThrough,
) -> None:
    """A carried dose the search shows corrected, unticked by mistake and ticked again:
    the proof is still the export's, not the reviewer's word (helper-52's acceptance run:
    the Overview and the email lost it)."""
    event = walk.current
    seen = DecisionRecord(
        event.id, Decision.OTHER_PROVIDER, True, "", "Sam Earlier",
        "2024-10-02T09:00:00+01:00", "A.cqrsreview", "export", "corrected",
        "seen corrected in b.csv, row 2 (marked not GMS)",
    )  # fmt: skip
    walk.review.apply(event.id, seen)
    assert walk.toggle_action_done() is False
    assert walk.review.decision(event.id).action_evidence is None
    assert walk.toggle_action_done() is True
    record = walk.review.decision(event.id)
    assert (record.action_evidence, record.export_check) == ("export", "corrected")
    assert walk.review.seen_corrected == 1


def test_another_reviewers_note_decided_again_is_said_to_be_theirs(rules) -> None:  # type: ignore[no-untyped-def]
    """A colleague decided the vaccination in this review, with a note. Another reviewer
    deciding it again made the record theirs and kept the colleague's words as their own
    note under the new decision. The note is now said to be the colleague's, as a carried
    one is (decision 389); the same reviewer deciding again keeps their note as it is."""
    rows = (row(), row(row=3, nhs_number=NHS[1], date=dt.date(2024, 11, 6)))
    review = Review(ReviewInputs(PRACTICE, (), rows, (), ()), rules)
    sink = Sink()  # the one review file both write to
    colleague = WalkThrough(review, sink, reviewer="A. Colleague", note_left_by=sink.note_left_by)
    event = colleague.current
    colleague.decide(Decision.OTHER_PROVIDER, advance=False, note="hospital letter seen")
    colleague.decide(Decision.NOT_GIVEN, advance=False)  # their own again: kept as it is
    assert review.decision(event.id).note == "hospital letter seen"
    walk = WalkThrough(review, sink, reviewer="J. Reviewer", note_left_by=sink.note_left_by)
    walk.go_to(event.id)
    walk.decide(Decision.PRACTICE, advance=False)
    record = review.decision(event.id)
    assert record.reviewer == "J. Reviewer"
    assert record.note == (
        "With the earlier decision (Not given, by A. Colleague): hospital letter seen"
    )
    walk.decide(Decision.PRACTICE, advance=False)  # theirs now: not said again
    assert review.decision(event.id).note == record.note
    # a note written before any decision, by the colleague
    other = review.events[1]
    colleague.go_to(other.id)
    colleague.set_note("phone the midwife")
    walk.go_to(other.id)
    walk.decide(Decision.OTHER_PROVIDER, advance=False)
    assert review.decision(other.id).note == "Noted earlier (by A. Colleague): phone the midwife"
    # a note the new reviewer typed before deciding is theirs
    walk.go_to(event.id)
    colleague.go_to(event.id)
    colleague.decide(Decision.OTHER_PROVIDER, advance=False, note="from the letter")
    walk.set_note("from the letter; rang the hospital")
    walk.decide(Decision.OTHER_PROVIDER, advance=False)
    assert review.decision(event.id).note == "from the letter; rang the hospital"
