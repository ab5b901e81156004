"""The audit log in the workbook reads as words: a decision carried from an earlier review
says where it was made, by whom, the file it was read from and what the search showed."""

from __future__ import annotations

from cqrs_desktop.domain.model import AuditEntry, Decision, DecisionRecord
from cqrs_desktop.reports.audit_words import audit_line
from cqrs_desktop.store.audit_log import decided_by_text, read_from_text, record_text


def test_a_carried_decision_reads_as_words_with_where_it_came_from() -> None:
    record = DecisionRecord(
        "e1", Decision.OTHER_PROVIDER, True, "RAVS letter", "Sam Earlier",
        "2026-10-01T10:00:00+01:00", "A.cqrsreview", "export", "corrected",
        "seen corrected in october.csv, row 3",
    )  # fmt: skip
    new = record_text(record, read_from_text("A.cqrsreview", "ab" * 32) + decided_by_text(record))
    entry = AuditEntry("2026-12-05T10:00:00+00:00", "Pat Now", "e1", "carried", None, new)
    line = audit_line(entry, lambda _decision: True, {})
    assert line.change == "Decision carried from an earlier review"
    assert line.old == "Nothing recorded"
    assert line.new == (
        "Other provider; clinical system updated: yes; note: RAVS letter; decided in "
        "A.cqrsreview by Sam Earlier at 2026-10-01T10:00:00+01:00; read from A.cqrsreview "
        f"(SHA-256 {'ab' * 32}); search: seen corrected in october.csv, row 3"
    )
    assert "{" not in line.new  # no raw JSON
    kept = audit_line(
        AuditEntry("2026-12-05T10:00:00+00:00", None, None, "kept for later reviews", "0", "3"),
        lambda _decision: True,
        {},
    )
    assert (kept.change, kept.old, kept.new) == (
        "Earlier decisions kept for later reviews", "0 decisions", "3 decisions"
    )  # fmt: skip
