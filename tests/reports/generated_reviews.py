"""Reviews made by hypothesis for `test_outputs_agree.py`: several programmes and months,
claims with and without a search, months searched in part, rows not placed, decisions of
every kind, carried ones with what the latest search showed, doses gone from the search
and decisions kept from earlier reviews. Invented people, 999 numbers."""

from __future__ import annotations

import dataclasses

from hypothesis import strategies as st

from cqrs_desktop.domain.dates import month_label
from cqrs_desktop.domain.earlier import NO_LONGER_FOUND, GoneDose
from cqrs_desktop.domain.model import (
    Claim,
    CqrsStatus,
    Decision,
    DecisionRecord,
    SourceSummary,
    UnassignedRow,
)
from cqrs_desktop.domain.review import CANNOT_SHOW, Review, ReviewInputs
from tests.reports.reports_factory import PRACTICE, SHA, SOURCE, nhs_numbers, rules, search_rows

PROGRAMMES = ("pertussis_pregnant", "rsv_pregnant", "hepb_babies", "hpv", "menacwy")
MONTHS = ("2024-08", "2024-09", "2024-10", "2024-11", "2024-12", "2025-01")
RULES = rules()
THRESHOLD = RULES.declaration_threshold
FINAL = ("practice", "other_provider", "not_eligible", "not_given")
EARLIER = "earlier.cqrsreview"
WHEN = "2026-11-26T12:00:00+00:00"
Key = tuple[str, str]

# ----- the reviews ------------------------------------------------------------------


def _record(
    draw: st.DrawFn, event_id: str, programme: str, carried: bool, final: bool
) -> DecisionRecord:
    """A decision as the window, a decisions file or a carry leaves it (`final`: one of the
    four, mostly "given here"): a search's word on it (`export_check`, `evidence`) only for
    a decision that needs a change there, and a tick proved by the export only where that
    search showed it corrected."""
    if final:
        decision: Decision | None = draw(
            st.sampled_from((Decision.PRACTICE,) * 3 + tuple(Decision)[1:4])
        )
    else:
        decision = draw(st.sampled_from((None, *Decision)))
    done = draw(st.booleans())
    note = draw(st.sampled_from(("", "Maternity unit", "Ask the nurse")))
    needed = decision is not None and RULES.needs_action(programme, decision.value)
    check, evidence, proof = None, "", None
    if carried and needed:
        check = draw(st.sampled_from((None, "corrected", "not_corrected", "cannot")))
        if check == "corrected":
            done, proof = True, "export"
            evidence = f"seen corrected in {SOURCE}, row 2 (marked not GMS)"
        elif check == "not_corrected":
            done = draw(st.booleans())  # ticked since, or not
            evidence = f"still the practice's own dose in {SOURCE}, row 2"
        elif check == "cannot":
            check, evidence = None, f"still in {SOURCE}, row 2, {CANNOT_SHOW}"
            proof = draw(st.sampled_from((None, "export"))) if done else None
    if done and proof is None:
        proof = "reviewer"
    return DecisionRecord(
        event_id,
        decision,
        done,
        note,
        "S. Earlier" if carried else "J. Reviewer",
        WHEN,
        carried_from=EARLIER if carried and decision is not None else None,
        action_evidence=proof,
        export_check=check,
        evidence=evidence,
    )


@st.composite
def reviews(draw: st.DrawFn) -> Review:
    plan = draw(
        st.lists(
            st.tuples(st.sampled_from(PROGRAMMES), st.sampled_from(MONTHS), st.integers(0, 8)),
            max_size=5,
            unique_by=lambda p: (p[0], p[1]),
        )
    )
    rows = search_rows([p for p in plan if p[2]], organisation=draw(st.booleans()))
    for row in rows:  # marked not GMS on the clinical system's own export
        row.non_gms = row.non_gms_said = draw(st.integers(0, 4)) == 0
    keys = [(p, m) for p, m, _ in plan] + draw(
        st.lists(st.tuples(st.sampled_from(PROGRAMMES), st.sampled_from(MONTHS)), max_size=3)
    )
    claimed = draw(st.lists(st.sampled_from(keys), unique=True)) if keys else []
    statuses = (None, *(s.value for s in CqrsStatus))
    found = {(p, m): n for p, m, n in plan}
    claims = [
        Claim(
            p,
            m,
            draw(st.sampled_from((found.get((p, m), 0), draw(st.integers(0, 9))))),
            "cqrs.csv",
            draw(st.sampled_from(statuses)),
        )
        for p, m in claimed
    ]
    months = sorted({r.date.strftime("%Y-%m") for r in rows})
    how = draw(st.sampled_from(("dates", "stated", "part")))
    span, first, last = None, None, None
    if how == "stated" and months:
        span = (min(months[0], "2024-09"), max(months[-1], "2024-12"))
    elif how == "part" and months:
        first, last = f"{months[0]}-02", f"{months[-1]}-28"  # (no event on the 1st but one)
        first = first if not any(r.date.isoformat() < first for r in rows) else None
    source = SourceSummary(
        SOURCE, SHA, len(rows), len(rows), 0, 0, span=span, searched_from=first, searched_to=last
    )
    unplaced = tuple(
        UnassignedRow(SOURCE, 900 + i, "the date in column 'Date' could not be read", p, m)
        for i, (p, m) in enumerate(
            draw(
                st.lists(
                    st.tuples(
                        st.sampled_from((None, *PROGRAMMES)), st.sampled_from((None, *MONTHS))
                    ),
                    max_size=2,
                )
            )
        )
    )
    inputs = ReviewInputs(PRACTICE, (source,), tuple(rows), unplaced, tuple(claims))
    review = Review(inputs, RULES)
    records = []
    settled = {key: draw(st.booleans()) for key in found}  # every record of it decided
    for event in review.events:
        final = settled[event.programme, event.month]
        if draw(st.integers(0, 3)) == 0 and not (final and event.needs_review):
            continue  # no record at all
        carried = draw(st.booleans())
        records.append(_record(draw, event.id, event.programme, carried, final))
    others = nhs_numbers(50_000)
    gone, held = [], []
    places = st.tuples(st.sampled_from(PROGRAMMES), st.sampled_from(MONTHS))
    for programme, month in draw(
        st.lists(st.sampled_from(keys) | places if keys else places, max_size=3)
    ):
        key = f"{programme}|{month}-10|nhs:{next(others)}"
        kind = draw(st.sampled_from(("gone", "no_longer_found", "kept")))
        decision = draw(st.sampled_from(FINAL[1:] if kind == "gone" else FINAL))
        if kind == "gone":
            gone.append(
                GoneDose(key, Decision(decision), True, "", "S. Earlier", WHEN, EARLIER, SHA,
                         f"not in {SOURCE}, which covers {month_label(month)}")
            )  # fmt: skip
        else:
            check = NO_LONGER_FOUND if kind == "no_longer_found" else None
            held.append(
                (key, decision, 0, "", "S. Earlier", WHEN, EARLIER, None, check,
                 f"not in {SOURCE}" if check else None, "", SOURCE)
            )  # fmt: skip
    review = Review(inputs, RULES, records, gone=gone, held=held)
    # some claims made as the check found them (validated), the rest as they were
    agreed = {
        (i.programme, i.month): i.corrected
        for i in review.items()
        if i.claimed is not None and i.corrected is not None and draw(st.booleans())
    }
    claims = [
        dataclasses.replace(c, count=agreed.get((c.programme, c.month), c.count)) for c in claims
    ]
    return review.with_claims(claims)
