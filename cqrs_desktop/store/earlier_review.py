"""Reading an earlier review's decisions, to carry them into a new review.

The earlier file is only read: opened read-only for the moment it takes, never changed,
never migrated, and never locked beyond that read. Files of every schema version are read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from cqrs_desktop.domain.carry import EarlierDecision, event_patient
from cqrs_desktop.domain.model import Decision, DecisionRecord
from cqrs_desktop.store.schema import APPLICATION_ID, SCHEMA_VERSION


class EarlierReviewError(Exception):
    """An earlier review cannot be read; the message is for the user."""


@dataclass(frozen=True)
class EarlierReview:
    file: str
    sha256: str
    ods_code: str | None
    created_at: str | None
    decisions: tuple[EarlierDecision, ...]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


_QUERY = """
SELECT e.id, e.programme, e.date, e.flags, e.source, r.nhs_number, r.surname,
       r.date_of_birth, d.decision, d.action_done, d.note, d.reviewer, d.decided_at{extra}
FROM decisions d
JOIN events e ON e.id = d.event_id
LEFT JOIN search_rows r
  ON r.source = e.source AND r.row = e.row AND r.programme = e.programme
 AND r.date = e.date AND r.kind = 'event'
WHERE d.decision IS NOT NULL AND d.decision != 'unsure'
"""
_V3_EXTRA = ", d.carried_from, d.action_evidence, d.export_check, d.evidence"


def read_earlier_review(path: Path) -> EarlierReview:
    """The decisions of the review at `path`, with what identifies each vaccination."""
    path = Path(path)
    name = path.name
    try:
        sha = _sha256(path)
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.5)
    except (OSError, sqlite3.Error) as exc:
        raise EarlierReviewError(f"{name}: the earlier review cannot be read ({exc})") from None
    try:
        return _read(db, name, sha)
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise EarlierReviewError(
                f"{name}: the earlier review is open in CQRS Desktop; close it there first"
            ) from None
        raise EarlierReviewError(f"{name}: the earlier review is damaged ({exc})") from None
    except (sqlite3.DatabaseError, ValueError, KeyError) as exc:
        raise EarlierReviewError(
            f"{name}: not a CQRS Desktop review, or damaged ({type(exc).__name__})"
        ) from None
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
    query = _QUERY.format(extra=_V3_EXTRA if version >= 3 else "")
    decisions = []
    for r in db.execute(query):
        patient = event_patient(r[5], r[6], _date(r[7]))
        if patient is None:
            continue
        carried_from = r[13] if version >= 3 else None
        record = DecisionRecord(
            event_id=r[0],
            decision=Decision(r[8]),
            action_done=bool(r[9]),
            note=r[10] or "",
            reviewer=r[11],
            decided_at=r[12],
            carried_from=carried_from,
            action_evidence=(r[14] if version >= 3 else ("reviewer" if r[9] else None)),
            export_check=r[15] if version >= 3 else None,
            evidence=(r[16] or "") if version >= 3 else "",
        )
        decisions.append(
            EarlierDecision(
                review=name,
                review_sha256=sha,
                decided_in=carried_from or name,
                key=(r[1], dt.date.fromisoformat(r[2]), patient),
                flags=tuple(r[3].split()),
                source_sha256=sources.get(r[4]),
                record=record,
            )
        )
    return EarlierReview(
        file=name,
        sha256=sha,
        ods_code=practice.get("ods_code"),
        created_at=meta.get("created_at"),
        decisions=tuple(decisions),
    )
