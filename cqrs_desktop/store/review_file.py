"""The review file (`.cqrsreview`): one SQLite database per review.

Every change is one transaction, written before the screen says it is recorded, so a
crash loses nothing confirmed. The file is held with an exclusive lock while open, so a
second window or program cannot write to it at the same time.

This module opens and creates the file and gives each change its transaction and audit
entry; the tables themselves are read and written by `inputs_tables`, `meta_table` and
`audit_log`, the connection by `connection`.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import operator
import os
import sqlite3
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from cqrs_desktop import __version__
from cqrs_desktop.domain.earlier import Carried, EarlierDecision, EarlierRow, GoneDose
from cqrs_desktop.domain.model import (
    AuditEntry,
    Claim,
    Decision,
    DecisionRecord,
    Practice,
    SourceSummary,
    VaccinationEvent,
)
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.errors import UserError
from cqrs_desktop.paths import same_file
from cqrs_desktop.store.audit_log import (
    add_entries,
    add_entries_from,
    add_entry,
    decided_by_text,
    earlier_text,
    now_text,
    read_entries,
    read_from_text,
    record_text,
)
from cqrs_desktop.store.connection import Transaction, connect, take_lock
from cqrs_desktop.store.file_safety import (
    NotMadePrivate,
    fsync_file,
    place_new,
    remove_empty_journal,
    remove_stale_temporaries,
    temporary_beside,
)
from cqrs_desktop.store.held_open import held_open_of, held_open_rows
from cqrs_desktop.store.inputs_tables import (
    inputs_summary,
    read_claim_counts,
    read_inputs,
    refresh_event_flags,
    write_claims,
    write_inputs,
)
from cqrs_desktop.store.meta_table import (
    practice_text,
    read_meta,
    read_practice,
    read_removed_sources,
    write_meta,
)
from cqrs_desktop.store.schema import (
    APPLICATION_ID,
    REFRESH_DECISION_EVENTS,
    SCHEMA_VERSION,
    migrate,
)

SUFFIX = ".cqrsreview"
_REQUIRED_META = ("created_at", "rules")


class ReviewFileError(UserError):
    """A review file cannot be opened or written; the message is for the user."""


def _opening_error(exc: sqlite3.DatabaseError, path: Path) -> ReviewFileError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return ReviewFileError(
            f"{path.name}: this review is open in another window or program. Close it there first."
        )
    if getattr(exc, "sqlite_errorname", "") in ("SQLITE_READONLY", "SQLITE_CANTOPEN"):
        return ReviewFileError(
            f"{path.name}: the review file cannot be opened for writing (it, or its folder, is "
            "read-only, or another program has it open). Close it there, or copy it to a "
            "folder you can write to, or ask IT for access."
        )
    if getattr(exc, "sqlite_errorname", "") in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return ReviewFileError(
            f"{path.name}: the review file is damaged; open a copy saved earlier, or start the "
            "review again"
        )
    return ReviewFileError(f"{path.name}: the review file is damaged ({_problem(exc)})")


def _problem(exc: BaseException) -> str:
    """A failed read or write in words (SQLite's own text names no patient data)."""
    if isinstance(exc, NotMadePrivate):
        return str(exc.strerror)
    name = getattr(exc, "sqlite_errorname", "")
    if name == "SQLITE_FULL" or getattr(exc, "errno", None) == errno.ENOSPC:
        return "the disk is full"
    if name == "SQLITE_READONLY" or isinstance(exc, PermissionError):
        return "the file or its folder is read-only"
    if name.startswith("SQLITE_IOERR") or isinstance(exc, OSError):
        return "it could not be written to the disk"
    if name in ("SQLITE_CORRUPT", "SQLITE_NOTADB"):
        return "its contents are damaged"
    return str(exc)


class SaveFailed(ReviewFileError):
    """A change was not written; the review file still holds what it held before."""

    def __init__(self, message: str, reason: str = "") -> None:
        super().__init__(message)
        self.reason = reason  # why, in words ("the disk is full")


def _check_writable(db: sqlite3.Connection) -> None:
    """A change that changes nothing: fails at once on a file that cannot take changes."""
    with Transaction(db):
        db.execute("UPDATE meta SET value = value WHERE key = 'created_at'")


def _check_whole(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is damaged inside, or was never finished being made."""
    problems = [r[0] for r in db.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise ReviewFileError(
            f"{path.name}: the review file is damaged (its contents do not hold together); "
            "open a copy saved earlier, or start the review again"
        )
    present = {r[0] for r in db.execute("SELECT key FROM meta")}
    if not all(key in present for key in _REQUIRED_META):
        raise ReviewFileError(
            f"{path.name}: the review file is incomplete (it was not finished being made); "
            "start the review again"
        )


_DECISION_COLUMNS = (
    "event_id, decision, action_done, note, reviewer, decided_at, carried_from, "
    "action_evidence, export_check, evidence"
)
# With the vaccination the decision is for, from its event (`schema.REFRESH_DECISION_EVENTS`).
_WITH_EVENT = (
    f"INSERT OR REPLACE INTO decisions ({_DECISION_COLUMNS}, vaccination_key, event_flags, "
    f"event_source) SELECT {', '.join(f'd.{c}' for c in _DECISION_COLUMNS.split(', '))}, "
    "e.programme || '|' || e.date || '|nhs:' || e.nhs_number, e.flags, e.source "
    "FROM {rows} AS d LEFT JOIN events AS e ON e.id = d.event_id"
)
_SAVE_DECISION = _WITH_EVENT.format(
    rows=f"(SELECT {', '.join(f'? AS {c}' for c in _DECISION_COLUMNS.split(', '))})"
)
# Many at once (a carry writes 200,000): each decision's row and its audit entry's texts
# go into one table in memory, from which SQLite writes both: the decisions joined with
# their events in one statement, in the order of the decisions' key (a third the time; an
# event given two, the later counts, as one at a time), and the audit entries in another.
_NEW_DECISIONS = f"CREATE TEMP TABLE IF NOT EXISTS new_decisions ({_DECISION_COLUMNS}, old, new)"
_ADD_NEW_DECISION = f"INSERT INTO temp.new_decisions VALUES ({', '.join('?' * 12)})"
_SAVE_NEW_DECISIONS = (
    _WITH_EVENT.format(
        rows=f"(SELECT {_DECISION_COLUMNS}, rowid AS position FROM temp.new_decisions)"
    )
    + " ORDER BY d.event_id, d.position"
)


def _save_decisions(
    db: sqlite3.Connection, rows: Iterable[tuple[object, ...]], what: str, by: str | None = None
) -> None:
    """Write decisions and their audit entries (`what`, by `by`, or by each decision's
    reviewer), each given as its row (`_decision_row`) then its audit's old and new texts
    (`audit_log.record_text`); each decision with its event's vaccination."""
    db.execute(_NEW_DECISIONS)
    db.execute("DELETE FROM temp.new_decisions")
    db.executemany(_ADD_NEW_DECISION, rows)
    db.execute(_SAVE_NEW_DECISIONS)
    add_entries_from(db, "temp.new_decisions", what, by)
    db.execute("DELETE FROM temp.new_decisions")


# One row of the decisions table, made in C (the decision, a text enum, and the tick, a
# bool, are stored as their text and 0/1 as they are).
_decision_row: Callable[[DecisionRecord], tuple[object, ...]] = operator.attrgetter(
    *_DECISION_COLUMNS.split(", ")
)


# An earlier decision kept for later reviews, in `domain.earlier.EarlierRow`'s order.
_HELD_COLUMNS = (
    "vaccination_key, decision, action_done, note, reviewer, decided_at, decided_in, "
    "action_evidence, export_check, evidence, event_flags, event_source"
)
_HELD_VALUES = f"VALUES ({', '.join('?' * 12)})"
_HELD_FINAL = "decision != 'unsure' AND decision NOT LIKE 'open:%'"  # decisions kept


def _migrated_copy(db: sqlite3.Connection) -> sqlite3.Connection:
    """A file of an older schema, to be read only: copied into memory and brought up to
    date there, so it is read as the current version makes them and never changed (it may
    be on a read-only drive, or kept as it was)."""
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        db.backup(copy)
        migrate(copy)
    except BaseException:
        copy.close()
        raise
    db.close()
    return copy


class ReviewFile:
    """An open review file. Close it (or use `with`) to release the lock."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db

    # ----- opening ----------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, for_writing: bool = True) -> ReviewFile:
        """Open a review file, locked. `for_writing` (the window) also refuses a file that
        cannot take changes (read-only, or on a read-only drive), before any is made."""
        path = Path(path)
        if path.is_dir():
            raise ReviewFileError(f"{path.name}: a folder, not a review file")
        if not path.is_file():
            raise ReviewFileError(f"{path.name}: the review file does not exist")
        try:
            with path.open("rb") as handle:
                header = handle.read(16)
        except OSError as exc:
            raise ReviewFileError(f"{path.name}: cannot be read ({exc.strerror})") from None
        if header != b"SQLite format 3\x00":
            raise ReviewFileError(f"{path.name}: this is not a CQRS Desktop review file")
        try:
            db = connect(path)
        except sqlite3.DatabaseError as exc:
            raise _opening_error(exc, path) from None
        try:
            take_lock(db)
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise ReviewFileError(f"{path.name}: this is not a CQRS Desktop review file")
            if version > SCHEMA_VERSION:
                raise ReviewFileError(
                    f"{path.name}: made by a newer version of CQRS Desktop; "
                    "please update the app to open it"
                )
            if for_writing or version == SCHEMA_VERSION:
                migrate(db)
            else:  # only read (export): an older file is brought up to date in memory
                db = _migrated_copy(db)
            _check_whole(db, path)
            if for_writing:
                _check_writable(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise _opening_error(exc, path) from None
        except BaseException:
            db.close()
            raise
        remove_empty_journal(path)
        return cls(path, db)

    @classmethod
    def create(
        cls,
        path: Path,
        review: Review,
        rules_text: str,
        who: str | None = None,
        decisions: Sequence[DecisionRecord] = (),
        carried: Carried | None = None,
        carried_said: str = "",
    ) -> ReviewFile:
        """Write a new review file, with `decisions` (from a decisions file) already in it,
        and the `carried` decisions of earlier reviews with what carrying them did, in a
        line (`carried_said`, kept to say again when the review is opened), and open it.
        It is made under a temporary name and named only when whole, so a program killed
        half-way leaves no review file; an existing file is never replaced."""
        path = Path(path)
        if path.exists():
            raise ReviewFileError(f"{path.name}: a file of that name already exists")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            remove_stale_temporaries(path.parent)
            temporary = temporary_beside(path)
        except OSError as exc:
            raise ReviewFileError(
                f"{path.name}: the review file cannot be made in that folder ({_problem(exc)})"
            ) from None
        try:
            cls._build(temporary, review, rules_text, who, decisions, carried, carried_said)
            place_new(temporary, path)
        except FileExistsError:
            temporary.unlink(missing_ok=True)
            raise ReviewFileError(f"{path.name}: a file of that name already exists") from None
        except (sqlite3.Error, OSError, SaveFailed) as exc:  # named as the file chosen
            temporary.unlink(missing_ok=True)
            reason = exc.reason if isinstance(exc, SaveFailed) else _problem(exc)
            raise ReviewFileError(
                f"{path.name}: the review file could not be written ({reason}); nothing was saved"
            ) from None
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return cls.open(path)

    @classmethod
    def _build(
        cls,
        path: Path,
        review: Review,
        rules_text: str,
        who: str | None,
        decisions: Sequence[DecisionRecord],
        carried: Carried | None,
        carried_said: str = "",
    ) -> None:
        db = connect(path)
        try:
            take_lock(db)
            migrate(db)
            self = cls(path, db)
            with self._transaction():
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [
                        ("created_at", now_text()),
                        ("created_by_app", __version__),
                        ("rules", rules_text),
                        ("review_id", uuid.uuid4().hex),  # (copies share it)
                    ],
                )
                self._write_inputs(review, who, "import")
                self._write_decisions(decisions, "decisions file", who)
                if carried is not None:
                    self._write_carried(carried, "carried", who)
                if carried_said:
                    write_meta(db, "carried_said", carried_said)
        finally:
            db.close()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ReviewFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- writing: each change is one transaction with its audit entry ----------------
    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        """One change: written whole, or not at all and a `SaveFailed` naming the file."""
        try:
            with Transaction(self._db):
                yield
        except sqlite3.Error as exc:
            reason = _problem(exc)
            raise SaveFailed(
                f"{self.path.name}: the change could not be saved ({reason})", reason
            ) from None

    def _audit(
        self, who: str | None, event_id: str | None, what: str, old: str | None, new: str | None
    ) -> None:
        add_entry(self._db, who, event_id, what, old, new)

    def _write_inputs(self, review: Review, who: str | None, what: str) -> None:
        write_inputs(self._db, review)
        self._db.execute(REFRESH_DECISION_EVENTS)  # events rewritten: flags may differ
        self._audit(who, None, what, None, inputs_summary(review))

    def save_decision(
        self,
        event_id: str,
        record: DecisionRecord | None,
        previous: DecisionRecord | None,
        reason: str,
        who: str | None = None,
    ) -> None:
        """Write one event's decision and its audit entry, by `who` (whoever made the
        change; else the decision's reviewer), in one transaction."""
        who = (
            who
            or (record.reviewer if record else None)
            or (previous.reviewer if previous else None)
        )
        with self._transaction():
            if record is None:
                self._db.execute("DELETE FROM decisions WHERE event_id = ?", (event_id,))
            else:
                self._db.execute(_SAVE_DECISION, (event_id, *_decision_row(record)[1:]))
            self._audit(who, event_id, reason, record_text(previous), record_text(record))

    def save_decisions(
        self, changes: Iterable[tuple[DecisionRecord, DecisionRecord | None]], reason: str
    ) -> None:
        """Many decisions at once (from a decisions file), in one transaction."""
        with self._transaction():
            self._write_changes(changes, reason)

    def save_carried(self, carried: Carried, who: str | None = None) -> None:
        """Decisions carried from earlier reviews (by `who`), in one transaction."""
        with self._transaction():
            self._write_carried(carried, "carried", who)

    def _write_carried(self, carried: Carried, what: str, who: str | None) -> None:
        """The carried decisions, their audit entries by `who` (who carried them; each
        entry names the review read and who made the decision, and when)."""
        read_from = functools.cache(read_from_text)  # one ending per earlier review
        _save_decisions(
            self._db,
            (
                (*_decision_row(record), None,
                 record_text(record, read_from(review, sha) + decided_by_text(record))
                 if review else record_text(record))
                for record, review, sha in carried.records
            ),
            what,
            who,
        )  # fmt: skip
        add_entries(  # this review's own decision stands: over what, said (decision 360)
            self._db,
            (
                (who, stood.record.event_id, "stood over", earlier_text(earlier), new)
                for stood in carried.stood
                for new in (record_text(stood.record),)
                for earlier in stood.over
            ),
        )
        self._write_knew(carried.knew)
        self._write_gone(carried.gone)
        self._write_held(carried.held, carried.held_unsure, carried.held_open)
        self._write_disagreements(
            carried.shown_earlier,
            replace=False,
        )

    def _write_disagreements(
        self, disagreed: Mapping[str, Sequence[EarlierDecision]], replace: bool = True
    ) -> None:
        """What earlier reviews that disagreed decided, by event (`replace`: instead of
        what was there: a search imported again moves them to its events)."""
        if replace:
            self._db.execute("DELETE FROM earlier_decisions")
        self._db.executemany(
            "INSERT INTO earlier_decisions (event_id, review, review_sha256, decided_in, "
            "decision, action_done, note, reviewer, decided_at, carried) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
            [
                (event_id, e.review, e.review_sha256, e.decided_in, e.decision.value,
                 int(e.action_done), e.note, e.reviewer, e.decided_at)
                for event_id, decisions in disagreed.items()
                for e in decisions
            ],
        )  # fmt: skip

    def _write_knew(self, knew: Collection[str]) -> None:
        """The reviews whose decisions this one took in (with those it took in before),
        so a later review knows this one decided knowing theirs (decision 104)."""
        if not knew:
            return
        row = self._db.execute("SELECT value FROM meta WHERE key = 'carried_reviews'").fetchone()
        before = set(json.loads(row[0])) if row else set()
        self._db.execute(
            "INSERT OR REPLACE INTO meta VALUES ('carried_reviews', ?)",
            (json.dumps(sorted(before | set(knew))),),
        )

    def _write_gone(self, gone: Sequence[GoneDose]) -> None:
        """The doses no longer in the search, all of them (what was there is replaced)."""
        old = self._db.execute("SELECT COUNT(*) FROM gone_doses").fetchone()[0]
        self._db.execute("DELETE FROM gone_doses")
        self._db.executemany(
            "INSERT INTO gone_doses (vaccination_key, decision, action_done, note, reviewer, "
            "decided_at, decided_in, review_sha256, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (g.key, g.decision.value, int(g.action_done), g.note, g.reviewer, g.decided_at,
                 g.decided_in, g.review_sha256, g.evidence)
                for g in gone
            ],
        )  # fmt: skip
        if old or gone:
            self._audit(None, None, "no longer in the search", str(old), str(len(gone)))

    def _write_held(
        self,
        held: Sequence[EarlierRow],
        unsure: Sequence[EarlierRow] = (),
        differ: Sequence[tuple[str, tuple[EarlierDecision, ...]]] = (),
    ) -> None:
        """The earlier decisions kept for later reviews, all of them (replacing what was),
        the marks of unsure kept so (decision "unsure") and the decisions of vaccinations
        decided differently (`held_open_rows`): none of these last two a decision the
        carry of an older version takes, nor counted as decisions in the audit log."""
        old = self._db.execute(
            f"SELECT COUNT(*) FROM held_decisions WHERE {_HELD_FINAL}"
        ).fetchone()[0]
        self._db.execute("DELETE FROM held_decisions")
        self._db.executemany(
            f"INSERT INTO held_decisions ({_HELD_COLUMNS}) {_HELD_VALUES}",
            [*held, *unsure, *held_open_rows(differ)],
        )
        if old or held:
            self._audit(None, None, "kept for later reviews", str(old), str(len(held)))

    def load_disagreements(self) -> dict[str, tuple[EarlierDecision, ...]]:
        """What earlier reviews that disagreed decided, by event."""
        found: dict[str, list[EarlierDecision]] = {}
        for r in self._db.execute(
            "SELECT event_id, review, review_sha256, decided_in, decision, action_done, note, "
            "reviewer, decided_at FROM earlier_decisions WHERE carried = 0 ORDER BY position"
        ):
            found.setdefault(r[0], []).append(
                EarlierDecision(r[1], r[2], r[3], Decision(r[4]), bool(r[5]), r[6], r[7], r[8])
            )
        return {event_id: tuple(decisions) for event_id, decisions in found.items()}

    def removed_sources(self) -> dict[str, str]:
        """The search files the user removed from the review, with their SHA-256, by name
        (decision 109)."""
        return read_removed_sources(self._db)

    def load_held(self) -> list[EarlierRow]:
        """The earlier decisions kept for later reviews."""
        return self._db.execute(
            f"SELECT {_HELD_COLUMNS} FROM held_decisions WHERE {_HELD_FINAL} ORDER BY position"
        ).fetchall()

    def load_held_open(self) -> list[tuple[str, tuple[EarlierDecision, ...]]]:
        """The vaccinations earlier reviews decided differently kept for later reviews."""
        return list(held_open_of(self._db).items())

    def load_held_unsure(self) -> list[EarlierRow]:
        """The marks of unsure of earlier reviews kept for later reviews."""
        return self._db.execute(
            f"SELECT {_HELD_COLUMNS} FROM held_decisions WHERE decision = 'unsure' "
            "ORDER BY position"
        ).fetchall()

    def load_gone(self) -> list[GoneDose]:
        return [
            GoneDose(r[0], Decision(r[1]), bool(r[2]), r[3], r[4], r[5], r[6], r[7], r[8])
            for r in self._db.execute(
                "SELECT vaccination_key, decision, action_done, note, reviewer, decided_at, "
                "decided_in, review_sha256, evidence FROM gone_doses ORDER BY position"
            )
        ]

    def _write_decisions(
        self, records: Iterable[DecisionRecord], reason: str, who: str | None = None
    ) -> None:
        self._write_changes(((record, None) for record in records), reason, who)

    def _write_changes(
        self,
        changes: Iterable[tuple[DecisionRecord, DecisionRecord | None]],
        reason: str,
        who: str | None = None,
    ) -> None:
        """Decisions (new, previous) and their audit entries, in one go each. With `who`
        (who imported a decisions file), the entries are by `who` and each names who made
        its decision, and when, as a carried decision's does: the file's reviewer did not
        make the change in this review file, then."""
        _save_decisions(
            self._db,
            (
                (
                    *_decision_row(record),
                    record_text(previous),
                    record_text(record, decided_by_text(record) if who else ""),
                )
                for record, previous in changes
            ),
            reason,
            who,
        )

    def replace_inputs(
        self,
        review: Review,
        who: str | None = None,
        kept: Carried | None = None,
        removed: Mapping[str, str] | None = None,
    ) -> None:
        """New sources, claims or practice details: rewrite the inputs, keep the decisions
        (with `kept`, those that found their vaccinations again in a new search; `removed`:
        the search files the user removed, with their SHA-256)."""
        with self._transaction():
            self._write_inputs(review, who, "inputs changed")
            if removed is not None:
                write_meta(self._db, "removed_sources", json.dumps(dict(removed)))
            if kept is not None:
                self._write_carried(kept, "kept", who)
            self._write_disagreements(review.disagreed)

    def set_claims(self, claims: Iterable[Claim], who: str | None = None) -> None:
        claims = list(claims)
        with self._transaction():
            old = read_claim_counts(self._db)
            self._db.execute("DELETE FROM claims")
            write_claims(self._db, claims)
            new = [[c.programme, c.month, c.count] for c in claims]
            self._audit(who, None, "claims", json.dumps(old), json.dumps(new))

    def set_practice(
        self,
        practice: Practice,
        who: str | None = None,
        events: Iterable[VaccinationEvent] = (),
        sources: Iterable[SourceSummary] = (),
    ) -> None:
        """New practice details. `events`: the review's events with their flags worked out
        again for them (the organisation check follows the ODS code); the stored events and
        the flags kept beside each decision follow, so a later review carrying this one
        compares its search with what this one's showed under the same details. `sources`:
        with their warnings made again for them (a search that never names the practice)."""
        with self._transaction():
            old = read_meta(self._db, "practice")
            new = practice_text(practice)
            write_meta(self._db, "practice", new)
            refresh_event_flags(self._db, events)
            self._db.executemany(
                "UPDATE sources SET warnings = ? WHERE position = ?",
                [(json.dumps(list(s.warnings)), i) for i, s in enumerate(sources)],
            )
            self._audit(who, None, "practice", old, new)

    def set_rules(self, rules_text: str, old_label: str, new_label: str) -> None:
        """Replace the rules the review is read with (the rules as shipped, when a newer
        version corrects them), with an audit entry naming both."""
        with self._transaction():
            write_meta(self._db, "rules", rules_text)
            self._audit(None, None, "rules", old_label, new_label)

    def save_as(self, target: Path) -> None:
        """Copy the review to `target` (SQLite's backup: consistent even while open). The
        copy is written beside `target` and put in its place only when whole, so a full
        disk leaves a copy that was already there as it was."""
        target = Path(target)
        if same_file(target, self.path):  # itself: kept as it is (decision 299)
            return
        try:
            temporary = temporary_beside(target)
        except OSError as exc:
            raise SaveFailed(
                f"{target.name}: the copy could not be made ({_problem(exc)})"
            ) from None
        try:
            copy = sqlite3.connect(temporary)
            try:
                self._db.backup(copy)
            finally:
                copy.close()
            fsync_file(temporary)
            os.replace(temporary, target)
        except (sqlite3.Error, OSError) as exc:
            temporary.unlink(missing_ok=True)
            kept = " (the file already there is unchanged)" if target.exists() else ""
            raise SaveFailed(
                f"{target.name}: the copy could not be saved ({_problem(exc)}){kept}"
            ) from None
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise

    # ----- reading ----------------------------------------------------------------------
    def rules_text(self) -> str | None:
        return read_meta(self._db, "rules")

    def practice(self) -> Practice:
        return read_practice(self._db)

    def carried_said(self) -> str:
        """What carrying earlier decisions did when the review was made, in a line ("" when
        nothing was carried, or for a review made before this was kept)."""
        return read_meta(self._db, "carried_said") or ""

    def load_inputs(self) -> ReviewInputs:
        return read_inputs(self._db)

    def load_decisions(self) -> list[DecisionRecord]:
        return [
            DecisionRecord(
                event_id=r[0],
                decision=Decision(r[1]) if r[1] else None,
                action_done=bool(r[2]),
                note=r[3],
                reviewer=r[4],
                decided_at=r[5],
                carried_from=r[6],
                action_evidence=r[7],
                export_check=r[8],
                evidence=r[9],
            )
            for r in self._db.execute(f"SELECT {_DECISION_COLUMNS} FROM decisions")
        ]

    def audit_log(self) -> list[AuditEntry]:
        return read_entries(self._db)

    def note_left_by(self, event_id: str, who: str) -> str | None:
        """The event's note as `who` last left it (the latest audit entry of theirs for
        it); None where they made no change to it here, or that entry cannot be read."""
        return self._latest_note("event_id = ? AND who = ?", (event_id, who))

    def carried_note(self, event_id: str) -> str | None:
        """The note the event's decision had when it was carried in from an earlier review
        (its latest "carried" audit entry); None where it was not carried here, or that
        entry cannot be read."""
        return self._latest_note("event_id = ? AND what = 'carried'", (event_id,))

    def _latest_note(self, where: str, values: tuple[str, ...]) -> str | None:
        """The note of the latest audit entry `where` says (None: none, or unreadable)."""
        row = self._db.execute(
            f"SELECT new FROM audit_log WHERE {where} ORDER BY id DESC LIMIT 1", values
        ).fetchone()
        try:
            note = json.loads(row[0]).get("note") if row and row[0] else None
        except (ValueError, AttributeError):
            return None
        return note if isinstance(note, str) else None
