"""The worksheet's Organisation column is printed only where a row has something in it
(decision 501): a search with no organisation column left it empty on every row, 24 mm the
names and dates needed. Printed through the app's own code and read back (`pdf_text`:
poppler's `pdftotext`, or pypdf where it is not installed). Invented people, NHS numbers in
the 999 range."""

from __future__ import annotations

from pathlib import Path

import pytest

from cqrs_desktop.domain import labels
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.document_model import Table
from cqrs_desktop.reports.documents import worksheet_document
from cqrs_desktop.reports.printing import write_worksheet_pdf
from cqrs_desktop.reports.summary import build_summary
from tests.reports.pdf_text import layout_text
from tests.reports.reports_factory import review_with_organisations


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """One QApplication for the session (pytest-qt); the renderer uses it."""


def _printed(tmp_path: Path, review: Review) -> tuple[list[list[str]], str]:
    """The worksheet tables' column titles, and the PDF's text."""
    summary = build_summary(review)
    titles = [
        [c.title for c in block.columns]
        for block in worksheet_document(summary).blocks
        if isinstance(block, Table) and block.columns[-1].title == "Initials"
    ]
    path = tmp_path / "worksheet.pdf"
    write_worksheet_pdf(summary, path)
    text = layout_text(path)
    return titles, text


def test_no_organisation_column_when_no_row_has_an_organisation(tmp_path: Path) -> None:
    titles, text = _printed(tmp_path, review_with_organisations(0))
    assert titles and all(labels.ORGANISATION not in t for t in titles)
    assert all(labels.NAME in t and labels.REASONS in t for t in titles)
    # (a header may break a long title over two lines: "Organisatio", "n")
    assert "Organisatio" not in text
    assert "Vaccination" in text and "Initials" in text


def test_the_organisation_column_stays_when_any_row_has_one(tmp_path: Path) -> None:
    titles, text = _printed(tmp_path, review_with_organisations(1))
    assert titles and all(labels.ORGANISATION in t for t in titles)
    assert "Organisatio" in text
    assert "RXX01" in text
