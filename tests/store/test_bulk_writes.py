"""Decisions written many at once (a carry writes 200,000) are written exactly as one at a
time would write them: the same rows, the same vaccination beside each, the same audit
text, which is the JSON `json.dumps` writes."""

import dataclasses
import json
import random
import sqlite3
from pathlib import Path

import pytest

from cqrs_desktop.domain.earlier import Carried, CarriedDecision
from cqrs_desktop.domain.model import Decision, DecisionRecord
from cqrs_desktop.store import ReviewFile
from cqrs_desktop.store.audit_log import read_from_text, record_text
from tests.store.test_review_file import make_review, rules_text

AWKWARD = [
    "",
    'said "no"',
    "back\\slash",
    "two\nlines\tand a tab",
    "control \x01\x1f and \x7f",
    "Zoë Ødegård, naïve café",
    "emoji 💉 and CJK 疫苗",
    "\u2028 line separator",
    "a NUL \x00 inside",
]


def _as_json_dumps(
    record: DecisionRecord, read_from: tuple[str, str] | None = None, carried: bool = False
) -> str:
    """The audit text as `json.dumps` made it before it was made directly."""
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
    if read_from is not None:
        value["read_from"], value["read_from_sha256"] = read_from
        if carried:
            value["decided_by"], value["decided_at"] = record.reviewer, record.decided_at
    return json.dumps(value, ensure_ascii=False)


def _records(rng: random.Random, n: int) -> list[DecisionRecord]:
    return [
        DecisionRecord(
            f"e{i}",
            rng.choice([*Decision, None]),
            rng.random() < 0.5,
            rng.choice(AWKWARD),
            rng.choice([None, "J. Reviewer"]),
            "2026-11-02T10:00:00+00:00",
            rng.choice([None, "", "A.cqrsreview", rng.choice(AWKWARD)]),
            rng.choice([None, "reviewer", "export"]),
            rng.choice([None, "corrected", "not_corrected"]),
            rng.choice(AWKWARD),
        )
        for i in range(n)
    ]


def test_the_audit_text_is_the_json_json_dumps_writes() -> None:
    rng = random.Random(14)
    for record in _records(rng, 400):
        assert record_text(record) == _as_json_dumps(record)
        review, sha = rng.choice(AWKWARD) or "B.cqrsreview", "ab" * 32
        assert record_text(record, read_from_text(review, sha)) == _as_json_dumps(
            record, (review, sha)
        )
        assert json.loads(record_text(record) or "")["note"] == record.note
    assert record_text(None) is None


def _table(path: Path, query: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        return db.execute(query).fetchall()
    finally:
        db.close()


@pytest.mark.parametrize("n", [1, 7, 12])
def test_many_at_once_is_one_at_a_time(rules, tmp_path: Path, n: int) -> None:  # type: ignore[no-untyped-def]
    """Every field, awkward text in each (a bulk write reads the decision, tick, note and
    evidence back from the audit text SQLite is given)."""
    review = make_review(rules, 12)
    rng = random.Random(n)
    chosen = rng.sample(review.events, n)
    records = [
        dataclasses.replace(record, event_id=e.id)
        for record, e in zip(_records(rng, n), chosen, strict=True)
    ]
    # A decision for an event the file does not hold is kept too, with no vaccination; an
    # event given two decisions keeps the later.
    records.append(DecisionRecord("not-an-event", Decision.PRACTICE))
    records.append(DecisionRecord(chosen[0].id, Decision.UNSURE, note="changed my mind"))
    one, many = tmp_path / "one.cqrsreview", tmp_path / "many.cqrsreview"
    with ReviewFile.create(one, review, rules_text()) as store:
        for record in records:
            store.save_decision(record.event_id, record, None, "decisions file")
    with ReviewFile.create(many, review, rules_text()) as store:
        store.save_decisions([(record, None) for record in records], "decisions file")
        loaded = {r.event_id: r for r in store.load_decisions()}
    decisions = "SELECT * FROM decisions ORDER BY event_id"
    assert _table(many, decisions) == _table(one, decisions)
    assert loaded == {r.event_id: r for r in records}
    keys: dict[object, object] = {
        row[0]: row[1] for row in _table(many, "SELECT event_id, vaccination_key FROM decisions")
    }
    assert keys["not-an-event"] is None
    assert all(str(keys[e.id]).endswith(f"|nhs:{e.nhs_number}") for e in chosen)
    audit = "SELECT who, event_id, what, old, new FROM audit_log WHERE event_id IS NOT NULL"
    assert _table(many, audit) == _table(one, audit)


def test_carried_many_at_once_is_one_at_a_time(rules, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Carried decisions, written in bulk: the same rows as one at a time, and each audit
    entry is by whoever carried it, naming the earlier review, its SHA-256, and who made
    the decision, when."""
    review = make_review(rules, 12)
    rng = random.Random(3)
    records = [
        dataclasses.replace(record, event_id=e.id)
        for record, e in zip(_records(rng, 12), review.events, strict=True)
    ]
    sha = "cd" * 32
    carried = Carried(tuple(CarriedDecision(r, "A.cqrsreview", sha) for r in records), ())
    one, many = tmp_path / "one.cqrsreview", tmp_path / "many.cqrsreview"
    with ReviewFile.create(one, review, rules_text()) as store:
        for record in records:
            store.save_decision(record.event_id, record, None, "carried")
    with ReviewFile.create(many, review, rules_text(), "K. Carrier", carried=carried) as store:
        assert {r.event_id: r for r in store.load_decisions()} == {r.event_id: r for r in records}
        entries = [e for e in store.audit_log() if e.what == "carried"]
    decisions = "SELECT * FROM decisions ORDER BY event_id"
    assert _table(many, decisions) == _table(one, decisions)
    assert [e.event_id for e in entries] == [r.event_id for r in records]
    for entry, record in zip(entries, records, strict=True):
        assert entry.who == "K. Carrier"  # who carried it; who decided it, in the text
        assert entry.new == _as_json_dumps(record, ("A.cqrsreview", sha), carried=True)
