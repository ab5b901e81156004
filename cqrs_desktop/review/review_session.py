"""One open review: its file, the Review in memory and the walk-through, without Qt.

The window and the command line both use this. Every change goes through it: written to
the review file first (one transaction), then the Review in memory, and it returns the
`Changes` it made. Anything that goes wrong for a reason the user can act on is a
`UserError` naming the file and the problem (a full disk, a read-only file); nothing else
is caught here. A write that failed changes nothing in memory either, and `failure` says
so until the next write succeeds, so nothing claims "saved" that was not.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from cqrs_desktop.domain.carry import carry, earlier_from_review
from cqrs_desktop.domain.coverage import with_span_warnings
from cqrs_desktop.domain.earlier import Carried, EarlierDecision
from cqrs_desktop.domain.model import AuditEntry, Claim, Decision, DecisionRecord, Practice
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.vaccination_keys import event_key
from cqrs_desktop.domain.walkthrough import WalkThrough
from cqrs_desktop.errors import OperationCancelled, UserError
from cqrs_desktop.review.changes import NOTHING, Changes
from cqrs_desktop.store import ReviewFile


def _search_sha256(review: Review) -> dict[str, str]:
    return {s.file: s.sha256 for s in review.inputs.sources if s.kind == "search"}


def _disagreed_again(old: Review, new: Review) -> dict[str, tuple[EarlierDecision, ...]]:
    """What earlier reviews disagreed on, for the same vaccinations in a search imported
    again: found by programme, date and patient (rows may have moved, so event ids change);
    one the new search holds twice, or without a patient to match by, by its event id."""
    by_key: dict[str, str | None] = {}
    for event in new.events:
        key = event_key(event)
        if key is not None:
            by_key[key] = None if key in by_key else event.id
    found: dict[str, tuple[EarlierDecision, ...]] = {}
    for event_id, decisions in old.disagreed.items():
        key = event_key(old.event(event_id))
        now = by_key.get(key) if key is not None else None
        found[now or event_id] = decisions  # not found: kept only if its id is still here
    return found


class ReviewSession:
    """A review open for changes (or, from `export`, for reading)."""

    def __init__(
        self, path: Path, store: ReviewFile, review: Review, reviewer: str | None = None
    ) -> None:
        self.path = Path(path)
        self.store = store
        # the name decisions are recorded under: the user's, else the review's own (the
        # demo's invented reviewer, a review made before the practice details were filled)
        self.reviewer = reviewer or review.practice.reviewer
        self.saved_at: dt.datetime | None = None
        self.failure: str | None = None  # the last write that failed, until one succeeds
        self.walk = self._walk_through(review)

    # ----- opening and closing -----------------------------------------------------------
    @classmethod
    def open(
        cls, path: Path, reviewer: str | None = None, for_writing: bool = True
    ) -> ReviewSession:
        """Open a review file (UserError when it cannot be: damaged, in use, read-only)."""
        from cqrs_desktop import session  # the steps that read files: loaded when used

        store, review = session.open_review(Path(path), for_writing)
        return cls(path, store, review, reviewer)

    @classmethod
    def create(
        cls,
        path: Path,
        review: Review,
        rules_text: str,
        decisions: Sequence[DecisionRecord] = (),
        carried: Carried | None = None,
        reviewer: str | None = None,
    ) -> ReviewSession:
        """A new review file, whole or not at all, with `decisions` (a decisions file) and
        `carried` (earlier reviews') in it; `review` already holds them."""
        from cqrs_desktop import session

        store = session.new_review(Path(path), review, rules_text, decisions, carried)
        return cls(path, store, review, reviewer)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> ReviewSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- state ---------------------------------------------------------------------------
    @property
    def review(self) -> Review:
        return self.walk.review

    @property
    def name(self) -> str:
        return self.path.stem

    def audit_log(self) -> list[AuditEntry]:
        return self.store.audit_log()

    def earlier_decisions(self, event_id: str) -> list[EarlierDecision]:
        """What earlier reviews that disagreed decided for the event (decision 35), for
        the card: the same the reports say."""
        return list(self.review.disagreed.get(event_id, ()))

    def _written(self, changes: Changes) -> Changes:
        """A change is on disk: say when, and forget an earlier failure."""
        self.saved_at = dt.datetime.now()
        self.failure = None
        return changes | Changes(saved=True)

    def _writing(self, action: Callable[[], Changes]) -> Changes:
        """Run a change; a failure is remembered (and raised) so nobody says "saved"."""
        try:
            changes = action()
        except UserError as exc:
            self.failure = str(exc)
            raise
        return self._written(changes) if changes else changes

    # ----- decisions (through the walk-through) --------------------------------------------
    def decide(
        self, decision: Decision, within: Sequence[int] | None = None, note: str | None = None
    ) -> Changes:
        """Decide the current event and move on among `within` (see WalkThrough.decide)."""
        event = self.walk.current
        if event is None:
            return NOTHING

        def act() -> Changes:
            moved = self.walk.decide(decision, within=within, note=note)
            return Changes(decisions=(event.id,), position=moved)

        return self._writing(act)

    def toggle_action_done(self, within: Sequence[int] | None = None) -> Changes:
        """Tick (and move on) or untick "clinical system updated"; NOTHING when it does not
        apply (see WalkThrough.toggle_action_done)."""
        event = self.walk.current
        if event is None:
            return NOTHING

        def act() -> Changes:
            state = self.walk.toggle_action_done(advance=True, within=within)
            if state is None:
                return NOTHING
            return Changes(decisions=(event.id,), position=self.walk.current is not event)

        return self._writing(act)

    def set_note(self, note: str) -> Changes:
        event = self.walk.current
        if event is None:
            return NOTHING

        def act() -> Changes:
            before = self.walk.current_record
            self.walk.set_note(note)
            changed = self.walk.current_record is not before
            return Changes(decisions=(event.id,)) if changed else NOTHING

        return self._writing(act)

    def undo(self) -> Changes:
        def act() -> Changes:
            if not self.walk.undo():
                return NOTHING
            event = self.walk.current
            return Changes(decisions=(event.id,) if event else (), position=True)

        return self._writing(act)

    # ----- moving: nothing is written ----------------------------------------------------
    def move(self, step: int, within: Sequence[int] | None = None) -> Changes:
        moved = self.walk.next(within) if step > 0 else self.walk.previous(within)
        return Changes(position=True) if moved else NOTHING

    def go_to(self, event_id: str) -> Changes:
        self.walk.go_to(event_id)
        return Changes(position=True)

    def go_to_first_pending(self) -> Changes:
        target = self.walk.next_pending_index(-1)
        if target is None:
            return NOTHING
        self.walk.go_to_index(target)
        return Changes(position=True)

    def _walk_through(self, review: Review) -> WalkThrough:
        """The walk-through of `review`, told where to find whose a note is (decisions
        106, 389), also after the claims, practice or files change."""
        store = self.store
        return WalkThrough(
            review,
            store,
            reviewer=self.reviewer,
            carried_note=store.carried_note,
            note_left_by=store.note_left_by,
        )

    # ----- claims, practice, inputs: a new Review, the walk-through kept where it was ----
    def _replace_review(self, review: Review, same_events: bool = True) -> None:
        """`same_events`: the events are those of the review before (new claims, practice
        details, a search's months), so what was done to them can still be undone; new
        files start a new undo history (decision 490)."""
        earlier = self.walk
        current = earlier.current.id if earlier.current else None
        self.walk = self._walk_through(review)
        if same_events:
            self.walk.take_undo_from(earlier)
        if current is not None:
            with contextlib.suppress(KeyError):
                self.walk.go_to(current)

    def set_claims(
        self, claims: Iterable[Claim], cancelled: Callable[[], bool] | None = None
    ) -> Changes:
        """`cancelled`: as for `replace_inputs`."""
        claims = tuple(claims)
        review = self.review.with_claims(claims)  # worked out before anything is written
        if cancelled is not None and cancelled():
            raise OperationCancelled()

        def act() -> Changes:
            self.store.set_claims(claims, self.reviewer)
            self._replace_review(review)
            return Changes(claims=True, position=True)

        return self._writing(act)

    def set_practice(self, practice: Practice) -> Changes:
        if practice == self.review.practice:
            return NOTHING

        def act() -> Changes:
            review = self.review.with_practice(practice)  # flags worked out again
            self.store.set_practice(practice, self.reviewer, review.events, review.inputs.sources)
            self._replace_review(review)
            return Changes(practice=True, position=True)

        return self._writing(act)

    def set_span(
        self,
        file: str,
        span: tuple[str, str] | None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Changes:
        """The months a search file covers, as the user states them (None: worked out from
        its dates). Flags stay; coverage, reasons and statuses follow. The caller checks
        the span first (`domain.coverage.span_problem`). `cancelled`: as for
        `replace_inputs`."""
        rules, rows = self.review.rules, self.review.inputs.rows

        def name_of(programme: str) -> str:
            return rules.programme(programme).display_name

        sources = tuple(
            # the file's warnings of months not shown searched follow the stated months
            with_span_warnings(dataclasses.replace(s, span=span), rows, name_of)
            if s.file == file
            else s
            for s in self.review.inputs.sources
        )
        review = self.review.with_sources(sources)
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        return self._set_review(review)

    def replace_inputs(
        self, inputs: ReviewInputs, cancelled: Callable[[], bool] | None = None
    ) -> Changes:
        """New files (a search imported again, one removed): each decision finds its
        vaccination again by programme, date and patient, wherever its row now is, and a
        dose given elsewhere is checked against the new export (decision 36). `cancelled`
        is asked once all is worked out, before anything is written: true, it raises
        OperationCancelled and nothing has changed."""
        old = self.review
        review = Review(inputs, old.rules)  # new events: nothing before it to undo
        # a search removed: its decisions are kept as not searched, however many files are
        # added later (a file taken away proves nothing of the doses in it), each with the
        # SHA-256 of its file, so added back unchanged it proves nothing new either
        was, now = _search_sha256(old), _search_sha256(review)
        removed = {**self.store.removed_sources(), **was}
        removed = {name: sha for name, sha in removed.items() if name not in now}
        kept = carry(review, [earlier_from_review(old, was)], now, removed)
        review.apply_many(done.record for done in kept.records)
        review.set_gone(kept.gone)
        review.set_held(kept.held, kept.held_unsure, kept.held_open)
        review.set_disagreed(_disagreed_again(old, review))
        # written again (with an audit entry) only where the record moved or changed
        kept = Carried(
            tuple(d for d in kept.records if old.decisions.get(d.record.event_id) != d.record),
            (),
            kept.gone,
            kept.held,
            held_unsure=kept.held_unsure,
            held_open=kept.held_open,
        )
        # a decision whose vaccination has no patient to match by keeps its event by id
        for event_id, record in old.decisions.items():
            with contextlib.suppress(KeyError):
                if review.decision(event_id) is None and review.event(event_id):
                    review.apply(event_id, record)
        if cancelled is not None and cancelled():
            raise OperationCancelled()
        return self._set_review(review, kept, removed, same_events=False)

    def _set_review(
        self,
        review: Review,
        kept: Carried | None = None,
        removed: Mapping[str, str] | None = None,
        same_events: bool = True,
    ) -> Changes:
        """`removed`: the search files the user removed, with their SHA-256."""

        def act() -> Changes:
            self.store.replace_inputs(review, self.reviewer, kept, removed)
            self._replace_review(review, same_events)
            return Changes(inputs=True, position=True)

        return self._writing(act)

    def save_as(self, path: Path) -> None:
        """A copy elsewhere (the open file stays the one being changed)."""
        self.store.save_as(path)
