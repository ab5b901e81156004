"""How long the review worksheet of 2,000 events takes to lay out and write as PDF.

Run: `uv run python benchmarks/bench_worksheet.py [EVENTS]`. Target: under 5 s for 2,000.
Also times the report PDF and the audit workbook of the same review, for reference.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cqrs_desktop.reports.printing import (
    ensure_gui_app,
    write_report_pdf,
    write_worksheet_pdf,
)
from cqrs_desktop.reports.summary import build_summary
from cqrs_desktop.reports.xlsx import write_workbook
from tests.reports.reports_factory import large_review

TARGET_SECONDS = 5.0


def main() -> int:
    events = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    ensure_gui_app()
    review = large_review(events, decided=True)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        start = time.perf_counter()
        summary = build_summary(review)
        built = time.perf_counter()
        pages = write_worksheet_pdf(summary, out / "worksheet.pdf")
        worksheet = time.perf_counter()
        report_pages = write_report_pdf(summary, out / "report.pdf")
        report = time.perf_counter()
        write_workbook(summary, [], out / "review.xlsx")
        workbook = time.perf_counter()
    total = worksheet - start
    print(f"events:              {events}")
    print(f"summary:             {built - start:6.2f} s")
    print(f"worksheet PDF:       {worksheet - built:6.2f} s ({pages} pages)")
    print(f"summary + worksheet: {total:6.2f} s (target < {TARGET_SECONDS:.0f} s)")
    print(f"report PDF:          {report - worksheet:6.2f} s ({report_pages} pages)")
    print(f"workbook:            {workbook - report:6.2f} s")
    return 0 if total < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
