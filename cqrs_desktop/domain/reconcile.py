"""Claims against events: item reasons, who needs review, and the results of SPEC section 5."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from cqrs_desktop.domain.coverage import Coverage
from cqrs_desktop.domain.model import (
    FINAL_DECISIONS,
    Claim,
    ClaimItem,
    Decision,
    DecisionRecord,
    ItemStatus,
    VaccinationEvent,
)
from cqrs_desktop.domain.rules import Rules

AFFECTED_PERIOD = "affected_period"
FIVE_OR_MORE = "five_or_more"
COUNT_MISMATCH = "count_mismatch"

ItemKey = tuple[str, str]  # (programme, month)


def claims_by_item(claims: Iterable[Claim]) -> dict[ItemKey, int]:
    """One claimed count per programme and month; a later claim replaces an earlier one."""
    result: dict[ItemKey, int] = {}
    for claim in claims:
        result[(claim.programme, claim.month)] = claim.count
    return result


# When rows of one item carry different CQRS statuses (two indicators added together), the
# item is only as far on as its least advanced row: approved only when all are.
_STATUS_PRECEDENCE = ("rejected", "awaiting_approval", "not_declared", "other", "approved")


def combined_status(statuses: Iterable[str]) -> str | None:
    """One CQRS status for rows of one item: approved only when every row is."""
    found = set(statuses)
    if not found:
        return None
    return next((s for s in _STATUS_PRECEDENCE if s in found), sorted(found)[0])


def cqrs_status_by_item(claims: Iterable[Claim]) -> dict[ItemKey, tuple[str | None, str | None]]:
    """The CQRS item status and note of each programme and month, from the claims that
    carry them (a claim typed in or given on the command line carries neither, and leaves
    what a CQRS file said in place)."""
    statuses: dict[ItemKey, list[str]] = {}
    notes: dict[ItemKey, list[str]] = {}
    for claim in claims:
        key = (claim.programme, claim.month)
        if claim.cqrs_status:
            statuses.setdefault(key, []).append(claim.cqrs_status)
        if claim.cqrs_note and claim.cqrs_note not in notes.get(key, []):
            notes.setdefault(key, []).append(claim.cqrs_note)
    keys = set(statuses) | set(notes)
    return {
        key: (
            combined_status(statuses.get(key, [])),
            " / ".join(notes[key]) if key in notes else None,
        )
        for key in keys
    }


def item_reasons(
    key: ItemKey, claimed: int | None, found: int, covered: bool, rules: Rules
) -> tuple[str, ...]:
    programme = rules.programme(key[0])
    reasons = []
    if programme.in_review_window(key[1]):
        reasons.append(AFFECTED_PERIOD)
    basis = claimed if claimed is not None else found
    if basis >= rules.declaration_threshold:
        reasons.append(FIVE_OR_MORE)
    if claimed is not None and covered and claimed != found:
        reasons.append(COUNT_MISMATCH)
    return tuple(sorted(reasons))


@dataclasses.dataclass
class ItemTally:
    """Running counts for one item, updated as decisions change (no rescans)."""

    key: ItemKey
    claimed: int | None
    covered: bool
    reasons: tuple[str, ...]
    fee: float
    cqrs_status: str | None = None
    cqrs_note: str | None = None
    in_search: int = 0
    flagged: int = 0
    no_review_undecided: int = 0  # needed no review and has no decision: counts as practice
    pending: int = 0
    unsure_flagged: int = 0  # marked unsure and needing review
    decided: Counter[str] = dataclasses.field(default_factory=Counter)

    def add(self, event: VaccinationEvent, decision: Decision | None, sign: int = 1) -> None:
        self._count(event.needs_review, decision, sign)

    def move(
        self, needs_review: bool, old: Decision | None, new: Decision | None, count: int = 1
    ) -> None:
        """`count` events (needing review or not) went from decision `old` to `new`."""
        if old is not new:
            self._count(needs_review, old, -count)
            self._count(needs_review, new, count)

    def _count(self, needs_review: bool, decision: Decision | None, sign: int) -> None:
        if decision is None:
            if needs_review:
                self.pending += sign
            else:
                self.no_review_undecided += sign
        else:
            self.decided[decision.value] += sign
            if needs_review and decision is Decision.UNSURE:
                self.unsure_flagged += sign

    def result(self) -> ClaimItem:
        decisions = {d.value: self.decided.get(d.value, 0) for d in FINAL_DECISIONS}
        unsure = self.decided.get(Decision.UNSURE.value, 0)
        corrected: int | None
        if not self.covered:
            corrected = None
            status = ItemStatus.NOT_CHECKED
        else:
            if self.pending + unsure > 0:
                corrected = None
            else:
                corrected = decisions[Decision.PRACTICE.value] + self.no_review_undecided
            if corrected is None:
                status = ItemStatus.INCOMPLETE
            elif self.claimed is None:
                status = ItemStatus.NO_CLAIM
            elif corrected == self.claimed:
                status = ItemStatus.VALIDATED
            else:
                status = ItemStatus.AMEND
        difference = None
        if self.claimed is not None and corrected is not None:
            difference = round((self.claimed - corrected) * self.fee, 2)
        final = sum(decisions.values())
        return ClaimItem(
            programme=self.key[0],
            month=self.key[1],
            claimed=self.claimed,
            in_search=self.in_search,
            flagged=self.flagged,
            reasons=self.reasons,
            decisions=decisions,
            unsure=unsure,
            pending=self.pending,
            corrected=corrected,
            status=status,
            fee=self.fee,
            value_difference=difference,
            covered=self.covered,
            record_checked=self.in_search > 0 and final == self.in_search,
            cqrs_status=self.cqrs_status,
            cqrs_note=self.cqrs_note,
            unsure_flagged=self.unsure_flagged,
        )


def reasons_by_item(
    found: Mapping[ItemKey, int],
    claims: Mapping[ItemKey, int],
    coverage: Coverage,
    rules: Rules,
) -> dict[ItemKey, tuple[str, ...]]:
    """Every item with a claim or an event, in programme (rules) then month order."""
    keys = set(found) | {k for k in claims if k[0] in rules.programme_ids}
    return {
        key: item_reasons(key, claims.get(key), found.get(key, 0), coverage.covers(*key), rules)
        for key in sorted(keys, key=lambda k: (rules.order(k[0]), k[1]))
    }


def mark_needs_review(
    events: Sequence[VaccinationEvent],
    claims: Mapping[ItemKey, int],
    coverage: Coverage,
    rules: Rules,
    cqrs_status: Mapping[ItemKey, tuple[str | None, str | None]] | None = None,
) -> tuple[list[VaccinationEvent], dict[ItemKey, ItemTally]]:
    """Set each event's `needs_review` from its flags and its item's reasons.

    Returns the events (same order) and an empty-decision tally per item, covering every
    programme and month that has a claim or an event, in programme (rules) then month order.
    """
    found: Counter[ItemKey] = Counter((e.programme, e.month) for e in events)
    status = cqrs_status or {}
    tallies = {
        key: ItemTally(
            key=key,
            claimed=claims.get(key),
            covered=coverage.covers(*key),
            reasons=reasons,
            fee=rules.programme(key[0]).fee_for(key[1]),
            cqrs_status=status.get(key, (None, None))[0],
            cqrs_note=status.get(key, (None, None))[1],
        )
        for key, reasons in reasons_by_item(found, claims, coverage, rules).items()
    }
    marked: list[VaccinationEvent] = []
    for event in events:
        tally = tallies[(event.programme, event.month)]
        needs = bool(event.flags) or bool(tally.reasons)
        if needs != event.needs_review:
            event = dataclasses.replace(event, needs_review=needs)
        marked.append(event)
        tally.in_search += 1
        if needs:
            tally.flagged += 1
    return marked, tallies


def tally_decisions(
    events: Sequence[VaccinationEvent],
    tallies: dict[ItemKey, ItemTally],
    decisions: Mapping[str, DecisionRecord],
) -> None:
    for event in events:
        record = decisions.get(event.id)
        tallies[(event.programme, event.month)].add(event, record.decision if record else None)
