"""The review file (`.cqrsreview`): one SQLite database per review.

Every change is one transaction, written before the screen says it is recorded, so a
crash loses nothing confirmed. The file is held with an exclusive lock while open, so a
second window or program cannot write to it at the same time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from cqrs_desktop import __version__
from cqrs_desktop.domain.model import (
    AuditEntry,
    Claim,
    Decision,
    DecisionRecord,
    Practice,
    RowKind,
    SearchRow,
    SourceSummary,
    UnassignedRow,
)
from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION, migrate

SUFFIX = ".cqrsreview"


class ReviewFileError(Exception):
    """A review file cannot be opened or written; the message is for the user."""


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _record_text(record: DecisionRecord | None) -> str | None:
    if record is None:
        return None
    return json.dumps(
        {
            "decision": record.decision.value if record.decision else None,
            "action_done": record.action_done,
            "note": record.note,
        },
        ensure_ascii=False,
    )


def _opening_error(exc: sqlite3.DatabaseError, path: Path) -> ReviewFileError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return ReviewFileError(
            f"{path.name}: this review is open in another window or program. Close it there first."
        )
    return ReviewFileError(f"{path.name}: the review file is damaged ({text})")


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=0.5, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


class ReviewFile:
    """An open review file. Close it (or use `with`) to release the lock."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self._db = db

    # ----- opening ----------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path) -> ReviewFile:
        path = Path(path)
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
            db = _connect(path)
        except sqlite3.DatabaseError as exc:
            raise _opening_error(exc, path) from None
        try:
            cls._lock(db, path)
            app_id = db.execute("PRAGMA application_id").fetchone()[0]
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise ReviewFileError(f"{path.name}: this is not a CQRS Desktop review file")
            if version > SCHEMA_VERSION:
                raise ReviewFileError(
                    f"{path.name}: made by a newer version of CQRS Desktop; "
                    "please update the app to open it"
                )
            migrate(db)
        except sqlite3.DatabaseError as exc:
            db.close()
            raise _opening_error(exc, path) from None
        except BaseException:
            db.close()
            raise
        return cls(path, db)

    @staticmethod
    def _lock(db: sqlite3.Connection, path: Path) -> None:
        """Take the exclusive lock now, so a second opener is refused at once."""
        db.execute("BEGIN EXCLUSIVE")
        db.execute("COMMIT")

    @classmethod
    def create(
        cls, path: Path, review: Review, rules_text: str, who: str | None = None
    ) -> ReviewFile:
        """Write a new review file (replacing nothing: an existing file is an error)."""
        path = Path(path)
        if path.exists():
            raise ReviewFileError(f"{path.name}: a file of that name already exists")
        path.parent.mkdir(parents=True, exist_ok=True)
        db = _connect(path)
        try:
            cls._lock(db, path)
            migrate(db)
            self = cls(path, db)
            with self._transaction():
                db.executemany(
                    "INSERT INTO meta VALUES (?, ?)",
                    [
                        ("created_at", _now()),
                        ("created_by_app", __version__),
                        ("rules", rules_text),
                    ],
                )
                self._write_inputs(review, who, "import")
        except BaseException:
            db.close()
            path.unlink(missing_ok=True)
            raise
        return self

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ReviewFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- writing ----------------------------------------------------------------------
    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)

    def _audit(
        self, who: str | None, event_id: str | None, what: str, old: str | None, new: str | None
    ) -> None:
        self._db.execute(
            "INSERT INTO audit_log (at, who, event_id, what, old, new) VALUES (?, ?, ?, ?, ?, ?)",
            (_now(), who, event_id, what, old, new),
        )

    def _write_inputs(self, review: Review, who: str | None, what: str) -> None:
        inputs = review.inputs
        db = self._db
        for table in ("sources", "search_rows", "unassigned_rows", "claims", "events"):
            db.execute(f"DELETE FROM {table}")
        self._set_meta("practice", json.dumps(dataclasses.asdict(inputs.practice)))
        db.executemany(
            "INSERT INTO sources VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    i,
                    s.kind,
                    s.file,
                    s.sha256,
                    s.rows_read,
                    s.events,
                    s.markers,
                    s.skipped,
                    json.dumps(list(s.warnings)),
                    s.programme,
                    json.dumps([list(m) for m in s.mapping]),
                )
                for i, s in enumerate(inputs.sources)
            ],
        )
        db.executemany(
            "INSERT INTO search_rows VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                (
                    i,
                    r.source,
                    r.row,
                    r.programme,
                    r.kind.value,
                    r.date.isoformat(),
                    r.nhs_number,
                    r.surname,
                    r.forenames,
                    _iso(r.date_of_birth),
                    r.age,
                    r.sex,
                    r.code,
                    r.term,
                    r.organisation,
                    int(r.has_organisation_column),
                    int(r.non_gms),
                    _iso(r.edd),
                )
                for i, r in enumerate(inputs.rows)
            ),
        )
        db.executemany(
            "INSERT INTO unassigned_rows VALUES (?,?,?,?)",
            [(i, u.source, u.row, u.reason) for i, u in enumerate(inputs.unassigned)],
        )
        db.executemany(
            "INSERT INTO claims VALUES (?,?,?,?,?)",
            [(i, c.programme, c.month, c.count, c.source) for i, c in enumerate(inputs.claims)],
        )
        db.executemany(
            "INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)",
            (
                (
                    e.id,
                    e.programme,
                    e.month,
                    e.date.isoformat(),
                    e.nhs_number,
                    " ".join(e.flags),
                    int(e.needs_review),
                    e.source,
                    e.row,
                )
                for e in review.events
            ),
        )
        summary = json.dumps(
            {
                "sources": [s.file for s in inputs.sources],
                "events": len(review.events),
                "claims": len(inputs.claims),
            }
        )
        self._audit(who, None, what, None, summary)

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def save_decision(
        self,
        event_id: str,
        record: DecisionRecord | None,
        previous: DecisionRecord | None,
        reason: str,
    ) -> None:
        """Write one event's decision and its audit entry in one transaction."""
        who = (record.reviewer if record else None) or (previous.reviewer if previous else None)
        try:
            with self._transaction():
                if record is None:
                    self._db.execute("DELETE FROM decisions WHERE event_id = ?", (event_id,))
                else:
                    self._db.execute(
                        "INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            event_id,
                            record.decision.value if record.decision else None,
                            int(record.action_done),
                            record.note,
                            record.reviewer,
                            record.decided_at,
                        ),
                    )
                self._audit(who, event_id, reason, _record_text(previous), _record_text(record))
        except sqlite3.Error as exc:
            raise ReviewFileError(
                f"{self.path.name}: the change could not be saved ({exc})"
            ) from None

    def save_decisions(
        self, changes: Iterable[tuple[DecisionRecord, DecisionRecord | None]], reason: str
    ) -> None:
        """Many decisions at once (from a decisions file), in one transaction."""
        with self._transaction():
            for record, previous in changes:
                self._db.execute(
                    "INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        record.event_id,
                        record.decision.value if record.decision else None,
                        int(record.action_done),
                        record.note,
                        record.reviewer,
                        record.decided_at,
                    ),
                )
                self._audit(
                    record.reviewer,
                    record.event_id,
                    reason,
                    _record_text(previous),
                    _record_text(record),
                )

    def replace_inputs(self, review: Review, who: str | None = None) -> None:
        """New sources, claims or practice details: rewrite the inputs, keep the decisions."""
        with self._transaction():
            self._write_inputs(review, who, "inputs changed")

    def set_claims(self, claims: Iterable[Claim], who: str | None = None) -> None:
        claims = list(claims)
        with self._transaction():
            old = [
                list(r)
                for r in self._db.execute(
                    "SELECT programme, month, count FROM claims ORDER BY position"
                )
            ]
            self._db.execute("DELETE FROM claims")
            self._db.executemany(
                "INSERT INTO claims VALUES (?,?,?,?,?)",
                [(i, c.programme, c.month, c.count, c.source) for i, c in enumerate(claims)],
            )
            new = [[c.programme, c.month, c.count] for c in claims]
            self._audit(who, None, "claims", json.dumps(old), json.dumps(new))

    def set_practice(self, practice: Practice, who: str | None = None) -> None:
        with self._transaction():
            old = self._meta("practice")
            new = json.dumps(dataclasses.asdict(practice))
            self._set_meta("practice", new)
            self._audit(who, None, "practice", old, new)

    def save_as(self, target: Path) -> None:
        """Copy the review to `target` (SQLite's backup: consistent even while open)."""
        target = Path(target)
        if target.resolve() == self.path.resolve():
            return
        target.unlink(missing_ok=True)
        copy = sqlite3.connect(target)
        try:
            self._db.backup(copy)
        finally:
            copy.close()

    # ----- reading ----------------------------------------------------------------------
    def _meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def rules_text(self) -> str | None:
        return self._meta("rules")

    def practice(self) -> Practice:
        data = json.loads(self._meta("practice") or "{}")
        return Practice(
            ods_code=data.get("ods_code", ""), name=data.get("name"), reviewer=data.get("reviewer")
        )

    def load_inputs(self) -> ReviewInputs:
        db = self._db
        sources = tuple(
            SourceSummary(
                file=r[2],
                sha256=r[3],
                rows_read=r[4],
                events=r[5],
                markers=r[6],
                skipped=r[7],
                warnings=tuple(json.loads(r[8])),
                kind=r[1],
                programme=r[9],
                mapping=tuple(tuple(m) for m in json.loads(r[10])),
            )
            for r in db.execute("SELECT * FROM sources ORDER BY position")
        )
        kinds = {kind.value: kind for kind in RowKind}
        rows = tuple(
            SearchRow(
                source=r[1],
                row=r[2],
                programme=r[3],
                kind=kinds[r[4]],
                date=dt.date.fromisoformat(r[5]),
                nhs_number=r[6],
                surname=r[7],
                forenames=r[8],
                date_of_birth=_date(r[9]),
                age=r[10],
                sex=r[11],
                code=r[12],
                term=r[13],
                organisation=r[14],
                has_organisation_column=bool(r[15]),
                non_gms=bool(r[16]),
                edd=_date(r[17]),
            )
            for r in db.execute("SELECT * FROM search_rows ORDER BY position")
        )
        unassigned = tuple(
            UnassignedRow(source=r[0], row=r[1], reason=r[2])
            for r in db.execute("SELECT source, row, reason FROM unassigned_rows ORDER BY position")
        )
        claims = tuple(
            Claim(programme=r[0], month=r[1], count=r[2], source=r[3])
            for r in db.execute(
                "SELECT programme, month, count, source FROM claims ORDER BY position"
            )
        )
        return ReviewInputs(self.practice(), sources, rows, unassigned, claims)

    def load_decisions(self) -> list[DecisionRecord]:
        return [
            DecisionRecord(
                event_id=r[0],
                decision=Decision(r[1]) if r[1] else None,
                action_done=bool(r[2]),
                note=r[3],
                reviewer=r[4],
                decided_at=r[5],
            )
            for r in self._db.execute("SELECT * FROM decisions")
        ]

    def audit_log(self) -> list[AuditEntry]:
        return [
            AuditEntry(at=r[0], who=r[1], event_id=r[2], what=r[3], old=r[4], new=r[5])
            for r in self._db.execute(
                "SELECT at, who, event_id, what, old, new FROM audit_log ORDER BY id"
            )
        ]


class _Transaction:
    """`with` block around BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self._db.execute("COMMIT")
        else:
            self._db.execute("ROLLBACK")
