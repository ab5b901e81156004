"""The two readers of printed documents (`tests/reports/pdf_text.py`) read the same paper.

The paper tests read PDFs back with poppler's `pdftotext` where it is installed (Linux) and
with pypdf where it is not (the Windows Python, under Wine or on a PC: decision 580). Where
both are here, the stress review's worksheet and report (`paper_reviews`), printed by the
app's own code, read the same through either: every word with its box, every page, every
line's words in order. pypdf's layout spaces columns further apart and keeps other blank
lines: the paper tests' line patterns allow for both (`CQRS_PDF_TEXT=pypdf` runs them with
pypdf on Linux)."""

from __future__ import annotations

from pathlib import Path

import pytest

import tests.reports.pdf_text as pdf_text
from cqrs_desktop.reports.printing import write_report_pdf, write_worksheet_pdf
from cqrs_desktop.reports.summary import build_summary
from tests.reports.paper_reviews import paper_review

pytestmark = pytest.mark.skipif(
    pdf_text.PDFTOTEXT is None, reason="poppler's pdftotext is not here to compare pypdf with"
)


@pytest.fixture(autouse=True)
def _qt(qapp: object) -> None:
    """One QApplication for the session (pytest-qt); the renderer uses it."""


def _lines(text: str) -> list[list[str]]:
    """Each page's lines that hold words, the spaces between the words squeezed."""
    return [
        [" ".join(line.split()) for line in page.splitlines() if line.strip()]
        for page in text.split("\f")
    ]


@pytest.mark.parametrize("document", ["worksheet", "report"])
def test_pypdf_reads_the_paper_as_pdftotext_does(
    tmp_path: Path, document: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / f"{document}.pdf"
    write = write_worksheet_pdf if document == "worksheet" else write_report_pdf
    pages = write(build_summary(paper_review()), path)
    assert pages > 20
    poppler = pdf_text.word_boxes(path), pdf_text.layout_text(path)
    monkeypatch.setattr(pdf_text, "PDFTOTEXT", None)
    pypdf = pdf_text.word_boxes(path), pdf_text.layout_text(path)

    assert pypdf[0].sizes == poppler[0].sizes and len(poppler[0].sizes) == pages

    def place(w: pdf_text.Word) -> tuple[int, int, float]:
        return (w.page, round(w.y0), w.x0)

    theirs, ours = sorted(poppler[0].words, key=place), sorted(pypdf[0].words, key=place)
    assert len(theirs) > 5000
    assert [(w.page, w.text) for w in ours] == [(w.page, w.text) for w in theirs]
    for a, b in zip(ours, theirs, strict=True):
        gap = max(abs(a.x0 - b.x0), abs(a.x1 - b.x1), abs(a.y0 - b.y0), abs(a.y1 - b.y1))
        assert gap < 0.01, (a, b)
    assert pypdf[1].count("\f") == poppler[1].count("\f") == pages
    assert _lines(pypdf[1]) == _lines(poppler[1])
