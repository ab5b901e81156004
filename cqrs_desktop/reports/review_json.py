"""`review.json`: the machine-readable result, as SPEC section 7 defines it, in schema 3
(the fields of month-after-month reviews added: decision 34, `docs/review-json.md`)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import Any, TextIO

from cqrs_desktop.domain.earlier import GoneDose, no_longer_found
from cqrs_desktop.domain.model import ClaimItem, VaccinationEvent
from cqrs_desktop.domain.review import Review

# 2: SPEC version 2 (coverage, record_checked, CQRS status); 3: events carry
# `carried_from`, `action_evidence`, `export_check` and `evidence` (decisions carried
# forward, what the later export showed),
# and `gone_from_search` lists doses decided earlier that the search no longer holds.
SCHEMA = 3


def _item(item: ClaimItem) -> dict[str, Any]:
    return {
        "programme": item.programme,
        "month": item.month,
        "claimed": item.claimed,
        "in_search": item.in_search,
        "flagged": item.flagged,
        "reasons": list(item.reasons),
        "decisions": dict(item.decisions),
        "unsure": item.unsure,
        "pending": item.pending,
        "corrected": item.corrected,
        "status": item.status.value,
        "fee": item.fee,
        "value_difference": item.value_difference,
        "covered": item.covered,
        "record_checked": item.record_checked,
        "cqrs_status": item.cqrs_status,
        "cqrs_note": item.cqrs_note,
    }


def _event(review: Review, event: VaccinationEvent) -> dict[str, Any]:
    record = review.decision(event.id)
    return {
        "id": event.id,
        "programme": event.programme,
        "month": event.month,
        "date": event.date.isoformat(),
        "nhs_number": event.nhs_number,
        "surname": event.surname,
        "forenames": event.forenames,
        "date_of_birth": event.date_of_birth.isoformat() if event.date_of_birth else None,
        "age": event.age,
        "sex": event.sex,
        "code": event.code,
        "term": event.term,
        "organisation": event.organisation,
        "flags": list(event.flags),
        "needs_review": event.needs_review,
        "decision": record.decision.value if record and record.decision else None,
        "action_done": review.action_done(event.id),
        "carried_from": record.carried_from if record else None,
        "action_evidence": (
            (record.action_evidence or "reviewer")
            if record and review.action_done(event.id)
            else None
        ),
        "export_check": record.export_check if record else None,
        "evidence": (record.evidence or None) if record else None,
        "note": record.note if record else "",
        "reviewer": record.reviewer if record else None,
        "decided_at": record.decided_at if record else None,
        "source": event.source,
        "row": event.row,
    }


def _gone(dose: GoneDose) -> dict[str, Any]:
    """A dose decided earlier as needing a change in the clinical system that the search no
    longer holds: the change proved by the export."""
    kind, _, patient = dose.patient.partition(":")
    surname, _, born = patient.partition(":") if kind == "name" else ("", "", "")
    return {
        "programme": dose.programme,
        "month": dose.month,
        "date": dose.date,
        "nhs_number": patient if kind == "nhs" else None,
        "surname_key": surname or None,
        "date_of_birth": born or None,
        "decision": dose.decision.value,
        "action_done": True,
        "action_evidence": "export",
        "evidence": dose.evidence,
        "decided_in": dose.decided_in or None,
        "note": dose.note,
        "reviewer": dose.reviewer,
        "decided_at": dose.decided_at,
    }


def _no_longer_found(dose: GoneDose) -> dict[str, Any]:
    """A dose decided earlier as needing no change (given here, ...) that the search,
    covering its month, no longer holds: not counted, and nothing proved (decision 86)."""
    found = _gone(dose)
    found.update(action_done=dose.action_done, action_evidence=None)
    return found


def review_document(review: Review, generated_at: dt.datetime | None = None) -> dict[str, Any]:
    """The whole document as one dict (small reviews, tests); see `write_review_json`."""
    document = _head(review, generated_at)
    document["items"] = [_item(item) for item in review.items()]
    document["events"] = [_event(review, event) for event in review.events]
    document["unassigned_rows"] = _unassigned(review)
    if review.gone:  # only then: SPEC section 7's shape is otherwise unchanged
        document["gone_from_search"] = [_gone(g) for g in review.gone]
    if lost := no_longer_found(review.held):  # likewise
        document["no_longer_found"] = [_no_longer_found(dose) for dose in lost]
    return document


def _unassigned(review: Review) -> list[dict[str, Any]]:
    return [
        {"source": u.source, "row": u.row, "reason": u.reason} for u in review.inputs.unassigned
    ]


def write_review_json(
    review: Review, handle: TextIO, generated_at: dt.datetime | None = None
) -> None:
    """Write review.json readably, one item or event per line, streaming the events so a
    200,000-event review never holds the whole document in memory."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def array(key: str, values: Iterable[dict[str, Any]]) -> None:
        handle.write(f",\n {dump(key)}: [")
        first = True
        for value in values:
            handle.write("\n  " if first else ",\n  ")
            handle.write(dump(value))
            first = False
        handle.write("\n ]" if not first else "]")

    head = _head(review, generated_at)
    handle.write("{\n " + ",\n ".join(f"{dump(k)}: {dump(v)}" for k, v in head.items()))
    array("items", (_item(item) for item in review.items()))
    array("events", (_event(review, event) for event in review.events))
    array("unassigned_rows", _unassigned(review))
    if review.gone:  # only then: SPEC section 7's shape is otherwise unchanged
        array("gone_from_search", (_gone(g) for g in review.gone))
    if lost := no_longer_found(review.held):  # likewise
        array("no_longer_found", (_no_longer_found(dose) for dose in lost))
    handle.write("\n}\n")


def _head(review: Review, generated_at: dt.datetime | None) -> dict[str, Any]:
    when = generated_at or dt.datetime.now().astimezone()
    practice = review.practice
    return {
        "schema": SCHEMA,
        "practice": {
            "ods_code": practice.ods_code,
            "name": practice.name,
            "reviewer": practice.reviewer,
        },
        "generated_at": when.isoformat(timespec="seconds"),
        "sources": [
            {
                "file": s.file,
                "sha256": s.sha256,
                "rows_read": s.rows_read,
                "events": s.events,
                "markers": s.markers,
                "skipped": s.skipped,
                "warnings": list(s.warnings),
                "covers": {
                    programme: list(covers[programme])
                    for programme in sorted(covers, key=review.rules.order)
                },
            }
            for s, covers in zip(review.inputs.sources, review.source_covers, strict=True)
        ],
    }
