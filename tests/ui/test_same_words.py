"""The same detail under the same name on the screen, on paper and in the workbook: the
administrator ticks the worksheet with a pen beside the Check events page, and files the
workbook (decisions 321, 322). The names come from the widgets and documents themselves,
so a new word in one place and not the others fails here."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from cqrs_desktop.domain.review import Review, ReviewInputs
from cqrs_desktop.paths import resources_dir
from cqrs_desktop.reports.document_parts import patient_cells
from cqrs_desktop.reports.report_content import REPORT_EVENT_COLUMNS, report_event_columns
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.worksheet_content import WORKSHEET_COLUMNS, worksheet_columns
from cqrs_desktop.reports.xlsx import EVENT_COLUMNS
from cqrs_desktop.ui.event_cards import PatientCard, ReasonsCard, VaccinationCard
from cqrs_desktop.ui.event_table import EventTableModel
from tests.factories import PRACTICE, row

# the worksheet's columns of the vaccination (after "No.", before the tick boxes)
ON_PAPER = [column.title for column in WORKSHEET_COLUMNS[1:7]]


def _card_words(qtbot) -> tuple[set[str], PatientCard]:  # type: ignore[no-untyped-def]
    """What the cards call their fields and themselves, as shown."""
    patient, vaccination, reasons = PatientCard(), VaccinationCard(), ReasonsCard()
    for card in (patient, vaccination, reasons):
        qtbot.addWidget(card)
    shown = {
        label.text()
        for card in (patient, vaccination, reasons)
        for label in card.findChildren(QLabel)
        if label.objectName() in ("fieldName", "cardTitle")
    }
    return shown, patient


def test_the_worksheet_the_report_the_cards_the_list_and_the_workbook_name_each_detail_alike(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    assert ON_PAPER == [
        "NHS number",
        "Name",
        "Date of birth",
        "Vaccination date",
        "Organisation",
        "Reasons",
    ]
    assert [column.title for column in REPORT_EVENT_COLUMNS[1:7]] == ON_PAPER
    on_cards, patient = _card_words(qtbot)
    # the NHS number is the patient card's own line (with Copy), named so to a screen reader
    assert patient.nhs.accessibleName() == "NHS number"
    assert set(ON_PAPER) - on_cards == {"NHS number"}

    model = EventTableModel()
    horizontal = Qt.Orientation.Horizontal
    headers = [model.headerData(i, horizontal) for i in range(model.columnCount())]
    tips = [
        model.headerData(i, horizontal, Qt.ItemDataRole.ToolTipRole) for i in range(len(headers))
    ]
    # the list's details (no date of birth or organisation) under the paper's names; the
    # short "Date" has the paper's word as its tooltip
    assert set(headers) & set(ON_PAPER) == {"NHS number", "Name", "Reasons"}
    assert tips[headers.index("Date")] == "Vaccination date"

    # the Events sheet: the name in two columns (Surname, Forenames), for sorting
    in_workbook = {title for title, _ in EVENT_COLUMNS}
    assert set(ON_PAPER) - in_workbook == {"Name"}
    assert {"Surname", "Forenames"} <= in_workbook
    assert {"Clinical system updated", "Decision", "Note", "Reviewer", "Decided at"} <= in_workbook

    help_text = (resources_dir() / "help" / "index.html").read_text(encoding="utf-8")
    help_words = " ".join(re.sub(r"<[^>]+>", "", help_text).split())
    for title in ON_PAPER:
        assert title in help_words, title
    assert "Why to check" not in help_words and "Recorded by" not in help_words


def test_a_missing_detail_reads_the_same_on_the_card_and_on_paper(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """The worksheet said "(none)" where the card said "No NHS number", and left blank a
    date of birth the card called "not recorded"."""
    review = Review(
        ReviewInputs(
            PRACTICE,
            (),
            (
                row(
                    date=dt.date(2024, 9, 3),
                    nhs_number=None,
                    date_of_birth=None,
                    surname=None,
                    forenames=None,
                    organisation=None,
                ),
            ),
            (),
            (),
        ),
        rules,
    )
    (event,) = review.events
    (printed,) = build_summary(review).events
    _, nhs, name, born, _, organisation, _ = patient_cells(1, printed)
    card = PatientCard()
    qtbot.addWidget(card)
    card.show_event(event)
    vaccination = VaccinationCard()
    qtbot.addWidget(vaccination)
    vaccination.show_event(event)
    assert nhs == card.nhs.text() == "No NHS number"
    assert name == card.values["Name"].text() == "not recorded"
    assert born == card.values["Date of birth"].text() == "not recorded"
    # the search has an organisation column, blank for this vaccination
    assert organisation == vaccination.values["Organisation"].text() == "not recorded"


def test_the_name_reads_the_same_in_the_list_on_the_card_and_on_paper(qtbot, rules) -> None:  # type: ignore[no-untyped-def]
    """The card said "Tereza JONES" beside a list and a worksheet saying "JONES, Tereza"
    (as EMIS Web and SystmOne list patients)."""
    from cqrs_desktop.ui.event_table import patient_name

    review = Review(
        ReviewInputs(PRACTICE, (), (row(surname="Jones", forenames="Tereza"),), (), ()), rules
    )
    (event,) = review.events
    (printed,) = build_summary(review).events
    card = PatientCard()
    qtbot.addWidget(card)
    card.show_event(event)
    on_paper = patient_cells(1, printed)[2]
    assert on_paper == card.values["Name"].text() == patient_name(event) == "JONES, Tereza"


def test_a_decision_needing_no_change_reads_alike_on_the_worksheet_the_report_and_the_workbook(
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    """The report and the workbook said "Not needed" where the worksheet's box said "not
    needed" (decision 343)."""
    from openpyxl import load_workbook

    from cqrs_desktop.domain import labels
    from cqrs_desktop.reports.document_model import Table
    from cqrs_desktop.reports.documents import report_document, worksheet_document
    from cqrs_desktop.reports.xlsx import write_workbook
    from tests.reports.reports_factory import mixed_review

    summary = build_summary(mixed_review())

    from cqrs_desktop.reports.worksheet_content import TICKED

    def cells(document, columns) -> set[str]:  # type: ignore[no-untyped-def]
        """The "Clinical system updated" cells of the rows whose decision needs no change."""
        at = [c.title for c in columns].index(labels.CLINICAL_SYSTEM_UPDATED.replace(" ", "\n"))
        tables = [b for b in document.blocks if isinstance(b, Table) and b.columns == columns]
        rows = [row for table in tables for row in table.rows]
        return {row[at] for row in rows if row[at] not in ("", "Yes", "No", TICKED)}

    on_worksheet = cells(worksheet_document(summary), worksheet_columns(organisation=False))
    in_report = cells(report_document(summary), report_event_columns(organisation=False))
    path = tmp_path / "audit.xlsx"
    write_workbook(summary, (), path)
    sheet = load_workbook(path, read_only=True)["Events"]
    rows = list(sheet.iter_rows(values_only=True))
    at = rows[0].index(labels.CLINICAL_SYSTEM_UPDATED)
    in_workbook = {r[at] for r in rows[1:] if r[at] not in (None, "", "Yes", "No")}
    assert on_worksheet == in_report == in_workbook
    assert in_report == {labels.NOT_NEEDED}


def test_the_overview_counts_found_in_search_as_the_report_and_the_workbook_do(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The Overview's column said "Found" where the report and the workbook say "Found in
    search" (decision 343); it keeps its tooltip."""
    from openpyxl import load_workbook

    from cqrs_desktop.domain import labels
    from cqrs_desktop.reports.report_content import RESULT_COLUMNS
    from cqrs_desktop.reports.xlsx import write_workbook
    from cqrs_desktop.ui.items_model import FOUND, ItemsTableModel
    from tests.reports.reports_factory import mixed_review

    model = ItemsTableModel()
    horizontal = Qt.Orientation.Horizontal
    on_screen = model.headerData(FOUND, horizontal).replace("\n", " ")
    tip = model.headerData(FOUND, horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Vaccinations found in your search for this month"
    path = tmp_path / "audit.xlsx"
    write_workbook(build_summary(mixed_review()), (), path)
    sheet = load_workbook(path, read_only=True)["Summary"]
    headers = {cell for row in sheet.iter_rows(values_only=True) for cell in row}
    in_report = {c.title for c in RESULT_COLUMNS}
    assert on_screen in in_report and on_screen in headers
    assert on_screen == labels.FOUND_IN_SEARCH
