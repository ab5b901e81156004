"""What a printed document is made of: blocks (headings, paragraphs, tables, sign-off lines).

A `Document` is a list of blocks built from the `ReportSummary` (`worksheet_content`,
`report_content`). `printing.py` paints it to a printer or PDF; `document_plain` gives the same
content as HTML or plain text. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "right", "center"]
CellKind = Literal["text", "tick", "write"]

# A "tick" cell: "" an empty box for a pen, TICKED the box ticked (recorded already), any
# other text printed in place of a box, where there is nothing to tick ("not needed").
TICKED = "x"


def is_box(value: str) -> bool:
    """Whether a "tick" cell prints as a box (empty or ticked), not as its text."""
    return value in ("", TICKED)


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
