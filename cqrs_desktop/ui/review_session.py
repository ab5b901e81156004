"""The open review: its file, the Review in memory and the walk-through controller.

Pages never write to the file themselves: they call this object, which goes through the
Qt-free WalkThrough (decisions) or the review file (claims, inputs), then tells every page
what changed. Every change is written at once; `saved_at` says when.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from cqrs_desktop.domain.model import Claim, Decision, DecisionRecord, Practice
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.walkthrough import WalkThrough

if TYPE_CHECKING:
    from cqrs_desktop.store import ReviewFile


class _Sink:
    """Writes through to the file and remembers when the last write succeeded."""

    def __init__(self, owner: OpenReview) -> None:
        self.owner = owner

    def save_decision(
        self,
        event_id: str,
        record: DecisionRecord | None,
        previous: DecisionRecord | None,
        reason: str,
    ) -> None:
        self.owner.store.save_decision(event_id, record, previous, reason)
        self.owner.mark_saved()


class OpenReview(QObject):
    """One review open in the window."""

    # what changed: "decision" (event id), "position", "claims", "inputs", "practice", "saved"
    changed = Signal(str, str)

    def __init__(
        self, path: Path, store: ReviewFile, review: Review, reviewer: str | None = None
    ) -> None:
        super().__init__()
        self.path = path
        self.store = store
        # the name decisions are recorded under: the user's, else the review's own (the
        # demo's invented reviewer, a review made before the practice details were filled)
        self.reviewer = reviewer or review.practice.reviewer
        self.saved_at: dt.datetime | None = None
        self.walk = WalkThrough(review, _Sink(self), reviewer=self.reviewer)

    # ----- state ----------------------------------------------------------------------
    @property
    def review(self) -> Review:
        return self.walk.review

    @property
    def name(self) -> str:
        return self.path.stem

    def mark_saved(self) -> None:
        self.saved_at = dt.datetime.now()

    # ----- decisions (through the controller) ----------------------------------------------
    def decide(
        self, decision: Decision, within: Sequence[int] | None = None, note: str | None = None
    ) -> bool:
        """Decide the current event and move on among `within` (see WalkThrough); True
        when it moved on (a decision needing a change in the clinical system stays)."""
        event = self.walk.current
        if event is None:
            return False
        moved = self.walk.decide(decision, within=within, note=note)
        self.changed.emit("decision", event.id)
        self.changed.emit("position", "")
        return moved

    def toggle_action_done(self, within: Sequence[int] | None = None) -> bool | None:
        """Tick (and move on) or untick "clinical system updated"; None when it does not
        apply to the current event (see WalkThrough.toggle_action_done)."""
        event = self.walk.current
        if event is None:
            return None
        state = self.walk.toggle_action_done(advance=True, within=within)
        if state is not None:
            self.changed.emit("decision", event.id)
            if self.walk.current is not event:
                self.changed.emit("position", "")
        return state

    def set_note(self, note: str) -> None:
        event = self.walk.current
        if event is None:
            return
        before = self.walk.current_record
        self.walk.set_note(note)
        if self.walk.current_record is not before:
            self.changed.emit("decision", event.id)

    def undo(self) -> bool:
        if not self.walk.undo():
            return False
        event = self.walk.current
        self.changed.emit("decision", event.id if event else "")
        self.changed.emit("position", "")
        return True

    def move(self, step: int, within: Sequence[int] | None = None) -> bool:
        moved = self.walk.next(within) if step > 0 else self.walk.previous(within)
        if moved:
            self.changed.emit("position", "")
        return moved

    def go_to(self, event_id: str) -> None:
        self.walk.go_to(event_id)
        self.changed.emit("position", "")

    def go_to_first_pending(self) -> bool:
        target = self.walk.next_pending_index(-1)
        if target is None:
            return False
        self.walk.go_to_index(target)
        self.changed.emit("position", "")
        return True

    # ----- claims, practice, inputs: a new Review, the walk-through kept where it was ----
    def _replace_review(self, review: Review, kind: str) -> None:
        current = self.walk.current.id if self.walk.current else None
        self.walk = WalkThrough(review, _Sink(self), reviewer=self.reviewer)
        if current is not None:
            with contextlib.suppress(KeyError):
                self.walk.go_to(current)
        self.changed.emit(kind, "")
        self.changed.emit("position", "")

    def set_claims(self, claims: Iterable[Claim]) -> None:
        claims = tuple(claims)
        self.store.set_claims(claims, self.reviewer)
        self.mark_saved()
        self._replace_review(self.review.with_claims(claims), "claims")

    def set_practice(self, practice: Practice) -> None:
        if practice == self.review.practice:
            return
        self.store.set_practice(practice, self.reviewer)
        self.mark_saved()
        self._replace_review(self.review.with_practice(practice), "practice")

    def set_span(self, file: str, span: tuple[str, str] | None) -> None:
        """The months a search file covers, as the user states them (None: worked out from
        its dates). Flags stay; coverage, reasons and statuses follow. The caller checks
        the span first (`domain.coverage.span_problem`)."""
        sources = tuple(
            dataclasses.replace(s, span=span) if s.file == file else s
            for s in self.review.inputs.sources
        )
        review = self.review.with_sources(sources)
        self.store.replace_inputs(review, self.reviewer)
        self.mark_saved()
        self._replace_review(review, "inputs")

    def replace_inputs(self, inputs: ReviewInputs) -> None:
        review = Review(inputs, self.review.rules, self.review.decisions.values())
        self.store.replace_inputs(review, self.reviewer)
        self.mark_saved()
        self._replace_review(review, "inputs")

    def save_as(self, path: Path) -> None:
        self.store.save_as(path)

    def close(self) -> None:
        self.store.close()
