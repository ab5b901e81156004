"""The review worksheet and the completed review report, as data first.

A `Document` is a list of blocks (headings, paragraphs, tables, sign-off lines) built from the
`ReportSummary`. `printing.py` paints it to a printer or PDF; `document_html` and
`document_text` give the same content for a preview pane or a plain-text file. No Qt here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from cqrs_desktop.domain.model import ItemStatus
from cqrs_desktop.reports.summary import (
    EventRow,
    ItemRow,
    ReportSummary,
    format_date,
    format_datetime,
    format_money,
)

Align = Literal["left", "right", "center"]
CellKind = Literal["text", "tick", "write"]

PATIENT_DATA_NOTE = (
    "Contains patient-identifiable data. Keep it secure, do not leave it unattended, "
    "and destroy it securely (confidential waste) when the review is finished."
)
TICK_COLUMNS = ("Given\nhere", "Other\nprovider", "Not\neligible", "Not\ngiven", "System\nupdated")


@dataclass(frozen=True)
class Column:
    title: str
    width_mm: float  # share of the line; scaled to the page width
    kind: CellKind = "text"  # "tick": an empty box for a pen; "write": blank for handwriting
    align: Align = "left"
    mono: bool = False


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    font_pt: float = 10.0
    header_pt: float = 8.5
    min_row_mm: float = 0.0
    bold_last_row: bool = False  # a totals row
    striped: bool = True


@dataclass(frozen=True)
class Heading:
    text: str
    detail: str = ""  # one line of counts under the heading


@dataclass(frozen=True)
class Paragraph:
    text: str
    font_pt: float = 10.0
    bold: bool = False


@dataclass(frozen=True)
class SignOff:
    labels: tuple[str, ...]


Block = Heading | Paragraph | Table | SignOff


@dataclass(frozen=True)
class Document:
    title: str
    practice: str  # "Riverside Medical Centre (F99001)": printed on every page
    subtitle: str
    printed: str  # "26/11/2026 14:05"
    footer_note: str
    landscape: bool
    blocks: tuple[Block, ...]


def _counts_line(item: ItemRow, to_check: int | None = None) -> str:
    claimed = "no claim" if item.claimed is None else f"claimed {item.claimed}"
    parts = [claimed, f"found in search {item.in_search}", f"needing review {item.flagged}"]
    if to_check is not None and to_check != item.flagged:
        parts.append(f"on this sheet {to_check}")
    text = "; ".join(parts)
    text = text[0].upper() + text[1:]
    if item.reason_codes:
        text += ". Every vaccination this month is checked: " + ", ".join(item.reason_codes)
    return text


def _legend_table(summary: ReportSummary, codes: set[str] | None = None) -> Table:
    entries = [e for e in summary.legend if codes is None or e.code in codes]
    return Table(
        columns=(
            Column("Code", 16),
            Column("Meaning", 75),
            Column("What to check in the record", 186),
        ),
        rows=tuple((e.code, e.title, e.check) for e in entries),
        font_pt=9.0,
        striped=False,
    )


WORKSHEET_COLUMNS: tuple[Column, ...] = (
    Column("No.", 12, align="right"),
    Column("NHS number", 29),
    Column("Name", 37),
    Column("Date of birth", 24),
    Column("Vaccinated", 24),
    Column("Organisation", 27),
    Column("Reasons", 18),
    *(Column(title, 18, kind="tick") for title in TICK_COLUMNS),
    Column("Initials", 16, kind="write"),
)


def _patient_cells(number: int, event: EventRow) -> tuple[str, ...]:
    """The first columns of both documents: who, when, where, and why it is flagged."""
    return (
        str(number),
        event.nhs_number_display or "(none)",
        event.name,
        format_date(event.date_of_birth),
        format_date(event.date),
        event.organisation or "",
        ", ".join(event.flag_codes),
    )


def _worksheet_row(number: int, event: EventRow) -> tuple[str, ...]:
    return (
        *_patient_cells(number, event),
        *("" for _ in TICK_COLUMNS),
        "",
    )


def _wanted(summary: ReportSummary, event_ids: Iterable[str] | None) -> dict[str, EventRow]:
    return {e.id: e for e in summary.select(event_ids)}


def worksheet_document(summary: ReportSummary, event_ids: Iterable[str] | None = None) -> Document:
    """The paper list to tick at the clinical-system screen, before the review."""
    wanted = _wanted(summary, event_ids)
    blocks: list[Block] = [
        Paragraph(
            "Open each patient's record. Tick one box for where the vaccination was given, "
            "tick 'System updated' once a dose given elsewhere is marked Non-GMS or recoded, "
            "and initial the row. Then record the decisions in CQRS Desktop."
        ),
    ]
    used_codes = {code for e in wanted.values() for code in e.reason_codes}
    if used_codes:
        blocks.append(Heading("Reason codes"))
        blocks.append(_legend_table(summary, used_codes))
    number = 0
    for item in summary.items:
        events = [e for e in summary.events_for(item) if e.id in wanted]
        if event_ids is not None and not events:
            continue
        blocks.append(Heading(item.title, _counts_line(item, len(events))))
        if events:
            rows = []
            for event in events:
                number += 1
                rows.append(_worksheet_row(number, event))
            blocks.append(Table(WORKSHEET_COLUMNS, tuple(rows), min_row_mm=9.0))
        elif item.status is ItemStatus.NOT_CHECKED:
            blocks.append(Paragraph("No search was imported for this programme: nothing to tick."))
        else:
            blocks.append(Paragraph("No vaccination this month needs checking."))
    if not wanted:
        blocks.append(Paragraph("There are no vaccinations to check."))
    return Document(
        title="Review worksheet",
        practice=summary.practice_label,
        subtitle=_subtitle(summary, f"{number} vaccinations to check"),
        printed=format_datetime(summary.generated_at),
        footer_note=PATIENT_DATA_NOTE,
        landscape=True,
        blocks=tuple(blocks),
    )


def _subtitle(summary: ReportSummary, extra: str) -> str:
    reviewer = f"Reviewer: {summary.reviewer}" if summary.reviewer else "Reviewer: ____________"
    return f"{reviewer}   ·   {extra}"


RESULT_COLUMNS: tuple[Column, ...] = (
    Column("Programme and month", 56),
    Column("Claimed", 16, align="right"),
    Column("Found", 15, align="right"),
    Column("Needing review", 17, align="right"),
    Column("Given here", 16, align="right"),
    Column("Other provider", 20, align="right"),
    Column("Not eligible", 16, align="right"),
    Column("Not given", 15, align="right"),
    Column("Unsure", 15, align="right"),
    Column("Still to check", 15, align="right"),
    Column("Corrected", 21, align="right"),
    Column("Status", 30),
    Column("Value difference", 25, align="right"),
)


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def _result_rows(summary: ReportSummary) -> tuple[tuple[str, ...], ...]:
    rows = [
        (
            item.title,
            _number(item.claimed),
            str(item.in_search),
            str(item.flagged),
            str(item.decisions.get("practice", 0)),
            str(item.decisions.get("other_provider", 0)),
            str(item.decisions.get("not_eligible", 0)),
            str(item.decisions.get("not_given", 0)),
            str(item.unsure),
            str(item.pending),
            _number(item.corrected),
            item.status_word,
            format_money(item.value_difference),
        )
        for item in summary.items
    ]
    t = summary.totals
    rows.append(
        (
            "Total",
            str(t.claimed),
            str(t.in_search),
            str(t.flagged),
            str(sum(i.decisions.get("practice", 0) for i in summary.items)),
            str(sum(i.decisions.get("other_provider", 0) for i in summary.items)),
            str(sum(i.decisions.get("not_eligible", 0) for i in summary.items)),
            str(sum(i.decisions.get("not_given", 0) for i in summary.items)),
            str(summary.unsure),
            str(summary.pending),
            "",
            "",
            format_money(t.value_difference),
        )
    )
    return tuple(rows)


REPORT_EVENT_COLUMNS: tuple[Column, ...] = (
    Column("No.", 12, align="right"),
    Column("NHS number", 26),
    Column("Name", 36),
    Column("Date of birth", 22),
    Column("Vaccinated", 22),
    Column("Organisation", 25),
    Column("Reasons", 19),
    Column("Decision", 24),
    Column("System\nupdated", 17),
    Column("Note", 31),
    Column("Reviewer", 22),
    Column("Decided", 21),
)


def _report_row(number: int, event: EventRow) -> tuple[str, ...]:
    return (
        *_patient_cells(number, event),
        event.decision_word,
        "Yes" if event.action_done else "No",
        event.note,
        event.reviewer or "",
        event.decided_at_display,
    )


def _report_events(summary: ReportSummary, event_ids: Iterable[str] | None) -> list[EventRow]:
    if event_ids is not None:
        return summary.select(event_ids)
    return [e for e in summary.events if e.needs_review or e.decision is not None]


def _progress(summary: ReportSummary) -> str:
    done = summary.needs_review - summary.pending - summary.unsure
    text = f"{done} of {summary.needs_review} vaccinations needing review have a decision"
    if summary.unsure:
        text += f"; {summary.unsure} marked unsure"
    if summary.pending:
        text += f"; {summary.pending} still to check"
    text += (
        f". {summary.action_done} marked as updated in the clinical system. "
        f"Claimed {summary.totals.claimed} in total; value difference "
        f"{format_money(summary.totals.value_difference)} (claimed minus corrected, "
        "at the fee per dose)."
    )
    if not summary.is_complete:
        text += " The review is not complete: items still being checked are not validated."
    return text


def report_document(summary: ReportSummary, event_ids: Iterable[str] | None = None) -> Document:
    """The completed review, for filing: results, every decision, sources and sign-off."""
    blocks: list[Block] = [
        Heading("Results"),
        Paragraph(_progress(summary)),
        Table(
            RESULT_COLUMNS, _result_rows(summary), font_pt=9.0, header_pt=8.0, bold_last_row=True
        ),
    ]
    selected = {e.id for e in _report_events(summary, event_ids)}
    number = 0
    for item in summary.items:
        events = [e for e in summary.events_for(item) if e.id in selected]
        if not events:
            continue
        status = f"Status: {item.status_word}"
        if item.corrected is not None:
            status += f", corrected count {item.corrected}"
        detail = f"{status}. {_counts_line(item)}"
        blocks.append(Heading(item.title, detail))
        rows = []
        for event in events:
            number += 1
            rows.append(_report_row(number, event))
        blocks.append(Table(REPORT_EVENT_COLUMNS, tuple(rows), font_pt=9.0, header_pt=8.0))
    if summary.legend:
        blocks.append(Heading("Reason codes"))
        blocks.append(_legend_table(summary))
    blocks.append(Heading("Files checked"))
    blocks.append(_sources_table(summary))
    if summary.unassigned:
        blocks.append(
            Paragraph(
                f"{_rows_phrase(len(summary.unassigned))} of the search files could not be "
                "given a programme and were not used (listed in the workbook)."
            )
        )
    blocks.append(Heading("Sign-off"))
    blocks.append(SignOff(("Checked by (name)", "Signed", "Date")))
    return Document(
        title="CQRS claim review report",
        practice=summary.practice_label,
        subtitle=_subtitle(summary, f"Prepared {format_datetime(summary.generated_at)}"),
        printed=format_datetime(summary.generated_at),
        footer_note=PATIENT_DATA_NOTE,
        landscape=True,
        blocks=tuple(blocks),
    )


def _rows_phrase(count: int) -> str:
    return "1 row" if count == 1 else f"{count} rows"


def _sources_table(summary: ReportSummary) -> Table:
    return Table(
        columns=(
            Column("File", 66),
            Column("Kind", 16),
            Column("Rows read", 16, align="right"),
            Column("Events", 16, align="right"),
            Column("Markers", 18, align="right"),
            Column("Skipped", 18, align="right"),
            Column("SHA-256 fingerprint", 127, mono=True),
        ),
        rows=tuple(
            (
                s.file,
                s.kind,
                str(s.rows_read),
                str(s.events),
                str(s.markers),
                str(s.skipped),
                s.sha256,
            )
            for s in summary.sources
        ),
        font_pt=8.5,
        striped=False,
    )


# Plain renderings of the same document -----------------------------------------------------


def _html_table(table: Table) -> str:
    head = "".join(
        f"<th>{html.escape(c.title).replace(chr(10), '<br>')}</th>" for c in table.columns
    )
    body = []
    for index, row in enumerate(table.rows):
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            text = "&#9744;" if column.kind == "tick" else html.escape(value)
            cells.append(f'<td align="{column.align}">{text}</td>')
        bold = (
            ' style="font-weight:bold"'
            if table.bold_last_row and index == len(table.rows) - 1
            else ""
        )
        body.append(f"<tr{bold}>{''.join(cells)}</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="3" width="100%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def document_html(document: Document) -> str:
    """The document as simple HTML (Qt rich text subset): for previews and the results page."""
    parts = [
        f"<h1>{html.escape(document.title)}</h1>",
        f"<p><b>{html.escape(document.practice)}</b><br>{html.escape(document.subtitle)}</p>",
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h2>{html.escape(block.text)}</h2>")
            if block.detail:
                parts.append(f"<p>{html.escape(block.detail)}</p>")
        elif isinstance(block, Paragraph):
            text = html.escape(block.text)
            parts.append(f"<p><b>{text}</b></p>" if block.bold else f"<p>{text}</p>")
        elif isinstance(block, Table):
            parts.append(_html_table(block))
        else:
            lines = "".join(
                f"<p>{html.escape(label)}: ______________________________</p>"
                for label in block.labels
            )
            parts.append(lines)
    parts.append(f"<p><i>{html.escape(document.footer_note)}</i></p>")
    return "<html><body>" + "\n".join(parts) + "</body></html>"


def _text_table(table: Table) -> list[str]:
    def cell(column: Column, value: str) -> str:
        return "[ ]" if column.kind == "tick" else value

    grid = [[c.title.replace("\n", " ") for c in table.columns]]
    grid += [[cell(c, v) for c, v in zip(table.columns, row, strict=True)] for row in table.rows]
    widths = [max(len(r[i]) for r in grid) for i in range(len(table.columns))]
    lines = []
    for index, row in enumerate(grid):
        padded = [
            value.rjust(w) if col.align == "right" else value.ljust(w)
            for value, w, col in zip(row, widths, table.columns, strict=True)
        ]
        lines.append(" | ".join(padded).rstrip())
        if index == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return lines


def document_text(document: Document) -> str:
    """The document as plain text, columns aligned."""
    lines = [document.title, document.practice, document.subtitle, ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += [block.text, "=" * len(block.text)]
            if block.detail:
                lines.append(block.detail)
        elif isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines += _text_table(block)
        else:
            lines += [f"{label}: ______________________________" for label in block.labels]
        lines.append("")
    lines.append(document.footer_note)
    return "\n".join(lines) + "\n"
