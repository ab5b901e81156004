"""The printed worksheet and report say when a review decided as the Patient card does,
"14 Oct 2026" (decision 581): they said "14/10/2026 10:30" (or "14/10/2026") beside a card
saying "decided in Review-October-2026-Riverside on 14 Oct 2026 by S. Earlier", so the
paper and the screen named one decision two ways. The workbook keeps the time of day.
Invented people, NHS numbers in the 999 range."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest

from cqrs_desktop.reports.document_model import Document, Table
from cqrs_desktop.reports.documents import worksheet_document
from cqrs_desktop.reports.report_content import report_document
from cqrs_desktop.reports.summary import ReportSummary, build_summary
from cqrs_desktop.reports.xlsx import write_workbook
from tests.reports.paper_reviews import EARLIER, OTHER, paper_review

DAY = r"\d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}"
NUMERIC = r"\d\d/\d\d/\d{4}"
# where a review, or this one, is said to have decided: "in X.cqrsreview on ...",
# "decided in X.cqrsreview on ...", an unsure row's "by Sam; on ..."
SAID_WHEN = re.compile(r"(\.cqrsreview|; ) ?on (\S+ \S+ \S+)")


@pytest.fixture(scope="module")
def summary() -> ReportSummary:
    return build_summary(paper_review())


def _cells(document: Document) -> list[str]:
    return [cell for b in document.blocks if isinstance(b, Table) for row in b.rows for cell in row]


@pytest.mark.parametrize("which", ["worksheet", "report"])
def test_paper_says_when_a_review_decided_as_the_card_does(
    summary: ReportSummary, which: str
) -> None:
    make = worksheet_document if which == "worksheet" else report_document
    said = [m for cell in _cells(make(summary)) for m in SAID_WHEN.finditer(cell)]
    # the carried rows, the earlier reviews that disagreed and (worksheet) the unsure rows
    assert len(said) > 40
    for name in (EARLIER, OTHER):
        assert any(f"{name} on 14 Oct 2026" in m.string for m in said), name
    for m in said:
        assert re.fullmatch(DAY + r"\S*", m.group(2)), m.string
        assert not re.search(NUMERIC, m.string.split(" (note:")[0]), m.string


def test_the_workbook_keeps_the_time_an_earlier_review_decided(
    summary: ReportSummary, tmp_path: Path
) -> None:
    path = tmp_path / "review.xlsx"
    write_workbook(summary, [], path)
    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book["Events"].iter_rows(values_only=True))
    book.close()
    column = rows[0].index("Carried from (earlier review)")
    differ = [r[column] for r in rows[1:] if r[column] and "differently" in r[column]]
    assert differ
    assert all(re.search(rf"{EARLIER} on {NUMERIC} \d\d:\d\d by", d) for d in differ)
