"""Plain-English words for flags, reasons, decisions and statuses.

One table, used by the walk-through, the worksheets, the report and the email, so the
screen and the paper always say the same thing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from cqrs_desktop.domain import flags as f
from cqrs_desktop.domain import reconcile as r
from cqrs_desktop.domain.dates import day_label
from cqrs_desktop.domain.earlier import EarlierDecision, entries_of_one_review
from cqrs_desktop.domain.model import Decision, DecisionRecord, ItemStatus, VaccinationEvent


def counted(count: int, one: str, many: str | None = None) -> str:
    """'1 month', '3 months' ('1 page', '2 pages'; `many` where adding an s is wrong)."""
    word = one if count == 1 else (many or one + "s")
    return f"{count:,} {word}"


@dataclass(frozen=True)
class Reason:
    code: str  # short code printed on worksheets
    title: str  # one line, plain English
    check: str  # what to look at in the patient record


REASONS: dict[str, Reason] = {
    f.OTHER_ORGANISATION: Reason(
        "ORG",
        "Recorded by another organisation",
        "The organisation is not your practice (or is blank). Check who gave the vaccine: "
        "a maternity unit, pharmacy or hospital dose is not the practice's to claim.",
    ),
    f.NON_GMS: Reason(
        "NGMS",
        "Marked as not GMS",
        "The record says this dose was not given under GMS. Confirm whether the practice "
        "gave it; if not, it must not be claimed.",
    ),
    f.OTHER_PROVIDER_CODE: Reason(
        "OPC",
        "'Given by another provider' code nearby",
        "The patient also has a 'given by other healthcare provider' code within 31 days. "
        "Check whether this is the same dose given elsewhere.",
    ),
    f.DUPLICATE_EVENT: Reason(
        "DUP",
        "Another dose close to this one",
        "The patient has two doses of this vaccine within 28 days (21 days for HepB at-risk "
        "babies, whose doses are due 4 weeks apart). Check whether one is a duplicate entry "
        "or a dose given elsewhere.",
    ),
    f.AGE_OUTSIDE_PROGRAMME: Reason(
        "AGE",
        "Age outside the programme",
        "The patient's age at vaccination is outside the programme. Check the date of "
        "birth and whether the vaccination was for this programme.",
    ),
    f.POSSIBLE_OLDER_ADULT_RSV: Reason(
        "OLD",
        "Possibly an older-adult RSV dose",
        "The patient was 55 or over. Older-adult RSV uses the same codes: check for a "
        "pregnancy. If none, it does not belong in the maternal RSV claim.",
    ),
    f.SCHOOL_AGE: Reason(
        "SCH",
        "School age (under 16)",
        "HPV and MenACWY doses for children under 16 are usually given in school by the "
        "School Aged Immunisation Service. Check who gave it: a school dose is not the "
        "practice's to claim.",
    ),
    f.SEX_NOT_FEMALE: Reason(
        "SEX",
        "Recorded sex is male",
        "A pregnancy programme, but the record says male. Check the record and the "
        "pregnancy evidence.",
    ),
    f.GESTATION_TOO_EARLY: Reason(
        "GEST",
        "Earlier in pregnancy than the programme allows",
        "From the due date, the vaccination was given before the programme's minimum "
        "weeks of pregnancy. Check the due date and the vaccination date.",
    ),
    f.AFTER_DUE_DATE: Reason(
        "EDD",
        "More than 14 days after the due date",
        "The vaccination is dated well after the estimated delivery date. Check the due "
        "date and whether the patient was still pregnant.",
    ),
    f.INVALID_NHS_NUMBER: Reason(
        "NHS",
        "NHS number missing or not valid",
        "Find the patient by name and date of birth and check the NHS number.",
    ),
    r.AFFECTED_PERIOD: Reason(
        "PER",
        "Claim month under review by NHS England",
        "This month's claim is held until every record is checked: confirm the practice "
        "gave this vaccination.",
    ),
    r.FIVE_OR_MORE: Reason(
        "5+",
        "Claim of 5 or more this month",
        "Claims of 5 or more need a declaration that each record was checked: confirm the "
        "practice gave this vaccination.",
    ),
    r.COUNT_MISMATCH: Reason(
        "CNT",
        "Claimed count differs from the search",
        "The CQRS count and the search do not agree for this month: confirm this "
        "vaccination belongs to the claim.",
    ),
}

# Earlier reviews decided the event's vaccination differently (`earlier.Disagreement`): a
# reason to check it, with the reasons of the flags and the item.
EARLIER_REVIEWS_DIFFER = "earlier_reviews_differ"
REASONS[EARLIER_REVIEWS_DIFFER] = Reason(
    "DIFF",
    "Decided differently in earlier reviews",
    "Earlier reviews of the practice decided this vaccination differently (the worksheet, "
    "the report and the app name each): check the record and decide again.",
)

# An earlier review's decision, or doubt, shown but not carried (the search now says
# otherwise, it was marked unsure, or its search held the vaccination twice); and a dose
# decided as not the practice's that the latest search still shows as the practice's own.
EARLIER_NOT_CARRIED = "earlier_not_carried"
REASONS[EARLIER_NOT_CARRIED] = Reason(
    "ERLY",
    "Earlier decision not carried",
    "An earlier review decided or doubted this vaccination, but its word was not carried "
    "(this search says otherwise, it was marked unsure, or it was entered twice there): "
    "check the record and decide.",
)


def nhs_number_check(event: VaccinationEvent) -> str:
    """What to check for a missing or not valid NHS number, by what the row has to find the
    patient by: a row with no name or date of birth either is found by where it is (its
    file, row and date), never sent to find her by what it lacks (decision 294)."""
    by = [
        words
        for words, has in (
            ("name", bool(event.surname or event.forenames)),
            ("date of birth", event.date_of_birth is not None),
        )
        if has
    ]
    if by:
        return f"Find the patient by {' and '.join(by)} and check the NHS number."
    return (
        "The row has no name or date of birth either: find row "
        f"{event.row} of {event.source} (vaccinated {event.date:%d %b %Y}) and open the "
        "record it came from."
    )


def earlier_codes(earlier: Sequence[EarlierDecision]) -> tuple[str, ...]:
    """The reason an event has for what earlier reviews decided of it and did not carry
    (`Review.disagreed`): decided differently, or an earlier word not carried."""
    if not earlier:
        return ()
    if len(earlier) > 1 and not entries_of_one_review(earlier):
        return (EARLIER_REVIEWS_DIFFER,)
    return (EARLIER_NOT_CARRIED,)


STILL_TO_CORRECT = "still_to_correct"
REASONS[STILL_TO_CORRECT] = Reason(
    "UPD",
    "Not yet corrected in the clinical system",
    "Decided as not the practice's to claim, but the latest search does not show it "
    "corrected (it is not marked not GMS, recoded or removed there), whichever organisation "
    "it is recorded by: change the record as the decision needs, then tick Clinical system "
    "updated.",
)

DECISION_WORDS: dict[Decision, str] = {
    Decision.PRACTICE: "Given here",
    Decision.OTHER_PROVIDER: "Other provider",
    Decision.NOT_ELIGIBLE: "Not eligible",
    Decision.NOT_GIVEN: "Not given",
    Decision.UNSURE: "Unsure",
}

CQRS_STATUS_WORDS: dict[str, str] = {
    "approved": "Approved",
    "awaiting_approval": "Awaiting approval",
    "rejected": "Rejected",
    "not_declared": "Not declared",
    "other": "Other",
}

STATUS_WORDS: dict[ItemStatus, str] = {
    ItemStatus.NOT_CHECKED: "Not checked (not searched)",
    ItemStatus.INCOMPLETE: "Incomplete",
    ItemStatus.NO_CLAIM: "No claim",
    ItemStatus.VALIDATED: "Validated",
    ItemStatus.AMEND: "Amend",
}

# A claim to amend that the email holds back as still being checked (decisions 163, 164,
# 232, 233), by why: the Overview's narrow status column says why, the report and the
# workbook say it after "Still being checked", in the same words (decision 295).
PART_SEARCHED = "part_searched"
ROWS_NOT_PLACED = "rows_not_placed"
EARLIER_CHECK_UNSEEN = "earlier_check_unseen"
_HELD_BACK_WHY = {
    PART_SEARCHED: "Month searched in part",
    ROWS_NOT_PLACED: "Rows not placed",
    EARLIER_CHECK_UNSEEN: "Earlier check not in search",
}
HELD_BACK_WORDS: dict[str, tuple[str, str]] = {
    key: (why, f"Still being checked ({why.lower()})") for key, why in _HELD_BACK_WHY.items()
}


def reason(code: str) -> Reason:
    return REASONS.get(code, Reason(code.upper()[:5], code.replace("_", " "), ""))


# ----- the words of the results table (the screen's; the report and workbook mirror them) --
# "Corrected" read like a count of corrections: the column is the count the practice
# should have claimed.
COUNT_TO_CLAIM = "Count to claim"
# A programme-month no search covered (SPEC section 3): said in full where there is room.
NOT_COVERED = "Not checked: no search covered this month"


def value_difference_words(value: float | None) -> str:
    """'£20.12 over-claimed', '£10.06 under-claimed', '£0.00', or '' when not known. The
    sign is said in words: (claimed - count to claim) x fee, more than nothing means the
    practice claimed too much."""
    if value is None:
        return ""
    amount = f"£{abs(value):,.2f}"
    if value > 0:
        return f"{amount} over-claimed"
    if value < 0:
        return f"{amount} under-claimed"
    return amount


# ----- decisions carried from earlier reviews, and what a later search showed (issue 14) --
SEEN_IN_EXPORT = "Yes (seen in the export)"
CARRIED_MARK = "↩"  # beside a carried decision in the event list
# beside a decision whose change in the clinical system the latest search shows made
# (`action_evidence` "export"); one it does not show made has the reason UPD
SEEN_CORRECTED_MARK = "✓"
SEEN_CORRECTED = "seen corrected in the latest search"
# (counted until ticked as updated: the search is the same, the record may have changed)
# what the two marks mean, said under the event list while any decision was carried: a
# tooltip alone left "Other provider ↩ ✓" a puzzle (decision 541)
MARKS_KEY = f"{CARRIED_MARK} brought from an earlier review, {SEEN_CORRECTED_MARK} {SEEN_CORRECTED}"
NOT_YET_CORRECTED = (
    "still shown as the practice's own dose in the latest search and not ticked as updated"
)


def review_name(file: str) -> str:
    """A review as people name it: its file name without '.cqrsreview'."""
    return file[: -len(".cqrsreview")] if file.lower().endswith(".cqrsreview") else file


def day_words(iso: str | None) -> str:
    """'03 Dec 2024' from an ISO date or time ('' when there is none or it is not one)."""
    if not iso:
        return ""
    try:
        return day_label(dt.datetime.fromisoformat(iso))
    except ValueError:
        return ""


def decided_in_words(review: str, decided_at: str | None, reviewer: str | None) -> str:
    """'decided in F99001 CQRS check 2024-10-02 on 03 Oct 2024 by Sam Reviewer'."""
    name = review_name(review)
    text = f"decided in {name}"
    day = day_words(decided_at)
    if day and (decided_at or "")[:10] not in name:  # (not again when its name has the day)
        text += f" on {day}"
    if reviewer:
        text += f" by {reviewer}"
    return text


def colleague_words(decided_at: str | None, reviewer: str) -> str:
    """'decided on 07 Dec 2026 by A. Admin': a decision made in this review by someone
    other than the reviewer looking at it."""
    day = day_words(decided_at)
    return f"decided on {day} by {reviewer}" if day else f"decided by {reviewer}"


def evidence_words(record: DecisionRecord) -> str:
    """What the latest search showed of a dose decided as needing a change in the clinical
    system, as a sentence ('' when it showed nothing)."""
    if not record.evidence:
        return ""
    if record.export_check == "not_corrected":
        if record.action_done:
            return f"Ticked since. The latest search: {record.evidence}."
        return f"{REASONS[STILL_TO_CORRECT].title}: {record.evidence}."
    if record.export_check == "corrected" and not record.action_done:
        return f"Unticked since. The latest search: {record.evidence}."
    return record.evidence[:1].upper() + record.evidence[1:] + "."
