"""Autosave and undo held to an oracle: whatever the reviewer does and undoes, the review
file says exactly that.

A hypothesis state machine drives a real `ReviewSession` on a real review file (eight
invented events) with every change the window makes: each decision (on the event shown or
one gone to), the "clinical system updated" tick, a note, "Given here?" answered, moving,
Ctrl+Z, new claimed counts, and closing and opening the file again. A plain model of each
event's decision, tick, note and reviewer follows each step, its own history popped by an
undo. After every step the session, the file opened again, its audit log and `review.json`
must agree with the model. Then real failures: a drive made read-only between two changes,
and a process killed while it writes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
)

from cqrs_desktop.domain.explain import DECISION_WORDS
from cqrs_desktop.domain.model import AuditEntry, Claim, Decision, SourceSummary
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.domain.rules import Rules, parse_rules
from cqrs_desktop.errors import UserError
from cqrs_desktop.paths import resource
from cqrs_desktop.reports.review_json import review_document
from cqrs_desktop.review.review_session import ReviewSession
from tests.factories import NHS, PRACTICE, row
from tests.support.disks import fill, small_disk

REVIEWER = "J. Reviewer"
COLLEAGUE = "S. Colleague"  # the same review opened by someone else (decisions 106, 389, 396)
RULES_TEXT = resource("rules.toml").read_text(encoding="utf-8")
RULES: Rules = parse_rules(RULES_TEXT)
REPO = Path(__file__).resolve().parents[2]
NOTES = ("", "Seen at our clinic", "Rang the patient", "Ünïcode — note", "x" * 300)


@dataclasses.dataclass(frozen=True)
class Expected:
    """What the model says of one event."""

    decision: Decision | None
    tick: bool
    note: str
    reviewer: str | None


def _inputs(claimed: int = 6) -> ReviewInputs:
    """Eight pertussis doses in September 2024: some marked not GMS, some recorded by
    another organisation (so "Given here?" is asked of them)."""
    rows = tuple(
        row(
            row=2 + i,
            nhs_number=NHS[i],
            date=dt.date(2024, 9, 2 + i),
            non_gms=i % 3 == 0,
            organisation="F99001" if i % 4 else "Y12345",
        )
        for i in range(8)
    )
    source = SourceSummary("search.csv", "a" * 64, len(rows), len(rows), 0, 0)
    claim = Claim("pertussis_pregnant", "2024-09", claimed)
    return ReviewInputs(PRACTICE, (source,), rows, (), (claim,))


def _needs_action(decision: Decision) -> bool:
    return RULES.needs_action("pertussis_pregnant", decision.value)


def _decisions(review: Review) -> dict[str, Expected]:
    """Every event's record as the review holds it (events without one left out)."""
    found = {}
    for event_id, record in review.decisions.items():
        found[event_id] = Expected(
            record.decision, record.action_done, record.note, record.reviewer
        )
    return found


def _review_json_says(review: Review, model: dict[str, Expected]) -> None:
    """`review.json` made from the review has the model's decisions, ticks and notes."""
    for event in review_document(review)["events"]:
        expected = model.get(event["id"])
        decision = expected.decision if expected else None
        assert event["decision"] == (decision.value if decision else None)
        assert event["note"] == (expected.note if expected else "")
        assert event["reviewer"] == (expected.reviewer if expected else None)
        done = bool(expected and expected.tick and decision and _needs_action(decision))
        assert event["action_done"] is done


class UndoOracle(RuleBasedStateMachine):
    """The reviewer's moves, against the model."""

    def __init__(self) -> None:
        super().__init__()
        self.folder: Path = Path()
        self.session: ReviewSession | None = None
        self.model: dict[str, Expected] = {}
        self.history: list[tuple[str, Expected | None]] = []  # the model's own undo
        self.log: list[AuditEntry] = []  # the audit log as last seen
        self.expected_entries: list[str] = []  # what each entry since then should be
        self.ids: list[str] = []
        self.reviewer = REVIEWER
        self.left: dict[tuple[str, str], str | None] = {}  # each one's note as last left

    # ----- setting up ----------------------------------------------------------------
    @initialize(n=st.integers(0, 10**9))
    def make_review(self, n: int) -> None:
        import tempfile

        self.folder = Path(tempfile.mkdtemp(prefix=f"oracle{n}_"))
        self.path = self.folder / "review.cqrsreview"
        review = Review(_inputs(), RULES)
        self.session = ReviewSession.create(self.path, review, RULES_TEXT, reviewer=REVIEWER)
        self.ids = [e.id for e in review.events]
        self.log = self.session.audit_log()

    def teardown(self) -> None:
        if self.session is not None:
            self.session.close()
        import shutil

        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def s(self) -> ReviewSession:
        assert self.session is not None
        return self.session

    def _current(self) -> str:
        event = self.s.walk.current
        assert event is not None
        return event.id

    def _change(self, event_id: str, after: Expected | None, what: str) -> None:
        """The model's change: remembered for its undo, and an audit entry expected."""
        self.history.append((event_id, self.model.get(event_id)))
        self._set(event_id, after)
        self.expected_entries.append(what)
        self.left[(event_id, self.reviewer)] = after.note if after else None

    def _set(self, event_id: str, after: Expected | None) -> None:
        if after is None:
            self.model.pop(event_id, None)
        else:
            self.model[event_id] = after

    # ----- the rules: what the reviewer does ------------------------------------------
    def _decide(self, decision: Decision, note: str | None = None) -> None:
        event_id = self._current()
        before = self.model.get(event_id)
        keep_tick = (
            before is not None
            and before.tick
            and before.decision in (decision, None)
            and _needs_action(decision)
        )
        kept_note = self._note_kept(before)
        after = Expected(decision, keep_tick, kept_note if note is None else note, self.reviewer)
        changes = self.s.decide(decision, note=note)
        assert changes.saved and changes.decisions == (event_id,)
        self._change(event_id, after, "decision")

    def _note_kept(self, before: Expected | None) -> str:
        """The note a new decision keeps: said to be the colleague's where the words are
        theirs, as they last left them (decision 389)."""
        if before is None or not before.note:
            return ""
        theirs = before.reviewer != self.reviewer
        if theirs and before.reviewer and before.decision is not None:
            left = self.left.get((self._current(), before.reviewer))
            theirs = left is None or left == before.note
        if not theirs:
            return before.note
        by = f"by {before.reviewer}" if before.reviewer else ""
        if before.decision is None:
            return f"Noted earlier ({by or 'no reviewer named'}): {before.note}"
        what = ", ".join(w for w in (DECISION_WORDS[before.decision], by) if w)
        return f"With the earlier decision ({what}): {before.note}"

    def _whose(self, before: Expected | None) -> str | None:
        """Whose a record is once its tick or note changes: a decision stays its maker's."""
        if before is not None and before.decision is not None:
            return before.reviewer
        return self.reviewer

    @rule(decision=st.sampled_from(Decision))
    def decide_the_event_shown(self, decision: Decision) -> None:
        self._decide(decision)

    @rule(index=st.integers(0, 7), decision=st.sampled_from(Decision))
    def go_to_and_decide(self, index: int, decision: Decision) -> None:
        self.s.go_to(self.ids[index])
        self._decide(decision)

    @rule(index=st.integers(0, 7))
    def answer_given_here(self, index: int) -> None:
        """ "Given here?" asked of an event the record says is someone else's: the window
        records "Given here" with the note the question suggested (or the one kept)."""
        self.s.go_to(self.ids[index])
        walk = self.s.walk
        evidence = walk.needs_confirmation(Decision.PRACTICE)
        if not evidence:
            return  # not asked of this one: the rules for deciding cover it
        record = walk.current_record
        note = (walk.note_decided_again(record) if record else "") or walk.suggested_note(evidence)
        self._decide(Decision.PRACTICE, note=note)

    @rule()
    def tick_or_untick(self) -> None:
        event_id = self._current()
        before = self.model.get(event_id)
        changes = self.s.toggle_action_done()
        if before is None:
            assert not changes, "a tick on an event without a decision changed something"
            return
        decision = before.decision
        if decision not in (None, Decision.UNSURE) and _needs_action(decision):  # type: ignore[arg-type]
            tick = not before.tick
        elif before.tick:  # a tick that no longer applies may go
            tick = False
        else:
            assert not changes, "a tick where none applies changed something"
            return
        assert changes.saved
        after = dataclasses.replace(before, tick=tick, reviewer=self._whose(before))
        self._change(event_id, after, "action_done")

    @rule(index=st.integers(0, 7), note=st.sampled_from(NOTES))
    def write_a_note(self, index: int, note: str) -> None:
        self.s.go_to(self.ids[index])
        before = self.model.get(self.ids[index])
        changes = self.s.set_note(note)
        if (before.note if before else "") == note:
            assert not changes.decisions
            return
        after = (
            dataclasses.replace(before, note=note, reviewer=self._whose(before))
            if before
            else Expected(None, False, note, self.reviewer)
        )
        assert changes.saved
        self._change(self.ids[index], after, "note")

    @rule(step=st.sampled_from((-1, 1)))
    def move(self, step: int) -> None:
        self.s.move(step)

    @rule()
    def undo(self) -> None:
        changes = self.s.undo()
        if not self.history:
            assert not changes, "undid something the model has no history of"
            return
        event_id, before = self.history.pop()
        assert changes.saved and changes.decisions == (event_id,)
        assert self._current() == event_id  # back on the event undone
        self._set(event_id, before)
        self.expected_entries.append("undo")
        self.left[(event_id, self.reviewer)] = before.note if before else None

    @rule(claimed=st.integers(0, 12))
    def set_claims(self, claimed: int) -> None:
        changes = self.s.set_claims([Claim("pertussis_pregnant", "2024-09", claimed)])
        assert changes.saved
        self.expected_entries.append("claims")

    @rule(reviewer=st.sampled_from((REVIEWER, COLLEAGUE)))
    def close_and_open_again(self, reviewer: str) -> None:
        """Closed, and opened again by the same reviewer or a colleague."""
        self.s.close()
        self.session = None
        self.reviewer = reviewer
        self.session = ReviewSession.open(self.path, reviewer=reviewer)
        assert _decisions(self.s.review) == self.model, "opened again, the file differs"
        _review_json_says(self.s.review, self.model)
        # The undo history is of one sitting (decision 490): the file opened again has
        # nothing to undo, and the audit log keeps every change made before.
        self.history.clear()

    # ----- invariants ------------------------------------------------------------------
    @invariant()
    def the_session_holds_the_model(self) -> None:
        if self.session is not None:
            assert _decisions(self.s.review) == self.model

    @invariant()
    def the_audit_log_only_grows_by_each_change(self) -> None:
        if self.session is None:
            return
        log = self.s.audit_log()
        assert log[: len(self.log)] == self.log, "an earlier audit entry changed"
        added = log[len(self.log) :]
        assert [a.what for a in added] == self.expected_entries
        for entry in added:
            if entry.what != "claims":
                assert entry.who == self.reviewer and entry.event_id in self.ids
        if added and added[-1].event_id is not None:  # what the last change left, said
            record = self.model.get(added[-1].event_id)
            new = json.loads(added[-1].new) if added[-1].new else None
            if record is None:
                assert new is None
            else:
                assert new is not None
                assert new["decision"] == (record.decision.value if record.decision else None)
                assert (new["action_done"], new["note"]) == (record.tick, record.note)
        self.log = log
        self.expected_entries = []

    @invariant()
    def the_file_holds_the_model(self) -> None:
        if self.session is not None:
            saved = {
                d.event_id: Expected(d.decision, d.action_done, d.note, d.reviewer)
                for d in self.s.store.load_decisions()
            }
            assert saved == self.model, "the file differs from the model"


UndoOracle.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_undo_oracle = UndoOracle.TestCase


# ---------------------------------------------------------------- failures for real


def _saved(path: Path) -> dict[str, Expected]:
    with ReviewSession.open(path, reviewer=REVIEWER) as again:
        return _decisions(again.review)


def test_a_change_the_full_disk_refuses_is_neither_kept_nor_undone(tmp_path: Path) -> None:
    """Mid-sequence the drive fills (ENOSPC from the kernel): the change is refused in
    words naming the file, nothing in memory or on disk changed, nothing claims saved, and
    Ctrl+Z afterwards undoes the last change that was saved, not the refused one."""
    with small_disk(tmp_path / "disk", 1024) as disk:
        path = disk / "r.cqrsreview"
        session = ReviewSession.create(
            path, Review(_inputs(), RULES), RULES_TEXT, reviewer=REVIEWER
        )
        first = session.walk.current
        assert first is not None
        session.decide(Decision.OTHER_PROVIDER)  # stays on the event: to be marked
        session.set_note("Rang the patient")
        before = _decisions(session.review)
        log = session.audit_log()
        fill(disk)
        with pytest.raises(UserError, match=r"^r\.cqrsreview: .*the disk is full"):
            session.set_note("y" * 20000)
        assert session.failure and "the disk is full" in session.failure
        assert session.saved_at is not None  # the last save stands, said as before
        assert _decisions(session.review) == before
        assert session.audit_log() == log
        (disk / "filler.bin").unlink()
        changes = session.undo()  # the note saved before, not the refused one
        assert changes.saved and session.failure is None
        undone = Expected(Decision.OTHER_PROVIDER, False, "", REVIEWER)
        assert _decisions(session.review) == {first.id: undone}
        assert [a.what for a in session.audit_log()[len(log) :]] == ["undo"]
        session.close()
        assert _saved(path) == {first.id: undone}


# A child process that makes changes and says each one after it returns (so after it is
# on disk), and the change it is about to make before it starts.
KILL_SCRIPT = """
import sys
from pathlib import Path
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.review.review_session import ReviewSession

session = ReviewSession.open(Path(sys.argv[1]), reviewer="J. Reviewer")
ids = [e.id for e in session.review.events]
kinds = list(Decision)
for step in range(100000):
    session.walk.go_to(ids[step % len(ids)])
    what = ("decide", "note", "undo")[step % 3]
    print("about", step, flush=True)
    if what == "decide":
        session.decide(kinds[step % len(kinds)])
    elif what == "note":
        session.set_note(f"note {step}")
    else:
        session.undo()
    state = {i: [d.decision and d.decision.value, d.action_done, d.note]
             for i, d in session.review.decisions.items()}
    print("saved", step, __import__("json").dumps(state), flush=True)
"""


def test_a_process_killed_while_it_writes_leaves_every_change_it_made(tmp_path: Path) -> None:
    """Killed (SIGKILL; TerminateProcess on Windows) in the middle of changes: the file
    opens, with every change saved before the kill, and at most the one it was making."""
    path = tmp_path / "kill.cqrsreview"
    ReviewSession.create(path, Review(_inputs(), RULES), RULES_TEXT, reviewer=REVIEWER).close()
    proc = subprocess.Popen(
        [sys.executable, "-c", KILL_SCRIPT, str(path)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    last: dict[str, list[object]] = {}
    saved_steps = 0
    for line in proc.stdout:
        kind, _step, *rest = line.split(" ", 2)
        if kind == "saved":
            last = json.loads(rest[0])
            saved_steps += 1
        if kind == "about" and saved_steps >= 60:
            proc.kill()  # while it makes its next change
            break
    proc.wait(timeout=30)
    assert proc.returncode != 0
    deadline = time.monotonic() + 10  # Windows lets the file go a moment after the kill
    while True:
        try:
            again = ReviewSession.open(path, reviewer=REVIEWER)
            break
        except UserError as exc:
            if "open in another window" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    with again:
        state = {
            i: [d.decision and d.decision.value, d.action_done, d.note]
            for i, d in again.review.decisions.items()
        }
        log = again.audit_log()
    # the change in flight is either wholly in or wholly out: the saved state, or that
    # state and one more audit entry
    changes = [a for a in log if a.what in ("decision", "note", "undo")]
    if len(changes) == saved_steps:
        assert state == last
    else:
        assert len(changes) == saved_steps + 1
        new = json.loads(changes[-1].new) if changes[-1].new else None
        event_id = changes[-1].event_id
        assert event_id is not None
        expected = dict(last)
        if new is None:
            expected.pop(event_id, None)
        else:
            expected[event_id] = [new["decision"], new["action_done"], new["note"]]
        assert state == expected
