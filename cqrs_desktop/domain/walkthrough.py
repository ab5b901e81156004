"""The review walk-through without a window: current event, decide, undo, move, progress.

The GUI renders this and forwards keys to it; tests drive it directly. Every change goes
through `DecisionSink.save` before the in-memory state changes, so what the screen shows
as recorded has been written.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import cached_property
from typing import Protocol

from cqrs_desktop.domain.clinical_systems import source_system
from cqrs_desktop.domain.earlier import CORRECTED
from cqrs_desktop.domain.explain import DECISION_WORDS, reason
from cqrs_desktop.domain.flags import NON_GMS, OTHER_ORGANISATION, OTHER_PROVIDER_CODE
from cqrs_desktop.domain.model import Decision, DecisionRecord, VaccinationEvent
from cqrs_desktop.domain.reconcile import ItemKey
from cqrs_desktop.domain.review import Review
from cqrs_desktop.domain.rules import DecisionAction

# Flags that are strong evidence the practice did not give the dose: "Given here" on an
# event with one of them is confirmed once, with the evidence shown again, so one key
# press cannot validate a month against what the record says.
EVIDENCE_AGAINST_PRACTICE: tuple[str, ...] = (NON_GMS, OTHER_ORGANISATION, OTHER_PROVIDER_CODE)


class ActionState(StrEnum):
    """Where an event stands on "Clinical system updated" (SPEC section 5, action_done)."""

    UNDECIDED = "undecided"  # no finding yet (none, or unsure): nothing to tick yet
    NOT_NEEDED = "not_needed"  # the decision needs nothing in the clinical system
    TO_DO = "to_do"  # it needs a change there, not yet ticked
    DONE = "done"  # the change is recorded as done


class DecisionSink(Protocol):
    """Where changes are written (the review file). Raises if the write fails."""

    def save_decision(
        self,
        event_id: str,
        record: DecisionRecord | None,
        previous: DecisionRecord | None,
        reason: str,
        who: str | None = None,
    ) -> None: ...


@dataclasses.dataclass(frozen=True)
class Progress:
    checked: int  # events needing review with a final decision or unsure
    total: int  # events needing review
    unsure: int

    @property
    def remaining(self) -> int:
        return self.total - self.checked

    def text(self) -> str:
        """'4 of 49 checked, 1 unsure': an unsure one is seen, not checked."""
        text = f"{self.checked - self.unsure} of {self.total} checked"
        return text + (f", {self.unsure} unsure" if self.unsure else "")


@dataclasses.dataclass(frozen=True)
class _Change:
    event_id: str
    before: DecisionRecord | None
    after: DecisionRecord | None


def reviewer_made(record: DecisionRecord, decided: bool, changed_decision: bool) -> DecisionRecord:
    """A record the reviewer changed: a decision they record is their own (no longer
    carried); a different one no longer has what a search showed of the old one, while the
    same one recorded again keeps it (the export's proof of the correction, or that the
    search does not show it: decision 151); the tick is their word."""
    if decided:
        record = dataclasses.replace(record, carried_from=None)
    if changed_decision:
        record = dataclasses.replace(record, export_check=None, evidence="")
    if record.action_done and record.export_check == CORRECTED:
        # ticked again where the search shows it corrected: the export's proof, as before
        record = dataclasses.replace(record, action_evidence="export")
    elif record.action_evidence != "export" or changed_decision or not record.action_done:
        evidence = "reviewer" if record.action_done else None
        record = dataclasses.replace(record, action_evidence=evidence)
    return record


def earlier_note(record: DecisionRecord) -> str:
    """A carried decision's note, once the reviewer decides the vaccination themselves:
    said to have come with the earlier decision ("With the earlier decision (Given here, by
    Sam Earlier in A.cqrsreview): seen at our clinic"), so it is never taken for the new
    decision's, nor its words for the new reviewer's. So too a note another reviewer wrote
    in this review (decision 389)."""
    by = f"by {record.reviewer}" if record.reviewer else ""
    where = f" in {record.carried_from}" if record.carried_from else ""
    if record.decision is None:  # a note written before any decision
        return f"Noted earlier ({by or 'no reviewer named'}{where}): {record.note}"
    what = ", ".join(w for w in (DECISION_WORDS[record.decision], by) if w)
    return f"With the earlier decision ({what}{where}): {record.note}"


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


class WalkThrough:
    """Moves through the events needing review, one at a time, in programme, month, date order."""

    def __init__(
        self,
        review: Review,
        sink: DecisionSink,
        reviewer: str | None = None,
        clock: Callable[[], str] = _now,
        carried_note: Callable[[str], str | None] = lambda _event_id: None,
        note_left_by: Callable[[str, str], str | None] = lambda _event_id, _who: None,
    ) -> None:
        self.review = review
        self.sink = sink
        self.reviewer = reviewer
        self.clock = clock
        # an event's note as it was carried in (None: not known), to tell the earlier
        # reviewer's words from this reviewer's once the vaccination is decided again
        self.carried_note = carried_note
        # an event's note as a reviewer last left it (None: not known), to tell a
        # colleague's words from this reviewer's added to them
        self.note_left_by = note_left_by
        self._undo: list[_Change] = []
        self._systems = {s.file: source_system(s) for s in review.inputs.sources}
        self._queue = [i for i, e in enumerate(review.events) if e.needs_review]
        self._queue_pos = {index: pos for pos, index in enumerate(self._queue)}
        # (one pass over the queue's decisions: 200,000 events are opened on the GUI thread)
        events, decided = review.events, review.decisions.get
        made = [None if (d := decided(events[i].id)) is None else d.decision for i in self._queue]
        self._checked = len(made) - made.count(None)
        self._unsure = made.count(Decision.UNSURE)
        first = self._queue[made.index(None)] if None in made else None
        if first is None and self._queue:
            first = self._queue[0]
        self.position: int | None = first if first is not None else (0 if review.events else None)

    # ----- what is shown ---------------------------------------------------------------
    @property
    def current(self) -> VaccinationEvent | None:
        return None if self.position is None else self.review.events[self.position]

    @property
    def current_record(self) -> DecisionRecord | None:
        event = self.current
        return None if event is None else self.review.decision(event.id)

    def progress(self) -> Progress:
        return Progress(self._checked, len(self._queue), self._unsure)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def _is_checked(self, event_id: str) -> bool:
        record = self.review.decision(event_id)
        return record is not None and record.decision is not None

    # ----- what the decision needs in the clinical system ----------------------------
    def action_state(self, event_id: str | None = None) -> ActionState:
        """Whether "Clinical system updated" applies to the event (the current one by
        default) and whether it is ticked."""
        if event_id is None:
            event = self.current
            if event is None:
                return ActionState.UNDECIDED
            event_id = event.id
        record = self.review.decision(event_id)
        if record is None or record.decision in (None, Decision.UNSURE):
            return ActionState.UNDECIDED
        if not self.review.action_needed(event_id):
            return ActionState.NOT_NEEDED
        return ActionState.DONE if record.action_done else ActionState.TO_DO

    def needed_action(
        self, decision: Decision, event: VaccinationEvent | None = None
    ) -> DecisionAction | None:
        """What `decision` on the event (the current one by default) needs in the clinical
        system, from the rules; None when it needs nothing there."""
        event = event or self.current
        if event is None:
            return None
        return self.review.rules.programme(event.programme).action(decision.value)

    def clinical_system(self, event: VaccinationEvent, practice_system: str | None) -> str | None:
        """The system the event's record lives in: the one its search file came from when
        the file says so, else the practice's own."""
        return self._systems.get(event.source) or practice_system

    @property
    def action_to_do(self) -> int:
        """Decided events whose clinical-system change is still to be made (the count the
        list's filter, the overview and the email share: `Review.action_to_do`)."""
        return self.review.action_to_do

    # ----- evidence against "given here" ---------------------------------------------
    def evidence_against_practice(self, event: VaccinationEvent | None = None) -> tuple[str, ...]:
        """The event's flags that say someone else gave the dose."""
        event = event or self.current
        if event is None:
            return ()
        return tuple(f for f in EVIDENCE_AGAINST_PRACTICE if f in event.flags)

    def needs_confirmation(self, decision: Decision) -> tuple[str, ...]:
        """The evidence to show before recording `decision` on the current event: asked
        for "Given here" on strong evidence against it, once (not when it is already
        recorded as given here)."""
        record = self.current_record
        if decision is not Decision.PRACTICE or (record and record.decision is decision):
            return ()
        return self.evidence_against_practice()

    def suggested_note(self, evidence: Sequence[str]) -> str:
        """A note for a "Given here" confirmed against the evidence, for the reviewer to
        complete: it says what the record showed."""
        said = "; ".join(_lower_first(reason(f).title) for f in evidence)
        return f"Given here although the record showed: {said}."

    # ----- the claim items (months) ---------------------------------------------------
    @cached_property
    def _item_order(self) -> list[ItemKey]:
        rules = self.review.rules
        return sorted(
            {(e.programme, e.month) for e in self.review.events},
            key=lambda k: (rules.order(k[0]), k[1]),
        )

    def next_item_to_check(self, after: ItemKey | None = None) -> ItemKey | None:
        """The next programme-month (after `after`, wrapping round) with events still to
        decide; None when there is none."""
        order = self._item_order
        start = order.index(after) + 1 if after in order else 0
        for key in (*order[start:], *order[:start]):
            if key != after and self.review.item(key).pending:
                return key
        return None

    # ----- moving ---------------------------------------------------------------------
    def go_to(self, event_id: str) -> None:
        self.position = self.review.index_of(event_id)

    def go_to_index(self, index: int) -> None:
        if 0 <= index < len(self.review.events):
            self.position = index

    # `within`: the events the user is looking at (the list as filtered or searched), as
    # event indices in ascending order. Moving and the move after a decision stay among them,
    # so the card never jumps to a patient the list does not show. None: every event that
    # needs review.
    def _order(self, within: Sequence[int] | None) -> Sequence[int]:
        return self._queue if within is None else within

    def _queue_neighbour(self, step: int, within: Sequence[int] | None = None) -> int | None:
        order = self._order(within)
        if not order or self.position is None:
            return None
        pos = bisect.bisect_left(order, self.position)
        if step > 0:
            pos = pos + 1 if pos < len(order) and order[pos] == self.position else pos
            return order[pos] if pos < len(order) else None
        pos -= 1
        return order[pos] if pos >= 0 else None

    def next(self, within: Sequence[int] | None = None) -> bool:
        """Next event needing review (or of `within`), no wrap. False at the end."""
        target = self._queue_neighbour(+1, within)
        if target is None:
            return False
        self.position = target
        return True

    def previous(self, within: Sequence[int] | None = None) -> bool:
        target = self._queue_neighbour(-1, within)
        if target is None:
            return False
        self.position = target
        return True

    def next_pending_index(self, after: int, within: Sequence[int] | None = None) -> int | None:
        """The first undecided event needing review after `after` (among `within`), wrapping
        round once."""
        order = self._order(within)
        if not order:
            return None
        start = bisect.bisect_right(order, after)
        events, decided = self.review.events, self.review.decisions.get
        for index in itertools.chain(order[start:], order[:start]):
            event = events[index]
            if event.needs_review and ((d := decided(event.id)) is None or d.decision is None):
                return index
        return None

    def next_pending(self) -> bool:
        target = self.next_pending_index(self.position if self.position is not None else -1)
        if target is None:
            return False
        self.position = target
        return True

    # ----- changing -------------------------------------------------------------------
    def _write(self, event_id: str, after: DecisionRecord | None, reason: str) -> None:
        before = self.review.decision(event_id)
        # the audit entry is by whoever made the change, not whose decision it leaves
        # (an undo that puts a colleague's decision back is this reviewer's act)
        self.sink.save_decision(event_id, after, before, reason, who=self.reviewer)
        was_checked = before is not None and before.decision is not None
        was_unsure = before is not None and before.decision is Decision.UNSURE
        self.review.apply(event_id, after)
        if self.review.index_of(event_id) in self._queue_pos:
            now_checked = after is not None and after.decision is not None
            now_unsure = after is not None and after.decision is Decision.UNSURE
            self._checked += int(now_checked) - int(was_checked)
            self._unsure += int(now_unsure) - int(was_unsure)
        self._undo.append(_Change(event_id, before, after))

    def note_decided_again(self, record: DecisionRecord) -> str:
        """The note `record` keeps when this reviewer decides its vaccination: said to be
        the earlier reviewer's where the words are theirs (decisions 106, 389): carried,
        with the note as it came, or written in this review by another reviewer."""
        if not record.note:
            return record.note
        if record.carried_from:
            theirs = self.carried_note(record.event_id) == record.note  # as carried
        else:  # a colleague's decision in this review: theirs unless noted since
            theirs = record.reviewer != self.reviewer
            if theirs and record.reviewer and record.decision is not None:
                left = self.note_left_by(record.event_id, record.reviewer)
                theirs = left is None or left == record.note
        return earlier_note(record) if theirs else record.note

    def _record(self, **changes: object) -> DecisionRecord:
        event = self.current
        assert event is not None
        base = self.review.decision(event.id) or DecisionRecord(event_id=event.id, decision=None)
        # A decision carried from an earlier review, or made in this one by a colleague,
        # stays theirs, with its reviewer and time, when only the tick or the note changes
        # (the audit log says who did that, and when); a new decision is the reviewer's own.
        keep = (
            base.decision is not None
            and "decision" not in changes
            and (base.carried_from is not None or base.reviewer != self.reviewer)
        )
        if "decision" in changes and "note" not in changes:
            changes["note"] = self.note_decided_again(base)
        record = dataclasses.replace(
            base,
            reviewer=base.reviewer if keep else self.reviewer,
            decided_at=base.decided_at if keep else self.clock(),
            **changes,  # type: ignore[arg-type]
        )
        return reviewer_made(
            record,
            decided="decision" in changes,
            changed_decision="decision" in changes and changes["decision"] != base.decision,
        )

    def _move_on(self, within: Sequence[int] | None) -> None:
        """To the next event still to decide (among `within`); else the next of them;
        else stay."""
        after = self.position if self.position is not None else -1
        target = self.next_pending_index(after, within)
        if target is not None:
            self.position = target
        else:
            self.next(within)

    def decide(
        self,
        decision: Decision,
        advance: bool = True,
        within: Sequence[int] | None = None,
        note: str | None = None,
    ) -> bool:
        """Record a decision for the current event, save it, and move on to the next one
        still to decide (among `within`; else on to the next of them; else stay).

        A decision that needs a change in the clinical system (the rules say which) keeps
        the event in view, so the reviewer makes the change and ticks it there (A) rather
        than on the next patient; returns True when it moved. The tick belongs to one
        decision: another decision clears it, and a decision needing nothing never has it.
        `note`, when given, is saved with the decision (one change, undone together)."""
        event = self.current
        if event is None:
            return False
        before = self.current_record
        # kept when the same decision is recorded again, or made after an early tick
        keep_tick = (
            before is not None
            and before.action_done
            and before.decision in (decision, None)
            and self.needed_action(decision, event) is not None
        )
        changes: dict[str, object] = {"decision": decision, "action_done": keep_tick}
        if note is not None:
            changes["note"] = note
        self._write(event.id, self._record(**changes), "decision")
        if not advance or self.action_state(event.id) is ActionState.TO_DO:
            return False
        self._move_on(within)
        return self.current is not event

    def toggle_action_done(
        self, advance: bool = False, within: Sequence[int] | None = None
    ) -> bool | None:
        """Tick or untick "clinical system updated"; returns the new state, or None when it
        does not apply (no decision yet, or one that needs nothing in the clinical system).
        With `advance`, a tick moves on as a decision does: the event is finished."""
        event = self.current
        if event is None:
            return None
        record = self.current_record
        state = self.action_state(event.id)
        if state in (ActionState.UNDECIDED, ActionState.NOT_NEEDED):
            if record is None or not record.action_done:
                return None
            # a tick left from before (an older review, a decisions file): it may go
            self._write(event.id, self._record(action_done=False), "action_done")
            return False
        new_state = state is ActionState.TO_DO
        self._write(event.id, self._record(action_done=new_state), "action_done")
        if new_state and advance:
            self._move_on(within)
        return new_state

    def set_note(self, note: str) -> None:
        event = self.current
        if event is None:
            return
        record = self.current_record
        if (record.note if record else "") == note:
            return
        self._write(event.id, self._record(note=note), "note")

    def take_undo_from(self, earlier: WalkThrough) -> None:
        """Ctrl+Z goes on undoing what was done in `earlier`, the walk-through of the same
        events before new claimed counts, practice details or a search's months (decision
        490)."""
        self._undo = list(earlier._undo)

    def undo(self) -> bool:
        """Put back the last change and return to its event."""
        if not self._undo:
            return False
        change = self._undo.pop()
        self._write(change.event_id, change.before, "undo")
        self._undo.pop()  # the undo itself is not undoable
        self.go_to(change.event_id)
        return True

    # ----- finding --------------------------------------------------------------------
    def first_of_item(self, programme: str, month: str) -> str | None:
        """Where checking a claim item starts: its first event still to decide, else its
        first event needing review, else its first event (None: the item has no events)."""
        review = self.review
        events = [e for e in review.events if e.programme == programme and e.month == month]
        pending = [e for e in events if e.needs_review and review.decision(e.id) is None]
        flagged = [e for e in events if e.needs_review]
        chosen = pending or flagged or events
        return chosen[0].id if chosen else None

    def find(self, text: str, limit: int = 200) -> list[str]:
        """Event ids whose NHS number (digits) or name contains `text`."""
        query = text.strip().lower()
        digits = "".join(ch for ch in query if ch.isdigit())
        if not query:
            return []
        found: list[str] = []
        for event in self.review.events:
            if digits and len(digits) >= 3 and digits == query.replace(" ", "").replace("-", ""):
                hit = bool(event.nhs_number_as_found) and digits in (
                    event.nhs_number_as_found or ""
                )
            else:
                name = f"{event.forenames or ''} {event.surname or ''}".lower()
                name2 = f"{event.surname or ''}, {event.forenames or ''}".lower()
                hit = query in name or query in name2
            if hit:
                found.append(event.id)
                if len(found) >= limit:
                    break
        return found


def _lower_first(text: str) -> str:
    """'Marked as not GMS' -> 'marked as not GMS' (an initialism stays as it is)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
