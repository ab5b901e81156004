"""Print preview draws its pages with progress and Cancel (decision 362). A 200,000-event
worksheet (about 22,000 pages) took half a minute to preview with the window frozen and no
way out. Invented people only."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QProgressDialog

from cqrs_desktop.ui import backend

from . import synthetic


def _open(window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    review = synthetic.review(120)  # several pages
    store = synthetic.review_file(tmp_path, review)
    window.set_session(backend.Opened(tmp_path / "invented.cqrsreview", store, review))


def test_cancel_while_the_preview_is_drawn_closes_it_and_says_so(
    qtbot, window, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _open(window, tmp_path)
    dialog = window.print_or_save("worksheet")
    assert dialog is not None
    asked: list[str] = []

    def cancel() -> None:  # as the user would, on the progress shown while pages are drawn
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QProgressDialog) and not w.wasCanceled():
                asked.append(w.labelText())
                w.cancel()

    QTimer.singleShot(0, cancel)
    preview = dialog.preview()
    assert preview is not None
    qtbot.waitUntil(lambda: not preview.isVisible(), timeout=5000)
    assert asked == ["Preparing the preview of the worksheet…"]
    assert window.statusBar().currentMessage() == "Print preview stopped: nothing was printed"
    assert dialog.isVisible()  # back to the choice, to print or save as before
    dialog.reject()


def test_a_preview_not_cancelled_shows_every_page(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(window, tmp_path)
    dialog = window.print_or_save("report")
    assert dialog is not None
    preview = dialog.preview()
    assert preview is not None
    assert [w for w in dialog.findChildren(QPrintPreviewDialog) if w.isVisible()] == [preview]
    pages = preview.findChild(QPrintPreviewWidget)
    assert pages is not None and pages.pageCount() > 1
    assert not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.isVisible()
    ]
    assert window.statusBar().currentMessage() != "Print preview stopped: nothing was printed"
    preview.close()
    dialog.reject()
