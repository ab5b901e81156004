"""The things a practice checks, in the practice's own words.

Plain, immutable dataclasses shared by every layer. No Qt, no file I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Decision(StrEnum):
    """What the reviewer found in the patient record."""

    PRACTICE = "practice"  # given by this practice
    OTHER_PROVIDER = "other_provider"  # given elsewhere (maternity, pharmacy, ...)
    NOT_ELIGIBLE = "not_eligible"  # wrong programme or not eligible
    NOT_GIVEN = "not_given"  # recorded in error
    UNSURE = "unsure"  # needs someone else to look


# Decisions that count in an item's `decisions` block (unsure is counted apart).
FINAL_DECISIONS: tuple[Decision, ...] = (
    Decision.PRACTICE,
    Decision.OTHER_PROVIDER,
    Decision.NOT_ELIGIBLE,
    Decision.NOT_GIVEN,
)


class RowKind(StrEnum):
    """What an imported search row is for the claim."""

    EVENT = "event"  # a vaccination the practice may have claimed
    MARKER = "marker"  # an "given by other healthcare provider" code: evidence, not a claim


class ItemStatus(StrEnum):
    NOT_CHECKED = "not_checked"
    INCOMPLETE = "incomplete"
    NO_CLAIM = "no_claim"
    VALIDATED = "validated"
    AMEND = "amend"


@dataclass(frozen=True)
class Practice:
    ods_code: str
    name: str | None = None
    reviewer: str | None = None


@dataclass(slots=True, unsafe_hash=True)
class SearchRow:  # not frozen: 2x faster to build; never mutated
    """One data row of a clinical-system search, parsed and given a programme.

    Produced by `sources`; the domain turns events into `VaccinationEvent`s and uses
    markers as evidence. `row` is the 1-based line (CSV) or row (sheet) in the file.
    """

    source: str
    row: int
    programme: str
    kind: RowKind
    date: dt.date
    nhs_number: str | None = None  # digits only as found (may be invalid); None if blank
    surname: str | None = None
    forenames: str | None = None
    date_of_birth: dt.date | None = None
    age: int | None = None  # from an age column, used only without a date of birth
    sex: str | None = None  # "F", "M", "O" (other) or None
    code: str | None = None
    term: str | None = None
    organisation: str | None = None
    has_organisation_column: bool = False
    non_gms: bool = False  # marked not GMS (Non-GMS ticked, or GMS column not yes-like)
    edd: dt.date | None = None
    # marked not GMS by what a cell says (Non-GMS "yes", GMS "no" or "Non-GMS"), not by a
    # GMS cell left blank; False where not known (a row read back from a review file)
    non_gms_said: bool = field(default=False, compare=False)


@dataclass(frozen=True)
class UnassignedRow:
    """A search row no programme and month could be given, and what is known of it: the
    programme it may be a dose of (a known code with an unreadable date; an unknown code
    whose term names a programme), its month when its date was read, and whether it could
    be a dose a claim counts at all (not a 'given by another provider' marker, nor a row
    naming a programme this review does not check), and whose it is."""

    source: str
    row: int
    reason: str
    programme: str | None = None
    month: str | None = None  # "YYYY-MM"
    countable: bool = True
    # Whose row it is, where that can be told (`vaccination_keys.row_patient`): 'nhs:...'
    # or 'name:surname:YYYY-MM-DD'; None where it cannot (a mistyped NHS number, no name)
    patient: str | None = None


@dataclass(frozen=True)
class SourceSummary:
    """Provenance of one imported file, as `review.json` reports it."""

    file: str
    sha256: str
    rows_read: int
    events: int
    markers: int
    skipped: int
    warnings: tuple[str, ...] = ()
    kind: str = "search"  # "search" or "cqrs"
    programme: str | None = None  # programme given for the whole file, if any
    mapping: tuple[tuple[str, str], ...] = ()  # (column header, role)
    # The months the user said the search covers ("YYYY-MM", "YYYY-MM"); None: inferred
    # from the file's own dates (see `domain.coverage`).
    span: tuple[str, str] | None = None
    # The first and last day searched, where the file's own lines above its header say its
    # search started after the first day of its first month, or ended before the last day
    # of its last (ISO dates; None: not said). Only for a file with no stated months: those
    # months, once stated, are the practice's word (decision 137).
    searched_from: str | None = None
    searched_to: str | None = None
    # Each (ODS code or practice name, the line) the lines above a search's header name the
    # practice by (decision 260), kept so its warning follows the practice details both
    # ways (decision 296); () for files of older versions, whose warning alone is kept.
    practices_named: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Claim:
    """A claimed count for one programme and month (from CQRS, typed, or --claim), with
    the item's status and note in CQRS when the figures file carries them."""

    programme: str
    month: str  # "YYYY-MM"
    count: int
    source: str = ""
    cqrs_status: str | None = None  # see `CqrsStatus`
    cqrs_note: str | None = None


class CqrsStatus(StrEnum):
    """Where an item stands in CQRS (SPEC section 3, item status)."""

    APPROVED = "approved"
    AWAITING_APPROVAL = "awaiting_approval"
    REJECTED = "rejected"
    NOT_DECLARED = "not_declared"
    OTHER = "other"


@dataclass(slots=True, unsafe_hash=True)
class VaccinationEvent:  # not frozen: 2x faster to build; never mutated
    """A vaccination the practice may have claimed, with what the checks found."""

    id: str
    programme: str
    month: str
    date: dt.date
    nhs_number: str | None  # exactly 10 digits, or None
    surname: str | None
    forenames: str | None
    date_of_birth: dt.date | None
    age: int | None
    sex: str | None
    code: str | None
    term: str | None
    organisation: str | None
    non_gms: bool
    edd: dt.date | None
    flags: tuple[str, ...]
    needs_review: bool
    source: str
    row: int
    nhs_number_as_found: str | None = None
    non_gms_said: bool = field(default=False, compare=False)  # as `SearchRow`'s


@dataclass(slots=True, unsafe_hash=True)
class DecisionRecord:  # not frozen: 4x faster to build (200,000 are carried at once); never
    # mutated: change one with `dataclasses.replace`
    """What the reviewer recorded for one event. `decision` may still be None when only
    the clinical-system tick or a note has been recorded."""

    event_id: str
    decision: Decision | None
    action_done: bool = False
    note: str = ""
    reviewer: str | None = None
    decided_at: str | None = None  # ISO-8601
    # Carried from an earlier review: the file name of the review it was decided in.
    carried_from: str | None = None
    # Who says the clinical system was updated: "reviewer" (the tick), "export" (a later
    # search shows the dose corrected); None when it is not done.
    action_evidence: str | None = None
    # What a later search showed for a decision that needs a change in the clinical system:
    # "corrected" or "not_corrected", with where ("seen corrected in FILE, row N").
    export_check: str | None = None
    evidence: str = ""


@dataclass(frozen=True)
class ClaimItem:
    """One programme and month: what was claimed, found, and decided."""

    programme: str
    month: str
    claimed: int | None
    in_search: int
    flagged: int
    reasons: tuple[str, ...]
    decisions: dict[str, int] = field(default_factory=dict)
    unsure: int = 0
    pending: int = 0
    corrected: int | None = None
    status: ItemStatus = ItemStatus.INCOMPLETE
    fee: float = 0.0
    value_difference: float | None = None
    covered: bool = True  # a search covered this programme and month
    record_checked: bool = False  # every event has a decision other than unsure
    cqrs_status: str | None = None
    cqrs_note: str | None = None
    # Of `unsure`, those needing review (`flagged`): the others were marked unsure by
    # choice, and are no flagged vaccination's (the walk-through's count, decision 435)
    unsure_flagged: int = 0


@dataclass(frozen=True)
class AuditEntry:
    """One change in the append-only audit log of a review file."""

    at: str  # ISO-8601 with offset
    who: str | None
    event_id: str | None
    what: str  # "decision", "action_done", "note", "undo", "claims", "practice", "import"
    old: str | None  # compact text of the previous value
    new: str | None
