"""Cell values: dates day-first, NHS numbers, ticks, sex, codes, months, names."""

from __future__ import annotations

import datetime as dt

import pytest

from cqrs_desktop.sources import nhs_digits, parse_date, parse_month, parse_yes_no
from cqrs_desktop.sources.values import (
    clean_code,
    map_unique,
    parse_age,
    parse_count,
    parse_sex,
    split_name,
)

SEP3 = dt.date(2024, 9, 3)


@pytest.mark.parametrize(
    "text",
    [
        "03/09/2024",
        "3/9/2024",
        "3/9/24",
        "03-Sep-2024",
        "03 Sep 2024",
        "3 September 2024",
        "03-sept-2024",
        "2024-09-03",
        "03.09.2024",
        "03/09/2024 10:15",
        "03/09/2024 10:15:59",
        "2024-09-03T10:15:00",
        "2024-09-03T10:15:00Z",
        "2024-09-03 00:00:00",
        "20240903",
        "20240903T10150000",
        "45538",
        "45538.0",
        "45538.4375",
        "Tue 03 Sep 2024",
        "3rd September 2024",
        " 03/09/2024 ",
        "03/09/2024 10:15 AM",
    ],
)
def test_dates_in_every_accepted_form_are_day_first(text: str) -> None:
    assert parse_date(text) == SEP3


@pytest.mark.parametrize(
    "text", ["", None, "31/02/2024", "13/13/2024", "yesterday", "2024-09", "1", "abc 2024",
             "03/09", "99999999"],
)  # fmt: skip
def test_not_dates(text: str | None) -> None:
    assert parse_date(text) is None


def test_two_digit_years_never_land_in_the_future() -> None:
    assert parse_date("16/07/47") == dt.date(1947, 7, 16)
    assert parse_date("01/01/00") == dt.date(2000, 1, 1)


def test_day_first_even_when_month_first_would_also_work() -> None:
    assert parse_date("01/02/2024") == dt.date(2024, 2, 1)


@pytest.mark.parametrize(
    ("text", "month"),
    [("Sep 2024", "2024-09"), ("September 2024", "2024-09"), ("Sep-24", "2024-09"),
     ("2024-09", "2024-09"), ("30/09/2024", "2024-09"), ("09/2024", "2024-09"),
     ("2024-09-30", "2024-09"), ("sept 2024", "2024-09"), ("Oct-2024", "2024-10")],
)  # fmt: skip
def test_months(text: str, month: str) -> None:
    assert parse_month(text) == month


@pytest.mark.parametrize("text", ["", "Value", "7", "2024-13", "Total 2024", "Smarch 2024"])
def test_not_months(text: str) -> None:
    assert parse_month(text) is None


@pytest.mark.parametrize(
    ("text", "digits"),
    [("999 631 7064", "9996317064"), ("999-631-7064", "9996317064"),
     ("9996317064", "9996317064"), ("9996317064.0", "9996317064"), ("", None), (None, None),
     ("unknown", None), ("123", "123")],
)  # fmt: skip
def test_nhs_digits(text: str | None, digits: str | None) -> None:
    assert nhs_digits(text) == digits


@pytest.mark.parametrize(
    "text", ["yes", "Y", "TRUE", "1", "x", "X", "ticked", "✓", "✔", "GMS", " Yes "]
)
def test_yes_like(text: str) -> None:
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", ["no", "N", "false", "0", "", "Non-GMS", "non gms", None])
def test_no_like(text: str | None) -> None:
    assert parse_yes_no(text) is False


def test_neither_yes_nor_no() -> None:
    assert parse_yes_no("perhaps") is None


@pytest.mark.parametrize(
    ("text", "sex"),
    [("F", "F"), ("Female", "F"), ("2", "F"), ("M", "M"), ("male", "M"), ("1", "M"),
     ("Indeterminate", "O"), ("Unknown", "O"), ("0", "O"), ("9", "O"), ("", None)],
)  # fmt: skip
def test_sex(text: str, sex: str | None) -> None:
    assert parse_sex(text) == sex


@pytest.mark.parametrize(
    ("text", "code"),
    [("956951000000104.0", "956951000000104"), ("9.56951000000104E+14", "956951000000104"),
     (" 1303503001 ", "1303503001"), ("", None), ("9.56951E+14", "9.56951E+14"),
     ("1.7037E+4", "17037")],
)  # fmt: skip
def test_codes_stored_as_numbers(text: str, code: str | None) -> None:
    assert clean_code(text) == code


def test_ages_and_counts() -> None:
    babies = ("3 months", "14m", "1y 3m", "2 weeks", "10 days", "1 year, 11 months", "26 mths")
    assert [parse_age(t) for t in babies] == [0, 1, 1, 0, 0, 1, 2]
    assert [parse_age(t) for t in ("34", "34.0", "34 years", "34y", "", "old")] == [
        34,
        34,
        34,
        34,
        None,
        None,
    ]
    assert [parse_count(t) for t in ("7", "7.0", "1,204", "", "-1", "7.5", "seven")] == [
        7,
        7,
        1204,
        None,
        None,
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("text", "parts"),
    [("SMITH, Jane", ("Smith", "Jane")), ("Smith, Mrs Jane Ann", ("Smith", "Jane Ann")),
     ("Jane SMITH", ("Smith", "Jane")), ("Jane Smith", ("Smith", "Jane")),
     ("SMITH", ("SMITH", None)), ("", (None, None)), ("SMITH, JANE", ("SMITH", "JANE")),
     ("O'BRIEN, Zoë (Mrs)", ("O'Brien", "Zoë")), ("SMITH-JONES, Anne-Marie", ("Smith-Jones",
     "Anne-Marie")), ("NÍ BHRIAIN, Orla", ("Ní Bhriain", "Orla")),
     ("Jones, Tereza (Mrs)", ("Jones", "Tereza")), ("Ana DE SILVA", ("De Silva", "Ana"))],
)  # fmt: skip
def test_split_name(text: str, parts: tuple[str | None, str | None]) -> None:
    assert split_name(text) == parts


def test_map_unique_parses_each_distinct_value_once() -> None:
    calls: list[str] = []

    def parse(text: str) -> int:
        calls.append(text)
        return len(text)

    assert map_unique(["a", "bb", "a", "a"], parse) == [1, 2, 1, 1]
    assert calls == ["a", "bb"]


def test_counts_from_number_cells() -> None:
    assert [parse_count(t) for t in ("7.00", "12.0000", "7.50", "7.", ".0")] == [
        7, 12, None, None, None]  # fmt: skip


@pytest.mark.parametrize(
    ("header", "role"),
    [("Date Given (dd/mm/yyyy)", "event_date"), ("EDD (pregnancy)", "edd"),
     ("Name (Surname, Forename)", "name"), ("Surname, Forename", "name"),
     ("Pregnancy EDD", "edd"), ("Injection Site", None), ("SITE_OF_VACCINATION_CODE", None),
     ("Expiry Date", None), ("Entry Date", None), ("Middle Name", None),
     ("PERFORMING_PROFESSIONAL_SURNAME", None), ("Mother NHS Number", None),
     ("Site Code", "organisation"), ("N.H.S. Number", "nhs_number"),
     ("Practice comment", None), ("Practice notes", None), ("Practice", "organisation"),
     # when the record was made, not the due date or the vaccination (decision 261)
     ("Recorded Date", None), ("Entered Date", None), ("Added Date", None),
     ("Created Date", None), ("Updated Date", None), ("Date Added", None),
     ("EDD date", "edd"), ("Language", None), ("Dosage", None), ("Age at Event", "age")],
)  # fmt: skip
def test_header_roles_beyond_the_synonyms(header: str, role: str | None) -> None:
    from cqrs_desktop.sources.columns import role_of

    assert role_of(header)[0] == role
