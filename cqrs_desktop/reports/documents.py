"""The printed documents' content in one place: re-exports the modules that build it.

The blocks are in `document_model`, what both documents share in `document_parts`, the
worksheet in `worksheet_content`, the report in `report_content`, and the HTML and plain-text
renderings in `document_plain`. `printing.py` paints a `Document` to a printer or PDF.
"""

from __future__ import annotations

from cqrs_desktop.reports.document_model import (
    Align,
    Block,
    CellKind,
    Column,
    Document,
    Heading,
    Paragraph,
    SignOff,
    Table,
)
from cqrs_desktop.reports.document_parts import PATIENT_DATA_NOTE
from cqrs_desktop.reports.document_plain import document_html, document_text
from cqrs_desktop.reports.report_content import (
    REPORT_EVENT_COLUMNS,
    RESULT_COLUMNS,
    report_document,
)
from cqrs_desktop.reports.worksheet_content import (
    TICK_COLUMNS,
    WORKSHEET_COLUMNS,
    worksheet_document,
)

__all__ = [
    "PATIENT_DATA_NOTE",
    "REPORT_EVENT_COLUMNS",
    "RESULT_COLUMNS",
    "TICK_COLUMNS",
    "WORKSHEET_COLUMNS",
    "Align",
    "Block",
    "CellKind",
    "Column",
    "Document",
    "Heading",
    "Paragraph",
    "SignOff",
    "Table",
    "document_html",
    "document_text",
    "report_document",
    "worksheet_document",
]
