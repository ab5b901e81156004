import datetime as dt

import pytest

from cqrs_desktop.domain.flags import flag_events
from cqrs_desktop.domain.model import Practice, RowKind
from tests.factories import NHS, PRACTICE, row


def flags_of(rules, *rows, practice: Practice = PRACTICE) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return [e.flags for e in flag_events(rows, rules, practice)]


def test_clean_event_has_no_flags(rules) -> None:  # type: ignore[no-untyped-def]
    assert flags_of(rules, row()) == [()]


@pytest.mark.parametrize("nhs", [None, "999631706", "9996317065"])
def test_invalid_nhs_number(rules, nhs) -> None:  # type: ignore[no-untyped-def]
    assert "invalid_nhs_number" in flags_of(rules, row(nhs_number=nhs))[0]


@pytest.mark.parametrize(
    ("org", "has_column", "flagged"),
    [
        ("F99001", True, False),
        (" f99 001 ", True, False),  # case and spaces ignored
        ("Riverside Medical Centre", True, False),  # the practice name counts too
        ("RIVERSIDE MEDICALCENTRE", True, False),
        ("R1H", True, True),
        ("", True, True),  # blank is not the practice
        (None, True, True),
        (None, False, False),  # no organisation column: nothing to say
    ],
)
def test_other_organisation(rules, org, has_column, flagged) -> None:  # type: ignore[no-untyped-def]
    result = flags_of(rules, row(organisation=org, has_organisation_column=has_column))[0]
    assert ("other_organisation" in result) is flagged


def test_non_gms(rules) -> None:  # type: ignore[no-untyped-def]
    assert flags_of(rules, row(non_gms=True)) == [("non_gms",)]


@pytest.mark.parametrize(
    ("gap", "flagged"), [(0, True), (31, True), (-31, True), (32, False), (-32, False)]
)
def test_other_provider_marker_window(rules, gap, flagged) -> None:  # type: ignore[no-untyped-def]
    event = row()
    marker = row(
        row=3, kind=RowKind.MARKER, date=event.date + dt.timedelta(days=gap), code="956971000000108"
    )
    result = flag_events([event, marker], rules, PRACTICE)
    assert len(result) == 1  # markers are not events
    assert ("other_provider_code" in result[0].flags) is flagged


def test_marker_of_another_programme_or_patient_does_not_count(rules) -> None:  # type: ignore[no-untyped-def]
    event = row()
    other_patient = row(row=3, kind=RowKind.MARKER, nhs_number=NHS[1])
    other_programme = row(row=4, kind=RowKind.MARKER, programme="hpv")
    assert flags_of(rules, event, other_patient, other_programme) == [()]


def test_marker_matches_by_surname_and_dob_without_nhs_number(rules) -> None:  # type: ignore[no-untyped-def]
    event = row(nhs_number=None)
    marker = row(row=3, kind=RowKind.MARKER, nhs_number=None, surname="JONES ")
    (flags,) = flags_of(rules, event, marker)
    assert "other_provider_code" in flags


@pytest.mark.parametrize(("gap", "flagged"), [(0, True), (28, True), (29, False)])
def test_duplicate_window_flags_both(rules, gap, flagged) -> None:  # type: ignore[no-untyped-def]
    first = row()
    second = row(row=3, date=first.date + dt.timedelta(days=gap))
    result = flags_of(rules, first, second)
    assert all(("duplicate_event" in f) is flagged for f in result)


def test_duplicate_needs_same_programme(rules) -> None:  # type: ignore[no-untyped-def]
    hpv = row(row=3, programme="hpv", date_of_birth=dt.date(2010, 1, 1))
    assert all("duplicate_event" not in f for f in flags_of(rules, row(), hpv))


@pytest.mark.parametrize(
    ("programme", "born", "expected"),
    [
        ("pertussis_pregnant", dt.date(2014, 11, 5), ()),  # 10 on the day: inside
        ("pertussis_pregnant", dt.date(2014, 11, 6), ("age_outside_programme",)),  # 9
        ("pertussis_pregnant", dt.date(1969, 11, 6), ()),  # 54
        ("pertussis_pregnant", dt.date(1969, 11, 5), ("age_outside_programme",)),  # 55
        ("rsv_pregnant", dt.date(1969, 11, 5), ("possible_older_adult_rsv",)),  # 55
        ("rsv_pregnant", dt.date(1969, 11, 6), ()),  # 54
        ("rsv_pregnant", dt.date(2014, 11, 6), ("age_outside_programme",)),  # 9
        ("hepb_babies", dt.date(2022, 11, 6), ()),  # 1
        ("hepb_babies", dt.date(2022, 11, 5), ("age_outside_programme",)),  # 2
        ("hpv", dt.date(2012, 11, 5), ("school_age",)),  # 12: school years
        ("hpv", dt.date(2008, 11, 6), ("school_age",)),  # 15
        ("hpv", dt.date(2008, 11, 5), ()),  # 16: the practice's catch-up
        ("menacwy", dt.date(2014, 11, 5), ("school_age",)),  # 10
        ("menacwy", dt.date(2014, 11, 6), ("age_outside_programme",)),  # 9
        ("menacwy", dt.date(2008, 11, 5), ()),  # 16
        ("hpv", dt.date(2012, 11, 6), ("age_outside_programme",)),  # 11
        ("hpv", dt.date(1999, 11, 5), ("age_outside_programme",)),  # 25
        ("menacwy", dt.date(1999, 11, 6), ()),  # 24
        ("menacwy", dt.date(1999, 11, 5), ("age_outside_programme",)),  # 25
    ],
)
def test_age_edges(rules, programme, born, expected) -> None:  # type: ignore[no-untyped-def]
    assert flags_of(rules, row(programme=programme, date_of_birth=born)) == [expected]


def test_age_column_used_without_date_of_birth(rules) -> None:  # type: ignore[no-untyped-def]
    (event,) = flag_events([row(date_of_birth=None, age=60)], rules, PRACTICE)
    assert event.age == 60
    assert event.flags == ("age_outside_programme",)


def test_no_age_no_age_flag(rules) -> None:  # type: ignore[no-untyped-def]
    assert flags_of(rules, row(date_of_birth=None)) == [()]


def test_sex_not_female_only_for_pregnancy_programmes(rules) -> None:  # type: ignore[no-untyped-def]
    assert flags_of(rules, row(sex="M")) == [("sex_not_female",)]
    assert flags_of(rules, row(sex="O")) == [()]
    teen = dt.date(2008, 1, 1)
    assert flags_of(rules, row(programme="hpv", sex="M", date_of_birth=teen)) == [()]


@pytest.mark.parametrize(
    ("programme", "days_to_edd", "flagged"),
    [
        ("pertussis_pregnant", 168, False),  # exactly 16 weeks
        ("pertussis_pregnant", 169, True),  # 15 weeks 6 days
        ("rsv_pregnant", 84, False),  # exactly 28 weeks
        ("rsv_pregnant", 85, True),
    ],
)
def test_gestation_limits(rules, programme, days_to_edd, flagged) -> None:  # type: ignore[no-untyped-def]
    event = row(programme=programme)
    (flags,) = flags_of(
        rules, row(programme=programme, edd=event.date + dt.timedelta(days=days_to_edd))
    )
    assert ("gestation_too_early" in flags) is flagged


@pytest.mark.parametrize(("days_after", "flagged"), [(14, False), (15, True)])
def test_after_due_date(rules, days_after, flagged) -> None:  # type: ignore[no-untyped-def]
    event = row()
    (flags,) = flags_of(rules, row(edd=event.date - dt.timedelta(days=days_after)))
    assert ("after_due_date" in flags) is flagged


def test_flags_sorted_and_ids_stable(rules) -> None:  # type: ignore[no-untyped-def]
    sample = row(sex="M", non_gms=True, organisation="R1H")
    first = flag_events([sample], rules, PRACTICE)[0]
    again = flag_events([sample], rules, PRACTICE)[0]
    assert first.flags == tuple(sorted(first.flags))
    assert first.id == again.id


def test_events_sorted_by_programme_date_nhs(rules) -> None:  # type: ignore[no-untyped-def]
    rows = [
        row(row=2, programme="rsv_pregnant", date=dt.date(2024, 9, 1)),
        row(row=3, date=dt.date(2024, 10, 1), nhs_number=NHS[2]),
        row(row=4, date=dt.date(2024, 10, 1), nhs_number=NHS[1]),
    ]
    result = flag_events(rows, rules, PRACTICE)
    assert [e.row for e in result] == [4, 3, 2]


def test_a_file_that_never_names_the_practice_says_what_it_names_most() -> None:
    from cqrs_desktop.domain.flags import practice_never_named

    practice = Practice("Y99001", "Riverside Surgery", None)
    mistyped = [row(row=i, organisation=o) for i, o in enumerate(["F99001", "F99001", "RX1"])]
    assert practice_never_named(mistyped, practice) == "F99001"
    ours = [*mistyped, row(row=9, organisation="riverside surgery")]
    assert practice_never_named(ours, practice) is None
    assert practice_never_named([row(row=1, organisation=None)], practice) is None
