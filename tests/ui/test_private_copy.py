"""A patient's details copied from the window are marked for Windows to keep out of its
clipboard history (Win+V) and cloud clipboard (decision 401): the NHS number (the Copy
button and Ctrl+C on the card), words selected on a card, a cell of the event list or of
a file's first rows, and a note. The email's counts are copied plainly."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMenu

from cqrs_desktop.domain.model import Decision
from cqrs_desktop.ui.clipboard import PRIVATE_FORMATS, windows_format
from cqrs_desktop.ui.main_window import RESULTS, SOURCES, WALKTHROUGH

from .conftest import wait_idle

REPO = Path(__file__).resolve().parents[2]


def _kept_out() -> bool:
    """Whether what is on the clipboard carries each of Windows' formats saying "not in
    the history, not to the cloud" (a DWORD 0)."""
    mime = QGuiApplication.clipboard().mimeData()
    return all(
        bytes(mime.data(windows_format(name)).data()) == value
        for name, value in PRIVATE_FORMATS.items()
    )


def _checking(qtbot, window):  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(WALKTHROUGH)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    QGuiApplication.clipboard().clear()
    return window.walkthrough


def test_the_nhs_number_is_kept_out_of_the_clipboard_history(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _checking(qtbot, window)
    digits = window.session.walk.current.nhs_number
    page.patient.copy_button.click()
    assert QGuiApplication.clipboard().text() == digits
    assert _kept_out()
    QGuiApplication.clipboard().clear()
    page.focus_card()
    qtbot.waitUntil(page.patient.hasFocus)
    qtbot.keyClick(page.patient, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == digits
    assert _kept_out()


def test_words_selected_on_the_card_are_kept_out(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Selected with the mouse, then Copy on the right-click menu (Ctrl+C on the card is
    its NHS number's, above)."""
    page = _checking(qtbot, window)
    name = page.patient.values["Name"]
    name.setSelection(0, len(name.text()))
    chosen: list[str] = []

    def choose_copy() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        chosen.extend(a.text() for a in menu.actions())
        next(a for a in menu.actions() if a.text() == "&Copy").trigger()
        menu.close()

    QTimer.singleShot(200, choose_copy)
    at = QPoint(2, 2)
    QApplication.sendEvent(
        name, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, name.mapToGlobal(at))
    )
    assert chosen == ["&Copy", "Select &All"]
    assert QGuiApplication.clipboard().text() == name.text() != ""
    assert _kept_out()


def test_ctrl_c_on_words_selected_on_the_card_copies_them(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+C with a name selected on the card copies the name, as Copy on its menu does
    (decision 465): the card's own Ctrl+C, its NHS number, is for when nothing is
    selected. Nothing selected any more, Ctrl+C is the NHS number's again."""
    page = _checking(qtbot, window)
    name = page.patient.values["Name"]
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    name.setSelection(0, len(name.text()))
    qtbot.keyClick(name, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == name.text() != ""
    assert _kept_out()
    name.setSelection(0, 0)
    qtbot.keyClick(name, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == window.session.walk.current.nhs_number
    assert _kept_out()


def test_a_cell_of_the_event_list_is_kept_out(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _checking(qtbot, window)
    view = page.events.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    shown = view.currentIndex().data(Qt.ItemDataRole.DisplayRole)
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == shown != ""
    assert _kept_out()


def test_a_note_copied_or_cut_is_kept_out(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    page = _checking(qtbot, window)
    page.decide(Decision.UNSURE)
    window.session.go_to_first_pending()
    page.refresh()
    note = page.note
    note.setFocus()
    qtbot.keyClicks(note, "Letter from maternity unit")
    note.selectAll()
    qtbot.keyClick(note, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "Letter from maternity unit"
    assert _kept_out()
    QGuiApplication.clipboard().clear()
    note.cut()
    assert QGuiApplication.clipboard().text() == "Letter from maternity unit"
    assert _kept_out()


def test_a_cell_of_a_files_first_rows_is_kept_out(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _checking(qtbot, window)
    window.show_page(SOURCES)
    files = window.sources
    files.view.selectRow(0)
    table = files.preview.table
    qtbot.waitUntil(lambda: table.model().rowCount() > 0)
    table.setCurrentIndex(table.model().index(0, 1))
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == table.currentIndex().data() != ""
    assert _kept_out()


def test_the_emails_counts_are_copied_plainly(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    _checking(qtbot, window)
    window.show_page(RESULTS)
    results = window.results
    qtbot.waitUntil(lambda: results.body.toPlainText() != "")
    results.copy_body.click()
    assert QGuiApplication.clipboard().text() == results.body.toPlainText()
    assert not _kept_out()


_ON_WINDOWS_CLIPBOARD = r"""
import ctypes, json, sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication
app = QApplication([])
from cqrs_desktop.ui.clipboard import copy_private
copy_private("9995775484")
app.processEvents()
user32, kernel32 = ctypes.windll.user32, ctypes.windll.kernel32
user32.GetClipboardData.restype = ctypes.c_void_p
kernel32.GlobalLock.restype = ctypes.c_void_p
kernel32.GlobalLock.argtypes = kernel32.GlobalSize.argtypes = [ctypes.c_void_p]
kernel32.GlobalUnlock.argtypes = [ctypes.c_void_p]
found = {}
assert user32.OpenClipboard(None)
try:
    for name in sys.argv[2:]:
        handle = user32.GetClipboardData(user32.RegisterClipboardFormatW(name))
        if handle:
            data = ctypes.string_at(kernel32.GlobalLock(handle), kernel32.GlobalSize(handle))
            kernel32.GlobalUnlock(handle)
            found[name] = data.hex()
finally:
    user32.CloseClipboard()
print(json.dumps({"platform": app.platformName(), "found": found}))
"""


@pytest.mark.skipif(sys.platform != "win32", reason="Windows' own clipboard")
def test_windows_own_clipboard_is_told(tmp_path: Path) -> None:
    """On Windows' clipboard itself (Qt's windows platform, not the tests' offscreen one),
    each format is there as Windows reads it."""
    env = dict(os.environ, QT_QPA_PLATFORM="windows")
    done = subprocess.run(
        [sys.executable, "-c", _ON_WINDOWS_CLIPBOARD, str(REPO), *PRIVATE_FORMATS],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    said = json.loads(done.stdout.strip().splitlines()[-1])
    assert said["platform"] == "windows"
    assert said["found"] == {name: value.hex() for name, value in PRIVATE_FORMATS.items()}


def test_a_cell_of_fix_columns_first_rows_is_kept_out(qtbot, window, rules) -> None:  # type: ignore[no-untyped-def]
    from cqrs_desktop import paths
    from cqrs_desktop.sources.preview import inspect_file
    from cqrs_desktop.ui.mapping_dialog import MappingDialog

    search = next(paths.demo_inputs_dir().glob("*_search.csv"))
    dialog = MappingDialog(window, inspect_file(search, rules))
    dialog.open()
    qtbot.waitExposed(dialog)
    table = dialog.table
    table.setCurrentCell(1, 0)  # the first row of the file (row 0 is the column choices)
    table.setFocus()
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == table.currentItem().text() != ""
    assert _kept_out()
    dialog.reject()
