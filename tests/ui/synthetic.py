"""Invented reviews for GUI tests that need no import: rows made in code, a real review file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cqrs_desktop import paths
from cqrs_desktop.domain.model import (
    Claim,
    Practice,
    RowKind,
    SearchRow,
    SourceSummary,
)
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.rules import parse_rules
from cqrs_desktop.store import ReviewFile

PRACTICE = Practice("F99001", "Riverside Medical Centre", "Test Reviewer")


def _valid_nhs(seed: int) -> str:
    """A made-up NHS number passing the modulus 11 check."""
    while True:
        body = f"{(999000000 + seed * 7919) % 1000000000:09d}"
        total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        check = 0 if check == 11 else check
        if check != 10:
            return body + str(check)
        seed += 1


def rows(count: int) -> list[SearchRow]:
    start = dt.date(2024, 9, 2)
    made = []
    for i in range(count):
        made.append(
            SearchRow(
                source="invented.csv",
                row=i + 2,
                programme="pertussis_pregnant",
                kind=RowKind.EVENT,
                date=start + dt.timedelta(days=(i * 3) % 58),
                nhs_number=_valid_nhs(i),
                surname=f"Surname{i}",
                forenames=f"Forename{i}",
                date_of_birth=dt.date(1990, 1 + i % 12, 1 + i % 28),
                sex="F",
                code="956951000000104",
                term="Pertussis vaccination in pregnancy",
                organisation="F99001" if i % 5 else "RQX",
                has_organisation_column=True,
                non_gms=False,
            )
        )
    return made


def review(count: int = 12, claims: tuple[Claim, ...] = ()) -> Review:
    rules = parse_rules(paths.resource("rules.toml").read_text(encoding="utf-8"))
    made = rows(count)
    summary = SourceSummary("invented.csv", "0" * 64, count, count, 0, 0)
    inputs = ReviewInputs(PRACTICE, (summary,), tuple(made), (), claims)
    return Review(inputs, rules)


def review_file(folder: Path, made: Review) -> ReviewFile:
    """A real review file for `made` in `folder`, as the window would have created it."""
    text = paths.resource("rules.toml").read_text(encoding="utf-8")
    return ReviewFile.create(folder / "invented.cqrsreview", made, text)
