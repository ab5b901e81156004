"""The report's Organisation column is printed only where a row has something in it, and its
width goes to the Note (decision 533): a search with no organisation column left it empty on
every row while a long note made its row many lines tall. Printed through the app's own code
and read back (`pdf_text`: poppler's `pdftotext`, or pypdf where it is not installed).
Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

from pathlib import Path

import pytest

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.model import DecisionRecord
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.document_model import Table
from cqrs_desktop.reports.documents import report_document
from cqrs_desktop.reports.printing import write_report_pdf
from cqrs_desktop.reports.summary import build_summary
from tests.reports.pdf_text import layout_text
from tests.reports.reports_factory import review_with_organisations

NOTE = "Letter from the maternity unit says given at the antenatal clinic on the day ZZEND"


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """One QApplication for the session (pytest-qt); the renderer uses it."""


def _review(organisations: int) -> Review:
    """`review_with_organisations`, a long note on its first decision."""
    review = review_with_organisations(organisations)
    first = next(r for r in (review.decision(e.id) for e in review.events) if r is not None)
    review.apply(
        first.event_id,
        DecisionRecord(first.event_id, first.decision, note=NOTE, reviewer="A. Note"),
    )
    return review


def _tables(review: Review) -> list[Table]:
    return [
        b
        for b in report_document(build_summary(review)).blocks
        if isinstance(b, Table) and b.columns[0].title == "No."
    ]


def _note_lines(tmp_path: Path, review: Review) -> int:
    """How many lines of the printed report the long note takes."""
    path = tmp_path / "report.pdf"
    write_report_pdf(build_summary(review), path)
    text = layout_text(path)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if "Letter" in line)
    end = next(i for i, line in enumerate(lines) if "ZZEND" in line)
    return end - start + 1


def test_no_organisation_column_when_no_row_has_one_and_the_note_is_wider(
    tmp_path: Path,
) -> None:
    without = _tables(_review(organisations=0))
    with_one = _tables(_review(organisations=1))
    assert without and all(labels.ORGANISATION not in [c.title for c in t.columns] for t in without)
    assert all(labels.ORGANISATION in [c.title for c in t.columns] for t in with_one)
    width = {
        name: next(c.width_mm for c in tables[0].columns if c.title == labels.NOTE)
        for name, tables in (("without", without), ("with", with_one))
    }
    organisation = next(c.width_mm for c in with_one[0].columns if c.title == labels.ORGANISATION)
    assert width["without"] == width["with"] + organisation
    # the same columns' share of the page: the long note takes fewer lines on paper
    assert _note_lines(tmp_path, _review(organisations=0)) < _note_lines(
        tmp_path, _review(organisations=1)
    )
    # every row's cells are its columns, the decision under "Decision"
    for table in without:
        at = [c.title for c in table.columns].index(labels.DECISION)
        assert all(len(row) == len(table.columns) for row in table.rows)
        assert all(row[at] for row in table.rows)
