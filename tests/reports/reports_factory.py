"""Invented reviews for the report tests and the worksheet benchmark. No real people."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Iterator

import cqrs_desktop.paths
from cqrs_desktop.domain.model import (
    Claim,
    Decision,
    DecisionRecord,
    Practice,
    RowKind,
    SearchRow,
    SourceSummary,
    VaccinationEvent,
)
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.rules import Rules, parse_rules

PRACTICE = Practice(ods_code="F99001", name="Riverside Medical Centre", reviewer="J. Reviewer")
SOURCE = "search_export.csv"
SHA = "3f" * 32

SURNAMES = ["Testperson", "Example", "Sampleton", "Dummyford", "Fictional", "Madeup"]
FORENAMES = ["Alice", "Beatrice", "Chloe", "Dora", "Esme", "Freya", "Grace"]

# Surnames that a spreadsheet could take for a formula.
HOSTILE_SURNAMES = ['=HYPERLINK("http://example.invalid","x")', "+44", "-1", "@SUM(A1:A2)", "#N/A"]


def rules() -> Rules:
    return parse_rules(cqrs_desktop.paths.rules_file().read_text(encoding="utf-8"))


def nhs_check_digit(nine: str) -> int | None:
    total = sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return None if check == 10 else check


def nhs_numbers(start: int = 0) -> Iterator[str]:
    """Valid NHS numbers in the 999 test range."""
    for n in itertools.count(start):
        nine = f"999{n:06d}"
        check = nhs_check_digit(nine)
        if check is not None:
            yield nine + str(check)


def search_rows(
    plan: list[tuple[str, str, int]],
    surnames: list[str] | None = None,
    organisation: bool = False,
) -> list[SearchRow]:
    """`plan` is (programme, month, number of events); one event per invented patient."""
    numbers = nhs_numbers()
    rows: list[SearchRow] = []
    line = 2
    names = surnames or SURNAMES
    for programme, month, count in plan:
        year, mon = (int(x) for x in month.split("-"))
        for i in range(count):
            date = dt.date(year, mon, 1 + i % 28)
            if programme == "hepb_babies":
                dob = date - dt.timedelta(days=30)
            elif programme == "hpv":
                dob = dt.date(year - 16, 3, 1 + i % 28)
            else:
                dob = dt.date(year - 30, 5, 1 + i % 28)
            org = None
            if organisation:
                org = "F99001" if i % 3 else "RXX01"
            rows.append(
                SearchRow(
                    source=SOURCE,
                    row=line,
                    programme=programme,
                    kind=RowKind.EVENT,
                    date=date,
                    nhs_number=next(numbers),
                    surname=names[i % len(names)],
                    forenames=FORENAMES[i % len(FORENAMES)],
                    date_of_birth=dob,
                    sex="F" if programme != "hepb_babies" else None,
                    code=None,
                    term=None,
                    organisation=org,
                    has_organisation_column=organisation,
                )
            )
            line += 1
    return rows


Decider = Callable[[VaccinationEvent, int], DecisionRecord | None]


def build_review(
    rows: list[SearchRow],
    claims: list[Claim],
    decide: Decider | None = None,
    practice: Practice = PRACTICE,
) -> Review:
    source = SourceSummary(SOURCE, SHA, len(rows), len(rows), 0, 0)
    inputs = ReviewInputs(practice, (source,), tuple(rows), (), tuple(claims))
    review = Review(inputs, rules())
    if decide is None:
        return review
    records = []
    counters: dict[tuple[str, str], int] = {}
    for event in review.events:
        key = (event.programme, event.month)
        index = counters.get(key, 0)
        counters[key] = index + 1
        record = decide(event, index)
        if record is not None:
            records.append(record)
    return Review(inputs, rules(), records)


def record(
    event: VaccinationEvent, decision: Decision | None, action: bool = False, note: str = ""
) -> DecisionRecord:
    return DecisionRecord(
        event_id=event.id,
        decision=decision,
        action_done=action,
        note=note,
        reviewer="J. Reviewer",
        decided_at="2026-11-26T12:00:00+00:00",
    )


MIXED_PLAN = [
    ("pertussis_pregnant", "2024-09", 7),
    ("pertussis_pregnant", "2024-10", 3),
    ("rsv_pregnant", "2024-11", 6),
    ("hepb_babies", "2024-10", 2),
    ("hpv", "2024-09", 5),
]

MIXED_CLAIMS = [
    Claim("pertussis_pregnant", "2024-09", 7),
    Claim("pertussis_pregnant", "2024-10", 3),
    Claim("rsv_pregnant", "2024-11", 6),
    Claim("hpv", "2024-09", 5),
    Claim("menacwy", "2024-09", 6),
]


def mixed_decider(event: VaccinationEvent, index: int) -> DecisionRecord | None:
    """Pertussis Sep: 5 here + 2 elsewhere (amend 7 -> 5); Oct: all here (validated);
    RSV Nov: one unsure, one pending (incomplete); HPV Sep: all here (validated)."""
    key = (event.programme, event.month)
    if key == ("pertussis_pregnant", "2024-09"):
        if index >= 5:
            return record(event, Decision.OTHER_PROVIDER, action=True, note="Maternity unit")
        return record(event, Decision.PRACTICE)
    if key == ("rsv_pregnant", "2024-11"):
        if index == 4:
            return record(event, Decision.UNSURE, note="Ask the nurse")
        if index == 5:
            return None
        return record(event, Decision.PRACTICE)
    if not event.needs_review:
        return None
    return record(event, Decision.PRACTICE)


def mixed_review(surnames: list[str] | None = None) -> Review:
    """Riverside: one amend, two validated, one incomplete, one no claim, one not checked."""
    return build_review(
        search_rows(MIXED_PLAN, surnames=surnames), list(MIXED_CLAIMS), mixed_decider
    )


def review_with_organisations(organisations: int) -> Review:
    """The mixed review; its first `organisations` rows from a search with an organisation
    column (another practice's code, RXX01), the rest from one without."""
    rows = [
        dataclasses.replace(row, organisation=None, has_organisation_column=False)
        if i >= organisations
        else dataclasses.replace(row, organisation="RXX01")
        for i, row in enumerate(search_rows(MIXED_PLAN, organisation=True))
    ]
    return build_review(rows, list(MIXED_CLAIMS), mixed_decider)


def large_review(events: int, decided: bool = False) -> Review:
    """Many events needing review, in the affected pertussis and RSV months."""
    months = [
        ("pertussis_pregnant", "2024-09"),
        ("pertussis_pregnant", "2024-10"),
        ("rsv_pregnant", "2024-09"),
        ("rsv_pregnant", "2024-10"),
    ]
    share = events // len(months)
    plan = [
        (p, m, share + (1 if i < events % len(months) else 0)) for i, (p, m) in enumerate(months)
    ]
    claims = [Claim(p, m, n) for p, m, n in plan]
    decide: Decider | None = None
    if decided:

        def decide(event: VaccinationEvent, index: int) -> DecisionRecord | None:
            choice = Decision.PRACTICE if index % 5 else Decision.OTHER_PROVIDER
            return record(event, choice, action=choice is Decision.OTHER_PROVIDER)

    return build_review(search_rows(plan, organisation=True), claims, decide)
