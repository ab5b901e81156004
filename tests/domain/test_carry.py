"""Which earlier decision an event takes (`domain.carry.carry`): the rules of matching,
pinned on small invented reviews, so a quicker way of matching cannot change them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from cqrs_desktop.domain.carry import carry, earlier_from_review
from cqrs_desktop.domain.earlier import Carried, EarlierDecision, EarlierReview, EarlierRow
from cqrs_desktop.domain.export_check import EVERYTHING_SHOWN, search_shows
from cqrs_desktop.domain.model import (
    Decision,
    DecisionRecord,
    RowKind,
    SourceSummary,
    UnassignedRow,
)
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.vaccination_keys import event_key, has_valid_number, name_key
from cqrs_desktop.session import carried_notice
from tests.factories import NHS, PRACTICE, row

SHA = {"search.csv": "b" * 64}


def _review(rules, extra: tuple = ()) -> Review:  # type: ignore[no-untyped-def]
    rows = [
        row(row=2 + i, nhs_number=NHS[i], surname=f"Surname{i}", date=dt.date(2024, 9, 2 + i))
        for i in range(4)
    ]
    return Review(ReviewInputs(PRACTICE, (), (*rows, *extra), (), ()), rules)


def _row(key: str, decision: str, at: str | None, note: str = "") -> EarlierRow:
    return (key, decision, 0, note, "A. Reviewer", at, None, None, None, "", "", "search.csv")


def _earlier(name: str, *rows: EarlierRow) -> EarlierReview:
    return EarlierReview(name, name[0] * 64, "F99001", None, {r[0]: r for r in rows})


def _shown(review: str, decision: Decision, note: str = "") -> EarlierDecision:
    """What review `review` (A, B...) decided, as a later review's card shows it."""
    file = f"{review}.cqrsreview"
    return EarlierDecision(file, review.lower() * 64, file, decision, False, note, "A. Reviewer",
                           "2026-10-01")  # fmt: skip


def _c_left_open(left_open: dict[str, tuple[EarlierDecision, ...]]) -> EarlierReview:
    """Review C, made after A and B and taking both in, which left `left_open` undecided
    between them (decision 134)."""
    return dataclasses.replace(
        _earlier("C.cqrsreview"), known_as="c@9:y", knew=frozenset({"a@3:x", "b@2:z"}),
        left_open=left_open, created_at="2026-11-02",
    )  # fmt: skip


def test_the_latest_of_decisions_that_agree_is_carried_and_ties_go_to_the_later_review(
    rules,
) -> None:  # type: ignore[no-untyped-def]
    """Of decisions made at the same time (B carried A's, then its reviewer added a note),
    the review made later counts, in whichever order they are given."""
    review = _review(rules)
    first, second, third = (event_key(e) for e in review.events[:3])
    assert first and second and third
    a = dataclasses.replace(
        _earlier("A.cqrsreview", _row(first, "practice", "2026-10-01", "A's"),
                 _row(second, "practice", "2026-10-01", "A's"),
                 _row(third, "practice", "2026-12-01", "A's")),
        created_at="2026-10-02T09:00:00+01:00",
    )  # fmt: skip
    b = dataclasses.replace(
        _earlier("B.cqrsreview", _row(first, "practice", "2026-11-01", "B's"),
                 _row(second, "practice", "2026-10-01", "B's"),
                 _row(third, "practice", "2026-10-01", "B's")),
        created_at="2026-11-02T09:00:00+00:00",
    )  # fmt: skip
    for given in ([a, b], [b, a]):
        carried = carry(review, given, SHA)
        by_event = {c.record.event_id: c for c in carried.records}
        assert by_event[review.events[0].id].record.note == "B's"  # decided later
        assert by_event[review.events[0].id].review == "B.cqrsreview"
        assert by_event[review.events[1].id].record.note == "B's"  # the same time: B, made later
        assert by_event[review.events[2].id].record.note == "A's"  # decided later in A
        assert carried.disagreements == ()


def test_disagreeing_reviews_leave_it_undecided_with_every_decision(rules) -> None:  # type: ignore[no-untyped-def]
    review = _review(rules)
    key = event_key(review.events[0])
    assert key
    a = _earlier("A.cqrsreview", _row(key, "practice", "2026-10-01"))
    b = _earlier("B.cqrsreview")  # holds nothing for it
    c = _earlier("C.cqrsreview", _row(key, "other_provider", "2026-09-01"))
    carried = carry(review, [a, b, c], SHA)
    assert carried.records == ()
    (disagreement,) = carried.disagreements
    assert disagreement.event_id == review.events[0].id
    assert [(d.review, d.decision) for d in disagreement.decisions] == [
        ("A.cqrsreview", Decision.PRACTICE),
        ("C.cqrsreview", Decision.OTHER_PROVIDER),
    ]


def test_a_vaccination_entered_twice_takes_no_decision(rules) -> None:  # type: ignore[no-untyped-def]
    twice = row(row=30, nhs_number=NHS[0], surname="Surname0", date=dt.date(2024, 9, 2))
    review = _review(rules, (twice,))
    key = event_key(review.events[0])
    assert key
    shared = [e for e in review.events if event_key(e) == key]
    assert len(shared) == 2
    others = [event_key(e) for e in review.events if event_key(e) != key]
    earlier = _earlier(
        "A.cqrsreview",
        _row(key, "practice", "2026-10-01"),
        *(_row(k, "practice", "2026-10-01") for k in others if k),
    )
    carried = carry(review, [earlier], SHA)
    ids = {c.record.event_id for c in carried.records}
    assert not ids & {e.id for e in shared}
    assert len(ids) == len(others)


def test_decided_events_keep_their_decision_and_nothing_earlier_carries_nothing(rules) -> None:  # type: ignore[no-untyped-def]
    review = _review(rules)
    keys = [event_key(e) for e in review.events]
    review.apply(review.events[0].id, DecisionRecord(review.events[0].id, Decision.NOT_GIVEN))
    earlier = _earlier("A.cqrsreview", *(_row(k, "practice", "2026-10-01") for k in keys if k))
    carried = carry(review, [earlier], SHA)
    assert review.events[0].id not in {c.record.event_id for c in carried.records}
    assert len(carried.records) == len(keys) - 1
    assert carry(review, [], SHA).records == ()


def test_unsure_is_not_carried_from_the_review_itself(rules) -> None:  # type: ignore[no-untyped-def]
    review = _review(rules)
    unsure, sure = review.events[:2]
    review.apply(unsure.id, DecisionRecord(unsure.id, Decision.UNSURE, note="ask the GP"))
    review.apply(sure.id, DecisionRecord(sure.id, Decision.PRACTICE))
    own = earlier_from_review(review, SHA)
    assert set(own.rows) == {event_key(sure)}


def _proved(
    key: str, flags: str, check: str, by: str | None, source: str = "b.csv", said: str = ""
) -> EarlierRow:
    """A decision "other provider" carried on by review B, which had seen it done (`said`:
    what B's search showed, as its evidence words it)."""
    return (key, "other_provider", 1, "", "A. Reviewer", "2026-10-01", "A.cqrsreview", by,
            check, f"seen corrected in {source}, row 3 ({said})" if said else "seen in B",
            flags, source)  # fmt: skip


def test_a_correction_an_earlier_search_proved_stays_proved_down_the_chain(rules) -> None:  # type: ignore[no-untyped-def]
    """B saw the dose recorded by another organisation (corrected); C's search shows the
    same: still corrected, not "still the practice's own dose" (the flags B kept already
    say another organisation)."""
    moved = row(row=9, nhs_number=NHS[5], date=dt.date(2024, 9, 20), organisation="R1H")
    review = _review(rules, (moved,))
    event = next(e for e in review.events if e.row == 9)
    assert "other_organisation" in event.flags
    key = event_key(event)
    assert key
    moved_then = _proved(
        key,
        "other_organisation",
        "corrected",
        "export",
        said="now recorded by another organisation",
    )
    earlier = _earlier("B.cqrsreview", moved_then)
    (carried,) = carry(review, [earlier], SHA).records
    record = carried.record
    assert (record.export_check, record.action_done, record.action_evidence) == (
        "corrected",
        True,
        "export",
    )
    assert record.evidence.startswith("seen corrected in search.csv, row 9")
    assert record.carried_from == "A.cqrsreview"
    # where B had only seen it at another organisation all along (not proved), it proves
    # nothing: decision 36
    earlier = _earlier("B.cqrsreview", _proved(key, "other_organisation", "not_corrected", None))
    (carried,) = carry(review, [earlier], SHA).records
    assert carried.record.export_check == "not_corrected"


def test_a_flag_the_earlier_search_showed_too_proves_no_change_but_not_gms_does(rules) -> None:  # type: ignore[no-untyped-def]
    """The same search exported again (nothing done): a "given by another provider" code
    beside the dose, there when the earlier review decided it, proves nothing; one that is
    new does. A dose marked not GMS is marked, whenever it was (decision 85)."""
    marker = row(row=10, kind=RowKind.MARKER, code="956971000000108", term="Given elsewhere")
    near = row(row=9, nhs_number=NHS[0], date=dt.date(2024, 11, 5))
    non_gms = row(row=11, nhs_number=NHS[1], date=dt.date(2024, 11, 6), non_gms=True)
    review = Review(ReviewInputs(PRACTICE, (), (near, marker, non_gms), (), ()), rules)
    dose, marked = (next(e for e in review.events if e.row == n) for n in (9, 11))
    assert "other_provider_code" in dose.flags and "non_gms" in marked.flags

    def checked(flags: str) -> dict[str, str | None]:
        rows = [
            (key, "other_provider", 0, "", "A. Reviewer", "2026-10-01", None, None, None, "",
             flags, "a.csv")
            for key in (event_key(dose), event_key(marked))
            if key
        ]  # fmt: skip
        # A's search (a.csv) could show all three kinds of mark
        shows = {"a.csv": EVERYTHING_SHOWN}
        earlier = dataclasses.replace(_earlier("A.cqrsreview", *rows), source_shows=shows)
        records = carry(review, [earlier], SHA).records
        words.update({c.record.event_id: c.record.evidence for c in records})
        return {c.record.event_id: c.record.export_check for c in records}

    words: dict[str, str] = {}
    assert checked("other_provider_code non_gms") == {
        dose.id: "not_corrected",
        marked.id: "corrected",
    }
    # not "still the practice's own dose": the search shows the code, as it did before
    assert words[dose.id] == (
        "no change seen in search.csv, row 9: it had a 'given by another provider' "
        "code when decided too"
    )
    assert checked("") == {dose.id: "corrected", marked.id: "corrected"}


def test_a_dose_an_earlier_search_proved_but_this_one_counts_says_whose_word_it_was(rules) -> None:  # type: ignore[no-untyped-def]
    review = _review(rules)
    keys = [event_key(e) for e in review.events[:3]]
    assert all(keys)
    earlier = _earlier(
        "B.cqrsreview",
        _proved(keys[0], "non_gms", "corrected", "export"),  # B's search showed it
        _proved(keys[1], "", "gone", "export"),  # B's search no longer held it
        _proved(keys[2], "", "not_corrected", "reviewer"),  # B's reviewer ticked it
    )
    records = {c.record.event_id: c.record for c in carry(review, [earlier], SHA).records}
    words = [records[e.id].evidence for e in review.events[:3]]
    assert all(w.startswith("still the practice's own dose in search.csv, row ") for w in words)
    assert words[0].endswith("(an earlier search showed it corrected: check the record)")
    assert words[1].endswith("(an earlier search no longer held it: check the record)")
    assert words[2].endswith("(the earlier review says it was updated: check the record)")
    assert not any(records[e.id].action_done for e in review.events[:3])
    # a dose gone from B's search keeps the reviewer's tick, unticked: still said
    unticked = (
        *_proved(keys[1], "", "gone", "export")[:2],
        0,
        *_proved(keys[1], "", "gone", "export")[3:],
    )
    (back,) = carry(review, [_earlier("B.cqrsreview", unticked)], SHA).records
    assert back.record.evidence.endswith("(an earlier search no longer held it: check the record)")


def test_a_patient_known_by_number_in_one_review_and_by_name_in_the_other(rules) -> None:  # type: ignore[no-untyped-def]
    unnumbered = row(row=20, nhs_number=None, surname="Nonumber", date=dt.date(2024, 9, 10))
    review = _review(rules, (unnumbered,))
    by_row = {e.row: e for e in review.events}
    numbered, no_number = by_row[2], by_row[20]
    by_name = event_key(no_number)
    numbered_by_name = name_key(numbered)
    assert by_name and "|name:" in by_name and numbered_by_name
    number_key = by_name.replace("name:nonumber:1994-10-25", f"nhs:{NHS[9]}")
    earlier = _earlier(
        "A.cqrsreview",
        _row(number_key, "other_provider", "2026-10-01", "had a number"),
        _row(numbered_by_name, "practice", "2026-10-01", "had none"),
    )
    earlier = dataclasses.replace(earlier, aliases={by_name: number_key}, named=True)
    carried = carry(review, [earlier], SHA)
    notes = {c.record.event_id: c.record.note for c in carried.records}
    assert notes == {no_number.id: "had a number", numbered.id: "had none"}
    assert carried.gone == ()  # neither taken as gone from the search


def test_a_row_an_event_has_by_its_own_key_is_not_taken_by_name_too(rules) -> None:  # type: ignore[no-untyped-def]
    """The same vaccination twice, once without the number: the row is the numbered
    event's; the other is left to decide (it cannot be told it is the same)."""
    twin = row(row=20, nhs_number=None, surname="Surname0", date=dt.date(2024, 9, 2))
    review = _review(rules, (twin,))
    by_row = {e.row: e for e in review.events}
    key, by_name = event_key(by_row[2]), event_key(by_row[20])
    assert key and by_name and "|name:" in by_name
    earlier = dataclasses.replace(
        _earlier("A.cqrsreview", _row(key, "practice", "2026-10-01")), aliases={by_name: key}
    )
    carried = carry(review, [earlier], SHA)
    assert [c.record.event_id for c in carried.records] == [by_row[2].id]


def test_a_dose_that_may_be_there_without_its_number_is_not_taken_as_gone(rules) -> None:  # type: ignore[no-untyped-def]
    """A dose given elsewhere no event here has by number, on a day an event of its
    programme has no number (and no known name): it may be that one, so not "gone"."""
    stranger = row(row=20, nhs_number=None, surname="Unknown", date=dt.date(2024, 9, 20))
    rows = (*_review(rules).inputs.rows, stranger)
    searched = SourceSummary("search.csv", "b" * 64, len(rows), len(rows), 0, 0)
    review = Review(ReviewInputs(PRACTICE, (searched,), rows, (), ()), rules)
    missing = f"pertussis_pregnant|2024-09-20|nhs:{NHS[9]}"
    # no event without a number that day (and a day the search shows it searched: between
    # its first and last vaccination, decision 120)
    elsewhere = f"pertussis_pregnant|2024-09-04|nhs:{NHS[8]}"
    earlier = _earlier(
        "A.cqrsreview",
        _row(missing, "other_provider", "2026-10-01"),
        _row(elsewhere, "other_provider", "2026-10-01"),
    )
    gone = carry(review, [earlier], SHA).gone
    assert [g.key for g in gone] == [elsewhere]


def test_a_vaccination_decided_by_number_now_twice_without_one_is_counted(rules) -> None:  # type: ignore[no-untyped-def]
    twice = [
        row(row=20 + i, nhs_number=None, surname="Green", date=dt.date(2024, 9, 20))
        for i in range(2)
    ]
    review = _review(rules, tuple(twice))
    by_name = event_key(next(e for e in review.events if e.row == 20))
    assert by_name
    number_key = f"pertussis_pregnant|2024-09-20|nhs:{NHS[9]}"
    earlier = dataclasses.replace(
        _earlier("A.cqrsreview", _row(number_key, "other_provider", "2026-10-01")),
        aliases={by_name: number_key},
    )
    carried = carry(review, [earlier], SHA)
    assert (carried.records, carried.duplicated) == ((), 1)
    assert (carried.maybe_here, carried.gone) == (0, ())  # said once, not also left over


def test_a_later_decision_found_by_name_counts_with_an_earlier_one_found_by_number(rules) -> None:  # type: ignore[no-untyped-def]
    """A decided the patient by number; B, where her number was missing, by name. Here she
    has her number: both are hers, so they are weighed together (here they disagree)."""
    review = _review(rules)
    event = review.events[0]
    key, by_name = event_key(event), name_key(event)
    assert key and by_name
    a = _earlier("A.cqrsreview", _row(key, "other_provider", "2026-10-01"))
    b = dataclasses.replace(
        _earlier("B.cqrsreview", _row(by_name, "practice", "2026-11-01")), named=True
    )
    carried = carry(review, [a, b], SHA)
    (disagreement,) = carried.disagreements
    assert [d.review for d in disagreement.decisions] == ["A.cqrsreview", "B.cqrsreview"]
    assert (carried.records, carried.maybe_here, carried.held) == ((), 0, ())
    # B alone: hers, carried
    (record,) = carry(review, [b], SHA).records
    assert record.record.event_id == event.id and record.record.decision is Decision.PRACTICE


def test_decisions_that_disagree_for_a_month_not_searched_are_counted(rules) -> None:  # type: ignore[no-untyped-def]
    review = _review(rules)  # September only
    october = f"pertussis_pregnant|2024-10-07|nhs:{NHS[9]}"
    a = _earlier("A.cqrsreview", _row(october, "practice", "2026-10-01"))
    b = _earlier("B.cqrsreview", _row(october, "other_provider", "2026-11-01"))
    carried = carry(review, [a, b], SHA)
    assert (carried.differ_not_kept, carried.held) == (1, ())
    # agreeing, it is kept (with where it was decided)
    carried = carry(review, [a], SHA)
    assert carried.differ_not_kept == 0 and [h[0] for h in carried.held] == [october]
    assert carried.held[0][6] == "A.cqrsreview" and carried.held_not_searched == 1


def test_a_review_holding_the_patient_twice_gives_its_later_decision(rules) -> None:  # type: ignore[no-untyped-def]
    """B kept A's decision by number (the patient had none in B's search, so it may have
    been her) and made its own by name: here, with her number, B's own later one counts."""
    review = _review(rules)
    event = review.events[0]
    key, by_name = event_key(event), name_key(event)
    assert key and by_name
    kept_from_a = _row(key, "other_provider", "2026-10-01", "A's")
    b = dataclasses.replace(
        _earlier("B.cqrsreview", kept_from_a, _row(by_name, "practice", "2026-11-01", "B's")),
        named=True,
    )
    carried = carry(review, [b], SHA)
    (record,) = [c.record for c in carried.records if c.record.event_id == event.id]
    assert (record.decision, record.note) == (Decision.PRACTICE, "B's")
    assert carried.maybe_here == 0 and carried.held == ()


def test_the_earlier_decision_of_a_duplicate_entry_is_kept_for_later_reviews(rules) -> None:  # type: ignore[no-untyped-def]
    twice = row(row=30, nhs_number=NHS[0], surname="Surname0", date=dt.date(2024, 9, 2))
    review = _review(rules, (twice,))
    key = event_key(review.events[0])
    assert key
    carried = carry(review, [_earlier("A.cqrsreview", _row(key, "practice", "2026-10-01"))], SHA)
    assert (carried.records, carried.duplicated, carried.maybe_here) == ((), 1, 0)
    assert [(h[0], h[1], h[6]) for h in carried.held] == [(key, "practice", "A.cqrsreview")]


def _searched_review(rules, unassigned: tuple[UnassignedRow, ...] = ()) -> Review:  # type: ignore[no-untyped-def]
    rows = _review(rules).inputs.rows
    searched = SourceSummary("search.csv", "b" * 64, len(rows), len(rows), len(unassigned), 0)
    return Review(ReviewInputs(PRACTICE, (searched,), rows, unassigned, ()), rules)


def test_a_dose_a_row_not_placed_may_be_is_not_taken_as_gone(rules) -> None:  # type: ignore[no-untyped-def]
    """A dose given elsewhere no longer found, where a row of the search could not be read
    (its date, or its code): that row may be it, so it is no proof of a correction; kept
    and counted (decision 86). A row not placed of another month or programme, or one that
    is no dose (a marker), does not stop it."""
    missing = f"pertussis_pregnant|2024-09-21|nhs:{NHS[8]}"
    earlier = _earlier("A.cqrsreview", _row(missing, "other_provider", "2026-10-01"))
    for unplaced, gone in (
        ((), True),
        ((UnassignedRow("search.csv", 7, "the date is not a date", "pertussis_pregnant"),), False),
        ((UnassignedRow("search.csv", 7, "unknown code", None, "2024-09"),), False),
        ((UnassignedRow("search.csv", 7, "unknown code", None, "2024-10"),), True),
        ((UnassignedRow("search.csv", 7, "unknown code", "hpv", "2024-09"),), True),
        ((UnassignedRow("search.csv", 7, "a marker", None, None, countable=False),), True),
        # Whose the row is, where it says (decision 89): another patient's NHS number cannot
        # be the dose; the same number, a name (not comparable with a number) or none can.
        ((_unplaced_of(f"nhs:{NHS[3]}"),), True),
        ((_unplaced_of(f"nhs:{NHS[8]}"),), False),
        ((_unplaced_of("name:surname8:1990-01-01"),), False),
        ((_unplaced_of(None),), False),
        ((_unplaced_of(f"nhs:{NHS[3]}"), _unplaced_of(f"nhs:{NHS[8]}")), False),
    ):
        carried = carry(_searched_review(rules, unplaced), [earlier], SHA)
        assert bool(carried.gone) is gone, unplaced
        assert carried.maybe_unplaced == (not gone)
        assert [h[0] for h in carried.held] == ([] if gone else [missing])


def _unplaced_of(patient: str | None) -> UnassignedRow:
    """A row of September's pertussis whose date could not be read, of `patient`."""
    return UnassignedRow(
        "search.csv", 7, "the date is not a date", "pertussis_pregnant", "2024-09",
        patient=patient,
    )  # fmt: skip


def test_a_dose_known_by_name_a_row_of_a_numbered_patient_may_be(rules) -> None:  # type: ignore[no-untyped-def]
    """A dose keyed by surname and date of birth (no NHS number then) is not told apart
    from a row not placed that has a number: it may be hers (decision 89)."""
    missing = "pertussis_pregnant|2024-09-21|name:smith:1990-01-01"
    earlier = _earlier("A.cqrsreview", _row(missing, "other_provider", "2026-10-01"))
    for patient, gone in (
        (f"nhs:{NHS[3]}", False),
        ("name:smith:1990-01-01", False),
        ("name:jones:1990-01-01", True),
    ):
        carried = carry(_searched_review(rules, (_unplaced_of(patient),)), [earlier], SHA)
        assert bool(carried.gone) is gone, patient


def test_a_dose_decided_given_here_no_longer_found_is_kept_and_said(rules) -> None:  # type: ignore[no-untyped-def]
    """A dose an earlier review confirmed as the practice's, no longer in a search that
    covers its month (the patient moved away, a code changed): not dropped without a word
    (decision 86); not gone either (it needed no change). On a day after the search's last
    vaccination (its months worked out from its dates) it may not have searched that day:
    not "no longer found" either, which would take it off the claim (decision 138)."""
    missing = f"pertussis_pregnant|2024-09-04|nhs:{NHS[8]}"
    earlier = _earlier("A.cqrsreview", _row(missing, "practice", "2026-10-01", "GP gave it"))
    carried = carry(_searched_review(rules), [earlier], SHA)
    assert (carried.gone, carried.no_longer_found) == ((), 1)
    ((key, decision, *_rest),) = carried.held
    assert (key, decision) == (missing, "practice")
    assert "1 dose decided earlier as needing no change" in carried_notice(carried)
    later = f"pertussis_pregnant|2024-09-21|nhs:{NHS[8]}"  # the search's last is 05/09
    earlier = _earlier("A.cqrsreview", _row(later, "practice", "2026-10-01", "GP gave it"))
    carried = carry(_searched_review(rules), [earlier], SHA)
    assert (carried.gone, carried.no_longer_found, carried.unproven) == ((), 0, 1)
    assert [h[0] for h in carried.held] == [later]
    assert "may not have searched that day" in carried_notice(carried)


def test_a_decision_kept_for_later_is_the_later_reviews_of_the_same_time(rules) -> None:  # type: ignore[no-untyped-def]
    review = _review(rules)  # no search covers December
    kept = f"pertussis_pregnant|2024-12-01|nhs:{NHS[8]}"
    a = dataclasses.replace(
        _earlier("A.cqrsreview", _row(kept, "other_provider", "2026-10-01", "A's")),
        created_at="2026-10-02T09:00:00+00:00",
    )
    b = dataclasses.replace(
        _earlier("B.cqrsreview", _row(kept, "other_provider", "2026-10-01", "B's, ticked")),
        created_at="2026-11-02T09:00:00+00:00",
    )
    for given in ([a, b], [b, a]):
        (held,) = carry(review, given, SHA).held
        assert (held[0], held[3]) == (kept, "B's, ticked")


def test_given_here_is_not_carried_where_the_search_now_says_otherwise(rules) -> None:  # type: ignore[no-untyped-def]
    """A dose decided as given here that the new search now shows marked not GMS: carried,
    the claim would count a dose the practice's own record now says is not its. It is left
    to decide again, and counted (decision 88). One the earlier reviewer saw marked so,
    and still decided, is carried."""
    marked = row(row=11, nhs_number=NHS[1], date=dt.date(2024, 11, 6), non_gms=True)
    review = Review(ReviewInputs(PRACTICE, (), (marked,), (), ()), rules)
    (event,) = review.events
    key = event_key(event)
    assert key and "non_gms" in event.flags

    def carried_with(flags: str) -> Carried:
        earlier_row = (key, "practice", 0, "", "A. Reviewer", "2026-10-01", None, None, None,
                       "", flags, "a.csv")  # fmt: skip
        return carry(review, [_earlier("A.cqrsreview", earlier_row)], SHA)

    now_marked = carried_with("")
    assert (now_marked.records, now_marked.contradicted) == ((), 1)
    assert "1 decision 'given here' not carried" in carried_notice(now_marked)
    # what was decided, by whom, stays with the event, for the card and the report
    (aside,) = now_marked.set_aside
    assert aside.event_id == event.id and now_marked.disagreements == ()
    assert [(d.decision, d.review, d.reviewer) for d in aside.decisions] == [
        (Decision.PRACTICE, "A.cqrsreview", "A. Reviewer")
    ]
    seen_before = carried_with("non_gms")
    assert (len(seen_before.records), seen_before.contradicted) == (1, 0)


def test_a_decision_made_here_already_stands_and_is_said(rules) -> None:  # type: ignore[no-untyped-def]
    """With a decisions file and earlier reviews, the file's decision stands; the notice
    says how many earlier decisions it replaced, and how many differently."""
    review = _review(rules)
    keys = [event_key(e) for e in review.events[:2]]
    for event in review.events[:2]:
        review.apply(event.id, DecisionRecord(event.id, Decision.OTHER_PROVIDER))
    first, second = keys
    assert first and second
    earlier = _earlier(
        "A.cqrsreview",
        _row(first, "practice", "2026-10-01"),
        _row(second, "other_provider", "2026-10-01"),
    )
    carried = carry(review, [earlier], SHA)
    assert (carried.records, carried.replaced, carried.replaced_differently) == ((), 2, 1)
    assert (
        "2 vaccinations decided earlier were decided in this review already (the decisions "
        "file, or by hand): this review's decisions stand, 1 of them different from an "
        "earlier one"
    ) in carried_notice(carried)


def test_a_decision_made_here_is_checked_against_the_export_as_a_carried_one(rules) -> None:  # type: ignore[no-untyped-def]
    """The review's own decision (a decisions file) of a vaccination an earlier review
    decided too stands; where it needs a change in the clinical system and this search
    shows that change made since the earlier search, it gets the export's evidence, as the
    carried decision would have (decision 139). Not marked, or needing nothing: as it was."""
    marked = row(row=9, nhs_number=NHS[4], date=dt.date(2024, 9, 20), non_gms=True)
    review = _review(rules, (marked,))
    event = next(e for e in review.events if e.row == 9)
    unmarked, given_here = review.events[:2]
    decided = {event: Decision.OTHER_PROVIDER, unmarked: Decision.OTHER_PROVIDER,
               given_here: Decision.PRACTICE}  # fmt: skip
    for e, decision in decided.items():
        review.apply(e.id, DecisionRecord(e.id, decision, note="B's", reviewer="B. Reviewer"))
    rows = []
    for e in decided:
        key = event_key(e)
        assert key
        rows.append((key, "other_provider", 0, "", "A. Reviewer", "2026-10-01", None, None,
                     None, "", "", "a.csv"))  # fmt: skip
    earlier = dataclasses.replace(
        _earlier("A.cqrsreview", *rows), source_shows={"a.csv": EVERYTHING_SHOWN}
    )
    carried = carry(review, [earlier], SHA)
    assert (carried.records, carried.replaced, carried.replaced_differently) == ((), 3, 1)
    (seen,) = carried.seen_corrected
    assert seen == DecisionRecord(
        event.id, Decision.OTHER_PROVIDER, True, "B's", "B. Reviewer",
        action_evidence="export", export_check="corrected",
        evidence="seen corrected in search.csv, row 9 (marked not GMS)",
    )  # fmt: skip
    assert "; it needs" not in carried_notice(carried)
    assert (
        "this review's decisions stand, 1 of them different from an earlier one; 1 of them "
        "needs a change in the clinical system, which this search shows made"
    ) in carried_notice(carried)


def test_a_decision_made_here_replaces_one_made_earlier_by_name(rules) -> None:  # type: ignore[no-untyped-def]
    """The patient had no NHS number in the earlier review (its decision keyed by name);
    here she has one, and the decisions file decided her: the earlier decision is the one
    replaced (said so), not kept for later reviews, where a review finding her by name
    again would take it back over this review's."""
    review = _review(rules)
    event = review.events[0]
    review.apply(event.id, DecisionRecord(event.id, Decision.PRACTICE))
    by_name = name_key(event)
    assert by_name and has_valid_number(event)
    earlier = dataclasses.replace(
        _earlier("A.cqrsreview", _row(by_name, "other_provider", "2026-10-01")), named=True
    )
    carried = carry(review, [earlier], SHA)
    assert (carried.replaced, carried.replaced_differently) == (1, 1)
    assert (carried.maybe_here, carried.held, carried.records) == (0, (), ())
    assert (
        "1 vaccination decided earlier was decided in this review already (the decisions "
        "file, or by hand): this review's decision stands, and differs from the earlier one"
    ) in carried_notice(carried)


def test_a_dose_given_here_a_row_not_placed_may_be_is_not_said_no_longer_found(rules) -> None:  # type: ignore[no-untyped-def]
    missing = f"pertussis_pregnant|2024-09-04|nhs:{NHS[8]}"  # a day the search looked at
    earlier = _earlier("A.cqrsreview", _row(missing, "practice", "2026-10-01"))
    unplaced = (UnassignedRow("search.csv", 7, "the date is not a date", "pertussis_pregnant"),)
    carried = carry(_searched_review(rules, unplaced), [earlier], SHA)
    assert (carried.no_longer_found, carried.maybe_unplaced) == (0, 1)
    ((_key, _decision, *_between, check, _words, _flags, _source),) = carried.held
    assert check is None


def test_a_vaccination_marked_unsure_earlier_is_not_carried_but_said(rules) -> None:  # type: ignore[no-untyped-def]
    """Unsure is no decision: not carried, but the notice says how many were marked so
    (and not those another review decided)."""
    review = _review(rules)
    first, second = (event_key(e) for e in review.events[:2])
    assert first and second
    a = dataclasses.replace(_earlier("A.cqrsreview"), unsure=frozenset({first, second}))
    b = _earlier("B.cqrsreview", _row(second, "practice", "2026-11-01"))
    carried = carry(review, [a, b], SHA)
    assert [c.record.event_id for c in carried.records] == [review.events[1].id]
    assert carried.unsure_earlier == 1
    assert (
        "1 vaccination marked unsure in an earlier review is not carried (unsure is no "
        "decision): decide it here (its card shows who marked it, and the note)"
    ) in carried_notice(carried)
    decided = _review(rules)  # decided here already (a decisions file): nothing to say
    first_event = decided.events[0]
    decided.apply(first_event.id, DecisionRecord(first_event.id, Decision.PRACTICE))
    assert carry(decided, [a, b], SHA).unsure_earlier == 0


def _search(*roles: str) -> SourceSummary:
    """search.csv, with a column for each role."""
    return SourceSummary(
        "search.csv", "b" * 64, 1, 1, 0, 0, mapping=tuple((r.title(), r) for r in roles)
    )


_COLUMNS = ("nhs_number", "date", "code")


def test_what_a_search_has_no_column_for_proves_nothing_either_way(rules) -> None:  # type: ignore[no-untyped-def]
    """A dose recorded by another organisation (RAVS) the earlier search could not show,
    as it had no organisation column, is no sign of a change; and a search with no GMS or
    Non-GMS column cannot show a dose marked not GMS, so a dose still in it is not "still
    the practice's own": the earlier word stands, and the evidence says why (decision 94)."""
    ravs = row(row=6, organisation="R1H")

    def carried(search: SourceSummary, earlier_roles: tuple[str, ...]) -> DecisionRecord:
        review = Review(ReviewInputs(PRACTICE, (search,), (ravs,), (), ()), rules)
        (event,) = review.events
        assert "other_organisation" in event.flags
        key = event_key(event)
        assert key
        decided = (key, "other_provider", 1, "ticked Non-GMS", "A. Reviewer", "2026-10-01",
                   None, "reviewer", None, "", "", "a.csv")  # fmt: skip
        earlier = dataclasses.replace(
            _earlier("A.cqrsreview", decided),
            source_sha256={"a.csv": "a" * 64},
            source_shows={"a.csv": search_shows(earlier_roles)},
        )
        (done,) = carry(review, [earlier], SHA).records
        return done.record

    # neither search could show it: the reviewer's tick stands, and nothing is claimed
    record = carried(_search(*_COLUMNS, "organisation"), _COLUMNS)
    assert (record.export_check, record.action_done, record.action_evidence) == (
        None,
        True,
        "reviewer",
    )
    assert record.evidence == (
        "still in search.csv, row 6, which has no GMS or Non-GMS column, so it cannot show "
        "whether the record was marked; it is recorded by another organisation, but the "
        "earlier search had no organisation column, so that is no sign of a change (the "
        "earlier review says it was updated: check the record)"
    )
    # a GMS column, and the dose is not marked not GMS: not yet corrected, whatever the tick
    record = carried(_search(*_COLUMNS, "organisation", "gms"), _COLUMNS)
    assert (record.export_check, record.action_done) == ("not_corrected", False)
    assert record.evidence.startswith(
        "not marked not GMS in search.csv, row 6; it is recorded by another organisation, "
        "but the earlier search had no organisation column"
    )
    # the earlier search showed the practice there: now another organisation is a change
    record = carried(_search(*_COLUMNS, "organisation"), (*_COLUMNS, "organisation"))
    assert (record.export_check, record.action_done, record.action_evidence) == (
        "corrected",
        True,
        "export",
    )


def test_a_search_with_no_gms_column_keeps_an_earlier_proof_but_does_not_claim_it(rules) -> None:  # type: ignore[no-untyped-def]
    """An earlier search showed the dose marked not GMS; this one has no GMS column: the
    proof stands (done, by an export), but this search is not said to show it."""
    review = Review(ReviewInputs(PRACTICE, (_search(*_COLUMNS),), (row(row=4),), (), ()), rules)
    (event,) = review.events
    key = event_key(event)
    assert key
    earlier = _earlier("B.cqrsreview", _proved(key, "non_gms", "corrected", "export"))
    (done,) = carry(review, [earlier], SHA).records
    record = done.record
    assert (record.export_check, record.action_done, record.action_evidence) == (
        None,
        True,
        "export",
    )
    assert record.evidence.endswith("(an earlier search showed it corrected: check the record)")
    assert search_shows(()) == EVERYTHING_SHOWN  # a review made without its mapping: as before


def test_a_later_review_marking_it_unsure_keeps_an_older_decision_from_being_carried(
    rules,
) -> None:  # type: ignore[no-untyped-def]
    """B carried A's decision, then its reviewer marked the vaccination unsure: carrying
    A and B, A's decision is not carried over B's doubt. A later firm decision does settle
    an older doubt (decision 99)."""
    review = _review(rules)
    key = event_key(review.events[0])
    assert key
    decided = _row(key, "other_provider", "2026-10-01")

    def made(name: str, at: str, *rows: EarlierRow, unsure: frozenset[str] = frozenset()):  # type: ignore[no-untyped-def]
        return dataclasses.replace(_earlier(name, *rows), created_at=at, unsure=unsure)

    a = made("A.cqrsreview", "2026-10-02", decided)
    b = made("B.cqrsreview", "2026-11-02", unsure=frozenset({key}))
    carried = carry(review, [a, b], SHA)
    assert (carried.records, carried.unsure_earlier) == ((), 1)
    assert "1 vaccination marked unsure in an earlier review is not carried" in carried_notice(
        carried
    )
    # the other way round: A's doubt, B's later decision
    a = made("A.cqrsreview", "2026-10-02", unsure=frozenset({key}))
    b = made("B.cqrsreview", "2026-11-02", decided)
    (done,) = carry(review, [b, a], SHA).records
    assert done.record.decision is Decision.OTHER_PROVIDER


def test_reviews_made_in_the_same_second_are_in_the_order_they_took_each_other_in(
    rules,
) -> None:  # type: ignore[no-untyped-def]
    """A marked the vaccination unsure; B, made from A within the same second, decided it:
    B's decision is carried, in whichever order the two are given (their times cannot
    tell which came first; B took A in, so B came after)."""
    review = _review(rules)
    key = event_key(review.events[0])
    assert key
    same = "2026-12-05T10:00:00+00:00"
    a = dataclasses.replace(
        _earlier("Z.cqrsreview"), created_at=same, unsure=frozenset({key}), known_as="a@3:x"
    )
    b = dataclasses.replace(
        _earlier("B.cqrsreview", _row(key, "practice", "2026-12-05T10:00:00+00:00", "ours")),
        created_at=same,
        known_as="b@2:y",
        knew=frozenset({"a@3:x"}),
    )
    for given in ([a, b], [b, a]):
        carried = carry(review, given, SHA)
        (done,) = carried.records
        assert (done.record.decision, done.review) == (Decision.PRACTICE, "B.cqrsreview")
        assert carried.unsure_earlier == 0


def test_a_dose_to_recode_still_found_is_not_corrected_whatever_the_columns(rules) -> None:  # type: ignore[no-untyped-def]
    """Not given (recorded in error) is put right by correcting or removing the entry, not
    by a GMS tick: still found under its code, it is not corrected, even in a search with
    no GMS column (decision 94 is for doses given elsewhere)."""
    review = Review(ReviewInputs(PRACTICE, (_search(*_COLUMNS),), (row(row=4),), (), ()), rules)
    (event,) = review.events
    key = event_key(event)
    assert key and rules.needs_action(event.programme, "not_given")
    decided = (key, "not_given", 1, "", "A. Reviewer", "2026-10-01", None, "reviewer", None,
               "", "", "a.csv")  # fmt: skip
    (done,) = carry(review, [_earlier("A.cqrsreview", decided)], SHA).records
    assert (done.record.export_check, done.record.action_done) == ("not_corrected", False)
    assert done.record.evidence.startswith("still in search.csv, row 4: not yet recoded or removed")


def test_a_mark_is_no_proof_that_a_dose_to_recode_or_remove_was(rules) -> None:  # type: ignore[no-untyped-def]
    """Not given (recorded in error) and not eligible (pertussis: recode it) are put right
    by recoding the entry or removing it: a dose still found under its code, newly marked
    not GMS and at another organisation, is not corrected, and the evidence says why. The
    same marks still prove a dose given elsewhere marked (decision 143)."""
    marked = row(row=10, nhs_number=NHS[6], date=dt.date(2024, 9, 20), organisation="RJ1",
                 non_gms=True)  # fmt: skip
    review = _review(rules, (marked,))
    event = next(e for e in review.events if e.row == 10)
    key = event_key(event)
    assert key and {"non_gms", "other_organisation"} <= set(event.flags)

    def carried(decision: str) -> DecisionRecord:
        assert rules.needs_action(event.programme, decision)
        decided = (key, decision, 0, "", "A. Reviewer", "2026-10-01", None, None, None, "",
                   "", "a.csv")  # fmt: skip
        (done,) = carry(review, [_earlier("A.cqrsreview", decided)], SHA).records
        return done.record

    for decision in ("not_given", "not_eligible"):
        record = carried(decision)
        assert (record.export_check, record.action_done, record.action_evidence) == (
            "not_corrected", False, None,
        )  # fmt: skip
        assert record.evidence == (
            "still in search.csv, row 10: not yet recoded or removed; it is marked not GMS "
            "and recorded by another organisation, which neither recodes nor removes it"
        )
    given_elsewhere = carried("other_provider")
    assert (given_elsewhere.export_check, given_elsewhere.action_done) == ("corrected", True)


def test_a_vaccination_marked_unsure_earlier_brings_who_doubted_it_and_the_note(rules) -> None:  # type: ignore[no-untyped-def]
    """Its card shows the doubt to settle: the later review's entry where two marked it
    unsure; none for one decided here or carried (decision 100)."""
    review = _review(rules)
    first, second = (event_key(e) for e in review.events[:2])
    assert first and second
    doubt_a = (first, "unsure", 0, "Maternity letter? Ask Dr Shah", "A. Reviewer",
               "2026-10-01", None, None, None, "", "", "search.csv")  # fmt: skip
    doubt_b = (first, "unsure", 0, "still no letter", "B. Reviewer", "2026-11-01", None,
               None, None, "", "", "search.csv")  # fmt: skip
    a = dataclasses.replace(
        _earlier("A.cqrsreview", _row(second, "practice", "2026-10-01")),
        created_at="2026-10-02", unsure=frozenset({first}), unsure_rows={first: doubt_a},
    )  # fmt: skip
    b = dataclasses.replace(
        _earlier("B.cqrsreview"),
        created_at="2026-11-02", unsure=frozenset({first}), unsure_rows={first: doubt_b},
    )  # fmt: skip
    carried = carry(review, [b, a], SHA)
    ((event_id, (entry,)),) = [(d.event_id, d.decisions) for d in carried.unsure_shown]
    assert event_id == review.events[0].id
    assert (entry.decision, entry.review, entry.note, entry.reviewer) == (
        Decision.UNSURE, "B.cqrsreview", "still no letter", "B. Reviewer",
    )  # fmt: skip
    assert carried.shown_earlier == {event_id: (entry,)}
    assert carried.unsure_earlier == 1


def test_two_reviews_that_knew_a_patient_only_by_name_are_both_weighed(rules) -> None:  # type: ignore[no-untyped-def]
    """A and B both had her without a number (B carried A, then changed it); here she has
    her number: B's decision is not lost behind A's. Decided differently, it is left to
    decide with both; the same, the later review's entry (its note) is carried."""
    review = _review(rules)
    event = review.events[0]
    by_name = name_key(event)
    assert by_name
    a = dataclasses.replace(
        _earlier("A.cqrsreview", _row(by_name, "other_provider", "2026-10-01", "A's")),
        named=True,
        created_at="2026-10-01T09:00:00+00:00",
    )
    b = dataclasses.replace(
        _earlier("B.cqrsreview", _row(by_name, "practice", "2026-11-01", "B's")),
        named=True,
        created_at="2026-11-01T09:00:00+00:00",
    )
    carried = carry(review, [a, b], SHA)
    (disagreement,) = carried.disagreements
    assert [d.review for d in disagreement.decisions] == ["A.cqrsreview", "B.cqrsreview"]
    assert carried.records == ()
    same = dataclasses.replace(
        b, rows={by_name: _row(by_name, "other_provider", "2026-10-01", "B's note")}
    )
    for order in ([a, same], [same, a]):
        (record,) = carry(review, order, SHA).records
        assert (record.review, record.record.note) == ("B.cqrsreview", "B's note")


def test_an_earlier_proof_stays_only_for_what_proved_it(rules) -> None:  # type: ignore[no-untyped-def]
    """The dose was at a hospital (R1H) when decided. B saw it marked not GMS; here the
    mark is gone though the search shows the column: the hospital, there all along, proves
    nothing (decision 101). Still marked, it is corrected by the mark alone, not "now
    recorded by another organisation"."""
    at_hospital = row(row=9, nhs_number=NHS[5], date=dt.date(2024, 9, 20), organisation="R1H")
    marked = dataclasses.replace(
        at_hospital, row=10, nhs_number=NHS[6], non_gms=True, non_gms_said=True
    )
    review = _review(rules, (at_hospital, marked))
    unmarked, still = (next(e for e in review.events if e.row == n) for n in (9, 10))
    flags = "non_gms other_organisation"
    rows = [
        _proved(k, flags, "corrected", "export", said="marked not GMS")
        for k in (event_key(unmarked), event_key(still))
        if k
    ]
    records = {
        c.record.event_id: c.record for c in carry(review, [_earlier("B", *rows)], SHA).records
    }
    gone_back = records[unmarked.id]
    assert (gone_back.export_check, gone_back.action_done, gone_back.action_evidence) == (
        "not_corrected", False, None,
    )  # fmt: skip
    assert gone_back.evidence == (
        "no change seen in search.csv, row 9: it was recorded by another organisation when "
        "decided too (an earlier search showed it corrected: check the record)"
    )
    assert records[still.id].export_check == "corrected"
    assert records[still.id].evidence == "seen corrected in search.csv, row 10 (marked not GMS)"


def test_a_dose_back_after_leaving_the_search_is_not_proved_by_its_organisation(rules) -> None:  # type: ignore[no-untyped-def]
    """B's search no longer held the dose (taken as corrected); it is back here, still at
    the hospital and not marked: what the earlier search showed of it is not known, so the
    organisation is no sign of a change."""
    back = row(row=9, nhs_number=NHS[5], date=dt.date(2024, 9, 20), organisation="R1H")
    review = _review(rules, (back,))
    event = next(e for e in review.events if e.row == 9)
    key = event_key(event)
    assert key and "other_organisation" in event.flags
    (carried,) = carry(review, [_earlier("B", _proved(key, "", "gone", "export"))], SHA).records
    record = carried.record
    assert (record.export_check, record.action_done) == ("not_corrected", False)
    assert record.evidence == (
        "not marked not GMS in search.csv, row 9; it is recorded by another organisation, "
        "but the earlier search no longer held the dose, so that is no sign of a change "
        "(an earlier search no longer held it: check the record)"
    )


def test_a_review_made_knowing_an_earlier_decision_is_not_a_disagreement(rules) -> None:  # type: ignore[no-untyped-def]
    """B carried A, and its reviewer decided one vaccination again: carrying A and B, B's
    decision is taken, not left to decide as if two reviewers had disagreed (decision
    104); in a month not searched here, it is kept. A review that did not carry A (made
    alongside it), or A changed since B carried it (or a copy of A changed apart), still
    disagrees; so does a review that knew A only through one made before A changed."""
    review = _review(rules)
    event = review.events[0]
    key = event_key(event)
    assert key
    october = f"pertussis_pregnant|2024-10-07|nhs:{NHS[9]}"  # not searched here
    a = dataclasses.replace(
        _earlier(
            "A.cqrsreview",
            _row(key, "practice", "2026-10-01"),
            _row(october, "practice", "2026-10-01"),
        ),
        created_at="2026-10-01T09:00:00+00:00",
        known_as="a@1",
    )
    b = dataclasses.replace(
        _earlier(
            "B.cqrsreview",
            _row(key, "other_provider", "2026-11-02", "B's"),
            _row(october, "other_provider", "2026-11-02", "B's"),
        ),
        created_at="2026-11-01T09:00:00+00:00",
        known_as="b@1",
        knew=frozenset({"a@1"}),
    )
    for order in ([a, b], [b, a]):
        carried = carry(review, order, SHA)
        assert carried.disagreements == ()
        (record,) = carried.records
        assert (record.review, record.record.decision) == ("B.cqrsreview", Decision.OTHER_PROVIDER)
        (held,) = carried.held
        assert (held[0], held[1], held[3]) == (october, "other_provider", "B's")
        assert (carried.superseded, carried.differ_not_kept) == (2, 0)
        assert carried.knew == {"a@1", "b@1"}
        assert (
            "2 vaccinations decided differently in earlier reviews, the later review made "
            "knowing the earlier decision: the later decisions are taken" in carried_notice(carried)
        )
    alongside = dataclasses.replace(b, knew=frozenset())
    changed_since = dataclasses.replace(a, known_as="a@2")  # (or a copy, changed apart)
    c = dataclasses.replace(  # carried B only: knew A as B had it
        b, file="C.cqrsreview", created_at="2026-12-01T09:00:00+00:00", known_as="c@1",
        knew=frozenset({"a@1", "b@1"}),
    )  # fmt: skip
    for one, other in ((a, alongside), (changed_since, b), (changed_since, c)):
        carried = carry(review, [one, other], SHA)
        assert len(carried.disagreements) == 1 and carried.records == ()
        assert (carried.superseded, carried.differ_not_kept) == (0, 1)
    # A changed since B took it in, but not these two vaccinations (a tick elsewhere): B
    # still knew them; changed where it cannot tell which ("*"), or this one: not known
    for changed, superseded in ((frozenset({"pertussis_pregnant|2024-09-03|nhs:x"}), 2),
                                (frozenset({"*"}), 0), (frozenset({key}), 1)):  # fmt: skip
        ticked_since = dataclasses.replace(a, known_as="a@2", still={"a@1": changed})
        assert carry(review, [ticked_since, b], SHA).superseded == superseded


def test_reviews_that_agree_need_not_know_each_other(rules) -> None:  # type: ignore[no-untyped-def]
    """B and B2 each carried A and each decided the vaccination again, the same way: they
    need not know each other (they agree); each knew the decision it changed."""
    review = _review(rules)
    key = event_key(review.events[0])
    assert key
    a = dataclasses.replace(
        _earlier("A.cqrsreview", _row(key, "practice", "2026-10-01")),
        created_at="2026-10-01T09:00:00+00:00", known_as="a@1",
    )  # fmt: skip
    b, b2 = (
        dataclasses.replace(
            _earlier(f"{name}.cqrsreview", _row(key, "other_provider", f"2026-11-0{n}", name)),
            created_at=f"2026-11-0{n}T09:00:00+00:00",
            known_as=f"{name}@1",
            knew=frozenset({"a@1"}),
        )
        for n, name in ((1, "B"), (2, "B2"))
    )
    carried = carry(review, [a, b, b2], SHA)
    (record,) = carried.records
    assert (record.review, record.record.note) == ("B2.cqrsreview", "B2")
    assert (carried.disagreements, carried.superseded) == ((), 1)
    differently = dataclasses.replace(b2, rows={key: _row(key, "not_given", "2026-11-02")})
    carried = carry(review, [a, b, differently], SHA)  # B and B2 now disagree: neither knew
    assert len(carried.disagreements) == 1 and carried.records == ()


def test_a_proof_by_organisation_alone_is_undone_where_the_search_shows_it_back(rules) -> None:  # type: ignore[no-untyped-def]
    """B saw the dose moved to another organisation (corrected, by that alone). This search
    has no GMS column but an organisation column, and shows it back at the practice: the
    proof is undone, not "cannot be checked" with the earlier word standing. Proved by a
    Non-GMS mark too, the mark may still be there: that, it cannot tell."""
    columns = (*_COLUMNS, "organisation")
    review = Review(ReviewInputs(PRACTICE, (_search(*columns),), (row(row=4),), (), ()), rules)
    (event,) = review.events
    key = event_key(event)
    assert key and "other_organisation" not in event.flags

    def carried(said: str) -> DecisionRecord:
        proved = _proved(key, "other_organisation", "corrected", "export", said=said)
        (done,) = carry(review, [_earlier("B.cqrsreview", proved)], SHA).records
        return done.record

    back = carried("now recorded by another organisation")
    assert (back.export_check, back.action_done, back.action_evidence) == (
        "not_corrected",
        False,
        None,
    )
    assert back.evidence == (
        "no longer recorded by another organisation in search.csv, row 4 (an earlier search "
        "showed it corrected: check the record)"
    )
    marked_too = carried("marked not GMS, now recorded by another organisation")
    assert (marked_too.export_check, marked_too.action_done) == (None, True)


def test_a_dose_back_in_a_search_with_no_gms_column_is_not_counted_as_updated(rules) -> None:  # type: ignore[no-untyped-def]
    """B's search no longer held the dose (taken as corrected, nobody ticked it); it is back
    in a search that cannot show a Non-GMS mark: not counted as updated (no export proves
    it now), and the notice does not say the earlier word stands for it."""
    review = Review(ReviewInputs(PRACTICE, (_search(*_COLUMNS),), (row(row=4),), (), ()), rules)
    (event,) = review.events
    key = event_key(event)
    assert key
    gone = _proved(key, "", "gone", "export")
    unticked = (*gone[:2], 0, *gone[3:])
    carried = carry(review, [_earlier("B.cqrsreview", unticked)], SHA)
    (done,) = carried.records
    record = done.record
    assert (record.export_check, record.action_done, record.action_evidence) == (None, False, None)
    assert record.evidence.endswith("(an earlier search no longer held it: check the record)")
    assert (
        "1 cannot be checked against this search, which has no GMS or Non-GMS column (none "
        "counts as updated: each is still to update, or to tick once updated)"
    ) in carried_notice(carried)
    ticked = carry(review, [_earlier("B.cqrsreview", gone)], SHA)
    assert "(the earlier review's word on the clinical system stands)" in carried_notice(ticked)


def test_a_vaccination_an_earlier_search_held_twice_is_shown_not_lost(rules) -> None:  # type: ignore[no-untyped-def]
    """The earlier search had the patient twice on one day (a duplicate entry), each entry
    decided ("given here", and "not given: duplicate entry"). Which entry this month's one
    is cannot be told: nothing is carried, both decisions are shown and the notice counts
    it; one no event here is of is said not kept (decision 108)."""
    review = _review(rules)
    first = event_key(review.events[0])
    assert first
    elsewhere = first.replace("2024-09-02", "2024-09-28")  # in no search here
    entries = (
        _row(first, "practice", "2026-10-01"),
        _row(first, "not_given", "2026-10-01", "duplicate entry"),
    )
    a = dataclasses.replace(
        _earlier("A.cqrsreview"),
        twice={first: entries, elsewhere: entries},
    )
    carried = carry(review, [a], SHA)
    assert carried.records == () and carried.disagreements == ()
    (shown,) = carried.held_twice
    assert shown.event_id == review.events[0].id
    assert [(d.decision, d.note) for d in shown.decisions] == [
        (Decision.PRACTICE, ""),
        (Decision.NOT_GIVEN, "duplicate entry"),
    ]
    assert carried.shown_earlier[shown.event_id] == shown.decisions
    assert carried.twice_not_here == 1
    notice = carried_notice(carried)
    assert "1 event whose vaccination an earlier review's search held more than once" in notice
    assert "which entry this one is cannot be told" in notice
    assert "held more than once (a duplicate entry) and this review's searches do not" in notice
    # another review's own decision for it is carried as before
    b = _earlier("B.cqrsreview", _row(first, "other_provider", "2026-09-01"))
    carried = carry(review, [b, a], SHA)
    assert [c.review for c in carried.records] == ["B.cqrsreview"]
    assert carried.held_twice == ()


def test_a_duplicate_held_twice_on_both_sides_or_found_by_name_is_shown_on_each_entry(
    rules,
) -> None:  # type: ignore[no-untyped-def]
    """The search here holds the duplicate too: each of its entries shows both earlier
    decisions. A patient with no NHS number here, who had one there, and one known there by
    name only, are found by their other identifier."""
    twice_here = row(
        row=9, nhs_number=NHS[0], surname="Surname0", date=dt.date(2024, 9, 2)
    )  # the first row's patient and day again
    unnumbered = row(row=10, nhs_number=None, surname="Nonumber", date=dt.date(2024, 9, 20))
    review = _review(rules, (twice_here, unnumbered))
    first = event_key(review.events[0])
    assert first
    nameless_there = f"pertussis_pregnant|2024-09-03|name:surname1:{review.events[1].date_of_birth}"
    numbered_there = f"pertussis_pregnant|2024-09-20|nhs:{NHS[7]}"
    entries = (_row("x", "practice", "2026-10-01"), _row("x", "not_given", "2026-10-01"))
    alias_of = name_key(next(e for e in review.events if not has_valid_number(e)))
    assert alias_of
    a = dataclasses.replace(
        _earlier("A.cqrsreview"),
        twice={first: entries, nameless_there: entries, numbered_there: entries},
        aliases={alias_of: numbered_there},
        named=True,
    )
    carried = carry(review, [a], SHA)
    shown = {d.event_id for d in carried.held_twice}
    by_row = {e.row: e.id for e in review.events}
    assert shown == {by_row[2], by_row[9], by_row[3], by_row[10]}
    assert all(len(d.decisions) == 2 for d in carried.held_twice)
    assert carried.twice_not_here == 0


def test_a_tick_a_search_imported_again_undoes_is_said_to_be_whose_it_was(rules) -> None:  # type: ignore[no-untyped-def]
    """A search run again into the same review, still showing two doses decided given
    elsewhere as the practice's own: the tick this review's reviewer made is said to be
    this review's; one carried in from review A is said to be the earlier review's."""
    review = _review(rules)
    first, second = review.events[:2]
    review.apply(first.id, DecisionRecord(first.id, Decision.OTHER_PROVIDER, True))
    carried = DecisionRecord(
        second.id, Decision.OTHER_PROVIDER, True, carried_from="A.cqrsreview",
        action_evidence="reviewer",
    )  # fmt: skip
    review.apply(second.id, carried)
    again = _review(rules)
    done = carry(again, [earlier_from_review(review, SHA)], {"search.csv": "c" * 64})
    words = {c.record.event_id: c.record.evidence for c in done.records}
    assert words[again.events[0].id].endswith(
        "(ticked as updated in this review: check the record)"
    )
    assert words[again.events[1].id].endswith(
        "(the earlier review says it was updated: check the record)"
    )


def test_a_number_put_right_in_a_search_imported_again_keeps_its_decision(rules) -> None:  # type: ignore[no-untyped-def]
    """The review's own decision of a patient whose number was mistyped (flagged): a search
    imported again with her number put right finds it by surname and date of birth
    (decision 133), and her dose is not taken as gone (nor so as corrected)."""
    good = NHS[0]
    typo = good[:-1] + str((int(good[-1]) + 1) % 10)
    mistyped = row(row=9, nhs_number=typo, surname="Evans", date=dt.date(2024, 9, 9))
    review = _review(rules, (mistyped,))
    (hers,) = [e for e in review.events if e.nhs_number_as_found == typo]
    assert not has_valid_number(hers)
    review.apply(hers.id, DecisionRecord(hers.id, Decision.OTHER_PROVIDER, note="RAVS"))
    put_right = row(row=2, nhs_number=good, surname="Evans", date=dt.date(2024, 9, 9))
    again = Review(ReviewInputs(PRACTICE, (), (put_right,), (), ()), rules)
    done = carry(again, [earlier_from_review(review, SHA)], {"search.csv": "c" * 64})
    (taken,) = done.records
    assert (taken.record.event_id, taken.record.note) == (again.events[0].id, "RAVS")
    assert done.gone == ()


def test_what_a_review_left_open_is_not_settled_by_a_review_it_took_in(rules) -> None:  # type: ignore[no-untyped-def]
    """C took in A and left a vaccination undecided (A and B disagreed): carried with A,
    it is left to decide again with what C showed and A's decision, not A's decision
    taken; a review made later that took C in and decided it is taken (decision 134)."""
    review = _review(rules)
    key = event_key(review.events[0])
    assert key
    a = dataclasses.replace(
        _earlier("A.cqrsreview", _row(key, "practice", "2026-10-01", "A's")),
        known_as="a@3:x",
        created_at="2026-10-02",
    )
    shown = (
        _shown("A", Decision.PRACTICE, "A's"),
        _shown("B", Decision.OTHER_PROVIDER, "B's"),
    )  # fmt: skip
    c = _c_left_open({key: shown})
    for given in ([a, c], [c, a], [c]):
        carried = carry(review, given, SHA)
        assert review.events[0].id not in {r.record.event_id for r in carried.records}
        (disagreement,) = carried.disagreements
        assert [(d.review, d.decision) for d in disagreement.decisions] == [
            ("A.cqrsreview", Decision.PRACTICE),
            ("B.cqrsreview", Decision.OTHER_PROVIDER),
        ]
    d = dataclasses.replace(
        _earlier("D.cqrsreview", _row(key, "other_provider", "2026-12-01", "D's")),
        known_as="d@4:w",
        knew=frozenset({"c@9:y", "a@3:x", "b@2:z"}),
        created_at="2026-12-02",
    )
    carried = carry(review, [a, c, d], SHA)
    assert carried.disagreements == ()
    (taken,) = [r for r in carried.records if r.record.event_id == review.events[0].id]
    assert (taken.review, taken.record.note) == ("D.cqrsreview", "D's")


def test_what_a_review_showed_of_one_earlier_entry_travels_on_with_it(rules) -> None:  # type: ignore[no-untyped-def]
    """B carried A, which had marked one vaccination unsure (B showed the doubt, decision
    100) and decided another as given here, which B's search showed marked not GMS (set
    aside, decision 88); B left both undecided. Carrying B alone shows each as B did and
    counts it, as an unsure mark (not "decided differently") and a decision set aside;
    with A too, once each; and the "given here", where this search no longer says
    otherwise, is carried as A's would be (decision 140)."""

    def made(non_gms: bool) -> Review:
        marked = row(row=11, nhs_number=NHS[5], date=dt.date(2024, 9, 20), non_gms=non_gms)
        return _review(rules, (marked,))

    review = made(non_gms=True)
    doubted, aside = review.events[0], review.events[-1]
    doubted_key, aside_key = event_key(doubted), event_key(aside)
    assert doubted_key and aside_key and "non_gms" in aside.flags
    doubt = (doubted_key, "unsure", 0, "ask Dr Shah", "A. Reviewer", "2026-10-01", None, None,
             None, "", "", "search.csv")  # fmt: skip
    a = dataclasses.replace(
        _earlier("A.cqrsreview", _row(aside_key, "practice", "2026-10-01", "seen in clinic")),
        created_at="2026-10-02", unsure=frozenset({doubted_key}),
        unsure_rows={doubted_key: doubt},
    )  # fmt: skip
    b = dataclasses.replace(
        _earlier("B.cqrsreview"),
        created_at="2026-11-02",
        left_open={
            doubted_key: (_shown("A", Decision.UNSURE, "ask Dr Shah"),),
            aside_key: (_shown("A", Decision.PRACTICE, "seen in clinic"),),
        },
    )
    for given in ([b], [a, b], [b, a]):
        carried = carry(review, given, SHA)
        assert (carried.records, carried.disagreements) == ((), ())
        assert (carried.unsure_earlier, carried.contradicted) == (1, 1)
        shown = {
            event_id: [(d.decision, d.decided_in, d.note, d.reviewer) for d in decisions]
            for event_id, decisions in carried.shown_earlier.items()
        }
        assert shown == {
            doubted.id: [(Decision.UNSURE, "A.cqrsreview", "ask Dr Shah", "A. Reviewer")],
            aside.id: [(Decision.PRACTICE, "A.cqrsreview", "seen in clinic", "A. Reviewer")],
        }
        notice = carried_notice(carried)
        assert "1 vaccination marked unsure in an earlier review is not carried" in notice
        assert "1 decision 'given here' not carried" in notice
        assert "decided differently" not in notice
    clean = made(non_gms=False)  # the mark gone again: A's decision is weighed as it was
    as_a, as_b = (carry(clean, [done], SHA).records for done in (a, b))
    assert [(r.record.decision, r.record.carried_from, r.record.note) for r in as_b] == [
        (Decision.PRACTICE, "A.cqrsreview", "seen in clinic")
    ]
    assert [r.record.event_id for r in as_b] == [r.record.event_id for r in as_a]


def test_a_vaccination_decided_differently_gone_from_the_search_is_counted(rules) -> None:  # type: ignore[no-untyped-def]
    """Earlier reviews disagreed on a dose the new search (covering its day) no longer
    holds: neither decision is kept nor taken as proof, and it is counted, not dropped
    without a word; the same for a dose a later review left undecided between them, with
    only one of those reviews given here (decision 135)."""
    review = _searched_review(rules)
    gone_key = f"pertussis_pregnant|2024-09-03|nhs:{NHS[6]}"
    a = dataclasses.replace(
        _earlier("A.cqrsreview", _row(gone_key, "other_provider", "2026-10-01")),
        known_as="a@3:x",
        created_at="2026-10-02",
    )
    b = dataclasses.replace(
        _earlier("B.cqrsreview", _row(gone_key, "practice", "2026-10-01")),
        known_as="b@2:z",
        created_at="2026-10-03",
    )
    carried = carry(review, [a, b], SHA)
    assert (carried.gone, carried.held, carried.differ_gone) == ((), (), 1)
    assert "1 vaccination decided differently in earlier reviews no longer in this search" in (
        carried_notice(carried)
    )
    shown = (
        _shown("A", Decision.OTHER_PROVIDER),
        _shown("B", Decision.PRACTICE),
    )  # fmt: skip
    c = _c_left_open({gone_key: shown})
    carried = carry(review, [a, c], SHA)  # A alone would have been taken as corrected
    assert (carried.gone, carried.held, carried.differ_gone) == ((), (), 1)
    assert carry(review, [a], SHA).gone  # (as it is, alone)


def _typo(number: str) -> str:
    """The number with its last digit changed: one that fails its check."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def test_a_mistyped_number_is_no_proof_and_twins_are_not_told_apart_by_it(rules) -> None:  # type: ignore[no-untyped-def]
    """Decision 133. A's Beth had a mistyped number: in a search with her number put right
    she is found by name, unless A held another patient of her name that day (Amy, her
    twin): then she takes nothing, Amy keeps her own, and Beth's decision is kept, not
    taken as a dose gone (corrected): a number that failed its check proves nothing by
    its absence. Nor does one with no name to find her by."""
    day = dt.date(2024, 9, 10)
    amy = row(row=2, nhs_number=NHS[5], surname="Okafor", forenames="Amy", date=day)
    beth = row(row=3, nhs_number=NHS[6], surname="Okafor", forenames="Beth", date=day)
    review = Review(ReviewInputs(PRACTICE, (), (amy, beth), (), ()), rules)
    amy_event, beth_event = review.events
    name = name_key(beth_event)
    assert name and name == name_key(amy_event)
    amy_key = event_key(amy_event)
    assert amy_key
    typo_key = f"pertussis_pregnant|2024-09-10|nhs:{_typo(NHS[6])}"
    rows = (_row(amy_key, "practice", "2026-10-01", "Amy"),
            _row(typo_key, "other_provider", "2026-10-01", "Beth"))  # fmt: skip
    alone = dataclasses.replace(_earlier("A.cqrsreview", rows[1]), mistyped={name: typo_key})
    only_beth = Review(ReviewInputs(PRACTICE, (), (beth,), (), ()), rules)
    (taken,) = carry(only_beth, [alone], SHA).records
    assert (taken.record.event_id, taken.record.note) == (only_beth.events[0].id, "Beth")
    twins = dataclasses.replace(_earlier("A.cqrsreview", *rows), mistyped={name: ""})
    carried = carry(review, [twins], SHA)
    assert [(c.record.event_id, c.record.note) for c in carried.records] == [(amy_event.id, "Amy")]
    assert carried.gone == ()
    # a search covering the day, with neither twin (nor a name for Beth): still no proof
    searched = _searched_review(rules)
    nameless = _earlier("A.cqrsreview", _row(typo_key.replace("09-10", "09-03"), "other_provider",
                                            "2026-10-01"))  # fmt: skip
    carried = carry(searched, [nameless], SHA)
    assert carried.gone == () and len(carried.held) == 1 and carried.maybe_here == 1


def test_a_mistyped_patient_left_undecided_stays_so_with_her_number_put_right(rules) -> None:  # type: ignore[no-untyped-def]
    """Decision 134 for a patient whose number failed its check in C (which left her
    vaccination undecided between A and B): with her number put right, A's decision is
    not taken."""
    review = _review(rules)
    event = review.events[0]
    name = name_key(event)
    assert name and event.nhs_number
    typo_key = f"pertussis_pregnant|{event.date.isoformat()}|nhs:{_typo(event.nhs_number)}"
    a = dataclasses.replace(
        _earlier("A.cqrsreview", _row(typo_key, "practice", "2026-10-01")),
        known_as="a@3:x", created_at="2026-10-02", mistyped={name: typo_key},
    )  # fmt: skip
    shown = (
        _shown("A", Decision.PRACTICE),
        _shown("B", Decision.OTHER_PROVIDER),
    )  # fmt: skip
    c = dataclasses.replace(_c_left_open({typo_key: shown}), mistyped={name: typo_key})
    assert carry(review, [a], SHA).records  # (A alone: found by name)
    carried = carry(review, [a, c], SHA)
    assert event.id not in {r.record.event_id for r in carried.records}
    assert [d.event_id for d in carried.disagreements] == [event.id]


def test_what_a_review_left_undecided_is_said_when_no_event_here_is_of_it(rules) -> None:  # type: ignore[no-untyped-def]
    """C alone, which left two vaccinations undecided between A and B: one no longer in a
    search covering its day, one of a month not searched. Each is said (decision 135),
    not dropped without a word."""
    shown = (
        _shown("A", Decision.PRACTICE),
        _shown("B", Decision.OTHER_PROVIDER),
    )  # fmt: skip
    gone = f"pertussis_pregnant|2024-09-03|nhs:{NHS[7]}"
    later = f"pertussis_pregnant|2024-11-03|nhs:{NHS[7]}"
    c = dataclasses.replace(_earlier("C.cqrsreview"), left_open={gone: shown, later: shown})
    carried = carry(_searched_review(rules), [c], SHA)
    assert (carried.differ_gone, carried.differ_not_kept) == (1, 1)
    assert carried.records == () and carried.disagreements == () and carried.gone == ()


def _searched_with(rules, *extra):  # type: ignore[no-untyped-def]
    """`_searched_review` with more rows of the same search."""
    rows = _review(rules, extra).inputs.rows
    searched = SourceSummary("search.csv", "b" * 64, len(rows), len(rows), 0, 0)
    return Review(ReviewInputs(PRACTICE, (searched,), rows, (), ()), rules)


def test_a_dose_whose_patient_may_be_here_otherwise_named_or_dated_proves_nothing(rules) -> None:  # type: ignore[no-untyped-def]
    """Decision 138. Doses decided given elsewhere, lacking from a search covering their
    day, that are no proof of a correction: (1) a patient with no NHS number, her surname
    spelt otherwise now (a row of that day with no number may be her); (2) a patient whose
    dose is now dated a day later (its date put right); (3) a search holding no vaccination
    at all. Each is kept and said; none taken as corrected. A dose of the same patient
    beyond the programme's duplicate window does not stop the proof."""
    smith = "pertussis_pregnant|2024-09-03|name:smith:1994-10-25"
    smyth = row(row=9, nhs_number=None, surname="Smyth", date=dt.date(2024, 9, 3))
    a = _earlier("A.cqrsreview", _row(smith, "other_provider", "2026-10-01"))
    carried = carry(_searched_with(rules, smyth), [a], SHA)
    assert (carried.gone, carried.maybe_here) == ((), 1)
    assert carry(_searched_review(rules), [a], SHA).gone  # (no such row: gone, as before)

    moved = f"pertussis_pregnant|2024-09-03|nhs:{NHS[6]}"
    a = _earlier("A.cqrsreview", _row(moved, "other_provider", "2026-10-01"))
    for day, proof in ((dt.date(2024, 9, 4), False), (dt.date(2024, 10, 30), True)):
        later = row(row=9, nhs_number=NHS[6], surname="Moved", date=day)
        carried = carry(_searched_with(rules, later), [a], SHA)
        assert bool(carried.gone) is proof, day
        assert carried.near == (not proof), day
    carried = carry(_searched_with(rules, row(row=9, nhs_number=NHS[6], date=dt.date(2024, 9, 4))),
                    [a], SHA)  # fmt: skip
    assert "a few days away, which may be the same dose with its date put right" in (
        carried_notice(carried)
    )

    empty = Review(
        ReviewInputs(
            PRACTICE, (SourceSummary("empty.csv", "e" * 64, 0, 0, 0, 0, span=("2024-09", "2024-09"),
                                     programme="pertussis_pregnant"),), (), (), ()),
        rules,
    )  # fmt: skip
    a = _earlier("A.cqrsreview", _row(moved, "other_provider", "2026-10-01"),
                 _row(smith.replace("smith", "jones"), "practice", "2026-10-01"))  # fmt: skip
    carried = carry(empty, [a], SHA)
    assert (carried.gone, carried.no_longer_found, carried.from_empty) == ((), 0, 2)
    assert "holds no vaccinations of their programme, which proves nothing" in (
        carried_notice(carried)
    )


def test_a_duplicate_entry_removed_beside_its_twin_is_proof_and_a_stated_start_counts(
    rules,
) -> None:  # type: ignore[no-untyped-def]
    """Decision 144. (1) A decided a duplicate entry (3 Sep) recorded in error and its twin
    (4 Sep) given here; the search no longer holds the 3rd: the 4th, a dose A knew, is no
    moved date, so the 3rd is gone (its removal proved). (2) A search given for a programme
    it holds no rows of proves nothing of it. (3) Days a file says it searched count as
    searched: a dose of the 16th lacking from a search stated to run from the 15th (its
    first vaccination on the 20th) is gone, not "may not have searched that day"."""
    removed = f"pertussis_pregnant|2024-09-03|nhs:{NHS[6]}"
    twin = row(row=9, nhs_number=NHS[6], surname="Twin", date=dt.date(2024, 9, 4))
    review = _searched_with(rules, twin)
    kept = event_key(next(e for e in review.events if e.nhs_number == NHS[6]))
    assert kept
    a = _earlier("A.cqrsreview", _row(removed, "not_given", "2026-10-01"),
                 _row(kept, "practice", "2026-10-01"))  # fmt: skip
    carried = carry(review, [a], SHA)
    assert [g.key for g in carried.gone] == [removed] and carried.near == 0

    hepb = f"hepb_babies|2024-09-03|nhs:{NHS[6]}"
    given_for_hepb = dataclasses.replace(
        _searched_review(rules).inputs.sources[0], programme="hepb_babies",
        span=("2024-09", "2024-09"),
    )  # fmt: skip
    only_pertussis = Review(
        dataclasses.replace(_searched_review(rules).inputs, sources=(given_for_hepb,)), rules
    )
    hepb_a = _earlier("A.cqrsreview", _row(hepb, "other_provider", "2026-10-01"))
    carried = carry(only_pertussis, [hepb_a], SHA)
    assert (carried.gone, carried.from_empty) == ((), 1)

    late_rows = tuple(row(row=2 + i, nhs_number=NHS[i], date=dt.date(2024, 9, 20 + i))
                      for i in range(3))  # fmt: skip
    stated = SourceSummary("search.csv", "b" * 64, 3, 3, 0, 0, searched_from="2024-09-15")
    review = Review(ReviewInputs(PRACTICE, (stated,), late_rows, (), ()), rules)
    sixteenth = f"pertussis_pregnant|2024-09-16|nhs:{NHS[7]}"
    carried = carry(review, [_earlier("A.cqrsreview", _row(sixteenth, "other_provider",
                                                           "2026-10-01"))], SHA)  # fmt: skip
    assert [g.key for g in carried.gone] == [sixteenth] and carried.unproven == 0


def test_a_decision_here_dated_before_the_earlier_one_it_replaces_is_said(rules) -> None:  # type: ignore[no-untyped-def]
    """A decisions file of last year's (its Decided at, 2024) over a decision an earlier
    review made since (2026): this review's decision still stands, and the notice asks to
    check the file is not an old one (decision 146). Dated after: nothing more said."""
    for at, said in (("2024-10-01T10:00:00+01:00", True), ("2026-12-01T10:00:00+00:00", False)):
        review = _review(rules)
        event = review.events[0]
        review.apply(event.id, DecisionRecord(event.id, Decision.PRACTICE, decided_at=at))
        key = event_key(event)
        assert key
        a = _earlier("A.cqrsreview", _row(key, "other_provider", "2026-11-01"))
        carried = carry(review, [a], SHA)
        assert (carried.replaced_differently, carried.replaced_older) == (1, int(said)), at
        assert ("check the decisions file is not an old one" in carried_notice(carried)) is said


def test_a_decision_timed_on_import_is_never_taken_for_an_earlier_ones_copy(rules) -> None:  # type: ignore[no-untyped-def]
    """Decision 156 takes a decisions file's row that is an earlier decision itself (the
    review's own workbook given back) as that decision carried. A row with no time of its
    own is timed as the file is read: where that second is the earlier decision's (two
    quick runs, as the Windows stage found), it is still this review's decision."""
    review = _review(rules)
    event = review.events[0]
    key = event_key(event)
    assert key
    at = "2026-12-06T11:40:00+00:00"
    a = _earlier("A.cqrsreview", _row(key, "other_provider", at))
    mine = DecisionRecord(event.id, Decision.OTHER_PROVIDER, reviewer="A. Reviewer", decided_at=at)
    review.apply_many([mine])
    # its time not stated by the file: this review's own, replacing A's
    assert carry(review, [a], SHA).records == ()
    # its time stated, every field as A's: A's decision, carried
    (copied,) = carry(review, [a], SHA, stated={event.id}).records
    assert copied.record.carried_from == "A.cqrsreview"
