"""A month's heading is never left at the foot of a page without its rows (decision 502).

The worksheet is printed through the app's own renderer to PDF, on A4 and on Letter, with
more and more lines above a month so its heading falls at every height of the page in turn,
and read back (`pdf_text`: poppler's `pdftotext`, or pypdf where it is not installed):
wherever the heading is printed (not "(continued)"), at least three of its rows are under it
on that page, or all of them when the month has fewer. Invented people, NHS numbers in the
999 range."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize, QPdfWriter

from cqrs_desktop.reports.document_model import Document, Heading, Paragraph, Table
from cqrs_desktop.reports.printing import PDF_DPI, prepare_device, render_document
from cqrs_desktop.reports.worksheet_content import WORKSHEET_COLUMNS
from tests.reports.pdf_text import layout_text

MONTHS = (("Pertussis (pregnant women), September 2024", 9), ("RSV (pregnant women), May 2024", 2))


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """One QApplication for the session (pytest-qt); the renderer uses it."""


def _rows(first: int, count: int) -> tuple[tuple[str, ...], ...]:
    return tuple(
        (str(n), f"999 000 {n:04d}", f"TESTPERSON, Ann {n}", "01/05/1994", "03/09/2024",
         "F99001", "PER", "", "", "", "", "", "")
        for n in range(first, first + count)
    )  # fmt: skip


def _document(lines: int) -> Document:
    blocks: list[Heading | Paragraph | Table] = [
        Paragraph(f"Line {n} above the months.") for n in range(lines)
    ]
    first = 1
    for title, count in MONTHS:
        blocks.append(Heading(title, f"Claimed {count}; found in search {count}"))
        blocks.append(Table(WORKSHEET_COLUMNS, _rows(first, count), min_row_mm=9.0))
        first += count
    return Document(
        title="Review worksheet",
        practice="Riverside Medical Centre (F99001)",
        subtitle="Reviewer: Sam Test",
        printed="07/12/2026 10:00",
        footer_note="Contains patient-identifiable data.",
        landscape=True,
        blocks=tuple(blocks),
    )


def _pages(path: Path, document: Document, letter: bool) -> list[str]:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    size = QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4
    writer.setPageSize(QPageSize(size))
    prepare_device(writer, document.landscape, set_a4=False)
    render_document(document, writer)
    del writer  # the PDF is finished when its writer goes
    text = layout_text(path)
    return text.split("\f")


@pytest.mark.parametrize("letter", [False, True], ids=["A4", "Letter"])
def test_a_months_heading_keeps_three_of_its_rows_under_it(tmp_path: Path, letter: bool) -> None:
    alone = []
    for lines in range(0, 48):
        pages = _pages(tmp_path / f"{lines}.pdf", _document(lines), letter)
        first = 1
        for title, count in MONTHS:
            numbers = range(first, first + count)
            first += count
            (page,) = [p for p in pages if re.search(rf"^ *{re.escape(title)}$", p, re.M)]
            under = page.split(title, 1)[1]
            rows = [n for n in numbers if re.search(rf"^ +{n} +999 000\b", under, re.M)]
            if len(rows) < min(3, count):
                alone.append((lines, title, rows))
    assert not alone
