"""Invented test data: people who do not exist, NHS numbers in the 999 test range."""

from __future__ import annotations

import datetime as dt
from typing import Any

from cqrs_desktop.domain.model import Practice, RowKind, SearchRow

PRACTICE = Practice("F99001", "Riverside Medical Centre", "J. Reviewer")

# Valid check digits, 999 range.
NHS = [
    "9996317064",
    "9997439155",
    "9998063604",
    "9997835336",
    "9996812413",
    "9998683440",
    "9996907368",
    "9998517818",
    "9995707047",
    "9992283033",
]


def row(**changes: Any) -> SearchRow:
    """A clean pertussis event for the practice; override any field."""
    base: dict[str, Any] = dict(
        source="search.csv",
        row=2,
        programme="pertussis_pregnant",
        kind=RowKind.EVENT,
        date=dt.date(2024, 11, 5),
        nhs_number=NHS[0],
        surname="Jones",
        forenames="Tereza",
        date_of_birth=dt.date(1994, 10, 25),
        sex="F",
        code="956951000000104",
        term="Pertussis vaccination in pregnancy",
        organisation="F99001",
        has_organisation_column=True,
    )
    base.update(changes)
    # marked not GMS in so many words, unless a test says the GMS cell was left blank
    base.setdefault("non_gms_said", bool(base.get("non_gms")))
    return SearchRow(**base)
