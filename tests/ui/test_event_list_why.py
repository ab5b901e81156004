"""The event list's Why column gives an event's own reasons as the reports do (decision
141): UPD for a dose decided as given elsewhere that the latest search does not show
corrected, gone once the record is ticked as updated. Invented people."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt

from cqrs_desktop.domain.model import Decision, DecisionRecord, VaccinationEvent
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.ui.event_table import ALL_EVENTS, WHY, EventTableModel, status_filter
from tests.reports.reports_factory import build_review, record, search_rows

NOT_SHOWN_CORRECTED = "still the practice's own dose in search_export.csv, row 2"


def _review(ticked: bool) -> Review:
    def decide(event: VaccinationEvent, index: int) -> DecisionRecord:
        if index:
            return record(event, Decision.PRACTICE)
        return dataclasses.replace(
            record(event, Decision.OTHER_PROVIDER, action=ticked),
            carried_from="A.cqrsreview",
            export_check="not_corrected",
            evidence=NOT_SHOWN_CORRECTED,
        )

    return build_review(search_rows([("pertussis_pregnant", "2024-09", 3)]), [], decide)


def _why(model: EventTableModel, event_id: str, role: int) -> object:
    assert model.review is not None
    row = model.row_of(model.review.index_of(event_id))
    assert row is not None
    return model.data(model.index(row, WHY), role)


def test_the_why_column_gives_upd_as_the_reports_do(qapp) -> None:  # type: ignore[no-untyped-def]
    for ticked in (False, True):
        review = _review(ticked)
        model = EventTableModel()
        model.set_review(review)
        model.set_filters(status=status_filter(ALL_EVENTS))
        for event in build_summary(review).events:
            shown = _why(model, event.id, Qt.ItemDataRole.DisplayRole)
            assert shown == " ".join(event.flag_codes), (ticked, event.decision)
        first = review.events[0]
        tip = _why(model, first.id, Qt.ItemDataRole.ToolTipRole)
        upd = "Not yet corrected in the clinical system"
        assert (upd in str(tip)) is not ticked
        assert ("UPD" in str(_why(model, first.id, Qt.ItemDataRole.DisplayRole))) is not ticked
