"""The Files page: files dropped from Explorer, a long import cancelled, files in the review."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from cqrs_desktop import paths
from cqrs_desktop.ui import messages

from .conftest import wait_idle

DEMO = ("emis_maternal_search.csv", "systmone_school_search.csv", "cqrs_figures.csv")


def _demo_copies(folder: Path, names: tuple[str, ...] = DEMO) -> list[Path]:
    """The bundled invented exports, copied so the test may drop or read them freely."""
    copies = []
    for name in names:
        target = folder / name
        shutil.copyfile(paths.resource("demo") / name, target)
        copies.append(target)
    return copies


def _drop(page, urls: list[QUrl]) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    """Drag `urls` over the page and drop them, as Explorer would; (enter, drop) accepted."""
    data = QMimeData()
    data.setUrls(urls)
    centre = page.rect().center()
    enter = QDragEnterEvent(
        QPoint(centre),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, enter)
    drop = QDropEvent(
        QPointF(centre),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(page, drop)
    return enter.isAccepted(), drop.isAccepted()


def test_files_dropped_on_the_page_are_looked_at_and_listed(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path
) -> None:
    window.new_review()
    page = window.sources
    files = _demo_copies(tmp_path)
    entered, dropped = _drop(page, [QUrl.fromLocalFile(str(f)) for f in files])
    assert entered and dropped
    wait_idle(qtbot, window)
    kinds = {e.name: e.kind for e in page.model.entries}
    assert kinds == {
        "emis_maternal_search.csv": "search",
        "systmone_school_search.csv": "search",
        "cqrs_figures.csv": "cqrs",
    }
    assert all(e.waiting for e in page.model.entries)
    assert page.import_button.isEnabled()
    # the last file dropped is selected and previewed with its columns
    assert page.current_entry().name == "cqrs_figures.csv"
    page.view.selectRow(0)
    assert page.preview.model.rowCount() > 0
    assert "→" in page.preview.model.horizontalHeaderItem(0).text()
    # rows are numbered as in the file (the patient card says "row N" the same way)
    entry = page.current_entry()
    first_data_line = entry.preview.header_row + 1
    assert page.preview.model.verticalHeaderItem(0).text() == str(first_data_line)


def test_a_drop_of_no_local_file_is_refused(qtbot, window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window.new_review()
    folder = tmp_path / "a folder"
    folder.mkdir()
    _entered, dropped = _drop(
        window.sources, [QUrl("https://example.org/search.csv"), QUrl.fromLocalFile(str(folder))]
    )
    assert not dropped
    assert not window.ops.busy
    assert window.sources.model.entries == []


def test_cancelling_a_long_import_stops_between_files_and_creates_nothing(  # type: ignore[no-untyped-def]
    qtbot, window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cqrs_desktop import session

    window.new_review()
    page = window.sources
    page.add_files(_demo_copies(tmp_path))
    wait_idle(qtbot, window)
    reading, carry_on = threading.Event(), threading.Event()
    read: list[str] = []
    real_read = session.read_search

    def slow_read(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        read.append(path.name)
        reading.set()
        carry_on.wait(10)  # a big file: still reading when the user presses Cancel
        return real_read(path, *args, **kwargs)

    monkeypatch.setattr(session, "read_search", slow_read)
    problems_before = list(messages.last_problem)
    page.request_import()
    qtbot.waitUntil(reading.is_set, timeout=10000)
    (operation,) = window.ops.running
    cancel = next(b for b in operation.dialog.findChildren(QPushButton) if b.text() == "Cancel")
    cancel.click()
    qtbot.wait(50)  # progress already on its way must not undo "Stopping…"
    assert operation.dialog.labelText() == "Stopping…"
    carry_on.set()
    wait_idle(qtbot, window)
    assert read == ["emis_maternal_search.csv"], "the cancel is noticed before the next file"
    assert window.session is None
    assert not list(paths.reviews_dir().glob("*.cqrsreview")), "no review file was made"
    assert messages.last_problem == problems_before, "a cancel is not reported as a problem"
    assert [e.name for e in page.waiting] == list(DEMO), "the files wait to be imported again"


def test_files_in_the_review_show_their_first_rows_and_columns(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(0)
    page = window.sources
    names = [e.name for e in page.model.entries]
    page.view.selectRow(names.index("emis_maternal_search.csv"))
    preview = page.preview.model
    assert preview.rowCount() > 0
    headers = [preview.horizontalHeaderItem(c).text() for c in range(preview.columnCount())]
    assert headers[0] == "Line"
    assert any("→ NHS number" in h for h in headers)
    column = next(c for c, h in enumerate(headers) if "→ NHS number" in h)
    assert preview.item(0, column).text().startswith("999 ")
    assert "In the review" in page.preview.note.text()
    page.view.selectRow(names.index("cqrs_figures.csv"))
    assert preview.rowCount() > 0
    assert "claimed counts" in page.preview.note.text()
