from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from cqrs_desktop.domain.model import AuditEntry, Decision, DecisionRecord
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.xlsx import write_workbook
from cqrs_desktop.store.audit_log import record_text
from tests.reports.reports_factory import HOSTILE_SURNAMES, mixed_review


@pytest.fixture
def workbook_path(tmp_path: Path) -> Path:
    summary = build_summary(mixed_review(surnames=HOSTILE_SURNAMES))
    first = summary.events[0]
    elsewhere = next(e for e in summary.events if e.decision is Decision.OTHER_PROVIDER)
    given_here = record_text(DecisionRecord(first.id, Decision.PRACTICE))
    audit = [
        AuditEntry(
            "2026-11-26T12:00:00+00:00", "J. Reviewer", first.id, "decision", None, given_here
        ),
        AuditEntry("2026-11-26T12:01:00+00:00", "=cmd|' /C calc'!A0", first.id, "note", "", "-2+3"),
        AuditEntry(
            "2026-11-26T12:02:00+00:00",
            "J. Reviewer",
            elsewhere.id,
            "action_done",
            record_text(
                DecisionRecord(elsewhere.id, Decision.OTHER_PROVIDER, False, "Maternity unit")
            ),
            record_text(
                DecisionRecord(elsewhere.id, Decision.OTHER_PROVIDER, True, "Maternity unit")
            ),
        ),
    ]
    path = tmp_path / "review.xlsx"
    write_workbook(summary, audit, path)
    return path


def _rows(path: Path, sheet: str) -> list[list[openpyxl.cell.Cell]]:
    book = openpyxl.load_workbook(path)
    return [list(row) for row in book[sheet].iter_rows()]


def test_sheets_headers_and_filters(workbook_path: Path) -> None:
    book = openpyxl.load_workbook(workbook_path)
    assert book.sheetnames == ["Summary", "Events", "Reason codes", "Audit log", "Sources"]
    events = book["Events"]
    assert events.freeze_panes == "A2"
    assert events.auto_filter.ref == "A1:X24"
    assert events["D1"].value == "NHS number"
    assert events.column_dimensions["D"].width >= 12
    summary = book["Summary"]
    assert summary["A6"].value == "Programme"
    assert summary.freeze_panes == "A7"
    assert summary.auto_filter.ref and summary.auto_filter.ref.startswith("A6:")
    # printed from Excel: landscape A4, one page wide, the header on every page, a footer
    for sheet, titles in ((events, "$1:$1"), (summary, "$1:$6")):
        setup = sheet.page_setup
        assert (setup.orientation, setup.paperSize, setup.fitToWidth) == ("landscape", 9, 1)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows == titles
        assert sheet.oddFooter.center.text == "Page &P of &N"
        assert "patient-identifiable" in (sheet.oddFooter.right.text or "")


def test_types_read_back(workbook_path: Path) -> None:
    rows = _rows(workbook_path, "Events")
    header = [c.value for c in rows[0]]
    first = {h: c for h, c in zip(header, rows[1], strict=False)}
    assert isinstance(first["Vaccination date"].value, dt.datetime)
    assert first["Vaccination date"].number_format == "dd/mm/yyyy"
    assert isinstance(first["Date of birth"].value, dt.datetime)
    nhs = first["NHS number"].value
    assert isinstance(nhs, str) and nhs == "9990000018"
    assert isinstance(first["Age"].value, int)
    assert isinstance(first["Decided at"].value, dt.datetime)
    summary_rows = _rows(workbook_path, "Summary")
    item = {c.column_letter: c.value for c in summary_rows[6]}
    assert item["A"] == "Pertussis (pregnant women)"
    assert item["C"] == 7 and item["L"] == 5
    assert item["M"] == "Amend"
    assert item["O"] == pytest.approx(20.12)


def test_no_formula_from_input(workbook_path: Path) -> None:
    seen: set[str] = set()
    book = openpyxl.load_workbook(workbook_path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    seen.add(cell.value)
                    if cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.quotePrefix, (sheet.title, cell.coordinate)
    for surname in HOSTILE_SURNAMES:
        assert surname in seen
    assert "=cmd|' /C calc'!A0" in seen
    assert "-2+3" in seen


def test_audit_log_links_events(workbook_path: Path) -> None:
    rows = _rows(workbook_path, "Audit log")
    header = [c.value for c in rows[0]]
    assert header[:4] == ["When", "Who", "What changed", "NHS number"]
    assert isinstance(rows[1][0].value, dt.datetime)
    assert rows[1][3].value == "9990000018"
    # In the screen's words, never the stored JSON.
    assert rows[1][2].value == "Decision"
    assert rows[1][7].value == "Given here; clinical system updated: not needed"
    words = {str(c.value) for row in rows[1:] for c in row if c.value is not None}
    assert not any("{" in w or '"decision"' in w for w in words)
    assert "Other provider; clinical system updated: yes; note: Maternity unit" in words


def test_sources_carry_sha256(workbook_path: Path) -> None:
    rows = _rows(workbook_path, "Sources")
    header = [c.value for c in rows[0]]
    first = dict(zip(header, (c.value for c in rows[1]), strict=False))
    assert first["File"] == "search_export.csv"
    assert first["SHA-256"] == "3f" * 32
    assert first["Covers"].startswith("Pertussis (pregnant women) Sep 2024 to Oct 2024; ")


def test_rows_not_used_sheet(tmp_path: Path) -> None:
    import dataclasses

    from cqrs_desktop.domain.model import UnassignedRow
    from cqrs_desktop.domain.review import Review

    review = mixed_review()
    inputs = dataclasses.replace(
        review.inputs, unassigned=(UnassignedRow("search_export.csv", 40, "=no programme"),)
    )
    summary = build_summary(Review(inputs, review.rules, review.decisions.values()))
    path = tmp_path / "review.xlsx"
    write_workbook(summary, [], path)
    sheet = openpyxl.load_workbook(path)["Rows not used"]
    assert [c.value for c in sheet[2]] == ["search_export.csv", 40, "=no programme"]
    assert sheet["C2"].data_type == "s"


def test_every_row_keeps_its_own_dates(tmp_path: Path) -> None:
    """Styled cells are reused row after row: each row must still carry its own values."""
    summary = build_summary(mixed_review(surnames=HOSTILE_SURNAMES))
    path = tmp_path / "review.xlsx"
    write_workbook(summary, [], path)
    rows = _rows(path, "Events")
    header = [c.value for c in rows[0]]
    when, born, surname = (
        header.index("Vaccination date"),
        header.index("Date of birth"),
        header.index("Surname"),
    )
    assert len(rows) - 1 == len(summary.events)
    for event, row in zip(summary.events, rows[1:], strict=True):
        assert row[when].value.date() == event.date
        assert row[born].number_format == "dd/mm/yyyy"
        if event.date_of_birth is not None:
            assert row[born].value.date() == event.date_of_birth
        if event.surname:
            assert row[surname].value == event.surname
            hostile = event.surname.startswith(("=", "+", "-", "@")) or event.surname == "#N/A"
            assert row[surname].quotePrefix == hostile


def test_decisions_with_no_audit_log_say_so(tmp_path: Path) -> None:
    """`check` without --save: decisions, and no review file to log them. The Audit log
    sheet says why it holds nothing, rather than look as if nothing was done."""
    path = tmp_path / "review.xlsx"
    write_workbook(build_summary(mixed_review()), [], path)
    rows = _rows(path, "Audit log")
    assert len(rows) == 2
    assert rows[1][2].value.startswith("Nothing logged: no review file was saved")


def test_months_are_months_and_long_text_wraps(tmp_path: Path) -> None:
    """Month columns hold the month's first day shown "September 2024", so Excel sorts and
    filters them in order; a note longer than its column wraps in its cell, top-aligned (a
    formula-like one keeps its quote prefix), and a short one is left plain."""
    from cqrs_desktop.domain.review import Review

    review = mixed_review()
    long_note = " ".join(["Maternity unit gave it at 28 weeks; confirmed by phone with them."] * 3)
    first, second, third = review.events[:3]
    decisions = dict(review.decisions)
    decisions[first.id] = DecisionRecord(first.id, Decision.OTHER_PROVIDER, note=long_note)
    decisions[second.id] = DecisionRecord(second.id, Decision.PRACTICE, note="=" + long_note)
    decisions[third.id] = DecisionRecord(third.id, Decision.PRACTICE, note="Seen in record")
    review = Review(review.inputs, review.rules, decisions.values())
    path = tmp_path / "review.xlsx"
    write_workbook(build_summary(review), [], path)
    rows = _rows(path, "Events")
    header = [c.value for c in rows[0]]
    cells = [dict(zip(header, row, strict=False)) for row in rows[1:]]
    months = [c["Month"] for c in cells]
    assert all(isinstance(m.value, dt.datetime) and m.value.day == 1 for m in months)
    assert {m.number_format for m in months} == {"mmmm yyyy"}
    notes = {c["Note"].value: c["Note"] for c in cells if c["Note"].value}
    wrapped, quoted, short = (
        notes[long_note],
        notes["=" + long_note],
        notes["Seen in record"],
    )
    assert wrapped.alignment.wrap_text and wrapped.alignment.vertical == "top"
    assert quoted.quotePrefix and quoted.alignment.wrap_text
    assert not short.alignment.wrap_text
    # A spreadsheet does not fit a row to wrapped text on opening: the row is made tall
    # enough, and its other cells sit at its top, so it reads across; other rows are plain.
    sheet = openpyxl.load_workbook(path)["Events"]
    tall = {wrapped.row, quoted.row}
    for cell in (c for row in cells for c in row.values() if c.value is not None):
        assert (cell.alignment.vertical == "top") is (cell.row in tall), cell.coordinate
    for row in tall:
        assert (sheet.row_dimensions[row].height or 0) >= 15 * len(long_note) / 36
    assert sheet.row_dimensions[short.row].height is None
    assert (sheet.row_dimensions[1].height or 0) >= 45  # "Clinical system updated" wraps
    first_nhs = next(c for c in cells if c["Note"] is wrapped)["NHS number"]
    assert first_nhs.data_type == "s" and isinstance(first_nhs.value, str)
    dates = [c["Vaccination date"] for c in cells if c["Note"] in (wrapped, quoted)]
    assert all(d.number_format == "dd/mm/yyyy" and d.is_date for d in dates)
    summary = [r for r in _rows(path, "Summary")[6:] if r[0].value]
    assert summary and all(isinstance(r[1].value, dt.datetime) for r in summary)
    assert {r[1].number_format for r in summary} == {"mmmm yyyy"}


def test_a_workbook_that_fails_half_way_leaves_no_sheet_in_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """openpyxl writes each sheet to a file until the workbook is saved. They wait beside
    the workbook, private, never in %TEMP% (where a window that stays open, or a program
    killed, would leave patient details for good); a failure removes them at once."""
    import tempfile

    from cqrs_desktop.reports import xlsx

    system_temp = tmp_path / "system temp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    results = tmp_path / "results"
    results.mkdir()
    seen: list[list[str]] = []
    real_sources = xlsx._sources_sheet

    def fails_after_four_sheets(book, summary) -> None:  # type: ignore[no-untyped-def]
        seen.append(sorted(p.name for p in results.iterdir()))
        real_sources(book, summary)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsx, "_sources_sheet", fails_after_four_sheets)
    with pytest.raises(OSError):
        write_workbook(build_summary(mixed_review()), [], results / "review.xlsx")
    (waiting,) = seen
    assert len(waiting) == 4 and all(n.startswith(".~review.xlsx.") for n in waiting)
    assert list(results.iterdir()) == []  # removed at once
    assert list(system_temp.iterdir()) == []
    # and written whole, nothing is left either
    monkeypatch.setattr(xlsx, "_sources_sheet", real_sources)
    write_workbook(build_summary(mixed_review()), [], results / "review.xlsx")
    assert [p.name for p in results.iterdir()] == ["review.xlsx"]
    assert list(system_temp.iterdir()) == []
