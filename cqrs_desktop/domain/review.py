"""One review in memory: the inputs, the flagged events, the items and the decisions."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from cqrs_desktop.domain.coverage import Coverage, Days, Span, covers_by_source, part_searched
from cqrs_desktop.domain.dates import month_of
from cqrs_desktop.domain.flags import (
    PRACTICE_NOT_NAMED,
    PREAMBLE_NAMES,
    flag_events,
    practice_warning,
    preamble_practice_again,
    preamble_practice_warning,
)
from cqrs_desktop.domain.model import (
    Claim,
    ClaimItem,
    Decision,
    DecisionRecord,
    Practice,
    RowKind,
    SearchRow,
    SourceSummary,
    UnassignedRow,
    VaccinationEvent,
)
from cqrs_desktop.domain.reconcile import (
    ItemKey,
    claims_by_item,
    cqrs_status_by_item,
    mark_needs_review,
    reasons_by_item,
    tally_decisions,
)
from cqrs_desktop.domain.rules import Rules

if TYPE_CHECKING:  # carry builds on Review
    from cqrs_desktop.domain.earlier import EarlierDecision, EarlierRow, GoneDose


@dataclasses.dataclass(frozen=True)
class ReviewInputs:
    """What was imported: everything the results are computed from."""

    practice: Practice
    sources: tuple[SourceSummary, ...]
    rows: tuple[SearchRow, ...]
    unassigned: tuple[UnassignedRow, ...]
    claims: tuple[Claim, ...]

    def coverage(self) -> tuple[list[dict[str, Span]], Coverage]:
        """What each source covers, in source order, and the programme-months covered
        (SPEC section 3, search coverage)."""
        return covers_by_source(self.sources, self.rows)

    @property
    def marker_count(self) -> int:
        return sum(1 for row in self.rows if row.kind is RowKind.MARKER)


class Review:
    """Events with flags and items with running tallies; decisions applied incrementally."""

    def __init__(
        self,
        inputs: ReviewInputs,
        rules: Rules,
        decisions: Iterable[DecisionRecord] = (),
        events: list[VaccinationEvent] | None = None,
        gone: Iterable[GoneDose] = (),
        held: Iterable[EarlierRow] = (),
        disagreed: Mapping[str, tuple[EarlierDecision, ...]] | None = None,
        held_unsure: Iterable[EarlierRow] = (),
        held_open: Iterable[tuple[str, tuple[EarlierDecision, ...]]] = (),
    ) -> None:
        self.inputs = inputs
        self.all_gone: tuple[GoneDose, ...] = tuple(gone)
        # Earlier decisions for vaccinations no search here covers, kept for later reviews
        # (`carry.left_over`): not part of this review's claims.
        self.held: tuple[EarlierRow, ...] = tuple(held)
        # Marks of unsure of earlier reviews kept likewise (no decision: apart from `held`)
        self.held_unsure: tuple[EarlierRow, ...] = tuple(held_unsure)
        # ... and vaccinations earlier reviews decided differently, with the decisions
        self.held_open: tuple[tuple[str, tuple[EarlierDecision, ...]], ...] = tuple(held_open)
        self.rules = rules
        claims = claims_by_item(inputs.claims)
        self.source_covers, self.coverage = inputs.coverage()
        if events is None:
            found = Counter(
                (row.programme, month_of(row.date))
                for row in inputs.rows
                if row.kind is RowKind.EVENT
            )
            reasons = reasons_by_item(found, claims, self.coverage, rules)
            to_review = {key for key, why in reasons.items() if why}
            events = flag_events(inputs.rows, rules, inputs.practice, to_review)
        self.events, self._tallies = mark_needs_review(
            events, claims, self.coverage, rules, cqrs_status_by_item(inputs.claims)
        )
        self._index = {event.id: i for i, event in enumerate(self.events)}
        self.decisions: dict[str, DecisionRecord] = {
            d.event_id: d for d in decisions if d.event_id in self._index
        }
        tally_decisions(self.events, self._tallies, self.decisions)
        # What earlier reviews that disagreed decided, by event (left to decide again).
        self.disagreed: dict[str, tuple[EarlierDecision, ...]] = {
            k: v for k, v in (disagreed or {}).items() if k in self._index
        }
        # Decided events whose decision needs a change in the clinical system not yet
        # recorded as done: one running tally, so the list's filter, the overview and the
        # email's counts agree without a rescan per key press.
        # Alongside it, what the latest search showed of doses decided in earlier reviews
        # (carried), and which decisions were carried: for the overview and the list.
        self._action_to_do: set[str] = set()
        self._seen_corrected: set[str] = set()
        self._not_yet_corrected: set[str] = set()
        self._cannot_check: set[str] = set()
        self._carried: set[str] = set()
        for event_id, record in self.decisions.items():
            self._tally_record(event_id, record, self._needs_action(event_id, record))

    @property
    def practice(self) -> Practice:
        return self.inputs.practice

    @property
    def gone(self) -> tuple[GoneDose, ...]:
        """Doses decided earlier as needing a change in the clinical system that the
        searches no longer hold, in months they cover (`carry.left_over`)."""
        return tuple(g for g in self.all_gone if self.coverage.covers(g.programme, g.month))

    def gone_in(self, programme: str, month: str) -> tuple[GoneDose, ...]:
        return tuple(g for g in self.gone if g.programme == programme and g.month == month)

    def set_gone(self, gone: Iterable[GoneDose]) -> None:
        self.all_gone = tuple(gone)

    def set_held(
        self,
        held: Iterable[EarlierRow],
        unsure: Iterable[EarlierRow] = (),
        differ: Iterable[tuple[str, tuple[EarlierDecision, ...]]] = (),
    ) -> None:
        self.held = tuple(held)
        self.held_unsure = tuple(unsure)
        self.held_open = tuple(differ)

    def set_disagreed(self, disagreed: Mapping[str, tuple[EarlierDecision, ...]]) -> None:
        self.disagreed = {k: v for k, v in disagreed.items() if k in self._index}

    def index_of(self, event_id: str) -> int:
        return self._index[event_id]

    def event(self, event_id: str) -> VaccinationEvent:
        return self.events[self._index[event_id]]

    def part_searched(self, programme: str, month: str) -> Days | None:
        """The days of a covered month searched, where the searches' own lines say that
        was only part of it (`domain.coverage.part_searched`); None: searched whole."""
        return part_searched(self.inputs.sources, self.source_covers, programme, month)

    def decision(self, event_id: str) -> DecisionRecord | None:
        return self.decisions.get(event_id)

    def action_needed(self, event_id: str) -> bool:
        """Whether the event's decision needs a change in the clinical system (the rules
        say which); False with no decision, for "practice" and "unsure"."""
        record = self.decisions.get(event_id)
        if record is None or record.decision is None:
            return False
        return self.rules.needs_action(self.event(event_id).programme, record.decision.value)

    def action_done(self, event_id: str) -> bool:
        """The clinical system was updated as the decision needs: only ever true for a
        decision that needs it (a tick on "Given here" means nothing)."""
        record = self.decisions.get(event_id)
        return bool(record and record.action_done) and self.action_needed(event_id)

    @property
    def action_to_do(self) -> int:
        """Decided events whose decision needs a change in the clinical system (given
        elsewhere, recorded in error, ...) not yet ticked as done."""
        return len(self._action_to_do)

    def action_to_do_ids(self) -> frozenset[str]:
        return frozenset(self._action_to_do)

    def is_action_to_do(self, event_id: str) -> bool:
        return event_id in self._action_to_do

    @property
    def seen_corrected(self) -> int:
        """Decisions needing a change in the clinical system that a later search shows
        made (`action_evidence` "export"): `ReportSummary.seen_corrected`."""
        return len(self._seen_corrected)

    @property
    def not_yet_corrected(self) -> int:
        """Decisions needing a change that a later search still shows as the practice's
        own dose, not ticked since: `ReportSummary.not_yet_corrected`."""
        return len(self._not_yet_corrected)

    @property
    def cannot_check(self) -> int:
        """Decisions needing a change in the clinical system whose latest search has no
        column to show it made (`CANNOT_SHOW`, decision 94): the earlier word stands."""
        return len(self._cannot_check)

    @property
    def carried(self) -> int:
        """Decisions carried from earlier reviews (and not changed since)."""
        return len(self._carried)

    def seen_corrected_ids(self) -> frozenset[str]:
        return frozenset(self._seen_corrected)

    def not_yet_corrected_ids(self) -> frozenset[str]:
        return frozenset(self._not_yet_corrected)

    def is_seen_corrected(self, event_id: str) -> bool:
        """A change the latest search shows made (`action_evidence` "export")."""
        return event_id in self._seen_corrected

    def is_not_yet_corrected(self, event_id: str) -> bool:
        """The event's reason UPD (`explain.STILL_TO_CORRECT`), as the reports give it."""
        return event_id in self._not_yet_corrected

    def carried_ids(self) -> frozenset[str]:
        return frozenset(self._carried)

    def _needs_action(self, event_id: str, record: DecisionRecord | None) -> bool:
        if record is None or record.decision is None:
            return False
        programme = self.events[self._index[event_id]].programme
        return self.rules.needs_action(programme, record.decision.value)

    def _id_sets(self) -> tuple[set[str], set[str], set[str], set[str], set[str]]:
        """The running sets, in `_memberships` order."""
        return (
            self._action_to_do, self._seen_corrected, self._not_yet_corrected, self._carried,
            self._cannot_check,
        )  # fmt: skip

    def _tally_record(self, event_id: str, record: DecisionRecord | None, needed: bool) -> None:
        """The running sets for one event's record (`needed`: its decision needs a change
        in the clinical system)."""
        for found, ids in zip(_memberships(record, needed), self._id_sets(), strict=True):
            if found:
                ids.add(event_id)
            else:
                ids.discard(event_id)

    def apply(self, event_id: str, record: DecisionRecord | None) -> DecisionRecord | None:
        """Replace an event's decision record (None clears it); returns the previous one."""
        needed = self._needs_action(event_id, record)
        return self._put(self.event(event_id), record, needed)

    def apply_many(self, records: Iterable[DecisionRecord]) -> None:
        """`apply` for many records (hundreds of thousands carried from earlier reviews):
        the item tallies moved
        once per kind of change and the running sets updated in bulk. For an event given
        more than one record, the last counts."""
        latest = {r.event_id: r for r in records}
        for ids in self._id_sets():
            ids.difference_update(latest)
        needs = self.rules.needs_action
        moves: Counter[tuple[str, str, bool, Decision | None, Decision | None]] = Counter()
        events, index, decisions = self.events, self._index, self.decisions
        to_do_add, seen_add, not_yet_add, carried_add, blind_add = (
            ids.add for ids in self._id_sets()
        )
        for event_id, record in latest.items():
            event = events[index[event_id]]
            previous = decisions.get(event_id)
            decisions[event_id] = record
            decision = record.decision
            moves[(event.programme, event.month, event.needs_review,
                   previous.decision if previous else None, decision)] += 1  # fmt: skip
            needed = decision is not None and needs(event.programme, decision.value)
            if needed or record.carried_from:  # else in none of the running sets
                to_do, seen_corrected, not_yet_corrected, carried, blind = _memberships(
                    record, needed
                )
                if to_do:
                    to_do_add(event_id)
                if seen_corrected:
                    seen_add(event_id)
                if not_yet_corrected:
                    not_yet_add(event_id)
                if carried:
                    carried_add(event_id)
                if blind:
                    blind_add(event_id)
        for (programme, month, needs_review, old, new), count in moves.items():
            self._tallies[(programme, month)].move(needs_review, old, new, count)

    def _put(
        self, event: VaccinationEvent, record: DecisionRecord | None, needed: bool
    ) -> DecisionRecord | None:
        previous = self.decisions.get(event.id)
        if record is None:
            self.decisions.pop(event.id, None)
        else:
            self.decisions[event.id] = record
        self._tallies[(event.programme, event.month)].move(
            event.needs_review,
            previous.decision if previous else None,
            record.decision if record else None,
        )
        self._tally_record(event.id, record, needed)
        return previous

    def items(self) -> list[ClaimItem]:
        return [tally.result() for tally in self._tallies.values()]

    def item(self, key: ItemKey) -> ClaimItem:
        return self._tallies[key].result()

    def with_claims(self, claims: Iterable[Claim]) -> Review:
        """A new Review with other claimed counts (flags are kept; reasons recomputed)."""
        return self._with(dataclasses.replace(self.inputs, claims=tuple(claims)), self.events)

    def with_sources(self, sources: Iterable[SourceSummary]) -> Review:
        """A new Review with other source details (the months a search covers): flags are
        kept, coverage and reasons recomputed."""
        return self._with(dataclasses.replace(self.inputs, sources=tuple(sources)), self.events)

    def with_practice(self, practice: Practice) -> Review:
        """Practice details change the organisation check, so flags are recomputed, and
        each search's warning that it never names the practice is made again."""
        rows: dict[str, list[SearchRow]] = {}
        for row in self.inputs.rows:
            rows.setdefault(row.source, []).append(row)
        sources = tuple(
            _practice_warned(s, rows.get(s.file, []), practice) if s.kind == "search" else s
            for s in self.inputs.sources
        )
        inputs = dataclasses.replace(self.inputs, practice=practice, sources=sources)
        return self._with(inputs, None)

    def _with(self, inputs: ReviewInputs, events: list[VaccinationEvent] | None) -> Review:
        """The review of other `inputs`, its decisions and what earlier reviews gave kept
        (`events`: the events with their flags as they are; None: worked out again)."""
        return Review(
            inputs, self.rules, self.decisions.values(), events=events, gone=self.all_gone,
            held=self.held, disagreed=self.disagreed, held_unsure=self.held_unsure,
            held_open=self.held_open,
        )  # fmt: skip


def _practice_warned(
    source: SourceSummary, rows: list[SearchRow], practice: Practice
) -> SourceSummary:
    """`source` with its warnings that it never names the practice, or that the lines above
    its header name another, as they are for `practice` (made again from what those lines
    name where it is kept, so a warning gone comes back: decision 296)."""
    named = source.practices_named
    kept = [
        again
        for w in source.warnings
        if not w.startswith(PRACTICE_NOT_NAMED) and not (named and w.startswith(PREAMBLE_NAMES))
        for again in (
            [preamble_practice_again(w, practice)] if w.startswith(PREAMBLE_NAMES) else [w]
        )
        if again is not None
    ]
    made = [practice_warning(rows, practice)]
    if named:
        made.append(preamble_practice_warning(named, practice))
    return dataclasses.replace(source, warnings=(*kept, *(w for w in made if w)))


# The evidence of a dose given elsewhere that a search has no column to show marked
# (`export_check` None: decision 94)
CANNOT_SHOW = "which has no GMS or Non-GMS column, so it cannot show whether the record was marked"


def _memberships(
    record: DecisionRecord | None, needed: bool
) -> tuple[bool, bool, bool, bool, bool]:
    """Which running sets an event with `record` is in (`needed`: its decision needs a
    change in the clinical system): action to do, seen corrected by a later search, not yet
    corrected there, carried from an earlier review, one the later search cannot check."""
    if record is None:
        return False, False, False, False, False
    done = needed and record.action_done
    to_do = needed and not done
    return (
        to_do,
        done and record.action_evidence == "export" and record.export_check == "corrected",
        to_do and record.export_check == "not_corrected",
        bool(record.carried_from),
        needed and record.export_check is None and CANNOT_SHOW in record.evidence,
    )
