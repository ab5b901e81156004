"""NHS number checks."""

from __future__ import annotations

import operator

_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def is_valid_nhs_number(number: str | None) -> bool:
    """True for 10 digits passing the modulus 11 check digit."""
    if number is None or len(number) != 10 or not number.isdigit():
        return False
    total = sum(map(operator.mul, map(int, number[:9]), _WEIGHTS))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(number[9])


def format_nhs_number(number: str | None) -> str:
    """3-3-4 spacing as the clinical systems show it; anything else unchanged."""
    if number and len(number) == 10 and number.isdigit():
        return f"{number[:3]} {number[3:6]} {number[6:]}"
    return number or ""
