"""The audit workbook `review.xlsx`: Summary, Events, Reason codes, Audit log and Sources
sheets (and Rows not used, No longer in search, when there are any).

Written in openpyxl's write-only mode so 200,000 events stay quick and small in memory.
Every text cell that came from an input file is written as text with Excel's quote prefix,
so a value such as `=HYPERLINK(...)` or `+44` can never become a formula. Control
characters in such text (XML forbids most of them; a review saved by an older version may
hold some) are written as spaces, and a text longer than Excel allows is cut short, so the
workbook always opens.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from functools import partial
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.explain import COUNT_TO_CLAIM, CQRS_STATUS_WORDS, DECISION_WORDS
from cqrs_desktop.domain.model import AuditEntry
from cqrs_desktop.reports.audit_words import audit_line
from cqrs_desktop.reports.sheet_files import sheets_beside
from cqrs_desktop.reports.summary import (
    EventRow,
    ItemRow,
    ReportSummary,
    covers_words,
    days_words,
    local_time,
)

# A leading character that makes a spreadsheet treat text as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
MONTH_FORMAT = "mmmm yyyy"  # a month is its first day, shown "September 2024": sorts in order
MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'
# What an XML 1.0 file may not hold (and C1 controls, which Excel shows as boxes).
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_CELL_CHARS = 32_767  # Excel refuses a workbook with a longer cell

Column = tuple[str, float]  # header, width in characters


class _Styled:
    """Styled cells of one kind (dates, money, quoted text) for the row being built.

    openpyxl writes a row completely during `append`, so the same cell objects serve every
    row: a row takes cells in order and `reset` hands them out again for the next row. This
    spares a new cell and a style copy per date, which is most of our share of the time.
    """

    __slots__ = ("cells", "data_type", "sheet", "template", "used")

    def __init__(self, sheet: Any, template: Cell, data_type: str) -> None:
        self.sheet = sheet
        self.template = template
        self.data_type = data_type
        self.cells: list[Cell] = []
        self.used = 0

    def take(self, value: Any) -> Cell:
        if self.used == len(self.cells):
            cell = WriteOnlyCell(self.sheet)
            cell._style = copy(self.template._style)
            self.cells.append(cell)
        cell = self.cells[self.used]
        self.used += 1
        cell._value = value
        cell.data_type = self.data_type
        return cell


class _SheetWriter:
    """Appends rows to one write-only sheet with typed, injection-safe cells."""

    def __init__(self, book: Workbook, title: str, columns: Sequence[Column], header_row: int = 1):
        self.sheet = book.create_sheet(title)
        self.columns = columns
        self.header_row = header_row
        self._widths = dict(columns)
        self.rows = 0
        self._written = 0  # rows of the sheet so far, header and our own rows included
        self._lines = 1  # the most lines a cell of the row being built wraps to
        for index, (_, width) in enumerate(columns, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        self.sheet.freeze_panes = f"A{header_row + 1}"
        _print_setup(self.sheet, header_row)
        self._text = _Styled(self.sheet, self._template(quote=True), "s")
        self._date = _Styled(self.sheet, self._template(number_format=DATE_FORMAT), "d")
        self._datetime = _Styled(self.sheet, self._template(number_format=DATETIME_FORMAT), "d")
        self._money = _Styled(self.sheet, self._template(number_format=MONEY_FORMAT), "n")
        self._month = _Styled(self.sheet, self._template(number_format=MONTH_FORMAT), "d")
        self._wrapped = _Styled(self.sheet, self._template(wrap=True), "s")
        self._wrapped_quoted = _Styled(self.sheet, self._template(quote=True, wrap=True), "s")
        self._pools = (
            self._text, self._date, self._datetime, self._money, self._month, self._wrapped,
            self._wrapped_quoted,
        )  # fmt: skip
        self._header = self._template(bold=True)

    def _template(
        self,
        quote: bool = False,
        number_format: str | None = None,
        bold: bool = False,
        wrap: bool = False,
    ) -> Cell:
        cell = WriteOnlyCell(self.sheet)
        if quote:
            cell.quotePrefix = True
        if wrap:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        if number_format:
            cell.number_format = number_format
        if bold:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDE6F0")
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        return cell

    def _styled(self, template: Cell, value: Any) -> Cell:
        cell = WriteOnlyCell(self.sheet, value=value)
        cell._style = copy(template._style)
        return cell

    def text(self, value: str | None, wrap_over: float | None = None) -> Any:
        """Input text: always a text cell; a formula-like start gets Excel's quote prefix.
        `wrap_over`: a text longer than that many characters (its column's width) wraps
        in its cell, top-aligned, so a long note is seen whole."""
        if value is None or value == "":
            return None
        if _NOT_IN_XML.search(value):
            value = _NOT_IN_XML.sub(" ", value)
        if len(value) > MAX_CELL_CHARS:
            value = value[: MAX_CELL_CHARS - 1] + "…"
        quoted = value.startswith(FORMULA_TRIGGERS) or value in ERROR_CODES
        if wrap_over is not None and (len(value) > wrap_over or "\n" in value):
            self._lines = max(self._lines, _lines(value, wrap_over))
            return (self._wrapped_quoted if quoted else self._wrapped).take(value)
        if quoted:
            return self._text.take(value)
        return value

    def long_text(self, value: str | None, column: str) -> Any:
        """`text`, wrapping in its cell when longer than the width of `column` (a header)."""
        return self.text(value, wrap_over=self._widths[column])

    def month(self, value: str | None) -> Any:
        """A month ("2024-09") as its first day, shown "September 2024" (sorts and
        filters as months, not as words)."""
        if not value:
            return None
        return self._month.take(dt.date(int(value[:4]), int(value[5:7]), 1))

    def date(self, value: dt.date | None) -> Any:
        return None if value is None else self._date.take(value)

    def datetime(self, value: dt.datetime | None) -> Any:
        return None if value is None else self._datetime.take(value)

    def money(self, value: float | None) -> Any:
        return None if value is None else self._money.take(value)

    def _write(self, values: list[Any]) -> None:
        self._written += 1
        if self._lines > 1:  # spreadsheets do not fit a row to wrapped text on opening
            height = min(_LINE_POINTS * self._lines + 3, _MAX_ROW_POINTS)
            self.sheet.row_dimensions[self._written].height = height
            self._lines = 1
            values = [self._at_top(value) for value in values]
        self.sheet.append(values)
        for pool in self._pools:
            pool.used = 0

    def _at_top(self, value: Any) -> Any:
        """A value of a tall row (a cell of it wraps), as a cell of its own at the top of
        the row, so the row reads across (tall rows are few: a cell each costs little)."""
        if value is None:
            return None
        cell = WriteOnlyCell(self.sheet)
        if isinstance(value, Cell):  # styled: a pooled cell, handed out again next row
            cell._style = copy(value._style)
            cell._value, cell.data_type = value._value, value.data_type
            wrap = value.alignment.wrap_text
        else:
            cell.value = value
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula
            wrap = None
        cell.alignment = Alignment(vertical="top", wrap_text=wrap)
        return cell

    def plain(self, values: Iterable[Any]) -> None:
        """A row of our own words and numbers (no input text)."""
        self._write(list(values))

    def header(self) -> None:
        self._lines = max(_lines(title, width) for title, width in self.columns)
        self._write([self._styled(self._header, title) for title, _ in self.columns])

    def append(self, values: list[Any]) -> None:
        self._write(values)
        self.rows += 1

    def finish(self) -> None:
        last = get_column_letter(len(self.columns))
        self.sheet.auto_filter.ref = f"A{self.header_row}:{last}{self.header_row + self.rows}"


_LINE_POINTS = 15  # a line of 11-point text
_MAX_ROW_POINTS = 409  # the tallest row Excel has


def _lines(text: str, width: float) -> int:
    """About how many lines `text` takes wrapped in a column `width` characters wide (a
    little narrower than the width, as bold or wide letters take more room)."""
    per_line = max(int(width) - 2, 1)
    return sum(max(-(-len(part) // per_line), 1) for part in text.split("\n"))


def _print_setup(sheet: Any, header_row: int) -> None:
    """Printed from Excel: landscape A4, one page wide, the header rows on every page, and a
    footer with the page and the patient-data warning."""
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = 9  # A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{header_row}"
    sheet.oddFooter.left.text = "&A"
    sheet.oddFooter.center.text = "Page &P of &N"
    sheet.oddFooter.right.text = "Contains patient-identifiable data: keep it secure"


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def _covered(item: ItemRow) -> str:
    """ "Yes", "No", or for a month its search's file says it searched only in part, the
    days it searched (decision 171)."""
    if item.covered and item.searched_part is not None:
        return f"Only {days_words(item.searched_part)} (as its file states)"
    return _yes(item.covered)


SUMMARY_COLUMNS: list[Column] = [
    ("Programme", 28),
    ("Month", 16),
    ("Claimed", 10),
    (labels.FOUND_IN_SEARCH, 10),
    ("Needing review", 10),
    ("Given here", 10),
    ("Other provider", 10),
    ("Not eligible", 10),
    ("Not given", 10),
    ("Unsure", 10),
    ("No decision yet", 10),
    (COUNT_TO_CLAIM, 10),
    ("Status", 24),
    ("Fee per dose", 12),
    ("Value difference (+ over-claimed)", 16),
    (labels.REASONS, 14),
    ("Search covered the month", 10),
    ("Every record checked", 10),
    ("CQRS status", 18),
    ("CQRS note", 36),
]


def _summary_sheet(book: Workbook, summary: ReportSummary) -> None:
    info = [
        ("Practice", summary.practice.name or ""),
        ("ODS code", summary.practice.ods_code),
        ("Reviewer", summary.reviewer or ""),
    ]
    writer = _SheetWriter(book, "Summary", SUMMARY_COLUMNS, header_row=len(info) + 3)
    for label, value in info:
        writer.plain([label, writer.text(value)])
    writer.plain(["Generated", writer.datetime(summary.generated_at)])
    writer.plain([])
    writer.header()
    for item in summary.items:
        writer.append(
            [
                item.programme_name,
                writer.month(item.month),
                item.claimed,
                item.in_search,
                item.flagged,
                item.decisions.get("practice", 0),
                item.decisions.get("other_provider", 0),
                item.decisions.get("not_eligible", 0),
                item.decisions.get("not_given", 0),
                item.unsure,
                item.pending,
                item.corrected,
                item.status_word,
                writer.money(item.fee),
                writer.money(item.value_difference),
                ", ".join(item.reason_codes),
                _covered(item),
                _yes(item.record_checked),
                CQRS_STATUS_WORDS.get(item.cqrs_status or "", ""),
                writer.long_text(item.cqrs_note, "CQRS note"),
            ]
        )
    writer.finish()


EVENT_COLUMNS: list[Column] = [
    ("Programme", 26),
    ("Month", 15),
    (labels.VACCINATION_DATE, 12),
    (labels.NHS_NUMBER, 13),
    ("Surname", 18),
    ("Forenames", 18),
    (labels.DATE_OF_BIRTH, 12),
    ("Age", 6),
    (labels.SEX, 5),
    (labels.CODE, 18),
    (labels.TERM, 36),
    (labels.ORGANISATION, 16),
    (labels.REASONS, 16),
    ("Needs review", 8),
    (labels.DECISION, 16),
    (labels.CLINICAL_SYSTEM_UPDATED, 10),
    (labels.NOTE, 36),
    (labels.REVIEWER, 16),
    (labels.DECIDED_AT, 16),
    ("Carried from (earlier review)", 24),
    ("What the latest search showed", 40),
    (labels.SOURCE_FILE, 24),
    (labels.SOURCE_ROW, 8),
    ("Event id", 14),
]


def _differ(e: EventRow) -> str | None:
    """In the "Carried from" column of an event earlier reviews decided differently, or
    whose earlier decision was not carried."""
    return f"{e.earlier_label}: {e.earlier_differ_timed}" if e.earlier_differ else None


def _event_values(writer: _SheetWriter, e: EventRow) -> list[Any]:
    return [
        e.programme_name,
        writer.month(e.month),
        writer.date(e.date),
        writer.text(e.nhs_number or e.nhs_number_display),
        writer.text(e.surname),
        writer.text(e.forenames),
        writer.date(e.date_of_birth),
        e.age,
        writer.text(e.sex),
        writer.text(e.code),
        writer.text(e.term),
        writer.text(e.organisation),
        ", ".join(e.reason_codes),
        _yes(e.needs_review),
        e.decision_word,
        e.action_word,
        writer.long_text(e.note, labels.NOTE),
        writer.text(e.reviewer),
        writer.datetime(e.decided_at_local),
        writer.text(e.carried_from or _differ(e)),
        writer.long_text(e.evidence if e.action_needed else "", "What the latest search showed"),
        writer.text(e.source),
        e.row,
        e.id,
    ]


class _Rows:
    """Counts the rows written of the two long sheets (Events, Audit log) and says so
    every thousand rows through `step(done, total)`, which may raise to stop the writing."""

    def __init__(self, step: Callable[[int, int], None] | None, total: int) -> None:
        self.step = step
        self.total = total
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        if self.step is not None and self.done % 1000 == 0:
            self.step(self.done, self.total)


def _events_sheet(book: Workbook, summary: ReportSummary, rows: _Rows) -> None:
    writer = _SheetWriter(book, "Events", EVENT_COLUMNS)
    writer.header()
    for event in summary.events:
        writer.append(_event_values(writer, event))
        rows.tick()
    writer.finish()


LEGEND_COLUMNS: list[Column] = [("Code", 8), ("Meaning", 44), ("What to check in the record", 100)]


def _legend_sheet(book: Workbook, summary: ReportSummary) -> None:
    """The key to the short codes of the Reasons columns (Summary and Events): each code
    this review uses, in the words of the printed report's key."""
    writer = _SheetWriter(book, "Reason codes", LEGEND_COLUMNS)
    writer.header()
    for entry in summary.legend:
        writer.append(
            [
                entry.code,
                writer.long_text(entry.title, "Meaning"),
                writer.long_text(entry.check, "What to check in the record"),
            ]
        )
    writer.finish()


AUDIT_COLUMNS: list[Column] = [
    ("When", 17),
    ("Who", 18),
    ("What changed", 22),
    (labels.NHS_NUMBER, 13),
    ("Programme", 26),
    (labels.VACCINATION_DATE, 12),
    ("Before", 44),
    ("After", 44),
    ("Event id", 14),
]


def _audit_sheet(
    book: Workbook, summary: ReportSummary, audit_log: Sequence[AuditEntry], rows: _Rows
) -> None:
    writer = _SheetWriter(book, "Audit log", AUDIT_COLUMNS)
    writer.header()
    events = {e.id: e for e in summary.events}
    for entry in audit_log:
        event = events.get(entry.event_id or "")
        when = local_time(entry.at)
        programme = event.programme if event else ""
        line = audit_line(entry, partial(summary.needs_action, programme), summary.programme_names)
        writer.append(
            [
                writer.datetime(when) if when else writer.text(entry.at),
                writer.text(entry.who),
                line.change,
                writer.text(event.nhs_number or event.nhs_number_display) if event else None,
                event.programme_name if event else None,
                writer.date(event.date) if event else None,
                writer.long_text(line.old, "Before"),
                writer.long_text(line.new, "After"),
                writer.text(entry.event_id),
            ]
        )
        rows.tick()
    if not audit_log and any(e.decision is not None for e in summary.events):
        # decisions with no log (check without --save): said, never an empty sheet
        writer.append(
            [None, None, writer.text(
                "Nothing logged: no review file was saved (on the command line, check "
                "without --save), so the decisions in this workbook have no audit log"),
             None, None, None, None, None, None]
        )  # fmt: skip
    writer.finish()


SOURCE_COLUMNS: list[Column] = [
    ("File", 32),
    ("Kind", 10),
    ("Programme given", 18),
    ("Rows read", 10),
    ("Events", 10),
    ("Markers", 10),
    ("Skipped", 10),
    ("Covers", 30),
    ("SHA-256", 68),
    ("Warnings", 60),
]


def _sources_sheet(book: Workbook, summary: ReportSummary) -> None:
    writer = _SheetWriter(book, "Sources", SOURCE_COLUMNS)
    writer.header()
    for index, source in enumerate(summary.sources):
        writer.append(
            [
                writer.text(source.file),
                source.kind,
                writer.text(source.programme),
                source.rows_read,
                source.events,
                source.markers,
                source.skipped,
                covers_words(summary, index),
                source.sha256,
                writer.long_text("; ".join(source.warnings), "Warnings"),
            ]
        )
    writer.finish()


UNASSIGNED_COLUMNS: list[Column] = [("File", 32), ("Row", 8), ("Why it was not used", 80)]


def _unassigned_sheet(book: Workbook, summary: ReportSummary) -> None:
    writer = _SheetWriter(book, "Rows not used", UNASSIGNED_COLUMNS)
    writer.header()
    for row in summary.unassigned:
        writer.append(
            [writer.text(row.source), row.row, writer.long_text(row.reason, "Why it was not used")]
        )
    writer.finish()


GONE_COLUMNS: list[Column] = [
    ("Programme", 28), ("Month", 16), (labels.VACCINATION_DATE, 12),
    (f"{labels.NHS_NUMBER} (or surname and date of birth)", 24), (labels.DECISION, 24),
    ("Decided in", 28), (labels.REVIEWER, 18), (labels.DECIDED_AT, 16), (labels.COUNTED_AS, 30),
    (labels.NOTE, 40), ("What the latest search showed", 60),
]  # fmt: skip
# What each kind of row means for the claim (review.json's `gone_from_search` and
# `no_longer_found`): the first is the change proved by the export (decision 62), the second
# is only no longer counted, proving nothing (decision 86).
TAKEN_AS_CORRECTED = "Taken as corrected (off the claim)"
NO_LONGER_FOUND = "No longer found: not counted"


def _gone_sheet(book: Workbook, summary: ReportSummary) -> None:
    """Doses decided earlier that the latest search no longer holds, though it covers their
    month: those needing a change in the clinical system (the change proved by the export),
    then those needing none (given here, ...), which the count no longer includes; each
    says which it is ("Counted as")."""
    writer = _SheetWriter(book, "No longer in search", GONE_COLUMNS)
    writer.header()
    rows = [(dose, TAKEN_AS_CORRECTED) for dose in summary.gone]
    rows += [(dose, NO_LONGER_FOUND) for dose in summary.no_longer_found]
    for dose, counted_as in rows:
        who = dose.who  # the NHS number as the Events and Audit log sheets give it
        writer.append(
            [
                writer.text(summary.programme_names.get(dose.programme, dose.programme)),
                writer.month(dose.month),
                writer.date(dt.date.fromisoformat(dose.date)),
                writer.text(who),
                writer.text(DECISION_WORDS.get(dose.decision, dose.decision.value)),
                writer.text(dose.decided_in or "this review"),
                writer.text(dose.reviewer),
                writer.datetime(local_time(dose.decided_at)),
                counted_as,
                writer.long_text(dose.note, labels.NOTE),
                writer.long_text(dose.evidence, "What the latest search showed"),
            ]
        )
    writer.finish()


def write_workbook(
    summary: ReportSummary,
    audit_log: Sequence[AuditEntry],
    path: Path | str,
    step: Callable[[int, int], None] | None = None,
) -> None:
    """Write `review.xlsx` to `path` (an existing file is replaced); its sheets wait
    beside it while it is written, never in the system's temporary folder. `step(done,
    total)` hears of the rows of the events and the audit log as they are written (every
    thousand, then once more before the workbook is put together); it may raise to stop
    the writing, and the sheets beside are removed."""
    book = Workbook(write_only=True)
    rows = _Rows(step, len(summary.events) + len(audit_log))
    with sheets_beside(book, Path(path)):
        _summary_sheet(book, summary)
        _events_sheet(book, summary, rows)
        if summary.legend:
            _legend_sheet(book, summary)
        _audit_sheet(book, summary, audit_log, rows)
        _sources_sheet(book, summary)
        if summary.unassigned:
            _unassigned_sheet(book, summary)
        if summary.gone or summary.no_longer_found:
            _gone_sheet(book, summary)
        if step is not None:
            step(rows.total, rows.total)
        book.save(str(path))
