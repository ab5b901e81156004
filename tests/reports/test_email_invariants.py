"""What the email may never say, over many generated reviews (SPEC v2, section 5).

- An item is in "checked against the patient record and correct" only when every one of
  its events has a decision other than unsure.
- Only the "correct" and "to be amended" groups say records were checked.
- A month no search covered is never asked to be amended.
- Every item the team asks about is in exactly one group; others are in none.
- No NHS number, name or date of birth.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cqrs_desktop.domain.model import (
    Claim,
    CqrsStatus,
    Decision,
    DecisionRecord,
    SourceSummary,
)
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.reports.email import (
    CHECKED_AND_CORRECT,
    TO_BE_AMENDED,
    build_email,
    email_text,
    group_of,
    in_email,
)
from cqrs_desktop.reports.summary import build_summary, format_date
from tests.reports.reports_factory import PRACTICE, SHA, SOURCE, rules, search_rows

PROGRAMMES = ("pertussis_pregnant", "rsv_pregnant", "hepb_babies", "hpv", "menacwy")
MONTHS = ("2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01")
RULES = rules()
DECISIONS = (None, *Decision)
STATUSES = (None, *(s.value for s in CqrsStatus))
COUNTS = st.one_of(st.just(0), st.integers(0, 9))  # a claim of 0 agrees with finding none


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    plan = draw(
        st.lists(
            st.tuples(st.sampled_from(PROGRAMMES), st.sampled_from(MONTHS), st.integers(0, 7)),
            max_size=5,
            unique_by=lambda p: (p[0], p[1]),
        )
    )
    rows = search_rows([p for p in plan if p[2]], organisation=draw(st.booleans()))
    claims = [
        Claim(p, m, draw(COUNTS), "cqrs.csv", draw(st.sampled_from(STATUSES)))
        for p, m in draw(
            st.lists(
                st.tuples(st.sampled_from(PROGRAMMES), st.sampled_from(MONTHS)),
                max_size=6,
                unique=True,
            )
        )
    ]
    span = draw(st.sampled_from([None, ("2024-09", "2024-10"), ("2024-08", "2025-01")]))
    months = sorted({r.date.strftime("%Y-%m") for r in rows})
    if span is not None and months and not (span[0] <= months[0] and months[-1] <= span[1]):
        span = None  # a span must include every month the file has events in
    source = SourceSummary(SOURCE, SHA, len(rows), len(rows), 0, 0, span=span)
    inputs = ReviewInputs(PRACTICE, (source,), tuple(rows), (), tuple(claims))
    review = Review(inputs, RULES)
    records = []
    for event in review.events:
        decision = draw(st.sampled_from(DECISIONS))
        if decision is None and not draw(st.booleans()):
            continue
        records.append(
            DecisionRecord(event.id, decision, draw(st.booleans()), "", "J. Reviewer", None)
        )
    return Review(inputs, RULES, records)


def _lines_by_group(body: str) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    current: str | None = None
    for line in body.splitlines():
        if line.endswith(":") and not line.startswith("- "):
            current = line
            groups[current] = []
        elif not line:
            current = None
        elif current is not None and line.startswith("- "):
            groups[current].append(line)
    return groups


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reviews())
def test_the_email_never_says_more_than_was_done(review: Review) -> None:
    summary = build_summary(review)
    message = build_email(summary, RULES.team_email)
    body = message.body
    groups = _lines_by_group(body)
    for item in summary.items:
        titled = [
            (heading, line)
            for heading, lines in groups.items()
            for line in lines
            if line.startswith(f"- {item.title}:")
        ]
        assert len(titled) == (1 if in_email(item) else 0), (item, body)
        if not titled:
            continue
        heading, line = titled[0]
        assert heading == group_of(item)
        if heading == CHECKED_AND_CORRECT:
            events = summary.events_for(item)
            assert events and all(
                e.decision is not None and e.decision is not Decision.UNSURE for e in events
            )
        if "checked against the patient record" in line:
            assert heading in (CHECKED_AND_CORRECT, TO_BE_AMENDED)
        if not item.covered:
            assert heading != TO_BE_AMENDED
            assert "amended" not in line
            assert f"did not cover {item.month_label}" in line
    text = email_text(message)
    assert not re.search(r"\d{3}\s?\d{3}\s?\d{4}", text)
    for event in summary.events:
        assert event.surname and event.surname not in text
        assert event.forenames and event.forenames not in text
        assert event.date_of_birth and format_date(event.date_of_birth) not in text
        assert event.date_of_birth.isoformat() not in text
