"""Render every page of the app at the sizes practices have and report what does not fit.

    python -m tests.ui.layout_probe [--shots DIR]      (QT_SCALE_FACTOR set by the caller)

One window, on the demo, resized through the sizes (in logical pixels: what a 1366x768
laptop at 125% leaves the window, 1920x1080 at 150%, 1280x720 at 100%, and the smallest
supported); at each, every page and the walk-through's states are checked with
`layout_check.check_window`, and every dialog over them: Fix columns, the question on
closing with files waiting, "Given here?", Print or save, the keyboard shortcuts, the
help, Practice details (as changed, at the first run, and with a mistyped ODS code) and a
problem's and a note's message boxes. Prints one JSON object: {"problems": [...], "shown": [...],
"check_events": {size: {"beside": bool, "rows": int, "patient_whole": bool,
"decisions_hidden": [...]}}}: whether the card is beside the list, how many rows of the list
show, whether the patient's card shows whole in the card area, and the decision buttons
not wholly in sight (as the page first shows, nothing scrolled); and "carried": the same,
{size: {...}}, for a decision carried from last month not yet corrected (its bar at its
tallest).
A scale factor is fixed per process (Qt reads it once), so the test runs this once per
factor.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

SIZES = ((1093, 614), (1280, 720), (1280, 688), (1024, 600))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shots", type=Path, default=None, help="save a PNG of each state")
    parser.add_argument("--sizes", default="", help="e.g. 1093x614,1280x720")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if "CQRS_DESKTOP_HOME" not in os.environ:  # settings of its own, gone when it ends
        home = tempfile.TemporaryDirectory(prefix="cqrs-layout-", ignore_cleanup_errors=True)
        atexit.register(home.cleanup)
        os.environ["CQRS_DESKTOP_HOME"] = home.name

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

    from cqrs_desktop import settings
    from cqrs_desktop.app import build_window, make_app
    from cqrs_desktop.domain.model import Decision, DecisionRecord
    from cqrs_desktop.ui.dialogs import PracticeDialog
    from cqrs_desktop.ui.main_window import MainWindow
    from cqrs_desktop.ui.messages import show_info, show_problem
    from tests.qt_fonts import windows_sans_serif
    from tests.ui.layout_check import check_window

    windows_sans_serif()  # Windows's proportional UI font, not the first one found (Wine)
    app = make_app([])
    settings.save(
        settings.Settings(
            practice_name="Meadowbank Surgery", ods_code="Y99001", reviewer="Layout Probe"
        )
    )

    def wait(ms: int = 30) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    window = build_window()
    assert isinstance(window, MainWindow)
    window.setWindowState(Qt.WindowState.WindowNoState)
    window.show()
    problems: list[str] = []
    shown: list[str] = []
    check_events: dict[str, dict[str, object]] = {}
    carried_shown: dict[str, dict[str, object]] = {}
    sizes = (
        [tuple(int(v) for v in s.split("x")) for s in args.sizes.split(",")]
        if args.sizes
        else SIZES
    )

    def settled(target: QWidget) -> None:
        """Wait until no widget moves: a page that has just made its widgets (the notes of
        Results) takes a few rounds of layout to settle, 100-150 ms under Wine, and a
        picture taken between them showed text cut that a moment later sits whole."""
        before: list[tuple[int, int, int, int]] = []
        for _ in range(40):  # (2 s at most)
            app.processEvents()
            wait()
            now = [w.geometry().getRect() for w in target.findChildren(QWidget)]
            if now == before:
                return
            before = now

    def check(what: str, top: QWidget | None = None) -> None:
        target = top or window
        settled(target)
        shown.append(what)
        problems.extend(f"{what}: {p}" for p in check_window(target))
        if args.shots is not None:
            args.shots.mkdir(parents=True, exist_ok=True)
            name = what.replace(" ", "-").replace(",", "").replace("/", "-")
            target.grab().save(str(args.shots / f"{name}.png"))

    # last month's review of the practice (the demo's files): the start page offers this
    # month's from it, and a new review's Files page offers its decisions
    from cqrs_desktop import paths
    from cqrs_desktop import session as steps
    from cqrs_desktop.ui import backend

    earlier = paths.reviews_dir() / "Y99001 CQRS check 2024-11-04 (last month).cqrsreview"
    backend.create_review(
        earlier, steps.demo_practice(), steps.demo_searches(), steps.demo_cqrs_files()
    ).store.close()
    window.settings = window.settings.with_recent(earlier)
    settings.save(window.settings)
    window.close_review()  # the start page, its offers read again

    # the start page, then a new review's Files page with files waiting, then the demo
    for width, height in sizes:
        window.resize(width, height)
        wait(60)
        if window.width() > width or window.height() > height:
            problems.append(
                f"{width}x{height}: the window cannot be that small "
                f"(it stays {window.width()}x{window.height()})"
            )
        check(f"{width}x{height} start")

    # a new review: the demo's files added, waiting to be imported

    def idle() -> None:
        for _ in range(400):
            if not window.ops.busy and window.sources.earlier_reading is None:
                return
            wait(50)

    window.new_review()
    idle()
    for width, height in sizes:  # before any file is added: the preview has no column
        window.resize(width, height)
        wait(60)
        check(f"{width}x{height} new review files, none added")
    demo = paths.resource("demo")
    window.sources.add_files(sorted(demo.glob("*.csv")))
    idle()
    for width, height in sizes:
        window.resize(width, height)
        wait(60)
        for row in range(window.sources.model.rowCount()):
            window.sources.view.selectRow(row)
            check(f"{width}x{height} new review files row {row + 1}")
        # Fix columns, over the Files page: the first file's columns and first rows
        window.sources.view.selectRow(0)
        mapping = window.sources.fix_columns()
        if mapping is not None:
            check(f"{width}x{height} fix columns", mapping)
            mapping.reject()
        # the claims grid's month box, and what it says of a month it cannot read
        window.sources.claims.month_box.setText("Smarch")
        window.sources.claims.month_box.returnPressed.emit()
        check(f"{width}x{height} new review files, not a month")
        window.sources.claims.say("")
        window.sources.claims.month_box.clear()
        # closing with files waiting: the question
        window._ask_close_without_importing(  # (the question, not the close)
            "3 files are waiting on the Files page, not imported (searches.csv, "
            "cqrs_figures.csv and emis_search.csv)"
        )
        wait(60)
        question = window.findChild(QMessageBox)
        if question is not None:
            check(f"{width}x{height} close without importing", question)
            question.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
            question.finished.disconnect()
            question.reject()
            question.deleteLater()
            app.processEvents()
    window.close_review()

    window.open_demo()
    for _ in range(400):
        if window.session is not None and not window.ops.busy:
            break
        wait(50)
    session = window.session
    assert session is not None
    page = window.walkthrough

    def state(what: str, setup: Callable[[], object], teardown: Callable[[], object]) -> None:
        setup()
        check(what)
        teardown()

    for width, height in sizes:
        window.resize(width, height)
        wait(60)
        at = f"{width}x{height}"
        if window.width() > width or window.height() > height:
            problems.append(
                f"{at}: with a review open the window cannot be that small "
                f"(it stays {window.width()}x{window.height()})"
            )
        for index, name in enumerate(("files", "overview", "check-events", "results")):
            window.show_page(index)
            check(f"{at} {name}")
            if name == "check-events":
                check_events[at] = measure_check_events(page)
        window.show_page(2)
        first_pending = session.walk.current
        # after O: the follow-up from the rules, on the same patient
        state(
            f"{at} check-events after O",
            lambda: page.decide(Decision.OTHER_PROVIDER),
            session.undo,
        )
        # decisions carried from last month: what the latest search shows, at its longest
        # (shown from records put in memory only, never saved)
        if first_pending is not None:
            carried = "Y99001 CQRS check 2024-11-04 (last month).cqrsreview"
            where = f"{first_pending.source}, row {first_pending.row}"
            for what, record in (
                ("not yet corrected", DecisionRecord(
                    first_pending.id, Decision.OTHER_PROVIDER, False, "Maternity unit dose",
                    "Layout Probe (an earlier reviewer)", "2024-11-05T10:00:00+00:00",
                    carried, None, "not_corrected",
                    f"still the practice's own dose in {where} (the earlier review says it "
                    "was updated: check the record)",
                )),
                ("seen corrected", DecisionRecord(
                    first_pending.id, Decision.OTHER_PROVIDER, True, "", "Layout Probe",
                    "2024-11-05T10:00:00+00:00", carried, "export", "corrected",
                    f"seen corrected in {where} (marked not GMS, a 'given by another "
                    f"provider' code in {first_pending.source}, row {first_pending.row + 1})",
                )),
            ):  # fmt: skip
                before = session.review.apply(first_pending.id, record)
                state(f"{at} check-events carried, {what}", page.refresh, lambda: None)
                if what == "not yet corrected":  # the bar at its tallest (decision 560)
                    carried_shown[at] = measure_check_events(page)
                session.review.apply(first_pending.id, before)
                page.refresh()
        # a month whose events are all decided: the offer of the next month
        month = ("pertussis_pregnant", "2024-11")

        def finish_month(key: tuple[str, str] = month) -> None:
            window.open_item(*key)
            page.decide(Decision.PRACTICE)
            if page.confirm_dialog is not None and page.confirm_dialog.isVisible():
                page.confirm_dialog.accept()

        state(f"{at} check-events month done", finish_month, session.undo)
        # a month with nothing to check: why, instead of a patient card
        state(
            f"{at} check-events nothing to check",
            lambda: window.open_item("pertussis_pregnant", "2024-12"),
            page.show_list,
        )

        # every event decided: Results with the declaration notes, at their longest (the
        # decisions put in memory only, never saved)
        undo: dict[str, DecisionRecord | None] = {}

        def decide_all(undo: dict[str, DecisionRecord | None] = undo, unsure: int = 0) -> None:
            """Every event decided, the first `unsure` of them marked unsure (the table's
            "Checked" then says "N of M, 1 unsure", its widest: decision 373)."""
            undo.clear()
            for e in session.review.events:
                if e.needs_review and session.review.decision(e.id) is None:
                    decision = Decision.UNSURE if len(undo) < unsure else Decision.PRACTICE
                    record = DecisionRecord(e.id, decision, False, "", "Layout Probe",
                                            "2024-12-01T10:00:00+00:00")  # fmt: skip
                    undo[e.id] = session.review.apply(e.id, record)
            window.show_page(3)
            window.results.rebuild()
            wait(60)
            bar = window.results.page_scroll.verticalScrollBar()
            bar.setValue(bar.maximum())  # the notes in sight, for the picture

        def undecide_all(undo: dict[str, DecisionRecord | None] = undo) -> None:
            for event_id, before in undo.items():
                session.review.apply(event_id, before)
            window.results.rebuild()
            window.show_page(2)

        state(f"{at} results with declaration notes", decide_all, undecide_all)
        state(f"{at} results one unsure", lambda: decide_all(unsure=1), undecide_all)
        # given here against the evidence: the question, over the window
        flagged = next(
            e
            for e in session.review.events
            if e.needs_review and {"non_gms", "other_organisation"} & set(e.flags)
        )
        page.show_event(flagged.id)
        page.decide(Decision.PRACTICE)
        dialog = page.confirm_dialog
        if dialog is not None and dialog.isVisible():
            wait(60)
            if dialog.width() > width or dialog.height() > height:
                problems.append(f"{at} the 'Given here?' question is bigger than the window")
            check(f"{at} given-here question", dialog)
            dialog.reject()
        if first_pending is not None:
            page.show_event(first_pending.id)
        chooser: QDialog | None = window.print_or_save("report")
        if chooser is not None:
            wait(60)
            check(f"{at} print or save", chooser)
            chooser.reject()
        for name, open_dialog in (
            ("keyboard shortcuts", window.show_cheat_sheet),
            ("help", window.show_help),
            ("practice details", window.edit_practice),
        ):
            dialog = open_dialog()
            wait(60)
            frame = dialog.frameGeometry()
            if frame.width() > width or frame.height() > height:
                problems.append(
                    f"{at} {name} is bigger than the window: {frame.width()}x{frame.height()}"
                )
            check(f"{at} {name}", dialog)
            dialog.reject()
        # practice details at the first run (nothing filled in yet), and with a wrong code
        first_run = PracticeDialog(window, settings.Settings())
        first_run.open()
        wait(60)
        check(f"{at} practice details first run", first_run)
        first_run.fields["ods_code"].setText("Y9901")
        check(f"{at} practice details wrong code", first_run)
        first_run.reject()
        # message boxes: a problem (with its details for IT support) and a note
        for name, box in (
            ("message a problem", show_problem(
                window, "The copy was not saved",
                "Y99001 CQRS check 2024-12-01.cqrsreview could not be written: the folder "
                "is read-only. Choose another folder.",
                "PermissionError: [Errno 13] Permission denied",
            )),
            ("message a note", show_info(
                window, "Nothing to bring",
                "No earlier review of Y99001 is in your recent reviews.",
            )),
        ):  # fmt: skip
            wait(60)
            check(f"{at} {name}", box)
            box.reject()
    window.close()
    app.processEvents()
    print(
        json.dumps(
            {
                "problems": problems,
                "shown": shown,
                "check_events": check_events,
                "carried": carried_shown,
            }
        )
    )
    return 0


def measure_check_events(page: object) -> dict[str, object]:
    """What Check events shows of the list and the patient's card, as laid out now, and
    the decision buttons not wholly in sight in the window as it is (none scrolled)."""
    from PySide6.QtCore import QPoint, QRect, Qt

    from cqrs_desktop.ui.walkthrough_page import WalkThroughPage

    assert isinstance(page, WalkThroughPage)
    view = page.events.view
    rows = view.viewport().height() // max(view.verticalHeader().defaultSectionSize(), 1)
    patient = page.detail.patient
    layout = patient.layout()
    need = layout.totalMinimumHeightForWidth(patient.width()) if layout is not None else 0
    area = page.detail.card_scroll.viewport()
    top = patient.mapTo(area, patient.rect().topLeft()).y()
    whole = patient.height() >= need and top >= 0 and top + patient.height() <= area.height()
    nhs = patient.nhs  # a valid NHS number on one line (decision 540)
    one_line = nhs.height() < 2 * nhs.fontMetrics().lineSpacing() and nhs.width() >= (
        nhs.fontMetrics().horizontalAdvance(nhs.text()) + nhs.contentsMargins().left()
    )
    window = page.window()
    hidden = [
        button.text()
        for button in page.buttons.values()
        if not button.isVisible()
        or button.visibleRegion().boundingRect() != button.rect()
        or not window.rect().contains(QRect(button.mapTo(window, QPoint(0, 0)), button.size()))
    ]
    return {
        "beside": page.splitter.orientation() == Qt.Orientation.Horizontal,
        "rows": rows,
        "patient_whole": whole,
        "nhs_one_line": one_line,
        "decisions_hidden": hidden,
    }


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    sys.exit(main())
