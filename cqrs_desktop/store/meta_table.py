"""The meta table: named texts about the review (when made, the rules, the practice)."""

from __future__ import annotations

import dataclasses
import json
import sqlite3

from cqrs_desktop.domain.model import Practice


def read_meta(db: sqlite3.Connection, key: str) -> str | None:
    row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def write_meta(db: sqlite3.Connection, key: str, value: str) -> None:
    db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))


def practice_text(practice: Practice) -> str:
    """The practice as it is stored (and shown in the audit log)."""
    return json.dumps(dataclasses.asdict(practice))


def read_practice(db: sqlite3.Connection) -> Practice:
    data = json.loads(read_meta(db, "practice") or "{}")
    return Practice(
        ods_code=data.get("ods_code", ""), name=data.get("name"), reviewer=data.get("reviewer")
    )


def read_removed_sources(db: sqlite3.Connection) -> dict[str, str]:
    """`meta.removed_sources`: the search files the user removed from the review, with their
    SHA-256 (the decisions made on them are kept as not searched, never gone: decision
    109); none where it cannot be read."""
    try:
        found = json.loads(read_meta(db, "removed_sources") or "{}")
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {str(k): str(v) for k, v in found.items()}
