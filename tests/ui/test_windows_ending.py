"""Windows logging off or shutting down with a review open (decision 466). Qt 6 closes no
window then: it asks the application to save its data (`commitDataRequest`), and Windows
ends the process soon after. A note typed in the last moment (saved 0.7 s after the last
key otherwise) and the window's size and place are saved when it asks.

Not played here: Windows' own log-off. Under Wine, Qt makes no real top-level window to
send the log-off messages to."""

from __future__ import annotations

import contextlib
import sqlite3

from PySide6.QtCore import SIGNAL, QSettings
from PySide6.QtWidgets import QApplication

from cqrs_desktop import paths
from cqrs_desktop.ui.main_window import WALKTHROUGH

from .conftest import wait_idle


def test_a_note_typed_just_before_log_off_is_saved(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.open_demo()
    wait_idle(qtbot, window)
    window.show_page(WALKTHROUGH)
    page = window.walkthrough
    event_id = window.session.walk.current.id
    page.note.setFocus()
    qtbot.keyClicks(page.note, "Seen at antenatal clinic")
    window.resize(1100, 700)
    assert page._note_timer.isActive()  # not saved yet: 0.7 s after the last key

    # Windows' log-off reaches the app as Qt's commitDataRequest; Qt gives no way to make
    # its session manager here, so the window's answer to it is called as Qt would
    app = QApplication.instance()
    assert app.receivers(SIGNAL("commitDataRequest(QSessionManager&)")) >= 1
    window._windows_ending(None)

    assert not page._note_timer.isActive()
    place = QSettings(str(paths.config_dir() / "window.ini"), QSettings.Format.IniFormat)
    assert place.value("geometry") == window.saveGeometry()
    # the review stays open: another program may stop the log-off, and work goes on
    assert window.session is not None and page.note.toPlainText() == "Seen at antenatal clinic"
    assert window.session.failure is None
    # as the file holds it (Windows ends the process here: nothing more is written)
    path = window.session.path
    window.session.close()  # lets go of the file, to read it beside the window
    window.session = None
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as stored:
        saved = stored.execute("SELECT note FROM decisions WHERE event_id = ?", (event_id,))
        assert saved.fetchone() == ("Seen at antenatal clinic",)
