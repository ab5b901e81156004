"""The worksheet a practice ticks with a pen names each box as the window does, so what
she ticked on paper is found under the same words when she enters it (decision 293)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from cqrs_desktop.domain.explain import DECISION_WORDS, STILL_TO_CORRECT, reason
from cqrs_desktop.domain.model import Decision
from cqrs_desktop.reports.documents import worksheet_document
from cqrs_desktop.reports.printing import write_worksheet_pdf
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.worksheet_content import TICK_COLUMNS
from cqrs_desktop.ui.decision_bar import ACTION_DONE
from tests.reports.reports_factory import mixed_review


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """One QApplication for the session (pytest-qt); the renderer uses it."""


def test_the_worksheets_boxes_are_the_windows_words() -> None:
    boxes = [" ".join(title.split("\n")) for title in TICK_COLUMNS]
    decided = [DECISION_WORDS[d] for d in Decision if d is not Decision.UNSURE]
    assert boxes == [*decided, ACTION_DONE]


def test_the_worksheet_and_its_reason_name_the_tick_as_the_window_does(tmp_path: Path) -> None:
    summary = build_summary(mixed_review())
    document = worksheet_document(summary)
    path = tmp_path / "worksheet.pdf"
    write_worksheet_pdf(summary, path)
    text = " ".join(
        " ".join(page.extract_text().replace("\t", " ").split()) for page in PdfReader(path).pages
    )
    assert f"tick '{ACTION_DONE}'" in document.blocks[0].text  # type: ignore[attr-defined]
    assert "Clinical system updated" in text
    assert "System updated" not in text.replace("Clinical system updated", "")
    assert "System updated" not in reason(STILL_TO_CORRECT).check
