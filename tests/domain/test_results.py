import datetime as dt

from cqrs_desktop.domain.model import (
    Claim,
    Decision,
    DecisionRecord,
    ItemStatus,
    RowKind,
    SourceSummary,
)
from cqrs_desktop.domain.review import Review, ReviewInputs
from tests.factories import NHS, PRACTICE, row


def review(rules, rows, claims=(), decisions=(), sources=()):  # type: ignore[no-untyped-def]
    inputs = ReviewInputs(PRACTICE, tuple(sources), tuple(rows), (), tuple(claims))
    return Review(inputs, rules, decisions)


def nov(n: int, **kw):  # type: ignore[no-untyped-def]
    """n clean November pertussis events (outside the review window)."""
    return [
        row(row=i + 2, nhs_number=NHS[i], date=dt.date(2024, 11, 1 + i), **kw) for i in range(n)
    ]


def decide(r: Review, index: int, decision: Decision) -> None:
    event = r.events[index]
    r.apply(event.id, DecisionRecord(event.id, decision))


def test_no_reasons_no_review_counts_as_practice(rules) -> None:  # type: ignore[no-untyped-def]
    r = review(rules, nov(3), [Claim("pertussis_pregnant", "2024-11", 3)])
    (item,) = r.items()
    assert item.reasons == ()
    assert not any(e.needs_review for e in r.events)
    assert (item.corrected, item.status, item.value_difference) == (3, ItemStatus.VALIDATED, 0.0)


def test_affected_period_marks_every_event(rules) -> None:  # type: ignore[no-untyped-def]
    rows = [row(date=dt.date(2024, 9, 3))]
    r = review(rules, rows, [Claim("pertussis_pregnant", "2024-09", 1)])
    (item,) = r.items()
    assert item.reasons == ("affected_period",)
    assert r.events[0].needs_review
    assert (item.pending, item.corrected, item.status) == (1, None, ItemStatus.INCOMPLETE)


def test_five_or_more_from_claim_or_events(rules) -> None:  # type: ignore[no-untyped-def]
    assert review(rules, nov(4), [Claim("pertussis_pregnant", "2024-11", 5)]).items()[
        0
    ].reasons == ("count_mismatch", "five_or_more")
    assert review(rules, nov(5)).items()[0].reasons == ("five_or_more",)
    assert review(rules, nov(4)).items()[0].reasons == ()


def test_count_mismatch_needs_a_search(rules) -> None:  # type: ignore[no-untyped-def]
    r = review(
        rules, nov(2), [Claim("pertussis_pregnant", "2024-11", 3), Claim("hpv", "2024-11", 2)]
    )
    pert, hpv = r.items()
    assert pert.reasons == ("count_mismatch",)
    assert hpv.reasons == ()
    assert (hpv.status, hpv.corrected, hpv.in_search) == (ItemStatus.NOT_CHECKED, None, 0)


def test_programme_given_for_an_empty_file_covers_only_a_stated_span(rules) -> None:  # type: ignore[no-untyped-def]
    # v1 called any programme given for a file "searched", so a claim in a month the search
    # never looked at was asked to be amended to 0. v2: only a stated span covers it.
    source = SourceSummary("hpv.csv", "x", 0, 0, 0, 0, programme="hpv")
    r = review(rules, [], [Claim("hpv", "2024-11", 2)], sources=[source])
    (item,) = r.items()
    assert (item.status, item.corrected, item.covered) == (ItemStatus.NOT_CHECKED, None, False)
    stated = SourceSummary("hpv.csv", "x", 0, 0, 0, 0, programme="hpv", span=("2024-10", "2024-11"))
    r = review(rules, [], [Claim("hpv", "2024-11", 2)], sources=[stated])
    (item,) = r.items()
    assert (item.status, item.corrected, item.covered) == (ItemStatus.AMEND, 0, True)
    assert item.value_difference == 20.12
    assert item.reasons == ("count_mismatch",)


def test_a_marker_alone_covers_nothing(rules) -> None:  # type: ignore[no-untyped-def]
    marker = row(kind=RowKind.MARKER, code="956971000000108")
    r = review(rules, [marker], [Claim("pertussis_pregnant", "2024-11", 1)])
    (item,) = r.items()
    assert item.status is ItemStatus.NOT_CHECKED and item.corrected is None


def test_statuses(rules) -> None:  # type: ignore[no-untyped-def]
    rows = [
        row(row=2, date=dt.date(2024, 9, 2), nhs_number=NHS[0]),
        row(row=3, date=dt.date(2024, 9, 3), nhs_number=NHS[1]),
    ]
    r = review(rules, rows, [Claim("pertussis_pregnant", "2024-09", 2)])
    assert r.items()[0].status is ItemStatus.INCOMPLETE
    decide(r, 0, Decision.PRACTICE)
    decide(r, 1, Decision.UNSURE)
    item = r.items()[0]
    assert (item.status, item.unsure, item.pending, item.corrected) == (
        ItemStatus.INCOMPLETE,
        1,
        0,
        None,
    )
    decide(r, 1, Decision.PRACTICE)
    assert r.items()[0].status is ItemStatus.VALIDATED
    decide(r, 1, Decision.OTHER_PROVIDER)
    item = r.items()[0]
    assert (item.status, item.corrected, item.value_difference) == (ItemStatus.AMEND, 1, 10.06)
    assert item.decisions == {"practice": 1, "other_provider": 1, "not_eligible": 0, "not_given": 0}


def test_no_claim_status(rules) -> None:  # type: ignore[no-untyped-def]
    (item,) = review(rules, nov(1)).items()
    assert (item.claimed, item.status, item.corrected, item.value_difference) == (
        None,
        ItemStatus.NO_CLAIM,
        1,
        None,
    )


def test_decisions_on_events_needing_no_review_count(rules) -> None:  # type: ignore[no-untyped-def]
    r = review(rules, nov(2), [Claim("pertussis_pregnant", "2024-11", 2)])
    decide(r, 0, Decision.NOT_GIVEN)
    item = r.items()[0]
    assert (item.corrected, item.status, item.decisions["not_given"]) == (1, ItemStatus.AMEND, 1)


def test_hepb_fee_follows_financial_year(rules) -> None:  # type: ignore[no-untyped-def]
    baby = dt.date(2025, 1, 1)
    rows = [
        row(programme="hepb_babies", date=dt.date(2025, 3, 5), date_of_birth=baby),
        row(
            row=3,
            programme="hepb_babies",
            date=dt.date(2025, 4, 5),
            date_of_birth=baby,
            nhs_number=NHS[1],
        ),
    ]
    march, april = review(rules, rows).items()
    assert (march.fee, april.fee) == (10.06, 12.06)


def test_items_sorted_by_rules_order_then_month(rules) -> None:  # type: ignore[no-untyped-def]
    claims = [
        Claim("hpv", "2024-09", 1),
        Claim("pertussis_pregnant", "2024-10", 1),
        Claim("pertussis_pregnant", "2024-09", 1),
        Claim("rsv_pregnant", "2024-09", 1),
    ]
    keys = [(i.programme, i.month) for i in review(rules, [], claims).items()]
    assert keys == [
        ("pertussis_pregnant", "2024-09"),
        ("pertussis_pregnant", "2024-10"),
        ("rsv_pregnant", "2024-09"),
        ("hpv", "2024-09"),
    ]


def test_later_claim_replaces_earlier(rules) -> None:  # type: ignore[no-untyped-def]
    claims = [Claim("hpv", "2024-09", 1), Claim("hpv", "2024-09", 4)]
    assert review(rules, [], claims).items()[0].claimed == 4
