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
from cqrs_desktop.reports.report_content import REPORT_EVENT_COLUMNS
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.worksheet_content import WORKSHEET_COLUMNS
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
