"""The audit log in the screen's words: what changed, from what, to what.

The review file stores each change compactly (a decision as JSON, claimed counts as lists);
a practice manager reads "Other provider; clinical system updated: yes; note: Maternity
unit", never `{"decision": "other_provider", ...}`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cqrs_desktop.domain.dates import short_month_label
from cqrs_desktop.domain.explain import DECISION_WORDS, counted
from cqrs_desktop.domain.model import AuditEntry, Decision

CHANGE_WORDS: dict[str, str] = {
    "decision": "Decision",
    "decisions file": "Decision (decisions file)",
    "action_done": "Clinical system updated",
    "note": "Note",
    "undo": "Undone",
    "claims": "Claimed counts",
    "practice": "Practice details",
    "import": "Files imported",
    "inputs changed": "Files or details changed",
    "rules": "Rules updated",
    # (as needing a change: taken as corrected; those needing none are among the kept)
    "no longer in the search": "Doses decided earlier as needing a change, no longer in the "
    "search (taken as corrected)",
    "carried": "Decision carried from an earlier review",
    "kept": "Decision kept (a search imported again)",
    # (before: the earlier review's decision; after: this review's, which stands)
    "stood over": "Earlier decision not carried: this review's decision stands",
    "kept for later reviews": "Earlier decisions kept for later reviews",
}
_DECISION_CHANGES = (
    "decision", "decisions file", "action_done", "note", "undo", "carried", "kept", "stood over",
)  # fmt: skip

# Whether a decision needs a change in the clinical system, for an event's programme.
NeedsAction = Callable[[str | None], bool]


@dataclass(frozen=True)
class AuditLine:
    change: str
    old: str
    new: str


def _json(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return text


def record_words(text: str | None, needs_action: NeedsAction) -> str:
    """A stored decision record as a person reads it."""
    value = _json(text)
    if value is None:
        return "Nothing recorded"
    if not isinstance(value, dict):
        return str(value)
    decision = value.get("decision")
    parts = [DECISION_WORDS[Decision(decision)] if decision else "No decision yet"]
    if decision in (None, Decision.UNSURE.value):
        if value.get("action_done"):
            parts.append("clinical system updated: ticked")
    elif needs_action(decision):
        parts.append(f"clinical system updated: {'yes' if value.get('action_done') else 'no'}")
    else:
        parts.append("clinical system updated: not needed")
    if value.get("note"):
        parts.append(f"note: {value['note']}")
    parts.extend(_provenance(value))
    return "; ".join(parts)


def _provenance(value: Mapping[str, Any]) -> list[str]:
    """Where a carried or kept decision came from, and what a search showed of it."""
    parts = []
    if value.get("carried_from"):
        made = f"decided in {value['carried_from']}"
        if value.get("decided_by"):
            made += f" by {value['decided_by']}"
        if value.get("decided_at"):
            made += f" at {value['decided_at']}"
        parts.append(made)
    elif value.get("decided_by") or value.get("decided_at"):  # (a decisions file's)
        made = "decided"
        if value.get("decided_by"):
            made += f" by {value['decided_by']}"
        if value.get("decided_at"):
            made += f" at {value['decided_at']}"
        parts.append(made)
    if value.get("read_from"):
        sha = value.get("read_from_sha256")
        parts.append(f"read from {value['read_from']}" + (f" (SHA-256 {sha})" if sha else ""))
    if value.get("evidence"):
        parts.append(f"search: {value['evidence']}")
    return parts


def _claims_words(text: str | None, names: Mapping[str, str]) -> str:
    value = _json(text)
    if not value:
        return "None"
    if not isinstance(value, list):
        return str(value)
    parts = []
    for entry in value:
        try:
            programme, month, count = entry
            parts.append(f"{names.get(programme, programme)} {short_month_label(month)}: {count}")
        except (TypeError, ValueError):
            parts.append(str(entry))
    return "; ".join(parts)


def _practice_words(text: str | None) -> str:
    value = _json(text)
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    label = value.get("ods_code") or ""
    if value.get("name"):
        label = f"{value['name']} ({label})"
    if value.get("reviewer"):
        label += f", reviewer {value['reviewer']}"
    return label


def _inputs_words(text: str | None) -> str:
    value = _json(text)
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    files = [str(f) for f in value.get("sources", [])]
    parts = [f"{counted(len(files), 'file')}: {', '.join(files)}" if files else "no files"]
    if "events" in value:
        parts.append(counted(int(value["events"]), "vaccination"))
    if "claims" in value:
        parts.append(counted(int(value["claims"]), "claimed count"))
    return "; ".join(parts)


def audit_line(
    entry: AuditEntry, needs_action: NeedsAction, programme_names: Mapping[str, str]
) -> AuditLine:
    """One audit entry in words; `needs_action` is for the entry's event's programme."""
    change = CHANGE_WORDS.get(entry.what, entry.what.replace("_", " ").capitalize())
    if entry.what in _DECISION_CHANGES:
        return AuditLine(
            change, record_words(entry.old, needs_action), record_words(entry.new, needs_action)
        )
    if entry.what == "claims":
        return AuditLine(
            change,
            _claims_words(entry.old, programme_names),
            _claims_words(entry.new, programme_names),
        )
    if entry.what == "practice":
        return AuditLine(change, _practice_words(entry.old), _practice_words(entry.new))
    if entry.what in ("import", "inputs changed"):
        return AuditLine(change, _inputs_words(entry.old), _inputs_words(entry.new))
    if entry.what == "no longer in the search" and f"{entry.old}{entry.new}".isdigit():
        return AuditLine(
            change, counted(int(entry.old or 0), "dose"), counted(int(entry.new or 0), "dose")
        )
    if entry.what == "kept for later reviews" and f"{entry.old}{entry.new}".isdigit():
        return AuditLine(
            change,
            counted(int(entry.old or 0), "decision"),
            counted(int(entry.new or 0), "decision"),
        )
    return AuditLine(change, entry.old or "", entry.new or "")
