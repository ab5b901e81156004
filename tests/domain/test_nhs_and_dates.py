import datetime as dt

import pytest

from cqrs_desktop.domain.dates import age_on, gestation_days, month_label
from cqrs_desktop.domain.nhs import format_nhs_number, is_valid_nhs_number


@pytest.mark.parametrize("number", ["9996317064", "9997439155", "9990682887"])
def test_valid_nhs_numbers(number: str) -> None:
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize(
    "number",
    [None, "", "999631706", "99963170640", "9996317065", "999631706X", "9990000001"],
)
def test_invalid_nhs_numbers(number: str | None) -> None:
    assert not is_valid_nhs_number(number)


def test_check_digit_of_ten_is_never_valid() -> None:
    # 999000000x: weights give remainder 1, so the check digit would be 10.
    stem = "999000000"
    total = sum(int(d) * w for d, w in zip(stem, range(10, 1, -1), strict=True))
    assert 11 - total % 11 == 10
    assert not any(is_valid_nhs_number(stem + str(d)) for d in range(10))


def test_format_nhs_number() -> None:
    assert format_nhs_number("9996317064") == "999 631 7064"
    assert format_nhs_number("12345") == "12345"
    assert format_nhs_number(None) == ""


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (dt.date(1994, 10, 25), dt.date(2024, 10, 24), 29),  # day before birthday
        (dt.date(1994, 10, 25), dt.date(2024, 10, 25), 30),  # on the birthday
        (dt.date(2000, 2, 29), dt.date(2023, 2, 28), 22),  # leap-day birthday: 1 March
        (dt.date(2000, 2, 29), dt.date(2023, 3, 1), 23),
        (dt.date(2000, 2, 29), dt.date(2024, 2, 29), 24),
        (dt.date(2024, 9, 1), dt.date(2024, 9, 30), 0),
    ],
)
def test_age_by_birthday_rule(born: dt.date, on: dt.date, age: int) -> None:
    assert age_on(born, on) == age


def test_gestation_from_due_date() -> None:
    vaccination = dt.date(2024, 9, 25)
    assert gestation_days(vaccination, vaccination) == 280
    assert gestation_days(vaccination, vaccination + dt.timedelta(weeks=12)) == 28 * 7


def test_month_label() -> None:
    assert month_label("2024-09") == "September 2024"
