"""Printing and PDFs from the app: the real renderers, for all events or only those chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from cqrs_desktop.domain.nhs import format_nhs_number
from cqrs_desktop.errors import OperationCancelled
from cqrs_desktop.ui import printing
from cqrs_desktop.ui.main_window import OVERVIEW, RESULTS, WALKTHROUGH
from cqrs_desktop.ui.print_dialog import PrintDialog

from .conftest import wait_idle


def _text(path: Path) -> str:
    return "\n".join(p.extract_text().replace("\t", " ") for p in PdfReader(str(path)).pages)


def _nhs(event) -> str:  # type: ignore[no-untyped-def]
    return format_nhs_number(event.nhs_number or event.nhs_number_as_found)


def _open_demo(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    assert window.session is not None


def test_worksheet_pdf_from_the_results_page_lists_every_event_to_check(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    _open_demo(qtbot, window)
    window.show_page(RESULTS)
    window.results.print_worksheet.click()
    dialogs = [d for d in window.findChildren(PrintDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.which == "worksheet" and dialog.scope.key == "all"
    assert dialog.pdf_button.isDefault(), "Enter saves the PDF, as the blue button says"
    target = tmp_path / "worksheet.pdf"
    dialog.save_pdf(target)
    assert not dialog.isVisible()
    wait_idle(qtbot, window)
    assert target.is_file()
    assert not list(tmp_path.glob("~*")), "no temporary file is left behind"
    text = _text(target)
    needing = [e for e in window.session.review.events if e.needs_review]
    assert needing
    for event in needing:
        assert _nhs(event) in text
    assert "Saved worksheet.pdf" in window.statusBar().currentMessage()


def test_printing_the_events_chosen_in_the_list_prints_only_those(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open_demo(qtbot, window)
    window.show_page(WALKTHROUGH)
    view = window.walkthrough.events.view
    model = window.walkthrough.events.model
    assert model.rowCount() >= 4
    for row in (1, 3):  # Ctrl+click two rows: the walk-through follows, the selection stays
        rect = view.visualRect(model.index(row, 2))
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier,
            rect.center(),
        )
    review = window.session.review
    chosen = [review.events[model.rows[r]] for r in (0, 1, 3)]  # row 0 was current already
    assert window.walkthrough.events.selected_ids() == [e.id for e in chosen]
    assert window.session.walk.current.id == chosen[-1].id

    target = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return printer

    monkeypatch.setattr(printing, "new_printer", pdf_printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    dialog = window.print_or_save(origin="list")
    assert dialog is not None
    assert dialog.scope.key == "selected"
    assert "3 events selected" in dialog.scope_radios["selected"].text()
    dialog.choose(which="worksheet")
    dialog.print_()
    text = _text(target)
    for event in chosen:
        assert _nhs(event) in text
    others = [e for e in review.events if e.needs_review and e not in chosen]
    assert others and not any(_nhs(e) in text for e in others)
    assert "Sent" in window.statusBar().currentMessage()


def test_the_month_selected_in_the_overview_is_offered(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open_demo(qtbot, window)
    window.show_page(OVERVIEW)
    overview = window.overview
    rows = [i for i, item in enumerate(overview.model.items) if item.flagged]
    overview.view.selectRow(rows[0])
    item = overview.model.items[rows[0]]
    window.overview.print_button.click()
    dialog = next(d for d in window.findChildren(PrintDialog) if d.isVisible())
    assert dialog.scope.key == "month"
    ids = set(dialog.scope.event_ids or ())
    review = window.session.review
    assert ids and all(
        (review.event(i).programme, review.event(i).month) == (item.programme, item.month)
        for i in ids
    )
    dialog.choose(which="report")
    target = tmp_path / "month report.pdf"
    dialog.save_pdf(target)
    wait_idle(qtbot, window)
    text = _text(target)
    assert all(_nhs(review.event(i)) in text for i in ids)
    dialog.close()


def test_a_cancelled_pdf_leaves_no_file(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open_demo(qtbot, window)
    target = tmp_path / "never.pdf"
    summary = window.results.summary_now()
    with pytest.raises(OperationCancelled):
        printing.write_pdf("report", summary, target, None, None, lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_the_preview_shows_the_pages_of_the_chosen_document(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    _open_demo(qtbot, window)
    dialog = window.print_or_save("report")
    assert dialog is not None and dialog.which == "report"
    preview = dialog.preview()
    widget = preview.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: widget.pageCount() >= 1, timeout=10000)
    assert "report" in preview.windowTitle()
    preview.close()
    # closing the preview comes back to the choice, to print or save what was seen
    assert dialog.isVisible()
    dialog.reject()


def test_cancelling_a_pdf_save_in_the_window_says_nothing_was_saved(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    _open_demo(qtbot, window)
    reached, release = threading.Event(), threading.Event()
    real = printing.write_pdf

    def held(*args, **kwargs):  # type: ignore[no-untyped-def]
        reached.set()
        release.wait(60)
        return real(*args, **kwargs)

    monkeypatch.setattr(printing, "write_pdf", held)
    (tmp_path / "worksheet.pdf").write_bytes(b"%PDF last month's")
    window.statusBar().showMessage("Saved worksheet.pdf (3 pages)")  # an earlier save
    dialog = window.print_or_save("worksheet")
    dialog.save_pdf(tmp_path / "worksheet.pdf")
    qtbot.waitUntil(reached.is_set, timeout=20000)
    window.ops.running[0].cancel()
    release.set()
    wait_idle(qtbot, window)
    assert window.statusBar().currentMessage() == (
        "Saving the worksheet as PDF cancelled: nothing was saved and the worksheet.pdf "
        "already there is unchanged"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["worksheet.pdf"]
    assert (tmp_path / "worksheet.pdf").read_bytes() == b"%PDF last month's"
