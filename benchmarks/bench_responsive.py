"""How long the window stops answering during each thing a user does with a large review.

    uv run python benchmarks/bench_responsive.py [--events 200000] [--skip-slow]

Makes invented search exports (bench_check's rows, at most 100,000 a file), CQRS figures
and an earlier review with every event decided, then drives the real MainWindow
(offscreen): a new review with the files and the earlier decisions brought, the Check
events page, Overview, Results, the claims, a search's months, the workbook, the email
draft, both PDFs, a copy, removing and adding a file, closing and opening again. A 50 ms
timer on the GUI thread records the longest gap while each runs (the call itself, and any
background operation to its end): a gap over 500 ms is a freeze a user feels. Invented
people, 999 numbers. --skip-slow leaves out the workbook and the PDFs (minutes).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def _sibling(name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def make_inputs(folder: Path, events: int) -> tuple[list[Path], Path, Path]:
    """The search files, the CQRS figures and an earlier review deciding every event."""
    bench_check = _sibling("bench_check")
    from cqrs_desktop import session
    from cqrs_desktop.domain.model import Decision, DecisionRecord, Practice
    from cqrs_desktop.domain.review import Review
    from cqrs_desktop.store import ReviewFile

    searches = []
    for part, start in enumerate(range(0, events, 100_000)):
        path = folder / f"search{part}.csv"
        bench_check.write_csv(path, bench_check.rows(min(100_000, events - start), seed=part + 1))
        searches.append(path)
    cqrs = folder / "cqrs.csv"
    cqrs.write_text(
        "programme,month,count\n"
        + "".join(
            f"{p},2024-{m:02d},{1000 + m}\n"
            for p in ("pertussis_pregnant", "rsv_pregnant", "hpv")
            for m in (9, 10, 11, 12)
        ),
        encoding="utf-8",
    )
    rules, rules_text = session.load_rules()
    practice = Practice("F99001", "Benchmark Practice", "Bench")
    imported = session.import_inputs(
        practice, [session.SearchFile(s) for s in searches], [], [], rules
    )
    review = Review(imported.inputs, rules)
    records = [
        DecisionRecord(
            e.id,
            Decision.OTHER_PROVIDER if i % 7 == 0 else Decision.PRACTICE,
            reviewer="B. Marker",
            decided_at="2026-10-01T10:00:00+00:00",
        )
        for i, e in enumerate(review.events)
    ]
    earlier = folder / "F99001 CQRS check 2026-10-01.cqrsreview"
    ReviewFile.create(earlier, review, rules_text, None, records).close()
    return searches, cqrs, earlier


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--skip-slow", action="store_true")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="cqrs-responsive-"))
    os.environ["CQRS_DESKTOP_HOME"] = str(home)
    try:
        return _run(home, args.events, args.skip_slow)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _run(home: Path, events: int, skip_slow: bool) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from cqrs_desktop import settings
    from cqrs_desktop.app import make_app
    from cqrs_desktop.domain.model import Decision
    from cqrs_desktop.ui import look

    app = make_app([])
    look.apply(app)
    data = home / "inputs"
    data.mkdir()
    print(f"making {events:,} invented events and an earlier review ...", flush=True)
    searches, cqrs, earlier = make_inputs(data, events)
    settings.save(
        settings.Settings(
            practice_name="Benchmark Practice",
            ods_code="F99001",
            reviewer="Bench",
            recent_reviews=(str(earlier),),
        )
    )
    from cqrs_desktop.ui.main_window import MainWindow

    gap = {"max": 0.0, "last": time.perf_counter()}

    def beat() -> None:
        now = time.perf_counter()
        gap["max"] = max(gap["max"], now - gap["last"])
        gap["last"] = now

    heart = QTimer()
    heart.setInterval(50)
    heart.timeout.connect(beat)
    heart.start()

    def settle(ms: int) -> None:
        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            app.processEvents()
            time.sleep(0.005)

    window = MainWindow()
    window.resize(1366, 768)
    window.show()
    settle(300)

    def measure(label: str, action: Callable[[], object]) -> None:
        settle(150)
        gap["max"], gap["last"] = 0.0, time.perf_counter()
        start = time.perf_counter()
        action()
        call = time.perf_counter() - start
        while window.ops.busy:
            app.processEvents()
            time.sleep(0.005)
        total = time.perf_counter() - start
        settle(150)
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox) and box.isVisible():
                print(f"  (a message: {box.text()[:120]})")
                box.close()
        longest = max(gap["max"], call)
        mark = "  FREEZE" if longest > 0.5 else ""
        print(
            f"{label:42s} on the GUI thread {call * 1000:6.0f} ms; longest gap "
            f"{longest * 1000:6.0f} ms; all done in {total:6.1f} s{mark}",
            flush=True,
        )

    page = window.walkthrough
    out = home / "out"
    out.mkdir()
    measure("new review (Files page)", lambda: window._new_review(earlier))
    measure("add the files (looked at)", lambda: window.sources.add_files([*searches, cqrs]))
    measure("import, bring decisions, make", window.sources.request_import)
    measure("Check events page", lambda: window.show_page(2))
    measure("Right", lambda: page.step(1))
    measure("P (decide, save, next)", lambda: page.decide(Decision.PRACTICE))
    measure("Ctrl+Z", page.undo)
    measure("filter: all events", lambda: page.events.status_box.setCurrentIndex(4))
    measure("find a name", lambda: page.find_patient("Okafor"))
    measure("find cleared", lambda: page.find_patient(""))
    bar = page.events.view.verticalScrollBar()
    measure("list scrolled to its end", lambda: bar.setValue(bar.maximum()))
    measure("Overview", lambda: window.show_page(1))
    measure("Results", lambda: window.show_page(3))
    measure("Files page", lambda: window.show_page(0))
    assert window.session is not None
    claims = list(window.session.review.inputs.claims)
    measure("a claim removed (claims grid)", lambda: window.set_claims(claims[:-1]))
    measure(
        "a search's months stated", lambda: window.set_span("search0.csv", ("2024-08", "2024-12"))
    )
    measure("Results after a change", lambda: window.show_page(3))
    if not skip_slow:
        measure("audit workbook", lambda: window.results.write_workbook(out / "audit.xlsx"))
        for which in ("worksheet", "report"):
            dialog = window.print_or_save(which)  # type: ignore[arg-type]
            assert dialog is not None

            def save_pdf(d: Any = dialog, w: str = which) -> None:
                d.save_pdf(out / f"{w}.pdf")

            measure(f"{which} PDF (whole review)", save_pdf)
    measure("email draft", lambda: window.results.write_draft(out / "draft.eml"))
    measure("save a copy", lambda: window.save_copy(out / "copy.cqrsreview"))
    if len(searches) > 1:
        measure("remove a search", lambda: window.remove_source(searches[-1].name))
        measure("add it back (looked at)", lambda: window.sources.add_files([searches[-1]]))
        measure("add it back (imported)", window.sources.request_import)
    path = window.session.path
    measure("close the review", window.close_review)
    measure("open it again", lambda: window.open_review(path))
    measure("close the window", window.close)
    return 0


if __name__ == "__main__":
    sys.exit(main())
