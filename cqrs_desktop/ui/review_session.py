"""The open review, for the window: a thin Qt side of `review.ReviewSession`.

Pages never write to the file themselves: they call this object, which asks the Qt-free
session to make the change. What changed goes out in `changed` (a `Changes`); a change
that could not be saved goes out in `failed` (a message naming the file and the problem)
and the caller gets None, so no page says "Saved" for a write that did not happen.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from cqrs_desktop.domain.earlier import EarlierDecision
from cqrs_desktop.domain.model import Claim, Decision, Practice
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.walkthrough import WalkThrough
from cqrs_desktop.errors import UserError
from cqrs_desktop.review.changes import Changes
from cqrs_desktop.review.review_session import ReviewSession
from cqrs_desktop.store import ReviewFile


class OpenReview(QObject):
    """One review open in the window."""

    changed = Signal(object)  # a Changes
    failed = Signal(str)  # a change that was not saved: the file and the problem

    def __init__(
        self, path: Path, store: ReviewFile, review: Review, reviewer: str | None = None
    ) -> None:
        super().__init__()
        self.session = ReviewSession(path, store, review, reviewer)
        self._one_change = threading.Lock()

    # ----- state ----------------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.session.path

    @property
    def store(self) -> ReviewFile:
        return self.session.store

    @property
    def walk(self) -> WalkThrough:
        return self.session.walk

    @property
    def review(self) -> Review:
        return self.session.review

    @property
    def name(self) -> str:
        return self.session.name

    @property
    def saved_at(self) -> dt.datetime | None:
        return self.session.saved_at

    @property
    def failure(self) -> str | None:
        """The last change that could not be saved (until one is)."""
        return self.session.failure

    @property
    def reviewer(self) -> str | None:
        return self.session.reviewer

    @reviewer.setter
    def reviewer(self, name: str | None) -> None:
        self.session.reviewer = name
        self.session.walk.reviewer = name

    def earlier_decisions(self, event_id: str) -> list[EarlierDecision]:
        """What earlier reviews that disagreed decided for the event."""
        return self.session.earlier_decisions(event_id)

    def _apply(self, change: Callable[[], Changes]) -> Changes | None:
        """Every change the user makes, keys included: its Changes, or None when it could
        not be saved (said through `failed`, never only on stderr)."""
        try:
            changes = change()
        except UserError as exc:
            return self.report(exc)
        return self.report(changes)

    def make_change(self, change: Callable[[ReviewSession], Changes]) -> Changes | UserError:
        """A long change (new files, a search's months) made, for a large review, on a
        worker thread: it touches no widget and says nothing; pass what it returns to
        `report` on the GUI thread, which says it as any other change is said. Two such
        changes (a search's months stepped through with the arrow keys) are made one after
        the other, each on the review the one before left."""
        with self._one_change:
            try:
                return change(self.session)
            except UserError as exc:
                return exc

    def report(self, result: Changes | UserError) -> Changes | None:
        """A change made: its Changes sent out in `changed`; one the file did not take
        (None), said through `failed`."""
        if isinstance(result, UserError):
            self.failed.emit(str(result))
            return None
        if result:
            self.changed.emit(result)
        return result

    # ----- decisions ------------------------------------------------------------------
    def decide(
        self, decision: Decision, within: Sequence[int] | None = None, note: str | None = None
    ) -> Changes | None:
        return self._apply(lambda: self.session.decide(decision, within, note))

    def toggle_action_done(self, within: Sequence[int] | None = None) -> Changes | None:
        return self._apply(lambda: self.session.toggle_action_done(within))

    def set_note(self, note: str) -> Changes | None:
        return self._apply(lambda: self.session.set_note(note))

    def undo(self) -> Changes | None:
        return self._apply(self.session.undo)

    def move(self, step: int, within: Sequence[int] | None = None) -> bool:
        return bool(self._apply(lambda: self.session.move(step, within)))

    def go_to(self, event_id: str) -> None:
        self._apply(lambda: self.session.go_to(event_id))

    def go_to_first_pending(self) -> bool:
        return bool(self._apply(self.session.go_to_first_pending))

    # ----- claims, practice, inputs ----------------------------------------------------
    def set_claims(self, claims: Iterable[Claim]) -> Changes | None:
        return self._apply(lambda: self.session.set_claims(claims))

    def set_practice(self, practice: Practice) -> Changes | None:
        return self._apply(lambda: self.session.set_practice(practice))

    def set_span(self, file: str, span: tuple[str, str] | None) -> Changes | None:
        return self._apply(lambda: self.session.set_span(file, span))

    def replace_inputs(self, inputs: ReviewInputs) -> Changes | None:
        return self._apply(lambda: self.session.replace_inputs(inputs))

    def save_as(self, path: Path) -> None:
        self.session.save_as(path)

    def close(self) -> None:
        self.session.close()
