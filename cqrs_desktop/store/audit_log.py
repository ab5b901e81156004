"""The audit log table: append one entry per change, read the entries back."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from cqrs_desktop.domain.model import AuditEntry, DecisionRecord


def now_text() -> str:
    """The local time now, as the audit log and the file's metadata write it."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def record_text(record: DecisionRecord | None) -> str | None:
    """A decision as the audit log's old/new text (None for no decision)."""
    if record is None:
        return None
    value: dict[str, object] = {
        "decision": record.decision.value if record.decision else None,
        "action_done": record.action_done,
        "note": record.note,
    }
    if record.carried_from:
        value["carried_from"] = record.carried_from
    if record.action_evidence:
        value["action_evidence"] = record.action_evidence
    if record.evidence:
        value["evidence"] = record.evidence
    return json.dumps(value, ensure_ascii=False)


def carried_text(record: DecisionRecord, review: str, sha256: str) -> str:
    """A carried decision as the audit log's new text: the record, and the earlier review
    it was read from (file name and SHA-256)."""
    value = json.loads(record_text(record) or "{}")
    value["read_from"] = review
    value["read_from_sha256"] = sha256
    return json.dumps(value, ensure_ascii=False)


def add_entry(
    db: sqlite3.Connection,
    who: str | None,
    event_id: str | None,
    what: str,
    old: str | None,
    new: str | None,
) -> None:
    """Append one entry; call inside the change's own transaction."""
    db.execute(
        "INSERT INTO audit_log (at, who, event_id, what, old, new) VALUES (?, ?, ?, ?, ?, ?)",
        (now_text(), who, event_id, what, old, new),
    )


def read_entries(db: sqlite3.Connection) -> list[AuditEntry]:
    """Every entry, oldest first."""
    return [
        AuditEntry(at=r[0], who=r[1], event_id=r[2], what=r[3], old=r[4], new=r[5])
        for r in db.execute("SELECT at, who, event_id, what, old, new FROM audit_log ORDER BY id")
    ]
