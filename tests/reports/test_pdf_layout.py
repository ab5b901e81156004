"""The renderer's shortcuts must draw exactly what Qt's rectangle `drawText` draws.

Single-line cells and remembered multi-line layouts are drawn at points to save Qt's text
layout on every cell and page; these tests compare the PDF content streams byte for byte, so a
Qt upgrade that lays text out differently fails here instead of shifting text on paper.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QPageSize, QPainter, QPdfWriter

from cqrs_desktop.reports.printing import (
    TOP_CENTER,
    TOP_LEFT,
    TOP_RIGHT,
    WRAP,
    _draw,
    _font,
    _plan,
    wrap_flags,
)

TEXTS = [
    "Given\nhere",
    "Clinical\nsystem\nupdated",
    "Date of birth",
    "999 022 8256",
    "1800",
    "20000",
    "OKAFOR-SMITH, Siobhán Mary",
    "x\n\ny",
    "Contains patient-identifiable data. Keep it secure, do not leave it unattended, and "
    "destroy it securely (confidential waste) when the review is finished.",
]


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """One QApplication for the session (pytest-qt); fonts need it."""


def _content(path: Path, paint: Callable[[QPainter, QPdfWriter], None]) -> str:
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    paint(painter, writer)
    painter.end()
    return PdfReader(str(path)).pages[0].get_contents().get_data().decode("latin1")


@pytest.mark.parametrize("bold", [False, True])
def test_planned_text_matches_rectangle_text(tmp_path: Path, bold: bool) -> None:
    font = _font(8.5, bold=bold)
    width = 120.7
    planned = 0

    def cases(writer: QPdfWriter) -> list[tuple[QRectF, int, str]]:
        metrics = QFontMetricsF(font, writer)
        out = []
        y = 50.3
        for text in TEXTS:
            for align in (TOP_LEFT, TOP_RIGHT, TOP_CENTER):
                flags = wrap_flags(metrics, text, width) | align
                out.append((QRectF(100.3, y, width, 10_000), flags, text))
                y += 130
        return out

    def by_rectangle(painter: QPainter, writer: QPdfWriter) -> None:
        painter.setFont(font)
        for rect, flags, text in cases(writer):
            painter.drawText(rect, flags, text)

    def by_plan(painter: QPainter, writer: QPdfWriter) -> None:
        nonlocal planned
        painter.setFont(font)
        metrics = QFontMetricsF(font, writer)
        for rect, flags, text in cases(writer):
            plan = _plan(font, metrics, writer, text, rect.width(), rect.height(), flags)
            planned += plan is not None
            _draw(painter, plan, rect, flags, text)

    expected = _content(tmp_path / "rect.pdf", by_rectangle)
    actual = _content(tmp_path / "plan.pdf", by_plan)
    assert planned == len(TEXTS) * 3  # every case took the shortcut
    assert actual == expected


def test_plan_refuses_what_it_cannot_match(tmp_path: Path) -> None:
    writer = QPdfWriter(str(tmp_path / "x.pdf"))
    writer.setResolution(300)
    font = _font(10)
    metrics = QFontMetricsF(font, writer)

    def plan(text: str, width: float = 400.0, height: float = 1e6, flags: int = WRAP) -> object:
        return _plan(font, metrics, writer, text, width, height, flags | TOP_LEFT)

    assert plan("") == []
    assert plan("שלום") is None  # right-to-left: Qt's full layout
    assert plan(" leading space") is None
    assert plan("tab\there") is None
    assert plan("a long line that wraps", width=40.0, height=metrics.height()) is None  # clipped
    assert plan("no wrap and too wide", width=40.0, flags=0) is None
    single = plan("fits")
    assert isinstance(single, list) and len(single) == 1
