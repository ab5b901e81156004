"""The review worksheet's content: the paper list to tick at the clinical-system screen."""

from __future__ import annotations

from collections.abc import Iterable

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.model import Decision, ItemStatus
from cqrs_desktop.reports.document_model import (
    TICKED,
    Block,
    Column,
    Document,
    Heading,
    Paragraph,
    Table,
)
from cqrs_desktop.reports.document_parts import (
    PATIENT_DATA_NOTE,
    counts_line,
    legend_table,
    organisation_shown,
    patient_cells,
    patient_columns,
    subtitle,
    without_organisation,
)
from cqrs_desktop.reports.email import earlier_clause
from cqrs_desktop.reports.summary import EventRow, ReportSummary, format_datetime

# The boxes as the window's buttons and tick name them (decision 293): "Clinical system
# updated" on three lines fits the width of the others.
TICK_COLUMNS = (
    "Given\nhere",
    "Other\nprovider",
    "Not\neligible",
    "Not\ngiven",
    labels.CLINICAL_SYSTEM_UPDATED.replace(" ", "\n"),
)

WORKSHEET_COLUMNS: tuple[Column, ...] = (
    # (the name widest: a double-barrelled surname's longest part, "FEATHERSTONEHAUGH-", whole
    # on Letter paper too, where every column is 6% narrower: decision 480)
    *patient_columns(12, 28, 55, 22, 22, 24, 18),
    *(Column(title, 16, kind="tick") for title in TICK_COLUMNS),
    Column("Initials", 16, kind="write"),
)


def worksheet_columns(organisation: bool = True) -> tuple[Column, ...]:
    """The worksheet table's columns, with or without Organisation (left out when no row
    on the sheet has anything in it, its width shared by the others: decision 501)."""
    return WORKSHEET_COLUMNS if organisation else without_organisation(WORKSHEET_COLUMNS)


# The box ticked for a decision already recorded (unsure ticks none), then "Clinical system
# updated"
# ("Not needed" in place of its box for a decision that needs no change: SPEC 5; the
# report's and the workbook's word, decision 343).
NOT_NEEDED = labels.NOT_NEEDED
_DECISION_BOX = {
    Decision.PRACTICE: 0,
    Decision.OTHER_PROVIDER: 1,
    Decision.NOT_ELIGIBLE: 2,
    Decision.NOT_GIVEN: 3,
}


def _worksheet_row(number: int, event: EventRow, organisation: bool) -> tuple[str, ...]:
    """A row to tick; a decision already recorded (from a decisions file, an earlier
    review, or the window) has its box ticked, and "Clinical system updated" where that is
    done."""
    box = _DECISION_BOX.get(event.decision) if event.decision else None
    ticks = [TICKED if i == box else "" for i in range(len(TICK_COLUMNS) - 1)]
    if event.decision is not None and event.decision is not Decision.UNSURE:
        if not event.action_needed:
            ticks.append(NOT_NEEDED)
        else:
            ticks.append(TICKED if event.action_done else "")
    else:
        ticks.append("")
    patient = patient_cells(number, event)
    if not organisation:
        patient = without_organisation(patient)
    return (*patient, *ticks, "")


# The rows whose decision was carried from an earlier review, printed under their month's
# rows: their box is ticked as on any decided row, and the reviewer with a pen needs to tell
# last month's decision, a colleague's in another review, from this review's (decision 500).
# One line for each review, day and reviewer, in the card's and the list's words with the
# paper's file names and dates, as the report and the list of earlier reviews' words print
# them ("decided in October.cqrsreview on 03 Nov 2026 by Sam Earlier"), with its rows' numbers
# ("1, 3-7").
CARRIED_COLUMNS: tuple[Column, ...] = (
    Column("Rows", 60),
    Column("Carried from an earlier review: which review decided them, when, by whom", 217),
)
CARRIED_LEAD = (
    "Decided in an earlier review and carried into this one (by row number; the box ticked "
    "is that review's decision): check them only if in doubt."
)


def row_ranges(numbers: list[int]) -> str:
    """'1, 3-7, 9': row numbers in order, a run of three or more as its first and last."""
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(
        f"{run[0]}-{run[-1]}" if len(run) > 2 else ", ".join(str(n) for n in run) for run in runs
    )


def _carried(event: EventRow) -> bool:
    return bool(event.carried_from) and event.decision in _DECISION_BOX


def carried_words(event: EventRow) -> str:
    """'decided in October.cqrsreview on 03 Nov 2026 by Sam Earlier' (the day, not the time:
    a review's decisions of one day by one reviewer are one line; in words, as the Patient
    card says it)."""
    text = f"decided in {event.carried_from}"
    if event.decided_day_display:
        text += f" on {event.decided_day_display}"
    if event.reviewer:
        text += f" by {event.reviewer}"
    return text


def _carried_table(numbered: list[tuple[int, EventRow]]) -> Table | None:
    """The month's carried rows, grouped by the review, day and reviewer that decided them."""
    groups: dict[str, list[int]] = {}
    for number, event in numbered:
        if _carried(event):
            words = carried_words(event)
            groups.setdefault(words, []).append(number)
    rows = tuple((row_ranges(numbers), words) for words, numbers in groups.items())
    return Table(CARRIED_COLUMNS, rows, font_pt=9.0, striped=False) if rows else None


# What earlier reviews decided of a row (DIFF, ERLY), printed under its month's rows: the
# tick columns leave no room in the row itself, and a reviewer with a pen needs each review's
# decision, when and by whom (decision 149).
EARLIER_COLUMNS: tuple[Column, ...] = (
    Column("No.", 12, align="right"),
    Column(labels.REASONS, 18),
    Column("What earlier reviews said of this vaccination (review, decision, when, by whom)", 240),
)


def _earlier_table(numbered: list[tuple[int, EventRow]]) -> Table | None:
    """The rows of a month whose earlier reviews disagreed or whose earlier word was not
    carried, with what each review said ('Given here in A.cqrsreview on ... by ...')."""
    rows = tuple(
        (str(number), ", ".join(event.flag_codes), f"{event.earlier_label}: {event.earlier_differ}")
        for number, event in numbered
        if event.earlier_differ
    )
    return Table(EARLIER_COLUMNS, rows, font_pt=9.0, striped=False) if rows else None


# The rows marked unsure, printed under their month's rows: no box of theirs is ticked, so
# on paper they looked untouched; whoever takes the list on needs who was unsure, and why.
UNSURE_COLUMNS: tuple[Column, ...] = (
    Column("No.", 12, align="right"),
    Column(labels.REASONS, 18),
    Column("Marked unsure in CQRS Desktop (by whom, when, and the note)", 240),
)
UNSURE_LEAD = "Marked unsure (by row number): check the record and decide."


def _unsure_table(numbered: list[tuple[int, EventRow]]) -> Table | None:
    """The rows of a month marked unsure, with who marked them, when, and their note."""
    rows = tuple(
        (
            str(number),
            ", ".join(event.flag_codes),
            "; ".join(
                part
                for part in (
                    f"by {event.reviewer}" if event.reviewer else "",
                    f"on {event.decided_day_display}" if event.decided_day_display else "",
                    f"note: {event.note}" if event.note else "no note",
                )
                if part
            ),
        )
        for number, event in numbered
        if event.decision is Decision.UNSURE
    )
    return Table(UNSURE_COLUMNS, rows, font_pt=9.0, striped=False) if rows else None


EARLIER_LEAD = (
    "What earlier reviews said of the rows above marked DIFF or ERLY (by row number): "
    "check the record and decide again."
)


def _decided(events: Iterable[EventRow]) -> int:
    return sum(1 for e in events if e.decision in _DECISION_BOX)


def _wanted(summary: ReportSummary, event_ids: Iterable[str] | None) -> dict[str, EventRow]:
    return {e.id: e for e in summary.select(event_ids)}


def _how_many(listed: int, decided: int, unsure: int = 0, carried: int = 0) -> str:
    """'12 vaccinations to check', with how many of them are decided (their box ticked),
    how many of those in an earlier review, and how many marked unsure (listed under their
    month)."""
    text = f"{listed} vaccinations to check"
    if decided:
        text += f"; {decided} of them already decided (their box is ticked)"
    if carried:
        text += f", {carried} of those in an earlier review"
    if unsure:
        text += f"; {unsure} marked unsure (listed under {'its' if unsure == 1 else 'their'} month)"
    return text


def _instructions(carried: bool) -> str:
    """What to do with the sheet; where a decision ticked on it was made (in this review, or
    carried from an earlier one: decision 500)."""
    where = (
        "in this review or, where its month's rows list it as carried, in an earlier review "
        "(which review, when and by whom are listed there)"
        if carried
        else "in this review"
    )
    return (
        "Open each patient's record. Tick one box for where the vaccination was given, "
        "tick 'Clinical system updated' once the record is changed as that decision needs "
        "(a dose given elsewhere marked Non-GMS or recoded; a dose recorded in error "
        "corrected), and initial the row. Then record the decisions in CQRS Desktop. A row "
        f"whose box is already ticked was decided in CQRS Desktop, {where}: check it only if "
        "in doubt, but a row with the reason UPD still needs its record changed (the latest "
        "search does not show it corrected). A row with the reason DIFF or ERLY has what "
        "earlier reviews said of it listed under its month's rows."
    )


def worksheet_document(summary: ReportSummary, event_ids: Iterable[str] | None = None) -> Document:
    """The paper list to tick at the clinical-system screen, before the review."""
    wanted = _wanted(summary, event_ids)
    blocks: list[Block] = [
        Paragraph(_instructions(carried=any(_carried(e) for e in wanted.values()))),
    ]
    # the codes its rows and its months' headings give ("Reasons for this month: CNT")
    listed = [
        item
        for item in summary.items
        if event_ids is None or any(e.id in wanted for e in summary.events_for(item))
    ]
    used_codes = {code for e in wanted.values() for code in e.reason_codes}
    used_codes |= {code for item in listed for code in item.reason_codes}
    if used_codes:
        blocks.append(Heading("Reason codes"))
        blocks.append(legend_table(summary, used_codes))
    organisation = organisation_shown(wanted.values())
    columns = worksheet_columns(organisation)
    number = 0
    for item in listed:
        events = [e for e in summary.events_for(item) if e.id in wanted]
        blocks.append(Heading(item.title, counts_line(item, len(events))))
        if events:
            numbered = []
            for event in events:
                number += 1
                numbered.append((number, event))
            rows = tuple(_worksheet_row(n, event, organisation) for n, event in numbered)
            blocks.append(Table(columns, rows, min_row_mm=9.0))
            carried = _carried_table(numbered)
            if carried is not None:
                blocks.append(Paragraph(CARRIED_LEAD, font_pt=9.0))
                blocks.append(carried)
            earlier = _earlier_table(numbered)
            if earlier is not None:
                blocks.append(Paragraph(EARLIER_LEAD, font_pt=9.0))
                blocks.append(earlier)
            unsure = _unsure_table(numbered)
            if unsure is not None:
                blocks.append(Paragraph(UNSURE_LEAD, font_pt=9.0))
                blocks.append(unsure)
        elif item.status is ItemStatus.NOT_CHECKED:
            blocks.append(
                Paragraph(
                    f"No search of this review covered {item.month_label}: this claim is not "
                    f"checked here{earlier_clause(item)}."
                )
            )
        else:
            blocks.append(Paragraph("No vaccination this month needs checking."))
    if not wanted:
        blocks.append(Paragraph("There are no vaccinations to check."))
    return Document(
        title="Review worksheet",
        practice=summary.practice_label,
        subtitle=subtitle(
            summary,
            _how_many(
                number,
                _decided(wanted.values()),
                sum(1 for e in wanted.values() if e.decision is Decision.UNSURE),
                sum(1 for e in wanted.values() if _carried(e)),
            ),
        ),
        printed=format_datetime(summary.generated_at),
        footer_note=PATIENT_DATA_NOTE,
        landscape=True,
        blocks=tuple(blocks),
    )
