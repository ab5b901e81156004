"""review.xlsx always opens: control characters in text from the inputs (or from a review
saved by an older version) are written as spaces, and text over Excel's limit is cut."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from cqrs_desktop.domain.model import AuditEntry, Decision
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.xlsx import write_workbook
from tests.reports.reports_factory import build_review, record, search_rows

SURNAMES = ["=\x0bHYPERLINK(1)", "Pa\x00tel", "Jo\x85nes", "Lone\ud800half", "\x0b-1"]


def test_control_characters_never_reach_the_xml(tmp_path: Path) -> None:
    plan = [("pertussis_pregnant", "2024-09", len(SURNAMES))]

    def decide(event, index):  # type: ignore[no-untyped-def]
        return record(event, Decision.PRACTICE, note="rang\x0bback" if index == 0 else "x" * 40_000)

    summary = build_summary(build_review(search_rows(plan, surnames=SURNAMES), [], decide))
    first = summary.events[0].id
    audit = [AuditEntry("2026-11-26T12:00:00+00:00", "J.\x0bReviewer", first, "note", "", "a\x1fb")]
    path = tmp_path / "review.xlsx"
    write_workbook(summary, audit, path)

    book = openpyxl.load_workbook(path)  # an illegal character would fail here
    events = {c.value: c for row in book["Events"].iter_rows() for c in row if c.value}
    assert {"= HYPERLINK(1)", "Pa tel", "Jo nes", "Lone half", " -1"} <= set(events)
    assert events["= HYPERLINK(1)"].quotePrefix and events["= HYPERLINK(1)"].data_type == "s"
    assert "rang back" in events
    notes = [c.value for c in book["Events"]["Q"] if str(c.value).startswith("xxx")]
    assert [len(v) for v in notes] == [32_767] * 4 and notes[0].endswith("…")
    audit_values = [c.value for row in book["Audit log"].iter_rows() for c in row]
    assert "J. Reviewer" in audit_values and "a b" in audit_values
