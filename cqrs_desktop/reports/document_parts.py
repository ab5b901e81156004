"""What the worksheet and the report share: the patient columns, counts, reason codes, notes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.flags import OTHER_ORGANISATION
from cqrs_desktop.reports.document_model import Column, Table
from cqrs_desktop.reports.summary import (
    EventRow,
    ItemRow,
    ReportSummary,
    days_words,
    format_date,
)

PATIENT_DATA_NOTE = (
    "Contains patient-identifiable data. Keep it secure, do not leave it unattended, "
    "and destroy it securely (confidential waste) when the review is finished."
)


def counts_line(item: ItemRow, to_check: int | None = None) -> str:
    """The counts under an item's heading: claimed, found, needing review (and on this sheet)."""
    claimed = "no claim" if item.claimed is None else f"claimed {item.claimed}"
    parts = [claimed, f"found in search {item.in_search}", f"needing review {item.flagged}"]
    if to_check is not None and to_check != item.flagged:
        parts.append(f"on this sheet {to_check}")
    text = "; ".join(parts)
    text = text[0].upper() + text[1:]
    if item.reason_codes:  # reasons of the whole month: what is to be checked, not done
        codes = ", ".join(item.reason_codes)
        if item.in_search:
            text += f". Every vaccination this month is to be checked, for: {codes}"
        else:
            text += f". Reasons for this month: {codes}"
    if item.searched_part is not None:  # never more than was searched (decision 171)
        text += (
            f". The search covered only {days_words(item.searched_part)} of this month, as "
            "its file states: vaccinations given on other days were not searched"
        )
    return text


def legend_table(summary: ReportSummary, codes: set[str] | None = None) -> Table:
    """The reason codes (all, or only `codes`): what each means and what to check."""
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


# The first columns of both documents, named as the patient cards and the event list name
# them (`domain.labels`, decision 321).
PATIENT_TITLES = (
    "No.",
    labels.NHS_NUMBER,
    labels.NAME,
    labels.DATE_OF_BIRTH,
    labels.VACCINATION_DATE,
    labels.ORGANISATION,
    labels.REASONS,
)


def patient_columns(*widths: float) -> tuple[Column, ...]:
    """The first columns of a document, `PATIENT_TITLES` at these widths (mm)."""
    return tuple(
        Column(title, width, align="right" if title == "No." else "left")
        for title, width in zip(PATIENT_TITLES, widths, strict=True)
    )


_Cell = TypeVar("_Cell", str, Column)
# Where Organisation stands among the patient columns (and their cells)
ORGANISATION_AT = PATIENT_TITLES.index(labels.ORGANISATION)


def organisation_shown(events: Iterable[EventRow]) -> bool:
    """Whether any row would print something under Organisation (a code, a name, or "not
    recorded" where the search's column is blank): a document leaves the column out
    otherwise, its width given to the others (decisions 501, 533)."""
    return any(patient_cells(0, event)[ORGANISATION_AT] for event in events)


def without_organisation(cells: tuple[_Cell, ...]) -> tuple[_Cell, ...]:
    """Patient cells (or columns' titles) with Organisation left out."""
    return cells[:ORGANISATION_AT] + cells[ORGANISATION_AT + 1 :]


def patient_cells(number: int, event: EventRow) -> tuple[str, ...]:
    """The first columns of both documents: who, when, where, and why it is flagged. A
    detail the search does not give is said as the cards say it (decision 322); an
    organisation only where the search has its column (`ORG` flags a blank one), so a
    search without one does not fill every row with it."""
    blank_organisation = labels.NOT_RECORDED if OTHER_ORGANISATION in event.flags else ""
    return (
        str(number),
        event.nhs_number_display or labels.NO_NHS_NUMBER,
        event.name or labels.NOT_RECORDED,
        format_date(event.date_of_birth) or labels.NOT_RECORDED,
        format_date(event.date),
        event.organisation or blank_organisation,
        ", ".join(event.flag_codes),
    )


def subtitle(summary: ReportSummary, extra: str) -> str:
    """The line under the title: the reviewer (or a blank to write in), then `extra`."""
    reviewer = f"Reviewer: {summary.reviewer}" if summary.reviewer else "Reviewer: ____________"
    return f"{reviewer}   ·   {extra}"
