"""The status bar's messages wrap rather than being cut off mid-word (decision 231): at
1366x768 and 125% what a carry did ended "... see the Overview and Files) (an"."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

LONG = (
    "16 decisions carried from earlier reviews (2 seen corrected in the latest search, "
    "1 not yet corrected: see the Overview and Files) (and 3 vaccinations left to decide "
    "again: earlier reviews differ)"
)


def test_a_long_message_is_shown_whole_on_more_lines(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    win = window
    win.resize(900, 600)  # a laptop's window at 125%, or narrower
    QApplication.processEvents()
    bar = win.statusBar()
    line = bar.fontMetrics().height()
    bar.showMessage("Saved", 5000)
    qtbot.wait(100)
    short_height = bar.height()
    assert short_height < 2 * line

    bar.showMessage(LONG, 10000)
    assert bar.currentMessage() == LONG
    # the bar grows to the lines the message needs beside "N of M checked" and "saved"
    qtbot.waitUntil(lambda: bar.height() >= short_height + line)
    bar.clearMessage()
    assert bar.currentMessage() == ""
    qtbot.waitUntil(lambda: bar.height() < short_height + line)


def test_a_message_goes_after_its_time(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    bar = window.statusBar()
    bar.showMessage("Files added to the review and saved", 50)
    assert bar.currentMessage() == "Files added to the review and saved"
    qtbot.waitUntil(lambda: bar.currentMessage() == "", timeout=2000)
    bar.showMessage("Kept", 0)
    qtbot.wait(100)
    assert bar.currentMessage() == "Kept"
