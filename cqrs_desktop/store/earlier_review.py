"""Reading an earlier review's decisions, to carry them into a new review.

The earlier file is only read: opened read-only for the moment it takes, never changed,
never migrated, and never locked beyond that read. Files of every schema version are read.
A review can hold 200,000 decisions, so they are read as plain rows keyed by vaccination
(`domain.carry.vaccination_key`, built by SQLite), two table scans joined in a dict.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cqrs_desktop.domain.carry import EarlierReview, EarlierRow, patient_text, vaccination_key
from cqrs_desktop.errors import UserError
from cqrs_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION


class EarlierReviewError(UserError):
    """An earlier review cannot be read; the message is for the user."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_DECISIONS = (
    "SELECT event_id, decision, action_done, note, reviewer, decided_at, {extra} "
    "FROM decisions WHERE decision IS NOT NULL AND decision != 'unsure'"
)
_V3_EXTRA = "carried_from, action_evidence, export_check, evidence"
_V1_EXTRA = "NULL, CASE WHEN action_done THEN 'reviewer' END, NULL, ''"
# The key as `vaccination_key(programme, date, patient_text(nhs))` makes it.
_EVENTS = "SELECT id, programme || '|' || date || '|nhs:' || nhs_number, flags, source FROM events"
# Events with no valid NHS number: the patient is the number as found, or surname and
# date of birth, from the stored row.
_UNNUMBERED = """
SELECT e.id, e.programme, e.date, r.nhs_number, r.surname, r.date_of_birth FROM events e
JOIN search_rows r ON r.source = e.source AND r.row = e.row AND r.programme = e.programme
 AND r.date = e.date AND r.kind = 'event'
WHERE e.nhs_number IS NULL
"""


def read_earlier_review(path: Path) -> EarlierReview:
    """The decisions of the review at `path`, by vaccination."""
    path = Path(path)
    name = path.name
    try:
        sha = _sha256(path)
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except (OSError, sqlite3.Error) as exc:
        reason = getattr(exc, "strerror", None) or "it cannot be opened"
        raise EarlierReviewError(f"{name}: the earlier review cannot be read ({reason})") from None
    try:
        return _read(db, name, sha)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise EarlierReviewError(
                f"{name}: the earlier review is open in CQRS Desktop; close it there first"
            ) from None
        raise EarlierReviewError(f"{name}: the earlier review is damaged") from None
    except (sqlite3.DatabaseError, ValueError, KeyError, TypeError):
        raise EarlierReviewError(f"{name}: not a CQRS Desktop review, or damaged") from None
    finally:
        db.close()


def _read(db: sqlite3.Connection, name: str, sha: str) -> EarlierReview:
    app_id = db.execute("PRAGMA application_id").fetchone()[0]
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if app_id != APPLICATION_ID:
        raise EarlierReviewError(f"{name}: this is not a CQRS Desktop review file")
    if version > SCHEMA_VERSION:
        raise EarlierReviewError(f"{name}: made by a newer version of CQRS Desktop")
    meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
    practice = json.loads(meta.get("practice") or "{}")
    sources = dict(db.execute("SELECT file, sha256 FROM sources WHERE kind = 'search'").fetchall())
    extra = _V3_EXTRA if version >= 3 else _V1_EXTRA
    decided = {r[0]: r for r in db.execute(_DECISIONS.format(extra=extra))}
    keys: dict[str, str] = {}
    if decided:
        for event_id, programme, date, nhs, surname, dob in db.execute(_UNNUMBERED):
            patient = patient_text(nhs, surname, dob)
            if patient is not None:
                keys[event_id] = vaccination_key(programme, date, patient)
    rows: dict[str, EarlierRow | None] = {}
    for event_id, key, flags, source in db.execute(_EVENTS):
        r = decided.get(event_id)
        if r is None:
            continue
        key = key or keys.get(event_id)
        if key is None:
            continue
        row: EarlierRow = (
            r[1], bool(r[2]), r[3] or "", r[4], r[5], r[6], r[7], r[8], r[9] or "", flags,
            sources.get(source),
        )  # fmt: skip
        rows[key] = None if key in rows else row  # a key held twice: ambiguous, left out
    return EarlierReview(
        file=name,
        sha256=sha,
        ods_code=practice.get("ods_code"),
        created_at=meta.get("created_at"),
        rows={k: v for k, v in rows.items() if v is not None},
    )


@dataclass(frozen=True)
class ReviewAbout:
    """What a review file says about itself, for listing it (read in milliseconds): its
    practice and when it was made; `problem` when it cannot be read just now."""

    path: Path
    ods_code: str | None
    practice_name: str | None
    created_at: str | None
    problem: str | None = None


def about_review(path: Path) -> ReviewAbout:
    """The practice and creation time of the review at `path`, from its meta table only,
    read-only and never waiting: a review open in CQRS Desktop (locked) says so."""
    path = Path(path)
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.1)
    except (OSError, sqlite3.Error):
        return ReviewAbout(path, None, None, None, "it cannot be opened")
    try:
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return ReviewAbout(path, None, None, None, "not a CQRS Desktop review")
        meta = dict(
            db.execute("SELECT key, value FROM meta WHERE key IN ('practice', 'created_at')")
        )
        practice = json.loads(meta.get("practice") or "{}")
        if not isinstance(practice, dict):
            practice = {}
        return ReviewAbout(
            path,
            str(practice.get("ods_code") or "") or None,
            str(practice.get("name") or "") or None,
            meta.get("created_at"),
        )
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            return ReviewAbout(path, None, None, None, "open in CQRS Desktop")
        return ReviewAbout(path, None, None, None, "damaged")
    except (sqlite3.DatabaseError, ValueError, TypeError):
        return ReviewAbout(path, None, None, None, "not a CQRS Desktop review, or damaged")
    finally:
        db.close()
