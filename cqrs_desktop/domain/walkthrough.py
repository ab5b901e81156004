"""The review walk-through without a window: current event, decide, undo, move, progress.

The GUI renders this and forwards keys to it; tests drive it directly. Every change goes
through `DecisionSink.save` before the in-memory state changes, so what the screen shows
as recorded has been written.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Protocol

from cqrs_desktop.domain.model import Decision, DecisionRecord, VaccinationEvent
from cqrs_desktop.domain.review import Review


class DecisionSink(Protocol):
    """Where changes are written (the review file). Raises if the write fails."""

    def save_decision(
        self,
        event_id: str,
        record: DecisionRecord | None,
        previous: DecisionRecord | None,
        reason: str,
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
        return f"{self.checked} of {self.total} checked"


@dataclasses.dataclass(frozen=True)
class _Change:
    event_id: str
    before: DecisionRecord | None
    after: DecisionRecord | None


def reviewer_made(record: DecisionRecord, changed_decision: bool) -> DecisionRecord:
    """A record the reviewer changed: a new decision is their own (no longer carried, and
    what a search showed of the old one no longer stands); the tick is their word."""
    if changed_decision:
        record = dataclasses.replace(record, carried_from=None, export_check=None, evidence="")
    if record.action_evidence != "export" or changed_decision or not record.action_done:
        evidence = "reviewer" if record.action_done else None
        record = dataclasses.replace(record, action_evidence=evidence)
    return record


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
    ) -> None:
        self.review = review
        self.sink = sink
        self.reviewer = reviewer
        self.clock = clock
        self._undo: list[_Change] = []
        self._queue = [i for i, e in enumerate(review.events) if e.needs_review]
        self._queue_pos = {index: pos for pos, index in enumerate(self._queue)}
        self._checked = sum(1 for i in self._queue if self._is_checked(review.events[i].id))
        self._unsure = sum(
            1
            for i in self._queue
            if (d := review.decision(review.events[i].id)) and d.decision is Decision.UNSURE
        )
        first = self.next_pending_index(-1)
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
        events = self.review.events
        for index in (*order[start:], *order[:start]):
            event = events[index]
            if event.needs_review and not self._is_checked(event.id):
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
        self.sink.save_decision(event_id, after, before, reason)  # raises: nothing changes
        was_checked = before is not None and before.decision is not None
        was_unsure = before is not None and before.decision is Decision.UNSURE
        self.review.apply(event_id, after)
        if self.review.index_of(event_id) in self._queue_pos:
            now_checked = after is not None and after.decision is not None
            now_unsure = after is not None and after.decision is Decision.UNSURE
            self._checked += int(now_checked) - int(was_checked)
            self._unsure += int(now_unsure) - int(was_unsure)
        self._undo.append(_Change(event_id, before, after))

    def _record(self, **changes: object) -> DecisionRecord:
        event = self.current
        assert event is not None
        base = self.review.decision(event.id) or DecisionRecord(event_id=event.id, decision=None)
        record = dataclasses.replace(
            base,
            reviewer=self.reviewer,
            decided_at=self.clock(),
            **changes,  # type: ignore[arg-type]
        )
        return reviewer_made(record, changed_decision="decision" in changes)

    def decide(
        self, decision: Decision, advance: bool = True, within: Sequence[int] | None = None
    ) -> None:
        """Record a decision for the current event, save it, and move to the next pending
        (among `within`; else on to the next of them; else stay)."""
        event = self.current
        if event is None:
            return
        self._write(event.id, self._record(decision=decision), "decision")
        if advance:
            after = self.position if self.position is not None else -1
            target = self.next_pending_index(after, within)
            if target is not None:
                self.position = target
            else:
                self.next(within)

    def toggle_action_done(self) -> bool:
        """Tick or untick 'clinical system updated'; returns the new state."""
        event = self.current
        if event is None:
            return False
        record = self.current_record
        new_state = not (record.action_done if record else False)
        self._write(event.id, self._record(action_done=new_state), "action_done")
        return new_state

    def set_note(self, note: str) -> None:
        event = self.current
        if event is None:
            return
        record = self.current_record
        if (record.note if record else "") == note:
            return
        self._write(event.id, self._record(note=note), "note")

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
