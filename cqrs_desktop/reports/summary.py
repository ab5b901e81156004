"""The report data of one review, built once and rendered by every output.

The email, declaration notes, worksheet, report, workbook and the GUI's results page all
read this one structure, so they cannot disagree (STYLE.md lesson 7: reports as data first).
Words come from `domain.explain` so the paper says what the screen says.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.coverage import Days
from cqrs_desktop.domain.dates import day_label, month_label, short_month_label
from cqrs_desktop.domain.earlier import (
    NO_LONGER_FOUND,
    NOT_CORRECTED,
    EarlierDecision,
    GoneDose,
    decided_earlier,
    entries_of_one_review,
    no_longer_found,
)
from cqrs_desktop.domain.explain import (
    DECISION_WORDS,
    EARLIER_CHECK_UNSEEN,
    HELD_BACK_WORDS,
    PART_SEARCHED,
    ROWS_NOT_PLACED,
    STATUS_WORDS,
    STILL_TO_CORRECT,
    earlier_codes,
    reason,
)
from cqrs_desktop.domain.flags import NON_GMS, POSSIBLE_OLDER_ADULT_RSV
from cqrs_desktop.domain.model import (
    ClaimItem,
    Decision,
    DecisionRecord,
    ItemStatus,
    Practice,
    SourceSummary,
    UnassignedRow,
    VaccinationEvent,
)
from cqrs_desktop.domain.nhs import format_nhs_number
from cqrs_desktop.domain.review import Review
from cqrs_desktop.domain.rules import ACTION_DECISIONS, Programme
from cqrs_desktop.domain.vaccination_keys import event_key, name_key

FINAL_STATUSES = (ItemStatus.VALIDATED, ItemStatus.AMEND)
STILL_TO_CHECK = "Still to check"
NO_CHECK_NEEDED = "No check needed"
ACTION_NOT_NEEDED = labels.NOT_NEEDED


@dataclass(frozen=True)
class LegendEntry:
    key: str  # "other_organisation", "affected_period", ...
    code: str  # "ORG"
    title: str  # "Recorded by another organisation"
    check: str  # what to look at in the record


@dataclass(frozen=True)
class Correction:
    """One kind of dose taken off a claim (given elsewhere, not eligible, recorded in
    error): how many, whether the rules ask for a change in the clinical system for it,
    and for how many that change is recorded as done."""

    decision: Decision
    count: int
    needs_action: bool
    done: int = 0
    older_adult_rsv: int = 0  # of "not eligible" doses, those flagged as older-adult RSV
    seen_in_export: int = 0  # of `done`, those a later search shows corrected
    not_corrected: int = 0  # not done, and a later search still shows the practice's dose
    # not done, and this review's search shows the dose itself not GMS: never "not yet
    # marked" of a row the clinical system's own export marks (decision 173)
    shown_not_gms: int = 0

    @property
    def to_do(self) -> int:
        return self.count - self.done if self.needs_action else 0


@dataclass(frozen=True)
class ItemRow:
    """One programme and month with everything a person reads about it."""

    programme: str
    programme_name: str
    month: str  # "YYYY-MM"
    month_label: str  # "September 2024"
    claimed: int | None
    in_search: int
    flagged: int
    reasons: tuple[str, ...]
    reason_codes: tuple[str, ...]
    decisions: Mapping[str, int]  # practice / other_provider / not_eligible / not_given
    unsure: int
    pending: int
    corrected: int | None
    status: ItemStatus
    status_word: str
    fee: float
    value_difference: float | None
    covered: bool  # a search covered this programme and month
    record_checked: bool = False  # every event has a decision other than unsure
    cqrs_status: str | None = None
    cqrs_note: str | None = None
    # The doses decided other than "practice", by kind (only kinds with a count).
    corrections: tuple[Correction, ...] = ()
    first_decided: dt.datetime | None = None
    last_decided: dt.datetime | None = None
    reviewers: tuple[str, ...] = ()
    # Doses decided in earlier reviews (or earlier in this one) as needing a change in the
    # clinical system that the latest search no longer holds, by kind: not in `in_search`.
    gone: tuple[tuple[Decision, int], ...] = ()
    # Rows of the searches that could not be placed in a programme and month (unassigned)
    # and may be doses of this claim, by what is known of them (`unplaced_counter`): no
    # count here includes them.
    unplaced: int = 0
    # Doses decided earlier as needing no change (given here, ...) that the latest search,
    # covering their month, no longer holds, by kind (decision 86): not in `in_search`.
    no_longer_found: tuple[tuple[Decision, int], ...] = ()
    # Decisions kept from earlier reviews for this programme and month, which no search of
    # this review covers (decision 70): an earlier check, not repeated here (decision 95).
    decided_earlier: int = 0
    # Whether a search stated its months (Covers; FILE@...) and covers this one: else the
    # month is covered only as worked out from the searches' dates (SPEC 3), and one with
    # no vaccination in it is said to lie between them, not to have been searched (decision 124)
    months_stated: bool = False
    # The days of the month searched, where the search's own lines say it searched only
    # part of it (`Review.part_searched`, decision 137); None: searched whole.
    searched_part: Days | None = None
    # Decisions kept from earlier reviews for this covered month that its search does not
    # show and that are not "no longer found" (days a search did not look at, a patient
    # who may be there otherwise, ...), by kind: not counted here, said (decision 144)
    kept_earlier: tuple[tuple[Decision, int], ...] = ()
    # Of `kept_earlier`, those whose patient has a vaccination of the programme in this
    # search a few days away (within its duplicate window): it may be the same dose with its
    # date put right (decision 138), so they are said as such (decision 511)
    kept_moved: tuple[tuple[Decision, int], ...] = ()
    # Of the decisions counted in `decisions`, those carried from earlier reviews: their
    # records were checked then, in the reviews named, by the reviewers named (not again
    # in this one), so the email says so beside "checked against the patient record".
    checked_earlier: int = 0
    checked_earlier_in: tuple[str, ...] = ()  # the earlier reviews, distinct
    checked_earlier_by: tuple[str, ...] = ()  # their reviewers, distinct

    @property
    def gone_count(self) -> int:
        return sum(n for _kind, n in self.gone)

    @property
    def key(self) -> tuple[str, str]:
        return (self.programme, self.month)

    @property
    def title(self) -> str:
        """'Pertussis (pregnant women), September 2024'."""
        return f"{self.programme_name}, {self.month_label}"

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def still_to_check(self) -> int:
        return self.pending + self.unsure

    @property
    def kept_given_here(self) -> int:
        """Doses an earlier check found given by this practice that the search does not
        show and that are kept, not counted (`kept_earlier`): the count may lack them. Not
        those whose patient the search holds a dose of a few days away (`kept_moved`):
        the count has that dose, which the kept one would duplicate (decision 532)."""
        return sum(n for kind, n in self.kept_not_moved if kind is Decision.PRACTICE)

    @property
    def kept_not_moved(self) -> tuple[tuple[Decision, int], ...]:
        """`kept_earlier` but those that may have had their date put right (`kept_moved`)."""
        moved = dict(self.kept_moved)
        left = ((kind, n - moved.get(kind, 0)) for kind, n in self.kept_earlier)
        return tuple((kind, n) for kind, n in left if n)

    def decided(self, decision: Decision) -> int:
        return int(self.decisions.get(decision.value, 0))

    def correction(self, decision: Decision) -> Correction | None:
        return next((c for c in self.corrections if c.decision is decision), None)

    @property
    def not_practice(self) -> int:
        """Doses decided as not the practice's to claim (any kind)."""
        return sum(c.count for c in self.corrections)


@dataclass(frozen=True)
class EventRow:
    """One vaccination, with its identifiers formatted the way the clinical systems show them."""

    id: str
    programme: str
    programme_name: str
    month: str
    month_label: str
    date: dt.date
    nhs_number: str | None  # 10 digits, or None
    nhs_number_display: str  # "999 631 7064", or the value as found, or ""
    surname: str | None
    forenames: str | None
    name: str  # "SMITH, Jane"
    date_of_birth: dt.date | None
    age: int | None
    sex: str | None
    code: str | None
    term: str | None
    organisation: str | None
    flags: tuple[str, ...]
    # reasons of its own beside its flags: earlier reviews disagreed, an earlier word not
    # carried, a dose the latest search shows still to correct (`explain` keys)
    extra_reasons: tuple[str, ...]
    flag_codes: tuple[str, ...]  # the event's own flags (and `extra_reasons`) as short codes
    reason_codes: tuple[str, ...]  # flags, then the item's reasons
    needs_review: bool
    decision: Decision | None
    decision_word: str  # "Given here", "Still to check", "No check needed", ...
    action_needed: bool  # the decision needs a change in the clinical system (the rules)
    action_done: bool  # ... and it is recorded as done (never true when not needed)
    action_evidence: str | None  # "reviewer" or "export" when done
    carried_from: str | None  # the earlier review the decision was made in
    export_check: str | None  # "corrected" / "not_corrected": what a later search showed
    evidence: str  # "seen corrected in FILE, row N" ...
    note: str
    reviewer: str | None
    decided_at: str | None  # ISO-8601 as recorded
    decided_at_local: dt.datetime | None  # naive local time, for display and workbooks
    source: str
    row: int
    # What earlier reviews that disagreed decided: 'Given here in A.cqrsreview on
    # 04 Oct 2026 by S. Earlier; Other provider in C.cqrsreview on ...' ('' if none), the
    # day as the Patient card says it (decision 581); the workbook's with the time of day
    earlier_differ: str = ""
    earlier_differ_timed: str = ""
    # ... one decision alone: a "given here" not carried, as the search now shows the dose
    # as not the practice's (decision 88), or marked unsure earlier (decision 100)
    earlier_set_aside: bool = False
    earlier_twice: bool = False  # they are the entries of a duplicate in one earlier review
    earlier_unsure: bool = False

    @property
    def item_key(self) -> tuple[str, str]:
        return (self.programme, self.month)

    @property
    def decided_at_display(self) -> str:
        return format_datetime(self.decided_at_local)

    @property
    def decided_day_display(self) -> str:
        """'14 Oct 2026': when it was decided, in words, as the Patient card says it."""
        return format_day(self.decided_at_local)

    @property
    def action_word(self) -> str:
        """'Yes', 'No', 'Not needed', or '' before a decision: "Clinical system updated"."""
        if self.decision is None or self.decision is Decision.UNSURE:
            return ""
        if not self.action_needed:
            return ACTION_NOT_NEEDED
        if self.action_done:
            return "Yes (seen in the export)" if self.action_evidence == "export" else "Yes"
        return "No"

    @property
    def earlier_label(self) -> str:
        """What `earlier_differ` lists."""
        if self.earlier_unsure:
            return "Marked unsure in an earlier review, not carried"
        if self.earlier_set_aside:
            return "Decided earlier, not carried as this search says otherwise"
        if self.earlier_twice:
            return "Held twice in an earlier review (a duplicate entry), not carried"
        return "Decided differently in earlier reviews"

    @property
    def provenance(self) -> str:
        """Where the decision came from and what the latest search showed, in words ('' for
        a decision made in this review that no search has checked)."""
        parts = []
        if self.earlier_differ:
            parts.append(f"{self.earlier_label}: {self.earlier_differ}")
        if self.carried_from:
            parts.append(
                f"Decided in {self.carried_from}"
                + (f" on {self.decided_day_display}" if self.decided_day_display else "")
            )
        if self.evidence and self.action_needed:
            parts.append(self.evidence[:1].upper() + self.evidence[1:])
        return ". ".join(parts)


@dataclass(frozen=True)
class Totals:
    claimed: int
    in_search: int
    flagged: int
    corrected: int  # over items with a corrected count
    value_difference: float | None  # over items with one; None where no item has one yet
    value_unknown: int  # items still being checked, or not checked: their value not known
    items: int
    validated: int
    amend: int
    incomplete: int
    no_claim: int
    not_checked: int


@dataclass(frozen=True)
class ReportSummary:
    practice: Practice
    reviewer: str | None  # the practice's reviewer, else whoever recorded most decisions
    generated_at: dt.datetime  # naive local time
    declaration_threshold: int
    items: tuple[ItemRow, ...]
    events: tuple[EventRow, ...]
    totals: Totals
    needs_review: int  # events needing review
    decided: int  # of those, with a final decision (not unsure)
    pending: int  # needing review, no decision
    unsure: int
    action_done: int  # events whose decision needs a change there, and it is done
    action_to_do: int  # events whose decision needs a change there, not yet done
    legend: tuple[LegendEntry, ...]  # every code used in this review, in code order
    sources: tuple[SourceSummary, ...]
    unassigned: tuple[UnassignedRow, ...]
    seen_corrected: int = 0  # done, proved by a later search
    not_yet_corrected: int = 0  # not done, and a later search still counts the dose
    carried: int = 0  # decisions carried from earlier reviews
    # Doses decided earlier as needing a change that the latest search no longer holds.
    gone: tuple[GoneDose, ...] = ()
    # Doses decided earlier as needing no change (given here, ...) that the latest search no
    # longer holds, though it covers their month (decision 86)
    no_longer_found: tuple[GoneDose, ...] = ()
    # Per source (in `sources` order): {programme: (first month, last month)} it covers.
    source_covers: tuple[Mapping[str, tuple[str, str]], ...] = ()
    programme_names: Mapping[str, str] = field(default_factory=dict)
    # Per programme: the decisions that need a change in the clinical system (the rules).
    decisions_needing_action: Mapping[str, frozenset[str]] = field(default_factory=dict)
    _events_by_item: Mapping[tuple[str, str], tuple[EventRow, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    @property
    def practice_label(self) -> str:
        """'Riverside Medical Centre (F99001)', or just the ODS code."""
        return practice_label(self.practice)

    def events_for(self, item: ItemRow | tuple[str, str]) -> tuple[EventRow, ...]:
        key = item.key if isinstance(item, ItemRow) else item
        return self._events_by_item.get(key, ())

    def needs_action(self, programme: str, decision: str | None) -> bool:
        return (decision or "") in self.decisions_needing_action.get(programme, frozenset())

    def events_needing_review(self) -> list[EventRow]:
        return [e for e in self.events if e.needs_review]

    def select(self, event_ids: Iterable[str] | None) -> list[EventRow]:
        """The given events in summary order; None means every event needing review."""
        if event_ids is None:
            return self.events_needing_review()
        wanted = set(event_ids)
        return [e for e in self.events if e.id in wanted]

    @property
    def is_complete(self) -> bool:
        return self.pending == 0 and self.unsure == 0


def practice_label(practice: Practice) -> str:
    name = one_line(practice.name or "")
    if name:
        return f"{name} ({one_line(practice.ods_code)})"
    return one_line(practice.ods_code)


# Control characters (CR, LF and tab among them) and C1 codes.
_NOT_PLAIN = re.compile("[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """A name as one line, a line break or tab in it a space: practice details saved by
    version 0.1.0, or a settings file written by hand, may hold them, and one would break
    the email's headers and the Subject line of email.txt."""
    return " ".join(_NOT_PLAIN.sub(" ", text).split())


@lru_cache(maxsize=65536)
def format_date(value: dt.date | None) -> str:
    """'26/11/2026'; remembered, as the same dates fill every page of the worksheet."""
    return value.strftime("%d/%m/%Y") if value else ""


def amend_held_back(item: ItemRow) -> bool:
    """A claim to amend by SPEC 5 whose search may not hold all its doses: every search
    covering the month says it searched only part of it (decision 163), or rows of the
    search that may be doses of it could not be placed (decision 164), or an earlier check
    found doses of it given by this practice that the search does not show on a day it
    may not have looked at (decision 233). Neither confirmed nor asked to be amended (never
    ask to amend what was not searched), but still being checked; its status stays SPEC's."""
    return holds_back(item.status, item.searched_part, item.unplaced, item.kept_given_here)


def holds_back(
    status: ItemStatus, searched_part: Days | None, unplaced: int, kept_given_here: int
) -> bool:
    """`amend_held_back` from its parts (the window works them out from the review)."""
    return status is ItemStatus.AMEND and (
        searched_part is not None or unplaced > 0 or kept_given_here > 0
    )


def held_back_words(item: ItemRow, practice: str = "our search") -> tuple[str, str]:
    """Why a claim to amend is held back (`amend_held_back`), and when it will be
    confirmed or amended: ('our search covered only ...', 'the whole month has been
    searched')."""
    why: list[str] = []
    when: list[str] = []
    if item.searched_part is not None:
        why.append(
            f"{practice} covered only {days_words(item.searched_part)} of {item.month_label} "
            "(as its file states), so vaccinations given on other days were not searched"
        )
        when.append("the whole month has been searched")
    if item.unplaced:
        n = item.unplaced
        why.append(
            f"{'1 row' if n == 1 else f'{n} rows'} of {practice} that may be of this month "
            f"could not be placed in a programme and month, so {'it is' if n == 1 else 'they are'} "
            "not counted"
        )
        when.append(f"{'that row has' if n == 1 else 'those rows have'} been put right")
    if item.kept_given_here:
        n = item.kept_given_here
        why.append(
            f"{practice} does not show {'1 vaccination' if n == 1 else f'{n} vaccinations'} "
            "an earlier check found given by this practice, so "
            f"{'it is' if n == 1 else 'they are'} not counted"
        )
        when.append(
            f"{'that vaccination has' if n == 1 else 'those vaccinations have'} been searched again"
        )
    return "; and ".join(why), " and ".join(when)


def days_words(days: Days) -> str:
    """'01/09/2024 to 10/09/2024 and 15/09/2024 to 30/09/2024': runs of days searched."""
    runs = [f"{format_date(first)} to {format_date(last)}" for first, last in days]
    return runs[0] if len(runs) == 1 else ", ".join(runs[:-1]) + " and " + runs[-1]


@lru_cache(maxsize=65536)
def format_day(value: dt.datetime | None) -> str:
    """'14 Oct 2026' ('' for none): the day something was decided, in words."""
    return day_label(value) if value else ""


def format_datetime(value: dt.datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M") if value else ""


def format_money(value: float | None) -> str:
    """'£20.12', '-£10.06', or '' when unknown."""
    if value is None:
        return ""
    sign = "-" if value < 0 else ""
    return f"{sign}£{abs(value):,.2f}"


@lru_cache(maxsize=65536)
def local_time(iso: str | None) -> dt.datetime | None:
    """An ISO-8601 time as naive local time (offsets converted); None if absent or unreadable."""
    if not iso:
        return None
    try:
        value = dt.datetime.fromisoformat(iso)
    except ValueError:
        return None
    if value.tzinfo is not None:
        value = value.astimezone().replace(tzinfo=None)
    return value.replace(microsecond=0)


def covers_words(summary: ReportSummary, index: int) -> str:
    """What source `index` covers: 'Pertussis (pregnant women) Sep 2024 to Nov 2024'."""
    if index >= len(summary.source_covers):
        return ""
    covers = summary.source_covers[index]
    parts = []
    for programme, (first, last) in covers.items():
        span = short_month_label(first)
        if last != first:
            span += f" to {short_month_label(last)}"
        parts.append(f"{summary.programme_names.get(programme, programme)} {span}")
    stated = " (as stated)" if summary.sources[index].span else ""
    return "; ".join(parts) + (stated if parts else "")


@lru_cache(maxsize=4096)
def _codes(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(reason(k).code for k in keys)


_month_label = lru_cache(maxsize=1024)(month_label)


def _differ_words(decisions: Iterable[EarlierDecision], timed: bool = False) -> str:
    """'Given here in A.cqrsreview on 04 Oct 2026 by S. Earlier (note: ...); Other
    provider in C.cqrsreview on ...'; `timed`: 'on 04/10/2026 10:00' (the workbook's)."""
    words = []
    for d in decisions:
        local = local_time(d.decided_at)
        when = format_datetime(local) if timed else format_day(local)
        words.append(
            f"{DECISION_WORDS[d.decision]} in {d.decided_in}"
            + (f" on {when}" if when else "")
            + (f" by {d.reviewer}" if d.reviewer else "")
            + (f" (note: {d.note})" if d.note else "")
        )
    return "; ".join(words)


def _event_row(
    event: VaccinationEvent,
    record: DecisionRecord | None,
    item_reasons: tuple[str, ...],
    programme_name: str,
    action_needed: bool,
    differ: tuple[EarlierDecision, ...] = (),
) -> EventRow:
    decision = record.decision if record else None
    done = action_needed and bool(record and record.action_done)
    if decision is not None:
        word = DECISION_WORDS[decision]
    else:
        word = STILL_TO_CHECK if event.needs_review else NO_CHECK_NEEDED
    nhs_display = format_nhs_number(event.nhs_number or event.nhs_number_as_found)
    # the event's own reasons: its flags, earlier reviews that disagreed (or an earlier
    # word not carried), and a dose still to correct that the latest search still counts
    twice = entries_of_one_review(differ)
    extra = earlier_codes(differ)
    if action_needed and not done and record and record.export_check == NOT_CORRECTED:
        extra += (STILL_TO_CORRECT,)
    own_codes = _codes(event.flags) + _codes(extra)
    return EventRow(
        id=event.id,
        programme=event.programme,
        programme_name=programme_name,
        month=event.month,
        month_label=_month_label(event.month),
        date=event.date,
        nhs_number=event.nhs_number,
        nhs_number_display=nhs_display,
        surname=event.surname,
        forenames=event.forenames,
        name=labels.patient_name(event.surname, event.forenames),
        date_of_birth=event.date_of_birth,
        age=event.age,
        sex=event.sex,
        code=event.code,
        term=event.term,
        organisation=event.organisation,
        flags=event.flags,
        extra_reasons=extra,
        flag_codes=own_codes,
        reason_codes=own_codes + _codes(item_reasons),
        needs_review=event.needs_review,
        decision=decision,
        decision_word=word,
        action_needed=action_needed,
        action_done=done,
        action_evidence=(record.action_evidence or "reviewer") if record and done else None,
        carried_from=record.carried_from if record else None,
        export_check=record.export_check if record and action_needed else None,
        evidence=record.evidence if record else "",
        note=record.note if record else "",
        reviewer=record.reviewer if record else None,
        decided_at=record.decided_at if record else None,
        decided_at_local=local_time(record.decided_at if record else None),
        source=event.source,
        row=event.row,
        earlier_differ=_differ_words(differ),
        earlier_differ_timed=_differ_words(differ, timed=True),
        earlier_set_aside=len(differ) == 1 and differ[0].decision is not Decision.UNSURE,
        earlier_unsure=len(differ) == 1 and differ[0].decision is Decision.UNSURE,
        earlier_twice=twice,
    )


def _corrections(events: tuple[EventRow, ...], programme: Programme) -> tuple[Correction, ...]:
    found = []
    for decision in (Decision.OTHER_PROVIDER, Decision.NOT_ELIGIBLE, Decision.NOT_GIVEN):
        decided = [e for e in events if e.decision is decision]
        if decided:
            found.append(
                Correction(
                    decision,
                    len(decided),
                    programme.needs_action(decision.value),
                    sum(1 for e in decided if e.action_done),
                    sum(1 for e in decided if POSSIBLE_OLDER_ADULT_RSV in e.flags),
                    sum(  # shown by this review's own search (not only an earlier one)
                        1
                        for e in decided
                        if e.action_done
                        and e.action_evidence == "export"
                        and e.export_check == "corrected"
                    ),
                    sum(
                        1
                        for e in decided
                        if e.export_check == "not_corrected" and not e.action_done
                    ),
                    sum(
                        1
                        for e in decided
                        if decision is Decision.OTHER_PROVIDER
                        and NON_GMS in e.flags
                        and not e.action_done
                        and e.export_check != "not_corrected"
                    ),
                )
            )
    return tuple(found)


def _status_word(
    status: ItemStatus, searched_part: Days | None, unplaced: int, kept_given_here: int = 0
) -> str:
    """The status in words; a claim to amend that the email holds back (`amend_held_back`)
    is said as the email says it, with why (decisions 232, 233)."""
    if status is ItemStatus.AMEND and searched_part is not None:
        return HELD_BACK_WORDS[PART_SEARCHED][1]
    if status is ItemStatus.AMEND and unplaced:
        return HELD_BACK_WORDS[ROWS_NOT_PLACED][1]
    if status is ItemStatus.AMEND and kept_given_here:
        return HELD_BACK_WORDS[EARLIER_CHECK_UNSEEN][1]
    return STATUS_WORDS[status]


def _item_row(
    item: ClaimItem,
    programme: Programme | None,
    events: tuple[EventRow, ...],
    gone: Iterable[GoneDose] = (),
    unplaced: int = 0,
    no_longer_found: Iterable[Decision] = (),
    decided_earlier: int = 0,
    months_stated: bool = False,
    searched_part: Days | None = None,
    kept_earlier: Iterable[Decision] = (),
    kept_moved: Iterable[Decision] = (),
) -> ItemRow:
    times = [e.decided_at_local for e in events if e.decided_at_local is not None]
    reviewers = Counter(e.reviewer for e in events if e.reviewer)
    earlier = [e for e in events if e.carried_from and e.decision not in (None, Decision.UNSURE)]
    kept = tuple(kept_earlier)
    return ItemRow(
        programme=item.programme,
        programme_name=programme.display_name if programme else item.programme,
        month=item.month,
        month_label=month_label(item.month),
        claimed=item.claimed,
        in_search=item.in_search,
        flagged=item.flagged,
        reasons=item.reasons,
        reason_codes=_codes(item.reasons),
        decisions=dict(item.decisions),
        unsure=item.unsure,
        pending=item.pending,
        corrected=item.corrected,
        status=item.status,
        status_word=_status_word(
            item.status, searched_part, unplaced, kept.count(Decision.PRACTICE)
        ),
        fee=item.fee,
        value_difference=item.value_difference,
        covered=item.covered,
        record_checked=item.record_checked,
        cqrs_status=item.cqrs_status,
        cqrs_note=item.cqrs_note,
        corrections=_corrections(events, programme) if programme else (),
        first_decided=min(times) if times else None,
        last_decided=max(times) if times else None,
        reviewers=tuple(r for r, _ in reviewers.most_common()),
        gone=tuple(sorted(Counter(g.decision for g in gone).items(), key=_kind_order)),
        unplaced=unplaced,
        no_longer_found=tuple(sorted(Counter(no_longer_found).items(), key=_kind_order)),
        decided_earlier=decided_earlier,
        months_stated=months_stated,
        searched_part=searched_part,
        kept_earlier=tuple(sorted(Counter(kept).items(), key=_kind_order)),
        kept_moved=tuple(sorted(Counter(kept_moved).items(), key=_kind_order)),
        checked_earlier=len(earlier),
        checked_earlier_in=tuple(dict.fromkeys(e.carried_from or "" for e in earlier)),
        # (named only when each is: "by the reviewers named" must hold of them all)
        checked_earlier_by=(
            tuple(dict.fromkeys(e.reviewer or "" for e in earlier))
            if all(e.reviewer for e in earlier)
            else ()
        ),
    )


def _no_longer_found(lost: Iterable[GoneDose]) -> dict[tuple[str, str], list[Decision]]:
    """The decisions of doses needing no change that the latest search no longer holds
    (`domain.earlier.no_longer_found`), by programme and month."""
    found: dict[tuple[str, str], list[Decision]] = {}
    for dose in lost:
        found.setdefault((dose.programme, dose.month), []).append(dose.decision)
    return found


_KINDS = frozenset(d.value for d in Decision if d is not Decision.UNSURE)


def kept_by_month(
    review: Review, moved_only: bool = False
) -> dict[tuple[str, str], list[Decision]]:
    """The decisions kept from earlier reviews (`Review.held`) that are not "no longer
    found", by programme and month: for a covered month, `ItemRow.kept_earlier`. A
    disagreement kept for later (`Review.held_open`: a day the search may not have looked
    at) that the search does not hold counts as "given here" where an earlier review
    decided it so: the claim is not asked to be amended down past it (decision 379). One
    kept because the search holds its vaccination twice is not kept here: the search shows
    it (decision 388). `moved_only`: of them, those whose date may have been put right
    (`_near_dose`, decision 511)."""
    kept: dict[tuple[str, str], list[Decision]] = {}
    held = [row for row in review.held if row[8] != NO_LONGER_FOUND and row[1] in _KINDS]
    given_here = [
        key
        for key, decisions in review.held_open
        if any(d.decision is Decision.PRACTICE for d in decisions)
    ]
    if not (held or given_here):
        return kept
    shown = {event_key(e) for e in review.events}
    near = _near_dose(review) if moved_only else lambda _key: True
    for row in held:
        # one the search holds twice (a duplicate entry) it shows, and its entries are
        # decided here: not "does not show" (decision 388)
        if row[0] not in shown and near(row[0]):
            programme_id, day = row[0].split("|", 2)[:2]
            kept.setdefault((programme_id, day[:7]), []).append(Decision(row[1]))
    if given_here:
        # (one the search holds twice, it shows; one kept as a decision is counted above)
        known = shown | {row[0] for row in review.held}
        for key in given_here:
            if key not in known and near(key):
                programme_id, day = key.split("|", 2)[:2]
                kept.setdefault((programme_id, day[:7]), []).append(Decision.PRACTICE)
    return kept


def kept_given_here_by_month(review: Review) -> Counter[tuple[str, str]]:
    """By programme and month, the doses an earlier check found given by this practice
    that the search does not show, but those whose date may have been put right: for a
    covered month, `ItemRow.kept_given_here` (what holds a claim to amend back)."""
    kept = Counter(
        key for key, kinds in kept_by_month(review).items() for k in kinds if k is Decision.PRACTICE
    )
    kept.subtract(
        key
        for key, kinds in kept_by_month(review, moved_only=True).items()
        for k in kinds
        if k is Decision.PRACTICE
    )
    return +kept


def _near_dose(review: Review) -> Callable[[str], bool]:
    """`near(key)`: whether the search holds a vaccination of the programme of `key` for
    its patient (by NHS number, or by surname and date of birth) on another day within the
    programme's duplicate window: the dose of `key` may be that one, its date put right
    (decision 138). Only that is known: never that it is the same dose."""
    days: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for event in review.events:
        for key in {event_key(event), name_key(event)} - {None}:
            programme, _day, patient = str(key).split("|", 2)
            days[programme, patient].append(event.date)
    windows = {p.id: p.duplicate_window_days for p in review.rules.programmes}

    def near(key: str) -> bool:
        programme, day, patient = key.split("|", 2)
        date = dt.date.fromisoformat(day)
        window = windows.get(programme, 28)
        others = days.get((programme, patient), ())
        return any(0 < abs((other - date).days) <= window for other in others)

    return near


def kept_words(kinds: Iterable[tuple[Decision, int]]) -> str:
    """'2 given by this practice and 1 given by another provider': decisions kept from an
    earlier check, by kind."""
    parts = [
        f"{n} " + (no_longer_found_words if kind is Decision.PRACTICE else gone_kind_words)(kind, n)
        for kind, n in kinds
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def no_longer_found_words(kind: Decision, count: int) -> str:
    """'given by this practice', for doses decided so that the search no longer holds."""
    if kind is Decision.PRACTICE:
        return "given by this practice"
    return f"decided as '{DECISION_WORDS[kind]}'"


def gone_kind_words(kind: Decision, count: int) -> str:
    """'given by other providers', for doses no longer in the search."""
    if kind is Decision.OTHER_PROVIDER:
        return f"given by {'other providers' if count > 1 else 'another provider'}"
    if kind is Decision.NOT_ELIGIBLE:
        return "not eligible for this programme"
    return "recorded in error (not given)"


def _kind_order(kind: tuple[Decision, int]) -> int:
    return list(Decision).index(kind[0])


def _totals(items: tuple[ItemRow, ...]) -> Totals:
    statuses = Counter(i.status for i in items)
    return Totals(
        claimed=sum(i.claimed or 0 for i in items),
        in_search=sum(i.in_search for i in items),
        flagged=sum(i.flagged for i in items),
        corrected=sum(i.corrected or 0 for i in items),
        # a claim held back as still being checked is not in the total (decision 232)
        value_difference=(
            round(sum(known), 2)
            if (
                known := [
                    i.value_difference
                    for i in items
                    if i.value_difference is not None and not amend_held_back(i)
                ]
            )
            else None
        ),
        value_unknown=sum(
            1
            for i in items
            if (
                i.value_difference is None
                and i.status in (ItemStatus.INCOMPLETE, ItemStatus.NOT_CHECKED)
            )
            or amend_held_back(i)
        ),
        items=len(items),
        validated=statuses[ItemStatus.VALIDATED],
        amend=statuses[ItemStatus.AMEND],
        incomplete=statuses[ItemStatus.INCOMPLETE],
        no_claim=statuses[ItemStatus.NO_CLAIM],
        not_checked=statuses[ItemStatus.NOT_CHECKED],
    )


def _legend(items: Iterable[ItemRow], events: Iterable[EventRow]) -> tuple[LegendEntry, ...]:
    keys: set[str] = set()
    for item in items:
        keys.update(item.reasons)
    for event in events:
        keys.update(event.flags)
        keys.update(event.extra_reasons)
    entries = [LegendEntry(k, reason(k).code, reason(k).title, reason(k).check) for k in keys]
    return tuple(sorted(entries, key=lambda e: e.code))


def unplaced_counter(review: Review) -> Callable[[str, str, bool], int]:
    """How many rows not placed may be doses of a claim item (`ItemRow.unplaced`): rows
    that could be a dose at all, of its programme and month where those are known, from a
    search file that covers it, or from one that covers nothing (every row unplaced)."""
    rows = [u for u in review.inputs.unassigned if u.countable]
    if not rows:
        return lambda _programme, _month, _covered: 0
    covers = {s.file: c for s, c in zip(review.inputs.sources, review.source_covers, strict=False)}

    def count(programme: str, month: str, covered: bool) -> int:
        if not covered:
            return 0  # not checked at all: said so already, whatever these rows were
        found = 0
        for u in rows:
            if u.programme not in (None, programme) or u.month not in (None, month):
                continue
            spans = covers.get(u.source, {})
            span = spans.get(programme)
            if (span is not None and span[0] <= month <= span[1]) or not spans:
                found += 1
        return found

    return count


def build_summary(
    review: Review, generated_at: dt.datetime | None = None, reviewer: str | None = None
) -> ReportSummary:
    """Everything the outputs need, computed once from the review. `reviewer`: who
    prepares them (in the window, the user whose practice details sign the email), where
    not the review's own."""
    rules = review.rules
    names: dict[str, str] = {}
    for programme in rules.programmes:
        names[programme.id] = programme.display_name
    items = review.items()
    reasons_by_key = {(i.programme, i.month): i.reasons for i in items}
    grouped: dict[tuple[str, str], list[EventRow]] = defaultdict(list)
    events: list[EventRow] = []
    for event in review.events:
        key = (event.programme, event.month)
        row = _event_row(
            event,
            review.decision(event.id),
            reasons_by_key.get(key, ()),
            names.get(event.programme, event.programme),
            review.action_needed(event.id),
            review.disagreed.get(event.id, ()),
        )
        events.append(row)
        grouped[key].append(row)
    by_item = {k: tuple(v) for k, v in grouped.items()}
    programmes = {p.id: p for p in rules.programmes}
    unplaced = unplaced_counter(review)
    no_longer = no_longer_found(review.held)
    lost = _no_longer_found(no_longer)
    earlier = decided_earlier(review.held)
    kept = kept_by_month(review)  # (for covered months: `kept_earlier`)
    moved = kept_by_month(review, moved_only=True)  # (of them: `kept_moved`)
    stated: dict[str, list[tuple[str, str]]] = {}  # the months searches said they cover
    for source, covers in zip(review.inputs.sources, review.source_covers, strict=False):
        if source.span is not None:
            for programme_id, span in covers.items():
                stated.setdefault(programme_id, []).append(span)
    item_rows = tuple(
        _item_row(
            i,
            programmes.get(i.programme),
            by_item.get((i.programme, i.month), ()),
            review.gone_in(i.programme, i.month),
            unplaced(i.programme, i.month, i.covered),
            lost.get((i.programme, i.month), ()),
            0 if i.covered else earlier[i.programme, i.month],
            any(lo <= i.month <= hi for lo, hi in stated.get(i.programme, ())),
            review.part_searched(i.programme, i.month) if i.covered else None,
            kept.get((i.programme, i.month), ()) if i.covered else (),
            moved.get((i.programme, i.month), ()) if i.covered else (),
        )
        for i in items
    )
    needing = [e for e in events if e.needs_review]
    # Who signs: the one preparing the outputs, else the practice's reviewer, else whoever
    # made most of this review's own decisions (not those carried from earlier reviews).
    reviewers = Counter(e.reviewer for e in events if e.reviewer and not e.carried_from)
    reviewer = (
        reviewer
        or review.practice.reviewer
        or (reviewers.most_common(1)[0][0] if reviewers else None)
    )
    when = generated_at or dt.datetime.now()
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    return ReportSummary(
        practice=review.practice,
        reviewer=reviewer,
        generated_at=when.replace(microsecond=0),
        declaration_threshold=rules.declaration_threshold,
        items=item_rows,
        events=tuple(events),
        totals=_totals(item_rows),
        needs_review=len(needing),
        decided=sum(
            1 for e in needing if e.decision is not None and e.decision is not Decision.UNSURE
        ),
        pending=sum(1 for e in needing if e.decision is None),
        unsure=sum(1 for e in events if e.decision is Decision.UNSURE),
        action_done=sum(1 for e in events if e.action_done),
        action_to_do=sum(1 for e in events if e.action_needed and not e.action_done),
        seen_corrected=sum(  # by this review's own search (decision 94)
            1
            for e in events
            if e.action_done and e.action_evidence == "export" and e.export_check == "corrected"
        ),
        not_yet_corrected=sum(
            1 for e in events if e.export_check == "not_corrected" and not e.action_done
        ),
        carried=sum(1 for e in events if e.carried_from),
        gone=review.gone,
        no_longer_found=no_longer,
        legend=_legend(item_rows, events),
        sources=tuple(review.inputs.sources),
        unassigned=tuple(review.inputs.unassigned),
        source_covers=tuple(review.source_covers),
        programme_names=names,
        decisions_needing_action={
            p.id: frozenset(d for d in ACTION_DECISIONS if p.needs_action(d))
            for p in rules.programmes
        },
        _events_by_item=by_item,
    )
