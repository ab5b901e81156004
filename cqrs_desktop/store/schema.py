"""The review file's tables and the migrations between schema versions."""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 8
APPLICATION_ID = 0x43515253  # "CQRS": marks a SQLite file as a review file

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    position INTEGER PRIMARY KEY, kind TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,
    rows_read INTEGER NOT NULL, events INTEGER NOT NULL, markers INTEGER NOT NULL,
    skipped INTEGER NOT NULL, warnings TEXT NOT NULL, programme TEXT, mapping TEXT NOT NULL
);
CREATE TABLE search_rows (
    position INTEGER PRIMARY KEY, source TEXT NOT NULL, row INTEGER NOT NULL,
    programme TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL, nhs_number TEXT,
    surname TEXT, forenames TEXT, date_of_birth TEXT, age INTEGER, sex TEXT, code TEXT,
    term TEXT, organisation TEXT, has_organisation_column INTEGER NOT NULL,
    non_gms INTEGER NOT NULL, edd TEXT
);
CREATE TABLE unassigned_rows (
    position INTEGER PRIMARY KEY, source TEXT NOT NULL, row INTEGER NOT NULL, reason TEXT NOT NULL
);
CREATE TABLE claims (
    position INTEGER PRIMARY KEY, programme TEXT NOT NULL, month TEXT NOT NULL,
    count INTEGER NOT NULL, source TEXT NOT NULL
);
CREATE TABLE events (
    id TEXT PRIMARY KEY, programme TEXT NOT NULL, month TEXT NOT NULL, date TEXT NOT NULL,
    nhs_number TEXT, flags TEXT NOT NULL, needs_review INTEGER NOT NULL,
    source TEXT NOT NULL, row INTEGER NOT NULL
);
CREATE TABLE decisions (
    event_id TEXT PRIMARY KEY, decision TEXT, action_done INTEGER NOT NULL,
    note TEXT NOT NULL, reviewer TEXT, decided_at TEXT
);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, who TEXT, event_id TEXT,
    what TEXT NOT NULL, old TEXT, new TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""


def migrate(db: sqlite3.Connection) -> None:
    """Bring a file up to SCHEMA_VERSION, one step at a time, each step atomic."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    while version < SCHEMA_VERSION:
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in MIGRATIONS[version]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # a failed COMMIT (a full disk) may have ended it already
                db.execute("ROLLBACK")
            raise
        version += 1


def _split(script: str) -> list[str]:
    """Split a schema script into statements (triggers keep their inner semicolons)."""
    statements: list[str] = []
    buffer = ""
    for line in script.strip().splitlines():
        buffer += line + "\n"
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    return statements


# Version 2 (SPEC version 2): the months a search covers as the user stated them (JSON
# ["YYYY-MM", "YYYY-MM"], null: worked out from its dates), and the CQRS item status and
# note of a claim. A version 1 file has neither: its coverage is worked out from its rows.
_V2 = """
ALTER TABLE sources ADD COLUMN span TEXT;
ALTER TABLE claims ADD COLUMN cqrs_status TEXT;
ALTER TABLE claims ADD COLUMN cqrs_note TEXT;
"""


# Version 3 (decisions carried from earlier reviews, and what a later search showed): where
# a decision was carried from, who says the clinical system was updated, what the export
# showed; and every decision earlier reviews held for an event (for disagreements).
_V3 = """
ALTER TABLE decisions ADD COLUMN carried_from TEXT;
ALTER TABLE decisions ADD COLUMN action_evidence TEXT;
ALTER TABLE decisions ADD COLUMN export_check TEXT;
ALTER TABLE decisions ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
CREATE TABLE earlier_decisions (
    position INTEGER PRIMARY KEY, event_id TEXT NOT NULL, review TEXT NOT NULL,
    review_sha256 TEXT NOT NULL, decided_in TEXT NOT NULL, decision TEXT NOT NULL,
    action_done INTEGER NOT NULL, note TEXT NOT NULL, reviewer TEXT, decided_at TEXT,
    carried INTEGER NOT NULL
);
UPDATE decisions SET action_evidence = 'reviewer' WHERE action_done = 1;
"""


# The vaccination each decision is for, kept beside it (`vaccination_keys.vaccination_key` for
# events with an NHS number; null otherwise) with its event's flags and search file, so a
# later review carries 200,000 decisions from one table scan, not a join.
REFRESH_DECISION_EVENTS = """
UPDATE decisions SET
    vaccination_key = (SELECT programme || '|' || date || '|nhs:' || nhs_number FROM events
                       WHERE id = event_id),
    event_flags = (SELECT flags FROM events WHERE id = event_id),
    event_source = (SELECT source FROM events WHERE id = event_id)
"""

# Version 4: doses earlier decisions took off the claim that the latest search no longer
# holds (`domain.earlier.GoneDose`), with the evidence; each decision's vaccination key.
_V4 = f"""
ALTER TABLE decisions ADD COLUMN vaccination_key TEXT;
ALTER TABLE decisions ADD COLUMN event_flags TEXT;
ALTER TABLE decisions ADD COLUMN event_source TEXT;
{REFRESH_DECISION_EVENTS};
CREATE TABLE gone_doses (
    position INTEGER PRIMARY KEY, vaccination_key TEXT NOT NULL, decision TEXT NOT NULL,
    action_done INTEGER NOT NULL, note TEXT NOT NULL, reviewer TEXT, decided_at TEXT,
    decided_in TEXT NOT NULL, review_sha256 TEXT NOT NULL, evidence TEXT NOT NULL
);
"""


# Version 5: earlier decisions for vaccinations no search of the review covers (another
# month, or a programme not searched), kept as they were read (`domain.left_over.left_over`), so
# a later review carrying this one alone still finds them.
_V5 = """
CREATE TABLE held_decisions (
    position INTEGER PRIMARY KEY, vaccination_key TEXT NOT NULL, decision TEXT NOT NULL,
    action_done INTEGER NOT NULL, note TEXT NOT NULL, reviewer TEXT, decided_at TEXT,
    decided_in TEXT, action_evidence TEXT, export_check TEXT, evidence TEXT NOT NULL,
    event_flags TEXT NOT NULL, event_source TEXT
);
"""


# Version 6: what is known of a row no programme and month could be given (the programme
# it may be a dose of, its month, whether it could be a dose a claim counts), so the
# outputs say which claims it may belong to. Rows of older files know none of it: every
# claim their file covers (as before).
_V6 = """
ALTER TABLE unassigned_rows ADD COLUMN programme TEXT;
ALTER TABLE unassigned_rows ADD COLUMN month TEXT;
ALTER TABLE unassigned_rows ADD COLUMN countable INTEGER NOT NULL DEFAULT 1;
"""


# Version 7: whose a row not placed is, where that can be told (`UnassignedRow.patient`), so
# it keeps from proof only a dose that may be that patient's (decision 89). Rows of older
# files know no patient: they may be anyone's (as before).
_V7 = """
ALTER TABLE unassigned_rows ADD COLUMN patient TEXT;
"""


# Version 8: the first and last day a search's own lines say it searched, where inside its
# first or last month (JSON [from, to], each an ISO date or null; decision 137). Files of
# older versions know neither: their months are taken as searched whole (as before).
_V8 = """
ALTER TABLE sources ADD COLUMN searched TEXT;
"""


# MIGRATIONS[n] holds the statements that take a file from version n to n + 1
# (version 0 is an empty database). Add a step here whenever the schema changes.
MIGRATIONS: dict[int, list[str]] = {
    0: _split(_V1),
    1: _split(_V2),
    2: _split(_V3),
    3: _split(_V4),
    4: _split(_V5),
    5: _split(_V6),
    6: _split(_V7),
    7: _split(_V8),
}
