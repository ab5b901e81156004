"""GUI speed with a very large review (200,000 events by default).

    uv run python benchmarks/bench_gui.py [--events 200000]

Targets (issue): window up < 2 s, next event < 50 ms, the event list scrolls smoothly.
The review is built in memory from invented rows and saved in a real review file in a
temporary folder, so a decision's timing includes its SQLite write.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def invented_rows(count: int) -> list:  # type: ignore[type-arg]
    from cqrs_desktop.domain.model import RowKind, SearchRow

    programmes = [
        ("pertussis_pregnant", "956951000000104"),
        ("rsv_pregnant", "1303503001"),
        ("hpv", "428741008"),
    ]
    start = dt.date(2024, 9, 1)
    rows = []
    for i in range(count):
        programme, code = programmes[i % 3]
        body = f"{(900000000 + i * 7) % 1000000000:09d}"
        total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
        check = (11 - total % 11) % 11
        nhs = body + str(check % 10)
        born = (
            dt.date(1985 + i % 15, 1 + i % 12, 1 + i % 28)
            if programme != "hpv"
            else dt.date(2008, 1 + i % 12, 1 + i % 28)
        )
        rows.append(
            SearchRow(
                source="big_search.csv",
                row=i + 2,
                programme=programme,
                kind=RowKind.EVENT,
                date=start + dt.timedelta(days=i % 120),
                nhs_number=nhs,
                surname=f"Surname{i % 5000}",
                forenames=f"Name{i % 777}",
                date_of_birth=born,
                sex="F",
                code=code,
                term="vaccination",
                organisation="F99001" if i % 9 else "RQX",
                has_organisation_column=True,
            )
        )
    return rows


def _wait(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="GUI timings with a large review")
    parser.add_argument("--events", type=int, default=200_000)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="cqrs-bench-"))
    os.environ["CQRS_DESKTOP_HOME"] = str(home)
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from cqrs_desktop import session, settings
    from cqrs_desktop.app import make_app
    from cqrs_desktop.domain.model import Decision, Practice, SourceSummary
    from cqrs_desktop.domain.review import Review, ReviewInputs
    from cqrs_desktop.ui import backend, look
    from cqrs_desktop.ui.main_window import MainWindow

    app = make_app([])
    look.apply(app)
    settings.save(settings.Settings(practice_name="Riverside", ods_code="F99001", reviewer="Bench"))
    t0 = time.perf_counter()
    rows = invented_rows(args.events)
    rules, rules_text = session.load_rules()
    practice = Practice("F99001", "Riverside", "Bench")
    summary = SourceSummary("big_search.csv", "0" * 64, len(rows), len(rows), 0, 0)
    review = Review(ReviewInputs(practice, (summary,), tuple(rows), (), ()), rules)
    t1 = time.perf_counter()
    path = home / "big.cqrsreview"
    store = session.new_review(path, review, rules_text)
    store.close()
    t2 = time.perf_counter()
    opened = backend.open_review(path)
    t3 = time.perf_counter()
    print(
        f"events: {len(review.events):,}  needing review: "
        f"{sum(e.needs_review for e in review.events):,}"
    )
    print(
        f"(not GUI) build review in memory: {t1 - t0:.2f} s; write file: {t2 - t1:.2f} s; "
        f"open file and rebuild review: {t3 - t2:.2f} s"
    )

    # window up: construct, show the review, first paint
    start = time.perf_counter()
    window = MainWindow()
    window.resize(1366, 700)
    window.show()
    window.set_session(opened)
    window.repaint()
    app.processEvents()
    window_up = time.perf_counter() - start
    print(f"window up with the review shown: {window_up * 1000:.0f} ms (target < 2000)")

    page = window.walkthrough
    # next event without deciding
    times = []
    for _ in range(200):
        s = time.perf_counter()
        page.step(+1)
        page.repaint()
        times.append(time.perf_counter() - s)
    print(
        f"next event (Right): median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms (target < 50)"
    )
    # decide and move to the next pending (includes the SQLite write)
    times = []
    for _ in range(100):
        s = time.perf_counter()
        page.decide(Decision.PRACTICE)
        page.repaint()
        times.append(time.perf_counter() - s)
    print(
        f"decide P, save, next: median {statistics.median(times) * 1000:.1f} ms, "
        f"max {max(times) * 1000:.1f} ms (target < 50)"
    )
    times = []
    for _ in range(30):
        s = time.perf_counter()
        page.undo()
        page.repaint()
        times.append(time.perf_counter() - s)
    print(f"undo: median {statistics.median(times) * 1000:.1f} ms")

    # scrolling the event list: one screen at a time through the whole list
    view = page.events.view
    bar = view.verticalScrollBar()
    steps = 300
    times = []
    for i in range(steps):
        s = time.perf_counter()
        bar.setValue(int(bar.maximum() * i / steps))
        view.viewport().repaint()
        times.append(time.perf_counter() - s)
    print(
        f"event list scroll ({page.events.model.rowCount():,} rows): median "
        f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms per frame "
        "(smooth < 16)"
    )
    # changing a filter
    s = time.perf_counter()
    page.events.status_box.setCurrentIndex(4)
    filter_time = time.perf_counter() - s
    print(f"filter change to all events: {filter_time * 1000:.0f} ms")
    s = time.perf_counter()
    page.find_patient("Surname4999")
    print(f"find by name: {(time.perf_counter() - s) * 1000:.0f} ms")

    window.close()
    QApplication.processEvents()
    _ = _wait
    return 0


if __name__ == "__main__":
    sys.exit(main())
