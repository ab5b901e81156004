"""The audit log table: append one entry per change, read the entries back."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from json.encoder import encode_basestring  # type: ignore[attr-defined]

from cqrs_desktop.domain.earlier import EarlierDecision
from cqrs_desktop.domain.model import AuditEntry, Decision, DecisionRecord


def now_text() -> str:
    """The local time now, as the audit log and the file's metadata write it."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def record_text(record: DecisionRecord | None, read_from: str = "") -> str | None:
    """A decision as the audit log's old/new text (None for no decision): the JSON
    `json.dumps(..., ensure_ascii=False)` writes, made directly (a carry writes 200,000).
    `read_from`: `read_from_text`'s ending, for a carried decision."""
    if record is None:
        return None
    note = _text(record.note)
    text = f'{{{_DECISION[record.decision]}, {_TICK[record.action_done]}, "note": {note}'
    if record.carried_from:
        text += f', "carried_from": {_text(record.carried_from)}'
    if record.action_evidence:
        text += f', "action_evidence": {_text(record.action_evidence)}'
    if record.evidence:
        text += f', "evidence": {_text(record.evidence)}'
    return text + read_from + "}"


def read_from_text(review: str, sha256: str) -> str:
    """The end of a carried decision's audit text: the earlier review it was read from
    (file name and SHA-256)."""
    return f', "read_from": {_text(review)}, "read_from_sha256": {_text(sha256)}'


def earlier_text(earlier: EarlierDecision) -> str:
    """An earlier review's decision as the audit log's old text: what it was, the review
    it was first decided in, the file read (name and SHA-256), who decided it and when."""
    by = "null" if earlier.reviewer is None else _text(earlier.reviewer)
    at = "null" if earlier.decided_at is None else _text(earlier.decided_at)
    return (
        f"{{{_DECISION[earlier.decision]}, {_TICK[earlier.action_done]}, "
        f'"note": {_text(earlier.note)}, "carried_from": {_text(earlier.decided_in)}'
        f"{read_from_text(earlier.review, earlier.review_sha256)}"
        f', "decided_by": {by}, "decided_at": {at}}}'
    )


def decided_by_text(record: DecisionRecord) -> str:
    """The end of a carried decision's audit text, after `read_from_text`: who made the
    decision, and when (the entry itself is by whoever carried it)."""
    by = "null" if record.reviewer is None else _text(record.reviewer)
    at = "null" if record.decided_at is None else _text(record.decided_at)
    return f', "decided_by": {by}, "decided_at": {at}'


_text = encode_basestring  # a JSON string, as json.dumps(ensure_ascii=False) writes it
_DECISION: dict[Decision | None, str] = {d: f'"decision": {_text(d.value)}' for d in Decision}
_DECISION[None] = '"decision": null'
_TICK = {True: '"action_done": true', False: '"action_done": false'}


def add_entry(
    db: sqlite3.Connection,
    who: str | None,
    event_id: str | None,
    what: str,
    old: str | None,
    new: str | None,
) -> None:
    """Append one entry; call inside the change's own transaction."""
    add_entries(db, [(who, event_id, what, old, new)])


AuditRow = tuple[str | None, str | None, str, str | None, str | None]  # who, event, what, old, new


def add_entries(db: sqlite3.Connection, entries: Iterable[AuditRow]) -> None:
    """Append entries (who, event_id, what, old, new) made at one moment, in one go; call
    inside the change's own transaction."""
    at = now_text()
    db.executemany(
        "INSERT INTO audit_log (at, who, event_id, what, old, new) VALUES (?, ?, ?, ?, ?, ?)",
        ((at, *entry) for entry in entries),
    )


def add_entries_from(db: sqlite3.Connection, table: str, what: str, by: str | None) -> None:
    """Append an entry `what` for each row of `table` (its columns `event_id`, `old`, `new`
    and `reviewer`), in the table's order, made at one moment by `by` (None: by each row's
    reviewer); call inside the change's own transaction."""
    who = "reviewer" if by is None else "?"
    db.execute(
        "INSERT INTO audit_log (at, who, event_id, what, old, new) "
        f"SELECT ?, {who}, event_id, ?, old, new FROM {table} ORDER BY rowid",
        (now_text(), *(() if by is None else (by,)), what),
    )


def read_entries(db: sqlite3.Connection) -> list[AuditEntry]:
    """Every entry, oldest first."""
    return [
        AuditEntry(at=r[0], who=r[1], event_id=r[2], what=r[3], old=r[4], new=r[5])
        for r in db.execute("SELECT at, who, event_id, what, old, new FROM audit_log ORDER BY id")
    ]
