"""A review made to stress the printed worksheet: about 300 vaccinations to check over five
programmes and several months, long hyphenated names, long notes with line breaks, every
decision kind, carried decisions, earlier reviews that disagreed, unsure with a reason, rows
with no NHS number or no date of birth, and vaccinations that need no check. Invented people,
NHS numbers in the 999 range."""

from __future__ import annotations

from cqrs_desktop.domain.earlier import EarlierDecision
from cqrs_desktop.domain.model import Claim, Decision, DecisionRecord, SearchRow
from cqrs_desktop.domain.review import Review
from tests.reports.reports_factory import SHA, build_review, search_rows

EARLIER = "Review-October-2026-Riverside.cqrsreview"
OTHER = "Review-September-2026-Riverside.cqrsreview"
WHEN = "2026-10-14T09:30:00+00:00"
LONG_SURNAMES = [
    "Featherstonehaugh-Cholmondeley-Worthington",
    "Montgomery-Fitzwilliam-Ashburnham",
    "Okonkwo-Adebayo-Oluwaseun",
    "Testperson",
    "Vanderbilt-Wolstenholme",
    # one word wider than the Name column: broken inside it, its other words whole
    "Wolfeschlegelsteinhausenbergerdorff",
]
TOO_WIDE = {"WOLFESCHLEGELSTEINHAUSENBERGERDORFF,"}
LONG_FORENAMES = [
    "Maximiliana Anastasia Seraphina Jacqueline",
    "Bo",
    "Alexandrina-Victoria Persephone",
    "Guinevere Philippa",
]
# (programme, month, vaccinations): the pregnancy months are in the review windows (every
# vaccination to check); HepB October has three, claimed as found, with no flag: none to check
PLAN = [
    ("pertussis_pregnant", "2024-09", 60),
    ("pertussis_pregnant", "2024-10", 45),
    ("rsv_pregnant", "2024-09", 40),
    ("rsv_pregnant", "2024-10", 40),
    ("rsv_pregnant", "2024-11", 35),
    ("rsv_pregnant", "2024-12", 30),
    ("hpv", "2024-09", 30),
    ("menacwy", "2024-10", 22),
    ("hepb_babies", "2024-10", 3),
]
CLAIMS = [Claim(p, m, n + (1 if i % 2 else 0)) for i, (p, m, n) in enumerate(PLAN)]
CLAIMS[-1] = Claim("hepb_babies", "2024-10", 3)

LONG_NOTE = (
    "Rang the maternity unit at St Elsewhere's on the Tuesday and again on Thursday:\n"
    "they have no record of giving this dose, and our own record shows the batch number "
    "from our fridge log but the clinician's initials are missing.\n\n"
    "Practice nurse (Wednesday clinic) to confirm before anything is changed in the clinical "
    "system; if she cannot remember, ask the practice manager whether the dose can be claimed "
    "at all. Do-not-recode-until-confirmed-by-the-nurse-and-the-manager."
)


def _rows() -> list[SearchRow]:
    rows = search_rows(PLAN)
    for i, row in enumerate(rows):
        if row.programme == "hepb_babies":
            continue
        row.surname = LONG_SURNAMES[i % len(LONG_SURNAMES)]
        row.forenames = LONG_FORENAMES[i % len(LONG_FORENAMES)]
        if row.programme == "menacwy":  # under 25 (some under 16: school age)
            row.date_of_birth = row.date.replace(year=row.date.year - 14 - i % 6)
        if i % 37 == 5:
            row.nhs_number = None
        if i % 41 == 7:
            row.date_of_birth = None
    return rows


KINDS = [None, *Decision]


def _decide(event: object, index: int) -> DecisionRecord | None:
    kind = KINDS[index % len(KINDS)]
    if kind is None:
        return None
    note = LONG_NOTE if kind is Decision.UNSURE or index % 11 == 0 else ""
    carried = index % 3 == 0 and kind is not Decision.UNSURE
    return DecisionRecord(
        event_id=event.id,  # type: ignore[attr-defined]
        decision=kind,
        action_done=index % 4 == 1,
        note=note,
        reviewer="S. Earlier" if carried else "Philippa Montgomery-Fitzwilliam",
        decided_at=WHEN if carried else "2026-11-26T12:00:00+00:00",
        carried_from=EARLIER if carried else None,
    )


def paper_review() -> Review:
    """The stress review, with earlier reviews that disagreed on every thirteenth event."""
    review = build_review(_rows(), list(CLAIMS), _decide)
    disagreed = {}
    for n, event in enumerate(review.events):
        if n % 13 == 4:
            disagreed[event.id] = (
                EarlierDecision(EARLIER, SHA, EARLIER, Decision.PRACTICE, False,
                                "Given in the Wednesday clinic", "S. Earlier", WHEN),
                EarlierDecision(OTHER, SHA, OTHER, Decision.OTHER_PROVIDER, True,
                                LONG_NOTE, "Alexandrina Okonkwo-Adebayo", WHEN),
            )  # fmt: skip
    review.set_disagreed(disagreed)
    return review
