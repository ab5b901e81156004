"""The printed worksheet says which review decided each row whose decision was carried from
an earlier one, when and by whom (decision 500): on paper a carried decision showed only as
a ticked box, and the instructions said every such row "was decided in CQRS Desktop", so
last month's decision, a colleague's in another review, read as this review's. Printed
through the app's own code and read back (`pdf_text`: poppler's `pdftotext`, or pypdf where
it is not installed). Invented people."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtGui import QPageSize, QPdfWriter

from cqrs_desktop.domain.model import Decision, DecisionRecord, VaccinationEvent
from cqrs_desktop.domain.review import Review
from cqrs_desktop.reports.documents import worksheet_document
from cqrs_desktop.reports.printing import (
    PDF_DPI,
    prepare_device,
    render_document,
    write_worksheet_pdf,
)
from cqrs_desktop.reports.summary import build_summary
from tests.reports.pdf_text import layout_text
from tests.reports.reports_factory import (
    MIXED_CLAIMS,
    MIXED_PLAN,
    build_review,
    mixed_decider,
    search_rows,
)

SEPTEMBER = ("pertussis_pregnant", "2024-09")  # the worksheet's first month: rows 1 to 7
# Pertussis September's rows (by index) carried, from which review, by whom and when
CARRIED = {
    0: ("A.cqrsreview", "Alex Month1", "2026-10-01T12:00:00+00:00"),
    2: ("A.cqrsreview", "Alex Month1", "2026-10-01T12:05:00+00:00"),
    3: ("A.cqrsreview", "Alex Month1", "2026-10-01T14:00:00+00:00"),
    4: ("A.cqrsreview", "Alex Month1", "2026-10-01T15:30:00+00:00"),
    5: ("Review November.cqrsreview", "Blake Earlier", "2026-11-03T12:00:00+00:00"),
}


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """One QApplication for the session (pytest-qt); the renderer uses it."""


def _review(carry: bool) -> Review:
    """The mixed review; with `carry`, five of Pertussis September's seven decisions carried
    from two earlier reviews (rows 2 and 7 decided in this review)."""

    def decide(event: VaccinationEvent, index: int) -> DecisionRecord | None:
        record = mixed_decider(event, index)
        september = (event.programme, event.month) == SEPTEMBER
        if carry and record is not None and september and index in CARRIED:
            review, reviewer, when = CARRIED[index]
            return dataclasses.replace(
                record, carried_from=review, reviewer=reviewer, decided_at=when
            )
        return record

    return build_review(search_rows(MIXED_PLAN), list(MIXED_CLAIMS), decide)


def _printed(tmp_path: Path, review: Review) -> tuple[list[str], str]:
    """The PDF's lines (`-layout`, spaces squeezed) and its words in one line."""
    path = tmp_path / "worksheet.pdf"
    write_worksheet_pdf(build_summary(review), path)
    text = layout_text(path)
    return [" ".join(line.split()) for line in text.splitlines()], " ".join(text.split())


def test_row_numbers_are_said_in_runs() -> None:
    from cqrs_desktop.reports.worksheet_content import row_ranges

    assert row_ranges([1, 3, 4, 5, 7, 8, 10]) == "1, 3-5, 7, 8, 10"
    assert row_ranges([6]) == "6"
    assert row_ranges(list(range(1, 301))) == "1-300"


def test_each_carried_row_says_which_review_decided_it_when_and_by_whom(tmp_path: Path) -> None:
    lines, words = _printed(tmp_path, _review(carry=True))
    # one line for each review, day and reviewer, with its rows (the times of day apart)
    assert "1, 3-5 decided in A.cqrsreview on 01 Oct 2026 by Alex Month1" in lines
    assert "6 decided in Review November.cqrsreview on 03 Nov 2026 by Blake Earlier" in lines
    assert words.count("decided in A.cqrsreview") == 1
    assert "Rows Carried from an earlier review: which review decided them, when, by whom" in words
    assert (
        "Decided in an earlier review and carried into this one (by row number; the box "
        "ticked is that review's decision): check them only if in doubt." in words
    )
    # the instructions and the count say a ticked box may be another review's decision
    assert (
        "A row whose box is already ticked was decided in CQRS Desktop, in this review or, "
        "where its month's rows list it as carried, in an earlier review (which review, when "
        "and by whom are listed there): check it only if in doubt" in words
    )
    assert "already decided (their box is ticked), 5 of those in an earlier review" in words


def test_a_review_with_nothing_carried_says_its_ticks_are_its_own(tmp_path: Path) -> None:
    review = _review(carry=False)
    assert not any(
        (d := review.decision(e.id)) is not None and d.carried_from for e in review.events
    )
    assert any(
        (d := review.decision(e.id)) is not None and d.decision is Decision.PRACTICE
        for e in review.events
    )
    _, words = _printed(tmp_path, review)
    assert (
        "A row whose box is already ticked was decided in CQRS Desktop, in this review: check "
        "it only if in doubt" in words
    )
    assert "carried" not in words and "earlier review (" not in words


def test_the_line_under_the_title_wraps_never_cut_off(tmp_path: Path) -> None:
    """With every count and a long reviewer's name the line under the title is longer than
    Letter paper is wide: it was cut off at the edge, mid-count; it goes on to a second line."""
    summary = dataclasses.replace(
        build_summary(_review(carry=True)),
        reviewer="Alexandrina-Victoria Persephone Featherstonehaugh-Cholmondeley-Worthington",
    )
    document = worksheet_document(summary)
    assert "5 of those in an earlier review; 1 marked unsure" in document.subtitle
    path = tmp_path / "letter.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.Letter))
    prepare_device(writer, document.landscape, set_a4=False)
    render_document(document, writer)
    del writer  # the PDF is finished when its writer goes
    pages = layout_text(path).split("\f")
    for page in pages[:-1]:  # on every page, whole
        assert " ".join(document.subtitle.split()) in " ".join(page.split())
